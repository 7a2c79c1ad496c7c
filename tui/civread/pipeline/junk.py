"""Web junk: lines that belong to the site, not to the article. Each rule names its reason.

The rules are about the *shape* of site furniture (share buttons, licence lines, copyright
notices, navigation bars, section headers, injected spam), never about any one site.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from civread.pipeline.furniture import shredded_numbers
from civread.pipeline.text import HAN, HAN_RANGES, display_width

# Buttons and labels of share bars, toolbars and e-paper navigation; a line made only of these
# (separated by spaces, |, /, -, ·) is furniture.
_BUTTON_WORDS = (
    "分享到", "分享至", "分享", "微信", "微博", "新浪微博", "腾讯微博", "QQ空间", "QQ好友", "QQ",
    "朋友圈", "扫一扫", "复制链接", "收藏", "点赞", "打印", "打印本页", "关闭", "关闭窗口",
    "返回顶部", "返回首页", "返回目录", "返回", "首页", "上一版", "下一版", "上一篇", "下一篇",
    "上一期", "下一期", "往期回顾", "数字报", "电子报", "电子版", "数字报刊", "版面导航", "标题导航",
    "字号", "大", "中", "小", "放大", "缩小", "默认", "评论", "我要评论", "举报", "更多", "相关新闻",
    "相关阅读", "热点推荐", "今日推荐", "推荐阅读", "扫码阅读", "手机看", "手机版", "X", "×",
    "0", "Top", "TOP", "Share", "share", "WeChat", "Weibo", "Facebook", "Twitter", "Print", "Close",
)
_BUTTON_TOKEN = "|".join(re.escape(w) for w in sorted(_BUTTON_WORDS, key=len, reverse=True))
_BUTTON_LINE = re.compile(rf"^(?:\d{{1,2}}[.、]\s*)?(?:[【\[]?(?:{_BUTTON_TOKEN})[】\]]?[\s|/\-·:：>→、,，]*)+$")
# A button line opens with a digit, a bracket or a button word's first character (a cheap test
# before the long alternation, on every short line of every page).
_BUTTON_FIRST = frozenset("【[" + "".join(word[0] for word in _BUTTON_WORDS))

_ICP = re.compile(r"ICP\s*[备证]|ICP\s*\d|公网安备|网络出版服务许可证|新闻信息服务许可证|"
                  r"信息网络传播视听节目许可证|广播电视节目制作经营许可证|增值电信业务经营许可证|"
                  r"互联网新闻信息服务许可证|违法和不良信息举报")
_POWERED = re.compile(r"\bpowered\s+by\b", re.IGNORECASE)
_COPYRIGHT = re.compile(r"版权所有|版权声明|免责声明|版权与免责|Copyright|copyright|©|\(c\)\s*\d{4}|"
                        r"未经(?:书面)?授权(?:禁止|不得)|禁止(?:转载|复制)|不得转载|建立镜像|All Rights Reserved",
                        re.IGNORECASE)
# Inside a copyright block: the clauses of a site's legal notice.
_LEGAL_CLAUSE = re.compile(r"本网|本站|本报(?:网站|所有)|转载|版权|授权|法律责任|侵权|联系人|联系电话|"
                           r"电话[:：]|请浏览|详细请|来源[:：]|^\s*\d+[.、]?\s*$|https?://|www\.")
# Navigation bars: several short items separated by | or │ ("关于我们| 广告服务| 版权声明").
_NAV_SEPARATORS = re.compile(r"\s*[|│｜]\s*")
# An e-paper section header: a short label and a page code ("要闻 A2", "纪实·服务B4", "第03版：综合").
_SECTION_HEADER = re.compile(rf"^(?:[{HAN_RANGES}·・]{{1,10}}\s*[A-H]\d{{1,2}}|第\s*\d{{1,3}}\s*版.{{0,12}}|"
                             rf"[A-H]\d{{1,2}}\s*[{HAN_RANGES}·・]{{1,10}})$")
# … so a header opens with 第 or a page letter, or ends on the page's digit.
_HEADER_FIRST = frozenset("第ABCDEFGH")
_MARKUP_RESIDUE = re.compile(r"^[\s\d.、)）(（\-–—*•·|/\\<>]*$")
# Injected spam of mirror sites: gambling, pornography, "free video" bait. Strong terms alone;
# weak terms only in short lines that are not sentences.
_SPAM_STRONG = re.compile(r"百家乐|六合彩|时时彩|娱乐城|博彩|赌场|澳门新葡京|威尼斯人|真人视讯|棋牌游戏|"
                          r"无码|一本道|成人影[院片视]|色情|黄色网站|成人网站|av女优|人妻|自拍偷拍|"
                          r"偷拍|毛片|porn|[Aa][Vv](?:免费|在线|网站|视频|影院|天堂)|免费(?:av|AV)")
# (激情, 彩票 and 发票 are news words too, "点燃冰雪激情", "体育彩票", "电子发票": only as bait.)
_SPAM_WEAK = re.compile(
    r"免费网站|在线观看|免费视频|高清视频|激情(?:视频|影院|电影|小说|图片|网站?|在线|直播)|伦理片|福利视频|"
    r"彩票(?:网|平台|注册|投注|app|APP)|代孕|代开(?:增值税)?发票|发票代开"
)
_SENTENCE_END = re.compile(r"[。！？!?]$")
_HAN = HAN


def _is_navigation(line: str) -> bool:
    if "|" not in line and "│" not in line and "｜" not in line:
        return False  # one part at most: never a bar
    parts = [p for p in _NAV_SEPARATORS.split(line.strip()) if p]
    if len(parts) < 3 and not (len(parts) == 2 and line.strip().endswith(("|", "｜"))):
        return False
    return all(len(p) <= 12 and not _SENTENCE_END.search(p) for p in parts)


# One scan for the rules that can fire anywhere in a line of any length.
_ANYWHERE = re.compile(
    f"(?P<icp>{_ICP.pattern})|(?P<powered>{_POWERED.pattern})|(?P<spam>{_SPAM_STRONG.pattern})|(?P<copyright>{_COPYRIGHT.pattern})",
    re.IGNORECASE,
)
_ANYWHERE_REASONS = {"icp": "licence line", "powered": "site software credit", "spam": "spam", "copyright": "copyright notice"}


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex (| outside groups and classes)."""
    parts: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


