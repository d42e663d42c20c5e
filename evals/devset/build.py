"""Write each dev-set page as plain text and as a saved HTML page from its label file.

    python evals/devset/build.py           # (re)write pages/*.txt and pages/*.html
    python evals/devset/build.py --check   # exit 1 if a written page differs from its labels

The label file (`pages/NN_name.yaml`) is the source: every line of the page with its label,
in reading order. The plain text is what a browser copy (or, with `wrap`, wire copy or an
e-mail newsletter broken at a fixed width) gives; the HTML puts the same lines into the markup
a news site of that shape uses (header with menus and breadcrumbs, article with headline,
byline, figure and paragraphs, share bars, tag lists, comment forms, footer). Nothing else
that is visible goes into either, so every visible line of a page has a label.
"""

from __future__ import annotations

import html
import json
import sys
import textwrap
from pathlib import Path

import yaml

PAGES = Path(__file__).parent / "pages"


def load(path: Path) -> dict:
    """A label file; `entries` is one list of (label, text) pieces per line of the page.

    A line is usually one piece (`- story: ...`); `- line: [{story: ...}, {related: ...}]`
    is one line of the page made of several labelled pieces, joined by a space.
    """
    page = yaml.safe_load(path.read_text(encoding="utf-8"))
    page["entries"] = [
        [next(iter(piece.items())) for piece in value] if kind == "line" else [(kind, value)]
        for kind, value in (next(iter(item.items())) for item in page["lines"])
    ]
    return page


def plain_text(page: dict) -> str:
    """The page as copied from a browser; wrapped at `wrap` characters when set."""
    width = page.get("wrap") or 0
    blocks = []
    for pieces in page["entries"]:
        text = " ".join(t for _, t in pieces)
        if width and len(text) > width:
            text = "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False))
        blocks.append(text)
    return ("\n\n" if page.get("blank") else "\n").join(blocks) + "\n"


def _e(text: str) -> str:
    return html.escape(text, quote=False)


