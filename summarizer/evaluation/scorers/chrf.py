"""chrF of the headline and the summary against the gold's references, per language (sacrebleu).

sacrebleu's chrF (character 6-grams, beta 2, whitespace ignored) works on Arabic as it is;
ROUGE's default tokenizer keeps only [a-z0-9] and scores any Arabic text 0, so it is not
used. Both sides go through `arabic.normalize` first (diacritics, letter variants, digits,
case), so spelling variants that do not change a word cost nothing. The signature is
recorded with every score; values are sacrebleu's score / 100.
"""

from __future__ import annotations

from functools import cache

from ...arabic import normalize
from ...errors import MissingExtraError
from .base import Context, Score, metric

PREPROCESSING = "summarizer.arabic.normalize"


@cache
def _chrf():  # type: ignore[no-untyped-def]
    try:
        from sacrebleu.metrics import CHRF
    except ModuleNotFoundError:  # the eval extra is missing
        raise MissingExtraError("chrF scoring", extra="eval") from None

    scorer = CHRF()
    scorer.corpus_score(["x"], [["x"]])  # sacrebleu knows the reference count (its signature needs it) from then on
    return scorer


def signature() -> str:
    chrf = _chrf()
    return f"chrF{chrf.beta}|{chrf.get_signature()}|pre:{PREPROCESSING}"


def chrf(hypothesis: str, reference: str) -> Score:
    result = _chrf().corpus_score([normalize(hypothesis)], [[normalize(reference)]])
    return Score(round(result.score / 100, 4), f"chrF {result.score:.1f}", {"signature": signature()})


@metric("headline_chrf_ar", family="chrf", description="chrF of the Arabic headline against the reference")
def headline_chrf_ar(ctx: Context) -> Score:
    return chrf(ctx.brief.headline.ar, ctx.gold.headline.ar)


@metric("headline_chrf_en", family="chrf", description="chrF of the English headline against the reference")
def headline_chrf_en(ctx: Context) -> Score:
    return chrf(ctx.brief.headline.en, ctx.gold.headline.en)


@metric(
    "summary_chrf_ar", family="chrf", description="chrF of the Arabic summary (bullets joined) against the reference"
)
def summary_chrf_ar(ctx: Context) -> Score:
    return chrf("\n".join(ctx.brief.summary.ar), "\n".join(ctx.gold.summary.ar))


@metric(
    "summary_chrf_en", family="chrf", description="chrF of the English summary (bullets joined) against the reference"
)
def summary_chrf_en(ctx: Context) -> Score:
    return chrf("\n".join(ctx.brief.summary.en), "\n".join(ctx.gold.summary.en))
