"""The exact request the pipeline sends for an article, printed without calling any model.

`python -m summarizer.request_preview ARTICLE` is how a strong reader, an annotator or a prompt
author sees what the model sees (messages plus function schema), or with `--sentences` the
article's numbered sentences. It sits above the pipeline (it prepares the article as the pipeline
does), so it is its own module rather than part of `prompts`, which the pipeline imports.
"""

from __future__ import annotations

import argparse
import json
import sys

from .article_input import decode_article
from .config import OutputMode, ProviderConfig
from .pipeline import prepare
from .prompts import OMITTED_REASONS
from .provider.request import request_body
from .segment import segment


def request_preview(text: str, *, model: str = "gpt-4.1-mini", mode: str = "tools") -> dict[str, object]:
    """The exact request body the pipeline sends for `text`.

    Messages plus the function schema (tools mode) or response format, as instructor builds it.
    No network, no key.
    """
    config = ProviderConfig(model=model, mode=OutputMode(mode))
    prepared = prepare(text, config)
    return request_body(config, prepared.prompt, prepared.grounding)


def main(argv: list[str] | None = None) -> int:
    """`python -m summarizer.request_preview ARTICLE [--sentences] [--mode tools|json_schema|json] [--model M]`.

    Prints the exact request (messages and function schema, JSON) the pipeline would send for the
    article, or with `--sentences` the article's sentences as the model sees them ([S1] ...).
    """
    parser = argparse.ArgumentParser(prog="python -m summarizer.request_preview", description=main.__doc__)
    parser.add_argument("article", help="article file (UTF-8 text)")
    parser.add_argument("--sentences", action="store_true", help="print the numbered sentences only")
    parser.add_argument("--mode", default="tools", choices=["tools", "json_schema", "json"])
    parser.add_argument("--model", default="gpt-4.1-mini")
    args = parser.parse_args(argv)
    with open(args.article, "rb") as handle:
        text = decode_article(handle.read(), name=args.article)
    if args.sentences:
        for sentence in segment(text).sentences:
            shown = sentence.text if sentence.citable else f"omitted: {OMITTED_REASONS[sentence.kind]}"
            sys.stdout.write(f"[{sentence.id}] {shown}\n")
        return 0
    body = request_preview(text, model=args.model, mode=args.mode)
    sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
