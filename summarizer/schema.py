"""The brief's data model: what the model writes (`BriefDraft`) and what users get (`Brief`).

Two layers on purpose:

* `BriefDraft` is the LLM-facing shape. Evidence is a sentence ID plus a short verbatim
  span, and each source is written once in `sources` and cited by number from its claims;
  the model never writes offsets, claim IDs or metadata, because it cannot know them and
  every token it writes costs time and money.
* `Brief` is the validated result: claims numbered, every evidence span grounded with
  offsets into the original article (`article[start:end] == span.quote` as written there),
  each claim's source spelled out in full (`Attribution`), and metadata saying how it was
  produced.

These models check structure only. Content rules that need the article (grounding,
leakage of non-story lines, script of each field) live in `grounding.py`, so the eval
harness can still load and score a brief that breaks them.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .labels import (
    CHANNEL_ORDER,
    ENTITY_TYPES,
    SOURCE_TYPES,
    STATUS_ORDER,
    ActorType,
    Channel,
    FactKind,
    Qualifier,
    Stance,
    Status,
    described,
    value_problem,
)

SCHEMA_VERSION: Final = "2.0.0"  # of `Brief`, what users read and store (2.0.0: annotation scheme 2)
# Of `BriefDraft`, what the model writes (4.0.0: not_story always written; 3.0.0: scheme 2;
# 2.0.0: sources written once).
DRAFT_SCHEMA_VERSION = "4.0.0"
# Earlier versions of `Brief` that `migration.upgrade_brief` reads.
READABLE_SCHEMA_VERSIONS = ("1.0.0", SCHEMA_VERSION)

_NULL = " Write null when it does not apply."
_CHANNEL = "How the source's words reached the article (rule 'Channel and via')."


class StrictModel(BaseModel):
    """Base of every model the project validates (brief, gold, eval log, thresholds): unknown fields are errors."""

    model_config = ConfigDict(extra="forbid")


_Model = StrictModel  # the short name this module's models are written against


class Bilingual(_Model):
    """The same text in Arabic and in English."""

    ar: str = Field(min_length=1, description="Arabic text.")
    en: str = Field(min_length=1, description="English text with the same meaning.")


class Summary(_Model):
    """3-6 bullet points in each language, translated one to one (ar[i] <-> en[i])."""

    ar: list[str] = Field(min_length=3, max_length=6, description="3 to 6 bullets (rule 'Headline and summary').")
    en: list[str] = Field(min_length=3, max_length=6, description="The same bullets in English, in the same order.")

    @model_validator(mode="after")
    def _parallel(self) -> Summary:
        if len(self.ar) != len(self.en):
            raise ValueError(
                f"summary.ar has {len(self.ar)} bullets but summary.en has {len(self.en)}: "
                "write the same number of bullets in both languages, translated one to one"
            )
        return self


class QuoteDraft(_Model):
    """A short verbatim span of one article sentence, cited by the sentence's ID."""

    sentence_id: str = Field(description="ID of the article sentence, e.g. S4.")
    quote: str = Field(
        min_length=1,
        description="Exact words copied from that sentence: a few words up to one clause.",
    )


class Span(QuoteDraft):
    """A grounded quote: `article[start:end]` is the quote as the article writes it."""

    start: int = Field(ge=0)
    end: int = Field(gt=0)


class Source(_Model):
    """Who says a claim, as the article names the source at its first mention."""

    name_ar: str | None = Field(
        description="The source as the article names it at its first mention (rule 'Names as written'). "
        "Null only for narration."
    )
    name_en: str = Field(min_length=1, description="The source in English ('the article' for narration).")
    type: ActorType = Field(description=described(SOURCE_TYPES, intro="What kind of source it is."))

    @model_validator(mode="after")
    def _named_unless_narration(self) -> Source:
        if self.type not in SOURCE_TYPES:
            raise ValueError(
                f"a source cannot have type {self.type.value!r}: use one of {', '.join(t.value for t in SOURCE_TYPES)}"
            )
        if self.type is not ActorType.NARRATION and not self.name_ar:
            raise ValueError(
                "a source has no name_ar: copy how the article names the source, "
                "or use type 'narration' for the article's own statements"
            )
        return self


