"""Segmentation of the seed: stable IDs, exact offsets, non-story lines found and marked."""

from __future__ import annotations

from summarizer.segment import SentenceKind, segment

from ..helpers import SEED_PATH, SEED_SHA256


def test_seed_is_byte_identical_copy(seed_text: str) -> None:
    import hashlib

    assert hashlib.sha256(SEED_PATH.read_bytes()).hexdigest() == SEED_SHA256


def test_every_sentence_offset_round_trips_to_the_original_text(seed_article) -> None:
    for sentence in seed_article.sentences:
        assert seed_article.text[sentence.start : sentence.end] == sentence.text


def test_story_sentences_are_numbered_among_story_text_and_other_lines_by_role(seed_text: str, seed_article) -> None:
    assert [s.id for s in seed_article.citable] == [f"S{i}" for i in range(1, len(seed_article.citable) + 1)]
    assert [s.id for s in seed_article.non_story] == ["P1", "H1", "H2", "P2"]
    assert segment(seed_text).sentences == seed_article.sentences


def test_removing_a_furniture_line_does_not_renumber_the_story(seed_text: str, seed_article) -> None:
    related = seed_article.by_id["P1"]
    line_end = seed_text.index("\n", related.end) + 1
    without = segment(seed_text[: related.start] + seed_text[line_end:])
    assert [(s.id, s.text) for s in without.citable] == [(s.id, s.text) for s in seed_article.citable]
    assert [s.id for s in without.non_story] == ["H1", "H2", "P1"]


def test_both_related_article_lines_are_found(seed_article) -> None:
    related = [s for s in seed_article.sentences if s.kind is SentenceKind.RELATED]
    assert [s.text.split(":")[0] for s in related] == ["من نفس التصنيف", "مواضيع مشابهة"]


def test_both_subheadings_are_found(seed_article) -> None:
    subheadings = [s.text for s in seed_article.sentences if s.kind is SentenceKind.SUBHEADING]
    assert subheadings == ["لقاء إسرائيلي – سوري في باريس", "اجتماعات إسرائيلي فرنسية ألمانية بشأن إيران"]


def test_story_sentences_are_citable_and_non_story_lines_are_not(seed_article) -> None:
    assert all(s.citable == (s.kind is SentenceKind.STORY) for s in seed_article.sentences)
    assert len(seed_article.citable) == 11


def test_a_paragraph_with_several_sentences_is_split_with_exact_offsets() -> None:
    text = "قال الوزير إن الاجتماع مهم. وأضاف أنه سيعقد غدًا! هل سيحضر؟ نعم.\n\nسطر ثان هنا وهو طويل بما يكفي ليكون خبرًا."
    article = segment(text)
    assert [s.text for s in article.sentences[:4]] == ["قال الوزير إن الاجتماع مهم.", "وأضاف أنه سيعقد غدًا!", "هل سيحضر؟", "نعم."]
    for s in article.sentences:
        assert text[s.start : s.end] == s.text


def test_windows_line_endings_keep_offsets_exact() -> None:
    text = "السطر الأول من الخبر وهو جملة كاملة.\r\nمن نفس التصنيف: خبر آخر لا علاقة له\r\nالسطر الثالث من الخبر وهو جملة كاملة."
    article = segment(text)
    assert [s.kind for s in article.sentences] == [SentenceKind.STORY, SentenceKind.RELATED, SentenceKind.STORY]
    assert [s.id for s in article.sentences] == ["S1", "P1", "S2"]
    for s in article.sentences:
        assert text[s.start : s.end] == s.text
