"""HTML in a page: is it markup, and what text does it hold.

Two kinds of input reach here:

* A full saved web page (a doctype, `<html>`, `<head>` or `<body>`): trafilatura extracts the
  article (precision first, no comments, no tables), the metadata title becomes the first line,
  paragraphs are one per line with blank lines between,
  and every visible line of the page that did not make it in is returned in `removed` with the
  part of the page it came from (navigation, comments, footer…), so nothing disappears silently.
  A byline printed between the headline and the body ("记者 张三", "文/李四") is kept: it is part
  of the article even where trafilatura drops it.
* Text with stray tags (a scrape that leaked markup): tags are stripped and entities decoded
  line by line, keeping the line structure; block tags inside a line split it; `<script>`,
  `<style>` and comments are removed whole and reported.

Nothing here raises on malformed markup; a page of only markup yields no lines.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["HtmlExtraction", "looks_like_html", "extract_html"]

_OUTSIDE = "page furniture outside the article"


@dataclass
class HtmlExtraction:
    """The page's text lines (paragraphs blank-separated) and what was dropped, with why."""

    lines: list[str]
    removed: list[tuple[str, str]] = field(default_factory=list)  # (text, reason)


# Element names of HTML (current and the obsolete ones scrapes still carry).
_KNOWN_TAGS = frozenset(
    """a abbr acronym address area article aside audio b base bdi bdo big blockquote body br button
    canvas caption center cite code col colgroup data dd del details dfn dialog div dl dt em embed
    fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr
    html i iframe img input ins kbd label legend li link main map mark marquee menu meta meter nav
    nobr noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp
    script section select small source span strike strong style sub summary sup svg table tbody td
    template textarea tfoot th thead time title tr track tt u ul var video wbr""".split()
)
# Elements that start a new line where they open or close.
_BLOCK_TAGS = frozenset(
    """address article aside blockquote body br caption center dd details dialog div dl dt fieldset
    figcaption figure footer form frame h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol
    option p pre section summary table tbody td tfoot th thead title tr ul""".split()
)
# Elements whose content a reader never sees as page text.
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe", "object", "embed", "svg", "canvas"})

_FULL_PAGE = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?>|<![^<>]*>|<\?[^<>]*\?>")
_TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])")
_SCRIPT_STYLE = re.compile(r"<(script|style)\b[^>]*>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_MULTILINE_TAG = re.compile(r"<[a-zA-Z/][^<>]*\n[^<>]*>")
_LIST_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.．、)）]\s*$")
_WORDY = re.compile(r"[^\W\d_]", re.UNICODE)  # any letter or Han character
_SPACES = re.compile(r"[\s\u00a0\u3000]+")
_SCAN = 65536


def looks_like_html(text: str) -> bool:
    """True when the text carries real markup: a document skeleton, or at least three HTML tags.

    Decided by content, never by file name. A plain page that mentions "<" ("温度<5℃", "x<y>z",
    "<<书名>>") has no known element names in tag shape, so it stays text.
    """
    head = text[:_SCAN]
    if "<" not in head:
        return False
    if _FULL_PAGE.search(head):
        return True
    found = 0
    for match in _TAG_NAME.finditer(head):
        if match.group(1).lower() in _KNOWN_TAGS:
            found += 1
            if found >= 3:
                return True
    return False


def extract_html(text: str) -> HtmlExtraction:
    """The article text of a web page or the text of markup-polluted lines; never raises."""
    try:
        if _FULL_PAGE.search(text[:_SCAN]):
            return _extract_page(text)
        return _strip_tags(text)
    except Exception:  # noqa: BLE001 - malformed markup must degrade to plain stripping, never fail
        try:
            return _strip_tags(text)
        except Exception:  # noqa: BLE001
            return HtmlExtraction(lines=[line for line in _TAG.sub("", text).splitlines()])


# --------------------------------------------------------------------------- stray tags


