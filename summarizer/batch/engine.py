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
import os
import time
from collections.abc import AsyncIterator, Callable, Iterable
from pathlib import Path
from typing import TypeAlias

from ..article_input import read_article
from ..errors import InputError
from ..pipeline import Summarizer
from .inputs import SourceArticle
from .results import ArticleResult

DEFAULT_CONCURRENCY = 8

ArticleLike: TypeAlias = "str | os.PathLike[str] | tuple[str, str] | SourceArticle"


def as_source_article(item: ArticleLike, position: int) -> SourceArticle:
    """One item of `summarize_many`'s input as a `SourceArticle`.

    Args:
        item: Article text (`str`; its id is its position, from "0"), a file path
            (`pathlib.Path`; id = the file name without extension), an `(id, text)` pair,
            or a `SourceArticle`.
        position: The item's position in the input.

    Returns:
        The article; an unreadable file becomes the article's error, not an exception.

    Raises:
        TypeError: `item` is none of these.
    """
    if isinstance(item, SourceArticle):
        return item
    if isinstance(item, str):
        return SourceArticle(str(position), item)
    if isinstance(item, os.PathLike):
        path = Path(item)
        try:
            return SourceArticle(path.stem, read_article(path))
        except InputError as exc:
            return SourceArticle(path.stem, None, exc)
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], str):
        return SourceArticle(str(item[0]), item[1])
    raise TypeError(
        f"summarize_many item {position} is a {type(item).__name__}: give article text (str), "
        "a pathlib.Path, an (id, text) pair or a SourceArticle"
    )


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
        articles: Iterable[ArticleLike],
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

    def _next_article(self) -> SourceArticle | None:
        for position, item in self._source:
            article = as_source_article(item, position)
            if self._skip is not None and self._skip(article.id):
                self.skipped += 1
                continue
            return article
        return None

    async def _worker(self, results: asyncio.Queue[ArticleResult | Exception | None]) -> None:
        """Take the next article as soon as this slot is free; put None when the input is done."""
        try:
            while (article := self._next_article()) is not None:
                self.in_flight += 1
                try:
                    result = await summarize_one(self._summarizer, article)
                finally:
                    self.in_flight -= 1
                await results.put(result)
        except Exception as exc:  # the input itself failed (a file vanished mid-run): stop the batch
            await results.put(exc)
            return
        await results.put(None)

    async def _run(self) -> AsyncIterator[ArticleResult]:
        # A fixed pool of workers and one queue: O(1) work per finished article at any
        # concurrency (asyncio.wait over all pending tasks would be O(concurrency)).
        self._source = enumerate(self._articles)
        results: asyncio.Queue[ArticleResult | Exception | None] = asyncio.Queue(maxsize=self._concurrency)
        workers = [asyncio.create_task(self._worker(results)) for _ in range(self._concurrency)]
        running = len(workers)
        try:
            while running:
                result = await results.get()
                if result is None:
                    running -= 1
                elif isinstance(result, Exception):
                    raise result
                else:
                    yield result
        finally:
            # Cancelled (Ctrl-C, SIGTERM) or abandoned by the caller: stop the calls in flight.
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            self.in_flight = 0


def summarize_many(
    articles: Iterable[ArticleLike],
    summarizer: Summarizer,
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    skip: Callable[[str], bool] | None = None,
) -> BatchRun:
    """Summarize many articles with at most `concurrency` calls in flight.

    Iterate the result with `async for`; results come in completion order, and one
    article's failure (even an unexpected exception) never stops the others.

        async with Summarizer(model="gpt-4.1-mini") as s:
            async for result in summarize_many(["text one", "text two"], s):
                print(result.id, result.ok, result.error)

    Args:
        articles: Article texts (`str`, ids "0", "1", ... by position), file paths
            (`pathlib.Path`, id = file name without extension), `(id, text)` pairs, or the
            `SourceArticle`s of `batch.inputs.open_input`. Read lazily, one per free slot.
        summarizer: The configured `Summarizer` (its async client is shared by all calls).
        concurrency: Calls in flight at most (at least 1).
        skip: `skip(id)` returning True leaves an article out (a resumed run skips finished ids).

    Returns:
        An async iterator of `ArticleResult` (a brief, or the error that stopped the article);
        its `in_flight` counts the calls running now.

    Raises:
        ValueError: `concurrency` is below 1.
        TypeError: (while iterating) an item is none of the accepted kinds.
    """
    return BatchRun(articles, summarizer, concurrency, skip)
