"""`summarizer brief PATH|-`: one article in, one brief out (JSON, Markdown or a self-contained HTML page)."""

from __future__ import annotations

import argparse

from .common import add_provider_options, announce_endpoint, emit

EXAMPLES = """examples:
  OPENAI_API_KEY=sk-... summarizer brief article.txt --model gpt-4.1-mini --out brief.json
  summarizer brief article.txt --base-url http://localhost:8080/v1 --model my-model --format html --out brief.html
  summarizer brief - --format md < article.txt
  summarizer brief seeds/000_6e43a06edc57ceb0.txt --local      # the embedded offline model (a toy)
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "brief",
        help="summarize one article",
        description=__doc__,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", help="article file (UTF-8 text), or - for standard input")
    parser.add_argument("--format", choices=["json", "md", "html"], default="json", help="default: json")
    parser.add_argument("--out", metavar="FILE", help="write here (atomically); default or -: standard output")
    add_provider_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..article_input import read_article
    from ..config import CLI_NAMES
    from ..pipeline import Summarizer
    from ..provider.endpoint import open_endpoint

    text = read_article(args.path)
    limits = {"max_reasks": args.max_reasks, "deadline": args.deadline, "max_tokens": args.max_tokens}
    with open_endpoint(
        local=args.local, model=args.model, base_url=args.base_url, api_key=args.api_key, mode=args.mode,
        names=CLI_NAMES,
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
