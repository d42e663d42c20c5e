"""One response model for every article: the article travels as grounding state, not as a class.

Each article's request lists its own citable IDs; validation checks the article given as
pydantic context; `ground` re-checks any draft not accepted under that same article.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from summarizer.config import OutputMode, ProviderConfig
from summarizer.errors import GroundingError
from summarizer.grounding import GroundedDraft, Grounding, ground
from summarizer.pipeline import prepare
from summarizer.schema import BriefDraft
from summarizer.segment import segment

OTHER = "قال الوزير إن الاجتماع سيعقد غدا في القاهرة.\nوأضاف أن الوفد سيضم خمسة أعضاء من الحكومة.\n"
CONFIG = ProviderConfig(model="m", base_url="http://127.0.0.1:9/v1", api_key="k", mode=OutputMode.TOOLS)


def _sentence_ids(text: str) -> list[str]:
    from summarizer.provider import llm

    prepared = prepare(text, CONFIG)
    request = llm.brief_request(CONFIG, prepared.prompt, prepared.grounding)
    return request["tools"][0]["function"]["parameters"]["$defs"]["Quote"]["properties"]["sentence_id"]["enum"]


def test_each_articles_request_lists_its_own_sentence_ids(seed_text, seed_article) -> None:
    assert _sentence_ids(OTHER) == ["S1", "S2"]
    assert _sentence_ids(seed_text) == [s.id for s in seed_article.citable]


def test_citing_a_sentence_that_does_not_exist_is_sent_back_as_an_instruction(seed_article, seed_draft) -> None:
    seed_draft["claims"][0]["evidence"][0]["sentence_id"] = "S99"
    with pytest.raises(ValidationError, match="sentence S99 does not exist; cite one of the listed sentence IDs"):
        Grounding(seed_article).validate(seed_draft)


def test_a_draft_accepted_for_one_article_is_checked_again_for_another(seed_article, seed_draft) -> None:
    grounding = Grounding(seed_article)
    draft = grounding.validate(seed_draft)
    assert grounding.accepted is draft
    assert ground(grounding, draft).claims
    with pytest.raises(GroundingError):
        ground(segment(OTHER), draft)


def test_without_an_article_in_context_validation_checks_structure_and_ground_checks_content(
    seed_article, seed_draft
) -> None:
    seed_draft["claims"][0]["evidence"][0]["quote"] = "اجتماع سري في لندن"
    draft = GroundedDraft.model_validate(seed_draft)
    with pytest.raises(GroundingError, match="not grounded"):
        ground(seed_article, draft)


def test_instructor_takes_the_brief_model_as_is_and_wraps_any_other_model_once() -> None:
    import instructor
    from instructor.processing import handle_response_model
    from instructor.v2.core.response_model import prepare_response_model

    from summarizer.provider import llm

    # Built on instructor's own base, so instructor takes it as is instead of wrapping it per request.
    assert issubclass(llm.BRIEF_MODEL, instructor.ResponseSchema) and issubclass(llm.BRIEF_MODEL, GroundedDraft)
    assert llm.instructor_model(llm.BRIEF_MODEL) is llm.BRIEF_MODEL
    assert prepare_response_model(llm.BRIEF_MODEL) is llm.BRIEF_MODEL
    # Any other model is wrapped once, by instructor, and the wrapper is kept.
    wrapped = llm.instructor_model(BriefDraft)
    assert issubclass(wrapped, instructor.ResponseSchema) and issubclass(wrapped, BriefDraft)
    assert llm.instructor_model(BriefDraft) is wrapped
    assert handle_response_model(wrapped)[1] == handle_response_model(BriefDraft)[1]
