"""Benchmark the embedded model: cold and warm time to first result, tokens/s, peak RSS, wrapper cost.

    python benchmarks/embedded.py [--article seeds/000_6e43a06edc57ceb0.txt] [--threads N]
                                  [--max-tokens N] [--max-reasks N] [--deadline S] [--mode json|tools]

* cold: from nothing running to the first result (weights checked, server started, model
  loaded, first summarize); warm: a second summarize of the same article on the same
  server (llama.cpp reuses the cached prompt prefix, so its prompt costs almost nothing).
* llama.cpp's own time per request is read from its `llama_perf_context_print` lines (the
  server runs verbose here); "wrapper" is everything else a summarize call spends: our
  preparation, openai + instructor, HTTP, the server's request handling, validation and
  grounding. Goal: at most 5% of llama.cpp's time.
* server CPU seconds are reported next to wall time: on a shared machine the wall time
  includes waiting for the CPU, the CPU time does not.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from summarizer.config import OutputMode
from summarizer.embedded.model import (
    CONTEXT_TOKENS,
    DEFAULT_LIMITS,
    MODEL_ID,
    default_threads,
    embedded_server,
    model_file,
)
from summarizer.errors import SummarizerError
from summarizer.pipeline import Summarizer

ROOT = Path(__file__).resolve().parent.parent
PERF = re.compile(
    r"llama_perf_context_print:\s+(?P<what>prompt eval time|eval time|total time)\s+=\s+(?P<ms>[\d.]+) ms"
    r"\s+/\s+(?P<n>\d+) (?:tokens|runs)"
)


@dataclass
class Request:
    """One completion as llama.cpp timed it."""

    prompt_tokens: int = 0
    prompt_ms: float = 0.0
    generated: int = 0
    decode_ms: float = 0.0
    total_ms: float = 0.0


def requests_in(log: str) -> list[Request]:
    found: list[Request] = []
    current = Request()
    for match in PERF.finditer(log):
        what, ms, n = match["what"], float(match["ms"]), int(match["n"])
        if what == "prompt eval time":
            current.prompt_tokens, current.prompt_ms = n, ms
        elif what == "eval time":
            current.generated, current.decode_ms = n, ms
        else:
            current.total_ms = ms
            found.append(current)
            current = Request()
    return found


@dataclass
class Run:
    label: str
    wall_s: float  # the summarize call alone
    outcome: str
    requests: list[Request]
    server_cpu_s: float
    startup_s: float = 0.0  # cold only: weights check, server start, model load

    def report(self) -> list[str]:
        llama_s = sum(r.total_ms for r in self.requests) / 1000
        generated = sum(r.generated for r in self.requests)
        decode_s = sum(r.decode_ms for r in self.requests) / 1000
        generating_s = sum(r.total_ms - r.prompt_ms for r in self.requests) / 1000
        wrapper_s = self.wall_s - llama_s
        first = f"{self.startup_s + self.wall_s:.1f} s to first result"
        if self.startup_s:
            first += f" ({self.startup_s:.1f} s start-up + {self.wall_s:.1f} s summarize)"
        lines = [
            f"{self.label}: {first} -> {self.outcome}",
            f"  requests {len(self.requests)}; prompt tokens "
            + ", ".join(f"{r.prompt_tokens} ({r.prompt_ms / 1000:.1f} s)" for r in self.requests),
            f"  generated {generated} tokens: {generated / generating_s:.1f} tokens/s with schema-constrained"
            f" sampling, {generated / decode_s:.1f} tokens/s decode only" if generated and decode_s else
            "  generated 0 tokens",
            f"  llama.cpp's own time {llama_s:.2f} s; wrapper adds {wrapper_s:.2f} s"
            f" = {100 * wrapper_s / llama_s:.2f}% (goal <= 5%)" if llama_s else "  no llama.cpp timings",
            f"  server CPU time {self.server_cpu_s:.1f} s",
        ]
        return lines


def summarize_once(config, text: str) -> tuple[float, str]:
    started = time.perf_counter()
    try:
        with Summarizer(config) as summarizer:
            brief = summarizer.summarize(text)
        outcome = f"brief with {len(brief.claims)} claims, {brief.metadata.reasks} reasks"
    except SummarizerError as exc:
        outcome = f"{type(exc).__name__}: {exc}"
        raw = getattr(exc, "raw_output", None)
        if raw:
            outcome += f"\n  answer began: {raw[:110]!r}"
    return time.perf_counter() - started, outcome


def peak_rss_mib(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return float("nan")
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match[1]) / 1024 if match else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--article", default=str(ROOT / "seeds" / "000_6e43a06edc57ceb0.txt"))
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--max-tokens", type=int, default=None)
    parser.add_argument("--max-reasks", type=int, default=None)
    parser.add_argument("--deadline", type=float, default=None)
    parser.add_argument("--mode", choices=[m.value for m in OutputMode], default=None)
    args = parser.parse_args()
    text = Path(args.article).read_text(encoding="utf-8")
    overrides = {"max_tokens": args.max_tokens, "max_reasks": args.max_reasks, "deadline": args.deadline}
    if args.deadline:
        overrides["request_timeout"] = args.deadline
    overrides = {k: v for k, v in overrides.items() if v is not None}

    print(f"machine: {os.cpu_count()} CPUs, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    limits = {**DEFAULT_LIMITS, **overrides}
    print(f"model {MODEL_ID}, n_ctx {CONTEXT_TOKENS}, threads {args.threads or default_threads()}, "
          f"max_tokens {limits['max_tokens']}, max_reasks {limits['max_reasks']}, deadline {limits['deadline']:g} s")

    cold_started = time.perf_counter()
    model_file()
    weights_s = time.perf_counter() - cold_started
    runs: list[Run] = []
    with embedded_server(verbose=True, threads=args.threads, **overrides) as (server, config):
        if args.mode:
            config = config.with_overrides(mode=OutputMode(args.mode))
        ready_s = time.perf_counter() - cold_started
        process = psutil.Process(server.pid)
        for label in ("cold", "warm"):
            cpu_before = sum(process.cpu_times()[:2])
            seen = len(requests_in(server.log_text()))
            wall_s, outcome = summarize_once(config, text)
            cpu_s = sum(process.cpu_times()[:2]) - cpu_before
            startup_s = ready_s if label == "cold" else 0.0
            runs.append(Run(label, wall_s, outcome, requests_in(server.log_text())[seen:], cpu_s, startup_s))
        server_peak = peak_rss_mib(server.pid)
    print(f"weights checked in {weights_s:.2f} s; server ready {ready_s:.1f} s after start")
    for run in runs:
        print("\n".join(run.report()))
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: server {server_peak:.0f} MiB, this process {own_peak:.0f} MiB")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
