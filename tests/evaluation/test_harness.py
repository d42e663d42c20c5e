"""The harness API: run a model over HTTP (FakeOpenAI + the real openai client), cache, replay,
log, thresholds and comparison."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from summarizer.cache import BriefCache
from summarizer.errors import ConfigurationError, ReplayError
from summarizer.evaluation.dataset import load_dataset
from summarizer.evaluation.harness import evaluate
from summarizer.evaluation.log import EvalLog, load_log
from summarizer.evaluation.scorecard import render_scorecard
from summarizer.evaluation.systems import GoldSystem, ModelSystem, ReplaySystem
from summarizer.evaluation.thresholds import Profile, Thresholds, load_thresholds
from summarizer.pipeline import Summarizer

from ..helpers import ROOT, config_for


@pytest.fixture(scope="module")
def dataset():  # type: ignore[no-untyped-def]
    return load_dataset("seed")


def _model_scores(log: EvalLog) -> dict[str, float | None]:
    return {k: v.value for k, v in log.samples[0].systems["model"].scores.items()}


def test_model_run_over_http_is_scored_beside_the_baseline_and_cached(tmp_path, fake_openai, step, seed_draft, dataset):
    cache = BriefCache(tmp_path / "cache")
    with fake_openai(
        [step.brief(seed_draft, usage={"prompt_tokens": 1000, "completion_tokens": 700, "total_tokens": 1700})]
    ) as server:
        with Summarizer(config_for(server), cache=cache) as summarizer:
            first = evaluate(dataset, ModelSystem(summarizer))
            second = evaluate(dataset, ModelSystem(summarizer))
        assert server.calls == 1, "re-scoring must not call the model again"
    out1, out2 = first.samples[0].systems["model"], second.samples[0].systems["model"]
    assert (out1.origin, out2.origin) == ("endpoint", "cache")
    assert out1.brief == out2.brief and _model_scores(first) == _model_scores(second)
    assert out1.usage.total_tokens == 1700 and first.usage["model"].total_tokens == 1700
    assert first.systems["model"].model == "fake-model" and first.systems["model"].settings["temperature"] == 0.0
    assert _model_scores(first)["claim_recall"] == round(7 / 28, 4)
    assert set(first.samples[0].systems) == {"model", "baseline"}
    assert not first.verdict.passed and first.verdict.gates


def test_each_model_output_is_prepared_once_and_aligned_once(fake_openai, step, seed_draft, dataset, monkeypatch):
    from summarizer import pipeline
    from summarizer.evaluation.scorers import base

    counts = {"prepare": 0, "align": 0}

    def counting(name, real):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            counts[name] += 1
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(pipeline, "prepare", counting("prepare", pipeline.prepare))
    monkeypatch.setattr(base, "align", counting("align", base.align))
    with fake_openai([step.brief(seed_draft)]) as server, Summarizer(config_for(server)) as summarizer:
        log = evaluate(dataset, ModelSystem(summarizer))
    outputs = len(log.samples) * len(log.samples[0].systems)  # the model's and the baseline's
    assert counts == {"prepare": len(log.samples), "align": outputs}
    assert log.samples[0].systems["model"].alignment


def test_a_model_that_never_writes_a_valid_brief_fails_its_sample_not_the_run(fake_openai, step, dataset):
    with fake_openai([step.content("Here is a summary in prose, not JSON.")]) as server:
        with Summarizer(config_for(server, max_reasks=1)) as summarizer:
            log = evaluate(dataset, ModelSystem(summarizer))
    output = log.samples[0].systems["model"]
    assert output.status == "failed" and output.error["type"] == "InvalidOutputError"
    assert output.scores["schema_validity"].value == 0.0
    assert output.scores["claim_recall"].value is None
    assert log.samples[0].systems["baseline"].status == "ok"
    assert not log.verdict.passed


def test_log_has_the_documented_structure_and_matches_its_json_schema(dataset):
    log = evaluate(dataset, GoldSystem())
    data = json.loads(log.model_dump_json())
    schema = json.loads((ROOT / "schemas" / "eval-log.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    sample = data["samples"][0]
    assert sample["input_sha256"] == dataset.samples[0].sha256
    alignment = sample["systems"]["model"]["alignment"]
    assert len(alignment) == 28 and {a["status"] for a in alignment} == {"matched"}
    assert alignment[0]["gold"]["id"] == "G1" and alignment[0]["predicted"]["id"] == "C1"
    assert alignment[0]["checks"] == {
        "source_identity": True, "source_type": True, "channel": True, "cue": True, "stance": True, "status": True
    }
    assert alignment[0]["gold"]["attribution"] == alignment[0]["predicted"]["attribution"]  # one attribution shape
    assert data["metric_versions"]["chrf"].startswith("chrF2|")
    assert data["verdict"]["passed"] is True


def test_alignment_in_the_log_shows_missed_and_extra_claims(dataset, gold_brief, tmp_path):
    gold_brief.claims[0].evidence[0] = gold_brief.claims[13].evidence[0]  # C1 now cites S5: missed + extra
    path = tmp_path / "brief.json"
    path.write_text(gold_brief.model_dump_json(), encoding="utf-8")
    log = evaluate(dataset, ReplaySystem.from_path(path, dataset))
    records = log.samples[0].systems["model"].alignment
    assert [r.gold.id for r in records if r.status == "missed"] == ["G1"]
    assert [r.predicted.id for r in records if r.status == "extra"] == ["C1"]


def test_replay_of_a_previous_log_scores_the_same_without_a_model(tmp_path, fake_openai, step, seed_draft, dataset):
    with fake_openai([step.brief(seed_draft)]) as server:
        with Summarizer(config_for(server)) as summarizer:
            original = evaluate(dataset, ModelSystem(summarizer))
    path = tmp_path / "run.json"
    path.write_text(original.model_dump_json(), encoding="utf-8")
    replayed = evaluate(dataset, ReplaySystem.from_path(path, dataset))
    assert replayed.samples[0].systems["model"].origin == "replay"
    assert _model_scores(replayed) == _model_scores(original)
    assert replayed.systems["model"].kind == "replay" and "fake-model" in replayed.systems["model"].label


def test_a_saved_draft_is_grounded_on_replay(dataset):
    log = evaluate(dataset, ReplaySystem.from_path(ROOT / "tests" / "fixtures" / "seed_draft.json", dataset))
    assert log.samples[0].systems["model"].status == "ok"
    assert _model_scores(log)["claim_recall"] == round(7 / 28, 4)


def test_a_brief_of_another_article_cannot_be_replayed_against_the_dataset(tmp_path, gold_brief, dataset):
    from summarizer.schema import BriefMetadata

    gold_brief.metadata = BriefMetadata(
        prompt_version="p",
        model="m",
        provider="x",
        endpoint_host=None,
        mode="tools",
        input_sha256="0" * 64,
        input_chars=1,
        detected_language="ar",
        latency_ms=1.0,
        transport_attempts=1,
        reasks=0,
        created_at="now",
    )
    path = tmp_path / "other.json"
    path.write_text(gold_brief.model_dump_json(), encoding="utf-8")
    with pytest.raises(ReplayError, match="not in dataset seed"):
        ReplaySystem.from_path(path, dataset)


def test_compare_pairs_samples_and_flags_regressions(tmp_path, gold_brief, dataset):
    previous = evaluate(dataset, GoldSystem())
    del gold_brief.claims[3:10]
    path = tmp_path / "worse.json"
    path.write_text(gold_brief.model_dump_json(), encoding="utf-8")
    log = evaluate(dataset, ReplaySystem.from_path(path, dataset), previous=previous)
    assert log.comparison.paired == [dataset.samples[0].id]
    regressed = {c.metric for c in log.comparison.changes if c.regression}
    assert "claim_recall" in regressed
    assert any(c.rule == "regression" and not c.passed for c in log.verdict.checks)
    assert "**regression**" in render_scorecard(log)


def test_report_only_profile_states_the_verdict_but_never_gates(dataset, gold_brief, tmp_path):
    thresholds = Thresholds(
        version=1,
        profiles={
            "smoke": Profile(description="report only", report_only=True, min={"claim_recall": 0.9}),
        },
    )
    del gold_brief.claims[5:]
    path = tmp_path / "b.json"
    path.write_text(gold_brief.model_dump_json(), encoding="utf-8")
    log = evaluate(dataset, ReplaySystem.from_path(path, dataset), thresholds=thresholds, profile="smoke")
    assert not log.verdict.passed and not log.verdict.gates
    assert "would fail (report only)" in render_scorecard(log)


def test_thresholds_file_with_an_unknown_metric_is_a_configuration_error(tmp_path):
    bad = tmp_path / "t.yaml"
    bad.write_text("version: 1\nprofiles:\n  x:\n    description: d\n    min: {claim_recal: 0.5}\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="claim_recal"):
        load_thresholds(bad)
    with pytest.raises(ConfigurationError, match="no thresholds profile"):
        load_thresholds().profile("nope")


def test_the_checked_in_thresholds_let_the_gold_pass_and_stop_the_baseline(dataset, tmp_path):
    from summarizer.evaluation.baseline import baseline_brief

    assert evaluate(dataset, GoldSystem()).verdict.passed
    path = tmp_path / "baseline.json"
    path.write_text(baseline_brief(dataset.samples[0].article).model_dump_json(), encoding="utf-8")
    assert not evaluate(dataset, ReplaySystem.from_path(path, dataset)).verdict.passed


def test_saved_log_round_trips(tmp_path, dataset):
    log = evaluate(dataset, GoldSystem())
    path = Path(tmp_path / "log.json")
    path.write_text(log.model_dump_json(), encoding="utf-8")
    assert load_log(path) == log
