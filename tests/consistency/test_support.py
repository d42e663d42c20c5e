"""Headline and summary say only what the claims say, and never more firmly."""

from __future__ import annotations

from summarizer.consistency.support import _ClaimWords, _Vocabulary, check_support
from summarizer.consistency.text import ar_words

from .helpers import brief, claim, kinds

S1 = "ومن المتوقع أن يلتقي وزيرا الخارجية في عمّان يوم الأحد لبحث ملف المياه."
S2 = "وقال مسؤول إن 40 شاحنة دخلت القطاع أمس."
CLAIMS = (
    claim("من المتوقع أن يلتقي وزيرا الخارجية في عمّان يوم الأحد لبحث ملف المياه.", "The two foreign ministers are expected to meet in Amman on Sunday to discuss water.", S1, label="expected", where="C1"),
    claim("دخلت 40 شاحنة القطاع أمس.", "40 trucks entered the strip yesterday.", S2, label="fact", where="C2"),
)


def view(headline, bullets=()):  # type: ignore[no-untyped-def]
    return brief(*CLAIMS, headline=headline, bullets=bullets)


def test_a_headline_and_bullets_written_from_the_claims_pass() -> None:
    found = check_support(
        view(
            ("لقاء مرتقب لوزيري الخارجية في عمّان", "Foreign ministers expected to meet in Amman"),
            (("يُنتظر أن يلتقي وزيرا الخارجية في عمّان الأحد لبحث ملف المياه.", "The foreign ministers are expected to meet in Amman on Sunday to discuss water."),
             ("دخلت 40 شاحنة القطاع أمس.", "40 trucks entered the strip yesterday.")),
        ),
        (),
    )
    assert found == []


def test_a_headline_stating_an_expected_meeting_as_held_is_caught() -> None:
    found = check_support(view(("التقى وزيرا الخارجية في عمّان", "Foreign ministers met in Amman")), ())
    assert kinds(found) == ["more_certain_than_claims", "more_certain_than_claims"]


def test_a_headline_saying_an_agreement_was_signed_is_caught() -> None:
    found = check_support(view(("توقيع اتفاق مياه في عمّان", "Water agreement signed in Amman")), ())
    assert "unsupported_content" in kinds(found)


def test_an_invented_fact_in_a_bullet_is_caught_in_both_languages() -> None:
    bullets = (
        ("دخلت 40 شاحنة القطاع أمس، وأعلنت الأمم المتحدة تعليق عمليات التوزيع بالكامل.", "40 trucks entered the strip yesterday, and the United Nations announced a complete suspension of distribution operations."),
    )
    found = check_support(view(("", ""), bullets), ())
    assert [(p.kind, p.where) for p in found] == [("unsupported_content", "summary[0].ar"), ("unsupported_content", "summary[0].en")]


def test_a_number_in_a_bullet_that_no_claim_has_is_caught() -> None:
    found = check_support(view(("", ""), (("دخلت 400 شاحنة القطاع أمس.", "400 trucks entered the strip yesterday."),)), ())
    assert kinds(found) == ["anchor_not_in_claims", "anchor_not_in_claims"]


def test_the_claims_found_by_a_word_are_those_whose_own_vocabulary_has_it() -> None:
    claims = (
        claim("يعقد الوزيران اجتماعا في باريس", "The two ministers hold a meeting in Paris", "يعقد الوزيران اجتماعا"),
        claim("وصلت القوات إلى المدينة", "The forces reached the city", "وصلت القوات", where="C2"),
        claim("عقد الوزير لقاء مع السفير", "The minister met the ambassador", "عقد الوزير لقاء", where="C3"),
    )
    table = _ClaimWords([c.ar for c in claims])
    vocabularies = [_Vocabulary(ar_words(c.ar), True) for c in claims]
    for word in ar_words("وعقد الوزراء اجتماعهم بالمدينه وللقوات سفير لقاءات باريسي مجلس"):
        assert table.having(word) == {k for k, v in enumerate(vocabularies) if v.has(word)}, word
