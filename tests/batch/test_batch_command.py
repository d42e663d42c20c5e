"""`summarizer batch`: results appended per article, resume by id, typed errors, one-line failures."""

from __future__ import annotations

import json

import pytest

from summarizer.cli import main

from ..helpers import TEST_KEY
from .helpers import OTHER_STORY, by_id, records, write_folder, write_jsonl


@pytest.fixture
def endpoint(monkeypatch, tmp_path):
    """Point the CLI at a fake server through the environment, with a private cache."""

    def use(server):
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", TEST_KEY)
        monkeypatch.setenv("SUMMARIZER_MODEL", "gpt-4.1-mini")

    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    return use


def test_batch_writes_one_line_per_article_with_usage_and_cost(tmp_path, endpoint, fake_openai, step, seed_text,
                                                               seed_draft, capsys):
    folder = write_folder(tmp_path / "in", {f"a{i}": seed_text for i in range(4)})
    out = tmp_path / "results.jsonl"
    with fake_openai([step.brief(seed_draft, usage={"prompt_tokens": 1000, "completion_tokens": 500,
                                                    "total_tokens": 1500})]) as server:
        endpoint(server)
        code = main(["batch", str(folder), "--out", str(out), "--concurrency", "2", "--no-cache"])
        assert server.calls == 4
    assert code == 0
    found = by_id(out)
    assert sorted(found) == ["a0", "a1", "a2", "a3"]
    line = found["a0"]
    assert line["status"] == "ok" and line["cached"] is False
    assert line["usage"] == {"prompt_tokens": 1000, "completion_tokens": 500, "total_tokens": 1500}
    assert line["cost_usd"] == pytest.approx((1000 * 0.40 + 500 * 1.60) / 1e6)  # gpt-4.1-mini list price
    assert line["brief"]["claims"][0]["evidence"][0]["start"] >= 0
    err = capsys.readouterr().err
    assert "4 ok (0 from cache), 0 failed, 4,000 prompt + 2,000 completion tokens, $0.0048" in err
    assert TEST_KEY not in out.read_text(encoding="utf-8")


def test_errors_are_written_with_their_typed_cause_and_the_exit_code_says_some_failed(
    tmp_path, endpoint, fake_openai, step, seed_text, seed_draft
):
    source = write_jsonl(tmp_path / "in.jsonl", {"good": seed_text, "other": OTHER_STORY, "blank": " \n"})
    out = tmp_path / "results.jsonl"
    with fake_openai([step.brief(seed_draft)]) as server:
        endpoint(server)
        code = main(["batch", str(source), "--out", str(out), "--no-cache", "--max-reasks", "0", "--concurrency", "1"])
    assert code == 1
    found = by_id(out)
    assert found["good"]["status"] == "ok"
    assert found["other"]["error"]["type"] == "GroundingError"
    assert found["other"]["error"]["attempts"] == 1
    assert found["blank"]["error"]["type"] == "EmptyArticleError"


def test_rerun_skips_finished_articles_and_makes_no_call(tmp_path, endpoint, fake_openai, step, seed_text,
                                                         seed_draft, capsys):
    folder = write_folder(tmp_path / "in", {"a": seed_text, "b": seed_text})
    out = tmp_path / "results.jsonl"
    with fake_openai([step.brief(seed_draft)]) as server:
        endpoint(server)
        assert main(["batch", str(folder), "--out", str(out), "--no-cache"]) == 0
        before = out.read_bytes()
        write_folder(folder, {"c": seed_text})  # one new article since the last run
        assert main(["batch", str(folder), "--out", str(out), "--no-cache"]) == 0
        assert server.calls == 3
        assert main(["batch", str(folder), "--out", str(out), "--no-cache"]) == 0
        assert server.calls == 3
    assert out.read_bytes().startswith(before)
    assert sorted(by_id(out)) == ["a", "b", "c"]
    assert "nothing to do" in capsys.readouterr().err


def test_retry_failed_redoes_only_errors_and_the_new_line_supersedes(tmp_path, endpoint, fake_openai, step,
                                                                       seed_text, seed_draft):
    folder = write_folder(tmp_path / "in", {"a": seed_text, "b": seed_text})
    out = tmp_path / "results.jsonl"
    with fake_openai([step.brief(seed_draft), step.error(400), step.brief(seed_draft)]) as server:
        endpoint(server)
        assert main(["batch", str(folder), "--out", str(out), "--no-cache", "--concurrency", "1"]) == 1
        assert main(["batch", str(folder), "--out", str(out), "--no-cache"]) == 1  # errors are kept by default
        assert server.calls == 2
        assert main(["batch", str(folder), "--out", str(out), "--no-cache", "--retry-failed"]) == 0
        assert server.calls == 3
    lines = records(out)
    assert [(r["id"], r["status"]) for r in lines] == [("a", "ok"), ("b", "error"), ("b", "ok")]


