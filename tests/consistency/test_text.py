"""Words of texts as the checks compare them; joined texts have exactly the words of their parts."""

from __future__ import annotations

import random

from summarizer.consistency import text
from summarizer.consistency.text import (
    Forms,
    WordSet,
    ar_has_word,
    ar_stems,
    ar_word_tuple,
    ar_words,
    ar_words_with_stems,
    en_word_tuple,
    fold_forms,
    joined,
)

# Pieces whose edges could tempt a word across a boundary: digits with separators, diacritics,
# tatweel and invisible marks at the ends, Arabic-Indic digits, accents, apostrophes, whitespace.
PIECES = [
    "قال المصدر إن الاجتماع سيعقد 13",
    "يوليو المقبل.",
    "1.",
    "5 آلاف",
    "،٣",
    "ً",
    "قريبًا",
    "ـبحث",
    "\u200fالوزير\u200f",
    "  ",
    "",
    "...",
    "Dermer's visit",
    "s",
    "n't",
    "didn",
    "Café Beyrouth",
    "1,200",
    ",300",
    "ΑΣ",
    "Σ",
]


def test_a_joined_text_has_the_words_of_its_parts_in_order() -> None:
    rng = random.Random(5)
    for _ in range(400):
        parts = tuple(rng.choice(PIECES) for _ in range(rng.randint(2, 4)))
        text = joined(parts)
        plain = " ".join(parts)
        assert text == plain
        ar_word_tuple.cache_clear()
        en_word_tuple.cache_clear()
        from_parts = (ar_word_tuple(text), en_word_tuple(text))
        ar_word_tuple.cache_clear()
        en_word_tuple.cache_clear()
        assert from_parts == (ar_word_tuple(plain), en_word_tuple(plain)), parts


def test_one_part_is_the_text_itself() -> None:
    assert joined(("وقال مسؤول",)) == "وقال مسؤول"
    assert joined(()) == ""


def test_a_marker_is_found_under_any_stack_of_proclitics() -> None:
    forms = fold_forms(["قال", "الأمس"])
    assert isinstance(forms, Forms)
    assert ar_has_word(ar_word_tuple("المصدر فقال"), forms) == "فقال"
    assert ar_has_word(ar_word_tuple("وبالأمس وصل"), forms) == "وبالامس"
    assert ar_has_word(ar_word_tuple("للأمس ذكرى"), forms) == "للامس"  # لل = ل + ال
    assert ar_has_word(ar_word_tuple("قالب مقال"), forms) is None


def test_a_word_set_tests_each_word_once_and_answers_for_whole_texts(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tested: list[str] = []

    def is_digit(word: str) -> bool:
        tested.append(word)
        return word.isdigit()

    digits = WordSet(is_digit)
    assert digits.any_in(("قال", "13", "يوليو"))
    assert not digits.any_in(("قال", "يوليو"))
    assert sorted(tested) == ["13", "قال", "يوليو"]
    monkeypatch.setattr(text, "PER_WORD", 2)  # past its bound the set starts afresh, with the same answers
    assert not digits.any_in(("امس",))
    assert digits.any_in(("امس", "5"))
    assert not digits.any_in(())
    assert digits.positions(("قال", "5", "يوليو", "13")) == [1, 3]
    assert digits.positions(()) == []


# Whitespace of every kind, and characters folding drops or rewrites, next to and inside words.
_ODD = ["قال", "الوزير", "13", "٣", "٫", "٬", ".", ",", "ً", "ـ", "\u200f", "\u200b", "أ", "ة", "«", "»"]
_SPACES = [" ", "  ", "\n", "\t", "\u00a0", "\u2009", "\u3000", "\u2028", ""]


def test_the_words_of_a_text_are_those_of_its_folded_whole() -> None:
    """`ar_word_tuple` folds whitespace-separated pieces one by one: the same words as folding the text whole."""
    from summarizer.arabic import normalize

    rng = random.Random(11)
    for _ in range(2000):
        sample = "".join(rng.choice(_ODD) + rng.choice(_SPACES) for _ in range(rng.randint(0, 8)))
        ar_word_tuple.cache_clear()
        assert ar_word_tuple(sample) == tuple(text._AR_WORD.findall(normalize(sample))), repr(sample)


_ODD_EN = ["didn't", "can’t", "Café", "\u0301", "ΑΣ", "İ", "ﬁ", "²", "½", "¨", "1,200", "1.", "Dermer's", "US"]


def test_the_english_words_of_a_text_are_those_of_its_folded_whole() -> None:
    rng = random.Random(12)
    for _ in range(2000):
        sample = "".join(rng.choice(_ODD_EN) + rng.choice(_SPACES) for _ in range(rng.randint(0, 8)))
        en_word_tuple.cache_clear()
        assert en_word_tuple(sample) == tuple(text._EN_WORD.findall(text.en_fold(sample))), repr(sample)


def test_ar_words_with_stems_is_the_inverse_of_ar_stems():
    words = ar_words(
        "وبالأمس للقوات فلن والسلطات لللقاء كالمدينة وسيعقد فبالمعبر ولدمشق الليبية لليبيا للسلطات و ب ال لل"
    )
    stems = {stem for word in words for stem in ar_stems(word)} | {"ال", "لل", "ب"}
    for stem in stems:
        inverse = ar_words_with_stems([stem])
        assert all(stem in ar_stems(word) for word in inverse), stem
        assert all(word in inverse for word in words if stem in ar_stems(word)), stem
        # every word the inverse lists, with one more proclitic or one fewer, is still read right
        for word in inverse:
            for longer in (c + word for c in ("و", "ف", "ب", "ل", "ك", "س", "ال")):
                assert (stem in ar_stems(longer)) == (longer in inverse), (stem, longer)
    assert ar_words_with_stems(sorted(stems)) == set().union(*(ar_words_with_stems([stem]) for stem in stems))


def _stems_by_trying_every_stack(word: str) -> tuple[str, ...]:
    """`ar_stems` as its docstring defines it: every conjunction, then preposition, then article, tried."""
    forms = [word]

    def add(form: str) -> None:
        if len(form) >= 2 and form not in forms:
            forms.append(form)

    for conj in ("", *text._CONJUNCTIONS):
        if conj and not word.startswith(conj):
            continue
        a = word[len(conj) :]
        add(a)
        for prep in ("", *text._PREPOSITIONS):
            if prep and not a.startswith(prep):
                continue
            b = a[len(prep) :]
            add(b)
            if b.startswith("ال"):
                add(b[2:])
            if prep == "ل" and b.startswith("ل"):  # لل = ل + ال
                add("ال" + b[1:])
                add(b[1:])
    return tuple(forms)


def test_ar_stems_peels_the_same_stacks_as_trying_every_conjunction_preposition_and_article():
    rng = random.Random(7)
    letters = "وفبلكسالمنتيه"  # proclitic letters and the article, often stacked
    words = ["", "و", "ال", "لل", "وبالأمس", "للقوات", "فللسلطات", "كالمدينة", "وسيعقد", "لليبيا"]
    words += ["".join(rng.choice(letters) for _ in range(rng.randint(1, 8))) for _ in range(5000)]
    for word in words:
        assert ar_stems(word) == _stems_by_trying_every_stack(word), word
