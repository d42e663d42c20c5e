"""Main-content extractors compared on the dev set's HTML pages (how trafilatura was chosen).

    pip install trafilatura readability-lxml justext goose3   # the last three only for this comparison
    python benchmarks/extractors.py

For each extractor: story lines kept whole, furniture lines that come through, pages whose
headline it reports, the metadata it finds (author, date, site name), and — after our
segmentation of its text — furniture left citable and story lines lost. Only trafilatura is a
dependency of the project; an extractor that is not installed is reported as such.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from lxml import html as lxml_html

from summarizer.arabic import normalize
from summarizer.evaluation.devset import STORY, load_pages, score_article
from summarizer.segment import segment

_BLOCKS = ("p", "h1", "h2", "h3", "h4", "li", "td", "figcaption", "blockquote", "pre")


@dataclass
class Extracted:
    text: str
    title: str | None
    author: str | None = None
    date: str | None = None
    site_name: str | None = None


def _blocks(fragment: str) -> list[str]:
    tree = lxml_html.fromstring(fragment)
    out = []
    for element in tree.iter(*_BLOCKS):
        text = " ".join(element.text_content().split())
        if text and not any(text in o for o in out[-1:]):
            out.append(text)
    return out


def _compose(title: str | None, paragraphs: list[str]) -> str:
    body = "\n\n".join(p for p in paragraphs if p and p != title)
    return f"{title}\n\n{body}\n" if title else body + "\n"


def ours(html: str) -> Extracted:
    from summarizer.page import extract_page

    page = extract_page(html)
    return Extracted(page.text, page.title, page.author, page.date, page.site_name)


def trafilatura_plain(**options: bool) -> Callable[[str], Extracted]:
    def run(html: str) -> Extracted:
        import trafilatura

        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, **options)
        paragraphs = (doc.text or "").split("\n") if doc else []
        return Extracted(_compose(doc.title if doc else None, paragraphs), doc.title if doc else None,
                         doc.author if doc else None, doc.date if doc else None, doc.sitename if doc else None)

    return run


def readability(html: str) -> Extracted:
    from readability import Document

    document = Document(html)
    title = document.short_title() or None
    return Extracted(_compose(title, _blocks(document.summary(html_partial=True))), title)


def justext_(html: str) -> Extracted:
    import justext

    paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("Arabic"))
    return Extracted(_compose(None, [p.text for p in paragraphs if not p.is_boilerplate]), None)


def goose(html: str) -> Extracted:
    from goose3 import Goose

    with Goose() as g:
        article = g.extract(raw_html=html)
    paragraphs = [p for p in (article.cleaned_text or "").split("\n") if p.strip()]
    date = str(article.publish_date) if article.publish_date else None
    return Extracted(_compose(article.title or None, paragraphs), article.title or None,
                     ", ".join(article.authors) or None, date, (article.opengraph or {}).get("site_name"))


EXTRACTORS: dict[str, Callable[[str], Extracted]] = {
    "trafilatura XML + link paragraphs out (ours)": ours,
    "trafilatura plain text": trafilatura_plain(),
    "trafilatura plain text, favor_precision": trafilatura_plain(favor_precision=True),
    "trafilatura plain text, favor_recall": trafilatura_plain(favor_recall=True),
    "readability-lxml": readability,
    "jusText (Arabic stoplist)": justext_,
    "goose3": goose,
}


def main() -> None:
    pages = load_pages()
    print(f"{len(pages)} HTML pages of the dev set")
    header = (
        "extractor | story lines kept whole | furniture lines kept | headline reported | author / date / site found"
        " | after segmentation: furniture citable | story lost | ms/page"
    )
    print(header)
    print("---|---:|---:|---:|---|---:|---:|---:")
    for name, extract in EXTRACTORS.items():
        kept = story = furniture = through = heads = authors = dates = sites = citable = lost = 0
        elapsed = 0.0
        try:
            for page in pages:
                html = page.html_path.read_text(encoding="utf-8")
                started = time.perf_counter()
                out = extract(html)
                elapsed += time.perf_counter() - started
                norm = normalize(out.text)
                for piece in page.pieces:
                    present = normalize(piece.text) in norm
                    if piece.label == STORY:
                        story += 1
                        kept += present
                    elif piece.label != "headline":
                        furniture += 1
                        through += present
                headline = next(p.text for p in page.pieces if p.label == "headline")
                heads += bool(out.title) and normalize(out.title) == normalize(headline)
                authors += bool(out.author)
                dates += bool(out.date)
                sites += bool(out.site_name)
                result = score_article(segment(out.text, headline=out.title), page.pieces, page=page.id, form="html")
                citable += sum(p.left_citable for p in result.furniture)
                lost += sum(p.lost for p in result.story)
        except ImportError as exc:
            print(f"{name} | not installed ({exc.name})")
            continue
        n = len(pages)
        print(
            f"{name} | {kept}/{story} | {through}/{furniture} | {heads}/{n} | {authors}/{dates}/{sites} of {n}"
            f" | {citable} | {lost} | {1000 * elapsed / n:.1f}"
        )


if __name__ == "__main__":
    main()
