"""Articles per second at 1, 8, 32 and 128 in flight: ours vs a bare instructor call vs bare openai.

The fake server (own process) waits `--latency` seconds before every answer, like a model
would. Distinct articles (the seed with a reference line of its own), the scripted answer
`gold` (25 claims, the seed's gold) or `small` (6 claims). Rows, all on openai's aiohttp
transport:

    ours        `summarizer batch` in-process, cache off: streamed JSONL input, async engine,
                results file, every article one call
    ours+cache  the same with the brief cache on (every article new: a miss and a write)
    instr       a bare instructor call per article on its pre-rendered messages, with a fixed
                `BriefDraft` wrapped ONCE as instructor's response schema; instructor as
                shipped (without the per-class memory our provider adds to it)
    raw         the bare `AsyncOpenAI` client on the same messages and tool, json.loads of the
                arguments: the ceiling of the HTTP stack

The variants are interleaved: each repetition runs all of them back to back, in an order that
rotates, so a change in the machine's load hits them alike. Reported: the median articles/s
and client CPU per article over the repetitions, and the median of the paired ratios
ours/instr and ours/raw (each repetition's ours against the same repetition's baseline).
Goal: ours >= 0.9x instr at every concurrency. Then the per-stage CPU table (`stages.py`).

`--what-if-no-meaning-checks` runs ours with the meaning checks skipped: not a mode of the
product (its briefs are unchecked), a measure of what moving them off the per-article path buys.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import instructor
import openai
from common import (
    ANSWERS,
    Server,
    answer,
    cold_meaning_checks,
    distinct_texts,
    fake_server,
    instructor_as_shipped,
    load,
    machine,
    server_calls,
    without_meaning_checks,
)
from stages import table

from summarizer.cli import main as cli
from summarizer.config import ProviderConfig
from summarizer.pipeline import prepare
from summarizer.provider import request
from summarizer.schema import BriefDraft

VARIANTS = ("ours", "ours+cache", "instr", "raw")


def ours(source: Path, articles: int, concurrency: int, workdir: Path, cache: bool) -> tuple[float, float]:
    """(wall seconds, client CPU seconds) for `summarizer batch` over `source`."""
    out = Path(tempfile.mkstemp(dir=workdir, suffix=".jsonl")[1])
    out.unlink()
    argv = ["batch", str(source), "--out", str(out), "--concurrency", str(concurrency), "--no-progress"]
    argv += ["--cache-dir", tempfile.mkdtemp(dir=workdir)] if cache else ["--no-cache"]
    wall, cpu = time.perf_counter(), time.process_time()
    with contextlib.redirect_stderr(io.StringIO()):  # the command's own summary lines
        code = cli(argv)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert code == 0 and len(out.read_text(encoding="utf-8").splitlines()) == articles + 1  # + the header
    return wall, cpu


def bare(server: Server, messages: list[list[dict]], concurrency: int, variant: str) -> tuple[float, float]:
    """(wall seconds, client CPU seconds) for the same articles without our pipeline."""
    fixed_model = request.instructor_model(BriefDraft)  # wrapped once, as a user reusing their model would
    from instructor.processing import handle_response_model

    _, body = handle_response_model(fixed_model, mode=instructor.Mode.TOOLS)
    tool = {"tools": body["tools"], "tool_choice": body["tool_choice"]}
    options = {"model": "fake-model", "temperature": 0.0, "max_tokens": 4096, "seed": 0}

    async def run() -> None:
        client = openai.AsyncOpenAI(base_url=server.base_url, api_key="sk-bench", max_retries=0,
                                    http_client=openai.DefaultAioHttpClient())
        patched = instructor.from_openai(client, mode=instructor.Mode.TOOLS)
        slots = asyncio.Semaphore(concurrency)

        async def one(request: list[dict]) -> None:
            async with slots:
                if variant == "instr":
                    await patched.chat.completions.create(
                        messages=request, response_model=fixed_model, max_retries=1, **options
                    )
                else:
                    response = await client.chat.completions.create(messages=request, **tool, **options)
                    json.loads(response.choices[0].message.tool_calls[0].function.arguments)

        await asyncio.gather(*(one(request) for request in messages))
        await client.close()

    wall, cpu = time.perf_counter(), time.process_time()
    with instructor_as_shipped():
        asyncio.run(run())
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32, 128])
    parser.add_argument("--rounds", type=int, default=8, help="articles per slot: N = rounds x concurrency")
    parser.add_argument("--repeats", type=int, default=3, help="interleaved repetitions per concurrency")
    parser.add_argument("--answer", choices=ANSWERS, default="gold")
    parser.add_argument("--stage-articles", type=int, default=200, help="articles for the per-stage table")
    parser.add_argument("--words-cold", action="store_true",
                        help="empty the meaning checks' per-word caches too before every draft (an upper bound)")
    parser.add_argument("--what-if-no-meaning-checks", action="store_true",
                        help="a what-if, not a product mode: ours with the meaning checks skipped (briefs unchecked)")
    args = parser.parse_args()
    os.environ.update({"OPENAI_API_KEY": "sk-bench", "SUMMARIZER_MODEL": "fake-model"})
    print(f"throughput: answer {args.answer}, latency {args.latency * 1000:.0f} ms, {args.rounds} articles per slot, "
          f"{args.repeats} interleaved repetitions, "
          f"{'every meaning-check cache emptied' if args.words_cold else 'per-word caches kept'}, "
          f"{'WHAT-IF: meaning checks skipped, ' if args.what_if_no_meaning_checks else ''}{machine()}")
    most = args.rounds * max(args.concurrency)
    texts = distinct_texts(most)
    summary: list[str] = []
    with (
        fake_server(latency=args.latency, answer_kind=args.answer) as server,
        tempfile.TemporaryDirectory() as tmp,
        cold_meaning_checks(words=args.words_cold),  # the same answer every time: no meaning-check cache hits
        without_meaning_checks() if args.what_if_no_meaning_checks else contextlib.nullcontext(),
    ):
        work = Path(tmp)
        os.environ["OPENAI_BASE_URL"] = server.base_url
        config = ProviderConfig(model="fake-model", base_url=server.base_url, api_key="sk-bench")
        messages = [prepare(text, config).prompt.messages() for text in texts]  # outside the timing
        source = work / "articles.jsonl"
        with open(source, "w", encoding="utf-8") as handle:
            for i, text in enumerate(texts):
                handle.write(json.dumps({"id": f"a{i}", "text": text}, ensure_ascii=False) + "\n")
        warm = work / "warm.jsonl"
        warm.write_text("".join(source.read_text(encoding="utf-8").splitlines(keepends=True)[:8]), encoding="utf-8")
        ours(warm, 8, 4, work, cache=False)  # warm-up: imports, first connections
        print(f"{'':>10} {'conc.':>5} {'articles':>8} {'art/s':>7} {'% ideal':>7} {'client CPU ms/art':>17} "
              f"{'server CPU ms/req':>17}  (medians of {args.repeats}; load before each block)")
        for concurrency in args.concurrency:
            articles = args.rounds * concurrency
            subset = work / f"in-{concurrency}.jsonl"
            with open(source, encoding="utf-8") as full, open(subset, "w", encoding="utf-8") as part:
                for _, line in zip(range(articles), full, strict=False):
                    part.write(line)
            rate: dict[str, list[float]] = {name: [] for name in VARIANTS}
            cpu_ms: dict[str, list[float]] = {name: [] for name in VARIANTS}
            server_ms: dict[str, list[float]] = {name: [] for name in VARIANTS}
            block_load = load()
            for repeat in range(args.repeats):
                order = VARIANTS[repeat % len(VARIANTS):] + VARIANTS[:repeat % len(VARIANTS)]
                for name in order:
                    calls, server_cpu = server_calls(server.base_url), server.cpu_seconds()
                    if name.startswith("ours"):
                        wall, cpu = ours(subset, articles, concurrency, work, cache=name == "ours+cache")
                    else:
                        wall, cpu = bare(server, messages[:articles], concurrency, name)
                    assert server_calls(server.base_url) - calls == articles  # exactly one call per article
                    rate[name].append(articles / wall)
                    cpu_ms[name].append(cpu / articles * 1000)
                    server_ms[name].append((server.cpu_seconds() - server_cpu) / articles * 1000)
            ideal = concurrency / args.latency
            for name in VARIANTS:
                r = statistics.median(rate[name])
                print(f"{name:>10} {concurrency:>5} {articles:>8} {r:>7.1f} {r / ideal:>7.0%} "
                      f"{statistics.median(cpu_ms[name]):>17.2f} {statistics.median(server_ms[name]):>17.2f}")
            for name in ("ours", "ours+cache"):
                vs_instr = statistics.median(o / b for o, b in zip(rate[name], rate["instr"], strict=True))
                vs_raw = statistics.median(o / b for o, b in zip(rate[name], rate["raw"], strict=True))
                summary.append(f"{concurrency:>5} {name:>10}: {vs_instr:.2f}x bare instructor, "
                               f"{vs_raw:.2f}x bare openai (load {block_load}){'' if vs_instr >= 0.9 else '  < 0.9'}")
            print(f"{'':>10} {'':>5} load average {block_load} -> {load()}")
    print("paired ratios (median over repetitions), goal ours >= 0.9x bare instructor at every concurrency:")
    print("\n".join(summary))
    arguments = json.dumps(answer(args.answer), ensure_ascii=False)
    stage_texts = distinct_texts(args.stage_articles)
    for line in table(stage_texts, arguments, label=f"answer {args.answer}", words_cold=args.words_cold):
        print(line)
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
