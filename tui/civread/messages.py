"""Messages that cross widgets: every one the reader's parts send each other lives here.

Small documented dataclasses. Page text travels as model objects, never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from civread.model import LoadProblem, Page
from civread.search import SearchResult


@dataclass
class PagesLoaded(Message):
    """A batch of pages (and files that failed) from the loading worker, in discovery order."""

    pages: list[Page]
    problems: list[LoadProblem]
    done: int  # files finished so far
    total: int  # files found (-1 while still discovering)
    rate: float  # files a second since loading began


@dataclass
class LoadFinished(Message):
    """Loading is over; `notices` are one-line remarks about the cache or the workers."""

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
