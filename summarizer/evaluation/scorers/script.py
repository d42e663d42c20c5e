"""Arabic fields in Arabic script, English fields in Latin script.

A field is pure when at least `MIN_SHARE` of its letters are in its language's script
(digits and punctuation do not count; a field without letters, such as "1200", is not
judged). The pipeline's own check is laxer (a majority), so that a model is not sent back
for one foreign word; the scorer shows how often that happens.
"""

from __future__ import annotations

from ...arabic import script_share
from ..fields import text_fields
from .base import Context, Score, metric

MIN_SHARE = 0.9


@metric(
    "script_purity",
    family="script",
    description="share of Arabic/English text fields written (>= 90% of letters) in their own script",
)
def script_purity(ctx: Context) -> Score:
    judged = 0
    problems = []
    for f in text_fields(ctx.brief):
        if f.lang == "any":
            continue
        arabic, latin = script_share(f.text)
        if arabic == 0.0 and latin == 0.0:
            continue
        judged += 1
        own = arabic if f.lang == "ar" else latin
        if own < MIN_SHARE:
            language = "Arabic" if f.lang == "ar" else "English"
            problems.append(f"{f.path}: only {own:.0%} of its letters are in {language} script")
    return Score.ratio(
        judged - len(problems),
        judged,
        "text fields are in their own script",
        empty="the brief has no text with letters",
        problems=problems,
    )
