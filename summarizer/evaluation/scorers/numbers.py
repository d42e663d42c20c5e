"""Numbers and dates in the brief must be the article's: same figures, months, weekdays, no new year.

Both sides are read after `arabic.normalize`, so Arabic-Indic and Western digits are the same
number, and "1,200" is 1200. Checked against the article's story sentences only:

* every number (other than a year) must occur in the article;
* every month and weekday named, in English or Arabic (Egyptian and Levantine month names),
  must be named in the article, and every day+month pair ("13 July", «13 يوليو») must be one
  of the article's;
* a year (1900-2100) that the article does not write is invented: `no_invented_years`
  scores those alone, so that number_fidelity and no_invented_years never count one defect twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ...consistency.dates import MONTHS_EN
from ...consistency.numbers import arabic_numbers
from ..fields import text_fields
from ..names import normalize
from .base import Context, Score, metric

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")
YEAR_RANGE = range(1900, 2101)

MONTHS_AR = [
    ["يناير", "كانون الثاني"],
    ["فبراير", "شباط"],
    ["مارس", "آذار"],
    ["أبريل", "إبريل", "نيسان"],
    ["مايو", "أيار"],
    ["يونيو", "يونيه", "حزيران"],
    ["يوليو", "يوليه", "تموز"],
    ["أغسطس", "آب"],
    ["سبتمبر", "أيلول"],
    ["أكتوبر", "تشرين الأول"],
    ["نوفمبر", "تشرين الثاني"],
    ["ديسمبر", "كانون الأول"],
]
_WEEKDAYS_EN = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAYS_AR = [["الاثنين", "الإثنين"], ["الثلاثاء"], ["الأربعاء"], ["الخميس"], ["الجمعة"], ["السبت"], ["الأحد"]]


def _ar_word(form: str) -> str:
    # Arabic: a whole word, optionally with a one-letter proclitic (و، ب، ل، ف).
    return rf"(?<!\w)[وبلف]?{re.escape(normalize(form))}(?!\w)"


_MONTH_PATTERNS = [
    (
        month,
        re.compile(rf"\b{name}\b" if name != "may" else r"(?<=\d )may\b|\bmay(?= \d)"),
        re.compile("|".join(_ar_word(f) for f in MONTHS_AR[month - 1])),
    )
    for month, name in enumerate(MONTHS_EN, start=1)
]
_WEEKDAY_PATTERNS = [
    (day, re.compile(rf"\b{name}\b"), re.compile("|".join(_ar_word(f) for f in _WEEKDAYS_AR[i])))
    for i, (day, name) in enumerate(zip(range(1, 8), _WEEKDAYS_EN, strict=True))
]


def canonical_number(token: str) -> str:
    token = token.rstrip(".,")
    return token.replace(",", "") if _GROUPED.fullmatch(token) else token


def with_canonical_numbers(text: str) -> str:
    """`arabic.normalize(text)` with every number in canonical form ("١٬٢٠٠" -> "1200")."""
    return _NUMBER.sub(lambda m: canonical_number(m.group()), normalize(text))


def numbers_in(text: str) -> list[str]:
    """Every number written in `text`, in Western digits, thousands separators removed."""
    return [canonical_number(m.group()) for m in _NUMBER.finditer(normalize(text))]


def is_year(number: str) -> bool:
    return number.isdigit() and int(number) in YEAR_RANGE


@dataclass(frozen=True)
class DateMentions:
    months: set[int]
    weekdays: set[int]
    day_months: set[tuple[int, int]]


def dates_in(text: str) -> DateMentions:
    norm = normalize(text)  # lower-cases Latin letters, folds Arabic letter variants and digits
    months, weekdays, pairs = set(), set(), set()
    for month, en, ar in _MONTH_PATTERNS:
        for pattern in (en, ar):
            for m in pattern.finditer(norm):
                months.add(month)
                before = re.search(r"(\d{1,2})(?:st|nd|rd|th)? *$", norm[: m.start()].rstrip("، ,"))
                after = re.match(r" *(\d{1,2})(?:st|nd|rd|th)?\b", norm[m.end() :])
                for found in (before, after):
                    if found and 1 <= int(found.group(1)) <= 31:
                        pairs.add((int(found.group(1)), month))
    for day, en, ar in _WEEKDAY_PATTERNS:
        if en.search(norm) or ar.search(norm):
            weekdays.add(day)
    return DateMentions(months, weekdays, pairs)


@dataclass(frozen=True)
class ArticleFacts:
    numbers: set[str]
    years: set[str]
    dates: DateMentions


def article_facts(ctx: Context) -> ArticleFacts:
    story = "\n".join(s.text for s in ctx.article.citable)
    numbers = set(numbers_in(story))
    # numbers the article writes in words («نحو ثلاثة آلاف», «مليوني») are its numbers too
    numbers |= {m.key for m in arabic_numbers(story) if m.kind == "number" and m.key.isdigit()}
    return ArticleFacts(numbers, {n for n in numbers if is_year(n)}, dates_in(story))


def _texts(ctx: Context) -> Iterable[tuple[str, str]]:
    return ((f.path, f.text) for f in text_fields(ctx.brief))


@metric(
    "number_fidelity",
    family="numbers",
    description="share of numbers, months, weekdays and day+month dates in the brief that the article has",
)
def number_fidelity(ctx: Context) -> Score:
    known = article_facts(ctx)
    checked = 0
    problems: list[str] = []
    month_names = {i: n.capitalize() for i, n in enumerate(MONTHS_EN, start=1)}
    day_names = {i: n.capitalize() for i, n in enumerate(_WEEKDAYS_EN, start=1)}
    for path, text in _texts(ctx):
        for number in numbers_in(text):
            if is_year(number):
                continue
            checked += 1
            if number not in known.numbers:
                problems.append(f"{path}: {number} is not in the article")
        dates = dates_in(text)
        for month in dates.months:
            checked += 1
            if month not in known.dates.months:
                problems.append(f"{path}: the article names no {month_names[month]}")
        for day in dates.weekdays:
            checked += 1
            if day not in known.dates.weekdays:
                problems.append(f"{path}: the article names no {day_names[day]}")
        for day, month in dates.day_months:
            checked += 1
            if (day, month) not in known.dates.day_months:
                problems.append(f"{path}: {day} {month_names[month]} is not a date of the article")
    return Score.ratio(
        checked - len(problems),
        checked,
        "numbers and dates are the article's",
        empty="the brief writes no number or date",
        problems=problems,
    )


@metric(
    "no_invented_years",
    family="numbers",
    description="1 when every year in the brief is written in the article, else 0",
)
def no_invented_years(ctx: Context) -> Score:
    known = article_facts(ctx)
    invented = [
        f"{path}: {n}" for path, text in _texts(ctx) for n in numbers_in(text) if is_year(n) and n not in known.years
    ]
    if invented:
        return Score(0.0, f"{len(invented)} invented year(s) — " + "; ".join(invented[:3]), {"problems": invented})
    return Score(1.0, "no year that the article does not write")
