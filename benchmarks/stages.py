"""Our own stages per article, one by one, without HTTP and without instructor.

Each stage runs on a fresh, distinct article (nothing carried over from another article) and
is timed in CPU time, so a busy machine slows the wall clock, not the figures:

    segment      check the text, split it into numbered sentences, classify each line
    prompt       render the system and user prompts (Jinja)
    request      what the request needs per article beyond the prompt (the article's grounding
                 state and its schema with the citable sentence IDs)
    parse        the answer's JSON into the draft, structure only (pydantic)
    grounding    the grounding validator: every quote found, no leakage, script checks
    meaning      the meaning checks (`summarizer.consistency.check_draft`), cold for every article
    finish       the draft grounded into a `Brief` with offsets, and its metadata
    record       the results-file line (`record_for`, `encode_record`)
    cache put    writing the brief to the disk cache as `summarizer batch` does (no fsync: a
                 worker thread fsyncs the entries every 2 s; only when the cache is on)

`total` is the whole chain as the pipeline runs it (`prepare`, the request body, validation
with the article as context, `finish`, the results line), timed as one: it includes what the split
cannot attribute (garbage collection of what a stage left behind) and is the figure the
goal is about: at most 1.5 ms per article on distinct gold-sized answers. The meaning checks
run cold for every article (`common.cold_meaning_checks`): the same answer is sent each time, and
their per-text caches would otherwise answer every article after the first. Their per-word caches
are kept, so they hold every word of the repeated answer: a lower bound for new articles, whose
names and rarer words are new (`words_cold` empties them too: the upper bound; `meaning_stream.py`
measures between the two).
"""

from __future__ import annotations

import functools
import gc
import statistics
import tempfile
import time
from collections.abc import Callable
from typing import Any

from common import cold_meaning_checks

from summarizer.article_input import check_text
from summarizer.batch.results import ArticleResult, encode_record, record_for
from summarizer.cache import BriefCache
from summarizer.config import OutputMode, ProviderConfig
from summarizer.consistency import check_draft, forget_texts
from summarizer.grounding import Grounding, problems
from summarizer.pipeline import finish, prepare
from summarizer.prompts import render
from summarizer.provider import llm, request, transport
from summarizer.schema import BriefDraft
from summarizer.segment import segment

STAGES = ("segment", "prompt", "request", "parse", "grounding", "meaning", "finish", "record")
GOAL_MS = 1.5


def config() -> ProviderConfig:
    return ProviderConfig(model="fake-model", base_url="http://127.0.0.1:9/v1", api_key="sk-bench",
                          mode=OutputMode.TOOLS)


def _cpu(function: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    started = time.process_time_ns()
    value = function(*args)
    return (time.process_time_ns() - started) / 1e6, value


def _segment(text: str) -> Any:
    return segment(check_text(text))


def _request(article: Any, prompt: Any, cfg: ProviderConfig) -> Any:
    grounding = Grounding(article)
    return grounding, request.brief_request(cfg, prompt, grounding)


def _validate(prepared: Any, arguments: str) -> Any:
    return request.BRIEF_MODEL.model_validate_json(arguments, context=prepared.grounding.context())


def _finish(prepared: Any, draft: Any, cfg: ProviderConfig) -> Any:
    return finish(prepared, llm.CallResult(draft=draft, stats=transport.CallStats(requests=1)), cfg)


def _record(article_id: str, brief: Any) -> bytes:
    return encode_record(record_for(ArticleResult(article_id, brief=brief)))


def _chain(text: str, arguments: str, cfg: ProviderConfig, article_id: str) -> Any:
    """The whole chain as the pipeline runs it, minus the HTTP call and instructor's parsing."""
    prepared = prepare(text, cfg)
    request.brief_request(cfg, prepared.prompt, prepared.grounding)
    brief = _finish(prepared, _validate(prepared, arguments), cfg)
    return brief, _record(article_id, brief)


def measure(texts: list[str], arguments: str, *, cache: bool = False, words_cold: bool = False) -> dict[str, float]:
    """Mean CPU ms per article of each stage, of the stages' sum and of the whole chain timed as one.

    `words_cold` empties the meaning checks' per-word caches too before each article (every word
    new to the process): an upper bound, where the default keeps them as a long run would.
    """
    cfg = config()
    times: dict[str, list[float]] = {name: [] for name in (*STAGES, "cache put", "total")}
    with tempfile.TemporaryDirectory() as tmp, cold_meaning_checks(words=words_cold):
        brief_cache = BriefCache(tmp)
        for i, text in enumerate(texts):
            article_id = f"a{i}"
            ms, article = _cpu(_segment, text)
            times["segment"].append(ms)
            ms, prompt = _cpu(render, article)
            times["prompt"].append(ms)
            times["request"].append(_cpu(_request, article, prompt, cfg)[0])
            ms, draft = _cpu(BriefDraft.model_validate_json, arguments)
            times["parse"].append(ms)
            ms, found = _cpu(problems, article, draft)
            assert not found, found
            times["grounding"].append(ms)
            forget_texts(words=words_cold)  # cold, as `cold_meaning_checks` makes them in the validator (untimed)
            ms, found = _cpu(check_draft, article, draft)
            assert not found, found
            times["meaning"].append(ms)
            # The whole chain, timed as one, on a fresh copy of the article.
            times["total"].append(_cpu(_chain, text, arguments, cfg, article_id)[0])
            # finish() as in the pipeline: after the validator filled grounding's per-article maps.
            prepared = prepare(text, cfg)
            validated = _validate(prepared, arguments)
            ms, brief = _cpu(_finish, prepared, validated, cfg)
            times["finish"].append(ms)
            times["record"].append(_cpu(_record, article_id, brief)[0])
            if cache:
                put = functools.partial(brief_cache.put, durable=False)  # as the async path writes
                times["cache put"].append(_cpu(put, f"{i:064x}", brief)[0])
    gc.collect()
    means = {name: statistics.mean(values) for name, values in times.items() if values}
    means["sum"] = sum(means[name] for name in STAGES)
    # The mean moves with where a full garbage collection lands; the median does not.
    means["total median"] = statistics.median(times["total"])
    return means


def table(texts: list[str], arguments: str, *, label: str, cache: bool = True, words_cold: bool = False) -> list[str]:
    """The per-stage CPU table as printed lines."""
    means = measure(texts, arguments, cache=cache, words_cold=words_cold)
    words = "every cache of the meaning checks emptied" if words_cold else "per-word caches kept"
    lines = [f"our stages, CPU ms per article ({label}, {len(texts)} distinct articles, no HTTP, no instructor, "
             f"{words}):"]
    lines.append("  " + "  ".join(f"{name} {means[name]:.3f}" for name in STAGES))
    if "cache put" in means:
        lines.append(f"  cache put {means['cache put']:.3f} (when the cache is on)")
    verdict = "met" if means["total"] <= GOAL_MS else "NOT met"
    lines.append(f"  sum of stages {means['sum']:.2f}; whole chain timed as one {means['total']:.2f} "
                 f"(median {means['total median']:.2f}; goal <= {GOAL_MS} ms: {verdict})")
    return lines
