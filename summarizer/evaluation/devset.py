"""The dev set of real page formats: how segmentation treats every labelled line.

    python -m summarizer.evaluation.devset            # plain text and HTML, per page and per kind
    python -m summarizer.evaluation.devset --json     # the same figures as JSON

Each page of `evals/devset/pages/` has a label file (`NN_name.yaml`: every line of the page in
reading order, labelled `story`, `headline` or a furniture kind) and the page itself as plain
text (`.txt`) and as saved HTML (`.html`). The report segments the plain text, and the text
extracted from the HTML, then looks up every labelled line in it:

* a furniture line is *left citable* when any of its characters lies in a story sentence;
* a story line is *lost* when any of its characters is missing from the text or lies outside
  the story sentences;
* the headline is *found* when its line is segmented as the headline and nowhere citable.

Exit status 1 when any furniture line is left citable, any story line is lost or a headline is
missed, so CI can hold the line; 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from ..arabic import map_normalized, normalize
from ..resources import data_dir
from ..segment import Article, SentenceKind, segment

STORY = "story"
HEADLINE = "headline"


@dataclass(frozen=True)
class Piece:
    """One labelled line (or part of a line) of a page."""

    label: str
    text: str


@dataclass(frozen=True)
class DevPage:
    id: str
    region: str
    topic: str
    pieces: tuple[Piece, ...]
    text_path: Path
    html_path: Path


@dataclass
class PieceResult:
    label: str
    text: str
    present: bool  # found in the text that was segmented
    citable_chars: int
    chars: int
    headline: bool = False  # segmented as the headline line

    @property
    def left_citable(self) -> bool:
        return self.label not in (STORY,) and self.citable_chars > 0

    @property
    def lost(self) -> bool:
        return self.label == STORY and (not self.present or self.citable_chars < self.chars)


@dataclass
class PageResult:
    page: str
    form: str  # "txt" or "html"
    pieces: list[PieceResult] = field(default_factory=list)

    @property
    def furniture(self) -> list[PieceResult]:
        return [p for p in self.pieces if p.label not in (STORY, HEADLINE)]

    @property
    def story(self) -> list[PieceResult]:
        return [p for p in self.pieces if p.label == STORY]

    @property
    def headline_found(self) -> bool:
        heads = [p for p in self.pieces if p.label == HEADLINE]
        return bool(heads) and all(p.headline and p.citable_chars == 0 for p in heads)

    @property
    def ok(self) -> bool:
        return (
            not any(p.left_citable for p in self.pieces)
            and not any(p.lost for p in self.story)
            and self.headline_found
        )


def devset_dir() -> Path:
    return data_dir("evals") / "devset" / "pages"


def load_pages(folder: Path | None = None) -> list[DevPage]:
    folder = folder or devset_dir()
    pages = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        pieces: list[Piece] = []
        for item in data["lines"]:
            ((label, value),) = item.items()
            parts = [next(iter(p.items())) for p in value] if label == "line" else [(label, value)]
            pieces.extend(Piece(lab, text) for lab, text in parts)
        pages.append(
            DevPage(
                id=data["id"],
                region=data["region"],
                topic=data["topic"],
                pieces=tuple(pieces),
                text_path=path.with_suffix(".txt"),
                html_path=path.with_suffix(".html"),
            )
        )
    return pages


def score_article(article: Article, pieces: Sequence[Piece], *, page: str, form: str) -> PageResult:
    """Where each labelled piece landed in `article`'s segmentation."""
    mapped = map_normalized(article.text)
    citable = bytearray(len(article.text))
    heading = bytearray(len(article.text))
    for s in article.sentences:
        for i in range(s.start, s.end):
            if s.citable:
                citable[i] = 1
            if s.kind is SentenceKind.HEADLINE:
                heading[i] = 1
    result = PageResult(page=page, form=form)
    cursor = 0
    for piece in pieces:
        target = normalize(piece.text)
        at = mapped.text.find(target, cursor)
        if at < 0:
            at = mapped.text.find(target)
        chars = sum(1 for c in piece.text if not c.isspace())
        if at < 0 or not target:
            result.pieces.append(PieceResult(piece.label, piece.text, False, 0, chars))
            continue
        cursor = at + len(target)
        start, end = mapped.original_span(at, at + len(target))
        span = [i for i in range(start, end) if not article.text[i].isspace()]
        result.pieces.append(
            PieceResult(
                piece.label,
                piece.text,
                True,
                citable_chars=sum(citable[i] for i in span),
                chars=len(span),
                headline=bool(span) and all(heading[i] for i in span),
            )
        )
    return result


def score_page(page: DevPage, form: str) -> PageResult:
    if form == "txt":
        article = segment(page.text_path.read_text(encoding="utf-8"))
    else:
        from ..page import extract_page

        extracted = extract_page(page.html_path.read_text(encoding="utf-8"))
        article = segment(extracted.text, headline=extracted.title)
    return score_article(article, page.pieces, page=page.id, form=form)


