"""Per-article cost of our pipeline vs a bare instructor call vs raw openai + json.loads.

All variants get the same answer from the fake server (its own process, zero latency), on
distinct articles (the seed with a reference line of its own, so nothing is reused from one
article to the next). Rounds are interleaved, the order rotating each round, so drift in the
machine's load hits every variant alike. Run once per scripted answer: `small` (6 claims)
and `gold` (the seed's gold, 25 claims).

    ours        Summarizer.summarize(text), no cache: segment, render, per-article schema,
                the call (instructor + tenacity), validation with grounding, metadata
    ours+cache  the same with the disk cache on (every article is new: a miss and a write)
    instructor  a bare instructor call on the article's pre-rendered messages, with a fixed
                `BriefDraft` wrapped ONCE as instructor's response schema (what a user who
                reuses their model gets; wrapping it per call would double instructor's cost),
                instructor as shipped (without the per-class memory our provider adds to it)
    raw         the openai client alone on the same messages and tool, json.loads of the arguments

Then our stages alone (no HTTP, no instructor), split per stage (`stages.py`).
Goals: ours / instructor >= 0.9 in throughput terms (here: time per article of instructor /
ours); our stages <= 1.5 ms per article on the gold-sized answer.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import tempfile
import time

import instructor
import openai
from common import (
    ANSWERS,
    cold_meaning_checks,
    distinct_texts,
    fake_server,
    instructor_as_shipped,
    load,
    machine,
    percentile,
)
from stages import config as stage_config
from stages import table

from summarizer.cache import BriefCache
from summarizer.config import OutputMode, ProviderConfig
from summarizer.pipeline import Summarizer, prepare
from summarizer.provider import request
from summarizer.schema import BriefDraft


def run_answer(kind: str, rounds: int, warmup: int, words_cold: bool) -> None:
    texts = distinct_texts(warmup + rounds)
    with fake_server(latency=0.0, answer_kind=kind) as server, tempfile.TemporaryDirectory() as tmp:
        config = ProviderConfig(model="fake-model", base_url=server.base_url, api_key="sk-bench",
                                mode=OutputMode.TOOLS)
        call_options = {"model": config.model, "temperature": 0.0, "max_tokens": 4096, "seed": 0}
        messages = [prepare(text, config).prompt.messages() for text in texts]  # outside the timing
        fixed_model = request.instructor_model(BriefDraft)  # wrapped once, reused by every call
        from instructor.processing import handle_response_model

        _, tool_body = handle_response_model(fixed_model, mode=instructor.Mode.TOOLS)

        ours = Summarizer(config)
        cached = Summarizer(config, cache=BriefCache(tmp))
        bare = instructor.from_openai(
            openai.OpenAI(base_url=server.base_url, api_key="sk-bench", max_retries=0), mode=instructor.Mode.TOOLS
        )
        raw = openai.OpenAI(base_url=server.base_url, api_key="sk-bench", max_retries=0)

        def run_raw(i: int) -> object:
            response = raw.chat.completions.create(
                messages=messages[i], tools=tool_body["tools"], tool_choice=tool_body["tool_choice"], **call_options
            )
            return json.loads(response.choices[0].message.tool_calls[0].function.arguments)

        variants = {
            "ours": lambda i: ours.summarize(texts[i]),
            "ours+cache": lambda i: cached.summarize(texts[i]),
            "instructor": lambda i: bare.chat.completions.create(
                messages=messages[i], response_model=fixed_model, max_retries=1, **call_options
            ),
            "raw": run_raw,
        }
        arguments = json.dumps(run_raw(0), ensure_ascii=False)
        wall: dict[str, list[float]] = {name: [] for name in variants}
        cpu: dict[str, list[float]] = {name: [] for name in variants}
        names = list(variants)
        for round_number in range(warmup + rounds):
            shift = round_number % len(names)
            for name in names[shift:] + names[:shift]:
                shipped = instructor_as_shipped() if name == "instructor" else contextlib.nullcontext()
                with shipped:
                    w0, c0 = time.perf_counter(), time.process_time()
                    variants[name](round_number)
                    w1, c1 = time.perf_counter(), time.process_time()
                if round_number >= warmup:
                    wall[name].append((w1 - w0) * 1000)
                    cpu[name].append((c1 - c0) * 1000)
        ours.close()
        cached.close()

    print(f"answer {kind}: {len(json.loads(arguments)['claims'])} claims, {len(arguments.encode()):,} bytes; "
          f"{rounds} distinct articles per variant after {warmup} warm-up, zero latency, load {load()}")
    print(f"  {'variant':<11} {'median ms':>9} {'p95 ms':>8} {'mean CPU ms':>11} {'instructor/this':>15}")
    med = {name: statistics.median(values) for name, values in wall.items()}
    for name in variants:
        print(f"  {name:<11} {med[name]:9.2f} {percentile(wall[name], 95):8.2f} "
              f"{statistics.mean(cpu[name]):11.2f} {med['instructor'] / med[name]:15.2f}")
    cpu_mean = {name: statistics.mean(values) for name, values in cpu.items()}
    extra = cpu_mean["instructor"] - cpu_mean["raw"]
    print(f"  CPU per article: raw {cpu_mean['raw']:.2f}; instructor adds {extra:.2f}; "
          f"ours adds {cpu_mean['ours'] - cpu_mean['instructor']:.2f} more; the cache on adds "
          f"{cpu_mean['ours+cache'] - cpu_mean['ours']:.2f}")
    for line in table(texts[warmup:], arguments, label=f"answer {kind}", words_cold=words_cold):
        print("  " + line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--answer", choices=ANSWERS, nargs="+", default=list(ANSWERS))
    parser.add_argument("--words-cold", action="store_true",
                        help="empty the meaning checks' per-word caches too before every article (an upper bound)")
    args = parser.parse_args()
    stage_config()  # fail early on an import problem
    print(f"overhead: {machine()}")
    with cold_meaning_checks(words=args.words_cold):  # the same answer every time: no meaning-check cache hits
        for kind in args.answer:
            run_answer(kind, args.rounds, args.warmup, args.words_cold)
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
