"""Words spelled alike: rapidfuzz's `fuzz.ratio`, asked only where a match is possible.

The support checks accept a word spelled within a similarity threshold of a known one
(«يعقد» / «عقد», "prepare" / "preparing"). `fuzz.ratio` is 100 * (1 - d / L), where d is the
indel distance (letters inserted or deleted) and L the two lengths' sum, so:

* a ratio of at least T percent needs the lengths within (100 - T) percent of L (d is at least
  the length difference): known words are grouped by length, and only reachable lengths are tried;
* where L is short enough that T allows at most one insertion or deletion (L * (100 - T) / 100
  below 2: most words at T = 85, up to 13 letters for both words together), a match is the word
  itself, the word with one letter deleted, or a known word with one letter deleted. Those are
  looked up in sets instead of scoring every known word of that length (each still scored by
  rapidfuzz against the threshold, so the answer is the same).

Other lengths are scored by rapidfuzz against every known word of that length, as before.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

# Below this many allowed edits a length pair is looked up, not scanned; the margin keeps a
# pair whose bound is exactly 2 (where rounding could go either way) with rapidfuzz.
_LOOKUP_BELOW = 2.0 - 1e-6


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Spellings:
    """A set of words to search for any word spelled within `threshold` (rapidfuzz ratio)."""

    def __init__(self, words: Iterable[str], threshold: float) -> None:
        self.threshold = threshold
        self._words = words
        self._by_length: dict[int, list[str]] | None = None  # built on the first search: most never search
        self._all: frozenset[str] | None = None
        self._longer: dict[int, tuple[dict[str, list[str]], dict[str, list[str]]]] = {}
        self._plans: dict[int, tuple[list[int], list[str]]] = {}
        self._matches: dict[str, list[str]] = {}
        self._share = (100.0 - threshold) / 100.0
        # half a point over the exact bound: rounding can never drop a reachable length
        self._slack = (100.0 - threshold + 0.5) / 100.0

    def _groups(self) -> dict[int, list[str]]:
        if self._by_length is None:
            self._by_length = {}
            self._all = frozenset(self._words)
            for known in sorted(self._all):
                self._by_length.setdefault(len(known), []).append(known)
        return self._by_length

    def _plan(self, n: int) -> tuple[list[int], list[str]]:
        """For a word of length `n`: the reachable lengths to look up, and the known words to score."""
        plan = self._plans.get(n)
        if plan is None:
            lookup: list[int] = []
            scan: list[str] = []
            for m, words in self._groups().items():
                if abs(n - m) > self._slack * (n + m):
                    continue
                if (n + m) * self._share >= _LOOKUP_BELOW:
                    scan += words
                elif abs(n - m) <= 1:  # one edit at most (else the lengths alone differ by more)
                    lookup.append(m)
            plan = self._plans[n] = (lookup, scan)
        return plan

    def _known(self) -> frozenset[str]:
        self._groups()
        assert self._all is not None
        return self._all

    def _one_longer(self, n: int) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Known words of length n + 1 by their first n // 2 letters and by their letters after n // 2 + 1.

        A word of length n that is such a word minus the letter at k shares its first n // 2
        letters (k >= n // 2) or its letters after n // 2 (k < n // 2).
        """
        found = self._longer.get(n)
        if found is None:
            half = n // 2
            by_start: dict[str, list[str]] = {}
            by_end: dict[str, list[str]] = {}
            for known in self._groups().get(n + 1, ()):
                by_start.setdefault(known[:half], []).append(known)
                by_end.setdefault(known[half + 1 :], []).append(known)
            found = self._longer[n] = (by_start, by_end)
        return found

    def _looked_up(self, word: str, lengths: list[int]) -> list[str]:
        """Known words of `lengths` (each within one letter of `word`'s length) within one edit of `word`."""
        n = len(word)
        found: list[str] = []
        for m in lengths:
            if m == n:
                if word in self._known():
                    found.append(word)
            elif m == n - 1:
                known = self._known()
                found += [shorter for shorter in _deletions(word) if shorter in known]
            else:  # m == n + 1: scored by rapidfuzz below, so a candidate that is not one deletion away drops out
                by_start, by_end = self._one_longer(n)
                half = n // 2
                found += dict.fromkeys([*by_start.get(word[:half], ()), *by_end.get(word[half:], ())])
        return [known for known in found if fuzz.ratio(word, known, score_cutoff=self.threshold) >= self.threshold]

    def matches(self, word: str) -> list[str]:
        """Every known word whose ratio with `word` reaches the threshold (in no particular order)."""
        found = self._matches.get(word)
        if found is None:
            lookup, scan = self._plan(len(word))
            found = self._looked_up(word, lookup)
            if scan:
                scored = process.extract(word, scan, scorer=fuzz.ratio, score_cutoff=self.threshold, limit=None)
                found += [choice for choice, _, _ in scored]
            self._matches[word] = found
        return found

    def any_match(self, word: str) -> bool:
        """Whether some known word's ratio with `word` reaches the threshold."""
        lookup, scan = self._plan(len(word))
        if self._looked_up(word, lookup):
            return True
        return bool(scan) and (
            process.extractOne(word, scan, scorer=fuzz.ratio, score_cutoff=self.threshold) is not None
        )
