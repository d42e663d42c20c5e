"""Export the JSON Schemas of the gold file and the eval log into `schemas/`.

`python -m summarizer.evaluation.schema_export` rewrites them; a test fails when they drift
from the models. Gold YAML files point editors at theirs with a `$schema` comment.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from .gold import GOLD_FORMAT_VERSION, Gold
from .log import LOG_VERSION, EvalLog

EXPORTS: dict[str, tuple[type[BaseModel], str]] = {
    "gold.schema.json": (Gold, GOLD_FORMAT_VERSION),
    "eval-log.schema.json": (EvalLog, LOG_VERSION),
}


def schema_text(model: type[BaseModel], version: str) -> str:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"bilingual-brief/eval/{version}/{model.__name__}",
        **model.model_json_schema(),
    }
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "schemas"
    target.mkdir(parents=True, exist_ok=True)
    for name, (model, version) in EXPORTS.items():
        (target / name).write_text(schema_text(model, version), encoding="utf-8")
        print(f"wrote {target / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
