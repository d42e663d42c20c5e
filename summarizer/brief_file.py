"""Read a brief saved as JSON, with one clear error for each way the file can be unusable."""

from __future__ import annotations

import sys
from pathlib import Path

from pydantic import ValidationError as PydanticValidationError

from .article_input import read_input_file
from .errors import InvalidBriefError, first_problem
from .schema import Brief


def parse_brief(data: bytes | str, *, name: str = "brief") -> Brief:
    """A `Brief` from JSON text; `InvalidBriefError` naming the first problem otherwise."""
    try:
        return Brief.model_validate_json(data)
    except PydanticValidationError as exc:
        raise InvalidBriefError(f"{name} is not a valid brief: {first_problem(exc)}") from None


def read_brief(path: str | Path) -> Brief:
    """Read a brief file (`-` for standard input)."""
    if str(path) == "-":
        return parse_brief(sys.stdin.buffer.read(), name="standard input")
    return parse_brief(read_input_file(path, "a brief file"), name=str(path))
