"""The catalogue of lines that are not the story, and how each kind is recognised.

A news page carries far more than its story: menus and breadcrumbs, the headline, bylines
and datelines, publication and update times, share and subscribe prompts, photo captions and
credits, tag lists, "read also" links and the teasers after them, comment-form notices,
loading placeholders, copyright notices and disclaimers. None of it may become a claim. Each
kind has a reason label, shown to the model in place of the line and in the HTML view.

`line_kind(line)` looks only at the content of one line and recognises the kinds whose
wording gives them away wherever they stand. Some wordings are furniture only at the edges of
a page (a disclaimer that "the site bears no responsibility" reads like a sentence):
`edge_kind(line)` recognises those, and `segment` applies it only to lines before the first
or after the last story paragraph. Position decides the rest (see `segment.py`): a short line
without final punctuation is a section label before the story, a subheading inside it, a
teaser after it. No rule looks at length alone.
"""

from __future__ import annotations

import re
from enum import StrEnum
from itertools import islice

from ahocorasick import Automaton

from .arabic import normalize


class SentenceKind(StrEnum):
    """What a line is, as far as the story is concerned."""

    STORY = "story"
    HEADLINE = "headline"
    TITLE = "headline"  # the earlier name of HEADLINE
    SUBHEADING = "subheading"
    RELATED = "related"
    BYLINE = "byline"
    TIMESTAMP = "timestamp"
    SECTION = "section"
    SHARE = "share"
    LEGAL = "legal"
    CAPTION = "caption"
    TAGS = "tags"
    COMMENTS = "comments"
    PLACEHOLDER = "placeholder"
    INSTRUCTION = "instruction"


# The reason each kind is not citable, as the model and the reader of the HTML view see it.
REASONS: dict[SentenceKind, str] = {
    SentenceKind.HEADLINE: "the page's headline: may guide the brief's headline, never a source of claims",
    SentenceKind.SUBHEADING: "subheading",
    SentenceKind.RELATED: "link to another article",
    SentenceKind.BYLINE: "byline or dateline",
    SentenceKind.TIMESTAMP: "publication or update time, reading time or view count",
    SentenceKind.SECTION: "breadcrumb, menu or section label",
    SentenceKind.SHARE: "share, follow or subscribe prompt",
    SentenceKind.LEGAL: "copyright notice or disclaimer",
    SentenceKind.CAPTION: "photo caption or credit",
    SentenceKind.TAGS: "tag list",
    SentenceKind.COMMENTS: "comment-form notice",
    SentenceKind.PLACEHOLDER: "loading placeholder or empty widget",
    SentenceKind.INSTRUCTION: "text addressed to a machine, not part of the story",
}

TERMINAL = tuple(".!?؟…:\"'”»)")  # a line ending in one of these reads as finished prose


def _alt(*phrases: str) -> str:
    return "|".join(re.escape(normalize(p)) for p in phrases)


class _AnyPhrase:
    """Whether a text holds any of some phrases (normalized), found in one Aho-Corasick pass.

    The same test as searching the regex `_alt(*phrases)`, which tries every phrase at every
    position of the line: each line of every article is tested, so the difference counts.
    """

    def __init__(self, *phrases: str) -> None:
        self._automaton = Automaton()
        for phrase in phrases:
            self._automaton.add_word(normalize(phrase), phrase)
        self._automaton.make_automaton()

    def search(self, text: str) -> bool:
        return next(self._automaton.iter(text), None) is not None


