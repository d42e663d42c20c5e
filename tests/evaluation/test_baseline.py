"""The non-LLM baseline: a real grounded Brief from rules alone, and a floor below the gold."""

from __future__ import annotations

import pytest

from summarizer.errors import InputError
from summarizer.evaluation.baseline import baseline_brief
from summarizer.schema import Brief, Certainty, SourceType

from .helpers import values


@pytest.fixture(scope="module")
def baseline(seed_sample) -> Brief:
    return baseline_brief(seed_sample.article)


def _claim_of(brief: Brief, sentence_id: str):  # type: ignore[no-untyped-def]
    return next(c for c in brief.claims if c.evidence[0].sentence_id == sentence_id)


def test_baseline_is_a_valid_brief_whose_every_span_round_trips(baseline, seed_text) -> None:
    Brief.model_validate_json(baseline.model_dump_json())
    assert all(seed_text[s.start : s.end] == s.quote for c in baseline.claims for s in c.evidence)
    assert [c.evidence[0].sentence_id for c in baseline.claims] == [
        "S1",
        "S2",
        "S3",
        "S4",
        "S5",
        "S6",
        "S7",
        "S8",
        "S9",
        "S10",
        "S11",
    ]


def test_cue_patterns_find_source_outlet_and_type_as_the_article_writes_them(baseline) -> None:
    s1 = _claim_of(baseline, "S1").attribution
    assert (s1.source_ar, s1.outlet_ar, s1.cue_ar) == ("مصدر دبلوماسي رفيع المستوى", "فرانس 24", "أفاد")
    assert s1.source_type is SourceType.ANONYMOUS_SOURCE
    assert _claim_of(baseline, "S6").attribution.source_type is SourceType.MEDIA_OUTLET
    assert _claim_of(baseline, "S10").attribution.source_ar == "السلطات السورية الانتقالية"
    assert _claim_of(baseline, "S10").attribution.source_type is SourceType.OFFICIAL_BODY
    assert _claim_of(baseline, "S4").attribution.source_type is SourceType.NARRATION


def test_a_verb_without_a_written_subject_keeps_the_previous_source(baseline) -> None:
    assert _claim_of(baseline, "S3").attribution.source_ar == _claim_of(baseline, "S2").attribution.source_ar


def test_hedge_words_set_certainty(baseline) -> None:
    assert _claim_of(baseline, "S4").certainty is Certainty.ALLEGED  # بحجة
    assert _claim_of(baseline, "S8").certainty is Certainty.ASSESSED  # تُعتبر
    assert _claim_of(baseline, "S9").certainty is Certainty.EXPECTED  # من المتوقع


def test_english_fields_are_marked_untranslated_latin_text(baseline) -> None:
    assert all(c.statement.en.startswith("Untranslated: ") for c in baseline.claims)
    assert all(b.isascii() for b in baseline.summary.en)


def test_baseline_is_a_floor_below_the_gold_where_it_matters(seed_sample, baseline) -> None:
    scores = values(seed_sample, baseline)
    assert scores["schema_validity"] == scores["grounding_rate"] == 1.0
    for metric in ("claim_recall", "entity_recall", "key_fact_recall", "bilingual_parity", "summary_chrf_en"):
        assert scores[metric] < 0.7, metric


def test_baseline_runs_on_any_article_and_refuses_one_too_short_to_summarize() -> None:
    text = (
        "قال وزير الصحة إن عدد الإصابات بلغ نحو 300 حالة.\n\n"
        "وأضاف أن المستشفيات مستعدة لاستقبال المرضى.\n\n"
        "وحسب وكالة الأنباء، فإن الحكومة ستعلن خطة جديدة في 5 مارس."
    )
    brief = baseline_brief(text)
    assert brief.claims[0].attribution.source_ar == "وزير الصحة"
    assert [(f.value, f.qualifier.value) for f in brief.key_facts] == [("300", "about"), ("5 March", "exact")]
    with pytest.raises(InputError, match="three sentences"):
        baseline_brief("خبر قصير جدا.")
