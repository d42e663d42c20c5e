"""`summarizer brief PATH|-`: one article in, one brief out (JSON, Markdown or a self-contained HTML page)."""

from __future__ import annotations

import argparse
import sys

from .common import add_provider_options, announce_endpoint, emit


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("brief", help="summarize one article", description=__doc__)
    parser.add_argument("path", help="article file (UTF-8 text), or - for standard input")
    parser.add_argument("--format", choices=["json", "md", "html"], default="json")
    parser.add_argument("--out", help="write here (atomically) instead of standard output")
    add_provider_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..article_input import decode_article, read_article
    from ..pipeline import Summarizer
    from ..provider.endpoint import open_endpoint

    if args.path == "-":
        text = decode_article(sys.stdin.buffer.read(), name="standard input")
    else:
        text = read_article(args.path)
    limits = {"max_reasks": args.max_reasks, "deadline": args.deadline, "max_tokens": args.max_tokens}
    with open_endpoint(
        local=args.local, model=args.model, base_url=args.base_url, api_key=args.api_key, mode=args.mode,
        **{k: v for k, v in limits.items() if v is not None},
    ) as config:
        announce_endpoint(config)
        with Summarizer(config) as summarizer:
            brief = summarizer.summarize(text)
    emit(render(brief, args.format, text), args.out, f"{len(brief.claims)} claims")
    return 0


def render(brief, fmt: str, article: str | None = None) -> str:  # type: ignore[no-untyped-def]
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
