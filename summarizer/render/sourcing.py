"""The sourcing profile of a brief: how many claims rest on each kind of source.

A reader should see at a glance how much of a story is anonymously sourced. Both the
Markdown and the HTML view draw this from the same numbers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..labels import SOURCE_TYPES, ActorType, Channel
from ..schema import Brief

# Reading order: named and accountable sources first, anonymous ones and narration last.
ORDER = SOURCE_TYPES

LABELS = {
    ActorType.PERSON: "named person",
    ActorType.OFFICIAL: "official named by title",
    ActorType.GOVERNMENT: "government body",
    ActorType.COUNTRY: "country",
    ActorType.ORGANIZATION: "organization",
    ActorType.MEDIA: "media outlet",
    ActorType.ANONYMOUS: "anonymous source",
    ActorType.NARRATION: "article's own narration",
}

CHANNEL_LABELS = {
    Channel.TOLD_OUTLET: "told an outlet",
    Channel.NEWS_AGENCY: "news agency",
    Channel.PRESS_REPORT: "press report",
    Channel.STATEMENT: "statement",
    Channel.BROADCAST: "broadcast",
    Channel.SOCIAL_MEDIA: "social media",
    Channel.UNSPECIFIED: "not said",
    Channel.NARRATION: "the article's own voice",
}


@dataclass(frozen=True, slots=True)
class Share:
    """One kind of source and the claims resting on it."""

    source_type: ActorType
    label: str
    count: int
    fraction: float  # of all claims, 0..1

    @property
    def percent(self) -> int:
        return round(self.fraction * 100)

    @property
    def anonymous(self) -> bool:
        return self.source_type is ActorType.ANONYMOUS


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
    counts = Counter(claim.attribution.source.type for claim in brief.claims)
    total = sum(counts.values())
    shares = tuple(
        Share(source_type=t, label=LABELS[t], count=counts[t], fraction=counts[t] / total if total else 0.0)
        for t in ORDER
    )
    return SourcingProfile(total=total, shares=shares)
