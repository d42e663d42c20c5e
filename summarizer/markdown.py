"""A brief as Markdown: readable in a terminal and on a code-hosting site.

Arabic lines are written as their own paragraphs so right-to-left text is never mixed with
English on one line (which would scramble its display order).
"""

from __future__ import annotations

from .schema import Brief, SourceType

_SOURCE_LABEL = {
    SourceType.NAMED_PERSON: "named person",
    SourceType.NAMED_ORGANIZATION: "named organization",
    SourceType.MEDIA_OUTLET: "media outlet",
    SourceType.OFFICIAL_BODY: "official body",
    SourceType.ANONYMOUS_SOURCE: "ANONYMOUS source",
    SourceType.NARRATION: "the article's own narration",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(brief: Brief) -> str:
    lines = [f"# {brief.headline.en}", "", f"## {brief.headline.ar}", "", "## Summary", ""]
    lines += [f"- {b}" for b in brief.summary.en]
    lines += ["", "## الملخص", ""]
    lines += [f"- {b}" for b in brief.summary.ar]
    lines += ["", "## Claims", ""]
    for claim in brief.claims:
        a = claim.attribution
        source = a.source_en + (f" (to {a.outlet_en})" if a.outlet_en else "")
        lines += [
            f"### {claim.id}. {claim.statement.en}",
            "",
            claim.statement.ar,
            "",
            f"- **Source:** {source} — {_SOURCE_LABEL[a.source_type]}",
            f"- **As written:** {a.source_ar or '—'}" + (f" · cue: {a.cue_ar}" if a.cue_ar else ""),
            f"- **Certainty:** {claim.certainty.value}",
        ]
        for span in claim.evidence:
            lines.append(f"- **Evidence** {span.sentence_id} [{span.start}:{span.end}]:")
            lines += ["", f"  > {span.quote}", ""]
        lines.append("")
    if brief.key_facts:
        lines += ["## Key facts", "", "| value | qualifier | what | as written |", "|---|---|---|---|"]
        for fact in brief.key_facts:
            cells = [fact.value, fact.qualifier.value, fact.description_en, fact.text_ar]
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        lines.append("")
    if brief.entities:
        lines += ["## Entities", "", "| English | Arabic | type | role |", "|---|---|---|---|"]
        for e in brief.entities:
            lines.append(f"| {_cell(e.name_en)} | {_cell(e.name_ar)} | {e.type.value} | {_cell(e.role_en or '')} |")
        lines.append("")
    if brief.metadata:
        m = brief.metadata
        lines += [
            "---",
            f"model `{m.model}` at `{m.endpoint_host}` · prompt `{m.prompt_version}` · schema `{m.schema_version}`"
            f" · {m.usage.total_tokens or '?'} tokens · {m.latency_ms:.0f} ms",
        ]
    return "\n".join(lines) + "\n"