# How each label is marked up, per skeleton (class names in the manner of each kind of CMS).
_MARKUP = {
    "agency": {
        "section": '<nav class="breadcrumb" aria-label="breadcrumb">{t}</nav>',
        "headline": '<h1 class="news-title">{t}</h1>',
        "subheading": "<h2>{t}</h2>",
        "byline": '<div class="news-source">{t}</div>',
        "timestamp": '<time class="news-date" datetime="{iso}">{t}</time>',
        "share": '<div class="share-tools"><a href="#share">{t}</a></div>',
        "caption": '<figure class="news-image"><img src="/img/{n}.jpg" alt="">'
        "<figcaption>{t}</figcaption></figure>",
        "story": "<p>{t}</p>",
        "related": '<div class="related"><a href="/ar/{n}">{t}</a></div>',
        "tags": '<div class="tags">{t}</div>',
        "comments": '<div class="comments-box">{t}</div>',
        "placeholder": '<div class="loader">{t}</div>',
        "legal": '<p class="copyright">{t}</p>',
    },
    "portal": {
        "section": '<div class="breadcrumbs"><a href="/">{t}</a></div>',
        "headline": '<h1 class="article-title" itemprop="headline">{t}</h1>',
        "subheading": '<h3 class="inner-title">{t}</h3>',
        "byline": '<span class="writer" itemprop="author">{t}</span>',
        "timestamp": '<span class="newsdate"><time datetime="{iso}">{t}</time></span>',
        "share": '<div class="social-share"><span class="share-label">{t}</span></div>',
        "caption": '<div class="img-cont"><img src="/Upload/{n}.jpg" alt="صورة">'
        '<span class="img-caption">{t}</span></div>',
        "story": "<p>{t}</p>",
        "related": '<p class="readmore"><a href="/story/{n}"><strong>{t}</strong></a></p>',
        "tags": '<div class="article-tags">{t}</div>',
        "comments": '<section id="comments"><p class="comments-note">{t}</p></section>',
        "placeholder": '<div class="lazy-widget" data-src="/widgets/{n}">{t}</div>',
        "legal": '<div class="copyrights">{t}</div>',
    },
    "blog": {
        "section": '<nav class="main-menu"><span class="menu-item">{t}</span></nav>',
        "headline": '<h1 class="entry-title">{t}</h1>',
        "subheading": "<h2>{t}</h2>",
        "byline": '<span class="author vcard"><a class="url fn n" href="/author/{n}">{t}</a></span>',
        "timestamp": '<span class="posted-on"><time class="entry-date published" datetime="{iso}">{t}</time></span>',
        "share": '<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">{t}</h3></div>',
        "caption": '<figure class="wp-block-image"><img src="/wp-content/uploads/{n}.jpg" alt="">'
        "<figcaption>{t}</figcaption></figure>",
        "story": "<p>{t}</p>",
        "related": '<div class="jp-relatedposts-post"><a class="jp-relatedposts-post-a" href="/?p={n}">{t}</a></div>',
        "tags": '<footer class="entry-footer"><span class="tags-links">{t}</span></footer>',
        "comments": '<div id="respond" class="comment-respond"><p class="comment-notes">{t}</p></div>',
        "placeholder": '<div class="wp-embed-loading">{t}</div>',
        "legal": '<div class="site-info">{t}</div>',
    },
    "legacy": {
        "section": '<td class="menu"><a href="/section/{n}">{t}</a></td>',
        "headline": '<td class="titleB"><font size="5"><b>{t}</b></font></td>',
        "subheading": '<td class="sub"><b>{t}</b></td>',
        "byline": '<td class="small">{t}</td>',
        "timestamp": '<td class="date">{t}</td>',
        "share": '<td class="tools"><a href="javascript:void(0)">{t}</a></td>',
        "caption": '<td class="pic"><img src="/images/{n}.jpg"><br><span class="caption">{t}</span></td>',
        "story": '<td class="text"><p>{t}</p></td>',
        "related": '<td class="most"><a href="/Home/Details?id={n}">{t}</a></td>',
        "tags": '<td class="keywords">{t}</td>',
        "comments": '<td class="comments">{t}</td>',
        "placeholder": '<td class="noscript">{t}</td>',
        "legal": '<td class="footer">{t}</td>',
    },
    "newsletter": {
        "section": '<td class="mso-menu">{t}</td>',
        "headline": '<td class="headline" style="font-size:22px;font-weight:bold">{t}</td>',
        "subheading": '<td style="font-weight:bold">{t}</td>',
        "byline": '<td style="color:#666">{t}</td>',
        "timestamp": '<td style="color:#999;font-size:12px">{t}</td>',
        "share": '<td style="font-size:11px"><a href="https://mail.example/track/{n}">{t}</a></td>',
        "caption": '<td style="font-size:11px;color:#777">{t}</td>',
        "story": '<td style="font-size:15px;line-height:1.6">{t}</td>',
        "related": '<td><a href="https://mail.example/r/{n}">{t}</a></td>',
        "tags": "<td>{t}</td>",
        "comments": "<td>{t}</td>",
        "placeholder": "<td>{t}</td>",
        "legal": '<td style="font-size:10px;color:#999">{t}</td>',
    },
}


def _zones(entries: list[list[tuple[str, str]]]) -> tuple[int, int]:
    story = [i for i, pieces in enumerate(entries) if pieces[0][0] == "story"]
    return story[0], story[-1]


