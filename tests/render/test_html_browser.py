"""The HTML view in a real browser: headless Chromium, asserted through the DOM.

The seed's gold brief is rendered, opened from a file, hovered and clicked claim by claim. Every claim's
highlighted words must be exactly the article's text at its evidence offsets, the Arabic
parts must compute `direction: rtl` and sit beside the English, and the page must not try
a single network request. A screenshot of the page is saved as a test artifact:

    python -m pytest -m browser   # writes test-artifacts/*.png
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer.render.html import render_html
from summarizer.render.scorecard_html import render_scorecard_html

from ..helpers import ROOT
from .browser import Chromium, find_chromium
from .scorecard_log import build_log

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    executable = find_chromium()
    if executable is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium); the browser tests need it")
    with Chromium(executable) as chromium:
        yield chromium


@pytest.fixture
def shown_brief():  # type: ignore[no-untyped-def]
    """The seed's gold brief (evals/datasets/seed), which the README shows."""
    from summarizer.evaluation import load_gold_brief

    return load_gold_brief()


def _open(browser: Chromium, tmp_path: Path, html: str, name: str = "page.html") -> None:
    page = tmp_path / name
    page.write_text(html, encoding="utf-8")
    browser.events.clear()
    browser.open(page)


# For every <mark> whose computed background is not transparent: its text, per evidence ID.
_LIT = """(() => {
  const lit = {};
  for (const m of document.querySelectorAll('.article mark')) {
    if (getComputedStyle(m).backgroundColor === 'rgba(0, 0, 0, 0)') continue;
    for (const id of m.dataset.ev.split(' ')) lit[id] = (lit[id] || '') + m.textContent;
  }
  return lit;
})()"""


def _assert_lit_exactly(browser: Chromium, claim, text: str) -> None:  # type: ignore[no-untyped-def]
    lit = browser.evaluate(_LIT)
    own = {f"{claim.id}.{j}": text[s.start : s.end] for j, s in enumerate(claim.evidence, start=1)}
    assert {k: v for k, v in lit.items() if k in own} == own
    # Evidence of other claims lights only where it overlaps this claim's words.
    for other, words in lit.items():
        if other not in own:
            assert any(words in quote for quote in own.values()), (claim.id, other, words)


def test_hovering_each_claim_highlights_exactly_its_evidence(browser, tmp_path, seed_text, shown_brief):
    _open(browser, tmp_path, render_html(shown_brief, seed_text))
    assert browser.evaluate("document.querySelector('.article .text').textContent") == seed_text
    browser.move_mouse_away()
    assert browser.evaluate(_LIT) == {}, "nothing is lit before a claim is chosen"
    for claim in shown_brief.claims:
        browser.hover(f"#{claim.id}")
        _assert_lit_exactly(browser, claim, seed_text)
    browser.move_mouse_away()
    assert browser.evaluate(_LIT) == {}, "the highlight follows the mouse away"


def test_clicking_a_claim_keeps_its_evidence_highlighted(browser, tmp_path, seed_text, shown_brief):
    _open(browser, tmp_path, render_html(shown_brief, seed_text))
    for claim in shown_brief.claims:
        browser.click(f"#{claim.id}")
        browser.move_mouse_away()
        assert browser.evaluate("document.activeElement.id") == claim.id
        _assert_lit_exactly(browser, claim, seed_text)


def test_arabic_is_right_to_left_beside_the_english(browser, tmp_path, seed_text, shown_brief):
    _open(browser, tmp_path, render_html(shown_brief, seed_text))
    directions = browser.evaluate(
        "[...document.querySelectorAll('[lang=ar]')].map(e => getComputedStyle(e).direction)"
    )
    assert directions and set(directions) == {"rtl"}
    assert browser.evaluate("getComputedStyle(document.querySelector('.article .text')).direction") == "rtl"
    assert browser.evaluate("getComputedStyle(document.body).direction") == "ltr"
    columns = browser.evaluate(
        """[...document.querySelectorAll('.pair')].map(p => {
             const en = p.querySelector(':scope > [lang=en]').getBoundingClientRect();
             const ar = p.querySelector(':scope > [lang=ar]').getBoundingClientRect();
             return {beside: ar.left >= en.right, sameRow: ar.top < en.bottom && en.top < ar.bottom};
           })"""
    )
    assert len(columns) == 2 + len(shown_brief.claims)  # headline, summary, one pair per claim
    assert all(c["beside"] and c["sameRow"] for c in columns), columns


