"""Named entities as anchors, found through the brief's own entity list.

Each listed entity is one key, whatever the language: «رون ديرمر», «وديرمر», "Ron Dermer" and
"Dermer's" are all the entity Ron Dermer. Forms:

* the full name in each language; for people and outlets also the last word of the name
  («الشيباني», "Shaibani"), which is how articles and briefs name them a second time;
* Arabic: word-aligned, with proclitics peeled off the first word (و، ف، ب، ل، ال), never as
  part of a longer word — «السوري» is not «سوريا», and "Israeli" is not Israel: a
  nationality adjective is not a mention of the country, in either language;
* English spelling variants go through rapidfuzz, word by word (`fuzz.ratio` >= `SPELLING`, or
  >= `TRANSLITERATION` with the same consonants), so "al-Shibani" is al-Shaibani, "Khateeb" is
  Khatib and "Tom Barak" is Tom Barrack; a form that merely adds a nationality ending to the
  name (Syria → Syrian, German → Germany) is a derived word, not a variant. Arabic is compared
  exactly after normalization (a fuzzy «ألمانًا» would be «ألمانيا»).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import compress

from rapidfuzz import fuzz

from ..schema import Entity
from .text import PER_TEXT, PER_WORD, ar_stems, ar_word_tuple, ar_words, ar_words_with_stems, en_word_tuple, en_words

SPELLING = 88.0
TRANSLITERATION = 70.0
MIN_FUZZY_CHARS = 5  # shorter words must match exactly
# Type values of both annotation schemes (scheme 1 EntityType, scheme 2 ActorType), compared as strings.
_LAST_WORD_TYPES = frozenset({"person", "media_outlet", "media"})
_PLACE_TYPES = frozenset({"location", "country"})
# Groups, events and "other" are mostly written as adjectives in one language and nouns in the
# other ("Druze-majority" / «ذات الغالبية الدرزية»): only named actors and places are anchors.
ANCHOR_TYPES = frozenset(
    {
        "person",
        "official",
        "organization",
        "media_outlet",
        "media",
        "government_body",
        "government",
        "location",
        "country",
    }
)


_BRACKETS = re.compile(r"\(([^)]*)\)")
# Head words that say what kind of thing a name is, dropped to find the name's core.
_AR_GENERIC = frozenset(ar_words("معبر مدينة محافظة صحيفة موقع قناة وكالة منطقة بلدة قرية مخيم ولاية جزيرة مطار ميناء"))
_EN_GENERIC = frozenset(
    "the crossing border city town province governorate newspaper daily website channel agency news region area "
    "village camp state island airport port".split()
)


def _type(entity: Entity) -> str:
    return str(getattr(entity.type, "value", entity.type))


# Endings that turn a name into a nationality or adjective: Syria/Syrian, Israel/Israeli,
# German/Germany, سوري/سوريا, and Arabic nisba endings.
_DERIVING_ENDINGS = ("n", "an", "ian", "i", "ese", "ish", "y", "ي", "يه", "يون", "يين", "ين", "ا")
_EN_DERIVING_ENDINGS = tuple(ending for ending in _DERIVING_ENDINGS if ending.isascii())
_EN_PARTICLES = frozenset({"al", "el", "the", "of", "bin", "ibn", "abu", "de", "la", "le", "van", "von"})


@dataclass(frozen=True)
class EntityForms:
    key: str  # the entity's English name: how messages name it
    ar: tuple[tuple[str, ...], ...]  # forms as folded word tuples
    en: tuple[tuple[str, ...], ...]
    place: bool = False  # "Israel's minister" is «الوزير الإسرائيلي»: a place's possessive is an adjective
    official: bool = False  # named by office («نظيره الليبي» = "the Libyan trade minister"): a title, not a name

    # The entity list keys the per-text caches of anchors and mentions: its nested tuples are
    # hashed once per entity, not on every lookup (equality is unchanged).
    @cached_property
    def _hash(self) -> int:
        return hash((self.key, self.ar, self.en, self.place, self.official))

    def __hash__(self) -> int:
        return self._hash


class FormsTuple(tuple[EntityForms, ...]):
    """`forms_of`'s result: a tuple of `EntityForms` that hashes its entities once.

    The per-text caches of anchors and mentions are keyed by it and hash it on every lookup.
    """

    @cached_property
    def _hash(self) -> int:
        return tuple.__hash__(self)

    def __hash__(self) -> int:
        return self._hash


def as_tuple(entities: Sequence[EntityForms]) -> tuple[EntityForms, ...]:
    """`entities` as a tuple to key a cache with (kept as it is when it already is one)."""
    return entities if isinstance(entities, tuple) else tuple(entities)


def _last_word(words: tuple[str, ...], particles: frozenset[str] = frozenset()) -> tuple[str, ...] | None:
    meaningful = [w for w in words if w not in particles]
    if len(words) < 2 or not meaningful or len(meaningful[-1]) < 4:
        return None
    return (meaningful[-1],)


def forms_of(entities: Iterable[Entity]) -> tuple[EntityForms, ...]:
    """Searchable forms of each entity.

    Entries with the same Arabic name or the same English name, also once a generic head word
    is off («معبر رأس اجدير» = «رأس اجدير»), are one entity («السويداء» = Sweida = Suwayda),
    named by the first of them. The same list of names gives the same
    objects back, so the per-text caches keyed by them compare them by identity.
    """
    return _forms_of(tuple((entity.name_ar, entity.name_en, _type(entity)) for entity in entities))


@lru_cache(maxsize=64)
def _forms_of(names: tuple[tuple[str, str, str], ...]) -> tuple[EntityForms, ...]:
    entries = [entry for entry in map(_entry, names) if entry is not None]
    groups = _referents(entries)
    found: list[EntityForms] = []
    for members in groups:
        key = entries[members[0]].key
        ar_forms: set[tuple[str, ...]] = set()
        en_forms: set[tuple[str, ...]] = set()
        for at in members:
            ar_forms |= entries[at].ar
            en_forms |= entries[at].en
        kinds = {entries[at].kind for at in members}
        found.append(
            EntityForms(
                key=key,
                ar=tuple(sorted(ar_forms)),
                en=tuple(sorted(en_forms)),
                place=not kinds.isdisjoint(_PLACE_TYPES),
                official=kinds == {"official"},
            )
        )
    return FormsTuple(found)


@dataclass(frozen=True)
class _Entry:
    """One listed entity's searchable forms, before entries naming one referent are joined."""

    key: str
    kind: str
    ar: frozenset[tuple[str, ...]]
    en: frozenset[tuple[str, ...]]
    names: frozenset[tuple[str, tuple[str, ...]]]  # what ties entries together: full names and cores


