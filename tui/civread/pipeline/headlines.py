"""The parts of an article as a page prints them: headline, kicker, subtitle, byline, caption.

Line-level recognisers work on cleaned lines; `find_heading_runs` groups the lines of each
printed headline block (kicker + title lines + subtitle + bylines) wherever it stands on the page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence, Set
from dataclasses import dataclass, field
from itertools import accumulate

from civread.pipeline import learned
from civread.pipeline.locality import starts_with_place
from civread.pipeline.text import (
    ENDS_ON_MONTH,
    HAN,
    HAN_RANGES,
    SENTENCE_ENDERS,
    SENTENCE_PUNCT,
    column_width,
    ends_on_function_char,
    ends_sentence,
    first_sentence,
    han_count,
    han_only,
    han_pairs,
    line_widths,
    nearest_text,
    number_runs_on,
    starts_mid_sentence,
    upper_quartile,
)
from civread.pipeline.words import content_words, dictionary_words, tagged_words

# "——浙江湖州市创建全国文明城市工作纪实": two or more dashes open a subtitle.
SUBTITLE = re.compile(r"^\s*(?:[—－―-]{2,}|[—―]\s*)(?=\S)")
# Bylines with a marker: "◎ 王一鸣李晓", "文/某某日报记者 张三", "图/…", "记者 张三", "通讯员 李四".
BYLINE_MARKED = re.compile(
    r"^\s*(?:[◎●■□◆☆★]\s*\S|(?:文|图|文图|图文|文·图|摄影|摄|记者|本报记者|通讯员|特约记者|实习生)\s*[/／:：|｜]\s*\S|"
    r"(?:本报记者|记者|通讯员)\s+\S)"
)
_BYLINE_MARKER = re.compile(r"^\s*[◎●■□◆☆★]\s*")
# A dateline opens a new article. Its shapes, as papers, agencies and sites print them:
# "本报讯（李华）", "本刊讯", "新京报讯（记者…）" (an outlet's own 讯), "新华社北京5月3日电",
# "中新社…电", "本报北京5月3日电", "央广网北京5月3日消息", "IT之家5月3日消息" (outlet, place, date,
# 消息/电/讯), "据新华社报道，" and "记者近日从…获悉" (a lead that names its source).
_OUTLET = rf"(?:[{HAN_RANGES}A-Za-z0-9]{{1,10}}?(?:报|网|社|台|刊|站|之家|新闻|客户端|日报|晚报|时报|电视台))"
_DATE = r"(?:\d{4}年)?\d{1,2}月\d{1,2}日"
# The datelines that carry a credit after them; "据…报道，" is a dateline without one.
_CREDITED_DATELINE = (
    rf"本报讯|本报消息|本刊讯|本台消息|本网讯|{_OUTLET}讯(?=[\s（(【:：，,]|$)"
    rf"|(?:本报|{_OUTLET})[{HAN_RANGES}]{{0,8}}{_DATE}(?:电|讯|消息)"
)
_ATTRIBUTION = rf"据{_OUTLET}[^，,。；\n]{{0,6}}?(?:报道|消息)[，,]"
_DATELINE = rf"{_CREDITED_DATELINE}|{_ATTRIBUTION}"
NEWS_LEAD = re.compile(rf"^\s*(?:{_DATELINE})")
# "据塔斯社报道，…": a lead that names its source, but a story also quotes one mid-way.
ATTRIBUTION_LEAD = re.compile(rf"^\s*{_ATTRIBUTION}")
# "记者近日从县教育局获悉，": how many leads open, but a later paragraph may open so too, so it
# only counts where a lead is looked for (a headline's body, a cut between bodies), never alone.
REPORTER_LEAD = re.compile(r"^\s*(?:本报)?记者[^，,。；\n]{0,24}?从[^。；\n]{2,40}?(?:获悉|了解到|得知)")
# The dateline and the credit that follows it: "本报讯（李华）", "新华社北京5月3日电（记者 王五）".
NEWS_LEAD_BYLINE = re.compile(
    rf"^\s*((?:{_CREDITED_DATELINE})"
    rf"\s*(?:[（(][^（）()]{{1,30}}[)）]|(?:(?:记者|通讯员|实习生)\s*[{HAN_RANGES}·]{{2,5}}(?=[\s，,]|$)\s*)+)?)"
)
# Summaries printed above the body.
LEAD_LABEL = re.compile(r"^\s*(?:核心提示|内容提要|内容摘要|编者按|导读|摘要)\s*[:：]")
# Captions: "图为…", or a closing credit "… 摄", "…供图", "（张三 摄）".
CAPTION_START = re.compile(r"^\s*(?:图为|上图|下图|左图|右图|图片[:：]|图[:：])")
CAPTION_CREDIT = re.compile(
    rf"(?:[{HAN_RANGES}]{{2,4}}[ ·]?){{1,4}}(?:摄|摄影|供图)$|[（(][^（）()]{{1,24}}(?:摄|供图)[)）]$|图片由.{{1,20}}提供[。]?$"
)
# A kicker is a place or organisation name the headline hangs from: "浙江安吉县：".
KICKER = re.compile(rf"^([{HAN_RANGES}A-Za-z0-9·（）()]{{2,18}})[：:]\s*")

# The most common Chinese surnames (compound ones first): a name-only line after a headline
# is the byline ("周明远 吴晓红", "周明远吴晓红").
_COMPOUND_SURNAMES = "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 独孤 南宫 西门".split()
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)


def is_subtitle(line: str) -> bool:
    return bool(SUBTITLE.match(line)) and han_count(line) >= 2


def is_marked_byline(line: str) -> bool:
    """A byline with its marker ("◎ 张三", "记者 李四"); a marked line that reads as a sentence
    ("■ 东湖社区近日举办邻里节，…") is a bulleted item, not a byline."""
    text = line.strip()
    return bool(BYLINE_MARKED.match(text)) and len(text) <= 60 and "，" not in text and not ends_sentence(text)


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
    # Unspaced, at most two names glued together ("周明远吴晓红"): a longer run that happens to
    # cut into surnames ("应由地区国家解决") is a line of text, and so is a name and what its
    # person did ("王沪宁出席": a headline's second line).
    if total > 6 or not _splits_into_names(text):
        return False
    tagged = tagged_words(text)  # (tagged once for these questions)
    return not _name_and_verb(tagged) and not _has_adverb(tagged) and not _a_phrase_not_names(tagged) and (
        _names_part_at_words(text) or _tagged_as_two_names(text, tagged)
    )


def _tagged_as_two_names(text: str, tagged: Sequence[tuple[str, str]]) -> bool:
    """Two full names glued together whose cut the dictionary reads as a word ("彭慧兰江丽军":
    兰江 a river): each half a surname and given name, and the tagger hears a name at both ends."""
    if len(text) != 6 or not (_name_token(text[:3]) and _name_token(text[3:])):
        return False
    return tagged[0][1].startswith("nr") and tagged[-1][1].startswith("nr")


# Glued names run longer than one name's three characters.
_ONE_NAME_CHARS = 3


def _a_phrase_not_names(tagged: Sequence[tuple[str, str]]) -> bool:
    """Two names' worth of glued words (four characters or more) in which the tagger hears no
    name of two characters or more, and a verb or a word of time or place ("方圆/承/古今",
    "黄河/守/古今"): a headline's phrase, not names (one name may read so: "程/远航")."""
    if sum(len(word) for word, _ in tagged) <= _ONE_NAME_CHARS:
        return False
    if any(tag.startswith("nr") and len(word) >= 2 for word, tag in tagged):
        return False
    return any(tag == "v" or tag in ("t", "ns") and len(word) >= 2 for word, tag in tagged)


def _has_adverb(tagged: Sequence[tuple[str, str]]) -> bool:
    """"夏种陆续展开" cuts into surnames and given names, but "陆续" is an adverb: a line of text
    (a headline's second line), not names."""
    return any(tag == "d" and len(word) >= 2 for word, tag in tagged)


def _names_part_at_words(text: str) -> bool:
    """Two names glued together part where a dictionary word ends: "王沪宁参" is no 王沪 + 宁参
    ("王沪宁" is one word: the line is a headline's first, "…参" / "加贵州…")."""
    words = dictionary_words(text)
    if len(text) <= 3 or len(words) == 1:
        return True  # (one name: "阿依古丽" is a word of its own)
    return any(_splits_into_names(text[cut:]) for cut in _name_ends(words))


def _name_ends(words: Sequence[str]) -> Iterator[int]:
    """Where a first name could end in a line of glued names: at the end of a dictionary word,
    the text before it a name (a cut inside a word parts no two names)."""
    text = "".join(words)
    for cut in accumulate(len(word) for word in words):
        if cut < len(text) and _name_token(text[:cut]):
            yield cut


def _name_and_verb(tagged: Sequence[tuple[str, str]]) -> bool:
    """A whole name, then a verb (the line's tagged words): "王沪宁出席", "赵乐际主持" (not
    "程远航": one surname, then a given name that is a word)."""
    return len(tagged) == 2 and tagged[0][1].startswith("nr") and len(tagged[0][0]) >= 2 and tagged[1][1] == "v"


def _splits_into_names(run: str) -> bool:
    """'周明远吴晓红' → 周明远 + 吴晓红: the run can be cut into 2–3 character names."""
    if _name_token(run) and len(run) <= 3:
        return True
    for size in (3, 2):
        head, rest = run[:size], run[size:]
        if _name_token(head) and rest and _splits_into_names(rest):
            return True
    return False


# Every dateline ends on one of these words within its first 34 characters (outlet 13, place 8,
# date 11, 消息 2), after any leading spaces: a line without one there is no dateline, and the
# regex (lazy outlets tried against every suffix) is not run on it. This runs on most lines.
_DATELINE_REACH = 40