class Attribution(_Model):
    """One claim's attribution: who says it, how it reached the article, and the words that tie it.

    The one attribution shape: briefs, gold claims, eval logs and views all carry this.
    """

    source: Source
    channel: Channel = Field(description=described(CHANNEL_ORDER, intro=_CHANNEL))
    via_ar: str | None = Field(description="The outlet, agency or platform of the channel, as written." + _NULL)
    via_en: str | None = Field(description="The same in English." + _NULL)
    cue_ar: str | None = Field(description="The cue as written (rule 'Cue as written'); null only for narration.")
    stance: Stance | None = Field(description=described(Stance, intro="The cue's stance; null only for narration."))

    @model_validator(mode="after")
    def _narration_has_no_cue(self) -> Attribution:
        problem = attribution_problem(self.source.type, self.channel, self.cue_ar, self.stance)
        if problem:
            raise ValueError(problem)
        return self


def attribution_problem(
    source_type: ActorType, channel: Channel, cue_ar: str | None, stance: Stance | None
) -> str | None:
    """What is inconsistent between a claim's source type, channel, cue and stance, as an instruction."""
    narration = source_type is ActorType.NARRATION
    if narration != (channel is Channel.NARRATION):
        return "channel 'narration' goes with a narration source and only with it: " + (
            "give the channel through which the source's words reached the article"
            if not narration
            else "a claim of the article's own voice has channel 'narration'"
        )
    if narration and (cue_ar or stance is not None):
        return "a claim of the article's own voice has no cue and no stance: write null for cue_ar and stance"
    if not narration and (not cue_ar or stance is None):
        return (
            "a claim with a cited source needs cue_ar (the word that ties it to its source, as written) "
            "and that cue's stance"
        )
    return None


class SourceEntry(Source):
    """One source the article cites, written once; its claims point to it by `id`."""

    id: int = Field(ge=1, description="The source's number (1, 2, 3, ...); claims cite it in `source`.")

    def as_source(self) -> Source:
        return Source(name_ar=self.name_ar, name_en=self.name_en, type=self.type)


def sources_for(
    sources: Sequence[Source], same: Sequence[Hashable] | None = None
) -> tuple[list[SourceEntry], list[int]]:
    """The `sources` entries behind `sources` (one per claim), and the entry id of each claim.

    Claims share an entry when their sources are equal or, when `same` is given, when their
    `same` keys are equal (e.g. a gold source id); the entry takes the first claim's wording.
    """
    keys: dict[Hashable, SourceEntry] = {}
    ids: list[int] = []
    for i, s in enumerate(sources):
        key = same[i] if same is not None else (s.name_ar, s.name_en, s.type)
        if key not in keys:
            keys[key] = SourceEntry(id=len(keys) + 1, name_ar=s.name_ar, name_en=s.name_en, type=s.type)
        ids.append(keys[key].id)
    return list(keys.values()), ids


class ClaimDraft(_Model):
    """One claim: what it says, who says it and how, its status, and the words that back it."""

    statement: Bilingual = Field(description="The claim in Arabic and English, keeping its status and qualifiers.")
    source: int = Field(description="The id of the claim's source in `sources`.")
    channel: Channel = Field(description=described(CHANNEL_ORDER, intro=_CHANNEL))
    via_ar: str | None = Field(description="The outlet, agency or platform of the channel, as written." + _NULL)
    via_en: str | None = Field(description="The same in English." + _NULL)
    cue_ar: str | None = Field(description="The cue as written (rule 'Cue as written'); null only for narration.")
    stance: Stance | None = Field(description=described(Stance, intro="The cue's stance; null only for narration."))
    status: Status = Field(description=described(STATUS_ORDER, intro="What the source presents the content as."))
    evidence: list[QuoteDraft] = Field(min_length=1)

    def attribution(self, source: Source) -> Attribution:
        """This claim's attribution, with its source spelled out."""
        return Attribution(
            source=source,
            channel=self.channel,
            via_ar=self.via_ar,
            via_en=self.via_en,
            cue_ar=self.cue_ar,
            stance=self.stance,
        )


class Claim(_Model):
    id: str = Field(pattern=r"^C[1-9][0-9]*$")
    statement: Bilingual
    attribution: Attribution
    status: Status
    evidence: list[Span] = Field(min_length=1)


class Entity(_Model):
    name_ar: str = Field(min_length=1, description="The name as written (rule 'Names as written').")
    name_en: str = Field(min_length=1)
    type: ActorType = Field(description=described(ENTITY_TYPES, intro="What kind of entity it is."))
    role_en: str | None = Field(
        description="The title or office the article gives, else the entity's part in this story "
        "(rule 'Entities and roles')." + _NULL
    )

    @model_validator(mode="after")
    def _entity_type(self) -> Entity:
        if self.type not in ENTITY_TYPES:
            raise ValueError(
                f"entity {self.name_en!r} cannot have type {self.type.value!r} (a source type only): "
                f"use one of {', '.join(t.value for t in ENTITY_TYPES)}"
            )
        return self


