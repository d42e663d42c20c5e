"""The whole pipeline over real HTTP: the real openai client against the scripted endpoint."""

from __future__ import annotations

import asyncio
import time

import pytest

from summarizer import GroundingError, InvalidOutputError, ProviderTimeoutError, asummarize, summarize
from summarizer.config import OutputMode
from summarizer.pipeline import Summarizer

from ..helpers import config_for


def _summarize(server, text, **overrides):
    with Summarizer(config_for(server, **overrides)) as summarizer:
        return summarizer.summarize(text)


def test_valid_brief_comes_back_grounded_with_metadata(fake_openai, step, seed_text, seed_article, seed_draft):
    with fake_openai([step.brief(seed_draft)]) as server:
        brief = _summarize(server, seed_text)
    assert server.calls == 1
    for claim in brief.claims:
        for span in claim.evidence:
            assert seed_text[span.start : span.end] == span.quote
    meta = brief.metadata
    assert meta is not None
    assert (meta.model, meta.transport_attempts, meta.reasks) == ("fake-model", 1, 0)
    assert meta.endpoint_host.startswith("127.0.0.1:")
    assert meta.input_sha256 == seed_article.sha256
    assert meta.usage.total_tokens == 1500
    assert meta.detected_language == "ar"
    assert len(meta.prompt_version) == 12


def test_quote_missing_from_article_is_reasked_and_the_corrected_answer_accepted(
    fake_openai, step, seed_text, seed_draft
):
    bad = {**seed_draft, "claims": [dict(seed_draft["claims"][0])] + seed_draft["claims"][1:]}
    bad["claims"][0] = {**bad["claims"][0], "evidence": [{"sentence_id": "S1", "quote": "اجتماع سري في لندن"}]}
    with fake_openai([step.brief(bad), step.brief(seed_draft)]) as server:
        brief = _summarize(server, seed_text)
    assert server.calls == 2
    assert brief.metadata.reasks == 1
    reask = server.requests[1]["messages"]
    assert "اجتماع سري في لندن" in str(reask[-1]["content"])
    assert "not in sentence S1" in str(reask[-1]["content"])


def test_output_that_never_grounds_ends_in_a_typed_error_after_the_reask_bound(
    fake_openai, step, seed_text, seed_draft
):
    seed_draft["claims"][0]["evidence"][0]["quote"] = "اجتماع سري في لندن"
    with fake_openai([step.brief(seed_draft)]) as server:
        with pytest.raises(GroundingError) as info:
            _summarize(server, seed_text, max_reasks=2)
    assert server.calls == 3
    assert info.value.attempts == 3
    assert any("اجتماع سري في لندن" in p for p in info.value.problems)
    assert "اجتماع سري في لندن" in (info.value.raw_output or "")


def test_429_with_retry_after_is_honoured_then_succeeds(fake_openai, step, seed_text, seed_draft):
    with fake_openai([step.error(429, headers={"retry-after": "1"}), step.brief(seed_draft)]) as server:
        started = time.monotonic()
        brief = _summarize(server, seed_text)
        elapsed = time.monotonic() - started
    assert server.calls == 2
    assert elapsed >= 1.0
    assert brief.metadata.transport_attempts == 2
    assert brief.metadata.reasks == 0  # a rate limit is never shown to the model as a failed answer
    assert all("429" not in str(m["content"]) for m in server.requests[1]["messages"])


def test_500_is_retried_then_succeeds(fake_openai, step, seed_text, seed_draft):
    with fake_openai([step.error(500), step.brief(seed_draft)]) as server:
        brief = _summarize(server, seed_text)
    assert (server.calls, brief.metadata.transport_attempts) == (2, 2)


def test_hanging_endpoint_times_out_within_the_article_deadline(fake_openai, step, seed_text):
    with fake_openai([step.hang(30)]) as server:
        started = time.monotonic()
        with pytest.raises(ProviderTimeoutError):
            _summarize(server, seed_text, request_timeout=0.5, deadline=3.0)
        assert time.monotonic() - started < 3.0 + 1.0


def test_malformed_json_is_reasked_then_accepted(fake_openai, step, seed_text, seed_draft):
    with fake_openai([step.content('{"headline": {"ar": '), step.brief(seed_draft)]) as server:
        brief = _summarize(server, seed_text, mode=OutputMode.JSON_SCHEMA)
    assert server.calls == 2 and brief.metadata.reasks == 1


def test_malformed_json_every_time_ends_in_invalid_output_error(fake_openai, step, seed_text):
    with fake_openai([step.content("not json at all")]) as server:
        with pytest.raises(InvalidOutputError, match="no valid brief after 3 answers"):
            _summarize(server, seed_text, mode=OutputMode.JSON_SCHEMA)


@pytest.mark.parametrize("mode", list(OutputMode))
def test_each_structured_output_mode_sends_the_schema_its_way(fake_openai, step, seed_text, seed_draft, mode):
    with fake_openai([step.brief(seed_draft)]) as server:
        brief = _summarize(server, seed_text, mode=mode)
    request = server.requests[0]
    assert len(brief.claims) == len(seed_draft["claims"])
    if mode is OutputMode.TOOLS:
        assert request["tools"][0]["function"]["parameters"]["properties"]["claims"]
    elif mode is OutputMode.JSON_SCHEMA:
        assert request["response_format"]["type"] == "json_schema"
    else:
        assert request["response_format"]["type"] == "json_object"
        assert request["response_format"]["schema"]["properties"]["claims"]


def test_request_carries_the_article_only_inside_its_delimiters(fake_openai, step, seed_text, seed_article, seed_draft):
    with fake_openai([step.brief(seed_draft)]) as server:
        _summarize(server, seed_text)
    user = server.requests[0]["messages"][-1]["content"]
    boundary = seed_article.sha256[:16]
    inside = user.split(f"<article-{boundary}>")[1].split(f"</article-{boundary}>")[0]
    assert "[S2] وذكر المصدر" in inside
    assert "مواضيع مشابهة" not in user  # related-article lines never reach the model


def test_summarize_function_resolves_the_endpoint_from_arguments(fake_openai, step, seed_text, seed_draft):
    with fake_openai([step.brief(seed_draft)]) as server:
        brief = summarize(seed_text, base_url=server.base_url, api_key="sk-test-key-123456", model="m1")
    assert brief.metadata.model == "m1"


def test_asummarize_runs_the_same_pipeline_on_the_async_client(fake_openai, step, seed_text, seed_draft):
    with fake_openai([step.error(503), step.brief(seed_draft)]) as server:
        brief = asyncio.run(asummarize(seed_text, config=config_for(server)))
    assert brief.metadata.transport_attempts == 2
    assert [c.id for c in brief.claims][:2] == ["C1", "C2"]


def test_grammar_bounds_reach_the_decoder_schema_but_not_validation(fake_openai, step, seed_text, seed_draft):
    with fake_openai([step.brief(seed_draft)]) as server:
        brief = _summarize(server, seed_text, mode=OutputMode.JSON, grammar_max_string=24, grammar_max_items=3)
    schema = server.requests[0]["response_format"]["schema"]
    assert schema["$defs"]["Bilingual"]["properties"]["ar"]["maxLength"] == 24
    assert schema["properties"]["claims"]["maxItems"] == 3
    assert schema["$defs"]["Summary"]["properties"]["ar"]["maxItems"] == 3  # never below minItems (3)
    assert "maxLength" not in schema["$defs"]["Quote"]["properties"]["sentence_id"]  # enums stay as they are
    assert len(brief.claims) == len(seed_draft["claims"]) > 3  # validation itself is not bounded
    assert len(brief.headline.ar) > 24
