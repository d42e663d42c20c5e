"""Numbers, durations, dates and names become the same keys in Arabic and in English."""

from __future__ import annotations

import pytest

from summarizer.consistency.anchors import anchors_of
from summarizer.consistency.entities import forms_of, mentions

from .helpers import person, place


def keys(text: str, lang: str, entities=()) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(a.kind, a.key) for a in anchors_of(text, lang, forms_of(entities))}


@pytest.mark.parametrize(
    ("ar", "en", "expected"),
    [
        ("قُتل أكثر من ١٬٢٠٠ شخص", "more than 1,200 people were killed", {("number", "1200")}),
        ("قُتل ألف ومئتا شخص", "twelve hundred people were killed", {("number", "1200")}),
        ("نزح ثلاثة آلاف شخص", "three thousand people fled", {("number", "3000")}),
        ("أصيب خمسة وعشرون شخصا", "twenty-five people were hurt", {("number", "25")}),
        ("وصل عشرات الآلاف", "tens of thousands arrived", {("number", "tens of thousands")}),
        ("أصيب العشرات", "dozens were hurt", {("number", "tens")}),
        ("خلال أسبوع واحد", "within one week", {("duration", "1 week")}),
        ("خلال أسبوع", "in a week", {("duration", "1 week")}),
        ("استمر أسبوعًا واحدًا", "it lasted one week", {("duration", "1 week")}),
        ("استمر القصف يومين", "the shelling lasted two days", {("duration", "2 day")}),
        ("منذ ثلاثة أشهر", "for three months", {("duration", "3 month")}),
        ("بلغت الخسائر 2 مليون دولار", "losses reached 2 million dollars", {("number", "2000000")}),
    ],
)
def test_numbers_in_digits_and_words_get_one_key_in_both_languages(ar, en, expected) -> None:
    assert keys(ar, "ar") == expected
    assert keys(en, "en") == expected


@pytest.mark.parametrize(
    ("ar", "en", "expected"),
    [
        ("في 13 يوليو", "on 13 July", {("month", "7"), ("date", "13-7")}),
        ("في 13 تموز", "on July 13", {("month", "7"), ("date", "13-7")}),
        ("اليوم (الخميس)", "today, Thursday", {("relative", "today"), ("weekday", "thursday")}),
        ("صباح الجمعة", "on Friday morning", {("weekday", "friday"), ("daypart", "morning")}),
        ("أمس", "yesterday", {("relative", "yesterday")}),
        ("غدًا", "tomorrow", {("relative", "tomorrow")}),
        ("في ديسمبر الماضي", "last December", {("month", "12"), ("relative", "last-month-name")}),
        ("الأسبوع المقبل", "next week", {("relative", "next-week")}),
        ("في كانون الثاني", "in January", {("month", "1")}),
    ],
)
def test_dates_weekdays_and_relative_days_get_one_key_in_both_languages(ar, en, expected) -> None:
    assert keys(ar, "ar") == expected
    assert keys(en, "en") == expected


@pytest.mark.parametrize(
    ("ar", "en"),
    [
        ("مارس الوزير ضغوطا كبيرة", "the minister may press hard"),  # «مارس» the verb, "may" the modal
        ("أكد الأب أن ابنه بخير", "the father said his son was well"),  # «الأب» is not آب (August)
        ("في اليوم التالي", "on the following day"),  # «اليوم» + «التالي» is not today
        ("قال إنه أحد أبرز المرشحين", "he said he is one of the leading candidates"),  # "one of" is no number
        ("الطرفان اتفقا", "the two sides agreed"),
        ("ستتناول السياسة الأولى", "the first policy"),  # ordinals are not numbers
    ],
)
def test_ordinary_words_that_look_like_dates_or_numbers_are_not_anchors(ar, en) -> None:
    assert keys(ar, "ar") == set()
    assert keys(en, "en") == set()


@pytest.mark.parametrize(
    ("ar", "en", "expected"),
    [
        ("حدّث الإصدار 1.0.0 اليوم", "version 1.0.0 was released", {("number", "1.0.0")}),
        ("الخادم 127.0.0.1 توقف", "the server 127.0.0.1 stopped", {("number", "127.0.0.1")}),
        ("سجل الرقم 1,1200", "the tally 1,1200 was noted", {("number", "1,1200")}),
    ],
)
def test_a_code_of_digits_that_is_no_amount_is_kept_as_written_in_both_languages(ar, en, expected) -> None:
    assert {k for k in keys(ar, "ar") if k[0] == "number"} == expected
    assert {k for k in keys(en, "en") if k[0] == "number"} == expected


def test_names_are_found_with_clitics_surnames_possessives_and_spelling_variants() -> None:
    entities = [person("سمير الخطيب", "Samir al-Khatib"), place("حمص", "Homs")]
    assert keys("والتقى الخطيب في حمص", "ar", entities) == {("entity", "Samir al-Khatib"), ("entity", "Homs")}
    assert keys("Al-Khateeb's visit to Homs", "en", entities) == {("entity", "Samir al-Khatib"), ("entity", "Homs")}


def test_a_nationality_adjective_is_not_the_country() -> None:
    entities = [place("سوريا", "Syria"), place("تركيا", "Turkey")]
    assert keys("القوات السورية", "ar", entities) == set()
    assert keys("Syrian forces", "en", entities) == set()
    assert keys("Turkey's minister", "en", entities) == set()  # a place's possessive reads as an adjective
    assert keys("قصفت تركيا مواقع", "ar", entities) == {("entity", "Turkey")}


def test_the_longest_name_wins_where_names_overlap() -> None:
    entities = [place("فرنسا", "France"), person("فرانس 24", "France 24")]
    assert keys("told France 24", "en", entities) == {("entity", "France 24"), ("number", "24")}


def test_a_name_is_found_without_its_generic_head_word_and_by_its_bracketed_acronym() -> None:
    entities = [place("معبر رأس اجدير", "Ras Ajdir crossing"), person("تونس إفريقيا للأنباء", "Tunis Afrique Presse (TAP)")]
    assert keys("أغلق معبر رأس اجدير", "ar", entities) == keys("the Ras Ajdir border crossing closed", "en", entities)
    assert keys("told TAP", "en", entities) == {("entity", "Tunis Afrique Presse")}


def test_a_longer_word_is_not_a_spelling_variant_of_a_name() -> None:
    entities = [place("تونس", "Tunisia")]
    assert keys("Tunis Afrique Presse", "en", entities) == set()


@pytest.mark.parametrize("order", [0, 1])
def test_a_surname_two_entities_share_names_the_one_listed_first_in_both_languages(order) -> None:
    pair = [person("سمير الخطيب", "Samir Khatib"), person("عمر الخطيب", "Omar Khatib")]
    entities = forms_of(pair if order == 0 else pair[::-1])
    first = entities[0].key
    assert mentions("قال الخطيب إن الطريق مفتوح", "ar", entities) == {first: "الخطيب"}
    assert mentions("Khatib said the road was open", "en", entities) == {first: "khatib"}
