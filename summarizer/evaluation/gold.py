"""The gold annotation of one article: typed models of the YAML file, and the gold brief.

A gold file says what a perfect brief of its article contains: every claim with its
source, channel, via, cue, stance, status and evidence; the sources' types and accepted names; the
entities with accepted spellings; every number and date with its qualifier; the lines
that are not part of the story and the words from them that must never appear; and a
reference headline and summary in both languages. `evals/GUIDELINES.md` says how each
field is decided.

`check_against(gold, article)` verifies the file against its article (sentence IDs exist
and are story text, every quote grounds, leak terms never occur in the story), and
`gold_brief(gold, article)` turns it into a `summarizer.schema.Brief`, so the gold is
scored, rendered and measured exactly like a model's output.
"""

from __future__ import annotations

from typing import Final, Literal

from pydantic import Field, model_validator

from ..arabic import normalize
from ..errors import DatasetError, GroundingError
from ..grounding import ground, ground_quote
from ..labels import ActorType, Channel, FactKind, Qualifier, Stance, Status, value_problem
from ..schema import (
    Attribution,
    Bilingual,
    Brief,
    BriefDraft,
    ClaimDraft,
    Entity,
    KeyFactDraft,
    QuoteDraft,
    Source,
    StrictModel,
    Summary,
    attribution_problem,
    sources_for,
)
from ..segment import Article, SentenceKind

GOLD_FORMAT_VERSION: Final = "2"  # 2: annotation scheme 2 (status, stance, channel; one type vocabulary)
NARRATION = "narration"  # the source id of the article's own voice; needs no entry in `sources`
NARRATION_SOURCE = Source(name_ar=None, name_en="the article", type=ActorType.NARRATION)


_Model = StrictModel


class ArticleRef(_Model):
    """Where the article is: a file beside the gold file, or one of the project's `seeds/`."""

    file: str | None = Field(default=None, description="Article file name, relative to the dataset folder.")
    seed: str | None = Field(default=None, description="Article file name inside the project's seeds/ folder.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the article's bytes.")

    @model_validator(mode="after")
    def _exactly_one_place(self) -> ArticleRef:
        if (self.file is None) == (self.seed is None):
            raise ValueError("article: give exactly one of 'file' (beside the gold file) or 'seed' (in seeds/)")
        return self


class KeyPoint(_Model):
    """A point the headline or the summary must carry.

    It is written in both languages; its anchors (numbers, dates, names) are read from the text
    and must be carried as written.
    """

    ar: str = Field(min_length=1)
    en: str = Field(min_length=1)
    required: bool = Field(default=True, description="Optional points only protect against 'unsupported'.")


class GoldSource(_Model):
    """One source the article cites: its type, and every name by which a brief may call it.

    `names_ar[0]` and `names_en[0]` are its names in the gold brief (the first mention, by rule `names`).
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    type: ActorType
    names_ar: list[str] = Field(min_length=1)
    names_en: list[str] = Field(min_length=1)

    @property
    def source(self) -> Source:
        return Source(name_ar=self.names_ar[0], name_en=self.names_en[0], type=self.type)


class AlsoAccept(_Model):
    """Second readings the guidelines allow for a claim; each use is explained in the claim's note."""

    status: list[Status] = Field(default_factory=list)
    source_type: list[ActorType] = Field(default_factory=list)
    channel: list[Channel] = Field(default_factory=list)
    sources: list[str] = Field(
        default_factory=list,
        description="Other sources a brief may give (ids of `sources`, or 'narration'): a cue's scope left open.",
    )
    reason: str | None = Field(default=None, description="Why the second readings are defensible.")

    @model_validator(mode="after")
    def _alternatives_have_a_reason(self) -> AlsoAccept:
        if self.sources and not self.reason:
            raise ValueError("also_accept.sources needs a reason: say why the other source is a defensible reading")
        return self


