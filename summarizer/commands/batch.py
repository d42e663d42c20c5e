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
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .common import STDIO, add_provider_options, endpoint_from_args, limits, refuse_stdio, say

EXAMPLES = """examples:
  summarizer batch articles/ --out results.jsonl --concurrency 16
  summarizer batch - --out results.jsonl < articles.jsonl
  summarizer batch articles/ --out results.jsonl --retry-failed
  summarizer batch articles.jsonl --out results.jsonl --batch-api
"""

if TYPE_CHECKING:
    from ..batch.accounting import Prices
    from ..batch.inputs import BatchInput
    from ..batch.results import ArticleResult, ResultsLog
    from ..cache import BriefCache
    from ..config import ProviderConfig


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
                    job.batch_api(todo)
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

    def __init__(self, args: argparse.Namespace, source: BatchInput, log: ResultsLog) -> None:
        from ..batch.accounting import Tally
        from ..batch.job import BatchApiJob

        self.args = args
        self.source = source
        self.log = log
        self.tally = Tally()
        self.state_path = BatchApiJob.state_path(args.out)

    def skip(self, article_id: str) -> bool:
        return bool(self.log.should_skip(article_id, retry_failed=self.args.retry_failed))

    def skip_hash(self, key: int) -> bool:
        return bool(self.log.should_skip_hash(key, retry_failed=self.args.retry_failed))

    def _cache(self) -> BriefCache | None:
        from ..cache import BriefCache

        return None if self.args.no_cache else BriefCache(self.args.cache_dir)

    def _record(self, result: ArticleResult, prices: Prices | None) -> None:
        from ..batch.results import record_for

        record = record_for(result, prices)
        self.log.append(record)
        self.tally.add(record)

    # --- live calls ----------------------------------------------------------------

    def live(self, todo: int) -> None:
        from ..batch.accounting import price_for

        args = self.args
        with endpoint_from_args(args) as config:
            say(f"{todo} articles, concurrency {args.concurrency}")
            prices = price_for(config.model, input_per_million=args.price_input, output_per_million=args.price_output)
            asyncio.run(self._live(config, prices, todo))

    async def _live(self, config: ProviderConfig, prices: Prices | None, todo: int) -> None:
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

    def batch_api(self, todo: int) -> None:
        """--batch-api, --export-requests or --ingest: the same requests through OpenAI's Batch API."""
        from ..batch import batch_api
        from ..batch.accounting import price_for
        from ..batch.job import BatchApiJob
        from ..batch.progress import BatchProgress
        from ..config import CLI_NAMES, resolve

        args = self.args
        # The Batch API is OpenAI's service: no fallback to the embedded model.
        config = resolve(
            model=args.model, base_url=args.base_url, api_key=args.api_key, mode=args.mode, names=CLI_NAMES
        )
        config = config.with_overrides(**limits(args))
        prices = price_for(
            config.model, input_per_million=args.price_input, output_per_million=args.price_output, batch_api=True
        )
        cache = self._cache()

        def record(result: ArticleResult) -> None:
            self._record(result, prices)

        if args.ingest:
            lines_in = sys.stdin.buffer if args.ingest == STDIO else open(args.ingest, "rb")  # noqa: SIM115
            with lines_in as lines, BatchProgress(todo, enabled=not args.no_progress) as progress:
                for result in batch_api.ingest(lines, self.source, config, cache=cache, skip=self.skip):
                    record(result)
                    progress.update(self.tally)
            return
        if args.export_requests:
            export = batch_api.export_requests(
                self.source, config, args.export_requests, skip=self.skip, cache=cache, on_result=record
            )
            say(f"wrote {export.requests} requests to {args.export_requests} (model {config.model})")
            return
        job = BatchApiJob(self.source, args.out, config, cache=cache, record=record, skip=self.skip)
        state = job.pending()
        if state is not None:
            say(f"resuming Batch API job {state.batch_id} ({state.requests} requests)")
        else:
            state = job.submit(description=f"bilingual briefs: {Path(args.input).name}")
            if state is None:
                say("every remaining article was answered from the cache or failed as input: nothing to submit")
                return
            say(f"submitted {state.requests} requests as Batch API job {state.batch_id}")
        with BatchProgress(state.requests, label="Batch API", enabled=not args.no_progress) as progress:

            def on_update(batch: dict[str, Any]) -> None:
                counts = batch.get("request_counts") or {}
                progress.update(self.tally, label=f"Batch API: {batch['status']} ({counts.get('completed', 0)} done)")

            batch = job.wait(state, interval=args.poll_interval, on_update=on_update)
            job.collect(batch, state, on_result=lambda: progress.update(self.tally))
