"""The status of each aligned claim: fact, expected, possible, denied, contested, evaluation."""

from __future__ import annotations

from ...schema import Claim
from ..gold import GoldClaim
from .base import Context, Score, metric


def status_correct(expected: GoldClaim, predicted: Claim) -> bool:
    return predicted.status in expected.accepted_status


@metric(
    "status_accuracy",
    family="status",
    description="share of aligned claims with the gold's status (or a second reading the gold accepts)",
)
def status_accuracy(ctx: Context) -> Score:
    pairs = ctx.aligned()
    problems = [
        f"{g.id}↔{p.id}: gold {g.status.value}, predicted {p.status.value}"
        for g, p in pairs
        if not status_correct(g, p)
    ]
    return Score.ratio(
        len(pairs) - len(problems),
        len(pairs),
        "aligned claims have the right status",
        empty="no claim aligned with the gold",
        problems=problems,
    )
