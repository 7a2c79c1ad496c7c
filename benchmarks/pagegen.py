"""Generated e-paper pages from REAL news stories, with their gold segmentation.

Why: civread splits the five seed pages perfectly but pages it has never seen poorly (issue 9).
A bench that only recombines the seeds measures memory, not understanding. This module lays
real stories (`../shared/corpora/news.jsonl`, CCTV 新闻联播 scripts, read at run time and never
copied into the repository) out the way PDF extractions of Chinese newspaper pages come out, and
records what a perfect segmenter would return.

    from pagegen import generate, split
    for page in generate("heldout", seed=1, difficulty="medium", n_pages=100):
        page.text, page.items, page.artefacts

Corpus split (done once, deterministically, never tuned): a story is HELD OUT when the last hex
digit of sha1(story id) is 0, 1 or 2 (~19% of stories), else DEV. Develop on `dev`; only ever
measure on `heldout`.

Determinism: page i of (part, seed, difficulty) uses its own `random.Random` seeded with the
string "part/seed/difficulty/i", so a page never depends on how many others were asked for.
Nothing is written anywhere (the benchmark's `--dump` writes where it is told).

Gold, per page: `items` (one per piece a reader would cut out) and page-level `artefacts`.
Each item: kind ('article' | 'photo'), title (as printed, without the kicker; "" for an
untitled caption), kicker, subtitle, byline, head_han (Han characters of kicker+title+subtitle+
byline), body_han (Han characters of the body only, in reading order: dateline lead, paragraphs,
subheads, closing credit and signature — all of which belong to the article), county_code and
artefacts (names of the artefacts that touch this item).

Gold place (county_code, a 6-digit code of any level, or None): `resolve_locality(title, "",
paragraphs)` from civread's pipeline, run on the story as a clean standalone article (series tag
stripped, no invented lead, no kicker) — i.e. civread's own resolver on the easiest possible
input. It is a reference, not ground truth: where it errs on a clean story, the bench cannot
tell. The one exception is the county paper: when a story's county is rewritten to
"我县/本县/全县" ("我市/本市/全市" when the home is a county-level city) on a page
whose masthead names a home county, the gold is that home county's code. Photo captions and briefs items are resolved the same way on
the text actually printed (caption; item title + its first sentences).

Leads: every corpus body opens with 「央视网消息（新闻联播）：」; that lead is always removed and
replaced by one of (weights): none 45, 本报讯（张三） 16, 本报讯 记者李四 通讯员王五 8,
新华社<place><date>电（记者 …） 7, 新京报讯（记者…） 5, 央广网<place><date>消息 5,
IT之家<date>消息 3, 据<media>报道， 5, 记者…从…获悉， 6. Names are invented from common
surnames and given-name characters; dates vary; the place in a dateline is the story's own
(its gold province or prefecture short name, else 北京). An article rewritten to the home place
("我县") only gets a local lead (none / 本报讯 / 记者…获悉).

Artefacts and how often each difficulty uses them (per article unless "page"):

| artefact | easy | medium | hard | what |
|---|---|---|---|---|
| width | 12–22 | 12–22 | 12–22 | column width in CJK characters (half-width = ½), hard-wrapped, punctuation hangs at line end, no opening quote/bracket at a line end; one width per page, half the articles another of their own |
| tight (page) | .10 | .25 | .35 | per junction: no blank line between a headline block and a body (or two pieces) |
| para_noblank (page) | .10 | .25 | .35 | paragraphs not separated by blank lines (half of them indented with "　　") |
| blank_mid | .20 | .45 | .60 | 1–3 blank lines inserted mid-sentence (column breaks) |
| double_spacing | 0 | .08 | .15 | a blank line after every line of the body |
| head_after | 0 | .15 | .20 | headline printed after its body |
| heads_at_end (page) | 0 | .15 | .25 | every headline (but the first article's) collected at the page's end, shuffled half the time |
| head_over_body | 0 | .10 | .15 | headline printed above the previous article's body |
| kicker | .25 | .30 | .35 | place kicker "浙江安吉县：" (only when the gold place is prefecture/county level) … |
| kicker_line | .35 | .50 | .60 | … of which on its own line (else inline "kicker：title") |
| subtitle | .10 | .15 | .20 | "——" / "————" + a clause of the lead, under the title |
| series_tag | .35 | .30 | .30 | a title's 【series】 tag kept (else stripped) |
| title_punct | .25 | .30 | .35 | a space in the title becomes "，" (titles with ，？！、 are tagged title_punct) |
| title_broken | .25 | .35 | .45 | title broken over 2–3 lines (at its spaces or mid-way); titles over 20 characters ≥ .70 |
| justified_title | 0 | .08 | .15 | spaces between a headline's characters ("文 明 创 建") |
| byline | .30 | .40 | .45 | "◎ 张三" / "记者 李四" / "张三 李四" / "文/本报记者 张三" line under the head |
| subheads | .10 | .20 | .30 | invented subheads inserted in long bodies ("方案一", "温馨提示", "第一个夜晚：…", "一、…") |
| corpus_subheads | – | – | – | the story already has short bold subheads as paragraphs (kept as body) |
| credit | .12 | .18 | .22 | "（张三 李四）" line at the article's end |
| credit_early | 0 | 0 | .40 | of credited articles/briefs: credit printed before the body's last line |
| signature | .10 | .15 | .20 | notice signature "<its county/prefecture>人民政府" + date at the end (belongs to the article; only when the gold place is prefecture/county level) |
| split_body | 0 | .08 | .18 | the article's last column printed after the next piece |
| lead_displaced | 0 | .05 | .08 | the lead paragraph printed after the next piece or at the page's end |
| width_change | 0 | .10 | .20 | the body continues in a column of another width from some paragraph on |
| interleaved (page) | 0 | 0 | .12 | two neighbouring columns interleaved line by line for 4–10 lines |
| shredded_digits | 0 | 0 | .20 | a date "5月15日" printed "5月" / "1" / "5日" |
| photo (page) | .30 | .40 | .50 | 1–2 photo captions (kind 'photo'): sentence(s) + "（张三 摄）" / "图为…" / "…供图" |
| briefs (page) | .10 | .20 | .30 | a 简讯 / 图片新闻 / 一句话新闻 / 新闻速览 column of 3–5 short titled items |
| masthead (page) | .40 | .60 | .80 | "2024年3月12日 星期二 综合新闻 责任编辑：… 版式设计：…", "第3版", "××日报", "纪实·服务B4" lines, top (.7) or bottom |
| page_number (page) | .30 | .50 | .60 | a bare page number ("3", "- 3 -") at the top or bottom |
| halfwidth (page) | 0 | .15 | .30 | full-width punctuation printed half-width (，→, 。 kept) |
| indent_lost (page) | .30 | .40 | .50 | paragraphs set with a two-character indent that extraction dropped: each paragraph's first line two characters short (drawn from a stream of its own) |
| squeeze (page) | .30 | .40 | .50 | punctuation compressed as justified type does: a line with punctuation holds a character or two more (own stream) |
| county_paper (page) | .15 | .25 | .30 | masthead names a home county … |
| home_place | .60 | .60 | .60 | … and this article's own county (if county level) is rewritten "我县/本县/全县"; on a county paper half the article slots are drawn from county-level stories |

Articles per page: 1–8 with weights 1,1,2,4,4,4,4,2 (4–7 most common); long stories are cut at a
paragraph end after ~900 Han characters (cut stories are still real text).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import random
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS_REL = Path("shared") / "corpora" / "news.jsonl"


def default_corpus() -> Path:
    """<repo>/../shared/corpora/news.jsonl; from a worktree nested deeper, the nearest ancestor that has it."""
    for d in REPO.parents:
        if (d / CORPUS_REL).is_file():
            return d / CORPUS_REL
    return REPO.parent / CORPUS_REL
GAZETTEER = REPO / "tui" / "civread" / "data" / "gazetteer.tsv"
DIFFICULTIES = ("easy", "medium", "hard")
PARTS = ("dev", "heldout")

HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{HAN_RANGES}]")
_CCTV_LEAD = re.compile(r"^央视网消息(?:（[^）]{0,12}）)?[：:]")
_SERIES = re.compile(r"^【[^】]{1,20}】")
_SENT = re.compile(r"[^。！？]*[。！？]+[”’」』]?")


def han(text: str) -> str:
    """The Han characters of a text, in order: what matching and gold bodies compare."""
    return "".join(_HAN.findall(text))


# --------------------------------------------------------------------------- corpus


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    paragraphs: tuple[str, ...]  # the CCTV lead removed


def split(story: Story | str) -> str:
    """'heldout' for ~19% of stories (sha1(id)'s last hex digit in 0/1/2), else 'dev'. Fixed forever."""
    sid = story if isinstance(story, str) else story.id
    return "heldout" if hashlib.sha1(sid.encode("utf-8")).hexdigest()[-1] in "012" else "dev"


@lru_cache(maxsize=4)
def load_corpus(path: str | None = None) -> dict[str, tuple[Story, ...]]:
    """The corpus, read once, as {part: stories sorted by id}."""
    p = Path(path) if path else default_corpus()
    if not p.is_file():
        raise SystemExit(f"corpus not found: {p} (pass --corpus PATH)")
    parts: dict[str, list[Story]] = {"dev": [], "heldout": []}
    with p.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            d = json.loads(line)
            paras = [x.strip() for x in d["body"].split("\n") if x.strip()]
            if not paras:
                continue
            paras[0] = _CCTV_LEAD.sub("", paras[0]).strip()
            if not paras[0]:
                paras = paras[1:]
            if not paras:
                continue
            s = Story(d["id"], d["title"].strip(), tuple(paras))
            parts[split(s)].append(s)
    return {k: tuple(sorted(v, key=lambda s: s.id)) for k, v in parts.items()}


# --------------------------------------------------------------------------- places


@dataclass(frozen=True, slots=True)
class Place:
    code: str
    level: int
    parent: str
    name: str
    short: tuple[str, ...]  # strong aliases first, then the weak short form
    strong: tuple[str, ...] = ()  # the strong aliases alone


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """civread's gazetteer table (code → Place), read directly so the generator does not depend on pipeline internals."""
    out: dict[str, Place] = {}
    with GAZETTEER.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("code\t"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4:
                continue
            aliases = [a for a in (cols[4] if len(cols) > 4 else "").split("|") if a]
            weak = [a for a in (cols[5] if len(cols) > 5 else "").split("|") if a]
            out[cols[0]] = Place(cols[0], int(cols[1]), cols[2], cols[3], tuple(aliases + weak), tuple(aliases))
    return out


def _short(p: Place) -> str:
    return p.short[0] if p.short else p.name


def _lineage(code: str) -> list[Place]:
    ps = places()
    chain: list[Place] = []
    while code and code in ps:
        chain.append(ps[code])
        code = ps[code].parent
    return chain[::-1]


@lru_cache(maxsize=1)
def _home_candidates() -> tuple[str, ...]:
    return tuple(sorted(c for c, p in places().items() if p.level == 3 and p.name[-1] in "县市" and len(p.name) >= 2))


@lru_cache(maxsize=1)
def _resolver():
    """civread's place resolver, wherever the pipeline keeps it (it is being reorganised)."""
    try:
        from civread.pipeline.locality import resolve_locality

        return resolve_locality
    except ImportError:
        import importlib
        import pkgutil

        import civread.pipeline as pipeline

        for mod in pkgutil.walk_packages(pipeline.__path__, "civread.pipeline."):
            fn = getattr(importlib.import_module(mod.name), "resolve_locality", None)
            if fn is not None:
                return fn
        raise


@lru_cache(maxsize=None)
def gold_code(title: str, paragraphs: tuple[str, ...]) -> str | None:
    """The reference place of a clean standalone story (see the module docstring)."""
    loc = _resolver()(title, "", list(paragraphs))
    return loc.code or None


# --------------------------------------------------------------------------- invented names and dates

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志海燕云鹏飞宇浩凯晨欣雪梅琳倩颖婷晓慧佳文博诚嘉悦思远航怡宁睿泽"
_MEDIA = ["人民日报", "光明日报", "经济日报", "中国青年报", "工人日报", "农民日报", "法治日报", "科技日报", "中国新闻网", "澎湃新闻"]
_ORGS = ["县农业农村局", "市文明办", "县融媒体中心", "市气象局", "县委宣传部", "市生态环境局", "县卫健委", "市教育局", "县应急管理局", "市商务局"]
_SECTIONS = ["综合新闻", "要闻", "地方新闻", "县域经济", "民生", "文明创建", "乡村振兴", "社会", "专版", "时事"]
_WEEKDAYS = "一二三四五六日"


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _date(rng: random.Random) -> _dt.date:
    return _dt.date(2022, 1, 1) + _dt.timedelta(days=rng.randrange(1400))


def _md(d: _dt.date) -> str:
    return f"{d.month}月{d.day}日"


# --------------------------------------------------------------------------- configuration

CONFIG: dict[str, dict[str, float]] = {
    "easy": dict(lead_displaced=0, width_change=0, tight=.10, para_noblank=.10, blank_mid=.20, double_spacing=0, head_after=0, heads_at_end=0, head_over_body=0,
                 kicker=.25, kicker_line=.35, subtitle=.10, series_tag=.35, title_punct=.25, title_broken=.25,
                 justified_title=0, byline=.30, subheads=.10, credit=.12, credit_early=0, signature=.10,
                 split_body=0, interleaved=0, shredded_digits=0, photo=.30, briefs=.10, masthead=.40,
                 page_number=.30, halfwidth=0, county_paper=.15, home_place=.60, indent_lost=.30, squeeze=.30),
    "medium": dict(lead_displaced=.05, width_change=.10, tight=.25, para_noblank=.25, blank_mid=.45, double_spacing=.08, head_after=.15, heads_at_end=.15,
                   head_over_body=.10, kicker=.30, kicker_line=.50, subtitle=.15, series_tag=.30, title_punct=.30,
                   title_broken=.35, justified_title=.08, byline=.40, subheads=.20, credit=.18, credit_early=0,
                   signature=.15, split_body=.08, interleaved=0, shredded_digits=0, photo=.40, briefs=.20,
                   masthead=.60, page_number=.50, halfwidth=.15, county_paper=.25, home_place=.60, indent_lost=.40,
                   squeeze=.40),
    "hard": dict(lead_displaced=.08, width_change=.20, tight=.35, para_noblank=.35, blank_mid=.60, double_spacing=.15, head_after=.20, heads_at_end=.25,
                 head_over_body=.15, kicker=.35, kicker_line=.60, subtitle=.20, series_tag=.30, title_punct=.35,
                 title_broken=.45, justified_title=.15, byline=.45, subheads=.30, credit=.22, credit_early=.40,
                 signature=.20, split_body=.18, interleaved=.12, shredded_digits=.20, photo=.50, briefs=.30,
                 masthead=.80, page_number=.60, halfwidth=.30, county_paper=.30, home_place=.60, indent_lost=.50,
                 squeeze=.50),
}
_N_ARTICLES = (1, 2, 3, 4, 5, 6, 7, 8)
_N_WEIGHTS = (1, 1, 2, 4, 4, 4, 4, 2)
_MAX_HAN = 900

# --------------------------------------------------------------------------- gold


@dataclass(slots=True)
class GoldItem:
    kind: str  # 'article' | 'photo'
    title: str
    kicker: str
    body_han: str
    county_code: str | None
    artefacts: set[str] = field(default_factory=set)
    subtitle: str = ""
    byline: str = ""
    head_han: str = ""
    story_id: str = ""

    def as_dict(self) -> dict:
        return {"kind": self.kind, "title": self.title, "kicker": self.kicker, "subtitle": self.subtitle,
                "byline": self.byline, "county_code": self.county_code, "artefacts": sorted(self.artefacts),
                "story_id": self.story_id, "head_han": self.head_han, "body_han": self.body_han}


@dataclass(slots=True)
class GenPage:
    id: str
    difficulty: str
    part: str
    text: str
    items: list[GoldItem]
    artefacts: set[str]
    home_code: str | None = None

    def as_dict(self) -> dict:
        return {"id": self.id, "difficulty": self.difficulty, "part": self.part, "home_code": self.home_code,
                "artefacts": sorted(self.artefacts), "items": [i.as_dict() for i in self.items], "text": self.text}


# --------------------------------------------------------------------------- line layout


def _cw(ch: str) -> int:
    # Chinese type sets the quotes, dashes, ellipsis and middle dot (Unicode "ambiguous" width) full-width.
    if unicodedata.east_asian_width(ch) in "WF" or "\u2010" <= ch <= "\u206f" or ch == "\u00b7":
        return 2
    return 1


_SQUEEZABLE = set("，。、；：？！“”‘’（）《》")
_NO_START = set("，。、；：？！）》」』”’…—,.;:?!)%")
_NO_END = set("“‘（《「『(")
_TOKEN = re.compile(r"[A-Za-z0-9.%+\-/]+|.", re.S)


def wrap(text: str, width: int, squeeze: bool = False) -> list[str]:
    """Hard-wrap at `width` CJK columns (half-width characters count ½); punctuation hangs at the line end.

    `squeeze`: full-width punctuation set half-width, as justified Chinese type compresses it (a
    line with several commas holds one or two characters more)."""
    cap = 2 * width
    lines: list[str] = []
    cur, curw = "", 0
    for tok in _TOKEN.findall(text):
        tw = sum(1 if squeeze and c in _SQUEEZABLE else _cw(c) for c in tok)
        if tw > cap:  # a very long latin run: cut it
            for c in tok:
                if curw + _cw(c) > cap and cur:
                    lines.append(cur)
                    cur, curw = "", 0
                cur += c
                curw += _cw(c)
            continue
        if curw + tw > cap and cur:
            if tok[0] in _NO_START and curw + tw <= cap + 4:
                cur += tok
                curw += tw
                continue
            carry = ""
            while cur and cur[-1] in _NO_END and len(cur) > 1:
                carry, cur = cur[-1] + carry, cur[:-1]
            lines.append(cur)
            cur, curw = carry, sum(_cw(c) for c in carry)
        cur += tok
        curw += tw
    if cur:
        lines.append(cur)
    return lines


def _justify(line: str) -> str:
    return " ".join(line)


_HALF = str.maketrans({"，": ",", "；": ";", "：": ":", "？": "?", "！": "!", "（": "(", "）": ")"})


def _sentences(text: str) -> list[str]:
    out = _SENT.findall(text)
    rest = text[sum(len(s) for s in out):]
    return out + ([rest] if rest.strip() else [])


def _first_clause(text: str, lo: int = 4, hi: int = 16) -> str | None:
    m = re.match(r"^([^，。；：！？、“”（）《》]{%d,%d})[，。；：]" % (lo, hi), text)
    return m.group(1) if m else None


# --------------------------------------------------------------------------- one article


@dataclass(slots=True)
class Unit:
    """One piece's printed lines: head (headline block) and body, kept apart until the page is assembled."""

    kind: str  # 'article' | 'photo' | 'briefs'
    head: list[str]
    body: list[str]
    items: list[GoldItem]
    lead_end: int = 0  # body lines [0, lead_end) print the lead paragraph


_LEADS = [("none", 45), ("benbao", 16), ("benbao_reporter", 8), ("xinhua", 7), ("xinjingbao", 5), ("yangguang", 5),
          ("ithome", 3), ("ju_baodao", 5), ("reporter_learned", 6)]


_LOCAL_LEADS = {"none", "benbao", "benbao_reporter", "reporter_learned"}


def _lead(rng: random.Random, kind: str, place_short: str, date: _dt.date) -> str:
    n1, n2 = _name(rng), _name(rng)
    if kind == "benbao":
        return rng.choice([f"本报讯（{n1}）", f"本报讯（{n1} {n2}）", f"本报讯（记者 {n1}）"])
    if kind == "benbao_reporter":
        return rng.choice([f"本报讯 记者{n1} 通讯员{n2} ", f"本报讯（记者 {n1} 通讯员 {n2}）"])
    if kind == "xinhua":
        return f"新华社{place_short}{_md(date)}电（记者 {n1}{'、' + n2 if rng.random() < .4 else ''}）"
    if kind == "xinjingbao":
        return f"新京报讯（记者{n1}）"
    if kind == "yangguang":
        return f"央广网{place_short}{_md(date)}消息（记者{n1}）" if rng.random() < .5 else f"央广网{place_short}{_md(date)}消息 "
    if kind == "ithome":
        return f"IT之家{_md(date)}消息，"
    if kind == "ju_baodao":
        return f"据{rng.choice(_MEDIA)}报道，"
    if kind == "reporter_learned":
        return f"记者{n1}从{rng.choice(_ORGS)}获悉，"
    return ""


_SUBHEAD_LAST = ["温馨提示", "相关链接", "记者手记", "背景链接", "延伸阅读", "外媒评论：", "数说成就"]
_ORDINALS = "一二三四五六七八九十"
_NTH = ["夜晚", "清晨", "变化", "故事", "关键词", "镜头"]


def _is_subhead(p: str) -> bool:
    return len(p) <= 15 and not re.search(r"[。！？”]$", p)


def _add_subheads(rng: random.Random, paras: list[str]) -> list[str]:
    """Subheads as real pages print them; one style per article, never next to another subhead."""
    style = rng.choices(["numbered", "nth", "four_four", "last", "plan"], [4, 2, 3, 3, 1])[0]
    if style == "last":
        return paras[:-1] + [rng.choice(_SUBHEAD_LAST), paras[-1]]
    out = [paras[0]]
    k = 0
    for p in paras[1:]:
        clause = _first_clause(p, 4, 12)
        if clause and re.search("说|表示|介绍|称|指出|认为", clause):
            clause = None
        if len(p) >= 40 and not _is_subhead(out[-1]) and rng.random() < .45 and k < 9:
            if style == "numbered" and clause:
                out.append(f"{_ORDINALS[k]}、{clause}")
            elif style == "nth" and clause:
                out.append(f"第{_ORDINALS[k]}个{_NTH[rng.randrange(len(_NTH))]}：{clause}")
            elif style == "four_four" and clause and len(clause) >= 8:
                out.append(f"{clause[:4]} {clause[4:8]}")
            elif style == "plan":
                out.append(f"方案{_ORDINALS[k]}")
            else:
                out.append(p)
                continue
            k += 1
        out.append(p)
    return out


def _home_rewrite(text: str, county: Place, suffix: str, rng: random.Random) -> str:
    """Replace the county (with any province/prefecture written before it) by the home word.

    The word follows the HOME county's kind (a 县 paper says 我县 whatever the story's county was):
    mostly 我县, sometimes 本县, and 全县 only where a noun follows (never "全县人民政府")."""
    chain = _lineage(county.code)[:-1]
    prefix = "".join(f"(?:{'|'.join(map(re.escape, sorted({p.name, *p.short}, key=len, reverse=True)))})?" for p in chain)
    # weak short forms too: the story was resolved to this county, so its short name means it here
    names = sorted({county.name, *(a for a in county.short if len(a) >= 2)}, key=len, reverse=True)
    pat = re.compile(prefix + "(?:" + "|".join(map(re.escape, names)) + ")")

    def word(m: re.Match[str]) -> str:
        nxt = text[m.end(): m.end() + 1]
        r = rng.random()
        if r < .15 and nxt and _HAN.match(nxt) and nxt not in "人政委党的":
            return "全" + suffix
        return ("本" if r < .4 else "我") + suffix

    return pat.sub(word, text)


def _article(story: Story, rng: random.Random, cfg: dict[str, float], width: int, page: "_PageCtx") -> Unit:
    arts: set[str] = set()
    paras, title, code, place = _story_text(story, rng, cfg, page, arts)
    chain = _lineage(code) if code else []
    body_paras, tail = _lead_and_tail(paras, chain, rng, cfg, page, arts)
    body_han = han("".join(body_paras) + "".join(tail))
    kicker, subtitle, byline = _head_parts(story, title, place, chain, rng, cfg, arts)
    head = _head_lines(title, kicker, subtitle, byline, rng, cfg, arts)
    body = _body_lines(body_paras, tail, rng, cfg, width, page, arts)
    # where the lead paragraph's lines end (for lead_displaced), counted in Han characters
    lead_end, need, got = 0, len(han(body_paras[0])), 0
    while lead_end < len(body) and got < need:
        got += len(han(body[lead_end]))
        lead_end += 1
    item = GoldItem("article", title, kicker, body_han, code, arts, subtitle=subtitle, byline=byline,
                    head_han=han(kicker + title + subtitle + byline), story_id=story.id)
    return Unit("article", head, body, [item], lead_end=lead_end)


def _story_text(story: Story, rng: random.Random, cfg: dict[str, float], page: "_PageCtx",
                arts: set[str]) -> tuple[list[str], str, str | None, Place | None]:
    """The story's paragraphs (cut after ~900 Han characters) and title, its gold place, with the
    series tag, the home-place rewrite and a title comma applied."""
    paras: list[str] = []
    total = 0
    for p in story.paragraphs:
        paras.append(p)
        total += len(han(p))
        if total >= _MAX_HAN and len(paras) >= 2:
            break
    base_title = _SERIES.sub("", story.title).strip() or story.title
    code = gold_code(base_title, tuple(story.paragraphs))
    place = places().get(code or "")
    title = story.title if (_SERIES.match(story.title) and rng.random() < cfg["series_tag"]) else base_title
    if title != base_title:
        arts.add("series_tag")
    if any(_is_subhead(p) for p in paras[1:]):
        arts.add("corpus_subheads")
    # home place: the story's county becomes 我县 on a county paper
    if page.home and place is not None and place.level == 3 and rng.random() < cfg["home_place"]:
        suffix = page.home.name[-1] if page.home.name[-1] in "县市旗" else "县"
        new_paras = [_home_rewrite(p, place, suffix, rng) for p in paras]
        new_title = _home_rewrite(title, place, suffix, rng)
        if new_paras != paras or new_title != title:
            paras, title = new_paras, new_title
            code, place = page.home.code, page.home
            arts.add("home_place")
    if re.search(f"[{HAN_RANGES}”》] ", title) and rng.random() < cfg["title_punct"]:
        title = re.sub(f"([{HAN_RANGES}”》]) ", r"\1，", title, count=1)
    if re.search("[，？！、]", title):
        arts.add("title_punct")
    return paras, title, code, place


def _lead_and_tail(paras: list[str], chain: list[Place], rng: random.Random, cfg: dict[str, float],
                   page: "_PageCtx", arts: set[str]) -> tuple[list[str], list[str]]:
    """The dateline put before the first paragraph, invented subheads, and the closing credit and
    signature: (body paragraphs, tail lines)."""
    place_short = _short(chain[1]) if len(chain) > 1 else (_short(chain[0]) if chain else "北京")
    date = page.date - _dt.timedelta(days=rng.randrange(3))
    leads = [(k, w) for k, w in _LEADS if "home_place" not in arts or k in _LOCAL_LEADS]
    kind = rng.choices([k for k, _ in leads], [w for _, w in leads])[0]
    lead = _lead(rng, kind, place_short, date)
    if lead:
        arts.add("lead_" + kind)
        paras[0] = lead + paras[0]
    body_paras: list[str] = list(paras)
    if len(body_paras) >= 3 and rng.random() < cfg["subheads"]:
        body_paras = _add_subheads(rng, body_paras)
        if len(body_paras) > len(paras):
            arts.add("subheads")
    tail: list[str] = []
    if rng.random() < cfg["credit"]:
        arts.add("credit")
        tail.append(f"（{_name(rng)} {_name(rng)}）" if rng.random() < .7 else f"（{_name(rng)}）")
    if rng.random() < cfg["signature"] and chain and chain[-1].level >= 2:  # signed by the article's own place
        arts.add("signature")
        who = chain[-1].name + rng.choice(["人民政府", "人民政府办公室", "文明办", "应急管理局"])
        d = page.date - _dt.timedelta(days=rng.randrange(30))
        tail += [who, f"{d.year}年{d.month}月{d.day}日"]
    return body_paras, tail


def _head_parts(story: Story, title: str, place: Place | None, chain: list[Place], rng: random.Random,
                cfg: dict[str, float], arts: set[str]) -> tuple[str, str, str]:
    """(kicker, subtitle, byline), each drawn or empty."""
    kicker = ""
    if place is not None and place.level >= 2 and "home_place" not in arts and rng.random() < cfg["kicker"] \
            and not any(title.startswith(x) for x in (_short(chain[0]), chain[0].name)):
        kicker = _short(chain[0]) + (chain[-1].name if len(chain) > 1 else "")
        arts.add("kicker")
    subtitle = ""
    if rng.random() < cfg["subtitle"]:
        clause = _first_clause(_CCTV_LEAD.sub("", story.paragraphs[0]), 6, 18)
        if clause and len(han(clause)) >= 6 and not re.search(r"\d", clause):
            subtitle = rng.choice(["——", "——", "————", "—— "]) + clause
            arts.add("subtitle")
    byline = ""
    if rng.random() < cfg["byline"]:
        n1, n2 = _name(rng), _name(rng)
        byline = rng.choice([f"◎ {n1}", f"记者 {n1}", f"{n1} {n2}", f"{n1}{n2}", f"文/本报记者 {n1}", f"本报记者 {n1} 通讯员 {n2}"])
        arts.add("byline")
    return kicker, subtitle, byline


def _head_lines(title: str, kicker: str, subtitle: str, byline: str, rng: random.Random, cfg: dict[str, float],
                arts: set[str]) -> list[str]:
    """The headline block as printed: kicker (own line or inline), title lines (broken, justified),
    subtitle, byline."""
    head: list[str] = []
    title_lines = [title]
    if rng.random() < (cfg["title_broken"] if len(title) <= 20 else max(.7, cfg["title_broken"])):
        if " " in title:
            title_lines = [t for t in title.split(" ") if t]
        elif len(title) > 10:
            cut = len(title) // 2 + rng.randrange(-2, 3)
            title_lines = [title[:cut], title[cut:]]
        if len(title_lines) > 1:
            arts.add("title_broken")
    if rng.random() < cfg["justified_title"] and any(len(t) <= 10 for t in title_lines):
        title_lines = [_justify(t) if len(t) <= 10 else t for t in title_lines]
        arts.add("justified_title")
    if kicker:
        if rng.random() < cfg["kicker_line"]:
            head.append(kicker + "：")
            arts.add("kicker_line")
            head += title_lines
        else:
            head += [kicker + "：" + title_lines[0]] + title_lines[1:]
    else:
        head += title_lines
    if subtitle:
        head.append(subtitle)
    if byline:
        if rng.random() < .5:
            head.append("")
        head.append(byline)
    return head


def _body_lines(body_paras: list[str], tail: list[str], rng: random.Random, cfg: dict[str, float], width: int,
                page: "_PageCtx", arts: set[str]) -> list[str]:
    """The body wrapped to its column(s), with the line-level artefacts applied in order."""
    body: list[str] = []
    change_at = None
    width2 = width
    if len(body_paras) >= 3 and rng.random() < cfg["width_change"]:
        change_at = rng.randint(1, len(body_paras) - 1)
        width2 = rng.choice([w for w in range(12, 25) if abs(w - width) >= 3])
        arts.add("width_change")
    for i, p in enumerate(body_paras):
        lines = wrap(("　　" if page.indent_lost else page.indent) + p,
                     width if change_at is None or i < change_at else width2, page.squeeze)
        if page.indent_lost:
            lines[0] = lines[0][2:]
        if i and page.para_blank:
            body.append("")
        body += lines
    body += tail
    return _line_artefacts(body, tail, rng, cfg, page, arts)


def _line_artefacts(body: list[str], tail: list[str], rng: random.Random, cfg: dict[str, float],
                    page: "_PageCtx", arts: set[str]) -> list[str]:
    """Shredded digits, blank lines mid-sentence, double spacing, a credit printed early."""
    if page.hard and rng.random() < cfg["shredded_digits"]:
        for i, line in enumerate(body):
            m = re.search(r"(\d{1,2}月)(\d)(\d)(日)", line)
            if m:
                body[i : i + 1] = [line[: m.start(2)], m.group(2), line[m.start(3):]]
                arts.add("shredded_digits")
                break
    if rng.random() < cfg["blank_mid"]:
        arts.add("blank_mid")
        for _ in range(rng.randint(1, 3)):
            cands = [i for i in range(1, len(body)) if body[i] and body[i - 1] and not re.search(r"[。！？”]$", body[i - 1])]
            if cands:
                body.insert(rng.choice(cands), "")
    if rng.random() < cfg["double_spacing"]:
        arts.add("double_spacing")
        body = [x for line in body if line for x in (line, "")]
    credit_text = next((t for t in tail if t.startswith("（")), None)
    credit_line = body.index(credit_text) if credit_text is not None and credit_text in body else None
    if credit_line is not None and rng.random() < cfg["credit_early"] and credit_line >= 1 and body[credit_line - 1]:
        arts.add("credit_early")
        body[credit_line - 1], body[credit_line] = body[credit_line], body[credit_line - 1]
    return body


def _photo(story: Story, rng: random.Random, page: "_PageCtx") -> Unit:
    sents = [s for p in story.paragraphs[1:] or story.paragraphs for s in _sentences(p) if 15 <= len(han(s)) <= 90]
    if not sents:
        sents = _sentences(story.paragraphs[0])[:1]
    text = rng.choice(sents).strip()
    if rng.random() < .4:
        text = _CCTV_LEAD.sub("", text)
        clause = _first_clause(story.paragraphs[-1], 6, 20)
        if clause:
            text += f"图为{clause}。"
    credit = rng.choice([f"（{_name(rng)} 摄）", f" {_name(rng)} 摄", f" {_name(rng)} {_name(rng)} 摄", f" {rng.choice(_ORGS)}供图"])
    caption = text + credit
    title = ""
    base = _SERIES.sub("", story.title)
    if rng.random() < .3 and len(base) <= 12:
        title = base
    code = gold_code(title, (caption,))
    if rng.random() < .5:
        body = wrap(caption, rng.randint(8, 13))
        if page.hard and rng.random() < .4:
            body = [_justify(b) if i % 3 == 1 else b for i, b in enumerate(body)]
    else:
        body = [caption]
    head = [title[: len(title) // 2], title[len(title) // 2:]] if title and len(title) >= 8 and rng.random() < .5 else ([title] if title else [])
    item = GoldItem("photo", title, "", han(caption), code, {"photo"}, head_han=han(title), story_id=story.id)
    return Unit("photo", head, body, [item])


def _briefs(stories: list[Story], rng: random.Random, cfg: dict[str, float], width: int, page: "_PageCtx") -> Unit:
    header = rng.choice(["简讯", "图片新闻", "一句话新闻", "新闻速览", "简 讯"])
    inline = rng.random() < .5 and not any(" " in s.title for s in stories)
    lines: list[str] = [header, ""]
    items: list[GoldItem] = []
    for s in stories:
        title = _SERIES.sub("", s.title)
        sents = _sentences(s.paragraphs[0])
        text = "".join(sents[:2]) if len(han("".join(sents[:2]))) <= 160 else sents[0]
        arts = {"briefs"}
        credit = ""
        if header.startswith("图片") or rng.random() < cfg["credit"]:
            credit = f"（{_name(rng)} 摄）" if header.startswith("图片") else f"（{_name(rng)}）"
            arts.add("credit")
        body_lines = wrap(("■" + title + " " if inline else "") + text, width)
        if credit:
            if len(body_lines) >= 2 and rng.random() < cfg["credit_early"]:
                body_lines.insert(len(body_lines) - 1, credit)
                arts.add("credit_early")
            else:
                body_lines.append(credit)
        if not inline:
            lines.append(title)
        lines += body_lines + [""]
        code = gold_code(title, (text,))
        items.append(GoldItem("article", title, "", han(text + credit), code, arts, head_han=han(title), story_id=s.id))
    return Unit("briefs", [], lines[:-1], items)


# --------------------------------------------------------------------------- page


@dataclass(slots=True)
class _PageCtx:
    date: _dt.date
    home: Place | None
    para_blank: bool
    indent: str
    hard: bool
    indent_lost: bool = False  # paragraphs set indented, the indent lost in extraction: first lines 2 short
    squeeze: bool = False  # punctuation set narrow: lines with punctuation hold more characters


def _masthead(rng: random.Random, ctx: _PageCtx, page_no: int) -> list[str]:
    d = ctx.date
    paper = f"{_short(ctx.home)}报" if ctx.home else rng.choice(["文明", "法治", "农民", "城乡", "晚"]) + rng.choice(["日报", "报", "导报"])
    line = f"{d.year}年{d.month}月{d.day}日 星期{_WEEKDAYS[d.weekday()]}"
    parts = [line, rng.choice(_SECTIONS), f"责任编辑：{_name(rng)}", f"版式设计：{_name(rng)}"]
    style = rng.random()
    if style < .4:
        return [" ".join(parts)] if not ctx.home else [paper, " ".join(parts)]
    if style < .7:
        return [f"{paper}", f"{line}  第{page_no}版  {parts[1]}", f"责任编辑：{_name(rng)}  版式设计：{_name(rng)}"]
    if style < .85:
        return [f"第{page_no}版", f"{paper}  {line}", parts[1]]
    return [f"{parts[1]}·{rng.choice(_SECTIONS)}{rng.choice('ABCD')}{page_no}", f"{paper}  {line}"]


_POOLS: dict[int, list[int]] = {}


@lru_cache(maxsize=1)
def _county_word() -> re.Pattern[str]:
    names = sorted({p.name for p in places().values() if p.level == 3 and len(p.name) >= 2}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def _county_pool(stories: tuple[Story, ...] | list[Story]) -> list[int]:
    """Indices of stories whose title or first paragraphs name a county by its full name (pre-filter; gold decides)."""
    key = id(stories)
    if key not in _POOLS:
        pat = _county_word()
        _POOLS[key] = [i for i, s in enumerate(stories) if pat.search(s.title + "".join(s.paragraphs[:2]))] \
            or list(range(len(stories)))
    return _POOLS[key]


def generate(part: str, seed: int = 1, difficulty: str = "medium", n_pages: int = 100,
             corpus: str | None = None) -> Iterator[GenPage]:
    """n_pages generated pages from one corpus part, deterministic in (part, seed, difficulty)."""
    if part not in PARTS:
        raise ValueError(f"part must be one of {PARTS}")
    if difficulty not in CONFIG:
        raise ValueError(f"difficulty must be one of {DIFFICULTIES}")
    stories = load_corpus(str(corpus) if corpus else None)[part]
    if not stories:
        raise SystemExit(f"no {part} stories in the corpus")
    short = [s for s in stories if len(han(s.paragraphs[0])) <= 220 and len(_SERIES.sub("", s.title)) <= 18]
    for i in range(n_pages):
        rng = random.Random(f"{part}/{seed}/{difficulty}/{i}")
        yield make_page(stories, short, rng, difficulty, f"{part}-{difficulty}-{seed}-{i:04d}", part)


def make_page(stories: tuple[Story, ...] | list[Story], short: list[Story], rng: random.Random, difficulty: str,
              page_id: str, part: str = "") -> GenPage:
    """One page: units laid out, then page-level artefacts applied to the whole text."""
    cfg = CONFIG[difficulty]
    page_arts: set[str] = set()
    width, ctx = _page_ctx(rng, cfg, difficulty == "hard", page_id, page_arts)
    units = _units(stories, short, rng, cfg, width, ctx, page_arts)
    arts_idx = [k for k, u in enumerate(units) if u.kind == "article"]
    segs, end_heads = _segments(units, arts_idx, rng, cfg, page_arts)
    _split_bodies(segs, units, arts_idx, rng, cfg)
    if ctx.hard and rng.random() < cfg["interleaved"]:
        _interleave(segs, units, rng, page_arts)
    if len(end_heads) > 1 and rng.random() < .5:  # collected headlines are not always in page order
        rng.shuffle(end_heads)
    segs += end_heads
    _displace_leads(segs, units, arts_idx, rng, cfg)
    text = _page_text(segs, rng, cfg, ctx, page_arts)
    items = [it for u in units for it in u.items]
    return GenPage(page_id, difficulty, part, text, items, page_arts, ctx.home.code if ctx.home else None)


Segment = tuple[str, int, list[str]]  # (head | body | tail, unit index, lines)


def _page_ctx(rng: random.Random, cfg: dict[str, float], hard: bool, page_id: str,
              page_arts: set[str]) -> tuple[int, "_PageCtx"]:
    """The page's column width and its settings (date, home, paragraph style, type artefacts)."""
    width = rng.randint(12, 22)
    home = None
    if rng.random() < cfg["county_paper"]:
        home = places()[rng.choice(_home_candidates())]
        page_arts.add("county_paper")
    para_blank = rng.random() >= cfg["para_noblank"]
    indent = ""
    if not para_blank:
        page_arts.add("para_noblank")
        indent = "　　" if rng.random() < .5 else ""
    ctx = _PageCtx(_date(rng), home, para_blank, indent, hard)
    # Type-setting artefacts drawn from a stream of their own, so adding them left every other
    # draw (and so every page's content and layout) as it was.
    type_rng = random.Random(page_id + "/type")
    if type_rng.random() < cfg["indent_lost"] and not indent:
        ctx.indent_lost = True
        page_arts.add("indent_lost")
    if type_rng.random() < cfg["squeeze"]:
        ctx.squeeze = True
        page_arts.add("squeeze")
    return width, ctx


def _units(stories: tuple[Story, ...] | list[Story], short: list[Story], rng: random.Random, cfg: dict[str, float],
           width: int, ctx: "_PageCtx", page_arts: set[str]) -> list[Unit]:
    """The page's pieces: articles (county stories on a county paper), photos, a briefs column."""
    n = min(rng.choices(_N_ARTICLES, _N_WEIGHTS)[0], len(stories))
    picked = rng.sample(range(len(stories)), min(n + 2, len(stories)))
    if ctx.home is not None:  # a county paper carries county news: swap some picks for county-level stories
        pool = _county_pool(stories)
        for slot in range(n):
            if rng.random() < .5:
                for _ in range(8):
                    j = rng.choice(pool)
                    s = stories[j]
                    code = gold_code(_SERIES.sub("", s.title).strip() or s.title, s.paragraphs)
                    if code and places()[code].level == 3 and j not in picked:
                        picked[slot] = j
                        break
    # articles sit in columns of their own width: about half keep the page's, the rest get another
    units: list[Unit] = [_article(stories[j], rng, cfg, width if rng.random() < .5 else rng.randint(12, 22), ctx)
                         for j in picked[:n]]
    if rng.random() < cfg["photo"]:
        for j in picked[n:n + rng.choice((1, 1, 2))]:
            page_arts.add("photo")
            units.insert(rng.randint(0, len(units)), _photo(stories[j], rng, ctx))
    if rng.random() < cfg["briefs"] and len(short) >= 3:
        page_arts.add("briefs")
        bs = [short[j] for j in rng.sample(range(len(short)), min(len(short), rng.randint(3, 5)))]
        units.insert(rng.randint(0, len(units)), _briefs(bs, rng, cfg, width, ctx))
    return units


def _segments(units: list[Unit], arts_idx: list[int], rng: random.Random, cfg: dict[str, float],
              page_arts: set[str]) -> tuple[list[Segment], list[Segment]]:
    """Where each headline goes (above, after, over the previous body, collected at the end):
    the page's segments in order, and the collected headlines."""
    collect = len(arts_idx) >= 2 and rng.random() < cfg["heads_at_end"]
    if collect:
        page_arts.add("heads_at_end")
    placement: dict[int, str] = {}
    for pos, k in enumerate(arts_idx):
        if collect and pos > 0:
            placement[k] = "end"
            continue
        r = rng.random()
        if r < cfg["head_after"]:
            placement[k] = "after"
        elif r < cfg["head_after"] + cfg["head_over_body"] and pos > 0 and placement.get(arts_idx[pos - 1]) in ("above", "after"):
            placement[k] = "over"
        else:
            placement[k] = "above"
    segs: list[Segment] = []
    end_heads: list[Segment] = []
    for k, u in enumerate(units):
        p = placement.get(k, "above")
        h, b = ("head", k, u.head), ("body", k, u.body)
        if not u.head:
            segs.append(b)
        elif p == "above" or p == "over":
            segs += [h, b]
        elif p == "after":
            segs += [b, h]
        else:
            segs.append(b)
            end_heads.append(h)
    for k, p in placement.items():
        if p == "over":
            prev = arts_idx[arts_idx.index(k) - 1]
            h = next(s for s in segs if s[0] == "head" and s[1] == k)
            segs.remove(h)
            at = next(i for i, s in enumerate(segs) if s[0] == "body" and s[1] == prev)
            segs.insert(at, h)
    tag = {"after": "head_after", "end": "heads_at_end", "over": "head_over_body"}
    for k, p in placement.items():
        if p in tag and units[k].head:
            units[k].items[0].artefacts.add(tag[p])
    return segs, end_heads


def _split_bodies(segs: list[Segment], units: list[Unit], arts_idx: list[int], rng: random.Random,
                  cfg: dict[str, float]) -> None:
    """An article's last column printed after the next segment pair."""
    for k in arts_idx:
        u = units[k]
        if rng.random() < cfg["split_body"] and len(u.body) >= 8:
            at = next(i for i, s in enumerate(segs) if s[0] == "body" and s[1] == k)
            later = [i for i in range(at + 1, len(segs)) if segs[i][0] == "body"]
            if not later:
                continue
            cut = len(u.body) - rng.randint(max(2, len(u.body) // 5), max(3, len(u.body) // 3))
            tail_lines = u.body[cut:]
            segs[at] = ("body", k, u.body[:cut])
            segs.insert(later[0] + 1, ("tail", k, tail_lines))
            u.items[0].artefacts.add("split_body")


def _interleave(segs: list[Segment], units: list[Unit], rng: random.Random, page_arts: set[str]) -> None:
    """Two neighbouring columns interleaved line by line."""
    pairs = [(i, j) for i in range(len(segs)) for j in (i + 1, i + 2) if j < len(segs)
             and segs[i][0] == "body" and segs[j][0] == "body" and units[segs[i][1]].kind == "article"
             and units[segs[j][1]].kind == "article" and len(segs[i][2]) >= 6 and len(segs[j][2]) >= 6
             and all(segs[x][0] == "head" for x in range(i + 1, j))]
    if pairs:
        i, j = rng.choice(pairs)
        m = rng.randint(4, min(10, len(segs[i][2]) - 1, len(segs[j][2]) - 1))
        a, b = segs[i][2], segs[j][2]
        mixed = [x for pair in zip(a[-m:], b[:m]) for x in pair]
        segs[i] = ("body", segs[i][1], a[:-m])
        segs[j] = ("body", segs[j][1], mixed + b[m:])
        page_arts.add("interleaved")
        for x in (i, j):
            units[segs[x][1]].items[0].artefacts.add("interleaved")


def _displace_leads(segs: list[Segment], units: list[Unit], arts_idx: list[int], rng: random.Random,
                    cfg: dict[str, float]) -> None:
    """The lead paragraph printed away from the rest of its body (after the next piece, or at the page end)."""
    for k in arts_idx:
        u = units[k]
        if rng.random() < cfg["lead_displaced"] and 0 < u.lead_end < len(u.body) - 2 and "split_body" not in u.items[0].artefacts:
            at = next((i for i, s in enumerate(segs) if s[0] == "body" and s[1] == k), None)
            if at is None or u.lead_end > len(segs[at][2]):
                continue
            lead_lines, rest = segs[at][2][: u.lead_end], segs[at][2][u.lead_end:]
            segs[at] = ("body", k, rest)
            later = [i for i in range(at + 1, len(segs)) if segs[i][0] == "body"]
            where = later[0] + 1 if later and rng.random() < .5 else len(segs)
            segs.insert(where, ("tail", k, lead_lines))
            u.items[0].artefacts.add("lead_displaced")


def _page_text(segs: list[Segment], rng: random.Random, cfg: dict[str, float], ctx: "_PageCtx",
               page_arts: set[str]) -> str:
    """The segments joined (blank lines between, or tight), then masthead, page number, half-width punctuation."""
    out: list[str] = []
    for s in segs:
        lines = [x for x in s[2]]
        if out and rng.random() >= (.5 if s[0] == "tail" else cfg["tight"]):
            out.append("")
        elif out and s[0] != "tail":
            page_arts.add("tight")
        out += lines
    page_no = rng.randint(1, 16)
    if rng.random() < cfg["masthead"]:
        page_arts.add("masthead")
        mh = _masthead(rng, ctx, page_no)
        out = (mh + [""] + out) if rng.random() < .7 else (out + [""] + mh)
    elif ctx.home:  # a county paper always names itself
        page_arts.add("masthead")
        home = ctx.home
        out = [f"{_short(home)}报  {ctx.date.year}年{ctx.date.month}月{ctx.date.day}日", ""] + out
    if rng.random() < cfg["page_number"]:
        page_arts.add("page_number")
        pn = rng.choice([str(page_no), f"- {page_no} -", f"{page_no:02d}"])
        out = ([pn] + out) if rng.random() < .4 else (out + ["", pn])
    text = "\n".join(out) + "\n"
    if rng.random() < cfg["halfwidth"]:
        page_arts.add("halfwidth")
        text = text.translate(_HALF)
    return text
