"""Export the brief's JSON Schema into `schemas/` for consumers that do not use Python.

`python -m summarizer.schema_export` rewrites the files; a test fails when they drift
from the models, so the checked-in schema is always the one the code validates.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .schema import SCHEMA_VERSION, Brief, BriefDraft

EXPORTS = {
    "brief.schema.json": Brief,
    "brief-draft.schema.json": BriefDraft,
}


def schema_text(model: type) -> str:
    schema = model.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"bilingual-brief/{SCHEMA_VERSION}/{model.__name__}",
        **schema,
    }
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "schemas"
    target.mkdir(parents=True, exist_ok=True)
    for name, model in EXPORTS.items():
        (target / name).write_text(schema_text(model), encoding="utf-8")
        print(f"wrote {target / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
