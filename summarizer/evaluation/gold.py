"""The gold annotation of one article: typed models of the YAML file, and the gold brief.

A gold file says what a perfect brief of its article contains: every claim with its
source, source type, outlet, cue, certainty and evidence; the sources' accepted names; the
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

from pydantic import Field, model_validator

from ..arabic import normalize
from ..errors import DatasetError, GroundingError
from ..grounding import ground, ground_quote
from ..schema import (
    Attribution,
    Bilingual,
    Brief,
    BriefDraft,
    Certainty,
    ClaimDraft,
    Entity,
    EntityType,
    FactKind,
    KeyFactDraft,
    Qualifier,
    QuoteDraft,
    SourceType,
    StrictModel,
    Summary,
    sources_for,
)
from ..segment import Article, SentenceKind

GOLD_FORMAT_VERSION = "1"
NARRATION = "narration"  # the source id of the article's own voice; needs no entry in `sources`


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


class GoldSource(_Model):
    """One source the article quotes, with every name by which a brief may call it."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    names_ar: list[str] = Field(min_length=1)
    names_en: list[str] = Field(min_length=1)


class AlsoAccept(_Model):
    """Second readings the guidelines allow for a claim; each use is explained in the claim's note."""

    certainty: list[Certainty] = Field(default_factory=list)
    source_type: list[SourceType] = Field(default_factory=list)
    no_outlet: bool = Field(default=False, description="A brief may leave the (carried-over) outlet out.")


class GoldClaim(_Model):
    id: str = Field(pattern=r"^G[1-9][0-9]*$")
    sentences: list[str] = Field(min_length=1, description="IDs of the sentences the claim comes from.")
    statement: Bilingual = Field(description="Reference statement in Arabic and in English.")
    source: str = Field(description="Id of an entry in `sources`, or 'narration'.")
    source_ar: str | None = Field(description="The source as written at this claim (null for narration).")
    source_en: str
    source_type: SourceType
    outlet_ar: str | None = None
    outlet_en: str | None = None
    cue_ar: str | None = None
    certainty: Certainty
    also_accept: AlsoAccept = Field(default_factory=AlsoAccept)
    evidence: list[QuoteDraft] = Field(min_length=1)
    note: str | None = Field(default=None, description="Why an ambiguous case is resolved this way.")

    @property
    def accepted_certainty(self) -> frozenset[Certainty]:
        return frozenset([self.certainty, *self.also_accept.certainty])

    @property
    def accepted_source_types(self) -> frozenset[SourceType]:
        return frozenset([self.source_type, *self.also_accept.source_type])

    @property
    def attribution(self) -> Attribution:
        """The claim's source as the gold writes it at this claim."""
        return Attribution(
            source_ar=self.source_ar,
            source_en=self.source_en,
            source_type=self.source_type,
            outlet_ar=self.outlet_ar,
            outlet_en=self.outlet_en,
            cue_ar=self.cue_ar,
        )


class GoldEntity(_Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_ar: str
    name_en: str
    aliases_ar: list[str] = Field(default_factory=list, description="Other ways the Arabic text may name it.")
    aliases_en: list[str] = Field(default_factory=list, description="Accepted English spellings and forms.")
    type: EntityType
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

    format_version: str = GOLD_FORMAT_VERSION
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    article: ArticleRef
    guidelines_version: str
    headline: Bilingual
    summary: Summary
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
        for claim in self.claims:
            if claim.source not in known:
                raise ValueError(f"claim {claim.id}: source {claim.source!r} is not listed under 'sources'")
            if (claim.source == NARRATION) != (claim.source_type is SourceType.NARRATION):
                raise ValueError(f"claim {claim.id}: source 'narration' and source_type 'narration' go together")
        return self

    def source(self, source_id: str) -> GoldSource | None:
        return next((s for s in self.sources if s.id == source_id), None)


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
    """The gold as the draft a perfect model would write.

    Claims of one gold source (and outlet) share one entry of `sources`, named as the first
    of those claims names it.
    """
    sources, source_ids = sources_for(
        [c.attribution for c in gold.claims],
        same=[(c.source, c.source_type, c.outlet_ar, c.outlet_en) for c in gold.claims],
    )
    return BriefDraft(
        headline=gold.headline,
        summary=Summary(ar=list(gold.summary.ar), en=list(gold.summary.en)),
        sources=sources,
        claims=[
            ClaimDraft(
                statement=c.statement,
                source=source_id,
                cue_ar=c.cue_ar,
                certainty=c.certainty,
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
    )


def gold_brief(gold: Gold, article: Article) -> Brief:
    """The gold as a grounded `Brief` (claim i of the brief is gold claim i); no metadata."""
    try:
        return ground(article, gold_draft(gold))
    except GroundingError as exc:
        raise DatasetError(f"gold {gold.id} does not ground in its article: {exc.problems[0]}") from None
