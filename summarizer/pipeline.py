"""Article in, grounded bilingual brief out: the steps in order, and the public API.

check text -> segment -> render prompt -> one structured-output call (with reasks) ->
ground every quote -> attach metadata. Everything except the call is a pure function.

A web page goes through `page.extract_page` first: its extracted text is the article (the
offsets point into it), its headline is known, and the page's metadata and the extracted text
travel in the brief's `metadata.page`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .article_input import check_text, detect_language
from .cache import BriefCache, cache_key
from .config import OutputMode, ProviderConfig, resolve
from .errors import ArticleTooLongError, ConfigurationError, NoStoryError
from .grounding import Grounding, ground
from .output import DeferredFsync
from .prompts import Prompt, render
from .schema import Brief, BriefMetadata, PageMetadata
from .segment import Article, segment

if TYPE_CHECKING:
    from .page import ExtractedPage
    from .provider.llm import CallResult

DEFAULT_MAX_ARTICLE_CHARS = 60_000
# Arabic news text runs at about 2.5-4 characters per token on current tokenizers; 2 is a
# safe lower bound for refusing an article before sending it.
CHARS_PER_TOKEN_LOWER_BOUND = 2.0
# Instructions, label definitions and the schema, without the article: ~6,300 tokens in JSON mode
# (where instructor appends the schema to the system prompt), measured on the seed.
PROMPT_OVERHEAD_TOKENS = 7_000
# How often `asummarize` hands the cache entries written since to a worker thread to fsync.
CACHE_FSYNC_EVERY_SECONDS = 2.0


@dataclass(frozen=True)
class PreparedArticle:
    """Everything known before the call: reused by batch export and the cache key."""

    article: Article
    prompt: Prompt
    grounding: Grounding
    page: ExtractedPage | None = None

    @property
    def sha256(self) -> str:
        """The article's SHA-256."""
        return self.article.sha256

    @property
    def cache_id(self) -> str:
        """What the cache keys the article by: its text, and for a page what the page said about itself."""
        if self.page is None:
            return self.sha256
        fields = json.dumps(asdict(self.page), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(f"{self.sha256}\n{fields}".encode()).hexdigest()

    def cache_key(self, config: ProviderConfig) -> str:
        """The key of this article's brief in the cache, under `config`."""
        return cache_key(config, self.prompt.version, self.cache_id)


def char_limit(config: ProviderConfig, max_article_chars: int = DEFAULT_MAX_ARTICLE_CHARS) -> int:
    """The longest article (in characters) we send to this model."""
    if config.context_tokens is None:
        return max_article_chars
    room = config.context_tokens - (config.max_tokens or 0) - PROMPT_OVERHEAD_TOKENS
    return max(0, min(max_article_chars, int(room * CHARS_PER_TOKEN_LOWER_BOUND)))


def prepare(
    text: str, config: ProviderConfig, *, name: str = "article", page: ExtractedPage | None = None
) -> PreparedArticle:
    """Check and segment the text, render the prompt, start the article's grounding state.

    `page` is the page the text was extracted from (its headline marks the headline line).
    """
    check_text(text, name=name)
    limit = char_limit(config)
    if len(text) > limit:
        raise ArticleTooLongError(
            f"{name} has {len(text):,} characters; the limit for {config.model} is {limit:,}",
            size=len(text),
            limit=limit,
        )
    article = segment(text, headline=page.title if page else None)
    if not article.citable:
        raise NoStoryError(
            f"{name} has no story text: all {len(article.sentences)} lines are links, headings "
            "or text addressed to a machine"
        )
    prompt = render(article, compact=config.constrained_decoding)
    return PreparedArticle(article=article, prompt=prompt, grounding=Grounding(article), page=page)


def finish(prepared: PreparedArticle, result: CallResult, config: ProviderConfig) -> Brief:
    """Ground the validated draft and attach metadata."""
    stats = result.stats
    metadata = BriefMetadata(
        prompt_version=prepared.prompt.version,
        model=config.model,
        provider=config.provider,
        endpoint_host=config.endpoint_host,
        mode=config.mode.value,
        input_sha256=prepared.sha256,
        input_chars=len(prepared.article.text),
        detected_language=detect_language(prepared.article.text),
        usage=stats.reported_usage(),
        latency_ms=round(stats.latency_ms, 1),
        transport_attempts=max(stats.requests, 1),
        reasks=stats.reasks,
        settings=config.settings(),
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        page=_page_metadata(prepared.page),
    )
    return ground(prepared.grounding, result.draft, metadata)


def _page_metadata(page: ExtractedPage | None) -> PageMetadata | None:
    if page is None:
        return None
    return PageMetadata(
        title=page.title, author=page.author, date=page.date, site_name=page.site_name, url=page.url,
        extractor=page.extractor, text=page.text,
    )


class Summarizer:
    """A configured summarizer holding one HTTP client; reuse it for many articles.

    Settings resolve exactly as for `summarize` (`config.resolve`): arguments first, then
    `OPENAI_BASE_URL`, `OPENAI_API_KEY` and `SUMMARIZER_MODEL`. The embedded model is never
    started here; use `open_endpoint(local=True)` and pass the config it yields.

    Args:
        config: A complete `ProviderConfig`; the other arguments override its fields and
            the environment is not read.
        model: Model name; else `$SUMMARIZER_MODEL`, else `gpt-4.1-mini`.
        base_url: OpenAI-compatible endpoint with its scheme (`http://host:port/v1`);
            else `$OPENAI_BASE_URL`, else OpenAI.
        api_key: API key; else `$OPENAI_API_KEY` (a base URL alone needs none).
        mode: Structured-output mode: `tools` (default), `json_schema` or `json`.
        max_reasks: Times invalid output is sent back to the model (default 2).
        deadline: Seconds allowed per article, every retry and reask included (default 180).
        max_tokens: Output token limit per answer (default 16384; the embedded model 896).
        temperature: Sampling temperature (default 0).
        cache: Reuse briefs already made for the same article and settings.

    Raises:
        NoEndpointError: Nothing names an endpoint.
        ConfigurationError: A setting is unusable (a base URL without scheme, a model with no
            endpoint, an unknown mode).
    """

    def __init__(
        self,
        config: ProviderConfig | None = None,
        *,
        model: str | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        mode: OutputMode | str | None = None,
        max_reasks: int | None = None,
        deadline: float | None = None,
        max_tokens: int | None = None,
        temperature: float | None = None,
        cache: BriefCache | None = None,
    ) -> None:
        if config is not None and not isinstance(config, ProviderConfig):
            raise ConfigurationError(f"config must be a ProviderConfig, got {type(config).__name__}")
        if cache is not None and not isinstance(cache, BriefCache):
            raise ConfigurationError(f"cache must be a BriefCache (or None), got {type(cache).__name__}")
        self.config = resolve(
            config, model=model, base_url=base_url, api_key=api_key, mode=mode,
            max_reasks=max_reasks, deadline=deadline, max_tokens=max_tokens, temperature=temperature,
        )
        self.cache = cache
        self._client: Any = None
        self._async_client: Any = None
        self._unsynced = DeferredFsync(CACHE_FSYNC_EVERY_SECONDS)  # cache entries `_store_nowait` wrote

    def _cached(self, prepared: PreparedArticle) -> tuple[str | None, Brief | None]:
        if self.cache is None:
            return None, None
        key = prepared.cache_key(self.config)
        return key, self.cache.get(key, prepared.article.text)

    def _store(self, key: str | None, brief: Brief) -> Brief:
        if self.cache is not None and key is not None:
            self.cache.put(key, brief)
        return brief

    def _store_nowait(self, key: str | None, brief: Brief) -> Brief:
        """`_store` for the async path: on the event loop, the disk waited for in the background.

        The entry is whole for every reader when this returns (temporary file, then rename) and
        survives the process being killed; every `CACHE_FSYNC_EVERY_SECONDS` a worker thread
        fsyncs the entries written since, and `aclose` the rest, so all are on disk when it
        returns. Writing whole entries in a worker thread instead cost ~4 ms of CPU per article
        at 128 in flight (the worker takes the GIL back after each of a write's ~15 system
        calls), 7–20% of the batch's throughput; on the loop the write is ~1 ms.
        """
        if self.cache is not None and key is not None:
            written = self.cache.put(key, brief, durable=False)
            if written is not None:
                self._unsynced.add(written)
        return brief

    def summarize(self, text: str) -> Brief:
        """Summarize one article; the HTTP client is kept for the next call.

        Args:
            text: The article, exactly as published (evidence offsets point into it).

        Returns:
            The grounded brief (from the cache when one was given and holds it).

        Raises:
            InputError: The text cannot be an article.
            ProviderError: The endpoint failed.
            ModelOutputError: The model's answers never became a valid, grounded brief.
        """
        brief, _ = self.summarize_traced(text)
        return brief

    def summarize_traced(self, text: str, *, name: str = "article") -> tuple[Brief, bool]:
        """`summarize`, also saying whether the brief came from the cache (the eval's origin).

        Args:
            text: The article, exactly as published.
            name: How errors about the input name it.

        Returns:
            The grounded brief, and True when it came from the cache.

        Raises:
            InputError, ProviderError, ModelOutputError: As for `summarize`.
        """
        return self._summarize(prepare(text, self.config, name=name))

    def summarize_page(self, html: str | bytes, *, url: str | None = None) -> Brief:
        """Summarize a web page: its main text is extracted first (`page.extract_page`).

        Args:
            html: The page as saved (bytes are decoded by the extractor, as a browser would).
            url: Where the page came from, kept in `brief.metadata.page.url`.

        Returns:
            The grounded brief; its offsets point into `brief.metadata.page.text`, the
            extracted text, which is kept with the brief so every span stays checkable.

        Raises:
            InputError: No main text could be extracted, or it cannot be an article.
            ProviderError, ModelOutputError: As for `summarize`.
        """
        from .page import extract_page

        page = extract_page(html, url=url)
        brief, _ = self._summarize(prepare(page.text, self.config, name=url or "page", page=page))
        return brief

    def _summarize(self, prepared: PreparedArticle) -> tuple[Brief, bool]:
        from .provider import llm, transport

        key, hit = self._cached(prepared)
        if hit is not None:
            return hit, True
        if self._client is None:
            self._client = transport.make_client(self.config)
        result = llm.call(self._client, self.config, prepared.prompt, prepared.grounding)
        return self._store(key, finish(prepared, result, self.config)), False

    async def asummarize(self, text: str) -> Brief:
        """`summarize` for asyncio code, on one async HTTP client kept for the next call.

        With a cache, a new brief is stored before this call returns without waiting for the
        disk: it is fsynced in the background and on disk when `aclose` returns (the end of
        `async with`).

        Args:
            text: The article, exactly as published.

        Returns:
            The grounded brief.

        Raises:
            InputError, ProviderError, ModelOutputError: As for `summarize`.
        """
        brief, _ = await self.asummarize_traced(text)
        return brief

    async def asummarize_traced(self, text: str) -> tuple[Brief, bool]:
        """`asummarize`, also saying whether the brief came from the cache (batch accounting)."""
        from .provider import llm, transport

        prepared = prepare(text, self.config)
        key, hit = self._cached(prepared)
        if hit is not None:
            return hit, True
        if self._async_client is None:
            self._async_client = transport.make_async_client(self.config)
        result = await llm.acall(self._async_client, self.config, prepared.prompt, prepared.grounding)
        return self._store_nowait(key, finish(prepared, result, self.config)), False

    def close(self) -> None:
        """Close the HTTP client (`with Summarizer(...)` does it for you)."""
        if self._client is not None:
            self._client.close()
            self._client = None

    async def aclose(self) -> None:
        """Fsync the cache entries written, then close the async HTTP client (`async with` does both)."""
        await self._unsynced.flush()
        if self._async_client is not None:
            await self._async_client.close()
            self._async_client = None

    def __enter__(self) -> Summarizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    async def __aenter__(self) -> Summarizer:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


def summarize_page(
    html: str | bytes,
    *,
    url: str | None = None,
    config: ProviderConfig | None = None,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    mode: OutputMode | str | None = None,
    max_reasks: int | None = None,
    deadline: float | None = None,
    max_tokens: int | None = None,
    temperature: float | None = None,
    cache: BriefCache | None = None,
) -> Brief:
    """Summarize a saved web page (HTML): `summarize` of its extracted main text.

    Args:
        html: The page as saved, as text or bytes.
        url: Where the page came from, kept in `brief.metadata.page.url`.
        config: A resolved configuration; the other settings must then be left unset.
        model: As for `summarize`.
        base_url: As for `summarize`.
        api_key: As for `summarize`.
        mode: As for `summarize`.
        max_reasks: As for `summarize`.
        deadline: As for `summarize`.
        max_tokens: As for `summarize`.
        temperature: As for `summarize`.
        cache: As for `summarize`.

    Returns:
        The brief; the extracted text is `brief.metadata.page.text` and every evidence span
        points into it.

    Raises:
        InputError: No main text could be extracted, or it cannot be an article.
        ConfigurationError, ProviderError, ModelOutputError: As for `summarize`.
    """
    with Summarizer(
        config, model=model, base_url=base_url, api_key=api_key, mode=mode, max_reasks=max_reasks,
        deadline=deadline, max_tokens=max_tokens, temperature=temperature, cache=cache,
    ) as summarizer:
        return summarizer.summarize_page(html, url=url)


def summarize(
    text: str,
    *,
    config: ProviderConfig | None = None,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    mode: OutputMode | str | None = None,
    max_reasks: int | None = None,
    deadline: float | None = None,
    max_tokens: int | None = None,
    temperature: float | None = None,
    cache: BriefCache | None = None,
) -> Brief:
    """Summarize one article into a grounded bilingual `Brief`.

    The settings are resolved as for `Summarizer`.

    Args:
        text: The article, exactly as published (evidence offsets point into it).
        config: A complete `ProviderConfig`; the other arguments override its fields.
        model: Model name; else `$SUMMARIZER_MODEL`, else `gpt-4.1-mini`.
        base_url: OpenAI-compatible endpoint with its scheme; else `$OPENAI_BASE_URL`, else OpenAI.
        api_key: API key; else `$OPENAI_API_KEY`.
        mode: Structured-output mode: `tools` (default), `json_schema` or `json`.
        max_reasks: Times invalid output is sent back to the model.
        deadline: Seconds allowed per article, every retry and reask included.
        max_tokens: Output token limit per answer.
        temperature: Sampling temperature.
        cache: Reuse briefs already made for the same article and settings.

    Returns:
        The brief: every claim attributed, every quote found in `text` with its offsets.

    Raises:
        InputError: The text cannot be an article (empty, binary, too long, no story).
        ConfigurationError: The settings name no usable endpoint.
        ProviderError: The endpoint failed (`retryable` says whether trying later can help).
        ModelOutputError: The model's answers never became a valid, grounded brief.
    """
    with Summarizer(
        config, model=model, base_url=base_url, api_key=api_key, mode=mode, max_reasks=max_reasks,
        deadline=deadline, max_tokens=max_tokens, temperature=temperature, cache=cache,
    ) as summarizer:
        return summarizer.summarize(text)


async def asummarize(
    text: str,
    *,
    config: ProviderConfig | None = None,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    mode: OutputMode | str | None = None,
    max_reasks: int | None = None,
    deadline: float | None = None,
    max_tokens: int | None = None,
    temperature: float | None = None,
    cache: BriefCache | None = None,
) -> Brief:
    """`summarize` for asyncio code: same arguments, same result, same errors.

    Args:
        text: The article, exactly as published.
        config: A complete `ProviderConfig`; the other arguments override its fields.
        model: Model name; else `$SUMMARIZER_MODEL`, else `gpt-4.1-mini`.
        base_url: OpenAI-compatible endpoint with its scheme; else `$OPENAI_BASE_URL`, else OpenAI.
        api_key: API key; else `$OPENAI_API_KEY`.
        mode: Structured-output mode: `tools` (default), `json_schema` or `json`.
        max_reasks: Times invalid output is sent back to the model.
        deadline: Seconds allowed per article, every retry and reask included.
        max_tokens: Output token limit per answer.
        temperature: Sampling temperature.
        cache: Reuse briefs already made for the same article and settings.

    Returns:
        The grounded brief.

    Raises:
        InputError, ConfigurationError, ProviderError, ModelOutputError: As for `summarize`.
    """
    async with Summarizer(
        config, model=model, base_url=base_url, api_key=api_key, mode=mode, max_reasks=max_reasks,
        deadline=deadline, max_tokens=max_tokens, temperature=temperature, cache=cache,
    ) as summarizer:
        return await summarizer.asummarize(text)
