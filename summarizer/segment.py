"""Split an article into paragraphs and sentences with stable IDs and original offsets.

Every sentence gets an ID and the exact span it occupies in the original text, so
`article.text[s.start:s.end] == s.text` always holds. Lines that are not part of the story —
the headline, subheadings, and page furniture (bylines, times, breadcrumbs, share prompts,
copyright, captions, tags, "read also" links and their teasers, comment notices, placeholders;
see `furniture.py`), and lines that read as instructions to a language model — are kept and
marked with a `kind`: they can be shown to a reader, but can never be cited as evidence.

IDs are numbered per role, in reading order: story sentences `S1, S2, ...` among story text
only; headings (headline, subheadings) `H1, H2, ...`; page furniture `P1, P2, ...`; text
addressed to a machine `X1, X2, ...`. The same story copied with or without a page's
furniture therefore keeps its story IDs, which is what gold annotations and cached briefs
cite. (`F` is left to the gold's key facts, `F1`...)

Steps: physical lines -> logical lines (a paragraph hard-wrapped at a fixed width, as in wire
copy or an e-mail newsletter, is joined again; its sentences keep offsets into the original,
line breaks included) -> each line's kind, from its wording and its place (before, inside or
after the story) -> sentences of story lines (not split inside «...», at ellipses, or after
an abbreviation such as "Bros." or "د.").
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from .arabic import map_normalized, normalize
from .furniture import INLINE_RELATED, REASONS, SentenceKind, edge_kind, finished, line_kind, sentence_final
from .injection import flag_lines

__all__ = ["Article", "Sentence", "SentenceKind", "REASONS", "CITABLE_KINDS", "segment", "id_prefix"]

CITABLE_KINDS = frozenset({SentenceKind.STORY})

# The ID prefix of each kind: one counter per role, so a furniture line found (or removed)
# never renumbers the story. Kinds not listed here are page furniture (`P`).
_ID_PREFIX = {
    SentenceKind.STORY: "S",
    SentenceKind.HEADLINE: "H",
    SentenceKind.SUBHEADING: "H",
    SentenceKind.INSTRUCTION: "X",
}
FURNITURE_PREFIX = "P"

_SUBHEADING_MAX_WORDS = 12  # an unfinished line this short inside the story is a subheading
_TEASER_MAX_WORDS = 25  # an unfinished line this short after the story is a link's title
_LABEL_MAX_WORDS = 3  # an unfinished line this short before the story is a section label
_HEADLINE_MAX_WORDS = 40


def id_prefix(kind: SentenceKind) -> str:
    """The letter that starts the ID of a line of this kind."""
    return _ID_PREFIX.get(kind, FURNITURE_PREFIX)


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
        """Whether a brief may cite this sentence (it is story text)."""
        return self.kind in CITABLE_KINDS

    @property
    def flat(self) -> str:
        """The text on one line (a hard-wrapped sentence keeps its line breaks in `text`)."""
        return " ".join(self.text.split())

    @property
    def reason(self) -> str | None:
        """Why this line cannot be cited (None for story sentences)."""
        return REASONS.get(self.kind)


@dataclass(frozen=True)
class Article:
    """An article's text and its segmentation; the unit every other module works on."""

    text: str
    sentences: tuple[Sentence, ...]

    @cached_property
    def by_id(self) -> dict[str, Sentence]:
        """Every sentence by its ID (`S1`, `S2`, ...)."""
        return {s.id: s for s in self.sentences}

    @cached_property
    def sha256(self) -> str:
        """SHA-256 of the text as UTF-8: the article's identity in caches, briefs and gold files."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def citable(self) -> tuple[Sentence, ...]:
        """The story's sentences: the only ones a brief may cite."""
        return tuple(s for s in self.sentences if s.citable)

    @property
    def non_story(self) -> tuple[Sentence, ...]:
        """Links, headings and text addressed to a machine: shown to the model only as omitted."""
        return tuple(s for s in self.sentences if not s.citable)

    @property
    def headline(self) -> Sentence | None:
        """The page's headline line, if the segmenter found one."""
        return next((s for s in self.sentences if s.kind is SentenceKind.HEADLINE), None)


