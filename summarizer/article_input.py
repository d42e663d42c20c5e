"""Read and check an article before any model sees it.

Bad input is reported as a typed `InputError` that names the problem in one line:
missing file, directory, binary data, invalid UTF-8 (or a lone surrogate), not a `str`,
empty or whitespace-only text, text with no letters (digits, emoji, diacritics only), text
in a script the prompt does not support (Hebrew, Cyrillic...), text too long for the model.
Every check runs before any model call, so none of these costs anything. The text is never
modified: offsets refer to exactly what the user gave (a UTF-8 byte-order mark is the one
thing dropped, since it is not text).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from .arabic import script_share
from .errors import (
    BinaryInputError,
    EmptyArticleError,
    EncodingError,
    InputNotFoundError,
    NotTextError,
    UnsupportedTextError,
)

# Control characters other than \t \n \v \f \r, and DEL (counted in C, not character by character).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01
# The prompt and the checks work on Arabic and English: at least this share of the letters
# must be Arabic or Latin (a foreign name inside an Arabic story is fine).
MIN_SUPPORTED_LETTER_SHARE = 0.5
SUPPORTED_SCRIPTS = ("ARABIC", "LATIN", "FULLWIDTH LATIN")


def decode_article(data: bytes, *, name: str = "input") -> str:
    """Bytes to article text, refusing binary data and invalid UTF-8."""
    if b"\x00" in data[:65536]:
        raise BinaryInputError(f"{name} looks like binary data (it contains NUL bytes), not an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"{name} is not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
            "convert it to UTF-8 first"
        ) from None
    return check_text(text, name=name)


def check_text(text: str, *, name: str = "input") -> str:
    """Refuse text that cannot be an article; return it unchanged otherwise."""
    if not isinstance(text, str):
        hint = ": decode it first (UTF-8), e.g. with decode_article" if isinstance(text, bytes) else ""
        raise NotTextError(f"{name} must be a str, got {type(text).__name__}{hint}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(text[exc.start])
        raise EncodingError(
            f"{name} contains a lone surrogate (U+{code:04X} at character {exc.start}): not valid Unicode text"
        ) from None
    if not text.strip():
        what = "empty" if not text else "only whitespace"
        raise EmptyArticleError(f"{name} is {what}: there is no article to summarize")
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls / len(text) > MAX_CONTROL_SHARE:
        raise BinaryInputError(f"{name} looks like binary data (control characters), not an article")
    check_script(text, name=name)
    return text


def _script(char: str) -> str:
    words = unicodedata.name(char, "UNKNOWN").split()
    return " ".join(words[:2]) if words[0] in ("FULLWIDTH", "HALFWIDTH") else words[0]


def check_script(text: str, *, name: str = "input") -> None:
    """Refuse text with no letters at all, or whose letters are mostly of an unsupported script."""
    arabic_or_latin = sum(map(len, _ARABIC_OR_LATIN.findall(text)))
    if text and arabic_or_latin / len(text) >= MIN_SUPPORTED_LETTER_SHARE and any(map(str.isalpha, text)):
        # The common case, counted in C: a share of all the characters is at most the same
        # share of the letters, so the letters need not be counted one by one.
        return
    letters = sum(1 for char in text if char.isalpha())
    if letters == 0:
        raise UnsupportedTextError(
            f"{name} has no letters (only digits, symbols, emoji or diacritics): there is no article to summarize"
        )
    if arabic_or_latin / letters >= MIN_SUPPORTED_LETTER_SHARE:
        return
    scripts = Counter(_script(char) for char in text if char.isalpha())
    supported = sum(n for script, n in scripts.items() if script in SUPPORTED_SCRIPTS)
    if supported / letters >= MIN_SUPPORTED_LETTER_SHARE:
        return
    main = next(script for script, _ in scripts.most_common() if script not in SUPPORTED_SCRIPTS)
    raise UnsupportedTextError(
        f"{name} is written mostly in {main.title()} letters ({scripts[main]} of {letters}); "
        "the summarizer reads Arabic and English articles only"
    )


# Runs (few objects), written "[X][X]*" rather than "[X]+" so the regex engine skips to each run.
_ARABIC_OR_LATIN = re.compile(
    r"[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FFA-Za-z\u00C0-\u024F][\u0621-\u064A\u066E-\u06D3\u06FA-\u06FFA-Za-z\u00C0-\u024F]*"
)


def read_input_file(path: str | Path, what: str) -> bytes:
    """The bytes of a file the user named (`what`: "article file", ...), or one clear error saying why not."""
    p = Path(path)
    if p.is_dir():
        raise InputNotFoundError(f"{p} is a directory, not {what}")
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputNotFoundError(f"{p} does not exist") from None
    except PermissionError:
        raise InputNotFoundError(f"{p} cannot be read (permission denied)") from None
    except OSError as exc:
        raise InputNotFoundError(f"{p} cannot be read: {exc.strerror}") from None


def read_article(path: str | Path) -> str:
    """Read an article file (`-`: standard input), with one clear error for each way it can be unusable."""
    if str(path) == "-":
        return decode_article(sys.stdin.buffer.read(), name="standard input")
    return decode_article(read_input_file(path, "an article file"), name=str(path))


def read_bytes(path: str | Path) -> bytes:
    """The bytes of an input file (`-`: standard input), with one clear error for each way it cannot be read."""
    if str(path) == "-":
        return sys.stdin.buffer.read()
    return read_input_file(path, "an input file")


def detect_language(text: str) -> str:
    """'ar', 'en' or 'unknown', from the share of Arabic vs Latin letters."""
    arabic, latin = script_share(text)
    if arabic >= 0.5:
        return "ar"
    if latin >= 0.5:
        return "en"
    return "unknown"
