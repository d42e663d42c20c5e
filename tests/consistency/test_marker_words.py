"""The one-word marker readers agree with the text readers on every word the checks meet.

The support check asks whether each word of a statement is a marker; it reads the word alone
(`marker_word_ar`, `marker_word_en`) instead of as a one-word text. Both must give the same
answer on every word of the annotated articles and of their golds, on hostile spellings, and
on texts that are not one folded word (which take the long way).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.consistency.status import (
    distanced_ar,
    distanced_en,
    future_ar,
    future_en,
    marker_word_ar,
    marker_word_en,
)
from summarizer.consistency.text import ar_word_tuple, en_word_tuple
from summarizer.evaluation.dataset import load_dataset

DATASETS = ("seed", "seed-second", "crossing", "devpages", "scheme2-cases", "scheme2-cases-second")
STRONG_READER = Path(__file__).parent.parent / "fixtures" / "strong_reader"


def _texts() -> tuple[list[str], list[str]]:
    arabic: list[str] = []
    english: list[str] = []
    for name in DATASETS:
        for sample in load_dataset(name).samples:
            arabic += [sentence.text for sentence in sample.article.sentences]
            draft = sample.gold_brief.model_dump(mode="json")
            arabic.append(json.dumps(draft, ensure_ascii=False))
            english.append(json.dumps(draft, ensure_ascii=False))
    for path in sorted(STRONG_READER.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        arabic.append(text)
        english.append(text)
    return arabic, english


ARABIC, ENGLISH = _texts()
AR_WORDS = sorted({word for text in ARABIC for word in ar_word_tuple(text)})
EN_WORDS = sorted({word for text in ENGLISH for word in en_word_tuple(text)})
AR_ODD = ["سيُعقد", "ومن المتوقع", "من المتوقع", "بحجة", "وبذريعة", "سياسة", "", " ", "مزعوم،", "قال:"]
EN_ODD = ["Expected", "won't", "didn't", "so called", "according to", "justified", "justify", "justifies", "Justify", "", "U.S.", "will,"]


def test_the_corpus_is_large_enough_to_mean_something() -> None:
    assert len(AR_WORDS) > 800 and len(EN_WORDS) > 800


@pytest.mark.parametrize("words", [AR_WORDS, AR_ODD], ids=["corpus", "odd"])
def test_an_arabic_word_is_a_marker_exactly_when_the_text_readers_say_so(words: list[str]) -> None:
    disagree = [w for w in words if marker_word_ar(w) != bool(future_ar(w) or distanced_ar(w))]
    assert not disagree
    assert any(marker_word_ar(w) for w in words)


@pytest.mark.parametrize("words", [EN_WORDS, EN_ODD], ids=["corpus", "odd"])
def test_an_english_word_is_a_marker_exactly_when_the_text_readers_say_so(words: list[str]) -> None:
    disagree = [w for w in words if marker_word_en(w) != bool(future_en(w) or distanced_en(w))]
    assert not disagree
    assert any(marker_word_en(w) for w in words)
