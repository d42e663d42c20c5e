"""Claim alignment: evidence-sentence overlap plus text similarity, one to one."""

from __future__ import annotations

from summarizer.evaluation.alignment import align, evidence_overlap
from summarizer.grounding import ground
from summarizer.schema import BriefDraft, Span


def _ids(sample, brief, alignment):  # type: ignore[no-untyped-def]
    return [(sample.gold.claims[p.gold].id, brief.claims[p.predicted].id) for p in alignment.matched]


def test_paraphrased_claims_of_a_realistic_draft_align_with_their_gold_claims(seed_sample, seed_draft) -> None:
    brief = ground(seed_sample.article, BriefDraft.model_validate(seed_draft))
    alignment = align(seed_sample.article, seed_sample.gold_brief.claims, brief.claims)
    assert _ids(seed_sample, brief, alignment) == [
        ("G1", "C1"),
        ("G3", "C2"),
        ("G4", "C7"),
        ("G8", "C3"),
        ("G13", "C4"),
        ("G18", "C5"),
        ("G28", "C6"),
    ]
    assert alignment.extra == ()


def test_claim_citing_the_wrong_sentence_aligns_neither_with_its_gold_nor_with_that_sentences_gold(
    seed_sample, gold_brief
) -> None:
    claim = gold_brief.claims[0]  # G1, from S1, now citing the whole of S11 (G27's sentence)
    last = seed_sample.article.by_id["S11"]
    claim.evidence = [Span(sentence_id="S11", quote=last.text, start=last.start, end=last.end)]
    alignment = align(seed_sample.article, seed_sample.gold_brief.claims, [claim])
    assert alignment.matched == () and alignment.missed == tuple(range(28))


def test_claims_from_the_same_sentence_are_told_apart_by_their_words(seed_sample, gold_brief) -> None:
    s2_claims = [c for c in gold_brief.claims if c.evidence[0].sentence_id == "S2"]  # G3, G4, G5
    whole = seed_sample.article.by_id["S2"]
    for claim in s2_claims:  # every claim quotes the whole sentence: evidence no longer tells them apart
        claim.evidence = [Span(sentence_id="S2", quote=whole.text, start=whole.start, end=whole.end)]
    alignment = align(seed_sample.article, seed_sample.gold_brief.claims, list(reversed(s2_claims)))
    assert {(seed_sample.gold.claims[p.gold].id, s2_claims[::-1][p.predicted].id) for p in alignment.matched} == {
        ("G3", "C3"),
        ("G4", "C4"),
        ("G5", "C5"),
    }


def test_a_fabricated_quote_keeps_its_sentence_but_adds_no_characters(seed_sample, gold_brief) -> None:
    gold = seed_sample.gold_brief.claims[6]
    claim = gold_brief.claims[6]
    honest = evidence_overlap(seed_sample.article, gold, claim)
    old = claim.evidence[0]
    claim.evidence[0] = Span(sentence_id="S3", quote="كلام غير موجود في المقال", start=old.start, end=old.end)
    assert honest == 1.0
    assert evidence_overlap(seed_sample.article, gold, claim) == 0.5
