"""`-` means standard input where a command reads a file and standard output where it writes one.

Where that cannot work (a results file read back to resume, two inputs on one standard input,
two outputs on one standard output), `-` is refused in one line with exit 3, and no file
named `-` is ever created.
"""

from __future__ import annotations

import json

from summarizer.schema import Brief

from ..helpers import SEED_PATH, assert_one_line_error, endpoint_env, run_cli


def test_brief_out_dash_writes_to_standard_output_not_a_file(tmp_path, fake_openai, step, seed_draft):
    with fake_openai([step.brief(seed_draft)]) as server:
        result = run_cli("brief", str(SEED_PATH), "--out", "-", env=endpoint_env(server), cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert Brief.model_validate_json(result.stdout).claims
    assert list(tmp_path.iterdir()) == []


def test_render_reads_the_article_from_standard_input_and_writes_to_standard_output(tmp_path, seed_brief):
    brief = tmp_path / "brief.json"
    brief.write_text(seed_brief.model_dump_json(), encoding="utf-8")
    result = run_cli("render", str(brief), "--article", "-", "--out", "-", stdin=SEED_PATH.read_bytes(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.startswith(b"<!doctype html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.json"]


def test_render_refuses_two_inputs_on_one_standard_input():
    result = run_cli("render", "-", "--article", "-", stdin=b"{}")
    assert_one_line_error(result, 3, "cannot both be -")


def test_batch_reads_jsonl_from_standard_input(tmp_path, fake_openai, step, seed_draft, seed_text):
    lines = "".join(json.dumps({"id": i, "text": seed_text}) + "\n" for i in ("a", "b"))
    out = tmp_path / "results.jsonl"
    with fake_openai([step.brief(seed_draft), step.brief(seed_draft)]) as server:
        result = run_cli(
            "batch", "-", "--out", str(out), "--no-cache", "--no-progress",
            env=endpoint_env(server), stdin=lines.encode(), cwd=tmp_path,
        )
    assert result.returncode == 0, result.stderr.decode()
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted((r["id"], r["status"]) for r in records) == [("a", "ok"), ("b", "ok")]


def test_batch_names_standard_input_in_an_error_about_a_line():
    result = run_cli("batch", "-", "--out", "results.jsonl", stdin=b'{"id": "a"}\n')
    assert_one_line_error(result, 2, 'standard input line 1 (id \'a\') needs a "text" string')


def test_batch_refuses_out_dash_and_creates_no_file(tmp_path):
    result = run_cli("batch", "-", "--out", "-", stdin=b"", cwd=tmp_path)
    assert_one_line_error(result, 3, "--out cannot be - (standard input or output): results are appended")
    assert list(tmp_path.iterdir()) == []


def test_eval_log_dash_goes_to_standard_output_with_the_scorecard_in_a_file(tmp_path):
    card = tmp_path / "card.md"
    result = run_cli("eval", "--gold", "--log", "-", "--scorecard", str(card), cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["verdict"]
    assert card.read_text(encoding="utf-8").startswith("#")


def test_eval_refuses_two_outputs_on_standard_output(tmp_path):
    result = run_cli("eval", "--gold", "--log", "-", cwd=tmp_path)
    assert_one_line_error(result, 3, "only one output can go to standard output, not --log and --scorecard")
    assert list(tmp_path.iterdir()) == []


def test_eval_refuses_dash_for_inputs_read_by_path():
    result = run_cli("eval", "--replay", "-")
    assert_one_line_error(result, 3, "--replay cannot be -")
