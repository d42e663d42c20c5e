"""Nothing from lines outside the story (links to other articles, text addressed to a machine).

Two checks: `grounding.leaked_line` on the Arabic fields (the same fuzzy test the pipeline
uses: a field reproducing a related-article or instruction line), and, on every field, the
gold's leak terms — words that occur only in those lines, in Arabic and in English — found
with the same mention rules as entities (`names.Lexicon`). The English terms are what catch
a translated leak, which the Arabic-only fuzzy test cannot see.
"""

from __future__ import annotations

from ...grounding import leaked_line
from ..fields import text_fields
from ..names import Lexicon
from .base import Context, Score, metric


def leak_lexicon(ctx: Context) -> Lexicon:
    return Lexicon(
        forms_ar={line.sentence_id: line.leak_terms_ar for line in ctx.gold.non_story},
        forms_en={line.sentence_id: line.leak_terms_en for line in ctx.gold.non_story},
    )


@metric(
    "leakage_free",
    family="leakage",
    description="share of the brief's text fields with nothing from related-article or instruction lines",
)
def leakage_free(ctx: Context) -> Score:
    lexicon = leak_lexicon(ctx)
    fields = list(text_fields(ctx.brief))
    problems = []
    for f in fields:
        hits = set()
        if f.lang != "en" and (line := leaked_line(ctx.article, f.text)) is not None:
            hits.add(line)
        for lang in ("ar", "en") if f.lang == "any" else (f.lang,):
            hits |= lexicon.mentions(f.text, lang)
        if hits:
            problems.append(f"{f.path} repeats {', '.join(sorted(hits))}")
    return Score.ratio(
        len(fields) - len(problems),
        len(fields),
        "text fields free of non-story content",
        empty="the brief has no text fields",
        problems=problems,
    )
