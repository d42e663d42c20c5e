"""The articles of a batch: a folder of `.txt` files or a JSONL file of `{"id", "text"}`.

Articles are read lazily, one at a time, so a batch of 10,000 articles holds only the few
in flight in memory. Before anything is sent, `scan()` reads the input once to count the
articles (for the progress bar's ETA) and to refuse a malformed JSONL file with the line
number at fault: a bad line must stop the batch before it costs anything, not half-way.
A problem with one article's text (binary data, invalid UTF-8, empty) is not a malformed
input: it becomes that article's error and the others go on.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
from abc import ABC, abstractmethod
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..article_input import decode_article, read_article
from ..errors import BatchInputError, InputError, InputNotFoundError
from .id_table import IdTable, id_hash


@dataclass(frozen=True, slots=True)
class SourceArticle:
    """One article of the batch: its id and its text, or the reason the text is unusable."""

    id: str
    text: str | None
    error: InputError | None = None


class BatchInput(ABC):
    """Common interface of the two input shapes."""

    path: Path

    @abstractmethod
    def scan(self, saved: Path | None = None) -> array[int]:
        """The hash of every id (`id_table.id_hash`) in input order, after checking the input is well formed.

        `saved` is a file where the scan may be kept and reused while the input is unchanged.
        """

    @abstractmethod
    def __iter__(self) -> Iterator[SourceArticle]:
        """The articles in input order, read one at a time."""

    def identity(self) -> int | None:
        """A hash that changes whenever the input may have changed; None when it cannot be told."""
        return None

    def remaining(self, skip: Callable[[int], bool]) -> Iterator[SourceArticle]:
        """The articles whose id hash `skip` refuses, in input order."""
        for article in self:
            if not skip(id_hash(article.id)):
                yield article

    @abstractmethod
    def text_of(self, article_id: str) -> SourceArticle:
        """One article by id (for ingesting Batch API results, which come in any order)."""


class FolderInput(BatchInput):
    """Every `*.txt` file directly inside a folder; the id is the file name without `.txt`."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _names(self) -> list[str]:
        with os.scandir(self.path) as entries:
            return sorted(
                e.name for e in entries if e.name.endswith(".txt") and not e.name.startswith(".") and e.is_file()
            )

    def scan(self, saved: Path | None = None) -> array[int]:
        names = self._names()
        if not names:
            raise BatchInputError(f"{self.path} has no .txt files to summarize")
        return array("Q", (id_hash(name[: -len(".txt")]) for name in names))

    def __iter__(self) -> Iterator[SourceArticle]:
        for name in self._names():
            yield self._read(name[: -len(".txt")])

    def _read(self, article_id: str) -> SourceArticle:
        try:
            return SourceArticle(article_id, read_article(self.path / f"{article_id}.txt"))
        except InputError as exc:
            return SourceArticle(article_id, None, exc)

    def text_of(self, article_id: str) -> SourceArticle:
        if "/" in article_id or article_id.startswith(".") or not (self.path / f"{article_id}.txt").is_file():
            return SourceArticle(article_id, None, InputNotFoundError(f"no article {article_id!r} in {self.path}"))
        return self._read(article_id)


