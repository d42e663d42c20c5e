"""The eval scorecard as a self-contained HTML page, rendered from an eval log alone.

Takes the log as the eval harness writes it (`EvalLog`, or its JSON loaded as a dict:
`evals/README.md` describes the fields). The page shows every metric with the model beside
the baseline and the gate each must pass, then, per sample, the claim alignment: each gold
claim beside the predicted claim matched to it, misses and unmatched extras highlighted,
and the attribution and certainty checks of every matched pair.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .html import page

SYSTEMS = ("model", "baseline")


@dataclass(frozen=True, slots=True)
class MetricRow:
    name: str
    family: str
    description: str
    means: dict[str, float | None]  # per system present in the log
    coverage: dict[str, str]  # "2/3" when some samples could not be scored, else ""
    gates: tuple[str, ...]  # "≥ 0.800", "≥ baseline"
    passed: bool | None  # None when the metric has no gate

    @property
    def delta(self) -> float | None:
        model, baseline = self.means.get("model"), self.means.get("baseline")
        return None if model is None or baseline is None else model - baseline


def _as_dict(log: Any) -> Mapping[str, Any]:
    return log.model_dump(mode="json") if hasattr(log, "model_dump") else log


def metric_rows(log: Mapping[str, Any]) -> list[MetricRow]:
    """One row per metric, in the log's order, with the gates of the verdict that apply to it."""
    checks: dict[str, list[Mapping[str, Any]]] = {}
    for check in log["verdict"]["checks"]:
        if check["rule"] != "regression":
            checks.setdefault(check["metric"], []).append(check)
    rows = []
    for info in log["metrics"]:
        means: dict[str, float | None] = {}
        coverage: dict[str, str] = {}
        for system in SYSTEMS:
            summary = log["summary"].get(system, {}).get(info["name"])
            if system in log["systems"] and summary is not None:
                means[system] = summary["mean"]
                total = summary["scored"] + summary["unscored"]
                coverage[system] = f"{summary['scored']}/{total}" if summary["unscored"] else ""
        own = checks.get(info["name"], [])
        gates = tuple(
            f"≥ {c['required']:.3f}" if c["rule"] == "min" and c["required"] is not None else "≥ baseline" for c in own
        )
        rows.append(
            MetricRow(
                name=info["name"],
                family=info["family"],
                description=info["description"],
                means=means,
                coverage=coverage,
                gates=gates,
                passed=all(c["passed"] for c in own) if own else None,
            )
        )
    return rows


def verdict_word(log: Mapping[str, Any]) -> tuple[str, str]:
    """(word, css class) for the banner: PASS, FAIL, would fail (report only), baseline only."""
    if "model" not in log["systems"]:
        return "baseline only — nothing to gate", "neutral"
    failed = [c for c in log["verdict"]["checks"] if not c["passed"]]
    if not failed:
        return "PASS", "pass"
    return ("FAIL", "fail") if log["verdict"]["gates"] else ("would fail (report only)", "warn")


def render_scorecard_html(log: Any) -> str:
    """The scorecard page for an eval log (an `EvalLog` or its JSON as a dict)."""
    data = _as_dict(log)
    word, verdict_class = verdict_word(data)
    shown = "model" if "model" in data["systems"] else "baseline"
    return page(
        "scorecard.html.j2",
        log=data,
        rows=metric_rows(data),
        systems=[s for s in SYSTEMS if s in data["systems"]],
        verdict=word,
        verdict_class=verdict_class,
        failed=[c for c in data["verdict"]["checks"] if not c["passed"]],
        shown=shown,
    )
