"""A saved web page in, ONE article out: its headline, its paragraphs (captions kept), and every
other visible line of the page in `removed` with the reason it was left out.

Why several extractors: on real saved Chinese pages no single extractor is best everywhere
(measured in `benchmarks/webpages.py`). Three opinions are combined:

* readability-lxml (paragraph scoring; the best single extractor on news pages);
* a text-density pick of our own on the page tree (the element whose blocks hold the most
  sentence text that is not link text; needs nothing but lxml, so it also stands in when the
  other two cannot load);
* trafilatura (defaults, comments off) as the tie-breaker, run only when the first two disagree.

The chosen lines are then cut of what every site prints around an article (related-link boxes,
"原标题" lines, pagers, app promos, copyright and everything after it, link lists, keyword
stuffing). The headline is chosen among og:title/meta, <h1>/<h2> and the <title> cut at its
site separators, by agreement with each other and with the lines printed above the body.

A page where no article can be found gives a `problem` (one line), never the page's menus. A
part that cannot load (trafilatura without `lxml_html_clean`, say) is named by
`missing_parts()`: the caller reports it once; pages are still read with what did load.
"""

from __future__ import annotations

import html as _html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from civread.pipeline.text import HAN, SubstringIndex

__all__ = ["WebExtraction", "extract_web", "is_web_document", "missing_parts", "missing_parts_notice"]

_OUTSIDE = "page furniture outside the article"
_FULL_PAGE = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_BLOCK_MARKUP = re.compile(r"<(?:p|div|article|section|h[1-6]|li|td|br|table|ul|ol|blockquote)[\s/>]", re.IGNORECASE)
_HAN = HAN
_SPACES = re.compile(r"[\s\u00a0\u3000]+")
_SCAN = 65536
_FRAGMENT_MIN_HAN = 60
_HAN_PER_BLOCK = 400
# lxml's HTML parser silently stops nesting at 256 levels (text deeper down is lost): a page that
# deep is flattened (container tags dropped) and parsed again, never parsed with huge_tree.
_MAX_DEPTH = 250
_CONTAINERS = re.compile(r"</?(?!(?:p|br|h[1-6]|title|head|body|html|meta|script|style|noscript|figcaption)\b)[a-zA-Z][\w:-]*(?:\s[^<>]*)?/?>",
                         re.IGNORECASE)


@dataclass
class WebExtraction:
    """One page's article: headline, paragraphs (one per line), and what was left out, with why."""

    title: str = ""
    lines: list[str] = field(default_factory=list)
    captions: set[int] = field(default_factory=set)  # indices into `lines`
    removed: list[tuple[str, str]] = field(default_factory=list)
    byline: str = ""  # "记者 张三" printed on its own line between the headline and the body
    problem: str | None = None  # set when the page holds no article
    engine: str = ""  # which opinion won (for the bench and for debugging)


# --------------------------------------------------------------------------- what is a page


def is_web_document(text: str) -> bool:
    """A saved page or a fragment of one (a tree of block elements), not text with stray tags.

    A fragment has no doctype/<html>/<head>/<body> but its text sits inside block markup: most
    lines that hold Han characters also hold a tag, or the whole thing is a few long lines.
    """
    head = text[:_SCAN]
    if _FULL_PAGE.search(head):
        return True
    blocks = len(_BLOCK_MARKUP.findall(head))
    if blocks < 3:
        return False
    han_lines = [line for line in head.splitlines() if _HAN.search(line)]
    if not han_lines:
        return False
    tagged = [line for line in han_lines if "<" in line]
    han = sum(_han(line) for line in tagged)
    # A few tagged lines, or a few tags in much text, are stray tags in text (stripped line by
    # line, text kept as is); a fragment wraps its text in blocks (a <p> per paragraph or so).
    return len(tagged) * 2 >= len(han_lines) and han >= _FRAGMENT_MIN_HAN and blocks * _HAN_PER_BLOCK >= han


# --------------------------------------------------------------------------- parts that may not load


@lru_cache(maxsize=1)
def missing_parts() -> tuple[str, ...]:
    """The extractors that cannot be imported here, each with why (checked once per process)."""
    missing: list[str] = []
    for name, module in (("trafilatura", "trafilatura"), ("readability-lxml", "readability")):
        try:
            __import__(module)
        except Exception as exc:  # noqa: BLE001 - ImportError, or a broken install raising anything
            missing.append(f"{name} ({_import_reason(exc)})")
    return tuple(missing)


def _import_reason(exc: BaseException) -> str:
    name = getattr(exc, "name", None)
    if isinstance(exc, ImportError) and name:
        return f"needs the module {name}, which is not installed"
    return f"{type(exc).__name__}: {exc}".strip()[:160]


def missing_parts_notice() -> str | None:
    """One line for the person when web extraction runs without some of its parts."""
    missing = missing_parts()
    if not missing:
        return None
    return ("web pages were read with fewer extractors than usual: cannot load " + "; ".join(missing)
            + " (reinstall from requirements.lock)")


# --------------------------------------------------------------------------- lines of a tree

