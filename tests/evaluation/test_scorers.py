"""What individual scorers accept and refuse: digits, dates, aliases, scripts, leaks, unscorable cases."""

from __future__ import annotations

import pytest

from summarizer.evaluation.names import Lexicon, name_similarity
from summarizer.evaluation.scorers import score_brief
from summarizer.evaluation.scorers.attribution import resolve_source
from summarizer.evaluation.scorers.base import Context
from summarizer.evaluation.scorers.chrf import chrf, signature
from summarizer.evaluation.scorers.entities import match_entity
from summarizer.evaluation.scorers.numbers import dates_in, no_invented_years, number_fidelity, numbers_in
from summarizer.labels import ActorType, Channel
from summarizer.schema import Entity, Source


def _score(sample, brief, name):  # type: ignore[no-untyped-def]
    return score_brief(sample, brief)[name]


def test_arabic_indic_and_western_digits_and_thousands_separators_are_the_same_number() -> None:
    assert numbers_in("أكثر من ١٢٠٠ شخص") == numbers_in("more than 1,200 people") == numbers_in("١٬٢٠٠") == ["1200"]


def test_dates_are_read_in_english_and_in_both_arabic_month_systems() -> None:
    assert dates_in("began on 13 July").day_months == {(13, 7)}
    assert dates_in("July 13th").day_months == {(13, 7)}
    assert dates_in("في 13 يوليو").day_months == dates_in("في ١٣ تموز").day_months == {(13, 7)}
    assert dates_in("صباح الجمعة (الخميس)").weekdays == {5, 4}
    assert dates_in("you may go").months == set()


def test_a_date_the_article_does_not_have_lowers_number_fidelity(seed_sample, gold_brief) -> None:
    gold_brief.claims[8].statement.en = gold_brief.claims[8].statement.en.replace("13 July", "13 June")
    score = number_fidelity(Context(seed_sample, gold_brief))
    assert score.value < 1.0 and "the article names no June" in score.explanation


def test_a_weekday_the_article_does_not_name_lowers_number_fidelity(seed_sample, gold_brief) -> None:
    gold_brief.headline.en += " on Wednesday"
    assert "no Wednesday" in number_fidelity(Context(seed_sample, gold_brief)).explanation


def test_a_year_written_in_arabic_indic_digits_is_still_an_invented_year(seed_sample, gold_brief) -> None:
    gold_brief.summary.ar[4] = gold_brief.summary.ar[4].replace("12 يوليو", "12 يوليو ٢٠٢٥")
    score = no_invented_years(Context(seed_sample, gold_brief))
    assert score.value == 0.0 and "2025" in score.explanation


def test_sources_resolve_through_their_accepted_names_in_either_language(seed_sample) -> None:
    gold = seed_sample.gold

    def resolve(ar, en, kind=ActorType.ANONYMOUS):  # type: ignore[no-untyped-def]
        return resolve_source(gold, Source(name_ar=ar, name_en=en, type=kind))[0]

    assert resolve("مصدر دبلوماسي رفيع المستوى", "a high-ranking diplomatic source") == "senior_diplomatic_source"
    assert resolve("مصدر اخر", "some other source") == "another_source"  # Arabic matches after normalization
    assert resolve("معاريف", "Ma'ariv", ActorType.MEDIA) == "maariv"
    assert resolve(None, "the article", ActorType.NARRATION) == "narration"
    assert resolve("مسؤول رفيع", "a senior official") is None


def test_entities_match_by_accepted_english_spelling_or_by_the_arabic_name(seed_sample) -> None:
    gold = seed_sample.gold
    spelled = Entity(name_ar="الشيبانى", name_en="As'ad al-Shibani", type=ActorType.PERSON, role_en=None)
    titled = Entity(
        name_ar="وزير الخارجية السوري أسعد الشيباني", name_en="Syria's foreign minister", type=ActorType.PERSON, role_en=None
    )
    assert match_entity(gold, spelled).id == match_entity(gold, titled).id == "shaibani"
    assert match_entity(gold, Entity(name_ar="تل أبيب", name_en="Tel Aviv", type=ActorType.LOCATION, role_en=None)) is None


