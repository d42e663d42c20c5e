"""Does an aligned claim say what its gold claim says? Contradictions between linked claims.

Alignment pairs claims by evidence and wording; wording alone cannot tell "1,200 killed" from
"1,300 killed" or "did not" from "did". A linked pair contradicts when:

* **anchors**: the predicted statement has a number, date, day or name of some kind that none of
  its gold claims has, while a gold claim has one of that kind the prediction lacks (a
  substitution: another figure, another day, another actor). Adding a detail is not a
  contradiction (the consistency checks judge it against the evidence); replacing one is;
* **polarity** (one-to-one pairs): one statement is negative and the other is not;
* **status** (one-to-one pairs): one statement is about the future, a pretext or a denial and
  the other says it as done or as plain fact.

The markers and anchors are those of `summarizer.consistency`, so the eval and the pipeline
read a statement the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..consistency.anchors import Anchor, anchors_of
from ..consistency.entities import EntityForms
from ..consistency.polarity import negated_ar, negated_en
from ..consistency.status import CONTESTED, FUTURE, STATUS_OF_LABEL, future_ar, future_en, pretext_ar, pretext_en
from ..schema import Claim


def statement_anchors(claim: Claim, entities: Sequence[EntityForms]) -> set[Anchor]:
    return anchors_of(claim.statement.ar, "ar", entities) | anchors_of(claim.statement.en, "en", entities)


def _keys(anchors: set[Anchor]) -> set[tuple[str, str]]:
    return {(a.kind, a.key) for a in anchors}


def anchor_contradictions(golds: Sequence[Claim], predicted: Claim, entities: Sequence[EntityForms]) -> list[str]:
    gold_keys: set[tuple[str, str]] = set()
    for gold in golds:
        gold_keys |= _keys(statement_anchors(gold, entities))
    mine = statement_anchors(predicted, entities)
    mine_keys = _keys(mine)
    found = []
    for anchor in sorted(mine, key=lambda a: (a.kind, a.key)):
        if (anchor.kind, anchor.key) in gold_keys:
            continue
        replaced = sorted(k for kind, k in gold_keys - mine_keys if kind == anchor.kind)
        if replaced:
            found.append(f"{anchor.kind} {anchor.key!r} where the gold has {', '.join(map(repr, replaced))}")
    return found


def _differs(
    name: str, gold: Claim, predicted: Claim, ar: Callable[[str], object], en: Callable[[str], object]
) -> str | None:
    g = bool(ar(gold.statement.ar) or en(gold.statement.en))
    p = bool(ar(predicted.statement.ar) or en(predicted.statement.en))
    if g == p:
        return None
    return f"the gold is {name}, the prediction is not" if g else f"the prediction is {name}, the gold is not"


def contradictions(
    golds: Sequence[Claim],
    predicted: Claim,
    entities: Sequence[EntityForms],
    one_to_one: bool,
    accepted: frozenset[str] = frozenset(),
) -> list[str]:
    """How `predicted` contradicts the gold claim(s) it is linked to (empty: it agrees).

    `accepted` are the statuses (`consistency.status`) the gold accepts for a one-to-one pair:
    a gold that also accepts "expected" is not contradicted by a statement about the future.
    """
    found = anchor_contradictions(golds, predicted, entities)
    if one_to_one and len(golds) == 1:
        gold = golds[0]
        for name, ar, en, status in (
            ("negative", negated_ar, negated_en, None),
            ("about the future", future_ar, future_en, FUTURE),
            ("a pretext", pretext_ar, pretext_en, CONTESTED),
        ):
            if status in accepted:
                continue
            problem = _differs(name, gold, predicted, ar, en)
            if problem:
                found.append(problem)
    return found


def accepted_statuses(gold_claim: object) -> frozenset[str]:
    """The statuses a gold claim accepts (its own and its `also_accept` ones), in either scheme."""
    labels = [getattr(gold_claim, "status", None) or getattr(gold_claim, "certainty", None)]
    also = getattr(gold_claim, "also_accept", None)
    labels += list(getattr(also, "status", []) or []) + list(getattr(also, "certainty", []) or [])
    return frozenset(
        STATUS_OF_LABEL[value] for label in labels if label is not None
        if (value := str(getattr(label, "value", label))) in STATUS_OF_LABEL
    )