# --- lines ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Line:
    """A logical line and what the rules read of it, computed once (`_line`)."""

    start: int
    end: int
    text: str  # the original text of the line, line breaks of a rejoined paragraph included
    story_end: int  # where a "read also: ..." link that the page put after the story text begins
    flat: str  # the line on one line, without that link: what its shape is judged by
    norm: str  # `normalize(flat)`
    words: int


def _line(text: str, start: int, end: int) -> _Line:
    raw = text[start:end]
    whole_norm = normalize(raw)
    story_end = len(raw)  # the usual case, found without mapping offsets
    if ":" in whole_norm and INLINE_RELATED.search(whole_norm):  # (a link's marker ends in ":")
        mapped = map_normalized(raw)
        inline = INLINE_RELATED.search(mapped.text)
        story_end = mapped.origin[inline.start()] if inline else len(raw)
    flat = " ".join(raw[:story_end].split())
    norm = whole_norm if story_end == len(raw) else normalize(flat)
    return _Line(start, end, raw, story_end, flat, norm, len(flat.split()))


def _physical_lines(text: str) -> list[tuple[int, str] | None]:
    """(offset, content) of each line, None for a blank line."""
    lines: list[tuple[int, str] | None] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        lines.append((offset, content) if content.strip() else None)
        offset += len(raw)
    return lines


def _wrap_width(lines: list[tuple[int, str] | None]) -> int | None:
    """The width the text was hard-wrapped at, or None when it was not.

    A text wrapped at W characters has many lines that stop mid-sentence within a few
    characters of W, each followed by another line of the same paragraph.
    """
    lengths = [len(line[1].rstrip()) for line in lines if line is not None]
    if len(lengths) < 4:
        return None
    width = max(lengths)
    if width > 100:
        return None
    near_full = 0
    for line, following in zip(lines, lines[1:], strict=False):
        if line is None or following is None:
            continue
        content = line[1].rstrip()
        if len(content) >= width - 12 and not finished(content):
            near_full += 1
    return width if near_full >= 3 else None


def _logical_lines(text: str) -> list[_Line]:
    """Lines of the text, with paragraphs hard-wrapped mid-sentence joined again."""
    physical = _physical_lines(text)
    width = _wrap_width(physical)
    spans: list[tuple[int, int]] = []
    joining = False
    for index, line in enumerate(physical):
        if line is None:
            joining = False
            continue
        offset, content = line
        end = offset + len(content.rstrip())
        start = offset
        if joining and spans:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        # Join the next line to this one when the wrapper broke here: this line does not end
        # a sentence and the next line's first word would not have fitted on it.
        following = physical[index + 1] if index + 1 < len(physical) else None
        joining = False
        if width is not None and following is not None and not finished(content) \
                and line_kind(following[1]) is None:
            first_word = following[1].split()[0] if following[1].split() else ""
            joining = len(content.rstrip()) + 1 + len(first_word) > width - 2
    return [_line(text, start, end) for start, end in spans]


# --- kinds --------------------------------------------------------------------------------------


def _prose(line: _Line, kind: SentenceKind | None) -> bool:
    """A story paragraph by its shape: a sentence with a stop, or too long to be anything else."""
    if kind is not None:
        return False
    return (sentence_final(line.flat) and line.words >= 2) or line.words > _TEASER_MAX_WORDS