# The same rules split for speed. Alternatives without a Latin letter (or escape) are plain
# literals no case can change: as one flat alternation the regex engine skips, in C, every
# character that cannot start one. The few with Latin letters are only tried on lines that hold
# a letter (in any case form), "(" or 免. The leftmost position either finds is where
# _ANYWHERE.search would match, and _ANYWHERE.match there picks the same rule.
_LATIN = re.compile(r"[A-Za-z\\]")
_ANYWHERE_PARTS = [alt for rule in (_ICP, _POWERED, _SPAM_STRONG, _COPYRIGHT) for alt in _alternatives(rule.pattern)]
_PLAIN_ANYWHERE = re.compile("|".join(a for a in _ANYWHERE_PARTS if not _LATIN.search(a)))
_LATIN_ANYWHERE = re.compile("|".join(a for a in _ANYWHERE_PARTS if _LATIN.search(a)), re.IGNORECASE)
_LATIN_GATE = re.compile(r"[a-z(免]", re.IGNORECASE)
assert all(c.lower() == c.upper() for c in _PLAIN_ANYWHERE.pattern), "a cased character outside (?i)"


# In a line of ASCII only, every rule that needs a Chinese character or © is out of reach, and
# (ASCII has no odd case forms) what is left needs one of these words in its lower case.
_ASCII_ANYWHERE_WORDS = ("icp", "powered", "porn", "copyright", "(c)", "all rights reserved")


def _anywhere(text: str, plain_possible: bool = True) -> re.Match[str] | None:
    """`_ANYWHERE.search(text)`, faster (`tests/test_pipeline_speed_guards.py` checks it is the same).

    `plain_possible` False: the caller knows _PLAIN_ANYWHERE finds nothing in the text."""
    if text.isascii():
        lowered = text.lower()
        if not any(word in lowered for word in _ASCII_ANYWHERE_WORDS):
            return None
    plain = _PLAIN_ANYWHERE.search(text) if plain_possible else None
    latin = _LATIN_ANYWHERE.search(text) if _LATIN_GATE.search(text) else None
    if plain is None and latin is None:
        return None
    if plain is None or (latin is not None and latin.start() < plain.start()):
        start = latin.start()  # type: ignore[union-attr]
    else:
        start = plain.start()
    return _ANYWHERE.match(text, start)


# Only short lines can be buttons, navigation, headers, markup residue or weak-term spam.
_SHORT = 80


def junk_reason(line: str) -> str | None:
    """Why a single line is site furniture, or None when it may be article text."""
    return _reason(line, True, True, True)


