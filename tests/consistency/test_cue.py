"""The cue is the article's own word; a distancing cue is not reported as neutral or endorsed."""

from __future__ import annotations

import pytest

from summarizer.consistency.cue import check_cues, cue_in

from .helpers import brief, claim, kinds

SAID = "وأفاد مصدر أمني بأن الهجوم أسفر عن إصابة جنديين."
CLAIMED = "وزعم المتحدث أن القوات انسحبت من البلدة."


@pytest.mark.parametrize(
    ("cue", "sentence"),
    [
        ("أفاد", SAID),
        ("وأفاد", SAID),  # with or without the attached و
        ("أضاف", "وأضاف الوزير أن"),
        ("حسب", "وبحسب صحيفة الأيام"),
        ("أعلن", "أعلنت الوزارة"),  # inflection
        ("نقلت … عن", "نقلت وكالة الأنباء عن مسؤول"),  # discontinuous
        ("وفقًا لما أفاد به", "وذلك وفقا لما أفاد به مصدر"),
    ],
)
def test_a_cue_written_in_the_sentence_is_found(cue, sentence) -> None:
    assert cue_in(cue, sentence)


@pytest.mark.parametrize(("cue", "sentence"), [("زعم", SAID), ("ذكر", SAID), ("نقلت … عن", "نقلت وكالة الأنباء")])
def test_a_cue_the_sentence_does_not_write_is_not_found(cue, sentence) -> None:
    assert not cue_in(cue, sentence)


def test_a_cue_replaced_by_a_distancing_verb_is_caught() -> None:
    view = brief(claim("أصيب جنديان.", "Two soldiers were injured.", SAID, cue="زعم"))
    assert kinds(check_cues(view)) == ["cue_not_in_evidence"]


def test_a_distancing_cue_reported_as_neutral_is_caught() -> None:
    ok = brief(claim("انسحبت القوات من البلدة.", "Troops withdrew from the town.", CLAIMED, cue="زعم", stance="distancing"))
    bad = brief(claim("انسحبت القوات من البلدة.", "Troops withdrew from the town.", CLAIMED, cue="زعم", stance="neutral"))
    assert check_cues(ok) == []
    assert kinds(check_cues(bad)) == ["distancing_cue_ignored", "stance_differs"]


def test_without_a_stance_label_a_distancing_sentence_needs_a_distancing_cue_or_a_contested_label() -> None:
    bad = brief(claim("انسحبت القوات من البلدة.", "Troops withdrew from the town.", CLAIMED, cue=None, label="reported"))
    ok = brief(claim("انسحبت القوات من البلدة.", "Troops withdrew from the town.", CLAIMED, cue=None, label="alleged"))
    assert kinds(check_cues(bad)) == ["distancing_cue_ignored"]
    assert check_cues(ok) == []


def test_a_distancing_cue_endorsed_in_english_is_caught() -> None:
    view = brief(claim("انسحبت القوات.", "The spokesman confirmed that troops withdrew.", CLAIMED, cue="زعم", stance="distancing"))
    assert kinds(check_cues(view)) == ["distancing_cue_endorsed"]
