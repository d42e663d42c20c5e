"""The per-article response model: built cheaply, yet each article gets its own IDs and its own checks."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from summarizer.errors import GroundingError
from summarizer.grounding import ground, response_model_for
from summarizer.segment import segment

OTHER = "قال الوزير إن الاجتماع سيعقد غدا في القاهرة.\nوأضاف أن الوفد سيضم خمسة أعضاء من الحكومة.\n"


def test_each_article_schema_lists_its_own_sentence_ids(seed_article) -> None:
    other = segment(OTHER)
    seed_ids = response_model_for(seed_article).model_json_schema()["$defs"]["Quote"]["properties"]["sentence_id"]
    other_ids = response_model_for(other).model_json_schema()["$defs"]["Quote"]["properties"]["sentence_id"]
    assert other_ids["enum"] == ["S1", "S2"]
    assert seed_ids["enum"] == [s.id for s in seed_article.citable]
    assert response_model_for(seed_article).model_json_schema() == response_model_for(seed_article).model_json_schema()


def test_citing_a_sentence_that_does_not_exist_is_sent_back_as_an_instruction(seed_article, seed_draft) -> None:
    seed_draft["claims"][0]["evidence"][0]["sentence_id"] = "S99"
    with pytest.raises(ValidationError, match="sentence S99 does not exist; cite one of the listed sentence IDs"):
        response_model_for(seed_article).model_validate(seed_draft)


def test_a_draft_checked_against_one_article_is_checked_again_for_another(seed_article, seed_draft) -> None:
    draft = response_model_for(seed_article).model_validate(seed_draft)
    assert ground(seed_article, draft).claims
    with pytest.raises(GroundingError):
        ground(segment(OTHER), draft)


def test_instructor_gets_its_own_schema_class_built_once_per_article(seed_article) -> None:
    import instructor
    from instructor.processing import handle_response_model

    from summarizer import llm

    model = response_model_for(seed_article)
    wrapped = llm.instructor_model(model)
    assert issubclass(wrapped, instructor.ResponseSchema) and issubclass(wrapped, model)
    assert llm.instructor_model(model) is wrapped and llm.instructor_model(wrapped) is wrapped
    assert llm.instructor_model(response_model_for(seed_article)) is not wrapped  # per article, not shared
    # Exactly the request instructor builds when handed the bare model.
    assert handle_response_model(wrapped)[1] == handle_response_model(model)[1]
