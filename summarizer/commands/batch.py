"""`summarizer batch INPUT --out results.jsonl`: many articles, resumable, with a progress bar.

INPUT is a folder of .txt files (id = file name) or a JSONL file of {"id", "text"} lines.
Each article's result or typed error is appended to --out the moment it finishes; running
the same command again skips every id already there (add --retry-failed to redo errors).
Live calls run concurrently (--concurrency). For large jobs that can wait up to 24 hours,
--batch-api sends the same requests through the OpenAI Batch API at half price;
--export-requests writes its request file only, --ingest reads back a results file.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

from .common import STDIO, add_provider_options, announce_endpoint, refuse_stdio, say

EXAMPLES = """examples:
  summarizer batch articles/ --out results.jsonl --concurrency 16
  summarizer batch - --out results.jsonl < articles.jsonl
  summarizer batch articles/ --out results.jsonl --retry-failed
  summarizer batch articles.jsonl --out results.jsonl --batch-api
"""


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "batch",
        help="summarize many articles (resumable)",
        description=__doc__,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "input", help='folder of .txt files, a .jsonl file of {"id", "text"} lines, or - for JSONL on standard input'
    )
    parser.add_argument(
        "--out", required=True, metavar="FILE", help="results JSONL: appended to, and read to resume (not -)"
    )
    parser.add_argument("--concurrency", type=_positive_int, default=8, help="calls in flight (default 8)")
    parser.add_argument("--retry-failed", action="store_true", help="redo articles whose last result is an error")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the brief cache")
    parser.add_argument("--cache-dir", help="brief cache folder (default: $SUMMARIZER_CACHE_DIR or ~/.cache)")
    parser.add_argument(
        "--no-progress", action="store_true", help="no progress on stderr (a live line, or a status line every 10 s)"
    )
    parser.add_argument("--price-input", type=float, help="USD per million prompt tokens (overrides the table)")
    parser.add_argument("--price-output", type=float, help="USD per million completion tokens")
    scale = parser.add_argument_group("OpenAI Batch API (half price, answers within 24 hours)")
    modes = scale.add_mutually_exclusive_group()
    modes.add_argument("--batch-api", action="store_true", help="submit, wait, and ingest the results")
    modes.add_argument("--export-requests", metavar="FILE", help="only write the Batch API request file")
    modes.add_argument("--ingest", metavar="FILE", help="read a Batch API output (or error) file, or -, into --out")
    scale.add_argument("--poll-interval", type=float, default=30.0, help="seconds between status checks (default: 30)")
    add_provider_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..batch.inputs import FolderInput, open_input
    from ..batch.results import ResultsLog
    from ..brief_file import mismatches
    from ..errors import ConfigurationError, InputNotFoundError, OutputError

    if (args.price_input is None) != (args.price_output is None):
        raise ConfigurationError("give both --price-input and --price-output (USD per million tokens), or neither")
    refuse_stdio("--out", args.out, "results are appended to a file and read back to resume")
    refuse_stdio("--export-requests", args.export_requests, "the request file is written whole, atomically")
    if args.input == STDIO and args.ingest == STDIO:
        raise ConfigurationError("the input and --ingest cannot both be - (there is one standard input)")
    source = open_input(args.input)
    out = Path(args.out)
    if isinstance(source, FolderInput) and out.suffix == ".txt" and out.resolve().parent == source.path.resolve():
        raise OutputError(f"--out {out} would be read as an article of {args.input}; choose a file outside it")
    # The hash of every id, in input order. The scan is kept beside --out for the next (resumed)
    # run, but only once --out is accepted as a results file: nothing is created beside another file.
    saved = Path(f"{args.out}.input.idx")
    ids = source.scan(saved=saved if saved.exists() else None)

    def fits(article_id: str, brief: Any) -> list[str]:
        """Why an "ok" line's brief is not a brief of its article (checked on resume)."""
        article = source.text_of(article_id)
        if article.text is None:  # an id this input does not hold is not this run's business
            return [] if isinstance(article.error, InputNotFoundError) else [f"its article: {article.error}"]
        return mismatches(brief, article.text)

    with ResultsLog.open(args.out, inputs=[args.input], check=fits, input_identity=source.identity()) as log:
        if not saved.exists():
            source.scan(saved=saved)
        if log.invalid:
            first_id, why = log.invalid[0]
            lines = "1 ok line" if len(log.invalid) == 1 else f"{len(log.invalid)} ok lines"
            say(f"{lines} of {args.out} do not hold a valid brief of their article; redoing them "
                f"(first: {first_id}: {why})")
        if log.repaired_bytes:
            say(f"cut a torn last line ({log.repaired_bytes} bytes) off {args.out}; that article is redone")
        if log.unreadable:
            say(f"{log.unreadable} lines of {args.out} are not results; their articles are redone")
        job = _Job(args, source, log)
        if job.state_path.exists() and not args.batch_api:
            raise ConfigurationError(
                f"a Batch API job is pending for {args.out} ({job.state_path}): collect it with --batch-api, "
                "or delete that file to abandon the job (its articles would otherwise be paid for twice)"
            )
        todo = sum(1 for key in ids if not job.skip_hash(key))
        if todo < len(ids):
            say(f"{len(ids) - todo} of {len(ids)} articles are already in {args.out}; skipping them")
        if todo == 0 and not job.state_path.exists():
            say("nothing to do")
        else:
            try:
                if args.batch_api or args.export_requests or args.ingest:
                    job.offline(todo)
                else:
                    job.live(todo)
            except (KeyboardInterrupt, asyncio.CancelledError):
                say(f"interrupted: {_articles(job.tally.ok + job.tally.failed)} finished in this run are in "
                    f"{args.out}; run the same command again to resume")
                return 130
            say(job.tally.summary())
        failed = sum(1 for key in ids if log.status_of_hash(key) == "error")
    if failed:
        say(f"{_articles(failed)} of {len(ids)} have an error line in {args.out} (--retry-failed redoes them)")
        return 1
    return 0


