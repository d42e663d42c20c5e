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

Almost every line is ordinary news, and running every pattern on every line (and on every
pair of lines) was most of the cost of segmenting an article. Each pattern is listed with its
words: the spellings, in folded text, of a part that every match must contain. One
Aho-Corasick pass over a line finds which words it holds, and only the patterns they belong
to are run, in their usual order, so the first pattern that matches is the same as before.
Each line is folded once: the pair "line before + line" is the two folds joined by a space.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ahocorasick import Automaton

from .arabic import INVISIBLE, normalize
from .charmap import CharMap

# Cyrillic and Greek letters drawn like Latin ones (Unicode confusables, the common subset).
_CONFUSABLE_LETTERS: dict[str, str] = {
    **dict(zip("аеорсухіјѕԁһӏԛԝвкмнт", "aeopcyxijsdhlqwbkmht", strict=True)),
    **dict(zip("АВЕКМНОРСТХІЈЅ", "ABEKMHOPCTXIJS", strict=True)),
    **dict(zip("αβεικνοργτυχ", "abeiknopgtux", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),
    "ı": "i",
    "ɡ": "g",
    "ℓ": "l",
}
_CONFUSABLES = CharMap({ord(letter): latin for letter, latin in _CONFUSABLE_LETTERS.items()})
_INVISIBLE = CharMap({ord(c): None for c in INVISIBLE})
# Whatever `fold` undoes before normalizing, besides NFKC: invisible characters and confusables.
_DISGUISES = re.compile("[" + "".join(map(re.escape, sorted(INVISIBLE | set(_CONFUSABLE_LETTERS)))) + "]")


def fold(text: str) -> str:
    """The canonical form detection reads: invisibles gone, NFKC, confusables, Arabic-normalized, lowercase."""
    text = _CONFUSABLES(unicodedata.normalize("NFKC", _INVISIBLE(text)))
    return normalize(text).casefold()


class _Phrases:
    """Arabic or Persian phrases, folded like the text they are matched against.

    Used in a pattern (`str()`), they are a regex alternation; `spellings` are the exact
    strings a match can be in folded text, where whitespace is always one space.
    """

    def __init__(self, *phrases: str, gap: str = r"\s+") -> None:
        words = [fold(p).split() for p in phrases]
        self.regex = "(?:" + "|".join(gap.join(re.escape(word) for word in w) for w in words) + ")"
        gaps = {r"\s+": (" ",), r"\s*": (" ", "")}[gap]
        self.spellings = tuple(spelling for w in words for spelling in _spelled(w, gaps))

    def __str__(self) -> str:
        return self.regex


def _spelled(words: list[str], gaps: tuple[str, ...]) -> list[str]:
    """Every way to write `words` with one of `gaps` between each two."""
    spellings = [words[0]]
    for word in words[1:]:
        spellings = [f"{head}{gap}{word}" for head in spellings for gap in gaps]
    return spellings


_ar = _Phrases  # the short name the patterns use


def _pairs(first: Iterable[str], second: Iterable[str], *, gap: str = " ") -> tuple[str, ...]:
    """Each of `first` followed by each of `second`: the words of a pattern's two consecutive alternations."""
    return tuple(f"{a}{gap}{b}" for a in first for b in second)


_EARLIER = r"(?:previous|prior|above|earlier|preceding|original|system|your)"
_RULES = r"(?:instructions?|prompts?|rules|directions|guidelines|commands|context)"
_SUMMARY_WORDS = ("summary", "summaries", "brief", "output", "answer", "response", "headline")
_SUMMARY = "(?:" + "|".join(_SUMMARY_WORDS) + ")"
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
_AR_ADDRESS = _ar("أيها", "يا", "عزيزي", "إلى", "الى", "ملاحظة إلى", "ملاحظة لـ", "ملاحظة ل", "تنبيه إلى", "تنبيه لـ",
                  "رسالة إلى")
_AR_YOU = _ar("أنت الآن", "انت الان", "بصفتك نموذج", "بصفتك مساعد", "أنت نموذج", "أنت مساعد", "تصرف ك", "تصرف بصفتك")
_AR_SUMMARY_MUST = _ar("يجب أن يذكر الملخص", "يجب أن يتضمن الملخص", "على الملخص أن", "ليذكر الملخص", "يجب أن يقول الملخص",
                       "يجب ان يكون الملخص")
_AR_NEW_RULES = _ar("تعليمات جديدة", "التعليمات الجديدة", "تعليمات النظام", "الأوامر الجديدة")
_AR_DO_NOT = _ar("لا تلخص", "لا تلخصي", "لا تذكر في الملخص")
_AR_IN_SUMMARY = _ar("في الملخص", "في ملخصك", "إلى الملخص", "في الموجز", "في العنوان", "في إجابتك", "في ردك")
_AR_WRITE = _ar("اكتب", "اكتبي", "اذكر", "أضف", "ضع", "قل", "أكد", "صرح", "أدرج", "أورد")
# Persian compound verbs are written with a space, a zero-width non-joiner (removed by `fold`) or nothing.
_FA_IGNORE = _ar("نادیده بگیر", "نادیده بگیرید", "فراموش کن", "فراموش کنید", "توجه نکن", "توجه نکنید", "اعتنا نکن",
                 gap=r"\s*")
_FA_RULES = _ar("دستورالعمل", "دستورات", "دستور", "قوانین", "قواعد", "راهنمایی", "آموزش", "تعلیمات")
_FA_POLITE = _ar("لطفا", "لطفاً", "خواهشمندیم", "خواهشمند است", "خواهش می کنم", gap=r"\s*")
_FA_WRITE = _ar("بنویس", "بنویسید", "اضافه کن", "اضافه کنید", "ذکر کن", "ذکر کنید", gap=r"\s*")
_FA_YOU = _ar("شما اکنون", "تو اکنون", "به عنوان یک مدل", "به عنوان مدل", "به عنوان دستیار", "خلاصه نکن",
              "در خلاصه بنویس", gap=r"\s*")

# (name, words, pattern), in the order the patterns are tried. A rule's words are the strings, as
# folded text spells them, of a part every match of its pattern must contain: a line holding none
# of them cannot match, and the pattern is not run on it.
_TABLE: list[tuple[str, tuple[str, ...], str | _Phrases]] = [
    # English: against earlier instructions, polite or not.
    ("en-ignore", ("ignore", "disregard", "forget", "override", "bypass", "skip"),
     rf"\b(?:ignore|disregard|forget|override|bypass|skip)\b.{{0,40}}\b{_EARLIER}\b.{{0,20}}\b{_RULES}\b"),
    ("en-ignore-all", ("ignore", "disregard", "forget"),
     r"\b(?:ignore|disregard|forget)\s+(?:all|everything|anything)\b.{0,30}\b(?:above|before|told|said|instructions?)\b"),
    ("en-role", ("system", "assistant", "developer", "user"),
     r"(?:^|[.!?]\s+|[\[(<{\"'])\s*(?:system|assistant|developer|user)\s*(?:prompt|message)?\s*:"),
    # "you are now ..." only when what follows is a model's new role or mode, not "free to go".
    ("en-you-are", ("you", "as a"),
     rf"\byou\s+are\s+(?:now\s+)?(?:an?\s+|the\s+)?{_MODEL_EN}\b|\bas\s+an?\s+{_MODEL_EN}\b"
     r"|\byou\s+are\s+now\s+(?:an?\s+\w+\s*$|an?\s+(?:\w+\s+)?(?:ai|assistant|bot)\b|in\s+[\w-]+\s+mode|dan\b"
     r"|unrestricted|unfiltered|uncensored|jailbroken|free\s+(?:of|from)\s+(?:all\s+|any\s+|your\s+)?(?:rules|restrictions|limits))"),
    ("en-address", (*_pairs(("attention", "note", "message", "instruction", "reminder"), ("to", "for")), "dear ", "hey "),
     rf"\b(?:attention|note|message|instruction|reminder)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?{_MODEL_EN}s?\b|\bdear\s+{_MODEL_EN}\b|\bhey\s+{_MODEL_EN}\b"),
    ("en-order", _pairs(_SUMMARY_WORDS, ("must", "should", "shall", "has to", "needs to")),
     rf"\byour\s+{_SUMMARY}\s+(?:must|should|shall|has to|needs to)\s+\w+|\bthe\s+{_SUMMARY}\s+(?:must|should|shall)\s+(?:say|state|claim|read)\s+that\b"),
    ("en-write", _pairs(("the", "your"), _SUMMARY_WORDS),
     rf"\b(?:write|state|say|report|add|include|insert|mention|claim)\b.{{0,30}}\b(?:in|to|into)\s+(?:the|your)\s+{_SUMMARY}\b"),
    ("en-do-not", ("do not ", "don't ", "dont "),
     r"\bdo\s+not\s+(?:summari[sz]e|mention|include|report|cite)\b|\bdon'?t\s+(?:summari[sz]e|mention)\b"),
    ("en-output-only", _pairs(("output", "respond", "reply", "answer", "return"), ("only", "with only", "nothing but", "exactly")),
     r"\b(?:output|respond|reply|answer|return)\s+(?:only|with only|nothing but|exactly)\b"),
    ("en-new-rules", ("instructions", "prompt"),
     r"\b(?:new|updated|real|actual|secret|hidden)\s+(?:system\s+)?(?:instructions|prompt)\s*(?::|follow|are\b)"),
    ("en-polite", ("ignore", "disregard", "forget", "override"),
     r"\b(?:please|kindly|pls)\b.{0,20}\b(?:ignore|disregard|forget|override)\b"),
    # Markup and syntax no reader needs.
    ("chat-token", ("<|", "[inst]", "[/inst]", "<<"),
     r"<\|[a-z_]+\|>|\[/?inst\]|<</?sys>>"),
    ("fake-tag", ("<",),
     r"</?\s*(?:article|system|instructions?|im_start|im_end|prompt|context|user|assistant)(?:-[0-9a-f]*)?\s*>"),
    ("json", ('["', '{"', '[ "', '{ "'),
     r"^\s*[\[{]\s*\"[a-z_]+\"\s*:"),
    ("fence", ("<<<", ">>>", "```"),
     r"<<<|>>>|^\s*```"),
    # Arabic: ignore the rules, addressed to a model, polite requests, orders about the summary.
    ("ar-ignore", _AR_RULES.spellings,
     rf"{_AR_CLAUSE}{_AR_IGNORE}\s.{{0,40}}{_AR_RULES}"),
    ("ar-polite", _AR_POLITE.spellings,
     rf"{_AR_POLITE}.{{0,40}}(?:{_AR_IGNORE}|{_AR_IGNORE_YOU}|{_AR_WRITE}\s.{{0,40}}(?:{_ar('الملخص', 'ملخصك', 'الموجز', 'العنوان', 'إجابتك', 'ردك')}))"),
    ("ar-polite-model", _AR_POLITE.spellings,
     rf"{_AR_POLITE}\s*(?:{_ar('من', 'إلى', 'الى')})?\s*{_AR_MODEL}"),
    ("ar-address", _pairs(_AR_ADDRESS.spellings, _AR_MODEL.spellings, gap=" ") + _pairs(_AR_ADDRESS.spellings, _AR_MODEL.spellings, gap=""),
     rf"(?:{_AR_ADDRESS})\s*{_AR_MODEL}"),
    ("ar-you-are", _AR_YOU.spellings,
     _AR_YOU),
    ("ar-write-summary", _AR_IN_SUMMARY.spellings,
     rf"{_AR_WRITE}\s.{{0,50}}(?:{_AR_IN_SUMMARY})"),
    ("ar-summary-must", _AR_SUMMARY_MUST.spellings,
     rf"{_AR_SUMMARY_MUST}"),
    ("ar-new-rules", _AR_NEW_RULES.spellings,
     rf"{_AR_NEW_RULES}\s*[:：]"),
    ("ar-do-not", _AR_DO_NOT.spellings,
     _AR_DO_NOT),
    # Persian.
    ("fa-ignore", _FA_IGNORE.spellings,
     rf"(?:{_FA_RULES}.{{0,40}}{_FA_IGNORE}|{_FA_IGNORE}.{{0,40}}{_FA_RULES})"),
    ("fa-polite", _FA_POLITE.spellings,
     rf"{_FA_POLITE}.{{0,40}}(?:{_FA_IGNORE}|{_FA_WRITE})"),
    ("fa-you-are", _FA_YOU.spellings,
     _FA_YOU),
]
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(str(pattern), re.IGNORECASE)) for name, _, pattern in _TABLE
)


