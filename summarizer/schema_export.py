"""Export the project's JSON Schemas into `schemas/` for consumers that do not use Python.

`python -m summarizer.schema_export` rewrites every file; a test fails when one drifts from
its model, so the checked-in schemas are always the ones the code validates.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from .evaluation.gold import GOLD_FORMAT_VERSION, Gold
from .evaluation.log import LOG_VERSION, EvalLog
from .schema import DRAFT_SCHEMA_VERSION, SCHEMA_VERSION, Brief, BriefDraft

# file name -> (model, the version that goes into its $id)
EXPORTS: dict[str, tuple[type[BaseModel], str]] = {
    "brief.schema.json": (Brief, SCHEMA_VERSION),
    "brief-draft.schema.json": (BriefDraft, DRAFT_SCHEMA_VERSION),
    "gold.schema.json": (Gold, f"eval/{GOLD_FORMAT_VERSION}"),
    "eval-log.schema.json": (EvalLog, f"eval/{LOG_VERSION}"),
}


def schema_text(name: str) -> str:
    model, version = EXPORTS[name]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"bilingual-brief/{version}/{model.__name__}",
        **model.model_json_schema(),
    }
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "schemas"
    target.mkdir(parents=True, exist_ok=True)
    for name in EXPORTS:
        (target / name).write_text(schema_text(name), encoding="utf-8")
        print(f"wrote {target / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