@lru_cache(maxsize=PER_WORD)  # like a per-word cache: the same names (countries, leaders) recur across articles
def _entry(name: tuple[str, str, str]) -> _Entry | None:
    """One listed entity's forms (immutable, so the same names share one entry in every list)."""
    name_ar, name_en, kind = name
    if kind not in ANCHOR_TYPES:
        return None
    ar = ar_word_tuple(name_ar)
    bracketed = _BRACKETS.findall(name_en)  # "Tunis Afrique Presse (TAP)": TAP is an alias
    unbracketed = _BRACKETS.sub(" ", name_en)
    en = tuple(w for w in en_word_tuple(unbracketed) if w != "s")
    if not ar or not en:
        return None
    ar_forms, en_forms = {ar}, {en, tuple(w for w in en if w != "the") or en}
    for alias in bracketed:
        if en_word_tuple(alias):
            en_forms.add(en_word_tuple(alias))
    names = {("ar", ar), ("en", en)}
    # the name without a generic head word: «معبر رأس اجدير» = رأس اجدير, "Ras Ajdir crossing" = Ras Ajdir
    for lang, form, generic, target in (("ar", ar, _AR_GENERIC, ar_forms), ("en", en, _EN_GENERIC, en_forms)):
        core = tuple(w for w in form if w not in generic)
        if core and core != form and sum(map(len, core)) >= 4:
            target.add(core)
            names.add((lang, core))
    if kind in _LAST_WORD_TYPES:
        for form, particles, target in ((ar, frozenset(), ar_forms), (en, _EN_PARTICLES, en_forms)):
            last = _last_word(form, particles)
            if last:
                target.add(last)
    return _Entry(unbracketed.strip(), kind, frozenset(ar_forms), frozenset(en_forms), frozenset(names))


