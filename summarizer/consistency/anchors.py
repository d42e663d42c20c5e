"""Anchors: the checkable specifics of a text (numbers, durations, dates, weekdays, relative days, names).

A statement is only as right as its anchors. Two checks read them:

* **support** (`check_claim_anchors`): every anchor of a claim's statement, Arabic or English,
  is in the claim's evidence — numbers and dates in the cited sentences themselves, names in
  the cited sentences or the two story sentences before them (where «هذه الزيارة» finds whose
  visit it is). An anchor the evidence lacks is a wrong number or day, or a swapped actor.
* **parity** (`check_parity`): the Arabic and the English of every statement, summary bullet
  and the headline carry the same anchors. A weekday that differs between the two languages,
  a figure dropped from one of them, a name only one side mentions.

Anchors are language-neutral keys (`numbers.py`, `dates.py`, `entities.py`), so comparing
Arabic with English is comparing two sets.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .dates import arabic_dates, english_dates
from .entities import EntityForms, as_tuple, mentions
from .numbers import arabic_numbers, english_numbers
from .problem import Problem
from .text import PER_TEXT
from .traces import traces
from .view import BriefView, ClaimView

_KIND_WORDS = {
    "number": "number",
    "duration": "duration",
    "month": "month",
    "date": "date",
    "weekday": "weekday",
    "relative": "relative day",
    "daypart": "time of day",
    "entity": "name",
}


@dataclass(frozen=True)
class Anchor:
    kind: str  # number, duration, month, date, weekday, relative, daypart, entity
    key: str
    text: str = field(compare=False)  # as written where it was found

    def describe(self) -> str:
        return (
            f"{_KIND_WORDS.get(self.kind, self.kind)} «{self.text}»"
            if _is_arabic(self.text)
            else (f"{_KIND_WORDS.get(self.kind, self.kind)} '{self.text}'")
        )


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)


def anchors_of(text: str, lang: str, entities: Sequence[EntityForms] = ()) -> set[Anchor]:
    """Every anchor written in `text` (`lang` "ar" or "en")."""
    return set(_anchors_of(text, lang, as_tuple(entities)))


@lru_cache(maxsize=PER_TEXT * 4)
def _anchors_of(text: str, lang: str, entities: tuple[EntityForms, ...]) -> frozenset[Anchor]:
    found: set[Anchor] = set()
    for n in arabic_numbers(text) if lang == "ar" else english_numbers(text):
        found.add(Anchor(n.kind, n.key, n.text))
    for d in arabic_dates(text) if lang == "ar" else english_dates(text):
        kind, key = d.key.split(":", 1)
        found.add(Anchor(kind, key, d.text))
        if kind == "date":  # the day of «13 يوليو» is part of the date, not a number of its own
            found.discard(Anchor("number", key.split("-")[0], ""))
    for key, words in mentions(text, lang, entities).items():
        found.add(Anchor("entity", key, words))
    return frozenset(found)


def _keys(anchors: Iterable[Anchor]) -> set[tuple[str, str]]:
    return {(a.kind, a.key) for a in anchors}


def evidence_anchors(claim: ClaimView, entities: Sequence[EntityForms]) -> set[tuple[str, str]]:
    """What the claim's evidence can support: specifics of the cited sentences, names in their context."""
    return set(_evidence_anchors(claim.sentence_text, claim.context_text, claim.evidence_lang, as_tuple(entities)))


@lru_cache(maxsize=PER_TEXT)
def _evidence_anchors(
    sentences: str, context: str, lang: str, entities: tuple[EntityForms, ...]
) -> frozenset[tuple[str, str]]:
    # Once per cited text (two checks ask); a context's names are its mentions, nothing else read.
    specifics = {k for k in _keys(_anchors_of(sentences, lang, ())) if k[0] != "entity"}
    names = {("entity", key) for key in mentions(context, lang, entities)}
    return frozenset(specifics | names)


def check_claim_anchors(view: BriefView, entities: Sequence[EntityForms]) -> list[Problem]:
    problems: list[Problem] = []
    for claim in view.cited_claims:
        supported = evidence_anchors(claim, entities)
        cited = ", ".join(claim.sentence_ids)
        seen: set[tuple[str, str]] = set()
        for lang, text in (("ar", claim.ar), ("en", claim.en)):
            for anchor in sorted(anchors_of(text, lang, entities), key=lambda a: (a.kind, a.key)):
                if (anchor.kind, anchor.key) in supported or (anchor.kind, anchor.key) in seen:
                    continue
                if anchor.kind == "entity" and anchor.key in traces(claim.context_text, claim.evidence_lang, entities):
                    continue  # the evidence writes its adjective or a shorter name: «وفد أمريكي» for the United States
                seen.add((anchor.kind, anchor.key))
                problems.append(
                    Problem(
                        check="anchors",
                        kind="anchor_not_in_evidence",
                        where=f"{claim.where}.statement.{lang}",
                        message=(
                            f"the statement writes the {anchor.describe()}, but its evidence ({cited}) does not say "
                            f"it: write only the {_KIND_WORDS[anchor.kind]}s the cited sentences give, exactly as "
                            "they give them, or cite the sentence that says it"
                        ),
                        details={
                            "anchor": anchor.kind,
                            "value": anchor.key,
                            "written": anchor.text,
                            "sentences": cited,
                        },
                    )
                )
    return problems


def _pairs(view: BriefView) -> list[tuple[str, str, str]]:
    pairs = [("headline", *view.headline)]
    pairs += [(f"summary[{i}]", ar, en) for i, (ar, en) in enumerate(view.bullets)]
    pairs += [(f"{c.where}.statement", c.ar, c.en) for c in view.claims]
    return pairs


def check_parity(view: BriefView, entities: Sequence[EntityForms]) -> list[Problem]:
    problems: list[Problem] = []
    for where, ar, en in _pairs(view):
        ar_anchors, en_anchors = anchors_of(ar, "ar", entities), anchors_of(en, "en", entities)
        ar_keys, en_keys = _keys(ar_anchors), _keys(en_anchors)
        for kind, key in ar_keys ^ en_keys:  # a name on one side, its adjective or a shorter name on the other
            if kind == "entity":
                other, side = ("en", en) if (kind, key) in ar_keys else ("ar", ar)
                if key in traces(side, other, entities):
                    ar_keys.discard((kind, key))
                    en_keys.discard((kind, key))
        if ar_keys == en_keys:
            continue
        only_ar = sorted(
            (a for a in ar_anchors if (a.kind, a.key) in ar_keys - en_keys), key=lambda a: (a.kind, a.key)
        )
        only_en = sorted(
            (a for a in en_anchors if (a.kind, a.key) in en_keys - ar_keys), key=lambda a: (a.kind, a.key)
        )
        parts = []
        if only_ar:
            parts.append("the Arabic has " + ", ".join(a.describe() for a in only_ar) + " and the English does not")
        if only_en:
            parts.append("the English has " + ", ".join(a.describe() for a in only_en) + " and the Arabic does not")
        problems.append(
            Problem(
                check="parity",
                kind="anchor_mismatch",
                where=where,
                message=(
                    "; ".join(parts)
                    + ": the two languages must say the same thing, with the same numbers, dates, days and names"
                ),
                details={
                    "only_ar": [f"{a.kind}:{a.key}" for a in only_ar],
                    "only_en": [f"{a.kind}:{a.key}" for a in only_en],
                },
            )
        )
    return problems
