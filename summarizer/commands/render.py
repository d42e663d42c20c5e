"""`summarizer render BRIEF.json`: show a saved brief as Markdown or a self-contained HTML page.

The HTML view highlights each claim's evidence in the original article, so it needs that
article (`--article`); it refuses an article whose sha256 differs from the one recorded in
the brief's metadata, or whose text at the evidence offsets is not what the brief quotes.
"""

from __future__ import annotations

import argparse

from .common import STDIO, emit

EXAMPLES = """examples:
  summarizer render brief.json --article article.txt --out brief.html
  summarizer render brief.json --format md
  summarizer brief article.txt | summarizer render - --article article.txt --out brief.html
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "render",
        help="render a saved brief (JSON) as Markdown or HTML",
        description=__doc__,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("brief", help="a brief as written by `summarizer brief` (JSON), or - for standard input")
    parser.add_argument("--format", choices=["html", "md"], default="html", help="output format (default: html)")
    parser.add_argument(
        "--article", metavar="FILE", help="the article the brief was made from, or - (needed for --format html)"
    )
    parser.add_argument("--out", metavar="FILE", help="write here (atomically); default or -: standard output")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..article_input import read_article
    from ..brief_file import read_brief
    from .brief import render

    if args.brief == STDIO and args.article == STDIO:
        from ..errors import ConfigurationError

        raise ConfigurationError("the brief and --article cannot both be - (there is one standard input)")
    brief = read_brief(args.brief)
    article = read_article(args.article) if args.article else None
    emit(render(brief, args.format, article), args.out, f"{len(brief.claims)} claims")
    return 0
