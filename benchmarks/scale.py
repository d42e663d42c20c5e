"""Scale: peak memory and resume start-up of `summarizer batch`, measured at 100k articles, extrapolated to 1M.

For each size N (default 10,000 and 100,000) the benchmark writes N distinct articles (the
seed with a reference line of its own, ~4.6 KB each) and a results file in which all but the
last `--todo` articles are already done (real result lines of the chosen answer, ~25 KB each
for the gold-sized one, ids changed), then runs `summarizer batch` as its own process against
the fake server (zero latency) to resume it. Measured:

    start-up   seconds from starting the process to the fake server's first request: what
               a resumed run spends reading the input and the results before new work
    peak RSS   of that process (the kernel's ru_maxrss): the index of N input articles and
               the status of N results, plus the working set of the calls in flight

The two sizes give the growth per article; the 1M figures are that line extended. A fresh
run (no results file) of `--fresh` articles, every one a call, gives what a run grows by per
article it summarizes (its RSS against the calls answered, over the second half of the run,
after start-up and bounded caches have filled), beyond the status already counted.
Goals: peak RSS of a 1M-article batch <= 300 MB; resume reaches its first new request in <= 10 s at 1M.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import ANSWERS, ROOT, answer, fake_server, load, machine, seed_text, server_calls

MILLION = 1_000_000


def write_input(path: Path, articles: int) -> None:
    """`articles` distinct articles as JSONL (the seed plus a reference line each)."""
    head, tail = json.dumps({"id": "ID", "text": seed_text() + "\n(رقم المرجع REF)"}, ensure_ascii=False).split("ID", 1)
    before, after = tail.split("REF", 1)
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(articles):
            handle.write(f"{head}art-{i:07d}{before}{i}{after}\n")


def write_results(path: Path, done: int, kind: str) -> int:
    """A results file holding `done` finished articles (ids art-0000000 ...); returns the line size."""
    from summarizer.batch.results import HEADER, ArticleResult, encode_record, record_for
    from summarizer.config import OutputMode, ProviderConfig
    from summarizer.grounding import ground
    from summarizer.pipeline import prepare
    from summarizer.schema import BriefDraft

    config = ProviderConfig(model="fake-model", base_url="http://127.0.0.1:9/v1", api_key="sk", mode=OutputMode.TOOLS)
    prepared = prepare(seed_text() + "\n(رقم المرجع 0)", config)
    brief = ground(prepared.article, BriefDraft.model_validate(answer(kind)))
    record = record_for(ArticleResult("ID-PLACEHOLDER", brief=brief, elapsed_ms=1234.5))
    head, tail = encode_record(record).decode().rstrip("\n").split("ID-PLACEHOLDER", 1)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(encode_record(HEADER).decode())  # the results file's first line
        for i in range(done):
            handle.write(f"{head}art-{i:07d}{tail}\n")
    return len((head + tail).encode()) + 12


def leave_indexes(source: Path, out: Path) -> None:
    """The index files a killed run leaves beside its results (nothing, before they existed)."""
    from summarizer.batch import results
    from summarizer.batch.inputs import open_input

    if hasattr(results, "index_path"):
        # As the command opens it: with a check of "ok" lines and the input's identity, so the
        # index it leaves vouches for these lines on the resumed run (as a killed run's index does).
        source_input = open_input(source)
        results.ResultsLog.open(out, check=_no_problem, input_identity=source_input.identity()).close()
        source_input.scan(saved=Path(f"{out}.input.idx"))


def _no_problem(article_id: str, brief: object) -> list[str]:
    return []


def resume_cpu(source: Path, out: Path) -> float:
    """CPU seconds of what `summarizer batch` does on resume before its first request, in this process.

    The same steps as the command: scan the input (or read its saved scan), open the results
    log (its index, then any unindexed lines), count what is left, and read the first article
    left. CPU time, so a busy machine does not inflate it.
    """
    from summarizer.batch.inputs import open_input
    from summarizer.batch.results import ResultsLog

    started = time.process_time()
    source_input = open_input(source)
    hashes = source_input.scan(saved=Path(f"{out}.input.idx"))
    with ResultsLog.open(out, check=_no_problem, input_identity=source_input.identity()) as log:
        todo = sum(1 for key in hashes if not log.should_skip_hash(key))
        first = next(iter(source_input.remaining(log.should_skip_hash)))
    assert todo > 0 and first.text
    return time.process_time() - started


def run_batch(source: Path, out: Path, base_url: str, concurrency: int) -> dict[str, float]:
    """Run one `summarizer batch` process and measure it.

    Measured: start-up to its first request, peak RSS (MB), wall seconds, and the growth of its
    RSS per finished call over the second half of the run (bytes).
    """
    import psutil

    env = {**os.environ, "OPENAI_BASE_URL": base_url, "OPENAI_API_KEY": "sk-bench", "SUMMARIZER_MODEL": "fake-model"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled imports are cached, as on a user's machine
    command = [sys.executable, "-m", "summarizer", "batch", str(source), "--out", str(out),
               "--concurrency", str(concurrency), "--no-progress", "--no-cache"]
    calls = server_calls(base_url)
    first: list[float] = []
    samples: list[tuple[int, int]] = []  # (calls answered, RSS bytes)
    done = threading.Event()

    def watch(process: psutil.Process) -> None:
        while not done.is_set():
            answered = server_calls(base_url) - calls
            if answered and not first:
                first.append(time.perf_counter())
            try:
                samples.append((answered, process.memory_info().rss))
            except psutil.Error:
                return
            time.sleep(0.005 if not first else 0.25)

    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watcher = threading.Thread(target=watch, args=(psutil.Process(process.pid),), daemon=True)
    watcher.start()
    assert process.stderr is not None
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    watcher.join()
    stderr = process.stderr.read().decode()
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        print(stderr, file=sys.stderr)
        raise SystemExit("the batch failed")
    total = server_calls(base_url) - calls
    late = [(n, rss) for n, rss in samples if n >= total / 2]
    growth = float("nan")
    if len(late) >= 2 and late[-1][0] > late[0][0]:
        growth = (max(rss for _, rss in late) - late[0][1]) / (late[-1][0] - late[0][0])
    return {"startup": (first[0] - started) if first else float("nan"), "peak": usage.ru_maxrss / 1024,
            "wall": wall, "calls": total, "growth": growth}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[10_000, 100_000])
    parser.add_argument("--todo", type=int, default=64, help="articles left to do in each resumed run")
    parser.add_argument("--fresh", type=int, default=3_000,
                        help="articles of a fresh run (every article a call): growth per summarized article")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--answer", choices=ANSWERS, default="gold")
    args = parser.parse_args()
    print(f"scale: answer {args.answer}, resume with {args.todo} articles left, concurrency {args.concurrency}, "
          f"zero latency, {machine()}")
    results: dict[int, dict[str, float]] = {}
    with fake_server(latency=0.0, answer_kind=args.answer) as server, tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # Start-up of a run with nothing to resume: interpreter, imports, first connection.
        source, out = work / "base.jsonl", work / "base-out.jsonl"
        write_input(source, args.todo)
        for _ in range(2):  # the first run also compiles the imports
            out.unlink(missing_ok=True)
            base = run_batch(source, out, server.base_url, args.concurrency)
        print(f"no results to resume ({args.todo} articles): first request after {base['startup']:.2f} s; "
              f"peak RSS {base['peak']:.0f} MB (load {load()})")
        from summarizer.batch import results as results_module

        indexed = hasattr(results_module, "index_path")  # the resume index exists (not before it)
        for size in sorted(args.sizes):
            source, out = work / f"in-{size}.jsonl", work / f"out-{size}.jsonl"
            write_input(source, size)
            line = write_results(out, size - args.todo, args.answer)
            leave_indexes(source, out)
            before = load()
            cpu = resume_cpu(source, out) if indexed else 0.0
            results[size] = run = run_batch(source, out, server.base_url, args.concurrency)
            run["cpu"] = cpu
            assert run["calls"] == args.todo, run
            lines = sum(1 for _ in open(out, "rb"))
            assert lines == size + 1, lines  # + the header
            print(f"resume {size:>9,}: input {source.stat().st_size / 2**20:,.0f} MB, results "
                  f"{out.stat().st_size / 2**20:,.0f} MB ({line / 1024:.1f} KB a line); first new request after "
                  f"{run['startup']:.2f} s ({run['cpu']:.2f} s of CPU for the resume itself); "
                  f"peak RSS {run['peak']:.0f} MB; {run['wall']:.1f} s in all (load {before})")
            source.unlink()
            out.unlink()
            for extra in work.glob(f"out-{size}.jsonl*"):
                extra.unlink()
        source, out = work / "fresh.jsonl", work / "fresh-out.jsonl"
        write_input(source, args.fresh)
        before = load()
        fresh = run_batch(source, out, server.base_url, args.concurrency)
        assert fresh["calls"] == args.fresh, fresh
        print(f"fresh  {args.fresh:>9,}: every article a call; peak RSS {fresh['peak']:.0f} MB; "
              f"{args.fresh / fresh['wall']:.0f} articles/s; RSS grew {fresh['growth']:,.0f} bytes per article "
              f"over the second half of the run (load {before})")
    small, big = sorted(args.sizes)
    index_growth = (results[big]["peak"] - results[small]["peak"]) / (big - small) * 2**20  # bytes per article
    run_growth = max(0.0, fresh["growth"] - index_growth)
    # A fresh run of 1M: its working set (the fresh run's peak) plus what every further article adds.
    peak_1m = max(results[big]["peak"], fresh["peak"]) + (index_growth + run_growth) * (MILLION - big) / 2**20
    # What grows with the batch is the resume's own work (CPU, measured in-process, so load does
    # not inflate it); the rest is the start-up of any run (interpreter, imports, connection).
    per_article = results[big]["cpu"] / big
    startup_1m = base["startup"] + per_article * MILLION
    print(f"resume work before the first request: {results[small]['cpu']:.2f} s CPU at {small:,}, "
          f"{results[big]['cpu']:.2f} s at {big:,} ({per_article * 1e6:.1f} us per article); "
          f"start-up of a run with nothing to resume {base['startup']:.2f} s")
    print(f"growth per article: {index_growth:,.0f} bytes held per article of the batch (index and status); "
          f"{run_growth:,.0f} more per article summarized in the run")
    print(f"extrapolated to 1,000,000 articles: peak RSS {peak_1m:.0f} MB "
          f"(goal <= 300 MB: {'met' if peak_1m <= 300 else 'NOT met'}); resume reaches its first new request after "
          f"{startup_1m:.1f} s (goal <= 10 s: {'met' if startup_1m <= 10 else 'NOT met'})")
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