def _referents(entries: list[_Entry]) -> list[list[int]]:
    """Entries that share a name or a core name, grouped (transitively), each group in list order.

    «السويداء» = Sweida = Suwayda; «صحيفة الصباح» and «الصباح» (the same name once «صحيفة» is off)
    are one outlet, also when the entry that ties them comes last (the eval adds the gold's list).
    """
    parent = list(range(len(entries)))

    def root(at: int) -> int:
        while parent[at] != at:
            parent[at] = parent[parent[at]]
            at = parent[at]
        return at

    first: dict[tuple[str, tuple[str, ...]], int] = {}
    for at, entry in enumerate(entries):
        for name in sorted(entry.names):
            other = first.setdefault(name, at)
            low, high = sorted((root(at), root(other)))
            parent[high] = low
    groups: dict[int, list[int]] = {}
    for at in range(len(entries)):
        groups.setdefault(root(at), []).append(at)
    return list(groups.values())


def _derived(a: str, b: str) -> bool:
    """One word is the other plus a suffix (Syria/Syrian, سوري/سوريا): related, not the same name."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return short != long and long.startswith(short) and long[len(short) :] in _DERIVING_ENDINGS


def _skeleton(word: str) -> str:
    """A transliterated name's consonants: Khateeb and Khatib, Barak and Barrack are the same."""
    word = word.replace("ck", "k").replace("q", "k").replace("ph", "f")
    out = word[:1] + "".join(c for c in word[1:] if c not in "aeiou")
    return "".join(c for i, c in enumerate(out) if i == 0 or c != out[i - 1])


@lru_cache(maxsize=PER_WORD)
def _same_word(a: str, b: str) -> bool:
    """Two English words name the same thing.

    Two English words name the same thing: equal, or a spelling variant (rapidfuzz ratio >=
    `SPELLING`, or the same consonants and a ratio >= `TRANSLITERATION`).
    """
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_FUZZY_CHARS or _derived(a, b):
        return False
    ratio = fuzz.ratio(a, b)
    if ratio >= SPELLING:
        return True
    prefix = a.startswith(b) or b.startswith(a)  # Tunis / Tunisia: a longer word, not a spelling
    return not prefix and ratio >= TRANSLITERATION and _skeleton(a) == _skeleton(b)


@lru_cache(maxsize=PER_WORD)
def _may_start(word: str, first: str, several: bool) -> bool:
    """An English word can be the first word of a form: the same word, or (of a form of several words) its adjective."""
    return _same_word(word, first) or (several and _derived(word, first))


def _phrase_at(words: Sequence[str], at: int, form: tuple[str, ...], arabic: bool) -> bool:
    """`form` is written at `words[at:]`.

    Arabic: exact after normalization, proclitics peeled off the first word (spelling is already
    folded); English: each word equal or a spelling variant, and a modifier may be the adjective
    of the name ("Syria's transitional authorities").
    """
    if at + len(form) > len(words):
        return False
    window = words[at : at + len(form)]
    if arabic:
        return form[0] in ar_stems(window[0]) and all(w == f for w, f in zip(window[1:], form[1:], strict=True))
    last = len(form) - 1
    for i, (w, f) in enumerate(zip(window, form, strict=True)):
        if not (_same_word(w, f) or (i < last and _derived(w, f))):
            return False
    return True


Form = tuple[tuple[str, ...], EntityForms]


