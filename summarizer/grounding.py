"""Content rules that need the article: grounding, citable sentences, leakage, script.

`Grounding(article)` is one article's grounding state, built once per article and passed
explicitly: its citable sentence IDs, each cited sentence normalized with offsets (once), the
lines no brief may repeat, and the last draft that passed the checks. `GroundedDraft` is the
ONE model class handed to the provider, for every article:

* `citable_schema(schema, ids)` narrows its JSON schema's sentence IDs to an enum of the
  article's citable sentences, so a provider with strict JSON-schema decoding cannot cite a
  sentence that does not exist or is not story text;
* its after-validator takes the article's `Grounding` from the pydantic validation context
  (`Grounding.context()`) and runs `problems`; any problem raises `Ungrounded`, and
  instructor sends the message back to the model word for word (a reask). The messages are
  written as instructions the model can act on. A grounded draft then goes through the
  consistency checks (`summarizer.consistency`: does it say what its quotes say?), whose
  problems raise `Inconsistent` and are sent back the same way.

`ground(article, draft)` turns a valid draft into spans with offsets into the ORIGINAL
text. Nothing is silently dropped: a draft with an ungrounded quote is never converted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationInfo, create_model, model_validator
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from .arabic import NormalizedText, map_normalized, normalize, script_share
from .consistency import Problem, check_draft
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


class Grounding:
    """One article's grounding state: what checking a brief of it needs more than once.

    Built once per article (`pipeline.prepare`) and handed to validation as pydantic context,
    then to `ground`; never shared with another article that happens to have the same text.
    """

    def __init__(self, article: Article) -> None:
        self.article = article
        self.citable_ids = tuple(s.id for s in article.citable)
        self.accepted: BriefDraft | None = None  # the last draft that passed `check`
        self._maps: dict[str, NormalizedText] = {}
        self._located: dict[tuple[str, str], tuple[int, int] | str] = {}
        self._leak_lines: tuple[tuple[str, str], ...] | None = None

    def context(self) -> dict[str, Any]:
        """The pydantic validation context under which `GroundedDraft` checks this article."""
        return {_CONTEXT_KEY: self}

    def validate(self, data: Any) -> GroundedDraft:
        """A draft of this article from JSON-like data: its structure, then its content rules."""
        return GroundedDraft.model_validate(data, context=self.context())

    def check(self, draft: BriefDraft) -> None:
        """Check `draft` against the article; remember it when it passes.

        Raise `Ungrounded` listing every grounding problem of `draft`, then `Inconsistent` listing
        every consistency problem; remember it as accepted otherwise.
        """
        found = problems(self, draft)
        if found:
            raise Ungrounded(found)
        inconsistent = check_draft(self.article, draft)
        if inconsistent:
            raise Inconsistent(inconsistent)
        self.accepted = draft

    def sentence_map(self, sentence: Sentence) -> NormalizedText:
        """`sentence` normalized with offsets, once per article (the validator, then `ground`)."""
        mapped = self._maps.get(sentence.id)
        if mapped is None:
            mapped = self._maps[sentence.id] = map_normalized(sentence.text)
        return mapped

    def locate(self, quote: QuoteDraft) -> tuple[int, int] | str:
        """Where `quote` is in the original text, or what is wrong: once per quote (the validator, then `ground`)."""
        key = (quote.sentence_id, quote.quote)
        found = self._located.get(key)
        if found is None:
            found = self._located[key] = _locate(self, quote)
        return found

    def leak_lines(self) -> tuple[tuple[str, str], ...]:
        """(ID, normalized text after any "label:") of the lines no brief may repeat."""
        if self._leak_lines is None:
            self._leak_lines = tuple(
                (s.id, normalize(s.text.split(":", 1)[-1])) for s in self.article.sentences if s.kind in _LEAK_KINDS
            )
        return self._leak_lines


_CONTEXT_KEY = "grounding"


def _state(article: Article | Grounding) -> Grounding:
    return article if isinstance(article, Grounding) else Grounding(article)


def locate_quote(of: Article | Grounding, quote: QuoteDraft) -> tuple[int, int] | str:
    """Where `quote` is in the ORIGINAL text (start, end), or an instruction saying what is wrong."""
    return _state(of).locate(quote)


def _locate(grounding: Grounding, quote: QuoteDraft) -> tuple[int, int] | str:
    article = grounding.article
    sentence = article.by_id.get(quote.sentence_id)
    if sentence is None:
        return f"sentence {quote.sentence_id} does not exist; cite one of the listed sentence IDs"
    if not sentence.citable:
        return f"sentence {quote.sentence_id} is not part of the story ({sentence.kind}); it cannot be cited"
    target = normalize(quote.quote)
    mapped = grounding.sentence_map(sentence)
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


def ground_quote(of: Article | Grounding, quote: QuoteDraft) -> Span | str:
    """Locate `quote` in its cited sentence: a `Span`, or an instruction saying what is wrong."""
    grounding = _state(of)
    found = grounding.locate(quote)
    if isinstance(found, str):
        return found
    start, end = found
    return Span(sentence_id=quote.sentence_id, quote=grounding.article.text[start:end], start=start, end=end)


def _fields(draft: BriefDraft, lang: Literal["ar", "en"]) -> Iterator[tuple[str, str]]:
    """(path, text) of the draft's fields written in `lang`: headline, summary bullets, statements."""
    yield f"headline.{lang}", getattr(draft.headline, lang)
    for i, bullet in enumerate(getattr(draft.summary, lang)):
        yield f"summary.{lang}[{i}]", bullet
    for i, claim in enumerate(draft.claims):
        yield f"claims[{i}].statement.{lang}", getattr(claim.statement, lang)


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


