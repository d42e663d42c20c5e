"""Is it a brief at all, and is every quote really in the article where it says?"""

from __future__ import annotations

from ...grounding import ground_quote
from ...schema import QuoteDraft, Span
from .base import Context, Score, metric


def schema_validity(failure: str | None) -> Score:
    """1 when the output validated as a `Brief`, 0 (with the reason) when there was none."""
    if failure is None:
        return Score(1.0, "the output is a valid Brief")
    return Score(0.0, f"no valid brief: {failure}")


def _span_problem(ctx: Context, where: str, span: Span) -> str | None:
    located = ground_quote(ctx.article, QuoteDraft(sentence_id=span.sentence_id, quote=span.quote))
    if isinstance(located, str):
        return f"{where}: {located}"
    sentence = ctx.article.by_id[span.sentence_id]
    if (
        not (sentence.start <= span.start < span.end <= sentence.end)
        or ctx.article.text[span.start : span.end] != span.quote
    ):
        return f"{where}: offsets {span.start}:{span.end} do not hold the quote"
    return None


@metric(
    "grounding_rate",
    family="grounding",
    description="share of evidence spans (claims and key facts) found verbatim, at their offsets, in a story sentence",
)
def grounding_rate(ctx: Context) -> Score:
    spans = [(f"{c.id}.evidence[{j}]", s) for c in ctx.brief.claims for j, s in enumerate(c.evidence)]
    spans += [(f"key_facts[{i}].evidence", f.evidence) for i, f in enumerate(ctx.brief.key_facts)]
    problems = [p for where, span in spans if (p := _span_problem(ctx, where, span))]
    return Score.ratio(
        len(spans) - len(problems),
        len(spans),
        "evidence spans are grounded",
        empty="no evidence spans",
        problems=problems,
    )
