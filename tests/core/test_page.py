"""Saved web pages and URLs in: main text and metadata extracted, offsets into the extracted text."""

from __future__ import annotations

import copy
import http.server
import json
import threading
from pathlib import Path

import pytest

from summarizer import summarize_page
from summarizer.errors import PageExtractionError
from summarizer.page import extract_page, looks_like_html
from summarizer.schema import Brief
from summarizer.segment import segment

from ..helpers import assert_one_line_error, config_for, endpoint_env, run_cli

PAGE = Path(__file__).parents[2] / "evals" / "devset" / "pages" / "03_egypt_politics.html"
HTML = PAGE.read_text(encoding="utf-8")

DRAFT = {
    "headline": {"ar": "مجلس النواب يوافق نهائيا على تعديل قانون الإيجار القديم", "en": "Parliament finally approves amending the old-rent law"},
    "summary": {
        "ar": ["وافق مجلس النواب نهائيا على تعديل قانون الإيجار القديم.", "وافق مجلس النواب على التعديل.", "التعديل يخص قانون الإيجار القديم."],
        "en": ["Parliament finally approved amending the old-rent law.", "Parliament approved the amendment.", "The amendment concerns the old-rent law."],
    },
    "sources": [{"id": 1, "name_ar": None, "name_en": "the article", "type": "narration"}],
    "claims": [
        {
            "statement": {"ar": "وافق مجلس النواب نهائيا على تعديل قانون الإيجار القديم.", "en": "Parliament finally approved amending the old-rent law."},
            "source": 1,
            "channel": "narration",
            "via_ar": None,
            "via_en": None,
            "cue_ar": None,
            "stance": None,
            "status": "fact",
            "evidence": [{"sentence_id": "S1", "quote": "وافق مجلس النواب، خلال جلسته العامة اليوم الأحد"}],
        }
    ],
    "entities": [],
    "key_facts": [],
    "not_story": [],
}


def test_a_page_gives_its_main_text_headline_first_and_its_metadata():
    page = extract_page(HTML)
    assert page.text.startswith(page.title + "\n\n")
    assert (page.author, page.date, page.site_name) == ("محمد عبد الرحمن", "2025-10-12", "اليوم المصري")
    assert page.url.endswith("parliament-rent-law") and page.extractor.startswith("trafilatura ")
    for furniture in ("شارك الخبر", "الكلمات المفتاحية", "جميع الحقوق محفوظة", "أضف تعليقاً", "الرئيسية"):
        assert furniture not in page.text


def test_a_paragraph_that_is_only_a_link_to_another_article_is_left_out():
    # The extractor drops the «اقرأ أيضاً» marker but keeps the teaser's link: it must not read as story.
    assert "منحة العمالة غير المنتظمة" not in extract_page(HTML).text


def test_the_extracted_headline_is_the_articles_headline_and_not_citable():
    page = extract_page(HTML)
    article = segment(page.text, headline=page.title)
    assert article.headline is not None and article.headline.text == page.title and not article.headline.citable


def test_html_is_recognised_by_name_or_by_its_first_bytes():
    assert looks_like_html(b"<!DOCTYPE html><html>", "x.txt") and looks_like_html(b"plain", "page.htm")
    assert not looks_like_html("قال الوزير إن <b> ليس وسما.".encode(), "article.txt")


def test_a_page_without_an_article_is_refused_with_a_typed_error():
    with pytest.raises(PageExtractionError):
        extract_page("<html><body><nav><a href='/'>الرئيسية</a></nav></body></html>")


def _check_spans(brief: Brief) -> str:
    text = brief.metadata.page.text
    for claim in brief.claims:
        for span in claim.evidence:
            assert text[span.start : span.end] == span.quote
    return text


def test_the_api_summarizes_a_page_and_keeps_the_text_its_offsets_point_into(fake_openai, step):
    with fake_openai([step.brief(DRAFT)]) as server:
        brief = summarize_page(HTML, config=config_for(server))
    text = _check_spans(brief)
    assert text == extract_page(HTML).text
    assert brief.metadata.page.title.startswith("مجلس النواب") and brief.metadata.page.site_name == "اليوم المصري"
    assert brief.metadata.input_chars == len(text)
    user_prompt = server.requests[0]["messages"][-1]["content"]
    assert "headline, not citable] مجلس النواب" in user_prompt


@pytest.mark.parametrize("via", ["file", "stdin"])
def test_the_cli_summarizes_a_saved_page_from_a_file_or_stdin(fake_openai, step, via):
    with fake_openai([step.brief(DRAFT)]) as server:
        if via == "file":
            result = run_cli("brief", str(PAGE), env=endpoint_env(server))
        else:
            result = run_cli("brief", "-", env=endpoint_env(server), stdin=PAGE.read_bytes())
    assert result.returncode == 0, result.stderr.decode()
    _check_spans(Brief.model_validate_json(result.stdout))


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the standard library's name
        body = HTML.encode() if self.path == "/story" else b"not here"
        self.send_response(200 if self.path == "/story" else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def page_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_cli_fetches_a_url_and_records_it(fake_openai, step, page_server):
    with fake_openai([step.brief(DRAFT)]) as server:
        result = run_cli("brief", f"{page_server}/story", env=endpoint_env(server))
    assert result.returncode == 0, result.stderr.decode()
    brief = Brief.model_validate_json(result.stdout)
    _check_spans(brief)
    assert brief.metadata.page.url  # the page's canonical URL, as the page gives it


def test_a_url_that_cannot_be_fetched_is_a_one_line_error(page_server):
    result = run_cli("brief", f"{page_server}/missing", env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"})
    assert_one_line_error(result, 2, "HTTP 404")


def test_without_a_network_a_url_is_a_one_line_error():
    result = run_cli("brief", "http://127.0.0.1:9/story", env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"})
    assert_one_line_error(result, 2, "cannot fetch http://127.0.0.1:9/story")


def test_the_same_text_from_another_page_is_not_served_from_the_cache(fake_openai, step, tmp_path):
    from summarizer.cache import BriefCache
    from summarizer.pipeline import Summarizer

    other = HTML.replace("اليوم المصري", "صحيفة أخرى")
    with fake_openai([step.brief(DRAFT), step.brief(copy.deepcopy(DRAFT))]) as server:
        with Summarizer(config_for(server), cache=BriefCache(tmp_path)) as s:
            first, second = s.summarize_page(HTML), s.summarize_page(other)
    assert server.calls == 2
    assert (first.metadata.page.site_name, second.metadata.page.site_name) == ("اليوم المصري", "صحيفة أخرى")
    assert json.loads(first.model_dump_json())["metadata"]["page"]["text"] == first.metadata.page.text


def test_a_page_brief_renders_as_html_from_the_text_it_carries(fake_openai, step, tmp_path):
    with fake_openai([step.brief(DRAFT)]) as server:
        brief = summarize_page(HTML, config=config_for(server))
    path = tmp_path / "brief.json"
    path.write_text(brief.model_dump_json(), encoding="utf-8")
    result = run_cli("render", str(path), "--format", "html")
    assert result.returncode == 0, result.stderr.decode()
    html = result.stdout.decode()
    assert 'class="sentence k-headline" id="H1"' in html and 'class="sentence k-story" id="S1"' in html
