"""Numbers as anchors: digits in any script, number words in Arabic and English, vague amounts, durations.

Every number becomes one canonical key, whatever the script or the words:

* digits: «١٬٢٠٠», "1,200" and "1200" are `1200`; decimals keep their point (`1.5`);
* number words: «ألف ومئتا», "twelve hundred", "one thousand two hundred" are `1200`;
  «ثلاثة آلاف» / "three thousand" are `3000`; «2 مليون» / "2 million" are `2000000`;
* vague amounts keep their vagueness: «عشرات» / "dozens" / "tens" are `tens`, «عشرات الآلاف» /
  "tens of thousands" are `tens of thousands`, «مئات» / "hundreds" are `hundreds`;
* durations carry their unit: «أسبوع واحد», «خلال أسبوع», "one week", "a week" are `1 week`;
  «يومين» / "two days" are `2 day`; «ثلاثة أشهر» / "three months" are `3 month`.

"One" and "two" written as words are not anchors on their own: English writes "one of",
"the two countries" where Arabic writes a construct or a dual, so they would differ without
any change of meaning. Inside a duration they count. Ordinals («الأول», "first") are not numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from .text import PER_WORD, WordSet, ar_word_tuple, en_word_tuple, fold_ar

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")

# Arabic number words, folded (ة->ه, أ/إ/آ->ا, ى->ي).
_AR_UNITS = {
    "واحد": 1,
    "واحده": 1,
    "احد": 1,
    "اثنان": 2,
    "اثنين": 2,
    "اثنتان": 2,
    "اثنتين": 2,
    "اثنا": 2,
    "اثني": 2,
    "ثلاث": 3,
    "ثلاثه": 3,
    "اربع": 4,
    "اربعه": 4,
    "خمس": 5,
    "خمسه": 5,
    "ست": 6,
    "سته": 6,
    "سبع": 7,
    "سبعه": 7,
    "ثمان": 8,
    "ثماني": 8,
    "ثمانيه": 8,
    "تسع": 9,
    "تسعه": 9,
    "عشر": 10,
    "عشره": 10,
}
_AR_TENS = {
    "عشرون": 20,
    "عشرين": 20,
    "ثلاثون": 30,
    "ثلاثين": 30,
    "اربعون": 40,
    "اربعين": 40,
    "خمسون": 50,
    "خمسين": 50,
    "ستون": 60,
    "ستين": 60,
    "سبعون": 70,
    "سبعين": 70,
    "ثمانون": 80,
    "ثمانين": 80,
    "تسعون": 90,
    "تسعين": 90,
}
_AR_HUNDREDS = {
    "مئه": 100,
    "مائه": 100,
    "مئتان": 200,
    "مئتين": 200,
    "مئتا": 200,
    "مئتي": 200,
    "مائتان": 200,
    "مائتين": 200,
    "مائتا": 200,
    "مائتي": 200,
}
for _name, _value in (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8), ("تسع", 9)):
    _AR_HUNDREDS[_name + "مئه"] = _AR_HUNDREDS[_name + "مائه"] = _value * 100
_AR_SCALES = {  # word -> (scale, count it implies when no number precedes it)
    "الف": (1000, 1),
    "الفا": (1000, 1),
    "الفان": (1000, 2),
    "الفين": (1000, 2),
    "الفي": (1000, 2),
    "الاف": (1000, None),
    "مليون": (10**6, 1),
    "مليونا": (10**6, 1),
    "مليونان": (10**6, 2),
    "مليونين": (10**6, 2),
    "مليوني": (10**6, 2),
    "ملايين": (10**6, None),
    "مليار": (10**9, 1),
    "مليارا": (10**9, 1),
    "ملياران": (10**9, 2),
    "مليارين": (10**9, 2),
    "ملياري": (10**9, 2),
    "مليارات": (10**9, None),
}
_AR_VAGUE = {"عشرات": "tens", "مئات": "hundreds", "ميات": "hundreds"}
_AR_VAGUE_SCALES = {1000: "thousands", 10**6: "millions", 10**9: "billions"}
# The tables are written as Arabic is spelled; the text is folded (ئ -> ي, ة -> ه, أ -> ا): fold them too.
_T = TypeVar("_T")


def _folded(table: dict[str, _T]) -> dict[str, _T]:
    return {fold_ar(k): v for k, v in table.items()}


_AR_UNITS, _AR_TENS, _AR_HUNDREDS = _folded(_AR_UNITS), _folded(_AR_TENS), _folded(_AR_HUNDREDS)
_AR_SCALES, _AR_VAGUE = _folded(_AR_SCALES), _folded(_AR_VAGUE)

_EN_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_EN_SCALES = {"thousand": 1000, "million": 10**6, "billion": 10**9}
_EN_VAGUE = {
    "dozens": "tens",
    "tens": "tens",
    "hundreds": "hundreds",
    "thousands": "thousands",
    "millions": "millions",
    "billions": "billions",
}

# Duration units: folded Arabic singular / dual / plural forms and English forms.
_AR_UNIT_FORMS: dict[str, tuple[str, int | None]] = {}
for _unit, _single, _duals, _plurals in (
    ("day", ["يوم"], ["يومين", "يومان"], ["ايام"]),
    ("week", ["اسبوع"], ["اسبوعين", "اسبوعان"], ["اسابيع"]),
    ("month", ["شهر"], ["شهرين", "شهران"], ["اشهر", "شهور"]),
    ("hour", ["ساعه"], ["ساعتين", "ساعتان"], ["ساعات"]),
    ("year", ["عام", "سنه"], ["عامين", "عامان", "سنتين", "سنتان"], ["اعوام", "سنوات", "سنين"]),
    ("minute", ["دقيقه"], ["دقيقتين", "دقيقتان"], ["دقائق"]),
):
    for _f in _single:
        _AR_UNIT_FORMS[_f] = (_unit, 1)
    for _f in _duals:
        _AR_UNIT_FORMS[_f] = (_unit, 2)
    for _f in _plurals:
        _AR_UNIT_FORMS[_f] = (_unit, None)
_AR_UNIT_FORMS = {fold_ar(k): v for k, v in _AR_UNIT_FORMS.items()}
# the accusative of a singular unit: «أسبوعًا واحدًا», «يومًا»
_AR_UNIT_FORMS.update({form + "ا": value for form, value in list(_AR_UNIT_FORMS.items()) if value[1] == 1})
_AR_BARE_DURATION_AFTER = frozenset(fold_ar(w) for w in ("خلال", "مدة", "لمدة", "غضون", "طوال", "طيلة", "قرابة", "نحو"))
_EN_UNIT_FORMS = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "hour": "hour",
    "hours": "hour",
    "year": "year",
    "years": "year",
    "minute": "minute",
    "minutes": "minute",
}


_EN_TRIGGERS = frozenset({*_EN_UNITS, *_EN_VAGUE, "hundred", *_EN_SCALES, *_EN_UNIT_FORMS})


@dataclass(frozen=True)
class NumberMention:
    key: str  # canonical: "1200", "tens of thousands", "1 week"
    kind: str  # "number" or "duration"
    text: str  # as found


def _canonical_digits(token: str) -> str:
    token = token.rstrip(".,")
    if _GROUPED.fullmatch(token):
        return token.replace(",", "")
    return token.replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", token) else token


def _digits_value(token: str) -> float | None:
    """The amount a run of digits writes, or None for a code such as «127.0.0.1», "1.0.0" or "1,1200"."""
    try:
        return float(_canonical_digits(token))
    except ValueError:
        return None


def _code_mention(token: str) -> NumberMention:
    """A run of digits that is no amount (`_digits_value` is None): kept as written, joined to nothing."""
    return NumberMention(token.rstrip(".,"), "number", token)


def _number_key(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _peel_ar(word: str) -> tuple[str, bool]:
    """A number word without its و/ف/ب/ل proclitic (never the article: «الاثنين» is Monday)."""
    joined = False
    if word[:1] in ("و", "ف") and len(word) > 3:
        candidate = word[1:]
        if _ar_value(candidate) is not None or candidate in _AR_VAGUE:
            return candidate, True
    if word[:1] in ("ب", "ل") and len(word) > 3 and _ar_value(word[1:]) is not None:
        return word[1:], joined
    return word, joined


def _ar_value(word: str) -> tuple[str, int] | None:
    if word in _AR_UNITS:
        return "unit", _AR_UNITS[word]
    if word in _AR_TENS:
        return "unit", _AR_TENS[word]
    if word in _AR_HUNDREDS:
        return "hundred", _AR_HUNDREDS[word]
    if word in _AR_SCALES:
        return "scale", _AR_SCALES[word][0]
    return None


@lru_cache(maxsize=PER_WORD)
def _inert_ar(word: str) -> bool:
    """`word` can start no number, amount or duration (most words): `arabic_numbers` steps over it.

    Exactly the words for which every branch of its loop falls through: no digits, no number
    word (proclitic peeled), no vague amount, no duration unit.
    """
    if _DIGITS.fullmatch(word):
        return False
    peeled, _ = _peel_ar(word)
    if _ar_value(peeled) is not None:
        return False
    if peeled.startswith("ال") and peeled[2:] in _AR_VAGUE:
        peeled = peeled[2:]
    if peeled in _AR_VAGUE or (peeled in _AR_SCALES and _AR_SCALES[peeled][1] is None):
        return False
    return not (word in _AR_UNIT_FORMS and not word.startswith("ال"))


_AR_STARTS = WordSet(lambda word: not _inert_ar(word))
# Every branch of `english_numbers` starts at a word with a digit (`_DIGITS` starts with \d) or
# at one of `_EN_TRIGGERS`, or at "a" followed by one of them ("a hundred", "a week").
_EN_STARTS = WordSet(lambda word: word in _EN_TRIGGERS or word[:1].isdecimal())


def arabic_numbers(text: str) -> list[NumberMention]:
    """Numbers, vague amounts and durations written in Arabic `text` (digits included)."""
    words = ar_word_tuple(text)
    starts = _AR_STARTS.positions(words)
    if not starts:  # most texts: no word can start a number
        return []
    found: list[NumberMention] = []
    used: set[int] = set()
    i = 0
    for at in starts:  # the scan steps over inert words: it visits only the others
        if at < i:
            continue  # read already, as part of the number before it
        i = at
        word = words[i]
        # a run of digits and number words: «1200», «ألف ومئتي», «3 آلاف», «خمسة وعشرين»
        total, current, start, any_value, small_only = 0.0, 0.0, i, False, True
        j = i
        while j < len(words):
            w = words[j]
            if _DIGITS.fullmatch(w) and not any_value:
                amount = _digits_value(w)
                if amount is None:
                    found.append(_code_mention(w))
                    j += 1
                    break
                current = amount
                any_value, small_only = True, False
                j += 1
                continue
            peeled, _ = _peel_ar(w)
            value = _ar_value(peeled)
            if value is None or (
                peeled in ("احد", "اثنا", "اثني") and not (j + 1 < len(words) and words[j + 1] in ("عشر", "عشره"))
            ):
                break
            if peeled in _AR_SCALES and _AR_SCALES[peeled][1] is None and not any_value:
                break  # «آلاف» with no number before it is vague: handled below
            kind, v = value
            if kind == "scale":
                count = _AR_SCALES[peeled][1] or 1
                total += (current or count) * v
                current = 0.0
                small_only = False
            elif kind == "hundred":
                current = (current or 1) * 100 if v == 100 and current and current < 10 else current + v
                small_only = False
            else:
                current += v
                if v > 2:
                    small_only = False
            any_value = True
            j += 1
        if any_value:
            value_total = total + current
            # a duration: the run is followed by a unit in the plural or singular («ثلاثة أيام», «10 أيام»)
            if j < len(words) and words[j] in _AR_UNIT_FORMS:
                unit = _AR_UNIT_FORMS[words[j]][0]
                found.append(
                    NumberMention(f"{_number_key(value_total)} {unit}", "duration", " ".join(words[start : j + 1]))
                )
                used.update(range(start, j + 1))
                i = j + 1
                continue
            if not small_only or _DIGITS.fullmatch(words[start]):
                found.append(NumberMention(_number_key(value_total), "number", " ".join(words[start:j])))
            used.update(range(start, j))
            i = j
            continue
        # vague amounts: «عشرات», «مئات», «عشرات الآلاف», «آلاف»
        peeled, _ = _peel_ar(word)
        if peeled.startswith("ال") and peeled[2:] in _AR_VAGUE:
            peeled = peeled[2:]  # «العشرات»
        if peeled in _AR_VAGUE or (peeled in _AR_SCALES and _AR_SCALES[peeled][1] is None):
            if peeled in _AR_VAGUE:
                key = _AR_VAGUE[peeled]
                nxt = words[i + 1] if i + 1 < len(words) else ""
                nxt_stem = nxt[2:] if nxt.startswith("ال") else nxt
                if nxt_stem in _AR_SCALES and _AR_SCALES[nxt_stem][1] is None:
                    key = f"{key} of {_AR_VAGUE_SCALES[_AR_SCALES[nxt_stem][0]]}"
                    i += 1
            else:
                key = _AR_VAGUE_SCALES[_AR_SCALES[peeled][0]]
            found.append(NumberMention(key, "number", word))
            i += 1
            continue
        # a bare unit: «أسبوع واحد», «يومين», «خلال أسبوع»
        unit_form = words[i][2:] if words[i].startswith("ال") else None
        if word in _AR_UNIT_FORMS and unit_form is None:
            unit, unit_count = _AR_UNIT_FORMS[word]
            nxt = words[i + 1] if i + 1 < len(words) else ""
            prev = words[i - 1] if i > 0 else ""
            if unit_count == 1 and nxt in ("واحد", "واحده", "واحدا"):
                found.append(NumberMention(f"1 {unit}", "duration", f"{word} {nxt}"))
                i += 2
                continue
            if unit_count == 2:
                found.append(NumberMention(f"2 {unit}", "duration", word))
            elif unit_count == 1 and prev in _AR_BARE_DURATION_AFTER:
                found.append(NumberMention(f"1 {unit}", "duration", word))
        i += 1
    return found


def _with_article(words: tuple[str, ...], starts: list[int]) -> Iterator[int]:
    """`starts` and, before each, an "a" that precedes it: "a hundred", "a week" start at the "a".

    An "a" followed by no word of `_EN_STARTS` starts nothing: those are all the words
    `english_numbers` acts at.
    """
    for at in starts:
        if at and words[at - 1] == "a":
            yield at - 1
        yield at


def english_numbers(text: str) -> list[NumberMention]:
    """Numbers, vague amounts and durations written in English `text` (digits included)."""
    words = en_word_tuple(text)
    starts = _EN_STARTS.positions(words)
    if not starts:
        return []  # no number or unit word, no word that starts with a digit: nothing to find
    found: list[NumberMention] = []
    i = 0
    for at in _with_article(words, starts):  # every other word is stepped over
        if at < i:
            continue  # read already, as part of the number before it
        i = at
        w = words[i]
        digits = bool(_DIGITS.fullmatch(w))
        if (
            digits
            or w in _EN_UNITS
            or (w == "a" and i + 1 < len(words) and words[i + 1] in ("hundred", "thousand", "million", "billion"))
        ):
            total, current, j, small_only, is_digit = 0.0, 0.0, i, True, digits
            amount = _digits_value(w) if digits else 0.0
            if amount is None:
                found.append(_code_mention(w))
                i += 1
                continue
            if digits:
                current = amount
                small_only = False
                j += 1
            while j < len(words):
                x = words[j]
                if x == "a" and j == i:
                    j += 1
                    continue
                if x in _EN_UNITS and not is_digit:
                    current += _EN_UNITS[x]
                    small_only = small_only and _EN_UNITS[x] <= 2
                elif x == "hundred":
                    current = (current or 1) * 100
                    small_only = False
                elif x in _EN_SCALES:
                    total += (current or 1) * _EN_SCALES[x]
                    current = 0.0
                    small_only = False
                elif x == "and" and j + 1 < len(words) and words[j + 1] in _EN_UNITS and not is_digit:
                    pass
                else:
                    break
                j += 1
            value = total + current
            if j < len(words) and words[j] in _EN_UNIT_FORMS:
                found.append(
                    NumberMention(
                        f"{_number_key(value)} {_EN_UNIT_FORMS[words[j]]}", "duration", " ".join(words[i : j + 1])
                    )
                )
                i = j + 1
                continue
            if w == "a" and j == i + 1:
                i += 1
                continue
            if not small_only:
                found.append(NumberMention(_number_key(value), "number", " ".join(words[i:j])))
            i = max(j, i + 1)
            continue
        if w in _EN_VAGUE:
            key = _EN_VAGUE[w]
            if i + 2 < len(words) and words[i + 1] == "of" and words[i + 2] in ("thousands", "millions", "billions"):
                key = f"{key} of {words[i + 2]}"
                i += 2
            found.append(NumberMention(key, "number", w))
            i += 1
            continue
        if (
            w == "a"
            and i + 1 < len(words)
            and words[i + 1] in _EN_UNIT_FORMS
            and words[i + 1] == _EN_UNIT_FORMS[words[i + 1]]
        ):
            found.append(NumberMention(f"1 {words[i + 1]}", "duration", f"a {words[i + 1]}"))
            i += 2
            continue
        i += 1
    return found
