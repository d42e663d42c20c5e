"""Articles per second through `summarizer batch` at concurrency 1, 8, 32, 128 with 300 ms latency.

The fake server (own process) waits `--latency` seconds before every answer, like a model
would, so the ideal is concurrency / latency articles per second. Four rows per concurrency,
the same request and answer, each with its own client CPU per article:

    ours    the real command in-process (streamed JSONL input, async engine, results file;
            no cache, so every article is one call), on `llm.make_async_client`
    instr   a bare instructor call (`instructor.from_openai`, the pre-rendered messages, a
            fixed `BriefDraft` model already wrapped as instructor's `ResponseSchema`, so
            instructor does not rebuild it per call) on the same aiohttp transport: what
            instructor itself costs per call
    raw     the bare `AsyncOpenAI` client on the same aiohttp transport, json.loads of the
            arguments, nothing else: the ceiling of the HTTP stack
    httpx   the same on openai's default httpx transport, for comparison

The client is one Python process, so at most one core: N articles/s need at most 1000/N ms
of client CPU per article. Goal: ours >= 90% of the ideal at 128.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import time
from pathlib import Path

import instructor
import openai
from common import Server, fake_server, machine, seed_text, server_calls

from summarizer.cli import main as cli
from summarizer.config import ProviderConfig
from summarizer.pipeline import prepare
from summarizer.provider import llm
from summarizer.schema import BriefDraft


def ours(server: Server, concurrency: int, articles: int, workdir: Path) -> tuple[float, float]:
    """(wall seconds, client CPU seconds) for `summarizer batch` over `articles` articles."""
    text = seed_text()
    source = workdir / f"in-{concurrency}.jsonl"
    with open(source, "w", encoding="utf-8") as handle:
        for i in range(articles):
            handle.write(json.dumps({"id": f"a{i}", "text": text}, ensure_ascii=False) + "\n")
    out = workdir / f"out-{concurrency}.jsonl"
    argv = ["batch", str(source), "--out", str(out), "--concurrency", str(concurrency), "--no-cache", "--no-progress"]
    wall, cpu = time.perf_counter(), time.process_time()
    code = cli(argv)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert code == 0 and len(out.read_text(encoding="utf-8").splitlines()) == articles
    return wall, cpu


def bare(server: Server, concurrency: int, articles: int, variant: str) -> tuple[float, float]:
    """(wall seconds, client CPU seconds) for the same requests without our pipeline.

    `variant`: "instr" (bare instructor, aiohttp), "raw" (bare openai, aiohttp) or "httpx"
    (bare openai, openai's default transport).
    """
    config = ProviderConfig(model="fake-model", base_url=server.base_url, api_key="sk-bench")
    prepared = prepare(seed_text(), config)
    body = llm.request_body(config, prepared.prompt, prepared.grounding)
    options = {k: v for k, v in body.items() if k not in ("tools", "tool_choice")}
    fixed_model = llm.instructor_model(BriefDraft)

    async def run() -> None:
        http_client = None if variant == "httpx" else openai.DefaultAioHttpClient()
        client = openai.AsyncOpenAI(base_url=server.base_url, api_key="sk-bench", max_retries=0,
                                    http_client=http_client)
        patched = instructor.from_openai(client, mode=instructor.Mode.TOOLS)
        slots = asyncio.Semaphore(concurrency)

        async def one() -> None:
            async with slots:
                if variant == "instr":
                    await patched.chat.completions.create(response_model=fixed_model, max_retries=1, **options)
                else:
                    response = await client.chat.completions.create(**body)
                    json.loads(response.choices[0].message.tool_calls[0].function.arguments)

        await asyncio.gather(*(one() for _ in range(articles)))
        await client.close()

    wall, cpu = time.perf_counter(), time.process_time()
    asyncio.run(run())
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32, 128])
    parser.add_argument("--rounds", type=int, default=10, help="articles per slot: N = rounds x concurrency")
    args = parser.parse_args()
    os.environ.update({"OPENAI_API_KEY": "sk-bench", "SUMMARIZER_MODEL": "fake-model"})
    print(f"throughput: latency {args.latency * 1000:.0f} ms, {args.rounds} articles per slot, {machine()}")
    print(f"{'':>5} {'conc.':>5} {'articles':>8} {'seconds':>7} {'art/s':>6} {'ideal':>6} {'% ideal':>7} "
          f"{'client CPU ms/art':>17} {'server CPU ms/req':>17}")
    share, cpu_ms = {}, {}
    with fake_server(latency=args.latency) as server, tempfile.TemporaryDirectory() as tmp:
        os.environ["OPENAI_BASE_URL"] = server.base_url
        ours(server, 4, 8, Path(tmp))  # warm-up: imports, first connections
        for concurrency in args.concurrency:
            articles = args.rounds * concurrency
            ideal = concurrency / args.latency
            for name in ("ours", "instr", "raw", "httpx"):
                calls, server_cpu = server_calls(server.base_url), server.cpu_seconds()
                if name == "ours":
                    wall, cpu = ours(server, concurrency, articles, Path(tmp))
                else:
                    wall, cpu = bare(server, concurrency, articles, name)
                assert server_calls(server.base_url) - calls == articles  # exactly one call per article
                server_cpu = server.cpu_seconds() - server_cpu
                rate = articles / wall
                cpu_ms[concurrency, name] = cpu / articles * 1000
                if name == "ours":
                    share[concurrency] = rate / ideal
                print(f"{name:>5} {concurrency:>5} {articles:>8} {wall:>7.2f} {rate:>6.1f} {ideal:>6.1f} "
                      f"{rate / ideal:>7.0%} {cpu / articles * 1000:>17.2f} {server_cpu / articles * 1000:>17.2f}")
    if 128 in share:
        budget = 1000 / (0.9 * 128 / args.latency)
        ms = {name: cpu_ms[128, name] for name in ("ours", "instr", "raw", "httpx")}
        print(f"client CPU per article at 128: openai on aiohttp {ms['raw']:.2f} ms (on httpx {ms['httpx']:.2f}); "
              f"instructor adds {ms['instr'] - ms['raw']:.2f}; our pipeline adds {ms['ours'] - ms['instr']:.2f} "
              f"(ours {ms['ours']:.2f})")
        print(f"90% of the ideal at 128 allows at most {budget:.2f} ms of client CPU per article (one core); "
              f"bare openai alone tops out at {1000 / ms['raw'] / (128 / args.latency):.0%} of the ideal")
        print(f"goal (ours >= 90% of ideal at 128): {'met' if share[128] >= 0.9 else 'NOT met'} ({share[128]:.0%})")


if __name__ == "__main__":
    main()
