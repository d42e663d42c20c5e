"""Scale-out through the OpenAI Batch API: export, submit, poll, download, ingest.

The Batch API answers within 24 hours at half price. The request file holds one line per
article, `{"custom_id": <article id>, "method": "POST", "url": "/v1/chat/completions",
"body": ...}`, whose body is exactly what the live path sends (built by instructor in
`llm.request_body`, with the article's own response schema). Results come back as a JSONL
of chat completions, which `ingest` passes through the same validation (`llm.parse_completion`:
schema, refusal, truncation, grounding validator) and the same `pipeline.finish` as a live
call. There is no reask offline: an invalid answer is that article's typed error, and a
live re-run (`summarizer batch --retry-failed`) can redo it.

This module holds no openai import: it drives the client made by `llm.make_client` through
`llm.api_call`, which applies our transport retries and turns failures into typed errors,
so `provider/llm.py` stays the one place that knows the openai package.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import errors
from ..cache import BriefCache
from ..config import ProviderConfig
from ..output import atomic_writer
from ..pipeline import finish, prepare
from .inputs import BatchInput, SourceArticle
from .results import ArticleResult

ENDPOINT = "/v1/chat/completions"
MAX_REQUESTS = 50_000  # the Batch API's limits for one input file
MAX_FILE_BYTES = 200 * 1024 * 1024
TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})


@dataclass(frozen=True)
class Export:
    """What `export_requests` wrote: how many request lines, and the ids in them."""

    path: Path
    requests: int
    ids: frozenset[str]


def export_requests(
    articles: Iterable[SourceArticle],
    config: ProviderConfig,
    path: str | Path,
    *,
    skip: Callable[[str], bool] | None = None,
    cache: BriefCache | None = None,
    on_result: Callable[[ArticleResult], None] | None = None,
) -> Export:
    """Write the Batch API request file for the articles that still need a call.

    Articles already done (`skip`), found in the cache, or unusable as input never become a
    request: cache hits and input errors go straight to `on_result`. Streamed, written
    atomically.
    """
    ids: set[str] = set()
    size = 0
    with atomic_writer(path) as handle:
        for article in articles:
            if skip is not None and skip(article.id):
                continue
            result, line = _request_line(article, config, cache)
            if result is not None:
                if on_result is not None:
                    on_result(result)
                continue
            size += len(line)
            ids.add(article.id)
            if len(ids) > MAX_REQUESTS or size > MAX_FILE_BYTES:
                raise errors.BatchInputError(
                    f"the Batch API takes at most {MAX_REQUESTS:,} requests and {MAX_FILE_BYTES // 2**20} MB per "
                    "file; split the input into smaller batches"
                )
            handle.write(line)
    return Export(Path(path), len(ids), frozenset(ids))


def _request_line(
    article: SourceArticle, config: ProviderConfig, cache: BriefCache | None
) -> tuple[ArticleResult | None, bytes]:
    from ..provider import llm

    if article.error is not None:
        return ArticleResult(article.id, error=article.error), b""
    try:
        prepared = prepare(article.text or "", config, name=f"article {article.id}")
    except errors.SummarizerError as exc:
        return ArticleResult(article.id, error=exc), b""
    if cache is not None:
        hit = cache.get(prepared.cache_key(config))
        if hit is not None:
            return ArticleResult(article.id, brief=hit, cached=True), b""
    body = llm.request_body(config, prepared.prompt, prepared.grounding)
    line = {"custom_id": article.id, "method": "POST", "url": ENDPOINT, "body": body}
    return None, (json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8")


def submit(config: ProviderConfig, requests_path: str | Path, *, description: str = "") -> dict[str, Any]:
    """Upload the request file and create the batch; returns the batch as a dict."""
    from ..provider import llm

    client = llm.make_client(config)

    def upload() -> Any:
        with open(requests_path, "rb") as handle:  # reopened on a retry, so it is sent whole
            return client.files.create(file=handle, purpose="batch")

    try:
        uploaded = llm.api_call(config, upload)
        batch = llm.api_call(
            config,
            client.batches.create,
            input_file_id=uploaded.id,
            endpoint=ENDPOINT,
            completion_window="24h",
            metadata={"description": description[:500]} if description else None,
        )
    finally:
        client.close()
    return batch.model_dump()


def wait(
    config: ProviderConfig,
    batch_id: str,
    *,
    interval: float = 30.0,
    on_update: Callable[[dict[str, Any]], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> dict[str, Any]:
    """Poll until the batch reaches a terminal status (completed, failed, expired, cancelled)."""
    from ..provider import llm

    client = llm.make_client(config)
    try:
        while True:
            batch = llm.api_call(config, client.batches.retrieve, batch_id).model_dump()
            if on_update is not None:
                on_update(batch)
            if batch["status"] in TERMINAL:
                return batch
            sleep(interval)
    finally:
        client.close()


def download(config: ProviderConfig, file_id: str, path: str | Path) -> Path:
    """Stream a file (the batch's output or error file) to `path`, atomically."""
    from ..provider import llm

    client = llm.make_client(config)

    def fetch() -> None:
        with client.files.with_streaming_response.content(file_id) as response, atomic_writer(path) as handle:
            for chunk in response.iter_bytes():
                handle.write(chunk)

    try:
        llm.api_call(config, fetch)
    finally:
        client.close()
    return Path(path)


def ingest(
    lines: Iterable[bytes | str],
    source: BatchInput,
    config: ProviderConfig,
    *,
    cache: BriefCache | None = None,
    skip: Callable[[str], bool] | None = None,
) -> Iterator[ArticleResult]:
    """Turn Batch API result lines (output or error file) into results, as the live path would."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
            custom_id = item["custom_id"]
        except (ValueError, KeyError, TypeError):
            raise errors.BatchInputError(
                f"line {number} of the Batch API results is not a result line with a custom_id"
            ) from None
        article_id = str(custom_id)
        if skip is not None and skip(article_id):
            continue
        yield ingest_one(item, source.text_of(article_id), config, cache)


def ingest_one(
    item: dict[str, Any], article: SourceArticle, config: ProviderConfig, cache: BriefCache | None
) -> ArticleResult:
    """One result line: an error line becomes a typed error; a completion is validated and grounded."""
    from ..provider import llm

    started = time.perf_counter()

    def failed(error: BaseException) -> ArticleResult:
        return ArticleResult(article.id, error=error, elapsed_ms=(time.perf_counter() - started) * 1000)

    response = item.get("response") or {}
    if item.get("error"):
        detail = llm.error_detail(item["error"], fallback=str(item["error"]))
        return failed(errors.ProviderError(f"the Batch API could not run this request: {detail}", retryable=True))
    status = response.get("status_code")
    if status != 200:
        return failed(llm.status_error(config, int(status or 500), llm.error_detail(response.get("body"))))
    if article.error is not None:
        return failed(article.error)
    try:
        prepared = prepare(article.text or "", config, name=f"article {article.id}")
        result = llm.parse_completion(response.get("body") or {}, config, prepared.grounding)
        brief = finish(prepared, result, config)
    except errors.SummarizerError as exc:
        return failed(exc)
    if cache is not None:
        cache.put(prepared.cache_key(config), brief)
    return ArticleResult(article.id, brief=brief, elapsed_ms=(time.perf_counter() - started) * 1000)


def missing_ids(batch: dict[str, Any], submitted: Iterable[str], answered: set[str]) -> Iterator[ArticleResult]:
    """Submitted articles the batch never answered (it expired, failed or was cancelled)."""
    status = batch.get("status", "unknown")
    for article_id in submitted:
        if article_id not in answered:
            yield ArticleResult(
                article_id,
                error=errors.ProviderError(
                    f"the Batch API returned no result for this article (batch {status}); re-run to retry",
                    retryable=True,
                ),
            )
