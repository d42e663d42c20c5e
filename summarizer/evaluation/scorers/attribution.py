"""Attribution scorers on aligned claims.

Attribution on aligned claims: who says it (with aliases), what kind of source, through which
channel (and via which outlet), with which cue and with which stance.

A predicted source is resolved to the gold's `sources` entry whose accepted names it matches
best (rapidfuzz ratio of normalized names, Arabic or English, whichever is higher). It is
right when the gold claim's own entry scores at least `SOURCE_MATCH` and no other entry
scores higher: "a diplomatic source" fits two entries equally and gets the benefit of the
doubt; a newspaper's name for a claim of an anonymous source does not. A brief that gives no
written source or calls the source `narration` names the article's own voice.

Each check is one function of (gold, gold claim, predicted claim), used by the metrics below
and by the eval log's per-claim checks, so both always agree.
"""

from __future__ import annotations

from ...arabic import normalize
from ...labels import ActorType
from ...schema import Claim, Source
from ..gold import NARRATION, Gold, GoldClaim
from ..names import name_similarity
from .base import Context, Score, metric

SOURCE_MATCH = 85.0
VIA_MATCH = 85.0


def resolve_source(gold: Gold, source: Source) -> tuple[str | None, dict[str, float]]:
    """The gold source id a predicted source names (None if none fits), and every entry's score."""
    if not (source.name_ar or "").strip() or source.type is ActorType.NARRATION:
        return NARRATION, {NARRATION: 100.0}
    scores = {
        s.id: max(
            name_similarity(source.name_ar, s.names_ar, "ar"),
            name_similarity(source.name_en, s.names_en, "en"),
        )
        for s in gold.sources
    }
    best = max(scores, key=lambda k: scores[k], default=None)
    if best is None or scores[best] < SOURCE_MATCH:
        return None, scores
    return best, scores


def source_correct(gold: Gold, expected: GoldClaim, predicted: Claim) -> tuple[bool, str]:
    """Whether the predicted source is the gold claim's (or a second reading its `also_accept` lists)."""
    resolved, scores = resolve_source(gold, predicted.attribution.source)
    source = predicted.attribution.source
    said = source.name_en or source.name_ar
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


def source_type_correct(gold: Gold, expected: GoldClaim, predicted: Claim) -> bool:
    return predicted.attribution.source.type in expected.accepted_source_types(gold)


def _via_names(gold: Gold, expected: GoldClaim) -> tuple[list[str], list[str]]:
    """The gold via's names, with the accepted names of the entity or source it is."""
    names_ar = [n for n in [expected.via_ar] if n]
    names_en = [n for n in [expected.via_en] if n]
    for entity in gold.entities:
        if (expected.via_ar and name_similarity(expected.via_ar, entity.names_ar, "ar") >= 95) or (
            expected.via_en and name_similarity(expected.via_en, entity.names_en, "en") >= 95
        ):
            names_ar += entity.names_ar
            names_en += entity.names_en
    return names_ar, names_en


def as_narration(expected: GoldClaim, predicted: Claim) -> bool:
    """The brief took the narration reading that the gold also accepts.

    The brief gives the claim to the narration, a second reading the gold accepts: then no via,
    cue or stance is the right one.
    """
    return NARRATION in expected.also_accept.sources and predicted.attribution.source.type is ActorType.NARRATION


def via_correct(gold: Gold, expected: GoldClaim, predicted: Claim) -> bool:
    """The predicted via names the gold's medium (both none counts as right)."""
    a = predicted.attribution
    if as_narration(expected, predicted):
        return not (a.via_ar or a.via_en)
    gold_has = bool(expected.via_ar or expected.via_en)
    predicted_has = bool(a.via_ar or a.via_en)
    if gold_has != predicted_has:
        return False
    if not gold_has:
        return True
    names_ar, names_en = _via_names(gold, expected)
    best = max(name_similarity(a.via_ar, names_ar, "ar"), name_similarity(a.via_en, names_en, "en"))
    return best >= VIA_MATCH


