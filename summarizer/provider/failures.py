"""Whose failure is it: the endpoint's, the model's, or ours. Read from types and data, never from text.

`failure(exc)` maps what ended a call: a provider error or one of our typed errors is
classified (`classify`, `status_error`), an answer that failed validation is a
`ModelOutputError` (`GroundingError` when the grounding validator's `Ungrounded` is inside the
pydantic error, `ConsistencyError` when it is the consistency checks' `Inconsistent`, read from
its structured problems), and anything else is a bug of ours, returned unchanged so it propagates.
Every message is scrubbed of the API key.
"""

from __future__ import annotations

import json
import re
from typing import Any

import aiohttp
import openai
from instructor.core.exceptions import AsyncValidationError, InstructorRetryException, ResponseParsingError
from pydantic import ValidationError

from .. import errors
from ..config import ProviderConfig
from ..grounding import Inconsistent, Ungrounded
from .transport import CallStats, HttpTimeout, count

_SECRET_PATTERN = re.compile(r"\b(sk|rk|pk)-[A-Za-z0-9_*\-]{6,}")
# Key-shaped without a known prefix: a run of 24+ key characters mixing letters and digits
# (a bearer token, a hex or base64 secret). Request ids and hashes of that shape go too.
_KEY_SHAPED = re.compile(r"(?<![A-Za-z0-9_\-])(?=[A-Za-z0-9_\-]*[0-9])(?=[A-Za-z0-9_\-]*[A-Za-z])[A-Za-z0-9_\-]{24,}")
_KEY_CHARS = r"[A-Za-z0-9_\-*.…]*"
_ECHO_WINDOW = 8  # a quoted piece of the key at least this long is redacted with what surrounds it


def redact(text: str, secret: str) -> str:
    """Remove the key, any piece of it, and anything shaped like a key from text we are about to show.

    The configured key is found in any letter case and when echoed truncated or masked
    ("sk-test-SENT…cdef"): any run of 8 of its characters goes, with the key-like characters
    around it. Then anything shaped like a key goes, with a known prefix (`sk-`) or without.
    """
    if secret and len(secret) >= 4:
        text = re.sub(re.escape(secret), "[redacted]", text, flags=re.IGNORECASE)
        if len(secret) >= _ECHO_WINDOW:
            windows = {secret[i : i + _ECHO_WINDOW].lower() for i in range(len(secret) - _ECHO_WINDOW + 1)}
            pieces = "|".join(re.escape(w) for w in sorted(windows))
            text = re.sub(f"{_KEY_CHARS}(?:{pieces}){_KEY_CHARS}", "[redacted]", text, flags=re.IGNORECASE)
    text = _SECRET_PATTERN.sub("[redacted]", text)
    return _KEY_SHAPED.sub("[redacted]", text)


def _dropped_connection(exc: BaseException) -> BaseException | None:
    """A connection that broke (not one that timed out) behind an `APITimeoutError`.

    openai's aiohttp transport reports every aiohttp connection error, a reset included, as
    a connect timeout; the aiohttp exception it came from is still in the chain.
    """
    cause = exc.__cause__
    while cause is not None:
        if isinstance(cause, aiohttp.ClientConnectionError) and not isinstance(cause, TimeoutError):
            return cause
        cause = cause.__cause__
    return None


def classify(exc: BaseException, config: ProviderConfig, stats: CallStats) -> errors.SummarizerError:
    """Map an openai/instructor exception to our typed error, with the key scrubbed."""
    if isinstance(exc, errors.SummarizerError):
        return exc
    where = config.endpoint_host
    attempts = max(stats.requests, 1)
    if isinstance(exc, openai.APITimeoutError) and (dropped := _dropped_connection(exc)) is not None:
        exc = openai.APIConnectionError(message=f"{type(dropped).__name__}: {dropped}", request=exc.request)
    if isinstance(exc, (openai.APITimeoutError, HttpTimeout)):
        deadline = stats.deadline
        if deadline is not None and (deadline.remaining() <= 0.2 or deadline.seconds <= config.request_timeout):
            return deadline.error(attempts)
        return errors.ProviderTimeoutError(
            f"{where} did not answer within {config.request_timeout:g}s per request ({count(attempts, 'attempt')})",
            retryable=True,
            attempts=attempts,
        )
    if isinstance(exc, openai.APIConnectionError):
        return errors.ProviderUnavailableError(
            f"cannot reach {where}: {redact(str(exc), config.api_key)} ({attempts} attempts)",
            retryable=True,
            attempts=attempts,
        )
    if isinstance(exc, openai.APIStatusError):
        return status_error(config, exc.status_code, _status_detail(exc), attempts=attempts)
    return errors.ProviderError(
        f"unexpected failure calling {where}: {type(exc).__name__}: {redact(str(exc), config.api_key)}",
        retryable=False,
        attempts=attempts,
    )


