"""Briefs of an earlier schema version: upgraded to the current one, or refused in one line.

`load_brief(data)` is the one way a stored brief (a file, a replayed log entry) becomes a
`Brief`. A brief of the current version is validated as it is. A brief of schema 1.0.0
(annotation scheme 1) is upgraded field by field, by rules that never guess:

* `attribution.source_ar / source_en / source_type` → `attribution.source.name_ar / name_en /
  type` (named_person → person, named_organization → organization, media_outlet → media,
  official_body → government, anonymous_source → anonymous, narration → narration);
* the channel (new): `narration` for narration; `told_outlet` when an outlet is written (its
  `outlet_ar / outlet_en` become `via_ar / via_en`); `press_report` for a media source (via =
  the source); `statement` for the cue أعلن; otherwise `unspecified`;
* `cue_ar` stays; its `stance` comes from the cue lists (null for narration);
* `certainty` → `status`: asserted and reported → fact, expected → expected, assessed →
  evaluation, alleged → contested (fact when the cue itself is distancing: the cue carries the
  doubt);
* entity types: government_body → government, media_outlet → media, the rest unchanged (a
  country stays `location`: scheme 1 cannot tell);
* key-fact values normalized: 1,200 → 1200; 13 July → --07-13; today (Thursday) →
  today/thursday; Friday morning → friday; last December → last --12; one week → duration P1W.

What cannot be upgraded without guessing is refused with a one-line `BriefVersionError`
naming the field: a claim with a cited source but no cue, a key-fact value the rules do not
read. `metadata.schema_version` keeps the version the brief was produced under.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from .arabic import normalize
from .consistency.dates import MONTHS_EN as _MONTHS
from .labels import (
    RELATIVE_DAYS,
    VAGUE_MAGNITUDES,
    WEEKDAYS,
    ActorType,
    Channel,
    FactKind,
    Stance,
    Status,
    value_problem,
)
from .schema import READABLE_SCHEMA_VERSIONS, SCHEMA_VERSION, Brief


class BriefVersionError(ValueError):
    """A stored brief that this version cannot read (its message is one line)."""


_TYPES = {
    "named_person": ActorType.PERSON,
    "named_organization": ActorType.ORGANIZATION,
    "media_outlet": ActorType.MEDIA,
    "official_body": ActorType.GOVERNMENT,
    "anonymous_source": ActorType.ANONYMOUS,
    "narration": ActorType.NARRATION,
}
_ENTITY_TYPES = {"government_body": ActorType.GOVERNMENT, "media_outlet": ActorType.MEDIA}
_STATUS = {
    "asserted": Status.FACT,
    "reported": Status.FACT,
    "expected": Status.EXPECTED,
    "assessed": Status.EVALUATION,
    "alleged": Status.CONTESTED,
}
# Cue words by stance, normalized (labels.DEFINITIONS lists them for readers).
_DISTANCING = {normalize(w) for w in ("زعم", "زعمت", "ادعى", "ادعت", "مزاعم", "ادعاءات", "بزعم")}
_ENDORSING = {normalize(w) for w in ("كشف", "كشفت", "أقر", "أقرت", "اعترف", "اعترفت", "أثبت", "أظهر", "أظهرت")}
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_UNITS = {"day": "D", "days": "D", "week": "W", "weeks": "W", "month": "M", "months": "M", "year": "Y", "years": "Y"}


def cue_stance(cue_ar: str | None) -> Stance | None:
    """The stance of a cue word by the scheme's lists (None when there is no cue)."""
    if not cue_ar:
        return None
    word = normalize(cue_ar)
    for prefix in ("و", "ف"):
        if word not in _DISTANCING | _ENDORSING and word.startswith(prefix):
            word = word[1:]
    if word in _DISTANCING:
        return Stance.DISTANCING
    if word in _ENDORSING:
        return Stance.ENDORSING
    return Stance.NEUTRAL


def _channel(source_type: ActorType, outlet: bool, cue_ar: str | None) -> Channel:
    if source_type is ActorType.NARRATION:
        return Channel.NARRATION
    if outlet:
        return Channel.TOLD_OUTLET
    if source_type is ActorType.MEDIA:
        return Channel.PRESS_REPORT
    if cue_ar and normalize(cue_ar).lstrip("و").startswith(normalize("أعلن")):
        return Channel.STATEMENT
    return Channel.UNSPECIFIED


