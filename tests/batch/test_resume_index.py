"""Batch bookkeeping stays flat at scale: ids as hashes in arrays, a resume that reads an index, not every line."""

from __future__ import annotations

import json
import os

from summarizer.batch import results
from summarizer.batch.id_table import IdTable, id_hash
from summarizer.batch.inputs import JsonlInput
from summarizer.batch.results import ResultsLog, encode_record, index_path

from .helpers import write_jsonl


def _line(article_id: str, status: str = "ok") -> dict:
    return {"id": article_id, "status": status, "elapsed_ms": 1.0}


def test_id_table_maps_hashes_to_values_and_grows_without_losing_any():
    table = IdTable()
    for i in range(5000):
        assert table.put(id_hash(f"a{i}"), i % 3) == -1
    assert len(table) == 5000
    assert [table.get(id_hash(f"a{i}")) for i in range(0, 5000, 777)] == [i % 3 for i in range(0, 5000, 777)]
    assert table.get(id_hash("missing")) == -1 and id_hash("missing") not in table
    assert table.add_new(id_hash("a7"), 99) == 7 % 3  # present: keeps its value
    assert table.nbytes() <= 16 * 4 * 5000  # 16 bytes a slot, a quarter to a half of the slots in use


def test_a_resumed_log_reads_statuses_from_its_index_and_parses_only_lines_written_after_it(tmp_path, monkeypatch):
    out = tmp_path / "results.jsonl"
    with ResultsLog.open(out) as log:
        log.append(_line("a"))
        log.append(_line("b", "error"))
        log.append(_line("c"))
        # Killed between writing a line (and the seal of the file) and its index record:
        # the line is there, the record is not.
        log._write_line(encode_record(_line("d")))
    parsed: list[bytes] = []
    real = results._status_of_line
    monkeypatch.setattr(results, "_status_of_line", lambda raw: parsed.append(raw) or real(raw))
    with ResultsLog.open(out) as log:
        assert [log.status_of(i) for i in "abcde"] == ["ok", "error", "ok", "ok", None]
        assert log.should_skip("a") and log.should_skip("b") and not log.should_skip("b", retry_failed=True)
    # The index's last record is checked against its line ("c"); then only the unindexed line ("d").
    assert [json.loads(raw)["id"] for raw in parsed] == ["c", "d"]
    assert index_path(out).stat().st_size > 5 * 16  # "d" is indexed now (after the header line's record)


def test_an_index_that_does_not_match_its_results_file_is_rebuilt_from_the_lines(tmp_path):
    out = tmp_path / "results.jsonl"
    with ResultsLog.open(out) as log:
        for article_id in "abc":
            log.append(_line(article_id))
    # The file rewritten in place, longer than before, with other ids and statuses.
    out.write_text("".join(json.dumps(_line(i, "error")) + "\n" for i in "xyzw"), encoding="utf-8")
    with ResultsLog.open(out) as log:
        assert [log.status_of(i) for i in "abcxyzw"] == [None, None, None, "error", "error", "error", "error"]
    with open(index_path(out), "ab") as handle:
        handle.write(b"\x01\x02\x03")  # a torn record from a crash
    with ResultsLog.open(out) as log:
        assert len(log) == 4 and log.status_of("w") == "error"


def test_jsonl_input_yields_only_unfinished_articles_in_order_and_finds_any_by_id(tmp_path):
    source = JsonlInput(write_jsonl(tmp_path / "in.jsonl", {f"a{i}": f"نص الخبر رقم {i}." for i in range(6)}))
    hashes = source.scan()
    assert list(hashes) == [id_hash(f"a{i}") for i in range(6)]
    done = {id_hash("a0"), id_hash("a2"), id_hash("a3")}
    assert [a.id for a in source.remaining(done.__contains__)] == ["a1", "a4", "a5"]
    assert source.text_of("a4").text == "نص الخبر رقم 4." and source.text_of("zz").error is not None


def test_two_ids_sharing_a_hash_are_not_mistaken_for_a_repeated_id(tmp_path, monkeypatch):
    import summarizer.batch.inputs as batch_input

    monkeypatch.setattr(batch_input, "id_hash", lambda article_id: 42)
    source = JsonlInput(write_jsonl(tmp_path / "in.jsonl", {"a": "نص أول.", "b": "نص ثان."}))
    assert len(source.scan()) == 2