def is_news_lead(line: str) -> bool:
    head = line.lstrip()[:_DATELINE_REACH]
    return ("讯" in head or "电" in head or "消息" in head or "报道" in head) and bool(NEWS_LEAD.match(line))


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


_CREDIT_LAST = frozenset("摄图影）)")
_CREDIT_FIRST = frozenset("摄图（(")
_BRACKET_CREDIT = re.compile(r"^[（(]\s*(?:(?:记者|通讯员|实习生|文|图|文/图|据)\s*[/／:：]?\s*)?([^（）()]{2,30})[)）]$")


def is_credit_line(line: str) -> bool:
    """A line that is only a credit: a photo's ("陈明摄", "（张三 摄）") or the writers' in
    brackets ("（张三 李四）", "（记者 王五）"). It closes the paragraph above it."""
    text = line.strip()
    if not text or len(text) > 40 or (text[-1] not in _CREDIT_LAST and text[0] not in _CREDIT_FIRST):
        return False  # the cheap test first: this runs on every line of every page
    if _CREDIT_LINE.match(text):
        return True
    match = _BRACKET_CREDIT.match(text)
    return match is not None and is_name_line(match.group(1).replace("  ", " "))


# What a kicker names when it is not a place: an organisation ("红星机械厂").
_ORGANISATION_END = re.compile(
    r"(?:县|市|区|镇|乡|村|街道|社区|州|盟|旗|省|局|委|办|厅|院|校|中心|公司|集团|矿|厂|站|所|队|部|会|馆|园|处|团|支队|大队|中队|监狱|银行|企业|学校|医院|大学|学院|协会|政府|办公室|小组|社|署)$"
)


def is_kicker_text(text: str) -> bool:
    """A kicker names who or where the headline is about: a place, an organisation or a person.

    "外媒评论：", "第一个夜晚：", "方案一：" are labels inside an article, never kickers.
    """
    name = text.strip().rstrip("：:").strip()
    if not name:
        return False
    return starts_with_place(name) or bool(_ORGANISATION_END.search(name)) or is_name_line(name)


def is_kicker_line(line: str) -> bool:
    text = line.strip()
    return text.endswith(("：", ":")) and bool(KICKER.match(text)) and len(text) <= 20 and is_kicker_text(text)


# Punctuation a headline never carries (it closes or chains sentences), and the punctuation a
# headline may carry ("防汛准备好了吗？", "垃圾分类，我们在行动", "查隐患、保安全").
_HARD_STOP = re.compile(r"[。；;]|\.(?!\d)")
SOFT_PUNCT = re.compile(r"[，、,？！?!]")


# A date alone on a line closes a notice's signature ("2024年3月10日"); it is never a headline.
DATE_LINE = re.compile(r"^\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$")


def is_signature(lines: Sequence[str], i: int) -> bool:
    """Line i names an organisation and the next line is a date (whole, or its day cut onto the
    lines below: "2022年8月" / "1" / "6日"): a notice's closing signature."""
    j = nearest_text(lines, i)
    if j is None or j > i + 2 or not _ORGANISATION_END.search(lines[i].strip()):
        return False
    return bool(DATE_LINE.match(lines[j])) or bool(_YEAR_MONTH.match(lines[j])) and _day_below(lines, j)


def _day_below(lines: Sequence[str], i: int) -> bool:
    """The day of the month that line i ends on goes on below: "16日", or shredded ("1" / "6日")."""
    k = nearest_text(lines, i)
    return k is not None and k - i <= _SHRED_GAP and bool(_DAY_OF_MONTH.match(lines[k].strip())) or _date_shredded_below(lines, i)


_YEAR_MONTH = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*$")
_DAY_OF_MONTH = re.compile(r"^\d{1,2}日$")


def is_title_line(line: str, *, strict: bool = False) -> bool:
    """Could this line be part of a printed headline?

    A headline line has some Han text and no full stop; it may carry up to three commas, 、 or
    question/exclamation marks (never at a comma's end: that is a sentence cut short) unless
    `strict`, which asks for a line with no sentence punctuation at all.
    """
    text = line.strip()
    if not text or len(text) > _TITLE_LINE_CHARS or han_count(text) < 2:
        return False
    # The punctuation test first: it turns most lines of a page away, in one scan.
    if (SENTENCE_PUNCT if strict else _HARD_STOP).search(text):
        return False
    if is_news_lead(text) or is_credit_line(text) or DATE_LINE.match(text):
        return False
    if strict:
        return True
    soft = SOFT_PUNCT.findall(text)
    if not soft:
        return True
    return len(soft) <= 3 and text[-1] not in "，、," and han_count(text) <= _PUNCTUATED_TITLE_HAN


# The longest headline printed on one line (a headline across several columns is one line of the
# extraction): the longest news headlines run to some sixty Han characters, their marks and
# spaces apart ("…委员长会议 决定…会议4月18日至20日在京举行").
_TITLE_LINE_CHARS = 80
_PUNCTUATED_TITLE_HAN = 64


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


_INDENT = re.compile(r"^\u3000{1,2}(?=\S)")


def paragraph_indents(originals: Sequence[str]) -> set[int]:
    """The lines set in with the ideographic space that opens a Chinese paragraph ("　　李强表示…").

    Such a line starts a paragraph; it is never a headline."""
    return {i for i, line in enumerate(originals) if _INDENT.match(line)}


def find_heading_runs(
    lines: Sequence[str], widths: Sequence[float] | None = None, indented: Set[int] = frozenset(),
    column_labels: Sequence[int] = (),
) -> list[HeadingRun]:
    """Every headline-like block on the page (blank lines and dropped junk are given as '').

    `widths` are the lines' `line_widths`, when the caller has them already; `indented` the
    lines that open a paragraph with an indent (see `paragraph_indents`); `column_labels` the
    lines that held the label of a column of short items ("简讯"), where each item's first
    line may be its title set tight over its text (see `_briefs_item_starts`).
    """
    if widths is None:
        widths = line_widths(lines)
    item_starts = _briefs_item_starts(lines, column_labels, indented) if column_labels else set()
    # A column's label ("简讯") ends whatever text was printed above it: nothing runs across it.
    under_labels = {j for label in column_labels if (j := nearest_text(lines, label)) is not None}
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
        after_blank = i > 0 and not lines[i - 1].strip()
        if i in under_labels:
            prev_ends_paragraph = True
        starts_run = (prev_ends_paragraph or after_blank) and i not in indented and not is_signature(lines, i) and (
            is_title_line(text) or is_subtitle(text) or is_marked_byline(text) or is_kicker_line(text)
            or _title_cut_at_comma(lines, i, widths)
        )
        tight_after_text = (  # (the cheap tests first: this asks about most lines of a page)
            not starts_run and i > 0 and i not in indented
            and not 0.85 * widths[i - 1] <= widths[i] <= 1.1 * widths[i - 1]
            and is_title_line(text) and not _CREDIT_TAIL.search(text) and fills_column(widths, i - 1, i)
            and not starts_mid_sentence(text) and not spans_a_word(lines[i - 1].strip(), text)
        )
        run = _grow_run(lines, i, widths, indented) if starts_run or tight_after_text else None
        if run is not None and tight_after_text and not _set_into_cut_text(run, lines, widths):
            run = None
        if run is not None and not prev_ends_paragraph and not tight_after_text and not (
            _dropped_into_text(run, lines) or _set_apart(run, lines, widths) or after_blank and _over_its_lead(run, lines)
            or after_blank and _flush_over_indented_text(run, lines, indented)
        ):
            run = None
        if run is not None and not _accept_run(run, lines, widths) and not (
            prev_ends_paragraph and _flush_over_indented_text(run, lines, indented)
        ):
            if i in item_starts:
                run = _item_title(lines, i, widths)
            elif len(run.title_lines) > 1 and not (run.kicker or run.subtitle or run.bylines):
                run = (
                    _first_line_alone(lines, i, widths, indented) or _title_over_caption(run, lines, widths, indented)
                    or _shorter_run(run, lines, widths, indented)
                )
            elif len(run.title_lines) > 1 and run.kicker and not (run.subtitle or run.bylines):
                run = _named_line_alone(lines, i, widths, indented)
            else:
                run = None
        if run is not None and i in item_starts:
            run = _one_line_item_title(run, lines, widths)
        if run is not None:
            runs.append(run)
            i = run.line_indices[-1] + 1
            prev_ends_paragraph = True
            prev_line = ""
            continue
        # A credit or sentence end may be cut across two lines ("…周松" / "林摄").
        prev_ends_paragraph = is_credit_line(text) or bool(DATE_LINE.match(text)) or (
            text[-1] in SENTENCE_ENDERS and (ends_sentence(text) or ends_sentence(prev_line + text))
        )
        prev_line = text
        i += 1
    return runs


_DOUBLE_DASH = re.compile(r"^\s*[—－―-]{2,}")
# A short item is told in a few lines; a longer block ends the column of short items.
_BRIEF_LINES = 12


def _briefs_item_starts(lines: Sequence[str], column_labels: Sequence[int], indented: Set[int] = frozenset()) -> set[int]:
    """The first line of each block under a column label, while the blocks stay short items
    (each a few lines that end a sentence or a credit). A block ends at a blank line, or where
    a paragraph opens indented after it: the text that follows the column, set tight."""
    starts: set[int] = set()
    for label in column_labels:
        i = label + 1
        while i < len(lines):
            if not lines[i].strip():
                i += 1
                continue
            end = i + 1
            while end < len(lines) and lines[end].strip() and end not in indented:
                end += 1
            if end - i > _BRIEF_LINES or not (ends_sentence(lines[end - 1]) or is_credit_line(lines[end - 1])):
                break
            starts.add(i)
            i = end
    return starts


