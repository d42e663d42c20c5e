"""Render the system and user prompts from the Jinja templates in `prompts/`.

The templates are the only template source. The article reaches them as data (a list of
sentences), so `{{ ... }}` or `{% ... %}` inside an article is printed literally, never
evaluated. The environment is sandboxed and uses `StrictUndefined`, so a typo in a
template fails loudly instead of rendering an empty string.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache

from jinja2 import FileSystemLoader, StrictUndefined, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from .labels import LABEL_LISTS, RULES, definition
from .resources import data_dir
from .schema import DRAFT_SCHEMA_VERSION
from .segment import REASONS, Article

TEMPLATES = ("system.j2", "user.j2")

# Why each kind of line is not shown as citable text (the catalogue in `furniture.py`).
OMITTED_REASONS = REASONS


@dataclass(frozen=True, slots=True)
class Prompt:
    system: str
    user: str
    version: str

    def messages(self) -> list[dict[str, str]]:
        return [
            {"role": "system", "content": self.system},
            {"role": "user", "content": self.user},
        ]


@cache
def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=FileSystemLoader(data_dir("prompts")),
        undefined=StrictUndefined,
        autoescape=False,  # plain-text prompts; nothing here is HTML
        keep_trailing_newline=False,
    )


@cache
def prompt_version(*, compact: bool = False) -> str:
    """A short hash of the template sources and the draft schema's version.

    It changes whenever any prompt text, any label definition or rule, or the shape the model
    is asked to write changes, so cached briefs of an older request are never reused. The
    compact prompt (`render(..., compact=True)`) is another request: its version ends in `-compact`.
    """
    digest = hashlib.sha256(DRAFT_SCHEMA_VERSION.encode())
    digest.update(_scheme_text().encode())
    for name in TEMPLATES:
        digest.update(name.encode())
        digest.update((data_dir("prompts") / name).read_bytes())
    return digest.hexdigest()[:12] + ("-compact" if compact else "")


def _scheme_text() -> str:
    """Every label definition and rule the prompt renders (part of the prompt version)."""
    return "\n".join(
        [f"{v.value}: {definition(v)}" for _, _, values in LABEL_LISTS for v in values]
        + [f"{r.key}: {r.text}" for r in RULES]
    )


def boundary_for(article: Article) -> str:
    """Delimiter tag derived from the article's own hash.

    An article cannot contain the marker that closes it: that would need text containing
    a prefix of its own SHA-256.
    """
    return article.sha256[:16]


def render_template(name: str, **context: object) -> str:
    """Render any other template in `prompts/` (e.g. the eval judge's) in the same sandbox."""
    return _environment().get_template(name).render(context)


def _context(boundary: str, compact: bool) -> dict[str, object]:
    """What every template of the brief's prompt sees besides the article's sentences."""
    return {
        "compact": compact,
        "boundary": boundary,
        "omitted_reasons": OMITTED_REASONS,
        "label_lists": LABEL_LISTS,
        "rules": RULES,
        "definition": definition,
    }


def render(article: Article, *, compact: bool = False) -> Prompt:
    """The system and user prompts for `article`.

    `compact` leaves out the label definitions and the rules and names only the values: for a
    small local model whose server constrains decoding to the schema (the embedded model), the
    definitions would be most of its prompt (about 3,400 of 5,000 tokens) and it cannot use them.
    """
    boundary = boundary_for(article)
    return Prompt(
        system=_system_prompt(boundary, compact),
        user=_environment().get_template("user.j2").render(_context(boundary, compact), sentences=article.sentences),
        version=prompt_version(compact=compact),
    )


# The system prompt is the same for every article but for the boundary tag, which it only
# prints: it is rendered once with a stand-in for the tag (no label or rule text holds a NUL),
# and each article's tag takes the stand-in's place.
_STAND_IN = "\x00boundary\x00"


def _system_prompt(boundary: str, compact: bool) -> str:
    parts = _system_parts(compact)
    if parts is None:
        return _environment().get_template("system.j2").render(_context(boundary, compact))
    return boundary.join(parts)


@cache
def _system_parts(compact: bool) -> tuple[str, ...] | None:
    """The system prompt split where the boundary tag goes, or None if the template does more than print the tag.

    Checked once: the parts joined by a real tag must be what the template renders for that tag
    (a template that transforms the tag, or reads the article's sentences, is rendered every time).
    """
    template = _environment().get_template("system.j2")
    try:
        parts = template.render(_context(_STAND_IN, compact)).split(_STAND_IN)
    except UndefinedError:
        return None
    probe = "0123456789abcdef"
    return tuple(parts) if probe.join(parts) == template.render(_context(probe, compact)) else None
