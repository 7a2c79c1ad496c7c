"""The parts of an article as a page prints them: headline, kicker, subtitle, byline, caption.

Line-level recognisers work on cleaned lines; `find_heading_runs` groups the lines of each
printed headline block (kicker + title lines + subtitle + bylines) wherever it stands on the page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from civread.pipeline.text import (
    HAN_RANGES,
    SENTENCE_ENDERS,
    SENTENCE_PUNCT,
    ends_on_function_char,
    ends_sentence,
    han_count,
    line_widths,
)

# "——四川乐山市创建全国文明城市工作综述": two or more dashes open a subtitle.
SUBTITLE = re.compile(r"^\s*(?:[—－―-]{2,}|[—―]\s*)(?=\S)")
# Bylines with a marker: "◎ 莫学松曾淼", "文/西江日报记者 陈明红", "图/…", "记者 张三", "通讯员 李四".
BYLINE_MARKED = re.compile(
    r"^\s*(?:[◎●■□◆☆★]\s*\S|(?:文|图|文图|图文|文·图|摄影|摄|记者|本报记者|通讯员|特约记者|实习生)\s*[/／:：|｜]\s*\S|"
    r"(?:本报记者|记者|通讯员)\s+\S)"
)
_BYLINE_MARKER = re.compile(r"^\s*[◎●■□◆☆★]\s*")
# A wire or newspaper dateline opens a new article: "本报讯（唐炜）", "本报讯 记者…", "新华社北京1月2日电".
NEWS_LEAD = re.compile(rf"^\s*(?:本报讯|本报消息|本刊讯|新华社[{HAN_RANGES}]{{0,8}}\d{{0,2}}月?\d{{0,2}}日?电)")
NEWS_LEAD_BYLINE = re.compile(r"^\s*(本报讯\s*(?:[（(][^（）()]{1,30}[)）]|记者\s*[^，,\s]{2,12}(?:\s+[^，,\s]{2,12})*))")
# Summaries printed above the body.
LEAD_LABEL = re.compile(r"^\s*(?:核心提示|内容提要|内容摘要|编者按|导读|摘要)\s*[:：]")
# Captions: "图为…", or a closing credit "… 摄", "…供图", "（张三 摄）".
CAPTION_START = re.compile(r"^\s*(?:图为|上图|下图|左图|右图|图片[:：]|图[:：])")
CAPTION_CREDIT = re.compile(
    rf"(?:[{HAN_RANGES}]{{2,4}}[ ·]?){{1,4}}(?:摄|摄影|供图)$|[（(][^（）()]{{1,24}}(?:摄|供图)[)）]$|图片由.{{1,20}}提供[。]?$"
)
# A kicker is a place or organisation name the headline hangs from: "青海久治县：".
KICKER = re.compile(rf"^([{HAN_RANGES}A-Za-z0-9·（）()]{{2,18}})[：:]\s*")

# The most common Chinese surnames (compound ones first): a name-only line after a headline
# is the byline ("周利珍 黄长彬", "苏瑞宁韦惠银").
_COMPOUND_SURNAMES = "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 独孤 南宫 西门".split()
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)


def is_subtitle(line: str) -> bool:
    return bool(SUBTITLE.match(line)) and han_count(line) >= 2


def is_marked_byline(line: str) -> bool:
    return bool(BYLINE_MARKED.match(line)) and len(line.strip()) <= 60


def strip_byline_marker(line: str) -> str:
    return _BYLINE_MARKER.sub("", line).strip()


def _name_token(token: str) -> bool:
    if not 2 <= len(token) <= 4 or han_count(token) != len(token):
        return False
    return token[0] in _SURNAMES or token[:2] in _COMPOUND_SURNAMES


def is_name_line(line: str) -> bool:
    """A line of one to four personal names and nothing else: an unmarked byline."""
    text = line.strip()
    if not text or han_count(text.replace(" ", "")) != len(text.replace(" ", "")):
        return False
    total = len(text.replace(" ", ""))
    if not 2 <= total <= 12:
        return False
    tokens = text.split()
    if len(tokens) > 1:
        return all(_splits_into_names(t) for t in tokens)
    return _splits_into_names(text)


def _splits_into_names(run: str) -> bool:
    """'苏瑞宁韦惠银' → 苏瑞宁 + 韦惠银: the run can be cut into 2–3 character names."""
    if _name_token(run) and len(run) <= 3:
        return True
    for size in (3, 2):
        head, rest = run[:size], run[size:]
        if _name_token(head) and rest and _splits_into_names(rest):
            return True
    return False


def is_news_lead(line: str) -> bool:
    return bool(NEWS_LEAD.match(line))


def is_caption(text: str) -> bool:
    """A photo caption: opens with 图为 or closes with a photographer's credit."""
    stripped = text.strip()
    if len(stripped) > 500:
        return False
    return bool(CAPTION_START.match(stripped) or has_caption_credit(stripped) or "。图为" in stripped)