def test_second_run_into_a_new_file_is_served_from_the_cache(tmp_path, endpoint, fake_openai, step, seed_text,
                                                             seed_draft):
    folder = write_folder(tmp_path / "in", {"a": seed_text, "b": seed_text + " "})
    with fake_openai([step.brief(seed_draft)]) as server:
        endpoint(server)
        assert main(["batch", str(folder), "--out", str(tmp_path / "one.jsonl")]) == 0
        assert server.calls == 2
        assert main(["batch", str(folder), "--out", str(tmp_path / "two.jsonl")]) == 0
        assert server.calls == 2
        assert main(["batch", str(folder), "--out", str(tmp_path / "three.jsonl"), "--no-cache"]) == 0
        assert server.calls == 4
    second = by_id(tmp_path / "two.jsonl")
    assert all(r["cached"] and r["cost_usd"] == 0.0 for r in second.values())
    assert second["a"]["brief"] == by_id(tmp_path / "one.jsonl")["a"]["brief"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a", "text": "x"}\nnot json\n', "in.jsonl line 2 is not valid JSON"),
        ('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n', "in.jsonl line 2 repeats id 'a' from line 1"),
        ('{"text": "x"}\n', 'in.jsonl line 1 needs an "id"'),
        ('{"id": "a", "text": 5}\n', 'in.jsonl line 1 (id \'a\') needs a "text" string'),
        ("\n\n", "has no articles"),
    ],
)
def test_malformed_jsonl_stops_before_any_call_with_one_line(tmp_path, endpoint, fake_openai, capsys, content,
                                                              message):
    source = tmp_path / "in.jsonl"
    source.write_text(content, encoding="utf-8")
    out = tmp_path / "results.jsonl"
    with fake_openai([]) as server:
        endpoint(server)
        assert main(["batch", str(source), "--out", str(out)]) == 2
        assert server.calls == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0] and err[0].startswith("summarizer: error:")
    assert not out.exists()


def test_missing_input_and_single_text_file_are_clear_errors(tmp_path, capsys):
    assert main(["batch", str(tmp_path / "nope"), "--out", str(tmp_path / "o.jsonl")]) == 2
    (tmp_path / "one.txt").write_text("text", encoding="utf-8")
    assert main(["batch", str(tmp_path / "one.txt"), "--out", str(tmp_path / "o.jsonl")]) == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["batch", str(empty), "--out", str(tmp_path / "o.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "use `summarizer brief` for one article" in err and "no .txt files" in err


def test_bad_concurrency_is_refused_by_the_parser(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["batch", str(tmp_path), "--out", str(tmp_path / "o.jsonl"), "--concurrency", "0"])
    assert exit_info.value.code == 2
    assert "must be at least 1" in capsys.readouterr().err


def test_results_lines_are_json_objects_with_an_id_and_status(tmp_path, endpoint, fake_openai, step, seed_text,
                                                              seed_draft):
    folder = write_folder(tmp_path / "in", {"a": seed_text})
    out = tmp_path / "results.jsonl"
    with fake_openai([step.brief(seed_draft)]) as server:
        endpoint(server)
        main(["batch", str(folder), "--out", str(out)])
    raw = out.read_text(encoding="utf-8").splitlines()
    assert len(raw) == 1
    assert set(json.loads(raw[0])) == {"id", "status", "elapsed_ms", "cached", "usage", "cost_usd", "brief"}


def test_an_unwritable_out_is_one_line_and_exit_3(tmp_path, seed_text, capsys):
    folder = write_folder(tmp_path / "in", {"a": seed_text})
    assert main(["batch", str(folder), "--out", str(tmp_path / "missing" / "results.jsonl")]) == 3
    assert main(["batch", str(folder), "--out", str(tmp_path)]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "cannot write results to" in err[0] and "is a directory" in err[1]


def test_explicit_prices_set_the_cost_and_half_a_pair_is_refused(tmp_path, endpoint, fake_openai, step, seed_text,
                                                                  seed_draft, capsys):
    folder = write_folder(tmp_path / "in", {"a": seed_text})
    out = tmp_path / "results.jsonl"
    assert main(["batch", str(folder), "--out", str(out), "--price-input", "1"]) == 3
    assert "give both --price-input and --price-output" in capsys.readouterr().err
    with fake_openai([step.brief(seed_draft)]) as server:
        endpoint(server)
        argv = ["batch", str(folder), "--out", str(out), "--price-input", "2", "--price-output", "10", "--no-cache"]
        assert main(argv) == 0
    assert by_id(out)["a"]["cost_usd"] == pytest.approx((900 * 2 + 600 * 10) / 1e6)