def _flush_over_indented_text(run: HeadingRun, lines: Sequence[str], indented: Set[int]) -> bool:
    """On a page that opens its paragraphs with an indent, a block set flush after a sentence's
    end, over a paragraph that opens indented, is no paragraph's line: a paragraph's first line
    is indented, and its other lines go on into the text below, not into a new paragraph."""
    if len(indented) < _INDENTED_PAGE or run.is_byline_only or not run.title or any(i in indented for i in run.line_indices):
        return False
    title = run.title
    if ends_sentence(title) or _unbalanced(title) or ends_on_function_char(title) or han_count(title) < 4:
        return False
    j = nearest_text(lines, run.line_indices[-1])
    return j is not None and j in indented and not spans_a_word(lines[run.line_indices[-1]].strip(), lines[j].strip())


# A page opens its paragraphs with an indent when at least this many lines are set in.
_INDENTED_PAGE = 3


def _first_line_alone(lines: Sequence[str], i: int, widths: Sequence[float], indented: Set[int]) -> HeadingRun | None:
    """A run grown over the text below it, judged again as its first line alone: a headline
    printed tight over its lead ("…今晚开幕 各项工作准备就绪" / "目前，…") would otherwise be
    judged as one long block with the lead's lines."""
    column = upper_quartile(widths[i + 1 : i + 7])  # the lead's column, under the line
    phrases = bool(PHRASE_SPACE.search(lines[i].strip())) and not SOFT_PUNCT.search(lines[i])
    if not column or widths[i] < _WIDER_THAN_COLUMN * column and not phrases and not _between_two_columns(lines, i, widths, column):
        return None
    run = _line_alone(lines, i, widths, indented)
    return run if run is not None and run.title_lines and _accept_run(run, lines, widths) else None


def _shorter_run(run: HeadingRun, lines: Sequence[str], widths: Sequence[float], indented: Set[int]) -> HeadingRun | None:
    """A run of three or more title lines grown over the text below it, judged again without its
    last lines, longest first: a two-line headline printed tight over its lead ("一季度…投资" /
    "完成…亿元" / "国铁集团今天…") would otherwise be judged as one block with the lead's lines."""
    start = run.line_indices[0]
    for keep in range(len(run.line_indices) - 1, 1, -1):
        last, cut = run.line_indices[keep - 1], run.line_indices[keep]
        if spans_a_word(lines[last].strip(), lines[cut].strip()) or any(han_count(lines[k]) < 2 for k in run.line_indices[:keep]):
            continue  # (a word or a shredded number, "自9月" / "2" / "7日…", runs on across the cut)
        shorter = _grow_run(lines[: last + 1], start, widths, indented)
        if shorter is not None and len(shorter.title_lines) > 1 and _accept_run(shorter, lines, widths):
            return shorter
    return None


def _between_two_columns(lines: Sequence[str], i: int, widths: Sequence[float], column: float) -> bool:
    """Line i follows a sentence's end of text set at one width and stands over text set at
    another: where one article ends and another begins, with no punctuation of its own."""
    above = upper_quartile(widths[max(0, i - 6) : i])
    previous = lines[i - 1].strip() if i > 0 else ""
    text, below = lines[i].strip(), lines[i + 1].strip() if i + 1 < len(lines) else ""
    return (
        bool(above) and abs(above - column) >= OTHER_COLUMN_CHARS
        and previous[-1:] in ("。", "！", "？") and ends_sentence(previous)  # (a text's end, not a credit's)
        and not SOFT_PUNCT.search(text) and not _runs_into(text, below)
    )


# Text set this many characters wider or narrower than other text is set in another column
# (a headline between two articles here; a briefs column's end in articles._BodyCutter).
OTHER_COLUMN_CHARS = 3.0


def _line_alone(lines: Sequence[str], i: int, widths: Sequence[float], indented: Set[int] = frozenset()) -> HeadingRun | None:
    """The run of line i by itself (a kicker on the line, "青石镇：…", still split off): the page
    cut after it, so nothing below can join it."""
    return _grow_run(lines[: i + 1], i, widths, indented)


# A headline line set tight over its lead stands out when it is this much wider than the column.
_WIDER_THAN_COLUMN = 1.2


def _one_line_item_title(run: HeadingRun, lines: Sequence[str], widths: Sequence[float]) -> HeadingRun:
    """A short item's title grown over its text's first line, which is set to the text's column
    ("为农业强国提供…" / "中国农业银行扎实开展…" / "…"): the title is its first line alone."""
    if len(run.title_lines) < 2 or run.kicker or run.subtitle or run.bylines:
        return run
    second = run.line_indices[1]
    column = following_column(lines, widths, run.line_indices[-1] + 1)
    if not column or abs(widths[second] - column) > 1:
        return run
    return _item_title(lines, run.line_indices[0], widths) or run


def _item_title(lines: Sequence[str], i: int, widths: Sequence[float]) -> HeadingRun | None:
    """The first line of a short item's block as its title, when the text below starts afresh:
    no word or sentence runs on from the line into the next."""
    line, nxt = lines[i].strip(), lines[i + 1].strip() if i + 1 < len(lines) else ""
    if not nxt or not 4 <= han_count(line) <= 30 or ends_sentence(line) or ends_on_function_char(line):
        return None
    if BULLET.match(line) or spans_a_word(line, nxt) or SHORT_SENTENCE_TAIL.match(nxt) or is_credit_line(nxt):
        return None
    run = _line_alone(lines, i, widths)
    return run if run is not None and run.title_lines and not run.subtitle and not run.bylines else None


def _dropped_into_text(run: HeadingRun, lines: Sequence[str]) -> bool:
    """A headline block set into another article's text (whose sentence it interrupts) shows
    a headline's marks: a byline or subtitle, or a dateline right below it."""
    if _unbalanced(run.title) or ends_on_function_char(run.title):
        return False
    if run.bylines or _DOUBLE_DASH.match(run.subtitle):
        return bool(run.title_lines or run.kicker)
    j = nearest_text(lines, run.line_indices[-1])
    return j is not None and j <= run.line_indices[-1] + 3 and is_news_lead(lines[j])


# The end of a photo credit cut across two lines ("…文旅" / "局供图", "…李" / "娜 摄").
_CREDIT_TAIL = re.compile(r"(?:摄|供图|摄影)$")


def _set_into_cut_text(run: HeadingRun, lines: Sequence[str], widths: Sequence[float]) -> bool:
    """A headline printed right under a line that stops mid-sentence (the rest of that article
    was printed elsewhere), no blank between: only its marks tell it (`_dropped_into_text`),
    and none of its lines fills the column, as the text's lines do."""
    start = run.line_indices[0]
    if not run.kicker and _opens_on_a_series_tag(run.title):
        return True  # (no line of text opens on a series' tag and a title: see `_opens_on_a_series_tag`)
    return bool(run.title_lines) and (_dropped_into_text(run, lines) or _over_its_lead(run, lines)) and not any(
        fills_column(widths, i, start) for i in run.line_indices[: len(run.title_lines) + bool(run.kicker)]
    )


def runs_on_past_nothing(line: str) -> bool:
    """Nothing in the line goes on past its end: it ends on no function character, comma,
    opening mark or digit, and leaves no quote or bracket open."""
    line = line.rstrip()
    return bool(line) and not (ends_on_function_char(line) or line[-1] in "，、,；;（(“" or line[-1].isdigit() or _unbalanced(line))


def _set_apart(run: HeadingRun, lines: Sequence[str], widths: Sequence[float]) -> bool:
    """Title lines that no sentence can be running through: each well short of the column, the
    last not ending a sentence, a blank line below. (A sentence the blank interrupted goes on
    in lines as wide as the column, and a paragraph's short last line ends the sentence.)"""
    first, last = run.line_indices[0], run.line_indices[-1]
    if not run.title_lines or last + 1 >= len(lines) or lines[last + 1].strip():
        return False
    title, opening = run.title_lines[-1], run.title_lines[0]
    if not runs_on_past_nothing(title) or _unbalanced(run.title):
        return False
    skip = set(run.line_indices)
    if all((column := _body_column(widths, i, skip)) and widths[i] >= _OUT_OF_COLUMN * column for i in run.line_indices):
        return True  # (far wider than the column around: no line of its text, kicker or not)
    if run.kicker:
        return False
    if _CUT_OPENING.match(opening) or any(han_count(t) < 4 or "、" in t or len(SOFT_PUNCT.findall(t)) > 1 or is_name_line(t) for t in run.title_lines):
        return False
    above, below = nearest_text(lines, first, -1), nearest_text(lines, last)
    if above is not None and spans_a_word(lines[above].strip(), run.title_lines[0]):
        return False  # a word cut by the blank: the sentence goes on
    if below is not None and spans_a_word(title, lines[below].strip()):
        return False
    return all(0 < widths[i] <= _SHORT_OF_COLUMN * _body_column(widths, i, skip) for i in run.line_indices)


# A line this much narrower than its column is no sentence's middle, nor one this much wider.
_SHORT_OF_COLUMN = 0.8
_OUT_OF_COLUMN = 1.5
# A line that opens where a sentence or a date was cut: a closing mark, or the day of a date.
_CUT_OPENING = re.compile(r"^(?:[，、。；：,;:!?！？）)”’》]|[0-9０-９]*[日月号])")


# A block of more title lines than this is no headline (nor headlines stacked at the page's end).
_MOST_TITLE_LINES = 12