class GoldClaim(_Model):
    id: str = Field(pattern=r"^G[1-9][0-9]*$")
    sentences: list[str] = Field(min_length=1, description="IDs of the sentences the claim comes from.")
    statement: Bilingual = Field(description="Reference statement in Arabic and in English.")
    source: str = Field(description="Id of an entry in `sources`, or 'narration'.")
    channel: Channel
    via_ar: str | None = None
    via_en: str | None = None
    cue_ar: str | None = None
    stance: Stance | None = None
    status: Status
    also_accept: AlsoAccept = Field(default_factory=AlsoAccept)
    evidence: list[QuoteDraft] = Field(min_length=1)
    note: str | None = Field(default=None, description="Why an ambiguous case is resolved this way.")

    @property
    def accepted_status(self) -> frozenset[Status]:
        return frozenset([self.status, *self.also_accept.status])

    @property
    def accepted_channels(self) -> frozenset[Channel]:
        return frozenset([self.channel, *self.also_accept.channel])

    def accepted_source_types(self, gold: Gold) -> frozenset[ActorType]:
        return frozenset([gold.source_of(self).type, *self.also_accept.source_type])

    def attribution(self, gold: Gold) -> Attribution:
        """The claim's attribution as the gold brief writes it (its source by its first name)."""
        return Attribution(
            source=gold.source_of(self),
            channel=self.channel,
            via_ar=self.via_ar,
            via_en=self.via_en,
            cue_ar=self.cue_ar,
            stance=self.stance,
        )


