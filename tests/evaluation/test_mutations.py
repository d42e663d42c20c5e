"""The harness tests itself: the gold scores 1.0 on every metric, and each planted defect lowers
the metric meant to catch it while every unrelated metric stays exactly where it was.

Each mutation starts from a fresh copy of the gold brief (a perfect brief), plants one defect,
and declares the metrics it must lower (`catches`) and, where the defect also changes text a
metric legitimately reads, the metrics allowed to move with a reason (`may_move`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from summarizer.evaluation.scorers import METRIC_NAMES
from summarizer.labels import ActorType, Qualifier, Stance, Status
from summarizer.schema import Brief, Entity, Source, Span

from .helpers import values

# Index of gold claim Gn in the gold brief is n - 1.
G1, G3, G8, G9, G10, G17, G18, G23 = 0, 2, 7, 8, 9, 16, 17, 22


def _claim(brief: Brief, index: int):  # type: ignore[no-untyped-def]
    return brief.claims[index]


def drop_a_claim(brief: Brief) -> None:
    del brief.claims[G8]


def swap_two_claims_sources(brief: Brief) -> None:
    a, b = _claim(brief, G17).attribution, _claim(brief, G23).attribution
    a.source, b.source = b.source, a.source  # both anonymous: only who it is changes


def change_a_source_type(brief: Brief) -> None:
    a = _claim(brief, G18).attribution
    a.source = a.source.model_copy(update={"type": ActorType.ORGANIZATION})


def anonymous_source_turned_named(brief: Brief) -> None:
    _claim(brief, G23).attribution.source = Source(
        name_ar="جان نويل بارو", name_en="Jean-Noël Barrot", type=ActorType.PERSON
    )


def expected_turned_fact(brief: Brief) -> None:
    _claim(brief, G1).status = Status.FACT


def neutral_cue_turned_distancing(brief: Brief) -> None:
    _claim(brief, G3).attribution.stance = Stance.DISTANCING


def another_cue(brief: Brief) -> None:
    _claim(brief, G3).attribution.cue_ar = "أكد"


def fabricated_quote(brief: Brief) -> None:
    old = _claim(brief, G8).evidence[0]
    _claim(brief, G8).evidence[0] = Span(
        sentence_id=old.sentence_id, quote="أسفرت عن مقتل أكثر من 1500 شخص", start=old.start, end=old.end
    )


def altered_number(brief: Brief) -> None:
    statement = _claim(brief, G8).statement
    statement.ar = statement.ar.replace("1200", "1300")
    statement.en = statement.en.replace("1,200", "1,300")


def invented_year(brief: Brief) -> None:
    statement = _claim(brief, G9).statement
    statement.ar = statement.ar.replace("13 يوليو", "13 يوليو 2025")
    statement.en = statement.en.replace("13 July", "13 July 2025")


def related_article_line_in_the_summary(brief: Brief) -> None:
    brief.summary.ar[2] += " مقتل إسرائيلي وإصابة آخرين نتيجة الهجمات الإيرانية على جنوب تل أبيب."
    brief.summary.en[2] += " An Israeli was killed and others wounded in Iranian attacks on southern Tel Aviv."


def english_text_in_an_arabic_field(brief: Brief) -> None:
    _claim(brief, G3).statement.ar += " under US sponsorship"


def drop_an_entity(brief: Brief) -> None:
    brief.entities = [e for e in brief.entities if e.name_en != "Jean-Noël Barrot"]


def duplicate_claims(brief: Brief) -> None:
    copies = [
        c.model_copy(deep=True, update={"id": f"C{len(brief.claims) + i}"}) for i, c in enumerate(brief.claims[:3], 1)
    ]
    brief.claims.extend(copies)


def drop_the_outlet_where_it_is_written(brief: Brief) -> None:
    a = _claim(brief, G1).attribution
    a.via_ar = a.via_en = None


def invent_an_entity(brief: Brief) -> None:
    brief.entities.append(
        Entity(name_ar="إيمانويل ماكرون", name_en="Emmanuel Macron", type=ActorType.PERSON, role_en=None)
    )


def drop_a_key_fact(brief: Brief) -> None:
    brief.key_facts = [f for f in brief.key_facts if f.value != "1200"]


def lose_a_qualifier(brief: Brief) -> None:
    next(f for f in brief.key_facts if f.value == "1200").qualifier = Qualifier.EXACT


def swap_two_english_statements(brief: Brief) -> None:
    a, b = _claim(brief, G1).statement, _claim(brief, G18).statement
    a.en, b.en = b.en, a.en


def replace_the_headline(brief: Brief) -> None:
    brief.headline.ar, brief.headline.en = "أخبار اليوم", "Today's news"


def summary_about_something_else(brief: Brief) -> None:
    brief.summary.ar = [
        "الطقس معتدل اليوم في معظم المناطق.",
        "تستمر الأمطار الخفيفة حتى المساء.",
        "ينصح السائقون بالحذر.",
    ]
    brief.summary.en = [
        "The weather is mild today in most areas.",
        "Light rain continues until evening.",
        "Drivers are urged to take care.",
    ]


def cite_a_subheading(brief: Brief) -> None:
    # H2 is a subheading (1186..1229): an extra, uncitable evidence span on G10.
    brief.claims[G10].evidence.append(
        Span(sentence_id="H2", quote="اجتماعات إسرائيلي فرنسية ألمانية بشأن إيران", start=1186, end=1229)
    )


@dataclass(frozen=True)
class Mutation:
    plant: Callable[[Brief], None]
    catches: frozenset[str]
    may_move: dict[str, str] = field(default_factory=dict)


MUTATIONS = {
    # the defect classes the issue names
    "drop a claim": Mutation(
        drop_a_claim,
        frozenset({"claim_recall"}),
        {
            "summary_support": "the summary still gives the death toll that only the dropped claim said",
            "summary_content": "its score is multiplied by the share of supported bullets",
        },
    ),
    "swap a claim's source": Mutation(swap_two_claims_sources, frozenset({"source_identity_accuracy"})),
    "change the source type": Mutation(change_a_source_type, frozenset({"source_type_accuracy"})),
    "anonymous turned named": Mutation(
        anonymous_source_turned_named, frozenset({"source_identity_accuracy", "source_type_accuracy"})
    ),
    "expected turned fact": Mutation(expected_turned_fact, frozenset({"status_accuracy"})),
    "a neutral cue turned distancing": Mutation(
        neutral_cue_turned_distancing, frozenset({"stance_accuracy", "cue_fidelity"})
    ),
    "another cue than the article's": Mutation(another_cue, frozenset({"cue_accuracy", "cue_fidelity"})),
    "a fabricated quote": Mutation(fabricated_quote, frozenset({"grounding_rate"})),
    "an altered number": Mutation(
        altered_number, frozenset({"number_fidelity", "claim_support", "claim_content_accuracy"})
    ),
    "an invented year": Mutation(invented_year, frozenset({"no_invented_years", "claim_support"})),
    "a related-article line in the summary": Mutation(
        related_article_line_in_the_summary,
        frozenset({"leakage_free"}),
        {"summary_chrf_ar": "the summary text changed", "summary_chrf_en": "the summary text changed"},
    ),
    "English text in an Arabic field": Mutation(english_text_in_an_arabic_field, frozenset({"script_purity"})),
    "a dropped entity": Mutation(drop_an_entity, frozenset({"entity_recall"})),
    "claims duplicated": Mutation(duplicate_claims, frozenset({"claim_precision"})),
    # one more for every metric the list above does not reach
    "the outlet dropped where the article writes it": Mutation(
        drop_the_outlet_where_it_is_written, frozenset({"channel_accuracy"})
    ),
    "an invented entity": Mutation(invent_an_entity, frozenset({"entity_precision"})),
    "a dropped key fact": Mutation(drop_a_key_fact, frozenset({"key_fact_recall"})),
    "'more than 1200' turned exact": Mutation(lose_a_qualifier, frozenset({"qualifier_accuracy"})),
    "English statements of two claims swapped": Mutation(
        swap_two_english_statements, frozenset({"bilingual_parity", "anchor_parity", "claim_support"})
    ),
    "an unrelated headline": Mutation(
        replace_the_headline, frozenset({"headline_chrf_ar", "headline_chrf_en", "headline_content"})
    ),
    "a summary about something else": Mutation(
        summary_about_something_else,
        frozenset({"summary_chrf_ar", "summary_chrf_en", "summary_content", "summary_support"}),
    ),
    "a subheading cited as evidence": Mutation(cite_a_subheading, frozenset({"grounding_rate"})),
}


@pytest.fixture(scope="module")
def gold_scores(seed_sample) -> dict[str, float | None]:
    return values(seed_sample, seed_sample.gold_brief)


def test_gold_brief_scores_perfectly_against_itself(gold_scores) -> None:
    assert set(gold_scores) == set(METRIC_NAMES)
    assert gold_scores == {name: 1.0 for name in METRIC_NAMES}


def test_every_metric_is_caught_by_some_mutation() -> None:
    from .test_meaning_mutations import MEANING_MUTATIONS

    caught = set().union(*(m.catches for m in MUTATIONS.values()))
    caught |= set().union(*(m.catches for m in MEANING_MUTATIONS.values()))
    assert caught == set(METRIC_NAMES) - {"schema_validity"}  # its own test: test_output_that_is_not_a_brief...


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_planted_defect_lowers_its_metric_and_leaves_unrelated_metrics_unchanged(
    name, seed_sample, gold_brief, gold_scores
) -> None:
    mutation = MUTATIONS[name]
    before = gold_scores
    mutation.plant(gold_brief)
    after = values(seed_sample, gold_brief)
    for metric in mutation.catches:
        assert after[metric] is not None and after[metric] < before[metric], f"{name} went unnoticed by {metric}"
    unrelated = set(METRIC_NAMES) - mutation.catches - set(mutation.may_move)
    moved = {m: (before[m], after[m]) for m in unrelated if after[m] != before[m]}
    assert not moved, f"{name} also moved unrelated metrics: {moved}"


def test_output_that_is_not_a_brief_scores_zero_validity_and_leaves_the_rest_unscored(seed_sample) -> None:
    scores = values(seed_sample, None, "the model answered with prose")
    assert scores["schema_validity"] == 0.0
    assert all(scores[m] is None for m in METRIC_NAMES if m != "schema_validity")
