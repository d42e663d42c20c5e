r"""Lines of an article that address a language model instead of a reader (OWASP LLM01).

Segmentation marks such lines `instruction` (never cited, never shown to the model); this
module decides which. Attackers disguise instructions, so each line is first folded into
a canonical form that only detection sees (offsets are never taken from it):

* invisible characters removed (zero-width space, joiners, soft hyphen, bidi controls), so
  `ig\u200bnore` is `ignore`;
* NFKC, so full-width `ｉｇｎｏｒｅ`, ligatures and Arabic presentation forms become plain
  letters. NFKC is applied here only: it changes lengths, so offsets never come from it;
* confusables folded: Cyrillic and Greek letters that look Latin (`іgnоrе` with Cyrillic
  і, о, е) become the Latin letters they imitate;
* Arabic normalization (`arabic.normalize`: hamza and ya variants, diacritics, tatweel).

Patterns then look for a request addressed to a model: imperatives against earlier
instructions (English, Arabic, Persian, polite forms included), role prefixes, chat-template
tokens, fake delimiters, pasted JSON, and orders about what the summary must say. An
instruction split over two lines is caught by also reading each line together with the one
before it. Ordinary news about instructions ("the ministry issued new instructions to
hospitals", "'You are now free to go,' the judge said") is not a request to a model and must
not be flagged. Two labelled sets hold both kinds: `evals/injection/` (`python -m
summarizer.evaluation.injection` reports precision and recall; `holdout.jsonl` is never tuned
on) and `evals/devset/injection.yaml` (reported by `python -m summarizer.evaluation.devset`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .arabic import INVISIBLE, normalize

# Cyrillic and Greek letters drawn like Latin ones (Unicode confusables, the common subset).
_CONFUSABLES = str.maketrans(
    {
        **dict(zip("аеорсухіјѕԁһӏԛԝвкмнт", "aeopcyxijsdhlqwbkmht", strict=True)),
        **dict(zip("АВЕКМНОРСТХІЈЅ", "ABEKMHOPCTXIJS", strict=True)),
        **dict(zip("αβεικνοργτυχ", "abeiknopgtux", strict=True)),
        **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),
        "ı": "i",
        "ɡ": "g",
        "ℓ": "l",
    }
)
_INVISIBLE = {ord(c): None for c in INVISIBLE}


def fold(text: str) -> str:
    """The canonical form detection reads: invisibles gone, NFKC, confusables, Arabic-normalized, lowercase."""
    text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE)).translate(_CONFUSABLES)
    return normalize(text).casefold()


def _ar(*phrases: str, gap: str = r"\s+") -> str:
    """Arabic or Persian phrases as a regex alternation, folded like the text they are matched against."""
    return "(?:" + "|".join(gap.join(re.escape(word) for word in fold(p).split()) for p in phrases) + ")"


_EARLIER = r"(?:previous|prior|above|earlier|preceding|original|system|your)"
_RULES = r"(?:instructions?|prompts?|rules|directions|guidelines|commands|context)"
_SUMMARY = r"(?:summary|summaries|brief|output|answer|response|headline)"
_MODEL_EN = r"(?:ai|a\.i\.|llm|language model|assistant|chatbot|chatgpt|gpt|summari[sz]er|model|bot)"

# Imperatives (and, after a polite opener, the second person: "أرجو أن تتجاهل").
_AR_IGNORE = _ar("تجاهل", "تجاهلوا", "اهمل", "أهمل", "انس", "انسى", "لا تلتزم", "لا تتبع", "الغ", "ألغ", "تخط")
_AR_IGNORE_YOU = _ar("تتجاهل", "تتجاهلي", "تهمل", "تنسى", "تنس", "تلغي", "تتخطى")
# A clause starts: the line's start, punctuation, or the conjunction و glued to the verb.
_AR_CLAUSE = r"(?:^|[.!?,:;\-\s]\s*)(?<!عدم\s)(?<!بعدم\s)و?"
_AR_RULES = _ar("التعليمات", "تعليمات", "الأوامر", "أوامر", "القواعد", "التوجيهات", "الإرشادات", "ما سبق",
                "كل ما سبق", "ما قيل لك", "المهمة")
_AR_MODEL = _ar("النموذج", "نموذج لغوي", "النموذج اللغوي", "المساعد", "الذكاء الاصطناعي", "المساعد الذكي",
                "روبوت الدردشة", "أداة التلخيص", "الملخص الآلي", "الملخص")
_AR_POLITE = _ar("أرجو", "نرجو", "يرجى", "رجاء", "رجاءً", "من فضلك", "لو سمحت", "أطلب منك", "نطلب منك",
                 "المطلوب منك", "عليك أن", "يجب عليك")
_AR_WRITE = _ar("اكتب", "اكتبي", "اذكر", "أضف", "ضع", "قل", "أكد", "صرح", "أدرج", "أورد")
# Persian compound verbs are written with a space, a zero-width non-joiner (removed by `fold`) or nothing.
_FA_IGNORE = _ar("نادیده بگیر", "نادیده بگیرید", "فراموش کن", "فراموش کنید", "توجه نکن", "توجه نکنید", "اعتنا نکن",
                 gap=r"\s*")
_FA_RULES = _ar("دستورالعمل", "دستورات", "دستور", "قوانین", "قواعد", "راهنمایی", "آموزش", "تعلیمات")
_FA_POLITE = _ar("لطفا", "لطفاً", "خواهشمندیم", "خواهشمند است", "خواهش می کنم", gap=r"\s*")
_FA_WRITE = _ar("بنویس", "بنویسید", "اضافه کن", "اضافه کنید", "ذکر کن", "ذکر کنید", gap=r"\s*")
_FA_YOU = _ar("شما اکنون", "تو اکنون", "به عنوان یک مدل", "به عنوان مدل", "به عنوان دستیار", "خلاصه نکن",
              "در خلاصه بنویس", gap=r"\s*")

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in [
        # English: against earlier instructions, polite or not.
        ("en-ignore", rf"\b(?:ignore|disregard|forget|override|bypass|skip)\b.{{0,40}}\b{_EARLIER}\b.{{0,20}}\b{_RULES}\b"),
        ("en-ignore-all", r"\b(?:ignore|disregard|forget)\s+(?:all|everything|anything)\b.{0,30}\b(?:above|before|told|said|instructions?)\b"),
        ("en-role", r"(?:^|[.!?]\s+|[\[(<{\"'])\s*(?:system|assistant|developer|user)\s*(?:prompt|message)?\s*:"),
        # "you are now ..." only when what follows is a model's new role or mode, not "free to go".
        ("en-you-are", rf"\byou\s+are\s+(?:now\s+)?(?:an?\s+|the\s+)?{_MODEL_EN}\b|\bas\s+an?\s+{_MODEL_EN}\b"
         r"|\byou\s+are\s+now\s+(?:an?\s+\w+\s*$|an?\s+(?:\w+\s+)?(?:ai|assistant|bot)\b|in\s+[\w-]+\s+mode|dan\b"
         r"|unrestricted|unfiltered|uncensored|jailbroken|free\s+(?:of|from)\s+(?:all\s+|any\s+|your\s+)?(?:rules|restrictions|limits))"),
        ("en-address", rf"\b(?:attention|note|message|instruction|reminder)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?{_MODEL_EN}s?\b|\bdear\s+{_MODEL_EN}\b|\bhey\s+{_MODEL_EN}\b"),
        ("en-order", rf"\byour\s+{_SUMMARY}\s+(?:must|should|shall|has to|needs to)\s+\w+|\bthe\s+{_SUMMARY}\s+(?:must|should|shall)\s+(?:say|state|claim|read)\s+that\b"),
        ("en-write", rf"\b(?:write|state|say|report|add|include|insert|mention|claim)\b.{{0,30}}\b(?:in|to|into)\s+(?:the|your)\s+{_SUMMARY}\b"),
        ("en-do-not", r"\bdo\s+not\s+(?:summari[sz]e|mention|include|report|cite)\b|\bdon'?t\s+(?:summari[sz]e|mention)\b"),
        ("en-output-only", r"\b(?:output|respond|reply|answer|return)\s+(?:only|with only|nothing but|exactly)\b"),
        ("en-new-rules", r"\b(?:new|updated|real|actual|secret|hidden)\s+(?:system\s+)?(?:instructions|prompt)\s*(?::|follow|are\b)"),
        ("en-polite", r"\b(?:please|kindly|pls)\b.{0,20}\b(?:ignore|disregard|forget|override)\b"),
        # Markup and syntax no reader needs.
        ("chat-token", r"<\|[a-z_]+\|>|\[/?inst\]|<</?sys>>"),
        ("fake-tag", r"</?\s*(?:article|system|instructions?|im_start|im_end|prompt|context|user|assistant)(?:-[0-9a-f]*)?\s*>"),
        ("json", r"^\s*[\[{]\s*\"[a-z_]+\"\s*:"),
        ("fence", r"<<<|>>>|^\s*```"),
        # Arabic: ignore the rules, addressed to a model, polite requests, orders about the summary.
        ("ar-ignore", rf"{_AR_CLAUSE}{_AR_IGNORE}\s.{{0,40}}{_AR_RULES}"),
        ("ar-polite", rf"{_AR_POLITE}.{{0,40}}(?:{_AR_IGNORE}|{_AR_IGNORE_YOU}|{_AR_WRITE}\s.{{0,40}}(?:{_ar('الملخص', 'ملخصك', 'الموجز', 'العنوان', 'إجابتك', 'ردك')}))"),
        ("ar-polite-model", rf"{_AR_POLITE}\s*(?:{_ar('من', 'إلى', 'الى')})?\s*{_AR_MODEL}"),
        ("ar-address", rf"(?:{_ar('أيها', 'يا', 'عزيزي', 'إلى', 'الى', 'ملاحظة إلى', 'ملاحظة لـ', 'ملاحظة ل', 'تنبيه إلى', 'تنبيه لـ', 'رسالة إلى')})\s*{_AR_MODEL}"),
        ("ar-you-are", _ar("أنت الآن", "انت الان", "بصفتك نموذج", "بصفتك مساعد", "أنت نموذج", "أنت مساعد", "تصرف ك", "تصرف بصفتك")),
        ("ar-write-summary", rf"{_AR_WRITE}\s.{{0,50}}(?:{_ar('في الملخص', 'في ملخصك', 'إلى الملخص', 'في الموجز', 'في العنوان', 'في إجابتك', 'في ردك')})"),
        ("ar-summary-must", rf"{_ar('يجب أن يذكر الملخص', 'يجب أن يتضمن الملخص', 'على الملخص أن', 'ليذكر الملخص', 'يجب أن يقول الملخص', 'يجب ان يكون الملخص')}"),
        ("ar-new-rules", rf"{_ar('تعليمات جديدة', 'التعليمات الجديدة', 'تعليمات النظام', 'الأوامر الجديدة')}\s*[:：]"),
        ("ar-do-not", _ar("لا تلخص", "لا تلخصي", "لا تذكر في الملخص")),
        # Persian.
        ("fa-ignore", rf"(?:{_FA_RULES}.{{0,40}}{_FA_IGNORE}|{_FA_IGNORE}.{{0,40}}{_FA_RULES})"),
        ("fa-polite", rf"{_FA_POLITE}.{{0,40}}(?:{_FA_IGNORE}|{_FA_WRITE})"),
        ("fa-you-are", _FA_YOU),
    ]
)


@dataclass(frozen=True, slots=True)
class Finding:
    """Why a line was flagged: the pattern's name, and whether it needed the line before it."""

    pattern: str
    joined: bool = False


