"""The one structured-output call: the request goes out, a validated draft or a typed error comes back.

Two retry budgets are kept apart on purpose (instructor #1907):

* transport faults (429, 5xx, timeouts, resets) are retried by tenacity *inside* one
  attempt (`transport`); they are never shown to the model;
* invalid or ungrounded output is sent back to the model by instructor's reask, at most
  `max_reasks` times, with the article as validation context.

Non-retryable answers (401, 400, context too long, refusal, content filter, truncation)
fail at once with a typed error (`failures`); a bug of ours propagates as itself. The
article's deadline is one wall clock over every request, body read and reask (`transport`).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import openai
from instructor.core import retry_async, retry_sync
from instructor.processing import process_response
from pydantic import BaseModel, ValidationError
from tenacity import (
    AsyncRetrying,
    Retrying,
)

from .. import errors
from ..config import ProviderConfig
from ..grounding import GroundedDraft, Grounding
from ..prompts import Prompt
from ..schema import BriefDraft
from .failures import check_json, classify, failure, not_json, with_usage
from .instructor_checks import remember_async_validator_checks
from .request import BRIEF_MODEL, INSTRUCTOR_MODE, brief_request, instructor_model, request_for
from .transport import CURRENT_DEADLINE, CallStats, Deadline, HttpTransportError, check_completion, transport_policy

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R")


# instructor logs every failed attempt at ERROR level, provider error bodies included (which
# can echo the API key). Our typed errors carry the same facts, redacted, so keep it quiet.
logging.getLogger("instructor").setLevel(logging.CRITICAL)

# instructor re-checks the response model for async validators five times per call, walking
# the whole class each time; the answer is fixed per class (see `instructor_checks`).
remember_async_validator_checks()


@dataclass(frozen=True)
class CallResult:
    draft: BriefDraft
    stats: CallStats


def _not_json(exc: json.JSONDecodeError, config: ProviderConfig, stats: CallStats) -> Exception:
    return not_json(config, stats, f"invalid JSON: {exc.msg} at character {exc.pos}")


def _completed(response: Any, stats: CallStats) -> Any:
    """Count a completion that passed the transport checks, then check the completion itself."""
    stats.completions += 1
    stats.add_usage(response)
    check_completion(response, stats)
    return response


def _sync_create(client: openai.OpenAI, config: ProviderConfig, stats: CallStats) -> Callable[..., Any]:
    """The client's create under our transport retries and answer checks, counting into `stats`."""
    deadline = stats.deadline or Deadline(config.deadline)
    raw_create = client.chat.completions.create

    def create(*args: Any, **kwargs: Any) -> Any:
        for attempt in Retrying(**transport_policy(config, deadline)):
            with attempt:
                stats.requests += 1
                try:
                    response = raw_create(*args, timeout=deadline.request_timeout(config.request_timeout), **kwargs)
                except json.JSONDecodeError as exc:
                    raise _not_json(exc, config, stats) from None
                check_json(response, config, stats)
        return _completed(response, stats)

    return create


def _async_create(client: openai.AsyncOpenAI, config: ProviderConfig, stats: CallStats) -> Callable[..., Any]:
    """Async twin of `_sync_create` (the loop differs; what happens to a response is shared)."""
    deadline = stats.deadline or Deadline(config.deadline)
    raw_create: Callable[..., Awaitable[Any]] = client.chat.completions.create

    async def create(*args: Any, **kwargs: Any) -> Any:
        async for attempt in AsyncRetrying(**transport_policy(config, deadline)):
            with attempt:
                stats.requests += 1
                try:
                    response = await raw_create(
                        *args, timeout=deadline.request_timeout(config.request_timeout), **kwargs
                    )
                except json.JSONDecodeError as exc:
                    raise _not_json(exc, config, stats) from None
                check_json(response, config, stats)
        return _completed(response, stats)

    return create


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
    token = CURRENT_DEADLINE.set(deadline)
    try:
        answer = retry_sync(
            func=_sync_create(client, config, stats),
            response_model=response_model,
            args=(),
            kwargs=request,
            context=context,
            max_retries=config.max_reasks,
            strict=True,
            mode=INSTRUCTOR_MODE[config.mode],
        )
    except Exception as exc:  # every failure of the endpoint or the model leaves here typed
        raise with_usage(failure(exc, config, stats), stats) from None
    finally:
        CURRENT_DEADLINE.reset(token)
    return cast(M, answer), stats


def call(client: openai.OpenAI, config: ProviderConfig, prompt: Prompt, grounding: Grounding) -> CallResult:
    """Ask for a brief of `grounding.article`; return the validated draft and what it took, or raise a typed error."""
    draft, stats = _ask(client, config, brief_request(config, prompt, grounding), BRIEF_MODEL, grounding.context())
    return CallResult(draft=draft, stats=stats)


def call_structured(
    client: openai.OpenAI,
    config: ProviderConfig,
    prompt: Prompt,
    response_model: type[M],
    *,
    context: dict[str, Any] | None = None,
) -> tuple[M, CallStats]:
    """Any other structured answer (e.g. the eval judge's verdicts) under the same retries and reasks.

    `context` is the pydantic validation context the model's validators read.
    """
    model = instructor_model(response_model)
    return _ask(client, config, request_for(config, prompt, model), model, context)


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
                mode=INSTRUCTOR_MODE[config.mode],
            )
    except TimeoutError:
        raise with_usage(deadline.error(max(stats.requests, 1)), stats) from None
    except Exception as exc:
        raise with_usage(failure(exc, config, stats), stats) from None
    return CallResult(draft=cast(GroundedDraft, draft), stats=stats)


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
        check_completion(completion, stats)
        draft = process_response(
            completion,
            response_model=BRIEF_MODEL,
            stream=False,
            validation_context=grounding.context(),
            mode=INSTRUCTOR_MODE[config.mode],
        )
    except Exception as exc:
        raise with_usage(failure(exc, config, stats), stats) from None
    return CallResult(draft=cast(GroundedDraft, draft), stats=stats)


def api_call(config: ProviderConfig, operation: Callable[..., R], *args: Any, **kwargs: Any) -> R:
    """Run one client operation (upload, create, poll, download) with our transport retries.

    Failures leave typed, key-free, as from `call`.
    """
    deadline = Deadline(config.deadline)
    stats = CallStats(deadline=deadline)
    token = CURRENT_DEADLINE.set(deadline)  # a download that drips stops at the deadline too
    try:
        for attempt in Retrying(**transport_policy(config, deadline)):
            with attempt:
                stats.requests += 1
                return operation(*args, **kwargs)
    except (openai.APIError, HttpTransportError) as exc:  # a streamed download raises the transport's own
        raise classify(exc, config, stats) from None
    finally:
        CURRENT_DEADLINE.reset(token)
    raise AssertionError("tenacity neither returned nor raised")  # unreachable: reraise=True
