"""Which endpoint and model to use, and the limits of one call.

Resolution (`resolve`): explicit arguments (CLI flags), then the environment (`OPENAI_BASE_URL`,
`OPENAI_API_KEY`, `SUMMARIZER_MODEL`). A value set anywhere is used or refused with a precise
error, never replaced; only when nothing at all is set may the command line fall back to the
embedded model (`endpoint.open_endpoint`). The key is held in a field that never appears in
`repr()` or in anything we write.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from urllib.parse import urlsplit

from .errors import ConfigurationError, NoEndpointError

DEFAULT_REMOTE_MODEL = "gpt-4.1-mini"
OPENAI_HOST = "api.openai.com"


class OutputMode(StrEnum):
    """How structured output is requested from the endpoint."""

    TOOLS = "tools"  # a forced function call; OpenAI and most compatible servers
    JSON_SCHEMA = "json_schema"  # response_format json_schema (strict decoding where offered)
    JSON = "json"  # response_format json_object with the schema attached (llama.cpp server)


# The provider whose server constrains decoding to the schema it is sent (the embedded
# llama.cpp server, `embedded.model.PROVIDER`; see `ProviderConfig.constrained_decoding`).
GRAMMAR_PROVIDER = "embedded"


@dataclass(frozen=True)
class ProviderConfig:
    """Everything needed to reach one model and the limits of one call; `api_key` never shows in repr.

    Build one with `resolve(...)` (or `Summarizer(...)`'s arguments), or directly for full control.

    Attributes:
        model: Model name sent to the endpoint.
        base_url: OpenAI-compatible endpoint (None: OpenAI).
        api_key: API key (`"not-needed"` for a local server that asks for none).
        mode: How structured output is requested (`OutputMode`).
        provider: Recorded in metadata (`openai-compatible`, or `embedded`).
        context_tokens: The model's context window, when known (longer articles are refused).
        request_timeout: Seconds for one HTTP request.
        deadline: Seconds for one article, every retry and reask included.
        max_reasks: Times invalid output is sent back to the model with the problems found.
        max_transport_attempts: HTTP attempts per answer (429, 5xx, timeouts are retried).
        backoff_initial: Seconds before the first transport retry; doubles, with jitter.
        temperature, max_tokens, seed: Sampling settings sent with every request.
        grammar_max_string, grammar_max_items: Bounds written into the decoding grammar only
            (JSON mode), so a tiny local model finishes its object; validation is unchanged.
    """

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
    # A scheme-2 brief of a 15-sentence article is ~6-7k output tokens (a strong model's answer to
    # the seed: 28 claims, 28 entities, 9 key facts); 4096 cut it off mid-JSON.
    max_tokens: int | None = 16384
    seed: int | None = 0
    # Bounds written into the decoding grammar only (JSON mode): each string at most this many
    # characters, each array at most this many items (never below its minimum). Validation is
    # unchanged. Lets a tiny local model finish its JSON object within a small token budget.
    grammar_max_string: int | None = None
    grammar_max_items: int | None = None

    @property
    def constrained_decoding(self) -> bool:
        """Whether the server constrains decoding to the schema it is sent (the embedded llama.cpp server).

        Its request then carries neither the schema as text (`provider.request`) nor the label
        definitions and rules (the compact prompt, `prompts.render`).
        """
        return self.provider == GRAMMAR_PROVIDER

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
        """A copy with the given fields changed; `None` values leave a field as it is."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ConfigurationError(f"unknown option {unknown[0]!r}: options are {', '.join(sorted(known))}")
        return replace(self, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]


@dataclass(frozen=True)
class SettingNames:
    """How each setting is spelled to the person who set it, so errors use their words."""

    model: str
    base_url: str
    api_key: str
    local: str


PYTHON_NAMES = SettingNames(
    model="model=", base_url="base_url=", api_key="api_key=", local="summarizer.open_endpoint(local=True)"
)
CLI_NAMES = SettingNames(model="--model", base_url="--base-url", api_key="--api-key", local="--local")

ENV_BASE_URL = "OPENAI_BASE_URL"
ENV_API_KEY = "OPENAI_API_KEY"
ENV_MODEL = "SUMMARIZER_MODEL"


def _pick(value: str | None, name: str, env: Mapping[str, str], variable: str) -> tuple[str | None, str]:
    """The value and where it came from: the argument if given, else the environment variable."""
    if value:
        return value, name.rstrip("=")
    return env.get(variable) or None, variable


def check_base_url(url: str, where: str) -> None:
    """Refuse a base URL the HTTP client cannot use, showing the fix."""
    parts = urlsplit(url)
    if "://" not in url:
        raise ConfigurationError(f"{where} {url!r} has no scheme: use {'http://' + url!r} (or https://)")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(f"{where} {url!r} must start with http:// or https:// and name a host")


def resolve(
    config: ProviderConfig | None = None,
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    mode: OutputMode | str | None = None,
    environ: Mapping[str, str] | None = None,
    names: SettingNames = PYTHON_NAMES,
    **limits: float | int | None,
) -> ProviderConfig:
    """The one place settings become a `ProviderConfig`: arguments first, then the environment.

    Every value set explicitly, as an argument or in the environment, is used or refused
    with a precise error; nothing is silently replaced.

    Args:
        config: A complete configuration to start from; the other arguments override its
            fields and the environment is not read.
        model: Model name; else `$SUMMARIZER_MODEL`, else `gpt-4.1-mini`.
        base_url: OpenAI-compatible endpoint, with its scheme; else `$OPENAI_BASE_URL`,
            else OpenAI.
        api_key: API key; else `$OPENAI_API_KEY`. A base URL alone needs none.
        mode: Structured-output mode (`tools`, `json_schema` or `json`).
        environ: The environment to read (default `os.environ`).
        names: How the settings are spelled in error messages (Python arguments or CLI flags).
        **limits: Other `ProviderConfig` fields (`max_reasks`, `deadline`, `max_tokens`, ...);
            None leaves the default.

    Returns:
        The configuration to call the model with.

    Raises:
        NoEndpointError: Nothing names an endpoint (no model, base URL or key anywhere).
        ConfigurationError: A setting is unusable: a base URL without scheme, a model with
            no endpoint to serve it, an unknown mode.
    """
    overrides = {"mode": mode, **limits}
    if config is not None:
        if base_url:
            check_base_url(base_url, names.base_url.rstrip("="))
        return config.with_overrides(model=model, base_url=base_url, api_key=api_key, **overrides)
    env = os.environ if environ is None else environ
    url, url_from = _pick(base_url, names.base_url, env, ENV_BASE_URL)
    key, _ = _pick(api_key, names.api_key, env, ENV_API_KEY)
    name, model_from = _pick(model, names.model, env, ENV_MODEL)
    where = (
        f"set {ENV_API_KEY} (or {names.api_key}) for OpenAI, or {names.base_url} "
        f"(or {ENV_BASE_URL}) for another OpenAI-compatible server"
    )
    if not (url or key or name):
        raise NoEndpointError(f"no endpoint configured: {where}")
    if url:
        check_base_url(url, url_from)
    elif not key:
        raise ConfigurationError(f"{model_from} {name!r} names a model but no endpoint to run it: {where}")
    return ProviderConfig(
        model=name or DEFAULT_REMOTE_MODEL,
        base_url=url,
        # A local compatible server often needs no key, but the openai client insists on one.
        api_key=key or "not-needed",
    ).with_overrides(**overrides)
