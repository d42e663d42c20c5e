"""What the checks read: a brief (or a draft) and its article, in one shape.

The pipeline checks a `BriefDraft` before it has offsets; the eval checks a grounded `Brief`.
Both become a `BriefView`: for every claim its statement, label, cue, the quotes it cites and
the full text of the sentences those quotes come from (plus the sentences just before them,
where a pronoun or «هذه الزيارة» finds what it refers to). The checks never see anything else,
so they are the same code in both places.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..arabic import _ARABIC_LETTER, _LATIN_LETTER, script_share  # the letters script_share counts
from ..schema import Brief, BriefDraft, Entity
from ..segment import Article
from .text import PER_TEXT, joined

CONTEXT_SENTENCES = 2  # story sentences before the cited one that a statement may draw a name from


@dataclass(frozen=True)
class ClaimView:
    where: str  # how messages name it: "claims[2]" in a draft, "C3" in a brief
    ar: str
    en: str
    label: str  # the claim's certainty/status label, as its value string
    cue_ar: str | None
    quotes: tuple[str, ...]  # the evidence as cited
    sentence_ids: tuple[str, ...]
    sentences: tuple[str, ...]  # full text of the cited sentences that exist
    context: tuple[str, ...]  # the cited sentences and the few story sentences before them
    extra: dict[str, str] = field(default_factory=dict)  # further labels (scheme 2: channel, stance)
    attribution_ar: str = ""  # the source and outlet as the brief names them, Arabic
    attribution_en: str = ""  # and English

    # Derived texts are read by every check: computed once per claim (the view is immutable).
    @cached_property
    def evidence_lang(self) -> str:
        """The language the cited sentences are written in: "ar", or "en" for an article in English."""
        return "ar" if not self.sentences else _language(self.sentence_text)

    @cached_property
    def evidence_text(self) -> str:
        return joined(self.quotes)

    @cached_property
    def sentence_text(self) -> str:
        return joined(self.sentences)

    @cached_property
    def context_text(self) -> str:
        return joined(self.context)


@lru_cache(maxsize=PER_TEXT)
def _language(text: str) -> str:
    """The language of `text`: "ar" when at least half its letters are Arabic, else "en" (once per text).

    Text without a Latin letter is "ar" as soon as it has an Arabic one (no need to count them).
    """
    if _LATIN_LETTER.search(text) is None:
        return "ar" if _ARABIC_LETTER.search(text) else "en"
    arabic, _ = script_share(text)
    return "ar" if arabic >= 0.5 else "en"


@dataclass(frozen=True)
class BriefView:
    headline: tuple[str, str]
    bullets: tuple[tuple[str, str], ...]  # (ar, en), index by index
    claims: tuple[ClaimView, ...]
    entities: tuple[Entity, ...]
    story: str  # every citable sentence, joined

    @property
    def cited_claims(self) -> tuple[ClaimView, ...]:
        """The claims that cite a citable sentence: the only ones a check can read against evidence.

        Grounding reports a claim with no citable sentence; the checks pass over it.
        """
        return tuple(claim for claim in self.claims if claim.sentences)


def _citable_ids(article: Article) -> tuple[list[str], dict[str, int]]:
    """The citable sentence IDs in order and each one's position: once per view, not per claim."""
    citable = [s.id for s in article.citable]
    position: dict[str, int] = {}
    for at, sid in enumerate(citable):
        position.setdefault(sid, at)
    return citable, position