def _automaton() -> Automaton:
    """Every rule's words, each with the indexes of the rules it belongs to: one pass over a line finds them."""
    rules: dict[str, tuple[int, ...]] = {}
    for index, (_, words, _pattern) in enumerate(_TABLE):
        for word in words:
            rules[word] = (*rules.get(word, ()), index)
    automaton = Automaton()
    for word, indexes in rules.items():
        automaton.add_word(word, indexes)
    automaton.make_automaton()
    return automaton


_WORDS = _automaton()
# Characters other than a-z that a case-insensitive pattern reads as a Latin letter. Folded text
# holds none (casefold, NFKC and the confusables turn them into a-z), so the exact words above
# find whatever the case-insensitive patterns could; a line that holds one anyway is tried in full.
_CASED = re.compile("[A-Z\u0130\u0131\u017f\u212a]")


@dataclass(frozen=True, slots=True)
class Finding:
    """Why a line was flagged: the pattern's name, and whether it needed the line before it."""

    pattern: str
    joined: bool = False


def instruction_reason(line: str) -> str | None:
    """The name of the first pattern a single line matches after folding, or None."""
    return _reason(fold(line))


def _reason(folded: str) -> str | None:
    """The name of the first pattern that matches folded text, trying only those whose words it holds."""
    if _CASED.search(folded):
        candidates: Iterable[int] = range(len(PATTERNS))
    else:
        candidates = sorted({index for _, indexes in _WORDS.iter(folded) for index in indexes})
    for index in candidates:
        name, pattern = PATTERNS[index]
        if pattern.search(folded):
            return name
    return None


