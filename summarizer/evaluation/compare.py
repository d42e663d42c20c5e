"""Pair two runs by sample and flag the model's regressions.

Samples pair by id, and only when both runs saw the same article (same input SHA-256): a
changed article is listed as unpaired, never compared. A regression is a metric whose value
dropped by more than the tolerance, or that scored before and cannot score now.
"""

from __future__ import annotations

from .log import Comparison, EvalLog, MetricChange, SampleRecord


def _model_scores(record: SampleRecord) -> dict[str, float | None]:
    output = record.systems.get("model")
    return {name: s.value for name, s in output.scores.items()} if output else {}


def compare(current: EvalLog, previous: EvalLog, tolerance: float) -> Comparison:
    before = {s.id: s for s in previous.samples}
    paired: list[str] = []
    unpaired: list[str] = sorted(set(before) - {s.id for s in current.samples})
    changes: list[MetricChange] = []
    for sample in current.samples:
        old = before.get(sample.id)
        if old is None or old.input_sha256 != sample.input_sha256:
            unpaired.append(sample.id)
            continue
        paired.append(sample.id)
        now_scores, old_scores = _model_scores(sample), _model_scores(old)
        for metric in sorted(set(now_scores) | set(old_scores)):
            now, then = now_scores.get(metric), old_scores.get(metric)
            if now == then:
                continue
            delta = round(now - then, 4) if now is not None and then is not None else None
            regression = (delta is not None and delta < -tolerance) or (then is not None and now is None)
            changes.append(
                MetricChange(
                    sample_id=sample.id,
                    metric=metric,
                    previous=then,
                    current=now,
                    delta=delta,
                    regression=regression,
                )
            )
    return Comparison(
        previous_created_at=previous.created_at,
        tolerance=tolerance,
        paired=paired,
        unpaired=sorted(unpaired),
        changes=changes,
        regressions=sum(c.regression for c in changes),
    )