def leaked_line(of: Article | Grounding, text: str) -> str | None:
    """The ID of a related-article or instruction line that `text` reproduces, if any."""
    lines = _state(of).leak_lines()
    if not lines:
        return None  # most articles have no such line: nothing to normalize
    field = normalize(text)
    for sentence_id, line in lines:
        shorter = min(len(line), len(field))
        if (
            shorter >= LEAK_MIN_CHARS
            and could_reach(line, field)
            and fuzz.partial_ratio(line, field, score_cutoff=LEAK_SIMILARITY)
        ):
            return sentence_id
    return None


def _flagged_problems(article: Article, draft: BriefDraft) -> list[str]:
    """What rests on the sentences the model itself marked as not part of the story."""
    flagged = list(dict.fromkeys(draft.not_story))
    found = [
        f"not_story lists {sid}, which does not exist; list only IDs shown in the article"
        for sid in flagged
        if sid not in article.by_id
    ]
    marked = {sid for sid in flagged if sid in article.by_id}
    if not marked:
        return found
    for i, claim in enumerate(draft.claims):
        for sid in dict.fromkeys(q.sentence_id for q in claim.evidence if q.sentence_id in marked):
            found.append(
                f"claims[{i}] rests on {sid}, which you marked as not part of the story: "
                "drop the claim or take the sentence out of not_story"
            )
    for i, fact in enumerate(draft.key_facts):
        if fact.evidence.sentence_id in marked:
            found.append(
                f"key_facts[{i}] rests on {fact.evidence.sentence_id}, which you marked as not part of the story"
            )
    lines = [(sid, normalize(article.by_id[sid].text)) for sid in sorted(marked)]
    for name, text in [*_fields(draft, "ar")][: 1 + len(draft.summary.ar)]:
        field = normalize(text)
        for sid, line in lines:
            if min(len(line), len(field)) >= LEAK_MIN_CHARS and fuzz.partial_ratio(
                line, field, score_cutoff=LEAK_SIMILARITY
            ):
                found.append(f"{name} repeats {sid}, which you marked as not part of the story: leave it out")
    return found


def problems(of: Article | Grounding, draft: BriefDraft) -> list[str]:
    """Everything wrong with `draft` as a brief of the article, as instructions to fix it."""
    grounding = _state(of)
    found: list[str] = []
    for i, claim in enumerate(draft.claims):
        for j, quote in enumerate(claim.evidence):
            grounded = grounding.locate(quote)
            if isinstance(grounded, str):
                found.append(f"claims[{i}].evidence[{j}]: {grounded}")
    for i, fact in enumerate(draft.key_facts):
        grounded = grounding.locate(fact.evidence)
        if isinstance(grounded, str):
            found.append(f"key_facts[{i}].evidence: {grounded}")
    found.extend(_flagged_problems(grounding.article, draft))
    for name, text in _fields(draft, "ar"):
        leaked = leaked_line(grounding, text)
        if leaked:
            found.append(
                f"{name} repeats {leaked}, which is not part of this story (a link to another "
                "article or text addressed to a machine): leave it out"
            )
        arabic, _ = script_share(text)
        if arabic < 0.5:
            found.append(f"{name} must be written in Arabic")
    for name, text in _fields(draft, "en"):
        _, latin = script_share(text)
        if latin < 0.5:
            found.append(f"{name} must be written in English")
    return found


