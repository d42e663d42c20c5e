"""Meaning: the consistency checks of `summarizer.consistency` as scores, and contradictions with the gold.

The first six metrics need no gold at all: they read the brief against its article, exactly as
the pipeline does before it accepts an answer. Each is the share of units (claims, or
Arabic/English pairs, or headline and bullets) with no problem of that check; the explanation
lists the problems with the message a model would have been sent. `claim_content_accuracy`
compares each claim linked to a gold claim with it (`evaluation/content.py`).
"""

from __future__ import annotations

from collections.abc import Callable

from ...consistency.entities import forms_of
from ...consistency.problem import Problem
from ..content import accepted_statuses, contradictions
from .base import Context, Score, gold_entity_names, metric


def _claim_units(ctx: Context) -> list[str]:
    return [c.id for c in ctx.brief.claims]


def _pair_units(ctx: Context) -> list[str]:
    return ["headline", *(f"summary[{i}]" for i in range(len(ctx.brief.summary.ar)))] + [c.id for c in ctx.brief.claims]


def _text_units(ctx: Context) -> list[str]:
    return ["headline", *(f"summary[{i}]" for i in range(len(ctx.brief.summary.ar)))]


def _unit(problem: Problem) -> str:
    return problem.where.split(".")[0]


def _score(ctx: Context, checks: set[str], units: Callable[[Context], list[str]], what: str, empty: str) -> Score:
    names = units(ctx)
    problems = [p for p in ctx.consistency if p.check in checks and _unit(p) in names]
    bad = {_unit(p) for p in problems}
    return Score.ratio(
        len(names) - len(bad),
        len(names),
        what,
        empty=empty,
        problems=[str(p) for p in problems],
        kinds=sorted({p.kind for p in problems}),
    )


@metric(
    "claim_support",
    family="meaning",
    description="share of claims whose numbers, dates, days, names (ar and en) and words are in their evidence",
)
def claim_support(ctx: Context) -> Score:
    return _score(ctx, {"anchors", "statement"}, _claim_units, "claims say only what their evidence says", "no claims")


@metric(
    "anchor_parity",
    family="meaning",
    description="share of headline, bullets and statements whose Arabic and English carry the same anchors",
)
def anchor_parity(ctx: Context) -> Score:
    return _score(ctx, {"parity"}, _pair_units, "Arabic/English pairs carry the same anchors", "no bilingual text")


@metric(
    "polarity_consistency",
    family="meaning",
    description="share of claims, headline and bullets whose negation agrees with the evidence and across languages",
)
def polarity_consistency(ctx: Context) -> Score:
    return _score(ctx, {"polarity"}, _pair_units, "texts keep the article's polarity", "no text")


@metric(
    "status_consistency",
    family="meaning",
    description="share of claims whose statement says what their label and evidence say (done, expected, pretext …)",
)
def status_consistency(ctx: Context) -> Score:
    return _score(ctx, {"status"}, _claim_units, "claims keep the article's status", "no claims")


@metric(
    "cue_fidelity",
    family="meaning",
    description="share of claims whose cue is written in their evidence and whose distancing is kept",
)
def cue_fidelity(ctx: Context) -> Score:
    return _score(ctx, {"cue"}, _claim_units, "claims keep the article's cue", "no claims")


@metric(
    "summary_support",
    family="meaning",
    description="share of headline and bullets that say only what the claims say, never more firmly",
)
def summary_support(ctx: Context) -> Score:
    return _score(ctx, {"support"}, _text_units, "headline and bullets are supported by the claims", "no headline")


@metric(
    "claim_content_accuracy",
    family="meaning",
    description="share of claims linked to a gold claim (one to one, merged or split) that do not contradict it",
)
def claim_content_accuracy(ctx: Context) -> Score:
    alignment = ctx.alignment
    links = alignment.links
    gold_claims = ctx.sample.gold_brief.claims
    entities = forms_of(
        [*ctx.brief.entities, *gold_entity_names(ctx.gold)]
    )
    one_to_one = {(p.gold, p.predicted) for p in alignment.matched}
    by_predicted: dict[int, list[int]] = {}
    for pair in links:
        by_predicted.setdefault(pair.predicted, []).append(pair.gold)
    problems = []
    for predicted_index, golds in by_predicted.items():
        predicted = ctx.brief.claims[predicted_index]
        found = contradictions(
            [gold_claims[g] for g in golds],
            predicted,
            entities,
            one_to_one=len(golds) == 1 and (golds[0], predicted_index) in one_to_one,
            accepted=accepted_statuses(ctx.gold.claims[golds[0]]),
        )
        if found:
            ids = "+".join(ctx.gold.claims[g].id for g in golds)
            problems.append(f"{ids}↔{predicted.id}: {'; '.join(found)}")
    return Score.ratio(
        len(by_predicted) - len(problems),
        len(by_predicted),
        "linked claims agree with their gold claims",
        empty="no claim aligned with the gold",
        problems=problems,
    )
