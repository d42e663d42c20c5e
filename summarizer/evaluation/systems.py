"""Where the briefs under evaluation come from: a model, a replay, the gold, or the baseline.

Each system turns a sample into an `Output` — a `Brief`, or the typed reason there is none —
and describes itself for the log. A model that fails on one article (ungrounded output after
every reask, an endpoint error) fails that sample only; the run goes on and the failure is
scored as `schema_validity = 0`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from ..errors import (
    GroundingError,
    InputError,
    ModelOutputError,
    ProviderError,
    ReplayError,
    SummarizerError,
    describe,
    first_problem,
)
from ..grounding import ground
from ..schema import Brief, BriefDraft
from .baseline import BASELINE_NAME, BASELINE_VERSION, baseline_brief
from .dataset import Dataset, Sample
from .log import Origin, SystemInfo, load_log


@dataclass(frozen=True)
class Output:
    brief: Brief | None
    origin: Origin
    error: dict[str, Any] | None = None

    @property
    def failure(self) -> str | None:
        if self.brief is not None:
            return None
        return (self.error or {}).get("message") or "no output"


class System(Protocol):
    info: SystemInfo

    def produce(self, sample: Sample) -> Output: ...


class GoldSystem:
    """The gold brief itself: the self-check (every metric must be 1.0)."""

    info = SystemInfo(kind="gold", label="gold annotation (self-check)")

    def produce(self, sample: Sample) -> Output:
        return Output(sample.gold_brief, "gold")


class BaselineSystem:
    info = SystemInfo(kind="baseline", label=f"baseline {BASELINE_NAME} v{BASELINE_VERSION}", model=BASELINE_NAME)

    def produce(self, sample: Sample) -> Output:
        try:
            return Output(baseline_brief(sample.article), "baseline")
        except SummarizerError as exc:
            return Output(None, "baseline", describe(exc))


class ModelSystem:
    """A `Summarizer` (any endpoint); with a cache, outputs already made are not paid for again."""

    def __init__(self, summarizer: Any) -> None:
        self.summarizer = summarizer
        config = summarizer.config
        from ..prompts import prompt_version

        self.info = SystemInfo(
            kind="endpoint",
            label=f"{config.model} at {config.endpoint_host}",
            model=config.model,
            provider=config.provider,
            endpoint_host=config.endpoint_host,
            prompt_version=prompt_version(),
            settings=config.settings(),
        )

    def produce(self, sample: Sample) -> Output:
        try:
            brief, cached = self.summarizer.summarize_traced(sample.article.text, name=sample.id)
        except (ModelOutputError, ProviderError, InputError) as exc:
            return Output(None, "endpoint", describe(exc))
        return Output(brief, "cache" if cached else "endpoint")


@dataclass
class ReplaySystem:
    """Saved outputs scored again without any model call: a brief, a folder of briefs, or a log.

    A saved draft (the model's answer before grounding: sentence IDs and quotes, no offsets)
    is accepted too and grounded against the sample's article; one that does not ground is
    a failed output, with the grounding problems as its error.
    """

    outputs: dict[str, Output]
    info: SystemInfo
    missing: str = field(default="the replayed outputs hold nothing for this sample")

    def produce(self, sample: Sample) -> Output:
        return self.outputs.get(sample.id) or Output(None, "replay", {"type": "ReplayError", "message": self.missing})

    @classmethod
    def from_path(cls, path: str | Path, dataset: Dataset) -> ReplaySystem:
        p = Path(path)
        if p.is_dir():
            files = sorted(p.glob("*.json"))
            if not files:
                raise ReplayError(f"{p} holds no *.json briefs to replay")
            outputs: dict[str, Output] = {}
            for f in files:
                data = _read_json(f)
                sample = _sample_for(data, dataset, f, by_name=True)
                outputs[sample.id] = _brief_output(data, sample)
            return cls(outputs, _info_from(outputs, f"replay of {p.name}/"))
        data = _read_json(p)
        if isinstance(data, dict) and "log_version" in data:
            return cls._from_log(p, dataset)
        sample = _sample_for(data, dataset, p, by_name=False)
        outputs = {sample.id: _brief_output(data, sample)}
        return cls(outputs, _info_from(outputs, f"replay of {p.name}"))

    @classmethod
    def _from_log(cls, path: Path, dataset: Dataset) -> ReplaySystem:
        log = load_log(path)
        by_id = {s.id: s for s in log.samples}
        outputs: dict[str, Output] = {}
        for sample in dataset.samples:
            record = by_id.get(sample.id)
            if record is None or "model" not in record.systems:
                continue
            if record.input_sha256 != sample.sha256:
                outputs[sample.id] = Output(
                    None,
                    "replay",
                    {
                        "type": "ReplayError",
                        "message": f"the log's output of {sample.id} was made for a different article",
                    },
                )
                continue
            saved = record.systems["model"]
            outputs[sample.id] = (
                _brief_output(saved.brief, sample)
                if saved.brief is not None
                else Output(None, "replay", saved.error or {"type": "ReplayError", "message": "the log has no brief"})
            )
        if not outputs:
            raise ReplayError(f"{path.name} has no model output for any sample of dataset {dataset.name}")
        previous = log.systems.get("model")
        info = (
            previous.model_copy(update={"kind": "replay", "label": f"replay of {path.name} ({previous.label})"})
            if previous
            else SystemInfo(kind="replay", label=f"replay of {path.name}")
        )
        return cls(outputs, info)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReplayError(f"{path} does not exist") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReplayError(f"{path.name} is not readable JSON: {exc}") from None


def _sample_for(data: Any, dataset: Dataset, path: Path, *, by_name: bool) -> Sample:
    metadata = data.get("metadata") if isinstance(data, dict) else None
    sha = metadata.get("input_sha256") if isinstance(metadata, dict) else None
    if isinstance(sha, str):
        for sample in dataset.samples:
            if sample.sha256 == sha:
                return sample
        raise ReplayError(f"{path.name} is a brief of an article that is not in dataset {dataset.name}")
    if by_name:
        for sample in dataset.samples:
            if sample.id == path.stem:
                return sample
        raise ReplayError(f"{path.name}: no metadata.input_sha256 and no sample named {path.stem!r}")
    if len(dataset.samples) == 1:
        return dataset.samples[0]
    raise ReplayError(
        f"{path.name} has no metadata.input_sha256, so it cannot be matched to one of "
        f"{len(dataset.samples)} samples: replay a folder of <sample-id>.json files instead"
    )


def _brief_output(data: Any, sample: Sample) -> Output:
    """A saved `Brief`, or a saved draft (the model's raw answer, no offsets) grounded now."""
    try:
        return Output(Brief.model_validate(data), "replay")
    except ValidationError as exc:
        message = f"not a valid Brief: {first_problem(exc)}"
    try:
        draft = BriefDraft.model_validate(data)
    except ValidationError:
        return Output(None, "replay", {"type": "InvalidOutputError", "message": message})
    try:
        return Output(ground(sample.article, draft), "replay")
    except GroundingError as exc:
        return Output(None, "replay", describe(exc))


def _info_from(outputs: dict[str, Output], label: str) -> SystemInfo:
    for output in outputs.values():
        m = output.brief.metadata if output.brief else None
        if m is not None:
            return SystemInfo(
                kind="replay",
                label=f"{label} ({m.model} at {m.endpoint_host})",
                model=m.model,
                provider=m.provider,
                endpoint_host=m.endpoint_host,
                prompt_version=m.prompt_version,
                settings=m.settings,
            )
    return SystemInfo(kind="replay", label=label)
