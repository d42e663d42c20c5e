"""Arabic and English say the same thing: headline, each summary bullet, each claim statement.

A pair is parallel when both sides write the same numbers, mention the same gold entities
(found with `names.Lexicon`: «السوري» and "Syrian" are both Syria), and neither side is a
stub of the other (English letters / Arabic letters between 0.5 and 4; Arabic text is
shorter). Summary bullets are compared index by index, so bullets in a different order
across the two languages fail.
"""

from __future__ import annotations

import re

from ..fields import bilingual_pairs
from ..names import Lexicon
from .base import Context, Score, metric
from .numbers import numbers_in

LENGTH_RATIO = (0.5, 4.0)
_ARABIC_LETTERS = re.compile(r"[\u0621-\u064A]")
_LATIN_LETTERS = re.compile(r"[A-Za-z]")


def entity_lexicon(ctx: Context) -> Lexicon:
    return Lexicon(
        forms_ar={e.id: e.names_ar for e in ctx.gold.entities},
        forms_en={e.id: e.names_en for e in ctx.gold.entities},
    )


def pair_problem(lexicon: Lexicon, ar: str, en: str) -> str | None:
    ar_numbers, en_numbers = sorted(set(numbers_in(ar))), sorted(set(numbers_in(en)))
    if ar_numbers != en_numbers:
        return f"numbers differ (ar {ar_numbers}, en {en_numbers})"
    ar_entities, en_entities = lexicon.mentions(ar, "ar"), lexicon.mentions(en, "en")
    if ar_entities != en_entities:
        only_ar, only_en = sorted(ar_entities - en_entities), sorted(en_entities - ar_entities)
        return f"entities differ (only ar: {only_ar}, only en: {only_en})"
    ar_letters, en_letters = len(_ARABIC_LETTERS.findall(ar)), len(_LATIN_LETTERS.findall(en))
    if not ar_letters or not LENGTH_RATIO[0] <= en_letters / ar_letters <= LENGTH_RATIO[1]:
        return f"lengths do not correspond ({ar_letters} Arabic letters, {en_letters} English letters)"
    return None


@metric(
    "bilingual_parity",
    family="bilingual",
    description="share of Arabic/English pairs with the same numbers and entities and comparable length",
)
def bilingual_parity(ctx: Context) -> Score:
    lexicon = entity_lexicon(ctx)
    pairs = list(bilingual_pairs(ctx.brief))
    problems = [f"{p.path}: {problem}" for p in pairs if (problem := pair_problem(lexicon, p.ar, p.en))]
    extra = len(ctx.brief.summary.ar) != len(ctx.brief.summary.en)
    if extra:
        problems.append("summary: the two languages have different numbers of bullets")
    total = len(pairs) + int(extra)
    return Score.ratio(
        total - len(problems),
        total,
        "Arabic/English pairs are parallel",
        empty="the brief has no bilingual text",
        problems=problems,
    )
