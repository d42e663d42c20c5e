"""The embedded model's prompt leaves out the schema text: its server constrains decoding with the schema itself."""

from __future__ import annotations

import json

from summarizer.config import OutputMode, ProviderConfig
from summarizer.pipeline import prepare
from summarizer.provider import request as provider_request


def _request(seed_text: str, provider: str) -> tuple[dict, object]:
    config = ProviderConfig(model="m", base_url="http://127.0.0.1:9/v1", api_key="sk-test-000000", mode=OutputMode.JSON,
                            provider=provider, grammar_max_string=16, grammar_max_items=2)
    prepared = prepare(seed_text, config)
    return provider_request.brief_request(config, prepared.prompt, prepared.grounding), prepared


def test_embedded_request_has_the_schema_in_the_grammar_only(seed_text):
    request, prepared = _request(seed_text, "embedded")
    assert request["messages"][0]["content"] == prepared.prompt.system  # no schema text appended
    schema = request["extra_body"]["response_format"]["schema"]
    assert schema["$defs"]["Quote"]["properties"]["sentence_id"]["enum"] == list(prepared.grounding.citable_ids)
    assert '"sentence_id"' not in json.dumps(request["messages"], ensure_ascii=False)


def test_other_json_mode_servers_still_get_the_schema_as_text(seed_text):
    request, prepared = _request(seed_text, "openai-compatible")
    system = request["messages"][0]["content"]
    assert system.startswith(prepared.prompt.system) and '"sentence_id"' in system
    assert len(system) > 3 * len(prepared.prompt.system) / 2
