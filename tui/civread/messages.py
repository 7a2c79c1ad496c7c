"""Messages that cross widgets: every one the reader's parts send each other lives here.

Small documented dataclasses. Page text travels as model objects, never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from civread.cache import ArticleSummary
from civread.model import LoadProblem, Page
from civread.search import SearchResult


@dataclass
class PagesLoaded(Message):
    """A batch from the loading worker: articles to list (summaries, not whole pages) and failures.

    `pages` holds the batch's freshly processed pages (page key → Page) so the reader can open one
    without a cache round trip; the app keeps only a few of them.
    """

    articles: list[ArticleSummary]
    page_paths: dict[str, str]  # page key → file path, to open an article's page on demand
    problems: list[LoadProblem]
    done: int  # files finished so far (cached ones count as done at once)
    total: int  # files found (-1 while still discovering)
    rate: float  # files a second since loading began
    new_pages: int = 0  # pages (files with a result) in this batch
    pages: dict[str, Page] = field(default_factory=dict)


@dataclass
class TextIndexed(Message):
    """Progress of feeding article text to the search backend (cached pages are listed at once,
    their text follows); `finished` once every article is searchable."""

    done: int  # pages whose text is searchable
    total: int
    rate: float  # pages a second
    finished: bool = False


@dataclass
class LoadFinished(Message):
    """Every file is listed (the search text may still be loading: see `TextIndexed`);
    `notices` are one-line remarks about the cache or the workers."""

    notices: list[str] = field(default_factory=list)
    error: str | None = None  # the worker itself failed (the pages already shown stay)


@dataclass
class CorpusMeasured(Message):
    """The corpus keyword model and metrics, computed off the UI thread after loading."""

    keyword_model: object
    corpus_metrics: object


@dataclass
class SearchFinished(Message):
    """One keystroke's search result; `generation` lets the app drop stale ones."""

    result: SearchResult
    generation: int


@dataclass
class OpenArticle(Message):
    """The sidebar asks to show an article."""

    article_id: str


@dataclass
class ReaderScrolled(Message):
    """The reader moved: the position line must be redrawn."""
