"""Summarize an article, then read the brief three ways: in Python, as Markdown and as an HTML page.

    export OPENAI_API_KEY=sk-...                       # OpenAI, or any OpenAI-compatible server:
    export OPENAI_BASE_URL=http://localhost:8080/v1 SUMMARIZER_MODEL=my-model
    python examples/quickstart.py seeds/000_6e43a06edc57ceb0.txt out/

Writes out/brief.json, out/brief.md and out/brief.html, then summarizes the same article
twice more through `summarize_many` (the batch engine) to show its results.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from summarizer import Summarizer, SummarizerError, render_html, render_markdown, summarize, summarize_many


def main(article: Path, out: Path) -> None:
    text = article.read_text(encoding="utf-8")
    brief = summarize(text)  # endpoint and model from the environment; or pass model=, base_url=, api_key=

    print(brief.headline.en)
    for claim in brief.claims:
        who = claim.attribution
        print(f"{claim.id} [{who.source_type.value}, {claim.certainty.value}] {who.source_en}: {claim.statement.en}")
        for span in claim.evidence:
            assert text[span.start : span.end] == span.quote  # every quote is the article's own words

    out.mkdir(parents=True, exist_ok=True)
    (out / "brief.json").write_text(brief.model_dump_json(indent=2), encoding="utf-8")
    (out / "brief.md").write_text(render_markdown(brief), encoding="utf-8")
    (out / "brief.html").write_text(render_html(brief, text), encoding="utf-8")
    print(f"wrote {out / 'brief.json'}, {out / 'brief.md'} and {out / 'brief.html'}")

    async def many() -> None:
        # Strings, paths and (id, text) pairs; results arrive as each article finishes.
        async with Summarizer() as summarizer:
            async for result in summarize_many([("by-text", text), article], summarizer, concurrency=2):
                print(result.id, f"{len(result.brief.claims)} claims" if result.brief else f"failed: {result.error}")

    asyncio.run(many())


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    try:
        main(Path(sys.argv[1]), Path(sys.argv[2]))
    except SummarizerError as exc:  # every known failure: one line and the CLI's exit code
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
