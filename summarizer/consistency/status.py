"""Status: what a statement asserts (done, to come, claimed, a pretext) matches its label and its evidence.

A claim's label says how the article presents its content; the statement must say the same:

* `future_stated_as_fact`: the label is a future/expectation status, or the evidence quote is
  about the future («يُنتظر», «من المتوقع», «سـ», «سوف»), and a statement says it as done;
* `fact_stated_as_future`: the label says it happened or is the case, a statement says it
  will happen, and nothing in the cited sentence is about the future;
* `pretext_stated_as_fact`: the evidence gives a pretext («بحجة», «بذريعة», «بدعوى») — or a
  statement repeats the words of the pretext — and the statement states it as the reason,
  without "on the pretext of" / «بحجة»; or the claim is not labelled as a pretext/claim;
* `claim_stated_as_fact`: the label says the article presents a contested claim and the
  statement drops the distance («زعم», "claimed", "alleged");
* `denial_stated_as_fact`, `possible_stated_as_fact`: a denial written without its «نفى» /
  "denied" (or any negation), a possibility written without «قد» / "may".

Markers are read word-aligned with proclitics peeled; the Arabic future prefix «سـ» is read
on verbs of the imperfect («سيلتقي», «ستتناول», «سنعمل»), not on nouns that start with س («سياسة»).
Labels are read through `STATUS_OF_LABEL`, which maps every label vocabulary the schema has
had (scheme 1 certainty, scheme 2 status) to these few statuses.

The marker readers are pure functions of one text, and every check asks them about the same
statements and sentences again: each is cached per text (`_per_text`).
"""

from __future__ import annotations

from functools import lru_cache

from .problem import Problem
from .text import (
    PER_TEXT,
    PER_WORD,
    ar_has_phrase,
    ar_has_word,
    ar_stems,
    ar_word_tuple,
    en_has_phrase,
    en_word_tuple,
    fold_ar,
    fold_forms,
    is_ar_word,
    is_en_word,
)
from .view import BriefView, ClaimView

FACT, FUTURE, POSSIBLE, DENIED, CONTESTED, EVALUATION = (
    "fact",
    "future",
    "possible",
    "denied",
    "contested",
    "evaluation",
)
# kept for readers of scheme 1: a pretext and a claim are both "contested"
CLAIMED = PRETEXT = CONTESTED

# Every label value the schema has used, to the status it means.
STATUS_OF_LABEL: dict[str, str] = {
    # scheme 1 (certainty); `alleged` covers a claim and a pretext alike
    "asserted": FACT,
    "reported": FACT,
    "expected": FUTURE,
    "alleged": CONTESTED,
    "assessed": EVALUATION,
    # scheme 2 (status of the content, summarizer.labels.Status)
    "fact": FACT,
    "possible": POSSIBLE,
    "denied": DENIED,
    "contested": CONTESTED,
    "evaluation": EVALUATION,
}