_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe",
                        "object", "embed", "svg", "canvas"})
_BLOCK_TAGS = frozenset(
    """address article aside blockquote body br caption center dd details dialog div dl dt fieldset
    figcaption figure footer form frame h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol
    p pre section summary table tbody td tfoot th thead tr ul""".split()
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CAPTION_LABEL = re.compile(r"(?:^|[\s_\-])(?:caption|pic[_\-]?(?:txt|text|info|desc)|img[_\-]?(?:txt|text|desc|title)|photo[_\-]?(?:txt|text|desc)|figcaption|pictext|imgtxt)(?:$|[\s_\-])", re.IGNORECASE)

# Where on a page a line sits, from its ancestors' tag, class and id, token by token.
_CONTEXTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:comments?|reply|replies|discuss|pinglun|评论|留言)\w*"), "reader comments"),
    (re.compile(r"(?:share|social|bdshare|jiathis|fenxiang|分享)\w*"), "share buttons"),
    (re.compile(r"nav\w*|menu\w*|\w*crumbs?|position|location|daohang|导航"), "navigation"),
    (re.compile(r"footer\w*|foot|copyright|bottom|版权"), "page footer"),
    (re.compile(r"aside|side|sidebar|related\w*|recommend\w*|hot|hotnews|rank\w*|tuijian|推荐"), "sidebar"),
    (re.compile(r"header|head|topbar|top|banner\w*|logo\w*|search\w*"), "page header"),
    (re.compile(r"ads?|advert\w*|guanggao|广告"), "advertisement"),
)
_INLINE = frozenset({"a", "b", "i", "u", "s", "em", "strong", "span", "font", "small", "big", "sub", "sup", "label", "p", "br"})
_TOKENS = re.compile(r"[\s_\-]+")


@dataclass(slots=True)
class _Line:
    text: str
    links: int  # characters of the line inside <a>
    context: str | None  # the page region it sits in (from class/id), None in plain content
    caption: bool = False
    owner: object = None  # the nearest block element holding it
    tag: str = ""  # that element's tag


def _lines(root: object, *, skip_hidden: bool = True) -> list[_Line]:
    """The visible text of a tree, one line per block, with link share, region and caption flag.

    Iterative (no recursion), so depth never matters here.
    """
    from lxml import etree

    collector = _LineCollector(skip_hidden)
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if tag:
                collector.open(el, tag, walker)
        else:
            collector.close(el, tag)
    collector.flush()
    return collector.lines


class _LineCollector:
    """The running state of `_lines`: the text of the open block and the elements around it."""

    def __init__(self, skip_hidden: bool) -> None:
        self.skip_hidden = skip_hidden
        self.lines: list[_Line] = []
        self.buf: list[str] = []
        self.link_chars = 0
        self.stack: list[tuple[object, str, str | None, bool]] = []  # element, tag, context, caption
        self.in_link = 0
        self.skipped: set[int] = set()

    def flush(self) -> None:
        """End the running line at a block boundary."""
        text = _SPACES.sub(" ", "".join(self.buf)).strip()
        if text:
            el, tag, ctx, cap = self.stack[-1] if self.stack else (None, "", None, False)
            self.lines.append(_Line(text, min(self.link_chars, len(text)), ctx, cap, el, tag))
        self.buf.clear()
        self.link_chars = 0

    def add(self, text: str | None) -> None:
        """Add text to the running line, counting what sits inside a link."""
        if text:
            self.buf.append(text)
            if self.in_link:
                self.link_chars += len(_SPACES.sub("", text))

    def open(self, el: Any, tag: str, walker: Any) -> None:
        """An element starts: skip it if hidden, else note its region and caption flag."""
        hidden = self.skip_hidden and _HIDDEN_STYLE.search(el.get("style") or "") is not None
        if tag in _INVISIBLE or hidden or el.get("hidden") is not None:
            self.skipped.add(id(el))
            walker.skip_subtree()
            return
        if tag in _BLOCK_TAGS:
            self.flush()
        stack = self.stack
        parent_ctx = stack[-1][2] if stack else None
        parent_cap = stack[-1][3] if stack else False
        label = " ".join((el.get("class") or "", el.get("id") or ""))
        # The page's own <html>/<body> classes name the page, not a region of it.
        own = None if tag in _INLINE or tag in ("html", "body") else _context_of(f"{tag} {label}")
        ctx = own or parent_ctx
        cap = parent_cap or tag == "figcaption" or bool(label.strip() and _CAPTION_LABEL.search(label))
        if tag in _BLOCK_TAGS:
            stack.append((el, tag, ctx, cap))
        else:
            stack.append((stack[-1][0] if stack else el, stack[-1][1] if stack else tag, ctx, cap))
        if tag == "a":
            self.in_link += 1
        self.add(el.text)

    def close(self, el: Any, tag: str) -> None:
        """An element ends (or a skipped one): close its block, then read its tail."""
        if id(el) in self.skipped:
            self.skipped.discard(id(el))
        elif tag:
            if tag in _BLOCK_TAGS:
                self.flush()
            if tag == "a":
                self.in_link -= 1
            self.stack.pop()
        if el.tail:
            if tag in _BLOCK_TAGS:
                self.flush()
            self.add(el.tail)


