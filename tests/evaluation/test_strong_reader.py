"""A strong model's recorded answer to the exact rendered request (prompt version 970b78767cb2):
the request is answerable as written, and the answer agrees with the gold on every label."""

from __future__ import annotations

from summarizer.evaluation import evaluate, load_dataset
from summarizer.evaluation.systems import ReplaySystem

from ..helpers import ROOT

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
