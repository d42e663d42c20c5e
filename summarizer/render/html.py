"""Self-contained HTML pages: a brief beside its article, and an eval scorecard.

Every page is one file that works offline: the style sheet is inline, there is no script
and nothing is loaded from anywhere. A Content-Security-Policy in the page says so to the
browser (`default-src 'none'`, the one style sheet allowed by its hash), so even text that
slipped past escaping could neither run nor fetch anything. Templates autoescape: article
and model text are always escaped.

Each claim sits beside its evidence (the cited words inside their sentence), side by side on
a wide screen and one under the other on a narrow one. Linking claims and article needs no
script either, only anchors and CSS: hovering or clicking a claim (focus), or opening its
link (`#C2`, `:target`), lights its words in the article through `:has()` rules, one per
claim; the lit words are links back to their claim, and each quote beside a claim is a link
to its place in the article. A small inline script allowed by its hash would have worked
too, but anchors keep `script-src` out of the policy altogether, give every claim and quote a
URL that can be shared, and work with scripts turned off.

The legend is read from the schema itself: every enumerated field of a claim (its source
type, its certainty or status labels, ...) with its values, in the enum's order, so the page
follows the annotation scheme without being edited.
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import re
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from pydantic import BaseModel

from ..arabic import script_share
from ..errors import ArticleMismatchError
from ..schema import Attribution, Brief, Claim, SourceType
from ..segment import SentenceKind, segment
from .article_view import Block, article_blocks, evidence_of, mismatches
from .sourcing import LABELS, sourcing_profile

_SAFE_ID = re.compile(r"^[A-Z][0-9]+$")

# What greyed non-story lines are, in the reader's words.
KIND_LABELS = {
    SentenceKind.TITLE: "title",
    SentenceKind.SUBHEADING: "subheading",
    SentenceKind.RELATED: "link to another article",
    SentenceKind.INSTRUCTION: "text addressed to a machine",
}


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("summarizer.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _base_style() -> str:
    return _environment().loader.get_source(_environment(), "page.css")[0]  # type: ignore[union-attr]


def _csp(style: str) -> str:
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; base-uri 'none'; form-action 'none'"


def page(template: str, extra_style: str = "", **context: Any) -> str:
    """Render one of the package's page templates with the shared style sheet and its CSP."""
    style = _base_style() + extra_style
    return _environment().get_template(template).render(style=Markup(style), csp=_csp(style), **context)


_SAFE_EVIDENCE_ID = re.compile(r"^[A-Z][0-9]+(\.[0-9]+)?$")
# Colours of source types, by value; a value the scheme adds later gets one from the palette.
_TYPE_COLOURS = {"anonymous": "var(--anon)", "narration": "#8a8f96"}
_PALETTE = ("#2f6db5", "#5a4fb0", "#2b8a8a", "#7a8b2c", "#8a5a2b", "#a0527a", "#4f7f4f", "#5f6b7a", "#b08a2b")


def anchor(evidence_id: str) -> str:
    """The HTML id of the place an evidence span starts in the article (`C2.1` -> `ev-C2-1`)."""
    return "ev-" + evidence_id.replace(".", "-")


def _targets(blocks: Iterable[Block]) -> tuple[dict[int, str], dict[str, str]]:
    """Where each evidence span starts in the article: (element id by piece start, element id by evidence ID).

    Spans that start on the same piece share its element id."""
    piece_ids: dict[int, str] = {}
    targets: dict[str, str] = {}
    for block in blocks:
        for piece in block.pieces:
            for ev in piece.evidence:
                if ev not in targets:
                    targets[ev] = piece_ids.setdefault(piece.start, anchor(ev))
    return piece_ids, targets


def _highlight_rules(owners: Iterable[str], targets: dict[str, str] | None = None) -> str:
    """CSS that lights a claim's evidence while the claim is hovered, focused or targeted, and back;
    and one cited span while its place in the article is the link target."""
    ids = [i for i in owners if _SAFE_ID.match(i)]  # validated IDs only: they are written into CSS
    if not ids:
        return ""
    lit = ",\n".join(f'body:has(#{i}:is(:hover, :focus, :focus-within, :target)) mark[data-for~="{i}"]' for i in ids)
    spans = {e: t for e, t in (targets or {}).items() if _SAFE_EVIDENCE_ID.match(e)}
    lit += "".join(f',\nbody:has(#{t}:target) mark[data-ev~="{e}"]' for e, t in spans.items())
    back = ",\n".join(f'body:has(mark[data-for~="{i}"]:hover) #{i}' for i in ids)
    return (
        f"\n{lit} {{\n  background: var(--lit);\n  text-decoration-color: var(--lit-edge);\n}}\n"
        f"{back} {{\n  outline: 2px solid var(--lit-edge);\n}}\n"
    )


def _type_colour_rules(values: Iterable[str]) -> str:
    """`.t-VALUE { --t: colour }` for every source-type value of the schema."""
    rules, palette = [], iter(_PALETTE * 4)
    for value in values:
        if not re.fullmatch(r"[a-z_]+", value):
            continue
        colour = next((c for key, c in _TYPE_COLOURS.items() if key in value), None) or next(palette)
        rules.append(f".t-{value} {{ --t: {colour}; }}")
    return "\n" + "\n".join(rules) + "\n"


