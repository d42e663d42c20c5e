"""The original article cut into pieces for display, each piece knowing which evidence covers it.

A view shows the article exactly as written and marks the words each claim (and each key
fact) cites. Evidence spans may overlap, so the text is cut at every span boundary and
every sentence boundary; each piece lists the spans that cover it. Joining the pieces in
order gives back the article, character for character.

Before anything is shown, `mismatches` checks that the brief belongs to this text: a view
that highlighted the wrong words would be worse than none.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..schema import Brief, Span
from ..segment import Sentence, segment


@dataclass(frozen=True, slots=True)
class Evidence:
    """One cited span: `id` is unique in the page (C2.1 = claim C2's first span, K3 = key fact 3)."""

    id: str
    owner: str  # the claim (C2) or key fact (K3) that cites it
    span: Span


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of article text covered by the same evidence spans (none, for uncited text)."""

    text: str
    start: int
    evidence: tuple[str, ...]
    owners: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Block:
    """A sentence (or the whitespace between two sentences, when `sentence` is None)."""

    sentence: Sentence | None
    pieces: tuple[Piece, ...]


def evidence_of(brief: Brief) -> list[Evidence]:
    """Every evidence span of the brief, with the page-wide IDs the views use."""
    found = [
        Evidence(id=f"{claim.id}.{j}", owner=claim.id, span=span)
        for claim in brief.claims
        for j, span in enumerate(claim.evidence, start=1)
    ]
    found += [
        Evidence(id=f"K{i}", owner=f"K{i}", span=fact.evidence) for i, fact in enumerate(brief.key_facts, start=1)
    ]
    return found


def mismatches(brief: Brief, text: str) -> list[str]:
    """Why `text` is not the article `brief` was made from (empty when it is)."""
    found: list[str] = []
    if brief.metadata is not None:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest != brief.metadata.input_sha256:
            made_from = brief.metadata.input_sha256
            found.append(f"the article's sha256 is {digest[:12]}…, but the brief was made from {made_from[:12]}…")
            return found  # every span would differ too; one reason is enough
    for ev in evidence_of(brief):
        s = ev.span
        if not 0 <= s.start < s.end <= len(text):
            found.append(f"evidence {ev.id} [{s.start}:{s.end}] lies outside the article ({len(text)} characters)")
        elif text[s.start : s.end] != s.quote:
            found.append(f"evidence {ev.id} [{s.start}:{s.end}] is not the quoted text {s.quote!r} in this article")
    return found


def article_blocks(text: str, evidence: list[Evidence]) -> list[Block]:
    """The whole of `text` as sentences and the gaps between them, cut at every evidence boundary."""
    cuts = {0, len(text)}
    for ev in evidence:
        cuts.update((ev.span.start, ev.span.end))
    regions: list[tuple[Sentence | None, int, int]] = []
    at = 0
    for sentence in segment(text).sentences:
        if sentence.start > at:
            regions.append((None, at, sentence.start))
        regions.append((sentence, sentence.start, sentence.end))
        at = sentence.end
    if at < len(text):
        regions.append((None, at, len(text)))
    blocks = []
    for sentence, start, end in regions:
        bounds = sorted({start, end, *(c for c in cuts if start < c < end)})
        pieces = []
        for a, b in zip(bounds, bounds[1:], strict=False):
            covering = [ev for ev in evidence if ev.span.start <= a and b <= ev.span.end]
            pieces.append(
                Piece(
                    text=text[a:b],
                    start=a,
                    evidence=tuple(ev.id for ev in covering),
                    owners=tuple(dict.fromkeys(ev.owner for ev in covering)),
                )
            )
        blocks.append(Block(sentence=sentence, pieces=tuple(pieces)))
    return blocks
