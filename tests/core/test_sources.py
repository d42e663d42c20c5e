"""Sources are written once in the draft and cited by number; the brief spells each one out per claim."""

from __future__ import annotations

import copy

import pytest
from pydantic import ValidationError

from summarizer.grounding import Grounding, ground
from summarizer.labels import ActorType
from summarizer.pipeline import Summarizer
from summarizer.schema import BriefDraft, Source, sources_for

from ..helpers import config_for


def test_ground_spells_out_each_claims_source_with_its_own_cue(seed_article, seed_draft) -> None:
    brief = ground(seed_article, Grounding(seed_article).validate(seed_draft))
    sources = {s["id"]: s for s in seed_draft["sources"]}
    for claim, written in zip(brief.claims, seed_draft["claims"], strict=True):
        source = sources[written["source"]]
        a = claim.attribution
        assert (a.source.name_ar, a.source.name_en, a.source.type.value) == (
            source["name_ar"], source["name_en"], source["type"]
        )
        assert (a.channel.value, a.via_ar, a.via_en) == (written["channel"], written["via_ar"], written["via_en"])
        assert (a.cue_ar, a.stance) == (written["cue_ar"], written["stance"])
    # the fixture cites one source from three claims, each with a different cue
    senior = [c for c in brief.claims if c.attribution.source.name_en == "a senior diplomatic source"]
    assert len({c.attribution.cue_ar for c in senior}) == 3
    assert len({id(c.attribution.source) for c in senior}) == len(senior)  # one Source per claim: editing one edits one


def test_a_claim_citing_a_source_that_is_not_listed_is_refused_with_the_listed_ids(seed_draft) -> None:
    seed_draft["claims"][2]["source"] = 9
    with pytest.raises(ValidationError, match=r"claims\[2\]\.source is 9, but sources only lists ids 1, 2, 3, 4"):
        BriefDraft.model_validate(seed_draft)


def test_two_sources_with_the_same_id_are_refused(seed_draft) -> None:
    seed_draft["sources"][1]["id"] = 1
    with pytest.raises(ValidationError, match="id 1 is used twice"):
        BriefDraft.model_validate(seed_draft)


def test_a_source_without_its_arabic_name_must_be_the_articles_narration(seed_draft) -> None:
    seed_draft["sources"][0]["name_ar"] = None
    with pytest.raises(ValidationError, match="a source has no name_ar"):
        BriefDraft.model_validate(seed_draft)


def test_the_narration_has_no_cue_and_a_cited_source_has_one(seed_draft) -> None:
    narration = next(i for i, c in enumerate(seed_draft["claims"]) if c["channel"] == "narration")
    seed_draft["claims"][narration]["cue_ar"] = "قال"
    with pytest.raises(ValidationError, match=rf"claims\[{narration}\]: a claim of the article's own voice has no cue"):
        BriefDraft.model_validate(seed_draft)
    seed_draft["claims"][narration]["cue_ar"] = None
    seed_draft["claims"][0]["cue_ar"] = None
    with pytest.raises(ValidationError, match=r"claims\[0\]: a claim with a cited source needs cue_ar"):
        BriefDraft.model_validate(seed_draft)


def test_every_field_is_written_even_when_it_is_null(seed_draft) -> None:
    del seed_draft["claims"][0]["via_ar"]
    with pytest.raises(ValidationError, match="via_ar"):
        BriefDraft.model_validate(seed_draft)


def test_sources_that_are_equal_share_one_entry() -> None:
    maariv = Source(name_ar="معاريف", name_en="Maariv", type=ActorType.MEDIA)
    narration = Source(name_ar=None, name_en="the article", type=ActorType.NARRATION)
    sources, ids = sources_for([maariv, narration, maariv.model_copy()])
    assert ids == [1, 2, 1]
    assert [s.name_en for s in sources] == ["Maariv", "the article"]
    assert sources[0].as_source() == maariv


def test_sources_with_the_same_key_share_one_entry_named_as_the_first() -> None:
    first = Source(name_ar="مصدر دبلوماسي", name_en="a diplomatic source", type=ActorType.ANONYMOUS)
    later = Source(name_ar="المصدر", name_en="the source", type=ActorType.ANONYMOUS)
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
