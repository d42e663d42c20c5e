"""Inputs for batch tests: folders and JSONL files of articles, and a results-file reader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summarizer.batch.results import read_results

# A different story: the seed's brief cites nothing in it, so grounding rejects that brief.
OTHER_STORY = (
    "أعلنت وزارة الصحة المصرية يوم الأحد افتتاح مستشفى جديد في مدينة أسوان.\n"
    "وقال الوزير في مؤتمر صحفي إن المستشفى سيخدم أكثر من مليون مواطن في جنوب البلاد.\n"
)


def write_folder(root: Path, texts: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for article_id, text in texts.items():
        (root / f"{article_id}.txt").write_text(text, encoding="utf-8")
    return root


def write_jsonl(path: Path, texts: dict[str, str]) -> Path:
    path.write_text(
        "".join(json.dumps({"id": k, "text": v}, ensure_ascii=False) + "\n" for k, v in texts.items()),
        encoding="utf-8",
    )
    return path


def records(path: Path) -> list[dict[str, Any]]:
    return list(read_results(path))


def by_id(path: Path) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for record in records(path):
        assert record["id"] not in found, f"duplicate line for {record['id']}"
        found[record["id"]] = record
    return found
