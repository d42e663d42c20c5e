"""The `summarizer` command line: a thin dispatcher over `summarizer/commands/*`.

Each subcommand lives in its own module with `register(subparsers)`; heavy libraries are
imported inside the command, so `summarizer --help` stays fast. Known failures print one
line on stderr and exit non-zero; a traceback appears only with `--debug`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Any

COMMANDS = ("brief", "eval", "batch", "render")


class _VersionAction(argparse.Action):
    """`--version`: print the installed version and exit; package metadata is read only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        from .resources import version

        print(f"{parser.prog} {version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarizer",
        description="Turn news articles into attributed, grounded bilingual (Arabic + English) briefs.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks for unexpected errors")
    parser.add_argument("--version", action=_VersionAction, help="print the version and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"summarizer.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"summarizer.commands.{name}":
                continue  # command not part of this build
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from .errors import SummarizerError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except SummarizerError as exc:
        print(f"summarizer: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("summarizer: interrupted; nothing partial was written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # last resort: one line, not a traceback
        if args.debug:
            raise
        print(f"summarizer: internal error: {type(exc).__name__}: {exc} (rerun with --debug)", file=sys.stderr)
        return 70


def run() -> None:
    sys.exit(main())
