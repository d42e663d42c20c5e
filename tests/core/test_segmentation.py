"""Segmentation of the seed: stable IDs, exact offsets, non-story lines found and marked."""

from __future__ import annotations

from summarizer.segment import SentenceKind, segment

from ..helpers import SEED_PATH, SEED_SHA256


def test_seed_is_byte_identical_copy(seed_text: str) -> None:
    import hashlib

    assert hashlib.sha256(SEED_PATH.read_bytes()).hexdigest() == SEED_SHA256


def test_every_sentence_offset_round_trips_to_the_original_text(seed_article) -> None:
    for sentence in seed_article.sentences:
        assert seed_article.text[sentence.start : sentence.end] == sentence.text


def test_story_sentences_are_numbered_among_story_text_and_other_lines_by_role(seed_text: str, seed_article) -> None:
    assert [s.id for s in seed_article.citable] == [f"S{i}" for i in range(1, len(seed_article.citable) + 1)]
    assert [s.id for s in seed_article.non_story] == ["P1", "H1", "H2", "P2"]
    assert segment(seed_text).sentences == seed_article.sentences


def test_removing_a_furniture_line_does_not_renumber_the_story(seed_text: str, seed_article) -> None:
    related = seed_article.by_id["P1"]
    line_end = seed_text.index("\n", related.end) + 1
    without = segment(seed_text[: related.start] + seed_text[line_end:])
    assert [(s.id, s.text) for s in without.citable] == [(s.id, s.text) for s in seed_article.citable]
    assert [s.id for s in without.non_story] == ["H1", "H2", "P1"]


def test_both_related_article_lines_are_found(seed_article) -> None:
    related = [s for s in seed_article.sentences if s.kind is SentenceKind.RELATED]
    assert [s.text.split(":")[0] for s in related] == ["من نفس التصنيف", "مواضيع مشابهة"]


def test_both_subheadings_are_found(seed_article) -> None:
    subheadings = [s.text for s in seed_article.sentences if s.kind is SentenceKind.SUBHEADING]
    assert subheadings == ["لقاء إسرائيلي – سوري في باريس", "اجتماعات إسرائيلي فرنسية ألمانية بشأن إيران"]


def test_story_sentences_are_citable_and_non_story_lines_are_not(seed_article) -> None:
    assert all(s.citable == (s.kind is SentenceKind.STORY) for s in seed_article.sentences)
    assert len(seed_article.citable) == 11


def test_a_paragraph_with_several_sentences_is_split_with_exact_offsets() -> None:
    text = "قال الوزير إن الاجتماع مهم. وأضاف أنه سيعقد غدًا! هل سيحضر؟ نعم.\n\nسطر ثان هنا وهو طويل بما يكفي ليكون خبرًا."
    article = segment(text)
    assert [s.text for s in article.sentences[:4]] == ["قال الوزير إن الاجتماع مهم.", "وأضاف أنه سيعقد غدًا!", "هل سيحضر؟", "نعم."]
    for s in article.sentences:
        assert text[s.start : s.end] == s.text


def test_windows_line_endings_keep_offsets_exact() -> None:
    text = "السطر الأول من الخبر وهو جملة كاملة.\r\nمن نفس التصنيف: خبر آخر لا علاقة له\r\nالسطر الثالث من الخبر وهو جملة كاملة."
    article = segment(text)
    assert [s.kind for s in article.sentences] == [SentenceKind.STORY, SentenceKind.RELATED, SentenceKind.STORY]
    assert [s.id for s in article.sentences] == ["S1", "P1", "S2"]
    for s in article.sentences:
        assert text[s.start : s.end] == s.text


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(s.kind.value, s.flat) for s in segment(text).sentences]


