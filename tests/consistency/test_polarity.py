"""Negation agrees between statement and evidence, and between Arabic and English."""

from __future__ import annotations

import pytest

from summarizer.consistency.polarity import check_polarity, negated_ar, negated_en

from .helpers import brief, claim, kinds

DENIAL = "ونفى المتحدث باسم الجيش أن تكون القوات قد قصفت المستشفى."
PLAIN = "وأعلنت الوزارة أنها ستفتح المعبر غدا."


@pytest.mark.parametrize("text", ["لم يحضر الوزير", "ولن تشارك", "نفى الجيش", "غير مقبول", "ليست هناك أدلة", "فلا مجال"])
def test_arabic_negation_markers_are_found_with_their_clitics(text) -> None:
    assert negated_ar(text)


@pytest.mark.parametrize("text", ["غير أن الوزير حضر", "لا سيما في الجنوب", "لا يزال الطريق مغلقا", "إلا أن"])
def test_arabic_idioms_that_negate_nothing_are_not_negation(text) -> None:
    assert negated_ar(text) is None


@pytest.mark.parametrize(("text", "negative"), [("The army denied it", True), ("He didn't come", True), ("He came", False), ("Not now", True), ("nothing new", True), ("a notable move", False)])
def test_english_negation(text, negative) -> None:
    assert bool(negated_en(text)) is negative


def test_a_kept_denial_passes() -> None:
    view = brief(claim("نفى الجيش قصف المستشفى.", "The army denied shelling the hospital.", DENIAL))
    assert check_polarity(view) == []


def test_a_dropped_negation_is_caught_in_the_language_that_dropped_it() -> None:
    view = brief(claim("قصفت القوات المستشفى.", "Troops shelled the hospital.", DENIAL, quote="أن تكون القوات قد قصفت المستشفى"))
    assert kinds(check_polarity(view)) == []  # the quote itself is not negative: nothing to keep
    view = brief(claim("قصفت القوات المستشفى.", "Troops shelled the hospital.", DENIAL, quote="ونفى المتحدث باسم الجيش"))
    assert kinds(check_polarity(view)) == ["negation_dropped", "negation_dropped"]


def test_an_added_negation_is_caught() -> None:
    view = brief(claim("لن تفتح الوزارة المعبر غدا.", "The ministry will not open the crossing tomorrow.", PLAIN))
    assert kinds(check_polarity(view)) == ["negation_added", "negation_added"]


def test_negation_in_one_language_only_is_caught() -> None:
    view = brief(claim("ستفتح الوزارة المعبر غدا.", "The ministry will not open the crossing tomorrow.", PLAIN))
    assert sorted(kinds(check_polarity(view))) == ["negation_added", "negation_differs"]


def test_a_headline_whose_languages_disagree_on_negation_is_caught() -> None:
    view = brief(
        claim("ستفتح الوزارة المعبر غدا.", "The ministry will open the crossing tomorrow.", PLAIN),
        headline=("الوزارة لن تفتح المعبر", "Ministry to open the crossing"),
    )
    assert [(p.kind, p.where) for p in check_polarity(view)] == [("negation_differs", "headline")]
