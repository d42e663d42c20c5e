"""One source of truth: every label definition and rule lives in `summarizer.labels`; the prompt,
the guidelines and the schema are rendered from it, and these tests fail when one drifts."""

from __future__ import annotations

import json

from summarizer.grounding import GroundedDraft
from summarizer.labels import (
    DEFINITIONS,
    LABEL_LISTS,
    RULES,
    ActorType,
    Channel,
    FactKind,
    Qualifier,
    Stance,
    Status,
    definition,
    guidelines_path,
    render_blocks,
    value_problem,
)
from summarizer.prompts import render
from summarizer.provider.llm import BRIEF_MODEL
from summarizer.request_preview import main as preview_main
from summarizer.schema import BriefDraft

from ..helpers import SEED_PATH


def test_every_value_of_every_label_has_one_definition() -> None:
    for enum in (ActorType, Channel, Stance, Status, FactKind, Qualifier):
        for value in enum:
            assert definition(value).strip(), value
    assert len(DEFINITIONS) == sum(len(e) for e in (ActorType, Channel, Stance, Status, FactKind, Qualifier))
    listed = {(type(v), v) for _, _, values in LABEL_LISTS for v in values}
    assert listed == {(type(v), v) for v in (*ActorType, *Channel, *Stance, *Status, *FactKind, *Qualifier)}


def test_guidelines_hold_the_current_definitions_and_rules_word_for_word() -> None:
    text = guidelines_path().read_text(encoding="utf-8")
    assert render_blocks(text) == text, "evals/GUIDELINES.md drifted: run python -m summarizer.labels --write"


def test_the_prompt_renders_every_definition_and_every_rule(seed_article) -> None:
    system = render(seed_article).system
    for _, _, values in LABEL_LISTS:
        for value in values:
            assert f"- {value.value}: {definition(value)}" in system
    for rule in RULES:
        assert f"- {rule.title}. {rule.text}" in system


def test_the_function_sent_to_the_model_is_described_as_the_brief(seed_article) -> None:
    function = BRIEF_MODEL.openai_schema  # what instructor sends in tools mode
    assert function["description"] == BriefDraft.__doc__.strip().split("\n\n")[0].strip() or function[
        "description"
    ].startswith("A bilingual brief of one Arabic news article")
    assert "Correctly extracted" not in json.dumps(function)


def test_every_field_the_model_writes_is_required_and_nulls_are_explicit(seed_article) -> None:
    schema = GroundedDraft.model_json_schema()
    for name, definition_ in schema["$defs"].items():
        properties = set(definition_.get("properties", {}))
        assert set(definition_.get("required", [])) == properties, f"{name} has optional fields"
    assert set(schema["required"]) == set(schema["properties"])


def test_key_fact_values_follow_the_value_rule() -> None:
    assert value_problem(FactKind.DATE, "--07-13") is None
    assert value_problem(FactKind.DATE, "today/thursday") is None
    assert value_problem(FactKind.DATE, "last --12") is None
    assert value_problem(FactKind.NUMBER, "tens of thousands") is None
    assert value_problem(FactKind.DURATION, "P1W") is None
    problem = value_problem(FactKind.DATE, "13 July")
    assert problem and "--MM-DD" in problem and "\n" not in problem
    assert value_problem(FactKind.NUMBER, "1,200")


def test_the_exact_request_can_be_printed_for_a_strong_reader(capsys) -> None:
    assert preview_main([str(SEED_PATH)]) == 0
    body = json.loads(capsys.readouterr().out)
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    function = body["tools"][0]["function"]
    assert function["name"] == "BriefDraft" and function["description"].startswith("A bilingual brief")
    assert preview_main([str(SEED_PATH), "--sentences"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("[S1] ") and lines[1] == "[P1] omitted: link to another article"
