"""The one structured-output call: `openai` client, `instructor` reasks, `tenacity` retries.

This is the only module that imports openai, instructor or tenacity. Two retry budgets are
kept apart on purpose (instructor #1907):

* transport faults (429, 5xx, timeouts, resets) are retried by tenacity *inside* one
  attempt, with exponential backoff and jitter, honouring Retry-After, bounded in attempts
  and by the article's deadline; they are never shown to the model;
* invalid or ungrounded output is sent back to the model by instructor's reask, at most
  `max_reasks` times.

Non-retryable answers (401, 400, context too long, refusal, content filter, truncation)
fail at once with a typed error from `errors.py`.
"""

from __future__ import annotations

import asyncio
import contextvars
import copy
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

import aiohttp
import instructor
import openai
from instructor.core import retry_async, retry_sync
from instructor.core.exceptions import AsyncValidationError, InstructorRetryException, ResponseParsingError
from instructor.processing import handle_response_model, process_response
from pydantic import BaseModel, ValidationError, create_model
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    wait_exponential_jitter,
)

from .. import errors
from ..config import OutputMode, ProviderConfig
from ..grounding import GroundedDraft, Grounding, Inconsistent, Ungrounded, citable_schema
from ..prompts import Prompt
from ..schema import BriefDraft, Usage
from .instructor_checks import remember_async_validator_checks

try:  # openai >= 3 sends through httpx2; earlier versions through httpx (same interface)
    import httpx2 as httpx
except ImportError:  # pragma: no cover
    import httpx  # type: ignore[no-redef]

M = TypeVar("M", bound=BaseModel)
_TRANSIENT = (openai.APIConnectionError, openai.RateLimitError, openai.InternalServerError)
_INSTRUCTOR_MODE = {
    OutputMode.TOOLS: instructor.Mode.TOOLS,
    OutputMode.JSON_SCHEMA: instructor.Mode.JSON_SCHEMA,
    OutputMode.JSON: instructor.Mode.JSON,
}
_MAX_RETRY_AFTER = 60.0
# The provider whose server enforces the response_format schema as a grammar while decoding
# (`embedded.model.PROVIDER`): it needs no schema text in the prompt.
GRAMMAR_PROVIDER = "embedded"
_SECRET_PATTERN = re.compile(r"\b(sk|rk|pk)-[A-Za-z0-9_*\-]{6,}")
# Key-shaped without a known prefix: a run of 24+ key characters mixing letters and digits
# (a bearer token, a hex or base64 secret). Request ids and hashes of that shape go too.
_KEY_SHAPED = re.compile(r"(?<![A-Za-z0-9_\-])(?=[A-Za-z0-9_\-]*[0-9])(?=[A-Za-z0-9_\-]*[A-Za-z])[A-Za-z0-9_\-]{24,}")
_KEY_CHARS = r"[A-Za-z0-9_\-*.…]*"
_ECHO_WINDOW = 8  # a quoted piece of the key at least this long is redacted with what surrounds it

# instructor logs every failed attempt at ERROR level, provider error bodies included (which
# can echo the API key). Our typed errors carry the same facts, redacted, so keep it quiet.
logging.getLogger("instructor").setLevel(logging.CRITICAL)

# instructor re-checks the response model for async validators five times per call, walking
# the whole class each time; the answer is fixed per class (see `instructor_checks`).
remember_async_validator_checks()


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


@dataclass(frozen=True)
class CallResult:
    draft: BriefDraft
    stats: CallStats