def _kinds(lines: list[_Line], headline: str | None) -> list[SentenceKind]:
    content = [line_kind(line.flat, line.norm) for line in lines]
    # `injection` folds disguises (homoglyphs, full-width, zero-width) and reads split lines.
    for i, finding in enumerate(flag_lines([line.flat for line in lines], [line.norm for line in lines])):
        if finding is not None:
            content[i] = SentenceKind.INSTRUCTION
    # A "read also" marker alone on its line: the next line is the link's title (even when it
    # reads like a complete news sentence), and so are the title-like lines after it.
    teaser = [False] * len(lines)
    for i, kind in enumerate(content):
        if kind is SentenceKind.RELATED and lines[i].words <= 4 and i + 1 < len(lines):
            j = i + 1
            if content[j] is None:
                teaser[j] = True
                j += 1
                while j < len(lines) and content[j] is None and not finished(lines[j].flat) \
                        and lines[j].words <= _TEASER_MAX_WORDS:
                    teaser[j] = True
                    j += 1
    for i, is_teaser in enumerate(teaser):
        if is_teaser:
            content[i] = SentenceKind.RELATED
    # Disclaimers read like sentences: they count only in the runs before and after the story.
    prose = [_prose(line, kind) for line, kind in zip(lines, content, strict=True)]
    for i in reversed(range(len(lines))):
        edge = edge_kind(lines[i].flat, lines[i].norm) if content[i] is None else None
        if edge is not None:
            content[i] = edge
            prose[i] = False
            continue
        if prose[i]:
            break
    story_lines = [i for i, is_prose in enumerate(prose) if is_prose]
    first = story_lines[0] if story_lines else len(lines)
    last = story_lines[-1] if story_lines else -1
    # Paragraphs that follow the story directly still belong to it, even when they close on a
    # quotation («...») or without a stop; after the first furniture line, a line like that is
    # another article's title.
    while 0 <= last < len(lines) - 1 and content[last + 1] is None and (
        sentence_final(lines[last + 1].flat) or lines[last + 1].words >= 4
    ):
        last += 1

    wanted = normalize(headline) if headline else None
    kinds: list[SentenceKind] = []
    have_headline = started = False
    for i, line in enumerate(lines):
        kind = content[i]
        if kind is None and wanted is not None and not have_headline and line.norm == wanted:
            kind = SentenceKind.HEADLINE
        if kind is None:
            # The story begins at its first prose paragraph, or earlier at a line taken as story.
            where = "before" if i < first and not started else "after" if i > last else "inside"
            if where == "inside" and i == last:
                where = "last"  # nothing follows it in the story: it introduces nothing, it ends it
            kind = _by_position(line, where, headline_wanted=not have_headline and wanted is None)
        have_headline = have_headline or kind is SentenceKind.HEADLINE
        started = started or kind is SentenceKind.STORY
        kinds.append(kind)
    return kinds


_BULLET = re.compile(r"^(?:[-–•*·▪◦]|\d{1,2}[.)-]|[\u0660-\u0669]{1,2}[.)-])\s")


def _by_position(line: _Line, where: str, *, headline_wanted: bool) -> SentenceKind:
    """The kind of a line whose wording says nothing, from where it stands."""
    flat = line.flat
    done = finished(flat)  # a stop, a closing quote or bracket, a colon
    if where == "before":  # before the story: section labels, the headline, a standfirst
        if sentence_final(flat) or line.words > _TEASER_MAX_WORDS:
            return SentenceKind.STORY
        if line.words <= _LABEL_MAX_WORDS:
            return SentenceKind.SECTION
        if headline_wanted and line.words <= _HEADLINE_MAX_WORDS and not flat.endswith((",", "،", "؛", ";")):
            return SentenceKind.HEADLINE  # even when it ends in a «quotation»
        return SentenceKind.STORY if done or line.words > _SUBHEADING_MAX_WORDS else SentenceKind.SUBHEADING
    if where == "after":  # after the story: lists of other articles' titles, labels
        if line.words > _TEASER_MAX_WORDS:
            return SentenceKind.STORY
        return SentenceKind.SECTION if line.words <= _LABEL_MAX_WORDS else SentenceKind.RELATED
    if where == "inside" and not done and line.words <= _SUBHEADING_MAX_WORDS and not _BULLET.match(flat):
        return SentenceKind.SUBHEADING  # (an item of a list inside the story is story)
    return SentenceKind.STORY


# --- sentences ----------------------------------------------------------------------------------

