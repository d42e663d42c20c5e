"""The results file: one JSON line per article, appended the moment the article finishes.

Why it survives Ctrl-C and `kill -9`: the file is opened with O_APPEND and each record goes
out as one complete line in a single write(2), straight to the kernel with no user-space
buffer. A killed process therefore leaves every finished line intact; only a machine crash
(power loss) can leave the last line torn, and `ResultsLog.open` cuts such a torn tail off
before appending, so the file never holds a corrupt line and the torn article is redone.

A line is `{"id", "status": "ok", "cached", "elapsed_ms", "usage", "cost_usd", "brief"}`
or `{"id", "status": "error", "elapsed_ms", "error": {"type", "message", ...}}`. Ids are
the resume key: a re-run skips every id already in the file (and, with `retry_failed`,
redoes those whose latest line is an error; the newer line then supersedes the older).
"""

from __future__ import annotations

import json
import os
import struct
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigurationError, describe
from ..schema import Brief, Usage
from .accounting import Prices
from .id_table import IdTable, id_hash

FSYNC_EVERY_SECONDS = 2.0


@dataclass(frozen=True)
class ArticleResult:
    """How one article of a batch ended: a brief, or the typed error that stopped it."""

    id: str
    brief: Brief | None = None
    error: BaseException | None = None
    cached: bool = False
    elapsed_ms: float = 0.0

    @property
    def ok(self) -> bool:
        return self.brief is not None

    @property
    def usage(self) -> Usage:
        """Tokens this run spent on the article (none for a cache hit)."""
        if self.brief is None or self.cached or self.brief.metadata is None:
            return Usage(prompt_tokens=0, completion_tokens=0, total_tokens=0) if self.cached else Usage()
        return self.brief.metadata.usage


def record_for(result: ArticleResult, prices: Prices | None = None) -> dict[str, Any]:
    """The results-file line for one article (as a dict; `encode_record` makes it a line).

    The brief stays a `Brief` here: `encode_record` writes it with pydantic's own JSON
    encoder, without first copying the whole brief into Python dicts and lists.
    """
    record: dict[str, Any] = {"id": result.id, "status": "ok" if result.ok else "error"}
    record["elapsed_ms"] = round(result.elapsed_ms, 1)
    if result.brief is None:
        record["error"] = describe(result.error or RuntimeError("no brief and no error"))
        return record
    usage = result.usage
    record["cached"] = result.cached
    record["usage"] = usage.model_dump()
    record["cost_usd"] = 0.0 if result.cached else (prices.cost(usage) if prices else None)
    record["brief"] = result.brief
    return record


def encode_record(record: dict[str, Any]) -> bytes:
    """One results-file line: compact JSON, UTF-8, ending in a newline."""
    brief = record.get("brief")
    if not isinstance(brief, Brief):
        return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    rest = {key: value for key, value in record.items() if key != "brief"}
    head = json.dumps(rest, ensure_ascii=False, separators=(",", ":"))[:-1].encode("utf-8")
    return head + b',"brief":' + brief.model_dump_json().encode("utf-8") + b"}\n"


def _read_index(path: Path, header: bytes, fd: int, size: int) -> bytes:
    """The records of a results index that agrees with the results file (open as `fd`, `size` bytes), else b"".

    It agrees when it was written for this very file (device and inode in its header), its
    last record ends at a line end inside the file, and that last line has the id and status
    the record says.
    """
    try:
        data = path.read_bytes()
    except OSError:
        return b""
    if not data.startswith(header):
        return b""
    records = data[len(header):]
    records = records[: len(records) - len(records) % _RECORD.size]  # a torn last record
    if not records:
        return b""
    key, packed = _RECORD.unpack(records[-_RECORD.size:])
    end = packed >> 2
    if end > size:
        return b""
    start = 0
    if len(records) > _RECORD.size:
        start = _RECORD.unpack(records[-2 * _RECORD.size: -_RECORD.size])[1] >> 2
    if not 0 <= start < end:
        return b""
    last = os.pread(fd, end - start, start)
    if not last.endswith(b"\n") or b"\n" in last[:-1] or _status_of_line(last) != (key, packed & 3):
        return b""
    return records


def read_results(path: str | Path) -> Iterator[dict[str, Any]]:
    """Every complete, parseable line of a results file, in file order."""
    return read_results_from(path, 0)


def read_results_from(path: str | Path, offset: int) -> Iterator[dict[str, Any]]:
    """The complete records written after byte `offset` (those of one Batch API job)."""
    with open(path, "rb") as handle:
        handle.seek(offset)
        for raw in handle:
            if not raw.endswith(b"\n"):
                return  # a torn tail from a crash: not a result
            try:
                record = json.loads(raw)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                yield record


def latest_results(path: str | Path) -> dict[str, dict[str, Any]]:
    """The newest line per id (a retried article supersedes its earlier error)."""
    latest: dict[str, dict[str, Any]] = {}
    for record in read_results(path):
        latest[record["id"]] = record
    return latest


# Status codes in the results log's id table and in its index file.
_OK, _ERROR, _UNREADABLE = 1, 2, 3
_CODES = {"ok": _OK, "error": _ERROR}
_NAMES = {_OK: "ok", _ERROR: "error"}
INDEX_SUFFIX = ".idx"
_INDEX_MAGIC = b"bbrief-results-index-1\n"
_RECORD = struct.Struct("<QQ")  # id hash, (end offset of the line << 2) | status code


