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
def prompt_version() -> str:
    """A short hash of the template sources and the draft schema's version.

    It changes whenever any prompt text, any label definition or rule, or the shape the model
    is asked to write changes, so cached briefs of an older request are never reused.
    """
    digest = hashlib.sha256(DRAFT_SCHEMA_VERSION.encode())
    digest.update(_scheme_text().encode())
    for name in TEMPLATES:
        digest.update(name.encode())
        digest.update((data_dir("prompts") / name).read_bytes())
    return digest.hexdigest()[:12]


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


def _context(boundary: str) -> dict[str, object]:
    """What every template of the brief's prompt sees besides the article's sentences."""
    return {
        "boundary": boundary,
        "omitted_reasons": OMITTED_REASONS,
        "label_lists": LABEL_LISTS,
        "rules": RULES,
        "definition": definition,
    }


def render(article: Article) -> Prompt:
    boundary = boundary_for(article)
    return Prompt(
        system=_system_prompt(boundary),
        user=_environment().get_template("user.j2").render(_context(boundary), sentences=article.sentences),
        version=prompt_version(),
    )


# The system prompt is the same for every article but for the boundary tag, which it only
# prints: it is rendered once with a stand-in for the tag (no label or rule text holds a NUL),
# and each article's tag takes the stand-in's place.
_STAND_IN = "\x00boundary\x00"


def _system_prompt(boundary: str) -> str:
    parts = _system_parts()
    if parts is None:
        return _environment().get_template("system.j2").render(_context(boundary))
    return boundary.join(parts)


@cache
def _system_parts() -> tuple[str, ...] | None:
    """The system prompt split where the boundary tag goes, or None if the template does more than print the tag.

    Checked once: the parts joined by a real tag must be what the template renders for that tag
    (a template that transforms the tag, or reads the article's sentences, is rendered every time).
    """
    template = _environment().get_template("system.j2")
    try:
        parts = template.render(_context(_STAND_IN)).split(_STAND_IN)
    except UndefinedError:
        return None
    probe = "0123456789abcdef"
    return tuple(parts) if probe.join(parts) == template.render(_context(probe)) else None


def request_preview(text: str, *, model: str = "gpt-4.1-mini", mode: str = "tools") -> dict[str, object]:
    """The exact request body the pipeline sends for `text`.

    The exact request body the pipeline sends for `text`: messages plus the function schema
    (tools mode) or response format, as instructor builds it. No network, no key.
    """
    from .config import OutputMode, ProviderConfig
    from .pipeline import prepare
    from .provider.request import request_body

    config = ProviderConfig(model=model, mode=OutputMode(mode))
    prepared = prepare(text, config)
    return request_body(config, prepared.prompt, prepared.grounding)


def main(argv: list[str] | None = None) -> int:
    """`python -m summarizer.prompts ARTICLE [--sentences] [--mode tools|json_schema|json] [--model M]`.

    Prints the exact request (messages and function schema, JSON) the pipeline would send for the
    article, or with `--sentences` the article's sentences as the model sees them ([S1] ...).
    """
    import argparse
    import json
    import sys

    from .article_input import decode_article
    from .segment import segment

    parser = argparse.ArgumentParser(prog="python -m summarizer.prompts", description=main.__doc__)
    parser.add_argument("article", help="article file (UTF-8 text)")
    parser.add_argument("--sentences", action="store_true", help="print the numbered sentences only")
    parser.add_argument("--mode", default="tools", choices=["tools", "json_schema", "json"])
    parser.add_argument("--model", default="gpt-4.1-mini")
    args = parser.parse_args(argv)
    with open(args.article, "rb") as handle:
        text = decode_article(handle.read(), name=args.article)
    if args.sentences:
        for sentence in segment(text).sentences:
            shown = sentence.text if sentence.citable else f"omitted: {OMITTED_REASONS[sentence.kind]}"
            sys.stdout.write(f"[{sentence.id}] {shown}\n")
        return 0
    body = request_preview(text, model=args.model, mode=args.mode)
    sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
