"""A brief as Markdown: readable in a terminal and on a code-hosting site.

Arabic text is written as its own paragraphs and list items, whole and unmodified (no
bidi control characters added), so a site that sets each block's direction from its
first letter shows it right to left. Model text is escaped: whatever it contains, it
stays text and can neither open an HTML tag nor change the document's structure.
"""

from __future__ import annotations

import re

from ..schema import Brief, SourceType
from .sourcing import LABELS, sourcing_profile

_BAR_WIDTH = 20
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_BLOCK_MARK = re.compile(r"^([#>+=~-])")  # would start a heading, quote, list, rule or fence
_NUMBERED = re.compile(r"^(\d+)([.)])")  # would start a numbered list


def _text(text: str) -> str:
    """Model or article text as one escaped line of Markdown."""
    line = " ".join(text.split())
    line = _INLINE_SPECIAL.sub(r"\\\1", line)
    line = _BLOCK_MARK.sub(r"\\\1", line)
    return _NUMBERED.sub(r"\1\\\2", line)


def _bar(fraction: float) -> str:
    filled = round(fraction * _BAR_WIDTH)
    return "█" * filled + "░" * (_BAR_WIDTH - filled)


def _source_label(source_type: SourceType) -> str:
    return "⚠ ANONYMOUS source" if source_type is SourceType.ANONYMOUS_SOURCE else LABELS[source_type]


def _profile(brief: Brief) -> list[str]:
    profile = sourcing_profile(brief)
    lines = ["## Sourcing profile", "", f"**{profile.headline()}**", ""]
    lines += ["| source | claims | share |", "|---|--:|---|"]
    for share in profile.shares:
        label = _source_label(share.source_type)
        lines.append(f"| {label} | {share.count} | `{_bar(share.fraction)}` {share.percent}% |")
    return [*lines, ""]


def render_markdown(brief: Brief) -> str:
    """The brief as Markdown: sourcing profile, bilingual summary, claims with their evidence.

    Model text is escaped, so it can neither open an HTML tag nor change the structure.

    Args:
        brief: A brief, as returned by `summarize` or read back from its JSON.

    Returns:
        The Markdown text, ending in a newline.
    """
    lines = [f"# {_text(brief.headline.en)}", "", f"**{_text(brief.headline.ar)}**", ""]
    lines += _profile(brief)
    lines += ["## Summary", ""]
    lines += [f"- {_text(b)}" for b in brief.summary.en]
    lines += ["", "## الملخص", ""]
    lines += [f"- {_text(b)}" for b in brief.summary.ar]
    lines += ["", "## Claims", ""]
    for claim in brief.claims:
        a = claim.attribution
        lines += [
            f"### {claim.id} · {_source_label(a.source_type)} · {claim.certainty.value}",
            "",
            _text(claim.statement.en),
            "",
            _text(claim.statement.ar),
            "",
            f"- **Source:** {_text(a.source_en)}" + (f" — {_text(a.source_ar)}" if a.source_ar else ""),
        ]
        if a.outlet_en or a.outlet_ar:
            outlet = " — ".join(_text(o) for o in (a.outlet_en, a.outlet_ar) if o)
            lines.append(f"- **Outlet:** {outlet}")
        lines.append(f"- **Cue:** {_text(a.cue_ar) if a.cue_ar else '—'}")
        lines.append(f"- **Certainty:** {claim.certainty.value}")
        for span in claim.evidence:
            where = f"{span.sentence_id} \\[{span.start}:{span.end}\\]"
            lines += [f"- **Evidence** {where}:", "", f"  > {_text(span.quote)}", ""]
        lines.append("")
    if brief.key_facts:
        lines += ["## Key facts", "", "| value | qualifier | what | as written | sentence |", "|---|---|---|---|---|"]
        for fact in brief.key_facts:
            lines.append(
                f"| {_text(fact.value)} | {fact.qualifier.value} | {_text(fact.description_en)} "
                f"| {_text(fact.text_ar)} | {fact.evidence.sentence_id} |"
            )
        lines.append("")
    if brief.entities:
        lines += ["## Entities", "", "| English | Arabic | type | role |", "|---|---|---|---|"]
        for e in brief.entities:
            lines.append(f"| {_text(e.name_en)} | {_text(e.name_ar)} | {e.type.value} | {_text(e.role_en or '')} |")
        lines.append("")
    if brief.metadata:
        m = brief.metadata
        lines += [
            "---",
            "",
            f"model `{m.model}` at `{m.endpoint_host}` · prompt `{m.prompt_version}` · schema `{m.schema_version}`"
            f" · {m.usage.total_tokens or '?'} tokens · {m.latency_ms:.0f} ms",
        ]
    return "\n".join(lines) + "\n"
