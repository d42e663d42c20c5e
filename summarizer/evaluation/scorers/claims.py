"""Claim coverage against the gold, through the documented alignment (`alignment.py`).

Recall counts gold claims that a predicted claim says, alone or merged with another; precision
counts predicted claims that say (part of) a gold claim. A predicted claim that says something
the gold does not list is not held against precision when it is *faithful*: grounded, free of
every consistency problem and not a repeat of another claim. Duplicates and unfaithful extras
are.
"""

from __future__ import annotations

from ..alignment import is_duplicate
from .base import Context, Score, metric


def faithful_extras(ctx: Context) -> list[int]:
    """Indices of extra predicted claims that are grounded, consistent and not repeats."""
    troubled = {p.claim for p in ctx.consistency}
    claims = ctx.brief.claims
    faithful = []
    for i in ctx.alignment.extra:
        claim = claims[i]
        grounded = all(ctx.article.text[s.start : s.end] == s.quote for s in claim.evidence)
        repeat = any(is_duplicate(ctx.article, other, claim) for other in claims[:i])
        if grounded and not repeat and claim.id not in troubled:
            faithful.append(i)
    return faithful


@metric(
    "claim_recall",
    family="claims",
    description="share of gold claims that a predicted claim says (alone or merged)",
    version="2",
)
def claim_recall(ctx: Context) -> Score:
    alignment = ctx.alignment
    missed = [ctx.gold.claims[i].id for i in alignment.missed]
    return Score.ratio(
        alignment.found,
        len(ctx.gold.claims),
        "gold claims found",
        empty="the gold has no claims",
        problems=[f"missed {', '.join(missed)}"] if missed else None,
        missed=missed,
        merged=[ctx.gold.claims[p.gold].id for p in alignment.merged],
    )


@metric(
    "claim_precision",
    family="claims",
    description="share of predicted claims that say (part of) a gold claim; faithful extras are not counted",
    version="2",
)
def claim_precision(ctx: Context) -> Score:
    alignment = ctx.alignment
    faithful = set(faithful_extras(ctx))
    extra = [ctx.brief.claims[i].id for i in alignment.extra if i not in faithful]
    return Score.ratio(
        alignment.matching,
        len(ctx.brief.claims) - len(faithful),
        "predicted claims match a gold claim",
        empty="the brief has no claims beyond faithful extras",
        problems=[f"unmatched {', '.join(extra)}"] if extra else None,
        extra=extra,
        faithful_extras=[ctx.brief.claims[i].id for i in sorted(faithful)],
    )
