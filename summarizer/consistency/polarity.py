"""Polarity: a statement says "not" exactly when its evidence does, and in both languages.

Negation is read from markers, word-aligned and with proclitics peeled («ولم», «فلن»):
Arabic «لا، لم، لن، ليس/ليست/ليسوا، غير، عدم، دون/بدون، لا يوجد» and the denial and refusal
verbs «نفى، ينفي، نفي، رفض، يرفض»; English "not, n't, no, never, none, nor, without, cannot"
and "deny/denied, reject(ed), refuse(d), dismiss(ed)".

* `negation_dropped`: the evidence quote is negative and a statement is not («لا ترغب» written
  as "wants");
* `negation_added`: a statement is negative and neither the quote nor the cited sentence is;
* `negation_differs`: one language's statement is negative and the other's is not.

What counts is the presence of a marker, not its scope: a statement that moves the "not" to
another clause of the same sentence is not caught (see evals/README.md, "What the harness
cannot see").
"""

from __future__ import annotations

from functools import lru_cache

from .problem import Problem
from .text import PER_TEXT, ar_stems, ar_word_tuple, en_word_tuple, fold_ar, fold_forms
from .view import BriefView, ClaimView

_AR_NEGATION = fold_forms(
    [
        "لا",
        "لم",
        "لن",
        "ليس",
        "ليست",
        "ليسوا",
        "لسنا",
        "لست",
        "غير",
        "عدم",
        "دون",
        "بدون",
        "لستم",
        "نفى",
        "نفت",
        "ينفي",
        "تنفي",
        "نفي",
        "نفوا",
        "رفض",
        "رفضت",
        "يرفض",
        "ترفض",
        "رفضوا",
        "نافيا",
        "نافية",
    ]
)
_EN_NEGATION = frozenset(
    {
        "not",
        "no",
        "never",
        "none",
        "nor",
        "neither",
        "without",
        "cannot",
        "nobody",
        "nothing",
        "deny",
        "denies",
        "denied",
        "denying",
        "denial",
        "reject",
        "rejects",
        "rejected",
        "rejecting",
        "refuse",
        "refuses",
        "refused",
        "refusing",
        "dismiss",
        "dismissed",
        "dismisses",
    }
)


# Idioms that contain a negation word and negate nothing: «غير أن» (however), «لا سيما»
# (especially), «لا يزال» (still).
_NOT_NEGATING_AFTER = {
    fold_ar("غير"): fold_forms(["أن", "أنه", "أنها", "أنهم"]),
    fold_ar("لا"): fold_forms(["سيما", "يزال", "تزال", "يزالون", "تزالان", "نزال"]),
}


@lru_cache(maxsize=PER_TEXT)
def negated_ar(text: str) -> str | None:
    """The negation marker of Arabic `text`, or None (cached: the checks ask about the same texts again)."""
    words = ar_word_tuple(text)
    for i in _AR_NEGATION.positions(words):
        word = words[i]
        stem = next(s for s in ar_stems(word) if s in _AR_NEGATION)
        following = words[i + 1] if i + 1 < len(words) else ""
        if following in _NOT_NEGATING_AFTER.get(stem, frozenset()):
            continue
        return word
    return None


@lru_cache(maxsize=PER_TEXT)
def negated_en(text: str) -> str | None:
    """The negation marker of English `text`, or None."""
    for word in en_word_tuple(text):
        if word in _EN_NEGATION or word.endswith("n't"):
            return word
    return None


def _claim_problems(claim: ClaimView) -> list[Problem]:
    problems: list[Problem] = []
    negated = negated_ar if claim.evidence_lang == "ar" else negated_en
    quote_neg = negated(claim.evidence_text)
    sentence_neg = negated(claim.sentence_text)
    ar_neg, en_neg = negated_ar(claim.ar), negated_en(claim.en)
    cited = ", ".join(claim.sentence_ids)
    if quote_neg:
        for lang, neg in (("ar", ar_neg), ("en", en_neg)):
            if not neg:
                problems.append(
                    Problem(
                        check="polarity",
                        kind="negation_dropped",
                        where=f"{claim.where}.statement.{lang}",
                        message=(
                            f"the evidence is negative («{quote_neg}») but the statement is not: keep the negation "
                            "the article writes (it says the opposite otherwise)"
                        ),
                        details={"evidence_marker": quote_neg, "lang": lang},
                    )
                )
    elif not sentence_neg:
        for lang, neg in (("ar", ar_neg), ("en", en_neg)):
            if neg:
                problems.append(
                    Problem(
                        check="polarity",
                        kind="negation_added",
                        where=f"{claim.where}.statement.{lang}",
                        message=(
                            f"the statement is negative ('{neg}') but its evidence ({cited}) is not: do not negate "
                            "what the article affirms"
                        ),
                        details={"statement_marker": neg, "lang": lang},
                    )
                )
    if bool(ar_neg) != bool(en_neg) and not any(p.kind == "negation_dropped" for p in problems):
        negative, positive = ("Arabic", "English") if ar_neg else ("English", "Arabic")
        problems.append(
            Problem(
                check="polarity",
                kind="negation_differs",
                where=f"{claim.where}.statement",
                message=(
                    f"the {negative} statement is negative ('{ar_neg or en_neg}') and the {positive} is not: "
                    "the two languages must say the same thing"
                ),
                details={"ar_marker": ar_neg, "en_marker": en_neg},
            )
        )
    return problems


def _pair_problem(where: str, ar: str, en: str) -> Problem | None:
    ar_neg, en_neg = negated_ar(ar), negated_en(en)
    if bool(ar_neg) == bool(en_neg):
        return None
    negative, positive = ("Arabic", "English") if ar_neg else ("English", "Arabic")
    return Problem(
        check="polarity",
        kind="negation_differs",
        where=where,
        message=(
            f"the {negative} is negative ('{ar_neg or en_neg}') and the {positive} is not: "
            "the two languages must say the same thing"
        ),
        details={"ar_marker": ar_neg, "en_marker": en_neg},
    )


def check_polarity(view: BriefView) -> list[Problem]:
    problems = [problem for claim in view.cited_claims for problem in _claim_problems(claim)]
    for where, ar, en in [("headline", *view.headline)] + [
        (f"summary[{i}]", ar, en) for i, (ar, en) in enumerate(view.bullets)
    ]:
        problem = _pair_problem(where, ar, en)
        if problem:
            problems.append(problem)
    return problems
