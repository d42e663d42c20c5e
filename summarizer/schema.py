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
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.0.0"  # of `Brief`, what users read and store
DRAFT_SCHEMA_VERSION = "2.0.0"  # of `BriefDraft`, what the model writes (2.0.0: sources written once)


class SourceType(StrEnum):
    """Who stands behind a claim."""

    NAMED_PERSON = "named_person"
    NAMED_ORGANIZATION = "named_organization"
    MEDIA_OUTLET = "media_outlet"
    OFFICIAL_BODY = "official_body"
    ANONYMOUS_SOURCE = "anonymous_source"
    NARRATION = "narration"


class Certainty(StrEnum):
    """How firmly the article presents a claim."""

    ASSERTED = "asserted"  # stated as fact
    EXPECTED = "expected"  # about the future: "expected to", "will", يُنتظر، من المتوقع
    REPORTED = "reported"  # passed on from someone else without endorsement
    ALLEGED = "alleged"  # a pretext or contested claim: بحجة، زعم، ادعى
    ASSESSED = "assessed"  # an evaluation or characterisation: تُعتبر، يُعد


class EntityType(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    MEDIA_OUTLET = "media_outlet"
    GOVERNMENT_BODY = "government_body"
    LOCATION = "location"
    GROUP = "group"
    EVENT = "event"
    OTHER = "other"


class FactKind(StrEnum):
    NUMBER = "number"
    DATE = "date"


class Qualifier(StrEnum):
    EXACT = "exact"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"
    ABOUT = "about"
    AT_LEAST = "at_least"
    UP_TO = "up_to"


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

    ar: list[str] = Field(min_length=3, max_length=6)
    en: list[str] = Field(min_length=3, max_length=6)

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
        description="Exact words copied from that sentence (a short span, not the whole sentence).",
    )


class Span(QuoteDraft):
    """A grounded quote: `article[start:end]` is the quote as the article writes it."""

    start: int = Field(ge=0)
    end: int = Field(gt=0)


class Attribution(_Model):
    """Who made a claim, as the article tells it."""

    source_ar: str | None = Field(
        description="The source as written in the article (null for the article's own narration)."
    )
    source_en: str = Field(min_length=1, description="The source in English.")
    source_type: SourceType
    outlet_ar: str | None = Field(
        default=None, description="The outlet the source spoke to, as written (e.g. فرانس 24)."
    )
    outlet_en: str | None = Field(default=None, description="That outlet in English.")
    cue_ar: str | None = Field(
        default=None,
        description="The attribution verb or phrase as written (e.g. أفاد، ذكر، أضاف، حسب، أعلن).",
    )

    @model_validator(mode="after")
    def _source_written_unless_narration(self) -> Attribution:
        if self.source_type is not SourceType.NARRATION and not self.source_ar:
            raise ValueError(
                "attribution.source_ar is empty: copy how the article names the source, "
                "or use source_type 'narration' for the article's own statements"
            )
        return self


class Source(_Model):
    """One source the article cites, written once; its claims point to it by `id`.

    A source that spoke to different outlets is one entry per outlet.
    """

    id: int = Field(ge=1, description="The source's number (1, 2, 3, ...); claims cite it in `source`.")
    name_ar: str | None = Field(
        default=None,
        description="The source as the article names it. Leave it out only for the article's own narration.",
    )
    name_en: str = Field(min_length=1, description="The source in English ('the article' for narration).")
    type: SourceType
    outlet_ar: str | None = Field(
        default=None, description="The outlet the source spoke to, as written (e.g. فرانس 24), if the article says."
    )
    outlet_en: str | None = Field(default=None, description="That outlet in English.")

    @model_validator(mode="after")
    def _named_unless_narration(self) -> Source:
        if self.type is not SourceType.NARRATION and not self.name_ar:
            raise ValueError(
                f"source {self.id} has no name_ar: copy how the article names the source, "
                "or use type 'narration' for the article's own statements"
            )
        return self

    def attribution(self, cue_ar: str | None) -> Attribution:
        """This source spelled out for one claim made with the attribution cue `cue_ar`."""
        return Attribution(
            source_ar=self.name_ar,
            source_en=self.name_en,
            source_type=self.type,
            outlet_ar=self.outlet_ar,
            outlet_en=self.outlet_en,
            cue_ar=cue_ar,
        )


