"""The eval harness: score any brief against hand-made gold annotations.

    from summarizer.evaluation import load_dataset, evaluate, GoldSystem, render_scorecard
    log = evaluate(load_dataset(), GoldSystem())      # the gold scores 1.0 against itself
    print(render_scorecard(log))

`load_gold_brief()` is the seed article's gold brief as a `summarizer.schema.Brief`.
Reading gold files needs the `eval` extra (PyYAML, sacrebleu, anyascii).
"""

from .alignment import Alignment, align
from .baseline import baseline_brief
from .dataset import Dataset, Sample, load_dataset, load_gold_brief, load_sample
from .gold import Gold
from .harness import evaluate, score_output
from .log import EvalLog, load_log
from .scorecard import render_scorecard
from .scorers import METRICS, Score, score_brief
from .systems import BaselineSystem, GoldSystem, ModelSystem, Output, ReplaySystem
from .thresholds import Thresholds, load_thresholds

__all__ = [
    "METRICS",
    "Alignment",
    "BaselineSystem",
    "Dataset",
    "EvalLog",
    "Gold",
    "GoldSystem",
    "ModelSystem",
    "Output",
    "ReplaySystem",
    "Sample",
    "Score",
    "Thresholds",
    "align",
    "baseline_brief",
    "evaluate",
    "load_dataset",
    "load_gold_brief",
    "load_log",
    "load_sample",
    "load_thresholds",
    "render_scorecard",
    "score_brief",
    "score_output",
]
