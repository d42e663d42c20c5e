"""Words spelled alike are found among only the known words of a reachable length, with the same answers."""

from __future__ import annotations

import random

from rapidfuzz import fuzz

from summarizer.consistency.spelling import Spellings

LETTERS = "ابتدرسعفقلمنهوي" + "aeiknorst"


def _words(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choice(LETTERS) for _ in range(rng.randint(1, 14))) for _ in range(n)]


def test_matches_are_exactly_the_known_words_whose_ratio_reaches_the_threshold() -> None:
    rng = random.Random(17)
    known = _words(rng, 300)
    # near spellings of known words, so that many queries do match
    queries = (
        _words(rng, 100)
        + [w[:-1] for w in known[:100]]  # one letter less
        + [w + rng.choice(LETTERS) for w in known[100:200]]  # one letter more
        + [w[:1] + rng.choice(LETTERS) + w[2:] for w in known[200:]]  # one letter changed
        + known[:50]
    )
    for threshold in (70.0, 85.0, 88.0):
        spellings = Spellings(known, threshold)
        for query in queries:
            expected = sorted({w for w in known if fuzz.ratio(query, w) >= threshold})
            assert sorted(spellings.matches(query)) == expected, (query, threshold)
            assert spellings.any_match(query) == bool(expected)


def test_no_known_words_match_nothing() -> None:
    assert Spellings([], 85.0).matches("word") == ()
    assert not Spellings([], 85.0).any_match("word")