PAGE = """الرئيسية > أخبار > اقتصاد
الحكومة تعلن خطة جديدة لدعم صغار المزارعين في المحافظات الجنوبية بقيمة ثلاثة مليارات خلال خمس سنوات
كتب: سامي علي
الأحد، 12 أكتوبر 2025 03:00 م
شارك الخبر:
أعلنت الحكومة اليوم خطة لدعم صغار المزارعين بقيمة ثلاثة مليارات.
وقال الوزير إن الخطة تبدأ الشهر المقبل.
اقرأ أيضاً
البنك المركزي يرفع أسعار الفائدة بنسبة نصف نقطة مئوية في اجتماعه الطارئ.
ورفض النواب.
الكلمات المفتاحية: الزراعة | الدعم
جميع الحقوق محفوظة للموقع 2025، ويحظر نقل أو اقتباس أي محتوى من الموقع دون الإشارة إلى المصدر الأصلي.
"""


def test_page_furniture_is_found_by_kind_and_the_story_stays_citable() -> None:
    kinds = _kinds(PAGE)
    assert [k for k, _ in kinds] == [
        "section", "headline", "byline", "timestamp", "share", "story", "story", "related", "related", "story",
        "tags", "legal",
    ]


def test_a_long_headline_stays_a_headline_and_is_never_citable() -> None:
    article = segment(PAGE)
    assert article.headline is not None and len(article.headline.text.split()) > 12
    assert not article.headline.citable and article.headline.id == "H1"


def test_the_teaser_after_a_read_also_marker_is_a_link_even_when_it_is_a_complete_sentence() -> None:
    teaser = next(s for s in segment(PAGE).sentences if s.text.startswith("البنك المركزي"))
    assert teaser.kind is SentenceKind.RELATED and not teaser.citable


def test_a_short_story_sentence_is_never_dropped() -> None:
    assert ("story", "ورفض النواب.") in _kinds(PAGE)


def test_a_disclaimer_at_the_end_is_furniture_but_the_same_words_reported_in_the_story_are_not() -> None:
    text = (
        "أعلنت الشركة تأجيل الرحلات بسبب العاصفة، وقالت إنها لا تتحمل مسؤولية قانونية عن التأخير.\n"
        "وأضاف البيان أن الرحلات تستأنف غدا.\n"
        "الآراء الواردة لا تعبر بالضرورة عن رأي الموقع، ولا يتحمل الموقع أي مسؤولية قانونية عن دقتها.\n"
    )
    assert [k for k, _ in _kinds(text)] == ["story", "story", "legal"]


def test_a_related_link_inside_a_story_paragraph_is_cut_off_from_it() -> None:
    text = "قال الوزير إن الفرق زارت 1200 مدرسة. اقرأ أيضا: وزير التعليم يعلن جدول الامتحانات\nوأضاف أن الحملة مستمرة.\n"
    article = segment(text)
    assert [(s.id, s.kind.value) for s in article.sentences] == [("S1", "story"), ("P1", "related"), ("S2", "story")]
    assert article.by_id["P1"].text.startswith("اقرأ أيضا")
    for s in article.sentences:
        assert text[s.start : s.end] == s.text


WRAPPED = """وزيرا خارجية البلدين يتفقان على استئناف المحادثات الحدودية الشهر
المقبل

عمّان (وكالة الشرق) – قال وزير الخارجية يوم الخميس إن بلاده ونظيرتها
اتفقتا على استئناف المحادثات الفنية بشأن ترسيم المنافذ الحدودية في
منتصف الشهر المقبل.

وأضاف الوزير أن اللجنة الفنية ستجتمع في بغداد أولا ثم في عمّان، وأن
الهدف هو الانتهاء من الخرائط قبل نهاية العام.
"""


def test_hard_wrapped_lines_are_joined_again_and_offsets_still_point_into_the_original() -> None:
    article = segment(WRAPPED)
    assert [(s.id, s.kind.value) for s in article.sentences] == [("H1", "headline"), ("S1", "story"), ("S2", "story")]
    assert article.by_id["S1"].flat.endswith("في منتصف الشهر المقبل.")
    for s in article.sentences:
        assert WRAPPED[s.start : s.end] == s.text