class _FormIndex:
    """One entity list's forms by first word (Arabic) or first letter (English), to try only likely ones.

    `starting(word)` is, in index order, every form whose first word this word can be: a form
    keyed by one of its stems (Arabic), or one whose first word it equals, spells alike or
    derives from (English, as `_phrase_at` reads a form's first word). Remembered per word;
    `starts` is the set of the words that start a form, so a text's candidates are one set
    intersection. In Arabic that set is known from the keys alone (`ar_words_with_stems`: each
    key under every stack of proclitics), a few dozen words per key; in English, where a
    spelling variant starts a form too, it is the words seen so far that do, learned as texts come.
    """

    def __init__(self, entities: tuple[EntityForms, ...], arabic: bool) -> None:
        self.arabic = arabic
        self._by_key: dict[str, list[Form]] = {}
        for entity in entities:
            for form in entity.ar if arabic else entity.en:
                self._by_key.setdefault(form[0] if arabic else form[0][:1], []).append((form, entity))
        self._starting: dict[str, tuple[Form, ...]] = {}
        self._seen: set[str] = set()
        self.starts: set[str] = ar_words_with_stems(self._by_key) if arabic else set()
        # English words too short to be a spelling variant start a form only as its first word or
        # (of a form of several words) that word's adjective: those few are listed, the rest skipped.
        self._short_starts = set() if arabic else _plain_starts(entities)
        # and a longer word is a spelling variant only of a first word as long (`_same_word`)
        self._fuzzy_letters = {
            form[0][:1] for entity in entities for form in entity.en if len(form[0]) >= MIN_FUZZY_CHARS
        }
        # Two entities sharing a form go to the one listed first: each key's first place in the list.
        self.rank = {entity.key: n for n, entity in reversed(list(enumerate(entities)))}

    def learn(self, words: Sequence[str]) -> None:
        """Find which of `words` start a form (only English words not seen before are looked at)."""
        seen = self._seen
        if self.arabic or seen.issuperset(words):  # Arabic: known already; English texts repeat words
            return
        new = set(words).difference(seen)
        plain, letters = self._short_starts, self._fuzzy_letters
        self.starts.update(
            word
            for word in new
            if word in plain or (len(word) >= MIN_FUZZY_CHARS and word[:1] in letters and self._forms_starting(word))
        )
        if len(seen) >= PER_WORD:  # an index reused for many texts stays bounded
            self._seen = set(words)
        else:
            seen |= new

    def starting(self, word: str) -> tuple[Form, ...]:
        found = self._starting.get(word)
        return found if found is not None else self._forms_starting(word)

    def _forms_starting(self, word: str) -> tuple[Form, ...]:
        # a tuple: for the many words that start no form, the one shared empty tuple, not a list each
        if self.arabic:
            found = tuple(entry for key in ar_stems(word) for entry in self._by_key.get(key, ()))
        else:
            found = tuple(
                (form, entity)
                for form, entity in self._by_key.get(word[:1], ())
                if _may_start(word, form[0], len(form) > 1)
            )
        if len(self._starting) >= PER_WORD:  # an index reused for many texts stays bounded
            self._starting.clear()
        self._starting[word] = found
        return found


def _plain_starts(entities: tuple[EntityForms, ...]) -> set[str]:
    """The English words `_may_start` accepts without a spelling match: first words, and their adjectives.

    A word shorter than `MIN_FUZZY_CHARS` is the same word as a form's first word only when equal
    (`_same_word`), and starts a form of several words also as its `_derived` word: the first
    word plus a deriving ending, or without one (English words have only the Latin endings).
    """
    found: set[str] = set()
    for entity in entities:
        for form in entity.en:
            first = form[0]
            found.add(first)
            if len(form) > 1:
                found.update([first + ending for ending in _EN_DERIVING_ENDINGS])
                found.update([first[: -len(e)] for e in _EN_DERIVING_ENDINGS if first.endswith(e) and first != e])
    return found


@lru_cache(maxsize=256)
def _index(entities: tuple[EntityForms, ...], arabic: bool) -> _FormIndex:
    return _FormIndex(entities, arabic)


def _possessive(raw: tuple[str, ...]) -> set[int]:
    """Positions (among the words other than "s") of the words an English "'s" follows."""
    possessive = set()
    kept = -1
    for w in raw:
        if w == "s" and kept >= 0:
            possessive.add(kept)
        else:
            kept += 1
    return possessive


