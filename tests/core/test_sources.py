"""Sources are written once in the draft and cited by number; the brief spells each one out per claim."""

from __future__ import annotations

import copy

import pytest
from pydantic import ValidationError

from summarizer.grounding import Grounding, ground
from summarizer.pipeline import Summarizer
from summarizer.schema import Attribution, BriefDraft, SourceType, sources_for

from ..helpers import config_for


def test_ground_spells_out_each_claims_source_with_its_own_cue(seed_article, seed_draft) -> None:
    brief = ground(seed_article, Grounding(seed_article).validate(seed_draft))
    sources = {s["id"]: s for s in seed_draft["sources"]}
    for claim, written in zip(brief.claims, seed_draft["claims"], strict=True):
        source = sources[written["source"]]
        a = claim.attribution
        assert (a.source_ar, a.source_en, a.source_type.value) == (source.get("name_ar"), source["name_en"], source["type"])
        assert (a.outlet_ar, a.outlet_en) == (source.get("outlet_ar"), source.get("outlet_en"))
        assert a.cue_ar == written.get("cue_ar")
    # the fixture cites one source from three claims, each with a different cue
    assert len({c.attribution.cue_ar for c in brief.claims if c.attribution.source_en == "a senior diplomatic source"}) == 3


def test_a_claim_citing_a_source_that_is_not_listed_is_refused_with_the_listed_ids(seed_draft) -> None:
    seed_draft["claims"][2]["source"] = 9
    with pytest.raises(ValidationError, match=r"claims\[2\]\.source is 9, but sources only lists ids 1, 2, 3, 4"):
        BriefDraft.model_validate(seed_draft)


def test_two_sources_with_the_same_id_are_refused(seed_draft) -> None:
    seed_draft["sources"][1]["id"] = 1
    with pytest.raises(ValidationError, match="id 1 is used twice"):
        BriefDraft.model_validate(seed_draft)


def test_a_source_without_its_arabic_name_must_be_the_articles_narration(seed_draft) -> None:
    del seed_draft["sources"][0]["name_ar"]
    with pytest.raises(ValidationError, match="source 1 has no name_ar"):
        BriefDraft.model_validate(seed_draft)
    seed_draft["sources"][0]["type"] = "narration"
    BriefDraft.model_validate(seed_draft)


def test_attributions_that_differ_only_in_their_cue_share_one_source() -> None:
    said = Attribution(source_ar="صحيفة معاريف", source_en="Maariv", source_type=SourceType.MEDIA_OUTLET, cue_ar="ذكرت")
    added = said.model_copy(update={"cue_ar": "أضافت"})
    other = Attribution(source_ar=None, source_en="the article", source_type=SourceType.NARRATION)
    sources, ids = sources_for([said, other, added])
    assert ids == [1, 2, 1]
    assert [s.name_en for s in sources] == ["Maariv", "the article"]
    assert sources[0].attribution("أضافت") == added


def test_attributions_with_the_same_key_share_one_source_named_as_the_first() -> None:
    first = Attribution(source_ar="مصدر دبلوماسي", source_en="a diplomatic source", source_type=SourceType.ANONYMOUS_SOURCE)
    later = Attribution(source_ar="المصدر", source_en="the source", source_type=SourceType.ANONYMOUS_SOURCE)
    sources, ids = sources_for([first, later], same=["diplomat", "diplomat"])
    assert ids == [1, 1] and [s.name_ar for s in sources] == ["مصدر دبلوماسي"]


def test_a_reask_names_the_unlisted_source_and_the_corrected_answer_is_accepted(
    fake_openai, step, seed_text, seed_draft
) -> None:
    wrong = copy.deepcopy(seed_draft)
    wrong["claims"][0]["source"] = 7
    with fake_openai([step.brief(wrong), step.brief(seed_draft)]) as server, Summarizer(config_for(server)) as s:
        brief = s.summarize(seed_text)
    assert brief.metadata.reasks == 1
    assert "claims[0].source is 7" in str(server.requests[1]["messages"][-1]["content"])