# --- "read also" and the like: a marker, alone or followed by a colon and a link's title ----
RELATED_MARKERS = tuple(
    normalize(p)
    for p in (
        "من نفس التصنيف", "مواضيع مشابهة", "مواضيع ذات صلة", "اقرأ أيضا", "اقرأ أيضًا", "إقرأ أيضا",
        "اقرأ المزيد", "شاهد أيضا", "ذات صلة", "أخبار ذات صلة", "مقالات ذات صلة", "أخبار متعلقة",
        "الأكثر قراءة", "الأكثر مشاهدة", "الأكثر تداولا", "آخر الأخبار", "قد يهمك أيضا", "قد يهمك",
        "ننصحك بقراءة", "المزيد من الأخبار", "أخبار أخرى", "related", "read also", "read more",
        "see also", "most read", "more stories",
    )
)
_MARKER_ALONE = re.compile(r"^(?:" + "|".join(re.escape(m) for m in RELATED_MARKERS) + r")[\s:.…\-–»>]*$")
# A marker after the end of a sentence inside a story paragraph: everything from it on is a link.
# (Searched in normalized text, where «» and ”“ are already plain double quotes.)
INLINE_RELATED = re.compile(
    r"(?<=[.!?\"])\s+(?=(?:" + "|".join(re.escape(m) for m in RELATED_MARKERS if not m.isascii()) + r")\s*:)"
)

# --- publication and update times ------------------------------------------------------------
_MONTHS = (
    "يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر "
    "كانون الثاني شباط آذار اذار نيسان أيار ايار حزيران تموز آب اب أيلول ايلول تشرين الأول الاول "
    "جانفي فيفري أفريل افريل ماي جوان جويلية جويلة أوت اوت "
    "محرم صفر ربيع الآخر الاخر جمادى الأولى الاولى رجب شعبان رمضان شوال ذو القعدة الحجة "
    "january february march april may june july august september october november december"
)
_TIME_WORDS = (
    "الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت الموافق "
    "نشر نشرت في بتاريخ تاريخ النشر آخر اخر تحديث تم التحديث محدث منذ قبل ساعة ساعتين ساعات دقيقة "
    "دقيقتين دقائق ثانية ثوان يوم يومين أيام قراءة للقراءة وقت مدة القراءة الساعة على العدد م ص هـ ه "
    "مساء صباحا ظهرا توقيت غرينتش مكة date updated update published posted min mins minute minutes "
    "read am pm gmt utc hour hours ago jan feb mar apr jun jul aug sep sept oct nov dec "
    "مشاهدة مشاهدات المشاهدات عدد القراءات قراءات views view بتوقيت "
    "gst ast eet eest cet cest est edt bst ist msk trt"
)
_TIME_VOCAB = frozenset(normalize(w) for w in (_MONTHS + " " + _TIME_WORDS).split())
_TOKEN = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_CLOCK_WORDS = ("منذ", "ago", "قراءه", "read")

# --- share, follow, subscribe; page tools ---------------------------------------------------------
_SHARE_VOCAB = frozenset(
    normalize(w)
    for w in (
        "شارك شاركوا مشاركة المشاركة الخبر المقال عبر على فيسبوك فيس بوك تويتر إكس واتساب واتس اب "
        "تلغرام تيليجرام تليجرام لينكدإن لينكد إن انستغرام إنستغرام يوتيوب تيك توك سناب شات البريد "
        "الإلكتروني الالكتروني طباعة اطبع نسخ الرابط حفظ المفضلة حجم الخط تكبير تصغير أرسل لصديق "
        "facebook twitter x whatsapp telegram linkedin email e-mail print copy link share a"
    ).split()
)
_SHARE_START = re.compile(
    r"^(?:"
    + _alt(
        "تابعونا", "تابعوا آخر", "تابعوا أخبار", "تابعوا كل", "تابعنا على", "تابعنا عبر", "اشترك في", "اشتركوا",
        "اشترك الآن", "انضموا", "انضم إلى قناتنا", "انضم الى قناتنا", "حمل تطبيق", "حمّل تطبيق", "حملوا",
        "نزل تطبيق", "لإلغاء الاشتراك", "للاشتراك", "إذا لم تظهر", "اذا لم تظهر", "أرسل هذا", "ارسل هذا",
        "سجل الآن", "follow us", "subscribe", "sign up", "share this", "view in browser",
    )
    + r")"
)
_SHARE_WORD = re.compile(r"[^\s:|/،,.\-–]+")
_SHARE_ANYWHERE = _AnyPhrase("اضغط هنا", "قناتنا على", "تطبيقنا", "ليصلك كل", "لتصلك", "على بريدك الإلكتروني")

