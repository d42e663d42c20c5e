"""Many articles at once: bounded concurrency over one async client, results as they finish.

    async with Summarizer(config, cache=BriefCache()) as summarizer:
        async for result in summarize_many(articles, summarizer, concurrency=32):
            print(result.id, result.ok)

The LLM call dominates, so the engine's one job is to keep `concurrency` calls in flight
without holding more than that many articles in memory: the input iterator is pulled only
when a slot frees up. Each article ends as an `ArticleResult` (a brief, or the typed error
that stopped it); one article's failure, even an unexpected exception, never stops the
others. Results come out in completion order, not input order.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Iterable

from .batch_input import SourceArticle
from .pipeline import Summarizer
from .results import ArticleResult

DEFAULT_CONCURRENCY = 8


async def summarize_one(summarizer: Summarizer, article: SourceArticle) -> ArticleResult:
    """Summarize one article of a batch; every failure becomes the result's error."""
    started = time.perf_counter()
    if article.error is not None:
        return ArticleResult(article.id, error=article.error)
    try:
        brief, cached = await summarizer.asummarize_traced(article.text or "")
    except Exception as exc:  # one bad article must not stop the batch: record it, go on
        return ArticleResult(article.id, error=exc, elapsed_ms=(time.perf_counter() - started) * 1000)
    return ArticleResult(article.id, brief=brief, cached=cached, elapsed_ms=(time.perf_counter() - started) * 1000)


class BatchRun:
    """The async iterator `summarize_many` returns; `in_flight` is read by progress displays."""

    def __init__(
        self,
        articles: Iterable[SourceArticle],
        summarizer: Summarizer,
        concurrency: int,
        skip: Callable[[str], bool] | None,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self._articles = articles
        self._summarizer = summarizer
        self._concurrency = concurrency
        self._skip = skip
        self.in_flight = 0
        self.skipped = 0

    def __aiter__(self) -> AsyncIterator[ArticleResult]:
        return self._run()

    async def _run(self) -> AsyncIterator[ArticleResult]:
        source = iter(self._articles)
        pending: set[asyncio.Task[ArticleResult]] = set()
        exhausted = False
        try:
            while True:
                while not exhausted and len(pending) < self._concurrency:
                    article = next(source, None)
                    if article is None:
                        exhausted = True
                    elif self._skip is not None and self._skip(article.id):
                        self.skipped += 1
                    else:
                        pending.add(asyncio.create_task(summarize_one(self._summarizer, article)))
                self.in_flight = len(pending)
                if not pending:
                    return
                finished, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                self.in_flight = len(pending)
                for task in finished:
                    yield task.result()
        finally:
            # Cancelled (Ctrl-C, SIGTERM) or abandoned by the caller: stop the calls in flight.
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.gather(*pending, return_exceptions=True)
            self.in_flight = 0


def summarize_many(
    articles: Iterable[SourceArticle],
    summarizer: Summarizer,
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    skip: Callable[[str], bool] | None = None,
) -> BatchRun:
    """Summarize `articles` with at most `concurrency` calls in flight; iterate for results.

    `skip(id)` returning True leaves an article out (a resumed run skips finished ids).
    """
    return BatchRun(articles, summarizer, concurrency, skip)