def _reason(line: str, plain: bool, weak_spam: bool, bars: bool) -> str | None:
    """junk_reason, with what the page has already ruled out skipped (see junk_reasons): `plain`
    False, _PLAIN_ANYWHERE finds nothing; `weak_spam` False, _SPAM_WEAK finds nothing; `bars`
    False, the line holds no navigation bar's separator."""
    text = line.strip()
    if not text:
        return None
    short = len(text) <= _SHORT
    if short:
        if _MARKUP_RESIDUE.match(text):
            return "markup residue"
        if (text[0] in _BUTTON_FIRST or text[0].isdecimal()) and _BUTTON_LINE.match(text):
            return "share button or navigation"
    hit = _anywhere(text, plain)
    if hit is not None:
        reason = _ANYWHERE_REASONS[hit.lastgroup or "copyright"]
        if reason == "copyright notice" and short and _is_navigation(text):
            return "navigation"  # a footer bar that happens to link to the copyright page
        if reason != "copyright notice" or len(text) <= 200:
            return reason
    if not short:
        return None
    if weak_spam and len(text) <= 40 and _SPAM_WEAK.search(text) and not _SENTENCE_END.search(text):
        return "spam"
    if bars and _is_navigation(text):
        return "navigation"
    if (text[0] in _HEADER_FIRST or text[-1].isdecimal()) and _SECTION_HEADER.match(text):
        return "page header"
    return None


def _spam_word_in_prose(lines: Sequence[str], reasons: Sequence[str | None], i: int) -> bool:
    """A spam word in a news sentence ("开设赌场等犯罪", "激情澎湃", "电子发票"), not injected spam.

    A paragraph told in sentences is prose whatever words it holds. A line wrapped out of a
    paragraph is too: the sentence above runs on into it ("…加强对" / "博彩业依法…"), or (for
    the weaker words) it is as wide as the text line below it, a paragraph's first line set in
    a column. Injected spam is a string of names and links, standing apart: after a sentence's
    end or a blank, as wide as its own words."""
    text = lines[i].strip()
    strong_terms = set(_SPAM_STRONG.findall(text))
    if len(strong_terms) >= _ADVERT_TERMS:
        return False  # an advert told in sentences piles up its bait ("…娱乐城…百家乐、真人视讯…")
    if text[-1:] in _SENTENCE_ENDERS and len(_CLAUSE_MARK.findall(text)) >= _PROSE_CLAUSES and len(_HAN.findall(text)) >= _PROSE_HAN:
        return True
    above = lines[i - 1].strip() if i > 0 else ""
    if above and reasons[i - 1] is None and above[-1] not in _ENDS_RUNNING_TEXT:
        return True
    if strong_terms:
        return False
    below = lines[i + 1].strip() if i + 1 < len(lines) else ""
    if not below or reasons[i + 1] is not None:
        return False
    return abs(display_width(text) - display_width(below)) <= _SAME_COLUMN


# What a line ends on when the sentence does not go on into the next line.
_ENDS_RUNNING_TEXT = frozenset("。！？!?；;：:”」』）)>》|")
_SENTENCE_ENDERS = frozenset("。！？!?”」")
# Two lines set in one column are as wide as each other, within this much (in Han characters).
_SAME_COLUMN = 1.0
# A paragraph told in sentences: its clauses (parted by these marks), so many at least, and its
# Han characters.
_CLAUSE_MARK = re.compile("[，、；：]")
_PROSE_CLAUSES = 2
_PROSE_HAN = 30
# So many different strong spam terms in a line make it an advert: news of a gambling case names
# two at most ("非法开设赌场、组织跨境博彩").
_ADVERT_TERMS = 3


def junk_reasons(lines: Sequence[str]) -> list[str | None]:
    """Reasons for every line of a page; a copyright notice drags its legal clauses with it."""
    # A pattern that finds nothing in the whole page finds nothing in any of its lines: one scan
    # of the page (in C) spares one of every line. (A match in the page may run across lines;
    # then every line is scanned, as junk_reason does.) The Latin rules, slow to scan for with
    # their cases, stay gated line by line.
    page = "\n".join(lines)
    plain = _PLAIN_ANYWHERE.search(page) is not None
    weak_spam = _SPAM_WEAK.search(page) is not None
    bars = "|" in page or "│" in page or "｜" in page
    reasons = [_reason(line, plain, weak_spam, bars) for line in lines]
    for i in shredded_numbers(lines):
        reasons[i] = None
    for i, reason in enumerate(reasons):
        if reason == "spam" and _spam_word_in_prose(lines, reasons, i):
            reasons[i] = None
    in_block = False
    for i, line in enumerate(lines):
        text = line.strip()
        if reasons[i] == "copyright notice":
            in_block = True
            continue
        if not in_block or not text:
            continue
        if reasons[i] is not None:
            continue
        if _LEGAL_CLAUSE.search(text):
            reasons[i] = "copyright notice"
        else:
            in_block = False
    return reasons
