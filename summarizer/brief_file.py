"""Read saved briefs and check that a brief belongs to its article.

Read a brief saved as JSON, with one clear error for each way the file can be unusable,
and check that a saved brief belongs to a given article (`mismatches`): the render command,
the cache and batch resume all refuse a brief whose hash or evidence offsets do not fit.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from pydantic import ValidationError as PydanticValidationError

from .article_input import read_input_file
from .errors import InvalidBriefError, first_problem
from .migration import BriefVersionError, load_brief
from .schema import Brief


def parse_brief(data: bytes | str, *, name: str = "brief") -> Brief:
    """A `Brief` from JSON text, or `InvalidBriefError`.

    A `Brief` from JSON text, upgraded from an older schema version when the rules allow
    (`migration`); `InvalidBriefError` naming the first problem otherwise.
    """
    try:
        parsed = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidBriefError(f"{name} is not a valid brief: not JSON ({exc})") from None
    try:
        return load_brief(parsed)
    except BriefVersionError as exc:
        raise InvalidBriefError(f"{name} cannot be read: {exc}") from None
    except PydanticValidationError as exc:
        raise InvalidBriefError(f"{name} is not a valid brief: {first_problem(exc)}") from None


def read_brief(path: str | Path) -> Brief:
    """Read a brief file (`-` for standard input)."""
    if str(path) == "-":
        return parse_brief(sys.stdin.buffer.read(), name="standard input")
    return parse_brief(read_input_file(path, "a brief file"), name=str(path))


def mismatches(brief: Brief, text: str) -> list[str]:
    """Why `text` is not the article `brief` was made from (empty when it is).

    The sha256 recorded in the metadata must be the text's, and every evidence span (claims
    as C2.1, key facts as K3) must lie inside the text and be exactly the quoted words there.
    """
    found: list[str] = []
    if brief.metadata is not None:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest != brief.metadata.input_sha256:
            made_from = brief.metadata.input_sha256
            found.append(f"the article's sha256 is {digest[:12]}…, but the brief was made from {made_from[:12]}…")
            return found  # every span would differ too; one reason is enough
    spans = [(f"{c.id}.{j}", s) for c in brief.claims for j, s in enumerate(c.evidence, start=1)]
    spans += [(f"K{i}", fact.evidence) for i, fact in enumerate(brief.key_facts, start=1)]
    for name, s in spans:
        if not 0 <= s.start < s.end <= len(text):
            found.append(f"evidence {name} [{s.start}:{s.end}] lies outside the article ({len(text)} characters)")
        elif text[s.start : s.end] != s.quote:
            found.append(f"evidence {name} [{s.start}:{s.end}] is not the quoted text {s.quote!r} in this article")
    return found
