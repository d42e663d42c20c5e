"""A non-LLM baseline: the floor every model must beat, scored in every scorecard.

It writes a real, grounded `Brief` by rules alone:

* one claim per story sentence, the sentence itself as statement and evidence;
* attribution from Arabic cue patterns: a sentence-initial reporting verb («وذكر المصدر»،
  «وأشار ... إلى أن»), «حسب/بحسب X،», «وفقًا لما أفاد به X لموقع Y», «حسبما أفاد X»,
  «أعلنت X ... أنها»; a verb with no written subject («كما أضاف») keeps the previous source;
  no cue means the article's own narration;
* source type from the source's words (مصدر → anonymous, صحيفة/موقع → outlet, السلطات/وزارة →
  official body, otherwise a named person); certainty from hedge words (بحجة → alleged,
  من المتوقع/يُنتظر/يتوقع → expected, تُعتبر/يُعد → assessed, a cue → reported, else asserted);
* headline = the lead sentence's first clause, summary = the first three story sentences;
* entities = names in apposition between commas («الوزير، أسعد الشيباني،») plus the
  outlets and official bodies it found as sources; key facts = digits with their
  qualifier (أكثر من، نحو) and day + month dates.

It cannot translate: every English field is the Arabic transliterated to Latin letters
(anyascii) and marked "Untranslated:", which is what a reader would get without a model.
Patterns run on `arabic.normalize`d text and map back to the original through its offset
map, so every Arabic field is copied exactly as the article writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..arabic import NormalizedText, normalize, normalize_with_map
from ..errors import InputError, MissingExtraError
from ..grounding import ground
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
    Summary,
    sources_for,
)
from ..segment import Article, Sentence, segment
from .scorers.numbers import MONTHS_AR, MONTHS_EN, canonical_number

BASELINE_VERSION = "1"
BASELINE_NAME = "lead-sentences+cue-patterns"

_VERBS = "ذكر|ذكرت|قال|قالت|اشار|اشارت|اضاف|اضافت|اكد|اكدت|اعلن|اعلنت|افاد|افادت|اوضح|اوضحت|صرح|صرحت|كشف|كشفت"
_OUTLET_PREFIX = "لموقع|لصحيفه|لقناه|لوكاله|لاذاعه"
# Most specific first; each names the groups cue, source and (optionally) outlet.
_CUE_PATTERNS = [
    re.compile(rf"^(?:و|ف|كما )?(?P<cue>{_VERBS})(?: (?P<source>[^,]+?))??(?= ان | الي ان |,|$)"),
    re.compile(r"^(?:و)?(?P<cue>بحسب|حسب|وفقا ل)\s*(?P<source>[^,]+),"),
    re.compile(
        rf"وفقا لما (?P<cue>{_VERBS})(?: به)? (?P<source>[^,.]+?)"
        rf"(?: (?:{_OUTLET_PREFIX}) (?P<outlet>[^,.]+))?(?=[,.]|$)"
    ),
    re.compile(rf"حسبما (?P<cue>{_VERBS}) (?P<source>[^,.]+)"),
    re.compile(rf"(?P<cue>{_VERBS}) (?P<source>[^,]+?) (?=انها|انه|ان )"),
    re.compile(r"(?P<cue>وفقا) ل(?P<source>مصدر[^,.]*)"),
]
_RELATIVE = re.compile(r" (?:التي|الذي|الذين) .*$")
_ALLEGED = re.compile(r"بحجه|(?<!\w)زعم|يزعم|ادعي|ادعاء|مزاعم")
_EXPECTED = re.compile(r"من المتوقع|(?<!\w)[وف]?(?:ينتظر|يتوقع|تتوقع|سوف)(?!\w)|مرتقب")
_ASSESSED = re.compile(r"(?<!\w)[وف]?(?:تعتبر|يعتبر|يعد|تعد)(?!\w)")
_APPOSITION = re.compile(r", ([^,.\d]{3,30}?),")
_FUNCTION_WORDS = {"في", "من", "الي", "علي", "عن", "مع", "ان", "هذا", "هذه", "التي", "الذي", "حيث", "بعد", "قبل"}
_QUALIFIERS = {
    "اكثر من": Qualifier.MORE_THAN,
    "ما يزيد عن": Qualifier.MORE_THAN,
    "اقل من": Qualifier.LESS_THAN,
    "نحو": Qualifier.ABOUT,
    "حوالي": Qualifier.ABOUT,
    "قرابه": Qualifier.ABOUT,
    "ما لا يقل عن": Qualifier.AT_LEAST,
    "حتي": Qualifier.UP_TO,
}
_MONTH_WORDS = {normalize(name): i for i, names in enumerate(MONTHS_AR, start=1) for name in names}
_FACT = re.compile(rf"(?:(?P<qual>{'|'.join(_QUALIFIERS)}) )?(?P<number>\d+(?:,\d{{3}})*)(?: (?P<next>[^\s,.]+))?")


def _transliterate(text: str) -> str:
    try:
        from anyascii import anyascii
    except ModuleNotFoundError:  # the eval extra is missing
        raise MissingExtraError("the eval baseline", extra="eval") from None

    return " ".join(anyascii(text).split())


def _untranslated(text: str) -> str:
    return f"Untranslated: {_transliterate(text)}"


def _original(mapped: NormalizedText, sentence: Sentence, start: int, end: int) -> str:
    s, e = mapped.original_span(start, end)
    return sentence.text[s:e].strip(" \"'“”«»")


@dataclass(frozen=True)
class _Cue:
    source_ar: str | None
    cue_ar: str
    outlet_ar: str | None


def _find_cue(sentence: Sentence, mapped: NormalizedText) -> _Cue | None:
    for pattern in _CUE_PATTERNS:
        m = pattern.search(mapped.text)
        if not m:
            continue
        source = None
        if m.group("source"):
            start, end = m.span("source")
            trimmed = _RELATIVE.sub("", m.group("source"))
            source = _original(mapped, sentence, start, start + len(trimmed)) or None
        outlet = None
        if "outlet" in pattern.groupindex and m.group("outlet"):
            outlet = _original(mapped, sentence, *m.span("outlet")) or None
        return _Cue(source, _original(mapped, sentence, *m.span("cue")), outlet)
    return None


def _source_type(source_ar: str) -> SourceType:
    norm = normalize(source_ar)
    if re.search(r"مصدر|مصادر", norm):
        return SourceType.ANONYMOUS_SOURCE
    if re.search(r"صحيفه|موقع|وكاله|قناه|اذاعه|تلفزيون", norm):
        return SourceType.MEDIA_OUTLET
    if re.search(r"السلطات|وزاره|الحكومه|الجيش|الرئاسه|الشرطه|مجلس", norm):
        return SourceType.OFFICIAL_BODY
    return SourceType.NAMED_PERSON


def _attribution(cue: _Cue | None, previous: Attribution | None) -> Attribution:
    if cue is None:
        return Attribution(source_ar=None, source_en="the article", source_type=SourceType.NARRATION)
    if cue.source_ar is None:  # «كما أضاف»: the same speaker as before
        if previous is not None and previous.source_type is not SourceType.NARRATION:
            return previous.model_copy(update={"cue_ar": cue.cue_ar})
        return Attribution(source_ar=None, source_en="the article", source_type=SourceType.NARRATION)
    outlet = cue.outlet_ar
    return Attribution(
        source_ar=cue.source_ar,
        source_en=_transliterate(cue.source_ar),
        source_type=_source_type(cue.source_ar),
        outlet_ar=outlet,
        outlet_en=_transliterate(outlet) if outlet else None,
        cue_ar=cue.cue_ar,
    )


def _certainty(norm: str, attribution: Attribution) -> Certainty:
    if _ALLEGED.search(norm):
        return Certainty.ALLEGED
    if _EXPECTED.search(norm):
        return Certainty.EXPECTED
    if _ASSESSED.search(norm):
        return Certainty.ASSESSED
    return Certainty.ASSERTED if attribution.source_type is SourceType.NARRATION else Certainty.REPORTED


def _entities(sentences: list[Sentence], attributions: list[Attribution]) -> list[Entity]:
    found: dict[str, Entity] = {}

    def add(name_ar: str, kind: EntityType, role: str) -> None:
        key = normalize(name_ar)
        if key and key not in found:
            found[key] = Entity(name_ar=name_ar, name_en=_transliterate(name_ar).title(), type=kind, role_en=role)

    for sentence in sentences:
        mapped = normalize_with_map(sentence.text)
        for m in _APPOSITION.finditer(mapped.text):
            words = m.group(1).split()
            if 2 <= len(words) <= 3 and not words[0].startswith("و") and not _FUNCTION_WORDS & set(words):
                add(_original(mapped, sentence, *m.span(1)), EntityType.PERSON, "named in apposition")
    for a in attributions:
        if a.outlet_ar:
            add(a.outlet_ar, EntityType.MEDIA_OUTLET, "outlet a source spoke to")
        if a.source_ar and a.source_type is SourceType.MEDIA_OUTLET:
            add(a.source_ar, EntityType.MEDIA_OUTLET, "source")
        if a.source_ar and a.source_type is SourceType.OFFICIAL_BODY:
            add(a.source_ar, EntityType.GOVERNMENT_BODY, "source")
    return list(found.values())


def _key_facts(sentences: list[Sentence]) -> list[KeyFactDraft]:
    facts: list[KeyFactDraft] = []
    for sentence in sentences:
        mapped = normalize_with_map(sentence.text)
        for m in _FACT.finditer(mapped.text):
            if mapped.text[: m.start("number")].count('"') % 2 == 1:
                continue  # inside quotation marks: part of a name such as “فرانس 24”
            number = canonical_number(m.group("number"))
            month = _MONTH_WORDS.get(m.group("next") or "")
            quote = _original(mapped, sentence, m.start(), m.end())
            if len(normalize(quote)) < 6:
                continue  # too short to ground on its own
            if month is not None:
                facts.append(
                    KeyFactDraft(
                        kind=FactKind.DATE,
                        text_ar=quote,
                        value=f"{int(number)} {MONTHS_EN[month - 1].capitalize()}",
                        description_en="a date the article gives",
                        evidence=QuoteDraft(sentence_id=sentence.id, quote=quote),
                    )
                )
            else:
                qualifier = _QUALIFIERS.get(m.group("qual") or "", Qualifier.EXACT)
                facts.append(
                    KeyFactDraft(
                        kind=FactKind.NUMBER,
                        text_ar=quote,
                        value=number,
                        qualifier=qualifier,
                        description_en="a number the article gives",
                        evidence=QuoteDraft(sentence_id=sentence.id, quote=quote),
                    )
                )
    return facts


def _summary_units(sentences: list[Sentence]) -> list[str]:
    units = [s.text for s in sentences[:3]]
    if len(units) < 3:
        units = [c.strip() for s in sentences for c in re.split(r"[،,]", s.text) if len(c.split()) >= 3][:3]
    if len(units) < 3:
        raise InputError("the baseline needs at least three sentences or clauses to write a summary")
    return units


def baseline_draft(article: Article) -> BriefDraft:
    story = list(article.citable)
    if not story:
        raise InputError("the article has no story sentences: the baseline has nothing to summarize")
    mapped = [normalize_with_map(sentence.text) for sentence in story]
    attributions: list[Attribution] = []
    for sentence, normalized in zip(story, mapped, strict=True):
        previous = attributions[-1] if attributions else None
        attributions.append(_attribution(_find_cue(sentence, normalized), previous))
    sources, source_ids = sources_for(attributions)
    claims = [
        ClaimDraft(
            statement=Bilingual(ar=sentence.text, en=_untranslated(sentence.text)),
            source=source_id,
            cue_ar=attribution.cue_ar,
            certainty=_certainty(normalized.text, attribution),
            evidence=[QuoteDraft(sentence_id=sentence.id, quote=sentence.text)],
        )
        for sentence, normalized, attribution, source_id in zip(story, mapped, attributions, source_ids, strict=True)
    ]
    lead = story[0].text
    first_clause = re.split(r"[،,]", lead)[0].strip()
    headline_ar = first_clause if len(first_clause.split()) >= 4 else lead
    units = _summary_units(story)
    return BriefDraft(
        headline=Bilingual(ar=headline_ar, en=_untranslated(headline_ar)),
        summary=Summary(ar=units, en=[_untranslated(u) for u in units]),
        sources=sources,
        claims=claims,
        entities=_entities(story, attributions),
        key_facts=_key_facts(story),
    )


def baseline_brief(article: Article | str) -> Brief:
    """The baseline's grounded `Brief` of an article (text or already segmented); no metadata."""
    segmented = segment(article) if isinstance(article, str) else article
    return ground(segmented, baseline_draft(segmented))
