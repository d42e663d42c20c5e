"""Test doubles that ship with the package, kept apart from the product's modules.

`fake_openai` is a scripted OpenAI-compatible HTTP server for tests and benchmarks
(`python -m summarizer.testing.fake_openai`); nothing in the product imports it.
"""