class GoldEntity(_Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_ar: str
    name_en: str
    aliases_ar: list[str] = Field(default_factory=list, description="Other ways the Arabic text may name it.")
    aliases_en: list[str] = Field(default_factory=list, description="Accepted English spellings and forms.")
    type: ActorType
    role_en: str | None = None
    required: bool = Field(
        default=True, description="Counted in entity recall; optional entities only protect precision."
    )

    @property
    def names_ar(self) -> list[str]:
        return [self.name_ar, *self.aliases_ar]

    @property
    def names_en(self) -> list[str]:
        return [self.name_en, *self.aliases_en]


class GoldFact(_Model):
    """A number or date as the article gives it: never more precise than written."""

    id: str = Field(pattern=r"^F[1-9][0-9]*$")
    kind: FactKind
    text_ar: str
    value: str
    qualifier: Qualifier = Qualifier.EXACT
    description_en: str
    evidence: QuoteDraft


class NonStoryLine(_Model):
    """A line that is not part of the story, and words from it that must never reach a brief."""

    sentence_id: str
    kind: SentenceKind
    leak_terms_ar: list[str] = Field(default_factory=list)
    leak_terms_en: list[str] = Field(default_factory=list)


class Gold(_Model):
    """The whole gold annotation of one article."""

    format_version: Literal["2"] = GOLD_FORMAT_VERSION
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    article: ArticleRef
    guidelines_version: str
    headline: Bilingual
    summary: Summary
    headline_points: list[KeyPoint] = Field(
        default_factory=list, description="What any correct headline says (default: the reference headline)."
    )
    summary_points: list[KeyPoint] = Field(
        default_factory=list, description="What any correct summary says (default: each reference bullet)."
    )
    sources: list[GoldSource] = Field(default_factory=list)
    claims: list[GoldClaim] = Field(min_length=1)
    entities: list[GoldEntity] = Field(default_factory=list)
    facts: list[GoldFact] = Field(default_factory=list)
    non_story: list[NonStoryLine] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ids_unique_and_sources_known(self) -> Gold:
        for kind, ids in (
            ("claim", [c.id for c in self.claims]),
            ("source", [s.id for s in self.sources]),
            ("entity", [e.id for e in self.entities]),
            ("fact", [f.id for f in self.facts]),
        ):
            duplicates = sorted({i for i in ids if ids.count(i) > 1})
            if duplicates:
                raise ValueError(f"duplicate {kind} id(s): {', '.join(duplicates)}")
        known = {s.id for s in self.sources} | {NARRATION}
        for source in self.sources:
            if source.type is ActorType.NARRATION:
                raise ValueError(f"source {source.id}: the narration needs no entry; cite it as 'narration'")
        for claim in self.claims:
            for source_id in [claim.source, *claim.also_accept.sources]:
                if source_id not in known:
                    raise ValueError(f"claim {claim.id}: source {source_id!r} is not listed under 'sources'")
            problem = attribution_problem(self.source_of(claim).type, claim.channel, claim.cue_ar, claim.stance)
            if problem:
                raise ValueError(f"claim {claim.id}: {problem}")
        for entity in self.entities:
            Entity(name_ar=entity.name_ar, name_en=entity.name_en, type=entity.type, role_en=entity.role_en)
        for fact in self.facts:
            problem = value_problem(fact.kind, fact.value)
            if problem:
                raise ValueError(f"fact {fact.id}: {problem}")
        return self

    def source(self, source_id: str) -> GoldSource | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def source_of(self, claim: GoldClaim) -> Source:
        """The claim's source as the gold brief names it."""
        if claim.source == NARRATION:
            return NARRATION_SOURCE
        entry = self.source(claim.source)
        assert entry is not None  # checked by the validator
        return entry.source


def check_against(gold: Gold, article: Article) -> list[str]:
    """Everything in `gold` that does not fit `article`, one line each (empty when it fits)."""
    found: list[str] = []
    for claim in gold.claims:
        for sid in claim.sentences:
            sentence = article.by_id.get(sid)
            if sentence is None or not sentence.citable:
                found.append(f"claim {claim.id}: {sid} is not a story sentence of the article")
        for quote in claim.evidence:
            if quote.sentence_id not in claim.sentences:
                found.append(f"claim {claim.id}: evidence cites {quote.sentence_id}, not one of its sentences")
            grounded = ground_quote(article, quote)
            if isinstance(grounded, str):
                found.append(f"claim {claim.id}: {grounded}")
    for fact in gold.facts:
        grounded = ground_quote(article, fact.evidence)
        if isinstance(grounded, str):
            found.append(f"fact {fact.id}: {grounded}")
    story = " ".join(normalize(s.text) for s in article.citable)
    for line in gold.non_story:
        sentence = article.by_id.get(line.sentence_id)
        if sentence is None or sentence.citable:
            found.append(f"non_story: {line.sentence_id} is not a non-story line of the article")
        elif sentence.kind is not line.kind:
            found.append(f"non_story: {line.sentence_id} is a {sentence.kind} line, not {line.kind}")
        for term in line.leak_terms_ar:
            if normalize(term) in story:
                found.append(f"non_story: leak term {term!r} also occurs in the story, so it proves nothing")
    marked = {line.sentence_id for line in gold.non_story}
    for sentence in article.non_story:
        if sentence.kind in (SentenceKind.RELATED, SentenceKind.INSTRUCTION) and sentence.id not in marked:
            found.append(f"non_story: {sentence.id} ({sentence.kind}) is not listed")
    return found


def gold_draft(gold: Gold) -> BriefDraft:
    """The gold as the draft a perfect model would write: one `sources` entry per gold source."""
    sources, source_ids = sources_for([gold.source_of(c) for c in gold.claims], same=[c.source for c in gold.claims])
    return BriefDraft(
        headline=gold.headline,
        summary=Summary(ar=list(gold.summary.ar), en=list(gold.summary.en)),
        sources=sources,
        claims=[
            ClaimDraft(
                statement=c.statement,
                source=source_id,
                channel=c.channel,
                via_ar=c.via_ar,
                via_en=c.via_en,
                cue_ar=c.cue_ar,
                stance=c.stance,
                status=c.status,
                evidence=list(c.evidence),
            )
            for c, source_id in zip(gold.claims, source_ids, strict=True)
        ],
        entities=[Entity(name_ar=e.name_ar, name_en=e.name_en, type=e.type, role_en=e.role_en) for e in gold.entities],
        key_facts=[
            KeyFactDraft(
                kind=f.kind,
                text_ar=f.text_ar,
                value=f.value,
                qualifier=f.qualifier,
                description_en=f.description_en,
                evidence=f.evidence,
            )
            for f in gold.facts
        ],
        not_story=[],
    )


def gold_brief(gold: Gold, article: Article) -> Brief:
    """The gold as a grounded `Brief` (claim i of the brief is gold claim i); no metadata."""
    try:
        return ground(article, gold_draft(gold))
    except GroundingError as exc:
        raise DatasetError(f"gold {gold.id} does not ground in its article: {exc.problems[0]}") from None
