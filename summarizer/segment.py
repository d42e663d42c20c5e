"""Split an article into paragraphs and sentences with stable IDs and original offsets.

Every sentence gets an ID and the exact span it occupies in the original text, so
`article.text[s.start:s.end] == s.text` always holds. Lines that are not part of the story
(links to related articles, in-body subheadings, a title line, and lines that read as
instructions to a language model) are kept and marked with a `kind`: they can be shown to a
reader, but can never be cited as evidence.

IDs are numbered per role, in reading order: story sentences `S1, S2, ...` among story text
only; headings (title, subheadings) `H1, H2, ...`; page furniture (links to other articles
and the like) `P1, P2, ...`; text addressed to a machine `X1, X2, ...`. The same story
copied with or without a page's furniture therefore keeps its story IDs, which is what gold
annotations and cached briefs cite. (`F` is left to the gold's key facts, `F1`...)
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from .arabic import normalize


class SentenceKind(StrEnum):
    """What a line is, as far as the story is concerned."""

    STORY = "story"
    TITLE = "title"
    SUBHEADING = "subheading"
    RELATED = "related"
    INSTRUCTION = "instruction"


CITABLE_KINDS = frozenset({SentenceKind.STORY})

# The ID prefix of each kind: one counter per role, so a furniture line found (or removed)
# never renumbers the story. Kinds not listed here are page furniture (`P`).
_ID_PREFIX = {
    SentenceKind.STORY: "S",
    SentenceKind.TITLE: "H",
    SentenceKind.SUBHEADING: "H",
    SentenceKind.INSTRUCTION: "X",
}
FURNITURE_PREFIX = "P"


def id_prefix(kind: SentenceKind) -> str:
    """The letter that starts the ID of a line of this kind."""
    return _ID_PREFIX.get(kind, FURNITURE_PREFIX)

# "Related article" prefixes, compared after normalization (so hamza/ya variants all match).
_RELATED_PREFIXES = tuple(
    normalize(p)
    for p in (
        "من نفس التصنيف",
        "مواضيع مشابهة",
        "مواضيع ذات صلة",
        "اقرأ أيضا",
        "اقرأ أيضًا",
        "إقرأ أيضا",
        "اقرأ المزيد",
        "شاهد أيضا",
        "ذات صلة",
        "أخبار ذات صلة",
        "مقالات ذات صلة",
        "related",
        "read also",
        "read more",
        "see also",
    )
)

# Phrases addressed to a language model rather than to a newspaper reader (OWASP LLM01).
_INSTRUCTION_PATTERNS = re.compile(
    "|".join(
        [
            r"\bignore (all |any )?(the )?(previous|prior|above|earlier) (instructions|prompts?|rules)",
            r"\bdisregard (all |any )?(the )?(previous|prior|above) ",
            r"\b(system|assistant|developer)\s*:",
            r"\byou are (an? )?(ai|assistant|language model|chatgpt|llm)\b",
            r"\byou are now\b",
            r"<\|[a-z_]+\|>",  # chat-template special tokens
            r"\bnew instructions?\b",
            r"\bdo not summari[sz]e\b",
            r"\boutput (only|the following)\b",
            r"</?\s*(article|system|instructions?|im_start|im_end)\b[^>]*>",
            r"^\s*[\[{]\s*\"[a-z_]+\"\s*:",  # a JSON object pasted into the text
            r"<<<|>>>",
            normalize("تجاهل") + r".{0,20}" + normalize("التعليمات"),
            normalize("تعليمات جديدة"),
            normalize("أنت الآن"),
            normalize("بصفتك نموذج"),
            normalize("لا تلخص"),
        ]
    ),
    re.IGNORECASE,
)

# A sentence ends at . ! ? ؟ (optionally followed by closing quotes/brackets) and whitespace.
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])[\"'”’»)\]]*(?=\s+)")
_TERMINAL = tuple(".!?؟…:\"'”»)")
_SUBHEADING_MAX_WORDS = 12


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or one non-story line) with its place in the original text."""

    id: str
    paragraph: int
    start: int
    end: int
    text: str
    kind: SentenceKind

    @property
    def citable(self) -> bool:
        return self.kind in CITABLE_KINDS


@dataclass(frozen=True)
class Article:
    """An article's text and its segmentation; the unit every other module works on."""

    text: str
    sentences: tuple[Sentence, ...]

    @cached_property
    def by_id(self) -> dict[str, Sentence]:
        return {s.id: s for s in self.sentences}

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def citable(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.citable)

    @property
    def non_story(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if not s.citable)


def _line_kind(line: str, index: int, first_content_index: int) -> SentenceKind:
    norm = normalize(line)
    if norm.startswith(_RELATED_PREFIXES) and ":" in norm[:40]:
        return SentenceKind.RELATED
    if _INSTRUCTION_PATTERNS.search(norm):
        return SentenceKind.INSTRUCTION
    stripped = line.strip()
    short = len(stripped.split()) <= _SUBHEADING_MAX_WORDS and not stripped.endswith(_TERMINAL)
    if short:
        return SentenceKind.TITLE if index == first_content_index else SentenceKind.SUBHEADING
    return SentenceKind.STORY


def _split_sentences(line: str) -> list[tuple[int, int]]:
    """Spans of sentences inside one line (offsets relative to the line)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(line):
        end = match.end()
        if line[start:end].strip():
            spans.append((start, end))
        start = end
    if line[start:].strip():
        spans.append((start, len(line)))
    # Trim surrounding whitespace so each span is exactly the sentence.
    trimmed = []
    for s, e in spans:
        while s < e and line[s].isspace():
            s += 1
        while e > s and line[e - 1].isspace():
            e -= 1
        trimmed.append((s, e))
    return trimmed


def segment(text: str) -> Article:
    """Number the sentences of `text` and mark the lines that are not the story.

    Pure: the same text always gives the same IDs (S1, S2, ...) and offsets.

    Args:
        text: The article exactly as published.

    Returns:
        The article with its sentences, each with its span in `text` and its kind (story,
        title, subheading, link to another article, text addressed to a machine).
    """
    lines: list[tuple[int, str]] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        if content.strip():
            lines.append((offset, content))
        offset += len(raw)
    sentences: list[Sentence] = []
    counters: dict[str, int] = {}
    for paragraph, (line_start, line) in enumerate(lines, start=1):
        kind = _line_kind(line, paragraph, 1)
        # A non-story line is one unit: its parts must never be cited separately.
        spans = _split_sentences(line) if kind is SentenceKind.STORY else [_strip_span(line)]
        prefix = id_prefix(kind)
        for s, e in spans:
            counters[prefix] = counters.get(prefix, 0) + 1
            sentences.append(
                Sentence(
                    id=f"{prefix}{counters[prefix]}",
                    paragraph=paragraph,
                    start=line_start + s,
                    end=line_start + e,
                    text=line[s:e],
                    kind=kind,
                )
            )
    return Article(text=text, sentences=tuple(sentences))


def _strip_span(line: str) -> tuple[int, int]:
    start = len(line) - len(line.lstrip())
    end = len(line.rstrip())
    return start, end
