"""The figures an article reports: "83万人" of "注册志愿者", found by a clear rule.

Figures are found by a clear rule: a number (Arabic digits, full-width or not, or a Chinese
numeral that carries a 余/多 modifier or a 十/百/千 place), optional 余/多 and 万/亿
magnitudes, then a measure word or unit from a general list. What the figure counts is the
noun phrase right after a measure word ("2742支县级…队伍"), else the noun phrase before the
quantity verb ("受众达13418人"). A range ("2-3名", "两到三名") is one figure with a `high`
end; "百分之二十" is a percentage. Dates, years, ordinals (第…), numbered buildings
("…小区2-5栋、15栋") and phone numbers are not figures: 年/月/日/号/时 are not units, and 第,
address names before 栋/幢 and 11+ digit runs are excluded.

Pure: nothing here imports Textual or Rich.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from civread.measures.keywords import rjieba_module as _rjieba

__all__ = ["Figure", "extract_figures"]


# ---------------------------------------------------------------- figures


@dataclass(frozen=True, slots=True)
class Figure:
    """A number an article reports: "83万人" of "注册志愿者"."""

    value: str  # as written, digits made ASCII: "83万人", "99.41%", "60余万件"
    number: float  # with 万/亿 applied: 830000.0
    unit: str  # the measure word or unit: "人", "%", "支"
    counts: str  # what is counted/measured, "" when the text does not say
    context: str  # the sentence it was found in (trimmed)
    high: float | None = None  # a range's upper end ("2-3名": number 2, high 3), else None

    def as_dict(self) -> dict[str, object]:
        return {
            "value": self.value,
            "number": self.number,
            "high": self.high,
            "unit": self.unit,
            "counts": self.counts,
            "context": self.context,
        }


# Measure words and units, longest first so 人次 wins over 人 and 个月 over 个.
_UNITS = sorted(
    """
    人次 场次 户次 家次 车次 架次 人 名 位 个 支 次 场 件 户 座 盏 条 处 家 项 所 份 辆 栋 幢 间 张 本
    册 台 套 块 棵 株 篇 期 门 轮 节 类 种 起 宗 例 幅 首 部 批 趟 班 艘 架 对 组 支队 队 村 批次
    元 美元 欧元 平方米 平方公里 公顷 亩 公里 千米 米 吨 千克 公斤 斤 立方米 千瓦 千瓦时 度
    小时 分钟 天 周 个月 个百分点 百分点 倍 % ‰
    """.split(),
    key=len,
    reverse=True,
)
# Units after which the counted thing is named before the number, never after it.
_MEASURE_UNITS = frozenset(
    "元 美元 欧元 平方米 平方公里 公顷 亩 公里 千米 米 吨 千克 公斤 斤 立方米 千瓦 千瓦时 度 "
    "小时 分钟 天 周 个月 个百分点 百分点 倍 % ‰".split()
)

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_PLACES = {"十": 10, "百": 100, "千": 1000}
_MAGNITUDES = {"万": 1e4, "亿": 1e8, "万亿": 1e12, "千万": 1e7, "百万": 1e6, "千": 1e3}

_ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_CHINESE = r"[〇零一二两三四五六七八九十百千]+"
_RANGE_SEP = r"(?:-|‐|‑|–|—|~|～|至|到)"
_FIGURE = re.compile(
    r"(?<![\d.,A-Za-z第\-‐‑–—~～/:#＃〇零一二两三四五六七八九十百千万亿])"
    rf"(?P<num>{_ARABIC}|{_CHINESE})"
    # A range, "2-3名" / "三至五人": both ends in the same script.
    rf"(?:{_RANGE_SEP}(?P<high>{_ARABIC}|{_CHINESE}))?"
    r"(?P<mod1>余|多)?"
    r"(?P<mag>万亿|千万|百万|万|亿|千)?"
    r"(?P<mod2>余|多)?"
    rf"(?P<unit>{'|'.join(map(re.escape, _UNITS))})"
    # A unit glued to Latin letters, digits or a hyphen is a code or a range, not a count.
    r"(?![A-Za-z\d\-‐‑–—~～])"
)

# "百分之二十", "百分之99.4": a percentage written out.
_PERCENT_WORDS = re.compile(
    rf"(?<![第])百分之(?P<num>{_ARABIC}|{_CHINESE})(?:{_RANGE_SEP}百分之(?P<high>{_ARABIC}|{_CHINESE}))?"
)
# An address label, not a count: "桂花苑小区2-5栋、15栋", "3号楼" (a numbered building).
_ADDRESS_UNITS = frozenset("栋 幢".split())
_ADDRESS_BEFORE = re.compile(r"(?:小区|花园|家园|苑|园|院|府|庭|城|居|里|村|社区|大厦|公寓)$")

# Full-width digits and signs → ASCII, one character for one so offsets stay valid. Not the
# full-width comma: it is the clause comma of Chinese prose ("，2-3名"), never a digit group.
_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")

# Words after which a noun phrase ends, and verbs that take the counted thing as object.
_VERBS = frozenset(
    """
    成为 召开 举办 举行 开展 组建 成立 建成 建立 建设 打造 新建 改造 设立 设置 办理 发放 培训 招募 组织
    帮助 改善 响应 积极响应 结合 围绕 依托 聚焦 涌现 涌现出 推选 推选出 评选出 选出 帮扶 慰问 走访 收集 解决 化解 受理 处理 提供 投入 完成 培育 评选 选树 表彰 吸引 带动
    惠及 覆盖 参与 参加 安装 铺设 种植 清理 整治 排查 发现 查处 开通 推出 编印 印发 发布 创作
    开设 提升 升级 修复 维修 配备 增设 推广 选派 派出 动员 发动 吸纳 签约 引进 接待 接收 进行
    实施 制定 出台 形成 达成 获得 荣获 培养 认定 命名 创建 挖掘 征集 收到 捐赠 捐款 筹集 募集
    发出 制作 印制 张贴 悬挂 播放 放映 刊发 推送 上线 开放 投放 供给 节约 节省 减少 增加 新增
    增长 下降 提高 上升 突破 带来 实现 有 是 为 占 达 达到 超 超过 逾 近 约 共 计 累计 合计 共计
    总计 多达 高达 仅 只 就 再 又 均 各 已 已达 将 让 使 把 被 对 向 在 以 用 和 至 到 比 较
    """.split()
)
# Stripped from the right of the text before a number (quantity verbs and adverbs).
_BEFORE_TRAIL = frozenset(
    "达 达到 超 超过 逾 近 约 共 计 累计 合计 共计 总计 多达 高达 仅 只 就 再 又 均 各 已 已达 为 是 有 "
    "占 增加 增长 新增 减少 下降 提高 上升 突破 增至 降至 至 到 分别 总数 了 的 共有 拥有 现有 大约 "
    "不到 不足 不少于 不低于 将近 接近 约有 达到了 超过了".split()
)
# Stripped from the left of the counted phrase: scope words that say where, not what.
_LEAD_STRIP = frozenset(
    "全市 全县 全区 全省 全国 全镇 全乡 全村 全州 全盟 全旗 各地 各级 目前 截至目前 其中 累计 共 共计 合计 "
    "总计 现 已 今年 去年 当年 年内 先后 此外".split()
)
# A verb with a result complement ("涌现出", "评选出") ends before what it produced.
_RESULT_ENDINGS = ("出", "到", "了", "完", "成")
_COUNT_NOUNS = ("人数", "数量", "总数", "总量", "数")  # "志愿者人数" counts 志愿者
_NOUNISH = frozenset("n nr ns nt nz ng nrt nrfg vn an j l i eng b zg k".split())
_STOP_TAGS = frozenset("p d ad r m mq q x uj ul uz ud ug uv y f t c e o".split())
_CONJ_INSIDE = frozenset("及 和 与 以及".split())
_PLACE_SUFFIX = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:省|市|县|区|州|盟|旗|镇|乡|街道|村|社区)$")
_CLAUSE_PUNCT = "，。；：！？、,;:!?（）()《》\n…—　 "
_QUOTES = "“”‘’「」『』\"'"


def _parse_chinese(numeral: str) -> float | None:
    """二十 → 20, 三百五 → 350, 两千 → 2000; None for a string that is not a plain numeral."""
    total = 0
    current = None
    last_place = None
    for ch in numeral:
        if ch in _CN_DIGITS:
            if current is not None:  # "一二" is a list of digits, not a number
                return None
            current = _CN_DIGITS[ch]
        else:
            place = _CN_PLACES[ch]
            if last_place is not None and place >= last_place:
                return None
            total += (1 if current is None else current) * place
            current = None
            last_place = place
    if current is not None:
        # 三百五: a trailing digit after a place continues it one place down.
        total += current * (last_place // 10 if last_place and last_place >= 100 else 1)
    return float(total)


def _number(match: re.Match[str]) -> float | None:
    return _value(match, match.group("num"))


def _high(match: re.Match[str]) -> float | None:
    """The upper end of a range figure, or None; a range whose ends differ in script is none."""
    high = match.group("high")
    if not high:
        return None
    return _value(match, high)


def _value(match: re.Match[str], num: str) -> float | None:
    if num[0].isdigit():
        digits = num.replace(",", "")
        if len(digits.split(".")[0]) >= 11:  # a phone or ID number, never a count
            return None
        value = float(digits)
    else:
        has_modifier = bool(match.group("mod1") or match.group("mod2"))
        # A range of Chinese numerals ("三至五人", "两到三个") is a figure without a place.
        has_modifier = has_modifier or bool(match.group("high"))
        has_digit = any(ch in _CN_DIGITS for ch in num)
        has_place = any(ch in _CN_PLACES for ch in num)
        has_place = has_place or bool(match.group("mag"))
        # 五个, 一批, 百场, 千家: words, not figures. 十余个, 三百多人, 两千名, 一万人: figures.
        if not (has_modifier and (has_digit or has_place)) and not (has_digit and has_place):
            return None
        parsed = _parse_chinese(num)
        if parsed is None:
            return None
        value = parsed
    mag = match.group("mag")
    if mag:
        value *= _MAGNITUDES[mag]
    return value


def _percent_value(num: str) -> float | None:
    if num[0].isdigit():
        return float(num.replace(",", ""))
    return _parse_chinese(num)


def _clause_after(text: str, pos: int) -> str:
    paren = re.match(r"[（(][^（）()，。]{1,4}[)）]", text[pos:])
    if paren:  # "30名（组）“四川好人”": the aside is not what is counted
        pos += paren.end()
    end = pos
    limit = min(len(text), pos + 40)
    while end < limit and text[end] not in _CLAUSE_PUNCT:
        end += 1
    return text[pos:end]


def _clause_before(text: str, pos: int) -> str:
    start = pos
    limit = max(0, pos - 40)
    while start > limit and text[start - 1] not in _CLAUSE_PUNCT:
        start -= 1
    return text[start:pos]


def _strip_quotes(phrase: str) -> str:
    """Drop unbalanced or outer quotes, keep a quoted name inside a phrase."""
    phrase = phrase.strip(" \u3000")
    if phrase and all(ch in _QUOTES for ch in phrase):
        return ""
    opens = phrase.count("“") - phrase.count("”")
    if opens > 0:
        phrase = phrase.replace("“", "", opens) if phrase.startswith("“") else phrase + "”" * opens
    elif opens < 0:
        phrase = phrase.replace("”", "", -opens) if phrase.endswith("”") else "“" * -opens + phrase
    if phrase.startswith("“") and phrase.endswith("”") and phrase.count("“") == 1:
        phrase = phrase[1:-1]
    return phrase


def _noun_phrase_after(clause: str) -> str:
    """The noun phrase a clause starts with ("县级文明实践志愿服务队伍，以…"), or ""."""
    words = [(w, t) for w, t in _rjieba().tag(clause) if w.strip()]
    if words and words[0][0] == "的":  # "1000多人的宣讲队伍"
        words = words[1:]
    taken: list[tuple[str, str]] = []
    for i, (word, tag) in enumerate(words):
        if word in _QUOTES:
            taken.append((word, "x"))
            continue
        if word in _VERBS or (tag in _STOP_TAGS and not (word in _CONJ_INSIDE and taken)):
            break
        if i == 0 and tag == "v" and (len(words) == 1 or words[1][1] not in _NOUNISH):
            break  # "改造完工": the clause goes on with a verb, nothing is named here
        taken.append((word, tag))
        if len(taken) >= 8:
            break
    while taken and (taken[-1][1] not in _NOUNISH and taken[-1][0] not in "”’」』"):
        taken.pop()
    while taken and taken[-1][0] in _CONJ_INSIDE:
        taken.pop()
    return _strip_quotes("".join(w for w, _ in taken))


def _noun_phrase_before(clause: str) -> str:
    """The noun phrase a clause ends with, before its quantity verb ("受众达" → 受众)."""
    clause = re.sub(r"[（(][^（）()]{0,20}[)）]$", "", clause)  # "中心(所、站)" → 中心
    words = [(w, t) for w, t in _rjieba().tag(clause) if w.strip()]
    while words and (words[-1][0] in _BEFORE_TRAIL or words[-1][1] in ("uj", "ul", "d", "m", "q")):
        words.pop()
    taken: list[tuple[str, str]] = []
    in_quote = False
    remaining = list(reversed(words))
    for word, tag in remaining:
        if word in "”’」』":
            in_quote = True
            taken.append((word, "x"))
            continue
        if word in "“‘「『":
            in_quote = False
            taken.append((word, "x"))
            continue
        if in_quote:  # a quoted name is taken whole: "“三线”问题"
            taken.append((word, "nz"))
            continue
        if word in _QUOTES:
            taken.append((word, "x"))
            continue
        if word in _VERBS or (tag in _STOP_TAGS and not (word in _CONJ_INSIDE and taken)):
            break
        taken.append((word, tag))
        if len(taken) >= 6:
            break
    taken.reverse()
    # "参与人数5900余人次", "完成数量1912个": a bare count noun says nothing; keep its verb.
    if len(taken) == 1 and taken[0][0] in _COUNT_NOUNS:
        before = remaining[len(taken)] if len(remaining) > len(taken) else None
        if before is not None and before[1] in ("v", "vn"):
            return before[0] + taken[0][0]
        return ""
    while taken and (
        taken[0][0] in _LEAD_STRIP
        or taken[0][0] in _CONJ_INSIDE
        or (len(taken) > 1 and (taken[0][1] == "ns" or _PLACE_SUFFIX.match(taken[0][0])))
        # "涌现出中国好人", "新添置垃圾箱": the verb (and its adverb) before the noun goes.
        or (
            len(taken) > 1
            and (taken[0][1] in ("a", "ad", "d") or (taken[0][1] == "v" and taken[0][0].endswith(_RESULT_ENDINGS)))
            and (taken[1][1] in _NOUNISH | {"v", "a"} or taken[1][0] in _QUOTES)
        )
    ):
        taken.pop(0)
    phrase = _strip_quotes("".join(w for w, _ in taken))
    for noun in _COUNT_NOUNS:
        if phrase.endswith(noun) and len(phrase) > len(noun) + 1:
            phrase = phrase[: -len(noun)]
            break
    return phrase


def _context(text: str, start: int, end: int, width: int = 80) -> str:
    """The sentence around text[start:end], trimmed to about `width` characters."""
    left = max(text.rfind(ch, 0, start) for ch in "。！？\n") + 1
    right_candidates = [i for i in (text.find(ch, end) for ch in "。！？\n") if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    sentence = text[left:right].strip()
    if len(sentence) <= width:
        return sentence
    lo = max(left, start - width // 2)
    hi = min(right, lo + width)
    return ("…" if lo > left else "") + text[lo:hi].strip() + ("…" if hi < right else "")


def extract_figures(text: str) -> list[Figure]:
    """The figures a text reports, in reading order. Never raises."""
    if not text:
        return []
    try:
        return _figures(text)
    except Exception:  # noqa: BLE001 - a metric must never take the reader down
        return []


def _figures(text: str) -> list[Figure]:
    plain = text.translate(_WIDTH)
    found: list[tuple[int, Figure]] = []
    label_end = -1
    for match in _FIGURE.finditer(plain):
        unit = match.group("unit")
        if unit in _ADDRESS_UNITS and (
            _ADDRESS_BEFORE.search(plain, 0, match.start())
            or (match.start() == label_end + 1 and plain[label_end] in "、和及")
        ):
            label_end = match.end()
            continue
        number = _number(match)
        if number is None:
            continue
        high = _high(match)
        if match.group("high") and (high is None or high <= number or match.group("high")[0].isdigit() != match.group("num")[0].isdigit()):
            continue  # "2023-2025个"? not a range we understand: better no figure than a wrong one
        if unit == "周" and plain.startswith("年", match.end()):
            continue  # 70周年 is an anniversary, not a count of weeks
        counts = ""
        if unit not in _MEASURE_UNITS:
            counts = _noun_phrase_after(_clause_after(plain, match.end()))
        if not counts:
            counts = _noun_phrase_before(_clause_before(plain, match.start()))
        figure = Figure(
            value=match.group(0),
            number=number,
            unit=unit,
            counts=counts,
            context=_context(text, match.start(), match.end()),
            high=high,
        )
        found.append((match.start(), figure))
    for match in _PERCENT_WORDS.finditer(plain):
        number = _percent_value(match.group("num"))
        high = _percent_value(match.group("high")) if match.group("high") else None
        if number is None or (match.group("high") and (high is None or high <= number)):
            continue
        counts = _noun_phrase_before(_clause_before(plain, match.start()))
        context = _context(text, match.start(), match.end())
        found.append((match.start(), Figure(match.group(0), number, "%", counts, context, high)))
    found.sort(key=lambda pf: pf[0])
    return [f for _, f in found]
