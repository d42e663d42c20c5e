"""`summarizer eval`: score briefs against the gold annotations, print the scorecard, gate on thresholds.

What is scored (one of): the model on an endpoint (default; outputs are cached, so scoring
again costs nothing), --replay of saved outputs (a brief, a folder of briefs or a previous
log), --gold (the gold brief itself: the harness's self-check), --baseline-only. The
non-LLM baseline is scored beside it in every run. Exit status 1 when a threshold of the
chosen profile is not met (or, with --compare, a metric regressed), unless the profile is
report-only or --no-fail is given.
"""

from __future__ import annotations

import argparse
from contextlib import ExitStack

from .common import STDIO, add_provider_options, announce_endpoint, emit, one_stdout, refuse_stdio, require_extra, say

EXIT_BELOW_THRESHOLD = 1
EXAMPLES = """examples:
  summarizer eval --gold                                   # the harness's self-check
  OPENAI_API_KEY=sk-... summarizer eval --model gpt-4.1-mini --log runs/now.json
  summarizer eval --replay runs/now.json --compare runs/last.json
  summarizer eval --gold --html scorecard.html
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "eval",
        help="score briefs against gold annotations",
        description=__doc__,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--dataset", help="dataset name under evals/datasets/ or a folder (default: seed)")
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--replay", metavar="PATH", help="score saved outputs: a brief JSON, a folder of them, or a log")
    what.add_argument("--gold", action="store_true", help="score the gold brief itself (self-check)")
    what.add_argument("--baseline-only", action="store_true", help="score only the non-LLM baseline")
    parser.add_argument("--log", metavar="PATH", help="write the per-sample JSON log here (atomically; - for stdout)")
    parser.add_argument(
        "--scorecard", metavar="PATH", help="write the Markdown scorecard here (default or -: standard output)"
    )
    parser.add_argument("--html", metavar="PATH", help="also write the scorecard as an HTML page (- for stdout)")
    parser.add_argument("--thresholds", metavar="PATH", help="thresholds file (default: evals/thresholds.yaml)")
    parser.add_argument("--profile", help="thresholds profile (default: 'default'; 'embedded' with --local)")
    parser.add_argument("--no-fail", action="store_true", help="report the verdict but exit 0")
    parser.add_argument("--compare", metavar="PREVIOUS_LOG", help="pair samples with a previous log; flag regressions")
    parser.add_argument("--no-cache", action="store_true", help="always call the model (do not reuse cached briefs)")
    parser.add_argument("--cache-dir", metavar="DIR", help="brief cache folder (default: $SUMMARIZER_CACHE_DIR)")
    parser.add_argument(
        "--judge", action="store_true", help="also score faithfulness with a judge model (off by default)"
    )
    parser.add_argument("--judge-model", help="model for --judge (default: the --model of the endpoint)")
    add_provider_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    require_extra("eval", "summarizer eval")
    one_stdout(log=args.log, scorecard=args.scorecard or STDIO, html=args.html)
    for option, value in (("--dataset", args.dataset), ("--replay", args.replay), ("--compare", args.compare),
                          ("--thresholds", args.thresholds)):
        refuse_stdio(option, value, "it is read by path; give a file or folder")
    from ..cache import BriefCache
    from ..config import CLI_NAMES
    from ..evaluation.dataset import load_dataset
    from ..evaluation.harness import evaluate
    from ..evaluation.log import load_log
    from ..evaluation.scorecard import render_scorecard
    from ..evaluation.systems import GoldSystem, ModelSystem, ReplaySystem
    from ..evaluation.thresholds import load_thresholds
    from ..pipeline import Summarizer
    from ..provider.endpoint import open_endpoint

    dataset = load_dataset(args.dataset)
    thresholds = load_thresholds(args.thresholds)
    profile = args.profile or ("embedded" if args.local else "default")
    thresholds.profile(profile)  # an unknown profile fails now, before any model call
    previous = load_log(args.compare) if args.compare else None
    runs_model = not (args.replay or args.gold or args.baseline_only)
    say(f"dataset {dataset.name}: {len(dataset.samples)} sample(s); thresholds profile {profile}")

    with ExitStack() as stack:
        config = None
        if runs_model or args.judge:
            limits = {"max_reasks": args.max_reasks, "deadline": args.deadline, "max_tokens": args.max_tokens}
            config = stack.enter_context(
                open_endpoint(
                    local=args.local,
                    model=args.model,
                    base_url=args.base_url,
                    api_key=args.api_key,
                    mode=args.mode,
                    names=CLI_NAMES,
                    **{k: v for k, v in limits.items() if v is not None},
                )
            )
            announce_endpoint(config)
        if args.gold:
            system = GoldSystem()
        elif args.replay:
            system = ReplaySystem.from_path(args.replay, dataset)
        elif args.baseline_only:
            system = None
        else:
            assert config is not None
            cache = None if args.no_cache else BriefCache(args.cache_dir)
            system = ModelSystem(stack.enter_context(Summarizer(config, cache=cache)))
        judge = None
        if args.judge:
            from ..evaluation.judge import Judge

            assert config is not None
            judge = stack.enter_context(Judge(config.with_overrides(model=args.judge_model)))
        log = evaluate(
            dataset,
            system,
            judge=judge,
            thresholds=thresholds,
            profile=profile,
            fail=not args.no_fail,
            previous=previous,
            progress=say,
        )

    if args.log:
        emit(log.model_dump_json(indent=2) + "\n", args.log)
    if args.html:
        from ..render.scorecard_html import render_scorecard_html

        emit(render_scorecard_html(log), args.html)
    emit(render_scorecard(log), args.scorecard)
    failed = [c for c in log.verdict.checks if not c.passed]
    if not failed:
        say(f"eval passed ({len(log.verdict.checks)} gates)")
        return 0
    if not log.verdict.gates:
        why = "--no-fail" if args.no_fail else f"profile {profile} is report-only"
        say(f"{len(failed)} gate(s) not met; not failing: {why}")
        return 0
    say(f"below thresholds: {len(failed)} gate(s) not met, first: {failed[0].message}")
    return EXIT_BELOW_THRESHOLD
