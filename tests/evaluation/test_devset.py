"""The dev set of page formats: pages match their labels, and the report holds the line."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from summarizer.evaluation import devset

BUILD = Path(__file__).parents[2] / "evals" / "devset" / "build.py"


def test_every_page_is_written_from_its_labels():
    build = runpy.run_path(str(BUILD))
    assert build["main"](["--check"]) == 0


def test_the_dev_set_has_at_least_fifteen_pages_of_every_region_and_topic():
    pages = devset.load_pages()
    assert len(pages) >= 15
    assert {"wire agency", "Egypt", "Gulf", "Levant", "Maghreb"} <= {p.region for p in pages}
    assert {"politics", "economy", "sport", "health"} <= {p.topic for p in pages}


@pytest.mark.parametrize("form", ["txt", "html"])
def test_no_furniture_is_left_citable_no_story_is_lost_and_every_headline_is_found(form):
    results = [devset.score_page(page, form) for page in devset.load_pages()]
    failures = [
        (r.page, p.label, p.text[:40]) for r in results for p in r.pieces if p.left_citable or p.lost
    ] + [(r.page, "headline", "not found") for r in results if not r.headline_found]
    assert failures == []


def test_the_report_counts_a_furniture_line_left_citable_and_fails():
    page = devset.load_pages()[0]
    pieces = (*page.pieces, devset.Piece("legal", "هذا سطر تذييل جديد يبدو كجملة من الخبر تماما."))
    text = page.text_path.read_text(encoding="utf-8") + "هذا سطر تذييل جديد يبدو كجملة من الخبر تماما.\n"
    result = devset.score_article(devset.segment(text), pieces, page=page.id, form="txt")
    assert not result.ok and [p.label for p in result.pieces if p.left_citable] == ["legal"]


def test_the_report_counts_a_story_line_missing_from_the_text_as_lost():
    page = devset.load_pages()[0]
    pieces = (*page.pieces, devset.Piece("story", "جملة من الخبر لم تصل إلى النص المستخرج."))
    result = devset.score_article(devset.segment(page.text_path.read_text(encoding="utf-8")), pieces, page="x", form="html")
    assert not result.ok and sum(p.lost for p in result.story) == 1


def test_the_command_exits_0_and_prints_figures_per_page_and_per_kind(capsys):
    assert devset.main(["--form", "txt"]) == 0
    out = capsys.readouterr().out
    assert "per page" in out and "per kind" in out and "precision 1.000, recall 1.000" in out