def by_kind(results: Iterable[PageResult]) -> dict[str, dict[str, dict[str, int]]]:
    """{form: {label: {"lines": n, "left_citable": n, "lost": n, "absent": n}}}."""
    table: dict[str, dict[str, dict[str, int]]] = defaultdict(
        lambda: defaultdict(lambda: {"lines": 0, "left_citable": 0, "lost": 0, "absent": 0})
    )
    for result in results:
        for p in result.pieces:
            row = table[result.form][p.label]
            row["lines"] += 1
            row["left_citable"] += p.left_citable
            row["lost"] += p.lost
            row["absent"] += not p.present
    return {form: dict(rows) for form, rows in table.items()}


@dataclass
class InjectionResult:
    """The injection detector on the labelled lines of `evals/devset/injection.yaml`."""

    hostile: int
    news: int
    missed: list[str]  # hostile lines not flagged
    false_alarms: list[str]  # news lines flagged

    @property
    def precision(self) -> float:
        flagged = self.hostile - len(self.missed) + len(self.false_alarms)
        return (self.hostile - len(self.missed)) / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        return (self.hostile - len(self.missed)) / self.hostile if self.hostile else 1.0

    @property
    def ok(self) -> bool:
        return not self.missed and not self.false_alarms


def score_injection(path: Path | None = None) -> InjectionResult:
    from ..injection import addressed_to_a_model

    data = yaml.safe_load((path or devset_dir().parent / "injection.yaml").read_text(encoding="utf-8"))
    return InjectionResult(
        hostile=len(data["hostile"]),
        news=len(data["news"]),
        missed=[line for line in data["hostile"] if not addressed_to_a_model(line)],
        false_alarms=[line for line in data["news"] if addressed_to_a_model(line)],
    )


def _injection_report(result: InjectionResult) -> str:
    out = [
        f"injection detector: {result.hostile} lines addressed to a model, {result.news} news lines about "
        f"instructions, orders, systems or ignoring: precision {result.precision:.3f}, recall {result.recall:.3f}"
    ]
    out += [f"  missed: {line}" for line in result.missed]
    out += [f"  false alarm: {line}" for line in result.false_alarms]
    return "\n".join(out)


def _report(results: list[PageResult]) -> str:
    out = ["per page", "page | form | furniture lines | left citable | story lines | lost | headline found"]
    out.append("---|---|---:|---:|---:|---:|---")
    for r in results:
        out.append(
            f"{r.page} | {r.form} | {len(r.furniture)} | {sum(p.left_citable for p in r.furniture)} | "
            f"{len(r.story)} | {sum(p.lost for p in r.story)} | {'yes' if r.headline_found else 'NO'}"
        )
    out += ["", "per kind", "kind | form | lines | left citable | lost | not in the text"]
    out.append("---|---|---:|---:|---:|---:")
    for form, rows in by_kind(results).items():
        for label in sorted(rows):
            row = rows[label]
            out.append(
                f"{label} | {form} | {row['lines']} | {row['left_citable']} | {row['lost']} | {row['absent']}"
            )
    failing = [r for r in results if not r.ok]
    out.append("")
    for r in failing:
        for p in r.pieces:
            if p.left_citable or p.lost:
                what = "left citable" if p.left_citable else "LOST"
                out.append(f"{r.page} [{r.form}] {p.label} {what}: {p.text[:70]}")
        if not r.headline_found:
            out.append(f"{r.page} [{r.form}] headline not found")
    furniture = sum(len(r.furniture) for r in results)
    left = sum(p.left_citable for r in results for p in r.furniture)
    story = sum(len(r.story) for r in results)
    lost = sum(p.lost for r in results for p in r.story)
    heads = sum(r.headline_found for r in results)
    out.append(
        f"{len(results)} page forms: {left} of {furniture} furniture lines left citable, "
        f"{lost} of {story} story lines lost, headline found in {heads} of {len(results)}"
    )
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m summarizer.evaluation.devset", description=__doc__.split("\n")[0])
    parser.add_argument("--form", choices=["txt", "html", "both"], default="both")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    forms = ["txt", "html"] if args.form == "both" else [args.form]
    results = [score_page(page, form) for page in load_pages() for form in forms]
    injection = score_injection()
    if args.json:
        print(json.dumps(
            {"pages": [asdict(r) for r in results], "by_kind": by_kind(results),
             "injection": {**asdict(injection), "precision": injection.precision, "recall": injection.recall}},
            ensure_ascii=False,
        ))
    else:
        print(_report(results))
        print(_injection_report(injection))
    return 0 if all(r.ok for r in results) and injection.ok else 1


if __name__ == "__main__":
    sys.exit(main())
