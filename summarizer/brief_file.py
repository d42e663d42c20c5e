"""Read a brief saved as JSON, with one clear error for each way the file can be unusable."""

from __future__ import annotations

import sys
from pathlib import Path

from pydantic import ValidationError as PydanticValidationError

from .errors import InputNotFoundError, InvalidBriefError, first_problem
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
    p = Path(path)
    if p.is_dir():
        raise InputNotFoundError(f"{p} is a directory, not a brief file")
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputNotFoundError(f"{p} does not exist") from None
    except OSError as exc:
        raise InputNotFoundError(f"{p} cannot be read: {exc.strerror}") from None
    return parse_brief(data, name=str(p))
