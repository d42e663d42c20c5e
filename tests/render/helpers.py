"""Helpers for the rendering tests: a page parsed as a browser's tokenizer sees it, brief metadata."""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser

from summarizer.schema import BriefMetadata


class Page(HTMLParser):
    """Tags, attributes and text of a page, as a browser's tokenizer sees them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.style = ""
        self._in_style = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        self._in_style = False

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._in_style:
            self.style += data
        self.text.append(data)


def metadata_for(text: str) -> BriefMetadata:
    return BriefMetadata(
        prompt_version="p", model="m", provider="fake", endpoint_host=None, mode="tools",
        input_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), input_chars=len(text),
        detected_language="ar", latency_ms=1.0, transport_attempts=1, reasks=0, created_at="2025-01-01T00:00:00Z",
    )
