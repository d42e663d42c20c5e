"""What a scorer is: a function of (sample, brief) returning a value, an explanation and metadata.

Every value is in [0, 1], higher is better. "Cannot score" is explicit (`value=None` with the
reason), never a silent zero: a brief with no entities has no entity precision, and a run
whose model produced no brief has no claim recall — `schema_validity` is the metric that
says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ...consistency import Problem, check_brief
from ...schema import Brief, Entity
from ...segment import Article
from ..alignment import Alignment, align
from ..dataset import Sample
from ..gold import Gold, GoldClaim


@dataclass(frozen=True)
class Score:
    value: float | None
    explanation: str
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # One line, whatever went into it (judge reasons and model text can hold newlines).
        object.__setattr__(self, "explanation", " ".join(self.explanation.split()))

    @property
    def scored(self) -> bool:
        return self.value is not None

    @classmethod
    def cannot(cls, why: str, **metadata: Any) -> Score:
        return cls(None, f"cannot score: {why}", metadata)

    @classmethod
    def ratio(
        cls, hits: int, total: int, what: str, *, empty: str, problems: list[str] | None = None, **metadata: Any
    ) -> Score:
        """`hits/total`, explained as e.g. '18/20 aligned claims name the right source'.

        `empty` says why there is nothing to count when `total` is 0.
        """
        if total == 0:
            return cls.cannot(empty, **metadata)
        text = f"{hits}/{total} {what}"
        if problems:
            shown = "; ".join(problems[:3]) + (f"; … {len(problems) - 3} more" if len(problems) > 3 else "")
            text += f" — {shown}"
            metadata = {**metadata, "problems": problems}
        return cls(round(hits / total, 4), text, metadata)


def gold_entity_names(gold: Gold) -> list[Entity]:
    """The gold's entities as a brief would list them (names only: the consistency checks find names by them)."""
    return [Entity(name_ar=e.name_ar, name_en=e.name_en, type=e.type, role_en=None) for e in gold.entities]


@dataclass
class Context:
    """One brief of one sample, with what several scorers share (the claim alignment)."""

    sample: Sample
    brief: Brief

    @property
    def gold(self) -> Gold:
        return self.sample.gold

    @property
    def article(self) -> Article:
        return self.sample.article

    @cached_property
    def alignment(self) -> Alignment:
        return align(self.article, self.sample.gold_brief.claims, self.brief.claims)

    @cached_property
    def consistency(self) -> list[Problem]:
        """The brief's consistency problems.

        The brief's consistency problems (`summarizer.consistency`), names found through the
        brief's own entity list and the gold's entity names.
        """
        return check_brief(self.article, self.brief, gold_entity_names(self.gold))

    def aligned(self) -> list[tuple[GoldClaim, Any]]:
        """(gold claim, predicted claim) for every matched pair, in gold order."""
        return [(self.gold.claims[p.gold], self.brief.claims[p.predicted]) for p in self.alignment.matched]


@dataclass(frozen=True)
class Metric:
    name: str
    family: str
    description: str
    fn: Callable[[Context], Score]
    version: str = "1"

    def __call__(self, ctx: Context) -> Score:
        return self.fn(ctx)


def metric(
    name: str, *, family: str, description: str, version: str = "1"
) -> Callable[[Callable[[Context], Score]], Metric]:
    """Declare a scorer: `@metric("claim_recall", family="claims", description="...")`."""

    def wrap(fn: Callable[[Context], Score]) -> Metric:
        return Metric(name=name, family=family, description=description, fn=fn, version=version)

    return wrap
