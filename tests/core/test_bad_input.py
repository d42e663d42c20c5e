"""Bad input: each kind gets its own typed error with a message naming the problem."""

from __future__ import annotations

import pytest

from summarizer import (
    ArticleTooLongError,
    BinaryInputError,
    EmptyArticleError,
    EncodingError,
    InputNotFoundError,
    NoStoryError,
)
from summarizer.article_input import check_text, decode_article, read_article
from summarizer.errors import UnsupportedTextError
from summarizer.pipeline import PROMPT_OVERHEAD_TOKENS, Summarizer, prepare

from ..helpers import SEED_PATH, assert_one_line_error, config_for, run_cli


@pytest.mark.parametrize(
    ("data", "error", "needle"),
    [
        (b"", EmptyArticleError, "is empty"),
        (b" \n\t\r\n ", EmptyArticleError, "only whitespace"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", BinaryInputError, "binary"),
        (bytes(range(1, 32)) * 20, BinaryInputError, "control characters"),
        (b"\xff\xfe\x00\x00", BinaryInputError, "binary"),
        ("مقال".encode("utf-16-le"), BinaryInputError, "binary"),
        (b"\xd8\xa7\xd9", EncodingError, "byte 2"),
        ("نص عربي".encode("cp1256"), EncodingError, "not valid UTF-8"),
    ],
    ids=["empty", "whitespace", "elf", "controls", "utf32-bom", "utf16", "truncated", "cp1256"],
)
def test_undecodable_or_empty_bytes_raise_typed_errors(data, error, needle):
    with pytest.raises(error, match=needle):
        decode_article(data)


def test_missing_file_and_directory_raise_input_not_found(tmp_path):
    with pytest.raises(InputNotFoundError, match="does not exist"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(InputNotFoundError, match="is a directory"):
        read_article(tmp_path)


def test_utf8_byte_order_mark_is_dropped_and_nothing_else_changes():
    text = SEED_PATH.read_text(encoding="utf-8")
    assert decode_article(b"\xef\xbb\xbf" + text.encode()) == text


def test_article_longer_than_the_context_names_its_size_and_the_limit(fake_openai):
    with fake_openai([]) as server:
        config = config_for(server, context_tokens=8192, max_tokens=1024)
    with pytest.raises(ArticleTooLongError) as info:
        prepare("خبر طويل جدا. " * 2000, config)
    assert info.value.size == len("خبر طويل جدا. " * 2000)
    assert info.value.limit == (8192 - 1024 - PROMPT_OVERHEAD_TOKENS) * 2
    assert f"{info.value.size:,}" in str(info.value) and f"{info.value.limit:,}" in str(info.value)


def test_cli_refuses_an_article_over_the_size_limit_in_one_line(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("هذا خبر طويل جدًا عن اجتماع في باريس.\n" * 2000, encoding="utf-8")
    result = run_cli("brief", str(path), env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"})
    assert_one_line_error(result, 2, "the limit for")


def test_article_of_only_boilerplate_has_no_story(fake_openai):
    text = "من نفس التصنيف: خبر آخر عن موضوع مختلف تماما\nمواضيع مشابهة: عنوان خبر ثالث لا علاقة له بالموضوع\nعنوان فرعي قصير"
    with fake_openai([]) as server:
        with pytest.raises(NoStoryError, match="no story text"):
            prepare(text, config_for(server))


def test_english_article_still_gets_a_bilingual_brief_with_its_language_recorded(fake_openai, step):
    text = "The health ministry opened a new 200-bed hospital in Homs on Monday, an official statement said.\n"
    draft = {
        "headline": {"ar": "افتتاح مستشفى جديد في حمص", "en": "New hospital opens in Homs"},
        "summary": {
            "ar": ["افتتحت وزارة الصحة مستشفى في حمص.", "يضم المستشفى 200 سرير.", "جاء ذلك في بيان رسمي."],
            "en": ["The health ministry opened a hospital in Homs.", "It has 200 beds.", "An official statement said so."],
        },
        "sources": [{"id": 1, "name_ar": "بيان رسمي", "name_en": "an official statement", "type": "government"}],
        "claims": [
            {
                "statement": {"ar": "افتتحت وزارة الصحة مستشفى بسعة 200 سرير في حمص.", "en": "The ministry opened a 200-bed hospital in Homs."},
                "source": 1,
                "channel": "statement",
                "via_ar": None,
                "via_en": None,
                "cue_ar": "said",
                "stance": "neutral",
                "status": "fact",
                "evidence": [{"sentence_id": "S1", "quote": "opened a new 200-bed hospital in Homs"}],
            }
        ],
        "entities": [],
        "key_facts": [],
    }
    with fake_openai([step.brief(draft)]) as server, Summarizer(config_for(server)) as summarizer:
        brief = summarizer.summarize(text)
    assert brief.metadata.detected_language == "en"
    assert brief.claims[0].evidence[0].quote == "opened a new 200-bed hospital in Homs"
    assert brief.headline.ar and brief.headline.en


def test_arabic_with_indic_digits_and_diacritics_grounds_quotes_written_plainly(fake_openai, step):
    text = "قُتِلَ أَكْثَرُ مِنْ ١٢٠٠ شَخْصٍ فِي ٱلسُّوَيْدَاءِ خِلَالَ أُسْبُوعٍ وَاحِدٍ، بِحَسَبِ مَصْدَرٍ طِبِّيٍّ.\n"
    draft = {
        "headline": {"ar": "مقتل أكثر من 1200 شخص في السويداء", "en": "More than 1,200 killed in Sweida"},
        "summary": {
            "ar": ["قتل أكثر من 1200 شخص.", "وقع ذلك في السويداء.", "استمر أسبوعا واحدا."],
            "en": ["More than 1,200 people were killed.", "It happened in Sweida.", "It lasted one week."],
        },
        "sources": [{"id": 1, "name_ar": "مصدر طبي", "name_en": "a medical source", "type": "anonymous"}],
        "claims": [
            {
                "statement": {"ar": "قتل أكثر من 1200 شخص في السويداء خلال أسبوع.", "en": "More than 1,200 people were killed in Sweida in a week."},
                "source": 1,
                "channel": "unspecified",
                "via_ar": None,
                "via_en": None,
                "cue_ar": "بحسب",
                "stance": "neutral",
                "status": "fact",
                "evidence": [{"sentence_id": "S1", "quote": "قتل اكثر من 1200 شخص في السويداء"}],
            }
        ],
        "entities": [],
        "key_facts": [
            {"kind": "number", "text_ar": "أكثر من 1200 شخص", "value": "1200", "qualifier": "more_than",
             "description_en": "people killed", "evidence": {"sentence_id": "S1", "quote": "أكثر من 1200 شخص"}}
        ],
    }
    with fake_openai([step.brief(draft)]) as server, Summarizer(config_for(server)) as summarizer:
        brief = summarizer.summarize(text)
    span = brief.claims[0].evidence[0]
    assert span.quote == text[span.start : span.end] == "قُتِلَ أَكْثَرُ مِنْ ١٢٠٠ شَخْصٍ فِي ٱلسُّوَيْدَاءِ"
    assert brief.key_facts[0].evidence.quote == "أَكْثَرُ مِنْ ١٢٠٠ شَخْصٍ"


# --- text with nothing to summarize is refused before any call (issue 15, item 7) ---------


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("\u064e\u064f\u0650\u0651\u0652 " * 20, "no letters"),  # diacritics only
        ("😀🎉🔥 👍👍 ✅" * 10, "no letters"),
        ("2024 - 15/03 ١٢٣٤ 99.5% (7)\n" * 5, "no letters"),
        ("ראש הממשלה הודיע היום על תוכנית חדשה לכלכלה.\nהשרים יתכנסו מחר.\n", "Hebrew"),
        ("Премьер-министр объявил сегодня о новом плане.\n", "Cyrillic"),
    ],
    ids=["diacritics-only", "emoji-only", "digits-only", "hebrew", "cyrillic"],
)
def test_text_without_arabic_or_latin_letters_is_refused_before_any_call(fake_openai, step, seed_draft, text,
                                                                         needle):
    with fake_openai([step.brief(seed_draft)]) as server, Summarizer(config_for(server)) as summarizer:
        with pytest.raises(UnsupportedTextError, match=needle):
            summarizer.summarize(text)
        assert server.calls == 0


def test_arabic_with_a_foreign_name_in_it_is_accepted():
    assert check_text("التقى الوزير بنظيره שלום في القدس يوم الاثنين وبحثا الوضع.")


def test_zero_width_characters_and_soft_hyphens_inside_words_do_not_stop_a_quote_matching(fake_openai, step):
    text = "قال وزير الص\u200bحة إن المستش\u00adفى الجديد في حمص سيفت\u2060ح أبوابه يوم الأحد.\n"
    draft = {
        "headline": {"ar": "مستشفى جديد في حمص سيفتح الأحد", "en": "New hospital in Homs will open on Sunday"},
        "summary": {
            "ar": ["قال وزير الصحة إن مستشفى سيفتح.", "سيفتح المستشفى في حمص.", "سيفتح يوم الأحد."],
            "en": ["The health minister said a hospital will open.", "It will open in Homs.", "It will open on Sunday."],
        },
        "sources": [{"id": 1, "name_ar": "وزير الصحة", "name_en": "the health minister", "type": "official"}],
        "claims": [
            {
                "statement": {"ar": "المستشفى الجديد في حمص سيفتح يوم الأحد.", "en": "The new hospital in Homs will open on Sunday."},
                "source": 1,
                "channel": "statement",
                "via_ar": None,
                "via_en": None,
                "cue_ar": "قال",
                "stance": "neutral",
                "status": "expected",
                "evidence": [{"sentence_id": "S1", "quote": "وزير الصحة إن المستشفى الجديد في حمص سيفتح أبوابه"}],
            }
        ],
        "entities": [],
        "key_facts": [],
    }
    with fake_openai([step.brief(draft)]) as server, Summarizer(config_for(server)) as summarizer:
        brief = summarizer.summarize(text)
    span = brief.claims[0].evidence[0]
    assert span.quote == text[span.start : span.end]
    assert span.quote.startswith("وزير الص\u200bحة") and span.quote.endswith("سيفت\u2060ح أبوابه")
