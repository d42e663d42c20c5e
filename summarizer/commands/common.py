"""Options and helpers shared by the subcommands that call a model."""

from __future__ import annotations

import argparse
import importlib.util
import sys

from ..config import OutputMode, ProviderConfig


def add_provider_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "model endpoint",
        "A flag beats its environment variable; whatever is set is used or refused, never replaced.\n"
        "The embedded model runs only with --local, or when no model, base URL or key is set anywhere.",
    )
    group.add_argument("--model", help="model name (default: $SUMMARIZER_MODEL, else gpt-4.1-mini)")
    group.add_argument(
        "--base-url",
        metavar="URL",
        help="OpenAI-compatible endpoint, with http(s):// (default: $OPENAI_BASE_URL, else OpenAI)",
    )
    group.add_argument("--api-key", metavar="KEY", help="API key (default: $OPENAI_API_KEY; prefer the variable)")
    group.add_argument(
        "--mode", choices=[m.value for m in OutputMode], help="structured-output mode (default: tools; json embedded)"
    )
    group.add_argument(
        "--max-reasks", type=int, metavar="N", help="times invalid output is sent back (default: 2; 0 embedded)"
    )
    group.add_argument(
        "--deadline", type=float, metavar="SECONDS", help="per article, retries included (default: 180; 240 embedded)"
    )
    group.add_argument(
        "--max-tokens", type=int, metavar="N", help="output token limit per answer (default: 4096; 896 embedded)"
    )
    group.add_argument(
        "--local", action="store_true", help="use the embedded offline model (needs the 'local' extra; a toy model)"
    )


# The modules each optional extra of pyproject.toml brings (see README, "Install").
EXTRA_MODULES = {"eval": ("sacrebleu", "yaml", "anyascii")}


def require_extra(extra: str, what: str) -> None:
    """Refuse to start `what` (exit 3, naming the extra) when one of the extra's modules is missing."""
    from ..errors import MissingExtraError

    if any(importlib.util.find_spec(module) is None for module in EXTRA_MODULES[extra]):
        raise MissingExtraError(what, extra=extra)


def say(message: str) -> None:
    """A status line on stderr, so stdout stays clean for the result."""
    print(f"summarizer: {message}", file=sys.stderr)


STDIO = "-"  # standard input where a file is read, standard output where one is written


def refuse_stdio(option: str, value: str | None, why: str) -> None:
    """Refuse `-` for an option that needs a real file, saying why."""
    from ..errors import ConfigurationError

    if value == STDIO:
        raise ConfigurationError(f"{option} cannot be - (standard input or output): {why}")


def one_stdout(**outputs: str | None) -> None:
    """Refuse a run that would write more than one result to standard output (`-` or the default)."""
    from ..errors import ConfigurationError

    on_stdout = [f"--{name.replace('_', '-')}" for name, value in outputs.items() if value == STDIO]
    if len(on_stdout) > 1:
        raise ConfigurationError(f"only one output can go to standard output, not {' and '.join(on_stdout)}")


def emit(text: str, out: str | None, what: str = "") -> None:
    """Write a result to `out` atomically (with a status line), or to stdout when `out` is None or `-`."""
    if out and out != STDIO:
        from ..output import write_atomic

        write_atomic(out, text)
        say(f"wrote {out}" + (f" ({what})" if what else ""))
    else:
        sys.stdout.write(text)


def announce_endpoint(config: ProviderConfig) -> None:
    """Say on stderr which model and endpoint a run uses, and what the embedded model is worth."""
    say(f"model {config.model} at {config.endpoint_host} ({config.provider}, mode {config.mode.value})")
    if config.provider == "embedded":
        from ..embedded.model import NOTICE

        say(NOTICE)
