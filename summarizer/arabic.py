"""Arabic-aware text normalization that remembers where every character came from.

Grounding and scoring compare the model's words with the article's words. Arabic text
varies in ways that do not change meaning (diacritics, tatweel, alef and ya variants,
Arabic-Indic digits, curly quotes), so both sides are normalized before comparison. The
comparison happens on normalized text, but offsets must point into the ORIGINAL article,
so `map_normalized` returns, for every normalized character, its index in the input.

NFKC is deliberately not applied: it rewrites Arabic presentation forms and ligatures into
several characters, which would silently shift offsets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .charmap import CharMap

# Characters that take no room and change no word: zero-width space, joiners and non-joiners,
# word joiner and invisible operators, soft hyphen, bidi marks, embeddings and isolates, BOM.
# An article pasted from the web carries them inside words; a model never copies them.
INVISIBLE = frozenset(
    ["\u00ad", "\u034f", "\u061c", "\u180e", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff"]
    + [chr(c) for c in range(0x202A, 0x202F)]  # bidi embeddings and overrides
    + [chr(c) for c in range(0x2060, 0x2065)]  # word joiner, invisible operators
    + [chr(c) for c in range(0x2066, 0x206A)]  # bidi isolates
)

# Harakat (fathatan .. sukun), the superscript alef, Quranic annotation marks and tatweel:
# none of them changes which word is written.
_DROPPED = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]  # tanwin, harakat, shadda, sukun, maddah, hamza marks
    + [chr(0x0670), chr(0x0640)]  # superscript alef, tatweel
    + [chr(c) for c in range(0x06D6, 0x06EE)]  # Quranic annotation signs
    + list(INVISIBLE)
)

# The marks that attach to the preceding letter (everything dropped except invisible format characters).
_MARKS = _DROPPED - INVISIBLE

_FOLDED: dict[str, str] = {
    # alef variants
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    # ya / alef maqsura, ta marbuta, hamza on carriers
    "ى": "ي", "ئ": "ي", "ة": "ه", "ؤ": "و",
    # Persian/Urdu letter forms that appear in Arabic news text
    "ی": "ي", "ک": "ك",
    # punctuation variants
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "`": "'", "′": "'",
    "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-",
    "،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",",
}
# Arabic-Indic (U+0660..) and Extended/Persian (U+06F0..) digits become Western digits.
for _zero in (0x0660, 0x06F0):
    for _d in range(10):
        _FOLDED[chr(_zero + _d)] = str(_d)

# The same folding as one `str.translate` table, for `normalize` (which needs no offsets):
# dropped characters vanish, folded ones are replaced, ASCII letters are lowercased.
_TRANSLATE: dict[int, str | None] = {ord(c): None for c in _DROPPED}
_TRANSLATE.update({ord(c): (f.lower() if f.isascii() else f) for c, f in _FOLDED.items()})
_TRANSLATE.update({c: chr(c).lower() for c in range(ord("A"), ord("Z") + 1)})
_FOLD = CharMap(_TRANSLATE)  # `str.translate(_TRANSLATE)`, fast on Arabic text

# Runs, not single letters: a word is one match, so counting costs a few objects per field.
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]+")
# (Written "[X][X]*", not "[X]+": a regex that starts with a character class lets the engine skip
# ahead to the next candidate, which makes finding no Latin letter in Arabic text three times faster.)
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F]*")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalized text plus, for each of its characters, the index it came from."""

    text: str
    origin: Sequence[int]  # a tuple, or a `range` when no character moved
    source: str

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalized text back to a span of the original text.

        The end is extended over marks that follow the last letter (a final kasra or
        shadda belongs to that letter), so the span never cuts a letter in half.
        """
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}:{end} is outside the normalized text")
        original_end = self.origin[end - 1] + 1
        while original_end < len(self.source) and self.source[original_end] in _MARKS:
            original_end += 1
        return self.origin[start], original_end


def _char_class(chars: frozenset[str]) -> str:
    return "".join(f"\\u{ord(c):04x}" for c in sorted(chars))


# Where the offset map stops being the identity: dropped characters, whitespace other than a
# lone " ", and runs of two or more of either. Everything between two such places maps 1:1.
_SKIPPED = frozenset(c for c in map(chr, range(0x3001)) if c.isspace()) | _DROPPED  # U+3000 is the last space
_DROPPED_CLASS = _char_class(_DROPPED)
# The same places as `[\s D]{2,}|[D]|[^\S ]` (D: dropped characters), written to start with one
# character class, so that the regex engine skips the letters between them quickly.
_IRREGULAR = re.compile(f"[\\s{_DROPPED_CLASS}](?:[\\s{_DROPPED_CLASS}]+|(?<=[{_DROPPED_CLASS}])|(?<=[^\\S ]))")


def map_normalized(text: str) -> NormalizedText:
    """Normalize `text` for matching, keeping each output character's source index.

    Whitespace runs collapse to one space and leading/trailing whitespace is dropped, so a
    quote copied across a line break still matches. Only the places where characters are
    dropped or whitespace collapses are visited one by one; the text between them is folded
    by one character map (`CharMap`) and maps to its source one for one.
    """
    start, end = 0, len(text)
    while start < end and text[start] in _SKIPPED:
        start += 1
    while end > start and text[end - 1] in _SKIPPED:
        end -= 1
    if start == 0 and end == len(text) and _IRREGULAR.search(text) is None:
        # Nothing dropped, no whitespace collapsed or trimmed: character i came from index i.
        return NormalizedText(_FOLD(text), range(end), text)
    parts: list[str] = []
    origin: list[int] = []
    at = start
    for match in _IRREGULAR.finditer(text, start, end):
        left, right = match.span()
        if left > at:
            parts.append(text[at:left])
            origin.extend(range(at, left))
        for index in range(left, right):  # a run of whitespace becomes one space, where it began
            if text[index].isspace():
                parts.append(" ")
                origin.append(index)
                break
        at = right
    if end > at:
        parts.append(text[at:end])
        origin.extend(range(at, end))
    return NormalizedText(_FOLD("".join(parts)), tuple(origin), text)


# Cached by text, for the eval baseline, which maps the same gold sentences over and over.
# Grounding keeps its own maps per article (`grounding.Grounding`): a cache shared between
# articles would make a benchmark that repeats one article look cheaper than real work.
normalize_with_map = lru_cache(maxsize=2048)(map_normalized)


def normalize(text: str) -> str:
    """Normalized form of `text` for comparisons that need no offsets.

    Equal to `normalize_with_map(text).text`, computed in C by `str.replace` (`CharMap`) and
    `str.split` (which splits on exactly the characters `str.isspace` accepts).
    """
    return " ".join(_FOLD(text).split())


def find_normalized(haystack: str, needle: str) -> tuple[int, int] | None:
    """Find `needle` in `haystack` after normalizing both; return the ORIGINAL span or None."""
    target = normalize(needle)
    if not target:
        return None
    mapped = normalize_with_map(haystack)
    at = mapped.text.find(target)
    if at < 0:
        return None
    return mapped.original_span(at, at + len(target))


def script_share(text: str) -> tuple[float, float]:
    """Share of letters that are Arabic and share that are Latin (digits and punctuation ignored)."""
    if text.isascii():  # an English field: its letters are all Latin, found without counting them
        return (0.0, 1.0) if _LATIN_LETTER.search(text) else (0.0, 0.0)
    arabic = sum(map(len, _ARABIC_LETTER.findall(text)))
    latin = sum(map(len, _LATIN_LETTER.findall(text)))
    letters = arabic + latin
    if letters == 0:
        return 0.0, 0.0
    return arabic / letters, latin / letters

