"""The sourcing profile of a brief: how many claims rest on each kind of source.

A reader should see at a glance how much of a story is anonymously sourced. Both the
Markdown and the HTML view draw this from the same numbers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..schema import Brief, SourceType

# Reading order: named and accountable sources first, anonymous ones and narration last.
ORDER = (
    SourceType.NAMED_PERSON,
    SourceType.OFFICIAL_BODY,
    SourceType.NAMED_ORGANIZATION,
    SourceType.MEDIA_OUTLET,
    SourceType.ANONYMOUS_SOURCE,
    SourceType.NARRATION,
)

LABELS = {
    SourceType.NAMED_PERSON: "named person",
    SourceType.OFFICIAL_BODY: "official body",
    SourceType.NAMED_ORGANIZATION: "named organization",
    SourceType.MEDIA_OUTLET: "media outlet",
    SourceType.ANONYMOUS_SOURCE: "anonymous source",
    SourceType.NARRATION: "article's own narration",
}


@dataclass(frozen=True, slots=True)
class Share:
    """One kind of source and the claims resting on it."""

    source_type: SourceType
    label: str
    count: int
    fraction: float  # of all claims, 0..1

    @property
    def percent(self) -> int:
        return round(self.fraction * 100)

    @property
    def anonymous(self) -> bool:
        return self.source_type is SourceType.ANONYMOUS_SOURCE


@dataclass(frozen=True, slots=True)
class SourcingProfile:
    """Claims counted by source type, every type listed (zeros included) in `ORDER`."""

    total: int
    shares: tuple[Share, ...]

    @property
    def anonymous(self) -> Share:
        return next(s for s in self.shares if s.anonymous)

    def headline(self) -> str:
        """One sentence a reader can take in at a glance."""
        anon = self.anonymous
        claims = "claim" if self.total == 1 else "claims"
        if anon.count == 0:
            return f"None of the {self.total} {claims} rests on an anonymous source."
        verb = "rests" if anon.count == 1 else "rest"
        return f"{anon.count} of {self.total} {claims} ({anon.percent}%) {verb} on anonymous sources."


def sourcing_profile(brief: Brief) -> SourcingProfile:
    counts = Counter(claim.attribution.source_type for claim in brief.claims)
    total = sum(counts.values())
    shares = tuple(
        Share(source_type=t, label=LABELS[t], count=counts[t], fraction=counts[t] / total if total else 0.0)
        for t in ORDER
    )
    return SourcingProfile(total=total, shares=shares)
