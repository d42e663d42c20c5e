"""How much memory the meaning checks' caches hold when they are full (a long batch's plateau).

`scale.py`'s fresh run is too short to fill the caches of `summarizer.consistency` (bounded
per text, per word, per brief), so its growth per article, extended to a million, would count
cache filling as if it never stopped. This runs the checks on drafts whose every statement and
whose article carry new words (random Arabic and English words), far more new words per article
than real news, until the caches are full, and prints the process's RSS growth as it goes: the
growth levels off at what full caches hold. No HTTP, no model.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import pkgutil
import random

from common import answer, machine, seed_text

import summarizer.consistency as consistency
from summarizer.article_input import check_text
from summarizer.consistency import check_draft
from summarizer.schema import BriefDraft
from summarizer.segment import segment

ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
LATIN = "abcdefghijklmnopqrstuvwxyz"


def caches() -> list[tuple[int, int]]:
    """(current size, bound) of every cache of the meaning checks."""
    found = {}
    for info in pkgutil.iter_modules(consistency.__path__):
        module = importlib.import_module(f"{consistency.__name__}.{info.name}")
        for value in vars(module).values():
            cache_info = getattr(value, "cache_info", None)
            if callable(cache_info):
                found[id(value)] = (cache_info().currsize, cache_info().maxsize or 0)
    return list(found.values())


def main() -> None:
    import psutil

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=4000)
    args = parser.parse_args()
    rng = random.Random(1)

    def word(letters: str) -> str:
        return "".join(rng.choice(letters) for _ in range(rng.randint(3, 8)))

    process, base, text = psutil.Process(), answer("gold"), seed_text()
    start = process.memory_info().rss
    print(f"cache bound: gold answer, every statement and article with new words, {machine()}")
    for i in range(args.articles + 1):
        article = segment(check_text(text + "\n" + " ".join(word(ARABIC) for _ in range(30)) + "."))
        draft = json.loads(json.dumps(base))
        for claim in draft["claims"]:
            claim["statement"]["ar"] = claim["statement"]["ar"].rstrip(".") + " " + word(ARABIC) + "."
            claim["statement"]["en"] = claim["statement"]["en"].rstrip(".") + " " + word(LATIN) + "."
        check_draft(article, BriefDraft.model_validate(draft))
        if i % 500 == 0:
            gc.collect()
            sizes = caches()
            full = sum(1 for size, bound in sizes if bound and size >= bound)
            print(f"  after {i:>5} articles: RSS +{(process.memory_info().rss - start) / 2**20:.0f} MB, "
                  f"{full} of {len(sizes)} caches full", flush=True)


if __name__ == "__main__":
    main()
