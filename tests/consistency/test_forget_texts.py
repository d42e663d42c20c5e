"""`forget_texts` empties the caches keyed by texts and keeps those keyed by single words."""

from __future__ import annotations

from summarizer.consistency import forget_texts
from summarizer.consistency.text import ar_stems, fold_ar


def test_forgetting_texts_empties_per_text_caches_and_keeps_per_word_caches() -> None:
    fold_ar("قال المصدر إن الاجتماع سيعقد اليوم")
    ar_stems("والمصدر")
    assert fold_ar.cache_info().currsize > 0 and ar_stems.cache_info().currsize > 0
    forget_texts()
    assert fold_ar.cache_info().currsize == 0
    assert ar_stems.cache_info().currsize > 0


def test_forgetting_words_too_empties_the_per_word_caches() -> None:
    ar_stems("والمصدر")
    assert ar_stems.cache_info().currsize > 0
    forget_texts(words=True)
    assert ar_stems.cache_info().currsize == 0
