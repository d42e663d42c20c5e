"""Calls per article: exactly one on success, zero on a cache hit, zero for finished ids on a re-run.

Counts the requests the fake server (own process) actually received while `summarizer batch`
summarizes N distinct articles three times: into a new results file with an empty cache,
into another new results file with the now-filled cache, and once more into the first
file (resume). Also reads every result's metadata: one HTTP request, no reask.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

from common import fake_server, machine, server_calls
from memory import write_input

from summarizer.batch.results import read_results
from summarizer.cli import main as cli


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    print(f"calls: {args.articles} distinct articles, {machine()}")
    with fake_server() as server, tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ.update({"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": "sk-bench",
                           "SUMMARIZER_MODEL": "fake-model", "SUMMARIZER_CACHE_DIR": str(work / "cache")})
        source = work / "articles.jsonl"
        write_input(source, args.articles)
        for label, out in (("empty cache", "first.jsonl"), ("cache filled, new --out", "second.jsonl"),
                           ("re-run into the first --out", "first.jsonl")):
            before = server_calls(server.base_url)
            code = cli(["batch", str(source), "--out", str(work / out), "--concurrency", "16", "--no-progress"])
            calls = server_calls(server.base_url) - before
            records = list(read_results(work / out))
            cached = sum(1 for r in records if r.get("cached"))
            print(f"{label:<28} exit {code}  calls {calls:>4}  per article {calls / args.articles:.2f}  "
                  f"lines {len(records)}  cached {cached}")
        first = list(read_results(work / "first.jsonl"))
        meta = [r["brief"]["metadata"] for r in first]
        print(f"first run metadata: transport_attempts {sorted({m['transport_attempts'] for m in meta})}, "
              f"reasks {sorted({m['reasks'] for m in meta})}, ok {sum(r['status'] == 'ok' for r in first)}")
        print(json.dumps({"ids_unique": len({r['id'] for r in first}) == len(first) == args.articles}))


if __name__ == "__main__":
    main()
