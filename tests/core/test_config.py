"""Endpoint resolution: explicit values, then the environment; the key never shows."""

from __future__ import annotations

import pytest

from summarizer.config import DEFAULT_REMOTE_MODEL, OutputMode, resolve
from summarizer.errors import ConfigurationError


def test_explicit_values_win_over_the_environment():
    env = {"OPENAI_BASE_URL": "http://env:1/v1", "OPENAI_API_KEY": "sk-env-000000", "SUMMARIZER_MODEL": "env-model"}
    config = resolve(base_url="http://flag:2/v1", api_key="sk-flag-000000", model="flag-model", environ=env)
    assert (config.base_url, config.api_key, config.model) == ("http://flag:2/v1", "sk-flag-000000", "flag-model")


def test_environment_is_used_when_no_flags_are_given():
    config = resolve(environ={"OPENAI_API_KEY": "sk-env-000000"})
    assert config.base_url is None and config.endpoint_host == "api.openai.com"
    assert config.model == DEFAULT_REMOTE_MODEL and config.mode is OutputMode.TOOLS


def test_no_endpoint_at_all_is_a_configuration_error():
    with pytest.raises(ConfigurationError, match="no endpoint configured"):
        resolve(environ={})


def test_base_url_without_scheme_is_refused():
    with pytest.raises(ConfigurationError, match="must start with http"):
        resolve(base_url="localhost:8080", environ={})


def test_api_key_never_appears_in_repr_or_endpoint_host():
    config = resolve(base_url="http://user:sk-secret-123456@host:1/v1", api_key="sk-secret-123456", environ={})
    assert "sk-secret-123456" not in repr(config)
    assert config.endpoint_host == "host:1"
