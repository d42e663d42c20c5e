"""Fixtures for the eval harness: the seed sample (loaded once) and fresh copies of its gold brief."""

from __future__ import annotations

import pytest

from summarizer.evaluation.dataset import Sample, load_dataset
from summarizer.evaluation.scorers import score_brief
from summarizer.schema import Brief


@pytest.fixture(scope="session")
def seed_sample() -> Sample:
    return load_dataset("seed").samples[0]


@pytest.fixture
def gold_brief(seed_sample: Sample) -> Brief:
    """A deep copy of the seed's gold brief, free to mutate."""
    return seed_sample.gold_brief.model_copy(deep=True)


def values(sample: Sample, brief: Brief | None, failure: str | None = None) -> dict[str, float | None]:
    return {name: score.value for name, score in score_brief(sample, brief, failure).items()}
