"""The deterministic scorers, in scorecard order, and the function that runs them all.

One module per family; each scorer is a `Metric` returning a `Score` (value in [0, 1] or
None with the reason, a one-line explanation, metadata). No scorer calls a model; the
optional judge lives in `summarizer.evaluation.judge`.
"""

from __future__ import annotations

from ...schema import Brief
from ..dataset import Sample
from .attribution import outlet_accuracy, source_identity_accuracy, source_type_accuracy
from .base import Context, Metric, Score, metric
from .certainty import certainty_accuracy
from .chrf import headline_chrf_ar, headline_chrf_en, summary_chrf_ar, summary_chrf_en
from .claims import claim_precision, claim_recall
from .entities import entity_precision, entity_recall
from .facts import key_fact_recall, qualifier_accuracy
from .leakage import leakage_free
from .numbers import no_invented_years, number_fidelity
from .parity import bilingual_parity
from .script import script_purity
from .validity import grounding_rate, schema_validity

SCHEMA_VALIDITY = "schema_validity"
SCHEMA_VALIDITY_DESCRIPTION = (
    "1 when the output is a valid Brief, 0 when there is none (every other metric is then unscored)"
)

METRICS: tuple[Metric, ...] = (
    grounding_rate,
    claim_recall,
    claim_precision,
    source_identity_accuracy,
    source_type_accuracy,
    outlet_accuracy,
    certainty_accuracy,
    entity_recall,
    entity_precision,
    number_fidelity,
    no_invented_years,
    key_fact_recall,
    qualifier_accuracy,
    leakage_free,
    script_purity,
    bilingual_parity,
    headline_chrf_ar,
    headline_chrf_en,
    summary_chrf_ar,
    summary_chrf_en,
)
METRIC_NAMES: tuple[str, ...] = (SCHEMA_VALIDITY, *(m.name for m in METRICS))


def score_brief(
    sample: Sample, brief: Brief | None, failure: str | None = None, *, context: Context | None = None
) -> dict[str, Score]:
    """Every deterministic metric for one output: a brief, or the reason there is none.

    `context` is the brief's scoring context when the caller keeps it (its claim alignment
    is then computed once for the scores and the log).
    """
    if brief is None:
        reason = failure or "no output"
        return {SCHEMA_VALIDITY: schema_validity(reason)} | {
            m.name: Score.cannot(f"no brief to score ({reason})") for m in METRICS
        }
    ctx = context or Context(sample=sample, brief=brief)
    return {SCHEMA_VALIDITY: schema_validity(None)} | {m.name: m(ctx) for m in METRICS}


__all__ = ["METRICS", "METRIC_NAMES", "SCHEMA_VALIDITY", "Context", "Metric", "Score", "metric", "score_brief"]
