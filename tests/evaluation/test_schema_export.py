"""The checked-in JSON Schemas of the gold file and the eval log are the ones the code validates."""

from __future__ import annotations

import pytest

from summarizer.evaluation.schema_export import EXPORTS, schema_text

from ..conftest import ROOT


@pytest.mark.parametrize("name", list(EXPORTS))
def test_checked_in_schema_matches_the_models(name: str) -> None:
    model, version = EXPORTS[name]
    assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == schema_text(model, version), (
        f"schemas/{name} is stale: run python -m summarizer.evaluation.schema_export"
    )
