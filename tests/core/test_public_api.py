"""The public API: what `summarizer` exports is importable, documented and typed."""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path

import pytest

import summarizer
from summarizer import Summarizer, summarize_many

from ..helpers import config_for


def test_every_exported_name_resolves():
    for name in summarizer.__all__:
        assert getattr(summarizer, name) is not None, name


def _documented_callables():
    for name in summarizer.__all__:
        value = getattr(summarizer, name)
        if inspect.isfunction(value):
            yield name, value
    for name, method in vars(Summarizer).items():
        if inspect.isfunction(method) and not name.startswith("_") and name != "asummarize_traced":
            yield f"Summarizer.{name}", method


@pytest.mark.parametrize(("name", "function"), list(_documented_callables()), ids=lambda v: v if isinstance(v, str) else "")
def test_exported_functions_have_google_style_docstrings(name, function):
    doc = inspect.getdoc(function) or ""
    if name in ("Summarizer.close", "Summarizer.aclose"):
        assert doc, name
        return
    assert "Args:" in doc, name
    assert "Returns:" in doc or "Yields:" in doc, name


def test_summarizer_class_documents_its_arguments_and_errors():
    doc = inspect.getdoc(Summarizer) or ""
    assert "Args:" in doc and "Raises:" in doc


def test_the_package_says_it_is_typed():
    assert (Path(summarizer.__file__).parent / "py.typed").is_file()


def test_summarize_many_accepts_strings_paths_and_id_text_pairs(tmp_path, fake_openai, step, seed_text, seed_draft):
    path = tmp_path / "from-a-file.txt"
    path.write_text(seed_text, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    articles = [seed_text, path, ("pair-id", seed_text), missing]

    async def run(server):  # type: ignore[no-untyped-def]
        async with Summarizer(config_for(server)) as s:
            return {r.id: r async for r in summarize_many(articles, s, concurrency=2)}

    with fake_openai([step.brief(seed_draft)]) as server:
        results = asyncio.run(run(server))
    assert sorted(results) == ["0", "from-a-file", "missing", "pair-id"]
    assert all(results[i].ok for i in ("0", "from-a-file", "pair-id"))
    assert "does not exist" in str(results["missing"].error)


def test_summarize_many_refuses_an_item_of_another_kind_naming_what_it_accepts(fake_openai, step, seed_draft):
    async def run(server):  # type: ignore[no-untyped-def]
        async with Summarizer(config_for(server)) as s:
            return [r async for r in summarize_many([b"bytes are not text"], s)]

    with fake_openai([step.brief(seed_draft)]) as server, pytest.raises(TypeError, match="an \\(id, text\\) pair"):
        asyncio.run(run(server))
