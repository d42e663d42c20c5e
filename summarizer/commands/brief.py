"""`summarizer brief PATH|-`: one article in, one brief out (JSON, Markdown or a self-contained HTML page)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from .common import add_provider_options, emit, endpoint_from_args

if TYPE_CHECKING:
    from ..schema import Brief


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("brief", help="summarize one article", description=__doc__)
    parser.add_argument("path", help="article file (UTF-8 text), or - for standard input")
    parser.add_argument("--format", choices=["json", "md", "html"], default="json")
    parser.add_argument("--out", help="write here (atomically) instead of standard output")
    add_provider_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..article_input import decode_article, read_article
    from ..pipeline import Summarizer

    if args.path == "-":
        text = decode_article(sys.stdin.buffer.read(), name="standard input")
    else:
        text = read_article(args.path)
    with endpoint_from_args(args) as config, Summarizer(config) as summarizer:
        brief = summarizer.summarize(text)
    emit(render(brief, args.format, text), args.out, f"{len(brief.claims)} claims")
    return 0


def render(brief: Brief, fmt: str, article: str | None = None) -> str:
    """The brief as text in `fmt` (json, md or html); html needs the article it was made from."""
    if fmt == "md":
        from ..render.markdown import render_markdown

        return render_markdown(brief)
    if fmt == "html":
        from ..errors import InputError
        from ..render.html import render_html

        if article is None:
            raise InputError("the HTML view needs the article text (give it with --article)")
        return render_html(brief, article)
    return brief.model_dump_json(indent=2) + "\n"