_AR_FUTURE_WORDS = fold_forms(
    [
        "سوف", "لن",
        "ينتظر",
        "يُنتظر",
        "تنتظر",
        "المنتظر",
        "يتوقع",
        "يُتوقع",
        "تتوقع",
        "تُتوقع",
        "المتوقع",
        "متوقع",
        "متوقعة",
        "مرتقب",
        "مرتقبة",
        "المرتقب",
        "المرتقبة",
        "المقرر",
        "مقرر",
        "يعتزم",
        "تعتزم",
        "يعتزمون",
        "يخطط",
        "تخطط",
        "يزمع",
        "تزمع",
        "قريبا",
    ]
)
_EN_FUTURE = (
    "will", "won't",
    "ll",
    "shall",
    "expected",
    "expects",
    "expect",
    "expecting",
    "scheduled",
    "planned",
    "upcoming",
    "anticipated",
    "intends",
    "intend",
    "forthcoming",
    "would",
    "set to",
    "going to",
    "due to meet",
    "due to visit",
    "due to arrive",
    "due to hold",
    "about to",
    "soon",
    "awaited",
)
# Words that start like a future verb (س + ي/ت/ن) and are nouns: never the future prefix.
_NOT_FUTURE_WORDS = fold_forms(
    "سياسة سياسي سياسية سياسات سيارة سيارات سيطرة سيد سيدة سيناء سينما سيول سيف سير سيرة سياحة سياحي سيادة "
    "سياق ستة ستين ستار سنة سنوات سنوي سنوية سنين سند ستوديو سيناريو سيبراني سيما سنغافورة سيئة سيئ".split()
)
_NOT_FUTURE_STARTS = tuple(fold_ar(w) for w in ("سياس", "سيار", "سيطر", "سياح", "سياد", "سنوي", "سيناري", "ستراتيج"))
_AR_POSSIBLE = fold_forms(
    ["قد", "وقد", "ربما", "يحتمل", "يُحتمل", "محتمل", "محتملة", "المحتمل", "يمكن", "ممكن", "إمكانية", "يستبعد"]
)
_EN_POSSIBLE = (
    "may",
    "might",
    "could",
    "possibly",
    "possible",
    "perhaps",
    "likely",
    "potential",
    "potentially",
    "not ruled out",
    "cannot rule out",
)
_AR_DENIAL = fold_forms(
    [
        "نفى",
        "نفت",
        "ينفي",
        "تنفي",
        "نفوا",
        "نافيا",
        "نافية",
        "نفي",
        "كذب",
        "كذبت",
        "يكذب",
        "تكذب",
        "رفض",
        "رفضت",
        "لا",
        "لم",
        "لن",
        "ليس",
        "ليست",
        "غير",
        "عدم",
    ]
)
_EN_DENIAL = (
    "denied",
    "denies",
    "deny",
    "denying",
    "not",
    "no",
    "never",
    "rejected",
    "rejects",
    "dismissed",
    "false",
    "untrue",
    "refuted",
    "refutes",
)
_AR_PRETEXT = fold_forms(
    ["بحجة", "بذريعة", "ذريعة", "بدعوى", "بزعم", "متذرعا", "متذرعة", "تذرع", "تذرعت", "حجة", "ذرائع"]
)
_EN_PRETEXT = (
    "pretext",
    "pretence",
    "pretense",
    "guise",
    "ostensibly",
    "purportedly",
    "excuse",
    "justification",
    "justifying",
    "justified",
    "citing",
)
_AR_CLAIM = fold_forms(
    [
        "زعم",
        "زعمت",
        "يزعم",
        "تزعم",
        "زعموا",
        "مزاعم",
        "مزعوم",
        "المزعوم",
        "المزعومة",
        "ادعى",
        "ادعت",
        "يدعي",
        "تدعي",
        "ادعاء",
        "ادعاءات",
        "بزعم",
        "حسب زعم",
        "قال",
        "قالت",
        "وفق",
        "بحسب",
        "حسب",
    ]
)
_EN_CLAIM = (
    "claim",
    "claims",
    "claimed",
    "claiming",
    "allege",
    "alleged",
    "alleges",
    "allegedly",
    "allegation",
    "allegations",
    "purported",
    "purportedly",
    "so called",
    "according to",
    "said",
    "says",
    "reportedly",
)


_per_text = lru_cache(maxsize=PER_TEXT)


@_per_text
def possible_ar(text: str) -> str | None:
    return ar_has_word(ar_word_tuple(text), _AR_POSSIBLE) or ar_has_phrase(text, ["من المحتمل", "لا يستبعد"])


@_per_text
def possible_en(text: str) -> str | None:
    return en_has_phrase(text, _EN_POSSIBLE)


@_per_text
def denial_ar(text: str) -> str | None:
    return ar_has_word(ar_word_tuple(text), _AR_DENIAL) or ar_has_phrase(text, ["لا صحة"])


@_per_text
def denial_en(text: str) -> str | None:
    found = en_has_phrase(text, _EN_DENIAL)
    return found or next((w for w in en_word_tuple(text) if w.endswith("n't")), None)


def status_of(claim: ClaimView) -> str | None:
    """The status a claim's label gives it (None for a label this module does not know)."""
    return STATUS_OF_LABEL.get(claim.label)