class JsonlInput(BatchInput):
    """One JSON object per line with a string (or integer) `id` and a string `text`.

    Read from a file, or from a stream (standard input) copied once into an anonymous
    temporary file, since the input is read more than once (`scan`, then the articles).
    `scan()` keeps, per article, only its line's byte offset and its id's hash, in two flat
    arrays (16 bytes an article, no Python object): a resumed run of a million articles
    skips finished ones by hash and seeks straight to the others.
    """

    def __init__(self, path: Path, *, spooled: BinaryIO | None = None, name: str | None = None) -> None:
        self.path = path
        self.name = name or path.name  # in messages about one line
        self.label = name or str(path)  # in messages about the whole input
        self._spooled = spooled
        self._offsets: array[int] | None = None  # byte offset of each article's line, in input order
        self._hashes: array[int] | None = None  # its id's hash
        self._positions: IdTable | None = None  # id hash -> index into the arrays (for `text_of`)

    @classmethod
    def from_stream(cls, stream: BinaryIO, *, name: str = "standard input") -> JsonlInput:
        """JSONL read from `stream` (standard input for `summarizer batch -`)."""
        spooled = tempfile.TemporaryFile()  # removed by the system when closed, even after a crash
        shutil.copyfileobj(stream, spooled)
        return cls(Path("-"), spooled=spooled, name=name)

    @contextlib.contextmanager
    def _open(self) -> Iterator[BinaryIO]:
        """The input from its start.

        A spooled stream has one handle: one reader at a time (scanning, iterating and
        looking up by id never overlap in a batch run).
        """
        if self._spooled is not None:
            self._spooled.seek(0)
            yield self._spooled
            return
        with open(self.path, "rb") as handle:
            yield handle

    def _lines(self) -> Iterator[tuple[int, int, bytes]]:
        """(line number, byte offset, raw line) for every non-blank line."""
        offset = 0
        with self._open() as handle:
            for number, raw in enumerate(handle, start=1):
                if raw.strip():
                    yield number, offset, raw
                offset += len(raw)

    def _parse(self, number: int, raw: bytes, *, check: bool = True) -> tuple[str, str | None, InputError | None]:
        """(id, text, error) of one line; a malformed line raises. `check=False` skips the text checks."""
        where = f"{self.name} line {number}"
        try:
            item = json.loads(raw)
        except UnicodeDecodeError:
            raise BatchInputError(f"{where} is not valid UTF-8; convert the file to UTF-8 first") from None
        except json.JSONDecodeError as exc:
            raise BatchInputError(f"{where} is not valid JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(item, dict):
            raise BatchInputError(f'{where} must be a JSON object {{"id": ..., "text": ...}}')
        article_id = item.get("id")
        if isinstance(article_id, bool) or not isinstance(article_id, (str, int)) or str(article_id).strip() == "":
            raise BatchInputError(f'{where} needs an "id" that is a non-empty string or an integer')
        text = item.get("text")
        if not isinstance(text, str):
            raise BatchInputError(f'{where} (id {article_id!r}) needs a "text" string')
        if not check:
            return str(article_id), text, None
        try:
            # Through bytes, so a lone surrogate (legal in JSON, not in UTF-8) is an EncodingError.
            data = text.encode("utf-8", "surrogatepass")
            return str(article_id), decode_article(data, name=f"article {article_id}"), None
        except InputError as exc:
            return str(article_id), None, exc

    def scan(self, saved: Path | None = None) -> array[int]:
        """Check every line once and index it; with `saved`, a later scan of the unchanged file reads the index.

        The saved index belongs to the file it was made from (same inode, size and
        modification time to the nanosecond); any other file is scanned afresh and the index
        rewritten. A resumed run of a million articles thus starts without re-parsing them.
        Standard input is always scanned (it is a new stream every run).
        """
        identity = self._identity() if self._spooled is None else None
        if self._hashes is not None and self._offsets is not None:  # scanned already: keep it if asked
            if saved is not None and identity is not None:
                _save_scan(saved, identity, self._offsets, self._hashes)
            return self._hashes
        if saved is not None and identity is not None and (loaded := _load_scan(saved, identity)) is not None:
            self._offsets, self._hashes = loaded
            return self._hashes
        hashes = self._scan()
        if saved is not None and identity is not None:
            assert self._offsets is not None
            _save_scan(saved, identity, self._offsets, hashes)
        return hashes

    def identity(self) -> int | None:
        """The file's device, inode, size and mtime, hashed (standard input: None, a new stream every run)."""
        if self._spooled is not None:
            return None
        return id_hash(json.dumps(self._identity(), sort_keys=True))

    def _identity(self) -> dict[str, int]:
        try:
            stat = os.stat(self.path)
        except OSError as exc:
            raise InputNotFoundError(f"{self.label} cannot be read: {exc.strerror}") from None
        return {"format": 1, "device": stat.st_dev, "inode": stat.st_ino, "size": stat.st_size,
                "mtime_ns": stat.st_mtime_ns}

    def _scan(self) -> array[int]:
        offsets, hashes = array("q"), array("Q")
        positions = IdTable()
        numbers = array("q")  # line number of each article, while checking for repeated ids
        try:
            for number, offset, raw in self._lines():
                article_id, _, _ = self._parse(number, raw, check=False)
                key = id_hash(article_id)
                earlier = positions.add_new(key, len(offsets))
                if earlier >= 0 and self._id_at(offsets[earlier]) == article_id:
                    raise BatchInputError(
                        f"{self.name} line {number} repeats id {article_id!r} from line {numbers[earlier]}; "
                        "ids must be unique so results can be matched and resumed"
                    )
                offsets.append(offset)
                hashes.append(key)
                numbers.append(number)
        except OSError as exc:
            raise InputNotFoundError(f"{self.label} cannot be read: {exc.strerror}") from None
        if not offsets:
            raise BatchInputError(f"{self.label} has no articles (every line is blank)")
        self._offsets, self._hashes = offsets, hashes
        return hashes

    def _id_at(self, offset: int) -> str:
        if self._spooled is not None:  # one handle, in use by the scan: read and put the position back
            position = self._spooled.tell()
            self._spooled.seek(offset)
            raw = self._spooled.readline()
            self._spooled.seek(position)
        else:
            with open(self.path, "rb") as handle:
                handle.seek(offset)
                raw = handle.readline()
        return self._parse(0, raw, check=False)[0]

    def __iter__(self) -> Iterator[SourceArticle]:
        for number, _, raw in self._lines():
            article_id, text, error = self._parse(number, raw)
            yield SourceArticle(article_id, text, error)

    def remaining(self, skip: Callable[[int], bool]) -> Iterator[SourceArticle]:
        """The articles `skip` refuses, read by offset: finished ones are skipped unread."""
        if self._offsets is None:
            self.scan()
        assert self._offsets is not None and self._hashes is not None
        offsets, hashes = self._offsets, self._hashes
        with self._open() as handle:
            position = 0
            for index in range(len(offsets)):
                if skip(hashes[index]):
                    continue
                if position != offsets[index]:
                    handle.seek(offsets[index])
                raw = handle.readline()
                position = offsets[index] + len(raw)
                article_id, text, error = self._parse(index + 1, raw)  # checked by scan(): no error raised
                yield SourceArticle(article_id, text, error)

    def text_of(self, article_id: str) -> SourceArticle:
        if self._hashes is None:
            self.scan()
        assert self._hashes is not None and self._offsets is not None
        if self._positions is None:  # built on first use: only Batch API results need it
            self._positions = IdTable(len(self._hashes))
            for index, key in enumerate(self._hashes):
                self._positions.add_new(key, index)
        index = self._positions.get(id_hash(article_id))
        found = None
        if index >= 0:
            with self._open() as handle:
                handle.seek(self._offsets[index])
                found = self._parse(0, handle.readline())
        if found is None or found[0] != article_id:
            return SourceArticle(article_id, None, InputNotFoundError(f"no article {article_id!r} in {self.label}"))
        _, text, error = found
        return SourceArticle(article_id, text, error)


def _load_scan(saved: Path, identity: dict[str, int]) -> tuple[array[int], array[int]] | None:
    """(offsets, hashes) saved for exactly this input file, or None."""
    try:
        with open(saved, "rb") as handle:
            header = json.loads(handle.readline())
            if header.get("input") != identity:
                return None
            offsets, hashes = array("q"), array("Q")
            offsets.frombytes(handle.read(8 * header["count"]))
            hashes.frombytes(handle.read(8 * header["count"]))
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return None
    if len(offsets) != header["count"] or len(hashes) != header["count"] or not offsets:
        return None
    return offsets, hashes


def _save_scan(saved: Path, identity: dict[str, int], offsets: array[int], hashes: array[int]) -> None:
    """Keep a scan for the next run (atomically; a failure only costs that run a rescan)."""
    from ..output import atomic_writer

    try:
        with atomic_writer(saved) as handle:
            handle.write(json.dumps({"input": identity, "count": len(offsets)}).encode() + b"\n")
            handle.write(offsets.tobytes())
            handle.write(hashes.tobytes())
    except OSError:
        pass


def open_input(path: str | Path) -> BatchInput:
    """A folder of .txt files, a .jsonl file, or `-` for JSONL on standard input.

    Raises:
        InputError: Anything else, with one line saying what to give instead.
    """
    if str(path) == "-":
        return JsonlInput.from_stream(sys.stdin.buffer)
    p = Path(path)
    if p.is_dir():
        return FolderInput(p)
    if not p.exists():
        raise InputNotFoundError(f"{p} does not exist")
    if not p.is_file():
        raise InputNotFoundError(f"{p} is neither a folder of .txt files nor a JSONL file")
    if p.suffix.lower() not in (".jsonl", ".ndjson"):
        raise BatchInputError(
            f"{p} is a single file: give a folder of .txt files or a .jsonl file of "
            '{"id": ..., "text": ...} lines (use `summarizer brief` for one article)'
        )
    return JsonlInput(p)
