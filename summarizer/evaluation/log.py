"""The eval log: one JSON file per run, with a fixed, versioned structure (`LOG_VERSION`).

Everything a reader or a renderer needs is in it: the input hash of every sample, the exact
output of every system (the model under test and the baseline), every score with its
one-line explanation, the per-claim alignment (gold vs predicted, matched / missed / extra,
with the attribution and certainty checks of each matched pair), the model and its
settings, token usage, metric versions (the chrF signature among them), the threshold
verdict and, when asked, the comparison with a previous run.

The models below are the specification; `schemas/eval-log.schema.json` is generated from
them and `evals/README.md` describes each field. A change that breaks readers bumps
`LOG_VERSION`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from ..errors import ReplayError, first_problem
from ..schema import Bilingual, Certainty, SourceType, StrictModel, Usage

LOG_VERSION = "1"
SystemName = Literal["model", "baseline"]
Origin = Literal["endpoint", "cache", "replay", "gold", "baseline"]


_Model = StrictModel


class ScoreRecord(_Model):
    value: float | None = Field(description="In [0, 1], higher is better; null when the metric cannot score.")
    explanation: str = Field(description="One line: what was counted, and the first problems found.")
    metadata: dict[str, Any] = Field(default_factory=dict)


class ClaimView(_Model):
    """A claim as the alignment shows it (gold or predicted)."""

    id: str
    statement: Bilingual
    sentences: list[str]
    source_ar: str | None
    source_en: str
    source_type: SourceType
    outlet_en: str | None
    certainty: Certainty


class ClaimChecks(_Model):
    """The attribution and certainty checks of one matched pair (null: nothing to judge)."""

    source_identity: bool
    source_type: bool
    outlet: bool | None
    certainty: bool


class AlignmentRecord(_Model):
    status: Literal["matched", "missed", "extra"]
    gold: ClaimView | None = Field(description="Null for an extra (unmatched predicted) claim.")
    predicted: ClaimView | None = Field(description="Null for a missed gold claim.")
    score: float | None = None
    evidence_overlap: float | None = None
    text_similarity: float | None = None
    checks: ClaimChecks | None = None


class SystemOutput(_Model):
    """What one system produced for one sample, and how it scored."""

    status: Literal["ok", "failed"]
    origin: Origin = Field(description="endpoint (called now), cache, replay, gold or baseline.")
    error: dict[str, Any] | None = Field(default=None, description="Why there is no brief (type, message, ...).")
    brief: dict[str, Any] | None = Field(default=None, description="The output exactly as scored (a Brief's JSON).")
    usage: Usage | None = None
    latency_ms: float | None = None
    scores: dict[str, ScoreRecord]
    alignment: list[AlignmentRecord] = Field(default_factory=list)


class SampleRecord(_Model):
    id: str
    input_sha256: str
    input_chars: int
    systems: dict[SystemName, SystemOutput]


class SystemInfo(_Model):
    kind: Literal["endpoint", "replay", "gold", "baseline"]
    label: str = Field(description="Human-readable, e.g. 'gpt-4.1-mini at api.openai.com'.")
    model: str | None = None
    provider: str | None = None
    endpoint_host: str | None = None
    prompt_version: str | None = None
    settings: dict[str, float | int | str | None] = Field(default_factory=dict)


class MetricInfo(_Model):
    name: str
    family: str
    description: str
    version: str


class MetricSummary(_Model):
    mean: float | None = Field(description="Mean over the samples where the metric scored; null if none did.")
    scored: int
    unscored: int


class ThresholdCheck(_Model):
    metric: str
    rule: Literal["min", "beat_baseline", "regression"]
    required: float | None
    actual: float | None
    passed: bool
    message: str


class Verdict(_Model):
    profile: str
    description: str
    gates: bool = Field(description="False when the profile is report-only or the run was told not to fail.")
    passed: bool
    checks: list[ThresholdCheck]


class MetricChange(_Model):
    sample_id: str
    metric: str
    previous: float | None
    current: float | None
    delta: float | None
    regression: bool


class Comparison(_Model):
    previous_created_at: str
    tolerance: float
    paired: list[str] = Field(description="Sample ids found in both runs with the same input hash.")
    unpaired: list[str] = Field(description="Sample ids in only one run, or whose article changed.")
    changes: list[MetricChange] = Field(description="Every metric of the model that moved, per paired sample.")
    regressions: int


class DatasetInfo(_Model):
    name: str
    samples: int


class EvalLog(_Model):
    log_version: Literal["1"] = LOG_VERSION
    created_at: str
    harness_version: str
    dataset: DatasetInfo
    metrics: list[MetricInfo]
    metric_versions: dict[str, str] = Field(description="alignment, baseline, gold format, chrF signature, judge.")
    systems: dict[SystemName, SystemInfo]
    samples: list[SampleRecord]
    summary: dict[SystemName, dict[str, MetricSummary]]
    usage: dict[SystemName, Usage] = Field(description="Tokens summed over the samples the system produced.")
    verdict: Verdict
    comparison: Comparison | None = None


def load_log(path: str | Path) -> EvalLog:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReplayError(f"{p} does not exist") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReplayError(f"{p.name} is not a readable JSON eval log: {exc}") from None
    if not isinstance(data, dict) or "log_version" not in data:
        raise ReplayError(f"{p.name} is not an eval log (no log_version)")
    if data["log_version"] != "1":
        raise ReplayError(f"{p.name} has log_version {data['log_version']!r}; this harness reads version 1")
    try:
        return EvalLog.model_validate(data)
    except ValidationError as exc:
        raise ReplayError(f"{p.name} is not a valid eval log: {first_problem(exc)}") from None
