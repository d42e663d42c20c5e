"""The OpenAI Batch API path: the same requests as live, submit and poll, ingestion through the same checks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from summarizer.batch import batch_api
from summarizer.batch.inputs import open_input
from summarizer.cache import BriefCache
from summarizer.cli import main
from summarizer.errors import (
    AuthenticationFailedError,
    GroundingError,
    InvalidOutputError,
    ProviderUnavailableError,
    RefusalError,
    TruncatedOutputError,
)
from summarizer.pipeline import Summarizer
from summarizer.testing.fake_openai import Step, completion

from ..helpers import ROOT, TEST_KEY, config_for, ctrl_c_as_in_a_terminal
from .helpers import OTHER_STORY, by_id, write_folder, write_jsonl


def _export(tmp_path, config, texts, **options):
    source = open_input(write_jsonl(tmp_path / "in.jsonl", texts))
    path = tmp_path / "requests.jsonl"
    export = batch_api.export_requests(source, config, path, **options)
    return source, export, [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_exported_request_is_exactly_what_the_live_path_sends(tmp_path, fake_openai, step, seed_text, seed_draft):
    with fake_openai([step.brief(seed_draft)]) as server:
        config = config_for(server)
        with Summarizer(config) as summarizer:
            summarizer.summarize(seed_text)
        live = server.requests[0]
    _, export, lines = _export(tmp_path, config, {"seed-1": seed_text})
    assert export.requests == 1 and export.ids == {"seed-1"}
    line = lines[0]
    assert (line["custom_id"], line["method"], line["url"]) == ("seed-1", "POST", "/v1/chat/completions")
    assert line["body"] == live
    assert line["body"]["tool_choice"]["function"]["name"] == line["body"]["tools"][0]["function"]["name"]
    assert TEST_KEY not in json.dumps(line)


def test_export_leaves_out_cache_hits_and_unusable_articles(tmp_path, fake_openai, step, seed_text, seed_draft):
    cache = BriefCache(tmp_path / "cache")
    with fake_openai([step.brief(seed_draft)]) as server:
        config = config_for(server)
        with Summarizer(config, cache=cache) as summarizer:
            summarizer.summarize(seed_text)
    answered = []
    _, export, lines = _export(
        tmp_path, config, {"cached": seed_text, "new": seed_text + "\n", "blank": "  "},
        cache=cache, on_result=answered.append,
    )
    assert [line["custom_id"] for line in lines] == ["new"]
    assert {r.id: (r.ok, r.cached) for r in answered} == {"cached": (True, True), "blank": (False, False)}


def test_export_does_not_serve_a_cache_entry_that_does_not_fit_its_article(tmp_path, fake_openai, step, seed_text,
                                                                          seed_draft):
    cache = BriefCache(tmp_path / "cache")
    with fake_openai([step.brief(seed_draft)]) as server:
        config = config_for(server)
        with Summarizer(config, cache=cache) as summarizer:
            summarizer.summarize(seed_text)
    [entry] = (tmp_path / "cache").rglob("*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["claims"][0]["evidence"][0]["quote"] = "نص لم يرد في المقال"
    entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _, export, lines = _export(tmp_path, config, {"tampered": seed_text}, cache=cache)
    assert [line["custom_id"] for line in lines] == ["tampered"]  # asked again, not served from the cache


def test_submit_and_poll_run_a_job_against_the_files_and_batches_endpoints(tmp_path, fake_openai, step, seed_text,
                                                                         seed_draft):
    with fake_openai([step.brief(seed_draft)], batch_polls=3) as server:
        config = config_for(server)
        _, export, _ = _export(tmp_path, config, {"a": seed_text, "b": seed_text})
        submitted = batch_api.submit(config, export.path, description="test run")
        assert submitted["status"] == "validating"
        uploaded = server.files[submitted["input_file_id"]]
        assert uploaded["purpose"] == "batch" and uploaded["_content"] == export.path.read_bytes()
        seen = []
        done = batch_api.wait(config, submitted["id"], interval=0, on_update=lambda b: seen.append(b["status"]))
        assert seen == ["in_progress", "in_progress", "completed"]
        assert done["request_counts"] == {"total": 2, "completed": 2, "failed": 0}
        output = batch_api.download(config, done["output_file_id"], tmp_path / "output.jsonl")
        assert server.calls == 2
    custom_ids = [json.loads(line)["custom_id"] for line in output.read_text(encoding="utf-8").splitlines()]
    assert custom_ids == ["a", "b"]


def test_submit_to_an_unreachable_endpoint_is_a_typed_error(tmp_path, fake_openai):
    requests = tmp_path / "requests.jsonl"
    requests.write_text("{}\n", encoding="utf-8")
    with fake_openai([]) as server:
        config = config_for(server, max_transport_attempts=2)
    with pytest.raises(ProviderUnavailableError) as info:  # the server is gone: connection refused
        batch_api.submit(config, requests)
    assert "cannot reach 127.0.0.1" in str(info.value) and info.value.attempts == 2
    assert TEST_KEY not in str(info.value)


def _result_line(custom_id, request_body, step):
    """A Batch API output/error line as the service writes it, from a scripted answer."""
    if step.kind == "error":
        response = {"status_code": step.status, "request_id": "req", "body": step.payload}
    else:
        response = {"status_code": 200, "request_id": "req", "body": completion(request_body, step)}
    return json.dumps({"id": "batch_req", "custom_id": custom_id, "response": response, "error": None},
                      ensure_ascii=False)


def test_ingestion_validates_and_grounds_each_result_like_the_live_path(tmp_path, fake_openai, step, seed_text,
                                                                       seed_draft):
    texts = {"good": seed_text, "refused": seed_text, "cut": seed_text, "other": OTHER_STORY, "down": seed_text,
             "denied": seed_text, "noise": seed_text}
    with fake_openai([step.brief(seed_draft)]) as server:
        config = config_for(server)
        with Summarizer(config) as summarizer:
            live = summarizer.summarize(seed_text)
    source, _, lines = _export(tmp_path, config, texts)
    bodies = {line["custom_id"]: line["body"] for line in lines}
    refusal = completion(bodies["refused"], Step.content(None))
    refusal["choices"][0]["message"]["refusal"] = "I cannot help with that."
    scripted = [
        _result_line("good", bodies["good"], Step.brief(seed_draft)),
        json.dumps({"custom_id": "refused", "response": {"status_code": 200, "body": refusal}, "error": None}),
        _result_line("cut", bodies["cut"], Step.content('{"headline": {"ar": "', finish_reason="length")),
        _result_line("other", bodies["other"], Step.brief(seed_draft)),
        _result_line("down", bodies["down"], Step.error(500)),
        _result_line("denied", bodies["denied"], Step.error(401)),
        _result_line("noise", bodies["noise"], Step.content("not json at all")),
    ]
    results = {r.id: r for r in batch_api.ingest(scripted, source, config)}
    good = results["good"].brief
    assert good is not None
    assert good.model_dump(exclude={"metadata"}) == live.model_dump(exclude={"metadata"})
    assert good.metadata.usage.completion_tokens == 600 and good.metadata.reasks == 0
    assert isinstance(results["refused"].error, RefusalError)
    assert isinstance(results["cut"].error, TruncatedOutputError)
    assert isinstance(results["other"].error, GroundingError)  # grounded against the other story, not the seed
    assert isinstance(results["down"].error, ProviderUnavailableError)
    assert isinstance(results["denied"].error, AuthenticationFailedError)
    assert isinstance(results["noise"].error, InvalidOutputError)


def test_batch_api_command_submits_once_polls_ingests_and_resumes_a_pending_job(
    tmp_path, monkeypatch, fake_openai, step, seed_text, seed_draft, capsys
):
    folder = write_folder(tmp_path / "in", {"a": seed_text, "b": seed_text + "\n", "c": seed_text + "\n\n",
                                            "blank": "\n"})
    out = tmp_path / "results.jsonl"
    state = tmp_path / "results.jsonl.batch-api.json"
    script = [step.brief(seed_draft), step.error(500), step.brief(seed_draft)]
    with fake_openai(script, batch_polls=3) as server:
        env = {**os.environ, "OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": TEST_KEY,
               "SUMMARIZER_MODEL": "gpt-4.1-mini", "SUMMARIZER_CACHE_DIR": str(tmp_path / "cache"),
               "PYTHONPATH": str(ROOT)}
        # Ctrl-C while waiting for the job: the job id is kept, so the re-run resumes instead of paying twice.
        waiting = subprocess.Popen(
            [sys.executable, "-m", "summarizer", "batch", str(folder), "--out", str(out), "--batch-api",
             "--poll-interval", "60", "--no-progress"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=ctrl_c_as_in_a_terminal,
        )
        deadline = time.monotonic() + 60
        while not (state.exists() and server.batches and next(iter(server.batches.values()))["_polls"] >= 1):
            assert waiting.poll() is None and time.monotonic() < deadline, waiting.communicate()
            time.sleep(0.02)
        waiting.send_signal(signal.SIGINT)
        _, stderr = waiting.communicate(timeout=30)
        assert waiting.returncode == 130 and "Traceback" not in stderr, stderr
        assert by_id(out).keys() == {"blank"}  # only the input error so far
        for name, value in env.items():
            if name.startswith(("OPENAI_", "SUMMARIZER_")):
                monkeypatch.setenv(name, value)
        # A live run into the same --out would pay again for the pending job: refused.
        assert main(["batch", str(folder), "--out", str(out)]) == 3
        assert "a Batch API job is pending" in capsys.readouterr().err
        assert main(["batch", str(folder), "--out", str(out), "--batch-api", "--poll-interval", "0"]) == 1
        assert len(server.batches) == 1
        assert server.calls == 3
        assert main(["batch", str(folder), "--out", str(out), "--batch-api", "--poll-interval", "0"]) == 1
        assert len(server.batches) == 1  # nothing pending, errors are kept: no new job
    results = by_id(out)
    assert {k: v["status"] for k, v in results.items()} == {"a": "ok", "b": "error", "c": "ok", "blank": "error"}
    assert results["b"]["error"]["type"] == "ProviderUnavailableError"
    assert results["a"]["cost_usd"] == pytest.approx((900 * 0.20 + 600 * 0.80) / 1e6)  # half the list price
    resume_indexes = {"results.jsonl.idx", "results.jsonl.input.idx"}  # kept for the next run
    left = [p.name for p in tmp_path.glob("results.jsonl.*") if p.name not in resume_indexes]
    assert not left, "temporary Batch API files left behind"
    assert "resuming Batch API job" in capsys.readouterr().err


def test_ingest_command_reads_a_downloaded_results_file(tmp_path, monkeypatch, fake_openai, step, seed_text,
                                                        seed_draft):
    folder = write_folder(tmp_path / "in", {"a": seed_text})
    requests = tmp_path / "requests.jsonl"
    out = tmp_path / "results.jsonl"
    with fake_openai([step.brief(seed_draft)]) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", TEST_KEY)
        assert main(["batch", str(folder), "--out", str(out), "--export-requests", str(requests), "--no-cache"]) == 0
        assert server.calls == 0
        body = json.loads(requests.read_text(encoding="utf-8"))["body"]
        output = tmp_path / "output.jsonl"
        output.write_text(_result_line("a", body, Step.brief(seed_draft)) + "\n", encoding="utf-8")
        assert main(["batch", str(folder), "--out", str(out), "--ingest", str(output), "--no-cache"]) == 0
        assert main(["batch", str(folder), "--out", str(out), "--ingest", str(output), "--no-cache"]) == 0
    assert by_id(out)["a"]["status"] == "ok"
