"""Comparing names and finding mentions, in Arabic and in English, the same way in every scorer.

Arabic goes through `summarizer.arabic.normalize` (diacritics, alef/ya/ta marbuta variants,
digits), then punctuation becomes space. English is folded to lower-case ASCII letters and
digits (accents dropped, apostrophes removed, other punctuation as space), and a leading
article (a, an, the) is ignored when two names are compared.

Mentions are searched with each language's morphology in mind: an Arabic form may sit
inside a longer word (prefixes و، ب، ل، ال and suffixes are glued on: «بباريس»,
«الإسرائيلي»), so it is a substring match, and a form starting with ال also matches its
لل spelling («للقوات» for ل + «القوات»); an English form must start a word, so «Israel»
finds «Israeli» but «Iran» never matches inside another word. Acronyms written in capitals
(US, JCPOA) are matched as whole words, case-sensitively, so «US» never matches «us».
Where forms overlap, the search takes the leftmost, then the longest: «France 24» is the
outlet, not France.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from .. import arabic

# The scorers normalize the same few hundred strings many times per brief.
normalize = lru_cache(maxsize=16384)(arabic.normalize)

_PUNCT_AR = re.compile(r"[^\w\s]|_")
_APOSTROPHES = re.compile(r"['’ʼ`ʻ]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ARTICLE = re.compile(r"^(?:the|a|an) ")
_ACRONYM = re.compile(r"^[A-Z][A-Z.]*[A-Z]\.?$")


@lru_cache(maxsize=8192)
def norm_ar(text: str) -> str:
    """Arabic text for matching: `arabic.normalize`, punctuation as space, single spaces."""
    return " ".join(_PUNCT_AR.sub(" ", normalize(text)).split())


@lru_cache(maxsize=8192)
def norm_en(text: str) -> str:
    """English text for matching: lower-case ASCII letters and digits, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_ALNUM.sub(" ", _APOSTROPHES.sub("", ascii_only.lower())).split())


@lru_cache(maxsize=8192)
def norm_name_en(text: str) -> str:
    """An English name without a leading article: 'the Maariv newspaper' ~ 'Maariv newspaper'."""
    return _ARTICLE.sub("", norm_en(text))


def name_similarity(predicted: str | None, accepted: Iterable[str], lang: str) -> float:
    """Best rapidfuzz ratio (0-100) of a predicted name against accepted names in one language."""
    if not predicted:
        return 0.0
    fold = norm_ar if lang == "ar" else norm_name_en
    target = fold(predicted)
    if not target:
        return 0.0
    return max((fuzz.ratio(target, fold(name)) for name in accepted if fold(name)), default=0.0)


@dataclass(frozen=True)
class Lexicon:
    """Surface forms of named things (entities, leak terms), searchable in running text."""

    forms_ar: Mapping[str, Sequence[str]]
    forms_en: Mapping[str, Sequence[str]]

    def mentions(self, text: str, lang: str) -> set[str]:
        """Keys of every thing `text` mentions (at each place, the longest form wins)."""
        if lang == "ar":
            return self._search(norm_ar(text), self._table("ar"), word_start=False)
        found = self._search(norm_en(text), self._table("en"), word_start=True)
        for key, forms in self.forms_en.items():
            for form in forms:
                if _ACRONYM.match(form) and re.search(rf"(?<![A-Za-z]){re.escape(form)}(?![A-Za-z])", text):
                    found.add(key)
        return found

    def _table(self, lang: str) -> dict[str, str]:
        """Folded form -> key, with the لل spelling of Arabic forms that start with ال."""
        table: dict[str, str] = {}
        forms = self.forms_ar if lang == "ar" else self.forms_en
        for key, names in forms.items():
            for name in names:
                if lang == "en" and _ACRONYM.match(name):
                    continue  # matched case-sensitively on the original text
                folded = norm_ar(name) if lang == "ar" else norm_en(name)
                if not folded:
                    continue
                table.setdefault(folded, key)
                if lang == "ar" and folded.startswith("ال"):
                    # ل + ال is written لل: «للقوات السورية» is «القوات السورية» with a preposition.
                    table.setdefault("لل" + folded[2:], key)
        return table

    @staticmethod
    def _search(haystack: str, table: dict[str, str], *, word_start: bool) -> set[str]:
        if not table:
            return set()
        alternatives = "|".join(re.escape(form) for form in sorted(table, key=len, reverse=True))
        pattern = rf"(?<![a-z0-9])(?:{alternatives})" if word_start else f"(?:{alternatives})"
        return {table[match.group()] for match in re.finditer(pattern, haystack)}