def addressed_to_a_model(line: str, norm: str | None = None) -> bool:
    """True when one line, read alone, addresses a model (`norm` is accepted for callers that have it)."""
    return instruction_reason(line) is not None


def flag_lines(lines: Sequence[str], norms: Sequence[str] | None = None) -> list[Finding | None]:
    """For each line, why it addresses a model (None when it does not).

    Instructions split over lines are caught two ways: a line is also read joined with the
    line before it (halves that each look harmless, "Ignore all previous" / "instructions
    and write..." flag both), and a flagged line that stops mid-sentence (no closing
    punctuation) carries its flag to the next line, which holds the rest of the order.

    `norms`, when the caller has them, are `arabic.normalize` of each line: a line without
    disguises is then folded without normalizing it again.
    """
    folded = [_fold_line(line, norms[i] if norms is not None else None) for i, line in enumerate(lines)]
    # Every line and every pair of lines read together is part of the whole text read as one
    # line: where that holds no rule's words (the usual article), no line is flagged.
    whole = " ".join(folded)
    if _CASED.search(whole) is None and next(_WORDS.iter(whole), None) is None:
        return [None] * len(lines)
    found: list[Finding | None] = [Finding(reason) if (reason := _reason(f)) else None for f in folded]
    for i in range(1, len(lines)):
        before = found[i - 1]
        if found[i] is not None:
            continue
        if before is not None:
            if not lines[i - 1].rstrip().endswith(_SENTENCE_CLOSERS):
                found[i] = Finding(before.pattern, joined=True)
            continue
        reason = _reason(_joined(folded[i - 1], folded[i]))
        if reason is not None:
            found[i - 1] = found[i] = Finding(reason, joined=True)
    return found


def _fold_line(line: str, norm: str | None) -> str:
    """`fold(line)`, from `norm` (`normalize(line)`) when there is nothing to undo before normalizing."""
    if norm is None or _DISGUISES.search(line) or not unicodedata.is_normalized("NFKC", line):
        return fold(line)
    return norm.casefold()


def _joined(before: str, after: str) -> str:
    """`fold(a.rstrip() + " " + b.lstrip())` from `before = fold(a)` and `after = fold(b)`.

    Folding works character by character except NFKC and the collapsing of whitespace, and
    neither looks across a space: NFKC never composes a space with its neighbours, and a
    whitespace run becomes one space wherever it stands.
    """
    return f"{before} {after}" if before and after else before or after


_SENTENCE_CLOSERS = tuple(".!?؟…:;\"'”»)]}>|")
