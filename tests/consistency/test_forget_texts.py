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


def test_forgetting_words_too_empties_the_word_sets_and_form_lists() -> None:
    from summarizer.consistency.numbers import _AR_STARTS
    from summarizer.consistency.status import _AR_CLAIM

    assert _AR_STARTS.positions(("قتل", "1200", "شخص")) == [1]
    _AR_CLAIM.has("زعم")
    forget_texts()  # per-word memories are kept with the per-word caches
    assert _AR_STARTS._seen and _AR_CLAIM._hits
    forget_texts(words=True)
    assert not _AR_STARTS._seen and not _AR_CLAIM._hits
