"""Shared fixtures: the seed article, a valid draft of it, and the scripted HTTP endpoint."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from summarizer.config import OutputMode, ProviderConfig
from summarizer.fake_openai import FakeOpenAI, Step
from summarizer.grounding import ground, response_model_for
from summarizer.schema import Brief
from summarizer.segment import Article, segment

ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = ROOT / "seeds" / "000_6e43a06edc57ceb0.txt"
SEED_SHA256 = "5a19e8d5d208cd6f3e98d73feb25a835f5dc695a31489c443f48f7caa6016f3a"
TEST_KEY = "sk-test-SENTINEL-0123456789abcdef"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_article(seed_text: str) -> Article:
    return segment(seed_text)


@pytest.fixture
def seed_draft() -> dict[str, Any]:
    """A hand-written, valid, grounded draft of the seed (a fresh copy per test)."""
    return copy.deepcopy(json.loads((ROOT / "tests" / "fixtures" / "seed_draft.json").read_text(encoding="utf-8")))


@pytest.fixture
def seed_brief(seed_article: Article, seed_draft: dict[str, Any]) -> Brief:
    """The seed draft validated and grounded as the pipeline does it (no metadata)."""
    draft = response_model_for(seed_article).model_validate(seed_draft)
    return ground(seed_article, draft)


@pytest.fixture
def fake_openai() -> Callable[..., AbstractContextManager[FakeOpenAI]]:
    """Start a scripted OpenAI-compatible server on 127.0.0.1: `with fake_openai([...]) as s:`."""
    return FakeOpenAI


def config_for(server: FakeOpenAI, **overrides: Any) -> ProviderConfig:
    """A config pointing at the fake server with short, test-friendly limits."""
    base = ProviderConfig(
        model="fake-model",
        base_url=server.base_url,
        api_key=TEST_KEY,
        mode=OutputMode.TOOLS,
        request_timeout=2.0,
        deadline=10.0,
        max_reasks=2,
        max_transport_attempts=4,
        backoff_initial=0.05,
    )
    return base.with_overrides(**overrides)


@pytest.fixture
def step() -> type[Step]:
    return Step


@pytest.fixture
def no_endpoint_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_MODEL"):
        monkeypatch.delenv(name, raising=False)
    yield
