"""The model may flag numbered sentences as not part of the story; nothing may then rest on them."""

from __future__ import annotations

import copy

import pytest
from pydantic import ValidationError

from summarizer.grounding import Grounding, ground, problems
from summarizer.pipeline import Summarizer
from summarizer.schema import BriefDraft

from ..helpers import SEED_PATH, config_for


def test_a_claim_resting_on_a_sentence_the_model_flagged_is_sent_back(seed_article, seed_draft):
    seed_draft["not_story"] = ["S2"]
    with pytest.raises(ValidationError, match="rests on S2, which you marked as not part of the story"):
        Grounding(seed_article).validate(seed_draft)


def test_a_key_fact_resting_on_a_flagged_sentence_is_sent_back(seed_article, seed_draft):
    seed_draft["not_story"] = ["S3"]
    found = problems(seed_article, BriefDraft.model_validate(seed_draft))
    assert any(p.startswith("key_facts[") and "S3" in p for p in found)


def test_a_headline_or_bullet_repeating_a_flagged_sentence_is_sent_back(seed_article, seed_draft):
    flagged = seed_article.by_id["S7"]
    seed_draft["not_story"] = ["S7"]
    seed_draft["summary"]["ar"][1] = flagged.text
    found = problems(seed_article, BriefDraft.model_validate(seed_draft))
    assert any(p.startswith("summary.ar[1] repeats S7") for p in found)


def test_flagging_an_id_that_does_not_exist_is_sent_back(seed_article, seed_draft):
    seed_draft["not_story"] = ["S99"]
    assert "not_story lists S99, which does not exist; list only IDs shown in the article" in problems(
        seed_article, BriefDraft.model_validate(seed_draft)
    )


def test_flags_nothing_rests_on_are_accepted_and_kept_in_the_brief(seed_article, seed_draft):
    seed_draft["not_story"] = ["S8", "S8", "P1"]
    brief = ground(seed_article, BriefDraft.model_validate(seed_draft))
    assert brief.not_story == ["S8", "P1"]


def test_the_pipeline_reasks_until_nothing_rests_on_a_flagged_sentence(fake_openai, step, seed_draft):
    flagged_and_cited = copy.deepcopy(seed_draft)
    flagged_and_cited["not_story"] = ["S11"]
    honest = copy.deepcopy(flagged_and_cited)
    honest["claims"] = [c for c in honest["claims"] if all(q["sentence_id"] != "S11" for q in c["evidence"])]
    with fake_openai([step.brief(flagged_and_cited), step.brief(honest)]) as server:
        with Summarizer(config_for(server)) as summarizer:
            brief = summarizer.summarize(SEED_PATH.read_text(encoding="utf-8"))
    assert brief.metadata.reasks == 1 and brief.not_story == ["S11"]
    assert all(span.sentence_id != "S11" for claim in brief.claims for span in claim.evidence)
