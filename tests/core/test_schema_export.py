"""The JSON Schema in schemas/ is exactly what the models validate."""

from __future__ import annotations

import json

import jsonschema
import pytest

from summarizer.resources import data_dir
from summarizer.schema_export import EXPORTS, schema_text


@pytest.mark.parametrize("name", list(EXPORTS))
def test_exported_json_schema_matches_its_pydantic_model(name):
    on_disk = (data_dir("schemas") / name).read_text(encoding="utf-8")
    assert on_disk == schema_text(name), f"schemas/{name} is stale: run python -m summarizer.schema_export"


def test_a_grounded_brief_validates_against_the_exported_schema(fake_openai, step, seed_text, seed_draft):
    from summarizer.pipeline import Summarizer

    from ..helpers import config_for

    with fake_openai([step.brief(seed_draft)]) as server, Summarizer(config_for(server)) as summarizer:
        brief = summarizer.summarize(seed_text)
    schema = json.loads((data_dir("schemas") / "brief.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(brief.model_dump_json()), schema)
