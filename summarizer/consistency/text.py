"""Words of Arabic and English text as the checks compare them: normalized, clitics peeled off.

Arabic glues conjunctions, prepositions and the article to the word («وبالأمس», «للقوات»,
«فلن»), so a marker word is looked up with every way of peeling those proclitics off. The
Arabic side goes through `arabic.normalize` first (diacritics, alef/ya/ta marbuta variants,
Arabic-Indic digits), so the word lists below are written normalized-agnostic and folded once.
English is lower-cased ASCII (accents dropped, apostrophes kept only inside "n't").

Every check reads the same few texts of an article (a statement, its cited sentences) many
times: their words are cached per text (`ar_word_tuple`, `en_word_tuple`), and phrase lists
are split into words once (`phrase_words`), so a lookup walks words, not the text again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import chain, compress

from ..arabic import normalize

# Cache sizes. A brief and its article have a few hundred texts (statements, sentences, their
# joins) and a few thousand distinct words; the per-text caches keep one brief's texts with room
# for its reask, the per-word caches a language's common words, and whole-brief tables a few briefs.
PER_TEXT = 1024
PER_WORD = 16384
PER_BRIEF = 8

_AR_WORD = re.compile(r"\d+(?:[.,]\d+)*|[\u0621-\u064A0-9]+")
_EN_WORD = re.compile(r"\d+(?:[.,]\d+)*|[a-z0-9]+n't|[a-z0-9]+")
# Proclitics in the order they stack: conjunction, preposition/future, article.
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك", "س")


@lru_cache(maxsize=PER_WORD // 2)  # words and texts alike; emptied by forget_texts
def fold_ar(text: str) -> str:
    """Arabic text normalized for matching (see `arabic.normalize`)."""
    return normalize(text)


class Joined(str):
    """Texts joined by a space (a claim's cited sentences, its quotes) that remember their parts.

    No word crosses a space and folding keeps spaces, so the words of the joined text are the
    parts' words one after the other: `ar_word_tuple` and `en_word_tuple` put them together
    from the parts (each folded once, however many claims cite it) instead of folding it again.
    """

    parts: tuple[str, ...]


def joined(parts: tuple[str, ...]) -> str:
    """`" ".join(parts)`, as a `Joined` when there are several parts."""
    if len(parts) < 2:
        return parts[0] if parts else ""
    text = Joined(" ".join(parts))
    text.parts = parts
    return text


def _words_of_parts(text: str, words: Callable[[str], tuple[str, ...]]) -> tuple[str, ...] | None:
    parts = getattr(text, "parts", None)
    if parts is None:
        return None
    found: list[str] = []
    for part in parts:
        found += words(part)
    return tuple(found)


@lru_cache(maxsize=PER_WORD)
def _ar_piece_words(piece: str) -> tuple[str, ...]:
    """The words of a piece of text between two whitespace runs (mostly one word), folded once per piece."""
    return tuple(_AR_WORD.findall(normalize(piece)))


@lru_cache(maxsize=PER_TEXT)
def ar_word_tuple(text: str) -> tuple[str, ...]:
    """`ar_words` as a tuple, computed once per text (the checks read the same texts many times).

    Folding maps each character on its own and neither makes nor removes whitespace, and no word
    crosses whitespace: the words of a text are the words of its whitespace-separated pieces one
    after the other. Pieces recur across texts and articles, so they are folded once each
    (`_ar_piece_words`, a per-word cache) instead of folding every text whole.
    """
    from_parts = _words_of_parts(text, ar_word_tuple)
    if from_parts is not None:
        return from_parts
    return tuple(chain.from_iterable(map(_ar_piece_words, text.split())))


def is_ar_word(text: str) -> bool:
    """Whether `text` is one word just as `ar_words` reads it (folded): asked per word, cached per word."""
    return _ar_piece_words(text) == (text,)


def ar_words(text: str) -> list[str]:
    """The normalized Arabic words (and digit runs) of `text`, in order."""
    return list(ar_word_tuple(text))


def en_fold(text: str) -> str:
    """English text folded for matching (its only caller, `_en_piece_words`, caches per piece)."""
    if text.isascii():  # nothing to decompose or drop
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return ascii_only.lower().replace("’", "'").replace("‘", "'")


@lru_cache(maxsize=PER_WORD)
def _en_piece_words(piece: str) -> tuple[str, ...]:
    """The words of a piece of English text between two whitespace runs, folded once per piece."""
    return tuple(_EN_WORD.findall(en_fold(piece)))


@lru_cache(maxsize=PER_TEXT)
def en_word_tuple(text: str) -> tuple[str, ...]:
    """`en_words` as a tuple, computed once per text.

    As in Arabic (`ar_word_tuple`), folding works character by character and no word crosses
    whitespace, so the words are those of the text's whitespace pieces, each folded once.
    """
    from_parts = _words_of_parts(text, en_word_tuple)
    if from_parts is not None:
        return from_parts
    return tuple(chain.from_iterable(map(_en_piece_words, text.split())))


def is_en_word(text: str) -> bool:
    """Whether `text` is one word just as `en_words` reads it (folded): asked per word, cached per word."""
    return _en_piece_words(text) == (text,)


def en_words(text: str) -> list[str]:
    """Lower-case English words of `text` ("didn't" and "1,200" stay one word each)."""
    return list(en_word_tuple(text))


@lru_cache(maxsize=PER_WORD)
def ar_stems(word: str) -> tuple[str, ...]:
    """`word` with every plausible stack of proclitics removed (the word itself first).

    «وبالأمس» -> وبالامس, بالامس, الامس, امس; «للقوات» -> للقوات, لقوات, القوات, قوات.
    Never peels a word below two letters.

    Each proclitic is one letter, so at most one conjunction and one preposition can start the
    word: the stacks are read off its first letters instead of trying every pair.
    """
    forms = [word]
    # the word, then without its conjunction (when it has one)
    for a in (word, word[1:]) if word[:1] in _CONJUNCTION_LETTERS else (word,):
        if len(a) >= 2 and a not in forms:
            forms.append(a)
        if a.startswith("ال") and len(a) >= 4 and a[2:] not in forms:
            forms.append(a[2:])
        prep = a[:1]
        if prep and prep in _PREPOSITION_LETTERS:
            b = a[1:]
            if len(b) >= 2 and b not in forms:
                forms.append(b)
            if b.startswith("ال") and len(b) >= 4 and b[2:] not in forms:
                forms.append(b[2:])
            if prep == "ل" and b.startswith("ل"):  # لل = ل + ال
                for form in ("ال" + b[1:], b[1:]):
                    if len(form) >= 2 and form not in forms:
                        forms.append(form)
    return tuple(forms)


_CONJUNCTION_LETTERS = "".join(_CONJUNCTIONS)
_PREPOSITION_LETTERS = "".join(_PREPOSITIONS)


# The proclitic stacks `ar_stems` peels, as written before a stem: conjunction, preposition, article;
# and «لل», where the preposition ل takes the article's alef («للقوات» = ل + القوات) or a stem's ل.
_STACKS = (
    *(c + p + a for c in ("", *_CONJUNCTIONS) for p in ("", *_PREPOSITIONS) for a in ("", "ال")),
    *(c + "لل" for c in ("", *_CONJUNCTIONS)),
)


def ar_words_with_stems(stems: Iterable[str]) -> set[str]:
    """Every word that `ar_stems` gives one of `stems` for: each stem under every stack of proclitics it peels.

    The inverse of `ar_stems` (keep the two in step): an index of names lists the words that
    start one once, instead of peeling every word of every text to find out.
    """
    return set().union(*map(_words_with_stem, stems))


@lru_cache(maxsize=PER_WORD)  # keyed by names' first words, which recur across articles
def _words_with_stem(stem: str) -> frozenset[str]:
    """`ar_words_with_stems` of one stem."""
    if len(stem) < 2:
        return frozenset((stem,))  # a one-letter form is only the word itself
    words = {stack + stem for stack in _STACKS}
    if stem.startswith("ال"):  # «للسلطات»: ل + السلطات
        words.update(c + "لل" + stem[2:] for c in ("", *_CONJUNCTIONS))
    return frozenset(words)


class WordSet:
    """The words that have a property, each word tested once (like a per-word cache), asked about whole texts.

    A text's words are checked against the words seen so far with set operations, in C; only
    words never seen before are tested one by one.
    """

    def __init__(self, test: Callable[[str], bool]) -> None:
        self._test = test
        self._seen: set[str] = set()
        self._members: set[str] = set()

    def _learned(self, words: Iterable[str]) -> set[str]:
        """The members, once `words` are classified."""
        seen, members = self._seen, self._members  # replaced, never emptied: safe to share between threads
        if not seen.issuperset(words):
            if len(seen) > PER_WORD:
                self._seen, self._members = seen, members = set(), set()
            new = set(words).difference(seen)
            members.update(word for word in new if self._test(word))
            seen |= new  # after `members`: a word seen is a word classified
        return members

    def forget(self) -> None:
        """Forget every word seen (`forget_texts(words=True)`: as if no word had been met yet)."""
        self._seen, self._members = set(), set()

    def any_in(self, words: Iterable[str]) -> bool:
        """Whether one of `words` has the property."""
        return not self._learned(words).isdisjoint(words)

    def positions(self, words: Sequence[str]) -> list[int]:
        """The positions of the words of `words` that have the property, in order.

        A scanner that only acts at such words visits these instead of stepping over the rest.
        """
        return list(compress(range(len(words)), map(self._learned(words).__contains__, words)))


class Forms(frozenset[str]):
    """Folded Arabic marker forms that remember which words are one of them (proclitics peeled).

    Markers are looked for in every statement and sentence: a word is looked up once (per form
    list, like the per-word caches), and a text's words are then sorted in C.
    """

    _hits: dict[str, bool]

    def __new__(cls, forms: Iterable[str]) -> Forms:
        self = super().__new__(cls, forms)
        self._hits = {}
        return self

    def positions(self, words: Sequence[str]) -> Iterator[int]:
        """The positions of `words` that are one of the forms once proclitics are peeled, in order."""
        hits = self._hits  # replaced, never emptied: safe to share between threads
        new = set(words).difference(hits)
        if new:
            if len(hits) > PER_WORD:
                self._hits = hits = {}
                new = set(words)
            for word in new:
                hits[word] = not self.isdisjoint(ar_stems(word))
        return compress(range(len(words)), map(hits.__getitem__, words))

    def forget(self) -> None:
        """Forget every word looked up (`forget_texts(words=True)`)."""
        self._hits = {}

    def has(self, word: str) -> bool:
        """Whether the one word `word` is one of the forms once proclitics are peeled (`positions` of one word).

        Asked per word (the support check's markers): one dict lookup, not a set and an iterator.
        """
        hit = self._hits.get(word)
        if hit is None:
            hits = self._hits
            if len(hits) > PER_WORD:
                self._hits = hits = {}
            hit = hits[word] = not self.isdisjoint(ar_stems(word))
        return hit


def fold_forms(forms: Iterable[str]) -> Forms:
    """Arabic marker forms, folded the way `ar_words` folds the text."""
    return Forms(fold_ar(f) for f in forms)


def ar_has_word(words: Sequence[str], forms: Forms) -> str | None:
    """The first word of `words` that is one of `forms` once proclitics are peeled, or None."""
    for at in forms.positions(words):
        return words[at]
    return None


@lru_cache(maxsize=PER_TEXT)
def _spaced_ar(text: str) -> str:
    return " " + " ".join(ar_word_tuple(text)) + " "


@lru_cache(maxsize=PER_WORD)  # keyed by the checks' own marker phrases, a fixed few: kept like per-word caches
def _ar_targets(phrase: str) -> tuple[str, ...]:
    """How `phrase` can be written word-aligned: as it is, or with one proclitic on its first word."""
    target = " ".join(ar_word_tuple(phrase))
    if not target:
        return ()
    return (f" {target} ", *(f" {clitic}{target} " for clitic in ("و", "ف", "ب", "ل")))


def ar_has_phrase(text: str, phrases: Iterable[str]) -> str | None:
    """The first of `phrases` (several words, folded) that `text` contains word-aligned, or None.

    One proclitic on the phrase's first word counts too: «ومن المتوقع», «وبحسب».
    """
    folded = _spaced_ar(text)
    for phrase in phrases:
        for target in _ar_targets(phrase):
            if target in folded:
                return phrase
    return None


@lru_cache(maxsize=PER_TEXT)
def _spaced_en(text: str) -> str:
    return " " + " ".join(en_word_tuple(text)) + " "


def en_has_phrase(text: str, phrases: Iterable[str]) -> str | None:
    """The first of `phrases` (lower-case words) that `text` contains as whole words, or None."""
    folded = _spaced_en(text)
    for phrase in phrases:
        if f" {phrase} " in folded:
            return phrase
    return None
