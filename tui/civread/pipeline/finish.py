"""What a page's articles get once they are cut out: their date and their pinyin readings.

One call where the pipeline finishes a page's articles (`process.py`, text and web pages), so
the stages that cut pages are not touched: the date from what the page says
(`civread.pipeline.dates`) and the polyphones read in their words (`civread.pinyin`), kept in
the page cache with the article, so the reader's search never segments text again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from civread.model import Article
from civread.pinyin import article_readings
from civread.pipeline.dates import assign_dates

__all__ = ["finish_articles"]


def finish_articles(articles: Sequence[Article], masthead: Iterable[str] = (), html: str | None = None) -> None:
    """Set each article's date, date source and pinyin readings (in place)."""
    assign_dates(articles, masthead, html)
    for article in articles:
        article.readings = article_readings(article)
