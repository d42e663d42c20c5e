"""Words spelled alike: rapidfuzz's `fuzz.ratio` against only the words long enough to reach it.

The support checks accept a word spelled within a similarity threshold of a known one
(«يعقد» / «عقد», "prepare" / "preparing"). A ratio of at least T percent needs lengths within
(100 - T) percent of their sum (the indel distance is at least the length difference), so the
known words are grouped by length and a word is compared only with those of a reachable
length: the same matches as comparing it with all of them, in far fewer comparisons.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process


class Spellings:
    """A set of words to search for any word spelled within `threshold` (rapidfuzz ratio)."""

    def __init__(self, words: Iterable[str], threshold: float) -> None:
        self.threshold = threshold
        self._words = words
        self._by_length: dict[int, list[str]] | None = None  # built on the first search: most never search
        self._reachable_by_length: dict[int, list[str]] = {}
        self._matches: dict[str, list[str]] = {}
        # half a point over the exact bound: rounding can never drop a reachable length
        self._slack = (100.0 - threshold + 0.5) / 100.0

    def _reachable(self, word: str) -> list[str]:
        n = len(word)
        reachable = self._reachable_by_length.get(n)
        if reachable is None:
            if self._by_length is None:
                self._by_length = {}
                for known in sorted(set(self._words)):
                    self._by_length.setdefault(len(known), []).append(known)
            reachable = self._reachable_by_length[n] = [
                w for m, ws in self._by_length.items() if abs(n - m) <= self._slack * (n + m) for w in ws
            ]
        return reachable

    def matches(self, word: str) -> list[str]:
        """Every known word whose ratio with `word` reaches the threshold."""
        found = self._matches.get(word)
        if found is None:
            choices = self._reachable(word)
            scored = process.extract(word, choices, scorer=fuzz.ratio, score_cutoff=self.threshold, limit=None)
            found = self._matches[word] = [choice for choice, _, _ in scored]
        return found

    def any_match(self, word: str) -> bool:
        """Whether some known word's ratio with `word` reaches the threshold."""
        choices = self._reachable(word)
        return bool(choices) and (
            process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=self.threshold) is not None
        )
