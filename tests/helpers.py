"""Shared test helpers: where the seed and fixtures live, a config for the scripted server, the CLI.

Fixtures stay in conftest.py; anything a test module imports by name lives here.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from summarizer.config import OutputMode, ProviderConfig
from summarizer.testing.fake_openai import FakeOpenAI

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEED_PATH = ROOT / "seeds" / "000_6e43a06edc57ceb0.txt"
SEED_SHA256 = "5a19e8d5d208cd6f3e98d73feb25a835f5dc695a31489c443f48f7caa6016f3a"
TEST_KEY = "sk-test-SENTINEL-0123456789abcdef"


def ctrl_c_as_in_a_terminal() -> None:
    """`preexec_fn` of a child a test stops with SIGINT: a shell's background job ignores SIGINT and
    its children inherit that, so a suite started in the background would see Ctrl-C do nothing."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def config_for(server: FakeOpenAI, **overrides: Any) -> ProviderConfig:
    """A config pointing at the fake server with short, test-friendly limits."""
    base = ProviderConfig(
        model="fake-model",
        base_url=server.base_url,
        api_key=TEST_KEY,
        mode=OutputMode.TOOLS,
        request_timeout=2.0,
        deadline=10.0,
        max_reasks=2,
        max_transport_attempts=4,
        backoff_initial=0.05,
    )
    return base.with_overrides(**overrides)


def run_cli(
    *args: str, env: dict[str, str] | None = None, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m summarizer ARGS` with no endpoint variables of the caller's environment."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        input=stdin,
        capture_output=True,
        env={**base, **(env or {})},
        cwd=cwd,
        timeout=120,
    )


def endpoint_env(server: FakeOpenAI) -> dict[str, str]:
    """Environment variables that point the CLI at the scripted server."""
    return {"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": TEST_KEY, "SUMMARIZER_MODEL": "fake-model"}


def assert_one_line_error(result: subprocess.CompletedProcess[bytes], exit_code: int, needle: str) -> None:
    """The run failed with `exit_code` and one `summarizer: error:` line naming `needle`, no traceback."""
    stderr = result.stderr.decode()
    assert result.returncode == exit_code, stderr
    assert "Traceback" not in stderr
    last = stderr.strip().splitlines()[-1]
    assert last.startswith("summarizer: error:") and needle in last, stderr