class KeyFactDraft(_Model):
    """A number, date or duration from the article, never more precise than written."""

    kind: FactKind = Field(description=described(FactKind))
    text_ar: str = Field(min_length=1, description="The expression as written, with its qualifier words.")
    value: str = Field(
        min_length=1,
        description="The normalized value (rule 'Key-fact values'): never a year the article does not write.",
    )
    qualifier: Qualifier = Field(description=described(Qualifier))
    description_en: str = Field(min_length=1, description="What the number or date is, in English.")
    evidence: QuoteDraft

    @model_validator(mode="after")
    def _normalized_value(self) -> KeyFactDraft:
        problem = value_problem(self.kind, self.value)
        if problem:
            raise ValueError(problem)
        return self


class KeyFact(KeyFactDraft):
    evidence: Span


class BriefDraft(_Model):
    """A bilingual brief of one Arabic news article.

    Its headline, its summary, and every claim of the story with its source, channel, cue, stance
    and status, each backed by exact words of the article; the entities and the key numbers and
    dates. Every field is written; null where it does not apply.
    """

    headline: Bilingual = Field(description="One sentence about the lead development (rule 'Headline and summary').")
    summary: Summary
    sources: list[SourceEntry] = Field(min_length=1, description="Every source, once (rule 'Who says it').")
    claims: list[ClaimDraft] = Field(
        min_length=1, description="One per checkable statement (rule 'One claim per checkable statement')."
    )
    entities: list[Entity]
    key_facts: list[KeyFactDraft]
    not_story: list[str] = Field(
        description="IDs of listed sentences that are not part of this story (a byline, a caption, a link to "
        "another article, ...), never a story sentence on a related topic. Nothing may rest on them. An empty list "
        "when every listed sentence is story."
    )

    @model_validator(mode="after")
    def _claims_cite_listed_sources(self) -> BriefDraft:
        ids = [s.id for s in self.sources]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"sources: id {repeated[0]} is used twice; number the sources 1, 2, 3, ...")
        unknown = [f"claims[{i}].source is {c.source}" for i, c in enumerate(self.claims) if c.source not in ids]
        if unknown:
            raise ValueError(
                f"{'; '.join(unknown)}, but sources only lists ids {', '.join(map(str, ids))}: "
                "cite the id of the claim's source, adding the source to sources if it is missing"
            )
        by_id = {s.id: s for s in self.sources}
        problems = []
        for i, c in enumerate(self.claims):
            problem = attribution_problem(by_id[c.source].type, c.channel, c.cue_ar, c.stance)
            if problem:
                problems.append(f"claims[{i}]: {problem}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def attributions(self) -> list[Attribution]:
        """Each claim's attribution, its source spelled out, in claim order."""
        by_id = {s.id: s for s in self.sources}
        return [c.attribution(by_id[c.source].as_source()) for c in self.claims]  # one Source per claim


class Usage(_Model):
    """Token counts as the provider reported them (None where it reported nothing)."""

    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    total_tokens: int | None = None


class PageMetadata(_Model):
    """What a web page said about itself, and the text extracted from it (what offsets point into)."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    site_name: str | None = None
    url: str | None = None
    extractor: str = Field(description="Library and version that extracted the main text.")
    text: str = Field(description="The extracted article text; every evidence offset points into it.")


class BriefMetadata(_Model):
    """How a brief was produced. Never contains the API key."""

    schema_version: str = SCHEMA_VERSION
    prompt_version: str
    model: str
    provider: str
    endpoint_host: str | None
    mode: str
    input_sha256: str
    input_chars: int
    detected_language: str
    usage: Usage = Field(default_factory=Usage)
    latency_ms: float
    transport_attempts: int = Field(ge=1, description="HTTP requests sent, retries included.")
    reasks: int = Field(ge=0, description="Times invalid output was sent back to the model.")
    settings: dict[str, float | int | str | None] = Field(default_factory=dict)
    created_at: str
    page: PageMetadata | None = Field(default=None, description="Set when the article came from an HTML page.")


class Brief(_Model):
    """A validated, grounded bilingual brief of one article."""

    headline: Bilingual
    summary: Summary
    claims: list[Claim] = Field(min_length=1)
    entities: list[Entity] = Field(default_factory=list)
    key_facts: list[KeyFact] = Field(default_factory=list)
    schema_version: Literal["2.0.0"] = SCHEMA_VERSION
    metadata: BriefMetadata | None = None
    not_story: list[str] = Field(
        default_factory=list, description="Sentence IDs the model judged not to be part of the story."
    )
