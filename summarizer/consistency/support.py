"""Headline and summary say only what the claims say, and never more firmly.

The claims are the brief's grounded content; the headline and the summary bullets are written
from them. For the headline and each bullet, in each language:

* `anchor_not_in_claims`: a number, date, day or name that no claim's statement or evidence has;
* `unsupported_content`: a run of content words that no claim, source or evidence sentence has
  (`RUN_BULLET` words in a bullet, `RUN_HEADLINE` in the headline; the entity list's names and
  roles count as known words) — an invented fact such as "the two sides signed an agreement";
* `bullet_unsupported`: less than `MIN_COVERAGE` of the content words come from the claims;
* `more_certain_than_claims`: the claims it rests on (those sharing most of its content words)
  are expectations or contested claims, and it states them as done or as fact.

Words are compared after normalization with proclitics peeled; inflected and transliterated
variants ("prepare" / "preparing", «يعقد» / «عقد») match through rapidfuzz (`WORD_SIMILARITY`).
English is compared with the claims' English, Arabic with the claims' Arabic and the article's
sentences the claims cite.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from .anchors import anchors_of, evidence_anchors
from .entities import EntityForms
from .problem import Problem
from .spelling import Spellings
from .status import (
    CONTESTED,
    FUTURE,
    distanced_ar,
    distanced_en,
    future_ar,
    future_en,
    future_time_ar,
    future_time_en,
    marker_word_ar,
    marker_word_en,
    status_of,
)
from .text import PER_BRIEF, PER_TEXT, PER_WORD, ar_stems, ar_word_tuple, en_word_tuple, fold_forms
from .view import BriefView, ClaimView

# Uncovered runs that count as invented content, per language. English is compared with the
# claims' English only (Arabic also with the cited sentences), so it gets one word more.
RUN_BULLET = {"ar": 3, "en": 4}
RUN_HEADLINE = {"ar": 2, "en": 3}
MIN_COVERAGE = 0.5
WORD_SIMILARITY = 85.0
_AR_SUFFIXES = ("هما", "ها", "هم", "ات", "ان", "ين", "ون", "يه", "ه", "ا", "ي")
# The suffixes a stem can end with, by its last letter, in the order above (the first that fits wins).
_AR_SUFFIXES_BY_LAST_LETTER = {
    last: tuple(s for s in _AR_SUFFIXES if s.endswith(last)) for last in {s[-1] for s in _AR_SUFFIXES}
}
REST_SHARE = 0.8  # claims within this share of the best overlap count as what a text rests on

_AR_STOP = fold_forms(
    """في من على إلى الى عن مع أن ان إن أنه انه أنها إنه التي الذي الذين اللذين هذا هذه ذلك تلك هو هي هم كما أو او ثم قد
    لقد بين حيث بعد قبل خلال عند كان كانت يكون تكون ما لا لم لن ليس و ف ب ل له لها لهم به بها فيه فيها عليه عليها منه
    منها إلا الا كل بعض أي اي وقد وفق وفقا حسب بحسب قال قالت وقال وقالت أضاف اضاف ذكر ذكرت أفاد افاد أشار اشار
    أعلن أعلنت
    مصدر المصدر مصادر المصادر نحو حول ضد لدى منذ حتى أيضا ايضا عبر دون إذ اذ إذا اذا لكن لكنه لكنها بينما""".split()
)
_EN_STOP = frozenset(
    """a an the of in on at to for from by with and or but that this these those it its is are was were be been being
    has have had will would can could may might shall should do does did as into about over after before during
    between which who whom whose what when where while than then there their they them he she his her we our you
    not no also said says told according reported reports say source sources he's it's s also more one""".split()
)


@lru_cache(maxsize=PER_WORD)
def _marker(word: str, arabic: bool) -> bool:
    """Words that say how sure something is («مرتقب», "expected", «بحجة»): the status check's business."""
    return marker_word_ar(word) if arabic else marker_word_en(word)


@lru_cache(maxsize=PER_WORD)
def _is_content(word: str, stop: frozenset[str], arabic: bool) -> bool:
    """A word that carries content: not a stop word (with proclitics peeled, in Arabic), not a marker."""
    return (
        len(word) > 1
        and not (not stop.isdisjoint(ar_stems(word)) if arabic else word in stop)
        and not _marker(word, arabic)
    )


