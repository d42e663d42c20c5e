"""Content rules that need the article: grounding, citable sentences, leakage, script.

`response_model_for(article)` builds the per-article model handed to instructor:

* sentence IDs are an enum of the article's citable sentences, so a provider with strict
  JSON-schema decoding cannot cite a sentence that does not exist or is not story text;
* an after-validator runs `problems(article, draft)`; any problem raises, and instructor
  sends the message back to the model word for word (a reask). The messages are written as
  instructions the model can act on.

`ground(article, draft)` turns a valid draft into spans with offsets into the ORIGINAL
text. Nothing is silently dropped: a draft with an ungrounded quote is never converted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, Field, create_model, model_validator
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from .arabic import NormalizedText, map_normalized, normalize, script_share
from .errors import GroundingError
from .schema import (
    Brief,
    BriefDraft,
    BriefMetadata,
    Claim,
    ClaimDraft,
    KeyFact,
    KeyFactDraft,
    QuoteDraft,
    Span,
)
from .segment import Article, Sentence, SentenceKind

MIN_QUOTE_CHARS = 6  # after normalization; shorter spans ("في", "قال") prove nothing
LEAK_MIN_CHARS = 20  # a shared run shorter than this is ordinary vocabulary, not leakage
LEAK_SIMILARITY = 85.0
_LEAK_KINDS = frozenset({SentenceKind.RELATED, SentenceKind.INSTRUCTION})


def _sentence_map(article: Article, sentence: Sentence) -> NormalizedText:
    """`sentence` normalized with offsets, once per article (the validator, then `ground`)."""
    maps = article.derived.setdefault("normalized_sentences", {})
    mapped = maps.get(sentence.id)
    if mapped is None:
        mapped = maps[sentence.id] = map_normalized(sentence.text)
    return mapped


def locate_quote(article: Article, quote: QuoteDraft) -> tuple[int, int] | str:
    """Where `quote` is in the ORIGINAL text (start, end), or an instruction saying what is wrong.

    Remembered per article: the validator locates every quote, `ground` reuses the answers.
    """
    located = article.derived.setdefault("located_quotes", {})
    key = (quote.sentence_id, quote.quote)
    found = located.get(key)
    if found is None:
        found = located[key] = _locate(article, quote)
    return found


def _locate(article: Article, quote: QuoteDraft) -> tuple[int, int] | str:
    sentence = article.by_id.get(quote.sentence_id)
    if sentence is None:
        return f"sentence {quote.sentence_id} does not exist; cite one of the listed sentence IDs"
    if not sentence.citable:
        return f"sentence {quote.sentence_id} is not part of the story ({sentence.kind}); it cannot be cited"
    target = normalize(quote.quote)
    mapped = _sentence_map(article, sentence)
    if len(target) < MIN_QUOTE_CHARS and target != mapped.text:
        return (
            f"the quote {quote.quote!r} from {quote.sentence_id} is too short to show anything; "
            "copy a few consecutive words"
        )
    at = mapped.text.find(target)
    if at < 0:
        elsewhere = [
            s.id for s in article.citable if target and target in normalize(s.text)
        ]
        hint = f" It appears in {', '.join(elsewhere)}: cite that sentence." if elsewhere else (
            " Copy the words exactly as the article writes them; do not paraphrase or translate."
        )
        return f"the quote {quote.quote!r} is not in sentence {quote.sentence_id}.{hint}"
    start, end = mapped.original_span(at, at + len(target))
    return sentence.start + start, sentence.start + end


def ground_quote(article: Article, quote: QuoteDraft) -> Span | str:
    """Locate `quote` in its cited sentence: a `Span`, or an instruction saying what is wrong."""
    found = locate_quote(article, quote)
    if isinstance(found, str):
        return found
    start, end = found
    return Span(sentence_id=quote.sentence_id, quote=article.text[start:end], start=start, end=end)


def _arabic_fields(draft: BriefDraft) -> Iterator[tuple[str, str]]:
    yield "headline.ar", draft.headline.ar
    for i, bullet in enumerate(draft.summary.ar):
        yield f"summary.ar[{i}]", bullet
    for i, claim in enumerate(draft.claims):
        yield f"claims[{i}].statement.ar", claim.statement.ar


def _english_fields(draft: BriefDraft) -> Iterator[tuple[str, str]]:
    yield "headline.en", draft.headline.en
    for i, bullet in enumerate(draft.summary.en):
        yield f"summary.en[{i}]", bullet
    for i, claim in enumerate(draft.claims):
        yield f"claims[{i}].statement.en", claim.statement.en


def _leak_lines(article: Article) -> tuple[tuple[str, str], ...]:
    """(ID, normalized text after any "label:") of the lines no brief may repeat; once per article."""
    lines = article.derived.get("leak_lines")
    if lines is None:
        lines = article.derived["leak_lines"] = tuple(
            (s.id, normalize(s.text.split(":", 1)[-1])) for s in article.sentences if s.kind in _LEAK_KINDS
        )
    return lines


def could_reach(line: str, field: str, similarity: float = LEAK_SIMILARITY) -> bool:
    """False when `fuzz.partial_ratio(line, field)` is certainly below `similarity` (a cheap bound).

    partial_ratio is the best `fuzz.ratio` (2·LCS / total length) of the shorter string
    against a part of the longer one. A part's common subsequence with the shorter string is
    at most m, the LCS of the two whole strings, and at most the part's length k, so the best
    ratio is at most 2·min(k, m) / (shorter + k) <= 2m / (shorter + m). m costs a fraction
    of partial_ratio (bit-parallel, no window search); most fields are far below the bound.
    """
    common = LCSseq.similarity(line, field)
    return 200 * common >= similarity * (min(len(line), len(field)) + common)


def leaked_line(article: Article, text: str) -> str | None:
    """The ID of a related-article or instruction line that `text` reproduces, if any."""
    field = normalize(text)
    for sentence_id, line in _leak_lines(article):
        shorter = min(len(line), len(field))
        if (
            shorter >= LEAK_MIN_CHARS
            and could_reach(line, field)
            and fuzz.partial_ratio(line, field, score_cutoff=LEAK_SIMILARITY)
        ):
            return sentence_id
    return None


def problems(article: Article, draft: BriefDraft) -> list[str]:
    """Everything wrong with `draft` as a brief of `article`, as instructions to fix it."""
    found: list[str] = []
    for i, claim in enumerate(draft.claims):
        for j, quote in enumerate(claim.evidence):
            grounded = locate_quote(article, quote)
            if isinstance(grounded, str):
                found.append(f"claims[{i}].evidence[{j}]: {grounded}")
    for i, fact in enumerate(draft.key_facts):
        grounded = locate_quote(article, fact.evidence)
        if isinstance(grounded, str):
            found.append(f"key_facts[{i}].evidence: {grounded}")
    for name, text in _arabic_fields(draft):
        leaked = leaked_line(article, text)
        if leaked:
            found.append(
                f"{name} repeats {leaked}, which is not part of this story (a link to another "
                "article or text addressed to a machine): leave it out"
            )
        arabic, _ = script_share(text)
        if arabic < 0.5:
            found.append(f"{name} must be written in Arabic")
    for name, text in _english_fields(draft):
        _, latin = script_share(text)
        if latin < 0.5:
            found.append(f"{name} must be written in English")
    return found


# The LLM-facing nested models are built once. Their `sentence_id` is a plain string in
# Python; each article's JSON schema narrows it to an enum of that article's citable IDs
# (`_ArticleDraft.model_json_schema`), and the grounding validator rejects any other ID with
# an instruction. Building four pydantic classes and their JSON schema for every article
# used to cost more CPU than the rest of the pipeline together.
_Quote = create_model("Quote", __base__=QuoteDraft)
_Claim = create_model("Claim", __base__=ClaimDraft, evidence=(list[_Quote], ...))  # type: ignore[valid-type]
_KeyFact = create_model("KeyFact", __base__=KeyFactDraft, evidence=(_Quote, ...))


class _ArticleDraft(BriefDraft):
    """Base of the per-article models: the structure, and a JSON schema listing citable IDs."""

    citable_ids: ClassVar[tuple[str, ...]] = ()
    article: ClassVar[Article | None] = None  # the article its grounding validator checked
    claims: Annotated[list[_Claim], Field(min_length=1)]  # type: ignore[valid-type]
    key_facts: list[_KeyFact] = Field(default_factory=list)  # type: ignore[valid-type]

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # Every article's schema is the same apart from the enum: generate it once per
        # set of arguments, hand out fresh copies.
        key = (cls.__name__, args, tuple(sorted(kwargs.items())))
        if key not in _SCHEMA_CACHE:
            _SCHEMA_CACHE[key] = json.dumps(super().model_json_schema(*args, **kwargs))
        schema = json.loads(_SCHEMA_CACHE[key])
        properties = schema["$defs"]["Quote"]["properties"]
        # Exactly what a Literal[...] field gave: enum, title, type (no description).
        properties["sentence_id"] = {
            "enum": list(cls.citable_ids),
            **{k: v for k, v in properties["sentence_id"].items() if k != "description"},
        }
        return schema


_SCHEMA_CACHE: dict[tuple[Any, ...], str] = {}


def response_model_for(article: Article, *, mixin: type[BaseModel] | None = None) -> type[BriefDraft]:
    """A `BriefDraft` subclass for this article: citable IDs as an enum, grounding as a validator.

    `mixin` is an extra base class the caller's client library wants (`llm.RESPONSE_MIXIN`):
    built in, it saves building a second pydantic class per article around this one.
    """
    citable_ids = tuple(s.id for s in article.citable)
    if not citable_ids:
        raise GroundingError("the article has no story sentences that could be cited", problems=[])

    @model_validator(mode="after")
    def grounded(self: BriefDraft) -> BriefDraft:
        found = problems(article, self)
        if found:
            raise ValueError(
                "The brief is not grounded in the article. Fix each point and answer again:\n- "
                + "\n- ".join(found)
            )
        return self

    bases = (_ArticleDraft,) if mixin is None else (_ArticleDraft, mixin)
    model = create_model("BriefDraft", __base__=bases, __validators__={"grounded": grounded})
    model.citable_ids = citable_ids
    model.article = article
    return model


def ground(article: Article, draft: BriefDraft, metadata: BriefMetadata | None = None) -> Brief:
    """Convert a draft into a `Brief` with offsets; raise `GroundingError` if anything fails."""
    # A draft validated by `response_model_for(article)` was checked against this very article
    # by its validator a moment ago; checking it again would double the cost of grounding.
    if getattr(type(draft), "article", None) is not article:
        found = problems(article, draft)
        if found:
            raise GroundingError("the brief is not grounded in the article", problems=found)

    def span(quote: QuoteDraft) -> Span:
        grounded = ground_quote(article, quote)
        assert isinstance(grounded, Span)  # problems() already checked every quote
        return grounded

    claims = [
        Claim(
            id=f"C{i}",
            statement=c.statement,
            attribution=attribution,
            certainty=c.certainty,
            evidence=[span(q) for q in c.evidence],
        )
        for i, (c, attribution) in enumerate(zip(draft.claims, draft.attributions(), strict=True), start=1)
    ]
    facts = [
        KeyFact(**f.model_dump(exclude={"evidence"}), evidence=span(f.evidence))
        for f in draft.key_facts
    ]
    return Brief(
        headline=draft.headline,
        summary=draft.summary,
        claims=claims,
        entities=draft.entities,
        key_facts=facts,
        metadata=metadata,
    )
