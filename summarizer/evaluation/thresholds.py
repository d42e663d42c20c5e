"""Checked-in thresholds (`evals/thresholds.yaml`): named profiles, each a set of gates.

A profile gates the model under test with `min` (the dataset mean of a metric must reach
it) and `beat_baseline` (the mean must be at least the baseline's). A `report_only` profile
computes the same verdict but never fails a run: it exists for models that are not expected
to be useful (the embedded 270M model), so that running them still says how far off they are.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError, model_validator

from ..errors import ConfigurationError, MissingExtraError, first_problem
from ..resources import data_dir
from ..schema import StrictModel
from .log import MetricSummary, ThresholdCheck
from .scorers import METRIC_NAMES

JUDGE_METRIC = "faithfulness"
KNOWN_METRICS = frozenset({*METRIC_NAMES, JUDGE_METRIC})


_Model = StrictModel


class Profile(_Model):
    description: str
    report_only: bool = False
    min: dict[str, float] = Field(default_factory=dict)
    beat_baseline: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_metrics(self) -> Profile:
        unknown = sorted((set(self.min) | set(self.beat_baseline)) - KNOWN_METRICS)
        if unknown:
            raise ValueError(f"unknown metric(s): {', '.join(unknown)}")
        bad = sorted(k for k, v in self.min.items() if not 0.0 <= v <= 1.0)
        if bad:
            raise ValueError(f"thresholds must be in [0, 1]: {', '.join(bad)}")
        return self


class Thresholds(_Model):
    version: int
    regression_tolerance: float = Field(default=0.02, ge=0.0, le=1.0)
    profiles: dict[str, Profile]

    def profile(self, name: str) -> Profile:
        try:
            return self.profiles[name]
        except KeyError:
            raise ConfigurationError(
                f"no thresholds profile {name!r}; choose one of: {', '.join(sorted(self.profiles))}"
            ) from None


def default_thresholds_path() -> Path:
    return data_dir("evals") / "thresholds.yaml"


def load_thresholds(path: str | Path | None = None) -> Thresholds:
    try:
        import yaml
    except ModuleNotFoundError:  # the eval extra is missing
        raise MissingExtraError("reading thresholds", extra="eval") from None

    p = Path(path) if path is not None else default_thresholds_path()
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigurationError(f"cannot read thresholds file {p.name}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise ConfigurationError(f"thresholds file {p.name} is not valid YAML: {exc}") from None
    try:
        return Thresholds.model_validate(data)
    except ValidationError as exc:
        raise ConfigurationError(f"thresholds file {p.name}: {first_problem(exc)}") from None


def check(
    profile: Profile,
    model: dict[str, MetricSummary],
    baseline: dict[str, MetricSummary] | None,
) -> list[ThresholdCheck]:
    """Every gate of `profile` applied to the model's dataset means."""
    checks: list[ThresholdCheck] = []
    for metric, required in profile.min.items():
        summary = model.get(metric)
        if summary is None:
            checks.append(
                ThresholdCheck(
                    metric=metric,
                    rule="min",
                    required=required,
                    actual=None,
                    passed=True,
                    message=f"{metric} was not measured in this run (not gated)",
                )
            )
            continue
        actual = summary.mean
        passed = actual is not None and actual >= required
        message = (
            f"{metric} {actual:.3f} {'>=' if passed else '<'} {required:.3f}"
            if actual is not None
            else f"{metric} could not be scored on any sample"
        )
        checks.append(
            ThresholdCheck(
                metric=metric,
                rule="min",
                required=required,
                actual=actual,
                passed=passed,
                message=message,
            )
        )
    for metric in profile.beat_baseline:
        mine = model.get(metric)
        theirs = baseline.get(metric) if baseline else None
        if mine is None or theirs is None or theirs.mean is None:
            checks.append(
                ThresholdCheck(
                    metric=metric,
                    rule="beat_baseline",
                    required=None,
                    actual=mine.mean if mine else None,
                    passed=mine is None or theirs is None or mine.mean is not None,
                    message=f"{metric}: no baseline score to beat",
                )
            )
            continue
        passed = mine.mean is not None and mine.mean >= theirs.mean
        checks.append(
            ThresholdCheck(
                metric=metric,
                rule="beat_baseline",
                required=theirs.mean,
                actual=mine.mean,
                passed=passed,
                message=f"{metric} {'at least' if passed else 'below'} the baseline's {theirs.mean:.3f}",
            )
        )
    return checks