@lru_cache(maxsize=4096)
def _context_of(label: str) -> str | None:
    tokens = [t for t in _TOKENS.split(label.lower()) if t]
    for pattern, context in _CONTEXTS:
        if any(pattern.fullmatch(t) for t in tokens):
            return context
    return None


_NON_WORD = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    """A line compared without spacing or punctuation (extractors space and join text differently)."""
    return _NON_WORD.sub("", text)


def _han(text: str) -> int:
    return len(_HAN.findall(text))


# --------------------------------------------------------------------------- parsing


def _parse(text: str) -> tuple[object | None, str]:
    """(tree, the markup it was parsed from); a page nested past lxml's limit is flattened first."""
    from lxml import etree

    markup = _strip_xml_declaration(text)
    # Plain etree elements: lxml.html's per-element class lookup costs more than the walk itself.
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None, markup
    if root is not None and _depth(root) >= _MAX_DEPTH:
        markup = _CONTAINERS.sub("\n", markup)
        try:
            root = etree.fromstring(markup.encode("utf-8", "replace"), parser=parser)
        except (etree.ParserError, etree.XMLSyntaxError, ValueError):
            return None, markup
    return root, markup


def _depth(root: object) -> int:
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest >= _MAX_DEPTH:
                    return deepest
        else:
            depth -= 1
    return deepest


def _strip_xml_declaration(text: str) -> str:
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<?xml"):
        end = stripped.find("?>")
        return stripped[end + 2 :] if end >= 0 else stripped
    return text


# --------------------------------------------------------------------------- the three opinions

_SENTENCE = re.compile(r"[。！？；，、：]")


def _line_weight(line: _Line) -> float:
    """How much article text a line carries: Han outside links, more when it reads as sentences."""
    han = _han(line.text)
    if han == 0 or line.context in ("reader comments", "navigation", "page footer", "page header"):
        return 0.0
    link_share = line.links / max(1, len(_key(line.text)))
    if link_share > 0.5:
        return 0.0
    weight = han * (1.0 - link_share)
    if han < 10 and not _SENTENCE.search(line.text):
        weight *= 0.2
    return weight + 3.0 * len(_SENTENCE.findall(line.text))


def _density(page: list[_Line]) -> list[_Line]:
    """Our own pick: the block container whose lines carry the most article text.

    Each line's weight goes to its block's ancestors, less the further up (readability's rule);
    the best-scored element wins and its lines are the article.
    """
    scores: dict[int, float] = {}
    elements: dict[int, object] = {}
    for line in page:
        weight = _line_weight(line)
        if weight <= 0 or line.owner is None:
            continue
        el = line.owner
        for level in range(4):
            if el is None:
                break
            scores[id(el)] = scores.get(id(el), 0.0) + weight / (1 + level)
            elements[id(el)] = el
            el = el.getparent()  # type: ignore[attr-defined]
    if not scores:
        return []
    best = elements[max(scores, key=scores.__getitem__)]
    inside = {id(e) for e in best.iter()}  # type: ignore[attr-defined]
    return [line for line in page if line.owner is not None and id(line.owner) in inside]


_cleaner_swapped = False


def _readability(markup: str) -> list[_Line] | None:
    """readability-lxml's article as lines (None when it cannot load or fails on the page)."""
    global _cleaner_swapped
    try:
        import lxml.html
        import readability.readability as rr
    except Exception:  # noqa: BLE001 - reported once by missing_parts()
        return None
    if not _cleaner_swapped:
        # readability's cleaner also rewrites every link to defuse javascript: URLs (half its time
        # on big pages); civread never renders or follows links, so scripts are dropped, links kept.
        try:
            cleaner_cls = type(rr.html_cleaner)
            rr.html_cleaner = cleaner_cls(scripts=True, javascript=False, comments=True, style=True, links=True,
                                          meta=False, add_nofollow=False, page_structure=False,
                                          processing_instructions=True, embedded=False, frames=False, forms=False,
                                          annoying_tags=False, remove_tags=None, remove_unknown_tags=False,
                                          safe_attrs_only=False)
        except Exception:  # noqa: BLE001 - keep readability's own cleaner
            pass
        _cleaner_swapped = True
    try:
        summary = rr.Document(markup).summary(html_partial=True)
        root = lxml.html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # noqa: BLE001 - readability gives up on some pages: that is an opinion too
        return None
    return _lines(root, skip_hidden=False)


def _trafilatura(markup: str) -> list[str] | None:
    """trafilatura's article lines (defaults, comments off); None when it cannot load or finds none."""
    try:
        import trafilatura
    except Exception:  # noqa: BLE001 - reported once by missing_parts()
        return None
    try:
        text = trafilatura.extract(markup, include_comments=False, include_tables=True)
    except Exception:  # noqa: BLE001
        return None
    if not text:
        return None
    return [line for line in (_SPACES.sub(" ", x).strip() for x in text.splitlines()) if line]


