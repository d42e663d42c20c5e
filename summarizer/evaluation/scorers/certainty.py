"""How firmly each aligned claim is presented: asserted, expected, reported, alleged, assessed."""

from __future__ import annotations

from .base import Context, Score, metric


@metric(
    "certainty_accuracy",
    family="certainty",
    description="share of aligned claims with the gold's certainty (or a second reading the gold accepts)",
)
def certainty_accuracy(ctx: Context) -> Score:
    pairs = ctx.aligned()
    problems = [
        f"{g.id}↔{p.id}: gold {g.certainty.value}, predicted {p.certainty.value}"
        for g, p in pairs
        if p.certainty not in g.accepted_certainty
    ]
    return Score.ratio(
        len(pairs) - len(problems),
        len(pairs),
        "aligned claims have the right certainty",
        empty="no claim aligned with the gold",
        problems=problems,
    )
