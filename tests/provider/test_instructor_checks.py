"""instructor's per-call check for async validators runs once per response-model class, still refusing what it refused."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from summarizer.provider import llm  # noqa: F401  importing it installs the per-class memory
from summarizer.provider.instructor_checks import per_class
from summarizer.provider.request import BRIEF_MODEL


class _Plain(BaseModel):
    text: str


def test_a_class_that_passed_the_check_is_not_walked_again():
    walked: list[object] = []
    check = per_class(walked.append)
    for _ in range(5):
        check(_Plain)
        check(list[_Plain])  # not a class: passed straight through each time
    assert walked.count(_Plain) == 1 and walked.count(list[_Plain]) == 5


def test_a_model_with_async_validators_is_refused_on_every_call():
    from instructor.v2.validation.async_validators import async_field_validator, reject_async_validators

    assert getattr(reject_async_validators, "__per_class__", False)  # the installed check is the memory

    class WithAsync(BaseModel):
        text: str

        @async_field_validator("text")
        async def check_text(cls, value: str) -> str:  # noqa: N805 - instructor's validator signature
            return value

    for _ in range(2):
        with pytest.raises(ValueError, match="async validators are not supported"):
            reject_async_validators(WithAsync)
    reject_async_validators(BRIEF_MODEL)
    reject_async_validators(BRIEF_MODEL)