def _overlap(a: list[str], b: list[str]) -> float:
    """Share of a's Han characters that sit in lines b also has (by line key containment)."""
    index = SubstringIndex(_key(x) for x in b)
    total = shared = 0
    for line in a:
        n = _han(line)
        total += n
        if n and index.contains(_key(line)):
            shared += n
    return shared / total if total else 0.0


def _weight(lines: Iterable[_Line]) -> float:
    return sum(_line_weight(line) for line in lines)


# --------------------------------------------------------------------------- cutting what sites print around

_RELATED_HEAD = re.compile(
    r"^[【\[（(]?\s*(?:相关(?:新闻|阅读|报道|链接|文章|推荐|资讯|专题)|延伸阅读|推荐阅读|延伸\s*[·・•]?\s*推荐|热门推荐|热点推荐|"
    r"热门文章|热门新闻|猜你喜欢|你可能(?:还)?(?:喜欢|感兴趣)|更多(?:新闻|阅读|精彩|推荐)|精彩推荐|今日推荐|编辑推荐|"
    r"往期(?:回顾|推荐|精选)|大家都在看|为您推荐|热文推荐|图片推荐|相关专题|专题推荐)\s*[】\]）)]?\s*[:：>》]*\s*$"
)
_ORIGINAL_TITLE = re.compile(r"^[（(【\[]?\s*(?:原标题|本文原标题|原题)\s*[:：]")
# Possessive repeats: a long run of digits must fail at once, not try every way to split it.
_PAGER = re.compile(
    r"^(?:[【\[]?\d{1,3}+[】\]]?\s*+){2,}+(?:下一页|余下全文|全文)?$"
    r"|^(?:上一页|下一页|首页|尾页|余下全文|共\d++页|第\d++页|\d++\s*+)++$|下一页\s*余下全文|点击(?:进入|查看)(?:下一页|全文)"
)
_PAGER_CHARS = 80
# App and account promotions. A line that ends as a statement ("市民可扫描二维码预约。") is text.
_PROMO = re.compile(r"下载(?:\S{0,8})?客户端|更多(?:原创)?资讯请下载|(?:扫描?|长按|识别)\S{0,4}二维码\S{0,2}(?:关注|解锁|下载|加入|获取|了解)|"
                    r"点击(?:进入|关注|下载)|长按(?:识别|二维码)|关注(?:我们|公众号|该公众号)|"
                    r"阅读原文|打开\S{0,6}APP|APP(?:下载|阅读)|戳这里|点击上方|回复\s*[【\[]|点\s*[【\[]\s*在看|相关\S{0,4}请关注")
_PROMO_MAX_HAN = 120
_END_OF_ARTICLE = re.compile(r"^(?:[（(【\[]?\s*)?(?:免责声明|版权声明|声明[:：]|特别声明|风险提示[:：]|本文为\S{0,12}原创|未经(?:书面)?(?:授权|允许)\S{0,6}(?:转载|使用)|"
                             r"(?:版权)?归原作者所有|凡本网注明|本网站?转载|Copyright|©)", re.IGNORECASE)
_DATE_ONLY = re.compile(r"^[\d\s:：年月日/.\-]+$")
_KEYWORD_SEPARATORS = re.compile(r"[\s,，、|/;；]+")
_TAGS_LINE = re.compile(r"^(?:标签|关键词|关键字|Tags?|TAG)\s*[:：]", re.IGNORECASE)
_EDITOR_LINE = re.compile(r"(?:责任编辑|责编|编辑|来源|作者|校对|审核|采写|记者|通讯员)\s*[:：/]")


def _is_keyword_stuffing(text: str) -> bool:
    """A line of short keywords and no sentence: repeated terms or a long list of tokens."""
    if _SENTENCE_END.search(text) or "。" in text:
        return False
    tokens = [t for t in _KEYWORD_SEPARATORS.split(text) if t]
    if len(tokens) < 6:
        return False
    short = [t for t in tokens if len(t) <= 8]
    if len(short) < 0.8 * len(tokens):
        return False
    # The same term again, or many terms built on one stem (a list of names is neither).
    prefixes: dict[str, int] = {}
    for t in short:
        if len(t) >= 3:
            prefixes[t[:2]] = prefixes.get(t[:2], 0) + 1
    return len(set(short)) < len(short) or max(prefixes.values(), default=0) * 2 >= len(tokens)


_SENTENCE_END = re.compile(r"[。！？!?…]\s*[”」』\"]?$")


_DATELINE_DATE = re.compile(r"\d{4}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2}|\d{1,2}:\d{2}")
_DATELINE_LABEL = re.compile(r"(?:来源|发布时间|发布日期|时间|日期|稿源|浏览|阅读|点击|字号)\s*[:：]")


def _is_dateline(text: str) -> bool:
    """"2024-05-06 08:15 来源：某报", "发布时间：… 来源：…": a short line of date and source, no sentence."""
    if len(text) > 80 or _SENTENCE_END.search(text) or "。" in text:
        return False
    return bool(_DATELINE_DATE.search(text)) and (bool(_DATELINE_LABEL.search(text)) or _han(text) <= 12)