# --- copyright and disclaimers ----------------------------------------------------------------
_COPYRIGHT = re.compile("©|Ⓒ|\\(c\\) ?\\d{4}")
# A disclaimer's label, matched at the start of the line.
_DISCLAIMER_LABEL = re.compile(r"(?:" + _alt("إخلاء مسؤولية", "إخلاء المسؤولية", "تنويه", "disclaimer") + r")\s*:")
_RIGHTS_RESERVED = _AnyPhrase(
    "جميع الحقوق محفوظة", "كل الحقوق محفوظة", "كافة الحقوق محفوظة", "حقوق النشر محفوظة", "الحقوق محفوظة",
    "all rights reserved",
)
# Wordings that are a disclaimer at the edge of a page but could be news in the middle of one.
_EDGE_LEGAL = _AnyPhrase(
    "لا تعبر بالضرورة", "لا تعبر عن رأي", "لا يعبر عن رأي", "تعبر عن وجهة نظر", "يعبر عن وجهة نظر",
    "لا تتحمل", "لا يتحمل", "غير مسؤول", "المسؤولية عن صحة", "يمنع إعادة", "يمنع نسخ", "يحظر نشر",
    "يحظر نقل", "لا يجوز نسخ", "لا يجوز إعادة", "لا يسمح", "دون إذن", "دون ذكر المصدر", "نحترم خصوصيتك",
    "وصلتك هذه الرسالة", "مسؤولية قانونية", "بشرط ذكر المصدر", "شرط ذكر المصدر", "جميع حقوق النشر",
    "حقوق الطبع", "copyright",
)

# --- photo captions and credits -------------------------------------------------------------------
_CREDIT_AGENCIES = _alt(
    "رويترز", "أ ف ب", "ا ف ب", "أ.ف.ب", "فرانس برس", "الأناضول", "أسوشيتد برس", "د ب أ", "إ ب أ", "وكالات",
    "getty images", "getty", "afp", "reuters", "epa", "ap", "shutterstock", "أرشيف", "أرشيفية",
)
_CAPTION = re.compile(
    r"^(?:" + _alt("صورة", "الصورة", "الصور", "تصوير", "photo", "image", "credit", "مصدر الصورة", "التعليق على الصورة",
                 "تعليق الصورة", "image source", "image caption") + r")\s*[:,،]"
    r"|\(\s*(?:" + _alt("صورة", "الصورة", "ارشيفية", "أرشيفية", "تصوير") + r")"
    r"|" + _alt("صورة أرشيفية", "صورة ارشيفية") + r"|\s[-–]\s*" + _alt("تصوير", "بعدسة") + r"\b"
    r"|\(\s*(?:" + _CREDIT_AGENCIES + r")\s*\)\s*$"
)

# --- tag lists ----------------------------------------------------------------------------------------
_TAGS = re.compile(
    r"^(?:" + _alt("الكلمات المفتاحية", "كلمات مفتاحية", "الوسوم", "وسوم", "كلمات دلالية", "الكلمات الدلالية", "tags",
                 "المواضيع", "موضوعات", "تاغ") + r")\s*:"
)
_HASHTAG_LINE = re.compile(r"^(?:#\S+\s*){2,}$")

# --- comment forms ------------------------------------------------------------------------------
_COMMENTS_START = re.compile(
    r"^(?:" + _alt("التعليقات", "تعليقات", "أضف تعليق", "اضف تعليق", "أضف تعليقك", "اترك تعليق", "اترك تعليقا",
                 "اترك تعليقاً", "لا توجد تعليقات", "إرسال التعليق", "ارسال التعليق", "أرسل تعليقك", "comments",
                 "leave a comment", "add comment") + r")"
)
_COMMENTS_ANYWHERE = _AnyPhrase(
    "لن يتم نشر عنوان بريدك", "لن يتم نشر بريدك", "الحقول المطلوبة", "الحقول الإلزامية", "يجب تسجيل الدخول",
    "تعليقاتكم", "your email address will not be published", "required fields",
)

