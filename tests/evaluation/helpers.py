"""Helpers for the eval tests: scores of a brief, the two datasets' samples, the gates a brief fails."""

from __future__ import annotations

import re
from functools import cache

from summarizer.evaluation.baseline import baseline_brief
from summarizer.evaluation.dataset import Sample, load_dataset
from summarizer.evaluation.log import MetricSummary, ThresholdCheck
from summarizer.evaluation.scorers import score_brief
from summarizer.evaluation.thresholds import check, load_thresholds
from summarizer.schema import Brief

DATASETS = ("seed", "crossing")


def claim_of(brief: Brief, ref: str):  # type: ignore[no-untyped-def]
    """A claim of a gold brief by its gold id (G7: claim 7) or by words of its Arabic statement,
    so that a test survives the gold being renumbered."""
    if re.fullmatch(r"G[1-9][0-9]*", ref):
        return brief.claims[int(ref[1:]) - 1]
    found = [c for c in brief.claims if ref in c.statement.ar]
    assert len(found) == 1, f"{len(found)} claims say {ref!r}"
    return found[0]


def values(sample: Sample, brief: Brief | None, failure: str | None = None) -> dict[str, float | None]:
    return {name: score.value for name, score in score_brief(sample, brief, failure).items()}


@cache
def sample_of(dataset: str) -> Sample:
    """The first sample of a dataset, loaded once."""
    return load_dataset(dataset).samples[0]


@cache
def _baseline_summary(dataset: str) -> dict[str, MetricSummary]:
    sample = sample_of(dataset)
    return _summary(values(sample, baseline_brief(sample.article)))


def _summary(scores: dict[str, float | None]) -> dict[str, MetricSummary]:
    return {
        name: MetricSummary(mean=value, scored=int(value is not None), unscored=int(value is None))
        for name, value in scores.items()
    }


def failed_gates(dataset: str, scores: dict[str, float | None], profile: str = "default") -> list[ThresholdCheck]:
    """The gates of `profile` that a one-sample run with these scores fails."""
    chosen = load_thresholds().profile(profile)
    return [c for c in check(chosen, _summary(scores), _baseline_summary(dataset)) if not c.passed]
