"""The brief cache: a second summarize of the same article makes no call; the key never holds the key."""

from __future__ import annotations

from summarizer.cache import BriefCache, cache_key
from summarizer.pipeline import Summarizer

from ..helpers import TEST_KEY, config_for


def test_second_summary_of_the_same_article_is_served_from_cache(tmp_path, fake_openai, step, seed_text, seed_draft):
    with fake_openai([step.brief(seed_draft)]) as server:
        with Summarizer(config_for(server), cache=BriefCache(tmp_path)) as summarizer:
            first = summarizer.summarize(seed_text)
            second = summarizer.summarize(seed_text)
        assert server.calls == 1
    assert second == first


def test_cache_key_changes_with_model_and_article_but_not_with_api_key(fake_openai):
    with fake_openai([]) as server:
        config = config_for(server)
    base = cache_key(config, "p1", "a" * 64)
    assert cache_key(config.with_overrides(api_key="sk-other-key-000000"), "p1", "a" * 64) == base
    assert cache_key(config.with_overrides(model="other"), "p1", "a" * 64) != base
    assert cache_key(config, "p1", "b" * 64) != base
    assert cache_key(config, "p2", "a" * 64) != base
    assert TEST_KEY not in base


def test_unreadable_cache_entry_is_a_miss(tmp_path):
    cache = BriefCache(tmp_path)
    key = "ab" + "0" * 62
    (tmp_path / "ab").mkdir()
    (tmp_path / "ab" / f"{key}.json").write_text("{not json", encoding="utf-8")
    assert cache.get(key) is None


def test_embedded_model_cache_key_ignores_its_random_port(fake_openai):
    with fake_openai([]) as server:
        config = config_for(server, provider="embedded")
    other_port = config.with_overrides(base_url="http://127.0.0.1:1/v1")
    assert cache_key(config, "p1", "a" * 64) == cache_key(other_port, "p1", "a" * 64)


def test_async_cache_write_runs_off_the_event_loop_and_is_on_disk_when_the_call_returns(
    tmp_path, fake_openai, step, seed_text, seed_draft, monkeypatch
):
    import asyncio
    import threading

    writers: list[threading.Thread] = []
    real_put = BriefCache.put

    def put(self, key, brief):  # noqa: ANN001 - the patched method
        writers.append(threading.current_thread())
        real_put(self, key, brief)

    monkeypatch.setattr(BriefCache, "put", put)

    async def run() -> bool:
        async with Summarizer(config_for(server), cache=BriefCache(tmp_path)) as summarizer:
            await summarizer.asummarize(seed_text)
            return list(tmp_path.glob("*/*.json")) != []

    with fake_openai([step.brief(seed_draft)]) as server:
        on_disk = asyncio.run(run())
    assert on_disk
    assert len(writers) == 1 and writers[0] is not threading.main_thread()
