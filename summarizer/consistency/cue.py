"""Cue: the attribution cue is the article's own word, and a distancing cue keeps its distance.

* `cue_not_in_evidence`: the claim's `cue_ar` does not occur in the sentences it cites. The cue
  is compared word by word after normalization, with the و/ف/ب/ل proclitic optional on either
  side («وأضاف» = «أضاف»), a discontinuous cue written with an ellipsis («نقلت … عن») read as its
  parts, and small inflection differences accepted through rapidfuzz («أعلن» for «أعلنت»).
  A cue of «زعم» where the article wrote «أفاد» is exactly what this catches.
* `distancing_cue_ignored`: the cited sentence distances the article from what it reports
  («زعم», «ادعى», «مزاعم») and the claim reports it as neutral or endorsed: a cue that is not
  distancing, or a label that presents it as fact.
* `distancing_cue_endorsed`: the cue is distancing and the English statement endorses the
  content ("confirmed", "revealed", "proved").
* `stance_differs` (scheme 2): the claim's own cue-stance label contradicts its cue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..arabic import script_share
from .problem import Problem
from .status import CONTESTED, status_of
from .text import PER_TEXT, PER_WORD, ar_stems, ar_word_tuple, en_word_tuple, fold_forms
from .view import BriefView, ClaimView

CUE_SPELLING = 85.0  # rapidfuzz ratio for one cue word against a sentence word
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.+)\s*")
DISTANCING = fold_forms(
    [
        "زعم",
        "زعمت",
        "يزعم",
        "تزعم",
        "زعموا",
        "مزاعم",
        "بزعم",
        "ادعى",
        "ادعت",
        "يدعي",
        "تدعي",
        "ادعوا",
        "ادعاء",
        "ادعاءات",
        "مزعوم",
        "المزعوم",
        "المزعومة",
    ]
)
_EN_ENDORSING = frozenset(
    {
        "confirmed",
        "confirms",
        "revealed",
        "reveals",
        "proved",
        "proves",
        "proven",
        "established",
        "showed",
        "shows",
        "demonstrated",
    }
)
_DISTANCING_STANCES = frozenset({"distancing", "distanced", "distance"})


def _word_in(word: str, sentence_words: Sequence[str]) -> bool:
    stems = set(ar_stems(word))
    for candidate in sentence_words:
        if stems & set(ar_stems(candidate)):
            return True
    best = process.extractOne(word, sentence_words, scorer=fuzz.ratio, score_cutoff=CUE_SPELLING)
    return best is not None


@lru_cache(maxsize=PER_TEXT)
def cue_in(cue: str, sentence: str) -> bool:
    """Whether `cue` (one or more words, parts split by an ellipsis) is written in `sentence`."""
    if script_share(sentence)[0] < 0.5:  # an article in another language: the cue's words, as they are
        words_en = set(en_word_tuple(sentence))
        return bool(en_word_tuple(cue)) and all(w in words_en for w in en_word_tuple(cue))
    words = ar_word_tuple(sentence)
    parts = [ar_word_tuple(p) for p in _ELLIPSIS.split(cue) if p.strip()]
    return bool(parts) and all(part and all(_word_in(w, words) for w in part) for part in parts)


@lru_cache(maxsize=PER_TEXT)
def is_distancing(cue: str | None) -> bool:
    return bool(cue) and any(s in DISTANCING for w in ar_word_tuple(cue or "") for s in ar_stems(w))


SCOPE_WORDS = 12  # a distancing verb this many words before a quote (or inside it) governs it


@lru_cache(maxsize=PER_WORD)
def _is_distancing_word(word: str) -> bool:
    return not DISTANCING.isdisjoint(ar_stems(word))


@lru_cache(maxsize=PER_TEXT)
def _governing(sentence: str, quote: str) -> str | None:
    """A distancing verb of `sentence` within `SCOPE_WORDS` before `quote` (or inside it)."""
    words = ar_word_tuple(sentence)
    target = ar_word_tuple(quote)
    if not target:
        return None
    first, width = target[0], len(target)
    starts = [i for i, word in enumerate(words) if word == first and words[i : i + width] == target]
    for start in starts:
        scope = words[max(0, start - SCOPE_WORDS) : start + len(target)]
        found = next((w for w in scope if _is_distancing_word(w)), None)
        if found:
            return found
    return None


def _distancing_word(claim: ClaimView) -> str | None:
    """A distancing verb of a cited sentence that governs one of the claim's quotes."""
    for sentence in claim.sentences:
        for quote in claim.quotes:
            found = _governing(sentence, quote)
            if found:
                return found
    return None


def _problem(kind: str, where: str, message: str, **details: object) -> Problem:
    return Problem(check="cue", kind=kind, where=where, message=message, details=dict(details))


def _claim_problems(claim: ClaimView) -> list[Problem]:
    problems: list[Problem] = []
    cited = ", ".join(claim.sentence_ids)
    if claim.cue_ar and not cue_in(claim.cue_ar, claim.sentence_text):
        problems.append(
            _problem(
                "cue_not_in_evidence",
                f"{claim.where}.cue_ar",
                f"the cue «{claim.cue_ar}» is not in {cited}: copy the attribution verb or phrase exactly as the "
                "cited sentence writes it, or leave the cue out for the article's own narration",
                cue=claim.cue_ar,
                sentences=cited,
            )
        )
    distancing = _distancing_word(claim)
    status = status_of(claim)
    stance = claim.extra.get("stance") or claim.extra.get("cue_stance")
    # scheme 2 says the cue's stance in its own label; scheme 1 only through the cue and the label
    keeps_distance = stance in _DISTANCING_STANCES if stance else (is_distancing(claim.cue_ar) or status == CONTESTED)
    if distancing and not keeps_distance:
        problems.append(
            _problem(
                "distancing_cue_ignored",
                f"{claim.where}.cue_ar",
                f"{cited} distances itself from this with «{distancing}», but the claim reports it as "
                f"{stance or ('neutral' if claim.cue_ar else 'fact')} (cue «{claim.cue_ar or '-'}»): record "
                f"«{distancing}» as the cue, with a distancing stance",
                article_cue=distancing,
                cue=claim.cue_ar,
                label=claim.label,
            )
        )
    if is_distancing(claim.cue_ar):
        endorsing = next((w for w in en_word_tuple(claim.en) if w in _EN_ENDORSING), None)
        if endorsing:
            problems.append(
                _problem(
                    "distancing_cue_endorsed",
                    f"{claim.where}.statement.en",
                    f"the cue «{claim.cue_ar}» distances the article from this claim, but the English says "
                    f"'{endorsing}': report it as claimed, not as confirmed",
                    cue=claim.cue_ar,
                )
            )
    if stance and claim.cue_ar and (stance in _DISTANCING_STANCES) != is_distancing(claim.cue_ar):
        problems.append(
            _problem(
                "stance_differs",
                f"{claim.where}.cue_stance",
                f"the cue «{claim.cue_ar}» is {'' if is_distancing(claim.cue_ar) else 'not '}distancing, but the "
                f"claim's cue stance is '{stance}': make the stance match the cue the article writes",
                cue=claim.cue_ar,
                stance=stance,
            )
        )
    return problems


def check_cues(view: BriefView) -> list[Problem]:
    return [problem for claim in view.cited_claims for problem in _claim_problems(claim)]
