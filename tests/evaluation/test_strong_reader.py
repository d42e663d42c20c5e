"""Strong models' recorded answers to the exact rendered request (prompt versions 970b78767cb2 and
b1375776373c): the request is answerable as written, the answer agrees with the gold on every
label, and the real CLI writes the brief without sending it back."""

from __future__ import annotations

import json

import pytest

from summarizer.evaluation import evaluate, load_dataset
from summarizer.evaluation.systems import ReplaySystem
from summarizer.schema import Brief

from ..helpers import ROOT, SEED_PATH, endpoint_env, run_cli

ANSWER = ROOT / "tests" / "fixtures" / "strong_reader" / "seed_answer_prompt_970b78767cb2.json"
LABEL_METRICS = (
    "source_identity_accuracy",
    "source_type_accuracy",
    "channel_accuracy",
    "cue_accuracy",
    "stance_accuracy",
    "status_accuracy",
)


def test_a_strong_models_answer_to_the_exact_request_grounds_and_matches_every_gold_label() -> None:
    dataset = load_dataset("seed")
    log = evaluate(dataset, ReplaySystem.from_path(ANSWER, dataset), baseline=False)
    scores = {name: s.value for name, s in log.samples[0].systems["model"].scores.items()}
    assert scores["schema_validity"] == scores["grounding_rate"] == scores["claim_recall"] == 1.0
    assert {name: scores[name] for name in LABEL_METRICS} == {name: 1.0 for name in LABEL_METRICS}
    assert scores["no_invented_years"] == scores["key_fact_recall"] == 1.0


RECORDED = ROOT / "tests" / "fixtures" / "strong_reader"
CROSSING = ROOT / "evals" / "datasets" / "crossing" / "001_ras_jedir.txt"


@pytest.mark.parametrize(
    ("answer", "article"),
    [("seed_answer_prompt_b1375776373c.json", SEED_PATH), ("crossing_answer_prompt_b1375776373c.json", CROSSING)],
)
def test_a_strong_models_answer_is_written_by_the_cli_without_a_reask(fake_openai, step, tmp_path, answer, article):
    """Its names are written as adjectives or shorter names on one side («أمريكية» / "US"), which the meaning checks accept."""
    draft = json.loads((RECORDED / answer).read_text(encoding="utf-8"))
    out = tmp_path / "brief.json"
    with fake_openai([step.brief(draft)]) as server:
        result = run_cli(
            "brief",
            str(article),
            "--max-reasks",
            "0",
            "--out",
            str(out),
            env={**endpoint_env(server), "SUMMARIZER_CACHE_DIR": str(tmp_path / "cache")},
        )
    assert result.returncode == 0, result.stderr.decode()
    assert len(Brief.model_validate_json(out.read_bytes()).claims) == len(draft["claims"])
