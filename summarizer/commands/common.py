"""Options and helpers shared by the subcommands that call a model."""

from __future__ import annotations

import argparse
import sys

from ..config import OutputMode, ProviderConfig


def add_provider_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("model endpoint")
    group.add_argument("--model", help="model name (default: $SUMMARIZER_MODEL, or the embedded model)")
    group.add_argument("--base-url", help="OpenAI-compatible endpoint (default: $OPENAI_BASE_URL)")
    group.add_argument("--api-key", help="API key (default: $OPENAI_API_KEY; prefer the variable)")
    group.add_argument("--mode", choices=[m.value for m in OutputMode], help="structured-output mode")
    group.add_argument("--max-reasks", type=int, help="times invalid output is sent back (default 2)")
    group.add_argument("--deadline", type=float, help="seconds allowed per article, retries included")
    group.add_argument("--max-tokens", type=int, help="output token limit per answer")
    group.add_argument("--local", action="store_true", help="use the embedded local model")


def say(message: str) -> None:
    """A status line on stderr, so stdout stays clean for the result."""
    print(f"summarizer: {message}", file=sys.stderr)


def emit(text: str, out: str | None, what: str = "") -> None:
    """Write a result to `out` atomically (with a status line), or to stdout when no file is named."""
    if out:
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
