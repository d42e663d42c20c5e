"""Build small briefs of small made-up articles for the consistency checks (no seed names)."""

from __future__ import annotations

from summarizer.consistency.view import BriefView, ClaimView
from summarizer.labels import ActorType
from summarizer.schema import Entity


def claim(
    ar: str,
    en: str,
    sentence: str,
    *,
    quote: str | None = None,
    label: str = "fact",
    cue: str | None = None,
    context: tuple[str, ...] = (),
    stance: str | None = None,
    where: str = "C1",
) -> ClaimView:
    return ClaimView(
        where=where,
        ar=ar,
        en=en,
        label=label,
        cue_ar=cue,
        quotes=(quote or sentence,),
        sentence_ids=("S1",),
        sentences=(sentence,),
        context=(*context, sentence),
        extra={"stance": stance} if stance else {},
    )


def brief(
    *claims: ClaimView,
    headline: tuple[str, str] = ("", ""),
    bullets: tuple[tuple[str, str], ...] = (),
    entities: tuple[Entity, ...] = (),
) -> BriefView:
    return BriefView(
        headline=headline,
        bullets=bullets,
        claims=claims,
        entities=entities,
        story=" ".join(s for c in claims for s in c.sentences),
    )


def person(ar: str, en: str) -> Entity:
    return Entity(name_ar=ar, name_en=en, type=ActorType.PERSON, role_en=None)


def place(ar: str, en: str) -> Entity:
    return Entity(name_ar=ar, name_en=en, type=ActorType.LOCATION, role_en=None)


def kinds(problems) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.kind for p in problems]
