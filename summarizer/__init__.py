"""Attributed, grounded bilingual (Arabic + English) briefs of news articles.

    from summarizer import summarize
    brief = summarize(text, base_url="http://localhost:8080/v1", model="my-model")

Heavy libraries (openai, instructor) load on the first call, not on import.
"""

from .config import OutputMode, ProviderConfig
from .errors import (
    ArticleTooLongError,
    AuthenticationFailedError,
    BinaryInputError,
    ConfigurationError,
    ConsistencyError,
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
    ModelOutputError,
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
from .labels import ActorType, Channel, Stance, Status
from .pipeline import Summarizer, asummarize, summarize
from .schema import SCHEMA_VERSION, Attribution, Brief, Claim, Source, Span
from .segment import Article, Sentence, SentenceKind, segment

__all__ = [
    "SCHEMA_VERSION",
    "ActorType",
    "Article",
    "ArticleTooLongError",
    "Attribution",
    "AuthenticationFailedError",
    "BinaryInputError",
    "Brief",
    "Channel",
    "Claim",
    "ConfigurationError",
    "ContentFilteredError",
    "ContextLengthExceededError",
    "EmbeddedServerError",
    "EmptyArticleError",
    "EmptyResponseError",
    "EncodingError",
    "ConsistencyError",
    "GroundingError",
    "InputError",
    "InputNotFoundError",
    "InvalidOutputError",
    "ModelOutputError",
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
    "Span",
    "Stance",
    "Status",
    "Summarizer",
    "SummarizerError",
    "TruncatedOutputError",
    "asummarize",
    "segment",
    "summarize",
]
