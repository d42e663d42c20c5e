"""Headline and summary scored on content: the gold's key points carried, nothing unsupported added.

The gold lists the key points a correct headline and a correct summary carry
(`headline_points`, `summary_points`; without them, the reference headline is one point and
each reference bullet another). A point is carried when, in Arabic or in English, the brief's
headline (or its whole summary) writes every anchor of the point (numbers, dates, days, names)
and at least `POINT_WORDS` of its content words (rapidfuzz word matching, clitics peeled).

value = carried points / required points x supported texts / texts, where a text (the headline,
a bullet) is supported when the `support` consistency check finds nothing in it: a headline that
invents an agreement or states an expected meeting as held scores 0 whatever it carries.
chrF stays in the scorecard beside these, as information.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...consistency.anchors import anchors_of
from ...consistency.entities import EntityForms, forms_of
from ...consistency.support import _AR_STOP, _EN_STOP, _content, _Vocabulary
from ...consistency.text import ar_words, en_words
from ..gold import KeyPoint
from .base import Context, Score, gold_entity_names, metric

POINT_WORDS = 0.5


def _entities(ctx: Context) -> tuple[EntityForms, ...]:
    return forms_of(
        [*ctx.brief.entities, *gold_entity_names(ctx.gold)]
    )


def carried(point: KeyPoint, texts: Sequence[tuple[str, str]], entities: Sequence[EntityForms]) -> bool:
    """Whether the (ar, en) texts together carry `point` in at least one language."""
    for lang, point_text, words, stop in (
        ("ar", point.ar, ar_words, _AR_STOP),
        ("en", point.en, en_words, _EN_STOP),
    ):
        side = " \n ".join(ar if lang == "ar" else en for ar, en in texts)
        need = {(a.kind, a.key) for a in anchors_of(point_text, lang, entities)}
        have = {(a.kind, a.key) for a in anchors_of(side, lang, entities)}
        if not need <= have:
            continue
        content = _content(words(point_text), stop, lang == "ar")
        if not content:
            return True
        vocabulary = _Vocabulary(words(side), lang == "ar")
        if sum(1 for w in content if vocabulary.has(w)) / len(content) >= POINT_WORDS:
            return True
    return False


def _score(ctx: Context, points: list[KeyPoint], texts: list[tuple[str, str]], units: list[str], what: str) -> Score:
    entities = _entities(ctx)
    required = [p for p in points if p.required]
    missing = [p.en for p in required if not carried(p, texts, entities)]
    unsupported = sorted({p.where.split(".")[0] for p in ctx.consistency if p.check == "support"} & set(units))
    if not required:
        return Score.cannot(f"the gold lists no {what} points")
    coverage = (len(required) - len(missing)) / len(required)
    supported = (len(units) - len(unsupported)) / len(units) if units else 1.0
    problems = [f"missing: {m}" for m in missing] + [f"{u} says what no claim says" for u in unsupported]
    carried_count, supported_count = len(required) - len(missing), len(units) - len(unsupported)
    text = f"{carried_count}/{len(required)} {what} points carried, {supported_count}/{len(units)} supported"
    if problems:
        text += " — " + "; ".join(problems[:3]) + (f"; … {len(problems) - 3} more" if len(problems) > 3 else "")
    return Score(round(coverage * supported, 4), text, {"problems": problems} if problems else {})


@metric(
    "headline_content",
    family="headline and summary",
    description="the gold's headline points the headline carries, times 0 if it says what no claim says",
)
def headline_content(ctx: Context) -> Score:
    points = ctx.gold.headline_points or [KeyPoint(ar=ctx.gold.headline.ar, en=ctx.gold.headline.en)]
    return _score(ctx, points, [(ctx.brief.headline.ar, ctx.brief.headline.en)], ["headline"], "headline")


@metric(
    "summary_content",
    family="headline and summary",
    description="the gold's summary points the bullets carry, times the share of bullets supported by the claims",
)
def summary_content(ctx: Context) -> Score:
    points = ctx.gold.summary_points or [
        KeyPoint(ar=a, en=e) for a, e in zip(ctx.gold.summary.ar, ctx.gold.summary.en, strict=False)
    ]
    texts = list(zip(ctx.brief.summary.ar, ctx.brief.summary.en, strict=False))
    return _score(ctx, points, texts, [f"summary[{i}]" for i in range(len(texts))], "summary")
