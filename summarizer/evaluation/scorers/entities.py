"""Entities against the gold: Arabic names after normalization, English names with accepted spellings.

A predicted entity is a gold entity when its Arabic or its English name matches one of the
gold's names for it (rapidfuzz ratio >= `ENTITY_MATCH` after normalization; a name of two
or more words also matches when all its words appear, so "Syrian Foreign Minister Asaad
al-Shaibani" is al-Shaibani). Recall counts the gold's required entities; precision accepts
any gold entity, required or optional, so a brief is not punished for listing Syria.
"""

from __future__ import annotations

from collections.abc import Callable

from rapidfuzz import fuzz

from ...schema import Entity
from ..gold import Gold, GoldEntity
from ..names import name_similarity, norm_ar, norm_name_en
from .base import Context, Score, metric

ENTITY_MATCH = 88.0


def _containment(predicted: str | None, names: list[str], fold: Callable[[str], str]) -> float:
    if not predicted:
        return 0.0
    target = fold(predicted)
    return max(
        (fuzz.token_set_ratio(target, fold(n)) for n in names if len(fold(n).split()) >= 2),
        default=0.0,
    )


def entity_score(entity: Entity, candidate: GoldEntity) -> float:
    return max(
        name_similarity(entity.name_ar, candidate.names_ar, "ar"),
        name_similarity(entity.name_en, candidate.names_en, "en"),
        _containment(entity.name_ar, candidate.names_ar, norm_ar),
        _containment(entity.name_en, candidate.names_en, norm_name_en),
    )


def match_entity(gold: Gold, entity: Entity) -> GoldEntity | None:
    """The gold entity a predicted entity is, or None."""
    scored = [(entity_score(entity, g), g) for g in gold.entities]
    best = max(scored, key=lambda pair: pair[0], default=None)
    if best is None or best[0] < ENTITY_MATCH:
        return None
    return best[1]


@metric("entity_recall", family="entities", description="share of the gold's required entities that the brief lists")
def entity_recall(ctx: Context) -> Score:
    found = {m.id for e in ctx.brief.entities if (m := match_entity(ctx.gold, e)) is not None}
    required = [e for e in ctx.gold.entities if e.required]
    missed = [e.name_en for e in required if e.id not in found]
    return Score.ratio(
        len(required) - len(missed),
        len(required),
        "required entities listed",
        empty="the gold lists no required entities",
        problems=[f"missing {', '.join(missed)}"] if missed else None,
        missed=missed,
    )


@metric(
    "entity_precision", family="entities", description="share of the brief's entities that are entities of the gold"
)
def entity_precision(ctx: Context) -> Score:
    unknown = [e.name_en for e in ctx.brief.entities if match_entity(ctx.gold, e) is None]
    total = len(ctx.brief.entities)
    return Score.ratio(
        total - len(unknown),
        total,
        "listed entities are in the gold",
        empty="the brief lists no entities",
        problems=[f"not in the gold: {', '.join(unknown)}"] if unknown else None,
        unknown=unknown,
    )
