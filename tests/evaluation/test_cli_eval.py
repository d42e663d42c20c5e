"""`summarizer eval`: scorecard on stdout, log on disk, exit status from the thresholds, one-line errors."""

from __future__ import annotations

import functools
import json
import re
import sys
import types
from contextlib import contextmanager

import pytest

from summarizer.cli import main

from ..helpers import TEST_KEY, config_for


def test_gold_self_check_passes_and_writes_log_and_scorecard(tmp_path, capsys) -> None:
    code = main(["eval", "--gold", "--log", str(tmp_path / "log.json"), "--scorecard", str(tmp_path / "card.md")])
    assert code == 0
    log = json.loads((tmp_path / "log.json").read_text(encoding="utf-8"))
    assert log["verdict"]["passed"] and log["systems"]["model"]["kind"] == "gold"
    card = (tmp_path / "card.md").read_text(encoding="utf-8")
    assert "| claim_recall | 1.000 | 0.393 |" in card and "**Verdict: PASS**" in card
    assert "eval passed" in capsys.readouterr().err


def test_replayed_brief_below_thresholds_exits_1_unless_told_not_to_fail(tmp_path, capsys, gold_brief) -> None:
    del gold_brief.claims[2:]
    path = tmp_path / "weak.json"
    path.write_text(gold_brief.model_dump_json(), encoding="utf-8")
    assert main(["eval", "--replay", str(path)]) == 1
    out = capsys.readouterr()
    assert "**Verdict: FAIL**" in out.out and "below thresholds" in out.err
    assert main(["eval", "--replay", str(path), "--no-fail"]) == 0


def test_compare_flags_a_regression_against_a_previous_log(tmp_path, capsys, gold_brief) -> None:
    assert main(["eval", "--gold", "--log", str(tmp_path / "before.json")]) == 0
    del gold_brief.entities[:5]
    path = tmp_path / "after.json"
    path.write_text(gold_brief.model_dump_json(), encoding="utf-8")
    assert main(["eval", "--replay", str(path), "--compare", str(tmp_path / "before.json")]) == 1
    assert "| entity_recall | 1.000 | 0.615 | -0.385 | **regression** |" in capsys.readouterr().out


def test_model_run_against_an_endpoint_uses_the_cache_on_the_second_run(
    tmp_path, capsys, fake_openai, step, seed_draft
):
    args = ["eval", "--model", "fake-model", "--api-key", TEST_KEY, "--cache-dir", str(tmp_path), "--no-fail"]
    with fake_openai([step.brief(seed_draft)]) as server:
        assert main([*args, "--base-url", server.base_url, "--log", str(tmp_path / "1.json")]) == 0
        assert main([*args, "--base-url", server.base_url, "--log", str(tmp_path / "2.json")]) == 0
        assert server.calls == 1
    second = json.loads((tmp_path / "2.json").read_text(encoding="utf-8"))
    assert second["samples"][0]["systems"]["model"]["origin"] == "cache"
    assert TEST_KEY not in (tmp_path / "1.json").read_text(encoding="utf-8")


def test_local_flag_goes_through_the_embedded_endpoint_with_the_report_only_profile(
    monkeypatch, tmp_path, capsys, fake_openai, step, seed_draft
) -> None:
    """Until the embedded model lands on this branch, a stand-in `summarizer.embedded.model` starts nothing
    and hands back the fake server's config: the flag's path through open_endpoint is what is tested."""
    with fake_openai([step.brief(seed_draft)]) as server:
        opened: list[dict] = []

        @contextmanager
        def embedded_endpoint(**options):  # type: ignore[no-untyped-def]
            opened.append(options)
            yield config_for(server, model="gemma-3-270m")

        monkeypatch.setitem(sys.modules, "summarizer.embedded.model", types.SimpleNamespace(embedded_endpoint=embedded_endpoint))
        monkeypatch.setattr("summarizer.provider.endpoint.local_available", lambda: True)  # whether or not the extra is
        code = main(["eval", "--local", "--no-cache", "--max-tokens", "2048", "--log", str(tmp_path / "l.json")])
    assert code == 0 and opened == [{"max_tokens": 2048}]
    log = json.loads((tmp_path / "l.json").read_text(encoding="utf-8"))
    assert log["verdict"]["profile"] == "embedded" and log["verdict"]["gates"] is False
    assert log["systems"]["model"]["model"] == "gemma-3-270m"


def test_bad_inputs_give_one_line_and_a_typed_exit_status(tmp_path, capsys) -> None:
    assert main(["eval", "--gold", "--dataset", str(tmp_path / "nothing")]) == 2
    assert main(["eval", "--gold", "--profile", "nope"]) == 3
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    assert main(["eval", "--replay", str(tmp_path / "x.json")]) == 2
    assert main(["eval", "--gold", "--compare", str(tmp_path / "missing.json")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len([line for line in err.splitlines() if line.startswith("summarizer: error:")]) == 4


def test_no_log_file_is_left_half_written_when_the_run_fails(tmp_path) -> None:
    target = tmp_path / "log.json"
    assert main(["eval", "--gold", "--profile", "nope", "--log", str(target)]) == 3
    assert not target.exists()


def test_baseline_only_run_scores_the_baseline_and_gates_nothing(capsys) -> None:
    assert main(["eval", "--baseline-only"]) == 0
    out = capsys.readouterr().out
    assert "| claim_recall | — | 0.393 |" in out and "baseline only — nothing to gate" in out


@pytest.mark.parametrize("module", ["yaml", "sacrebleu.metrics", "anyascii"])
def test_the_python_api_without_the_eval_extra_names_the_extra(monkeypatch, module) -> None:
    from summarizer.errors import MissingExtraError
    from summarizer.evaluation import GoldSystem, evaluate, load_dataset
    from summarizer.evaluation.scorers import chrf

    dataset = load_dataset() if module != "yaml" else None
    if module == "sacrebleu.metrics":  # a fresh cache for chrF's scorer, so it imports sacrebleu again
        monkeypatch.setattr(chrf, "_chrf", functools.cache(chrf._chrf.__wrapped__))
    monkeypatch.setitem(sys.modules, module, None)  # `import` now fails as if it were not installed
    needs = r"needs the 'eval' extra, which is not installed: pip install '\.\[eval\]'"
    if module == "anyascii":  # the baseline cannot produce a brief: recorded as its error, not raised
        log = evaluate(dataset, None)
        error = log.samples[0].systems["baseline"].error
        assert error["type"] == "MissingExtraError" and re.search(needs, error["message"])
        return
    with pytest.raises(MissingExtraError, match=needs):
        load_dataset() if module == "yaml" else evaluate(dataset, GoldSystem())


def test_gold_self_check_of_the_dev_pages_dataset_passes(tmp_path) -> None:
    code = main(["eval", "--gold", "--dataset", "devpages", "--log", str(tmp_path / "log.json")])
    log = json.loads((tmp_path / "log.json").read_text(encoding="utf-8"))
    assert code == 0 and len(log["samples"]) == 2
