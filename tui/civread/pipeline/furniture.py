"""Page furniture of a printed page: the masthead, page numbers, editors' credits, column labels.

An e-paper extraction carries the page's furniture as text lines among the articles: the
masthead ("2024年3月12日 星期二 综合新闻 责任编辑：王一 版式设计：李二"), the page number
("3", "第3版", "A3", "- 3 -"), the paper's name, and the label over a column of short items
("简讯", "图片新闻"). None of it belongs to an article; it is removed with its reason (nothing
disappears silently). Furniture also tells where the paper is at home: a masthead or paper name
that names a place ("青田县报", "中共某某县委主办").

Only text pages have furniture: a web page's editor line closes its article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from civread.pipeline.gazetteer import codes_named
from civread.pipeline.text import HAN_RANGES, PAPER_SUFFIX, ends_sentence, nearest_text

MASTHEAD = "page furniture (masthead, page number, editors)"
COLUMN_LABEL = "column label"

_PAGE_NUMBER = re.compile(r"^(?:第\s*[A-Z]?\d{1,3}\s*版|[A-Z]?\d{1,3}|[A-Z]\d{1,2}\s*版?|[-—－]\s*\d{1,3}\s*[-—－])$")
_WEEKDAY_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周|礼拜)[一二三四五六日天]")
_EDITOR_ROLE = re.compile(
    r"(?:责任编辑|责编|本版编辑|编辑|版式设计|版式|美术编辑|美编|校对|组版|审读|值班编委|版面设计|图片编辑)\s*[:：]\s*\S"
)
_PAPER_NAME = re.compile(rf"^[{HAN_RANGES}]{{0,10}}{PAPER_SUFFIX}(?:社)?$")
_PAPER_OWNER = re.compile(rf"^(?:中共)?[{HAN_RANGES}]{{2,12}}(?:委|委员会)(?:机关报|主办)")
# "某某报 2023年4月25日", "某某日报·第3版": the paper's name with the date or page.
_PAPER_AND_DATE = re.compile(rf"^[{HAN_RANGES}]{{0,10}}{PAPER_SUFFIX}[·|｜]?(?:\d{{4}}年\d{{1,2}}月\d{{1,2}}日|第[A-Z]?\d{{1,3}}版)")
_SENTENCE = re.compile(r"[。！？；]")
# Every masthead rule below needs one of these characters: a weekday (星期, 周, 礼拜), an editor's
# role (编辑, 版式, 校对, 审读, …), a paper's name or its owner (…报, …刊, 县委).
_MASTHEAD_HINT = re.compile("[期周拜编版校审报刊委]")
# Labels newspapers print over a column of short items; each item under them is its own piece.
COLUMN_LABELS = frozenset(
    "简讯 快讯 短讯 图片新闻 一句话新闻 新闻速递 新闻简报 要闻简报 动态 工作动态 资讯 新闻快递 基层动态 简明新闻 本地简讯".split()
)


# The shape of such labels beyond the list: a few characters ending on what the column holds.
_LABEL_SHAPE = re.compile(rf"^[{HAN_RANGES}]{{0,4}}(?:简讯|快讯|短讯|速览|速递|简报|集锦|一览|扫描|快报|点击)$")


def furniture_reason(line: str) -> str | None:
    """Why this line of a text page is page furniture, or None when it is page text."""
    text = line.strip()
    if not text or len(text) > 120:
        return None
    if len(text) <= 12:
        compact = "".join(text.split())
        if compact in COLUMN_LABELS or _LABEL_SHAPE.match(compact):
            return COLUMN_LABEL
        if _PAGE_NUMBER.match(text):
            return MASTHEAD
    if _SENTENCE.search(text):  # most lines of a page: body text
        return None
    if not _MASTHEAD_HINT.search(text):  # the rest of a page's text lines
        return None
    compact = "".join(text.split())
    if _WEEKDAY_DATE.search(text):
        return MASTHEAD
    roles = _EDITOR_ROLE.findall(text)
    if roles and (len(roles) >= 2 or _EDITOR_ROLE.match(text)) and len(compact) <= 40:
        return MASTHEAD
    if _is_paper_name(compact) or _PAPER_OWNER.match(compact) or _PAPER_AND_DATE.match(compact):
        return MASTHEAD
    return None


def furniture_reasons(lines: Sequence[str]) -> list[str | None]:
    """furniture_reason for every line of a page (see `shredded_numbers` for bare numbers)."""
    reasons = [furniture_reason(line) for line in lines]
    for i in shredded_numbers(lines):
        reasons[i] = None
    # The masthead is a block: a short label printed on a line of its own right above or below
    # a masthead line (the section's name, "综合新闻") belongs to it.
    # So does the paper's name printed on its own line above or below it ("某某报"), and a short
    # label with furniture on both sides ("文明创建" between the masthead and the page number): a
    # short headline beside the masthead has its body below it, not more furniture.
    for i, reason in enumerate(reasons):
        if reason != MASTHEAD:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and reasons[j] is None and (
                _is_short_label(lines[j]) or _PAPER_NAME.match("".join(lines[j].split()))
            ):
                reasons[j] = MASTHEAD
    for i, line in enumerate(lines):
        if reasons[i] is None and 0 < len(line.strip()) <= 8 and not _SENTENCE.search(line):
            above, below = nearest_text(lines, i, -1), nearest_text(lines, i, 1)
            if above is not None and below is not None and reasons[above] == reasons[below] == MASTHEAD:
                reasons[i] = MASTHEAD
    return reasons


def is_section_label(text: str, line_indices: Sequence[int], lines: Sequence[str], masthead: Sequence[int]) -> bool:
    """A short headline-like block no article claimed, right under the masthead with nothing but
    blank or dropped lines between: the section's name ("文明创建"), whatever its words.

    Known only once the articles are cut: a short headline beside the masthead has a body."""
    if len(line_indices) != 1 or not 0 < len("".join(text.split())) <= _SECTION_LABEL_CHARS or _SENTENCE.search(text):
        return False
    i = line_indices[0]
    above = nearest_text(lines, i, -1)
    return any(m < i and (above is None or above < m) for m in masthead)


# A section's name is a word or two.
_SECTION_LABEL_CHARS = 8


def _is_short_label(line: str) -> bool:
    """A section's name as mastheads print it ("综合新闻", "要闻", "第3版 专版")."""
    text = line.strip()
    return 0 < len(text) <= 8 and bool(_SECTION_NAME.search(text))