def test_a_saved_scan_is_reused_for_the_unchanged_input_and_redone_when_it_changes(tmp_path, monkeypatch):
    path = write_jsonl(tmp_path / "in.jsonl", {f"a{i}": f"نص الخبر رقم {i}." for i in range(4)})
    saved = tmp_path / "results.jsonl.input.idx"
    first = JsonlInput(path).scan(saved=saved)
    parsed: list[int] = []
    real = JsonlInput._parse
    monkeypatch.setattr(JsonlInput, "_parse", lambda self, n, raw, **kw: parsed.append(n) or real(self, n, raw, **kw))
    again = JsonlInput(path)
    assert again.scan(saved=saved) == first and parsed == []  # read from the saved scan, no line parsed
    assert [a.id for a in again.remaining(lambda key: False)] == ["a0", "a1", "a2", "a3"]
    write_jsonl(path, {"b0": "نص آخر.", "b1": "نص ثالث."})  # the input changed: scanned afresh
    parsed.clear()
    assert list(JsonlInput(path).scan(saved=saved)) == [id_hash("b0"), id_hash("b1")] and parsed == [1, 2]


def test_a_results_line_holds_the_brief_as_pydantic_writes_it(seed_brief):
    from summarizer.batch.results import ArticleResult, encode_record, record_for
    from summarizer.schema import Brief

    line = encode_record(record_for(ArticleResult("a1", brief=seed_brief, elapsed_ms=12.34)))
    assert line.endswith(b"}\n") and line.count(b"\n") == 1
    record = json.loads(line)
    assert (record["id"], record["status"], record["elapsed_ms"]) == ("a1", "ok", 12.3)
    assert Brief.model_validate(record["brief"]) == seed_brief


# --- the index and the check of "ok" lines (issue 15) together: a trusted index is not re-checked ---


def _ok(article_id, brief):
    from summarizer.batch.results import ArticleResult, record_for

    return record_for(ArticleResult(article_id, brief=brief, elapsed_ms=1.0))


def _open_counting(out, identity=7, problems=()):
    checked: list[str] = []

    def check(article_id, brief):
        checked.append(article_id)
        return list(problems)

    return ResultsLog.open(out, check=check, input_identity=identity), checked


def test_ok_lines_vouched_for_by_a_matching_index_are_not_checked_again(tmp_path, seed_brief):
    out = tmp_path / "results.jsonl"
    log, checked = _open_counting(out)
    with log:
        log.append(_ok("a", seed_brief))
        log.append(_ok("b", seed_brief))
    log, checked = _open_counting(out)
    with log:
        assert log.should_skip("a") and log.should_skip("b") and checked == []
    records = index_path(out).read_bytes()[len(results._INDEX_MAGIC) + 48:]
    assert len(records) == 3 * 16  # the header line has its record too (id hash 0, not a result)
    assert json.loads(out.read_bytes().splitlines()[0]) == results.HEADER


def test_a_results_file_changed_behind_the_index_has_every_ok_line_checked(tmp_path, seed_brief):
    out = tmp_path / "results.jsonl"
    log, _ = _open_counting(out)
    with log:
        log.append(_ok("a", seed_brief))
        log.append(_ok("b", seed_brief))
    before = out.stat()
    data = out.read_bytes()
    out.write_bytes(data.replace(b'"a"', b'"x"', 1))  # same size, another id: the seal no longer matches
    os.utime(out, ns=(before.st_atime_ns, before.st_mtime_ns + 10**9))  # even within one clock tick
    log, checked = _open_counting(out, problems=["the article's sha256 differs"])
    with log:
        assert checked == ["x", "b"] and [i for i, _ in log.invalid] == ["x", "b"]
        assert not log.should_skip("x") and not log.should_skip("b") and not log.should_skip("a")


def test_ok_lines_are_checked_again_when_the_input_changed_or_cannot_be_identified(tmp_path, seed_brief):
    out = tmp_path / "results.jsonl"
    log, _ = _open_counting(out, identity=7)
    with log:
        log.append(_ok("a", seed_brief))
    log, checked = _open_counting(out, identity=8)  # another input: checked against it
    with log:
        assert checked == ["a"] and log.should_skip("a")
    log, checked = _open_counting(out, identity=8)  # the rebuilt index vouches for it now
    with log:
        assert checked == []
    log, checked = _open_counting(out, identity=None)  # standard input, a folder: every run checks
    with log:
        assert checked == ["a"]
