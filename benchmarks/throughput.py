"""Articles per second through `summarizer batch` at concurrency 1, 8, 32, 128 with 300 ms latency.

The fake server (own process) waits `--latency` seconds before every answer, like a model
would, so the ideal is concurrency / latency articles per second. `ours` runs the real
command in-process (streamed JSONL input, async engine, results file; no cache, so every
article is one call). For reference, `raw` sends the same request through the bare
`AsyncOpenAI` client (json.loads of the arguments, nothing else) at the same concurrency:
the ceiling of the HTTP stack on this machine. Goal: ours >= 90% of the ideal at 128.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import time
from pathlib import Path

import openai
from common import Server, fake_server, machine, seed_text, server_calls

from summarizer import llm
from summarizer.cli import main as cli
from summarizer.config import ProviderConfig
from summarizer.pipeline import prepare


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


def raw(server: Server, concurrency: int, articles: int) -> tuple[float, float]:
    """(wall seconds, client CPU seconds) for the same requests through the bare AsyncOpenAI client."""
    config = ProviderConfig(model="fake-model", base_url=server.base_url, api_key="sk-bench")
    prepared = prepare(seed_text(), config)
    body = llm.request_body(config, prepared.prompt, prepared.response_model)

    async def run() -> None:
        client = openai.AsyncOpenAI(base_url=server.base_url, api_key="sk-bench", max_retries=0)
        slots = asyncio.Semaphore(concurrency)

        async def one() -> None:
            async with slots:
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
    share = {}
    with fake_server(latency=args.latency) as server, tempfile.TemporaryDirectory() as tmp:
        os.environ["OPENAI_BASE_URL"] = server.base_url
        ours(server, 4, 8, Path(tmp))  # warm-up: imports, first connections
        for concurrency in args.concurrency:
            articles = args.rounds * concurrency
            ideal = concurrency / args.latency
            for name in ("ours", "raw"):
                calls, server_cpu = server_calls(server.base_url), server.cpu_seconds()
                if name == "ours":
                    wall, cpu = ours(server, concurrency, articles, Path(tmp))
                else:
                    wall, cpu = raw(server, concurrency, articles)
                assert server_calls(server.base_url) - calls == articles  # exactly one call per article
                server_cpu = server.cpu_seconds() - server_cpu
                rate = articles / wall
                if name == "ours":
                    share[concurrency] = rate / ideal
                print(f"{name:>5} {concurrency:>5} {articles:>8} {wall:>7.2f} {rate:>6.1f} {ideal:>6.1f} "
                      f"{rate / ideal:>7.0%} {cpu / articles * 1000:>17.2f} {server_cpu / articles * 1000:>17.2f}")
    if 128 in share:
        print(f"goal (ours >= 90% of ideal at 128): {'met' if share[128] >= 0.9 else 'NOT met'} ({share[128]:.0%})")


if __name__ == "__main__":
    main()
