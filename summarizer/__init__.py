"""Attributed, grounded bilingual (Arabic + English) briefs of news articles.

    from summarizer import summarize, render_html
    brief = summarize(text, base_url="http://localhost:8080/v1", model="my-model")
    page = render_html(brief, text)

Heavy libraries (openai, instructor, jinja2) load on first use, not on import.
"""

from typing import TYPE_CHECKING, Any

from .config import OutputMode, ProviderConfig
from .errors import (
    ArticleTooLongError,
    AuthenticationFailedError,
    BinaryInputError,
    ConfigurationError,
    ContentFilteredError,
    ContextLengthExceededError,
    EmbeddedServerError,
    EmptyArticleError,
    EmptyResponseError,
    EncodingError,
    GroundingError,
    InputError,
    InputNotFoundError,
    InvalidOutputError,
    MissingExtraError,
    ModelOutputError,
    NoEndpointError,
    NoStoryError,
    ProviderError,
    ProviderTimeoutError,
    ProviderUnavailableError,
    RateLimitedError,
    RefusalError,
    RequestRejectedError,
    SummarizerError,
    TruncatedOutputError,
)
from .pipeline import Summarizer, asummarize, summarize
from .provider.endpoint import open_endpoint
from .schema import SCHEMA_VERSION, Attribution, Brief, Certainty, Claim, Source, SourceType, Span
from .segment import Article, Sentence, SentenceKind, segment

if TYPE_CHECKING:
    from .batch.engine import summarize_many
    from .render.html import render_html
    from .render.markdown import render_markdown

# Exported, but imported on first use so that `import summarizer` (and `summarizer --help`) stays fast.
_LAZY = {"render_html": ".render.html", "render_markdown": ".render.markdown", "summarize_many": ".batch.engine"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "ArticleTooLongError",
    "Attribution",
    "AuthenticationFailedError",
    "BinaryInputError",
    "Brief",
    "Certainty",
    "Claim",
    "ConfigurationError",
    "ContentFilteredError",
    "ContextLengthExceededError",
    "EmbeddedServerError",
    "EmptyArticleError",
    "EmptyResponseError",
    "EncodingError",
    "GroundingError",
    "InputError",
    "InputNotFoundError",
    "InvalidOutputError",
    "MissingExtraError",
    "ModelOutputError",
    "NoEndpointError",
    "NoStoryError",
    "OutputMode",
    "ProviderConfig",
    "ProviderError",
    "ProviderTimeoutError",
    "ProviderUnavailableError",
    "RateLimitedError",
    "RefusalError",
    "RequestRejectedError",
    "Sentence",
    "SentenceKind",
    "Source",
    "SourceType",
    "Span",
    "Summarizer",
    "SummarizerError",
    "TruncatedOutputError",
    "asummarize",
    "open_endpoint",
    "render_html",
    "render_markdown",
    "segment",
    "summarize",
    "summarize_many",
]
