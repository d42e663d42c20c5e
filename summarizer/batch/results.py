"""The results file: one JSON line per article, appended the moment the article finishes.

Why it survives Ctrl-C and `kill -9`: the file is opened with O_APPEND and each record goes
out as one complete line in a single write(2), straight to the kernel with no user-space
buffer. A killed process therefore leaves every finished line intact; only a machine crash
(power loss) can leave the last line torn, and `ResultsLog.open` cuts such a torn tail off
before appending, so the file never holds a corrupt line and the torn article is redone.

The first line is the header `{"format": "bilingual-brief-results", "version": 1}`: a file
without it is not ours and is refused, never appended to or cut (a file written before the
header existed is recognised by its first line being a result). The file is locked
(`flock`) while a run writes it, so a second run on the same file stops at once instead of
doing every article twice.

A line is `{"id", "status": "ok", "cached", "elapsed_ms", "usage", "cost_usd", "brief"}`
or `{"id", "status": "error", "elapsed_ms", "error": {"type", "message", ...}}`, with
`usage` and `cost_usd` too when calls were answered before the failure. Ids are
the resume key: a re-run skips every id already in the file (and, with `retry_failed`,
redoes those whose latest line is an error; the newer line then supersedes the older).

Resume reads an index, and still never trusts an "ok" line it has not vouched for. Every
line gets a 16-byte record in `<results>.idx` (id hash, end offset, status) as it is
written, so a resumed run of a million articles reads 16 MB instead of parsing every line.
The index also holds a seal of the results file as this tool last left it (size, mtime and
ctime to the nanosecond, rewritten after every line) and the identity of the input the
lines were checked against. An index whose file identity, seal and input identity all match,
and whose last record agrees with the file's last line, is trusted: its lines were written
by this tool, for these articles, and nothing has touched the file since. Any other index
(missing, another file, the file changed behind our back, another or unidentifiable input)
is rebuilt by reading every line, and then every "ok" line is checked (`check(id, brief)`,
which the batch command points at the article's text): one that is not a valid brief of its
article is redone, not trusted. Lines after a trusted index's last record (a kill between a
line's seal and its index record) are this tool's own and are indexed without a check.
"""

from __future__ import annotations

import fcntl
import json
import os
import stat
import struct
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import OutputError, describe
from ..output import check_output_path
from ..schema import Brief, Usage
from .accounting import Prices
from .id_table import IdTable, id_hash

FSYNC_EVERY_SECONDS = 2.0
FORMAT = "bilingual-brief-results"
VERSION = 1
HEADER: dict[str, Any] = {"format": FORMAT, "version": VERSION}
_HEADER_PEEK = 4096  # bytes read to recognise a file before anything else is read


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
        spent = record["error"].get("usage")
        if spent:  # tokens paid for before the failure: counted, never hidden
            record["usage"] = spent
            record["cost_usd"] = prices.cost(Usage(**spent)) if prices else None
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


def read_results(path: str | Path) -> Iterator[dict[str, Any]]:
    """Every complete, parseable result line of a results file, in file order (not the header)."""
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


# Status codes in the results log's id table and in its index file. _NONE is the header line
# (id hash 0) or an "ok" line that failed its check (its article is redone).
_NONE, _OK, _ERROR, _UNREADABLE = 0, 1, 2, 3
_CODES = {"ok": _OK, "error": _ERROR}
_NAMES = {_OK: "ok", _ERROR: "error"}
INDEX_SUFFIX = ".idx"
_INDEX_MAGIC = b"bbrief-results-index-2\n"
_IDENTITY = struct.Struct("<QQQ")  # device, inode of the results file; identity hash of the checked input
_SEAL = struct.Struct("<qqq")  # size, mtime_ns, ctime_ns of the results file as this tool last left it
_RECORD = struct.Struct("<QQ")  # id hash, (end offset of the line << 2) | status code

Check = Callable[[str, Brief], list[str]]


def index_path(path: str | Path) -> Path:
    """The results file's index: one 16-byte record per line, so a resume need not re-read the lines."""
    return Path(f"{path}{INDEX_SUFFIX}")


