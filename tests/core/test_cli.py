"""The command line: a brief on stdout or in a file, one-line errors, never a partial file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from summarizer.schema import Brief

from ..helpers import SEED_PATH, TEST_KEY, assert_one_line_error, endpoint_env, run_cli


def test_brief_prints_a_schema_valid_grounded_brief_on_stdout(fake_openai, step, seed_text, seed_draft):
    with fake_openai([step.brief(seed_draft)]) as server:
        result = run_cli("brief", str(SEED_PATH), env=endpoint_env(server))
    assert result.returncode == 0, result.stderr.decode()
    brief = Brief.model_validate_json(result.stdout)
    for claim in brief.claims:
        for span in claim.evidence:
            assert seed_text[span.start : span.end] == span.quote
    assert "fake-model" in result.stderr.decode() and "127.0.0.1" in result.stderr.decode()


def test_brief_reads_standard_input_and_writes_markdown(fake_openai, step, seed_draft):
    with fake_openai([step.brief(seed_draft)]) as server:
        result = run_cli("brief", "-", "--format", "md", env=endpoint_env(server), stdin=SEED_PATH.read_bytes())
    assert result.returncode == 0, result.stderr.decode()
    text = result.stdout.decode()
    assert text.startswith("# Syrian-Israeli meeting") and "ANONYMOUS source" in text


def test_out_file_is_written_whole(tmp_path, fake_openai, step, seed_draft):
    out = tmp_path / "brief.json"
    with fake_openai([step.brief(seed_draft)]) as server:
        result = run_cli("brief", str(SEED_PATH), "--out", str(out), env=endpoint_env(server))
    assert result.returncode == 0
    assert result.stdout == b""
    assert Brief.model_validate_json(out.read_bytes()).claims
    assert [p.name for p in tmp_path.iterdir()] == ["brief.json"]  # no temporary file left


def test_failed_run_leaves_an_existing_out_file_untouched(tmp_path, fake_openai, step, seed_draft):
    out = tmp_path / "brief.json"
    out.write_text("previous result", encoding="utf-8")
    seed_draft["claims"][0]["evidence"][0]["quote"] = "اجتماع سري في لندن"
    with fake_openai([step.brief(seed_draft)]) as server:
        result = run_cli("brief", str(SEED_PATH), "--out", str(out), env=endpoint_env(server))
    assert_one_line_error(result, 5, "no grounded brief after 3 answers")
    assert out.read_text(encoding="utf-8") == "previous result"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.json"]


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (None, "does not exist"),
        (b"", "is empty"),
        (b"   \n\t \n", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        ("خبر عاجل".encode("cp1256"), "not valid UTF-8"),
        (b"\xd9\x8a\xd9", "not valid UTF-8"),
    ],
    ids=["missing", "empty", "whitespace", "binary", "cp1256", "truncated-utf8"],
)
def test_bad_input_file_gets_a_one_line_error_and_exit_2(tmp_path, content, needle):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    out = tmp_path / "out.json"
    result = run_cli("brief", str(path), "--out", str(out), env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"})
    assert_one_line_error(result, 2, needle)
    assert not out.exists()


def test_directory_instead_of_a_file_is_refused(tmp_path):
    result = run_cli("brief", str(tmp_path), env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"})
    assert_one_line_error(result, 2, "is a directory")


def test_unreachable_endpoint_fails_with_a_provider_error_not_a_traceback(tmp_path):
    # Port 9 (discard) on loopback refuses connections: a retryable fault that never passes.
    result = run_cli(
        "brief", str(SEED_PATH), "--deadline", "3",
        env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_API_KEY": TEST_KEY},
    )
    # Which fault ends it depends on timing alone (a busy machine may use up the 3 s before the
    # last refused connection), so either one-line provider error is right; a traceback is not.
    stderr = result.stderr.decode()
    if "cannot reach" in stderr:
        assert_one_line_error(result, 4, "cannot reach 127.0.0.1:9")
    else:
        assert_one_line_error(result, 4, "3s deadline")
    assert TEST_KEY not in stderr


def test_help_lists_the_subcommands():
    result = run_cli("--help")
    assert result.returncode == 0
    assert b"brief" in result.stdout


@pytest.mark.parametrize("command", ["brief", "batch", "render", "eval"])
def test_each_command_help_shows_examples_and_defaults(command):
    result = run_cli(command, "--help")
    assert result.returncode == 0
    text = result.stdout.decode()
    assert "examples:\n  " in text and f"summarizer {command} " in text.split("examples:")[1]
    assert "default" in text


def test_a_model_without_an_endpoint_is_refused_at_once_not_run_on_the_embedded_model():
    result = run_cli("brief", str(SEED_PATH), "--model", "gpt-4.1-mini")
    assert_one_line_error(result, 3, "--model 'gpt-4.1-mini' names a model but no endpoint")
    assert "embedded" not in result.stderr.decode()


def test_a_base_url_without_scheme_is_refused_showing_the_fix():
    result = run_cli("brief", str(SEED_PATH), "--base-url", "127.0.0.1:18081/v1", "--api-key", TEST_KEY)
    assert_one_line_error(result, 3, "use 'http://127.0.0.1:18081/v1'")
    assert TEST_KEY not in result.stderr.decode()


def test_local_cannot_be_combined_with_an_endpoint_flag():
    result = run_cli("brief", str(SEED_PATH), "--local", "--base-url", "http://127.0.0.1:9/v1")
    assert_one_line_error(result, 3, "--local runs the embedded model; it cannot be combined with --base-url")


def test_eval_without_its_extra_names_the_extra_and_exits_3(monkeypatch, capsys):
    import importlib.util

    from summarizer.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a, **k: None if name == "sacrebleu" else real(name, *a, **k))
    assert main(["eval", "--gold"]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["summarizer: error: summarizer eval needs the 'eval' extra, which is not installed: "
                   "pip install '.[eval]' in the project's folder"]


def test_version_is_the_installed_distributions_version(capsys):
    from importlib.metadata import version

    import summarizer
    from summarizer.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"summarizer {version('bilingual-brief-summarizer')}\n"
    assert summarizer.__version__ == version("bilingual-brief-summarizer")


def test_the_package_declares_its_type_hints_for_users_type_checkers():
    from importlib.resources import files

    assert files("summarizer").joinpath("py.typed").is_file()


# --- outputs that must never destroy a file or lose a paid brief (issue 15, item 3) -----


def test_out_equal_to_the_input_is_refused_before_any_call(tmp_path, fake_openai, step, seed_draft):
    article = tmp_path / "article.txt"
    article.write_bytes(SEED_PATH.read_bytes())
    with fake_openai([step.brief(seed_draft)]) as server:
        result = run_cli("brief", str(article), "--out", str(tmp_path / "." / "article.txt"), env=endpoint_env(server))
        assert server.calls == 0
    assert_one_line_error(result, 6, "is the input")
    assert article.read_bytes() == SEED_PATH.read_bytes()


def test_out_in_a_missing_folder_is_refused_before_any_call(tmp_path, fake_openai, step, seed_draft):
    with fake_openai([step.brief(seed_draft)]) as server:
        result = run_cli("brief", str(SEED_PATH), "--out", str(tmp_path / "nope" / "b.json"), env=endpoint_env(server))
        assert server.calls == 0
    assert_one_line_error(result, 6, "does not exist")


def test_out_onto_a_fifo_is_refused_before_any_call(tmp_path, fake_openai, step, seed_draft):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with fake_openai([step.brief(seed_draft)]) as server:
        result = run_cli("brief", str(SEED_PATH), "--out", str(fifo), env=endpoint_env(server))
        assert server.calls == 0
    assert_one_line_error(result, 6, "not a regular file")


def test_out_dash_means_standard_output(fake_openai, step, seed_draft):
    with fake_openai([step.brief(seed_draft)]) as server:
        result = run_cli("brief", str(SEED_PATH), "--out", "-", env=endpoint_env(server))
    assert result.returncode == 0, result.stderr.decode()
    assert Brief.model_validate_json(result.stdout).claims


def test_a_write_failure_after_the_call_keeps_the_paid_brief_and_says_where(
    tmp_path, monkeypatch, capsys, fake_openai, step, seed_draft
):
    import errno

    from summarizer import output
    from summarizer.cli import main

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "brief.md"
    with fake_openai([step.brief(seed_draft)]) as server:
        for name, value in endpoint_env(server).items():
            monkeypatch.setenv(name, value)
        monkeypatch.setattr(output.os, "fsync", disk_full)
        code = main(["brief", str(SEED_PATH), "--format", "md", "--out", str(out)])
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert code == 6, err
    assert "No space left on device" in err and "saved to" in err
    saved = Path(err.split("saved to ")[1].split(" ")[0])
    assert saved.is_relative_to(tmp_path / "cache")
    assert Brief.model_validate_json(saved.read_bytes()).claims
    assert not out.exists()
