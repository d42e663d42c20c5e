"""Every provider fault kind, injected over real HTTP: success after retries or a typed error, in bounded time.

The table below is the single source of the README's reliability figures: each row states
the scripted fault, the expected outcome, how many HTTP requests it may take and the bound.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass
from typing import Any

import pytest

from summarizer import errors
from summarizer.cache import BriefCache, cache_key
from summarizer.pipeline import Summarizer
from summarizer.testing.fake_openai import Step

from ..helpers import TEST_KEY, config_for

REQUEST_TIMEOUT = 0.5
DEADLINE = 4.0


def _raw_choice(**choice: Any) -> dict[str, Any]:
    return {"id": "x", "object": "chat.completion", "created": 1, "model": "m", "choices": [choice]}


def _refusal() -> dict[str, Any]:
    message = {"role": "assistant", "content": None, "refusal": "I can't help with that."}
    return _raw_choice(index=0, finish_reason="stop", message=message)


@dataclass(frozen=True)
class Fault:
    name: str
    script: tuple[str, ...]  # names resolved against the draft at test time
    outcome: type[Exception] | None  # None: success
    requests: int
    retryable: bool | None = None


FAULTS = [
    Fault("429 with Retry-After", ("429-ra", "ok"), None, 2),
    Fault("429 without Retry-After", ("429", "ok"), None, 2),
    Fault("429 every time", ("429",), errors.RateLimitedError, 4, retryable=True),
    Fault("500", ("500", "ok"), None, 2),
    Fault("502", ("502", "ok"), None, 2),
    Fault("503 every time", ("503",), errors.ProviderUnavailableError, 4, retryable=True),
    Fault("connection reset", ("reset", "ok"), None, 2),
    Fault("connection reset every time", ("reset",), errors.ProviderUnavailableError, 4, retryable=True),
    Fault("response stalls mid-body", ("stall", "ok"), None, 2),
    Fault("no answer at all", ("hang",), errors.ProviderTimeoutError, 4, retryable=True),
    Fault("truncated JSON", ("truncated",), errors.InvalidOutputError, 3),
    Fault("malformed JSON then valid", ("malformed", "ok"), None, 2),
    Fault("empty choices", ("empty",), errors.EmptyResponseError, 1),
    Fault("refusal", ("refusal",), errors.RefusalError, 1),
    Fault("finish_reason length", ("length",), errors.TruncatedOutputError, 1),
    Fault("finish_reason content_filter", ("filter",), errors.ContentFilteredError, 1),
    Fault("401", ("401",), errors.AuthenticationFailedError, 1, retryable=False),
    Fault("400", ("400",), errors.RequestRejectedError, 1, retryable=False),
    Fault("400 context length", ("400-context",), errors.ContextLengthExceededError, 1, retryable=False),
]


def _step(name: str, draft: dict[str, Any]) -> Step:
    text = json.dumps(draft, ensure_ascii=False)
    echo_key = {"error": {"message": f"Incorrect API key provided: {TEST_KEY}", "type": "invalid_request_error"}}
    steps = {
        "ok": Step.brief(draft),
        "429-ra": Step.error(429, headers={"retry-after": "1"}),
        "429": Step.error(429),
        "500": Step.error(500),
        "502": Step.error(502),
        "503": Step.error(503),
        "reset": Step.reset(),
        "stall": Step.stall_mid_body(REQUEST_TIMEOUT * 4),
        "hang": Step.hang(DEADLINE * 2),
        "truncated": Step.content(text[: len(text) // 2]),
        "malformed": Step.content("{'headline': not json"),
        "empty": Step.raw({"id": "x", "object": "chat.completion", "created": 1, "model": "m", "choices": []}),
        "refusal": Step.raw(_refusal()),
        "length": Step.content(text[:200], finish_reason="length"),
        "filter": Step.content(None, finish_reason="content_filter"),
        "401": Step.error(401, echo_key),
        "400": Step.error(400, {"error": {"message": f"bad request from key {TEST_KEY}"}}),
        "400-context": Step.error(
            400, {"error": {"message": "This model's maximum context length is 8192 tokens", "code": "context_length_exceeded"}}
        ),
    }
    return steps[name]


@pytest.fixture
def capture_everything(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


# The async client has its own transport (aiohttp, see `llm.make_async_client`): every fault
# that the transport sees, rather than instructor, runs through it too.
TRANSPORT_FAULTS = {"429 with Retry-After", "429 every time", "503 every time", "connection reset",
                    "connection reset every time", "response stalls mid-body", "no answer at all", "401"}
CASES = [pytest.param(f, "sync", id=f.name) for f in FAULTS] + [
    pytest.param(f, "async", id=f"{f.name} (async)") for f in FAULTS if f.name in TRANSPORT_FAULTS
]


def _summarize(config, cache, text, client):
    if client == "sync":
        with Summarizer(config, cache=cache) as summarizer:
            return summarizer.summarize(text)

    async def run():
        async with Summarizer(config, cache=cache) as summarizer:
            return await summarizer.asummarize(text)

    return asyncio.run(run())


@pytest.mark.parametrize(("fault", "client"), CASES)
def test_fault_ends_in_success_or_a_typed_error_within_the_deadline(
    fault, client, fake_openai, seed_text, seed_draft, tmp_path, capture_everything, capsys
):
    script = [_step(name, seed_draft) for name in fault.script]
    cache = BriefCache(tmp_path / "cache")
    with fake_openai(script) as server:
        config = config_for(server, request_timeout=REQUEST_TIMEOUT, deadline=DEADLINE, mode="json_schema")
        started = time.monotonic()
        outcome: Any
        try:
            outcome = _summarize(config, cache, seed_text, client)
        except errors.SummarizerError as exc:
            outcome = exc
        elapsed = time.monotonic() - started

    assert elapsed < DEADLINE + 1.5, f"{fault.name} took {elapsed:.1f}s"
    assert server.calls == fault.requests
    if fault.outcome is None:
        assert outcome.metadata.transport_attempts == fault.requests
        written = outcome.model_dump_json()
    else:
        assert type(outcome) is fault.outcome, f"{fault.name}: got {type(outcome).__name__}: {outcome}"
        assert "\n" not in str(outcome)  # one line for the CLI
        assert outcome.attempts == fault.requests
        if fault.retryable is not None:
            assert outcome.retryable is fault.retryable
        written = f"{outcome} {errors.describe(outcome)} {getattr(outcome, 'raw_output', '')}"

    # The key never leaks: not in the result, the error, the logs, the terminal or the cache.
    captured = capsys.readouterr()
    cache_files = " ".join(p.read_text(encoding="utf-8") + p.name for p in tmp_path.rglob("*") if p.is_file())
    key = cache_key(config, "p", "a" * 64)
    for place in (written, capture_everything.text, captured.out, captured.err, cache_files, key, repr(config)):
        assert TEST_KEY not in place
    # ...although the scripted server really received it, so the sentinel is live.
    assert any(TEST_KEY in v for h in server.headers for k, v in h.items() if k.lower() == "authorization")


def test_retryable_and_non_retryable_faults_are_told_apart():
    retryable = {f.name for f in FAULTS if f.retryable}
    final = {f.name for f in FAULTS if f.retryable is False}
    assert retryable == {"429 every time", "503 every time", "connection reset every time", "no answer at all"}
    assert final == {"401", "400", "400 context length"}
