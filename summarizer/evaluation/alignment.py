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

**Merges and splits** (many-to-one). A brief may be coarser or finer than the gold and still
right. After the one-to-one matching:

* a gold claim left over is *merged* into a predicted claim when that claim's evidence covers at
  least `LINK_COVERAGE` of the gold claim's evidence characters and its statement carries at
  least `LINK_WORDS` of the gold statement's content words, in Arabic and in English: one predicted
  claim says two gold claims at once;
* a predicted claim left over is a *split* of a gold claim when the gold's evidence covers at
  least `LINK_COVERAGE` of its evidence and the gold statement carries at least `LINK_WORDS` of
  its content words: two predicted claims say one gold claim in parts. A claim that repeats
  another predicted claim (text similarity >= `DUPLICATE_SIMILARITY` from the same evidence) is
  a duplicate, never a split.

Merged gold claims count as found (recall), split predicted claims as matching (precision); a
merge or split that contradicts its gold claim is still caught by the content checks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..schema import Claim
from ..segment import Article
from .names import norm_ar, norm_en

ALIGNMENT_VERSION = "2"  # 2: merges and splits
EVIDENCE_WEIGHT = 0.5
MATCH_THRESHOLD = 0.6
MIN_TEXT_SIMILARITY = 0.6
LINK_COVERAGE = 0.6
LINK_WORDS = 0.6
WORD_MATCH = 85.0


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
    matched: tuple[Pair, ...]  # one to one, in gold order
    missed: tuple[int, ...]  # gold indices
    extra: tuple[int, ...]  # predicted indices
    merged: tuple[Pair, ...] = ()  # gold claims said by a predicted claim that also says another
    split: tuple[Pair, ...] = ()  # predicted claims that say part of a gold claim

    def pair_for_gold(self, index: int) -> Pair | None:
        return next((p for p in (*self.matched, *self.merged) if p.gold == index), None)

    @property
    def links(self) -> tuple[Pair, ...]:
        """Every gold/predicted pair: one-to-one matches, merges and splits, in gold order."""
        return tuple(sorted((*self.matched, *self.merged, *self.split), key=lambda p: (p.gold, p.predicted)))

    @property
    def found(self) -> int:
        """Gold claims that some predicted claim says."""
        return len({p.gold for p in (*self.matched, *self.merged)})

    @property
    def matching(self) -> int:
        """Predicted claims that say (part of) some gold claim."""
        return len({p.predicted for p in (*self.matched, *self.split)})


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


_STOP = frozenset(
    "the a an of in on at to for from by with and or that this is are was were be has have had will would its "
    "في من على الى عن مع ان التي الذي هذا هذه ذلك كما او ثم قد بين حيث بعد قبل خلال".split()
)


def _content_words(text: str, fold: Callable[[str], str]) -> list[str]:
    return [w for w in fold(text).split() if len(w) > 2 and w not in _STOP]


def _word_share(part: Claim, whole: Claim) -> float:
    """How much of `part`'s statement `whole`'s statement carries.

    Share of `part`'s statement content words that `whole`'s statement has, in the worse of
    the two languages: a link must hold in Arabic and in English (a brief that copies the Arabic
    sentence and transliterates it says nothing in English).
    """
    shares = []
    for fold, side in ((norm_ar, "ar"), (norm_en, "en")):
        words = _content_words(getattr(part.statement, side), fold)
        pool = _content_words(getattr(whole.statement, side), fold)
        if not words:
            continue
        hits = sum(1 for w in words if pool and process.extractOne(w, pool, scorer=fuzz.ratio, score_cutoff=WORD_MATCH))
        shares.append(hits / len(words))
    return min(shares, default=0.0)


def _covers(article: Article, outer: Claim, inner: Claim) -> float:
    """Share of `inner`'s grounded evidence characters that `outer`'s evidence also covers."""
    inner_chars = grounded_characters(article, inner)
    if not inner_chars:
        return 0.0
    return len(inner_chars & grounded_characters(article, outer)) / len(inner_chars)


DUPLICATE_SIMILARITY = 0.9


def is_duplicate(article: Article, first: Claim, second: Claim) -> bool:
    """`second` says what `first` says, from the same evidence: a repeat, never a split."""
    return (
        first is not second
        and text_similarity(first, second) >= DUPLICATE_SIMILARITY
        and _covers(article, first, second) >= LINK_COVERAGE
    )


def _link(article: Article, gold: Claim, predicted: Claim, g: int, p: int) -> Pair:
    return Pair(g, p, round(evidence_overlap(article, gold, predicted), 4), round(text_similarity(gold, predicted), 4))


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
    merged: list[Pair] = []
    for g_index, g in enumerate(gold):
        if g_index in used_gold:
            continue
        options = [
            (_covers(article, p, g), _word_share(g, p), p_index)
            for p_index, p in enumerate(predicted)
            if evidence_overlap(article, g, p) > 0
        ]
        options = [o for o in options if o[0] >= LINK_COVERAGE and o[1] >= LINK_WORDS]
        if options:
            _, _, p_index = max(options, key=lambda o: (o[0] + o[1], -o[2]))
            merged.append(_link(article, g, predicted[p_index], g_index, p_index))
    split: list[Pair] = []
    for p_index, p in enumerate(predicted):
        if p_index in used_predicted or any(
            q_index != p_index and is_duplicate(article, q, p) for q_index, q in enumerate(predicted[: p_index + 1])
        ) or any(is_duplicate(article, predicted[m.predicted], p) for m in matched):
            continue
        options = [
            (_covers(article, g, p), _word_share(p, g), g_index)
            for g_index, g in enumerate(gold)
            if evidence_overlap(article, g, p) > 0
        ]
        options = [o for o in options if o[0] >= LINK_COVERAGE and o[1] >= LINK_WORDS]
        if options:
            _, _, g_index = max(options, key=lambda o: (o[0] + o[1], -o[2]))
            split.append(_link(article, gold[g_index], p, g_index, p_index))
    linked_gold = used_gold | {m.gold for m in merged}
    linked_predicted = used_predicted | {s.predicted for s in split}
    return Alignment(
        matched=tuple(matched),
        missed=tuple(i for i in range(len(gold)) if i not in linked_gold),
        extra=tuple(i for i in range(len(predicted)) if i not in linked_predicted),
        merged=tuple(merged),
        split=tuple(split),
    )
