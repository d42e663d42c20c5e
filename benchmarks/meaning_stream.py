"""The meaning checks on a stream of different articles: what the per-word caches are worth.

`stages.py` sends one answer again and again and empties the checks' per-text caches before
each article, but keeps their per-word caches, which then hold every word of the next draft.
A stream of unrelated articles shares its common words (function words, cues, months, units)
and not its names. This measures each annotated article's gold draft three ways:

    repeat   per-word caches hold this draft's own words (what `stages.py` measures)
    stream   per-word caches emptied, then filled by checking the OTHER articles' drafts:
             the words this article shares with other news are known, its own are new
    cold     every cache emptied: each word new to the process (an upper bound)

CPU ms per draft (median of `--rounds`), from the repository root:

    cd benchmarks && PYTHONPATH=.. python meaning_stream.py
"""

from __future__ import annotations

import argparse
import statistics
import time

from common import load, machine

from summarizer.consistency import check_draft, forget_texts
from summarizer.evaluation.dataset import Sample, load_dataset
from summarizer.evaluation.gold import gold_draft
from summarizer.schema import BriefDraft

DATASETS = ("seed", "crossing", "devpages", "scheme2-cases")  # distinct articles (no second annotations)


def _cpu_ms(sample: Sample, draft: BriefDraft) -> float:
    started = time.process_time_ns()
    found = check_draft(sample.article, draft)
    elapsed = (time.process_time_ns() - started) / 1e6
    assert not found, found  # a gold draft passes its own checks
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    samples = [sample for name in DATASETS for sample in load_dataset(name).samples]
    drafts = [gold_draft(sample.gold) for sample in samples]
    print(f"meaning checks on a stream: {machine()}")
    print(f"  {'article':<28} {'claims':>6} {'repeat':>8} {'stream':>8} {'cold':>8}   (CPU ms per draft, median)")
    totals: dict[str, list[float]] = {"repeat": [], "stream": [], "cold": []}
    for i, (sample, draft) in enumerate(zip(samples, drafts, strict=True)):
        times: dict[str, list[float]] = {name: [] for name in totals}
        for _ in range(args.rounds):
            forget_texts(words=True)
            times["cold"].append(_cpu_ms(sample, draft))
            forget_texts(words=True)
            for j, (other, other_draft) in enumerate(zip(samples, drafts, strict=True)):
                if j != i:
                    check_draft(other.article, other_draft)
            forget_texts()
            times["stream"].append(_cpu_ms(sample, draft))
            forget_texts()
            times["repeat"].append(_cpu_ms(sample, draft))
        medians = {name: statistics.median(values) for name, values in times.items()}
        for name, value in medians.items():
            totals[name].append(value)
        print(f"  {sample.id[:28]:<28} {len(draft.claims):>6} {medians['repeat']:8.2f} {medians['stream']:8.2f} "
              f"{medians['cold']:8.2f}")
    means = {name: statistics.mean(values) for name, values in totals.items()}
    print(f"  {'mean of the articles':<28} {'':>6} {means['repeat']:8.2f} {means['stream']:8.2f} {means['cold']:8.2f}")
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