def has_caption_credit(text: str) -> bool:
    """The text closes with a photographer's or supplier's credit ("… 摄", "…供图")."""
    last = text[-1:]
    if last in ("摄", "图", "影", "）", ")"):
        return bool(CAPTION_CREDIT.search(text[-40:]))
    return last in ("供", "。") and "提供" in text[-8:] and bool(CAPTION_CREDIT.search(text[-40:]))


_CREDIT_LINE = re.compile(
    rf"^(?:(?:[{HAN_RANGES}]{{2,4}}[ ·]?){{1,4}}(?:摄|摄影|供图)|[（(][^（）()]{{1,24}}(?:摄|供图)[)）]|(?:摄影|图)[/／:：].{{1,20}})$"
)


def is_credit_line(line: str) -> bool:
    """A line that is only a photo credit ("周松林摄", "（张三 摄）"): it closes the caption above."""
    return bool(_CREDIT_LINE.match(line.strip()))


def is_kicker_line(line: str) -> bool:
    text = line.strip()
    return text.endswith(("：", ":")) and bool(KICKER.match(text)) and len(text) <= 20


def is_title_line(line: str) -> bool:
    """Could this line be part of a printed headline? (No sentence punctuation, some Han text.)"""
    text = line.strip()
    if not text or len(text) > 60 or han_count(text) < 2:
        return False
    if is_news_lead(text) or is_credit_line(text):
        return False
    return not SENTENCE_PUNCT.search(text)


@dataclass
class HeadingRun:
    """The lines of one printed headline block, recognised but not yet matched to a body."""

    line_indices: list[int] = field(default_factory=list)
    kicker: str = ""
    title_lines: list[str] = field(default_factory=list)
    subtitle: str = ""
    bylines: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return "".join(self.title_lines).strip()

    @property
    def has_structure(self) -> bool:
        """Kicker, subtitle or byline: the marks of a headline, as opposed to a subhead."""
        return bool(self.kicker or self.subtitle or self.bylines)

    @property
    def text(self) -> str:
        return " ".join(x for x in (self.kicker, self.title, self.subtitle) if x)

    @property
    def is_byline_only(self) -> bool:
        return not self.title_lines and not self.kicker and not self.subtitle and bool(self.bylines)


def _next_nonblank(lines: Sequence[str], i: int) -> int | None:
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j if j < len(lines) else None


