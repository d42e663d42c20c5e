"""Is a line addressed to a language model rather than to a newspaper reader (OWASP LLM01)?

Such a line stays out of the citable story. News sentences *about* instructions, orders,
systems or ignoring something must stay citable: a ministry "issuing new instructions" or an
official who "ignored the warnings" is the story. So the patterns look for the shape of a
message to a model — an imperative at the start of a clause ("ignore all previous
instructions", «تجاهل كل التعليمات السابقة»), a role tag at the start of a line
("SYSTEM:"), chat-template tokens, a fake closing tag of the prompt, a JSON object pasted into
the text, "you are now ..." — not for the words alone. Tuned on `evals/devset/injection.yaml`
(precision and recall in `evals/README.md`).

Matching happens on a folded copy of the line: compatibility forms (full-width Latin),
look-alike Cyrillic and Greek letters and zero-width characters are folded away first, then
the Arabic normalization of `arabic.normalize`. The folded copy is only compared, never used
for offsets: a flagged line keeps its span in the original text.
"""

from __future__ import annotations

import re
import unicodedata

from .arabic import normalize

# Invisible characters that split a word without showing (zero-width space, word joiner,
# soft hyphen, invisible operators, bidi controls); `normalize` drops the joiners and marks.
_INVISIBLE = dict.fromkeys(
    [0x00AD, 0x180E, 0x200B, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E]
    + list(range(0x2066, 0x206A)),
    None,
)
# Latin look-alikes from Cyrillic and Greek that are used to dodge keyword filters.
_CONFUSABLE = str.maketrans(
    "аеорсухіјѕԁɡАВЕКМНОРСТХІЈЅαεικνορτυχΑΒΕΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdgABEKMHOPCTXIJSaeikvoptuxABEIKMNOPTYX",
)


# Anything outside ASCII, Arabic and common punctuation may hide a disguise and needs folding.
_UNUSUAL = re.compile(r"[^\x00-\x7f\u0600-\u06ff\s«»“”‘’–—…]")


def fold(line: str, norm: str | None = None) -> str:
    """The line as the patterns see it: invisible characters out, look-alikes folded, normalized.

    `norm` is `normalize(line)` when the caller has it already (used when nothing needs folding).
    """
    if norm is not None and not _UNUSUAL.search(line):
        return norm
    # NFKC is safe here because nothing maps back to offsets: full-width letters become ASCII
    # and Arabic presentation forms become the letters `normalize` knows.
    folded = unicodedata.normalize("NFKC", line.translate(_INVISIBLE))
    return normalize(folded.translate(_CONFUSABLE))


_CLAUSE_START = r"(?:^|[.!?:;,\"'()\[\]«»-]\s*|\b(?:and|then|now|please)\s+)"
_AR_CLAUSE_START = r"(?:^|[.!?:;,\"'()\[\]-]\s*|\sو|^و|\s(?:ثم|الان|رجاء)\s+)"


def _ar(text: str) -> str:
    return normalize(text)


_PATTERNS = re.compile(
    "|".join(
        [
            # imperatives to drop the prompt, at the start of a clause
            _CLAUSE_START + r"(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?"
            r"(?:previous|prior|above|earlier|preceding|system|original)\s+(?:instructions?|prompts?|rules|directions)",
            _CLAUSE_START + r"(?:do\s+not|don't)\s+(?:summari[sz]e|follow\s+(?:the\s+|your\s+)?(?:rules|instructions))",
            _CLAUSE_START + r"output\s+(?:only|the\s+following|an?\s+empty)\b",
            r"^\s*(?:system|assistant|developer|user)\s*:",  # a role tag opening the line
            # "you are now ..." only when what follows is a model's new role, not "free to go"
            r"\byou\s+are\s+(?:now\s+)?(?:an?\s+(?:\w+\s+)?(?:ai|assistant|language\s+model|chatbot|bot|llm)\b|chatgpt\b)",
            r"\byou\s+are\s+now\s+(?:an?\s+\w+\s*$|in\s+\w+\s+mode|dan\b|unrestricted|unfiltered|jailbroken"
            r"|free\s+of\s+(?:all\s+|any\s+)?(?:rules|restrictions))",
            r"\bas\s+an?\s+(?:ai\s+(?:language\s+)?model|(?:large\s+)?language\s+model|ai\s+assistant)\b",
            r"\b(?:new|updated)\s+instructions?\s*:",
            r"\b(?:here\s+are|following\s+are)\s+(?:your\s+)?new\s+instructions\b",
            r"\binstructions?\s+(?:for|to)\s+(?:the\s+)?(?:ai|assistant|model|summari[sz]er|llm)\b",
            r"<\|[a-z_]+\|>",  # chat-template special tokens
            r"</?\s*(?:article|system|instructions?|im_start|im_end|prompt)\b[^>]*>",
            r"^\s*[\[{]\s*\"[a-z_]+\"\s*:",  # a JSON object pasted into the text
            r"<<<|>>>",
            # Arabic: the imperative تجاهل / انس at the start of a clause, followed by the prompt
            _AR_CLAUSE_START + _ar("(?:تجاهل|انس|اهمل)")
            + r"\s+(?:(?:" + _ar("كل|جميع|كافة") + r")\s+)?" + _ar("(?:التعليمات|الاوامر|القواعد|التوجيهات)")
            + r"\s+" + _ar("(?:السابقة|اعلاه|الواردة|الاصلية)"),
            _ar("تعليمات جديدة") + r"\s*(?::|" + _ar("للنموذج|للمساعد|لك\\b") + ")",
            _ar("النص التالي تعليمات"),
            _ar("انت الان") + r"\s+(?:" + _ar("مساعد|نموذج|بلا قيود|في وضع") + ")",
            _ar("بصفتك نموذج"),
            _AR_CLAUSE_START + _ar("لا تلخص"),
            # Persian: «دستورالعمل‌های قبلی را نادیده بگیر», «تو اکنون ...»
            _ar("نادیده بگیر"),
            _ar("دستورالعمل") + r"\S*\s+" + _ar("قبلی"),
        ]
    ),
    re.IGNORECASE,
)


# Every pattern needs one of these; a line with none of them is not searched further.
_CUES = tuple(
    ["ignor", "disregard", "forget", "overrid", "do not", "don't", "output", "system", "assistant", "developer",
     "user", "you are", "as a", "instruction", "<", "{", "[", ">>>"]
    + [normalize(w) for w in ("تجاهل", "انس ", "اهمل", "تعليمات", "انت الان", "بصفتك", "لا تلخص", "نادیده",
                              "دستورالعمل")]
)


def addressed_to_a_model(line: str, norm: str | None = None) -> bool:
    """True when `line` reads as instructions to a language model (`norm`: `normalize(line)`, if known)."""
    folded = fold(line, norm)
    if not any(cue in folded for cue in _CUES):
        return False
    return _PATTERNS.search(folded) is not None