def test_mentions_follow_arabic_clitics_and_english_word_starts() -> None:
    lexicon = Lexicon(
        forms_ar={"syria": ["سوري"], "us": ["أمريك"]}, forms_en={"syria": ["Syria"], "us": ["US", "America"]}
    )
    assert lexicon.mentions("وزير الخارجية السوري", "ar") == {"syria"}
    assert lexicon.mentions("the Syrian minister", "en") == {"syria"}
    assert lexicon.mentions("told us about America's plan", "en") == {"us"}
    assert lexicon.mentions("a US-sponsored meeting", "en") == {"us"}
    assert lexicon.mentions("it was used", "en") == set()


def test_name_similarity_ignores_articles_accents_and_apostrophes() -> None:
    assert name_similarity("the Maariv newspaper", ["Maariv newspaper"], "en") == 100
    assert name_similarity("Jean-Noel Barrot", ["Jean-Noël Barrot"], "en") == 100


def test_english_translation_of_a_related_article_line_is_leakage(seed_sample, gold_brief) -> None:
    gold_brief.claims[0].statement.en += " Italy called for the Gaza war to stop."
    score = _score(seed_sample, gold_brief, "leakage_free")
    assert score.value < 1.0 and "P2" in score.explanation


def test_arabic_text_in_an_english_field_is_impure(seed_sample, gold_brief) -> None:
    gold_brief.entities[0].name_en = "أسعد الشيباني"
    assert "only 0% of its letters are in English" in _score(seed_sample, gold_brief, "script_purity").explanation


def test_bullets_in_a_different_order_across_languages_break_parity(seed_sample, gold_brief) -> None:
    gold_brief.summary.en = list(reversed(gold_brief.summary.en))
    assert _score(seed_sample, gold_brief, "bilingual_parity").value < 1.0


def test_a_brief_without_entities_has_no_entity_precision_rather_than_zero(seed_sample, gold_brief) -> None:
    gold_brief.entities = []
    scores = score_brief(seed_sample, gold_brief)
    assert scores["entity_precision"].value is None and scores["entity_precision"].explanation.startswith(
        "cannot score"
    )
    assert scores["entity_recall"].value == 0.0


def test_a_wrong_channel_or_a_missing_via_is_a_channel_error(seed_sample, gold_brief) -> None:
    gold_brief.claims[26].attribution.channel = Channel.UNSPECIFIED  # G27: «أعلنت» is a statement
    gold_brief.claims[0].attribution.via_en = gold_brief.claims[0].attribution.via_ar = None  # G1: via France 24
    score = _score(seed_sample, gold_brief, "channel_accuracy")
    assert score.value == round(26 / 28, 4)
    assert "G27↔C27: gold statement via none, predicted unspecified" in score.explanation


def test_a_cue_written_with_its_conjunction_still_counts_as_the_cue(seed_sample, gold_brief) -> None:
    gold_brief.claims[2].attribution.cue_ar = "وذكر"  # G3: the rule says ذكر; the و is forgiven
    gold_brief.claims[5].attribution.cue_ar = "كما أضاف"
    assert _score(seed_sample, gold_brief, "cue_accuracy").value == 1.0
    gold_brief.claims[2].attribution.cue_ar = "أكد"
    assert _score(seed_sample, gold_brief, "cue_accuracy").value < 1.0


def test_chrf_is_sacrebleu_with_its_signature_and_sees_arabic() -> None:
    assert "version:" in signature() and signature().startswith("chrF2|")
    same = chrf("يُنتظر أن يُعقد اجتماع", "ينتظر ان يعقد اجتماع")  # diacritics and hamza do not count
    assert same.value == 1.0
    assert 0.0 < chrf("اجتماع في باريس", "اجتماع مرتقب في باريس").value < 1.0


@pytest.mark.parametrize("field", ["headline", "summary"])
def test_chrf_of_a_copy_is_perfect_and_of_other_text_is_low(seed_sample, gold_brief, field) -> None:
    scores = score_brief(seed_sample, gold_brief)
    assert scores[f"{field}_chrf_ar"].value == scores[f"{field}_chrf_en"].value == 1.0
