"""The scripts in examples/ run as a user would run them, against the scripted OpenAI-compatible server."""

from __future__ import annotations

import os
import subprocess
import sys

from summarizer.schema import Brief

from ..helpers import ROOT, SEED_PATH, TEST_KEY


def test_quickstart_example_summarizes_renders_and_batches(tmp_path, fake_openai, step, seed_draft):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    with fake_openai([step.brief(seed_draft)]) as server:
        env.update(OPENAI_BASE_URL=server.base_url, OPENAI_API_KEY=TEST_KEY, SUMMARIZER_MODEL="fake-model")
        done = subprocess.run(
            [sys.executable, str(ROOT / "examples" / "quickstart.py"), str(SEED_PATH), str(tmp_path / "out")],
            capture_output=True, text=True, env=env, timeout=120,
        )
        assert server.calls == 3  # one summarize, two through summarize_many
    assert done.returncode == 0, done.stderr
    assert Brief.model_validate_json((tmp_path / "out" / "brief.json").read_text(encoding="utf-8")).claims
    assert (tmp_path / "out" / "brief.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    assert (tmp_path / "out" / "brief.md").read_text(encoding="utf-8").startswith("# ")
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Syrian-Israeli meeting")
    assert {line.split()[0] for line in lines[-2:]} == {"by-text", SEED_PATH.stem}
