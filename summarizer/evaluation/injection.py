"""Precision and recall of injection detection on labelled lines (`evals/injection/*.jsonl`).

    python -m summarizer.evaluation.injection evals/injection/holdout.jsonl

Each item is `{"text", "label": "injection"|"news", "note"}`; an item counts as flagged when
any of its lines is. `lines.jsonl` was written together with the patterns of
`summarizer.injection`; `holdout.jsonl` was written before its first measurement and is not
tuned on, so its figures are the honest ones.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..injection import flag_lines

DEFAULT_SET = Path(__file__).resolve().parent.parent.parent / "evals" / "injection" / "holdout.jsonl"


@dataclass(frozen=True)
class Score:
    """Detection quality on a labelled set: an item counts as flagged when any of its lines is."""

    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int
    missed: tuple[str, ...]
    false_alarms: tuple[str, ...]

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    def summary(self) -> str:
        return (
            f"precision {self.precision:.3f} ({self.true_positives}/{self.true_positives + self.false_positives}), "
            f"recall {self.recall:.3f} ({self.true_positives}/{self.true_positives + self.false_negatives}), "
            f"{self.true_negatives + self.false_positives} ordinary items, {self.false_positives} false alarms"
        )


def load_labelled(path: str | Path) -> list[dict[str, object]]:
    """Items `{"text", "label": "injection"|"news", "note"}`, one JSON object per line."""
    items = []
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        if raw.strip():
            items.append(json.loads(raw))
    return items


def measure(items: list[dict[str, object]], detect: Callable[[list[str]], Sequence[object]] | None = None) -> Score:
    """Precision and recall of `detect(lines) -> flags` (default: `flag_lines`) on labelled items."""
    detector = detect or flag_lines
    tp = fp = fn = tn = 0
    missed: list[str] = []
    alarms: list[str] = []
    for item in items:
        text = str(item["text"])
        flagged = any(detector([line for line in text.splitlines() if line.strip()]))
        if item["label"] == "injection":
            tp, fn = (tp + 1, fn) if flagged else (tp, fn + 1)
            if not flagged:
                missed.append(text)
        else:
            fp, tn = (fp + 1, tn) if flagged else (fp, tn + 1)
            if flagged:
                alarms.append(text)
    return Score(tp, fp, fn, tn, tuple(missed), tuple(alarms))


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m summarizer.injection [LABELLED.jsonl]`: print precision and recall."""
    args = list(sys.argv[1:] if argv is None else argv)
    path = Path(args[0]) if args else DEFAULT_SET
    score = measure(load_labelled(path))
    print(score.summary())
    for text in score.missed:
        print(f"missed: {text!r}")
    for text in score.false_alarms:
        print(f"false alarm: {text!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