@lru_cache(maxsize=PER_WORD)
def _future_prefix(word: str) -> bool:
    for stem in ar_stems(word):
        if (
            len(stem) >= 5
            and stem[0] == "س"
            and stem[1] in "يتن"
            and stem not in _NOT_FUTURE_WORDS
            and not stem.startswith(_NOT_FUTURE_STARTS)
        ):
            return True
    return False


@_per_text
def future_ar(text: str) -> str | None:
    words = ar_word_tuple(text)
    marker = ar_has_word(words, _AR_FUTURE_WORDS) or ar_has_phrase(text, ["من المتوقع", "من المنتظر", "من المقرر"])
    if marker:
        return marker
    return next((w for w in words if _future_prefix(w)), None)


@_per_text
def future_en(text: str) -> str | None:
    return en_has_phrase(text, _EN_FUTURE)


_AR_FUTURE_TIME = fold_forms(["غدا", "الغد", "المقبل", "المقبلة", "القادم", "القادمة"])
_EN_FUTURE_TIME = ("tomorrow", "next", "coming", "upcoming")


@_per_text
def future_time_ar(text: str) -> str | None:
    """Whether `text` names a time to come.

    A time to come («غدًا», «الأسبوع المقبل»): a summary saying "work starts next week" keeps the
    expectation without a future verb. Claims are held to the verb (`future_ar`).
    """
    return ar_has_word(ar_word_tuple(text), _AR_FUTURE_TIME)


@_per_text
def future_time_en(text: str) -> str | None:
    return en_has_phrase(text, _EN_FUTURE_TIME)


@_per_text
def pretext_ar(text: str) -> str | None:
    return ar_has_word(ar_word_tuple(text), _AR_PRETEXT)


@_per_text
def pretext_en(text: str) -> str | None:
    found = en_has_phrase(text, _EN_PRETEXT)
    if found:
        return found
    return next((w for w in en_word_tuple(text) if w.startswith("justif")), None)


@_per_text
def distanced_ar(text: str) -> str | None:
    return pretext_ar(text) or ar_has_word(ar_word_tuple(text), _AR_CLAIM)


@_per_text
def distanced_en(text: str) -> str | None:
    return pretext_en(text) or en_has_phrase(text, _EN_CLAIM)


_EN_MARKER_WORDS = frozenset(_EN_FUTURE + _EN_PRETEXT + _EN_CLAIM)


def marker_word_ar(word: str) -> bool:
    """Whether one folded Arabic word is a marker: `future_ar` or `distanced_ar` of it.

    The support check asks this of every word of every statement. Marker phrases have several
    words, so one word can only be one of the marker words or carry the future prefix; reading
    just those keeps single words out of the per-text caches. Anything else goes the long way.
    """
    if not is_ar_word(word):
        return bool(future_ar(word) or distanced_ar(word))
    return _AR_FUTURE_WORDS.has(word) or _future_prefix(word) or _AR_PRETEXT.has(word) or _AR_CLAIM.has(word)


def marker_word_en(word: str) -> bool:
    """Whether one folded English word is a marker: `future_en` or `distanced_en` of it (see `marker_word_ar`)."""
    if not is_en_word(word):
        return bool(future_en(word) or distanced_en(word))
    return word in _EN_MARKER_WORDS or word.startswith("justif")


@lru_cache(maxsize=PER_TEXT)
def _pretext_words(sentence: str) -> tuple[frozenset[str], ...]:
    """For each pretext marker in `sentence`, the content words of the pretext after it."""
    words = ar_word_tuple(sentence)
    found = []
    for i in _AR_PRETEXT.positions(words):
        found.append(frozenset(w for w in words[i + 1 : i + 4] if len(w) > 2))
    return tuple(found)


def _repeats_pretext(statement: str, pretexts: tuple[frozenset[str], ...]) -> bool:
    """The statement repeats two or more words of a pretext its sentence gives (after «بحجة» ...)."""
    if not pretexts:
        return False
    statement_stems = {stem for w in ar_word_tuple(statement) for stem in ar_stems(w)}
    return any(
        len(words) >= 2 and sum(1 for w in words if set(ar_stems(w)) & statement_stems) >= 2 for words in pretexts
    )


def _problem(kind: str, where: str, message: str, **details: object) -> Problem:
    return Problem(check="status", kind=kind, where=where, message=message, details=dict(details))


