"""Shared by the benchmark scripts: the seed, its answers, distinct articles, the fake server.

The server runs as `python -m summarizer.testing.fake_openai` in a separate process, so it never
competes with the client being measured for the GIL.

Two scripted answers, both valid and grounded briefs of the seed:

    small   tests/fixtures/seed_draft.json: 6 claims, a ~6 KB answer
    gold    the seed's gold annotation as the draft a perfect model would write: as many
            claims as the gold (25), a ~20 KB answer, what a real model's brief weighs

Distinct articles are the seed with a reference line of their own appended: every article
is segmented, normalized and grounded from scratch (nothing can be reused between them),
while both answers stay grounded in each.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_6e43a06edc57ceb0.txt"
BRIEF = ROOT / "tests" / "fixtures" / "seed_draft.json"  # a valid, grounded draft of the seed
GOLD = ROOT / "evals" / "datasets" / "seed" / "000_6e43a06edc57ceb0.gold.yaml"
ANSWERS = ("small", "gold")


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_draft() -> dict:
    return json.loads(BRIEF.read_text(encoding="utf-8"))


def gold_draft_dict(every_field: bool = False) -> dict:
    """The seed's gold annotation as the draft a model would write (optional fields only when set)."""
    from summarizer.evaluation.dataset import load_gold
    from summarizer.evaluation.gold import gold_draft

    return gold_draft(load_gold(GOLD)).model_dump(mode="json", exclude_defaults=not every_field)


def answer(kind: str) -> dict:
    """The scripted answer: "small" (the test draft) or "gold" (the gold-sized draft)."""
    if kind == "small":
        return seed_draft()
    if kind == "gold":
        return gold_draft_dict()
    raise ValueError(f"unknown answer {kind!r}; one of {ANSWERS}")


def distinct_text(i: int, text: str | None = None) -> str:
    """Article number `i`: the seed plus a reference line of its own."""
    return f"{text or seed_text()}\n(رقم المرجع {i})"


def distinct_texts(n: int) -> list[str]:
    text = seed_text()
    return [distinct_text(i, text) for i in range(n)]


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
def fake_server(latency: float = 0.0, answer_kind: str = "small") -> Iterator[Server]:
    """Start the fake OpenAI server in its own process, answering every request with `answer_kind`."""
    with tempfile.TemporaryDirectory() as tmp:
        brief = BRIEF
        if answer_kind != "small":
            brief = Path(tmp) / f"{answer_kind}.json"
            brief.write_text(json.dumps(answer(answer_kind), ensure_ascii=False), encoding="utf-8")
        process = subprocess.Popen(
            [sys.executable, "-m", "summarizer.testing.fake_openai", "--brief", str(brief), "--latency", str(latency)],
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


def load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def machine() -> str:
    return f"{os.cpu_count()} CPUs, load average {load()}, Python {sys.version.split()[0]}"


@contextlib.contextmanager
def instructor_as_shipped() -> Iterator[None]:
    """Run instructor without our per-class memory of its async-validator check (`provider.instructor_checks`).

    Importing `summarizer.provider.llm` installs that memory process-wide; a bare instructor
    baseline measured in the same process must pay what instructor itself pays.
    """
    import sys as _sys

    swapped = []
    for name, module in list(_sys.modules.items()):
        check = getattr(module, "reject_async_validators", None)
        if name.startswith("instructor") and getattr(check, "__per_class__", False):
            swapped.append((module, check))
            module.reject_async_validators = check.__wrapped__
    try:
        yield
    finally:
        for module, check in swapped:
            module.reject_async_validators = check


@contextlib.contextmanager
def without_meaning_checks() -> Iterator[None]:
    """A what-if, not a mode of the product: every draft passes the meaning checks unread.

    Measures what the throughput ratio would be if the meaning checks (issue 13's promise that a
    claim says what its evidence says) left the per-article path; the briefs it yields are
    unchecked. `throughput.py --what-if-no-meaning-checks` uses it.
    """
    import summarizer.grounding as grounding

    original = grounding.check_draft
    grounding.check_draft = lambda *args, **kwargs: []
    try:
        yield
    finally:
        grounding.check_draft = original


@contextlib.contextmanager
def cold_meaning_checks(*, words: bool = False) -> Iterator[None]:
    """Every draft's meaning checks run as on a new draft: their per-text caches are emptied first.

    The scripted server sends the same answer for every article, so without this the checks'
    caches (keyed by the statements' texts) would answer every article after the first. Each
    check runs without yielding to the event loop, so emptying them right before it is exact,
    also with many articles in flight. Per-word caches are kept (`consistency.forget_texts`)
    unless `words` is true: then every word of every draft is new to the process, an upper bound.
    """
    import summarizer.grounding as grounding
    from summarizer.consistency import forget_texts

    original = grounding.check_draft

    def cold(*args, **kwargs):  # type: ignore[no-untyped-def]
        forget_texts(words=words)
        return original(*args, **kwargs)

    grounding.check_draft = cold
    try:
        yield
    finally:
        grounding.check_draft = original