def index_path(path: str | Path) -> Path:
    """The results file's index: one 16-byte record per line, so a resume need not re-read the lines."""
    return Path(f"{path}{INDEX_SUFFIX}")


def _status_of_line(raw: bytes) -> tuple[int, int]:
    """(id hash, status code) of one complete line; (0, _UNREADABLE) if it is not a result record."""
    try:
        record = json.loads(raw)
        return id_hash(record["id"]), _CODES[record["status"]]
    except (ValueError, KeyError, TypeError, AttributeError):
        return 0, _UNREADABLE


class ResultsLog:
    """An append-only results file and the status ("ok" or "error") of every id already in it.

    Statuses live in an `IdTable` keyed by id hash (no Python object per line), and every
    line gets a 16-byte record in `<results>.idx` as it is written. A resumed run reads that
    index instead of the results (a million gold-sized lines are ~25 GB; their index is
    16 MB) and parses only lines written after the index's last record (a kill between the
    two writes). An index that does not match the results file (missing, from another file,
    beyond its end, or a last record that disagrees with the last line) is rebuilt by reading
    every line, as before the index existed. The results file stays the only truth.
    """

    def __init__(self, path: Path, fd: int, index_fd: int, statuses: IdTable, end: int, repaired_bytes: int,
                 unreadable: int) -> None:
        self.path = path
        self.repaired_bytes = repaired_bytes  # size of a torn tail that was cut off
        self.unreadable = unreadable  # complete lines that are not JSON records (left in place)
        self._statuses = statuses
        self._end = end
        self._fd: int | None = fd
        self._index_fd: int | None = index_fd
        self._synced = time.monotonic()

    @classmethod
    def open(cls, path: str | Path) -> ResultsLog:
        p = Path(path)
        if p.is_dir():
            raise ConfigurationError(f"--out {p} is a directory; give a file name such as results.jsonl")
        try:
            fd = os.open(p, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as exc:
            raise ConfigurationError(f"cannot write results to {p}: {exc.strerror}") from None
        try:
            return cls._load(p, fd)
        except BaseException:
            os.close(fd)
            raise

    @classmethod
    def _load(cls, p: Path, fd: int) -> ResultsLog:
        stat = os.fstat(fd)
        size = stat.st_size
        header = _INDEX_MAGIC + struct.pack("<QQ", stat.st_dev, stat.st_ino)
        records = _read_index(index_path(p), header, fd, size)
        statuses = IdTable(len(records) // _RECORD.size)
        unreadable = 0
        covered = 0
        for key, packed in _RECORD.iter_unpack(records):
            code = packed & 3
            if code == _UNREADABLE:
                unreadable += 1
            else:
                statuses.put(key, code)
            covered = packed >> 2
        index_fd = os.open(index_path(p), os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            os.ftruncate(index_fd, len(header) + len(records))  # drop a torn or stale part
            if not records:
                os.pwrite(index_fd, header, 0)
            os.lseek(index_fd, 0, os.SEEK_END)
            # Lines after the index's last record: parse them, and index them now.
            good_end = covered
            new_records = bytearray()
            with open(fd, "rb", closefd=False) as handle:
                handle.seek(covered)
                for raw in handle:
                    if not raw.endswith(b"\n"):
                        break
                    good_end += len(raw)
                    key, code = _status_of_line(raw)
                    if code == _UNREADABLE:
                        unreadable += 1
                    else:
                        statuses.put(key, code)
                    new_records += _RECORD.pack(key, good_end << 2 | code)
                    if len(new_records) >= 1 << 20:
                        os.write(index_fd, new_records)
                        new_records.clear()
            os.write(index_fd, new_records)
            if size > good_end:
                os.ftruncate(fd, good_end)
                os.fsync(fd)
        except BaseException:
            os.close(index_fd)
            raise
        return cls(p, fd, index_fd, statuses, good_end, size - good_end, unreadable)

    def status_of(self, article_id: str) -> str | None:
        """ "ok", "error", or None when the file has no line for `article_id`."""
        return self.status_of_hash(id_hash(article_id))

    def status_of_hash(self, key: int) -> str | None:
        return _NAMES.get(self._statuses.get(key, 0))

    def should_skip(self, article_id: str, *, retry_failed: bool = False) -> bool:
        return self.should_skip_hash(id_hash(article_id), retry_failed=retry_failed)

    def should_skip_hash(self, key: int, *, retry_failed: bool = False) -> bool:
        code = self._statuses.get(key, 0)
        return code == _OK or (code == _ERROR and not retry_failed)

    def __len__(self) -> int:
        """How many distinct ids have a result line."""
        return len(self._statuses)

    def append(self, record: dict[str, Any]) -> None:
        if self._fd is None or self._index_fd is None:
            raise ValueError("the results file is closed")
        data = encode_record(record)
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        self._end += len(data)
        key, code = id_hash(record["id"]), _CODES[record["status"]]
        self._statuses.put(key, code)
        # After the line: a kill between the two writes leaves a line the index lacks, which
        # the next open reads and indexes; never an index record without its line.
        os.write(self._index_fd, _RECORD.pack(key, self._end << 2 | code))
        if time.monotonic() - self._synced > FSYNC_EVERY_SECONDS:
            os.fsync(self._fd)
            self._synced = time.monotonic()

    def close(self) -> None:
        if self._index_fd is not None:
            index_fd, self._index_fd = self._index_fd, None
            os.close(index_fd)
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def __enter__(self) -> ResultsLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
