"""A saved web page (or a URL) in: its main text and metadata, the text a brief points into.

Main-content extraction is trafilatura's (chosen by measuring it against readability-lxml,
jusText and goose3 on the dev set of page formats: `benchmarks/extractors.py`, figures in
`evals/README.md`). We read its XML tree, not its plain text, because the tree keeps what the
plain text loses: which paragraph is a heading, and which paragraph is nothing but a link. A
paragraph that is only a link is another article's title (a "read also" teaser whose marker
the extractor dropped): it is left out of the text, since it would otherwise read as a
sentence of the story.

The text we build — the headline on the first line, a blank line, then one paragraph per
line separated by blank lines — is *the article*: the brief's offsets point into it, its
SHA-256 is the brief's `input_sha256`, and it is returned (`ExtractedPage.text`) and stored in
the brief's metadata (`metadata.page.text`) so every span stays checkable without
re-extracting the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata as importlib_metadata
from typing import Any

from .errors import PageExtractionError, PageFetchError

EXTRACTOR = "trafilatura"
MAX_PAGE_BYTES = 5_000_000
FETCH_TIMEOUT = 20.0
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class ExtractedPage:
    """The article text of a page and what the page says about itself."""

    text: str
    title: str | None
    author: str | None
    date: str | None
    site_name: str | None
    url: str | None
    extractor: str


def looks_like_html(data: bytes | str, name: str = "") -> bool:
    """A saved web page, by its name (.html, .htm) or its first bytes."""
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = (data if isinstance(data, bytes) else data.encode("utf-8", "replace"))[:2048]
    return bool(_HTML_START.match(head.lstrip(b"\xef\xbb\xbf")))


def is_url(value: str) -> bool:
    """Whether a command-line argument names a web page to fetch rather than a file."""
    return value.startswith(("http://", "https://"))


def _extractor_version() -> str:
    try:
        return f"{EXTRACTOR} {importlib_metadata.version(EXTRACTOR)}"
    except importlib_metadata.PackageNotFoundError:  # pragma: no cover - a broken install
        return EXTRACTOR


def _flat(text: str) -> str:
    return " ".join(text.split())


def extract_page(html: str | bytes, *, url: str | None = None, name: str = "page") -> ExtractedPage:
    """Main text and metadata of an HTML page; `PageExtractionError` when there is no article."""
    import trafilatura

    # Tables stay in: newsletters and older sites lay out whole articles in table cells.
    document = trafilatura.bare_extraction(
        html,
        url=url,
        output_format="python",
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_links=True,
    )
    if document is None or isinstance(document, dict) or document.body is None:
        raise PageExtractionError(f"{name}: no article text found in the HTML page")
    title = _flat(document.title) if document.title else None
    lines: list[str] = []
    for element in document.body:
        text = _flat("".join(element.itertext()))
        if not text:
            continue
        if element.tag == "head" and title and text == title:
            continue  # the headline goes first, once
        if element.tag == "ref" or _only_links(element):
            continue  # another article's title or a menu link, not a sentence of this story
        if element.tag == "table":  # one line per row, cells joined; link-only cells left out
            for row in element.iter("row"):
                cells = [_flat("".join(c.itertext())) for c in row.iter("cell") if not _only_links(c)]
                if any(cells):
                    lines.append(" | ".join(c for c in cells if c))
            continue
        if element.tag == "list":
            lines.extend(_flat("".join(item.itertext())) for item in element.iter("item") if not _only_links(item))
            continue
        lines.append(text)
    if title and lines and lines[0] == title:
        lines = lines[1:]  # a layout table repeated the headline
    lines = [line for line in lines if line != title] if title else lines
    if not lines:
        raise PageExtractionError(f"{name}: no article text found in the HTML page")
    body = "\n\n".join(line for line in lines if line)
    text = f"{title}\n\n{body}\n" if title else f"{body}\n"
    return ExtractedPage(
        text=text,
        title=title,
        author=_flat(document.author) if document.author else None,
        date=document.date or None,
        site_name=_flat(document.sitename) if document.sitename else None,
        url=document.url or url,
        extractor=_extractor_version(),
    )


def _only_links(element: Any) -> bool:
    """True when every word of the element sits inside a link."""
    linked = "".join("".join(ref.itertext()) for ref in element.iter("ref"))
    return bool(linked.strip()) and _flat(linked) == _flat("".join(element.itertext()))


def fetch(url: str, *, timeout: float = FETCH_TIMEOUT) -> bytes:
    """The page at `url`, or `PageFetchError` saying in one line why not."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "bilingual-brief-summarizer", "Accept": "text/html"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only, checked
            data: bytes = response.read(MAX_PAGE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise PageFetchError(f"cannot fetch {url}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise PageFetchError(f"cannot fetch {url}: {exc.reason} (is there a network connection?)") from None
    except (TimeoutError, OSError) as exc:
        raise PageFetchError(f"cannot fetch {url}: {exc}") from None
    if len(data) > MAX_PAGE_BYTES:
        raise PageFetchError(f"cannot fetch {url}: the page is larger than {MAX_PAGE_BYTES:,} bytes")
    return data
