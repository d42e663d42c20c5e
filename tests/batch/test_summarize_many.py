"""The async engine: bounded concurrency, every article ends as a result, failures stay local."""

from __future__ import annotations

import asyncio
import threading

import pytest

from summarizer.batch.engine import summarize_many
from summarizer.batch.inputs import SourceArticle, open_input
from summarizer.cache import BriefCache
from summarizer.errors import EmptyArticleError, GroundingError, RequestRejectedError
from summarizer.pipeline import Summarizer

from ..helpers import config_for
from .helpers import OTHER_STORY, write_folder, write_jsonl


def _collect(articles, summarizer, **options):
    async def go():
        async with summarizer:
            return [r async for r in summarize_many(articles, summarizer, **options)]

    return asyncio.run(go())


def test_every_article_of_a_folder_ends_as_a_brief_with_one_call_each(
    tmp_path, fake_openai, step, seed_text, seed_draft
):
    folder = write_folder(tmp_path / "in", {f"a{i}": seed_text for i in range(6)})
    with fake_openai([step.brief(seed_draft)]) as server:
        results = _collect(open_input(folder), Summarizer(config_for(server)), concurrency=3)
        assert server.calls == 6
    assert sorted(r.id for r in results) == [f"a{i}" for i in range(6)]
    assert all(r.ok and not r.cached for r in results)
    assert all(r.brief.metadata.usage.completion_tokens == 600 for r in results)


def test_articles_of_a_jsonl_file_are_summarized_by_id(tmp_path, fake_openai, step, seed_text, seed_draft):
    source = write_jsonl(tmp_path / "in.jsonl", {"x": seed_text, "7": seed_text})
    with fake_openai([step.brief(seed_draft)]) as server:
        results = _collect(open_input(source), Summarizer(config_for(server)), concurrency=2)
    assert sorted(r.id for r in results) == ["7", "x"]
    assert all(r.ok for r in results)


def test_failing_articles_never_stop_the_others(tmp_path, fake_openai, step, seed_text, seed_draft):
    # Concurrency 1 makes the scripted order deterministic: ok, HTTP 400, then briefs.
    texts = {"a": seed_text, "b": seed_text, "c": OTHER_STORY, "d": "   ", "e": seed_text}
    folder = write_folder(tmp_path / "in", texts)
    script = [step.brief(seed_draft), step.error(400), step.brief(seed_draft)]
    with fake_openai(script) as server:
        summarizer = Summarizer(config_for(server, max_reasks=0))
        results = {r.id: r for r in _collect(open_input(folder), summarizer, concurrency=1)}
    assert results["a"].ok and results["e"].ok
    assert isinstance(results["b"].error, RequestRejectedError)
    assert isinstance(results["c"].error, GroundingError)  # the seed's brief is not grounded in another story
    assert isinstance(results["d"].error, EmptyArticleError)


def test_an_unexpected_exception_is_recorded_for_its_article_only(fake_openai, step, seed_text, seed_draft):
    class Exploding(Summarizer):
        async def asummarize_traced(self, text):
            if "BOOM" in text:
                raise RuntimeError("bug in a plugin")
            return await super().asummarize_traced(text)

    articles = [SourceArticle("ok", seed_text), SourceArticle("bad", seed_text + "\nBOOM")]
    with fake_openai([step.brief(seed_draft)]) as server:
        results = {r.id: r for r in _collect(articles, Exploding(config_for(server)))}
    assert results["ok"].ok
    assert isinstance(results["bad"].error, RuntimeError)


def test_no_more_than_concurrency_calls_are_in_flight(fake_openai, step, seed_text, seed_draft):
    in_flight = 0
    peak = 0
    lock = threading.Lock()

    class Counting(Summarizer):
        async def asummarize_traced(self, text):
            nonlocal in_flight, peak
            with lock:
                in_flight += 1
                peak = max(peak, in_flight)
            try:
                return await super().asummarize_traced(text)
            finally:
                with lock:
                    in_flight -= 1

    articles = (SourceArticle(f"a{i}", seed_text) for i in range(12))
    with fake_openai([step.brief(seed_draft, delay=0.05)]) as server:
        results = _collect(articles, Counting(config_for(server)), concurrency=4)
        assert server.calls == 12
    assert len(results) == 12
    assert peak == 4


def test_input_is_pulled_only_as_slots_free_up(fake_openai, step, seed_text, seed_draft):
    pulled = 0

    def articles():
        nonlocal pulled
        for i in range(50):
            pulled += 1
            yield SourceArticle(f"a{i}", seed_text)

    async def go(summarizer):
        async with summarizer:
            run = summarize_many(articles(), summarizer, concurrency=3)
            async for _ in run:
                return pulled  # after the first result

    # At most `concurrency` articles in flight plus `concurrency` finished results waiting.
    with fake_openai([step.brief(seed_draft)]) as server:
        assert asyncio.run(go(Summarizer(config_for(server)))) <= 2 * 3 + 1


def test_a_cache_hit_makes_zero_calls(tmp_path, fake_openai, step, seed_text, seed_draft):
    folder = write_folder(tmp_path / "in", {"a": seed_text, "b": seed_text + "\n"})
    cache = BriefCache(tmp_path / "cache")
    with fake_openai([step.brief(seed_draft)]) as server:
        first = _collect(open_input(folder), Summarizer(config_for(server), cache=cache), concurrency=1)
        calls = server.calls
        second = _collect(open_input(folder), Summarizer(config_for(server), cache=cache), concurrency=2)
        assert server.calls == calls == 2
    assert not any(r.cached for r in first)
    assert all(r.cached and r.ok for r in second)
    assert all(r.usage.total_tokens == 0 for r in second)


def test_an_input_that_fails_mid_run_stops_the_batch_instead_of_hanging(fake_openai, step, seed_text, seed_draft):
    def articles():
        yield SourceArticle("a", seed_text)
        raise OSError("the input disk went away")

    with fake_openai([step.brief(seed_draft)]) as server:
        with pytest.raises(OSError, match="disk went away"):
            _collect(articles(), Summarizer(config_for(server)), concurrency=2)
