"""Which endpoint and model to use, and the limits of one call.

Resolution order: explicit arguments (CLI flags), then the environment (`OPENAI_BASE_URL`,
`OPENAI_API_KEY`, `SUMMARIZER_MODEL`), then the embedded local model when it is installed.
The key is held in a field that never appears in `repr()` or in anything we write.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from urllib.parse import urlsplit

from .errors import ConfigurationError

DEFAULT_REMOTE_MODEL = "gpt-4.1-mini"
OPENAI_HOST = "api.openai.com"


class OutputMode(StrEnum):
    """How structured output is requested from the endpoint."""

    TOOLS = "tools"  # a forced function call; OpenAI and most compatible servers
    JSON_SCHEMA = "json_schema"  # response_format json_schema (strict decoding where offered)
    JSON = "json"  # response_format json_object with the schema attached (llama.cpp server)


@dataclass(frozen=True)
class ProviderConfig:
    """Everything needed to reach one model. `api_key` is excluded from repr."""

    model: str
    base_url: str | None = None
    api_key: str = field(default="", repr=False)
    mode: OutputMode = OutputMode.TOOLS
    provider: str = "openai-compatible"
    context_tokens: int | None = None  # the model's window, when known
    request_timeout: float = 60.0  # seconds for one HTTP request
    deadline: float = 180.0  # seconds for one article: every retry and reask included
    max_reasks: int = 2
    max_transport_attempts: int = 4
    backoff_initial: float = 0.5  # seconds before the first transport retry; doubles, with jitter
    temperature: float = 0.0
    max_tokens: int | None = 4096
    seed: int | None = 0
    # Bounds written into the decoding grammar only (JSON mode): each string at most this many
    # characters, each array at most this many items (never below its minimum). Validation is
    # unchanged. Lets a tiny local model finish its JSON object within a small token budget.
    grammar_max_string: int | None = None
    grammar_max_items: int | None = None

    def __post_init__(self) -> None:
        self._check_types()
        if not isinstance(self.mode, OutputMode):
            try:
                object.__setattr__(self, "mode", OutputMode(self.mode))
            except ValueError:
                choices = ", ".join(m.value for m in OutputMode)
                raise ConfigurationError(f"unknown mode {self.mode!r}: use one of {choices}") from None

    def _check_types(self) -> None:
        """Every wrong value is a `ConfigurationError` naming the field, never a failure mid-call."""

        def number(value: object) -> bool:
            return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)

        def integer(value: object) -> bool:
            return isinstance(value, int) and not isinstance(value, bool)

        rules: dict[str, tuple[bool, str]] = {
            "model": (isinstance(self.model, str) and bool(self.model.strip()), "a non-empty model name"),
            "base_url": (self.base_url is None or isinstance(self.base_url, str), "a URL string or None"),
            "api_key": (isinstance(self.api_key, str), "a string"),
            "request_timeout": (number(self.request_timeout) and self.request_timeout > 0, "seconds above 0"),
            "deadline": (number(self.deadline) and self.deadline > 0, "seconds above 0"),
            "max_reasks": (integer(self.max_reasks) and self.max_reasks >= 0, "an integer of at least 0"),
            "max_transport_attempts": (
                integer(self.max_transport_attempts) and self.max_transport_attempts >= 1, "an integer of at least 1"
            ),
            "backoff_initial": (number(self.backoff_initial) and self.backoff_initial >= 0, "seconds, at least 0"),
            "temperature": (number(self.temperature) and self.temperature >= 0, "a number of at least 0"),
            "max_tokens": (self.max_tokens is None or (integer(self.max_tokens) and self.max_tokens > 0),
                           "a positive integer or None"),
            "context_tokens": (
                self.context_tokens is None or (integer(self.context_tokens) and self.context_tokens > 0),
                "a positive integer or None",
            ),
            "seed": (self.seed is None or integer(self.seed), "an integer or None"),
        }
        for name, (ok, wanted) in rules.items():
            if not ok:
                value = getattr(self, name)
                shown = "the key given" if name == "api_key" else repr(value)
                raise ConfigurationError(f"{name} must be {wanted}, got {shown} ({type(value).__name__})")

    def __repr__(self) -> str:
        shown = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "api_key"}
        shown["base_url"] = self.safe_base_url
        return f"ProviderConfig({', '.join(f'{k}={v!r}' for k, v in shown.items())})"

    @property
    def safe_base_url(self) -> str | None:
        """The base URL with any user:password@ removed."""
        if not self.base_url:
            return None
        parts = urlsplit(self.base_url)
        return parts._replace(netloc=parts.netloc.rsplit("@", 1)[-1]).geturl()

    @property
    def endpoint_host(self) -> str:
        """Host (and port) of the endpoint: safe to log, never the key."""
        if not self.base_url:
            return OPENAI_HOST
        parts = urlsplit(self.base_url)
        return parts.netloc.rsplit("@", 1)[-1] or self.base_url

    def settings(self) -> dict[str, float | int | str | None]:
        """Call parameters that change the output: recorded in metadata and cache keys."""
        return {
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
            "seed": self.seed,
            "max_reasks": self.max_reasks,
            "mode": self.mode.value,
            "grammar_max_string": self.grammar_max_string,
            "grammar_max_items": self.grammar_max_items,
        }

    def with_overrides(self, **changes: object) -> ProviderConfig:
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ConfigurationError(f"unknown option {unknown[0]!r}: options are {', '.join(sorted(known))}")
        return replace(self, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]


def resolve(
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    mode: OutputMode | str | None = None,
    environ: dict[str, str] | None = None,
) -> ProviderConfig:
    """Pick the endpoint from explicit values, then the environment.

    Raises `ConfigurationError` when neither names an endpoint; callers that can fall back
    to the embedded model do so on that error.
    """
    env = os.environ if environ is None else environ
    base_url = base_url or env.get("OPENAI_BASE_URL") or None
    api_key = api_key or env.get("OPENAI_API_KEY") or None
    if not base_url and not api_key:
        raise ConfigurationError(
            "no endpoint configured: set OPENAI_API_KEY (and OPENAI_BASE_URL for a "
            "compatible server), or pass --base-url/--api-key"
        )
    if base_url and urlsplit(base_url).scheme not in ("http", "https"):
        raise ConfigurationError(f"--base-url must start with http:// or https://, got {base_url!r}")
    chosen_mode = OutputMode(mode) if mode else OutputMode.TOOLS
    return ProviderConfig(
        model=model or env.get("SUMMARIZER_MODEL") or DEFAULT_REMOTE_MODEL,
        base_url=base_url,
        # A local compatible server often needs no key, but the openai client insists on one.
        api_key=api_key or "not-needed",
        mode=chosen_mode,
    )
