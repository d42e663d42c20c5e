"""An article written in English is read in English: its evidence's anchors, negation, status and cue."""

from __future__ import annotations

from summarizer.consistency import check

from .helpers import brief, claim, kinds

SENTENCE = "The ministry said on Monday that it will not reopen the crossing before 40 trucks are inspected."


def test_a_faithful_brief_of_an_english_article_has_no_problem() -> None:
    view = brief(
        claim(
            "قالت الوزارة إنها لن تعيد فتح المعبر قبل تفتيش 40 شاحنة.",
            "The ministry will not reopen the crossing before 40 trucks are inspected.",
            SENTENCE,
            label="expected",
            cue="said",
        )
    )
    assert check(view) == []


def test_a_wrong_weekday_and_a_dropped_negation_are_caught_against_english_evidence() -> None:
    view = brief(
        claim(
            "ستعيد الوزارة فتح المعبر يوم الثلاثاء.",
            "The ministry will reopen the crossing on Tuesday.",
            SENTENCE,
            quote="it will not reopen the crossing",
            label="expected",
            cue="said",
        )
    )
    assert {"anchor_not_in_evidence", "negation_dropped"} <= set(kinds(check(view)))


def test_a_cue_the_english_sentence_does_not_write_is_caught() -> None:
    view = brief(claim("لن تعيد الوزارة فتح المعبر.", "The ministry will not reopen the crossing.", SENTENCE, label="expected", cue="claimed"))
    assert kinds(check(view)) == ["cue_not_in_evidence"]