def _grow_run(lines: Sequence[str], start: int, widths: Sequence[float], indented: Set[int] = frozenset()) -> HeadingRun | None:
    """Collect kicker, title lines, subtitle and bylines from `start` on, in the order printed.

    A headline printed tight against its body (no blank line between) stops where a line fills
    the column and carries a comma, or runs on into the next line inside a word: that is the
    body's first line.
    """
    run = HeadingRun()
    i = start
    stage = 0  # 0: kicker/title, 1: after subtitle, 2: bylines
    while i < len(lines):
        text = lines[i].strip()
        if i in indented and i != start:
            break
        if not text:
            j = _resume_after_blank(lines, i, run, stage)
            if j is None:
                break
            i = j
            continue
        if stage <= 1 and is_subtitle(text) and not run.subtitle and (run.title_lines or run.kicker):
            run.subtitle = text
            stage = 1
        elif is_marked_byline(text):
            run.bylines.append(text)
            stage = 2
        elif stage == 0 and not run.title_lines and not run.kicker and is_kicker_line(text):
            run.kicker = text.rstrip("：:").strip()
        elif stage == 0 and (is_title_line(text) or i == start and _title_cut_at_comma(lines, i, widths)):
            if run.title_lines and _as_wide_as_text(lines, widths, i, start) and not _closes_open_title(run, text) and not _runs_into(run.title_lines[-1], text) and text[0] not in _CLAUSE_MARKS and not _byline_below(lines, i) and not (
                _unfinished_over_a_fresh_start(lines, i, indented) and not all(fills_column(widths, k, start) for k in run.line_indices)
            ) and (
                SOFT_PUNCT.search(text)  # (a kicker's title follows it)
                or i + 1 < len(lines)
                and lines[i + 1].strip()
                and (not is_title_line(lines[i + 1], strict=True) or spans_a_word(text, lines[i + 1].strip()))
                and not is_news_lead(lines[i + 1])  # (no text line runs on into a dateline: "新华社北京…电")
                and _reaches_a_full_stop(lines, i)
                or runs_on_past_a_blank(lines, i)
            ) or run.title_lines and (i + 1 < len(lines) and number_runs_on(text, lines[i + 1].strip()) or _date_shredded_below(lines, i)):
                break  # (a number cut at the line's end: "…今天（3月1日）16" / "时，…" is text)
            if run.title_lines and _restates_title_opening("".join(run.title_lines), text):
                break  # (the lead restating its headline: "二十届…委" / "员会…召开" / "二十届…委员会")
            if (
                run.title_lines
                and is_name_line(text)
                # "…救援机构开" / "展活动": the title goes on (a line of names set apart is a byline
                # even where a name's first character makes a word with the title's last: "…之美" / "林艳云 秦颖")
                and not (len(text.split()) == 1 and spans_a_word(run.title_lines[-1], text))
                and _name_line_closes(lines, i, indented)
            ):
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
        if len(run.title_lines) > _MOST_TITLE_LINES:
            return None
    if not run.line_indices:
        return None
    _split_inline_parts(run)
    return run


def _byline_below(lines: Sequence[str], i: int) -> bool:
    """A byline with its marker ("本报记者 …") is the next text below line i: no line of text runs
    on into a byline, a headline block ends on one."""
    j = nearest_text(lines, i)
    return j is not None and j - i <= 2 and is_marked_byline(lines[j])


def _as_wide_as_text(lines: Sequence[str], widths: Sequence[float], i: int, run_start: int) -> bool:
    """Line i is set like a line of the text: as wide as the column around it, or short of the
    column below by the indent a paragraph's first line lost ("…宣讲党" / "的二十届…精神" over
    "学习贯彻…精神中" / "央宣讲团成员…，并深入")."""
    if fills_column(widths, i, run_start):
        return True
    column = following_column(lines, widths, i + 1)
    return bool(column) and _opens_short_by_an_indent(lines, widths, i, column)


def _restates_title_opening(title: str, text: str) -> bool:
    """The line opens with the title's own first words: no headline repeats itself, its lead
    does."""
    head = han_only(text)[:_RESTATED_OPENING]
    return len(head) == _RESTATED_OPENING and han_only(title).startswith(head)


_RESTATED_OPENING = 6


def _date_shredded_below(lines: Sequence[str], i: int) -> bool:
    """Line i ends on a month ("…新华社北京6月") and its day goes on below, on the next line
    ("28日电…") or shredded onto lines of its own ("1" / "4日电…"): a dateline's head, not a
    headline's line."""
    if not ENDS_ON_MONTH.search(lines[i]):
        return False
    j = nearest_text(lines, i)
    if j is not None and j - i <= _SHRED_GAP and _DATELINE_DAY.match(lines[j].strip()):
        return True
    if j is None or j - i > _SHRED_GAP or not lines[j].strip().isdigit() or len(lines[j].strip()) > 2:
        return False
    k = nearest_text(lines, j)
    return k is not None and k - j <= _SHRED_GAP and bool(_DAY_SHRED.match(lines[k].strip()))


_DAY_SHRED = re.compile(r"^\d?日")
_DATELINE_DAY = re.compile(r"^\d{1,2}日电")
_SHRED_GAP = 3


# A line that opens on one of these goes on with the line above (a title broken before its comma).
_CLAUSE_MARKS = "，,、"


def _runs_into(title_line: str, text: str) -> bool:
    """A title line goes on into the next line: a word, a phrase or a number runs across ("…西" /
    "河县…", "…7月16日至" / "20日…", "…中新建交35" / "周年互致贺电…"), or the next line opens
    inside a sentence ("…影响我国多" / "地，各地…": a word the dictionary does not know)."""
    return (
        spans_a_word(title_line, text) or ends_on_function_char(title_line) or number_runs_on(title_line, text)
        or starts_mid_sentence(text)
    )


def _unfinished_over_a_fresh_start(lines: Sequence[str], i: int, indented: Set[int]) -> bool:
    """Line i stops short of a sentence's end before a blank line, and what follows the blank
    starts afresh (a dateline, "记者…从…获悉", an indented paragraph): no text line stops so,
    the line ends a headline ("…第十四次会议" / "在京闭幕，赵乐际主持会议") when the lines above
    it are not all as wide as the text (a text cut off at a column's end is)."""
    text = lines[i].strip()
    if i + 1 >= len(lines) or lines[i + 1].strip() or not text or text[-1] in SENTENCE_ENDERS or text[-1] in "，、,；;：:":
        return False
    j = nearest_text(lines, i)
    if j is None:
        return False
    head = _text_from(lines, j)
    return j in indented or is_news_lead(head) or bool(REPORTER_LEAD.match(head))


def runs_on_past_a_blank(lines: Sequence[str], i: int) -> bool:
    """Line i, followed by a blank line, goes on in the text below it: a word runs across the
    blank ("…提升行" / "" / "动，是…") or the text below opens mid-sentence."""
    if i + 1 >= len(lines) or lines[i + 1].strip():
        return False
    j = nearest_text(lines, i)
    return j is not None and (spans_a_word(lines[i].strip(), lines[j].strip()) or starts_mid_sentence(lines[j]))


def _reaches_a_full_stop(lines: Sequence[str], i: int) -> bool:
    """Text from line i on stops a sentence somewhere before the page ends: a body's first line
    does, headlines stacked at the page's end never do."""
    end = i + 2 * _MOST_TITLE_LINES
    if end < len(lines):
        return True
    return any(_HARD_STOP.search(text) for text in lines[i:])


def _closes_open_title(run: HeadingRun, text: str) -> bool:
    """The line closes a quote or bracket the title lines above left open ("电视专题片《持续发力"
    / "纵深推进》今晚播出第三集", "【团结奋斗" / "忠诚履职】…"): the title's last line, however
    wide, not the body's first (a headline closes what it opens)."""
    return _unbalanced("".join(run.title_lines)) and not _unbalanced("".join(run.title_lines) + text)


def _title_cut_at_comma(lines: Sequence[str], i: int, widths: Sequence[float]) -> bool:
    """A headline broken after its comma ("香港各界庆回归，" / "洋溢喜庆气氛", or "、"): a line ending on
    a comma is a sentence cut short, unless a subtitle or a marked byline follows the two lines,
    or it is well short of the column (or the line below, which finishes it as a title line, is
    wider than the column; a line that opens on a kicker is as wide as a text line) and a blank
    line, a byline or a full line of text follows."""
    text = lines[i].strip()
    if not text or text[-1] not in "，,、" or i + 2 >= len(lines):
        return False
    nxt = lines[i + 1].strip()
    if not is_title_line(text[:-1]) or not is_title_line(nxt, strict=True):
        return False
    below = lines[i + 2].strip()
    if is_marked_byline(below) or is_subtitle(below):
        return True  # (a headline block's own marks below it: "——副题", "◎ 张三")
    if _inline_kicker(text) is not None and (not below or is_name_line(below)):
        return True  # (a kicker on the line, "四川成都市：…，", makes it as wide as any text line)
    if not below and _between_pieces(lines, i):
        return True  # (between blank lines, a closed piece above and a fresh start below)
    # The column read around the lines below, or from the text below alone where it is set
    # wider than the article before it (a title line as wide as that article's column).
    column = max(column_width(widths, i + 3), following_column(lines, widths, i + 2))
    # No text line is so much shorter than its column before a comma, or wider than it.
    if not column or not (widths[i] < 0.85 * column or widths[i + 1] > 1.1 * column):
        return False
    # Set apart by a blank line or a byline, or tight over a paragraph whose first line fills
    # the column (the second line too short to be that paragraph's first).
    if not below or is_name_line(below):  # (a marked byline returned above)
        return True
    return widths[i + 1] < 0.85 * column and widths[i + 2] >= 0.85 * column


