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
from summarizer.provider import llm as _warm_provider  # noqa: F401  (see below)
from summarizer.testing.fake_openai import Step

from ..helpers import TEST_KEY, config_for

# `_warm_provider` is imported at collection so the first test's time bound measures the call,
# not a cold import of openai and instructor (seconds on a busy machine; the deadline starts
# at the call).
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


# The async client has its own transport (aiohttp, see `transport.make_async_client`): every fault
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


# --- the scripted server's slow-drip and non-JSON steps (issue 15) ------------------------


def test_the_drip_step_sends_headers_at_once_then_one_byte_at_a_time(fake_openai, step):
    import http.client

    with fake_openai([step.drip(0.2)]) as server:
        host, port = server.base_url.split("//")[1].split("/")[0].split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        connection.request("POST", "/v1/chat/completions", body=b"{}", headers={"content-type": "application/json"})
        response = connection.getresponse()
        assert response.status == 200 and int(response.headers["content-length"]) > 100
        started = time.monotonic()
        first = response.read(3)
        assert first == b'{"i' and time.monotonic() - started >= 0.4  # three bytes, 0.2 s apart at least
        connection.close()


def test_the_text_step_answers_with_a_body_that_is_not_json(fake_openai, step):
    import urllib.request

    with fake_openai([step.text("<html>502 Bad Gateway</html>")]) as server:
        request = urllib.request.Request(f"{server.base_url}/chat/completions", data=b"{}", method="POST")
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers["content-type"] == "text/html"
            assert response.read() == b"<html>502 Bad Gateway</html>"


# --- one wall-clock deadline per article, on every path (issue 15, item 1) -----------------

SLOW_DEADLINE = 2.0  # the article's deadline in these tests
SLOW_BOUND = 30.0  # generous: a loaded machine may be slow, but never 15 times the deadline


def _warm(config, text):
    """Import and prepare once, so the timing below is the call's, not the first import's."""
    from summarizer.pipeline import prepare

    prepare(text, config)


def _slow_drip_sync(config, text, tmp_path):
    with Summarizer(config) as summarizer:
        summarizer.summarize(text)


def _slow_drip_async(config, text, tmp_path):
    async def run():
        async with Summarizer(config) as summarizer:
            await summarizer.asummarize(text)

    asyncio.run(run())


def _slow_drip_batch(config, text, tmp_path):
    from summarizer.batch.engine import summarize_many
    from summarizer.batch.inputs import SourceArticle

    async def run():
        async with Summarizer(config) as summarizer:
            return [r async for r in summarize_many([SourceArticle("a", text)], summarizer)]

    [result] = asyncio.run(run())
    raise result.error


def _slow_drip_download(config, text, tmp_path):
    from summarizer.batch import batch_api

    batch_api.download(config, "file-slow", tmp_path / "output.jsonl")


@pytest.mark.parametrize("path", ["sync", "async", "batch", "batch-api-download"])
def test_a_slow_drip_body_ends_at_the_article_deadline_on_every_path(path, fake_openai, step, seed_text, tmp_path):
    run = {"sync": _slow_drip_sync, "async": _slow_drip_async, "batch": _slow_drip_batch,
           "batch-api-download": _slow_drip_download}[path]
    with fake_openai([step.drip(2.0)], download_drip=2.0) as server:
        server.files["file-slow"] = {"id": "file-slow", "_content": b'{"custom_id": "a"}\n' * 50}
        config = config_for(server, request_timeout=60.0, deadline=SLOW_DEADLINE)
        _warm(config, seed_text)
        started = time.monotonic()
        with pytest.raises(errors.ProviderTimeoutError) as info:
            run(config, seed_text, tmp_path)
        elapsed = time.monotonic() - started
    assert elapsed < SLOW_BOUND, f"{path} took {elapsed:.1f}s for a {SLOW_DEADLINE:g}s deadline"
    assert "2s deadline" in str(info.value) and "60s" not in str(info.value)
    assert not (tmp_path / "output.jsonl").exists()  # no partial download left behind


