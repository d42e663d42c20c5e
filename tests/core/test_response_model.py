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



def test_instructor_gets_its_own_schema_class_built_once_per_article(seed_text, seed_article) -> None:
    import instructor
    from instructor.processing import handle_response_model
    from instructor.v2.core.response_model import prepare_response_model

    from summarizer.config import ProviderConfig
    from summarizer.pipeline import prepare
    from summarizer.provider import llm

    bare = response_model_for(seed_article)
    prepared = prepare(seed_text, ProviderConfig(model="m", base_url="http://127.0.0.1:9/v1", api_key="k"))
    model = prepared.response_model
    # Built on instructor's own base, so instructor takes it as is instead of wrapping it per request.
    assert issubclass(model, instructor.ResponseSchema) and llm.instructor_model(model) is model
    assert prepare_response_model(model) is model
    # Exactly the request instructor builds when handed the bare per-article model.
    assert handle_response_model(model)[1] == handle_response_model(bare)[1]
    # Any other model is wrapped once, by instructor, and the wrapper is kept.
    wrapped = llm.instructor_model(bare)
    assert issubclass(wrapped, instructor.ResponseSchema) and issubclass(wrapped, bare)
    assert llm.instructor_model(bare) is wrapped
    assert handle_response_model(wrapped)[1] == handle_response_model(bare)[1]
