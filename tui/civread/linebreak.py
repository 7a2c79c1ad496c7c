"""Chinese line breaking for the reader: wrap a paragraph to terminal cells, obeying 避头尾.

Why not textwrap or Rich's wrapping: they break Chinese anywhere, so a line can start with
"，" or "。" or end with "“" — the 避头尾 (kinsoku) rules every Chinese typesetter follows.

Rules implemented by `wrap_cjk`:

* Width is counted in terminal cells (`cell_width`): East Asian Wide/Fullwidth = 2, combining
  marks and other zero-width characters = 0, everything else = 1 (East Asian *Ambiguous*
  punctuation such as “ ” … — · counts 1, as Rich and most terminals count it).
* No line starts with closing punctuation (，。、；：？！）」』》”’…—%‰· and half-width
  ),.;:?!]} and their kin) and no line ends with opening punctuation (（「『《“‘([{ …).
  Strategy: **push, never hang**. A line never exceeds `width`; when the natural break would
  put a closing mark at the start of the next line, the break moves back so the character
  before it goes down with it (and, for runs like ”。 or ……, every character of the run).
  "……" and "——" are never split, since no break is allowed before … or —.
* Runs of Latin letters, digits and ASCII punctuation ("2023", "PPT", "COVID-19", URLs) are
  not broken unless longer than the line. A space is a break opportunity; spaces where a
  line breaks are dropped. U+00A0 (no-break space) is not a break opportunity.
* A wide character is never split. Breaks are allowed between Han characters and between
  Han and Latin text.
* Degenerate widths degrade: with no legal break in a line's width the break is forced,
  first at a place that still respects the punctuation rules, else anywhere. Only a single
  character wider than `width` (a Han character at width 1) can exceed it, alone on its line.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate

__all__ = ["wrap_cjk", "cell_width", "char_width", "CLOSING", "OPENING"]

# Characters that must not start a line.
CLOSING = frozenset(
    "，。、；：？！）」』》〉】〕〗〙〛｝］｠”’…⋯—%‰％·・﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞｡､．‼⁇⁈⁉"
    "),.;:?!]}"
)
# Characters that must not end a line.
OPENING = frozenset("（「『《〈【〔〖〘〚｛［｟“‘﹙﹛﹝([{")

# Punctuation written doubled, as one mark two characters long.
_PAIRED = frozenset("…⋯—")

# Break classes, as bit flags (ASCII punctuation is both WORD and OPEN/CLOSE: "a.b" stays whole
# but "." still never starts a line).
_OPEN = 1
_CLOSE = 2
_WORD = 4  # Latin letters, digits, ASCII punctuation: no break between two of them
_SPACE = 8
_ZERO = 16  # zero-width (combining marks…): belongs to the character before it
# Han and other wide text have no flag: a break is allowed on either side.

_ZERO_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Cc", "Cs"})


def char_width(ch: str) -> int:
    """Terminal cells one character takes: 2 for East Asian Wide/Fullwidth, 0 for marks."""
    if ch < "\u0300":  # Latin-1 and below: fast answer
        return 0 if ch < " " or "\x7f" <= ch < "\xa0" else 1
    if unicodedata.category(ch) in _ZERO_CATEGORIES:
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class _Cache(dict[str, int]):
    """Per-character memo, filled on first sight, so `map` over a text runs at C speed.

    Bounded, so a page made of every code point cannot grow it without end.
    """

    LIMIT = 100_000

    def __init__(self, fn: Callable[[str], int]) -> None:
        super().__init__()
        self._fn = fn

    def __missing__(self, ch: str) -> int:
        value = self._fn(ch)
        if len(self) < self.LIMIT:
            self[ch] = value
        return value


def _classify(ch: str) -> int:
    if ch == " ":
        return _SPACE
    flags = 0
    if ch in CLOSING:
        flags = _CLOSE
    elif ch in OPENING:
        flags = _OPEN
    w = char_width(ch)
    if w == 0:
        return flags | _ZERO
    if ch.isascii():
        return flags | _WORD
    if flags:
        return flags  # CJK punctuation, even of ambiguous width 1 (“”‘’…—·), is not a word
    if w == 1:
        return _WORD  # Latin-1 letters, Greek, Cyrillic, no-break space…
    if "\uff10" <= ch <= "\uff19" or "\uff21" <= ch <= "\uff3a" or "\uff41" <= ch <= "\uff5a":
        return _WORD  # full-width letters and digits: "ＰＰＴ" stays whole
    return 0


_WIDTH = _Cache(char_width)
_CLASS = _Cache(_classify)


def cell_width(s: str) -> int:
    """Terminal cells `s` takes (see `char_width`)."""
    if s.isascii():
        return len(s) if s.isprintable() else sum(map(_WIDTH.__getitem__, s))
    return sum(map(_WIDTH.__getitem__, s))


def _break_ok(text: str, i: int, n: int, words: bool = True) -> bool:
    """May a line end before text[i] (the next line starting at or after i)?

    With `words=False` the only rule relaxed is "don't break inside a Latin word".
    """
    a = _CLASS[text[i - 1]]
    b = _CLASS[text[i]]
    if b & _ZERO or a & _SPACE:
        return False
    if b & _SPACE:
        # Break at the start of a space run: the run is dropped. It must not leave an opening
        # mark at the end of this line or bring a closing mark to the start of the next.
        if a & _OPEN:
            return False
        j = i
        while j < n and text[j] == " ":
            j += 1
        return j == n or not _CLASS[text[j]] & (_CLOSE | _ZERO)
    if b & _CLOSE or a & _OPEN:
        return False
    return not (words and a & (_WORD | _ZERO) and b & _WORD)


def _forced_break(text: str, s: int, e: int) -> int:
    """A break in (s, e] when no legal one exists, by falling preference: inside a word but
    keeping the punctuation rules; anywhere but inside a …… or —— pair; anywhere."""
    n = len(text)
    for i in range(e, s, -1):
        if _break_ok(text, i, n, words=False):
            return i
    for i in range(e, s, -1):
        if not _CLASS[text[i - 1]] & _SPACE and not _CLASS[text[i]] & _ZERO:
            if text[i] in _PAIRED and text[i - 1] == text[i]:
                continue  # a …… or —— pair is the last thing to split
            return i
    for i in range(e, s, -1):
        if not _CLASS[text[i - 1]] & _SPACE and not _CLASS[text[i]] & _ZERO:
            return i
    # Nothing fits (a wide character in a narrower line): one character and its marks.
    i = s + 1
    while i < len(text) and _CLASS[text[i]] & _ZERO:
        i += 1
    return i


def _too_long(text: str, prefix: list[int], start: int, e: int, width: int) -> bool:
    """Is the unbreakable unit starting at `start` (no break in (start, e]) wider than a line?"""
    n = len(text)
    while start < n and text[start] == " ":  # a break at spaces: the unit starts after them
        start += 1
    limit = prefix[start] + width
    j = max(e, start) + 1
    while j < n:
        if prefix[j] > limit:
            return True
        if _break_ok(text, j, n):
            return False
        j += 1
    return prefix[n] > limit


def _wrap_one(text: str, width: int) -> list[str]:
    n = len(text)
    prefix = [0, *accumulate(map(_WIDTH.__getitem__, text))]
    lines: list[str] = []
    s = 0
    while s < n:
        limit = prefix[s] + width
        if prefix[n] <= limit:
            lines.append(text[s:])
            break
        e = bisect_right(prefix, limit, s) - 1  # furthest end that fits
        end = 0
        for i in range(e, s, -1):
            if _break_ok(text, i, n):
                end = i
                break
        if end and _too_long(text, prefix, end, e, width):
            end = 0  # the next unit will be broken anyway: break it here, keep this line full
        if not end:
            end = _forced_break(text, s, e)
            if end >= n:
                lines.append(text[s:])
                break
        if text[s:end].strip(" "):
            lines.append(text[s:end])
        # else: only the paragraph's leading spaces fitted before a forced break; drop them.
        s = end
        while s < n and text[s] == " ":
            s += 1
    return lines


def wrap_cjk(text: str, width: int) -> list[str]:
    """Wrap one paragraph to `width` terminal cells, obeying 避头尾 (see the module doc).

    Returns [] for an empty or all-space paragraph. A newline inside `text` is kept as a
    hard break (an empty string stands for a blank line). Never raises on odd input.
    """
    if not isinstance(text, str):
        text = str(text)
    try:
        width = max(1, int(width))
    except (TypeError, ValueError, OverflowError):
        width = 1
    if "\n" in text:
        out: list[str] = []
        for part in text.split("\n"):
            out.extend(_wrap_one(part, width) if part.strip(" ") else [""])
        return out
    if not text.strip(" "):
        return []
    return _wrap_one(text, width)
