"""A `CharMap` gives exactly what `str.translate` gives with the same table (it is only faster)."""

from __future__ import annotations

import random

import pytest

from summarizer.arabic import _TRANSLATE, INVISIBLE
from summarizer.charmap import CharMap

from ..helpers import ROOT

TABLES = {
    "arabic normalization": _TRANSLATE,
    "invisible characters": {ord(c): None for c in INVISIBLE},
    "lookalike letters": str.maketrans("аеоАВі", "aeoABi"),
}


@pytest.mark.parametrize("table", TABLES.values(), ids=TABLES.keys())
def test_a_char_map_translates_exactly_like_str_translate(table):
    charmap = CharMap(table)
    rng = random.Random(0)
    alphabet = [chr(c) for c in table] + list("ab AZ\n\t.") + [chr(c) for c in range(0x0600, 0x0700, 5)] + ["😀"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(40)))
        assert charmap(text) == text.translate(table)
    seed = (ROOT / "seeds" / "000_6e43a06edc57ceb0.txt").read_text(encoding="utf-8")
    assert charmap(seed) == seed.translate(table)


def test_a_table_whose_replacements_would_be_replaced_again_is_refused():
    # "a" -> "b" then "b" -> "c" would depend on the order of replacement: str.translate gives "bc".
    with pytest.raises(ValueError, match="order"):
        CharMap({ord("a"): "b", ord("b"): "c"})
