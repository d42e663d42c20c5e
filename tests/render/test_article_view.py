"""The article cut into display pieces: nothing lost, every span exact, wrong articles refused."""

from __future__ import annotations

from summarizer.render.article_view import article_blocks, evidence_of, mismatches
from summarizer.schema import Span

from .helpers import metadata_for


def test_pieces_put_back_together_are_the_article_exactly(seed_text, seed_brief):
    blocks = article_blocks(seed_text, evidence_of(seed_brief))
    assert "".join(p.text for b in blocks for p in b.pieces) == seed_text
    starts = [p.start for b in blocks for p in b.pieces]
    assert starts == sorted(starts) and starts[0] == 0


def test_every_evidence_span_is_exactly_the_pieces_that_carry_its_id(seed_text, seed_brief):
    evidence = evidence_of(seed_brief)
    pieces = [p for b in article_blocks(seed_text, evidence) for p in b.pieces]
    assert evidence, "the seed brief cites evidence"
    for ev in evidence:
        text = "".join(p.text for p in pieces if ev.id in p.evidence)
        assert text == seed_text[ev.span.start : ev.span.end] == ev.span.quote
        assert all(ev.owner in p.owners for p in pieces if ev.id in p.evidence)


def test_overlapping_spans_are_cut_so_each_piece_knows_both_claims(seed_text, seed_brief):
    first = seed_brief.claims[0].evidence[0]
    # A second claim citing the last part of the first claim's span and beyond.
    overlap = Span(sentence_id=first.sentence_id, quote=seed_text[first.end - 6 : first.end + 6],
                   start=first.end - 6, end=first.end + 6)
    seed_brief.claims[1].evidence = [overlap]
    pieces = [p for b in article_blocks(seed_text, evidence_of(seed_brief)) for p in b.pieces]
    shared = [p for p in pieces if {"C1", "C2"} <= set(p.owners)]
    assert "".join(p.text for p in shared) == seed_text[first.end - 6 : first.end]


def test_non_story_lines_keep_their_kind(seed_text, seed_brief):
    blocks = article_blocks(seed_text, evidence_of(seed_brief))
    kinds = {b.sentence.id: b.sentence.kind.value for b in blocks if b.sentence}
    assert kinds["P1"] == "related" and kinds["H1"] == "subheading"
    assert all(not p.owners for b in blocks if b.sentence and b.sentence.kind.value != "story" for p in b.pieces)


def test_the_article_a_brief_was_made_from_matches(seed_text, seed_brief):
    seed_brief.metadata = metadata_for(seed_text)
    assert mismatches(seed_brief, seed_text) == []


def test_another_article_is_refused_by_its_hash(seed_text, seed_brief):
    seed_brief.metadata = metadata_for(seed_text)
    [reason] = mismatches(seed_brief, seed_text + "\nسطر إضافي")
    assert "sha256" in reason


def test_without_metadata_the_quotes_at_the_offsets_are_checked(seed_text, seed_brief):
    shifted = "x" + seed_text
    found = mismatches(seed_brief, shifted)
    assert found and all("is not the quoted text" in f for f in found)
    assert any("outside the article" in f for f in mismatches(seed_brief, seed_text[:50]))
