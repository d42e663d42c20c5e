"""Options and helpers shared by the subcommands that call a model."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

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


def check_out(out: str | None, *, inputs: Sequence[str | None] = (), what: str = "--out") -> None:
    """Refuse an output target before any paid work (`output.check_output_path`); `-` is stdout."""
    if out and out != "-":
        from ..output import check_output_path

        check_output_path(out, inputs=[p for p in inputs if p and p != "-"], what=what)


def emit(text: str, out: str | None, what: str = "", *, keep: str | None = None) -> None:
    """Write a result to `out` atomically (with a status line), or to stdout when no file is named (or `-`).

    `keep` is the paid-for result (a brief's JSON): if the write fails, it is saved to a
    recovery file and the `OutputError` says where.
    """
    if not out or out == "-":
        sys.stdout.write(text)
        return
    from ..errors import OutputError
    from ..output import check_output_path, save_recovery, write_atomic

    try:
        if check_output_path(out) is None:
            say(f"discarded the result: {out} is the null device")
            return
        write_atomic(out, text, what="--out")
    except (OSError, OutputError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        if keep is None:
            raise OutputError(f"cannot write {out}: {reason}") from None
        saved = save_recovery(keep, "brief")
        if saved is None:
            sys.stdout.write(keep)
            raise OutputError(f"cannot write {out}: {reason}; the brief was printed on standard output") from None
        raise OutputError(
            f"cannot write {out}: {reason}; the brief was saved to {saved} (`summarizer render {saved}` shows it)",
            saved_to=str(saved),
        ) from None
    say(f"wrote {out}" + (f" ({what})" if what else ""))


def announce_endpoint(config: ProviderConfig) -> None:
    """Say on stderr which model and endpoint a run uses, and what the embedded model is worth."""
    say(f"model {config.model} at {config.endpoint_host} ({config.provider}, mode {config.mode.value})")
    if config.provider == "embedded":
        from ..embedded.model import NOTICE

        say(NOTICE)