def _strip_tags(text: str) -> HtmlExtraction:
    """Tags out, entities decoded, line by line; scripts, styles and comments reported."""
    removed: list[tuple[str, str]] = []

    def cut_block(match: re.Match[str], reason: str, body: str) -> str:
        for line in body.splitlines():
            if line.strip():
                removed.append((line.strip(), reason))
        return "\n" * match.group(0).count("\n")

    text = _SCRIPT_STYLE.sub(lambda m: cut_block(m, m.group(1).lower(), m.group(2)), text)
    text = _COMMENT.sub(lambda m: cut_block(m, "HTML comment", m.group(1)), text)
    # A tag broken over lines is one tag: join it (the text after it moves up a line at most).
    text = _MULTILINE_TAG.sub(lambda m: m.group(0).replace("\n", " "), text)

    lines: list[str] = []
    numbering: int | None = None  # the list number a tag-only line left, e.g. "1." of <li>
    for raw in text.splitlines():
        if "<" not in raw:
            line = _html.unescape(raw) if "&" in raw else raw
            numbering = _drop_continued_number(line, numbering, lines, removed)
            continue
        pieces = list(_split_at_tags(raw))
        wordy = [p for p in pieces if p.strip()]
        if not wordy:
            lines.append("")
            continue
        if len(wordy) == 1 and (m := _LIST_NUMBER.match(wordy[0])):
            removed.append((wordy[0].strip(), "markup residue (list numbering)"))
            lines.append("")
            numbering = int(m.group(1))
            continue
        numbering = None
        lines.append(wordy[0].rstrip())
        lines.extend(p.strip() for p in wordy[1:])
    return HtmlExtraction(lines=lines, removed=removed)


def _drop_continued_number(line: str, numbering: int | None, lines: list[str], removed: list[tuple[str, str]]) -> int | None:
    """Append `line`; drop its "N. " prefix when it continues a list a tag-only line started."""
    if numbering is not None and line.strip():
        match = re.match(rf"^(\s*)({numbering + 1})[.．、]\s+(?=\S)", line)
        if match:
            removed.append((f"{numbering + 1}.", "markup residue (list numbering)"))
            lines.append(match.group(1) + line[match.end() :])
            return numbering + 1
        numbering = None
    lines.append(line)
    return numbering


def _split_at_tags(raw: str) -> Iterator[str]:
    """The text of one line between tags; a block tag ends a piece, an inline tag does not."""
    piece: list[str] = []
    pos = 0
    for match in _TAG.finditer(raw):
        piece.append(raw[pos : match.start()])
        pos = match.end()
        name = (match.group(2) or "").lower()
        if name in _BLOCK_TAGS:
            yield _html.unescape("".join(piece))
            piece = []
    piece.append(raw[pos:])
    yield _html.unescape("".join(piece))


# --------------------------------------------------------------------------- full pages

# Where on a page a line sits, from its ancestors' tag, class and id, token by token
# ("comment-list" → comments; "photo" is not "hot", "topic" is not "top").
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
# A byline printed between a headline and its body ("记者 张三", "文/李四", "作者：王五"): kept, as
# the article's own credit, where trafilatura drops it. Date-and-source lines are page furniture.
_CREDIT = re.compile(r"^\s*(?:(?:本报记者|特约记者|记者|通讯员|实习生)\s*[/／:：|｜\s]|(?:作者|文图|图文|文|图|摄影)\s*[/／:：])\s*\S")
_CREDIT_MAX = 80


@dataclass
class _Visible:
    text: str
    context: str | None


def _extract_page(text: str) -> HtmlExtraction:
    """trafilatura's article, headline first, credits kept; the rest of the page in `removed`."""
    root = _parse(text)
    visible = _visible_lines(root) if root is not None else []
    # trafilatura prunes the tree it is given: it gets our parse only after we have read it.
    title, paragraphs = _trafilatura(root) if root is not None else ("", [])
    if not paragraphs:
        if not visible:
            # Nothing parsed (markup nested past the parser's depth limit, say): strip the tags.
            return _strip_tags(text)
        # Nothing recognised as the article: keep every visible line (junk rules come later).
        return HtmlExtraction(lines=_blank_separated([v.text for v in visible]))

    kept_keys = {_key(p) for p in paragraphs}
    blob = "\n".join(_key(p) for p in paragraphs)
    title_key = _key(title) if title else ""
    if title_key:
        kept_keys.add(title_key)
        blob += "\n" + title_key

    body_start = 1 if title_key and _key(paragraphs[0]) == title_key and len(paragraphs) > 1 else 0
    credits = _credit_lines(visible, title_key, _key(paragraphs[body_start]), kept_keys)
    credit_keys = {_key(c) for c in credits}
    removed: list[tuple[str, str]] = []
    for line in visible:
        key = _key(line.text)
        if not key or key in kept_keys or key in credit_keys:
            continue
        if len(key) >= 8 and key in blob:
            continue  # a piece of a kept paragraph (split by markup trafilatura joined)
        rest = key
        for kept in kept_keys:
            if len(kept) >= 8 and kept in rest:
                rest = rest.replace(kept, " ")
        rest = rest.strip()
        if _WORDY.search(rest) or any(ch.isdigit() for ch in rest):
            reason = _OUTSIDE if line.context is None else f"{_OUTSIDE} ({line.context})"
            removed.append((line.text if rest == key else rest, reason))

    out: list[str] = [title] if title else []
    out.extend(credits)
    out.extend(paragraphs[body_start:])
    return HtmlExtraction(lines=_blank_separated(out), removed=removed)


