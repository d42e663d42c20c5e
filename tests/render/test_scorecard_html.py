"""The scorecard page: model beside baseline, gates, per-claim alignment with misses highlighted."""

from __future__ import annotations

import json

import pytest

from summarizer.cli import main
from summarizer.evaluation import GoldSystem, evaluate, load_dataset, load_gold_brief
from summarizer.evaluation.log import EvalLog
from summarizer.render.scorecard_html import metric_rows, render_scorecard_html

from .helpers import Page
from .scorecard_log import BASELINE, MODEL, build_log


def test_log_in_these_tests_has_the_shape_the_harness_writes(seed_text, seed_brief):
    for with_model in (True, False):
        EvalLog.model_validate(build_log(seed_brief, seed_text, with_model=with_model))


def test_a_real_harness_log_renders_every_metric_and_alignment_row():
    log = evaluate(load_dataset("seed"), GoldSystem())
    page = Page(render_scorecard_html(log))
    metric_ids = [a["id"] for t, a in page.tags if t == "tr" and a.get("id", "").startswith("metric-")]
    assert metric_ids == [f"metric-{m.name}" for m in log.metrics]
    statuses = [a["class"] for t, a in page.tags if t == "tr" and a.get("class") in ("matched", "missed", "extra")]
    assert statuses == [r.status for r in log.samples[0].systems["model"].alignment]
    assert statuses and set(statuses) == {"matched"}  # the gold against itself
    assert "PASS" in "".join(page.text)


def test_every_metric_shows_the_model_beside_the_baseline(seed_text, seed_brief):
    log = build_log(seed_brief, seed_text)
    rows = {r.name: r for r in metric_rows(log)}
    assert [r.name for r in metric_rows(log)] == [m["name"] for m in log["metrics"]]
    assert rows["claim_recall"].means == {"model": MODEL["claim_recall"], "baseline": BASELINE["claim_recall"]}
    assert rows["claim_recall"].delta == pytest.approx(0.25)
    assert rows["claim_recall"].gates == ("≥ 0.800", "≥ baseline") and rows["claim_recall"].passed is False
    assert rows["schema_validity"].passed is True and rows["entity_recall"].passed is None
    assert rows["entity_recall"].coverage["model"] == "0/1"
    text = "".join(Page(render_scorecard_html(log)).text)
    assert "0.500" in text and "0.250" in text and "+0.250" in text and "n/a" in text


def test_failing_gates_and_the_verdict_are_shown(seed_text, seed_brief):
    page = Page(render_scorecard_html(build_log(seed_brief, seed_text)))
    failed = [a["id"] for t, a in page.tags if t == "tr" and a.get("class") == "failed"]
    assert failed == ["metric-claim_recall"]
    text = "".join(page.text)
    assert "FAIL" in text and "claim_recall 0.500 is below the minimum 0.800" in text
    assert "2 of 3 gate(s) of profile default hold" in " ".join(text.split())


def test_alignment_shows_gold_beside_predicted_with_misses_and_extras_marked(seed_text, seed_brief):
    log = build_log(seed_brief, seed_text)
    page = Page(render_scorecard_html(log))
    statuses = [a["class"] for t, a in page.tags if t == "tr" and a.get("class") in ("matched", "missed", "extra")]
    assert statuses == [r["status"] for r in log["samples"][0]["systems"]["model"]["alignment"]]
    wrong = [a for t, a in page.tags if t == "td" and a.get("class") == "check wrong"]
    assert len(wrong) == 3  # source, source type and certainty of the second pair
    text = "".join(page.text)
    gold = log["samples"][0]["systems"]["model"]["alignment"][1]["gold"]
    assert f"gold: {gold['source_type']}" in text and f"gold: {gold['certainty']}" in text
    assert "2 matched · 2 missed · 1 extra" in text
    for record in log["samples"][0]["systems"]["model"]["alignment"]:
        for side in ("gold", "predicted"):
            if record[side]:
                assert record[side]["statement"]["en"] in text and record[side]["statement"]["ar"] in text


def test_a_baseline_only_run_shows_the_baseline_and_no_verdict(seed_text, seed_brief):
    page = Page(render_scorecard_html(build_log(seed_brief, seed_text, with_model=False)))
    text = "".join(page.text)
    assert "baseline only — nothing to gate" in text
    headers = [t for t, _ in page.tags].count("th")
    assert headers > 0 and "model − baseline" not in text
    statuses = [a["class"] for t, a in page.tags if t == "tr" and a.get("class") in ("matched", "missed", "extra")]
    assert statuses == ["matched", "missed", "missed"]


def test_a_sample_without_a_brief_says_why(seed_text, seed_brief):
    log = build_log(seed_brief, seed_text)
    model = log["samples"][0]["systems"]["model"]
    model.update(status="failed", brief=None, alignment=[],
                 error={"type": "ProviderTimeoutError", "message": "no answer within 60s"})
    text = "".join(Page(render_scorecard_html(log)).text)
    assert "No brief: ProviderTimeoutError: no answer within 60s" in text


def test_model_text_in_the_log_stays_text(seed_text, seed_brief):
    log = build_log(seed_brief, seed_text)
    log["samples"][0]["systems"]["model"]["alignment"][0]["predicted"]["statement"]["en"] = "<script>x()</script>"
    log["systems"]["model"]["label"] = "<img src=x>"
    page = Page(render_scorecard_html(json.loads(json.dumps(log))))
    assert not [t for t, _ in page.tags if t in ("script", "img")]
    assert "<script>x()</script>" in "".join(page.text)


def test_eval_command_writes_the_scorecard_page(tmp_path, capsys):
    out = tmp_path / "scorecard.html"
    assert main(["eval", "--gold", "--html", str(out), "--scorecard", str(tmp_path / "scorecard.md")]) == 0
    page = Page(out.read_text(encoding="utf-8"))
    assert "PASS" in "".join(page.text)
    assert f"wrote {out}" in capsys.readouterr().err


def test_eval_command_page_shows_what_a_replayed_brief_missed(tmp_path, seed_brief):
    saved = tmp_path / "brief.json"
    saved.write_text(seed_brief.model_dump_json(), encoding="utf-8")
    out = tmp_path / "scorecard.html"
    code = main(["eval", "--replay", str(saved), "--no-fail", "--html", str(out), "--scorecard", str(tmp_path / "s.md")])
    assert code == 0
    page = Page(out.read_text(encoding="utf-8"))
    statuses = [a["class"] for t, a in page.tags if t == "tr" and a.get("class") in ("matched", "missed", "extra")]
    gold_claims = len(load_gold_brief().claims)
    assert statuses.count("matched") + statuses.count("missed") == gold_claims
    assert statuses.count("matched") + statuses.count("extra") == len(seed_brief.claims)
    assert statuses.count("missed") >= gold_claims - len(seed_brief.claims)  # the draft has 6 claims, the gold 25
