"""The embedded llama.cpp server's life cycle, with the real server (no generation): no orphans, typed errors.

Each test starts a real `llama_cpp.server` process (a few seconds); the model's answers are
tested once per suite in `test_embedded.py`.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time

import pytest

from summarizer.embedded import server as llama_server
from summarizer.embedded.model import MODEL_ID, embedded_server, model_file
from summarizer.embedded.server import LlamaServer, ServerSettings
from summarizer.errors import EmbeddedServerError
from summarizer.pipeline import Summarizer

pytest.importorskip("llama_cpp", reason="needs the 'local' extra")
psutil = pytest.importorskip("psutil")


def gone(pid: int, within: float = 10.0) -> bool:
    """True once `pid` no longer runs (exited, or a zombie nobody has reaped yet)."""
    ends = time.monotonic() + within
    while time.monotonic() < ends:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.1)
    return False


def settings(**changes) -> ServerSettings:
    base = {"model_path": model_file(), "model_alias": MODEL_ID, "n_ctx": 2048, "n_threads": 1}
    return ServerSettings(**{**base, **changes})


HOLDER = textwrap.dedent(
    """
    import signal, sys, time
    signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal
    from summarizer.embedded.model import embedded_server
    with embedded_server(context_tokens=2048, threads=1) as (server, config):
        print(server.pid, flush=True)
        time.sleep(120)
    """
)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name)
def test_no_server_outlives_its_parent_whatever_signal_ends_the_parent(signum):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        line = holder.stdout.readline()
        assert line.strip().isdigit(), holder.stderr.read()
        server_pid = int(line)
        assert psutil.Process(server_pid).is_running()
        holder.send_signal(signum)
        holder.wait(timeout=20)
        assert gone(server_pid), f"server {server_pid} still runs after {signum.name} to its parent"
        if signum is signal.SIGTERM:
            assert holder.returncode == 128 + signal.SIGTERM  # unwound through the `with`, not killed
    finally:
        holder.kill()
        holder.wait()


def test_a_server_that_cannot_load_its_model_fails_with_its_own_last_words(tmp_path):
    bogus = tmp_path / "not-a-model.gguf"
    bogus.write_bytes(b"not a gguf file at all")
    server = LlamaServer(settings(model_path=bogus))
    with pytest.raises(EmbeddedServerError, match="stopped while starting") as failed:
        server.start()
    assert "not-a-model.gguf" in str(failed.value) or "load" in str(failed.value).lower()
    assert "\n" not in str(failed.value)
    assert gone(server.pid)


def test_a_server_that_is_not_ready_in_time_is_stopped():
    server = LlamaServer(settings(startup_timeout=0.3))
    with pytest.raises(EmbeddedServerError, match="not ready within 0.3s"):
        server.start()
    assert gone(server.pid)


def test_a_port_taken_between_probe_and_bind_is_retried_on_another(monkeypatch):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        ports = iter([busy, llama_server.free_port()])
        monkeypatch.setattr(llama_server, "free_port", lambda host="127.0.0.1": next(ports))
        with LlamaServer(settings()) as server:
            assert server.port != busy
            pid = server.pid
    assert gone(pid)


def test_a_server_that_dies_mid_run_is_reported_as_such_not_as_unreachable(seed_text):
    with pytest.raises(EmbeddedServerError, match="server died during the run .*SIGKILL"):
        with embedded_server(threads=1) as (server, config):
            os.kill(server.pid, signal.SIGKILL)  # what a SIGILL in native code looks like from outside
            server.process.wait()
            with Summarizer(config) as summarizer:
                summarizer.summarize(seed_text)
    assert gone(server.pid)
