"""Shared by the benchmark scripts: the seed, its valid brief, and the fake server in its own process.

The server runs as `python -m summarizer.testing.fake_openai` in a separate process, so it never
competes with the client being measured for the GIL.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_6e43a06edc57ceb0.txt"
BRIEF = ROOT / "tests" / "fixtures" / "seed_draft.json"  # a valid, grounded draft of the seed


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_draft() -> dict:
    return json.loads(BRIEF.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Server:
    base_url: str
    pid: int

    def cpu_seconds(self) -> float:
        """CPU time the server process has used so far (user + system)."""
        import psutil

        times = psutil.Process(self.pid).cpu_times()
        return times.user + times.system


@contextlib.contextmanager
def fake_server(latency: float = 0.0) -> Iterator[Server]:
    """Start the fake OpenAI server in its own process."""
    process = subprocess.Popen(
        [sys.executable, "-m", "summarizer.testing.fake_openai", "--brief", str(BRIEF), "--latency", str(latency)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip()
        if not base_url.startswith("http"):
            raise RuntimeError("the fake server did not start")
        yield Server(base_url, process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)


def server_calls(base_url: str) -> int:
    """Chat completions the fake server has answered so far."""
    import urllib.request

    with urllib.request.urlopen(base_url.removesuffix("/v1") + "/v1/fake/stats") as response:
        return json.load(response)["calls"]


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def machine() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} CPUs, load average {load}, Python {sys.version.split()[0]}"
