"""Which predicted claim is which gold claim: evidence-sentence overlap plus text similarity.

For every gold claim g and predicted claim p that cite at least one sentence in common:

* evidence = 0.5 x Jaccard(sentences of g, sentences of p)
           + 0.5 x (characters both evidence spans cover / characters of the smaller side);
  only spans that really round-trip into the article count as characters, so a fabricated
  quote adds nothing (its sentence ID still counts);
* text = the better of the Arabic and the English statement similarity, each rapidfuzz's
  `token_set_ratio` of the normalized statements (word order and extra words cost little,
  different content costs a lot);
* score = 0.5 x evidence + 0.5 x text.

Pairs with text >= 0.6 and score >= 0.6 are matched one to one, greedily from the highest
score down (ties: gold order, then predicted order). So a claim citing the right sentence
but none of the gold's characters needs a text similarity of 0.7; one whose quotes cover the
gold's needs 0.6 — a whole-sentence quote covers every claim of that sentence, so the words
must still say the same thing. Claims that cite no common sentence are never matched, so a
claim that paraphrases the story but cites the wrong sentence counts as missed.
Gold claims left over are "missed"; predicted claims left over are "extra".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..schema import Claim
from ..segment import Article
from .names import norm_ar, norm_en

ALIGNMENT_VERSION = "1"
EVIDENCE_WEIGHT = 0.5
MATCH_THRESHOLD = 0.6
MIN_TEXT_SIMILARITY = 0.6


@dataclass(frozen=True, slots=True)
class Pair:
    gold: int  # index into the gold claims
    predicted: int  # index into the predicted claims
    evidence: float
    text: float

    @property
    def score(self) -> float:
        return EVIDENCE_WEIGHT * self.evidence + (1 - EVIDENCE_WEIGHT) * self.text


@dataclass(frozen=True)
class Alignment:
    matched: tuple[Pair, ...]  # in gold order
    missed: tuple[int, ...]  # gold indices
    extra: tuple[int, ...]  # predicted indices

    def pair_for_gold(self, index: int) -> Pair | None:
        return next((p for p in self.matched if p.gold == index), None)


def grounded_characters(article: Article, claim: Claim) -> set[int]:
    """Article offsets covered by the claim's evidence spans that really are where they say."""
    covered: set[int] = set()
    for span in claim.evidence:
        sentence = article.by_id.get(span.sentence_id)
        if (
            sentence is not None
            and sentence.start <= span.start < span.end <= sentence.end
            and article.text[span.start : span.end] == span.quote
        ):
            covered.update(range(span.start, span.end))
    return covered


def _sentences(article: Article, claim: Claim) -> set[str]:
    return {span.sentence_id for span in claim.evidence if span.sentence_id in article.by_id}


def text_similarity(gold: Claim, predicted: Claim) -> float:
    ar = fuzz.token_set_ratio(norm_ar(gold.statement.ar), norm_ar(predicted.statement.ar))
    en = fuzz.token_set_ratio(norm_en(gold.statement.en), norm_en(predicted.statement.en))
    return max(ar, en) / 100


def evidence_overlap(article: Article, gold: Claim, predicted: Claim) -> float:
    gold_ids, predicted_ids = _sentences(article, gold), _sentences(article, predicted)
    if not gold_ids & predicted_ids:
        return 0.0
    jaccard = len(gold_ids & predicted_ids) / len(gold_ids | predicted_ids)
    gold_chars, predicted_chars = grounded_characters(article, gold), grounded_characters(article, predicted)
    smaller = min(len(gold_chars), len(predicted_chars))
    overlap = len(gold_chars & predicted_chars) / smaller if smaller else 0.0
    return 0.5 * jaccard + 0.5 * overlap


def align(article: Article, gold: Sequence[Claim], predicted: Sequence[Claim]) -> Alignment:
    """Match predicted claims to gold claims one to one (see the module docstring)."""
    candidates: list[Pair] = []
    for g_index, g in enumerate(gold):
        for p_index, p in enumerate(predicted):
            evidence = evidence_overlap(article, g, p)
            if evidence == 0.0:
                continue
            pair = Pair(g_index, p_index, round(evidence, 4), round(text_similarity(g, p), 4))
            if pair.text >= MIN_TEXT_SIMILARITY and pair.score >= MATCH_THRESHOLD:
                candidates.append(pair)
    candidates.sort(key=lambda p: (-p.score, p.gold, p.predicted))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    matched: list[Pair] = []
    for pair in candidates:
        if pair.gold in used_gold or pair.predicted in used_predicted:
            continue
        used_gold.add(pair.gold)
        used_predicted.add(pair.predicted)
        matched.append(pair)
    matched.sort(key=lambda p: p.gold)
    return Alignment(
        matched=tuple(matched),
        missed=tuple(i for i in range(len(gold)) if i not in used_gold),
        extra=tuple(i for i in range(len(predicted)) if i not in used_predicted),
    )
