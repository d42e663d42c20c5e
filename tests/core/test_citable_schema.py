"""Narrowing the schema to an article's sentence IDs leaves the shared schema as it was."""

from __future__ import annotations

import copy
import json

from summarizer.grounding import GroundedDraft, citable_schema


def test_narrowing_for_one_article_changes_neither_the_shared_schema_nor_another_articles():
    shared = GroundedDraft.model_json_schema()
    before = copy.deepcopy(shared)
    first = citable_schema(shared, ("S1", "S2"))
    second = citable_schema(shared, ("S3",))
    assert shared == before
    assert first["$defs"]["Quote"]["properties"]["sentence_id"]["enum"] == ["S1", "S2"]
    assert second["$defs"]["Quote"]["properties"]["sentence_id"]["enum"] == ["S3"]
    # The same JSON as a narrowed deep copy, key order included.
    expected = copy.deepcopy(shared)
    expected["$defs"]["Quote"]["properties"]["sentence_id"] = {
        "enum": ["S1", "S2"],
        **{k: v for k, v in shared["$defs"]["Quote"]["properties"]["sentence_id"].items() if k != "description"},
    }
    assert json.dumps(first) == json.dumps(expected)