# A candidate end: final punctuation, closing quotes or brackets, then whitespace.
# (The stop written "[.][.]*", not "[.]+": starting with a class lets the regex engine skip ahead.)
_SENTENCE_END = re.compile(r"[.!?؟…][.!?؟…]*[\"'”’»)\]]*(?=\s+)")
# Words after which a full stop does not end the sentence: titles, company forms, initials.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr inc ltd co corp bros plc llc vs etc no gen col lt sgt capt gov sen rep "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m".split()
)
_SOURCE_AFTER = re.compile(r"\s*\([^()]{1,40}\)\s*$")
_ARABIC_ABBREVIATIONS = frozenset(normalize(w) for w in "د م أ ج ص ق ت ه ب س ل ك".split())


def _ends_sentence(line: str, match: re.Match[str]) -> bool:
    punctuation = match.group().rstrip("\"'”’»)]")
    if punctuation in ("..", "...", "…") or punctuation.startswith(("..", "…")):
        return False  # an ellipsis or the Arabic ".." pause continues the sentence
    before = line[: match.start()]
    if _SOURCE_AFTER.match(line[match.end() :]):
        return False  # "... the week ahead. (AFP)": the credit stays with its sentence
    if before.count("«") > before.count("»"):
        return False  # inside a «quotation»
    if before.count('"') % 2 == 1 and '"' not in match.group():
        return False  # inside a "quotation"
    if punctuation == ".":
        word = before.split()[-1] if before.split() else ""
        if word.lower().strip("(\"'«") in _ABBREVIATIONS or len(word.strip("(\"'«")) == 1:
            return False
        if normalize(word) in _ARABIC_ABBREVIATIONS:
            return False
        after = line[match.end() :].lstrip()
        if after[:1].islower() and after[:1].isascii():
            return False  # "Bros. discovery" style: a Latin name goes on
    return True


def _split_sentences(line: str) -> list[tuple[int, int]]:
    """Spans of sentences inside one line (offsets relative to the line)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(line):
        if not _ends_sentence(line, match):
            continue
        end = match.end()
        if line[start:end].strip():
            spans.append((start, end))
        start = end
    if line[start:].strip():
        spans.append((start, len(line)))
    return [_strip(line, s, e) for s, e in spans]


def _strip(line: str, start: int, end: int) -> tuple[int, int]:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return start, end


def _pieces(line: _Line, kind: SentenceKind) -> list[tuple[int, int, SentenceKind]]:
    """(start, end, kind) of the units of one line, relative to the line."""
    if kind is not SentenceKind.STORY:
        # A non-story line is one unit: its parts must never be cited separately.
        return [(*_strip(line.text, 0, len(line.text)), kind)]
    out: list[tuple[int, int, SentenceKind]] = []
    story_end = line.story_end
    out.extend((s, e, SentenceKind.STORY) for s, e in _split_sentences(line.text[:story_end]))
    if story_end < len(line.text):
        out.append((*_strip(line.text, story_end, len(line.text)), SentenceKind.RELATED))
    return out


def segment(text: str, *, headline: str | None = None) -> Article:
    """Number the sentences of `text` and mark the lines that are not the story.

    Pure: the same text always gives the same IDs (S1, S2, ... for the story; other roles
    have their own prefixes) and offsets.

    Args:
        text: The article exactly as published.
        headline: The page's headline when it is known (from an HTML page's metadata): the
            line that reads exactly so is the headline, whatever its length.

    Returns:
        The article with its sentences, each with its span in `text` and its kind (story,
        headline, subheading, page furniture, link to another article, text addressed to a machine).
    """
    lines = _logical_lines(text)
    kinds = _kinds(lines, headline)
    sentences: list[Sentence] = []
    counters: Counter[str] = Counter()
    for paragraph, (line, kind) in enumerate(zip(lines, kinds, strict=True), start=1):
        for s, e, piece_kind in _pieces(line, kind):
            if s >= e:
                continue
            prefix = id_prefix(piece_kind)
            counters[prefix] += 1
            sentences.append(
                Sentence(
                    id=f"{prefix}{counters[prefix]}",
                    paragraph=paragraph,
                    start=line.start + s,
                    end=line.start + e,
                    text=line.text[s:e],
                    kind=piece_kind,
                )
            )
    return Article(text=text, sentences=tuple(sentences))
