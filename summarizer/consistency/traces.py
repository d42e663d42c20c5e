"""Traces: how a text refers to a listed entity without writing one of its names.

The two languages do not name things the same way. Arabic writes «وفد أمريكي» where English
writes "a United States delegation", «مسؤول جمركي تونسي» where English writes "a Tunisian
customs official", and a brief may shorten "Syrian government forces" to "government forces" on
one side. None of these is a mention (`entities.mentions`: a form of the name, word-aligned),
but none is a name missing from one language either. The parity check and the evidence check
accept a trace where the other side (or the evidence) has the mention:

* the nationality adjective of a place: «الإسرائيلي», "Israeli", "Syrian" (`adjective_of_place`),
  and the adjectives no ending derives, from a short table: American / «أمريكي» for the United
  States, British, French, Dutch, Lebanese, Saudi, Emirati, …;
* the core of a longer name: the name without its nationality adjectives ("government forces"
  of "Syrian government forces", «الجمارك» of «الجمارك التونسية»), unless the text puts another
  nationality next to it ("Syrian forces" is not a trace of "Israeli forces");
* in Arabic, a word of the same consonant skeleton once the article, clitics and nisba endings
  are off: «جمركي» for «الجمارك» (a broken plural and its adjective share no stem).

A trace is weaker than a mention: it is only ever asked about a name the other side or the
evidence already has, never used to find names.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from .entities import EntityForms, adjective_of_place, as_tuple
from .text import PER_TEXT, PER_WORD, ar_stems, ar_word_tuple, en_word_tuple

# Adjectives (and short names) that no ending derives from the country's name, by the English
# names an entity list writes for it. English entries are phrases ("u s" is "U.S." as the words
# read it); Arabic entries are cores: a word is a trace when one of its stems is the core plus a
# nisba ending (or the core alone, or the core + «ا»).
_IRREGULAR: dict[tuple[str, ...], tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]] = {}
for _names, _en, _ar in (
    ("united states|united states of america|america|usa", "american|americans|us|u s", "امريك اميرك"),
    ("united kingdom|britain|great britain|uk", "british|briton|britons", "بريطان"),
    ("france", "french", "فرنس"),
    ("netherlands|the netherlands|holland", "dutch", "هولند"),
    ("china", "chinese", "صين"),
    ("lebanon", "lebanese", "لبنان"),
    ("saudi arabia|kingdom of saudi arabia", "saudi|saudis", "سعود"),
    ("united arab emirates|uae|emirates", "emirati|emiratis", "امارات"),
    ("turkey|turkiye", "turkish|turks", "ترك"),
    ("palestine", "palestinian|palestinians", "فلسطين"),
    ("morocco", "moroccan|moroccans", "مغرب"),
    ("ukraine", "ukrainian|ukrainians", "اوكران"),
    ("afghanistan", "afghan|afghans", "افغان"),
    ("switzerland", "swiss", "سويسر"),
    ("greece", "greek|greeks", "يونان"),
):
    for _name in _names.split("|"):
        _IRREGULAR[tuple(_name.split())] = (tuple(tuple(p.split()) for p in _en.split("|")), tuple(_ar.split()))

_FUNCTION_WORDS = frozenset({"the", "of", "and", "al", "el", "في", "من", "و"})  # never the words that make a part
_EN_NATIONALITY_ENDINGS = ("ian", "ians", "an", "ans", "ese", "ish", "i", "is")
_EN_NATIONALITIES = frozenset(p[0] for en, _ in _IRREGULAR.values() for p in en if len(p) == 1 and len(p[0]) > 2)
_AR_NISBA = ("ي", "يه", "يين", "يون", "ين", "ون", "ه", "ا")
_AR_LONG_VOWELS = frozenset("اوي")


def _en_nationality(word: str) -> bool:
    """An English word that looks like a nationality adjective ("syrian", "israeli", "french")."""
    return word in _EN_NATIONALITIES or (len(word) >= 5 and word.endswith(_EN_NATIONALITY_ENDINGS))


def _ar_nisba(word: str) -> bool:
    """An Arabic word with a nisba ending («السوريه», «التونسي», «الحكوميه»)."""
    return len(word) >= 4 and word.endswith(("ي", "يه", "يين", "يون"))


@lru_cache(maxsize=PER_WORD)
def _ar_skeletons(word: str) -> frozenset[str]:
    """The consonant skeletons of an Arabic word: each stem without nisba ending or inner long vowels.

    «الجمارك» and «جمركي» are both جمرك; skeletons under three letters are dropped (too common).
    """
    found = set()
    for stem in ar_stems(word):
        bases = {stem, *(stem[: -len(end)] for end in _AR_NISBA if stem.endswith(end) and len(stem) > len(end) + 1)}
        for base in bases:
            skeleton = base[:1] + "".join(c for c in base[1:] if c not in _AR_LONG_VOWELS)
            if len(skeleton) >= 3:
                found.add(skeleton)
    return frozenset(found)


@lru_cache(maxsize=PER_WORD)
def _ar_adjective_of(word: str, core: str) -> bool:
    """`word` is the nisba adjective (or the name) built on `core`: «أمريكية», «الأميركي», «أمريكا»."""
    return any(stem.startswith(core) and stem[len(core) :] in ("", *_AR_NISBA) for stem in ar_stems(word))


Core = tuple[tuple[str, ...], tuple[str, ...]]  # (English words, Arabic words): one of them empty


@lru_cache(maxsize=256)
def _cores(entity: EntityForms) -> tuple[Core, ...]:
    """Each form's core: the form without its nationality adjectives.

    English puts the nationality before the noun, Arabic after it: as many trailing nisba words
    are taken off the Arabic as nationality words off the English.
    """
    cores: list[Core] = []
    dropped = 0
    for form in entity.en:
        core = tuple(word for word in form if not _en_nationality(word))
        dropped = max(dropped, len(form) - len(core))
        if core and core != form:
            cores.append((core, ()))
    for form in entity.ar:
        core = form
        for _ in range(dropped):
            if len(core) > 1 and _ar_nisba(core[-1]):
                core = core[:-1]
        cores.append(((), core))
    return tuple(cores)


def _en_has_core(words: Sequence[str], core: tuple[str, ...], dropped: frozenset[str]) -> bool:
    for at in range(len(words) - len(core) + 1):
        if all(words[at + i].rstrip("s") == word.rstrip("s") for i, word in enumerate(core)):
            before = words[at - 1] if at else ""
            if not (before and _en_nationality(before) and before not in dropped):
                return True
    return False


def _ar_has_core(words: Sequence[str], core: tuple[str, ...], dropped: tuple[str, ...]) -> bool:
    shortest = 4 if len(core) == 1 else 3  # one short word alone is too easily another word («مصر», «المصير»)
    wanted = [frozenset(s for s in _ar_skeletons(word) if len(s) >= shortest) for word in core]
    if not all(wanted):
        return False
    for at in range(len(words) - len(core) + 1):
        if all(not wanted[i].isdisjoint(_ar_skeletons(words[at + i])) for i in range(len(core))):
            after = words[at + len(core)] if at + len(core) < len(words) else ""
            if not (after and _ar_nisba(after) and not any(_ar_skeletons(after) & _ar_skeletons(d) for d in dropped)):
                return True
    return False


def _irregular(entity: EntityForms) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]:
    for form in entity.en:
        found = _IRREGULAR.get(form)
        if found:
            return found
    return (), ()


def _has_phrase(words: Sequence[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(words[at : at + size]) == phrase for at in range(len(words) - size + 1))


def _head_part(words: Sequence[str], form: tuple[str, ...], arabic: bool) -> bool:
    """Two or more words of `form`, in its order and with its head word, written together in `words`.

    "Syrian forces" of "Syrian government forces" (English: the head is the last word);
    «القوات السورية» of «القوات الحكومية السورية» (Arabic: the first) — unless another nationality
    stands next to them ("Israeli government forces").
    """
    if len(form) < 3:
        return False
    head = 0 if arabic else -1
    for at, word in enumerate(words):
        if word != form[head]:
            continue
        for size in range(2, len(form)):
            start = at if arabic else at - size + 1
            part = tuple(words[max(start, 0) : start + size])
            if (
                len(part) == size
                and _FUNCTION_WORDS.isdisjoint(part)
                and _in_order(part, form)
                and not _other_nationality(words, start, size, form, arabic)
            ):
                return True
    return False


def _other_nationality(words: Sequence[str], start: int, size: int, form: tuple[str, ...], arabic: bool) -> bool:
    """The word beside a part of a name (before it in English, after it in Arabic) is a nationality the name lacks."""
    at = start + size if arabic else start - 1
    if not 0 <= at < len(words):
        return False
    word = words[at]
    return (_ar_nisba(word) if arabic else _en_nationality(word)) and word not in form


def _in_order(part: tuple[str, ...], form: tuple[str, ...]) -> bool:
    rest = iter(form)
    return all(word in rest for word in part)


@lru_cache(maxsize=PER_WORD)
def _peeled(word: str) -> str:
    """An Arabic word without its article and proclitics, where it has them («للقوات» → قوات), to compare words."""
    for stem in ar_stems(word):
        if stem.startswith("ال") and len(stem) > 3:
            return stem[2:]
    return word[1:] if word.startswith(("و", "ف")) and len(word) > 3 else word


@lru_cache(maxsize=PER_WORD)
def _place_base(word: str) -> str:
    """An Arabic place name or its adjective without the article and nisba ending: «ليبيا», «الليبية» → ليب."""
    base = _peeled(word)
    for _ in range(2):  # «ليبيا» → ليبي → ليب
        for end in ("يين", "يون", "يه", "ي", "ا", "ه"):
            if base.endswith(end) and len(base) - len(end) >= 3:
                base = base[: -len(end)]
                break
    return base


def _official(words: Sequence[str], lang: str, entity: EntityForms) -> bool:
    """An official named by office is traced by its nationality: «نظيره الليبي» = "his Libyan counterpart"."""
    if lang == "en":
        return any(word in words for form in entity.en for word in form if _en_nationality(word))
    nisba = {_peeled(word) for form in entity.ar for word in form if _ar_nisba(word)}
    return not nisba.isdisjoint(map(_peeled, words))


def _traced(text: str, lang: str, entity: EntityForms) -> bool:
    if adjective_of_place(text, lang, entity):
        return True
    return _traced_en(en_word_tuple(text), entity) if lang == "en" else _traced_ar(ar_word_tuple(text), entity)


def _traced_en(words: Sequence[str], entity: EntityForms) -> bool:
    english, _ = _irregular(entity)
    if any(_has_phrase(words, phrase) for phrase in english):
        return True
    if any(_head_part(words, form, arabic=False) for form in entity.en):
        return True
    if entity.official and _official(words, "en", entity):
        return True
    dropped = frozenset(word for form in entity.en for word in form if _en_nationality(word))
    return any(en and _en_has_core(words, en, dropped) for en, _ in _cores(entity))


def _traced_ar(words: Sequence[str], entity: EntityForms) -> bool:
    _, arabic = _irregular(entity)
    if any(_ar_adjective_of(word, core) for word in words for core in arabic):
        return True
    peeled = [_peeled(word) for word in words]
    if any(_head_part(peeled, tuple(map(_peeled, form)), arabic=True) for form in entity.ar):
        return True
    if entity.official and _official(words, "ar", entity):
        return True
    if entity.place:  # a brief may list a place by its adjective (الليبية) and write its name (ليبيا)
        bases = {_place_base(form[0]) for form in entity.ar if len(form) == 1}
        if not bases.isdisjoint(map(_place_base, words)):
            return True
    return any(
        ar and _ar_has_core(words, ar, tuple(w for form in entity.ar for w in form[len(ar) :]))
        for _, ar in _cores(entity)
    )


@lru_cache(maxsize=PER_TEXT)
def _traces(text: str, lang: str, entities: tuple[EntityForms, ...]) -> frozenset[str]:
    return frozenset(entity.key for entity in entities if _traced(text, lang, entity))


def traces(text: str, lang: str, entities: Sequence[EntityForms]) -> frozenset[str]:
    """The keys of the entities `text` refers to by an adjective, a shorter name or a related word.

    Includes no plain mention (`entities.mentions` finds those); ask it only about a name the
    other language or the evidence has.
    """
    return _traces(text, lang, as_tuple(entities))