def _trafilatura(tree: object) -> tuple[str, list[str]]:
    """(title, paragraphs) of the page's main text; (title, []) when trafilatura finds none."""
    import trafilatura

    title = _title(tree)
    doc = trafilatura.bare_extraction(
        tree,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        with_metadata=False,  # the title is taken above; the rest (htmldate) costs a third of the time
        deduplicate=False,
        fast=True,  # no second-opinion extractors: faster, the same article on news pages
    )
    if doc is None:
        return title, []
    body = getattr(doc, "text", None) or ""
    paragraphs = [_SPACES.sub(" ", p).strip() for p in body.splitlines()]
    return title, [p for p in paragraphs if p]


def _title(tree: object) -> str:
    """trafilatura's headline: OpenGraph/meta, JSON-LD, a single <h1>, then <title>."""
    try:
        from trafilatura.metadata import examine_meta, extract_meta_json, extract_title

        meta = examine_meta(tree)  # type: ignore[arg-type]
        try:
            meta = extract_meta_json(tree, meta)  # type: ignore[arg-type]
        except Exception:  # noqa: BLE001 - broken JSON-LD is common and harmless
            pass
        return _SPACES.sub(" ", meta.title or extract_title(tree) or "").strip()  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - no title is better than no page
        return ""


def _credit_lines(visible: list[_Visible], title_key: str, first_key: str, kept: set[str]) -> list[str]:
    """Short credit lines between the headline and the first kept paragraph that were not kept."""
    keys = [_key(v.text) for v in visible]
    try:
        end = keys.index(first_key)
    except ValueError:
        return []
    start = 0
    if title_key and title_key in keys[:end]:
        start = keys.index(title_key) + 1
    else:
        return []
    return [
        v.text
        for v, k in zip(visible[start:end], keys[start:end])
        if k and k not in kept and len(v.text) <= _CREDIT_MAX and v.context is None and _CREDIT.search(v.text)
    ]


def _parse(text: str) -> object | None:
    """The page as an lxml tree (comments and processing instructions dropped), or None."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    data = _strip_xml_declaration(text).encode("utf-8", "replace")
    try:
        return lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _visible_lines(root: object) -> list[_Visible]:
    """The page's visible text, one line per block, with the page region each line sits in."""
    from lxml import etree

    lines: list[_Visible] = []
    buffer: list[str] = []
    contexts: list[str | None] = [None]

    def flush() -> None:
        line = _SPACES.sub(" ", "".join(buffer)).strip()
        if line:
            lines.append(_Visible(line, contexts[-1]))
        buffer.clear()

    walker = etree.iterwalk(root, events=("start", "end"))
    skipped: list[object] = []
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        name = tag.lower()
        if event == "start":
            if not tag:
                continue
            if name in _INVISIBLE:
                skipped.append(el)
                walker.skip_subtree()
                continue
            if name in _BLOCK_TAGS:
                flush()
            contexts.append(_context(el, name) or contexts[-1])
            if el.text:
                buffer.append(el.text)
        else:
            if skipped and skipped[-1] is el:
                skipped.pop()
            elif tag:
                if name in _BLOCK_TAGS:
                    flush()
                contexts.pop()
            if el.tail:
                if el.getparent() is not None and name in _BLOCK_TAGS:
                    flush()
                buffer.append(el.tail)
    flush()
    return lines


def _context(el: object, name: str) -> str | None:
    """The page region an element marks, if its tag, class or id says so."""
    if name in _INLINE:
        return None
    return _context_of(" ".join((name, el.get("class") or "", el.get("id") or "")))  # type: ignore[attr-defined]


@lru_cache(maxsize=4096)
def _context_of(label: str) -> str | None:
    tokens = [t for t in _TOKENS.split(label.lower()) if t]
    for pattern, context in _CONTEXTS:
        if any(pattern.fullmatch(t) for t in tokens):
            return context
    return None


def _strip_xml_declaration(text: str) -> str:
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<?xml"):
        end = stripped.find("?>")
        return stripped[end + 2 :] if end >= 0 else stripped
    return text


def _key(line: str) -> str:
    """A line compared without its spacing (markup and extractors space text differently)."""
    return _SPACES.sub("", line)


def _blank_separated(lines: list[str]) -> list[str]:
    """One paragraph per line, blank lines between, as a saved page reads."""
    out: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        if out:
            out.append("")
        out.append(line)
    return out
