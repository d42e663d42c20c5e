"""The system prompt rendered once and given each article's boundary tag is the template's own rendering."""

from __future__ import annotations

import pytest

from summarizer import prompts
from summarizer.segment import segment


@pytest.mark.parametrize("compact", [False, True], ids=["full", "compact"])
def test_the_system_prompt_is_what_the_template_renders_for_the_articles_boundary(compact: bool) -> None:
    article = segment("قال الوزير إن المحادثات ستستأنف الشهر المقبل.\nوأضاف أن اللجنة ستجتمع في بغداد.")
    boundary = prompts.boundary_for(article)
    expected = prompts._environment().get_template("system.j2").render(prompts._context(boundary, compact))
    assert prompts._system_parts(compact) is not None  # the template only prints the tag
    assert prompts.render(article, compact=compact).system == expected
    assert f"<article-{boundary}>" in expected


def test_the_compact_prompt_names_the_label_values_without_their_definitions_or_rules() -> None:
    article = segment("قال الوزير إن المحادثات ستستأنف الشهر المقبل.")
    full, compact = prompts.render(article), prompts.render(article, compact=True)
    assert "told_outlet" in compact.system and "Rules:" not in compact.system and "Rules:" in full.system
    assert len(compact.system) < len(full.system) / 3
    assert compact.version == full.version + "-compact" and compact.user == full.user
