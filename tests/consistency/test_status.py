"""What a statement asserts (done, expected, possible, denied, contested) matches its label and evidence."""

from __future__ import annotations

import pytest

from summarizer.consistency.status import check_status, future_ar

from .helpers import brief, claim, kinds

EXPECTED = "ومن المتوقع أن يزور الرئيس عمّان الأسبوع المقبل."
DONE = "وزار الرئيس عمّان أمس."
PRETEXT = "وأغلقت السلطات الطريق بحجة حماية المتظاهرين."


@pytest.mark.parametrize("text", ["سيلتقي الوزير", "ستتناول المحادثات", "يُنتظر أن يصل", "ومن المتوقع", "سوف يعلن"])
def test_arabic_future_markers(text) -> None:
    assert future_ar(text)


@pytest.mark.parametrize("text", ["السياسة الخارجية", "سيارة مفخخة", "السيطرة على المدينة", "ستة أشخاص", "سنوات الحرب"])
def test_nouns_that_start_like_the_future_prefix_are_not_future(text) -> None:
    assert future_ar(text) is None


@pytest.mark.parametrize("label", ["expected"])
def test_an_expectation_kept_as_an_expectation_passes(label) -> None:
    view = brief(claim("من المتوقع أن يزور الرئيس عمّان.", "The president is expected to visit Amman.", EXPECTED, label=label))
    assert check_status(view) == []


@pytest.mark.parametrize("label", ["expected"])
def test_an_expected_visit_written_as_done_while_labelled_expected_is_caught(label) -> None:
    view = brief(claim("زار الرئيس عمّان.", "The president visited Amman.", EXPECTED, label=label))
    assert kinds(check_status(view)) == ["future_stated_as_fact", "future_stated_as_fact"]


@pytest.mark.parametrize("label", ["fact", "asserted", "reported"])
def test_evidence_about_the_future_stated_as_done_is_caught_whatever_the_label(label) -> None:
    view = brief(claim("زار الرئيس عمّان.", "The president visited Amman.", EXPECTED, label=label))
    assert "future_stated_as_fact" in kinds(check_status(view))


def test_a_done_visit_written_as_future_is_caught() -> None:
    view = brief(claim("سيزور الرئيس عمّان.", "The president will visit Amman.", DONE, label="fact"))
    assert kinds(check_status(view)) == ["fact_stated_as_future", "fact_stated_as_future"]


@pytest.mark.parametrize("label", ["contested", "alleged"])
def test_a_pretext_kept_as_a_pretext_passes(label) -> None:
    view = brief(claim("أغلقت السلطات الطريق بحجة حماية المتظاهرين.", "The authorities closed the road on the pretext of protecting protesters.", PRETEXT, quote="بحجة حماية المتظاهرين", label=label))
    assert check_status(view) == []


def test_a_pretext_stated_as_the_reason_is_caught_even_with_another_quote() -> None:
    view = brief(claim("أغلقت السلطات الطريق لحماية المتظاهرين.", "The authorities closed the road to protect protesters.", PRETEXT, quote="وأغلقت السلطات الطريق", label="fact"))
    assert kinds(check_status(view)) == ["pretext_stated_as_fact", "pretext_stated_as_fact"]


def test_a_pretext_labelled_as_fact_is_caught() -> None:
    view = brief(claim("أغلقت السلطات الطريق بحجة حماية المتظاهرين.", "The authorities closed the road on the pretext of protecting protesters.", PRETEXT, quote="بحجة حماية المتظاهرين", label="fact"))
    assert [(p.kind, p.where) for p in check_status(view)] == [("pretext_stated_as_fact", "C1.label")]


def test_a_denial_written_as_a_plain_fact_is_caught() -> None:
    sentence = "ونفت الشركة أن تكون قد سرّحت موظفين."
    ok = brief(claim("نفت الشركة تسريح موظفين.", "The company denied laying off staff.", sentence, label="denied"))
    bad = brief(claim("سرّحت الشركة موظفين.", "The company laid off staff.", sentence, label="denied"))
    assert check_status(ok) == []
    assert kinds(check_status(bad)) == ["denial_stated_as_fact", "denial_stated_as_fact"]


def test_a_possibility_written_as_certain_is_caught() -> None:
    sentence = "وقال المسؤول إن المفاوضات قد تستأنف."
    ok = brief(claim("قد تستأنف المفاوضات.", "Talks may resume.", sentence, label="possible"))
    bad = brief(claim("استؤنفت المفاوضات.", "Talks resumed.", sentence, label="possible"))
    assert check_status(ok) == []
    assert kinds(check_status(bad)) == ["possible_stated_as_fact", "possible_stated_as_fact"]
