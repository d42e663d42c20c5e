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

from jinja2 import FileSystemLoader, StrictUndefined
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


def render(article: Article, *, compact: bool = False) -> Prompt:
    """The system and user prompts for `article`.

    `compact` leaves out the label definitions and the rules and names only the values: for a
    small local model whose server constrains decoding to the schema (the embedded model), the
    definitions would be most of its prompt (about 3,400 of 5,000 tokens) and it cannot use them.
    """
    env = _environment()
    context = {
        "compact": compact,
        "boundary": boundary_for(article),
        "sentences": article.sentences,
        "omitted_reasons": OMITTED_REASONS,
        "label_lists": LABEL_LISTS,
        "rules": RULES,
        "definition": definition,
    }
    return Prompt(
        system=env.get_template("system.j2").render(context),
        user=env.get_template("user.j2").render(context),
        version=prompt_version(compact=compact),
    )
