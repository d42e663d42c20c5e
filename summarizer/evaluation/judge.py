"""The optional judge: a model asked, claim by claim, whether the article supports the brief.

Off by default (`summarizer eval --judge`): it costs a call per brief and is only as good as
the judge model. It goes through the same provider layer as the summarizer (`provider/llm.py`: one
openai client, tenacity for transport faults, instructor reasks), and its answer must name
every claim of the brief exactly once — otherwise the judge is asked again. Faithfulness is
the share of claims judged supported; a judge that fails leaves the metric unscored.
"""

from __future__ import annotations

import hashlib
from typing import Any

from pydantic import BaseModel, Field, create_model, model_validator

from ..config import ProviderConfig
from ..errors import SummarizerError
from ..prompts import Prompt, boundary_for, render_template
from ..resources import data_dir
from ..schema import Brief
from .dataset import Sample
from .scorers.base import Score

TEMPLATES = ("judge_system.j2", "judge_user.j2")
DESCRIPTION = "share of claims a judge model finds supported by the article (optional, off by default)"


class ClaimVerdict(BaseModel):
    claim_id: str = Field(description="The claim's ID, e.g. C3.")
    supported: bool
    reason: str = Field(description="One sentence, in English.")


class JudgeAnswer(BaseModel):
    verdicts: list[ClaimVerdict]


def judge_version() -> str:
    digest = hashlib.sha256()
    for name in TEMPLATES:
        digest.update((data_dir("prompts") / name).read_bytes())
    return f"judge-{digest.hexdigest()[:12]}"


def answer_model_for(brief: Brief) -> type[JudgeAnswer]:
    """A `JudgeAnswer` that insists on one verdict per claim of this brief (a reask otherwise)."""
    expected = [c.id for c in brief.claims]

    @model_validator(mode="after")
    def every_claim_once(self: JudgeAnswer) -> JudgeAnswer:
        given = [v.claim_id for v in self.verdicts]
        missing = [i for i in expected if i not in given]
        unknown = sorted({i for i in given if i not in expected})
        repeated = sorted({i for i in given if given.count(i) > 1})
        problems = []
        if missing:
            problems.append(f"give a verdict for {', '.join(missing)}")
        if unknown:
            problems.append(f"there is no claim {', '.join(unknown)}")
        if repeated:
            problems.append(f"give one verdict only for {', '.join(repeated)}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    return create_model("JudgeAnswer", __base__=JudgeAnswer, __validators__={"every_claim_once": every_claim_once})


def judge_prompt(sample: Sample, brief: Brief) -> Prompt:
    context: dict[str, Any] = {
        "boundary": boundary_for(sample.article),
        "sentences": sample.article.sentences,
        "claims": brief.claims,
    }
    return Prompt(
        system=render_template("judge_system.j2", **context),
        user=render_template("judge_user.j2", **context),
        version=judge_version(),
    )


class Judge:
    """A judge model on an endpoint (any `ProviderConfig`); holds one client for many briefs."""

    description = DESCRIPTION

    def __init__(self, config: ProviderConfig) -> None:
        self.config = config
        self.version = judge_version()
        self._client: Any = None

    def score(self, sample: Sample, brief: Brief) -> Score:
        from ..provider import llm

        if self._client is None:
            self._client = llm.make_client(self.config)
        try:
            answer, stats = llm.call_structured(
                self._client, self.config, judge_prompt(sample, brief), answer_model_for(brief)
            )
        except SummarizerError as exc:
            return Score.cannot(f"the judge ({self.config.model}) gave no usable verdict: {exc}")
        unsupported = [v for v in answer.verdicts if not v.supported]
        return Score.ratio(
            len(answer.verdicts) - len(unsupported),
            len(answer.verdicts),
            f"claims supported according to {self.config.model}",
            empty="the brief has no claims",
            problems=[f"{v.claim_id}: {v.reason}" for v in unsupported],
            verdicts=[v.model_dump() for v in answer.verdicts],
            judge_model=self.config.model,
            usage=stats.reported_usage().model_dump(),
        )

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Judge:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