def _is_item_title(text: str) -> bool:
    """A teaser's title: short, no sentence end."""
    return 0 < _han(text) <= 50 and not _SENTENCE_END.search(text) and "。" not in text


def _trim(lines: list[_Line]) -> tuple[list[_Line], list[tuple[str, str]]]:
    """The article without what sites print inside or after it; each cut line with its reason."""
    kept: list[_Line] = []
    removed: list[tuple[str, str]] = []
    lines = _cut_closing_link_list(lines, removed)
    _trim_lines(lines, kept, removed)
    # The date-and-source line printed between the headline and the body is page furniture.
    for line in [x for x in kept[:4] if _is_dateline(x.text)]:
        if len(kept) > 1:
            kept.remove(line)
            removed.append((line.text, "date and source line"))
    while kept and _DATE_ONLY.match(kept[-1].text):
        removed.append((kept.pop().text, "link list date"))
    return kept, removed


def _cut_closing_link_list(lines: list[_Line], removed: list[tuple[str, str]]) -> list[_Line]:
    """A list closing the extract, each item a short title then its date, is a link list."""
    tail = len(lines)
    while tail >= 2 and _DATE_ONLY.match(lines[tail - 1].text) and _is_item_title(lines[tail - 2].text):
        tail -= 2
    if len(lines) - tail >= 4:
        removed.extend((x.text, "link list") for x in lines[tail:])
        lines = lines[:tail]
    return lines


def _trim_lines(lines: list[_Line], kept: list[_Line], removed: list[tuple[str, str]]) -> None:
    """Walk the extract: stop at a late copyright notice or related-links box, cut furniture lines."""
    total = sum(_han(x.text) for x in lines) or 1
    seen = 0
    in_related = False
    for i, line in enumerate(lines):
        text = line.text
        han = _han(text)
        seen_before = seen
        seen += han
        link_share = line.links / max(1, len(_key(text)))
        if _END_OF_ARTICLE.search(text) and seen_before > 0.5 * total:
            removed.append((text, "copyright notice"))
            removed.extend((x.text, "after the copyright notice") for x in lines[i + 1 :])
            break
        if _RELATED_HEAD.search(text):
            if seen_before > 0.6 * total:
                removed.append((text, "related links"))
                _cut_related_box(lines[i + 1 :], kept, removed)
                break
            in_related = True
            removed.append((text, "related links"))
            continue
        if in_related:
            if (link_share >= 0.3 or han < 40) and not _CLOSING_CREDIT.search(text):
                removed.append((text, "related links"))
                continue
            in_related = False
        reason = _cut_reason(text, han, link_share, kept)
        if reason is None:
            kept.append(line)
        else:
            removed.append((text, reason))


def _cut_related_box(rest: list[_Line], kept: list[_Line], removed: list[tuple[str, str]]) -> None:
    """The box runs to the end; the closing credit still closes the article."""
    for x in rest:
        if len(x.text) <= _CLOSING_CREDIT_MAX and _CLOSING_CREDIT.search(x.text):
            kept.append(x)
        else:
            removed.append((x.text, "related links"))


def _cut_reason(text: str, han: int, link_share: float, kept: list[_Line]) -> str | None:
    """Why a line of the extract is page furniture, or None for a line of the article."""
    if _ORIGINAL_TITLE.search(text):
        return "original-headline note"
    if len(text) <= _PAGER_CHARS and _PAGER.search(text.strip()):
        return "pager"
    if _TAGS_LINE.search(text):
        return "tags"
    if han < _PROMO_MAX_HAN and _PROMO.search(text) and not text.rstrip().endswith("。"):
        return "app or account promotion"
    if link_share >= 0.6 and han >= 1 and not (han <= 40 and _EDITOR_LINE.search(text)):
        return "link"
    if _DATE_ONLY.match(text) and kept and kept[-1].links:
        return "link list date"
    if _is_keyword_stuffing(text):
        return "keyword stuffing"
    if not _key(text):
        return "symbols only"
    return None


# --------------------------------------------------------------------------- the headline

_TITLE_SEPARATORS = re.compile(r"\s+[-–—|｜]\s+|\s*(?:_|\||｜|--|——|—|－|::)\s*|\s+-|-\s+|"
                               r"(?<=[\u4e00-\u9fff）)》」”！？])-(?=[\u4e00-\u9fffA-Za-z])")
# A bracket tag or a short column label before the headline ("【资讯汇总】…", "[某某]…", "棱镜|…").
_BRACKET_TAG = re.compile(r"^\s*(?:【[^【】]{1,20}】|\[[^\[\]]{1,20}\]|[^|｜\s]{1,6}\s*[|｜])\s*(?=\S{4})")
_BREADCRUMB = re.compile(r"当前位置|您的位置|你的位置|所在位置|>>|>|»|›|→|首页\s*[>/]")
_CREDIT_START = re.compile(r"^\s*(?:来源|责任编辑|责编|编辑|作者|记者|发布时间|时间|日期|发布|稿源|出处|原标题|本文来源|文章来源|图片来源|校对|审核|浏览|点击)\s*[:：]")
_DATEISH = re.compile(r"\d{4}\s*[-/年.]\s*\d{1,2}")
_HEADLINE_MAX = 90
_HEADLINE_MIN = 4