def _content(words: Iterable[str], stop: frozenset[str], arabic: bool = False) -> list[str]:
    return [w for w in words if _is_content(w, stop, arabic)]


@lru_cache(maxsize=PER_WORD)
def _ar_forms(word: str) -> frozenset[str]:
    """A word's stems with and without one inflection suffix («لوزيري» -> وزيري, وزير)."""
    stems = ar_stems(word)
    forms = set(stems)
    for stem in stems:
        for suffix in _AR_SUFFIXES_BY_LAST_LETTER.get(stem[-1:], ()):
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                forms.add(stem[: -len(suffix)])
                break
    return frozenset(forms)


class _Vocabulary:
    """The words a text may use, searchable by stem and by spelling.

    `has` is asked about the same words again (every bullet against every claim): answers are
    remembered per vocabulary. English words of five letters or more also match a word sharing
    their first five letters ("prepare" / "preparing"), looked up in a set of those prefixes.
    """

    def __init__(self, words: Iterable[str], arabic: bool, stems: frozenset[str] | None = None) -> None:
        """`stems`, when given, are the Arabic words' forms already (`_forms_of_words`)."""
        self.arabic = arabic
        unique = set(words)
        self.stems: set[str] | frozenset[str] = (
            (stems if stems is not None else _forms_of_words(unique)) if arabic else unique
        )
        self._spellings = Spellings(self.stems, WORD_SIMILARITY)
        self._prefixes = frozenset() if arabic else frozenset(w[:5] for w in unique if len(w) >= 5)
        self._known: dict[str, bool] = {}

    def has(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            if len(self._known) >= PER_WORD:  # a vocabulary reused for many texts stays bounded
                self._known.clear()
            known = self._known[word] = self._has(word)
        return known

    def _has(self, word: str) -> bool:
        if self.arabic and not self.stems.isdisjoint(_ar_forms(word)):
            return True
        if not self.arabic and (word in self.stems or (len(word) >= 5 and word[:5] in self._prefixes)):
            return True
        candidates = ar_stems(word) if self.arabic else (word,)
        return any(self._spellings.any_match(c) for c in candidates)


def _vocabularies(view: BriefView) -> tuple[_Vocabulary, _Vocabulary]:
    """The words the claims, their sources, their cited sentences and the entity list give a brief."""
    claims = tuple(
        (c.ar, c.attribution_ar, c.en, c.attribution_en, c.evidence_lang == "ar", c.sentence_text) for c in view.claims
    )
    entities = tuple((e.name_ar, e.name_en, e.role_en or "") for e in view.entities)
    return _brief_vocabularies(claims, entities)


@lru_cache(maxsize=PER_BRIEF)
def _brief_vocabularies(
    claims: tuple[tuple[str, str, str, str, bool, str], ...], entities: tuple[tuple[str, str, str], ...]
) -> tuple[_Vocabulary, _Vocabulary]:
    ar: list[str] = []
    en: list[str] = []
    for claim_ar, attribution_ar, claim_en, attribution_en, arabic_evidence, sentences in claims:
        ar += ar_word_tuple(claim_ar) + ar_word_tuple(attribution_ar)
        en += en_word_tuple(claim_en) + en_word_tuple(attribution_en)
        if arabic_evidence:
            ar += ar_word_tuple(sentences)
        else:
            en += en_word_tuple(sentences)
    for name_ar, name_en, role_en in entities:
        ar += ar_word_tuple(name_ar)
        en += en_word_tuple(name_en) + en_word_tuple(role_en)
    return _Vocabulary(ar, True), _Vocabulary(en, False)


def _texts(view: BriefView) -> list[tuple[str, str, str]]:
    return [("headline", *view.headline)] + [(f"summary[{i}]", ar, en) for i, (ar, en) in enumerate(view.bullets)]


def _uncovered_run(words: Sequence[str], vocabulary: _Vocabulary, length: int) -> list[str] | None:
    run: list[str] = []
    for word in words:
        if vocabulary.has(word):
            run = []
            continue
        run.append(word)
        if len(run) >= length:
            return run
    return None


def rests_on(view: BriefView, ar: str) -> list[ClaimView]:
    """The claims a headline or bullet rests on: those sharing most of its Arabic content words."""
    return _rests_on(view.claims, _claim_words(tuple(c.ar for c in view.claims)), ar)


class _ClaimWords:
    """Which claims' Arabic statements have a word, for all of a brief's headline and bullets.

    A claim has a word as `_Vocabulary.has` says (a shared stem, or a stem spelled within
    `WORD_SIMILARITY`); built once per brief, with every claim's stems in one table, so a word
    is looked up once for all the claims instead of once per claim. The claims of a stem are a
    bitmask (claim k is bit k): joined with one `|`, and an int is no container for the garbage
    collector to track, where a set per stem (hundreds per brief) is.
    """

    def __init__(self, statements: Sequence[str]) -> None:
        by_stem: dict[str, int] = {}
        for k, statement in enumerate(statements):
            bit = 1 << k
            for stem in set().union(*map(_ar_forms, ar_word_tuple(statement))):
                by_stem[stem] = by_stem.get(stem, 0) | bit
        self._by_stem = by_stem
        self._spellings = Spellings(by_stem, WORD_SIMILARITY)
        self._found: dict[str, int] = {}

    def mask(self, word: str) -> int:
        """The claims that have `word`, as a bitmask (claim k is bit k)."""
        found = self._found.get(word)
        if found is None:
            by_stem = self._by_stem
            claims = 0
            for form in _ar_forms(word):
                claims |= by_stem.get(form, 0)
            for candidate in ar_stems(word):
                for stem in self._spellings.matches(candidate):
                    claims |= by_stem[stem]
            found = self._found[word] = claims
        return found

    def having(self, word: str) -> frozenset[int]:
        """The indices of the claims that have `word`."""
        mask = self.mask(word)
        return frozenset(k for k in range(mask.bit_length()) if mask >> k & 1)


@lru_cache(maxsize=PER_BRIEF)
def _claim_words(statements: tuple[str, ...]) -> _ClaimWords:
    return _ClaimWords(statements)


def _rests_on(claims: Sequence[ClaimView], claim_words: _ClaimWords, ar: str) -> list[ClaimView]:
    words = set(_content(ar_word_tuple(ar), _AR_STOP, True))
    if not words:
        return []
    overlaps = [0] * len(claims)
    for word in words:
        mask = claim_words.mask(word)
        while mask:  # one step per claim that has the word
            low = mask & -mask
            overlaps[low.bit_length() - 1] += 1
            mask ^= low
    best = max(overlaps, default=0)
    if best < 2:
        return []
    return [c for o, c in zip(overlaps, claims, strict=True) if o >= REST_SHARE * best]


def _problem(kind: str, where: str, message: str, **details: object) -> Problem:
    return Problem(check="support", kind=kind, where=where, message=message, details=dict(details))


@lru_cache(maxsize=128)
def _evidence_vocabulary(context: str, attribution: str, arabic: bool) -> _Vocabulary:
    """The words a claim's evidence and source give it; once per context (claims share cited sentences).

    Arabic forms are gathered per cited sentence (a context's parts), each sentence once however
    many contexts it is in.
    """
    if arabic:
        parts = getattr(context, "parts", (context,))
        return _Vocabulary((), True, frozenset().union(*map(_text_forms, parts), _text_forms(attribution)))
    return _Vocabulary(en_word_tuple(context) + en_word_tuple(attribution), False)


def _forms_of_words(words: Iterable[str]) -> frozenset[str]:
    return frozenset().union(*map(_ar_forms, set(words)))


@lru_cache(maxsize=PER_TEXT)
def _text_forms(text: str) -> frozenset[str]:
    """Every form (`_ar_forms`) of every word of an Arabic text."""
    return _forms_of_words(ar_word_tuple(text))


RUN_STATEMENT = 3  # Arabic words in a row that a claim's evidence and its context do not have


def check_statements(view: BriefView) -> list[Problem]:
    """A claim's Arabic statement says only what its cited sentences (and their context) say.

    `statement_unsupported`: `RUN_STATEMENT` content words in a row that neither the cited
    sentences, the two sentences before them nor the claim's own source names have — an
    invented fact inside a claim ("... and the two sides signed an agreement"). The English is
    held to the Arabic by the parity and polarity checks.
    """
    problems: list[Problem] = []
    for claim in view.cited_claims:
        if claim.evidence_lang == "ar":
            vocabulary = _evidence_vocabulary(claim.context_text, claim.attribution_ar, True)
            lang, words, run_length = "ar", _content(ar_word_tuple(claim.ar), _AR_STOP, True), RUN_STATEMENT
        else:  # an article in English: its English statement against its English sentences
            vocabulary = _evidence_vocabulary(claim.context_text, claim.attribution_en, False)
            lang, words, run_length = "en", _content(en_word_tuple(claim.en), _EN_STOP), RUN_BULLET["en"]
        run = _uncovered_run(words, vocabulary, run_length)
        if run:
            problems.append(
                Problem(
                    check="statement",
                    kind="statement_unsupported",
                    where=f"{claim.where}.statement.{lang}",
                    message=(
                        f"the statement says '{' '.join(run)}', which its evidence ({', '.join(claim.sentence_ids)}) "
                        "does not say: state only what the cited sentences say, or cite the sentence that says it"
                    ),
                    details={"words": run},
                )
            )
    return problems


def check_support(view: BriefView, entities: Sequence[EntityForms]) -> list[Problem]:
    problems: list[Problem] = []
    if not view.claims:
        return problems
    vocab_ar, vocab_en = _vocabularies(view)
    claim_words = _claim_words(tuple(c.ar for c in view.claims))
    known: set[tuple[str, str]] = set()
    for claim in view.claims:
        for lang, text in (("ar", claim.ar), ("en", claim.en)):
            known |= {(a.kind, a.key) for a in anchors_of(text, lang, entities)}
        if claim.sentences:
            known |= evidence_anchors(claim, entities)
    for where, ar, en in _texts(view):
        what = "headline" if where == "headline" else "bullet"
        run_lengths = RUN_HEADLINE if where == "headline" else RUN_BULLET
        for lang, text, vocabulary, words in (
            ("ar", ar, vocab_ar, _content(ar_word_tuple(ar), _AR_STOP, True)),
            ("en", en, vocab_en, _content(en_word_tuple(en), _EN_STOP)),
        ):
            for anchor in sorted(anchors_of(text, lang, entities), key=lambda a: (a.kind, a.key)):
                if (anchor.kind, anchor.key) not in known:
                    problems.append(
                        _problem(
                            "anchor_not_in_claims",
                            f"{where}.{lang}",
                            f"the {what} writes the {anchor.describe()}, which no claim says: write in the {what} "
                            "only what the claims say",
                            anchor=anchor.kind,
                            value=anchor.key,
                        )
                    )
            run = _uncovered_run(words, vocabulary, run_lengths[lang])
            if run:
                problems.append(
                    _problem(
                        "unsupported_content",
                        f"{where}.{lang}",
                        f"the {what} says '{' '.join(run)}', which no claim says: write in the {what} only what "
                        "the claims say, or add the claim with its evidence",
                        words=run,
                    )
                )
            elif where != "headline" and words:
                covered = sum(1 for w in words if vocabulary.has(w)) / len(words)
                if covered < MIN_COVERAGE:
                    problems.append(
                        _problem(
                            "bullet_unsupported",
                            f"{where}.{lang}",
                            f"only {covered:.0%} of the bullet's words come from the claims: each bullet must sum "
                            "up one or more claims",
                            coverage=round(covered, 2),
                        )
                    )
        resting = _rests_on(view.claims, claim_words, ar)
        statuses = {status_of(c) for c in resting}
        if resting and statuses <= {FUTURE}:
            for lang, text, marker, when in (
                ("ar", ar, future_ar, future_time_ar),
                ("en", en, future_en, future_time_en),
            ):
                if not (marker(text) or when(text)):
                    problems.append(
                        _problem(
                            "more_certain_than_claims",
                            f"{where}.{lang}",
                            f"the {what} states as done what its claims ({', '.join(c.where for c in resting)}) "
                            "only expect: keep the expectation («مرتقب», «يُنتظر» / 'expected', 'will')",
                            claims=[c.where for c in resting],
                        )
                    )
        elif resting and statuses <= {CONTESTED}:
            for lang, text, marker in (("ar", ar, distanced_ar), ("en", en, distanced_en)):
                if not marker(text):
                    problems.append(
                        _problem(
                            "more_certain_than_claims",
                            f"{where}.{lang}",
                            f"the {what} states as fact what its claims ({', '.join(c.where for c in resting)}) "
                            "only report as a claim or pretext: keep the distance («بحجة», «زعم» / 'claimed', "
                            "'on the pretext of')",
                            claims=[c.where for c in resting],
                        )
                    )
    return problems
