"""MemorySearch: a scan of every folded haystack. The reference the indexed backend must equal."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from itertools import compress

from civread.model import Article
from civread.search.fold import fold_with_map
from civread.search.options import DEFAULT_OPTIONS, MatchTimeout, SearchError, SearchOptions, too_slow
from civread.search.query import PreparedQuery, prepare
from civread.search.result import SearchResult, search
from civread.search.sections import Span, article_sections, haystack
from civread.search.texts import FoldedTexts

# How many articles are scanned between two checks of `should_stop` and of the time budget.
_CHUNK = 2_048


class MemorySearch:
    """An in-memory scan of folded text: one haystack string per article, counted by the matcher
    (`str.count`, mapped over the haystacks in C, for a plain query).

    Thread-safe for one writer (`add_articles`, e.g. the loader worker) and any number of searches
    running at the same time. Built on a `FoldedTexts` of its own, or on one it shares (as
    `IndexedSearch` does for regular expressions).
    """

    def __init__(
        self,
        articles: Iterable[Article] = (),
        *,
        loader: Callable[[str], Article | None] | None = None,
        texts: FoldedTexts | None = None,
    ) -> None:
        self.texts = texts if texts is not None else FoldedTexts(loader)
        self.add_articles(articles)

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def articles_held(self) -> int:
        """Whole articles kept in memory (0 with a loader)."""
        return self.texts.articles_held

    def add_articles(self, articles: Iterable[Article]) -> None:
        """Index more articles (as pages load). An id seen before is re-indexed in place."""
        texts = self.texts
        for article in articles:
            entry = haystack(article)
            if entry is not None:
                with texts.lock:
                    texts.put(article, *entry)

    def order_of(self, article_id: str) -> int | None:
        return self.texts.order_of(article_id)

    def article(self, article_id: str) -> Article | None:
        return self.texts.article(article_id)

    def count_matches(
        self,
        query: str,
        options: SearchOptions = DEFAULT_OPTIONS,
        should_stop: Callable[[], bool] | None = None,
    ) -> dict[str, int] | SearchError:
        """Matches per article (only articles with ≥1), in corpus order; {} when stopped early."""
        prepared = prepare(query, options)
        if isinstance(prepared, SearchError) or prepared.is_empty:
            return prepared if isinstance(prepared, SearchError) else {}
        return self.scan(prepared, should_stop)

    def scan(self, prepared: PreparedQuery, should_stop: Callable[[], bool] | None = None) -> dict[str, int] | SearchError:
        """Every haystack counted by the matcher, a chunk at a time (checking `should_stop`)."""
        with self.texts.lock:
            ids = self.texts.ids[:]
            haystacks = self.texts.haystacks[:]
        found: dict[str, int] = {}
        deadline = time.perf_counter() + prepared.time_budget
        for lo in range(0, len(haystacks), _CHUNK):
            if should_stop is not None and should_stop():
                return {}
            try:
                counts = prepared.count_all(haystacks[lo : lo + _CHUNK], deadline)
            except MatchTimeout:
                return too_slow(prepared.time_budget)
            for i in compress(range(lo, lo + len(counts)), counts):
                found[ids[i]] = counts[i - lo]
        return found

    def match_spans(
        self, article_id: str, query: str, options: SearchOptions = DEFAULT_OPTIONS
    ) -> list[Span] | SearchError:
        """Every match in one article, in reading order, as offsets into the display strings."""
        prepared = prepare(query, options)
        if isinstance(prepared, SearchError):
            return prepared
        if prepared.is_empty:
            return []
        try:
            article = self.texts.article(article_id)  # may come from a loader: its failure means no spans
            if article is None:
                return []
            return article_spans(article, prepared)
        except MatchTimeout:
            return too_slow(prepared.time_budget)
        except Exception:  # noqa: BLE001 - a malformed article has no spans, never a crash
            return []

    def search(
        self,
        query: str,
        options: SearchOptions = DEFAULT_OPTIONS,
        should_stop: Callable[[], bool] | None = None,
    ) -> SearchResult:
        return search(self, query, options, should_stop)


def article_spans(article: Article, prepared: PreparedQuery) -> list[Span]:
    """The matches in each section, mapped from folded offsets back to display offsets."""
    spans: list[Span] = []
    deadline = time.perf_counter() + prepared.time_budget
    for name, index, text in article_sections(article):
        folded, positions = fold_with_map(text)
        if not folded:
            continue
        for start, end in prepared.find(folded, deadline):
            if positions is not None:
                start, end = positions[start], positions[end - 1] + 1
            spans.append(Span(name, index, start, end))
    return spans
