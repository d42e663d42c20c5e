"""A set of furniture phrases finds a line exactly when the regex alternation of the same phrases would."""

from __future__ import annotations

import re

import pytest

from summarizer.arabic import normalize
from summarizer.furniture import _alt, _AnyPhrase

PHRASES = ("جميع الحقوق محفوظة", "لا يعبر عن رأي", "copyright", "حقوق")


@pytest.mark.parametrize(
    "line",
    [
        "جميع الحقوق محفوظة للموقع 2025",
        "المقال لا يعبر عن رأي الصحيفة",
        "Copyright 2025",  # the phrases are normalized; so is the line they are searched in
        "copyright 2025",
        "الحقوق",
        "وقال الوزير إن الحكومة ستبدأ المحادثات الشهر المقبل.",
        "",
    ],
)
def test_a_phrase_set_finds_what_the_regex_of_its_phrases_finds(line):
    for text in (line, normalize(line)):
        assert _AnyPhrase(*PHRASES).search(text) == bool(re.search(_alt(*PHRASES), text))
