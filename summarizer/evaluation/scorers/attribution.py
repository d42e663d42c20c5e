"""Attribution on aligned claims: who said it (with aliases), what kind of source, to which outlet.

A predicted source is resolved to the gold's `sources` entry whose accepted names it matches
best (rapidfuzz ratio of normalized names, Arabic or English, whichever is higher). It is
right when the gold claim's own entry scores at least `SOURCE_MATCH` and no other entry
scores higher: "a diplomatic source" fits two entries equally and gets the benefit of the
doubt; "Maariv" for a claim of the Damascus source does not. A brief that gives no written
source (`source_ar` empty) or calls the source `narration` names the article's own voice.
"""

from __future__ import annotations

from ...schema import Attribution, Claim, SourceType
from ..gold import NARRATION, Gold, GoldClaim
from ..names import name_similarity
from .base import Context, Score, metric

SOURCE_MATCH = 85.0
OUTLET_MATCH = 85.0


def resolve_source(gold: Gold, attribution: Attribution) -> tuple[str | None, dict[str, float]]:
    """The gold source id a predicted attribution names (None if none fits), and every entry's score."""
    if not (attribution.source_ar or "").strip() or attribution.source_type is SourceType.NARRATION:
        return NARRATION, {NARRATION: 100.0}
    scores = {
        s.id: max(
            name_similarity(attribution.source_ar, s.names_ar, "ar"),
            name_similarity(attribution.source_en, s.names_en, "en"),
        )
        for s in gold.sources
    }
    best = max(scores, key=lambda k: scores[k], default=None)
    if best is None or scores[best] < SOURCE_MATCH:
        return None, scores
    return best, scores


def source_correct(gold: Gold, expected: GoldClaim, predicted: Claim) -> tuple[bool, str]:
    """Whether the predicted source is the gold claim's (or a second reading its `also_accept` lists)."""
    resolved, scores = resolve_source(gold, predicted.attribution)
    said = predicted.attribution.source_en or predicted.attribution.source_ar
    for accepted in [expected.source, *expected.also_accept.sources]:
        if accepted == NARRATION:
            if resolved == NARRATION:
                return True, "narration"
            continue
        own = scores.get(accepted, 0.0)
        if own >= SOURCE_MATCH and own >= max(scores.values(), default=0.0):
            return True, accepted
    if expected.source == NARRATION and not expected.also_accept.sources:
        return False, f"gold narration, predicted {resolved or 'an unknown source'}"
    return False, f"gold {expected.source}, predicted {said!r} ({resolved or 'unresolved'})"


def _outlet_names(gold: Gold, expected: GoldClaim) -> tuple[list[str], list[str]]:
    names_ar = [n for n in [expected.outlet_ar] if n]
    names_en = [n for n in [expected.outlet_en] if n]
    for entity in gold.entities:
        if (expected.outlet_ar and name_similarity(expected.outlet_ar, entity.names_ar, "ar") >= 95) or (
            expected.outlet_en and name_similarity(expected.outlet_en, entity.names_en, "en") >= 95
        ):
            names_ar += entity.names_ar
            names_en += entity.names_en
    return names_ar, names_en


def outlet_correct(gold: Gold, expected: GoldClaim, predicted: Claim) -> bool | None:
    """None when neither side names an outlet (nothing to judge)."""
    gold_has = bool(expected.outlet_ar or expected.outlet_en)
    a = predicted.attribution
    predicted_has = bool(a.outlet_ar or a.outlet_en)
    if not gold_has and not predicted_has:
        return None
    if not predicted_has:
        return expected.also_accept.no_outlet
    if not gold_has:
        return False
    names_ar, names_en = _outlet_names(gold, expected)
    best = max(name_similarity(a.outlet_ar, names_ar, "ar"), name_similarity(a.outlet_en, names_en, "en"))
    return best >= OUTLET_MATCH


def _outlet_of(claim: Claim) -> str | None:
    return claim.attribution.outlet_en or claim.attribution.outlet_ar


@metric(
    "source_identity_accuracy",
    family="attribution",
    description="share of aligned claims whose source is the gold's source (accepted names and aliases)",
)
def source_identity_accuracy(ctx: Context) -> Score:
    problems = []
    pairs = ctx.aligned()
    for expected, predicted in pairs:
        ok, detail = source_correct(ctx.gold, expected, predicted)
        if not ok:
            problems.append(f"{expected.id}↔{predicted.id}: {detail}")
    return Score.ratio(
        len(pairs) - len(problems),
        len(pairs),
        "aligned claims name the right source",
        empty="no claim aligned with the gold",
        problems=problems,
    )


@metric(
    "source_type_accuracy",
    family="attribution",
    description="share of aligned claims with the gold's source type (or a second reading the gold accepts)",
)
def source_type_accuracy(ctx: Context) -> Score:
    pairs = ctx.aligned()
    problems = [
        f"{g.id}↔{p.id}: gold {g.source_type.value}, predicted {p.attribution.source_type.value}"
        for g, p in pairs
        if p.attribution.source_type not in g.accepted_source_types
    ]
    return Score.ratio(
        len(pairs) - len(problems),
        len(pairs),
        "aligned claims have the right source type",
        empty="no claim aligned with the gold",
        problems=problems,
    )


@metric(
    "outlet_accuracy",
    family="attribution",
    description="share of aligned claims naming an outlet (in gold or brief) whose outlet is right",
)
def outlet_accuracy(ctx: Context) -> Score:
    judged = [(g, p, outlet_correct(ctx.gold, g, p)) for g, p in ctx.aligned()]
    judged = [(g, p, ok) for g, p, ok in judged if ok is not None]
    problems = [
        f"{g.id}↔{p.id}: gold {g.outlet_en or 'no outlet'}, predicted {_outlet_of(p) or 'no outlet'}"
        for g, p, ok in judged
        if not ok
    ]
    return Score.ratio(
        len(judged) - len(problems),
        len(judged),
        "aligned claims with an outlet have the right one",
        empty="no aligned claim names an outlet, in the gold or in the brief",
        problems=problems,
    )