def _local_width(widths: Sequence[float], i: int, radius: int = 6) -> float:
    window = [w for w in widths[max(0, i - radius) : i + radius + 1] if w > 0]
    if not window:
        return 0.0
    window.sort()
    return window[(len(window) * 3) // 4]


def find_heading_runs(lines: Sequence[str], widths: Sequence[float] | None = None) -> list[HeadingRun]:
    """Every headline-like block on the page (blank lines and dropped junk are given as '').

    `widths` are the lines' `line_widths`, when the caller has them already.
    """
    if widths is None:
        widths = line_widths(lines)
    runs: list[HeadingRun] = []
    prev_ends_paragraph = True  # the page start counts as the end of a paragraph
    prev_line = ""
    i = 0
    n = len(lines)
    while i < n:
        text = lines[i].strip()
        if not text:
            i += 1
            continue
        starts_run = prev_ends_paragraph and (
            is_title_line(text) or is_subtitle(text) or is_marked_byline(text) or is_kicker_line(text)
        )
        run = _grow_run(lines, i) if starts_run else None
        if run is not None and _accept_run(run, lines, widths):
            runs.append(run)
            i = run.line_indices[-1] + 1
            prev_ends_paragraph = True
            prev_line = ""
            continue
        # A credit or sentence end may be cut across two lines ("…周松" / "林摄").
        prev_ends_paragraph = text[-1] in SENTENCE_ENDERS and (ends_sentence(text) or ends_sentence(prev_line + text))
        prev_line = text
        i += 1
    return runs


def _grow_run(lines: Sequence[str], start: int) -> HeadingRun | None:
    """Collect kicker, title lines, subtitle and bylines from `start` on, in the order printed."""
    run = HeadingRun()
    i = start
    stage = 0  # 0: kicker/title, 1: after subtitle, 2: bylines
    while i < len(lines):
        text = lines[i].strip()
        if not text:
            j = _next_nonblank(lines, i)
            if j is None:
                break
            nxt = lines[j].strip()
            after_kicker = bool(run.kicker) and not run.title_lines
            if after_kicker and is_title_line(nxt):
                i = j
                continue
            if (run.title_lines or run.subtitle or run.kicker) and (
                is_subtitle(nxt) and stage == 0 or is_marked_byline(nxt) or is_name_line(nxt) and stage >= 1
            ):
                i = j
                continue
            if run.bylines and is_marked_byline(nxt):
                i = j
                continue
            break
        if stage <= 1 and is_subtitle(text) and not run.subtitle and (run.title_lines or run.kicker):
            run.subtitle = text
            stage = 1
        elif is_marked_byline(text):
            run.bylines.append(text)
            stage = 2
        elif stage == 0 and not run.title_lines and not run.kicker and is_kicker_line(text):
            run.kicker = text.rstrip("：:").strip()
        elif stage == 0 and is_title_line(text):
            if run.title_lines and is_name_line(text) and _name_line_closes(lines, i):
                run.bylines.append(text)
                stage = 2
            else:
                run.title_lines.append(text)
        elif stage >= 1 and is_name_line(text):
            run.bylines.append(text)
            stage = 2
        else:
            break
        run.line_indices.append(i)
        i += 1
        if len(run.title_lines) > 5:
            return None
    if not run.line_indices:
        return None
    _split_inline_parts(run)
    return run


def _name_line_closes(lines: Sequence[str], i: int) -> bool:
    """A name line ends a headline block only when nothing but a blank or the page end follows."""
    return i + 1 >= len(lines) or not lines[i + 1].strip() or is_news_lead(lines[i + 1])


_INLINE_SUBTITLE = re.compile(r"\s*[—－―]{2,}")


def _split_inline_parts(run: HeadingRun) -> None:
    """'青海贵德县：突出…' carries its kicker inline; '标题 ——副题' its subtitle."""
    if not run.title_lines:
        return
    if not run.kicker:
        match = KICKER.match(run.title_lines[0])
        if match and len(run.title_lines[0]) > match.end():
            run.kicker = match.group(1)
            run.title_lines[0] = run.title_lines[0][match.end() :]
    if not run.subtitle:
        for k, line in enumerate(run.title_lines):
            cut = _INLINE_SUBTITLE.search(line)
            if cut and cut.start() > 0:
                run.subtitle = line[cut.start() :].strip()
                run.title_lines[k] = line[: cut.start()].rstrip()
                rest = run.title_lines[k + 1 :]
                del run.title_lines[k + 1 :]
                if rest:
                    run.subtitle += "".join(rest)
                break


def _accept_run(run: HeadingRun, lines: Sequence[str], widths: Sequence[float]) -> bool:
    """A run is a headline block if it shows structure or stands apart like one."""
    last = run.line_indices[-1]
    nxt = last + 1
    followed_by_break = nxt >= len(lines) or not lines[nxt].strip() or is_news_lead(lines[nxt])
    if run.is_byline_only:
        return followed_by_break or is_news_lead(lines[nxt]) if nxt < len(lines) else True
    if run.subtitle or run.bylines:
        return True
    title = run.title
    if not title:
        return followed_by_break
    if not followed_by_break and not run.kicker:
        return False
    if not run.kicker and ends_on_function_char(title):
        return False
    if run.kicker and not followed_by_break:
        # "青海久治县：" then the title on the next lines: accepted once a break follows.
        return False
    if not run.kicker:
        # Lines exactly as wide as the column, followed after a blank by text that does not open
        # a paragraph, are a sentence cut by a blank line, not a headline.
        j = _next_nonblank(lines, last)
        if j is not None:
            column = _local_width(widths, j)
            full = all(0.9 * column <= widths[i] <= 1.08 * column for i in run.line_indices)
            if column and full and not _opens_paragraph(lines, j):
                return False
    return True


_PARAGRAPH_OPENING = re.compile(
    r"^(?:[“「]|(?:近年来|今年以来|近日|日前|近期|去年以来|年初以来|连日来|当前|眼下|\d{1,2}月\d{1,2}日)[，,])"
)


def _opens_paragraph(lines: Sequence[str], j: int) -> bool:
    """The text at line j reads like the start of a paragraph, not the rest of a cut sentence."""
    head = "".join(line.strip() for line in lines[j : j + 3] if line.strip())
    if is_title_line(lines[j]) or is_news_lead(head) or is_subtitle(lines[j]) or _PARAGRAPH_OPENING.match(head):
        return True
    return bool(_PLACE_OPENING.match(head))


# A lead that opens on a place named in full: "青海省海南藏族自治州贵德县紧紧围绕…".
_PLACE_OPENING = re.compile(
    rf"^[{HAN_RANGES}]{{1,8}}(?:省|自治区)[{HAN_RANGES}]{{1,10}}?(?:市|州|盟|地区)"
)


_PHRASE_SPACE = re.compile(rf"[{HAN_RANGES}”》] +[{HAN_RANGES}“《]")


def _has_phrase_space(title: str) -> bool:
    return bool(_PHRASE_SPACE.search(title))


def news_lead_byline(paragraph: str) -> tuple[str, str]:
    """Split '本报讯（唐炜）1月28日，…' into ('本报讯（唐炜）', '1月28日，…')."""
    match = NEWS_LEAD_BYLINE.match(paragraph)
    if not match:
        return "", paragraph
    return match.group(1).strip(), paragraph[match.end() :].lstrip()
