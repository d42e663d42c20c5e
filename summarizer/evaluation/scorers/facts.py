"""Key facts against the gold's numbers and dates: found at all, and with the right qualifier.

Values are normalized (rule `values` of the scheme), so they are compared as they are: a
predicted key fact is a gold fact of the same kind when their values are equal (1.0) or one
names part of the other's day ("today" for "today/thursday": 0.8), and, to tell apart two facts
with equal values, when their evidence spans share characters: score = value agreement + 0.5
if the spans overlap; pairs scoring at least 0.8 are matched one to one, highest first.
"""

from __future__ import annotations

from ...schema import KeyFact
from ..gold import GoldFact
from .base import Context, Score, metric

FACT_MATCH = 0.8


def _value(text: str) -> str:
    return " ".join(text.lower().split())


def value_agreement(predicted: str, gold: str) -> float:
    p, g = _value(predicted), _value(gold)
    if p == g:
        return 1.0
    p_parts, g_parts = set(p.split("/")), set(g.split("/"))
    return 0.8 if p_parts < g_parts or g_parts < p_parts else 0.0


def _chars(ctx: Context, fact: KeyFact) -> set[int]:
    span = fact.evidence
    if ctx.article.text[span.start : span.end] != span.quote:
        return set()
    return set(range(span.start, span.end))


def match_facts(ctx: Context) -> list[tuple[GoldFact, KeyFact]]:
    gold_facts = list(ctx.gold.facts)
    gold_spans = {f.id: _chars(ctx, k) for f, k in zip(gold_facts, ctx.sample.gold_brief.key_facts, strict=True)}
    candidates = []
    for gi, g in enumerate(gold_facts):
        for pi, p in enumerate(ctx.brief.key_facts):
            if p.kind is not g.kind:
                continue
            score = value_agreement(p.value, g.value)
            if gold_spans[g.id] & _chars(ctx, p):
                score += 0.5
            if score >= FACT_MATCH:
                candidates.append((-score, gi, pi))
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in sorted(candidates):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return [(gold_facts[gi], ctx.brief.key_facts[pi]) for gi, pi in sorted(pairs)]


@metric("key_fact_recall", family="numbers", description="share of the gold's numbers and dates listed as key facts")
def key_fact_recall(ctx: Context) -> Score:
    found = {g.id for g, _ in match_facts(ctx)}
    missed = [f"{g.id} {g.value}" for g in ctx.gold.facts if g.id not in found]
    return Score.ratio(
        len(found),
        len(ctx.gold.facts),
        "gold numbers and dates listed",
        empty="the gold has no numbers or dates",
        problems=[f"missing {', '.join(missed)}"] if missed else None,
    )


@metric(
    "qualifier_accuracy",
    family="numbers",
    description="share of matched key facts with the gold's qualifier (more than, about, exact, ...)",
)
def qualifier_accuracy(ctx: Context) -> Score:
    pairs = match_facts(ctx)
    problems = [
        f"{g.id} {g.value}: gold {g.qualifier.value}, predicted {p.qualifier.value}"
        for g, p in pairs
        if p.qualifier is not g.qualifier
    ]
    return Score.ratio(
        len(pairs) - len(problems),
        len(pairs),
        "matched key facts keep the qualifier",
        empty="no key fact matched the gold",
        problems=problems,
    )