class Deadline:
    """The wall-clock time left for one article, shared by every request, body read and reask."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.ends - time.monotonic()

    def error(self, attempts: int = 1) -> errors.ProviderTimeoutError:
        tries = _count(attempts, "attempt")
        return errors.ProviderTimeoutError(
            f"no complete answer within the {self.seconds:g}s deadline for this article ({tries})",
            retryable=True,
            attempts=attempts,
        )

    def request_timeout(self, per_request: float) -> float:
        left = self.remaining()
        if left <= 0.05:
            raise self.error()
        return min(per_request, left)


# The deadline of the article being summarized in this thread or task, read by the transport.
_CURRENT_DEADLINE: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar("deadline", default=None)


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
        deadline = _CURRENT_DEADLINE.get()
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


def _transport_policy(config: ProviderConfig, deadline: Deadline) -> dict[str, Any]:
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
    if getattr(message, "tool_calls", None):
        return message.tool_calls[0].function.arguments
    return message.content


def _check_completion(response: Any, stats: CallStats) -> None:
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
    if isinstance(exc, (openai.APITimeoutError, httpx.TimeoutException)):
        deadline = stats.deadline
        if deadline is not None and (deadline.remaining() <= 0.2 or deadline.seconds <= config.request_timeout):
            return deadline.error(attempts)
        return errors.ProviderTimeoutError(
            f"{where} did not answer within {config.request_timeout:g}s per request ({_count(attempts, 'attempt')})",
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
        inner = body.get("error") if isinstance(body.get("error"), dict) else body
        if inner.get("message"):
            return str(inner["message"])[:300]
    return fallback[:300]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


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
        f"no {what} brief after {_count(stats.completions, 'answer')} "
        f"({_count(stats.reasks, 'reask')}): {first[:240]}",
        raw_output=stats.last_output,
        attempts=stats.completions,
        problems=found,
    )


def _failure(exc: BaseException, config: ProviderConfig, stats: CallStats) -> BaseException:
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


# instructor's base class for response models: it uses a model built on it as is, and wraps
# any other model in a new pydantic class on every request it prepares (twice per call).
RESPONSE_MIXIN: type[BaseModel] = instructor.ResponseSchema
# The brief's one response model, for every article: the article's `Grounding` comes with each
# call as validation context, and its citable IDs go into the request (`brief_request`).
# instructor sends the model's docstring as the function's description: the brief's own (a class
# built by create_model has none, and instructor would send its boilerplate).
BRIEF_MODEL: type[GroundedDraft] = create_model(
    "BriefDraft", __base__=(GroundedDraft, RESPONSE_MIXIN), __doc__=BriefDraft.__doc__
)


def instructor_model(response_model: type[M]) -> type[M]:
    """`response_model` as a `RESPONSE_MIXIN` subclass, wrapped at most once per model.

    The brief's model is built on the mixin (`BRIEF_MODEL`); any other model (the eval
    judge's) gets instructor's own wrapper (`response_schema`) once, kept on the model itself,
    so requests and parsing are exactly what instructor makes of the bare model.
    """
    if issubclass(response_model, RESPONSE_MIXIN):
        return response_model
    wrapped: type[M] | None = response_model.__dict__.get("__instructor_model__")
    if wrapped is None:
        wrapped = instructor.response_schema(response_model)
        type.__setattr__(response_model, "__instructor_model__", wrapped)
    return wrapped


def _request(config: ProviderConfig, prompt: Prompt, response_model: type[BaseModel]) -> dict[str, Any]:
    """instructor's request for `response_model` in the config's mode (tools, response_format or schema text)."""
    kwargs: dict[str, Any] = {
        "model": config.model,
        "messages": prompt.messages(),
        "temperature": config.temperature,
    }
    if config.max_tokens is not None:
        kwargs["max_tokens"] = config.max_tokens
    if config.seed is not None:
        kwargs["seed"] = config.seed
    request = _instructor_body(response_model, _INSTRUCTOR_MODE[config.mode], kwargs)
    if config.mode is OutputMode.JSON:
        # llama.cpp's server constrains decoding to a schema given inside response_format.
        schema = decoding_schema(response_model.model_json_schema(), config)
        request["extra_body"] = {"response_format": {"type": "json_object", "schema": schema}}
    return request


# What instructor adds to a request, per (response model, mode, other arguments), for modes in
# which it leaves the messages as they are (tools, response_format): the tool definition or
# response format depends on the model alone, so it is prepared once, not on every call.
_BODIES: dict[tuple[Any, ...], dict[str, Any] | None] = {}
_MESSAGES = "messages"


def _instructor_body(response_model: type[BaseModel], mode: instructor.Mode, kwargs: dict[str, Any]) -> dict[str, Any]:
    """`handle_response_model(response_model, mode, **kwargs)`'s request, reused across articles where it can be.

    The first request of a kind is instructor's own; if instructor left its messages unchanged,
    later requests of that kind are the same dict with their own messages in the same place
    (key order included, so the bytes sent are identical). In a mode where instructor rewrites
    the messages (JSON mode appends the schema as text) it is asked every time, as before.
    The template's values are shared, not copied: nothing downstream mutates them (openai
    transforms a request into new objects; instructor's reask extends only the messages, which
    are each request's own; `brief_request` replaces the tool or response format it narrows).
    """
    key = (response_model, mode, tuple((k, v) for k, v in kwargs.items() if k != _MESSAGES))
    template = _BODIES.get(key)
    if template is None and key not in _BODIES:
        _, body = handle_response_model(response_model, mode=mode, **kwargs)
        reusable = body.get(_MESSAGES) == kwargs.get(_MESSAGES) and list(body)[: len(kwargs)] == list(kwargs)
        _BODIES[key] = copy.deepcopy(body) if reusable else None  # a private copy: the first request is sent
        return body
    if template is None:
        _, body = handle_response_model(response_model, mode=mode, **kwargs)
        return body
    return {k: (kwargs[_MESSAGES] if k == _MESSAGES else v) for k, v in template.items()}


def brief_request(config: ProviderConfig, prompt: Prompt, grounding: Grounding) -> dict[str, Any]:
    """The request for a brief of `grounding.article`: `BRIEF_MODEL`'s, with the article's citable IDs.

    The model's schema is built once; here only the sentence-ID enum is added, in whichever
    place the mode carries the schema (the tool's parameters, response_format, or the JSON
    text instructor appends to the system message).
    """
    request = _request(config, prompt, BRIEF_MODEL)
    ids = grounding.citable_ids
    if config.mode is OutputMode.TOOLS:
        tool = request["tools"][0]
        function = {**tool["function"], "parameters": citable_schema(tool["function"]["parameters"], ids)}
        request["tools"] = [{**tool, "function": function}]
    elif config.mode is OutputMode.JSON_SCHEMA:
        response_format = request["response_format"]
        spec = response_format["json_schema"]
        spec = {**spec, "schema": citable_schema(spec["schema"], ids)}
        request["response_format"] = {**response_format, "json_schema": spec}
    else:
        schema = BRIEF_MODEL.model_json_schema()
        plain, cited = (json.dumps(s, indent=2, ensure_ascii=False) for s in (schema, citable_schema(schema, ids)))
        system = request["messages"][0]
        if not isinstance(system.get("content"), str) or plain not in system["content"]:
            raise RuntimeError("instructor's JSON mode no longer puts the schema into the system message as text")
        if config.provider == GRAMMAR_PROVIDER and system["content"].startswith(prompt.system):
            # The embedded llama.cpp server constrains decoding to the schema in response_format
            # (below): the same schema as text in the prompt (~2,400 tokens) only slows a small
            # model down. The system prompt states every field in words.
            system = {**system, "content": prompt.system}
        else:
            system = {**system, "content": system["content"].replace(plain, cited, 1)}
        request["messages"] = [system, *request["messages"][1:]]
        bounded = decoding_schema(citable_schema(schema, ids), config)
        request["extra_body"] = {"response_format": {"type": "json_object", "schema": bounded}}
    return request


def decoding_schema(schema: dict[str, Any], config: ProviderConfig) -> dict[str, Any]:
    """The schema handed to a grammar-constrained decoder, with the config's size bounds added."""
    if config.grammar_max_string is None and config.grammar_max_items is None:
        return schema

    def bound(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                bound(item)
        elif isinstance(node, dict):
            longest, most = config.grammar_max_string, config.grammar_max_items
            if longest and node.get("type") == "string" and "enum" not in node:
                node["maxLength"] = min(node.get("maxLength", longest), longest)
            if most and node.get("type") == "array":
                node["maxItems"] = max(node.get("minItems", 0), min(node.get("maxItems", most), most))
            for value in node.values():
                bound(value)

    bounded = json.loads(json.dumps(schema))
    bound(bounded)
    return bounded


def make_client(config: ProviderConfig) -> openai.OpenAI:
    # max_retries=0: tenacity owns retries, so attempts are counted and bounded in one place.
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


def _sync_create(client: openai.OpenAI, config: ProviderConfig, stats: CallStats) -> Callable[..., Any]:
    """The client's create under our transport retries and answer checks, counting into `stats`."""
    deadline = stats.deadline or Deadline(config.deadline)
    raw_create = client.chat.completions.create

    def create(*args: Any, **kwargs: Any) -> Any:
        for attempt in Retrying(**_transport_policy(config, deadline)):
            with attempt:
                stats.requests += 1
                try:
                    response = raw_create(*args, timeout=deadline.request_timeout(config.request_timeout), **kwargs)
                except json.JSONDecodeError as exc:
                    raise _not_json(config, stats, f"invalid JSON: {exc.msg} at character {exc.pos}") from None
                _check_json(response, config, stats)
        stats.completions += 1
        stats.add_usage(response)
        _check_completion(response, stats)
        return response

    return create


def _async_create(client: openai.AsyncOpenAI, config: ProviderConfig, stats: CallStats) -> Callable[..., Any]:
    """Async twin of `_sync_create`."""
    deadline = stats.deadline or Deadline(config.deadline)
    raw_create: Callable[..., Awaitable[Any]] = client.chat.completions.create

    async def create(*args: Any, **kwargs: Any) -> Any:
        async for attempt in AsyncRetrying(**_transport_policy(config, deadline)):
            with attempt:
                stats.requests += 1
                try:
                    response = await raw_create(
                        *args, timeout=deadline.request_timeout(config.request_timeout), **kwargs
                    )
                except json.JSONDecodeError as exc:
                    raise _not_json(config, stats, f"invalid JSON: {exc.msg} at character {exc.pos}") from None
                _check_json(response, config, stats)
        stats.completions += 1
        stats.add_usage(response)
        _check_completion(response, stats)
        return response

    return create


def _check_json(response: Any, config: ProviderConfig, stats: CallStats) -> None:
    """A body that is not JSON (openai hands back its raw text) is an `InvalidResponseError`, never a reask."""
    if isinstance(response, (str, bytes)):
        text = response.decode("utf-8", "replace") if isinstance(response, bytes) else response
        raise _not_json(config, stats, " ".join(text.split())[:120] or "an empty body")


def _not_json(config: ProviderConfig, stats: CallStats, detail: str) -> errors.InvalidResponseError:
    return errors.InvalidResponseError(
        f"{config.endpoint_host} answered with a body that is not a JSON chat completion "
        f"(a proxy or error page?): {redact(detail, config.api_key)}",
        retryable=True,
        attempts=max(stats.requests, 1),
    )


def _with_usage(error: BaseException, stats: CallStats) -> BaseException:
    """Our typed error carries the tokens the provider reported before the failure."""
    if isinstance(error, errors.SummarizerError) and error.usage is None:
        error.usage = stats.spent()
    return error


def _ask(
    client: openai.OpenAI,
    config: ProviderConfig,
    request: dict[str, Any],
    response_model: type[M],
    context: dict[str, Any] | None,
) -> tuple[M, CallStats]:
    """Send `request`; instructor validates the answer (with `context`) and reasks; failures leave typed.

    instructor's retry loop is called directly, with the request we built: its `context=`
    argument on `create` would also render our messages as Jinja templates. The article's
    deadline is set for the transport (`DeadlineTransport`), which enforces it on every body.
    """
    deadline = Deadline(config.deadline)
    stats = CallStats(deadline=deadline)
    token = _CURRENT_DEADLINE.set(deadline)
    try:
        answer = retry_sync(
            func=_sync_create(client, config, stats),
            response_model=response_model,
            args=(),
            kwargs=request,
            context=context,
            max_retries=config.max_reasks,
            strict=True,
            mode=_INSTRUCTOR_MODE[config.mode],
        )
    except Exception as exc:  # every failure of the endpoint or the model leaves here typed
        raise _with_usage(_failure(exc, config, stats), stats) from None
    finally:
        _CURRENT_DEADLINE.reset(token)
    return cast(M, answer), stats


def call(client: openai.OpenAI, config: ProviderConfig, prompt: Prompt, grounding: Grounding) -> CallResult:
    """Ask for a brief of `grounding.article`; return the validated draft and what it took, or raise a typed error."""
    draft, stats = _ask(client, config, brief_request(config, prompt, grounding), BRIEF_MODEL, grounding.context())
    return CallResult(draft=draft, stats=stats)


def call_structured(
    client: openai.OpenAI, config: ProviderConfig, prompt: Prompt, response_model: type[M]
) -> tuple[M, CallStats]:
    """Any other structured answer (e.g. the eval judge's verdicts) under the same retries and reasks."""
    model = instructor_model(response_model)
    return _ask(client, config, _request(config, prompt, model), model, None)


async def acall(
    client: openai.AsyncOpenAI, config: ProviderConfig, prompt: Prompt, grounding: Grounding
) -> CallResult:
    """Async twin of `call`; bounded as a whole by the article's deadline (`asyncio.timeout`)."""
    deadline = Deadline(config.deadline)
    stats = CallStats(deadline=deadline)
    try:
        async with asyncio.timeout(max(deadline.remaining(), 0.0)):
            draft = await retry_async(
                func=_async_create(client, config, stats),
                response_model=BRIEF_MODEL,
                args=(),
                kwargs=brief_request(config, prompt, grounding),
                context=grounding.context(),
                max_retries=config.max_reasks,
                strict=True,
                mode=_INSTRUCTOR_MODE[config.mode],
            )
    except TimeoutError:
        raise _with_usage(deadline.error(max(stats.requests, 1)), stats) from None
    except Exception as exc:
        raise _with_usage(_failure(exc, config, stats), stats) from None
    return CallResult(draft=cast(GroundedDraft, draft), stats=stats)


# --- the OpenAI Batch API: the same request and the same parsing, without the live call ---


def request_body(config: ProviderConfig, prompt: Prompt, grounding: Grounding) -> dict[str, Any]:
    """The JSON body the live path would send for this article (tools or response_format included).

    The same `brief_request` as `call`, so a Batch API line asks for exactly what `call` asks for.
    """
    request = brief_request(config, prompt, grounding)
    extra = request.pop("extra_body", None) or {}
    return {**request, **extra}


def parse_completion(body: dict[str, Any], config: ProviderConfig, grounding: Grounding) -> CallResult:
    """Validate a chat-completion body that arrived offline (a Batch API result line).

    The same checks as the live path (refusal, truncation, schema, grounding validator),
    without reasks: a bad answer becomes a typed `ModelOutputError`.
    """
    from openai.types.chat import ChatCompletion

    stats = CallStats()
    stats.requests = 1
    try:
        completion = ChatCompletion.model_validate(body)
    except ValidationError as exc:  # the body is not a chat completion at all
        raise errors.InvalidOutputError(
            f"the result is not a chat completion: {errors.first_problem(exc)[:200]}",
            raw_output=json.dumps(body, ensure_ascii=False)[:2000],
        ) from None
    stats.completions = 1
    stats.add_usage(completion)
    try:
        _check_completion(completion, stats)
        draft = process_response(
            completion,
            response_model=BRIEF_MODEL,
            stream=False,
            validation_context=grounding.context(),
            mode=_INSTRUCTOR_MODE[config.mode],
        )
    except Exception as exc:
        raise _with_usage(_failure(exc, config, stats), stats) from None
    return CallResult(draft=cast(GroundedDraft, draft), stats=stats)


def api_call(config: ProviderConfig, operation: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run one client operation (upload, create, poll, download) with our transport retries.

    Failures leave typed, key-free, as from `call`.
    """
    deadline = Deadline(config.deadline)
    stats = CallStats(deadline=deadline)
    result: Any = None
    token = _CURRENT_DEADLINE.set(deadline)  # a download that drips stops at the deadline too
    try:
        for attempt in Retrying(**_transport_policy(config, deadline)):
            with attempt:
                stats.requests += 1
                result = operation(*args, **kwargs)
    except (openai.APIError, httpx.TransportError) as exc:  # a streamed download raises the transport's own
        raise classify(exc, config, stats) from None
    finally:
        _CURRENT_DEADLINE.reset(token)
    return result