def page_html(page: dict) -> str:
    """The same lines as a saved web page of the page's kind of site."""
    skeleton = page["skeleton"]
    markup = _MARKUP[skeleton]
    entries = [pieces[0] for pieces in page["entries"]]
    first, last = _zones(page["entries"])
    headline = next(text for kind, text in entries if kind == "headline")
    iso = page["published"]

    def element(i: int) -> str:
        kind, text = entries[i]
        n = f"{page['id'][:2]}{i:02d}"
        rest = "".join(f' <a href="/related/{n}{j}">{_e(t)}</a>' for j, (_, t) in enumerate(page["entries"][i][1:]))
        if rest:  # a paragraph that ends in a link to another article
            return markup[kind].format(t=_e(text) + rest, iso=iso, n=n)
        return markup[kind].format(t=_e(text), iso=iso, n=n)

    head_idx = [i for i in range(first) if entries[i][0] != "headline"]
    title_idx = [i for i in range(first) if entries[i][0] == "headline"]
    body_idx = list(range(first, last + 1))
    foot_idx = list(range(last + 1, len(entries)))
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "datePublished": iso,
        "author": {"@type": "Person", "name": page["author"]},
        "publisher": {"@type": "Organization", "name": page["site_name"]},
    }
    meta = "\n".join(
        [
            '<meta charset="utf-8">',
            f"<title>{_e(headline)} | {_e(page['site_name'])}</title>",
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta property="og:title" content="{html.escape(headline)}">',
            f'<meta property="og:site_name" content="{html.escape(page["site_name"])}">',
            f'<meta property="og:url" content="{html.escape(page["url"])}">',
            '<meta property="og:type" content="article">',
            f'<meta property="article:published_time" content="{iso}">',
            f'<meta name="author" content="{html.escape(page["author"])}">',
            f'<link rel="canonical" href="{html.escape(page["url"])}">',
            '<link rel="stylesheet" href="/assets/site.css">',
            f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>',
            '<script async src="/assets/analytics.js"></script>',
            "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}</script>",
        ]
    )
    if skeleton in ("legacy", "newsletter"):
        rows = lambda idx: "\n".join(f"<tr>{element(i)}</tr>" for i in idx)  # noqa: E731
        body = "\n".join(
            [
                '<table width="100%" cellpadding="0" cellspacing="0" border="0">',
                rows(head_idx),
                rows(title_idx),
                '<tr><td><table width="640" class="content">',
                rows(body_idx),
                "</table></td></tr>",
                rows(foot_idx),
                "</table>",
            ]
        )
    else:
        inner = lambda idx: "\n".join(element(i) for i in idx)  # noqa: E731
        body = "\n".join(
            [
                '<header class="site-header"><a class="logo" href="/"><img src="/assets/logo.svg" alt=""></a>',
                inner(head_idx),
                "</header>",
                '<main id="main"><article class="post">',
                f'<header class="entry-header">{inner(title_idx)}</header>',
                '<div class="entry-content" itemprop="articleBody">',
                inner(body_idx),
                "</div>",
                inner(i for i in foot_idx if entries[i][0] in ("tags", "share")),
                "</article>",
                '<aside class="sidebar">',
                inner(i for i in foot_idx if entries[i][0] in ("related", "section", "placeholder")),
                "</aside></main>",
                '<footer class="site-footer">',
                inner(i for i in foot_idx if entries[i][0] in ("comments", "legal", "byline")),
                "</footer>",
            ]
        )
    return (
        f'<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n<head>\n{meta}\n</head>\n<body class="{skeleton}">\n'
        f"{body}\n</body>\n</html>\n"
    )


def main(argv: list[str]) -> int:
    """Write each page's .txt and .html from its label file (`--check`: only say which are stale)."""
    check = "--check" in argv
    stale = []
    for path in sorted(PAGES.glob("*.yaml")):
        page = load(path)
        for suffix, content in ((".txt", plain_text(page)), (".html", page_html(page))):
            target = path.with_suffix(suffix)
            if check:
                if not target.exists() or target.read_text(encoding="utf-8") != content:
                    stale.append(target.name)
            else:
                target.write_text(content, encoding="utf-8")
    if stale:
        print("out of date with their labels: " + ", ".join(stale) + " (run python evals/devset/build.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
