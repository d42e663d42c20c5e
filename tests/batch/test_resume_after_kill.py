"""A batch killed mid-run loses nothing finished, writes no corrupt line, and resumes without duplicates."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarizer.batch.results import ResultsLog
from summarizer.cli import main

from ..helpers import ROOT, TEST_KEY, ctrl_c_as_in_a_terminal
from .helpers import by_id, write_folder

ARTICLES = 24


def _complete_lines(path: Path) -> int:
    """Complete result lines (the header line is not a result)."""
    if not path.exists():
        return 0
    return max(path.read_bytes().count(b"\n") - 1, 0)


def _start_batch(folder: Path, out: Path, server, tmp_path: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "OPENAI_BASE_URL": server.base_url,
        "OPENAI_API_KEY": TEST_KEY,
        "SUMMARIZER_CACHE_DIR": str(tmp_path / "cache"),
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "summarizer", "batch", str(folder), "--out", str(out),
               "--concurrency", "3", "--no-cache", "--no-progress"]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=ctrl_c_as_in_a_terminal)


def _wait_for_lines(out: Path, process: subprocess.Popen, count: int) -> None:
    deadline = time.monotonic() + 60
    while _complete_lines(out) < count:
        assert process.poll() is None, f"batch ended early: {process.communicate()}"
        assert time.monotonic() < deadline, "the batch made no progress"
        time.sleep(0.02)


def _assert_every_line_is_a_whole_record(out: Path) -> list[str]:
    data = out.read_bytes()
    assert data == b"" or data.endswith(b"\n"), "torn last line"
    ids = []
    header, *lines = data.splitlines() or [b"{}"]
    assert data == b"" or json.loads(header)["format"] == "bilingual-brief-results"
    for raw in lines:
        record = json.loads(raw)
        assert record["status"] == "ok"
        ids.append(record["id"])
    return ids


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM], ids=["kill-9", "ctrl-c", "term"])
def test_killed_batch_resumes_with_nothing_lost_or_duplicated(tmp_path, monkeypatch, fake_openai, step, seed_text,
                                                              seed_draft, sig):
    folder = write_folder(tmp_path / "in", {f"art{i:02d}": seed_text for i in range(ARTICLES)})
    out = tmp_path / "results.jsonl"
    with fake_openai([step.brief(seed_draft)], latency=0.15, record=False) as server:
        process = _start_batch(folder, out, server, tmp_path)
        _wait_for_lines(out, process, 5)
        process.send_signal(sig)
        _, stderr = process.communicate(timeout=30)
        if sig is signal.SIGKILL:
            assert process.returncode == -signal.SIGKILL
        else:  # a clean stop: one line saying how to resume, no traceback
            assert process.returncode == 130, stderr
            assert "run the same command again to resume" in stderr and "Traceback" not in stderr
        finished = _assert_every_line_is_a_whole_record(out)
        assert 5 <= len(finished) < ARTICLES and len(set(finished)) == len(finished)
        kept = out.read_bytes()
        calls_before = server.calls

        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", TEST_KEY)
        assert main(["batch", str(folder), "--out", str(out), "--no-cache", "--no-progress", "--concurrency", "4"]) == 0
        resumed_calls = server.calls - calls_before

    assert out.read_bytes().startswith(kept), "finished lines were rewritten"
    assert resumed_calls == ARTICLES - len(finished)  # exactly the unfinished ones, once each
    results = by_id(out)  # fails on any duplicate id
    assert sorted(results) == [f"art{i:02d}" for i in range(ARTICLES)]
    assert all(r["status"] == "ok" for r in results.values())


def test_a_torn_last_line_from_a_crash_is_cut_off_and_its_article_redone(tmp_path, monkeypatch, fake_openai, step,
                                                                        seed_text, seed_draft, capsys):
    folder = write_folder(tmp_path / "in", {"a": seed_text, "b": seed_text})
    out = tmp_path / "results.jsonl"
    with fake_openai([step.brief(seed_draft)]) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", TEST_KEY)
        assert main(["batch", str(folder), "--out", str(out), "--no-cache"]) == 0
        whole = out.read_bytes()
        header, first, second = whole.splitlines(keepends=True)
        out.write_bytes(header + first + second[: len(second) // 2])  # as if the machine died mid-write
        assert main(["batch", str(folder), "--out", str(out), "--no-cache"]) == 0
        assert server.calls == 3
    assert "cut a torn last line" in capsys.readouterr().err
    assert out.read_bytes().startswith(header + first)
    assert _assert_every_line_is_a_whole_record(out) == [json.loads(first)["id"], json.loads(second)["id"]]


def test_results_log_counts_unreadable_lines_and_does_not_treat_them_as_done(tmp_path):
    out = tmp_path / "results.jsonl"
    out.write_bytes(b'{"id": "a", "status": "ok"}\n\x00\x00\x00\n{"id": "b", "status": "error"}\n')
    with ResultsLog.open(out) as log:
        assert log.unreadable == 1 and log.repaired_bytes == 0
        assert [article_id for article_id, _ in log.invalid] == ["a"]  # "ok" without a brief is not trusted
        assert not log.should_skip("a") and log.should_skip("b") and not log.should_skip("c")
        assert not log.should_skip("b", retry_failed=True)
