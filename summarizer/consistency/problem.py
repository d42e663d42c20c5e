"""A failed consistency check, as data: what kind, where, the evidence for it, and what to do.

The pipeline sends `message` back to the model word for word (it is written as an instruction);
the eval counts problems by `check` and shows `message` in the scorecard. Nobody parses the
text: `kind` and `details` carry everything a program needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Check = Literal["anchors", "statement", "parity", "polarity", "status", "cue", "support"]


@dataclass(frozen=True)
class Problem:
    check: Check  # which check found it (one module each)
    kind: str  # what exactly, e.g. "anchor_not_in_evidence", "negation_dropped"
    where: str  # "claims[2]", "C3", "headline", "summary[1]"
    message: str  # an instruction a model can act on
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def claim(self) -> str | None:
        """The claim it concerns (None for the headline and the summary)."""
        return None if self.where.startswith(("headline", "summary")) else self.where.split(".")[0]

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"