def _between_pieces(lines: Sequence[str], i: int) -> bool:
    """The two lines from i stand between blank lines, after text that closes a piece (a
    sentence's end, a credit) and over text that opens a paragraph ("据…报道，", "今天（…），"): a
    sentence cut by those blanks would neither start after a closed piece nor end before a fresh
    start, whatever the lines' width."""
    if i == 0 or lines[i - 1].strip():
        return False
    above, below = nearest_text(lines, i, -1), nearest_text(lines, i + 1)
    if below is None or not _opens_paragraph(lines, below):
        return False
    if above is None:
        return True
    text = lines[above].strip()
    return ends_sentence(text) or is_credit_line(text) or has_caption_credit(text)


def _resume_after_blank(lines: Sequence[str], i: int, run: HeadingRun, stage: int) -> int | None:
    """Where the run goes on past the blank line at `i`, or None when the blank ends it.

    A blank line may part a kicker from its title, or the title from its subtitle or bylines.
    """
    j = nearest_text(lines, i)
    if j is None:
        return None
    nxt = lines[j].strip()
    after_kicker = bool(run.kicker) and not run.title_lines
    if after_kicker and is_title_line(nxt):
        return j
    if stage == 0 and run.title_lines and _title_cut_by_blank(run.title_lines[-1], lines, j):
        return j
    if (run.title_lines or run.subtitle or run.kicker) and (
        is_subtitle(nxt) and stage == 0
        or is_marked_byline(nxt)
        or is_name_line(nxt) and (stage >= 1 or _name_line_closes(lines, j)) and not _names_the_next_headline(lines, j)
    ):
        return j
    if run.bylines and is_marked_byline(nxt):
        return j
    return None


def _names_the_next_headline(lines: Sequence[str], j: int) -> bool:
    """A name alone on its line, set tight over a line that opens on what a person did
    ("赵乐际" / "会见莫桑比克总统"): the next headline, broken after its subject, not a byline
    of the block above the blank line."""
    below = lines[j + 1].strip() if j + 1 < len(lines) else ""
    return len(lines[j].split()) == 1 and bool(_DEED.match(below))


# What a headline says a named person did, opening its second line.
_DEED = re.compile("会见|会谈|出席|主持|考察|调研|看望|慰问|致信|致电|接见|参加|宣布|签署|发表|同.{1,12}会谈")


def _title_cut_by_blank(last: str, lines: Sequence[str], j: int) -> bool:
    """A blank line fell inside the headline, inside a word ("…英格兰地区解" / "除管控措施"): the
    line after it is the headline's last line, a short one standing alone before another blank."""
    nxt = lines[j].strip()
    alone = j + 1 >= len(lines) or not lines[j + 1].strip()
    return alone and is_title_line(nxt, strict=True) and spans_a_word(last.strip(), nxt)


def _name_line_closes(lines: Sequence[str], i: int, indented: Set[int] = frozenset()) -> bool:
    """A name line ends a headline block when it lists names parted by spaces, or when a blank,
    the page end or a paragraph's opening (an indented line, a dateline, a reporter's lead)
    follows it."""
    if len(lines[i].split()) > 1:  # "周明远 吴晓红": names parted by spaces are no headline's words
        return True
    words = dictionary_words(lines[i].strip())
    if all(len(word) == 1 for word in words):
        return True  # "周明吴晓红": characters no dictionary word joins; a headline's line has words
    if _two_names_cut_clean(words) or _tagged_as_two_names(lines[i].strip(), tagged_words(lines[i].strip())):
        return True  # (two full names glued, "李敏秀林宇涛", though the dictionary joins across them: 秀林)
    if i + 1 >= len(lines) or not lines[i + 1].strip() or i + 1 in indented:
        return True
    return is_news_lead(lines[i + 1]) or bool(REPORTER_LEAD.match(lines[i + 1].strip()))


def _two_names_cut_clean(words: Sequence[str]) -> bool:
    """"肖海洋韩宇婷": two names of two or three characters, each opening on a surname, and no
    dictionary word across the cut between them (a word inside a name, "海洋", says nothing:
    a headline's line runs its words on)."""
    text = "".join(words)
    whole = set(words)  # (a name is no dictionary word of its own: "金秋" / "丰收节" are words)
    return 4 <= len(text) <= 6 and any(
        cut in (2, 3) and len(text) - cut in (2, 3) and _name_token(text[cut:]) and not {text[:cut], text[cut:]} & whole
        for cut in _name_ends(words)
    )


_INLINE_SUBTITLE = re.compile(r"\s*[—－―]{2,}")


def _inline_kicker(line: str) -> re.Match[str] | None:
    """The kicker a title line opens with ("云南宾川县：突出…"), its title following on the line."""
    match = KICKER.match(line)
    return match if match and len(line) > match.end() and is_kicker_text(match.group(1)) else None


def _split_inline_parts(run: HeadingRun) -> None:
    """'云南宾川县：突出…' carries its kicker inline; '标题 ——副题' its subtitle."""
    if not run.title_lines:
        return
    if not run.kicker:
        match = _inline_kicker(run.title_lines[0])
        if match is not None:
            run.kicker = match.group(1)
            run.title_lines[0] = run.title_lines[0][match.end() :]
    if not run.subtitle:
        for k, line in enumerate(run.title_lines):
            cut = _INLINE_SUBTITLE.search(line)
            if cut and cut.start() > 0 and not _unbalanced("".join(run.title_lines[:k]) + line[: cut.start()]):
                # (a dash inside a work's title, "《平“语”近人——习近平喜欢的典故》", is the title's)
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
    followed_by_break = nxt >= len(lines) or not lines[nxt].strip() or is_news_lead(lines[nxt]) or _date_shredded_below(lines, nxt)
    if run.is_byline_only:
        return followed_by_break or is_news_lead(lines[nxt]) if nxt < len(lines) else True
    if len(run.title_lines) == 2 and not run.kicker and _title_cut_at_comma(lines, run.line_indices[0], widths):
        return not _unbalanced(run.title)  # a headline broken after its comma (no text line is set so), whatever follows
    if _reads_as_body_text(run, lines, widths):
        return False
    title = run.title
    if title and is_news_lead(title):
        return False  # a dateline cut after its month ("新华社北京5月" / "28日电（…）…"): no headline opens so
    if title and _unbalanced(title):  # a quote or bracket left open runs on into the text below
        return False
    if not run.kicker and _opens_on_a_series_tag(title):
        return True
    if run.bylines or run.subtitle and (followed_by_break or _subtitle_on_its_line(run, lines)):
        return True
    if not title:
        return followed_by_break
    if not followed_by_break and not run.kicker:
        return _tight_headline(run, lines, widths)
    if not run.kicker and ends_on_function_char(title):
        return False
    if run.kicker and not followed_by_break:
        # "浙江安吉县：" then the title on the next lines: accepted once a break follows, or
        # where the body's first line follows tight below it.
        return _named_title_over_text(run, lines) or _tight_headline(run, lines, widths)
    if not run.kicker:
        # Lines exactly as wide as the column, followed after a blank by text that does not open
        # a paragraph, may be a sentence cut by a blank line: the learned model weighs the rest
        # (a lead restating the line, a word cut across the blank, what the line above ends on).
        j = nearest_text(lines, last)
        if j is not None:
            column = column_width(widths, j)
            full = all(
                0.9 * column <= widths[i] <= 1.08 * column + _squeezed(lines[i]) and not PHRASE_SPACE.search(_QUOTED.sub("", lines[i]))
                for i in run.line_indices
            )
            if column and full and not _opens_paragraph(lines, j):
                return _stands_alone(run, lines, j) or decide_tight(run, tight_features(run, lines, widths, j))
    return True


def _squeezed(line: str) -> int:
    """How many characters wider than the column a line of text may be: justified type
    compresses its punctuation, and a line with one or two marks holds as many more."""
    return min(2, len(SENTENCE_PUNCT.findall(line)))


def _named_title_over_text(run: HeadingRun, lines: Sequence[str]) -> bool:
    """"山西右玉县：赵乐际在山西调研" tight over a paragraph: a place's or a body's name and a
    colon, then a whole phrase with no punctuation, is a headline set with its kicker. A
    paragraph that opens on a name and a colon goes on as a sentence: a comma or a stop comes
    within the line, or its words run on into the next."""
    title, kicker = run.title, run.kicker.strip().rstrip("：:")
    nxt = run.line_indices[-1] + 1
    if len(run.title_lines) != 1 or run.subtitle or nxt >= len(lines) or not _whole_phrase(title):
        return False
    if not (starts_with_place(kicker) or _ORGANISATION_END.search(kicker)):
        return False  # a person's name and a colon ("某某宣布：") opens what they said
    if ends_on_function_char(title) or _unbalanced(title):
        return False
    following = lines[nxt].strip()
    return not starts_mid_sentence(following) and not spans_a_word(run.title_lines[-1].strip(), following)


def _named_line_alone(lines: Sequence[str], i: int, widths: Sequence[float], indented: Set[int]) -> HeadingRun | None:
    """A run with a kicker grown over the text below it, judged again as its first title line
    alone ("山西右玉县：赵乐际在山西调研" / "中共中央政治局常委、全…"; the kicker may have a line
    of its own above: "四川某县：" / "…开局良好 面积稳中有增" / "“谷雨时节…”，春耕生"). A title
    with a comma stands so only over a lead restating it ("上海：有序推进复工复产，…" over "上海在…，
    分阶段有序推进复工复产，…")."""
    last = i + 1 if is_kicker_line(lines[i]) else i
    if last + 1 >= len(lines) or not SENTENCE_PUNCT.search(lines[last + 1]):
        return None  # the line below is no sentence's text: the title may go on there ("…特色产业" / "集群焕新发展")
    run = _grow_run(lines[: last + 1], i, widths, indented)
    return run if run is not None and run.kicker and (_named_title_over_text(run, lines) or _over_its_lead(run, lines)) else None


