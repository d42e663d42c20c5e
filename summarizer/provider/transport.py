"""Transport: clients, the per-article deadline, tenacity's retries of transport faults, answer checks.

Transport faults (429, 5xx, timeouts, resets) are retried here, inside one attempt, with
exponential backoff and jitter, honouring Retry-After, bounded in attempts and by the article's
deadline; they are never shown to the model. Answers no reask can fix (refusal, content filter,
truncation, no choices) become typed errors before anything parses them.
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import openai
from tenacity import (
    RetryCallState,
    retry_if_exception_type,
    wait_exponential_jitter,
)

from .. import errors
from ..config import ProviderConfig
from ..schema import Usage

try:  # openai >= 3 sends through httpx2; earlier versions through httpx (same interface)
    import httpx2 as httpx
except ImportError:  # pragma: no cover
    import httpx  # type: ignore[no-redef,import-not-found]

# The transport's own errors, raised through openai's client by a body cut at the deadline
# (`DeadlineTransport`) or by a streamed download.
HttpTimeout = httpx.TimeoutException
HttpTransportError = httpx.TransportError

_TRANSIENT = (openai.APIConnectionError, openai.RateLimitError, openai.InternalServerError)
_MAX_RETRY_AFTER = 60.0


@dataclass
class CallStats:
    """What happened during one call: filled in as it goes, so errors can report it too."""

    started: float = field(default_factory=time.monotonic)
    requests: int = 0
    completions: int = 0
    usage: Usage = field(default_factory=lambda: Usage(prompt_tokens=0, completion_tokens=0, total_tokens=0))
    usage_reported: bool = True
    last_output: str | None = None
    deadline: Deadline | None = None

    @property
    def reasks(self) -> int:
        return max(self.completions - 1, 0)

    @property
    def latency_ms(self) -> float:
        return (time.monotonic() - self.started) * 1000

    def add_usage(self, response: Any) -> None:
        usage = getattr(response, "usage", None)
        if usage is None:
            self.usage_reported = False
            return
        self.usage = Usage(
            prompt_tokens=(self.usage.prompt_tokens or 0) + (usage.prompt_tokens or 0),
            completion_tokens=(self.usage.completion_tokens or 0) + (usage.completion_tokens or 0),
            total_tokens=(self.usage.total_tokens or 0) + (usage.total_tokens or 0),
        )

    def reported_usage(self) -> Usage:
        return self.usage if self.usage_reported else Usage()

    def spent(self) -> dict[str, int] | None:
        """Every token the provider reported so far (for an error), or None when nothing was."""
        if not (self.usage.prompt_tokens or self.usage.completion_tokens):
            return None
        return {k: v or 0 for k, v in self.usage.model_dump().items()}


def count(n: int, noun: str) -> str:
    """`n noun` or `n nouns`."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


class Deadline:
    """The wall-clock time left for one article, shared by every request, body read and reask."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.ends - time.monotonic()

    def error(self, attempts: int = 1) -> errors.ProviderTimeoutError:
        """The typed error for this deadline having passed, stating the real limit."""
        return errors.ProviderTimeoutError(
            f"no complete answer within the {self.seconds:g}s deadline for this article ({count(attempts, 'attempt')})",
            retryable=True,
            attempts=attempts,
        )

    def request_timeout(self, per_request: float) -> float:
        left = self.remaining()
        if left <= 0.05:
            raise self.error()
        return min(per_request, left)


# The deadline of the article being summarized in this thread or task, read by the transport.
CURRENT_DEADLINE: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar("deadline", default=None)


class _DeadlineStream(httpx.SyncByteStream):
    """A response body that stops at the article's deadline, however slowly it arrives."""

    def __init__(self, inner: Any, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            if self._deadline.remaining() <= 0:
                raise httpx.ReadTimeout(f"the {self._deadline.seconds:g}s deadline passed while the body arrived")
            yield chunk

    def close(self) -> None:
        self._inner.close()


class DeadlineTransport(httpx.BaseTransport):
    """The sync client's transport: the article's deadline covers the whole body, not each read.

    A per-read timeout never fires on a body that sends one byte every two seconds; this
    checks the wall clock after every chunk. (The async path is bounded by `asyncio.timeout`.)
    """

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        deadline = CURRENT_DEADLINE.get()
        response = self._inner.handle_request(request)
        if deadline is None:
            return response
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_DeadlineStream(response.stream, deadline),
            extensions=response.extensions,
            request=request,
        )

    def close(self) -> None:
        self._inner.close()


