"""An eval log built by hand in the shape the eval harness writes (log_version 1).

It has what a gold self-check lacks (misses, an extra claim, wrong checks, a failed gate);
test_scorecard_html.py validates it against summarizer.evaluation.log.EvalLog.
"""

from __future__ import annotations

import copy
import hashlib
from typing import Any

from summarizer.schema import Brief

METRICS = [
    ("schema_validity", "validity", "the output is a valid brief"),
    ("claim_recall", "claims", "share of gold claims that a predicted claim aligns with"),
    ("claim_precision", "claims", "share of predicted claims that align with a gold claim"),
    ("source_type_accuracy", "attribution", "aligned claims with the gold's source type"),
    ("entity_recall", "entities", "gold entities the brief names"),
]
MODEL = {"schema_validity": 1.0, "claim_recall": 0.5, "claim_precision": 0.6667, "source_type_accuracy": 0.5, "entity_recall": None}
BASELINE = {"schema_validity": 1.0, "claim_recall": 0.25, "claim_precision": 0.5, "source_type_accuracy": 1.0, "entity_recall": 0.2}


def claim_view(brief: Brief, index: int, **changes: Any) -> dict[str, Any]:
    claim = brief.claims[index]
    view = {
        "id": claim.id,
        "statement": claim.statement.model_dump(),
        "sentences": sorted({s.sentence_id for s in claim.evidence}),
        "source_ar": claim.attribution.source_ar,
        "source_en": claim.attribution.source_en,
        "source_type": claim.attribution.source_type.value,
        "outlet_en": claim.attribution.outlet_en,
        "certainty": claim.certainty.value,
    }
    view.update(changes)
    return view


def _scores(values: dict[str, float | None]) -> dict[str, Any]:
    return {
        name: {
            "value": value,
            "explanation": "cannot score: the gold has no entities" if value is None else f"{name} is {value}",
            "metadata": {},
        }
        for name, value in values.items()
    }


def build_log(brief: Brief, article: str, *, with_model: bool = True) -> dict[str, Any]:
    """A one-sample log: 2 gold claims matched (one with a wrong source type), 2 missed, 1 extra."""
    gold = [claim_view(brief, i, id=f"G{i + 1}") for i in range(4)]
    matched_wrong = claim_view(brief, 1, source_type="named_person", source_en="Tom Barrack", certainty="asserted")
    alignment = [
        {"status": "matched", "gold": gold[0], "predicted": claim_view(brief, 0), "score": 0.93,
         "evidence_overlap": 1.0, "text_similarity": 0.86,
         "checks": {"source_identity": True, "source_type": True, "outlet": True, "certainty": True}},
        {"status": "matched", "gold": gold[1], "predicted": matched_wrong, "score": 0.71,
         "evidence_overlap": 0.75, "text_similarity": 0.67,
         "checks": {"source_identity": False, "source_type": False, "outlet": None, "certainty": False}},
        {"status": "missed", "gold": gold[2], "predicted": None, "score": None, "evidence_overlap": None,
         "text_similarity": None, "checks": None},
        {"status": "missed", "gold": gold[3], "predicted": None, "score": None, "evidence_overlap": None,
         "text_similarity": None, "checks": None},
        {"status": "extra", "gold": None, "predicted": claim_view(brief, 5), "score": None, "evidence_overlap": None,
         "text_similarity": None, "checks": None},
    ]
    baseline_alignment = copy.deepcopy(alignment[:1]) + copy.deepcopy(alignment[2:4])

    def output(origin: str, values: dict[str, float | None], records: list[dict[str, Any]]) -> dict[str, Any]:
        return {"status": "ok", "origin": origin, "error": None, "brief": brief.model_dump(mode="json"),
                "usage": {"prompt_tokens": 1200, "completion_tokens": 300, "total_tokens": 1500} if origin == "endpoint" else None,
                "latency_ms": 450.0, "scores": _scores(values), "alignment": records}

    systems = {"baseline": output("baseline", BASELINE, baseline_alignment)}
    infos = {"baseline": {"kind": "baseline", "label": "lead sentences + attribution cues", "model": None,
                          "provider": None, "endpoint_host": None, "prompt_version": None, "settings": {}}}
    if with_model:
        systems = {"model": output("endpoint", MODEL, alignment), **systems}
        infos = {"model": {"kind": "endpoint", "label": "fake-model at 127.0.0.1", "model": "fake-model",
                           "provider": "openai-compatible", "endpoint_host": "127.0.0.1", "prompt_version": "3b03cba679e3",
                           "settings": {"temperature": 0.0}}, **infos}
    checks = [
        {"metric": "claim_recall", "rule": "min", "required": 0.8, "actual": 0.5, "passed": False,
         "message": "claim_recall 0.500 is below the minimum 0.800"},
        {"metric": "claim_recall", "rule": "beat_baseline", "required": 0.25, "actual": 0.5, "passed": True,
         "message": "claim_recall 0.500 beats the baseline's 0.250"},
        {"metric": "schema_validity", "rule": "min", "required": 1.0, "actual": 1.0, "passed": True,
         "message": "schema_validity 1.000 meets the minimum 1.000"},
    ] if with_model else []

    def summary(values: dict[str, float | None]) -> dict[str, Any]:
        return {k: {"mean": v, "scored": 0 if v is None else 1, "unscored": 1 if v is None else 0} for k, v in values.items()}

    return {
        "log_version": "1",
        "created_at": "2026-11-30T08:00:00Z",
        "harness_version": "1",
        "dataset": {"name": "seed", "samples": 1},
        "metrics": [{"name": n, "family": f, "description": d, "version": "1"} for n, f, d in METRICS],
        "metric_versions": {"alignment": "1", "chrf": "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.5.1"},
        "systems": infos,
        "samples": [{"id": "000_6e43a06edc57ceb0", "input_sha256": hashlib.sha256(article.encode("utf-8")).hexdigest(),
                     "input_chars": len(article), "systems": systems}],
        "summary": {"model": summary(MODEL), "baseline": summary(BASELINE)} if with_model else {"baseline": summary(BASELINE)},
        "usage": {name: {"prompt_tokens": None, "completion_tokens": None, "total_tokens": None} for name in infos},
        "verdict": {"profile": "default", "description": "the gates a model must pass", "gates": True,
                    "passed": all(c["passed"] for c in checks), "checks": checks},
        "comparison": None,
    }
