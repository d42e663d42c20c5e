"""The results file is ours alone: never someone else's file, never two runs at once, never a line trusted blindly."""

from __future__ import annotations

import fcntl
import json
import os
import stat

import pytest

from summarizer.batch.results import HEADER
from summarizer.cli import main

from .helpers import write_folder, write_jsonl
from .test_batch_command import endpoint  # noqa: F401  (fixture)


def test_a_new_results_file_starts_with_the_format_header(tmp_path, endpoint, fake_openai, step, seed_text,  # noqa: F811
                                                          seed_draft):
    folder = write_folder(tmp_path / "in", {"a": seed_text})
    out = tmp_path / "results.jsonl"
    with fake_openai([step.brief(seed_draft)]) as server:
        endpoint(server)
        assert main(["batch", str(folder), "--out", str(out), "--no-cache"]) == 0
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first == HEADER and isinstance(first["version"], int)


@pytest.mark.parametrize(
    "content",
    [
        "هذا نص مقال لم ينته بسطر جديد",  # an article, its last line without a newline
        '{"id": "x", "text": "an input line"}\n',  # a batch input, not results
        "",
    ],
    ids=["article-without-newline", "jsonl-input", "empty"],
)
def test_an_out_that_is_not_a_results_file_is_refused_and_left_untouched(tmp_path, endpoint, fake_openai,  # noqa: F811
                                                                         step, seed_text, seed_draft, capsys,
                                                                         content):
    folder = write_folder(tmp_path / "in", {"a": seed_text})
    out = tmp_path / "notes.txt"
    out.write_text(content, encoding="utf-8")
    with fake_openai([step.brief(seed_draft)]) as server:
        endpoint(server)
        code = main(["batch", str(folder), "--out", str(out), "--no-cache"])
        calls = server.calls
    if content == "":  # an empty file holds nothing to lose: it becomes a results file
        assert code == 0 and calls == 1
        return
    assert code == 6 and calls == 0
    assert out.read_text(encoding="utf-8") == content
    assert "not a results file" in capsys.readouterr().err


def test_an_input_file_is_refused_as_out(tmp_path, endpoint, fake_openai, step, seed_text, seed_draft,  # noqa: F811
                                         capsys):
    source = write_jsonl(tmp_path / "in.jsonl", {"a": seed_text})
    before = source.read_bytes()
    with fake_openai([step.brief(seed_draft)]) as server:
        endpoint(server)
        assert main(["batch", str(source), "--out", str(tmp_path / "." / "in.jsonl")]) == 6
        assert server.calls == 0
    assert source.read_bytes() == before


@pytest.mark.skipif(os.geteuid() != 0, reason="creating device nodes needs root")
@pytest.mark.timeout(60)
def test_device_outs_are_refused_without_reading_them(tmp_path, endpoint, fake_openai, step, seed_text,  # noqa: F811
                                                      seed_draft, capsys):
    folder = write_folder(tmp_path / "in", {"a": seed_text})
    devices = {"zero": os.makedev(1, 5), "full": os.makedev(1, 7), "null": os.stat(os.devnull).st_rdev}
    with fake_openai([step.brief(seed_draft)]) as server:
        endpoint(server)
        for name, rdev in devices.items():
            os.mknod(tmp_path / name, 0o666 | stat.S_IFCHR, rdev)
            assert main(["batch", str(folder), "--out", str(tmp_path / name)]) == 6
        assert server.calls == 0
    err = capsys.readouterr().err
    assert err.count("not a regular file") == 3
    assert all(stat.S_ISCHR(os.stat(tmp_path / name).st_mode) for name in devices)


def test_a_second_run_on_the_same_out_is_refused_while_the_first_holds_it(tmp_path, endpoint, fake_openai,  # noqa: F811
                                                                          step, seed_text, seed_draft, capsys):
    folder = write_folder(tmp_path / "in", {"a": seed_text})
    out = tmp_path / "results.jsonl"
    out.write_text(json.dumps(HEADER) + "\n", encoding="utf-8")
    with open(out, "rb") as held, fake_openai([step.brief(seed_draft)]) as server:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # what a running batch holds
        endpoint(server)
        assert main(["batch", str(folder), "--out", str(out), "--no-cache"]) == 6
        assert server.calls == 0
    assert "another summarizer batch" in capsys.readouterr().err


def _rewrite(out, change):
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    for record in records:
        if record.get("status") == "ok":
            change(record)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def _shift_offsets(record):
    span = record["brief"]["claims"][0]["evidence"][0]
    span["start"] += 1
    span["end"] += 1


def _other_article(record):
    record["brief"]["metadata"]["input_sha256"] = "0" * 64


def _not_a_brief(record):
    record["brief"]["claims"] = "nothing"


@pytest.mark.parametrize("change", [_shift_offsets, _other_article, _not_a_brief],
                         ids=["edited-offsets", "another-article", "not-a-brief"])
def test_resume_redoes_an_ok_line_that_does_not_hold_a_valid_brief_of_its_article(tmp_path, endpoint,  # noqa: F811
                                                                                  fake_openai, step, seed_text,
                                                                                  seed_draft, capsys, change):
    folder = write_folder(tmp_path / "in", {"a": seed_text, "b": seed_text})
    out = tmp_path / "results.jsonl"
    with fake_openai([step.brief(seed_draft)]) as server:
        endpoint(server)
        assert main(["batch", str(folder), "--out", str(out), "--no-cache"]) == 0
        _rewrite(out, lambda r: change(r) if r["id"] == "a" else None)
        assert main(["batch", str(folder), "--out", str(out), "--no-cache"]) == 0
        assert server.calls == 3  # a redone, b trusted
    err = capsys.readouterr().err
    assert "1 ok line" in err and "a:" in err
    assert by_id_latest(out)["a"]["brief"] != "nothing"


def by_id_latest(path):
    from summarizer.batch.results import latest_results

    return latest_results(path)
