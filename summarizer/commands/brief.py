"""`summarizer brief PATH|URL|-`: one article in, one brief out (JSON, Markdown or a self-contained HTML page).

The article is UTF-8 text, or a saved web page (.html, or anything that starts like HTML),
or the page at an http(s) URL: a page's main text is extracted first, and the brief's offsets
point into that text (kept in the brief as `metadata.page.text`).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .common import add_provider_options, check_out, emit, endpoint_from_args

if TYPE_CHECKING:
    from ..schema import Brief

EXAMPLES = """examples:
  OPENAI_API_KEY=sk-... summarizer brief article.txt --model gpt-4.1-mini --out brief.json
  summarizer brief article.txt --base-url http://localhost:8080/v1 --model my-model --format html --out brief.html
  summarizer brief - --format md < article.txt
  summarizer brief saved-page.html --format html --out brief.html   # a web page: its main text is extracted
  summarizer brief seeds/000_6e43a06edc57ceb0.txt --local      # the embedded offline model (a toy)
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "brief",
        help="summarize one article",
        description=__doc__,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "path", help="article file (UTF-8 text or a saved HTML page), an http(s) URL, or - for standard input"
    )
    parser.add_argument("--format", choices=["json", "md", "html"], default="json", help="default: json")
    parser.add_argument("--out", metavar="FILE", help="write here (atomically); default or -: standard output")
    add_provider_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..article_input import decode_article, read_bytes
    from ..page import fetch, is_url, looks_like_html
    from ..pipeline import Summarizer

    check_out(args.out, inputs=[args.path])  # before any paid call
    page: bytes | None = None
    url: str | None = None
    text = ""
    if is_url(args.path):
        url = args.path
        page = fetch(url)
    else:
        stdin = args.path == "-"
        data = read_bytes(args.path)
        if looks_like_html(data, "" if stdin else args.path):
            page = data
        else:
            text = decode_article(data, name="standard input" if stdin else args.path)
    with endpoint_from_args(args) as config, Summarizer(config) as summarizer:
        if page is not None:
            brief = summarizer.summarize_page(page, url=url)
            assert brief.metadata is not None and brief.metadata.page is not None
            text = brief.metadata.page.text  # what the offsets point into
        else:
            brief = summarizer.summarize(text)
    paid = brief.model_dump_json(indent=2)  # kept in a recovery file if the write fails
    emit(render(brief, args.format, text), args.out, f"{len(brief.claims)} claims", keep=paid)
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
