"""Inter-annotator agreement between two gold annotations of the same article, label by label.

    python -m summarizer.evaluation.agreement FIRST.gold.yaml SECOND.gold.yaml [--markdown]

Claims of the two golds are aligned exactly as the eval aligns a brief with its gold
(`alignment.align`: common evidence sentences, overlap and wording). On every aligned pair each
label is compared twice:

* **strict** — the two primary labels are equal (the source resolved through the first gold's
  accepted names; the channel together with its via; the cue after normalization, forgiving
  nothing else);
* **accepting** — the second annotation's label is the first's or a second reading the first
  explicitly accepts (`also_accept`), which is how the eval scores it.

Claims only one annotator wrote are counted apart (granularity), not as label disagreements.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..schema import Claim
from .alignment import align
from .dataset import Sample, load_sample
from .gold import GoldClaim
from .scorers.attribution import bare_cue, channel_correct, source_correct, source_type_correct, via_correct
from .scorers.status import status_correct

LABELS = ("source identity", "source type", "channel", "status", "cue", "stance")


@dataclass
class LabelAgreement:
    label: str
    strict: int = 0
    accepting: int = 0
    pairs: int = 0
    disagreements: list[str] = field(default_factory=list)

    def share(self, value: int) -> float:
        return value / self.pairs if self.pairs else 0.0


@dataclass
class Agreement:
    matched: int
    only_first: list[str]
    only_second: list[str]
    labels: dict[str, LabelAgreement]
    facts_same: int
    facts_first: int
    facts_second: int


def _checks(first: Sample, g: GoldClaim, second: GoldClaim, b: Claim) -> dict[str, tuple[bool, bool]]:
    """(strict, accepting) agreement of each label for one aligned pair."""
    gold = first.gold
    same_source = source_correct(gold, g, b)[0]
    first_type = gold.source_of(g).type
    second_type = b.attribution.source.type
    return {
        "source identity": (same_source, same_source),
        "source type": (second_type is first_type, source_type_correct(gold, g, b)),
        "channel": (
            b.attribution.channel is g.channel and via_correct(gold, g, b),
            channel_correct(gold, g, b),
        ),
        "status": (second.status is g.status, status_correct(g, b)),
        "cue": (bare_cue(second.cue_ar) == bare_cue(g.cue_ar),) * 2,
        "stance": (second.stance == g.stance,) * 2,
    }


def _describe(label: str, g: GoldClaim, second: GoldClaim, b: Claim, first: Sample) -> str:
    values = {
        "source identity": (g.source, b.attribution.source.name_en),
        "source type": (first.gold.source_of(g).type.value, b.attribution.source.type.value),
        "channel": (f"{g.channel.value}/{g.via_en}", f"{second.channel.value}/{second.via_en}"),
        "status": (g.status.value, second.status.value),
        "cue": (g.cue_ar, second.cue_ar),
        "stance": (g.stance, second.stance),
    }[label]
    return f"{g.id}~{second.id}: {values[0]} vs {values[1]}"


def agreement(first: Sample, second: Sample) -> Agreement:
    if first.sha256 != second.sha256:
        raise ValueError("the two golds annotate different articles")
    a_claims, b_claims = first.gold_brief.claims, second.gold_brief.claims
    aligned = align(first.article, a_claims, b_claims)
    labels = {name: LabelAgreement(name) for name in LABELS}
    for pair in aligned.matched:
        g, second_claim, b = first.gold.claims[pair.gold], second.gold.claims[pair.predicted], b_claims[pair.predicted]
        for name, (strict, accepting) in _checks(first, g, second_claim, b).items():
            entry = labels[name]
            entry.pairs += 1
            entry.strict += strict
            entry.accepting += accepting
            if not strict:
                entry.disagreements.append(_describe(name, g, second_claim, b, first))
    first_facts = {(f.kind, f.value, f.qualifier) for f in first.gold.facts}
    second_facts = {(f.kind, f.value, f.qualifier) for f in second.gold.facts}
    return Agreement(
        matched=len(aligned.matched),
        only_first=[first.gold.claims[i].id for i in aligned.missed],
        only_second=[second.gold.claims[i].id for i in aligned.extra],
        labels=labels,
        facts_same=len(first_facts & second_facts),
        facts_first=len(first_facts),
        facts_second=len(second_facts),
    )


def markdown(result: Agreement) -> str:
    lines = [
        f"Aligned claim pairs: {result.matched} (only in the first: {', '.join(result.only_first) or 'none'}; "
        f"only in the second: {', '.join(result.only_second) or 'none'}).",
        "",
        "| label | strict | accepting also_accept | disagreements (first vs second) |",
        "|---|---:|---:|---|",
    ]
    for entry in result.labels.values():
        strict = f"{entry.strict}/{entry.pairs} = {entry.share(entry.strict):.0%}"
        accepting = f"{entry.accepting}/{entry.pairs} = {entry.share(entry.accepting):.0%}"
        lines.append(f"| {entry.label} | {strict} | {accepting} | {'; '.join(entry.disagreements) or '—'} |")
    lines.append(
        f"| key facts (kind, value, qualifier) | {result.facts_same} of {result.facts_first} / "
        f"{result.facts_second} identical | | |"
    )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m summarizer.evaluation.agreement", description=__doc__)
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    args = parser.parse_args(argv)
    result = agreement(load_sample(args.first), load_sample(args.second))
    sys.stdout.write(markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
