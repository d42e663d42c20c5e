"""Two independent annotations of an article agree label by label, and the eval scores one against the other."""

from __future__ import annotations

import pytest

from summarizer.evaluation import evaluate, load_dataset
from summarizer.evaluation.agreement import LABELS, agreement, main, markdown
from summarizer.evaluation.dataset import load_sample
from summarizer.evaluation.systems import ReplaySystem

from ..helpers import ROOT

FIRST = ROOT / "evals" / "datasets" / "seed" / "000_6e43a06edc57ceb0.gold.yaml"
SECOND = ROOT / "evals" / "datasets" / "seed-second" / "000_6e43a06edc57ceb0.gold.yaml"
# Both articles the second annotator worked on: (first gold, second gold).
PAIRS = [
    (FIRST, SECOND),
    (
        ROOT / "evals" / "datasets" / "scheme2-cases" / "001_49ff83affd2de643.gold.yaml",
        ROOT / "evals" / "datasets" / "scheme2-cases-second" / "001_49ff83affd2de643.gold.yaml",
    ),
]


def test_a_gold_agrees_with_itself_on_every_label() -> None:
    sample = load_sample(FIRST)
    result = agreement(sample, sample)
    assert result.only_first == result.only_second == []
    assert all(entry.strict == entry.pairs == len(sample.gold.claims) for entry in result.labels.values())


@pytest.mark.parametrize(("first", "second"), PAIRS, ids=["seed", "scheme2-cases"])
def test_the_independent_second_annotation_agrees_on_every_label_at_least_90_percent(first, second) -> None:
    result = agreement(load_sample(first), load_sample(second))
    assert set(result.labels) == set(LABELS)
    for entry in result.labels.values():
        assert entry.share(entry.strict) >= 0.9, markdown(result)
    assert result.matched >= 0.9 * len(load_sample(first).gold.claims)


def test_agreement_prints_a_markdown_table(capsys) -> None:
    assert main([str(FIRST), str(SECOND)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Aligned claim pairs: ") and "| status |" in out and "| cue |" in out


def test_the_eval_scores_one_gold_against_the_other() -> None:
    dataset = load_dataset("seed")
    log = evaluate(dataset, ReplaySystem.from_path(SECOND, dataset), baseline=False)
    output = log.samples[0].systems["model"]
    assert output.origin == "gold" and log.systems["model"].kind == "gold"
    assert output.scores["status_accuracy"].value == output.scores["channel_accuracy"].value == 1.0
    # The second annotation made one claim more: the relative clause of a source's mention («المصدر
    # الذي فضل عدم الكشف عن هويته»), which the rules now say is not a claim.
    assert output.scores["claim_recall"].value == 1.0
    assert output.scores["claim_precision"].metadata["faithful_extras"] == ["C3"]