def _norm(text: str) -> str:
    return _NON_WORD.sub("", unicodedata.normalize("NFKC", text).lower())


def _meta_titles(root: object) -> list[str]:
    found: list[str] = []
    for meta in root.iter("meta"):  # type: ignore[attr-defined]
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in ("og:title", "twitter:title", "headline", "articletitle", "title", "dc.title", "sharetitle"):
            content = _SPACES.sub(" ", meta.get("content") or "").strip()
            if content:
                found.append(_html.unescape(content))
    return found


def _title_text(root: object) -> str:
    for el in root.iter("title"):  # type: ignore[attr-defined]
        text = _SPACES.sub(" ", "".join(el.itertext())).strip()
        if text:
            return text
    return ""


def _headings(root: object) -> list[str]:
    out: list[str] = []
    for el in root.iter("h1", "h2"):  # type: ignore[attr-defined]
        text = _SPACES.sub(" ", "".join(el.itertext())).strip()
        if text and len(text) <= _HEADLINE_MAX:
            out.append(text)
    return out


def _segments(title: str) -> list[str]:
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(title) if p and p.strip()]
    return parts


def _strip_tag(text: str) -> str:
    stripped = _BRACKET_TAG.sub("", text).strip()
    return stripped or text


def _plausible_headline(text: str) -> bool:
    n = len(_norm(text))
    if n < _HEADLINE_MIN or len(text) > _HEADLINE_MAX:
        return False
    if _BREADCRUMB.search(text) or _CREDIT_START.search(text):
        return False
    if _DATEISH.search(text) and _han(text) < 6:
        return False
    if len(_segments(text)) >= 4:
        return False  # an SEO line of keywords ("行情_大盘_股市_… - 某某网")
    return True


def _choose_headline(root: object, page: list[_Line], body: list[_Line]) -> str:
    """The headline as the page prints it, chosen by agreement between its sources.

    Sources: the lines printed above the body (the printed headline is one of them), <h1>/<h2>,
    og:title and meta headlines, and the <title> cut at its site separators. A line scores for
    each source it agrees with; the site name (the <title>'s last segment, or a segment every
    candidate carries) scores nothing; credit lines and breadcrumbs never compete.
    """
    title = _title_text(root)
    metas = _meta_titles(root)
    heads = _headings(root)
    segments = _segments(title) if title else []
    site = _site_segments(segments)
    above = _lines_above_body(page, body)
    # Column labels and site names: lines of the page's navigation, header, footer and sidebars,
    # and lines that are nothing but a link.
    labels = {_norm(x.text) for x in page
              if x.context in ("navigation", "page header", "page footer") and x.tag not in ("h1", "h2")
              and len(_norm(x.text)) <= 8}
    best = _agreed_headline(above, site, labels, title, metas, heads)
    if best is not None:
        return best
    return _fallback_headline(page, body, above, segments, site, labels, title, metas, heads)


def _site_segments(segments: list[str]) -> set[str]:
    """Every segment of the <title> but its longest names the site or a column, not the article."""
    longest = max(range(len(segments)), key=lambda k: len(_norm(segments[k])), default=-1)
    headline_norm = _norm(segments[longest]) if longest >= 0 else ""
    return {_norm(seg) for k, seg in enumerate(segments) if k != longest} - {headline_norm}


def _lines_above_body(page: list[_Line], body: list[_Line]) -> list[_Line]:
    """Lines printed above the body's first real line (bounded: the headline is near the article),
    and the body's own first lines (extractors often keep the headline inside the article)."""
    anchor = next((x for x in body if len(_key(x.text)) >= 8), None)
    first_key = _key(anchor.text)[:10] if anchor is not None else ""
    above: list[_Line] = []
    for line in page:
        if first_key and first_key in _key(line.text):
            break
        above.append(line)
    else:
        above = []
    return above[-60:] + body[:2]


def _agreed_headline(
    above: list[_Line], site: set[str], labels: set[str], title: str, metas: list[str], heads: list[str]
) -> str | None:
    """The printed line the most sources agree with (nearest the body on a tie), if any scores."""
    title_n = _norm(title)
    meta_n = [_norm(m) for m in metas]
    meta_first_n = [_norm(_segments(m)[0]) if _segments(m) else "" for m in metas]
    heads_n = {_norm(h) for h in heads}
    best: tuple[float, str] | None = None
    for distance, line in enumerate(reversed(above)):
        text = line.text
        cand = _strip_tag(text)
        n = _norm(cand)
        if not _plausible_headline(cand) or n in site:
            continue
        if n in labels and n not in heads_n:
            continue
        score = 0.0
        if title_n.startswith(n):
            score += 3.0
        elif n in title_n:
            score += 2.0
        if any(m == n or m.startswith(n) for m in meta_n + meta_first_n if m):
            score += 2.0
        elif any(n in m for m in meta_n if m):
            score += 1.0
        if n in heads_n:
            score += 1.5
        if line.tag in ("h1", "h2"):
            score += 0.5
        if score < 2.0:
            continue
        score -= distance * 0.01
        if best is None or score > best[0]:
            best = (score, cand)
    return best[1] if best is not None else None