def _seal_of(info: os.stat_result) -> bytes:
    return _SEAL.pack(info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _status_of_line(raw: bytes) -> tuple[int, int]:
    """(id hash, status code) of one complete line; (0, _NONE) for the header, (0, _UNREADABLE) for a non-result."""
    try:
        record = json.loads(raw)
    except ValueError:
        return 0, _UNREADABLE
    if _is_header(record):
        return 0, _NONE
    if not _is_result(record):
        return 0, _UNREADABLE
    return id_hash(record["id"]), _CODES[record["status"]]


def _read_index(path: Path, identity: bytes, fd: int, info: os.stat_result) -> bytes:
    """The records of a results index that can be trusted for the results file (open as `fd`), else b"".

    Trusted when it was written for this very file (device and inode) and the same input,
    its seal is the file's size, mtime and ctime now (nothing wrote the file since this tool
    did), its last record ends at a line end inside the file, and that last line has the id
    and status the record says.
    """
    try:
        data = path.read_bytes()
    except OSError:
        return b""
    if not data.startswith(identity) or data[len(identity): len(identity) + _SEAL.size] != _seal_of(info):
        return b""
    records = data[len(identity) + _SEAL.size:]
    records = records[: len(records) - len(records) % _RECORD.size]  # a torn last record
    if not records:
        return b""
    key, packed = _RECORD.unpack(records[-_RECORD.size:])
    end = packed >> 2
    if end > info.st_size:
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


class ResultsLog:
    """An append-only results file and the status ("ok" or "error") of every id already in it.

    Statuses live in an `IdTable` keyed by id hash (no Python object per line), and every
    line gets a 16-byte record in `<results>.idx` as it is written. A resumed run reads that
    index instead of the results (a million gold-sized lines are ~25 GB; their index is
    16 MB) when the index can be trusted (see the module's docstring); otherwise the index is
    rebuilt by reading every line and checking every "ok" line. The results file stays the
    only truth.
    """

    def __init__(self, path: Path, fd: int, index_fd: int, statuses: IdTable, end: int, repaired_bytes: int,
                 unreadable: int, invalid: list[tuple[str, str]]) -> None:
        self.path = path
        self.repaired_bytes = repaired_bytes  # size of a torn tail that was cut off
        self.unreadable = unreadable  # complete lines that are not JSON records (left in place)
        self.invalid = invalid  # (id, why) of "ok" lines that failed their check: redone
        self._statuses = statuses
        self._end = end
        self._fd: int | None = fd
        self._index_fd: int | None = index_fd
        self._synced = time.monotonic()

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        inputs: Iterable[str | Path] = (),
        check: Check | None = None,
        input_identity: int | None = None,
    ) -> ResultsLog:
        """Open (or create) a results file for appending, locked against a second run.

        Refused with `OutputError`: a directory, device, FIFO or socket (never read), an input
        file, a missing folder, a file that is not a results file, one locked by another run.
        `check(id, brief)` says why an "ok" line is not a brief of its article; it runs on every
        "ok" line the index cannot vouch for. `input_identity` identifies the input `check`
        reads (None when it cannot be identified: every "ok" line is then checked).
        """
        p = Path(path)
        if check_output_path(p, inputs=inputs) is None:
            raise OutputError(f"--out {p} is not a regular file (the null device); results are needed to resume")
        try:
            fd = os.open(p, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NOCTTY | os.O_NONBLOCK, 0o644)
        except OSError as exc:
            raise OutputError(f"cannot write results to {p}: {exc.strerror}") from None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):  # replaced since the check
                raise OutputError(f"--out {p} is not a regular file; the summarizer writes only regular files")
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise OutputError(
                    f"--out {p} is being written by another summarizer batch; wait for it to finish "
                    "or choose another file"
                ) from None
            _recognise(p, fd, info.st_size)
            trusted_input = input_identity if check is not None else 0
            if trusted_input is None:
                trusted_input = 0
            return cls._load(p, fd, info, check, trusted_input, check is not None and input_identity is None)
        except BaseException:
            os.close(fd)
            raise

    @classmethod
    def _load(cls, p: Path, fd: int, info: os.stat_result, check: Check | None, input_identity: int,
              unidentified_input: bool) -> ResultsLog:
        size = info.st_size
        identity = _INDEX_MAGIC + _IDENTITY.pack(info.st_dev, info.st_ino, input_identity)
        records = b"" if unidentified_input else _read_index(index_path(p), identity, fd, info)
        statuses = IdTable(len(records) // _RECORD.size)
        unreadable = 0
        covered = 0
        for key, packed in _RECORD.iter_unpack(records):
            code = packed & 3
            if code == _UNREADABLE:
                unreadable += 1
            elif key:
                statuses.put(key, code)
            covered = packed >> 2
        invalid: list[tuple[str, str]] = []
        # Lines the index does not cover are checked, unless a trusted index vouches for the file.
        verify = not records
        try:
            index_fd = os.open(index_path(p), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except OSError as exc:
            raise OutputError(f"cannot write the results index {index_path(p)}: {exc.strerror}") from None
        try:
            start = len(identity) + _SEAL.size
            os.ftruncate(index_fd, start + len(records))  # drop a torn or stale part
            if not records:
                os.pwrite(index_fd, identity + _seal_of(info), 0)
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
                    if code == _OK and verify:
                        why = _check_ok(raw, check)
                        if why:
                            invalid.append((json.loads(raw)["id"], why))
                            code = _NONE
                    if code == _UNREADABLE:
                        unreadable += 1
                    elif key:
                        statuses.put(key, code)
                    new_records += _RECORD.pack(key, good_end << 2 | code)
                    if len(new_records) >= 1 << 20:
                        os.write(index_fd, new_records)
                        new_records.clear()
            os.write(index_fd, new_records)
            if size == 0:
                header = _line(HEADER)
                _write_all(fd, header)
                good_end = len(header)
                os.write(index_fd, _RECORD.pack(0, good_end << 2 | _NONE))
            elif size > good_end:
                os.ftruncate(fd, good_end)
                os.fsync(fd)
            os.pwrite(index_fd, _seal_of(os.fstat(fd)), len(identity))
        except BaseException:
            os.close(index_fd)
            raise
        return cls(p, fd, index_fd, statuses, good_end, size - good_end if size else 0, unreadable, invalid)

    def status_of(self, article_id: str) -> str | None:
        """The status of `article_id`: "ok", "error", or None when the file has no (trusted) line for it."""
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
        self._write_line(data)
        key, code = id_hash(record["id"]), _CODES[record["status"]]
        self._statuses.put(key, code)
        # After the line and its seal: a kill between the two leaves a line the index lacks,
        # which the next open indexes; never an index record without its line.
        os.write(self._index_fd, _RECORD.pack(key, self._end << 2 | code))
        if time.monotonic() - self._synced > FSYNC_EVERY_SECONDS:
            os.fsync(self._fd)
            self._synced = time.monotonic()

    def _write_line(self, data: bytes) -> None:
        """Append one line, then seal the index with the file's new size and times."""
        assert self._fd is not None and self._index_fd is not None
        try:
            _write_all(self._fd, data)
        except OSError as exc:
            raise OutputError(f"cannot append to the results file {self.path}: {exc.strerror}") from None
        self._end += len(data)
        os.pwrite(self._index_fd, _seal_of(os.fstat(self._fd)), len(_INDEX_MAGIC) + _IDENTITY.size)

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


def _line(record: dict[str, Any]) -> bytes:
    return encode_record(record)


def _write_all(fd: int, data: bytes) -> None:
    """One write(2) for the whole line where the kernel allows (it does for regular files)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _is_header(record: Any) -> bool:
    return isinstance(record, dict) and record.get("format") == FORMAT


def _is_result(record: Any) -> bool:
    return isinstance(record, dict) and isinstance(record.get("id"), str) and record.get("status") in ("ok", "error")


def _recognise(path: Path, fd: int, size: int) -> None:
    """Refuse a file that is not a results file of this tool, from its first few KB only."""
    if size == 0:
        return
    first = os.pread(fd, _HEADER_PEEK, 0).split(b"\n", 1)
    try:
        record = json.loads(first[0]) if len(first) == 2 else None
    except ValueError:
        record = None
    if not (_is_header(record) or _is_result(record)):
        raise OutputError(
            f"--out {path} is not a results file of this tool (its first line is not the results header); "
            "nothing was changed: choose a new file name"
        )
    if (
        isinstance(record, dict)
        and _is_header(record)
        and not (isinstance(record.get("version"), int) and record["version"] <= VERSION)
    ):
        version = record.get("version")
        raise OutputError(f"--out {path} was written by a newer summarizer (results format {version})")


def _check_ok(raw: bytes, check: Check | None) -> str | None:
    """Why an "ok" line cannot be trusted (None when it can)."""
    from pydantic import ValidationError

    record = json.loads(raw)
    try:
        brief = Brief.model_validate(record.get("brief"))
    except ValidationError as exc:
        return f"not a valid brief ({exc.error_count()} problems)"
    if check is None:
        return None
    problems = check(record["id"], brief)
    return problems[0] if problems else None