# --- loading placeholders and empty widgets -----------------------------------------------------
_PLACEHOLDER = re.compile(
    r"^(?:" + _alt("جاري التحميل", "جار التحميل", "يتم التحميل", "يتم تحميل", "جاري تحميل", "تحميل المزيد",
                 "تحميل", "إعلان", "اعلان", "advertisement", "loading", "no script", "no image", "noscript",
                 "please wait", "برجاء الانتظار") + r")[\s.…]*(?:\S+[\s.…]*)?$"
)

# --- bylines and datelines ------------------------------------------------------------------------
_AGENCIES = _alt(
    "واس", "وام", "كونا", "واج", "قنا", "بنا", "سانا", "وفا", "معا", "أ ش أ", "ا ش ا", "أ ف ب", "ا ف ب", "رويترز",
    "الأناضول", "وكالات", "العمانية", "بترا", "ومع", "سبأ", "وكالة", "الأناضول", "د ب أ", "أسوشيتد برس",
)
_BYLINE_START = re.compile(
    r"^(?:" + _alt("كتب", "كتبت", "بقلم", "بواسطة", "حاوره", "حاورته", "تقرير", "ترجمة", "إعداد", "اعداد", "تحرير",
                 "مراسل", "مراسلة", "المحرر", "by", "reporting by", "written by") + r")\b\s*:?"
)
_SOURCE_CREDIT = re.compile(r"^(?:" + _alt("المصدر", "المصادر", "source", "sources") + r")\s*:")
_PAREN_CREDIT = re.compile(
    r"^\((?:" + _alt("إعداد", "اعداد", "تحرير", "تغطية", "كتابة", "شارك في", "reporting by", "writing by", "editing by",
                    "additional reporting") + r")[^()]*\)$"
)
# "CITY - AGENCY", "CITY (AGENCY)" or "CITY: «OUTLET»" alone on its line
_DATELINE = re.compile(
    r"^[^\d.!?؟]{2,30}\s*(?:[-–—/]\s*(?:" + _AGENCIES + r")|\((?:" + _AGENCIES + r"|[^()]{1,12})\))\s*$"
)
_CITY_OUTLET = re.compile(r"^[^\d.!?؟:\s]+(?:\s[^\d.!?؟:\s]+)?\s*:\s*\"[^\"]{2,30}\"$")



_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")


def finished(line: str) -> bool:
    """Does the line end like finished prose (final punctuation, perhaps before a "(source)")?"""
    return _without_source(line.strip()).endswith(TERMINAL)


def sentence_final(line: str) -> bool:
    """Stricter than `finished`: the line ends a sentence with a stop (. ! ? ؟ …).

    The stop may stand inside closing quotes or before a "(source)"; a headline ending in a
    quote does not end a sentence.
    """
    return _without_source(line.strip()).rstrip("\"'”’»)]").endswith((".", "!", "?", "؟", "…"))


def _without_source(stripped: str) -> str:
    """The stripped line without a final "(source)", unless that is all there is."""
    if not stripped.endswith(")"):
        return stripped  # (what _TRAILING_PAREN needs to match: the line ends in ")")
    return _TRAILING_PAREN.sub("", stripped) or stripped


def _words(norm: str) -> list[str]:
    return norm.split()


def _is_timestamp(norm: str) -> bool:
    """Every word is a number or a word of dates and times, and a number or a word like "ago" tells a time."""
    has_clock = False
    for match in _TOKEN.finditer(norm):
        word = match.group()
        if not word.isdigit() and word not in _TIME_VOCAB:
            return False  # a story line stops here, at its first word or two
        has_clock = has_clock or word.isdigit() or word in _CLOCK_WORDS
    return has_clock


def _is_share(norm: str) -> bool:
    if _SHARE_START.search(norm):
        return True
    words = [match.group() for match in islice(_SHARE_WORD.finditer(norm), 9)]  # 9: more than 8 is enough to know
    if words and len(words) <= 8 and all(w in _SHARE_VOCAB or w in ("a-", "a+") for w in words):
        return True
    return len(_words(norm)) <= 30 and _SHARE_ANYWHERE.search(norm)


