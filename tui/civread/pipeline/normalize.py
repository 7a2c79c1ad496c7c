"""Character-level cleaning of one line: lookalikes, odd spaces, justified spacing, punctuation width."""

from __future__ import annotations

import re
import unicodedata

from civread.model import CleaningReport
from civread.pipeline.text import HAN_RANGES

# Characters of the CJK Radicals Supplement (U+2E80–U+2EFF) that PDF extractors emit in place of
# the ordinary character with the same glyph. NFKC does not fold this block, so the table does.
# Radicals that only ever appear as components (氵, 艹, 讠 …) are not listed: they have no
# standalone character to become.
_RADICALS_SUPPLEMENT = {
    "⺁": "厂", "⺇": "几", "⺊": "卜", "⺎": "兀", "⺐": "尢", "⺓": "幺", "⺛": "旡", "⺜": "日",
    "⺝": "月", "⺞": "歺", "⺟": "母", "⺠": "民", "⺦": "丬", "⺩": "王", "⺪": "疋", "⺬": "示",
    "⺯": "糸", "⺻": "聿", "⺼": "月", "⺽": "臼", "⻀": "艹", "⻄": "西", "⻅": "见", "⻆": "角",
    "⻇": "角", "⻉": "贝", "⻋": "车", "⻑": "長", "⻓": "长", "⻔": "门", "⻘": "青", "⻙": "韦",
    "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻟": "食", "⻡": "首", "⻢": "马", "⻣": "骨",
    "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻬": "齐",
    "⻮": "齿", "⻰": "龙", "⻳": "龟",
}

# Spaces that are not U+0020: no-break, ideographic, the typographic widths, narrow no-break.
_ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {ord(k): v for k, v in _RADICALS_SUPPLEMENT.items()}
    for cp in range(0x2F00, 0x2FE0):  # Kangxi radicals: NFKC knows their characters
        folded = unicodedata.normalize("NFKC", chr(cp))
        if folded != chr(cp):
            table[cp] = folded
    for cp in range(0xFF10, 0xFF1A):  # full-width digits → ASCII
        table[cp] = chr(cp - 0xFEE0)
    for cp in list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)):  # full-width Latin
        table[cp] = chr(cp - 0xFEE0)
    for ch in _ODD_SPACES:
        table[ord(ch)] = " "
    return table


_FOLD = _build_fold_table()
_FOLD_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in _FOLD) + "]")

_HAN = HAN_RANGES
# CJK punctuation and full-width forms that sit inside Chinese text.
_CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
_CJK = _HAN + _CJK_PUNCT

# A space next to CJK punctuation, or between CJK and a digit, never carries meaning. (Written
# to open on the space itself, "(?<=[P] ) *" for "(?<=[P]) +": the same runs, but the regex
# engine then skips in C to the next space instead of trying every position.)
_SPACE_AT_PUNCT = re.compile(rf" (?<=[{_CJK_PUNCT}] ) *| +(?=[{_CJK_PUNCT}])")
_SPACE_HAN_DIGIT = re.compile(rf" (?<=[{_HAN}] ) *(?=[0-9])| (?<=[0-9%] ) *(?=[{_HAN}])")
_SPACE_BETWEEN_HAN = re.compile(rf"(?<=[{_HAN}]) +(?=[{_HAN}])")
_MULTI_SPACE = re.compile(r" {2,}")
_SINGLE_HAN_TOKEN = re.compile(rf"(?:^|(?<= ))[{_CJK}](?= |$)")

# Half-width punctuation written inside Chinese text (",", ":", ";", "?", "!", "(…)").
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
# (One mark first, then what is around it: the engine skips in C to the next mark.)
_HALF_PUNCT_AFTER_CJK = re.compile(rf"[,:;?!](?:(?<=[{_CJK}][,:;?!])|(?<=[,;])(?=[{_HAN}]))")
_HALF_PUNCT = re.compile(r"[,:;?!]")
_PAREN_GROUP = re.compile(r"\(([^()]{0,40})\)")
_HAN_RE = re.compile(rf"[{_HAN}]")
_CJK_RE = re.compile(rf"[{_CJK}]")


