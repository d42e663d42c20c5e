"""A name on one side may be an adjective or a shorter name on the other; a different actor is still caught."""

from __future__ import annotations

from summarizer.consistency.anchors import check_claim_anchors, check_parity
from summarizer.consistency.entities import forms_of
from summarizer.consistency.traces import traces
from summarizer.labels import ActorType
from summarizer.schema import Entity

from .helpers import brief, claim, kinds


def entity(ar: str, en: str, kind: ActorType) -> Entity:
    return Entity(name_ar=ar, name_en=en, type=kind, role_en=None)


FORCES = entity("القوات الحكومية السورية", "Syrian government forces", ActorType.GOVERNMENT)
UNITED_STATES = entity("الولايات المتحدة", "United States", ActorType.COUNTRY)
UNITED_KINGDOM = entity("المملكة المتحدة", "United Kingdom", ActorType.COUNTRY)
CUSTOMS = entity("الجمارك التونسية", "Tunisian customs", ActorType.GOVERNMENT)
ISRAELI_FORCES = entity("القوات الإسرائيلية", "Israeli forces", ActorType.ORGANIZATION)
EGYPT = entity("مصر", "Egypt", ActorType.COUNTRY)


def problems(ar: str, en: str, sentence: str, *listed: Entity):  # type: ignore[no-untyped-def]
    view = brief(claim(ar, en, sentence), entities=listed)
    forms = forms_of(listed)
    return check_claim_anchors(view, forms) + check_parity(view, forms)


def test_a_longer_name_on_one_side_and_its_core_on_the_other_is_parallel() -> None:
    sentence = "اندلعت اشتباكات بين القوات الحكومية السورية ومسلحين."
    assert problems(sentence, "Clashes broke out between government forces and gunmen.", sentence, FORCES) == []


def test_a_country_whose_adjective_no_ending_derives_is_traced_by_a_short_table() -> None:
    sentence = "وصل وفد أمريكي إلى العاصمة."
    assert problems(sentence, "A United States delegation arrived in the capital.", sentence, UNITED_STATES) == []
    written = "وصل وفد من الولايات المتحدة إلى العاصمة."
    assert problems(written, "An American delegation arrived in the capital.", written, UNITED_STATES) == []


def test_an_arabic_adjective_of_a_broken_plural_traces_the_name_by_its_consonants() -> None:
    sentence = "قال مسؤول جمركي تونسي إن المعبر أغلق."
    en = "A Tunisian customs official said the crossing was closed."
    assert problems(sentence, en, sentence, CUSTOMS) == []


def test_another_nationality_next_to_the_core_is_another_actor() -> None:
    sentence = "تقدمت القوات الإسرائيلية نحو البلدة."
    assert "anchor_mismatch" in kinds(
        problems(sentence, "Syrian forces advanced on the town.", sentence, ISRAELI_FORCES)
    )
    sentence = "اندلعت اشتباكات بين القوات الحكومية السورية ومسلحين."
    en = "Clashes broke out between Israeli government forces and gunmen."
    assert "anchor_mismatch" in kinds(problems(sentence, en, sentence, FORCES))


def test_another_country_or_body_is_still_a_missing_name() -> None:
    sentence = "وصل وفد أمريكي إلى العاصمة."
    found = problems(
        sentence, "A United Kingdom delegation arrived in the capital.", sentence, UNITED_STATES, UNITED_KINGDOM
    )
    assert kinds(found) == ["anchor_not_in_evidence", "anchor_mismatch"]
    police = "قال مسؤول في الشرطة التونسية إن المعبر أغلق."
    found = problems(police, "A Tunisian customs official said the crossing was closed.", police, CUSTOMS)
    assert kinds(found) == ["anchor_not_in_evidence", "anchor_mismatch"]


def test_a_short_name_is_not_traced_by_a_word_of_the_same_consonants() -> None:
    assert traces("ناقش الوزير المصير.", "ar", forms_of([EGYPT])) == frozenset()
    assert traces("زار الوزير القاهرة بدعوة مصرية.", "ar", forms_of([EGYPT])) == {"Egypt"}


def test_two_words_of_a_longer_name_with_its_head_noun_are_parallel() -> None:
    forces = entity("القوات السورية", "Syrian government forces", ActorType.GOVERNMENT)
    sentence = "سمحت إسرائيل للقوات السورية بدخول المدينة."
    assert problems(sentence, "Israel allowed Syrian forces to enter the city.", sentence, forces) == []


def test_us_and_u_s_are_the_united_states() -> None:
    sentence = "قال المبعوث الأمريكي إن الاجتماع ناجح."
    listed_as_adjective = entity("أمريكية", "United States", ActorType.COUNTRY)
    assert problems(sentence, "The US envoy said the meeting was a success.", sentence, listed_as_adjective) == []
    assert problems(sentence, "The U.S. envoy said the meeting was a success.", sentence, listed_as_adjective) == []


def test_a_place_listed_by_its_adjective_is_traced_by_its_name() -> None:
    libya = entity("الليبية", "Libya", ActorType.COUNTRY)
    sentence = "أغلقت السلطات الليبية المعبر مع ليبيا."
    assert traces("المعبر الرئيسي بين تونس وليبيا", "ar", forms_of([libya])) == {"Libya"}
    assert problems(sentence, "The Libyan authorities closed the crossing with Libya.", sentence, libya) == []


def test_an_official_named_by_office_is_traced_by_its_nationality() -> None:
    counterpart = entity("نظيره الليبي", "the Libyan trade minister", ActorType.OFFICIAL)
    sentence = "سيلتقي الوزير نظيره الليبي في طرابلس."
    assert problems(sentence, "The minister will meet his Libyan counterpart in Tripoli.", sentence, counterpart) == []
    en = "The minister will meet his Egyptian counterpart in Tripoli."
    assert "anchor_mismatch" in kinds(problems(sentence, en, sentence, counterpart))


def test_entries_whose_names_agree_once_the_generic_word_is_off_are_one_entity() -> None:
    brief_entity = entity("الصباح", "Al-Sabah", ActorType.MEDIA)
    gold_entity = entity("صحيفة الصباح", "Assabah", ActorType.MEDIA)
    forms = forms_of([brief_entity, gold_entity])
    assert [f.key for f in forms] == ["Al-Sabah"]
    sentence = "حسب صحيفة الصباح، سيلتقي الوزيران غدا."
    view = brief(claim(sentence, "According to Al-Sabah, the two ministers will meet tomorrow.", sentence))
    assert check_parity(view, forms) == []