# --- the legend, read from the schema ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LegendValue:
    value: str
    label: str
    definition: str | None


@dataclass(frozen=True, slots=True)
class LegendGroup:
    """One enumerated field of a claim (e.g. `source_type`) and the meaning of each of its values."""

    field: str
    title: str
    about: str | None
    values: tuple[LegendValue, ...]
    source_types: bool  # values are drawn with their colour swatch


def _classes_in(annotation: Any) -> Iterator[type]:
    """The classes inside a field's annotation (through Optional, unions and lists)."""
    if isinstance(annotation, type) and typing.get_origin(annotation) is None:
        yield annotation
        return
    for arg in typing.get_args(annotation):
        yield from _classes_in(arg)


def _definitions() -> dict[tuple[type, str], str]:
    """One definition per label, when the schema's label module provides them (annotation scheme 2)."""
    try:
        labels = importlib.import_module("..labels", __package__)
    except ModuleNotFoundError:
        return {}
    return dict(getattr(labels, "DEFINITIONS", {}))


def legend(model: type[BaseModel] = Claim) -> list[LegendGroup]:
    """Every enumerated field of `model` and of the models inside it, with its values' meanings.

    Args:
        model: The model to read (default: a claim, with its attribution).

    Returns:
        One group per enum, in field order; each value with its label and, when the schema
        defines one, its definition.
    """
    definitions = _definitions()
    groups: list[LegendGroup] = []
    seen: set[type] = set()

    def visit(current: type[BaseModel]) -> None:
        for name, info in current.model_fields.items():
            for cls in _classes_in(info.annotation):
                if issubclass(cls, Enum) and cls not in seen:
                    seen.add(cls)
                    is_type = current is Attribution or name in ("type", "source_type")
                    groups.append(
                        LegendGroup(
                            field=name,
                            title=name.replace("_", " "),
                            about=info.description or (cls.__doc__ or "").strip() or None,
                            values=tuple(
                                LegendValue(
                                    value=str(member.value),
                                    label=LABELS.get(member, str(member.value).replace("_", " ")),  # type: ignore[call-overload]
                                    definition=definitions.get((cls, str(member.value))),
                                )
                                for member in cls
                            ),
                            source_types=is_type,
                        )
                    )
                elif issubclass(cls, BaseModel) and cls is not current:
                    visit(cls)

    visit(model)
    return groups


def _evidence_in_context(brief: Brief, article: str) -> dict[str, tuple[str, str, str]]:
    """For each evidence ID, (words before, the quote, words after) within its sentence."""
    sentences = segment(article).sentences
    found = {}
    for ev in evidence_of(brief):
        s = ev.span
        sentence = next((x for x in sentences if x.start <= s.start < x.end), None)
        start, end = (sentence.start, sentence.end) if sentence else (s.start, s.end)
        found[ev.id] = (article[start : s.start], article[s.start : s.end], article[s.end : max(end, s.end)])
    return found


def text_direction(text: str) -> tuple[str, str]:
    """(`lang`, `dir`) for a block of text, from the share of Arabic letters in it."""
    arabic, latin = script_share(text)
    if arabic >= 0.5:
        return "ar", "rtl"
    return ("en" if latin >= 0.5 else "und"), "ltr"


def _bar(shares: Iterable[Any]) -> list[dict[str, Any]]:
    """Stacked-bar segments (x, width in percent) for the non-empty shares."""
    segments, x = [], 0.0
    for share in shares:
        if share.count:
            width = share.fraction * 100
            segments.append({"share": share, "x": round(x, 3), "width": round(width, 3)})
            x += width
    return segments


def render_html(brief: Brief, article: str) -> str:
    """The brief as one self-contained HTML page beside its article, evidence highlighted.

    The page loads nothing and runs no script; its Content-Security-Policy forbids both.

    Args:
        brief: A brief, as returned by `summarize` or read back from its JSON.
        article: The exact text the brief was made from (the evidence offsets point into it).

    Returns:
        The page as one HTML string (write it with `encoding="utf-8"`).

    Raises:
        ArticleMismatchError: `article` is not the text the brief was made from (its SHA-256
            or the text at an evidence span differs).
    """
    found = mismatches(brief, article)
    if found:
        raise ArticleMismatchError(f"this article does not match the brief: {found[0]}", problems=found)
    evidence = evidence_of(brief)
    owners = [c.id for c in brief.claims] + [f"K{i}" for i in range(1, len(brief.key_facts) + 1)]
    profile = sourcing_profile(brief)
    lang, direction = text_direction(article)
    groups = legend()
    type_values = [v.value for g in groups if g.source_types for v in g.values]
    blocks = article_blocks(article, evidence)
    piece_ids, targets = _targets(blocks)
    return page(
        "brief.html.j2",
        extra_style=_type_colour_rules(type_values) + _highlight_rules(owners, targets),
        brief=brief,
        legend=groups,
        context=_evidence_in_context(brief, article),
        piece_ids=piece_ids,
        targets=targets,
        profile=profile,
        bar=_bar(profile.shares),
        blocks=blocks,
        article_lang=lang,
        article_dir=direction,
        kind_labels=KIND_LABELS,
        source_labels=LABELS,
        anonymous=SourceType.ANONYMOUS_SOURCE,
        narration=SourceType.NARRATION,
    )
