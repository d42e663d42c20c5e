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
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigurationError, describe
from ..schema import Brief, Usage
from .accounting import Prices

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
    """The results-file line for one article (as a dict)."""
    record: dict[str, Any] = {"id": result.id, "status": "ok" if result.ok else "error"}
    record["elapsed_ms"] = round(result.elapsed_ms, 1)
    if result.brief is None:
        record["error"] = describe(result.error or RuntimeError("no brief and no error"))
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

    def __init__(self, path: Path, fd: int, status: dict[str, str], repaired_bytes: int, unreadable: int) -> None:
        self.path = path
        self.status = status
        self.repaired_bytes = repaired_bytes  # size of a torn tail that was cut off
        self.unreadable = unreadable  # complete lines that are not JSON records (left in place)
        self._fd: int | None = fd
        self._synced = time.monotonic()

    @classmethod
    def open(cls, path: str | Path) -> ResultsLog:
        p = Path(path)
        if p.is_dir():
            raise ConfigurationError(f"--out {p} is a directory; give a file name such as results.jsonl")
        status: dict[str, str] = {}
        unreadable = 0
        good_end = 0
        if p.exists():
            with open(p, "rb") as handle:
                for raw in handle:
                    if not raw.endswith(b"\n"):
                        break
                    good_end += len(raw)
                    try:
                        record = json.loads(raw)
                        status[record["id"]] = record["status"]
                    except (ValueError, KeyError, TypeError):
                        unreadable += 1
        try:
            fd = os.open(p, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as exc:
            raise ConfigurationError(f"cannot write results to {p}: {exc.strerror}") from None
        size = os.fstat(fd).st_size
        if size > good_end:
            os.ftruncate(fd, good_end)
            os.fsync(fd)
        return cls(p, fd, status, size - good_end, unreadable)

    def should_skip(self, article_id: str, *, retry_failed: bool = False) -> bool:
        state = self.status.get(article_id)
        return state == "ok" or (state is not None and not retry_failed)

    def append(self, record: dict[str, Any]) -> None:
        if self._fd is None:
            raise ValueError("the results file is closed")
        data = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
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
