"""Article ids of a batch in flat arrays: no Python object per article, so memory stays flat.

A batch of a million articles cannot afford a dict entry (or a str) per id: that alone is
over 100 MB. Batch bookkeeping (which input line holds an id, which ids already have a
result) keys on a 64-bit hash of the id instead, stored in open-addressing tables made of
two `array`s: 16 bytes per slot, at most half the slots used, so about 32 bytes per article.

Two different ids share a 64-bit hash with probability about n²/2⁶⁵ (3·10⁻⁸ for a million
ids). Where a collision would do harm silently (two input lines claiming one id) the caller
compares the real ids before acting on a match.
"""

from __future__ import annotations

import hashlib
from array import array

_EMPTY = 0
_MIN_SLOTS = 1024


def id_hash(article_id: str) -> int:
    """A stable, never-zero 64-bit hash of an article id (zero marks an empty slot)."""
    digest = hashlib.blake2b(article_id.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little") or 1


class IdTable:
    """A map from id hashes to small non-negative integers (a line number, a status code)."""

    def __init__(self, expected: int = 0) -> None:
        slots = _MIN_SLOTS
        while slots < 2 * expected:
            slots *= 2
        self._allocate(slots)
        self._count = 0

    def _allocate(self, slots: int) -> None:
        self._keys = array("Q", bytes(8 * slots))
        self._values = array("q", bytes(8 * slots))
        self._mask = slots - 1

    def __len__(self) -> int:
        return self._count

    def _slot(self, key: int) -> int:
        keys, mask = self._keys, self._mask
        slot = key & mask
        while True:
            found = keys[slot]
            if found == key or found == _EMPTY:
                return slot
            slot = (slot + 1) & mask

    def get(self, key: int, default: int = -1) -> int:
        slot = self._slot(key)
        return self._values[slot] if self._keys[slot] == key else default

    def __contains__(self, key: int) -> bool:
        return self._keys[self._slot(key)] == key

    def put(self, key: int, value: int) -> int:
        """Set `key` to `value`; return the value it had before, or -1 if it was new."""
        slot = self._slot(key)
        if self._keys[slot] == key:
            old = self._values[slot]
            self._values[slot] = value
            return old
        self._keys[slot] = key
        self._values[slot] = value
        self._count += 1
        if 2 * self._count > len(self._keys):
            self._grow()
        return -1

    def add_new(self, key: int, value: int) -> int:
        """Insert `key` unless present; return the value already there, or -1 if it was inserted."""
        slot = self._slot(key)
        if self._keys[slot] == key:
            return self._values[slot]
        self._keys[slot] = key
        self._values[slot] = value
        self._count += 1
        if 2 * self._count > len(self._keys):
            self._grow()
        return -1

    def _grow(self) -> None:
        keys, values = self._keys, self._values
        self._allocate(2 * len(keys))
        for key, value in zip(keys, values, strict=True):
            if key != _EMPTY:
                slot = self._slot(key)
                self._keys[slot] = key
                self._values[slot] = value

    def nbytes(self) -> int:
        return self._keys.itemsize * len(self._keys) + self._values.itemsize * len(self._values)
