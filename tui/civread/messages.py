"""Messages from the App's workers to the reader screen (a widget's own messages live in the widget).

Small documented dataclasses. Page text travels as model objects, never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from civread.library import LoadEvent, TextProgress
from civread.measures.keywords import KeywordModel
from civread.measures.metrics import CorpusMetrics
from civread.measures.reprints import ReprintGroups
from civread.search import SearchResult


@dataclass
class Loaded(Message):
    """One event of the library's loading (`civread.library.load_events`), in the order it came.

    Progress of the search text comes often: a newer one replaces one still queued."""

    event: LoadEvent

    def can_replace(self, message: Message) -> bool:
        """Textual asks this (the older message) whether `message`, queued after it, supersedes it."""
        return (
            isinstance(self.event, TextProgress)
            and not self.event.finished
            and isinstance(message, Loaded)
            and isinstance(message.event, TextProgress)
        )


@dataclass
class CorpusMeasured(Message):
    """The corpus keyword model and metrics, computed off the UI thread after loading."""

    keyword_model: KeywordModel
    corpus_metrics: CorpusMetrics
    reprints: ReprintGroups | None = None  # the stories that ran more than once
    dates: dict[str, str | None] | None = None  # article id → its date (ISO), for the sidebar by date


@dataclass
class SearchFinished(Message):
    """One keystroke's search result; `generation` lets the app drop stale ones."""

    result: SearchResult
    generation: int
