"""Shared fixtures: the seed article, a valid draft of it, and the scripted HTTP endpoint."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest

from summarizer.grounding import Grounding, ground
from summarizer.schema import Brief
from summarizer.segment import Article, segment
from summarizer.testing.fake_openai import FakeOpenAI, Step

from .helpers import FIXTURES, SEED_PATH


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_article(seed_text: str) -> Article:
    return segment(seed_text)


@pytest.fixture
def seed_draft() -> dict[str, Any]:
    """A hand-written, valid, grounded draft of the seed (a fresh copy per test)."""
    return copy.deepcopy(json.loads((FIXTURES / "seed_draft.json").read_text(encoding="utf-8")))


@pytest.fixture
def seed_brief(seed_article: Article, seed_draft: dict[str, Any]) -> Brief:
    """The seed draft validated and grounded as the pipeline does it (no metadata)."""
    grounding = Grounding(seed_article)
    return ground(grounding, grounding.validate(seed_draft))


@pytest.fixture
def fake_openai() -> Callable[..., AbstractContextManager[FakeOpenAI]]:
    """Start a scripted OpenAI-compatible server on 127.0.0.1: `with fake_openai([...]) as s:`."""
    return FakeOpenAI


@pytest.fixture
def step() -> type[Step]:
    return Step


@pytest.fixture
def no_endpoint_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_MODEL"):
        monkeypatch.delenv(name, raising=False)
    yield