def _whole_phrase(title: str) -> bool:
    """A title that is one whole phrase: no punctuation, and as long as a headline is
    (`_WHOLE_PHRASE_HAN`). What a kicker's title and a photo's title set tight over text are."""
    return not SENTENCE_PUNCT.search(title) and _WHOLE_PHRASE_HAN[0] <= han_count(title) <= _WHOLE_PHRASE_HAN[1]


# How long a whole-phrase title is (Han characters), to be read as one.
_WHOLE_PHRASE_HAN = (5, 24)


def _stands_alone(run: HeadingRun, lines: Sequence[str], nxt: int) -> bool:
    """One line as wide as the column with no punctuation at all, blank lines above and below,
    after a sentence's end and before text that starts afresh: a line of text that wide carries
    a comma or a stop, and a sentence cut by a blank line is not cut twice."""
    if len(run.line_indices) != 1 or run.kicker or run.subtitle or run.bylines:
        return False
    i = run.line_indices[0]
    text = lines[i].strip()
    if SENTENCE_PUNCT.search(text) or han_count(text) < _ALONE_HAN or i == 0 or lines[i - 1].strip() or lines[i + 1].strip():
        return False
    above = nearest_text(lines, i, -1)
    if above is not None and not ends_sentence(lines[above].strip()):
        return False
    following = lines[nxt].strip()
    return not spans_a_word(text, following) and not starts_mid_sentence(following)


# A line that says nothing of its role by its width is taken for a headline by its look alone
# (`_stands_alone`) from this many Han characters: a short one may be a paragraph's last line.
_ALONE_HAN = 10


def _subtitle_on_its_line(run: HeadingRun, lines: Sequence[str]) -> bool:
    """The subtitle has a line of its own: a dash inside a line ("…举办的《…——纪念") set
    tight over the text is a sentence's, and the run is weighed like any tight headline."""
    return any(lines[i].strip() == run.subtitle for i in run.line_indices)


# A quotation, or one left open at the line's end: a space inside it parts the quoted words, not
# a headline's phrases.
_QUOTED = re.compile(r"“[^”]*(?:”|$)")


def _reads_as_body_text(run: HeadingRun, lines: Sequence[str], widths: Sequence[float]) -> bool:
    """A run whose lines carry commas is body text when it reads like a cut paragraph.

    Headlines may carry commas and question marks, but so does a body line cut at the column
    width. Body text shows itself by its width (a headline line is shorter or wider than the
    column, a body line fills it), its length (no headline runs to three such lines), its
    opening (a lead's "近年来，") and its end (a word cut by the line break: "…新" / "时代…",
    or a sentence closing a few characters into the next line: "…战斗" / "堡垒。").
    """
    punctuated = [i for i in run.line_indices if SOFT_PUNCT.search(lines[i]) and not is_marked_byline(lines[i])]
    if not punctuated or run.bylines:
        return False  # (a cut sentence does not go on into "本报记者 …" or "周明远 吴晓红": a headline's byline)
    if len(run.title_lines) <= 2 and not any(SOFT_PUNCT.search(SERIES_TAG.sub("", lines[i])) for i in punctuated):
        return False  # the commas are a series tag's ("【铸牢共同体，中华一家亲】…"): no sentence's
    if run.title_lines and is_kicker_line(lines[run.line_indices[0]]):
        return False  # a kicker on its own line ("广西玉林市：") is followed by its title
    opening = lines[punctuated[0]].strip()
    if _PARAGRAPH_OPENING.match(opening) and not _QUOTED_TERM.match(opening):
        return True
    if len(run.title_lines) > 2 and any(fills_column(widths, i, run.line_indices[0]) for i in run.line_indices):
        return True
    j = nearest_text(lines, run.line_indices[-1])
    if j is None or is_news_lead(lines[j]) or _restated_below(run, lines, j) or _ends_short_of_a_sentence(run, lines, widths, j):
        return False
    if _among_collected_headlines(lines, run, j):
        return False
    if (LEAD_TIME.match(lines[j].strip()) or REPORTER_LEAD.match(_text_from(lines, j))) and not ends_on_function_char(run.title):
        # Text opening on its time ("今天（5月21日），…") or on a reporter's source ("记者…从…获悉，")
        # starts afresh: no cut sentence goes on so.
        return False
    if _alone_after_a_sentence(run, lines):
        return False  # (the learned model weighs a line as wide as the column set so: see _accept_run)
    for i in punctuated:
        if lines[i].rstrip()[-1:] in "？！?!":
            continue
        column = _body_column(widths, i, set(run.line_indices))
        if column and 0.85 * column <= widths[i] <= 1.1 * column:
            return True
    if run.subtitle or run.bylines:
        return False
    last, nxt = lines[run.line_indices[-1]].strip(), lines[j].strip()
    return bool(SHORT_SENTENCE_TAIL.match(nxt)) or spans_a_word(last, nxt)


def _among_collected_headlines(lines: Sequence[str], run: HeadingRun, j: int) -> bool:
    """The run is set apart after the page's last sentence, over another headline line: the
    page's headlines collected at its end, where commas are headlines' (no text goes on there)."""
    first = run.line_indices[0]
    if first == 0 or lines[first - 1].strip() or j == run.line_indices[-1] + 1 or not is_title_line(lines[j]):
        return False
    return not any(ends_sentence(line.strip()) for line in lines[first:] if line.strip())


def _opens_on_a_series_tag(title: str) -> bool:
    """"【新思想引领新征程】中国经济开局稳气象新": a series' tag, then a title of a few words
    (one comma at most): a headline, however wide; no line of text opens so."""
    tag = SERIES_TAG.match(title)
    if tag is None:
        return False
    rest = title[tag.end() :]
    return han_count(rest) >= _AFTER_TAG_HAN and len(SOFT_PUNCT.findall(rest)) <= 1


_AFTER_TAG_HAN = 4


def _text_from(lines: Sequence[str], j: int, count: int = 3) -> str:
    """The text of `count` lines from line j on, joined as one (a phrase may be broken across
    them; blank lines add nothing)."""
    return "".join(line.strip() for line in lines[j : j + count])


# A series' tag opening a headline ("【铸牢共同体，中华一家亲】…"): its commas are the series
# name's, not a sentence's.
SERIES_TAG = re.compile(r"^\s*【[^【】]{1,30}】")


def _alone_after_a_sentence(run: HeadingRun, lines: Sequence[str]) -> bool:
    """One line between blank lines, under a sentence's end or opening the page, over text set
    solid: a sentence the blank cut goes on below the line, but this one starts afresh and stops
    before a blank."""
    i = run.line_indices[0]
    if len(run.line_indices) != 1 or i + 1 >= len(lines) or i and lines[i - 1].strip() or lines[i + 1].strip():
        return False
    above, below = nearest_text(lines, i, -1), nearest_text(lines, i)
    if below is None or below + 1 >= len(lines) or not lines[below + 1].strip():
        return False  # (on a double-spaced page every line stands between blank lines)
    if han_count(SOFT_PUNCT.split(lines[i].strip())[-1]) < _LAST_PHRASE_HAN:
        return False  # "…时指出，第二批": a clause just begun goes on below the blank
    return above is None or ends_sentence(lines[above].strip())


# A headline's last phrase, after its comma, says something: so many Han characters at least.
_LAST_PHRASE_HAN = 4


def _ends_short_of_a_sentence(run: HeadingRun, lines: Sequence[str], widths: Sequence[float], j: int) -> bool:
    """The run's last line is short, ends no sentence, and a blank line parts it from text that
    does not go on with it: a paragraph's short line is its last and ends a sentence, and a
    blank line inside a sentence falls between two full lines. A headline's last line."""
    last = run.line_indices[-1]
    if j == last + 1 or len(run.line_indices) < 2:
        return False
    text, nxt = lines[last].strip(), lines[j].strip()
    if ends_sentence(text) or spans_a_word(text, nxt) or starts_mid_sentence(nxt):
        return False
    # The column of the text above the run and of its neighbourhood, the narrower: a wide line
    # below (a long headline) widens the neighbourhood's.
    first = run.line_indices[0]
    column = _body_column(widths, last, set(run.line_indices))
    above = upper_quartile(widths[max(0, first - 8) : first])
    if above:
        column = min(column, above)
    return bool(column) and widths[last] < _SHORT_OF_COLUMN * column


# "堡垒。贵德县…": a sentence that closes within a few characters of the line start.
SHORT_SENTENCE_TAIL = re.compile(rf"^[{HAN_RANGES}]{{1,5}}[。；！？]")


def spans_a_word(left: str, right: str) -> bool:
    """The break between two lines falls inside a word ("…小区新" + "时代文明…" → 新时代)."""
    if not left or not right or not HAN.match(left[-1]) or not HAN.match(right[0]):
        return False
    joint = left[-8:] + right[:8]
    cut = len(left[-8:])
    position = 0
    for word in dictionary_words(joint):
        if position < cut < position + len(word) and len(word) >= 2:
            return True
        position += len(word)
    return False


def fills_column(widths: Sequence[float], i: int, run_start: int) -> bool:
    """Line i is as wide as the body column around it (the lines from `run_start` on excluded)."""
    column = _body_column(widths, i, set(range(run_start, i + 1)))
    return bool(column) and 0.85 * column <= widths[i] <= 1.1 * column


def _body_column(widths: Sequence[float], i: int, skip: set[int], radius: int = 8) -> float:
    """The column width around line i, from the lines that are not part of the run itself."""
    start = max(0, i - radius)
    around = list(widths[start : i + radius + 1])
    for k in skip:  # the run's own lines count as blank
        if 0 <= k - start < len(around):
            around[k - start] = 0.0
    return upper_quartile(around)


