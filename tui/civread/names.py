"""File names as safe display text: the one rule for showing a path anywhere.

A file name is data from the disk, like page text: it may hold bytes that are not UTF-8 (a zip
made on Chinese Windows, unpacked on Linux: Python keeps them as lone surrogates, U+DC80–U+DCFF),
escape sequences (`\\x1b]0;TITLE\\x07` sets a terminal's title, `\\x1b[2J` clears it), other
control characters, bidi overrides that reorder what follows, or zero-width characters. None of
these may reach a terminal, a notice, stderr or an export. `safe_name` makes each of them
visible as a Python-style escape (`\\xff`, `\\x1b`, `\\u202e`), so the name stays recognisable
and two different names stay different, and the result always encodes as UTF-8.

Pure: no Textual, no Rich (the export and the pipeline's callers use it too).
"""

from __future__ import annotations

import os
import unicodedata

__all__ = ["safe_name", "safe_text"]

# Characters that change how the rest of a line is shown without being visible themselves.
_INVISIBLE_FORMAT = frozenset(
    "\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, kept by surrogateescape: show the byte
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _needs_escape(ch: str) -> bool:
    code = ord(ch)
    if code < 0x20 or 0x7F <= code < 0xA0:  # C0, DEL, C1 (ESC, BEL, CSI, OSC…)
        return True
    if 0xD800 <= code <= 0xDFFF:  # a lone surrogate: not encodable, never shown
        return True
    if ch in _INVISIBLE_FORMAT:
        return True
    category = unicodedata.category(ch)
    return category in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp")


def safe_text(text: str) -> str:
    """`text` with every control, surrogate, bidi and zero-width character shown as an escape.

    For one-line messages that may quote a file name (an OS error's reason, a notice).
    """
    if text.isprintable() and text.isascii():
        return text  # the common case, quickly
    return "".join(_escape(ch) if _needs_escape(ch) else ch for ch in text)


def safe_name(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """A path as safe display text: always valid UTF-8, nothing a terminal would act on."""
    if isinstance(path, bytes):
        name = os.fsdecode(path)
    else:
        raw = os.fspath(path)
        name = os.fsdecode(raw) if isinstance(raw, bytes) else raw
    return safe_text(name)