def _is_letter_spaced(line: str) -> bool:
    """A justified line: most characters stand alone between spaces ("前 提 下 最 多 跑"), from the
    first that does on (what comes before may be a dateline set tight: "本报讯（某某）采 用 网 上
    办…", and the text after the dateline must read as the line did)."""
    if line.count(" ") < 3:
        return False
    first = _SINGLE_HAN_TOKEN.search(line)
    if first is None:
        return False
    tail = line[first.start() :]
    singles = len(_SINGLE_HAN_TOKEN.findall(tail))
    return singles >= 3 and singles * 3 >= len(_HAN_RE.findall(tail))


def fold_characters(line: str) -> tuple[str, int]:
    """Lookalike radicals, full-width ASCII and odd spaces become the ordinary characters."""
    if not _FOLD_CHARS.search(line):
        return line, 0
    count = len(_FOLD_CHARS.findall(line))
    return line.translate(_FOLD), count


def remove_cjk_spaces(line: str) -> tuple[str, int]:
    """Drop spaces that justification or extraction put inside Chinese text; keep Latin spacing.

    A single space between two runs of Han characters in an ordinary line separates two phrases
    ("党建引领 服务群众", "周明远 吴晓红") and stays; in a letter-spaced line it goes.
    """
    before = line.count(" ")
    if before == 0:
        return line, 0
    text = line.strip(" ")
    text = _MULTI_SPACE.sub(" ", text)
    if text.isascii():  # every rule below needs a Chinese character (look-behinds cost a step per character)
        return text, before - text.count(" ")
    text = _SPACE_AT_PUNCT.sub("", text)
    text = _SPACE_HAN_DIGIT.sub("", text)
    if _is_letter_spaced(text):
        text = _SPACE_BETWEEN_HAN.sub("", text)
    return text, before - text.count(" ")


def widen_punctuation(line: str) -> tuple[str, int]:
    """Half-width , : ; ? ! ( ) written between Chinese characters become full-width.

    Repeated until nothing changes: a mark widened gives its neighbour the Chinese context it
    lacked ("神,," → "神，," → "神，，", a bracket after a widened comma), and cleaning a cleaned
    line must change nothing. Each pass only widens, so few passes are ever needed.
    """
    total = 0
    while True:
        line, count = _widen_once(line)
        total += count
        if not count:
            return line, total


def _widen_once(line: str) -> tuple[str, int]:
    count = 0

    def paren(match: re.Match[str]) -> str:
        nonlocal count
        start, end = match.span()
        inner = match.group(1)
        before = line[start - 1] if start > 0 else ""
        after = line[end] if end < len(line) else ""
        if _HAN_RE.search(inner) or _CJK_RE.match(before or " ") or _CJK_RE.match(after or " "):
            count += 2
            return f"（{inner}）"
        return match.group()

    text = _PAREN_GROUP.sub(paren, line) if "(" in line else line

    def single(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return _HALF_TO_FULL[match.group()]

    if not text.isascii() and _HALF_PUNCT.search(text):  # look-behinds cost a step per character
        text = _HALF_PUNCT_AFTER_CJK.sub(single, text)
    return text, count


# Every rule below needs one of these characters: a line without any is already clean.
_NEEDS_WORK = re.compile("[" + "".join(re.escape(chr(c)) for c in _FOLD) + re.escape("(,:;?! ") + "]")
# … for callers that skip the call on such a line (normalize_line returns it, and an empty report).
NEEDS_NORMALIZING = _NEEDS_WORK


def normalize_line(line: str) -> tuple[str, CleaningReport]:
    """All character-level rules for one (already sanitized, already simplified) line."""
    report = CleaningReport()
    if not _NEEDS_WORK.search(line):
        return line, report
    text, report.chars_folded = fold_characters(line)
    text, report.punctuation_widened = widen_punctuation(text)
    text, report.spaces_removed = remove_cjk_spaces(text)
    if report.spaces_removed:
        # A space taken away brings punctuation next to Han text it did not touch before
        # ("温度。 ," -> "温度。,"): widened now, so cleaning the result again changes nothing.
        text, widened = widen_punctuation(text)
        report.punctuation_widened += widened
    return text, report
