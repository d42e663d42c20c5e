"""Markdown output: a sourcing profile on top, anonymous sources marked, Arabic intact, text escaped."""

from __future__ import annotations

from markdown_it import MarkdownIt

from summarizer.render.markdown import render_markdown
from summarizer.schema import SourceType

_BIDI_CONTROLS = set("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _html(markdown: str) -> str:
    """How a CommonMark site (raw HTML allowed, as on code-hosting sites) renders it."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def test_markdown_opens_with_the_sourcing_profile(seed_brief):
    md = render_markdown(seed_brief)
    anonymous = sum(c.attribution.source_type is SourceType.ANONYMOUS_SOURCE for c in seed_brief.claims)
    profile = md.split("## Sourcing profile", 1)[1].split("## Summary", 1)[0]
    assert f"{anonymous} of {len(seed_brief.claims)} claims" in profile
    assert f"| ⚠ ANONYMOUS source | {anonymous} |" in profile
    assert md.index("## Sourcing profile") < md.index("## Claims")


def test_each_claim_shows_source_type_outlet_cue_and_certainty(seed_brief):
    md = render_markdown(seed_brief)
    for claim in seed_brief.claims:
        section = md.split(f"### {claim.id} ·", 1)[1].split("###", 1)[0]
        a = claim.attribution
        assert a.source_en in section
        assert claim.certainty.value in section
        if a.outlet_en:
            assert f"**Outlet:** {a.outlet_en}" in section
        if a.cue_ar:
            assert f"**Cue:** {a.cue_ar}" in section
        if a.source_type is SourceType.ANONYMOUS_SOURCE:
            assert "⚠ ANONYMOUS source" in section.splitlines()[0]


def test_arabic_text_is_kept_whole_without_bidi_controls(seed_brief):
    md = render_markdown(seed_brief)
    arabic = [seed_brief.headline.ar, *seed_brief.summary.ar]
    arabic += [c.statement.ar for c in seed_brief.claims] + [s.quote for c in seed_brief.claims for s in c.evidence]
    for text in arabic:
        assert text in md
    assert not _BIDI_CONTROLS & set(md)


def test_markdown_renders_as_a_page_with_headings_lists_and_tables(seed_brief):
    html = _html(render_markdown(seed_brief))
    assert html.count("<h3>") == len(seed_brief.claims)
    assert "<table>" in html and "<blockquote>" in html


def test_html_or_markdown_in_model_text_stays_text(seed_brief):
    seed_brief.claims[0].statement.en = "<script>alert(1)</script> *bold* [link](http://x.invalid) | pipe"
    seed_brief.summary.en[0] = "# not a heading"
    seed_brief.claims[1].attribution.source_en = "1. not a list <img src=x onerror=alert(1)>"
    html = _html(render_markdown(seed_brief))
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<em>" not in html and "<a href" not in html
    assert "<li># not a heading</li>" in html
    assert "1. not a list" in html