# The ends of section names; a short headline ("春耕正忙") beside a masthead is not one.
_SECTION_NAME = re.compile(r"(?:新闻|要闻|综合|专版|专刊|副刊|时事|社会|经济|文化|体育|视点|聚焦|民生|观察|理论|评论|法治|教育|健康|国际|国内|地方|县域|城事|时评|版)$")


def _is_paper_name(compact: str) -> bool:
    """A newspaper's name alone on its line: "某某日报", or a place's short name + 报 ("青田报");
    a headline ending on a word in 报 ("情况通报", "春耕捷报") is not one."""
    if not _PAPER_NAME.match(compact):
        return False
    if compact.endswith(("日报", "晚报", "时报", "导报", "周刊")):
        return True
    return bool(codes_named(compact[:-1]) or codes_named(compact[:-2]))


def shredded_numbers(lines: Sequence[str]) -> set[int]:
    """Lines that are a bare number inside a running sentence.

    A bare number is a page number only where a paragraph has ended before it: inside a
    sentence it is part of a number the extraction shredded onto lines of its own
    ("5月" / "1" / "5日"), and it stays.
    """
    found: set[int] = set()
    previous = ""
    for i, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        if text.isdigit() and previous and not ends_sentence(previous):
            following = next((t for t in (x.strip() for x in lines[i + 1 : i + 4]) if t), "")
            if following[:1].isdigit() or following[:1] in _NUMBER_UNITS:
                found.add(i)
        previous = text
    return found


# What follows the rest of a shredded number: more digits, or the unit it counts in.
_NUMBER_UNITS = frozenset("年月日万亿千百个人名户家元米吨亩次场项件座条所余多%％.．")
