"""`summarizer brief PATH|URL|-`: one article in, one brief out (JSON, Markdown or a self-contained HTML page).

The article is UTF-8 text, or a saved web page (.html, or anything that starts like HTML),
or the page at an http(s) URL: a page's main text is extracted first, and the brief's offsets
point into that text (kept in the brief as `metadata.page.text`)."""

from __future__ import annotations

import argparse
import sys

from .common import add_provider_options, announce_endpoint, emit


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("brief", help="summarize one article", description=__doc__)
    parser.add_argument(
        "path", help="article file (UTF-8 text or a saved HTML page), an http(s) URL, or - for standard input"
    )
    parser.add_argument("--format", choices=["json", "md", "html"], default="json")
    parser.add_argument("--out", help="write here (atomically) instead of standard output")
    add_provider_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..article_input import decode_article, read_bytes
    from ..page import fetch, is_url, looks_like_html
    from ..pipeline import Summarizer
    from ..provider.endpoint import open_endpoint

    page: bytes | None = None
    url: str | None = None
    text = ""
    if is_url(args.path):
        url = args.path
        page = fetch(url)
    elif args.path == "-":
        data = sys.stdin.buffer.read()
        if looks_like_html(data):
            page = data
        else:
            text = decode_article(data, name="standard input")
    else:
        data = read_bytes(args.path)
        if looks_like_html(data, args.path):
            page = data
        else:
            text = decode_article(data, name=args.path)
    limits = {"max_reasks": args.max_reasks, "deadline": args.deadline, "max_tokens": args.max_tokens}
    with open_endpoint(
        local=args.local, model=args.model, base_url=args.base_url, api_key=args.api_key, mode=args.mode,
        **{k: v for k, v in limits.items() if v is not None},
    ) as config:
        announce_endpoint(config)
        with Summarizer(config) as summarizer:
            if page is not None:
                brief = summarizer.summarize_page(page, url=url)
                assert brief.metadata is not None and brief.metadata.page is not None
                text = brief.metadata.page.text  # what the offsets point into
            else:
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
