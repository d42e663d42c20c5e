"""Does the brief say what the article says? Consistency checks, one implementation used twice.

The pipeline runs them on the model's draft after grounding (a failed check becomes a reask
message, then a typed error); the eval runs them on any brief and counts the problems by check.
Each module is one concept:

    anchors   numbers, dates, days and names of a statement are in its evidence; Arabic = English
    support   (statements) a claim's words come from its evidence; (headline, summary) see below
    polarity  negation agrees between statement and evidence, and between the two languages
    status    happened / will happen / claimed / pretext agrees with the label and the evidence
    cue       the cue is written in the evidence; a distancing cue is not reported as neutral
              headline and summary say only what the claims say, never more firmly

Everything here is a pure function of the article and the brief (no model, no I/O).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from ..schema import Brief, BriefDraft, Entity
from ..segment import Article
from .anchors import check_claim_anchors, check_parity
from .cue import check_cues
from .entities import forms_of
from .polarity import check_polarity
from .problem import Check, Problem
from .status import check_status
from .support import check_statements, check_support
from .text import Forms, WordSet
from .view import BriefView, view_of_brief, view_of_draft

CHECKS: tuple[Check, ...] = ("anchors", "statement", "parity", "polarity", "status", "cue", "support")


def check(view: BriefView, extra_entities: Iterable[Entity] = ()) -> list[Problem]:
    """Every consistency problem of a brief, in check order (empty when it is consistent).

    Names are found through the brief's own entity list, plus `extra_entities` (the eval can
    pass the gold's, so a brief that lists no entities is still checked for names).
    """
    entities = forms_of([*view.entities, *extra_entities])
    return [
        *check_claim_anchors(view, entities),
        *check_statements(view),
        *check_parity(view, entities),
        *check_polarity(view),
        *check_status(view),
        *check_cues(view),
        *check_support(view, entities),
    ]


def check_draft(article: Article, draft: BriefDraft) -> list[Problem]:
    return check(view_of_draft(article, draft))


def check_brief(article: Article, brief: Brief, extra_entities: Iterable[Entity] = ()) -> list[Problem]:
    return check(view_of_brief(article, brief), extra_entities)


__all__ = ["CHECKS", "BriefView", "Problem", "check", "check_brief", "check_draft", "view_of_brief", "view_of_draft"]


def forget_texts(*, words: bool = False) -> None:
    """Empty the caches keyed by texts, briefs or entity lists; keep those keyed by single words.

    The checks remember each text's words, markers and anchors and a few whole briefs' tables.
    A benchmark that sends the same answer for every article calls this before each one, so it
    measures what a new draft costs, not a cache hit. Common words recur across real articles,
    so the per-word caches (`text.PER_WORD` entries or more) are kept, unless `words` is true:
    then every cache is emptied, the cost of a draft whose every word is new to the process.
    The per-word memories that are no lru_cache (a `WordSet`'s words, a `Forms` list's lookups,
    module-level or in a module-level dict or tuple) are per-word caches too: emptied with `words`.
    """
    from .text import PER_WORD

    caches, memories = _caches()
    for cache_clear, maxsize in caches:
        if words or maxsize < PER_WORD:
            cache_clear()
    if words:
        for memory in memories:
            memory.forget()


@cache
def _caches() -> tuple[tuple[tuple[Callable[[], None], int], ...], tuple[WordSet | Forms, ...]]:
    """The package's cached functions (with their sizes) and per-word memories, found once.

    A benchmark asks per article; walking the modules each time cost 0.24 ms.
    """
    import importlib
    import pkgutil

    caches = {}  # by identity: a function imported into other modules is one cache
    memories: dict[int, WordSet | Forms] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            cache_info = getattr(value, "cache_info", None)
            if callable(cache_info):
                caches[id(value)] = (value.cache_clear, cache_info().maxsize or 0)
            inner = value.values() if isinstance(value, dict) else value if isinstance(value, tuple) else ()
            for memo in (value, *inner):
                if isinstance(memo, (WordSet, Forms)):
                    memories[id(memo)] = memo
    return tuple(caches.values()), tuple(memories.values())
