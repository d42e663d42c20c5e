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

Other lengths are scored by rapidfuzz against every known word of that length. `matches` (asked
about many words of a brief) searches this way; `any_match` (asked a few times per set of words)
scores every word of the reachable lengths, which costs less than preparing the lookups.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz, process

from .text import PER_WORD

# Below this many allowed edits a length pair is looked up, not scanned; the margin keeps a
# pair whose bound is exactly 2 (where rounding could go either way) with rapidfuzz.
_LOOKUP_BELOW = 2.0 - 1e-6


@lru_cache(maxsize=PER_WORD)
def _deletions(word: str) -> frozenset[str]:
    """`word` with one letter deleted, every way (once per word: the same words are searched in every brief)."""
    return frozenset(word[:i] + word[i + 1 :] for i in range(len(word)))


# A lookup table's entry: the one known word under that key (most keys), or several as a tuple.
# A dict of strings is no container the garbage collector tracks; a dict of lists is, with a list each.
_Entry = str | tuple[str, ...]


def _add(table: dict[str, _Entry], key: str, word: str) -> None:
    had = table.get(key)
    table[key] = word if had is None else (had, word) if isinstance(had, str) else (*had, word)


def _listed(entry: _Entry) -> tuple[str, ...]:
    return (entry,) if isinstance(entry, str) else entry


class _Plan(NamedTuple):
    """How words of one length are searched: which lengths are looked up, which known words scanned."""

    same: bool  # the word itself may be known
    shorter: bool  # known words one letter shorter: the word minus one letter
    longer: tuple[dict[str, _Entry], dict[str, _Entry]] | None  # one letter longer, by first / second half
    scan: list[str]  # known words of lengths where more than one edit may match: scored one by one


class Spellings:
    """A set of words to search for any word spelled within `threshold` (rapidfuzz ratio)."""

    def __init__(self, words: Iterable[str], threshold: float) -> None:
        self.threshold = threshold
        self._words = words
        self._known: frozenset[str] = frozenset()
        self._by_size: list[str] = []  # the known words, shortest first
        self._spans: dict[int, tuple[int, int]] | None = None
        self._reachable_by_length: dict[int, list[str]] = {}
        self._plans: dict[int, _Plan] = {}
        self._matches: dict[str, tuple[str, ...]] = {}
        self._share = (100.0 - threshold) / 100.0
        # half a point over the exact bound: rounding can never drop a reachable length
        self._slack = (100.0 - threshold + 0.5) / 100.0

    def _plan(self, n: int) -> _Plan:
        """How to search for a word of length `n` (once per length)."""
        plan = self._plans.get(n)
        if plan is None:
            plan = self._plans[n] = self._new_plan(n)
        return plan

    def _groups(self) -> dict[int, tuple[int, int]]:
        """Where the known words of each length are in `_by_size` (built on the first search: most never search)."""
        spans = self._spans
        if spans is None:
            self._known = frozenset(self._words)
            self._by_size = by_size = sorted(self._known, key=len)  # in C: cheaper than a list per length
            spans = {
                m: (bisect_left(by_size, m, key=len), bisect_right(by_size, m, key=len))
                for m in sorted(set(map(len, self._known)))
            }
            self._spans = spans  # last: a search in another thread sees all of it or builds it too
        return spans

    def _reachable(self, n: int) -> list[str]:
        """The known words of a length that a word of length `n` can match."""
        reachable = self._reachable_by_length.get(n)
        if reachable is None:
            spans = [span for m, span in self._groups().items() if abs(n - m) <= self._slack * (n + m)]
            # reachable lengths are one interval, so their words are one slice
            reachable = self._by_size[spans[0][0] : spans[-1][1]] if spans else []
            self._reachable_by_length[n] = reachable
        return reachable

    def _new_plan(self, n: int) -> _Plan:
        lookup: set[int] = set()
        scan: list[str] = []
        for m, (start, end) in self._groups().items():
            if abs(n - m) > self._slack * (n + m):
                continue
            if (n + m) * self._share >= _LOOKUP_BELOW:
                scan += self._by_size[start:end]
            elif abs(n - m) <= 1:  # one edit at most (else the lengths alone differ by more)
                lookup.add(m)
        longer = None
        if n + 1 in lookup:
            # Known words one letter longer by their first n // 2 letters and by their letters after
            # n // 2 + 1: a word that is such a word minus the letter at k shares the first
            # (k >= n // 2) or the second (k < n // 2) with it.
            half = n // 2
            by_start: dict[str, _Entry] = {}
            by_end: dict[str, _Entry] = {}
            start, end = self._groups()[n + 1]
            for known in self._by_size[start:end]:
                _add(by_start, known[:half], known)
                _add(by_end, known[half + 1 :], known)
            longer = (by_start, by_end)
        return _Plan(n in lookup, n - 1 in lookup, longer, scan)

    def _looked_up(self, word: str, plan: _Plan) -> list[str]:
        """The known words within one edit of `word` among the lengths `plan` looks up."""
        known = self._known
        threshold = self.threshold
        # the word itself: rapidfuzz scores a word against itself 100 (two empty strings too), no call needed
        same = [word] if plan.same and word in known and threshold <= 100.0 else []
        candidates: list[str] = []
        if plan.shorter:
            candidates += known.intersection(_deletions(word))
        if plan.longer is not None:  # candidates that are not one deletion away fail the ratio below
            by_start, by_end = plan.longer
            half = len(word) // 2
            first, second = by_start.get(word[:half]), by_end.get(word[half:])
            if first is not None or second is not None:
                candidates += dict.fromkeys([*_listed(first or ()), *_listed(second or ())])
        if not candidates:
            return same
        return same + [k for k in candidates if fuzz.ratio(word, k, score_cutoff=threshold) >= threshold]

    def matches(self, word: str) -> tuple[str, ...]:
        """Every known word whose ratio with `word` reaches the threshold (in no particular order).

        Kept as a tuple: most are empty (the one shared empty tuple) or a word or two, and a
        tuple of words is soon left alone by the garbage collector, a list never.
        """
        found = self._matches.get(word)
        if found is None:
            plan = self._plan(len(word))
            looked_up = self._looked_up(word, plan)
            if plan.scan:
                scored = process.extract(word, plan.scan, scorer=fuzz.ratio, score_cutoff=self.threshold, limit=None)
                looked_up += [choice for choice, _, _ in scored]
            if len(self._matches) >= PER_WORD:  # searched with many texts' words: stays bounded
                self._matches.clear()
            self._matches[word] = found = tuple(looked_up)
        return found

    def any_match(self, word: str) -> bool:
        """Whether some known word's ratio with `word` reaches the threshold.

        Asked a few times per set of words (`matches` is asked many times): one scan of the
        reachable lengths costs less than preparing their lookups.
        """
        choices = self._reachable(len(word))
        return bool(choices) and (
            process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=self.threshold) is not None
        )