def sources_for(
    attributions: Sequence[Attribution], same: Sequence[Hashable] | None = None
) -> tuple[list[Source], list[int]]:
    """The `sources` behind `attributions`, and the source id of each of them.

    Attributions share an entry when they agree on everything but the cue, or, when `same`
    is given, when their `same` keys are equal (e.g. a gold source id, whatever the wording);
    the entry takes the wording of the first of them.
    """
    keys: dict[Hashable, Source] = {}
    ids: list[int] = []
    for i, a in enumerate(attributions):
        key = same[i] if same is not None else (a.source_ar, a.source_en, a.source_type, a.outlet_ar, a.outlet_en)
        if key not in keys:
            keys[key] = Source(
                id=len(keys) + 1,
                name_ar=a.source_ar,
                name_en=a.source_en,
                type=a.source_type,
                outlet_ar=a.outlet_ar,
                outlet_en=a.outlet_en,
            )
        ids.append(keys[key].id)
    return list(keys.values()), ids


class ClaimDraft(_Model):
    statement: Bilingual
    source: int = Field(description="The id of the claim's source in `sources`.")
    cue_ar: str | None = Field(
        default=None,
        description="The attribution verb or phrase as written for this claim (e.g. أفاد، ذكر، أضاف، حسب، أعلن).",
    )
    certainty: Certainty
    evidence: list[QuoteDraft] = Field(min_length=1)


class Claim(_Model):
    id: str = Field(pattern=r"^C[1-9][0-9]*$")
    statement: Bilingual
    attribution: Attribution
    certainty: Certainty
    evidence: list[Span] = Field(min_length=1)


class Entity(_Model):
    name_ar: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    type: EntityType
    role_en: str | None = Field(default=None, description="The entity's role in the story.")


class KeyFactDraft(_Model):
    """A number or a date from the article, with its qualifier, never more precise than written."""

    kind: FactKind
    text_ar: str = Field(min_length=1, description="The number or date as written (e.g. أكثر من 1200 شخص).")
    value: str = Field(
        min_length=1,
        description="The bare value in Western digits as written: '1200', '13 July'. No year unless written.",
    )
    qualifier: Qualifier = Qualifier.EXACT
    description_en: str = Field(min_length=1, description="What the number or date is, in English.")
    evidence: QuoteDraft


class KeyFact(KeyFactDraft):
    evidence: Span  # type: ignore[assignment]


class BriefDraft(_Model):
    """What the model is asked to write."""

    headline: Bilingual
    summary: Summary
    sources: list[Source] = Field(min_length=1)
    claims: list[ClaimDraft] = Field(min_length=1)
    entities: list[Entity] = Field(default_factory=list)
    key_facts: list[KeyFactDraft] = Field(default_factory=list)

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
        return self

    def attributions(self) -> list[Attribution]:
        """Each claim's source spelled out, in claim order."""
        by_id = {s.id: s for s in self.sources}
        return [by_id[c.source].attribution(c.cue_ar) for c in self.claims]


class Usage(_Model):
    """Token counts as the provider reported them (None where it reported nothing)."""

    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    total_tokens: int | None = None


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


class Brief(_Model):
    """A validated, grounded bilingual brief of one article."""

    headline: Bilingual
    summary: Summary
    claims: list[Claim] = Field(min_length=1)
    entities: list[Entity] = Field(default_factory=list)
    key_facts: list[KeyFact] = Field(default_factory=list)
    schema_version: Literal["1.0.0"] = SCHEMA_VERSION
    metadata: BriefMetadata | None = None