def _tight_headline(run: HeadingRun, lines: Sequence[str], widths: Sequence[float]) -> bool:
    """A headline printed right above its body, no blank line between: its lines do not fill
    the column the body's first line fills (a paragraph's first line always fills it)."""
    nxt = run.line_indices[-1] + 1
    title = run.title
    if nxt >= len(lines) or ends_on_function_char(title) or _unbalanced(title):
        return False
    if lines[nxt - 1].rstrip().endswith(("—", "－")):
        return False  # a dash at the line's end runs on into the line below ("…综合体——" / "某某市场内…")
    if _stands_out_of_column(run, lines, widths, nxt) or _phrases_over_paragraph(run, lines, widths, nxt):
        return True
    return _titles_a_caption(run, lines, widths, nxt) or decide_tight(run, tight_features(run, lines, widths, nxt))


def _title_over_caption(run: HeadingRun, lines: Sequence[str], widths: Sequence[float], indented: Set[int]) -> HeadingRun | None:
    """A photo's title grown over its caption's first lines ("赵乐际在" / "重庆调研" / "赵乐际考察重庆打造"
    / …): the run's first lines alone, when what follows them is the caption they title."""
    start = run.line_indices[0]
    for k in range(len(run.line_indices) - 1, 0, -1):
        cut = run.line_indices[k - 1] + 1
        shorter = _grow_run(lines[:cut], start, widths, indented)
        if shorter is not None and shorter.title and not shorter.kicker and _titles_a_caption(shorter, lines, widths, cut):
            return shorter
    return None


def _titles_a_caption(run: HeadingRun, lines: Sequence[str], widths: Sequence[float], nxt: int) -> bool:
    """A photo's title set right over its caption ("…党旗。 张三 李四 摄"): a whole phrase
    with no punctuation, narrower than the caption's lines, over a block that closes with a
    photographer's credit. A caption's own first line fills its column and goes on as a
    sentence; a block of text closes on no credit."""
    if not _whole_phrase(run.title):
        return False
    end = nxt
    while end < len(lines) and lines[end].strip() and end - nxt < _CAPTION_LINES:
        end += 1
    if end < len(lines) and lines[end].strip():
        return False  # a longer block than a caption
    block = "".join(line.strip() for line in lines[nxt:end])
    if widths[run.line_indices[-1]] >= _NARROWER_THAN_CAPTION * max(widths[nxt:end], default=0.0):
        return False
    return has_caption_credit(block) and not spans_a_word(run.title_lines[-1].strip(), lines[nxt].strip())


# A caption is told in a few lines.
_CAPTION_LINES = 12
# A photo's title line is this much narrower than its caption's widest line, at most.
_NARROWER_THAN_CAPTION = 0.8


def _phrases_over_paragraph(run: HeadingRun, lines: Sequence[str], widths: Sequence[float], nxt: int) -> bool:
    """A paragraph's first line fills the column (or falls two characters short, indented): a
    headline line of that width is told apart by a word space between its phrases."""
    if SOFT_PUNCT.search(run.title):
        return False
    column = _body_column(widths, nxt, set(run.line_indices))
    if not column or spans_a_word(lines[run.line_indices[-1]].strip(), lines[nxt].strip()):
        return False
    in_zone = [i for i in run.line_indices if 0.75 * column <= widths[i] <= 1.15 * column]
    if any(not PHRASE_SPACE.search(lines[i].strip()) for i in in_zone):
        return False
    return fills_column(widths, nxt, run.line_indices[0]) or _opens_paragraph(lines, nxt)


def decide_tight(run: HeadingRun, features: Sequence[float]) -> bool:
    """The model's call (a seam: the training script records features and answers from gold)."""
    return learned.TIGHT_HEADLINE.says_yes(features)


def tight_features(run: HeadingRun, lines: Sequence[str], widths: Sequence[float], nxt: int) -> list[float]:
    """The signals `learned.TIGHT_FEATURES` names, for a run printed above line `nxt` (tight, or
    across a blank line)."""
    title = run.title
    column = following_column(lines, widths, nxt)
    title_widths = [widths[i] for i in run.line_indices if lines[i].strip()]
    widest = max(title_widths, default=0.0)
    last, following = lines[run.line_indices[-1]].strip(), lines[nxt].strip()
    above = run.line_indices[0] - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    previous = lines[above].strip() if above >= 0 else ""
    ahead = _text_from(lines, nxt, 6)[:150]
    title_words = content_words(title)
    return [
        1.0,
        float(bool(column)),
        max(-1.0, min(1.0, (widest - column) / column)) if column else 0.0,
        float(bool(column) and all(w <= column - 1 for w in title_widths)),
        float(bool(column) and widest >= column + 1),
        float(len(run.title_lines) > 1),
        float(bool(PHRASE_SPACE.search(title))),
        float(bool(SOFT_PUNCT.search(title))),
        float(spans_a_word(last, following)),
        float(_opens_paragraph(lines, nxt)),
        float(bool(column) and abs(widths[nxt] - column) < 1),
        float(not previous or previous[-1] in SENTENCE_ENDERS or is_credit_line(previous)),
        float(above < run.line_indices[0] - 1),
        len(title_words & content_words(ahead)) / len(title_words) if title_words else 0.0,
        min(han_count(title) / 20, 2.0),
        float(is_news_lead(following)),
        float(bool(LEAD_TIME.match(ahead))),
        _bigram_share(title, first_sentence(ahead, 80)),
        float(bool(previous) and is_credit_line(previous)),
        float(nxt > run.line_indices[-1] + 1),
        float(bool(column) and len(title_widths) == 1 and 1.5 <= column - widest <= 2.5),
        float(bool(is_news_lead(title) or REPORTER_LEAD.match(title) or _PARAGRAPH_OPENING.match(title) or title.startswith("据"))),
        float(bool(_DAY_IN_TITLE.search(title))),
    ]


# A day named the way a lead names it: "今天（5月3日）", "4日晚", "当地时间".
_DAY_IN_TITLE = re.compile(r"[今昨]天|当地时间|[（(]\d{1,2}月\d{1,2}日[)）]|\d{1,2}日[上下晚早]")


def _restated_below(run: HeadingRun, lines: Sequence[str], j: int) -> bool:
    """A blank line or a byline parts the run from text that restates it: a headline over its
    lead ("生态持续向好，北京打造…" over "北京市全面推进生态文明建设…"), not a cut sentence,
    which goes on below with other words."""
    last = run.line_indices[-1]
    if j == last + 1 and not (is_name_line(lines[j]) or is_marked_byline(lines[j])):
        return False  # printed tight: the width rules decide
    k = j
    while k < len(lines) and (not lines[k].strip() or is_name_line(lines[k]) or is_marked_byline(lines[k])):
        k += 1
    return _restated_from(run, lines, k)


def _over_its_lead(run: HeadingRun, lines: Sequence[str]) -> bool:
    """The text right below the run opens by restating it (most of its character pairs in the
    first sentence): a headline over its lead, though the text above it stopped unfinished ("…
    声明如下：" / blank / "习近平同法国总统共同会见记者" / "当地时间…习近平…同法国总统…会见记者")."""
    j = nearest_text(lines, run.line_indices[-1])
    if j is None or not run.title or ends_on_function_char(run.title) or _unbalanced(run.title):
        return False
    return _restated_from(run, lines, j)


def _restated_from(run: HeadingRun, lines: Sequence[str], k: int) -> bool:
    """The first sentence of the text from line k repeats most of the run's character pairs."""
    below = _text_from(lines, k, 4)
    return _bigram_share(run.title, first_sentence(below, 80)) >= _RESTATED


# The share of a headline's character pairs its lead repeats (a cut sentence's next line repeats few).
_RESTATED = 0.5


def _bigram_share(title: str, text: str) -> float:
    """The share of the title's Han character pairs that `text` repeats: a lead restates its
    headline's names and terms, whatever words a segmenter would cut them into."""
    pairs = han_pairs(title)
    return sum(pair in text for pair in pairs) / len(pairs) if pairs else 0.0