def _fallback_headline(
    page: list[_Line], body: list[_Line], above: list[_Line], segments: list[str], site: set[str],
    labels: set[str], title: str, metas: list[str], heads: list[str],
) -> str:
    """Nothing printed agrees: the sources' own agreement (h1 in <title>), a heading printed just
    above the body, the meta headline, then the <title>'s first segment that is no label."""
    title_n = _norm(title)
    body_n = "".join(_norm(x.text) for x in body[:3])

    def usable(cand: str) -> bool:
        n = _norm(cand)
        return bool(n) and _plausible_headline(cand) and n not in site and n not in labels

    for h in heads:
        cand = _strip_tag(h)
        if usable(cand) and _norm(cand) in title_n:
            return cand
    for line in reversed(above[-12:-2] if len(above) > 2 else []):
        cand = _strip_tag(line.text)
        if line.tag in ("h1", "h2", "h3", "h4", "h5", "h6") and line.context is None and usable(cand):
            return cand
    for m in metas:
        cand = _strip_tag(_segments(m)[0]) if _segments(m) else ""
        if cand and usable(cand):
            return cand
    # A <title> that names the site (printed again in the page's header or footer) is no headline.
    chrome = "\n".join(_norm(x.text) for x in page if x.context in ("page header", "page footer", "navigation"))
    for seg in sorted(segments, key=lambda seg: -len(_norm(seg))):
        cand = _strip_tag(seg)
        if usable(cand) and _norm(cand) not in chrome:
            return cand
    # The line printed just above the body (past the date-and-source line), as a headline sits.
    for line in reversed(above[-4:-2] if len(above) > 2 else []):
        cand = _strip_tag(line.text)
        if line.context is None and usable(cand) and not _is_dateline(cand) and not _SENTENCE_END.search(cand):
            return cand
    for seg in segments:
        cand = _strip_tag(seg)
        if usable(cand):
            return cand
    for h in heads:
        cand = _strip_tag(h)
        if usable(cand) and _norm(cand) not in body_n:
            return cand
    return ""


# --------------------------------------------------------------------------- the byline

# A byline printed between a headline and its body ("记者 张三", "文/李四", "作者：王五"). Date and
# source lines are page furniture.
_CREDIT = re.compile(r"^\s*(?:(?:本报记者|特约记者|记者|通讯员|实习生)\s*[/／:：|｜\s]|(?:作者|文图|图文|文|图|摄影)\s*[/／:：])\s*\S")
_CREDIT_MAX = 40


def _byline(page: list[_Line], headline: str, body: list[_Line]) -> tuple[str, list[_Line]]:
    """The byline above the body (taken from the body's first line or from the lines between the
    headline and the body that the extractor left out), and the body without it."""
    if body and len(body[0].text) <= _CREDIT_MAX and _CREDIT.search(body[0].text):
        return body[0].text, body[1:]
    head_n = _norm(headline)
    anchor = next((_key(x.text)[:10] for x in body if len(_key(x.text)) >= 8), "")
    if not head_n or not anchor:
        return "", body
    start = None
    for i, line in enumerate(page):
        if start is None:
            if _norm(_strip_tag(line.text)) == head_n:
                start = i
            continue
        if anchor in _key(line.text) or i - start > 8:
            break
        if line.context is None and len(line.text) <= _CREDIT_MAX and _CREDIT.search(line.text):
            return line.text, body
    return "", body


# The credit or editor line that closes an article ("本文来源：… 责任编辑：…", "（责任编辑：…）").
_CLOSING_CREDIT = re.compile(r"^[（(【\[]?\s*(?:本文来源|文章来源|来源|责任编辑|责编|编辑|校对|审核|采写|撰稿)\s*[:：]")
_CLOSING_CREDIT_MAX = 60


def _closing_credits(page: list[_Line], body: list[_Line]) -> list[_Line]:
    """Credit lines printed right after the body that the extractor left out (part of the article)."""
    last = next((_key(x.text)[-10:] for x in reversed(body) if len(_key(x.text)) >= 8), "")
    if not last:
        return []
    end = None
    for i in range(len(page) - 1, -1, -1):
        if last in _key(page[i].text):
            end = i
            break
    if end is None:
        return []
    have = {_key(x.text) for x in body}
    found: list[_Line] = []
    for line in page[end + 1 : end + 5]:
        if _key(line.text) in have:
            continue
        if len(line.text) <= _CLOSING_CREDIT_MAX and _CLOSING_CREDIT.search(line.text) and line.context is None:
            found.append(line)
        elif _han(line.text):
            break
    return found


# --------------------------------------------------------------------------- the page

_PROSE_MARK = re.compile(r"[。！？，；]")
_FURNITURE_REGIONS = frozenset({"navigation", "page header", "page footer", "share buttons", "advertisement"})