def _retry_after(exc: BaseException) -> float | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return float(ms) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        return None  # an HTTP date: fall back to backoff rather than parse clocks


def transport_policy(config: ProviderConfig, deadline: Deadline) -> dict[str, Any]:
    """tenacity settings shared by the sync and async paths."""
    backoff = wait_exponential_jitter(initial=config.backoff_initial, max=8.0, jitter=config.backoff_initial)

    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = _retry_after(exc) if exc else None
        delay = min(asked, _MAX_RETRY_AFTER) if asked is not None else backoff(state)
        return max(0.0, min(delay, deadline.remaining() - 0.1))

    def stop(state: RetryCallState) -> bool:
        if state.attempt_number >= config.max_transport_attempts:
            return True
        exc = state.outcome.exception() if state.outcome else None
        asked = _retry_after(exc) if exc else None
        # Give up now rather than sleep past the deadline.
        return (asked or 0.0) >= deadline.remaining() or deadline.remaining() <= 0.2

    return {
        "retry": retry_if_exception_type(_TRANSIENT),
        "wait": wait,
        "stop": stop,
        "reraise": True,
    }


def _completion_text(response: Any) -> str | None:
    try:
        message = response.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    calls = getattr(message, "tool_calls", None)
    text: str | None = calls[0].function.arguments if calls else message.content
    return text


def check_completion(response: Any, stats: CallStats) -> None:
    """Turn answers that no reask can fix into typed errors before instructor parses them."""
    choices = getattr(response, "choices", None)
    if not choices:
        raise errors.EmptyResponseError("the endpoint returned no choices", attempts=stats.completions)
    choice = choices[0]
    text = _completion_text(response)
    stats.last_output = text
    refusal = getattr(choice.message, "refusal", None)
    if refusal:
        raise errors.RefusalError(
            f"the model refused: {refusal[:200]}", raw_output=refusal, attempts=stats.completions
        )
    if choice.finish_reason == "content_filter":
        raise errors.ContentFilteredError(
            "the provider's content filter stopped the answer", raw_output=text, attempts=stats.completions
        )
    if choice.finish_reason == "length":
        raise errors.TruncatedOutputError(
            "the answer was cut off at the token limit (max_tokens); raise --max-tokens",
            raw_output=text,
            attempts=stats.completions,
        )


def make_client(config: ProviderConfig) -> openai.OpenAI:
    # max_retries=0: tenacity owns retries, so attempts are counted and bounded in one place.
    # The transport enforces the article's deadline on every body (`DeadlineTransport`).
    from openai._constants import DEFAULT_CONNECTION_LIMITS

    transport = DeadlineTransport(httpx.HTTPTransport(limits=DEFAULT_CONNECTION_LIMITS))
    return openai.OpenAI(
        api_key=config.api_key,
        base_url=config.base_url,
        max_retries=0,
        timeout=config.request_timeout,
        http_client=openai.DefaultHttpxClient(transport=transport),
    )


def make_async_client(config: ProviderConfig) -> openai.AsyncOpenAI:
    # openai's aiohttp transport: at 128 requests in flight httpx's connection pool spent
    # more client CPU per request than everything else in the HTTP stack together.
    return openai.AsyncOpenAI(
        api_key=config.api_key,
        base_url=config.base_url,
        max_retries=0,
        timeout=config.request_timeout,
        http_client=openai.DefaultAioHttpClient(),
    )
