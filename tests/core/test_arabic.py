"""Normalization: the fast `normalize` agrees with the offset-keeping `normalize_with_map`."""

from __future__ import annotations

import random

from summarizer.arabic import _DROPPED, _FOLDED, normalize, normalize_with_map

# Every character class the folding treats specially, Unicode whitespace, and look-alikes.
_ALPHABET = (
    sorted(_DROPPED)
    + sorted(_FOLDED)
    + list(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2000\u2003\u2028\u2029\u202f\u205f\u3000")
    + list("AbZz09.,ÀÉßİKΣ\u200b\u00ad")
    + [chr(c) for c in range(0x0621, 0x0660)]
)


def test_fast_normalize_equals_the_mapped_normalization_on_random_text() -> None:
    rng = random.Random(20250801)
    for _ in range(5000):
        text = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 40)))
        assert normalize(text) == normalize_with_map(text).text, repr(text)


def _map_one_by_one(text: str) -> tuple[str, tuple[int, ...]]:
    """The definition of the offset-keeping normalization, one character at a time."""
    out: list[str] = []
    origin: list[int] = []
    pending_space_at: int | None = None
    for index, char in enumerate(text):
        if char in _DROPPED:
            continue
        if char.isspace():
            if out and pending_space_at is None:
                pending_space_at = index
            continue
        if pending_space_at is not None:
            out.append(" ")
            origin.append(pending_space_at)
            pending_space_at = None
        folded = _FOLDED.get(char, char)
        out.append(folded.lower() if folded.isascii() else folded)
        origin.append(index)
    return "".join(out), tuple(origin)


def test_mapped_normalization_keeps_the_source_index_of_every_character_on_random_text() -> None:
    rng = random.Random(20251201)
    words = ["كتب", "الوزير", "Syria", "2025"]
    for _ in range(5000):
        text = "".join(rng.choice(_ALPHABET + words) for _ in range(rng.randint(0, 40)))
        mapped = normalize_with_map(text)
        assert (mapped.text, tuple(mapped.origin)) == _map_one_by_one(text), repr(text)
