"""Who is to blame: the model's bad answer, the endpoint's fault, or a bug of ours.

The provider layer reads a failure from instructor's structured retry exception and from the
validators' typed errors, never from message text; an exception nobody expected is ours and
surfaces as an internal error (exit 70), not as the model's invalid output (exit 5).
"""

from __future__ import annotations

import asyncio
import copy

import pytest

from summarizer import GroundingError, InvalidOutputError, SummarizerError, grounding
from summarizer.cli import main
from summarizer.pipeline import Summarizer

from ..helpers import SEED_PATH, TEST_KEY, config_for


@pytest.fixture
def planted_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    """The grounding check itself is broken: it raises TypeError on any draft."""

    def broken(article: object, draft: object) -> list[str]:
        raise TypeError("planted bug in the grounding check")

    monkeypatch.setattr(grounding, "problems", broken)


def test_a_bug_in_the_grounding_check_is_raised_as_itself_and_not_reasked(
    fake_openai, step, seed_text, seed_draft, planted_bug
):
    with fake_openai([step.brief(seed_draft)]) as server, Summarizer(config_for(server)) as summarizer:
        with pytest.raises(TypeError, match="planted bug") as info:
            summarizer.summarize(seed_text)
    assert not isinstance(info.value, SummarizerError)
    assert server.calls == 1  # a bug of ours is not the model's to fix


def test_the_async_path_raises_the_same_bug_as_itself(fake_openai, step, seed_text, seed_draft, planted_bug):
    async def run() -> None:
        async with Summarizer(config_for(server)) as summarizer:
            await summarizer.asummarize(seed_text)

    with fake_openai([step.brief(seed_draft)]) as server:
        with pytest.raises(TypeError, match="planted bug"):
            asyncio.run(run())


def test_the_cli_reports_the_bug_as_an_internal_error_exit_70(
    fake_openai, step, seed_draft, planted_bug, monkeypatch, capsys
):
    with fake_openai([step.brief(seed_draft)]) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", TEST_KEY)
        monkeypatch.setenv("SUMMARIZER_MODEL", "fake-model")
        code = main(["brief", str(SEED_PATH)])
        err = capsys.readouterr().err
        assert code == 70, err
        assert "internal error: TypeError: planted bug" in err and "rerun with --debug" in err
        with pytest.raises(TypeError, match="planted bug"):  # --debug: the traceback is ours to read
            main(["--debug", "brief", str(SEED_PATH)])


def test_an_ungrounded_answer_carries_the_validators_problems_as_data(fake_openai, step, seed_text, seed_draft):
    bad = copy.deepcopy(seed_draft)
    bad["claims"][0]["evidence"][0]["quote"] = "اجتماع سري في لندن"
    with fake_openai([step.brief(bad)]) as server, Summarizer(config_for(server, max_reasks=1)) as summarizer:
        with pytest.raises(GroundingError) as info:
            summarizer.summarize(seed_text)
    error = info.value
    assert error.attempts == 2 and error.exit_code == 5
    assert error.problems and all(p.startswith("claims[0].evidence[0]: ") for p in error.problems)
    assert "اجتماع سري في لندن" in error.problems[0]


def test_an_answer_of_the_wrong_shape_is_invalid_output_naming_the_field(fake_openai, step, seed_text, seed_draft):
    bad = copy.deepcopy(seed_draft)
    del bad["headline"]
    with fake_openai([step.brief(bad)]) as server, Summarizer(config_for(server, max_reasks=0)) as summarizer:
        with pytest.raises(InvalidOutputError) as info:
            summarizer.summarize(seed_text)
    assert info.value.problems == ["headline: Field required"]
    assert str(info.value) == "no valid brief after 1 answer (0 reasks): headline: Field required"
