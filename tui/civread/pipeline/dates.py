"""An article's date, and where the page says it: never a guess.

Researchers count and order coverage by time, so each article carries a date *and its source*:

In this order of preference:

* `dateline`: the article's own dateline, "本报5月3日讯", "新华社北京2023年5月3日电",
  "央广网北京5月3日消息" (in its byline or at the head of its lead);
* `lead`: the date that opens the lead ("本报讯（李华）1月28日，…", "5月3日上午，…");
* `masthead`: the issue date printed in the page's furniture ("2024年3月12日 星期二", "某某报
  2023年4月25日", "2023-05-03"), or `web`: a saved web page's publication date read from its
  markup (meta tags, `<time>`, JSON-LD, the URL) by htmldate, which trafilatura installs.

A dateline or lead without a year takes the year of the page's date (the masthead's, the web
page's, else a dateline on the same page that prints its year); a month after the page's month
is the year before (a 12月30日 story in a 1月2日 paper). No year anywhere on the page: no date.
An article with nothing is `None` with the source "none". Dates in a body's running text
("2020年11月，…") are history, never the article's date. Pure: no Textual, no Rich.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

__all__ = [
    "DATELINE",
    "LEAD",
    "MASTHEAD",
    "NONE",
    "WEB",
    "SOURCES",
    "article_date",
    "assign_dates",
    "masthead_date",
    "parse_date",
    "web_date",
]

DATELINE = "dateline"
MASTHEAD = "masthead"
WEB = "web"
LEAD = "lead"
NONE = "none"
SOURCES = (DATELINE, MASTHEAD, WEB, LEAD, NONE)

_FIRST_YEAR, _LAST_YEAR = 1949, 2100
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"[0-9０-９]{1,4}|[〇零○Ｏ一二三四五六七八九十]{1,4}"
# 2023年5月3日, 二〇二三年五月三日, 5月3日 (year optional), with spaces anywhere an extraction put them.
_CN_DATE = re.compile(
    rf"(?:(?P<y>[0-9０-９]{{4}}|[〇零○Ｏ一二三四五六七八九]{{4}})\s*年\s*)?(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*[日号]"
)
# 2023-05-03, 2023/5/3, 2023.05.03: only with a year (a bare 5.3 is a number).
_ISO_DATE = re.compile(r"(?<![0-9])(?P<y>(?:19|20)\d{2})\s*[-/.．]\s*(?P<m>\d{1,2})\s*[-/.．]\s*(?P<d>\d{1,2})(?![0-9])")
# A dateline: an outlet (本报, …社, …网), an optional place, the date, and 电/讯/消息.
_DATELINE = re.compile(
    r"(?:本报|本刊|本台|本网|[\u4e00-\u9fffA-Za-z0-9]{1,10}?(?:报|网|社|台|刊|站|之家|新闻|客户端))"
    rf"[\u4e00-\u9fff]{{0,8}}?(?P<date>(?:(?:[0-9０-９]{{4}})\s*年\s*)?(?:{_NUM})\s*月\s*(?:{_NUM})\s*日)\s*(?:电|讯|消息)"
)
# The head of a lead: an optional dateline/credit, then the date that opens the first sentence.
_LEAD_HEAD = re.compile(
    rf"^\s*(?:[^，,。；]{{0,30}}?[讯电][）)]?\s*|[（(][^）)]{{0,20}}[）)]\s*)?(?P<date>(?:[0-9０-９]{{4}}\s*年\s*)?(?:{_NUM})\s*月\s*(?:{_NUM})\s*日)"
)
_LUNAR = re.compile(r"农历.{0,12}")


def _number(text: str) -> int | None:
    """12, ０５, 十二, 三十一, 二〇二三 → int; None when it is not a number."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    if "十" in text:
        head, _, tail = text.partition("十")
        tens = _CN_DIGITS.get(head, -99) if head else 1
        ones = _CN_DIGITS.get(tail, -99) if tail else 0
        value = tens * 10 + ones
        return value if value > 0 else None
    if text and all(ch in _CN_DIGITS for ch in text):
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    return None