def _claim(claim: dict[str, Any], where: str) -> dict[str, Any]:
    old = claim.get("attribution") or {}
    source_type = _TYPES.get(str(old.get("source_type")))
    if source_type is None:
        raise BriefVersionError(f"{where}: source_type {old.get('source_type')!r} is not a scheme-1 source type")
    cue = old.get("cue_ar")
    if source_type is not ActorType.NARRATION and not cue:
        raise BriefVersionError(
            f"{where} has a cited source but no cue; scheme 2 needs the cue as written: summarize the article again"
        )
    outlet = bool(old.get("outlet_ar") or old.get("outlet_en"))
    channel = _channel(source_type, outlet, cue)
    via_ar, via_en = old.get("outlet_ar"), old.get("outlet_en")
    if channel is Channel.PRESS_REPORT:
        via_ar, via_en = old.get("source_ar"), old.get("source_en")
    stance = None if source_type is ActorType.NARRATION else cue_stance(cue)
    status = _STATUS.get(str(claim.get("certainty")))
    if status is None:
        raise BriefVersionError(f"{where}: certainty {claim.get('certainty')!r} is not a scheme-1 certainty")
    if status is Status.CONTESTED and stance is Stance.DISTANCING:
        status = Status.FACT  # the distancing cue carries the doubt; the status is the source's
    return {
        "id": claim.get("id"),
        "statement": claim.get("statement"),
        "attribution": {
            "source": {"name_ar": old.get("source_ar"), "name_en": old.get("source_en"), "type": source_type.value},
            "channel": channel.value,
            "via_ar": via_ar,
            "via_en": via_en,
            "cue_ar": None if source_type is ActorType.NARRATION else cue,
            "stance": stance.value if stance else None,
        },
        "status": status.value,
        "evidence": claim.get("evidence"),
    }


def normalized_value(kind: str, value: str) -> tuple[FactKind, str] | None:
    """A scheme-1 key-fact value in scheme 2's form, or None when the rules cannot read it."""
    text = " ".join(str(value).lower().replace(",", "").split())
    if kind == "number":
        if re.fullmatch(r"\d+(?:\.\d+)?%?", text) or text in VAGUE_MAGNITUDES:
            return FactKind.NUMBER, text
        m = re.fullmatch(r"(\w+) (days?|weeks?|months?|years?)", text)
        if m and (m.group(1) in _NUMBER_WORDS or m.group(1).isdigit()):
            count = _NUMBER_WORDS.get(m.group(1)) or int(m.group(1))
            return FactKind.DURATION, f"P{count}{_UNITS[m.group(2)]}"
        return None
    if kind != "date":
        return None
    if value_problem(FactKind.DATE, text) is None:
        return FactKind.DATE, text
    m = re.fullmatch(r"(\d{1,2}) (\w+)(?: (\d{4}))?", text)
    if m and m.group(2) in _MONTHS:
        day, month = int(m.group(1)), _MONTHS.index(m.group(2)) + 1
        return FactKind.DATE, (f"{m.group(3)}-{month:02d}-{day:02d}" if m.group(3) else f"--{month:02d}-{day:02d}")
    m = re.fullmatch(r"(last|next|this) (\w+)", text)
    if m and m.group(2) in _MONTHS:
        return FactKind.DATE, f"{m.group(1)} --{_MONTHS.index(m.group(2)) + 1:02d}"
    m = re.fullmatch(r"(\w+) \((\w+)\)", text)  # today (thursday)
    if m and m.group(1) in RELATIVE_DAYS and m.group(2) in WEEKDAYS:
        return FactKind.DATE, f"{m.group(1)}/{m.group(2)}"
    m = re.fullmatch(r"(\w+) (?:morning|afternoon|evening|night)", text)
    if m and m.group(1) in WEEKDAYS:
        return FactKind.DATE, m.group(1)
    if text in _MONTHS:
        return FactKind.DATE, f"--{_MONTHS.index(text) + 1:02d}"
    return None


def _fact(fact: dict[str, Any], where: str) -> dict[str, Any]:
    converted = normalized_value(str(fact.get("kind")), str(fact.get("value")))
    if converted is None:
        raise BriefVersionError(
            f"{where}.value {fact.get('value')!r} has no scheme-2 form the rules can derive: "
            "summarize the article again"
        )
    kind, value = converted
    return {**fact, "kind": kind.value, "value": value, "qualifier": fact.get("qualifier", "exact")}


def upgrade_brief(data: dict[str, Any]) -> dict[str, Any]:
    """A schema-1.0.0 brief as a schema-2.0.0 brief (JSON data in, JSON data out)."""
    claims = [_claim(c, f"claim {c.get('id', i + 1)}") for i, c in enumerate(data.get("claims") or [])]
    entities = [
        {**e, "type": _ENTITY_TYPES.get(e.get("type"), e.get("type")), "role_en": e.get("role_en")}
        for e in data.get("entities") or []
    ]
    facts = [_fact(f, f"key_facts[{i}]") for i, f in enumerate(data.get("key_facts") or [])]
    return {**data, "claims": claims, "entities": entities, "key_facts": facts, "schema_version": SCHEMA_VERSION}


def load_brief(data: Any) -> Brief:
    """A `Brief` from stored JSON data of any readable version.

    A `Brief` from stored JSON data of any readable version; `BriefVersionError` (one line) for
    a version this code does not read, pydantic's `ValidationError` for an invalid brief.
    """
    version = data.get("schema_version") if isinstance(data, dict) else None
    if version == "1.0.0":
        try:
            return Brief.model_validate(upgrade_brief(data))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "the top level"
            raise BriefVersionError(f"a schema-1.0.0 brief did not upgrade: {where}: {first['msg']}") from None
    if version is not None and version not in READABLE_SCHEMA_VERSIONS:
        raise BriefVersionError(
            f"brief schema_version {version!r} is not one this version reads "
            f"({', '.join(READABLE_SCHEMA_VERSIONS)}): summarize the article again"
        )
    return Brief.model_validate(data)
