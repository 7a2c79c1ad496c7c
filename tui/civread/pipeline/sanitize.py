"""Make page text safe to print on a terminal: text from pages is data, never control.

A page can carry bytes a terminal would obey: escape sequences that clear the screen, move the
cursor, set the window title or write the clipboard (OSC 52), 8-bit C1 controls, bidi overrides
that reorder what the reader sees, invisible characters that hide text, and floods of combining
marks that smear over neighbouring lines. `sanitize_line` removes all of them and reports how
many characters it removed, so cleaning never changes a page silently.

What is removed:

* ANSI/VT escape sequences, whole: CSI (``ESC [`` … final byte, also the 8-bit ``0x9b``),
  OSC/DCS/SOS/PM/APC strings up to their BEL or ST terminator (also the 8-bit ``0x9d``,
  ``0x90``, ``0x98``, ``0x9e``, ``0x9f`` forms), and ``ESC`` + intermediates + final byte.
  A string sequence that is unterminated, or whose payload is not plain ASCII, loses only
  its introducer: with the ESC gone the rest is harmless text. So sanitizing never removes a
  Han character (nor any wide character but a combining mark): a stray ESC must not eat
  the Chinese after it.
* Every other C0 control, DEL and C1 control (U+0080–U+009F). A tab becomes a space.
* Every format character (Unicode category Cf): bidi embeddings, overrides, isolates and marks,
  zero-width space/joiners, word joiner, BOM, soft hyphen, tag characters. None of them carries
  meaning in Chinese text; what Chinese does need is kept (ideographic space U+3000, variation
  selectors incl. ideographic variation sequences, ideographic description characters).
* Lone surrogates (they make writing to the terminal fail). Line/paragraph separators
  U+2028/U+2029 become a space: the caller has already split the text into lines.
* Combining-mark floods: at most 2 marks per base character (4 for Tibetan, whose stacked
  syllables legitimately carry 3–4 marks).

Rich-style markup such as ``[bold red]`` is ordinary page text and is kept: the app must print
page text as `rich.text.Text`, never as markup.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["sanitize_line", "sanitize_text", "is_terminal_safe", "needs_sanitizing", "MAX_MARKS", "MAX_TIBETAN_MARKS"]

MAX_MARKS = 2
MAX_TIBETAN_MARKS = 4


# Combining marks, format characters and controls live only in planes 0, 1 and 14; scanning
# just those keeps the one-off table build cheap at import (~30 ms).
_PLANES = (range(0x0, 0x20000), range(0xE0000, 0xF0000))


def _class_body(cps: list[int]) -> str:
    """Sorted code points folded into `a-b` ranges, escaped for a regex character class."""
    parts: list[str] = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        a, b = cps[i], cps[j]
        parts.append(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}")
        i = j + 1
    return "".join(parts)


def _classes() -> dict[str, str]:
    """Regex class bodies for combining marks and always-dropped characters, BMP and astral.

    They are kept apart because `re` tests a BMP-only class with a fast bitmap, while astral
    ranges are tested one by one: the BMP classes run ~10x faster on Chinese text.
    """
    found: dict[str, list[int]] = {"marks": [], "marks_astral": [], "drop": [], "drop_astral": []}
    category = unicodedata.category
    for plane in _PLANES:
        for cp in plane:
            cat = category(chr(cp))
            if cat in ("Mn", "Me"):
                kind = "marks"
            elif cat in ("Cc", "Cf", "Cs") and cp != 0x09:  # tab becomes a space instead
                kind = "drop"
            else:
                continue
            found[kind if cp < 0x10000 else kind + "_astral"].append(cp)
    return {k: _class_body(v) for k, v in found.items()}


_C = _classes()

# Payload of a string sequence: printable ASCII up to the terminator (titles, OSC 52 base64,
# sixel and DCS data are ASCII). A payload that is not pure ASCII loses only its introducer and
# stays as plain text, which keeps an invariant the reader relies on: sanitizing never removes
# a Han character. The possessive `*+` and the stop at any non-ASCII keep matching linear.
_PAYLOAD = r"[\x20-\x7e]*+"
_ST = r"(?:\x07|\x1b\\|\x9c)"

_ESCAPES = (
    # CSI: ESC [ or 0x9b, parameter bytes, intermediate bytes, final byte (lenient if cut short).
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*+[\x20-\x2f]*+[\x40-\x7e]?"
    # OSC / DCS / SOS / PM / APC strings, 7-bit and 8-bit, with their terminator.
    rf"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])(?:{_PAYLOAD}{_ST})?"
    # Any other escape: ESC, intermediates, final byte (ESC 7, ESC c, ESC ( B, ESC # 8 …).
    r"|\x1b[\x20-\x2f]*+[\x30-\x7e]?"
)

_ESCAPE = re.compile(_ESCAPES)
_ESCAPE_START = re.compile("[\x1b\x90\x98\x9b\x9d\x9e\x9f]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# One scan says whether a line needs any work: a character to drop, a tab or separator to turn
# into a space, a combining mark, or an astral character (whose classes are checked slowly).
_NEEDS_WORK = re.compile(
    f"[{_C['drop']}{_C['marks']}\\t\\u2028\\u2029\\U00010000-\\U0010ffff]"
)
_DROP_BMP = re.compile(f"[{_C['drop']}]")
_DROP_ALL = re.compile(f"[{_C['drop']}{_C['drop_astral']}]")
_MARK_BMP = re.compile(f"[{_C['marks']}]")
_MARK_ALL = re.compile(f"[{_C['marks']}{_C['marks_astral']}]")
_FLOOD_BMP = re.compile(f"[{_C['marks']}]{{{MAX_MARKS + 1},}}")
_FLOOD_ALL = re.compile(f"[{_C['marks']}{_C['marks_astral']}]{{{MAX_MARKS + 1},}}")
_SPACES = str.maketrans({"\t": " ", "\u2028": " ", "\u2029": " "})


def _cap_marks(m: re.Match[str]) -> str:
    run = m.group()
    if all("\u0f00" <= ch <= "\u0fff" for ch in run):
        return run[:MAX_TIBETAN_MARKS]
    return run[:MAX_MARKS]


def needs_sanitizing(text: str) -> bool:
    """sanitize_line would change this line (or count a removal); False for a plain line, which
    it returns as it is. Asked of several lines joined by spaces, it answers for all of them."""
    return _NEEDS_WORK.search(text) is not None


def sanitize_line(line: str) -> tuple[str, int]:
    """One line made terminal-safe, and how many characters were removed.

    The caller has split on newlines, so any CR/LF left in `line` is removed too.
    A tab becomes one space (not counted as a removal).
    """
    if not isinstance(line, str):
        line = str(line)
    # Fast path: one regex scan (~1 GB/s); a plain Chinese line has nothing to do.
    if _NEEDS_WORK.search(line) is None:
        return line, 0
    if _ASTRAL.search(line) is None:
        drop, mark, flood = _DROP_BMP, _MARK_BMP, _FLOOD_BMP
    else:
        drop, mark, flood = _DROP_ALL, _MARK_ALL, _FLOOD_ALL
    clean = line.translate(_SPACES)
    if _ESCAPE_START.search(clean) is not None:
        # Whole sequences first, so their parameters and payloads go with the ESC.
        clean = _ESCAPE.sub("", clean)
    clean = drop.sub("", clean)
    if mark.search(clean) is not None:
        clean = flood.sub(_cap_marks, clean)
    return clean, len(line) - len(clean)


def sanitize_text(text: str) -> tuple[str, int]:
    """Multi-line text made terminal-safe, keeping its newlines; returns (text, n_removed).

    CRLF and lone CR count as line ends' debris and are removed, never turned into breaks.
    """
    if not isinstance(text, str):
        text = str(text)
    total = 0
    out: list[str] = []
    for line in text.split("\n"):
        clean, n = sanitize_line(line)
        out.append(clean)
        total += n
    return "\n".join(out), total


_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def is_terminal_safe(s: str) -> bool:
    """True if `s` has nothing a terminal would act on: the check the app and tests rely on.

    Deliberately independent of the regexes above (it asks `unicodedata` about every
    character): no control character but newline, no format character, no surrogate, no
    line/paragraph separator (so no ESC, no C1, no bidi control), and no combining-mark flood.
    """
    if s.isascii():
        return s.replace("\n", "").isprintable()
    category = unicodedata.category
    run = 0
    tibetan = True
    for ch in s:
        cat = category(ch)
        if cat in _UNSAFE_CATEGORIES and ch != "\n":
            return False
        if cat in ("Mn", "Me"):
            run += 1
            tibetan = tibetan and "\u0f00" <= ch <= "\u0fff"
            if run > (MAX_TIBETAN_MARKS if tibetan else MAX_MARKS):
                return False
        else:
            run = 0
            tibetan = True
    return True
