"""Every piece of text a brief shows a reader, with its path and the language it must be in.

Scorers that read "the brief's text" (numbers, leakage, script) iterate these fields, so
they all agree on what is text. Evidence quotes are not fields here: they are copies of the
article, checked by the grounding scorer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..labels import FactKind
from ..schema import Brief

Lang = Literal["ar", "en", "any"]


@dataclass(frozen=True, slots=True)
class TextField:
    path: str
    lang: Lang
    text: str


def text_fields(brief: Brief) -> Iterator[TextField]:
    """All reader-facing text fields, empty ones skipped."""

    def field(path: str, lang: Lang, text: str | None) -> Iterator[TextField]:
        if text:
            yield TextField(path, lang, text)

    yield from field("headline.ar", "ar", brief.headline.ar)
    yield from field("headline.en", "en", brief.headline.en)
    for i, bullet in enumerate(brief.summary.ar):
        yield from field(f"summary.ar[{i}]", "ar", bullet)
    for i, bullet in enumerate(brief.summary.en):
        yield from field(f"summary.en[{i}]", "en", bullet)
    for claim in brief.claims:
        a = claim.attribution
        yield from field(f"{claim.id}.statement.ar", "ar", claim.statement.ar)
        yield from field(f"{claim.id}.statement.en", "en", claim.statement.en)
        yield from field(f"{claim.id}.source.name_ar", "ar", a.source.name_ar)
        yield from field(f"{claim.id}.source.name_en", "en", a.source.name_en)
        yield from field(f"{claim.id}.via_ar", "ar", a.via_ar)
        yield from field(f"{claim.id}.via_en", "en", a.via_en)
        yield from field(f"{claim.id}.cue_ar", "ar", a.cue_ar)
    for i, entity in enumerate(brief.entities):
        yield from field(f"entities[{i}].name_ar", "ar", entity.name_ar)
        yield from field(f"entities[{i}].name_en", "en", entity.name_en)
        yield from field(f"entities[{i}].role_en", "en", entity.role_en)
    for i, fact in enumerate(brief.key_facts):
        yield from field(f"key_facts[{i}].text_ar", "ar", fact.text_ar)
        yield from field(f"key_facts[{i}].value", "any", value_as_text(fact.kind, fact.value))
        yield from field(f"key_facts[{i}].description_en", "en", fact.description_en)


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def value_as_text(kind: FactKind, value: str) -> str:
    """A normalized key-fact value written as a reader would write it.

    A normalized key-fact value as a reader would write it, so the number and date scorers can
    read it like any other text: --07-13 is "13 July", last --12 is "last December", 2025-07-13 is
    "13 July 2025". A duration's digits are counts, not figures of the article («أسبوع واحد» is
    P1W), so it is read without them.
    """
    if kind is FactKind.DURATION:
        return ""
    if kind is not FactKind.DATE:
        return value

    def date(match: re.Match[str]) -> str:
        year, month, day = match.group("year"), int(match.group("month")), match.group("day")
        words = [str(int(day))] if day else []
        words.append(_MONTHS[month - 1])
        if year:
            words.append(year)
        return " ".join(words)

    return _ISO_DATE.sub(date, value).replace("/", " ")


_ISO_DATE = re.compile(r"(?:(?P<year>\d{4})|--)-?(?P<month>\d{2})(?:-(?P<day>\d{2}))?")


@dataclass(frozen=True, slots=True)
class BilingualPair:
    path: str
    ar: str
    en: str


def bilingual_pairs(brief: Brief) -> Iterator[BilingualPair]:
    """Text that must say the same thing in both languages: headline, bullets, statements."""
    yield BilingualPair("headline", brief.headline.ar, brief.headline.en)
    for i, (ar, en) in enumerate(zip(brief.summary.ar, brief.summary.en, strict=False)):
        yield BilingualPair(f"summary[{i}]", ar, en)
    for claim in brief.claims:
        yield BilingualPair(f"{claim.id}.statement", claim.statement.ar, claim.statement.en)