def test_brief_command_stops_a_slow_drip_at_its_deadline(fake_openai, step, tmp_path):
    from ..helpers import SEED_PATH, assert_one_line_error, endpoint_env, run_cli

    with fake_openai([step.drip(2.0)]) as server:
        started = time.monotonic()
        result = run_cli("brief", str(SEED_PATH), "--deadline", "2", env=endpoint_env(server))
        elapsed = time.monotonic() - started
    assert_one_line_error(result, 4, "within the 2s deadline")
    assert elapsed < SLOW_BOUND + 15  # a fresh interpreter imports everything first


@pytest.mark.parametrize(
    ("request_timeout", "deadline", "says"),
    [(60.0, 2.0, "within the 2s deadline"), (0.5, 10.0, "within 0.5s per request")],
    ids=["deadline-binds", "request-timeout-binds"],
)
def test_timeout_messages_state_the_limit_that_was_reached(fake_openai, step, seed_text, request_timeout, deadline,
                                                           says):
    with fake_openai([step.hang(4.0)]) as server:
        config = config_for(server, request_timeout=request_timeout, deadline=deadline, max_transport_attempts=1)
        with pytest.raises(errors.ProviderTimeoutError, match=says) as info:
            _summarize(config, None, seed_text, "sync")
    assert "60s" not in str(info.value) or request_timeout == 60.0 and "deadline" in str(info.value)


# --- answers that are not JSON, keys echoed in disguise, tokens of failed articles (items 6, 8) ---


@pytest.mark.parametrize("client", ["sync", "async"])
@pytest.mark.parametrize(
    "body",
    [("<html><body>502 Bad Gateway</body></html>", "text/html"), ("not json at all", "application/json")],
    ids=["html-page", "invalid-json"],
)
def test_a_body_that_is_not_json_is_reported_as_such_after_one_request(fake_openai, step, seed_text, body, client):
    text, content_type = body
    with fake_openai([step.text(text, content_type=content_type)]) as server:
        with pytest.raises(errors.InvalidResponseError, match="not a JSON chat completion") as info:
            _summarize(config_for(server), None, seed_text, client)
        assert server.calls == 1
    assert "0 answers" not in str(info.value)


ECHOES = {
    "upper case": lambda key: key.upper(),
    "lower case": lambda key: key.lower(),
    "truncated": lambda key: key[:14] + "****",
    "masked middle": lambda key: key[:6] + "…" + key[-10:],
}


@pytest.mark.parametrize("echo", list(ECHOES), ids=list(ECHOES))
@pytest.mark.parametrize("key", [TEST_KEY, "Zq7XbN2kLm9PwR4tYv8HcJ3dFs6G"], ids=["sk-prefixed", "no-prefix"])
def test_an_echoed_key_is_redacted_in_any_case_and_truncated(fake_openai, step, seed_text, echo, key):
    shown = ECHOES[echo](key)
    body = {"error": {"message": f"Incorrect API key provided: {shown}. Token 9fK2mQ7xL4pR8sT1vW6yZ3bN0cD5 rejected"}}
    with fake_openai([step.error(400, body)]) as server:
        config = config_for(server, api_key=key)
        with pytest.raises(errors.RequestRejectedError) as info:
            _summarize(config, None, seed_text, "sync")
    message = f"{info.value} {errors.describe(info.value)}"
    for piece in (shown, key, key.lower(), key.upper(), key[-10:], "9fK2mQ7xL4pR8sT1vW6yZ3bN0cD5"):
        assert piece not in message, f"{piece!r} leaked: {message}"
    assert "[redacted]" in message


@pytest.mark.parametrize("client", ["sync", "async"])
def test_a_failed_article_still_reports_the_tokens_it_used(fake_openai, step, seed_draft, seed_text, client):
    truncated = json.dumps(seed_draft, ensure_ascii=False)[:300]  # each answer reports 900 + 600 tokens
    with fake_openai([step.content(truncated)]) as server:
        with pytest.raises(errors.InvalidOutputError) as info:
            _summarize(config_for(server), None, seed_text, client)
        assert server.calls == 3
    assert info.value.usage == {"prompt_tokens": 2700, "completion_tokens": 1800, "total_tokens": 4500}
    assert errors.describe(info.value)["usage"] == info.value.usage
