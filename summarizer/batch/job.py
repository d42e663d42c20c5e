"""One OpenAI Batch API job per results file: submit it, survive a restart, collect its answers.

The job's state is a small versioned file beside the results file (`<out>.batch-api.json`):
while it exists, a job is pending and the same command resumes waiting for it instead of
paying for the articles twice. Collecting writes each answer through `record` (the results
file and the tally) exactly once, then removes the request file and the state.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from ..cache import BriefCache
from ..config import ProviderConfig
from ..errors import ProviderError
from ..output import write_atomic
from ..schema import StrictModel
from . import batch_api
from .inputs import BatchInput
from .results import ArticleResult, read_results_from

Progress = Callable[[dict[str, Any]], None]


class JobState(StrictModel):
    """What collecting a submitted job needs after a restart."""

    version: Literal[1] = 1
    batch_id: str
    requests: int  # how many request lines were submitted
    requests_file: str
    results_offset: int  # results-file lines after this byte belong to this job
    model: str


class BatchApiJob:
    """The Batch API job that fills one results file."""

    def __init__(
        self,
        source: BatchInput,
        out: str | Path,
        config: ProviderConfig,
        *,
        cache: BriefCache | None,
        record: Callable[[ArticleResult], None],
        skip: Callable[[str], bool],
    ) -> None:
        self.source = source
        self.out = Path(out)
        self.config = config
        self.cache = cache
        self.record = record
        self.skip = skip

    @staticmethod
    def state_path(out: str | Path) -> Path:
        """Where the state of the job filling `out` is kept while it is pending."""
        return Path(f"{out}.batch-api.json")

    def pending(self) -> JobState | None:
        """The job this results file is waiting for, if any."""
        path = self.state_path(self.out)
        if not path.exists():
            return None
        return JobState.model_validate_json(path.read_text(encoding="utf-8"))

    def submit(self, description: str) -> JobState | None:
        """Export what is left to do and submit it; None when nothing is left to submit."""
        requests_path = Path(f"{self.out}.requests.jsonl")
        export = batch_api.export_requests(
            self.source, self.config, requests_path, skip=self.skip, cache=self.cache, on_result=self.record
        )
        if export.requests == 0:
            requests_path.unlink(missing_ok=True)
            return None
        batch = batch_api.submit(self.config, requests_path, description=description)
        state = JobState(
            batch_id=batch["id"],
            requests=export.requests,
            requests_file=str(requests_path),
            results_offset=os.path.getsize(self.out),
            model=self.config.model,
        )
        write_atomic(self.state_path(self.out), state.model_dump_json())
        return state

    def wait(self, state: JobState, *, interval: float, on_update: Progress | None = None) -> dict[str, Any]:
        """Poll until the job ends; the batch as the API describes it."""
        return batch_api.wait(self.config, state.batch_id, interval=interval, on_update=on_update)

    def collect(self, batch: dict[str, Any], state: JobState, on_result: Callable[[], None] | None = None) -> None:
        """Record every answer of a finished job once (an interrupted collect resumes), then forget the job."""
        if batch["status"] == "failed":
            self.state_path(self.out).unlink(missing_ok=True)
            reasons = "; ".join(e.get("message", "") for e in ((batch.get("errors") or {}).get("data") or []))
            raise ProviderError(
                f"the Batch API rejected job {batch['id']}: {reasons or 'no reason given'}", retryable=False
            )
        # Ids already written for this job (an earlier, interrupted collect) are not written twice.
        done = {r["id"] for r in read_results_from(self.out, state.results_offset)}
        for key in ("output_file_id", "error_file_id"):
            if not batch.get(key):
                continue
            path = batch_api.download(self.config, batch[key], f"{self.out}.{key.split('_')[0]}.jsonl")
            try:
                with open(path, "rb") as lines:
                    for result in batch_api.ingest(
                        lines, self.source, self.config, cache=self.cache, skip=done.__contains__
                    ):
                        self.record(result)
                        done.add(result.id)
                        if on_result is not None:
                            on_result()
            finally:
                path.unlink(missing_ok=True)
        with open(state.requests_file, "rb") as requests:
            submitted = (json.loads(line)["custom_id"] for line in requests if line.strip())
            for result in batch_api.missing_ids(batch, submitted, done):
                self.record(result)
        Path(state.requests_file).unlink(missing_ok=True)
        self.state_path(self.out).unlink(missing_ok=True)