def _is_breadcrumb(line: str, norm: str) -> bool:
    if norm.startswith(normalize("الرئيسية")) and len(_words(norm)) <= 15:
        return True
    parts = [p for p in re.split(r"\s(?:»|›|>|/|\||<)\s", line.strip()) if p.strip()]
    return len(parts) >= 2 and all(len(p.split()) <= 4 for p in parts) and not line.rstrip().endswith(".")


def _is_legal(text: str) -> bool:
    return bool(_COPYRIGHT.search(text) or _DISCLAIMER_LABEL.match(text) or _RIGHTS_RESERVED.search(text))


def line_kind(line: str, norm: str | None = None) -> SentenceKind | None:
    """The furniture kind that this line's own wording gives away, or None.

    `norm` is `normalize(line)` when the caller has it already.
    """
    stripped = line.strip()
    norm = normalize(stripped) if norm is None else norm
    words = len(norm.split())
    if _MARKER_ALONE.match(norm) or (norm.startswith(RELATED_MARKERS) and ":" in norm[:40]):
        return SentenceKind.RELATED
    if _PLACEHOLDER.match(norm) and words <= 5:
        return SentenceKind.PLACEHOLDER
    if _is_timestamp(norm):
        return SentenceKind.TIMESTAMP
    if any(_is_legal(text) for text in (stripped, norm)):
        return SentenceKind.LEGAL
    if _EDGE_LEGAL.search(norm) and _PUBLICATION.search(norm) and not _REPORTING.search(norm):
        return SentenceKind.LEGAL  # a disclaimer about the site or its content, wherever it stands
    if _TAGS.match(norm) or _HASHTAG_LINE.match(stripped):
        return SentenceKind.TAGS
    if (_COMMENTS_START.match(norm) and words <= 12) or (words <= 30 and _COMMENTS_ANYWHERE.search(norm)):
        return SentenceKind.COMMENTS
    if _is_share(norm):
        return SentenceKind.SHARE
    if not finished(stripped) and words <= 25 and _CAPTION.search(norm):
        return SentenceKind.CAPTION
    if words <= 8 and not finished(stripped) and (_BYLINE_START.match(norm) or _DATELINE.match(norm)):
        return SentenceKind.BYLINE
    if words <= 6 and _CITY_OUTLET.match(norm) and not _REPORTING.search(norm.split(":")[0]):
        return SentenceKind.BYLINE  # «لندن: "الشرق الأوسط"», not «وقال: "لن نتراجع"»
    if words <= 8 and not finished(stripped) and _SOURCE_CREDIT.match(norm):
        return SentenceKind.BYLINE
    if words <= 20 and _PAREN_CREDIT.match(norm):
        return SentenceKind.BYLINE
    if words <= 25 and not stripped.endswith(".") and _is_breadcrumb(stripped, norm):
        return SentenceKind.SECTION
    return None


# A reporting verb makes a sentence news ("the company said it bears no responsibility").
_REPORTING = re.compile(
    r"(?:^|\s)(?:و|ف)?(?:" + _alt("قال", "قالت", "أضاف", "أضافت", "أكد", "أكدت", "أوضح", "أوضحت", "أعلن", "أعلنت",
                                 "ذكر", "ذكرت", "أشار", "أشارت", "صرح", "صرحت", "وفق", "وفقا", "بحسب", "حسب")
    + r")(?:\s|$)"
)


# A disclaimer speaks of the publication itself (or to its reader).
_PUBLICATION = _AnyPhrase(
    "الموقع", "الصحيفة", "الجريدة", "البوابة", "النشرة", "الموجز", "المحتوى", "المواد المنشورة", "هذه المادة",
    "هذا الخبر", "هذه الرسالة", "لأنك مشترك", "خصوصيتك", "بريدك",
)


def edge_kind(line: str, norm: str | None = None) -> SentenceKind | None:
    """A kind whose wording is furniture only after the story (disclaimers, reproduction rules)."""
    norm = normalize(line) if norm is None else norm
    if _EDGE_LEGAL.search(norm) and not _REPORTING.search(norm):
        return SentenceKind.LEGAL
    return None
