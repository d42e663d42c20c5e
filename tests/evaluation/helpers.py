"""Helpers for the eval tests."""

from __future__ import annotations

from summarizer.evaluation.dataset import Sample
from summarizer.evaluation.scorers import score_brief
from summarizer.schema import Brief


def values(sample: Sample, brief: Brief | None, failure: str | None = None) -> dict[str, float | None]:
    return {name: score.value for name, score in score_brief(sample, brief, failure).items()}