def test_guillemet_quotes_ellipses_and_abbreviations_do_not_end_a_sentence() -> None:
    text = (
        "وقال المدرب «لسنا في أفضل حالاتنا.. لكن النقاط أهم». وأضاف د. سمير أن الوضع \"صعب... لكنه ممكن\". "
        "واستحوذ الصندوق على حصة في Hartley Bros. Interactive الأمريكية. وانتهى الاجتماع."
    )
    assert [s.text for s in segment(text).sentences] == [
        "وقال المدرب «لسنا في أفضل حالاتنا.. لكن النقاط أهم».",
        "وأضاف د. سمير أن الوضع \"صعب... لكنه ممكن\".",
        "واستحوذ الصندوق على حصة في Hartley Bros. Interactive الأمريكية.",
        "وانتهى الاجتماع.",
    ]


def test_every_kind_that_is_not_story_has_a_reason_label() -> None:
    from summarizer.segment import REASONS

    assert {k for k in SentenceKind if k is not SentenceKind.STORY} == set(REASONS)


def test_a_known_headline_is_the_headline_whatever_it_looks_like() -> None:
    text = "هذا عنوان طويل ينتهي بنقطة كأنه جملة كاملة من جمل الخبر.\nوقال الوزير إن الاجتماع انتهى.\n"
    article = segment(text, headline="هذا عنوان طويل ينتهي بنقطة كأنه جملة كاملة من جمل الخبر.")
    assert [s.kind.value for s in article.sentences] == ["headline", "story"]


def test_a_source_in_parentheses_after_the_last_sentence_stays_with_it() -> None:
    text = "وأضاف أن الوزير سيبحث الملف الأسبوع المقبل. (فرانس برس)\n"
    assert [s.text for s in segment(text).sentences] == ["وأضاف أن الوزير سيبحث الملف الأسبوع المقبل. (فرانس برس)"]


def test_a_last_paragraph_without_a_stop_is_still_story() -> None:
    text = (
        "انفجار في مرفأ المدينة\n"
        "قتل عشرة أشخاص على الأقل في انفجار وقع صباح اليوم في مرفأ المدينة، بحسب الدفاع المدني.\n"
        "وقال شاهد: «سمعنا دويا هائلا»\n"
        "وتواصل فرق الإنقاذ البحث عن مفقودين\n"
    )
    assert [k for k, _ in _kinds(text)] == ["headline", "story", "story", "story"]


def test_view_counts_english_dates_and_source_credits_are_furniture_but_a_sentence_after_a_colon_is_not() -> None:
    from summarizer.furniture import line_kind

    assert line_kind("Updated: Oct 5, 2025 10:30 GMT") is SentenceKind.TIMESTAMP
    assert line_kind("عدد المشاهدات (839)") is SentenceKind.TIMESTAMP
    assert line_kind("المصدر: الجزيرة + وكالات") is SentenceKind.BYLINE
    assert line_kind("المصدر: قال إن الاجتماع انتهى.") is None


def test_a_list_inside_the_story_is_story_and_a_city_outlet_dateline_is_not() -> None:
    text = (
        "قالت السلطات إن الحكومة قررت إجراءات عاجلة بعد الفيضانات التي ضربت المدينة.\n"
        "- إجلاء أكثر من 3000 أسرة\n"
        "- إغلاق المدارس لمدة أسبوع\n"
        "وقال المحافظ: «لن نترك أحدا»\n"
        "دبي: «القناة العربية نت»\n"
    )
    assert [k for k, _ in _kinds(text)] == ["story", "story", "story", "story", "byline"]


def test_read_also_marker_with_dots_and_an_investment_disclaimer_are_furniture() -> None:
    from summarizer.furniture import line_kind

    assert line_kind("اقرأ أيضًا..") is SentenceKind.RELATED
    assert line_kind("إخلاء مسؤولية: المعلومات الواردة لأغراض إخبارية فقط ولا تعد نصيحة استثمارية.") is SentenceKind.LEGAL
    assert line_kind("مصدر الصورة، Getty Images") is SentenceKind.CAPTION
    assert line_kind("نشر في: 12 أكتوبر ,2025: 03:12 م GST آخر تحديث: 12 أكتوبر ,2025: 05:40 م GST") is SentenceKind.TIMESTAMP


def test_an_english_wire_credit_in_parentheses_is_a_byline() -> None:
    from summarizer.furniture import line_kind

    assert line_kind("(Reporting by Jane Doe in Amman; Editing by John Roe)") is SentenceKind.BYLINE
