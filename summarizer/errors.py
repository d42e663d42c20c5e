"""The errors this library raises, grouped by who has to act.

* `InputError`: the article the user gave cannot be summarized as it is.
* `ConfigurationError`: the user's settings are missing or wrong (model, endpoint, key).
* `ProviderError`: the endpoint failed; `retryable` says whether trying later can help.
* `ModelOutputError`: the endpoint answered, but the answer is not a usable brief.

Every message is one line a CLI can print as it is, and never contains the API key.
Nothing here is named `ValidationError` (instructor and pydantic both have one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import ValidationError as PydanticValidationError


class SummarizerError(Exception):
    """Base class: anything the summarizer reports as a known failure."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# --- input ---------------------------------------------------------------------------


class InputError(SummarizerError):
    """The article cannot be summarized as given."""

    exit_code = 2


class EmptyArticleError(InputError):
    """The article is empty or contains only whitespace."""


class BinaryInputError(InputError):
    """The input looks like binary data, not text."""


class EncodingError(InputError):
    """The input is not valid UTF-8 text."""


class NoStoryError(InputError):
    """The article has no story text: only links, headings or boilerplate."""


class ArticleMismatchError(InputError):
    """The article given is not the one the brief was made from (hash or evidence offsets differ)."""

    def __init__(self, message: str, *, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])


class InvalidBriefError(InputError):
    """A brief file is not valid JSON of the brief's schema."""


class ArticleTooLongError(InputError):
    """The article does not fit the model's context window."""

    def __init__(self, message: str, *, size: int, limit: int) -> None:
        super().__init__(message)
        self.size = size
        self.limit = limit


class InputNotFoundError(InputError):
    """The input path does not exist or is not a readable file."""


class DatasetError(InputError):
    """An eval dataset folder or gold file is missing, malformed or does not fit its article."""


class ReplayError(InputError):
    """A saved brief or eval log given for replay cannot be read or matched to a sample."""


class BatchInputError(InputError):
    """A batch input is malformed: a JSONL line that is not {"id", "text"}, a duplicate id."""


# --- configuration -------------------------------------------------------------------


class ConfigurationError(SummarizerError):
    """Settings are missing or contradictory."""

    exit_code = 3


class NoEndpointError(ConfigurationError):
    """Nothing names an endpoint: no model, base URL or key, neither given nor in the environment.

    The one case in which the command line may fall back to the embedded model.
    """


def install_hint(extra: str) -> str:
    """How to install one of the package's extras, in the words the README uses."""
    return f"pip install '.[{extra}]' in the project's folder"


class MissingExtraError(ConfigurationError):
    """A feature needs an optional part that is not installed; `extra` names the pip extra."""

    def __init__(self, what: str, *, extra: str) -> None:
        super().__init__(f"{what} needs the '{extra}' extra, which is not installed: {install_hint(extra)}")
        self.extra = extra


# --- provider ------------------------------------------------------------------------


class ProviderError(SummarizerError):
    """The endpoint failed to answer usefully.

    `retryable` is True for faults that can pass (rate limits, 5xx, timeouts, resets): the
    error is raised only after the retry budget ran out. `attempts` counts HTTP requests.
    """

    exit_code = 4

    def __init__(
        self,
        message: str,
        *,
        retryable: bool,
        status_code: int | None = None,
        attempts: int = 1,
    ) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.status_code = status_code
        self.attempts = attempts


class AuthenticationFailedError(ProviderError):
    """The endpoint rejected the API key (401/403)."""


class RequestRejectedError(ProviderError):
    """The endpoint rejected the request as malformed or unsupported (400/404/422)."""


class ContextLengthExceededError(RequestRejectedError):
    """The endpoint says the prompt is longer than the model's context."""


class RateLimitedError(ProviderError):
    """Still rate-limited (429) after every retry."""


class ProviderUnavailableError(ProviderError):
    """The endpoint kept failing (5xx, connection refused or reset) after every retry."""


class ProviderTimeoutError(ProviderError):
    """No complete answer within the time allowed (per request or per article)."""


class EmbeddedServerError(ProviderUnavailableError):
    """The embedded llama.cpp server did not start, or died; the message quotes its last log line."""


# --- model output --------------------------------------------------------------------


class ModelOutputError(SummarizerError):
    """The endpoint answered, but not with a usable brief.

    Keeps what is needed to debug it: the last raw completion text and how many times the
    model was asked.
    """

    exit_code = 5

    def __init__(
        self,
        message: str,
        *,
        raw_output: str | None = None,
        attempts: int = 1,
        problems: list[str] | None = None,
    ) -> None:
        super().__init__(message)
        self.raw_output = raw_output
        self.attempts = attempts
        self.problems = list(problems or [])


class InvalidOutputError(ModelOutputError):
    """The output never became valid JSON of the brief's schema within the reask budget."""


class GroundingError(ModelOutputError):
    """The output cites text that is not in the article (or breaks another content rule)."""


class RefusalError(ModelOutputError):
    """The model refused to answer."""


class ContentFilteredError(ModelOutputError):
    """The provider's content filter stopped the answer."""


class TruncatedOutputError(ModelOutputError):
    """The answer was cut off at the token limit before the brief was complete."""


class EmptyResponseError(ModelOutputError):
    """The endpoint returned no choices or no content."""


def describe(error: BaseException) -> dict[str, Any]:
    """A JSON-able description of an error, for logs and batch result lines."""
    info: dict[str, Any] = {"type": type(error).__name__, "message": str(error)}
    for attr in ("retryable", "status_code", "attempts", "problems", "size", "limit"):
        if hasattr(error, attr):
            info[attr] = getattr(error, attr)
    return info


def problem_lines(exc: PydanticValidationError, limit: int = 20) -> list[str]:
    """Each of pydantic's problems as one line: where it is (a dotted path) and what it is."""
    lines = []
    for error in exc.errors()[:limit]:
        where = ".".join(str(part) for part in error["loc"]) or "(top level)"
        lines.append(f"{where}: {' '.join(str(error['msg']).split())}")
    return lines


def first_problem(exc: PydanticValidationError) -> str:
    """Pydantic's first problem as one line, and how many more there are."""
    more = exc.error_count() - 1
    return problem_lines(exc, limit=1)[0] + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")
