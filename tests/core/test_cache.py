"""The brief cache: a second summarize of the same article makes no call; the key never holds the key."""

from __future__ import annotations

from summarizer.cache import BriefCache, cache_key
from summarizer.pipeline import Summarizer
from summarizer.schema import Brief

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
    assert cache.get(key, "نص") is None


def test_embedded_model_cache_key_ignores_its_random_port(fake_openai):
    with fake_openai([]) as server:
        config = config_for(server, provider="embedded")
    other_port = config.with_overrides(base_url="http://127.0.0.1:1/v1")
    assert cache_key(config, "p1", "a" * 64) == cache_key(other_port, "p1", "a" * 64)


# --- cache entries are checked, and a broken cache never fails an article (issue 15, item 5) ---


def _entries(root):
    return sorted(p for p in root.rglob("*.json"))


def _edit(path, change):
    import json

    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_a_cache_entry_with_edited_offsets_is_a_logged_miss(tmp_path, fake_openai, step, seed_text, seed_draft,
                                                            caplog):
    def shift(brief):
        brief["claims"][0]["evidence"][0]["start"] += 2
        brief["claims"][0]["evidence"][0]["end"] += 2

    with fake_openai([step.brief(seed_draft)]) as server:
        with Summarizer(config_for(server), cache=BriefCache(tmp_path)) as summarizer:
            first = summarizer.summarize(seed_text)
            [entry] = _entries(tmp_path)
            _edit(entry, shift)
            second = summarizer.summarize(seed_text)
        assert server.calls == 2
    assert second.claims == first.claims
    assert "does not fit its article" in caplog.text and "C1.1" in caplog.text


def test_a_cache_entry_holding_another_articles_brief_is_a_logged_miss(tmp_path, fake_openai, step, seed_text,
                                                                       seed_draft, caplog):
    other_text = seed_text + "\n"
    with fake_openai([step.brief(seed_draft)]) as server:
        with Summarizer(config_for(server), cache=BriefCache(tmp_path)) as summarizer:
            summarizer.summarize(seed_text)
            [entry] = _entries(tmp_path)
            from summarizer.pipeline import prepare

            key = cache_key(summarizer.config, prepare(other_text, summarizer.config).prompt.version,
                            prepare(other_text, summarizer.config).sha256)
            target = tmp_path / key[:2] / f"{key}.json"
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(entry.read_bytes())  # the seed's brief filed under the other article
            brief = summarizer.summarize(other_text)
        assert server.calls == 2
    assert brief.metadata.input_sha256 != BriefCache(tmp_path).get(entry.stem, seed_text).metadata.input_sha256
    assert "sha256" in caplog.text


def test_an_unwritable_cache_degrades_to_no_cache_with_one_warning(tmp_path, fake_openai, step, seed_text,
                                                                  seed_draft, caplog):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")  # fails even for root
    texts = [seed_text + " " * i for i in range(3)]
    with fake_openai([step.brief(seed_draft)]) as server:
        with Summarizer(config_for(server), cache=BriefCache(blocked)) as summarizer:
            briefs = [summarizer.summarize(text) for text in texts]
        assert server.calls == 3
    assert all(b.claims for b in briefs)
    warnings = [r for r in caplog.records if r.levelname == "WARNING" and "cache" in r.getMessage()]
    assert len(warnings) == 1 and "without" in warnings[0].getMessage()


def test_async_cache_entry_is_whole_when_the_call_returns_without_waiting_for_the_disk_and_fsynced_at_close(
    tmp_path, fake_openai, step, seed_text, seed_draft, monkeypatch
):
    import asyncio
    import os
    import threading

    fsynced: list[str] = []
    release = threading.Event()
    real_fsync = os.fsync

    def fsync(fd: int) -> None:  # a slow disk: every fsync waits until the test releases it
        release.wait(30)
        fsynced.append(os.path.realpath(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)

    async def run() -> tuple[list[Brief], list[str]]:
        async with Summarizer(config_for(server), cache=BriefCache(tmp_path)) as summarizer:
            brief = await asyncio.wait_for(summarizer.asummarize(seed_text), 20)  # hangs if it waited for fsync
            at_return = [Brief.model_validate_json(p.read_bytes()) for p in tmp_path.glob("*/*.json")]
            assert at_return == [brief]  # whole and named before any fsync finished
            release.set()
        return at_return, list(fsynced)

    with fake_openai([step.brief(seed_draft)]) as server:
        _, at_close = asyncio.run(run())
    [entry] = tmp_path.glob("*/*.json")
    assert at_close == [os.path.realpath(entry)]