class Ungrounded(ValueError):
    """The grounding validator's failure: the draft breaks content rules of its article.

    A `ValueError`, so pydantic reports it as a validation error and instructor sends its
    message back to the model; `problems` carries the same points as data for whoever
    classifies the failure afterwards (never parse the message).
    """

    def __init__(self, found: list[str]) -> None:
        super().__init__(
            "The brief is not grounded in the article. Fix each point and answer again:\n- " + "\n- ".join(found)
        )
        self.problems = list(found)


class Inconsistent(Ungrounded):
    """The consistency checks' failure, with its problems as data.

    The consistency checks' failure: every quote is in the article, but the draft does not
    say what they say (`summarizer.consistency`). `found` keeps the structured problems.
    """

    def __init__(self, found: list[Problem]) -> None:
        ValueError.__init__(
            self,
            "The brief does not say what the article says. Fix each point and answer again:\n- "
            + "\n- ".join(map(str, found)),
        )
        self.problems = [str(p) for p in found]
        self.found = list(found)


# The LLM-facing nested models are built once. Their `sentence_id` is a plain string in
# Python; each article's request narrows it to an enum of that article's citable IDs
# (`citable_schema`), and the grounding validator rejects any other ID with an instruction.
_Quote = create_model("Quote", __base__=QuoteDraft)
_Claim = create_model("Claim", __base__=ClaimDraft, evidence=(list[_Quote], ...))  # type: ignore[valid-type]
_KeyFact = create_model("KeyFact", __base__=KeyFactDraft, evidence=(_Quote, ...))


class GroundedDraft(BriefDraft):
    """The draft the model writes, checked against its article when validated with `Grounding.context()`."""

    claims: Annotated[list[_Claim], Field(min_length=1)]  # type: ignore[valid-type]
    key_facts: list[_KeyFact]  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> GroundedDraft:
        grounding = (info.context or {}).get(_CONTEXT_KEY)
        if isinstance(grounding, Grounding):
            grounding.check(self)
        return self

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # The same for every article: generated once per class and arguments, handed out as
        # fresh copies; `citable_schema` adds an article's IDs.
        key = (cls, args, tuple(sorted(kwargs.items())))
        if key not in _SCHEMA_CACHE:
            _SCHEMA_CACHE[key] = json.dumps(super().model_json_schema(*args, **kwargs))
        schema: dict[str, Any] = json.loads(_SCHEMA_CACHE[key])
        return schema


_SCHEMA_CACHE: dict[tuple[Any, ...], str] = {}


def citable_schema(schema: dict[str, Any], citable_ids: tuple[str, ...]) -> dict[str, Any]:
    """`GroundedDraft`'s schema (or a tool's parameters) with its sentence IDs narrowed to `citable_ids`.

    Only the dictionaries on the path to the sentence ID are new (keys in the same order); the
    rest is shared with `schema`, as the request bodies share their template: nothing changes a
    schema in place once it is built (copying all of it was most of the cost of a request).
    """
    if not citable_ids:
        raise GroundingError("the article has no story sentences that could be cited", problems=[])
    definitions = schema["$defs"]
    quote = definitions["Quote"]
    properties = quote["properties"]
    # Exactly what a Literal[...] field gave: enum, title, type (no description).
    sentence_id = {
        "enum": list(citable_ids),
        **{k: v for k, v in properties["sentence_id"].items() if k != "description"},
    }
    quote = {**quote, "properties": {**properties, "sentence_id": sentence_id}}
    return {**schema, "$defs": {**definitions, "Quote": quote}}


def ground(of: Article | Grounding, draft: BriefDraft, metadata: BriefMetadata | None = None) -> Brief:
    """Convert a draft into a `Brief` with offsets; raise `GroundingError` if anything fails."""
    grounding = _state(of)
    # A draft validated under this `Grounding` was checked against this very article a moment
    # ago; checking it again would double the cost of grounding.
    if draft is not grounding.accepted:
        found = problems(grounding, draft)
        if found:
            raise GroundingError("the brief is not grounded in the article", problems=found)

    def span(quote: QuoteDraft) -> Span:
        grounded = ground_quote(grounding, quote)
        assert isinstance(grounded, Span)  # problems() already checked every quote
        return grounded

    claims = [
        Claim(
            id=f"C{i}",
            statement=c.statement,
            attribution=attribution,
            status=c.status,
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
        not_story=list(dict.fromkeys(draft.not_story)),
    )
