"""Self-contained HTML pages: a brief beside its article, and an eval scorecard.

Every page is one file that works offline: the style sheet is inline, there is no script
and nothing is loaded from anywhere. A Content-Security-Policy in the page says so to the
browser (`default-src 'none'`, the one style sheet allowed by its hash), so even text that
slipped past escaping could neither run nor fetch anything. Templates autoescape: article
and model text are always escaped.

Highlighting needs no script either: hovering, clicking (focus) or linking to a claim
(`#C2`) lights its evidence in the article through CSS `:has()` rules, one per claim.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..arabic import script_share
from ..errors import ArticleMismatchError
from ..schema import Brief, SourceType
from ..segment import SentenceKind
from .article_view import article_blocks, evidence_of, mismatches
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


def _highlight_rules(owners: Iterable[str]) -> str:
    """CSS that lights a claim's evidence while the claim is hovered, focused or targeted, and back."""
    ids = [i for i in owners if _SAFE_ID.match(i)]  # validated IDs only: they are written into CSS
    if not ids:
        return ""
    lit = ",\n".join(f'body:has(#{i}:is(:hover, :focus, :target)) mark[data-for~="{i}"]' for i in ids)
    back = ",\n".join(f'body:has(mark[data-for~="{i}"]:hover) #{i}' for i in ids)
    return (
        f"\n{lit} {{\n  background: var(--lit);\n  text-decoration-color: var(--lit-edge);\n}}\n"
        f"{back} {{\n  outline: 2px solid var(--lit-edge);\n}}\n"
    )


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
    """The brief as one self-contained HTML page, its evidence highlighted in `article`.

    Raises `ArticleMismatchError` when `article` is not the text the brief was made from.
    """
    found = mismatches(brief, article)
    if found:
        raise ArticleMismatchError(f"this article does not match the brief: {found[0]}", problems=found)
    evidence = evidence_of(brief)
    owners = [c.id for c in brief.claims] + [f"K{i}" for i in range(1, len(brief.key_facts) + 1)]
    profile = sourcing_profile(brief)
    lang, direction = text_direction(article)
    return page(
        "brief.html.j2",
        extra_style=_highlight_rules(owners),
        brief=brief,
        profile=profile,
        bar=_bar(profile.shares),
        blocks=article_blocks(article, evidence),
        article_lang=lang,
        article_dir=direction,
        kind_labels=KIND_LABELS,
        source_labels=LABELS,
        anonymous=SourceType.ANONYMOUS_SOURCE,
        narration=SourceType.NARRATION,
    )