def _articles(count: int) -> str:
    return f"{count} article" if count == 1 else f"{count} articles"


class _Job:
    """One invocation: the input, the results log, the running tally and the chosen endpoint."""

    def __init__(self, args: argparse.Namespace, source: Any, log: Any) -> None:
        from ..batch.accounting import Tally

        self.args = args
        self.source = source
        self.log = log
        self.tally = Tally()
        self.state_path = Path(f"{args.out}.batch-api.json")

    def skip(self, article_id: str) -> bool:
        return self.log.should_skip(article_id, retry_failed=self.args.retry_failed)

    def skip_hash(self, key: int) -> bool:
        return self.log.should_skip_hash(key, retry_failed=self.args.retry_failed)

    def _cache(self) -> Any:
        from ..cache import BriefCache

        return None if self.args.no_cache else BriefCache(self.args.cache_dir)

    def _limits(self) -> dict[str, Any]:
        args = self.args
        limits = {"max_reasks": args.max_reasks, "deadline": args.deadline, "max_tokens": args.max_tokens}
        return {k: v for k, v in limits.items() if v is not None}

    def _record(self, result: Any, prices: Any) -> None:
        from ..batch.results import record_for

        record = record_for(result, prices)
        self.log.append(record)
        self.tally.add(record)

    # --- live calls ----------------------------------------------------------------

    def live(self, todo: int) -> None:
        from ..batch.accounting import price_for
        from ..config import CLI_NAMES
        from ..provider.endpoint import open_endpoint

        args = self.args
        with open_endpoint(
            local=args.local, model=args.model, base_url=args.base_url, api_key=args.api_key, mode=args.mode,
            names=CLI_NAMES,
            **self._limits(),
        ) as config:
            announce_endpoint(config)
            say(f"{todo} articles, concurrency {args.concurrency}")
            prices = price_for(config.model, input_per_million=args.price_input, output_per_million=args.price_output)
            asyncio.run(self._live(config, prices, todo))

    async def _live(self, config: Any, prices: Any, todo: int) -> None:
        from ..batch.engine import summarize_many
        from ..batch.progress import BatchProgress
        from ..pipeline import Summarizer

        loop = asyncio.get_running_loop()
        main = asyncio.current_task()
        assert main is not None
        with contextlib.suppress(NotImplementedError):  # SIGTERM: stop like Ctrl-C, keep what finished
            loop.add_signal_handler(signal.SIGTERM, main.cancel)
        async with Summarizer(config, cache=self._cache()) as summarizer:
            # Finished articles are skipped by id hash, unread (a resumed run of a million starts at once).
            run = summarize_many(self.source.remaining(self.skip_hash), summarizer, concurrency=self.args.concurrency)
            with BatchProgress(todo, enabled=not self.args.no_progress) as progress:

                async def tick() -> None:  # keep "in flight" current between completions
                    while True:
                        progress.update(self.tally, run.in_flight)
                        await asyncio.sleep(0.5)

                ticker = asyncio.create_task(tick())
                try:
                    async for result in run:
                        self._record(result, prices)
                        progress.update(self.tally, run.in_flight)
                finally:
                    ticker.cancel()
                    progress.update(self.tally, run.in_flight)

    # --- OpenAI Batch API ----------------------------------------------------------

    def offline(self, todo: int) -> None:
        from ..batch import batch_api
        from ..batch.accounting import price_for
        from ..batch.progress import BatchProgress
        from ..config import CLI_NAMES, resolve

        args = self.args
        # The Batch API is OpenAI's service: no fallback to the embedded model.
        config = resolve(
            model=args.model, base_url=args.base_url, api_key=args.api_key, mode=args.mode, names=CLI_NAMES
        )
        config = config.with_overrides(**self._limits())
        prices = price_for(
            config.model, input_per_million=args.price_input, output_per_million=args.price_output, batch_api=True
        )
        cache = self._cache()
        if args.ingest:
            lines_in = sys.stdin.buffer if args.ingest == STDIO else open(args.ingest, "rb")  # noqa: SIM115
            with lines_in as lines, BatchProgress(todo, enabled=not args.no_progress) as progress:
                for result in batch_api.ingest(lines, self.source, config, cache=cache, skip=self.skip):
                    self._record(result, prices)
                    progress.update(self.tally)
            return
        if args.export_requests:
            export = batch_api.export_requests(
                self.source, config, args.export_requests, skip=self.skip, cache=cache,
                on_result=lambda r: self._record(r, prices),
            )
            say(f"wrote {export.requests} requests to {args.export_requests} (model {config.model})")
            return
        state = self._submitted_job(config, cache, prices)
        if state is None:
            return
        with BatchProgress(state["requests"], label="Batch API", enabled=not args.no_progress) as progress:

            def on_update(batch: dict[str, Any]) -> None:
                counts = batch.get("request_counts") or {}
                progress.update(self.tally, label=f"Batch API: {batch['status']} ({counts.get('completed', 0)} done)")

            batch = batch_api.wait(config, state["batch_id"], interval=args.poll_interval, on_update=on_update)
            self._collect(config, batch, state, cache, prices, progress)

    def _submitted_job(self, config: Any, cache: Any, prices: Any) -> dict[str, Any] | None:
        """The job this --out is waiting for; submits a new one only when none is pending."""
        from ..batch import batch_api
        from ..output import write_atomic

        if self.state_path.exists():
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
            say(f"resuming Batch API job {state['batch_id']} ({state['requests']} requests)")
            return state
        requests_path = Path(f"{self.args.out}.requests.jsonl")
        export = batch_api.export_requests(
            self.source, config, requests_path, skip=self.skip, cache=cache, on_result=lambda r: self._record(r, prices)
        )
        if export.requests == 0:
            requests_path.unlink(missing_ok=True)
            say("every remaining article was answered from the cache or failed as input: nothing to submit")
            return None
        batch = batch_api.submit(config, requests_path, description=f"bilingual briefs: {Path(self.args.input).name}")
        state = {
            "batch_id": batch["id"],
            "requests": export.requests,
            "requests_file": str(requests_path),
            "results_offset": os.path.getsize(self.args.out),  # lines after this belong to this job
            "model": config.model,
        }
        write_atomic(self.state_path, json.dumps(state))
        say(f"submitted {export.requests} requests as Batch API job {batch['id']}")
        return state

    def _collect(self, config: Any, batch: dict[str, Any], state: dict[str, Any], cache: Any, prices: Any,
                 progress: Any) -> None:
        from ..batch import batch_api
        from ..batch.results import read_results_from
        from ..errors import ProviderError

        if batch["status"] == "failed":
            self.state_path.unlink(missing_ok=True)
            reasons = "; ".join(e.get("message", "") for e in ((batch.get("errors") or {}).get("data") or []))
            raise ProviderError(f"the Batch API rejected job {batch['id']}: {reasons or 'no reason given'}",
                                retryable=False)
        # Ids already written for this job (an earlier, interrupted ingest) are not written twice.
        done = {r["id"] for r in read_results_from(self.args.out, state["results_offset"])}
        for key in ("output_file_id", "error_file_id"):
            if not batch.get(key):
                continue
            path = batch_api.download(config, batch[key], f"{self.args.out}.{key.split('_')[0]}.jsonl")
            try:
                with open(path, "rb") as lines:
                    for result in batch_api.ingest(lines, self.source, config, cache=cache, skip=done.__contains__):
                        self._record(result, prices)
                        done.add(result.id)
                        progress.update(self.tally)
            finally:
                path.unlink(missing_ok=True)
        with open(state["requests_file"], "rb") as requests:
            submitted = (json.loads(line)["custom_id"] for line in requests if line.strip())
            for result in batch_api.missing_ids(batch, submitted, done):
                self._record(result, prices)
        Path(state["requests_file"]).unlink(missing_ok=True)
        self.state_path.unlink(missing_ok=True)