@lru_cache(maxsize=PER_TEXT * 4)
def _mentions(text: str, lang: str, entities: tuple[EntityForms, ...]) -> tuple[tuple[str, str], ...]:
    if not entities:
        return ()
    arabic = lang == "ar"
    raw = ar_word_tuple(text) if arabic else en_word_tuple(text)
    index = _index(entities, arabic)
    # only where some form can start (a few words of the text): each distinct word asked once per entity list
    index.learn(raw)
    if index.starts.isdisjoint(raw):  # most texts name no entity: nothing else to do
        return ()
    # English possessives: "Dermer's visit" is Dermer + visit
    words = raw if arabic or "s" not in raw else tuple(w for w in raw if w != "s")
    at_starts = list(compress(range(len(words)), map(index.starts.__contains__, words)))
    if not at_starts:
        return ()
    possessive = set() if arabic or "s" not in raw else _possessive(raw)
    candidates: list[tuple[int, int, str]] = []
    for i in at_starts:
        for form, entity in index.starting(words[i]):
            # the first word is matched already (a one-word form is then found); the rest must follow
            # (Arabic exactly, after normalization)
            if len(form) == 1:
                if arabic or not (entity.place and i in possessive):
                    candidates.append((1, i, entity.key))
            elif arabic:
                if i + len(form) <= len(words) and words[i + 1 : i + len(form)] == form[1:]:
                    candidates.append((len(form), i, entity.key))
            elif _phrase_at(words, i, form, arabic) and not (entity.place and i + len(form) - 1 in possessive):
                candidates.append((len(form), i, entity.key))
    if len(candidates) == 1:  # one form found: nothing overlaps, nothing to order
        length, start, key = candidates[0]
        return ((key, " ".join(words[start : start + length])),)
    return _resolve(candidates, words, index.rank)


def _resolve(
    candidates: list[tuple[int, int, str]], words: Sequence[str], rank: dict[str, int]
) -> tuple[tuple[str, str], ...]:
    """Where found forms overlap, the longest wins, then the leftmost; an entity keeps its first words.

    Two entities sharing a form («الخطيب» of two Khatibs) go to the one listed first (`rank`), in
    both languages and in every process (set order would vary with the hash seed). The words
    taken so far are marked in one bytearray, not kept as a set of positions per form.
    """
    taken = bytearray(len(words))
    found: dict[str, str] = {}
    for length, start, key in sorted(set(candidates), key=lambda c: (-c[0], c[1], rank[c[2]])):
        end = start + length
        if taken.find(1, start, end) >= 0:
            continue
        taken[start:end] = b"\x01" * length
        if key not in found:
            found[key] = " ".join(words[start:end])
    return tuple(found.items())


def mentions(text: str, lang: str, entities: Sequence[EntityForms]) -> dict[str, str]:
    """Entity key -> the words that mention it in `text` (Arabic if `lang` is "ar", else English).

    Where forms overlap the longest wins, so "France 24" is the outlet, not France, and
    "southern Syria" is not Syria.
    """
    return dict(_mentions(text, lang, as_tuple(entities)))


_AR_NISBA = ("ي", "يه", "يين", "يون", "ين", "ون", "ه")
_EN_NISBA = ("n", "an", "ian", "i", "ese", "ish")


def adjective_of_place(text: str, lang: str, entity: EntityForms) -> str | None:
    """A nationality adjective of a one-word place in `text` («الإسرائيلي», "Israeli", "Syrian").

    Arabic says «تحرك من جانب إسرائيل» where English says "an Israeli move": the parity check
    accepts the adjective on one side for the place on the other.
    """
    if not entity.place:
        return None
    forms = [f[0] for f in (entity.ar if lang == "ar" else entity.en) if len(f) == 1]
    for word in ar_words(text) if lang == "ar" else en_words(text):
        for name in forms:
            if lang == "ar":
                core = name[:-1] if name.endswith("ا") else name
                for stem in ar_stems(word):
                    if stem != name and stem.startswith(core) and stem[len(core) :] in _AR_NISBA:
                        return word
            elif word != name and (
                (word.startswith(name) and word[len(name) :] in _EN_NISBA)
                or (
                    name.endswith(("a", "y"))
                    and word.startswith(name[:-1])
                    and word[len(name) - 1 :] in ("", "n", "an")
                )
            ):
                return word
    return None
