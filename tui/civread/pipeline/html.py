"""HTML in a page: is it markup, and what text does it hold.

Two kinds of input reach here:

* A saved web page or a fragment of one (`civread.pipeline.web` decides and extracts): its one
  article, headline first, the byline, then one paragraph per line with blank lines between;
  every visible line of the page that did not make it in is in `removed` with the reason, so
  nothing disappears silently. A page with no article gives no lines and a `problem`.
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

__all__ = ["HtmlExtraction", "looks_like_html", "extract_html"]



@dataclass
class HtmlExtraction:
    """The page's text lines (paragraphs blank-separated) and what was dropped, with why."""

    lines: list[str]
    removed: list[tuple[str, str]] = field(default_factory=list)  # (text, reason)
    problem: str | None = None  # a web page with no article: why, in one line


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

_FULL_PAGE = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?>|<![^<>]*>|<\?[^<>]*\?>")
_TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])")
_SCRIPT_STYLE = re.compile(r"<(script|style)\b[^>]*>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_MULTILINE_TAG = re.compile(r"<[a-zA-Z/][^<>]*\n[^<>]*>")
_LIST_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.．、)）]\s*$")
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
    from civread.pipeline.web import is_web_document

    try:
        if is_web_document(text):
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


def _extract_page(text: str) -> HtmlExtraction:
    """A saved page or fragment: the web extractor's one article, headline first (see web.py)."""
    from civread.pipeline.web import extract_web

    result = extract_web(text)
    if result.problem:
        return HtmlExtraction(lines=[], removed=result.removed, problem=result.problem)
    return HtmlExtraction(lines=_blank_separated([result.title, result.byline, *result.lines]), removed=result.removed)


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
