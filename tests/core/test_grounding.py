"""Grounding: quotes match after Arabic normalization, offsets point into the original text."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from summarizer.arabic import find_normalized, normalize
from summarizer.errors import GroundingError
from summarizer.grounding import GroundedDraft, Grounding, citable_schema, ground, ground_quote
from summarizer.schema import QuoteDraft, Span


def _schema(article):  # type: ignore[no-untyped-def]
    """The JSON schema a request for a brief of `article` carries."""
    return citable_schema(GroundedDraft.model_json_schema(), Grounding(article).citable_ids)


def _ground(article, sentence_id: str, quote: str) -> Span | str:
    return ground_quote(article, QuoteDraft(sentence_id=sentence_id, quote=quote))


def test_quote_without_diacritics_grounds_to_the_diacritized_original(seed_article) -> None:
    span = _ground(seed_article, "S1", "ينتظر أن يعقد اجتماع اليوم")
    assert isinstance(span, Span)
    assert span.quote == "يُنتظر أن يُعقد اجتماع اليوم"
    assert seed_article.text[span.start : span.end] == span.quote


def test_quote_with_arabic_indic_digits_grounds_to_western_digits(seed_article) -> None:
    span = _ground(seed_article, "S3", "أكثر من ١٢٠٠ شخص")
    assert isinstance(span, Span)
    assert span.quote == "أكثر من 1200 شخص"


def test_quote_with_straight_quotes_grounds_to_curly_quotes(seed_article) -> None:
    span = _ground(seed_article, "S1", 'لموقع "فرانس 24"')
    assert isinstance(span, Span)
    assert span.quote == "لموقع “فرانس 24”"


def test_alef_and_ta_marbuta_variants_and_extra_whitespace_still_ground(seed_article) -> None:
    span = _ground(seed_article, "S2", "برعايه   امريكيه")
    assert isinstance(span, Span)
    assert span.quote == "برعاية أمريكية"


def test_near_miss_quote_is_rejected_with_an_instruction(seed_article) -> None:
    problem = _ground(seed_article, "S3", "أسفرت عن مقتل أكثر من 1300 شخص")
    assert isinstance(problem, str)
    assert "not in sentence S3" in problem


def test_quote_in_another_sentence_is_rejected_with_a_hint_to_cite_it(seed_article) -> None:
    problem = _ground(seed_article, "S2", "بحجة حماية الدروز")
    assert isinstance(problem, str) and "It appears in S4" in problem


def test_non_story_and_unknown_sentences_cannot_be_cited(seed_article) -> None:
    assert "not part of the story" in _ground(seed_article, "P1", "مقتل إسرائيلي وإصابة آخرين")
    assert "does not exist" in _ground(seed_article, "S99", "أي شيء هنا")


def test_one_word_quote_is_too_short_to_ground(seed_article) -> None:
    assert "too short" in _ground(seed_article, "S1", "في")


def test_an_articles_schema_lists_only_its_citable_sentence_ids(seed_article) -> None:
    schema = _schema(seed_article)
    quote = schema["$defs"]["Quote"]["properties"]["sentence_id"]
    assert quote["enum"] == [s.id for s in seed_article.citable]
    assert "P1" not in quote["enum"] and "P2" not in quote["enum"]


def test_valid_draft_grounds_every_span_to_the_original(seed_article, seed_draft) -> None:
    draft = Grounding(seed_article).validate(seed_draft)
    brief = ground(seed_article, draft)
    assert [c.id for c in brief.claims] == [f"C{i}" for i in range(1, len(seed_draft["claims"]) + 1)]
    for claim in brief.claims:
        for span in claim.evidence:
            assert seed_article.text[span.start : span.end] == span.quote
            assert normalize(span.quote) in normalize(seed_article.by_id[span.sentence_id].text)


def test_ungrounded_draft_fails_validation_with_the_reason(seed_article, seed_draft) -> None:
    seed_draft["claims"][0]["evidence"][0]["quote"] = "اجتماع سري في لندن"
    with pytest.raises(ValidationError, match="not grounded in the article"):
        Grounding(seed_article).validate(seed_draft)


def test_ground_refuses_rather_than_drops_an_ungrounded_claim(seed_article, seed_draft) -> None:
    from summarizer.schema import BriefDraft

    seed_draft["claims"][0]["evidence"][0]["quote"] = "اجتماع سري في لندن"
    draft = BriefDraft.model_validate(seed_draft)  # the structural model accepts it
    with pytest.raises(GroundingError) as info:
        ground(seed_article, draft)
    assert info.value.problems and "claims[0]" in info.value.problems[0]


def test_related_article_text_in_the_summary_is_rejected(seed_article, seed_draft) -> None:
    seed_draft["summary"]["ar"][3] = "الخارجية الإيطالية تدعو لوقف الحرب وتؤكد أن طرد الفلسطينيين من غزة غير مقبول"
    with pytest.raises(ValidationError, match="P2, which is not part of this story"):
        Grounding(seed_article).validate(seed_draft)


def test_english_in_an_arabic_field_is_rejected(seed_article, seed_draft) -> None:
    seed_draft["claims"][1]["statement"]["ar"] = "The meeting is under US sponsorship."
    with pytest.raises(ValidationError, match=r"claims\[1\].statement.ar must be written in Arabic"):
        Grounding(seed_article).validate(seed_draft)


@pytest.mark.parametrize(
    ("haystack", "needle"),
    [("مَرْحَبًا بِكُمْ", "مرحبا بكم"), ("العـــربية", "العربية"), ("إلى", "الي"), ("٢٠٢٥", "2025")],
)
def test_normalized_search_maps_back_to_original_characters(haystack: str, needle: str) -> None:
    span = find_normalized(haystack, needle)
    assert span is not None
    assert normalize(haystack[span[0] : span[1]]) == normalize(needle)


def test_the_grounded_draft_keeps_the_structural_rules_of_the_base_model(seed_article, seed_draft):
    seed_draft["claims"] = []
    with pytest.raises(ValidationError, match="at least 1 item"):
        Grounding(seed_article).validate(seed_draft)
    schema = _schema(seed_article)
    assert schema["properties"]["claims"]["minItems"] == 1


def test_each_article_maps_its_cited_sentences_once_and_shares_nothing_with_a_same_text_article(
    seed_text, seed_draft, monkeypatch
) -> None:
    from summarizer import grounding
    from summarizer.segment import segment

    mapped: list[str] = []
    real = grounding.map_normalized
    monkeypatch.setattr(grounding, "map_normalized", lambda text: mapped.append(text) or real(text))
    cited = {q["sentence_id"] for c in seed_draft["claims"] for q in c["evidence"]}
    cited |= {f["evidence"]["sentence_id"] for f in seed_draft["key_facts"]}

    first = segment(seed_text)
    grounding = Grounding(first)
    ground(grounding, grounding.validate(seed_draft))  # validator, then spans
    assert len(mapped) == len(cited)
    # The same text again is another article: its work is done again, not served from the first.
    second = segment(seed_text)
    grounding = Grounding(second)
    ground(grounding, grounding.validate(seed_draft))
    assert len(mapped) == 2 * len(cited)


def test_the_leak_bound_never_rules_out_a_pair_that_partial_ratio_accepts() -> None:
    import random

    from rapidfuzz import fuzz

    from summarizer.grounding import could_reach

    rng = random.Random(17)
    alphabet = "ابتثجح ل"  # few letters: many near matches, the hard case for a bound
    checked = 0
    for _ in range(4000):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 90)))
        field = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 90)))
        if rng.random() < 0.3:  # a field that copies part of the line with a few changes
            start = rng.randint(0, len(line))
            field = line[start : start + rng.randint(5, 80)] + field[: rng.randint(0, 20)]
        for cutoff in (60.0, 85.0, 95.0):
            if fuzz.partial_ratio(line, field) >= cutoff:
                checked += 1
                assert could_reach(line, field, cutoff), (line, field, cutoff)
    assert checked > 1000