def _claim_problems(claim: ClaimView) -> list[Problem]:
    problems: list[Problem] = []
    status = status_of(claim)
    texts = (("ar", claim.ar, future_ar), ("en", claim.en, future_en))
    arabic = claim.evidence_lang == "ar"
    quote_future = (future_ar if arabic else future_en)(claim.evidence_text)
    sentence_future = (future_ar if arabic else future_en)(claim.sentence_text)
    for lang, text, future in texts:
        if (status == FUTURE or (quote_future and status == FACT)) and not future(text):
            why = (
                f"it is labelled '{claim.label}'"
                if status == FUTURE
                else f"its evidence is about the future («{quote_future}»)"
            )
            problems.append(
                _problem(
                    "future_stated_as_fact",
                    f"{claim.where}.statement.{lang}",
                    f"{why}, but the statement says it as something that has happened or is the case: keep the "
                    "expectation the article writes (e.g. «يُنتظر», «من المتوقع», «سـ» / 'is expected to', 'will')",
                    label=claim.label,
                    lang=lang,
                )
            )
        elif status == FACT and (marker := future(text)) and not sentence_future:
            problems.append(
                _problem(
                    "fact_stated_as_future",
                    f"{claim.where}.statement.{lang}",
                    f"the statement says it will happen ('{marker}'), but the article says it has happened or is "
                    f"the case (label '{claim.label}'): do not turn a fact into an expectation",
                    label=claim.label,
                    lang=lang,
                )
            )
    quote_pretext = (pretext_ar if arabic else pretext_en)(claim.evidence_text)
    repeats_pretext = arabic and _repeats_pretext(claim.ar, _pretext_words(claim.sentence_text))
    if quote_pretext or repeats_pretext:
        for lang, text, marked in (("ar", claim.ar, pretext_ar), ("en", claim.en, distanced_en)):
            if not marked(text):
                problems.append(
                    _problem(
                        "pretext_stated_as_fact",
                        f"{claim.where}.statement.{lang}",
                        "the article gives this as a pretext («بحجة» / «بذريعة»), not as a fact: say so "
                        "(«بحجة» / 'on the pretext of'), never state the pretext as the real reason",
                        label=claim.label,
                        lang=lang,
                    )
                )
        if quote_pretext and status != CONTESTED:
            problems.append(
                _problem(
                    "pretext_stated_as_fact",
                    f"{claim.where}.label",
                    f"the evidence is a pretext («{quote_pretext}») but the claim is labelled '{claim.label}': "
                    "label it as a pretext or contested claim",
                    label=claim.label,
                )
            )
    if status == CONTESTED:
        for lang, text, marked in (("ar", claim.ar, distanced_ar), ("en", claim.en, distanced_en)):
            if not marked(text):
                problems.append(
                    _problem(
                        "claim_stated_as_fact",
                        f"{claim.where}.statement.{lang}",
                        f"the claim is labelled '{claim.label}' (the article does not vouch for it), but the "
                        "statement states it as fact: keep the distance («بحجة», «زعم», «وفق» / 'on the pretext "
                        "of', 'claimed', 'according to')",
                        label=claim.label,
                        lang=lang,
                    )
                )
    for wanted, kind, markers, example in (
        (DENIED, "denial_stated_as_fact", (denial_ar, denial_en), "«نفى» / 'denied'"),
        (POSSIBLE, "possible_stated_as_fact", (possible_ar, possible_en), "«قد», «من المحتمل» / 'may', 'possibly'"),
    ):
        if status != wanted:
            continue
        for lang, text, marked in (("ar", claim.ar, markers[0]), ("en", claim.en, markers[1])):
            if not marked(text):
                problems.append(
                    _problem(
                        kind,
                        f"{claim.where}.statement.{lang}",
                        f"the claim is labelled '{claim.label}', but the statement says it as a plain fact: say "
                        f"what the article says ({example})",
                        label=claim.label,
                        lang=lang,
                    )
                )
    return problems


def check_status(view: BriefView) -> list[Problem]:
    return [problem for claim in view.cited_claims for problem in _claim_problems(claim)]