def _is_prose(line: _Line) -> bool:
    """A line that reads as article text: a sentence, not a menu item or a link."""
    han = _han(line.text)
    if line.links >= 0.5 * max(1, len(_key(line.text))) or line.context in _FURNITURE_REGIONS:
        return False
    return han >= 20 or (han >= 6 and _PROSE_MARK.search(line.text) is not None) or len(_key(line.text)) >= 80


_NO_ARTICLE = "no article found on this web page (only navigation, links or short lines)"


def extract_web(text: str) -> WebExtraction:
    """The page's one article (or a `problem`); never raises on malformed markup."""
    try:
        return _extract(text)
    except RecursionError:
        return WebExtraction(problem="web page nested too deeply to read")
    except Exception as exc:  # noqa: BLE001 - a third-party extractor's bug is this page's problem, not a crash
        return WebExtraction(problem=f"web page could not be read ({type(exc).__name__})")


def _extract(text: str) -> WebExtraction:
    """Parse, choose the article's lines, trim them, name the headline and byline, list the rest."""
    root, markup = _parse(text)
    if root is None:
        return WebExtraction(problem="web page could not be parsed")
    page = _lines(root)
    if not page:
        return WebExtraction(problem="no text (only markup)")

    chosen, engine = _choose_extract(page, markup)
    body, cut = _trim(chosen)
    regions = {x.text: x.context for x in page if x.context}
    cut = [(text, f"{_OUTSIDE} ({regions[text]})" if text in regions else reason) for text, reason in cut]
    headline = _choose_headline(root, page, body)
    head_n = _norm(headline)
    if body and head_n and _norm(_strip_tag(body[0].text)) == head_n:
        body = body[1:]  # the headline, kept as the title
    byline, body = _byline(page, headline, body)
    body = body + [x for x in _closing_credits(page, body) if x.text not in {t for t, _ in cut}]
    if not any(_is_prose(x) for x in body):
        return WebExtraction(title=headline, problem=_NO_ARTICLE, engine=engine,
                             removed=[(x.text, _reason(x)) for x in page])

    lines = [x.text for x in body]
    captions = {i for i, x in enumerate(body) if x.caption}
    removed = _removed_lines(page, lines, cut, headline, byline)
    return WebExtraction(title=headline, lines=lines, captions=captions, removed=removed, engine=engine, byline=byline)


def _choose_extract(page: list[_Line], markup: str) -> tuple[list[_Line], str]:
    """The article's lines by text density or readability, trafilatura deciding when they disagree."""
    density = _density(page)
    chosen, engine = density, "density"
    readable = _readability(markup)
    if readable:
        d_keys = [x.text for x in density]
        r_keys = [x.text for x in readable]
        agree = min(_overlap(r_keys, d_keys), _overlap(d_keys, r_keys)) if density else 0.0
        if agree >= 0.6 or not density:
            chosen, engine = readable, "readability"
        else:
            trafilatura_lines = _trafilatura(markup)
            if trafilatura_lines:
                # readability is the better extractor on news pages (it was right every time they
                # disagreed on the DEV pages): density wins only when trafilatura clearly sides with it.
                r_vote = _overlap(trafilatura_lines, r_keys) * _overlap(r_keys, trafilatura_lines)
                d_vote = _overlap(trafilatura_lines, d_keys) * _overlap(d_keys, trafilatura_lines)
                strong = d_vote > 2 * r_vote and _overlap(r_keys, trafilatura_lines) < 0.5
                chosen, engine = (density, "density+trafilatura") if strong else (readable, "readability+trafilatura")
            else:
                chosen, engine = (readable, "readability") if _weight(readable) >= 0.5 * _weight(density) else (density, "density")
    return chosen, engine


def _removed_lines(
    page: list[_Line], lines: list[str], cut: list[tuple[str, str]], headline: str, byline: str
) -> list[tuple[str, str]]:
    """Every page line the article does not keep, with why (the trim's cuts first)."""
    head_n = _norm(headline)
    removed = list(cut)
    kept_keys = {_key(x) for x in lines}
    kept_index = SubstringIndex(kept_keys)
    if head_n:
        kept_keys.add(_key(headline))
    if byline:
        kept_keys.add(_key(byline))
    cut_keys = {_key(t) for t, _ in cut}
    for line in page:
        key = _key(line.text)
        if not key or key in kept_keys or key in cut_keys:
            continue
        if len(key) >= 8 and kept_index.contains(key):
            continue  # a piece of a kept line the extractor joined differently
        if head_n and _norm(_strip_tag(line.text)) == head_n:
            # The headline printed with a tag or column label: the title keeps the headline only.
            tag = line.text[: len(line.text) - len(_strip_tag(line.text))].strip()
            if tag:
                removed.append((tag, "tag or column label before the headline"))
            continue
        removed.append((line.text, _reason(line)))
    return removed


def _reason(line: _Line) -> str:
    return _OUTSIDE if line.context is None else f"{_OUTSIDE} ({line.context})"
