"""Run a dataset through a system and the baseline, score everything, and judge it: the eval's API.

    from summarizer.evaluation import evaluate, load_dataset, ModelSystem
    from summarizer.pipeline import Summarizer
    from summarizer.cache import BriefCache

    with Summarizer(config, cache=BriefCache()) as s:
        log = evaluate(load_dataset("seed"), ModelSystem(s))
    print(render_scorecard(log)); log.verdict.passed

`evaluate` returns an `EvalLog` (see `log.py`): per sample, each system's output, every
score with its explanation and the per-claim alignment; per system, dataset means; the
threshold verdict; and, given a previous log, the comparison with regressions flagged.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

from ..schema import Brief, Claim, Usage
from .alignment import ALIGNMENT_VERSION
from .baseline import BASELINE_VERSION
from .compare import compare
from .dataset import Dataset, Sample
from .gold import GOLD_FORMAT_VERSION, GoldClaim
from .log import (
    AlignmentRecord,
    ClaimChecks,
    ClaimView,
    DatasetInfo,
    EvalLog,
    MetricInfo,
    MetricSummary,
    SampleRecord,
    ScoreRecord,
    SystemName,
    SystemOutput,
    ThresholdCheck,
    Verdict,
)
from .scorers import METRICS, SCHEMA_VALIDITY, SCHEMA_VALIDITY_DESCRIPTION, Context, Score, score_brief
from .scorers.attribution import outlet_correct, source_correct
from .scorers.chrf import signature as chrf_signature
from .systems import BaselineSystem, Output, System
from .thresholds import JUDGE_METRIC, Thresholds, check, load_thresholds

HARNESS_VERSION = "1.0.0"


class ModelJudge(Protocol):
    """An optional model-based scorer (`judge.Judge` is the one this project ships)."""

    version: str
    description: str

    def score(self, sample: Sample, brief: Brief) -> Score: ...


def _record(score: Score) -> ScoreRecord:
    return ScoreRecord(value=score.value, explanation=score.explanation, metadata=score.metadata)


def _view(claim: Claim, claim_id: str, sentences: list[str]) -> ClaimView:
    a = claim.attribution
    return ClaimView(
        id=claim_id,
        statement=claim.statement,
        sentences=sentences,
        source_ar=a.source_ar,
        source_en=a.source_en,
        source_type=a.source_type,
        outlet_en=a.outlet_en,
        certainty=claim.certainty,
    )


def _predicted_view(claim: Claim) -> ClaimView:
    return _view(claim, claim.id, list(dict.fromkeys(s.sentence_id for s in claim.evidence)))


def alignment_records(ctx: Context) -> list[AlignmentRecord]:
    """The per-claim alignment as the log shows it: each gold claim matched or missed, then the extras."""
    sample, brief, alignment = ctx.sample, ctx.brief, ctx.alignment
    gold_claims: list[GoldClaim] = list(sample.gold.claims)
    records: list[AlignmentRecord] = []
    for index, (gold, gold_claim) in enumerate(zip(gold_claims, sample.gold_brief.claims, strict=True)):
        gold_view = _view(gold_claim, gold.id, list(gold.sentences))
        pair = alignment.pair_for_gold(index)
        if pair is None:
            records.append(AlignmentRecord(status="missed", gold=gold_view, predicted=None))
            continue
        predicted = brief.claims[pair.predicted]
        records.append(
            AlignmentRecord(
                status="matched",
                gold=gold_view,
                predicted=_predicted_view(predicted),
                score=round(pair.score, 4),
                evidence_overlap=pair.evidence,
                text_similarity=pair.text,
                checks=ClaimChecks(
                    source_identity=source_correct(sample.gold, gold, predicted)[0],
                    source_type=predicted.attribution.source_type in gold.accepted_source_types,
                    outlet=outlet_correct(sample.gold, gold, predicted),
                    certainty=predicted.certainty in gold.accepted_certainty,
                ),
            )
        )
    for index in alignment.extra:
        records.append(AlignmentRecord(status="extra", gold=None, predicted=_predicted_view(brief.claims[index])))
    return records


def score_output(sample: Sample, output: Output, judge: ModelJudge | None = None) -> SystemOutput:
    ctx = Context(sample=sample, brief=output.brief) if output.brief is not None else None
    scores = score_brief(sample, output.brief, output.failure, context=ctx)
    if judge is not None:
        scores[JUDGE_METRIC] = (
            judge.score(sample, output.brief)
            if output.brief is not None
            else Score.cannot(f"no brief to judge ({output.failure})")
        )
    metadata = output.brief.metadata if output.brief is not None else None
    return SystemOutput(
        status="ok" if output.brief is not None else "failed",
        origin=output.origin,
        error=output.error,
        brief=output.brief.model_dump(mode="json") if output.brief is not None else None,
        usage=metadata.usage if metadata else None,
        latency_ms=metadata.latency_ms if metadata else None,
        scores={name: _record(s) for name, s in scores.items()},
        alignment=alignment_records(ctx) if ctx is not None else [],
    )


def _summaries(records: list[SampleRecord], system: SystemName) -> dict[str, MetricSummary]:
    values: dict[str, list[float | None]] = {}
    for record in records:
        output = record.systems.get(system)
        if output is None:
            continue
        for name, score in output.scores.items():
            values.setdefault(name, []).append(score.value)
    summary = {}
    for name, vals in values.items():
        scored = [v for v in vals if v is not None]
        mean = round(sum(scored) / len(scored), 4) if scored else None
        summary[name] = MetricSummary(mean=mean, scored=len(scored), unscored=len(vals) - len(scored))
    return summary


def _usage(records: list[SampleRecord], system: SystemName) -> Usage:
    total: dict[str, int | None] = {"prompt_tokens": None, "completion_tokens": None, "total_tokens": None}
    for record in records:
        output = record.systems.get(system)
        if output is None or output.usage is None:
            continue
        for key in total:
            value = getattr(output.usage, key)
            if value is not None:
                total[key] = (total[key] or 0) + value
    return Usage(**total)


def evaluate(
    dataset: Dataset,
    model: System | None,
    *,
    baseline: bool = True,
    judge: ModelJudge | None = None,
    thresholds: Thresholds | None = None,
    profile: str = "default",
    fail: bool = True,
    previous: EvalLog | None = None,
    progress: Callable[[str], Any] | None = None,
) -> EvalLog:
    """Score `model` (None: the baseline alone) and the baseline on every sample of `dataset`."""
    thresholds = thresholds or load_thresholds()
    chosen = thresholds.profile(profile)
    systems: dict[SystemName, System] = {}
    if model is not None:
        systems["model"] = model
    if baseline:
        systems["baseline"] = BaselineSystem()
    records: list[SampleRecord] = []
    for sample in dataset.samples:
        outputs: dict[SystemName, SystemOutput] = {}
        for name, system in systems.items():
            if progress:
                progress(f"{sample.id}: {system.info.label}")
            output = system.produce(sample)
            outputs[name] = score_output(sample, output, judge if name == "model" else None)
        records.append(
            SampleRecord(
                id=sample.id,
                input_sha256=sample.sha256,
                input_chars=len(sample.article.text),
                systems=outputs,
            )
        )
    summary = {name: _summaries(records, name) for name in systems}
    metrics = [
        MetricInfo(name=SCHEMA_VALIDITY, family="validity", description=SCHEMA_VALIDITY_DESCRIPTION, version="1")
    ]
    metrics += [MetricInfo(name=m.name, family=m.family, description=m.description, version=m.version) for m in METRICS]
    versions = {
        "alignment": ALIGNMENT_VERSION,
        "baseline": BASELINE_VERSION,
        "gold_format": GOLD_FORMAT_VERSION,
        "chrf": chrf_signature(),
    }
    if judge is not None:
        metrics.append(
            MetricInfo(name=JUDGE_METRIC, family="judge", description=judge.description, version=judge.version)
        )
        versions["judge"] = judge.version
    checks: list[ThresholdCheck] = []
    if "model" in summary:
        checks = check(chosen, summary["model"], summary.get("baseline"))
    log = EvalLog(
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        harness_version=HARNESS_VERSION,
        dataset=DatasetInfo(name=dataset.name, samples=len(dataset.samples)),
        metrics=metrics,
        metric_versions=versions,
        systems={name: system.info for name, system in systems.items()},
        samples=records,
        summary=summary,
        usage={name: _usage(records, name) for name in systems},
        verdict=Verdict(profile=profile, description=chosen.description, gates=False, passed=True, checks=[]),
    )
    if previous is not None:
        log.comparison = compare(log, previous, thresholds.regression_tolerance)
        checks += [
            ThresholdCheck(
                metric=c.metric,
                rule="regression",
                required=c.previous,
                actual=c.current,
                passed=False,
                message=f"{c.sample_id}: {c.metric} fell from {c.previous} to {c.current}",
            )
            for c in log.comparison.changes
            if c.regression
        ]
    gates = fail and not chosen.report_only and "model" in systems
    log.verdict = Verdict(
        profile=profile,
        description=chosen.description,
        gates=gates,
        passed=all(c.passed for c in checks),
        checks=checks,
    )
    return log
