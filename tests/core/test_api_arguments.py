"""The Python API answers every wrong argument with a typed error that names it (issue 15, item 8)."""

from __future__ import annotations

import pytest

from summarizer import ConfigurationError, InputError, Summarizer, summarize
from summarizer.errors import EncodingError

from ..helpers import config_for


@pytest.mark.parametrize(
    ("text", "error", "needle"),
    [
        (None, InputError, "got None"),
        (b"\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85", InputError, "bytes"),
        (123, InputError, "got int"),
        (["نص"], InputError, "got list"),
        ("خبر عن \ud800 اجتماع في باريس", EncodingError, "lone surrogate"),
    ],
    ids=["none", "bytes", "int", "list", "lone-surrogate"],
)
def test_summarize_refuses_a_text_that_is_not_a_str_with_a_typed_error(fake_openai, text, error, needle):
    with fake_openai([]) as server:
        with pytest.raises(error, match=needle):
            summarize(text, config=config_for(server))
        assert server.calls == 0


def test_bad_argument_errors_are_also_type_errors_for_callers_who_catch_those(fake_openai):
    with fake_openai([]) as server, pytest.raises(TypeError):
        summarize(None, config=config_for(server))


@pytest.mark.parametrize(
    ("overrides", "needle"),
    [
        ({"deadline": "5"}, "deadline"),
        ({"deadline": -1}, "deadline"),
        ({"max_reasks": 1.5}, "max_reasks"),
        ({"max_tokens": 0}, "max_tokens"),
        ({"model": ""}, "model"),
    ],
    ids=["deadline-str", "deadline-negative", "reasks-float", "max-tokens-zero", "model-empty"],
)
def test_bad_options_are_configuration_errors_naming_the_option(fake_openai, overrides, needle):
    with fake_openai([]) as server:
        with pytest.raises(ConfigurationError, match=needle):
            Summarizer(config_for(server), **overrides)


def test_a_config_field_of_the_wrong_kind_is_a_configuration_error_naming_it(fake_openai):
    with fake_openai([]) as server:
        with pytest.raises(ConfigurationError, match="request_timeout"):
            config_for(server, request_timeout=float("nan"))
        with pytest.raises(ConfigurationError, match="colour"):
            config_for(server).with_overrides(colour="blue")


def test_an_unknown_keyword_is_pythons_own_type_error_naming_it(fake_openai):
    with fake_openai([]) as server, pytest.raises(TypeError, match="colour"):
        Summarizer(config_for(server), colour="blue")


def test_a_config_that_is_not_a_provider_config_is_a_configuration_error():
    with pytest.raises(ConfigurationError, match="ProviderConfig"):
        summarize("نص", config={"model": "m"})
    with pytest.raises(ConfigurationError, match="BriefCache"):
        Summarizer(config=None, cache="/somewhere", base_url="http://127.0.0.1:9/v1")
