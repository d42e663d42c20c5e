"""Dates as anchors: months, day+month dates, weekdays, relative days and parts of the day.

Keys are language-neutral, so «13 يوليو», «13 تموز» and "13 July" are all `date:13-7`;
«اليوم (الخميس)» and "today, Thursday" are `relative:today` and `weekday:thursday`;
«صباح الجمعة» and "Friday morning" are `weekday:friday` and `daypart:morning`;
«ديسمبر الماضي» and "last December" are `month:12` and `relative:last-month-name`.

Words that are also ordinary words are only read as dates where the context says so:
«مارس» is "he practised" unless a day, a year, «شهر» or «الماضي/المقبل» stands next to it
(English "March" and "May" likewise); Levantine «آب» is "father" unless a digit stands next
to it; «تشرين» needs its «الأول/الثاني»; «اليوم» followed by «التالي/الأول/الذي…» is "the day",
not "today"; «صباح» is a given name unless a day follows it, and «الصباح» a newspaper unless «في/هذا/منذ/حتى»
stands before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from .text import PER_WORD, WordSet, ar_stems, ar_word_tuple, en_word_tuple, fold_ar

MONTHS_EN = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# (forms, needs context) per month; two-word forms are matched as phrases.
_MONTHS_AR: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("يناير", "كانون الثاني"), ()),
    (("فبراير", "شباط"), ()),
    (("آذار",), ("مارس",)),
    (("أبريل", "إبريل", "نيسان"), ()),
    (("مايو", "أيار"), ()),
    (("يونيو", "يونيه", "حزيران"), ()),
    (("يوليو", "يوليه", "تموز"), ()),
    (("أغسطس",), ("آب",)),
    (("سبتمبر", "أيلول"), ()),
    (("أكتوبر", "تشرين الأول"), ()),
    (("نوفمبر", "تشرين الثاني"), ()),
    (("ديسمبر", "كانون الأول"), ()),
)
_AMBIGUOUS_EN_MONTHS = frozenset({"march", "may"})
WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS_AR = (("الاثنين", "الإثنين"), ("الثلاثاء",), ("الأربعاء",), ("الخميس",), ("الجمعة",), ("السبت",), ("الأحد",))

_AR_PAST = frozenset(fold_ar(w) for w in ("الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة", "السابق"))
_AR_NEXT = frozenset(fold_ar(w) for w in ("المقبل", "المقبلة", "القادم", "القادمة"))
_AR_MONTH_CONTEXT = frozenset(fold_ar(w) for w in ("شهر",)) | _AR_PAST | _AR_NEXT
_AR_TODAY_NOT = frozenset(
    fold_ar(w)
    for w in (
        "التالي",
        "السابق",
        "الأول",
        "الثاني",
        "الثالث",
        "الأخير",
        "الذي",
        "نفسه",
        "ذاته",
        "العالمي",
        "الوطني",
        "الواحد",
    )
)
_AR_RELATIVE_WORDS = {
    fold_ar("أمس"): "yesterday",
    fold_ar("الأمس"): "yesterday",
    fold_ar("البارحة"): "yesterday",
    fold_ar("غدا"): "tomorrow",
    fold_ar("الغد"): "tomorrow",
    fold_ar("الليلة"): "tonight",
}
_AR_PERIODS = {
    fold_ar("الأسبوع"): "week",
    fold_ar("الشهر"): "month",
    fold_ar("العام"): "year",
    fold_ar("السنة"): "year",
}
_AR_DAYPARTS = {
    fold_ar("صباح"): "morning",
    fold_ar("صباحا"): "morning",
    fold_ar("الصباح"): "morning",
    fold_ar("مساء"): "evening",
    fold_ar("مساءا"): "evening",
    fold_ar("المساء"): "evening",
}
_EN_DAYPARTS = {"morning": "morning", "evening": "evening"}


@dataclass(frozen=True)
class DateMention:
    key: str  # "month:7", "date:13-7", "weekday:friday", "relative:today", "daypart:morning"
    text: str


def _month_forms() -> tuple[dict[str, int], dict[str, int]]:
    plain: dict[str, int] = {}
    guarded: dict[str, int] = {}
    for month, (forms, ambiguous) in enumerate(_MONTHS_AR, start=1):
        for form in forms:
            plain[fold_ar(form)] = month
        for form in ambiguous:
            guarded[fold_ar(form)] = month
    return plain, guarded


_AR_MONTHS, _AR_GUARDED_MONTHS = _month_forms()
_AR_WEEKDAYS = {fold_ar(f): WEEKDAYS_EN[i] for i, forms in enumerate(_WEEKDAYS_AR) for f in forms}


def _day_number(word: str) -> int | None:
    return int(word) if word.isdigit() and 1 <= int(word) <= 31 else None


_AR_DATE_KEYS = frozenset(
    {*_AR_MONTHS, *_AR_GUARDED_MONTHS, *_AR_WEEKDAYS, *_AR_RELATIVE_WORDS, *_AR_PERIODS, *_AR_DAYPARTS}
)
_AR_MONTH_FIRST_WORDS = frozenset(form.split(" ")[0] for form in _AR_MONTHS if " " in form)


# Words `arabic_dates` compares its neighbours with, folded once.
_TISHREEN, _TODAY, _FIRST, _AFTER, _CURRENT = (fold_ar(w) for w in ("تشرين", "اليوم", "أول", "بعد", "الجاري"))
_THIS = (fold_ar("هذا"), fold_ar("هذه"))
_BEFORE_DAYPART = tuple(fold_ar(w) for w in ("في", "هذا", "منذ", "حتى"))  # «في الصباح»: a time of day
_DAY_AFTER_DAYPART = tuple(fold_ar(w) for w in ("اليوم", "أمس", "الأمس", "الغد", "غد", "يوم"))  # «صباح اليوم»


@lru_cache(maxsize=PER_WORD)
def _inert_ar(word: str) -> bool:
    """`word` starts no date, day or time of day (most words): `arabic_dates` steps over it.

    None of its stems is in any of the tables, it does not begin a two-word month
    («كانون الثاني») and it is not «اليوم».
    """
    if word in _AR_MONTH_FIRST_WORDS or word.endswith("اليوم"):
        return False
    return _AR_DATE_KEYS.isdisjoint(ar_stems(word))


_AR_STARTS = WordSet(lambda word: not _inert_ar(word))


def arabic_dates(text: str) -> list[DateMention]:
    words = ar_word_tuple(text)
    starts = _AR_STARTS.positions(words)
    if not starts:  # most texts: no word can start a date
        return []
    found: list[DateMention] = []
    i = 0
    for at in starts:  # the scan steps over inert words: it visits only the others
        if at < i:
            continue  # read already, as the second word of a month («كانون الثاني»)
        i = at
        word = words[i]
        prev = words[i - 1] if i > 0 else ""
        nxt = words[i + 1] if i + 1 < len(words) else ""
        pair = f"{word} {nxt}"
        month = None
        width = 1
        if pair in _AR_MONTHS:
            month, width = _AR_MONTHS[pair], 2
        else:
            for stem in ar_stems(word):
                if stem in _AR_MONTHS and " " not in stem and stem != _TISHREEN:
                    month = _AR_MONTHS[stem]
                    break
                if stem in _AR_GUARDED_MONTHS and (
                    prev.isdigit() or nxt.isdigit() or prev in _AR_MONTH_CONTEXT or nxt in _AR_MONTH_CONTEXT
                ):
                    month = _AR_GUARDED_MONTHS[stem]
                    break
        if month is not None:
            found.append(DateMention(f"month:{month}", word))
            after = words[i + width] if i + width < len(words) else ""
            day = _day_number(prev)
            if day is not None:
                found.append(DateMention(f"date:{day}-{month}", f"{prev} {word}"))
            if after in _AR_PAST:
                found.append(DateMention("relative:last-month-name", f"{word} {after}"))
            elif after in _AR_NEXT:
                found.append(DateMention("relative:next-month-name", f"{word} {after}"))
            i += width
            continue
        weekday = next((_AR_WEEKDAYS[s] for s in ar_stems(word) if s in _AR_WEEKDAYS), None)
        if weekday is not None:
            found.append(DateMention(f"weekday:{weekday}", word))
        stems = ar_stems(word)
        if _TODAY in stems[:3] and word.endswith("اليوم") and nxt not in _AR_TODAY_NOT:
            found.append(DateMention("relative:today", word))
        relative = next((_AR_RELATIVE_WORDS[s] for s in stems if s in _AR_RELATIVE_WORDS), None)
        if relative is not None:
            if relative == "yesterday" and prev == _FIRST:
                relative = "day-before-yesterday"
            elif relative == "tomorrow" and prev == _AFTER:
                relative = "day-after-tomorrow"
            found.append(DateMention(f"relative:{relative}", word))
        period = next((_AR_PERIODS[s] for s in stems if s in _AR_PERIODS), None)
        if period is not None:
            if nxt in _AR_PAST:
                found.append(DateMention(f"relative:last-{period}", pair))
            elif nxt in _AR_NEXT:
                found.append(DateMention(f"relative:next-{period}", pair))
            elif prev in _THIS or nxt == _CURRENT:
                found.append(DateMention(f"relative:this-{period}", pair))
        daypart = next((_AR_DAYPARTS[s] for s in stems if s in _AR_DAYPARTS), None)
        if daypart is not None and (
            (not word.endswith(("صباح", "مساء")) and not word.endswith(("الصباح", "المساء")))
            or (word.endswith(("الصباح", "المساء")) and prev in _BEFORE_DAYPART)
            or any(s in _AR_WEEKDAYS for s in ar_stems(nxt))
            or nxt in _DAY_AFTER_DAYPART
        ):
            found.append(DateMention(f"daypart:{daypart}", word))
        i += 1
    return found


# Every branch of `english_dates` starts at one of these words.
_EN_TRIGGERS = frozenset(
    {*MONTHS_EN, *WEEKDAYS_EN, "today", "yesterday", "tomorrow", "tonight", "week", "month", "year", *_EN_DAYPARTS}
)


def english_dates(text: str) -> list[DateMention]:
    words = en_word_tuple(text)
    if _EN_TRIGGERS.isdisjoint(words):
        return []
    found: list[DateMention] = []
    context = {"in", "of", "since", "until", "till", "last", "next", "early", "late", "mid", "this", "from", "by"}
    for i in compress(range(len(words)), map(_EN_TRIGGERS.__contains__, words)):  # every branch starts at one
        word = words[i]
        prev = words[i - 1] if i > 0 else ""
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word in MONTHS_EN:
            if word in _AMBIGUOUS_EN_MONTHS and not (
                prev.isdigit() or nxt.isdigit() or prev in context or (word == "march" and prev == "in")
            ):
                continue
            if word == "may" and not (
                prev.isdigit()
                or nxt.isdigit()
                or prev in {"last", "next", "since", "until", "early", "late", "mid"}
                or (prev == "in" and not nxt.isalpha())
            ):
                continue
            month = MONTHS_EN.index(word) + 1
            found.append(DateMention(f"month:{month}", word))
            for day_word in (prev, nxt):
                digits = day_word.rstrip("stndrh") if day_word[:1].isdigit() else ""
                day = _day_number(digits) if digits else None
                if day is not None:
                    found.append(DateMention(f"date:{day}-{month}", f"{day_word} {word}"))
            if prev == "last":
                found.append(DateMention("relative:last-month-name", f"last {word}"))
            elif prev == "next":
                found.append(DateMention("relative:next-month-name", f"next {word}"))
            continue
        if word in WEEKDAYS_EN:
            found.append(DateMention(f"weekday:{word}", word))
            continue
        if word in ("today", "yesterday", "tomorrow", "tonight"):
            if word == "yesterday" and prev == "before" and i >= 3 and words[i - 2] == "day":
                found.append(DateMention("relative:day-before-yesterday", "the day before yesterday"))
            elif word == "tomorrow" and prev == "after" and i >= 3 and words[i - 2] == "day":
                found.append(DateMention("relative:day-after-tomorrow", "the day after tomorrow"))
            else:
                found.append(DateMention(f"relative:{word}", word))
            continue
        if word in ("week", "month", "year") and prev in ("last", "past", "next", "this", "coming"):
            which = {"past": "last", "coming": "next"}.get(prev, prev)
            found.append(DateMention(f"relative:{which}-{word}", f"{prev} {word}"))
            continue
        if word in _EN_DAYPARTS and (
            prev in WEEKDAYS_EN
            or prev in ("this", "yesterday", "tomorrow", "the", "until", "till", "by")
            or nxt == "of"
        ):
            found.append(DateMention(f"daypart:{_EN_DAYPARTS[word]}", word))
            if prev == "this":
                found.append(DateMention("relative:today", "this " + word))
    return found