def channel_correct(gold: Gold, expected: GoldClaim, predicted: Claim) -> bool:
    """Right channel (or a second reading the gold accepts) and the right medium."""
    return predicted.attribution.channel in expected.accepted_channels and via_correct(gold, expected, predicted)


def bare_cue(cue: str | None) -> str:
    """A cue normalized, without a leading conjunction (rule `cue`: وأضاف is written أضاف)."""
    text = normalize(cue or "")
    for prefix in ("كما ",):
        text = text.removeprefix(normalize(prefix))
    return text.strip()


def cue_correct(expected: GoldClaim, predicted: Claim) -> bool:
    """Same cue as the gold after normalization; a leading و/ف the rule leaves out is forgiven."""
    gold, said = bare_cue(expected.cue_ar), bare_cue(predicted.attribution.cue_ar)
    if as_narration(expected, predicted):
        return not said
    if gold == said:
        return True
    return bool(gold and said) and said[:1] in ("و", "ف") and said[1:] == gold


def stance_correct(expected: GoldClaim, predicted: Claim) -> bool:
    if as_narration(expected, predicted):
        return predicted.attribution.stance is None
    return predicted.attribution.stance == expected.stance


def _accuracy(ctx: Context, wrong: list[str], what: str) -> Score:
    pairs = ctx.aligned()
    return Score.ratio(
        len(pairs) - len(wrong), len(pairs), what, empty="no claim aligned with the gold", problems=wrong
    )


@metric(
    "source_identity_accuracy",
    family="attribution",
    description="share of aligned claims whose source is the gold's source (accepted names and aliases)",
)
def source_identity_accuracy(ctx: Context) -> Score:
    problems = []
    for expected, predicted in ctx.aligned():
        ok, detail = source_correct(ctx.gold, expected, predicted)
        if not ok:
            problems.append(f"{expected.id}↔{predicted.id}: {detail}")
    return _accuracy(ctx, problems, "aligned claims name the right source")


@metric(
    "source_type_accuracy",
    family="attribution",
    description="share of aligned claims whose source has the gold's type (or a second reading the gold accepts)",
)
def source_type_accuracy(ctx: Context) -> Score:
    problems = [
        f"{g.id}↔{p.id}: gold {ctx.gold.source_of(g).type.value}, predicted {p.attribution.source.type.value}"
        for g, p in ctx.aligned()
        if not source_type_correct(ctx.gold, g, p)
    ]
    return _accuracy(ctx, problems, "aligned claims have the right source type")


@metric(
    "channel_accuracy",
    family="attribution",
    description="share of aligned claims with the gold's channel and medium (outlet, agency, platform or none)",
    version="2",
)
def channel_accuracy(ctx: Context) -> Score:
    problems = [
        f"{g.id}↔{p.id}: gold {g.channel.value} via {g.via_en or 'none'}, "
        f"predicted {p.attribution.channel.value} via {p.attribution.via_en or p.attribution.via_ar or 'none'}"
        for g, p in ctx.aligned()
        if not channel_correct(ctx.gold, g, p)
    ]
    return _accuracy(ctx, problems, "aligned claims have the right channel")


@metric(
    "cue_accuracy",
    family="attribution",
    description="share of aligned claims with the gold's cue as written (normalized; null for narration)",
)
def cue_accuracy(ctx: Context) -> Score:
    problems = [
        f"{g.id}↔{p.id}: gold {g.cue_ar or 'no cue'}, predicted {p.attribution.cue_ar or 'no cue'}"
        for g, p in ctx.aligned()
        if not cue_correct(g, p)
    ]
    return _accuracy(ctx, problems, "aligned claims have the right cue")


@metric(
    "stance_accuracy",
    family="attribution",
    description="share of aligned claims with the gold's cue stance (neutral, distancing, endorsing; none: narration)",
)
def stance_accuracy(ctx: Context) -> Score:
    problems = [
        f"{g.id}↔{p.id}: gold {g.stance.value if g.stance else 'none'}, "
        f"predicted {p.attribution.stance.value if p.attribution.stance else 'none'}"
        for g, p in ctx.aligned()
        if not stance_correct(g, p)
    ]
    return _accuracy(ctx, problems, "aligned claims have the right stance")
