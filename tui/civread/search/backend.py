"""SearchBackend: what a search index offers. `MemorySearch` and `IndexedSearch` both are one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, runtime_checkable

from civread.model import Article
from civread.search.options import DEFAULT_OPTIONS, SearchError, SearchOptions
from civread.search.sections import Span


@runtime_checkable
class SearchBackend(Protocol):
    """Counts for the whole corpus, spans for one article.

    `count_matches` returns only articles with at least one match, in corpus (insertion) order.
    Counts must equal `len(match_spans(...))` for the same article, query and options.
    """

    def add_articles(self, articles: Iterable[Article]) -> None: ...

    def count_matches(
        self,
        query: str,
        options: SearchOptions = DEFAULT_OPTIONS,
        should_stop: Callable[[], bool] | None = None,
    ) -> dict[str, int] | SearchError: ...

    def match_spans(
        self, article_id: str, query: str, options: SearchOptions = DEFAULT_OPTIONS
    ) -> list[Span] | SearchError: ...

    def order_of(self, article_id: str) -> int | None: ...

    def __len__(self) -> int: ...