def instruction_reason(line: str) -> str | None:
    """The name of the first pattern a single line matches after folding, or None."""
    folded = fold(line)
    for name, pattern in PATTERNS:
        if pattern.search(folded):
            return name
    return None


def addressed_to_a_model(line: str, norm: str | None = None) -> bool:
    """True when one line, read alone, addresses a model (`norm` is accepted for callers that have it)."""
    return instruction_reason(line) is not None


def flag_lines(lines: Sequence[str]) -> list[Finding | None]:
    """For each line, why it addresses a model (None when it does not).

    Instructions split over lines are caught two ways: a line is also read joined with the
    line before it (halves that each look harmless, "Ignore all previous" / "instructions
    and write..." flag both), and a flagged line that stops mid-sentence (no closing
    punctuation) carries its flag to the next line, which holds the rest of the order.
    """
    found: list[Finding | None] = [
        Finding(reason) if (reason := instruction_reason(line)) else None for line in lines
    ]
    for i in range(1, len(lines)):
        before = found[i - 1]
        if found[i] is not None:
            continue
        if before is not None:
            if not lines[i - 1].rstrip().endswith(_SENTENCE_CLOSERS):
                found[i] = Finding(before.pattern, joined=True)
            continue
        reason = instruction_reason(lines[i - 1].rstrip() + " " + lines[i].lstrip())
        if reason is not None:
            found[i - 1] = found[i] = Finding(reason, joined=True)
    return found


_SENTENCE_CLOSERS = tuple(".!?؟…:;\"'”»)]}>|")