def test_non_story_lines_are_greyed(browser, tmp_path, seed_text, shown_brief):
    _open(browser, tmp_path, render_html(shown_brief, seed_text))
    colors = browser.evaluate(
        """Object.fromEntries([...document.querySelectorAll('.sentence')].map(
             s => [s.id, getComputedStyle(s).color]))"""
    )
    story = colors["S1"]
    assert colors["P1"] != story and colors["H1"] != story  # a related-article link and a subheading
    assert colors["S2"] == story


def test_page_attempts_no_network_request_and_logs_nothing(browser, tmp_path, seed_text, shown_brief):
    _open(browser, tmp_path, render_html(shown_brief, seed_text), "seed.html")
    for claim in shown_brief.claims:
        browser.click(f"#{claim.id}")
    assert browser.requests() == [(tmp_path / "seed.html").resolve().as_uri()]
    assert browser.console() == []


def test_screenshots_of_the_seed_brief_are_saved(browser, tmp_path, seed_text, shown_brief):
    """The whole page, plus two README-sized parts: the top (through the third claim) and the
    article with the first claim's evidence lit."""
    _open(browser, tmp_path, render_html(shown_brief, seed_text))
    browser.click(f"#{shown_brief.claims[0].id}")  # so the pictures show a highlight
    browser.screenshot(ARTIFACTS / "seed-brief-page.png")
    third = shown_brief.claims[min(2, len(shown_brief.claims) - 1)].id
    browser.screenshot(ARTIFACTS / "seed-brief.png", bottom=browser.box(f"#{third}")["bottom"] + 16)
    article = browser.box(".article")
    browser.screenshot(ARTIFACTS / "seed-brief-evidence.png", top=article["top"] - 16, bottom=article["bottom"] + 16)
    for name in ("seed-brief-page.png", "seed-brief.png", "seed-brief-evidence.png"):
        assert (ARTIFACTS / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_request_watch_sees_attempts_even_when_the_policy_blocks_them(browser, tmp_path):
    """The control for the test above: the same watch does report a page that tries to fetch."""
    _open(
        browser,
        tmp_path,
        '<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
        '<img src="http://example.invalid/pixel.png"><link rel="stylesheet" href="https://fonts.example.invalid/a.css">',
    )
    requested = browser.requests()
    assert "http://example.invalid/pixel.png" in requested
    assert "https://fonts.example.invalid/a.css" in requested
    assert any("Content Security Policy" in line for line in browser.console())


def test_script_in_article_or_model_text_never_runs(browser, tmp_path, seed_text, seed_brief):
    script = "<script>window.__injected = 1</script>"
    seed_brief.claims[0].statement.en = script
    seed_brief.claims[0].attribution.source_en = '"><img src=x onerror="window.__injected = 2">'
    _open(browser, tmp_path, render_html(seed_brief, seed_text + "\n" + script + "\n"))
    assert browser.evaluate("[window.__injected, document.scripts.length, document.images.length]") == [None, 0, 0]
    shown = browser.evaluate(
        "[document.querySelector('#C1 [lang=en]').textContent, document.querySelector('.article .text').textContent]"
    )
    assert shown[0] == script and shown[1].endswith(script + "\n")
    assert browser.requests() == [(tmp_path / "page.html").resolve().as_uri()]
    assert json.dumps(browser.console()) == "[]"


def test_scorecard_page_highlights_misses_and_loads_nothing(browser, tmp_path, seed_text, seed_brief):
    _open(browser, tmp_path, render_scorecard_html(build_log(seed_brief, seed_text)), "scorecard.html")
    backgrounds = browser.evaluate(
        """Object.fromEntries(['matched', 'missed', 'extra'].map(
             k => [k, getComputedStyle(document.querySelector('table.alignment tr.' + k)).backgroundColor]))"""
    )
    transparent = "rgba(0, 0, 0, 0)"
    assert backgrounds["matched"] == transparent
    assert transparent not in (backgrounds["missed"], backgrounds["extra"])
    assert backgrounds["missed"] != backgrounds["extra"]
    assert set(browser.evaluate("[...document.querySelectorAll('[lang=ar]')].map(e => getComputedStyle(e).direction)")) == {"rtl"}
    assert browser.requests() == [(tmp_path / "scorecard.html").resolve().as_uri()]
    assert browser.console() == []
    browser.screenshot(ARTIFACTS / "scorecard.png")


# --- each claim beside its evidence, linked both ways ----------------------------------------

_PLACES = """[...document.querySelectorAll('.claims .claim')].map(c => {
  const s = c.querySelector('.statement').getBoundingClientRect();
  const e = c.querySelector('.evidence').getBoundingClientRect();
  return {id: c.id, s: {left: s.left, right: s.right, top: s.top, bottom: s.bottom},
          e: {left: e.left, right: e.right, top: e.top, bottom: e.bottom}};
})"""


def test_each_claim_sits_beside_its_evidence_on_a_wide_screen(browser, tmp_path, seed_text, shown_brief):
    _open(browser, tmp_path, render_html(shown_brief, seed_text))
    places = browser.evaluate(_PLACES)
    assert [p["id"] for p in places] == [c.id for c in shown_brief.claims]
    for p in places:
        s, e = p["s"], p["e"]
        assert e["left"] >= s["right"], p  # to its right
        assert e["top"] < s["bottom"] and s["top"] < e["bottom"], p  # on the same row


def test_evidence_sits_directly_under_its_claim_on_a_narrow_screen(browser, tmp_path, seed_text, shown_brief):
    browser.viewport(400)
    try:
        _open(browser, tmp_path, render_html(shown_brief, seed_text))
        assert browser.evaluate("document.documentElement.scrollWidth") <= 400  # nothing sticks out sideways
        places = browser.evaluate(_PLACES)
        for p, following in zip(places, [*places[1:], None], strict=True):
            s, e = p["s"], p["e"]
            assert 0 <= e["top"] - s["bottom"] < 24, p  # right under the claim
            assert abs(e["left"] - s["left"]) < 2, p
            if following:
                assert following["s"]["top"] > e["bottom"], p  # before the next claim
        browser.click(f"#{shown_brief.claims[0].id}")
        browser.screenshot(ARTIFACTS / "seed-brief-narrow.png", bottom=browser.box(f"#{shown_brief.claims[1].id}")["bottom"] + 16)
    finally:
        browser.viewport(1280)


def test_claim_link_lights_its_words_and_lit_words_lead_back_to_their_claim(browser, tmp_path, seed_text, shown_brief):
    _open(browser, tmp_path, render_html(shown_brief, seed_text))
    for claim in shown_brief.claims[:6]:
        browser.click(f"#{claim.id} .cid")
        browser.move_mouse_away()
        assert browser.evaluate("location.hash") == f"#{claim.id}"
        _assert_lit_exactly(browser, claim, seed_text)
    browser.click("#S1")  # away from every claim: only the link target keeps its light
    by_id = {c.id: c for c in shown_brief.claims}
    owned_alone = browser.evaluate(
        "[...document.querySelectorAll('.article mark')].map(m => m.dataset.for).filter(f => !f.includes(' '))"
    )
    owners = list(dict.fromkeys(o for o in owned_alone if o in by_id))
    assert len(owners) >= 5
    for owner in owners:
        browser.click(f'.article mark[data-for="{owner}"] a')
        browser.move_mouse_away()
        assert browser.evaluate("location.hash") == f"#{owner}"
        _assert_lit_exactly(browser, by_id[owner], seed_text)
        assert browser.evaluate(f"getComputedStyle(document.getElementById('{owner}')).boxShadow") != "none"


def test_a_quote_beside_its_claim_leads_to_its_place_in_the_article(browser, tmp_path, seed_text, shown_brief):
    _open(browser, tmp_path, render_html(shown_brief, seed_text))
    for claim in shown_brief.claims[:6]:
        span = claim.evidence[0]
        browser.click(f"#{claim.id} .evidence a.goto")
        browser.move_mouse_away()
        target = browser.evaluate("location.hash.slice(1)")
        assert browser.evaluate(f"document.getElementById('{target}').closest('.article') !== null")
        lit = browser.evaluate(_LIT)
        assert lit[f"{claim.id}.1"] == seed_text[span.start : span.end]
        assert browser.evaluate(f"document.querySelector('#{claim.id} .evidence mark').textContent") == span.quote


def test_legend_explains_every_source_type_and_label_of_the_schema(browser, tmp_path, seed_text, shown_brief):
    from summarizer.schema import Certainty, SourceType

    _open(browser, tmp_path, render_html(shown_brief, seed_text))
    shown = browser.evaluate(
        """Object.fromEntries([...document.querySelectorAll('.legend-box ul')].map(
             u => [u.dataset.field, [...u.querySelectorAll('li')].map(li => li.dataset.value)]))"""
    )
    assert shown["source_type"] == [t.value for t in SourceType]
    assert shown["certainty"] == [c.value for c in Certainty]
    swatches = browser.evaluate(
        "[...document.querySelectorAll('.legend-box .swatch')].map(s => getComputedStyle(s).backgroundColor)"
    )
    assert len(swatches) == len(SourceType) and len(set(swatches)) == len(SourceType)  # one colour per type
