"""Write results so that a crash, Ctrl-C or a careless path never destroys a file.

* Atomic: the result goes to a temporary file in the target's folder and is renamed into
  place; readers see the old file or the whole new one, never a part.
* Regular files only: a device, FIFO, socket or directory is refused with one line (as root
  a rename would otherwise replace `/dev/null` itself). The null device is the one
  exception: writing there means "discard", as a shell user expects.
* Never over an input: a target that is the same file (same device and inode, whatever the
  name) as an input is refused.
* Checked before paying: `check_output_path` runs before any model call, so a missing or
  read-only folder costs nothing; `save_recovery` keeps a paid brief when the final write
  fails anyway (disk full, folder removed meanwhile).
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import OutputError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_umask()  # what open() would give a new file


def _null_rdev() -> int | None:
    try:
        info = os.stat(os.devnull)
    except OSError:
        return None
    return info.st_rdev if stat.S_ISCHR(info.st_mode) else None


def is_null_device(info: os.stat_result) -> bool:
    """True for the null device (under any name): the one non-regular target we accept, to discard."""
    return stat.S_ISCHR(info.st_mode) and info.st_rdev == _null_rdev()


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _refuse_existing(target: Path, info: os.stat_result, what: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{what} {target} is a directory; give a file name inside it")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(
            f"{what} {target} is not a regular file ({_kind(info.st_mode)}); the summarizer writes only regular files"
        )


def check_output_path(path: str | Path, *, inputs: Iterable[str | Path] = (), what: str = "--out") -> Path | None:
    """Refuse a target we must not or cannot write, before any paid work.

    Returns the path to write (symlinks resolved, so a link stays a link), or None when the
    target is the null device (discard). Raises `OutputError` for a directory, a device,
    FIFO or socket, a file that is one of `inputs`, or a folder that is missing or not
    writable (probed by creating a file there, which also catches read-only mounts and root).
    """
    target = Path(os.path.realpath(path))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"{what} {path} cannot be checked: {exc.strerror}") from None
    if info is not None:
        if is_null_device(info):
            return None
        _refuse_existing(Path(path), info, what)
        for source in inputs:
            with contextlib.suppress(OSError):
                other = os.stat(source)
                if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
                    raise OutputError(f"{what} {path} is the input {source}; choose another file for the result")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{what} {path}: the folder {folder} does not exist; create it first")
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".probe")
    except OSError as exc:
        raise OutputError(f"{what} {path}: cannot write in the folder {folder} ({exc.strerror})") from None
    os.close(fd)
    os.unlink(probe)
    return target


@contextlib.contextmanager
def atomic_writer(path: str | Path, *, what: str = "output", durable: bool = True) -> Iterator[BinaryIO]:
    """Stream a file into place: readers see the old file or the whole new one, never a part.

    The temporary file lives in the target's folder (so the rename is atomic) and takes the
    permissions the target would get from a plain `open()`, or keeps those of the file it
    replaces. A symlink is written through (the link stays); the null device swallows the
    data; any other non-regular target is refused (`OutputError`) and left as it is.
    `durable` fsyncs the data before the rename, so that a power cut cannot leave a torn file;
    without it the file is complete for every process at once and reaches the disk when the
    system writes it back (a killed process loses nothing; a power cut may).
    """
    target = Path(os.path.realpath(path))
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None and is_null_device(info):
        yield io.BytesIO()  # discarded
        return
    if info is not None:
        _refuse_existing(Path(path), info, what)
    mode = stat.S_IMODE(info.st_mode) if info is not None else _NEW_FILE_MODE
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_atomic(path: str | Path, text: str, *, what: str = "output", durable: bool = True) -> None:
    r"""Write `text` (UTF-8, `\n` line ends) to `path` in one atomic step (`atomic_writer`)."""
    with atomic_writer(path, what=what, durable=durable) as handle:
        handle.write(text.encode("utf-8"))


def fsync_files(paths: Iterable[Path]) -> None:
    """Wait until each file's data is on disk; a file gone or not syncable since is skipped.

    For files written without `durable` (the brief cache's async path) whose promise is "on
    disk later": a failure here costs a cache entry at most, never the run.
    """
    for path in paths:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        with contextlib.suppress(OSError):
            os.fsync(fd)
        os.close(fd)


class DeferredFsync:
    """Files written without `durable`, fsynced by a worker thread every `every` seconds.

    For an event loop that cannot wait for the disk per file: `add` is called on the loop, at
    most one pass runs at a time (a slow disk makes the next pass larger, not more threads),
    and `flush` returns when every file added is on disk.
    """

    def __init__(self, every: float) -> None:
        self.every = every
        self._pending: list[Path] = []
        self._pass: asyncio.Future[None] | None = None
        self._started_at = time.monotonic()

    def add(self, path: Path) -> None:
        self._pending.append(path)
        if time.monotonic() - self._started_at > self.every:
            self._start()

    async def flush(self) -> None:
        await self._finished()
        self._start()  # the files added since that pass began
        await self._finished()

    def _start(self) -> None:
        if self._pass is not None and not self._pass.done():
            return
        if self._pending:
            paths, self._pending = self._pending, []
            self._pass = asyncio.ensure_future(asyncio.to_thread(fsync_files, paths))
        self._started_at = time.monotonic()

    async def _finished(self) -> None:
        """Wait for the pass under way, if any (a pass of an event loop since closed is over)."""
        if self._pass is not None and not self._pass.done():
            await self._pass


def recovery_dir() -> Path:
    """Where paid briefs go when the requested output cannot be written."""
    from .resources import default_cache_dir

    return default_cache_dir() / "recovered"


def save_recovery(text: str, name: str) -> Path | None:
    """Keep `text` in a recovery file (the cache's `recovered/` folder, else the temp folder).

    Returns the file written, or None when nowhere could take it.
    """
    stamp = time.strftime("%Y%m%dT%H%M%S")
    for folder in (recovery_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, saved = tempfile.mkstemp(dir=folder, prefix=f"{name}-{stamp}-", suffix=".json")
            with os.fdopen(fd, "wb") as handle:
                handle.write(text.encode("utf-8"))
            return Path(saved)
        except OSError:
            continue
    return None
