"""Claim coverage against the gold, through the documented alignment (`alignment.py`)."""

from __future__ import annotations

from .base import Context, Score, metric


@metric("claim_recall", family="claims", description="share of gold claims that a predicted claim aligns with")
def claim_recall(ctx: Context) -> Score:
    alignment = ctx.alignment
    missed = [ctx.gold.claims[i].id for i in alignment.missed]
    return Score.ratio(
        len(alignment.matched),
        len(ctx.gold.claims),
        "gold claims found",
        empty="the gold has no claims",
        problems=[f"missed {', '.join(missed)}"] if missed else None,
        missed=missed,
    )


@metric("claim_precision", family="claims", description="share of predicted claims that align with a gold claim")
def claim_precision(ctx: Context) -> Score:
    alignment = ctx.alignment
    extra = [ctx.brief.claims[i].id for i in alignment.extra]
    return Score.ratio(
        len(alignment.matched),
        len(ctx.brief.claims),
        "predicted claims match a gold claim",
        empty="the brief has no claims",
        problems=[f"unmatched {', '.join(extra)}"] if extra else None,
        extra=extra,
    )
