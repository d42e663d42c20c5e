"""Every anchor of a statement is in its evidence; Arabic and English carry the same anchors."""

from __future__ import annotations

from summarizer.consistency.anchors import check_claim_anchors, check_parity
from summarizer.consistency.entities import forms_of

from .helpers import brief, claim, kinds, person, place

SENTENCE = "وقال وزير الصحة سمير الخطيب إن 340 شخصا أصيبوا في حمص يوم الثلاثاء."
ENTITIES = (person("سمير الخطيب", "Samir al-Khatib"), place("حمص", "Homs"), place("حماة", "Hama"))


def problems(ar: str, en: str, context: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    view = brief(claim(ar, en, SENTENCE, context=context), entities=ENTITIES)
    entities = forms_of(ENTITIES)
    return check_claim_anchors(view, entities) + check_parity(view, entities)


def test_a_statement_with_the_evidence_anchors_passes() -> None:
    assert problems("أصيب 340 شخصا في حمص يوم الثلاثاء.", "340 people were injured in Homs on Tuesday.") == []


def test_a_number_the_evidence_does_not_have_is_reported_in_each_language() -> None:
    found = problems("أصيب 430 شخصا في حمص يوم الثلاثاء.", "430 people were injured in Homs on Tuesday.")
    assert kinds(found) == ["anchor_not_in_evidence"]  # one problem per anchor, whichever language wrote it
    assert found[0].details["value"] == "430" and "430" in found[0].message


def test_another_weekday_is_a_wrong_day() -> None:
    found = problems("أصيب 340 شخصا في حمص يوم الأربعاء.", "340 people were injured in Homs on Wednesday.")
    assert [(p.kind, p.details["value"]) for p in found] == [("anchor_not_in_evidence", "wednesday")]


def test_a_place_swapped_for_another_is_a_wrong_actor_or_place() -> None:
    found = problems("أصيب 340 شخصا في حماة يوم الثلاثاء.", "340 people were injured in Hama on Tuesday.")
    assert [(p.kind, p.details["value"]) for p in found] == [("anchor_not_in_evidence", "Hama")]


def test_a_name_from_the_sentence_before_supports_a_reference_back() -> None:
    context = ("وزار الخطيب مستشفى في حمص.",)
    view = brief(claim("قال الخطيب إن الزيارة ناجحة.", "Al-Khatib said the visit was a success.", "وقال إن الزيارة ناجحة.", context=context), entities=ENTITIES)
    assert check_claim_anchors(view, forms_of(ENTITIES)) == []


def test_english_weekday_differing_from_the_arabic_is_a_parity_problem() -> None:
    found = problems("أصيب 340 شخصا في حمص يوم الثلاثاء.", "340 people were injured in Homs on Monday.")
    assert "anchor_mismatch" in kinds(found)
    mismatch = next(p for p in found if p.kind == "anchor_mismatch")
    assert mismatch.details == {"only_ar": ["weekday:tuesday"], "only_en": ["weekday:monday"]}


def test_a_figure_written_in_words_in_one_language_and_digits_in_the_other_is_the_same_anchor() -> None:
    sentence = "نزح ثلاثة آلاف شخص خلال يومين."
    view = brief(claim("نزح ثلاثة آلاف شخص خلال يومين.", "3,000 people fled within two days.", sentence))
    assert check_claim_anchors(view, ()) + check_parity(view, ()) == []


def test_headline_and_bullets_are_checked_for_parity_too() -> None:
    view = brief(
        claim("أصيب 340 شخصا.", "340 people were injured.", SENTENCE),
        headline=("إصابة 340 شخصا", "430 injured"),
        bullets=(("أصيب 340 شخصا أمس", "340 people were injured"),),
    )
    assert [p.where for p in check_parity(view, ())] == ["headline", "summary[0]"]


def test_a_place_on_one_side_and_its_adjective_on_the_other_is_parallel() -> None:
    israel = (place("إسرائيل", "Israel"),)
    view = brief(
        claim("تحرك أوسع من جانب إسرائيل.", "A broader Israeli move.", "تحرك أوسع من جانب إسرائيل.", where="C1"),
        entities=israel,
    )
    assert check_parity(view, forms_of(israel)) == []
