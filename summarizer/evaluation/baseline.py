"""A non-LLM baseline: the floor every model must beat, scored in every scorecard.

It writes a real, grounded `Brief` by rules alone:

* one claim per story sentence, the sentence itself as statement and evidence;
* attribution from Arabic cue patterns: a sentence-initial reporting verb («وذكر المصدر»،
  «وأشار ... إلى أن»), «حسب/بحسب X،», «وفقًا لما أفاد به X لموقع Y», «حسبما أفاد X»,
  «أعلنت X ... أنها»; a verb with no written subject («كما أضاف») keeps the previous source;
  no cue means the article's own narration;
* source type from the source's words (مصدر → anonymous, صحيفة/موقع → media, السلطات/وزارة →
  government, otherwise a person); channel from the words around the cue (an outlet after لموقع
  → told_outlet, a newspaper as source → press_report, أعلن → statement, else unspecified);
  stance from the cue word (زعم/ادعى → distancing, كشف/اعترف → endorsing, else neutral); status
  from hedge words (نفى → denied, بحجة → contested, قد/ربما → possible, من المتوقع/يُنتظر/يتوقع →
  expected, تُعتبر/يُعد → evaluation, else fact);
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
from ..labels import ActorType, Channel, FactKind, Qualifier, Stance, Status
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
    Summary,
    sources_for,
)
from ..segment import Article, Sentence, segment
from .scorers.numbers import MONTHS_AR, canonical_number

BASELINE_VERSION = "2"
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
_DENIED = re.compile(r"(?<!\w)[وف]?(?:نفي|نفت|ينفي|تنفي|كذب)(?!\w)|لا صحه")
_CONTESTED = re.compile(r"بحجه|بذريعه|المزعوم")
_POSSIBLE = re.compile(r"(?<!\w)(?:قد [يت]|ربما|من المحتمل|يحتمل|لا يستبعد)")
_DISTANCING = {"زعم", "زعمت", "ادعي", "ادعت", "مزاعم", "ادعاءات", "بزعم"}
_ENDORSING = {"كشف", "كشفت", "اقر", "اقرت", "اعترف", "اعترفت", "اثبت", "اظهر", "اظهرت"}
_GENERIC_NAME_WORDS = ("صحيفه ", "جريده ", "موقع ", "قناه ", "اذاعه ", "وكاله ", "منصه ", "محافظه ", "مدينه ")
_EXPECTED = re.compile(r"من المتوقع|(?<!\w)[وف]?(?:ينتظر|يتوقع|تتوقع|سوف)(?!\w)|مرتقب")
_ASSESSED = re.compile(r"(?<!\w)[وف]?(?:تعتبر|يعتبر|يعد|تعد)(?!\w)")
_APPOSITION = re.compile(r", ([^,.\d]{3,30}?),")
_FUNCTION_WORDS = {"في", "من", "الي", "علي", "عن", "مع", "ان", "هذا", "هذه", "التي", "الذي", "حيث", "بعد", "قبل"}
_QUALIFIERS = {
    "اكثر من": Qualifier.MORE_THAN,
    "ما يزيد عن": Qualifier.MORE_THAN,
    "يتجاوز": Qualifier.MORE_THAN,
    "تتجاوز": Qualifier.MORE_THAN,
    "يفوق": Qualifier.MORE_THAN,
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


def _source_type(source_ar: str) -> ActorType:
    norm = normalize(source_ar)
    if re.search(r"مصدر|مصادر", norm):
        return ActorType.ANONYMOUS
    if re.search(r"صحيفه|موقع|وكاله|قناه|اذاعه|تلفزيون", norm):
        return ActorType.MEDIA
    if re.search(r"السلطات|وزاره|الحكومه|الجيش|الرئاسه|الشرطه|مجلس", norm):
        return ActorType.GOVERNMENT
    return ActorType.PERSON


def _bare_name(name_ar: str) -> str:
    """Rule `names`: without a leading generic word (صحيفة معاريف → معاريف)."""
    words = name_ar.split(" ", 1)
    if len(words) == 2 and normalize(words[0]) + " " in _GENERIC_NAME_WORDS:
        return words[1]
    return name_ar


def _stance(cue_ar: str) -> Stance:
    word = normalize(cue_ar)
    if word in _DISTANCING:
        return Stance.DISTANCING
    if word in _ENDORSING:
        return Stance.ENDORSING
    return Stance.NEUTRAL


NARRATION = Attribution(
    source=Source(name_ar=None, name_en="the article", type=ActorType.NARRATION),
    channel=Channel.NARRATION,
    via_ar=None,
    via_en=None,
    cue_ar=None,
    stance=None,
)


def _attribution(cue: _Cue | None, previous: Attribution | None) -> Attribution:
    if cue is None:
        return NARRATION
    if cue.source_ar is None:  # «كما أضاف»: the same speaker as before, in the same statement
        if previous is not None and previous.source.type is not ActorType.NARRATION:
            return previous.model_copy(update={"cue_ar": cue.cue_ar, "stance": _stance(cue.cue_ar)})
        return NARRATION
    name = _bare_name(cue.source_ar)
    source_type = _source_type(cue.source_ar)
    via = _bare_name(cue.outlet_ar) if cue.outlet_ar else None
    if via:
        channel = Channel.TOLD_OUTLET
    elif source_type is ActorType.MEDIA:
        channel, via = Channel.PRESS_REPORT, name
    elif normalize(cue.cue_ar).startswith("اعلن"):
        channel = Channel.STATEMENT
    else:
        channel = Channel.UNSPECIFIED
    return Attribution(
        source=Source(name_ar=name, name_en=_transliterate(name), type=source_type),
        channel=channel,
        via_ar=via,
        via_en=_transliterate(via) if via else None,
        cue_ar=cue.cue_ar,
        stance=_stance(cue.cue_ar),
    )


def _status(norm: str) -> Status:
    for pattern, status in (
        (_DENIED, Status.DENIED),
        (_CONTESTED, Status.CONTESTED),
        (_POSSIBLE, Status.POSSIBLE),
        (_EXPECTED, Status.EXPECTED),
        (_ASSESSED, Status.EVALUATION),
    ):
        if pattern.search(norm):
            return status
    return Status.FACT


def _entities(sentences: list[Sentence], attributions: list[Attribution]) -> list[Entity]:
    found: dict[str, Entity] = {}

    def add(name_ar: str, kind: ActorType, role: str) -> None:
        key = normalize(name_ar)
        if key and key not in found:
            found[key] = Entity(name_ar=name_ar, name_en=_transliterate(name_ar).title(), type=kind, role_en=role)

    for sentence in sentences:
        mapped = normalize_with_map(sentence.text)
        for m in _APPOSITION.finditer(mapped.text):
            words = m.group(1).split()
            if 2 <= len(words) <= 3 and not words[0].startswith("و") and not _FUNCTION_WORDS & set(words):
                add(_original(mapped, sentence, *m.span(1)), ActorType.PERSON, "named in apposition")
    for a in attributions:
        if a.via_ar:
            add(a.via_ar, ActorType.MEDIA, "outlet a source spoke to")
        name = a.source.name_ar
        if name and a.source.type in (ActorType.MEDIA, ActorType.GOVERNMENT):
            add(name, a.source.type, "source")
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
                        value=f"--{month:02d}-{int(number):02d}",
                        qualifier=Qualifier.EXACT,
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
    sources, source_ids = sources_for([a.source for a in attributions])
    claims = [
        ClaimDraft(
            statement=Bilingual(ar=sentence.text, en=_untranslated(sentence.text)),
            source=source_id,
            channel=attribution.channel,
            via_ar=attribution.via_ar,
            via_en=attribution.via_en,
            cue_ar=attribution.cue_ar,
            stance=attribution.stance,
            status=_status(normalized.text),
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
        not_story=[],
    )


def baseline_brief(article: Article | str) -> Brief:
    """The baseline's grounded `Brief` of an article (text or already segmented); no metadata."""
    segmented = segment(article) if isinstance(article, str) else article
    return ground(segmented, baseline_draft(segmented))
