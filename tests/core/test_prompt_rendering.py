"""The system prompt rendered once and given each article's boundary tag is the template's own rendering."""

from __future__ import annotations

from summarizer import prompts
from summarizer.segment import segment


def test_the_system_prompt_is_what_the_template_renders_for_the_articles_boundary():
    article = segment("قال الوزير إن المحادثات ستستأنف الشهر المقبل.\nوأضاف أن اللجنة ستجتمع في بغداد.")
    boundary = prompts.boundary_for(article)
    expected = prompts._environment().get_template("system.j2").render(prompts._context(boundary))
    assert prompts._system_parts() is not None  # the template only prints the tag
    assert prompts.render(article).system == expected
    assert f"<article-{boundary}>" in expected
