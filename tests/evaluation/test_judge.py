"""The optional judge: one call per brief through the provider layer, every claim judged once."""

from __future__ import annotations

from summarizer.evaluation.harness import evaluate
from summarizer.evaluation.judge import Judge, item_ids
from summarizer.evaluation.systems import GoldSystem

from ..helpers import config_for


def _verdicts(brief, unsupported=()):  # type: ignore[no-untyped-def]
    return {
        "verdicts": [
            {"claim_id": i, "supported": i not in unsupported, "reason": "checked against the cited sentence"}
            for i in item_ids(brief)
        ]
    }


def test_faithfulness_is_the_share_of_claims_headline_and_bullets_the_judge_supports(fake_openai, step, seed_sample) -> None:
    brief = seed_sample.gold_brief
    with fake_openai([step.brief(_verdicts(brief, unsupported={"C2", "C9", "H"}))]) as server:
        with Judge(config_for(server, model="judge-model")) as judge:
            score = judge.score(seed_sample, brief)
        request = server.requests[0]
    assert score.value == round(31 / 34, 4)  # 28 claims, the headline and 5 bullets
    assert "C2" in score.explanation and "H:" in score.explanation and score.metadata["judge_model"] == "judge-model"
    prompt = request["messages"][1]["content"]
    assert "[C26]" in prompt and "[S11]" in prompt and "[P1]" not in prompt  # non-story lines are not shown
    assert f"[H] {brief.headline.en}" in prompt and f"[B5] {brief.summary.en[4]}" in prompt


def test_an_answer_that_skips_a_claim_is_sent_back_to_the_judge(fake_openai, step, seed_sample) -> None:
    brief = seed_sample.gold_brief
    partial = _verdicts(brief)
    partial["verdicts"] = partial["verdicts"][:-1]
    with fake_openai([step.brief(partial), step.brief(_verdicts(brief))]) as server:
        with Judge(config_for(server)) as judge:
            score = judge.score(seed_sample, brief)
        assert server.calls == 2
        assert "give a verdict for B5" in str(server.requests[1]["messages"])
    assert score.value == 1.0


def test_a_judge_that_fails_leaves_faithfulness_unscored(fake_openai, step, seed_sample) -> None:
    with fake_openai([step.error(401)]) as server:
        with Judge(config_for(server)) as judge:
            score = judge.score(seed_sample, seed_sample.gold_brief)
    assert score.value is None and "rejected the API key" in score.explanation


def test_judge_scores_only_the_model_and_appears_in_the_log(fake_openai, step, seed_sample) -> None:
    from summarizer.evaluation.dataset import load_dataset

    with fake_openai([step.brief(_verdicts(seed_sample.gold_brief))]) as server:
        with Judge(config_for(server)) as judge:
            log = evaluate(load_dataset(), GoldSystem(), judge=judge)
    sample = log.samples[0]
    assert sample.systems["model"].scores["faithfulness"].value == 1.0
    assert "faithfulness" not in sample.systems["baseline"].scores
    assert log.metric_versions["judge"].startswith("judge-")
