"""A disk cache of finished briefs, so the same article is never paid for twice.

The key covers everything that changes the output — model, endpoint host, prompt version,
schema version, article SHA-256 and call parameters — and never the API key. Entries are
whole JSON files written atomically: a crash can leave a missing entry, and only a power cut
before a non-durable write (the async path's) reached the disk a torn one, which is a miss.

An entry is never trusted blindly: `get` is given the article and serves an entry only when
its recorded sha256 is the article's and every evidence span is exactly the quoted text at
its offsets (`brief_file.mismatches`); anything else is a miss, logged. A cache that cannot
be written (read-only folder, full disk, a file in the folder's place) is a cache that
stores nothing from then on, with one warning: it never turns a paid brief into an error.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from pydantic import ValidationError

from .brief_file import mismatches
from .config import ProviderConfig
from .errors import OutputError
from .output import write_atomic
from .resources import default_cache_dir
from .schema import SCHEMA_VERSION, Brief

log = logging.getLogger(__name__)


def cache_key(config: ProviderConfig, prompt_version: str, article_sha256: str) -> str:
    """SHA-256 of the fields that determine a brief (the key is deliberately not among them)."""
    fields = {
        "model": config.model,
        # The embedded server listens on a fresh random port each run: its identity is the
        # provider and model, not the port.
        "endpoint": config.provider if config.provider == "embedded" else config.endpoint_host,
        "prompt_version": prompt_version,
        "schema_version": SCHEMA_VERSION,
        "article_sha256": article_sha256,
        "settings": config.settings(),
    }
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()


class BriefCache:
    """Briefs stored as `<root>/<key[:2]>/<key>.json`."""

    def __init__(self, root: str | Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_cache_dir()
        self.writable = True  # False after the first failed write: no more attempts, no more warnings

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str, article: str) -> Brief | None:
        """The cached brief for `article`, or None (also when the entry does not fit that text)."""
        path = self._path(key)
        try:
            brief = Brief.model_validate_json(path.read_bytes())
        except FileNotFoundError:
            return None
        except (ValidationError, ValueError, OSError):
            return None  # an unreadable entry is a miss; it is overwritten on the next put
        problems = mismatches(brief, article)
        if problems:
            log.warning("cache entry %s does not fit its article (%s); ignored", path.name, problems[0])
            return None
        return brief

    def put(self, key: str, brief: Brief, *, durable: bool = True) -> Path | None:
        """Store a brief; a failure disables writing with one warning instead of raising.

        `durable` waits for the disk (fsync) before the entry takes its name. Without it the
        entry is still whole for every reader at once and survives the process being killed;
        only a power cut before the system writes it back can lose it or leave it torn, and a
        torn entry is a miss (`get` checks every entry). Returns the entry's file, or None when
        nothing was written.
        """
        if not self.writable:
            return None
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, brief.model_dump_json(), durable=durable)
        except (OSError, OutputError) as exc:
            self.writable = False
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            log.warning("cannot write the brief cache in %s (%s); continuing without storing to the cache",
                        self.root, reason)
            return None
        return path
