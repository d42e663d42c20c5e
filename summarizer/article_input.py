"""Read and check an article before any model sees it.

Bad input is reported as a typed `InputError` that names the problem in one line:
missing file, directory, binary data, invalid UTF-8, empty or whitespace-only text,
text too long for the model. The text is never modified: offsets refer to exactly what
the user gave (a UTF-8 byte-order mark is the one thing dropped, since it is not text).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .arabic import script_share
from .errors import BinaryInputError, EmptyArticleError, EncodingError, InputNotFoundError

# Control characters other than \t \n \v \f \r, and DEL (counted in C, not character by character).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01


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
    if not text.strip():
        what = "empty" if not text else "only whitespace"
        raise EmptyArticleError(f"{name} is {what}: there is no article to summarize")
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls / len(text) > MAX_CONTROL_SHARE:
        raise BinaryInputError(f"{name} looks like binary data (control characters), not an article")
    return text


def read_article(path: str | Path) -> str:
    """Read an article file (`-`: standard input), with one clear error for each way it can be unusable."""
    if str(path) == "-":
        return decode_article(sys.stdin.buffer.read(), name="standard input")
    p = Path(path)
    if p.is_dir():
        raise InputNotFoundError(f"{p} is a directory, not an article file")
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputNotFoundError(f"{p} does not exist") from None
    except PermissionError:
        raise InputNotFoundError(f"{p} cannot be read (permission denied)") from None
    except OSError as exc:
        raise InputNotFoundError(f"{p} cannot be read: {exc.strerror}") from None
    return decode_article(data, name=str(p))


def detect_language(text: str) -> str:
    """'ar', 'en' or 'unknown', from the share of Arabic vs Latin letters."""
    arabic, latin = script_share(text)
    if arabic >= 0.5:
        return "ar"
    if latin >= 0.5:
        return "en"
    return "unknown"