def _sentences(
    article: Article, ids: list[str], citable: tuple[list[str], dict[str, int]]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    by_id = article.by_id
    order, position = citable
    known = [i for i in dict.fromkeys(ids) if i in position]
    texts = tuple(by_id[i].text for i in known)
    context_ids: list[str] = []
    for sid in known:
        at = position[sid]
        context_ids += order[max(0, at - CONTEXT_SENTENCES) : at + 1]
    context = tuple(by_id[i].text for i in dict.fromkeys(context_ids))
    return tuple(known), texts, context


def _claim(
    article: Article,
    where: str,
    ar: str,
    en: str,
    label: str,
    cue: str | None,
    quotes: list[str],
    ids: list[str],
    extra: dict[str, str],
    names: tuple[str | None, ...],
    citable: tuple[list[str], dict[str, int]],
) -> ClaimView:
    known, texts, context = _sentences(article, list(ids), citable)
    return ClaimView(
        where=where,
        ar=ar,
        en=en,
        label=label,
        cue_ar=cue,
        quotes=tuple(quotes),
        sentence_ids=known,
        sentences=texts,
        context=context,
        extra=extra,
        attribution_ar=" ".join(n for n in names[:2] if n),
        attribution_en=" ".join(n for n in names[2:] if n),
    )


def _names(who: object | None) -> tuple[str | None, ...]:
    """The four name fields of an attribution of either scheme.

    (source ar, outlet ar, source en, outlet en) of an attribution of either scheme: scheme 1
    writes the source and outlet flat, scheme 2 as `source` plus the channel's `via`.
    """
    if who is None:
        return (None,) * 4
    source = getattr(who, "source", None)
    if source is not None and not isinstance(source, int):
        return (source.name_ar, getattr(who, "via_ar", None), source.name_en, getattr(who, "via_en", None))
    return tuple(getattr(who, name, None) for name in ("source_ar", "outlet_ar", "source_en", "outlet_en"))


def _draft_names(draft: BriefDraft) -> list[tuple[str | None, ...]]:
    """`_names` of each claim's attribution, read from the draft's sources without building the attributions.

    All None when a claim cites a source that is not listed (the schema's own validator says so).
    """
    by_id = {s.id: s for s in draft.sources}
    if any(c.source not in by_id for c in draft.claims):
        return [(None,) * 4] * len(draft.claims)
    return [(by_id[c.source].name_ar, c.via_ar, by_id[c.source].name_en, c.via_en) for c in draft.claims]


@lru_cache(maxsize=64)
def _may_have(cls: type, name: str) -> bool:
    """Whether an instance of `cls` can have the attribute `name`.

    False only for a pydantic model that forbids extra fields and has no such field, class
    attribute or private attribute: asking one of those for a missing name goes through
    pydantic's `__getattr__` and a raised AttributeError, a few microseconds each, twice per claim.
    """
    fields = getattr(cls, "model_fields", None)
    if not isinstance(fields, dict) or getattr(cls, "model_config", {}).get("extra") != "forbid":
        return True
    return name in fields or hasattr(cls, name) or name in (getattr(cls, "__private_attributes__", None) or {})


def _read(obj: object, name: str) -> object | None:
    """`getattr(obj, name, None)`, without asking a model for a field its class does not have."""
    cls: type = type(obj)
    return getattr(obj, name, None) if _may_have(cls, name) else None


def _extra(claim: object) -> dict[str, str]:
    """Labels beyond certainty that a claim may carry (read by name, so older schemas simply lack them)."""
    found = {}
    for name in ("status", "channel", "cue_stance", "stance"):
        value = _read(claim, name)
        if value is not None:
            found[name] = str(getattr(value, "value", value))
    return found


def _label(claim: object) -> str:
    value = _read(claim, "certainty") or _read(claim, "status")
    return str(getattr(value, "value", value)) if value is not None else ""


def _story(article: Article) -> str:
    return "\n".join(s.text for s in article.citable)


def view_of_draft(article: Article, draft: BriefDraft) -> BriefView:
    """A draft as the model wrote it; its claims are named `claims[i]` as in the schema."""
    names = _draft_names(draft)
    citable = _citable_ids(article)
    claims = tuple(
        _claim(
            article,
            f"claims[{i}]",
            c.statement.ar,
            c.statement.en,
            _label(c),
            c.cue_ar,
            [q.quote for q in c.evidence],
            [q.sentence_id for q in c.evidence],
            _extra(c),
            names[i],
            citable,
        )
        for i, c in enumerate(draft.claims)
    )
    return BriefView(
        headline=(draft.headline.ar, draft.headline.en),
        bullets=tuple(zip(draft.summary.ar, draft.summary.en, strict=False)),
        claims=claims,
        entities=tuple(draft.entities),
        story=_story(article),
    )


def view_of_brief(article: Article, brief: Brief) -> BriefView:
    """A grounded brief; its claims are named by their ids (C1, C2, ...)."""
    citable = _citable_ids(article)
    claims = tuple(
        _claim(
            article,
            c.id,
            c.statement.ar,
            c.statement.en,
            _label(c),
            c.attribution.cue_ar,
            [s.quote for s in c.evidence],
            [s.sentence_id for s in c.evidence],
            _extra(c) | _extra(c.attribution),
            _names(c.attribution),
            citable,
        )
        for c in brief.claims
    )
    return BriefView(
        headline=(brief.headline.ar, brief.headline.en),
        bullets=tuple(zip(brief.summary.ar, brief.summary.en, strict=False)),
        claims=claims,
        entities=tuple(brief.entities),
        story=_story(article),
    )