def _make(year: int | None, month: int | None, day: int | None) -> dt.date | None:
    if year is None or month is None or day is None or not _FIRST_YEAR <= year <= _LAST_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str, year: int | None = None, page: dt.date | None = None) -> dt.date | None:
    """The first full date in `text` ("2023年5月3日", "2023-05-03", or "5月3日" with `year`, or
    with the year of `page` — the year before when the month is after the page's)."""
    text = _LUNAR.sub("", text)
    for match in _CN_DATE.finditer(text):
        y = _number(match.group("y")) if match.group("y") else None
        m, d = _number(match.group("m")), _number(match.group("d"))
        if y is None:
            y = year
            if y is None and page is not None and m is not None:
                y = page.year - 1 if m > page.month + 1 else page.year
        found = _make(y, m, d)
        if found is not None:
            return found
    iso = _ISO_DATE.search(text)
    if iso:
        return _make(int(iso.group("y")), int(iso.group("m")), int(iso.group("d")))
    return None


def masthead_date(lines: Iterable[str]) -> dt.date | None:
    """The issue date a page's furniture prints (the first full date with a year on those lines)."""
    for line in lines:
        found = parse_date(line)
        if found is not None and (_CN_DATE.search(_LUNAR.sub("", line)) or _ISO_DATE.search(line)):
            match = _CN_DATE.search(_LUNAR.sub("", line))
            if match is not None and not match.group("y") and not _ISO_DATE.search(line):
                continue  # "5月3日" alone on a furniture line: no year, not an issue date
            return found
    return None


def web_date(html: str) -> dt.date | None:
    """A saved web page's publication date from its markup (htmldate, no search of the running
    text: a date in the body is not the page's); None when the markup has none or htmldate is
    not installed."""
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - installed with trafilatura
        return None
    try:
        found = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a page htmldate cannot read simply has no date
        return None
    if not found:
        return None
    try:
        return dt.date.fromisoformat(found)
    except ValueError:
        return None


def _dateline_date(texts: Sequence[str], page: dt.date | None, page_year: int | None) -> dt.date | None:
    for text in texts:
        match = _DATELINE.search(text[:80])
        if match:
            found = parse_date(match.group("date"), None if page else page_year, page)
            if found is not None:
                return found
    return None


def _lead_date(lead: str, page: dt.date | None, page_year: int | None) -> dt.date | None:
    match = _LEAD_HEAD.match(lead[:60])
    if match is None:
        return None
    return parse_date(match.group("date"), None if page else page_year, page)


def dateline_year(byline: str, lead: str) -> int | None:
    """The year a dateline prints in full ("新华社北京2023年5月3日电"): a page-level year for the others."""
    for text in (byline, lead[:80]):
        match = _DATELINE.search(text)
        if match and "年" in match.group("date"):
            found = parse_date(match.group("date"))
            if found is not None:
                return found.year
    return None


def article_date(
    byline: str, paragraphs: Sequence[str], page: dt.date | None, page_source: str = MASTHEAD, page_year: int | None = None
) -> tuple[dt.date | None, str]:
    """An article's date and its source: its dateline, else the date opening its lead (the day
    it reports), else the page's date (`page_source`: masthead or web, the day it was
    published); (None, "none") when the page says nothing.

    `page_year`: a year printed elsewhere on the page (another article's dateline) for a month
    and day without one, when the page itself has no date."""
    lead = next((p for p in paragraphs if p.strip()), "")
    found = _dateline_date([byline, lead], page, page_year)
    if found is not None:
        return found, DATELINE
    found = _lead_date(lead, page, page_year)
    if found is not None:
        return found, LEAD
    if page is not None:
        return page, page_source
    return None, NONE


def assign_dates(articles: Sequence[object], masthead: Iterable[str] = (), html: str | None = None) -> None:
    """Set `date`/`date_source` on a page's articles (the pipeline's one call): the page's date
    from its masthead lines or, for a saved web page, its markup."""
    page: dt.date | None = None
    source = MASTHEAD
    if html is not None:
        page, source = web_date(html), WEB
    if page is None:
        page, source = masthead_date(masthead), MASTHEAD
    page_year = None
    if page is None:
        years = {
            y
            for a in articles
            if (y := dateline_year(getattr(a, "byline", ""), _first_text(getattr(a, "paragraphs", ())))) is not None
        }
        page_year = years.pop() if len(years) == 1 else None  # two years on one page: use neither
    for article in articles:
        texts = [p.text for p in getattr(article, "paragraphs", ())]
        date, where = article_date(getattr(article, "byline", ""), texts, page, source, page_year)
        article.date = date.isoformat() if date is not None else None  # type: ignore[attr-defined]
        article.date_source = where  # type: ignore[attr-defined]


def _first_text(paragraphs: Iterable[object]) -> str:
    for p in paragraphs:
        text = getattr(p, "text", "")
        if text.strip():
            return text
    return ""
