"""Per-article overhead of our pipeline vs a bare instructor call vs raw openai + json.loads.

All three get the same answer from the fake server (its own process, zero latency) and send
the same prompt and tool schema. Rounds are interleaved so drift hits all three alike.

    ours        Summarizer.summarize(text): segment, render prompt, add the article's
                sentence IDs to the schema, call (instructor + tenacity), validate, ground, metadata
    instructor  instructor.from_openai(client).create(response_model=BriefDraft) on the
                pre-rendered messages, a fixed model without grounding
    raw         client.chat.completions.create(...) and json.loads of the tool arguments
    stages      our own stages alone, no HTTP and no instructor: prepare (segment, render,
                grounding state), validate the answer's JSON with the brief model and the
                article as context (the grounding validator runs here), ground and attach metadata (`finish`)

Goals: median(ours) / median(instructor) <= 1.3; our CPU beyond the HTTP round trip <= 5 ms
per article, read two ways: CPU(stages), our code alone, and CPU(ours) - CPU(raw), which also
counts instructor's own runtime.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import instructor
import openai
from common import fake_server, machine, percentile, seed_text

from summarizer.config import OutputMode, ProviderConfig
from summarizer.pipeline import Summarizer, finish, prepare
from summarizer.provider import llm
from summarizer.schema import BriefDraft


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    args = parser.parse_args()
    text = seed_text()
    with fake_server(latency=0.0) as server:
        base_url = server.base_url
        config = ProviderConfig(model="fake-model", base_url=base_url, api_key="sk-bench", mode=OutputMode.TOOLS)
        prepared = prepare(text, config)
        body = llm.request_body(config, prepared.prompt, prepared.grounding)
        messages = prepared.prompt.messages()
        call_options = {"model": config.model, "temperature": 0.0, "max_tokens": 4096, "seed": 0}

        ours = Summarizer(config)
        bare = instructor.from_openai(
            openai.OpenAI(base_url=base_url, api_key="sk-bench", max_retries=0), mode=instructor.Mode.TOOLS
        )
        raw = openai.OpenAI(base_url=base_url, api_key="sk-bench", max_retries=0)

        def run_ours() -> object:
            return ours.summarize(text)

        def run_instructor() -> object:
            return bare.chat.completions.create(
                messages=messages, response_model=BriefDraft, max_retries=1, **call_options
            )

        def run_raw() -> object:
            response = raw.chat.completions.create(
                messages=messages, tools=body["tools"], tool_choice=body["tool_choice"], **call_options
            )
            return json.loads(response.choices[0].message.tool_calls[0].function.arguments)

        arguments = json.dumps(run_raw(), ensure_ascii=False)

        def run_stages() -> object:
            staged = prepare(text, config)
            draft = llm.BRIEF_MODEL.model_validate_json(arguments, context=staged.grounding.context())
            return finish(staged, llm.CallResult(draft=draft, stats=llm.CallStats(requests=1)), config)

        variants = {"ours": run_ours, "instructor": run_instructor, "raw": run_raw, "stages": run_stages}
        wall: dict[str, list[float]] = {name: [] for name in variants}
        cpu: dict[str, list[float]] = {name: [] for name in variants}
        for round_number in range(args.warmup + args.rounds):
            for name, run in variants.items():
                w0, c0 = time.perf_counter(), time.process_time()
                run()
                w1, c1 = time.perf_counter(), time.process_time()
                if round_number >= args.warmup:
                    wall[name].append((w1 - w0) * 1000)
                    cpu[name].append((c1 - c0) * 1000)

    print(f"overhead: {args.rounds} rounds after {args.warmup} warm-up, zero latency, {machine()}")
    print(f"{'variant':<11} {'median ms':>9} {'p95 ms':>8} {'mean CPU ms':>11}")
    for name in variants:
        print(f"{name:<11} {statistics.median(wall[name]):9.2f} {percentile(wall[name], 95):8.2f} "
              f"{statistics.mean(cpu[name]):11.2f}")
    med = {name: statistics.median(values) for name, values in wall.items()}
    p95 = {name: percentile(values, 95) for name, values in wall.items()}
    ratio = med["ours"] / med["instructor"]
    extra_cpu = statistics.mean(cpu["ours"]) - statistics.mean(cpu["raw"])
    print(f"ratio ours/instructor: median {ratio:.2f}, p95 {p95['ours'] / p95['instructor']:.2f} (goal <= 1.3)")
    print(f"ratio ours/raw:        median {med['ours'] / med['raw']:.2f}, p95 {p95['ours'] / p95['raw']:.2f}")
    cpu_mean = {name: statistics.mean(values) for name, values in cpu.items()}
    print(f"CPU beyond the raw HTTP round trip (ours - raw): {extra_cpu:.2f} ms/article (goal <= 5)")
    print(f"  of which instructor's own runtime (instructor - raw): {cpu_mean['instructor'] - cpu_mean['raw']:.2f} ms")
    print(f"  of which our pipeline (ours - instructor):            {cpu_mean['ours'] - cpu_mean['instructor']:.2f} ms")
    print(f"our stages alone (no HTTP, no instructor): {cpu_mean['stages']:.2f} ms/article CPU (goal <= 5)")
    ours_ok = "yes" if cpu_mean["stages"] <= 5 else "NO"
    print(f"goals met: ratio {'yes' if ratio <= 1.3 else 'NO'}, CPU of our code {ours_ok}, "
          f"CPU of our code + instructor {'yes' if extra_cpu <= 5 else 'NO'}")


if __name__ == "__main__":
    main()
