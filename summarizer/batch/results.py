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
doing every article twice. On resume every "ok" line is checked (`check(id, brief)`, which
the batch command points at the article's text): one that is not a valid brief of its
article is redone, not trusted.

A line is `{"id", "status": "ok", "cached", "elapsed_ms", "usage", "cost_usd", "brief"}`
or `{"id", "status": "error", "elapsed_ms", "error": {"type", "message", ...}}`, with
`usage` and `cost_usd` too when calls were answered before the failure. Ids are
the resume key: a re-run skips every id already in the file (and, with `retry_failed`,
redoes those whose latest line is an error; the newer line then supersedes the older).
"""

from __future__ import annotations

import fcntl
import json
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import OutputError, describe
from ..output import check_output_path
from ..schema import Brief, Usage
from .accounting import Prices

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
    """The results-file line for one article (as a dict)."""
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
    record["brief"] = result.brief.model_dump(mode="json")
    return record


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


class ResultsLog:
    """An append-only results file; `status` maps each id already in it to "ok" or "error"."""

    def __init__(self, path: Path, fd: int, status: dict[str, str], repaired_bytes: int, unreadable: int,
                 invalid: list[tuple[str, str]] | None = None) -> None:
        self.path = path
        self.status = status
        self.repaired_bytes = repaired_bytes  # size of a torn tail that was cut off
        self.unreadable = unreadable  # complete lines that are not JSON records (left in place)
        self.invalid = list(invalid or [])  # (id, why) of "ok" lines that failed their check: redone
        self._fd: int | None = fd
        self._synced = time.monotonic()

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        inputs: Iterable[str | Path] = (),
        check: Callable[[str, Brief], list[str]] | None = None,
    ) -> ResultsLog:
        """Open (or create) a results file for appending, locked against a second run.

        Refused with `OutputError`: a directory, device, FIFO or socket (never read), an input
        file, a missing folder, a file that is not a results file, one locked by another run.
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
            status, good_end, unreadable, invalid = _scan(p, fd, info.st_size, check)
            if info.st_size == 0:
                _write_all(fd, _line(HEADER))
                good_end = os.fstat(fd).st_size
            elif info.st_size > good_end:
                os.ftruncate(fd, good_end)
                os.fsync(fd)
        except BaseException:
            os.close(fd)
            raise
        return cls(p, fd, status, info.st_size - good_end if info.st_size else 0, unreadable, invalid)

    def should_skip(self, article_id: str, *, retry_failed: bool = False) -> bool:
        state = self.status.get(article_id)
        return state == "ok" or (state == "error" and not retry_failed)

    def append(self, record: dict[str, Any]) -> None:
        if self._fd is None:
            raise ValueError("the results file is closed")
        try:
            _write_all(self._fd, _line(record))
        except OSError as exc:
            raise OutputError(f"cannot append to the results file {self.path}: {exc.strerror}") from None
        self.status[record["id"]] = record["status"]
        if time.monotonic() - self._synced > FSYNC_EVERY_SECONDS:
            os.fsync(self._fd)
            self._synced = time.monotonic()

    def close(self) -> None:
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
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


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


def _scan(
    path: Path, fd: int, size: int, check: Callable[[str, Brief], list[str]] | None
) -> tuple[dict[str, str], int, int, list[tuple[str, str]]]:
    """(status per id, end of the last complete line, unreadable lines, failed "ok" lines) of an existing file.

    The first line decides whether the file is ours, from its first few KB only: another
    kind of file is refused before the rest is read.
    """
    status: dict[str, str] = {}
    invalid: list[tuple[str, str]] = []
    unreadable = 0
    good_end = 0
    if size == 0:
        return status, 0, 0, invalid
    with os.fdopen(os.dup(fd), "rb") as handle:
        handle.seek(0)
        first = handle.readline(_HEADER_PEEK)
        try:
            record = json.loads(first)
        except ValueError:
            record = None
        if not first.endswith(b"\n") or not (_is_header(record) or _is_result(record)):
            raise OutputError(
                f"--out {path} is not a results file of this tool (its first line is not the results header); "
                "nothing was changed: choose a new file name"
            )
        if _is_header(record) and not (isinstance(record.get("version"), int) and record["version"] <= VERSION):
            version = record.get("version")
            raise OutputError(f"--out {path} was written by a newer summarizer (results format {version})")
        handle.seek(0)
        for raw in handle:
            if not raw.endswith(b"\n"):
                break
            good_end += len(raw)
            try:
                record = json.loads(raw)
            except ValueError:
                unreadable += 1
                continue
            if _is_header(record):
                continue
            if not _is_result(record):
                unreadable += 1
                continue
            state = record["status"]
            if state == "ok":
                why = _check_ok(record, check)
                if why:
                    invalid.append((record["id"], why))
                    state = "invalid"
            status[record["id"]] = state
    return status, good_end, unreadable, invalid


def _check_ok(record: dict[str, Any], check: Callable[[str, Brief], list[str]] | None) -> str | None:
    """Why an "ok" line cannot be trusted (None when it can)."""
    from pydantic import ValidationError

    try:
        brief = Brief.model_validate(record.get("brief"))
    except ValidationError as exc:
        return f"not a valid brief ({exc.error_count()} problems)"
    if check is None:
        return None
    problems = check(record["id"], brief)
    return problems[0] if problems else None
