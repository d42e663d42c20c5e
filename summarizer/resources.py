"""Where the project's data folders are, and which version is installed, wheel or checkout.

The repository keeps `prompts/`, `schemas/`, `evals/` and `seeds/` at its root, visible and
without `__init__.py` (so they can never shadow PyPI packages of those names). A wheel copies
them into `summarizer/_bundled/`; an editable install or a checkout reads them in place.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
DISTRIBUTION = "bilingual-brief-summarizer"


@cache
def data_dir(name: str) -> Path:
    """The folder `name` (one of prompts, schemas, evals, seeds)."""
    for candidate in (_PACKAGE_DIR / "_bundled" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the {name}/ folder is missing from this installation")


def default_cache_dir() -> Path:
    """The user's cache folder for briefs and recovered output (`SUMMARIZER_CACHE_DIR` overrides it)."""
    root = os.environ.get("SUMMARIZER_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "bilingual-brief"
    )
    return Path(root)


def version() -> str:
    """The installed distribution's version (from its metadata); `0+unknown` in a bare checkout."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed(DISTRIBUTION)
    except PackageNotFoundError:
        return "0+unknown"
