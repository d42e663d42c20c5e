"""Peak memory (RSS) of `summarizer batch` over 10,000 articles.

Runs the real command as its own process (so its peak RSS is its own), over a JSONL of
10,000 distinct articles (the seed with a different reference line each, so every article
is a separate call and a separate cache entry), against the fake server in another process.
Peak RSS comes from the kernel's accounting of that child (wait4 ru_maxrss). Also checks
the results file has exactly one line per article and the server got exactly one call each.
Goal: peak RSS < 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, fake_server, machine, seed_text, server_calls


def write_input(path: Path, articles: int) -> None:
    text = seed_text()
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(articles):
            article = f"{text}\n(رقم المرجع {i})"
            handle.write(json.dumps({"id": f"art-{i:05d}", "text": article}, ensure_ascii=False) + "\n")


def run_batch(source: Path, out: Path, cache: Path, base_url: str, concurrency: int) -> tuple[float, float, int]:
    """(peak RSS in MB, wall seconds, exit code) of one `summarizer batch` process."""
    env = {**os.environ, "OPENAI_BASE_URL": base_url, "OPENAI_API_KEY": "sk-bench",
           "SUMMARIZER_MODEL": "fake-model", "SUMMARIZER_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "summarizer", "batch", str(source), "--out", str(out),
               "--concurrency", str(concurrency), "--no-progress"]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode()
    process.stderr.close()
    if process.returncode != 0:
        print(stderr, file=sys.stderr)
    return usage.ru_maxrss / 1024, time.perf_counter() - started, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    print(f"memory: {args.articles:,} articles, concurrency {args.concurrency}, zero latency, {machine()}")
    with fake_server(latency=0.0) as server, tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = work / "articles.jsonl"
        write_input(source, args.articles)
        print(f"input: {source.stat().st_size / 2**20:.1f} MB JSONL")
        for label, out in (("first run (every article a call)", work / "results.jsonl"),
                           ("second run, new --out (every article from the cache)", work / "again.jsonl")):
            calls = server_calls(server.base_url)
            peak, wall, code = run_batch(source, out, work / "cache", server.base_url, args.concurrency)
            calls = server_calls(server.base_url) - calls
            lines = sum(1 for _ in open(out, "rb"))
            print(f"{label}: exit {code}, {lines:,} result lines, {calls:,} calls, {wall:.0f} s, "
                  f"peak RSS {peak:.0f} MB ({'< 300 MB: met' if peak < 300 else '>= 300 MB: NOT met'})")


if __name__ == "__main__":
    main()
