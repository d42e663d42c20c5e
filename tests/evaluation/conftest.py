"""Fixtures for the eval harness: the seed sample (loaded once) and fresh copies of its gold brief."""

from __future__ import annotations

import pytest

from summarizer.evaluation.dataset import Sample, load_dataset
from summarizer.schema import Brief


@pytest.fixture(scope="session")
def seed_sample() -> Sample:
    return load_dataset("seed").samples[0]


@pytest.fixture
def gold_brief(seed_sample: Sample) -> Brief:
    """A deep copy of the seed's gold brief, free to mutate."""
    return seed_sample.gold_brief.model_copy(deep=True)
