"""The brief's data model: what the model writes (`BriefDraft`) and what users get (`Brief`).

Two layers on purpose:

* `BriefDraft` is the LLM-facing shape. Evidence is a sentence ID plus a short verbatim
  span; the model never writes offsets, IDs or metadata, because it cannot know them and
  every token it writes costs time and money.
* `Brief` is the validated result: claims numbered, every evidence span grounded with
  offsets into the original article (`article[start:end] == span.quote` as written there),
  and metadata saying how it was produced.

These models check structure only. Content rules that need the article (grounding,
leakage of non-story lines, script of each field) live in `grounding.py`, so the eval
harness can still load and score a brief that breaks them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.0.0"


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


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


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


class ClaimDraft(_Model):
    statement: Bilingual
    attribution: Attribution
    certainty: Certainty
    evidence: list[QuoteDraft] = Field(min_length=1)


class Claim(ClaimDraft):
    id: str = Field(pattern=r"^C[1-9][0-9]*$")
    evidence: list[Span] = Field(min_length=1)  # type: ignore[assignment]


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
    claims: list[ClaimDraft] = Field(min_length=1)
    entities: list[Entity] = Field(default_factory=list)
    key_facts: list[KeyFactDraft] = Field(default_factory=list)


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


class Brief(BriefDraft):
    """A validated, grounded bilingual brief of one article."""

    schema_version: Literal["1.0.0"] = SCHEMA_VERSION
    claims: list[Claim] = Field(min_length=1)  # type: ignore[assignment]
    key_facts: list[KeyFact] = Field(default_factory=list)  # type: ignore[assignment]
    metadata: BriefMetadata | None = None
