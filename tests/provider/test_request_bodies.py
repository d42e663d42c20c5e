"""The requests we send are a contract: refactoring the provider layer changes none of their bytes."""

from __future__ import annotations

import json

import pytest

from ..helpers import FIXTURES
from .request_bodies import CASES, GOLDEN, capture

RECORDED = sorted(p.stem for p in GOLDEN.glob("*.json"))


@pytest.fixture(scope="module")
def sent() -> dict[str, bytes]:
    return capture(json.loads((FIXTURES / "seed_draft.json").read_text(encoding="utf-8")))


def test_every_case_has_a_recorded_body(sent):
    assert RECORDED == sorted(name for name in sent if not name.endswith(".async"))


@pytest.mark.parametrize("name", RECORDED)
def test_each_request_is_byte_identical_to_the_recorded_one(sent, name):
    assert sent[name] == (GOLDEN / f"{name}.json").read_bytes(), (
        f"{name}: the request changed; if that is meant, regenerate with python -m tests.provider.request_bodies"
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_async_path_sends_what_the_sync_path_sends(sent, case):
    assert sent[f"{case}.async"] == sent[f"{case}.live"]
