"""`summarizer batch INPUT --out results.jsonl`: many articles, resumable, with a progress bar.

INPUT is a folder of .txt files (id = file name) or a JSONL file of {"id", "text"} lines.
Each article's result or typed error is appended to --out the moment it finishes; running
the same command again skips every id already there (add --retry-failed to redo errors).
Live calls run concurrently (--concurrency).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
from pathlib import Path
from typing import Any

from .common import add_provider_options, say


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("batch", help="summarize many articles (resumable)", description=__doc__)
    parser.add_argument("input", help='folder of .txt files, or a .jsonl file of {"id", "text"} lines')
    parser.add_argument("--out", required=True, help="results JSONL: appended to, and read to resume")
    parser.add_argument("--concurrency", type=_positive_int, default=8, help="calls in flight (default 8)")
    parser.add_argument("--retry-failed", action="store_true", help="redo articles whose last result is an error")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the brief cache")
    parser.add_argument("--cache-dir", help="brief cache folder (default: $SUMMARIZER_CACHE_DIR or ~/.cache)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    parser.add_argument("--price-input", type=float, help="USD per million prompt tokens (overrides the table)")
    parser.add_argument("--price-output", type=float, help="USD per million completion tokens")
    add_provider_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..batch_input import open_input
    from ..errors import BatchInputError
    from ..results import ResultsLog

    source = open_input(args.input)
    if Path(args.out).resolve() == Path(args.input).resolve():
        raise BatchInputError("--out must not be the input file")
    ids = source.scan()
    with ResultsLog.open(args.out) as log:
        if log.repaired_bytes:
            say(f"cut a torn last line ({log.repaired_bytes} bytes) off {args.out}; that article is redone")
        if log.unreadable:
            say(f"{log.unreadable} lines of {args.out} are not results; their articles are redone")
        job = _Job(args, source, log)
        todo = sum(1 for article_id in ids if not job.skip(article_id))
        if todo < len(ids):
            say(f"{len(ids) - todo} of {len(ids)} articles are already in {args.out}; skipping them")
        if todo == 0:
            say("nothing to do")
        else:
            try:
                job.live(todo)
            except (KeyboardInterrupt, asyncio.CancelledError):
                say(f"interrupted: {_articles(job.tally.ok + job.tally.failed)} finished in this run are in "
                    f"{args.out}; run the same command again to resume")
                return 130
            say(job.tally.summary())
        failed = sum(1 for article_id in ids if log.status.get(article_id) == "error")
    if failed:
        say(f"{_articles(failed)} of {len(ids)} have an error line in {args.out} (--retry-failed redoes them)")
        return 1
    return 0


def _articles(count: int) -> str:
    return f"{count} article" if count == 1 else f"{count} articles"


class _Job:
    """One invocation: the input, the results log, the running tally and the chosen endpoint."""

    def __init__(self, args: argparse.Namespace, source: Any, log: Any) -> None:
        from ..accounting import Tally

        self.args = args
        self.source = source
        self.log = log
        self.tally = Tally()

    def skip(self, article_id: str) -> bool:
        return self.log.should_skip(article_id, retry_failed=self.args.retry_failed)

    def _cache(self) -> Any:
        from ..cache import BriefCache

        return None if self.args.no_cache else BriefCache(self.args.cache_dir)

    def _limits(self) -> dict[str, Any]:
        args = self.args
        limits = {"max_reasks": args.max_reasks, "deadline": args.deadline, "max_tokens": args.max_tokens}
        return {k: v for k, v in limits.items() if v is not None}

    def _record(self, result: Any, prices: Any) -> None:
        from ..results import record_for

        record = record_for(result, prices)
        self.log.append(record)
        self.tally.add(record)

    # --- live calls ----------------------------------------------------------------

    def live(self, todo: int) -> None:
        from ..accounting import price_for
        from ..endpoint import open_endpoint

        args = self.args
        with open_endpoint(
            local=args.local, model=args.model, base_url=args.base_url, api_key=args.api_key, mode=args.mode,
            **self._limits(),
        ) as config:
            say(f"model {config.model} at {config.endpoint_host}; {todo} articles, concurrency {args.concurrency}")
            prices = price_for(config.model, input_per_million=args.price_input, output_per_million=args.price_output)
            asyncio.run(self._live(config, prices, todo))

    async def _live(self, config: Any, prices: Any, todo: int) -> None:
        from ..batch import summarize_many
        from ..pipeline import Summarizer
        from ..progress import BatchProgress

        loop = asyncio.get_running_loop()
        main = asyncio.current_task()
        assert main is not None
        with contextlib.suppress(NotImplementedError):  # SIGTERM: stop like Ctrl-C, keep what finished
            loop.add_signal_handler(signal.SIGTERM, main.cancel)
        async with Summarizer(config, cache=self._cache()) as summarizer:
            run = summarize_many(self.source, summarizer, concurrency=self.args.concurrency, skip=self.skip)
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