def status_error(config: ProviderConfig, status: int, detail: str, *, attempts: int = 1) -> errors.ProviderError:
    """The typed error for an HTTP error status (live, or in a Batch API result line)."""
    where = config.endpoint_host
    detail = redact(detail, config.api_key)
    kwargs = {"status_code": status, "attempts": attempts}
    if status in (401, 403):
        return errors.AuthenticationFailedError(
            f"{where} rejected the API key (HTTP {status}): check OPENAI_API_KEY", retryable=False, **kwargs
        )
    if status == 429:
        return errors.RateLimitedError(
            f"{where} is rate-limiting (HTTP 429) after {attempts} attempts: {detail}", retryable=True, **kwargs
        )
    if status >= 500:
        return errors.ProviderUnavailableError(
            f"{where} failed with HTTP {status} after {attempts} attempts: {detail}", retryable=True, **kwargs
        )
    if "context" in detail.lower() and ("length" in detail.lower() or "window" in detail.lower()):
        return errors.ContextLengthExceededError(
            f"the article is too long for {config.model}'s context (HTTP {status}): {detail}",
            retryable=False,
            **kwargs,
        )
    return errors.RequestRejectedError(
        f"{where} rejected the request (HTTP {status}): {detail}", retryable=False, **kwargs
    )


def _status_detail(exc: openai.APIStatusError) -> str:
    return error_detail(getattr(exc, "body", None), fallback=str(exc.message))


def error_detail(body: Any, *, fallback: str = "") -> str:
    """The provider's error message from an error body ({"error": {"message": ...}} or flat)."""
    if isinstance(body, dict):
        inner: dict[str, Any] = body["error"] if isinstance(body.get("error"), dict) else body
        if inner.get("message"):
            return str(inner["message"])[:300]
    return fallback[:300]


def not_json(config: ProviderConfig, stats: CallStats, detail: str) -> errors.InvalidResponseError:
    """A body that is not a JSON chat completion: the endpoint's fault, never a reask."""
    return errors.InvalidResponseError(
        f"{config.endpoint_host} answered with a body that is not a JSON chat completion "
        f"(a proxy or error page?): {redact(detail, config.api_key)}",
        retryable=True,
        attempts=max(stats.requests, 1),
    )


def check_json(response: Any, config: ProviderConfig, stats: CallStats) -> None:
    """A body that is not JSON (openai hands back its raw text) is an `InvalidResponseError`, never a reask."""
    if isinstance(response, (str, bytes)):
        text = response.decode("utf-8", "replace") if isinstance(response, bytes) else response
        raise not_json(config, stats, " ".join(text.split())[:120] or "an empty body")


def with_usage(error: BaseException, stats: CallStats) -> BaseException:
    """Our typed error carries the tokens the provider reported before the failure."""
    if isinstance(error, errors.SummarizerError) and error.usage is None:
        error.usage = stats.spent()
    return error


# What instructor reasks on: the answer was not JSON, or not a valid (grounded) brief.
_OUTPUT_ERRORS = (ValidationError, json.JSONDecodeError, ResponseParsingError, AsyncValidationError)


def _ungrounded(exc: BaseException) -> Ungrounded | None:
    """The grounding validator's failure inside a pydantic error, if that is what it is."""
    if isinstance(exc, ValidationError):
        for error in exc.errors():
            found = (error.get("ctx") or {}).get("error")
            if isinstance(found, Ungrounded):
                return found
    return None


def _output_failure(exc: BaseException, stats: CallStats, config: ProviderConfig) -> errors.ModelOutputError:
    """The answer never became a usable brief: say whether it was ungrounded or simply invalid."""
    ungrounded = _ungrounded(exc)
    cls: type[errors.ModelOutputError]
    if isinstance(ungrounded, Inconsistent):
        cls, what, found = errors.ConsistencyError, "consistent", ungrounded.problems
    elif ungrounded is not None:
        cls, what, found = errors.GroundingError, "grounded", ungrounded.problems
    else:
        cls, what = errors.InvalidOutputError, "valid"
        found = errors.problem_lines(exc) if isinstance(exc, ValidationError) else [" ".join(str(exc).split())]
    found = [redact(problem, config.api_key) for problem in found if problem]
    first = found[0] if found else type(exc).__name__
    return cls(
        f"no {what} brief after {count(stats.completions, 'answer')} "
        f"({count(stats.reasks, 'reask')}): {first[:240]}",
        raw_output=stats.last_output,
        attempts=stats.completions,
        problems=found,
    )


def failure(exc: BaseException, config: ProviderConfig, stats: CallStats) -> BaseException:
    """What a failed call raises: our typed error, or the exception itself when it is a bug of ours.

    instructor wraps whatever ended its loop in `InstructorRetryException`, with that
    exception as the cause and every reasked answer in `failed_attempts`. Only a provider
    error, one of our typed errors or an answer that failed validation is the endpoint's or
    the model's doing; anything else (a `TypeError` in a validator) propagates unchanged.
    """
    cause = exc.__cause__ if isinstance(exc, InstructorRetryException) and exc.__cause__ is not None else exc
    if isinstance(cause, (errors.SummarizerError, openai.APIError)):
        return classify(cause, config, stats)
    if isinstance(cause, _OUTPUT_ERRORS):
        return _output_failure(cause, stats, config)
    return cause