def following_column(lines: Sequence[str], widths: Sequence[float], start: int, reach: int = 8) -> float:
    """The width the text from line `start` on is set to, read from the lines that run on (not a
    paragraph's last line): 0 when fewer than three of them agree.

    Why: a headline printed tight above its body is told from the body's first line by its
    width; the column must come from the body below, not from a neighbouring article's."""
    seen: Counter[float] = Counter()
    looked = 0
    i = start
    short_item: list[float] | None = []  # the running lines of the first paragraph, while it may be a short item's
    item_column = 0.0
    while i < len(lines) and looked < reach:
        text = lines[i].strip()
        i += 1
        if not text:
            continue
        looked += 1
        if text[-1] in SENTENCE_ENDERS:
            if short_item is not None and _closes_a_short_item(lines, i - 1, short_item):
                item_column = sorted(short_item)[len(short_item) // 2]
            short_item = None
            continue
        if short_item is not None:
            short_item.append(widths[i - 1])
        seen[round(widths[i - 1] * 2) / 2] += 1
    return _agreed_column(seen) or item_column


def _closes_a_short_item(lines: Sequence[str], i: int, running: Sequence[float]) -> bool:
    """Line i ends the sentence that closes a short item of one paragraph, whose lines that run
    on (`running`, two or more) agree on a width, and a blank line or a headline follows: that
    width is the item's column, though too few lines tell it to `following_column`."""
    if len(running) < 2 or max(running) - min(running) > _COLUMN_SPREAD or not ends_sentence(lines[i].strip()):
        return False
    after = nearest_text(lines, i)
    return after is None or after > i + 1 or is_title_line(lines[after], strict=True)


def _agreed_column(seen: Counter[float]) -> float:
    """The width most running lines agree on (see `following_column`)."""
    if not seen:
        return 0.0
    width, count = seen.most_common(1)[0]
    if count >= 3:
        return width
    # Digits and Latin letters are half as wide, and a line may end on a punctuation mark that
    # hangs past the column: lines that fill one column may then each differ by a character.
    # The widest cluster of widths within a character of each other, its middle one.
    running = sorted(w for w in seen.elements() if w >= _NARROWEST_COLUMN)  # (not bylines: "◎ 郑云志")
    best: list[float] = []
    for k, low in enumerate(running):
        cluster = [w for w in running[k:] if w - low <= _COLUMN_SPREAD]
        if len(cluster) > len(best):
            best = cluster
    return best[len(best) // 2] if len(best) >= 3 else 0.0


# Lines set in one column differ in width by this much at most (see following_column).
_COLUMN_SPREAD = 1.0
# No column of text is narrower than this (characters).
_NARROWEST_COLUMN = 8.0


def _stands_out_of_column(run: HeadingRun, lines: Sequence[str], widths: Sequence[float], nxt: int) -> bool:
    """Every line of the run is wider than the column the body below it fills, or narrower by
    more than an indent, and the body's first line fills that column (or falls short of it by
    the indent it lost): set apart like a headline, whatever punctuation it carries. A body line
    is never wider than its column, and one narrower than it ends its paragraph (or lost its
    indent)."""
    column = following_column(lines, widths, nxt)
    if not column or lines[run.line_indices[-1]].rstrip()[-1:] in "，、,；;：:":
        return False
    narrower_too = True
    if abs(widths[nxt] - column) >= 1:
        # The body's first line short by its lost indent: under a run set apart by a blank line
        # (or wider than any body line), not under the last paragraph's lines run on.
        if not _opens_short_by_an_indent(lines, widths, nxt, column):
            return False
        start = run.line_indices[0]
        narrower_too = start == 0 or not lines[start - 1].strip()
    return all(widths[i] >= column + 1 or narrower_too and widths[i] <= column - _INDENT_SLACK for i in run.line_indices)


# A paragraph's first line may fall this many characters short of the column: its indent, lost
# in extraction.
_INDENT_SLACK = 4


# A paragraph's indent, two characters, which an extraction may drop with its spaces.
_LOST_INDENT = 2


def _opens_short_by_an_indent(lines: Sequence[str], widths: Sequence[float], start: int, column: float) -> bool:
    """The line at `start` falls short of the column by an indent (two characters, the indent's
    spaces lost) and its sentence runs on into the next line: a paragraph's first line."""
    text = lines[start].rstrip()
    return (
        abs(column - widths[start] - _LOST_INDENT) <= 0.5
        and bool(text) and text[-1] not in SENTENCE_ENDERS
        and start + 1 < len(lines) and bool(lines[start + 1].strip())
    )


_PAIRS = (("“", "”"), ("《", "》"), ("（", "）"), ("(", ")"), ("「", "」"), ("‘", "’"), ("【", "】"))


_PAIR_MARKS = frozenset("".join(a + b for a, b in _PAIRS))


def _unbalanced(text: str) -> bool:
    """An opened quote or bracket left open: the text runs on past this line."""
    return not _PAIR_MARKS.isdisjoint(text) and any(text.count(a) != text.count(b) for a, b in _PAIRS)


# When a news lead opens: "近日，", "今天（5月3日），", "3月12日，". The one list of such openings.
_TIME_WORDS = ("近年来", "今年以来", "近日", "日前", "目前", "近期", "去年以来", "年初以来", "连日来", "当前", "眼下", "今天", "昨天")
TIME_OPENING = (
    "(?:" + "|".join(_TIME_WORDS) +
    "|(?:当地时间)?(?:\\d{1,2}月\\d{1,2}日|\\d{1,2}日)(?:[上下]午|中午|晚间?|早间?|凌晨|傍晚)?|当地时间)"
)
# A paragraph that opens with its time, set off by a comma or a bracket.
LEAD_TIME = re.compile(rf"^{TIME_OPENING}[，,（(]")
_PARAGRAPH_OPENING = re.compile(rf"^(?:[“「]|{TIME_OPENING}[，,（(])")
# A quote of a few characters that closes before any punctuation names a term ("“两新”政策…",
# "“五一”假期…"): headlines open so as often as text does, unlike a quoted speech ("“我们…，").
_QUOTED_TERM = re.compile(r"^[“「][^”」，,。！？!?、：:；;]{1,6}[”」]")


def _opens_paragraph(lines: Sequence[str], j: int) -> bool:
    """The text at line j reads like the start of a paragraph, not the rest of a cut sentence."""
    head = _text_from(lines, j)
    if (
        is_title_line(lines[j], strict=True)
        or is_news_lead(head)
        or REPORTER_LEAD.match(head)
        or is_subtitle(lines[j])
        or _PARAGRAPH_OPENING.match(head)
    ):
        return True
    return bool(_PLACE_OPENING.match(head))


# A lead that opens on a place named in full: "云南省大理白族自治州大理市紧紧围绕…".
_PLACE_OPENING = re.compile(
    rf"^[{HAN_RANGES}]{{1,8}}(?:省|自治区)[{HAN_RANGES}]{{1,10}}?(?:市|州|盟|地区)"
)


PHRASE_SPACE = re.compile(rf"[{HAN_RANGES}”》] +[{HAN_RANGES}“《]")


# The marks that open a bulleted item ("■ 东湖社区…"): each one a short item of its own, its
# title inline. ◎ opens one too, but also a byline ("◎ 韦晓"), so no title is split after it.
_ITEM_MARKS = "■●◆▲★☆□◇○▶►"
BULLET = re.compile(rf"^\s*[{_ITEM_MARKS}◎]")
# "■广州口岸迎来客货入境高峰 第137届交易会将于…": a short item's bold lead, then its text.
_BULLETED_ITEM = re.compile(rf"^\s*[{_ITEM_MARKS}]\s*(?P<title>[^，。；！？,;!?\s]{{4,40}}?)\s+(?P<rest>\S.*)$", re.DOTALL)


# The same with the space gone (cleaning drops a space between Han and a digit): the text
# opens on its date ("■…第七次会晤9月2日上午，…").
_BULLETED_ITEM_DATED = re.compile(
    rf"^\s*[{_ITEM_MARKS}]\s*(?P<title>[^，。；！？,;!?\s\d]{{3,39}}[{HAN_RANGES}”》])(?<!当地时间)(?P<rest>(?:当地时间)?\d{{1,2}}月\d{{1,2}}日.*)$", re.DOTALL
)


def bulleted_item_title(paragraph: str) -> tuple[str, str]:
    """Split a bulleted short item into its lead phrase (its headline) and its text."""
    match = _BULLETED_ITEM.match(paragraph) or _BULLETED_ITEM_DATED.match(paragraph) or _timed_item(paragraph) or _quoted_item(paragraph)
    if not match or han_count(match.group("title")) < 4:
        return "", paragraph
    return match.group("title"), match.group("rest")


def _quoted_item(paragraph: str) -> re.Match[str] | None:
    """"■开在制造业重镇里的“AI超市” 广东东莞是…": the lead phrase closes on a quote or a book
    title, and the space after it went with the mark's (cleaning drops a space beside a mark);
    the text opens on a place, the way a lead does."""
    match = _BULLETED_ITEM_QUOTED.match(paragraph)
    if match is None or not starts_with_place(match.group("rest")):
        return None
    return match


# A lead phrase closing on its quote or book title, every mark in it closed (see _quoted_item).
_BULLETED_ITEM_QUOTED = re.compile(
    rf"^\s*[{_ITEM_MARKS}]\s*(?P<title>[^，。；！？,;!?\s]{{4,40}}?[”》])(?P<rest>[{HAN_RANGES}].*)$", re.DOTALL
)


def _timed_item(paragraph: str) -> re.Match[str] | None:
    """"■各地举办活动庆祝建党104周年今天（7月1日），…": the lead phrase and a text opening on its
    time, the space between them lost with the line break; never a cut inside a word
    ("■…以前天…": 前天 read across the cut)."""
    match = _BULLETED_ITEM_TIMED.match(paragraph)
    if match is None or spans_a_word(match.group("title"), match.group("rest")):
        return None
    return match


# The same with the space gone before a text that opens on its time ("今天（7月1日），", "3日，",
# "今年以来，"): a lead's time words (TIME_OPENING's) but those that end other words ("项目前",
# "相当前"; a word read across the cut, "着眼下", "节日前", is ruled out by spans_a_word).
_ENDS_OTHER_WORDS = frozenset({"目前", "当前"})
_BULLETED_ITEM_TIMED = re.compile(
    rf"^\s*[{_ITEM_MARKS}]\s*(?P<title>[^，。；！？,;!?\s]{{4,40}}?)(?P<rest>(?:"
    + "|".join(w for w in _TIME_WORDS if w not in _ENDS_OTHER_WORDS)
    + r"|党的十八大以来|(?:当地时间)?(?<!\d)(?:\d{1,2}月)?\d{1,2}日(?:[上下]午|晚间?)?)[，,（(].*)$",
    re.DOTALL,
)


def news_lead_byline(paragraph: str) -> tuple[str, str]:
    """Split '本报讯（李华）1月28日，…' into ('本报讯（李华）', '1月28日，…')."""
    match = NEWS_LEAD_BYLINE.match(paragraph)
    if not match:
        return "", paragraph
    return match.group(1).strip(), paragraph[match.end() :].lstrip()
