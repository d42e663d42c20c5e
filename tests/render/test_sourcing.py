"""The sourcing profile counts claims by who stands behind them, anonymous sources called out."""

from __future__ import annotations

from summarizer.render.sourcing import ORDER, sourcing_profile
from summarizer.schema import SourceType


def test_profile_counts_every_claim_once_and_lists_every_source_type(seed_brief):
    profile = sourcing_profile(seed_brief)
    expected = {t: sum(c.attribution.source_type is t for c in seed_brief.claims) for t in SourceType}
    assert {s.source_type: s.count for s in profile.shares} == expected
    assert [s.source_type for s in profile.shares] == list(ORDER)
    assert profile.total == len(seed_brief.claims) == sum(s.count for s in profile.shares)
    assert abs(sum(s.fraction for s in profile.shares) - 1.0) < 1e-9


def test_profile_headline_says_how_much_rests_on_anonymous_sources(seed_brief):
    anonymous = sum(c.attribution.source_type is SourceType.ANONYMOUS_SOURCE for c in seed_brief.claims)
    total = len(seed_brief.claims)
    assert sourcing_profile(seed_brief).headline() == (
        f"{anonymous} of {total} claims ({round(100 * anonymous / total)}%) rest on anonymous sources."
    )


def test_profile_of_a_brief_without_anonymous_sources_says_so(seed_brief):
    for claim in seed_brief.claims:
        claim.attribution.source_type = SourceType.NARRATION
        claim.attribution.source_ar = None
    profile = sourcing_profile(seed_brief)
    assert profile.anonymous.count == 0
    assert profile.headline() == f"None of the {len(seed_brief.claims)} claims rests on an anonymous source."
