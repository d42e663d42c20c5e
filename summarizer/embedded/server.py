"""A llama.cpp server as a child process that always goes away: start, wait until ready, stop.

Why a separate process rather than llama.cpp inside ours: the pipeline then makes exactly
the same openai/instructor HTTP call as for a remote endpoint (no second code path); a
crash in native code (SIGILL, abort) kills the server, not the CLI, and is reported as a
typed error; and a generation stuck in C cannot be interrupted in-process, while a process
group can always be killed.

No orphans: the server runs in its own process group (a terminal's Ctrl-C reaches only us,
and we stop it in order), `stop()` terminates the group, waits, then kills it; `__exit__`,
an `atexit` hook and a SIGTERM/SIGHUP handler all lead to `stop()`; and the child exits by
itself when its parent disappears (see `server_main`), which covers `kill -9`.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from ..errors import EmbeddedServerError
from .server_main import API_KEY_VARIABLE, CHAT_FORMAT

HOST = "127.0.0.1"
READY_POLL_SECONDS = 0.1
STOP_GRACE_SECONDS = 3.0
PORT_ATTEMPTS = 3
LOG_TAIL_LINES = 8

_running: set[LlamaServer] = set()
_running_lock = threading.Lock()
_atexit_registered = False


def free_port(host: str = HOST) -> int:
    """A port nobody listens on right now (the server may still lose a race for it: see `start`)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class ServerSettings:
    """What the llama.cpp server is started with."""

    model_path: Path
    model_alias: str
    n_ctx: int
    n_threads: int
    startup_timeout: float = 60.0
    verbose: bool = False  # llama.cpp's own logs (load info, per-request perf timings) on stderr
    extra_args: Sequence[str] = field(default_factory=tuple)

    def arguments(self, port: int) -> list[str]:
        args = {
            "--model": str(self.model_path),
            "--model_alias": self.model_alias,
            "--host": HOST,
            "--port": str(port),
            "--n_ctx": str(self.n_ctx),
            "--n_threads": str(self.n_threads),
            "--n_threads_batch": str(self.n_threads),
            "--chat_format": CHAT_FORMAT,
            # The server keeps logits for every position by default: n_ctx x 262k vocabulary
            # x 4 bytes (GBs of RSS) that nothing here reads.
            "--logits_all": "False",
            "--use_mlock": "False",
            "--verbose": str(self.verbose),
        }
        return [item for pair in args.items() for item in pair] + list(self.extra_args)


class LlamaServer:
    """One running llama.cpp server. Use as a context manager, or call `start()`/`stop()`."""

    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        self.api_key = secrets.token_hex(24)  # hex: never starts with "-", which argparse would take for a flag
        self.port: int | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self._log_fd: int | None = None
        self._log_path: Path | None = None

    # --- life cycle ------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}/v1"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> LlamaServer:
        """Start the server and return once it answers; raise `EmbeddedServerError` otherwise."""
        _register_safety_net()
        try:
            for attempt in range(1, PORT_ATTEMPTS + 1):
                self._spawn(free_port())
                try:
                    self._wait_until_ready()
                    return self
                except EmbeddedServerError:
                    lost_port_race = "address already in use" in self.log_text().lower()
                    self.stop()
                    if not lost_port_race or attempt == PORT_ATTEMPTS:
                        raise
        except BaseException:  # Ctrl-C while loading included
            self.stop()
            raise
        raise AssertionError("unreachable")

    def stop(self) -> None:
        """Terminate the process group, wait, kill it if it lingers. Safe to call twice."""
        process = self.process
        if process is not None:
            if process.poll() is None:
                _signal_group(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=STOP_GRACE_SECONDS)
                except subprocess.TimeoutExpired:
                    _signal_group(process.pid, signal.SIGKILL)
                    process.wait()
            with _running_lock:
                _running.discard(self)
        self._close_log()

    def __enter__(self) -> LlamaServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- diagnostics -----------------------------------------------------------------

    def log_text(self) -> str:
        """Everything the server wrote to stdout/stderr so far."""
        if self._log_path is None:
            return ""
        try:
            return self._log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def log_tail(self, lines: int = LOG_TAIL_LINES) -> str:
        meaningful = [line.strip() for line in self.log_text().splitlines() if line.strip()]
        return " | ".join(meaningful[-lines:])

    def exit_description(self) -> str:
        code = self.process.poll() if self.process is not None else None
        if code is None:
            return "still running"
        if code < 0:
            with contextlib.suppress(ValueError):
                return f"killed by {signal.Signals(-code).name}"
        return f"exit code {code}"

    # --- internals -------------------------------------------------------------------

    def _spawn(self, port: int) -> None:
        self._close_log()
        self._log_fd, log_name = tempfile.mkstemp(prefix="summarizer-llama-", suffix=".log")
        self._log_path = Path(log_name)
        env = dict(os.environ)
        env[API_KEY_VARIABLE] = self.api_key
        self.port = port
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "summarizer.embedded.server_main",
                "--parent-pid", str(os.getpid()), "--", *self.settings.arguments(port),
            ],
            stdin=subprocess.DEVNULL,
            stdout=self._log_fd,
            stderr=self._log_fd,
            env=env,
            start_new_session=True,  # its own process group: killable as a whole, deaf to our Ctrl-C
        )
        with _running_lock:
            _running.add(self)

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + self.settings.startup_timeout
        request = urllib.request.Request(
            f"{self.base_url}/models", headers={"Authorization": f"Bearer {self.api_key}"}
        )
        while True:
            if not self.alive():
                raise EmbeddedServerError(
                    f"the embedded llama.cpp server stopped while starting ({self.exit_description()}): "
                    f"{self.log_tail() or 'no output'}",
                    retryable=False,
                )
            try:
                with urllib.request.urlopen(request, timeout=1.0) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass  # not listening yet
            if time.monotonic() >= deadline:
                raise EmbeddedServerError(
                    f"the embedded llama.cpp server was not ready within {self.settings.startup_timeout:g}s: "
                    f"{self.log_tail() or 'no output'}",
                    retryable=False,
                )
            time.sleep(READY_POLL_SECONDS)

    def _close_log(self) -> None:
        if self._log_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._log_fd)
            self._log_fd = None
        if self._log_path is not None and not self.alive():
            with contextlib.suppress(OSError):
                self._log_path.unlink()
            self._log_path = None


def _signal_group(pid: int, signum: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signum)  # pid == pgid: started with start_new_session


def running_servers() -> list[LlamaServer]:
    with _running_lock:
        return list(_running)


def stop_all() -> None:
    """Stop every server this process started (the atexit hook)."""
    for server in running_servers():
        server.stop()


def _register_safety_net() -> None:
    global _atexit_registered
    if not _atexit_registered:
        atexit.register(stop_all)
        _atexit_registered = True


@contextlib.contextmanager
def exit_cleanly_on_termination() -> Iterator[None]:
    """Turn SIGTERM/SIGHUP into SystemExit while the block runs, so `finally` blocks stop the server.

    Python's default for these signals is to die without unwinding. Only handlers still at
    their default are replaced (an application's own handler is left alone), and only in the
    main thread, where Python allows it.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, object] = {}

    def exit_now(signum: int, _frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) is signal.SIG_DFL:
            previous[signum] = signal.signal(signum, exit_now)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]
