"""A pending Batch API job's state file: typed, versioned, and readable from before it had a version."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from summarizer.batch.job import BatchApiJob, JobState

UNVERSIONED = {
    "batch_id": "batch_1",
    "requests": 3,
    "requests_file": "results.jsonl.requests.jsonl",
    "results_offset": 120,
    "model": "gpt-4o-mini",
}


def test_a_state_file_written_before_versioning_still_resumes_its_job():
    state = JobState.model_validate_json(json.dumps(UNVERSIONED))
    assert (state.version, state.batch_id, state.requests, state.results_offset) == (1, "batch_1", 3, 120)


def test_a_state_file_of_an_unknown_version_or_shape_is_refused():
    with pytest.raises(ValidationError):
        JobState.model_validate({**UNVERSIONED, "version": 2})
    with pytest.raises(ValidationError):
        JobState.model_validate({**UNVERSIONED, "surprise": True})


def test_the_state_lives_beside_the_results_file(tmp_path):
    assert BatchApiJob.state_path(tmp_path / "results.jsonl") == tmp_path / "results.jsonl.batch-api.json"
