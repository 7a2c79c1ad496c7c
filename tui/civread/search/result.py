"""What a search found: counts per article, and navigation across matches in reading order.

`search()` is the one boundary where a backend's failure becomes an error on the result.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import accumulate
from operator import itemgetter

from civread.search.backend import SearchBackend
from civread.search.options import DEFAULT_OPTIONS, SearchError, SearchOptions
from civread.search.sections import Span


@dataclass(frozen=True, slots=True)
class MatchRef:
    """One match: the article and the match's index in `SearchResult.spans_for(article_id)`."""

    article_id: str
    index: int



@dataclass(slots=True)
class SearchResult:
    """What one keystroke's search found, with navigation across articles in reading order."""

    query: str
    options: SearchOptions = DEFAULT_OPTIONS
    total_matches: int = 0
    per_article: list[tuple[str, int]] = field(default_factory=list)  # corpus order, count ≥ 1
    error: SearchError | None = None
    cancelled: bool = False  # should_stop() said so; the counts are empty
    # What the counts still miss, said by the backend (an index still being built): "" if nothing.
    incomplete: str = ""
    backend: SearchBackend | None = field(default=None, repr=False, compare=False)
    # The backend's counts the rows came from (article → count), when it gave a mapping: asked
    # directly, no index of the rows is built for a count or the first highlights.
    counts: Mapping[str, int] | None = field(default=None, repr=False, compare=False)
    _order: list[int] = field(default_factory=list, repr=False, compare=False)
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _index: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    _spans: dict[str, list[Span]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Nothing is built here: a pinyin prefix can match most of the corpus on every keystroke,
        # and the sidebar, the first highlights and the total need none of it. `_index`
        # (article → row), `_starts` (match numbers) and `_order` (corpus positions, for n/N from
        # an article without matches) are built in C the first time they are asked for.
        self._index = {}
        self._starts = []
        self._order = []

    def _rows(self) -> dict[str, int]:
        if len(self._index) != len(self.per_article):
            self._index = dict(zip(map(itemgetter(0), self.per_article), range(len(self.per_article))))
        return self._index

    def _first_numbers(self) -> list[int]:
        """The number (0-based) of each article's first match, in per_article order."""
        if len(self._starts) != len(self.per_article):
            self._starts = list(accumulate(map(itemgetter(1), self.per_article), initial=0))[:-1]
        return self._starts

    def _orders(self) -> list[int]:
        if len(self._order) != len(self.per_article):
            if self.backend is not None:
                self._order = [_order_or(self.backend, aid, i) for i, (aid, _) in enumerate(self.per_article)]
            else:
                self._order = list(range(len(self.per_article)))
        return self._order

    @property
    def ok(self) -> bool:
        return self.error is None and not self.cancelled

    def count_for(self, article_id: str) -> int:
        if self.counts is not None:
            return self.counts.get(article_id, 0)
        i = self._rows().get(article_id)
        return 0 if i is None else self.per_article[i][1]

    def spans_for(self, article_id: str) -> list[Span]:
        """Every match in the article, reading order ([] if none). Computed once, on demand."""
        if self.backend is None or not self.count_for(article_id):
            return []
        cached = self._spans.get(article_id)
        if cached is None:
            try:
                spans = self.backend.match_spans(article_id, self.query, self.options)
            except Exception:  # noqa: BLE001 - the reader shows no highlight rather than crash
                spans = []
            cached = spans if isinstance(spans, list) else []
            self._spans[article_id] = cached
        return cached

    def span_of(self, ref: MatchRef) -> Span | None:
        spans = self.spans_for(ref.article_id)
        return spans[ref.index] if 0 <= ref.index < len(spans) else None

    def ordinal(self, ref: MatchRef) -> int:
        """1-based number of a match among all matches ("match 3 of 17"); 0 if not a match."""
        i = self._rows().get(ref.article_id)
        if i is None or not 0 <= ref.index < self.per_article[i][1]:
            return 0
        return self._first_numbers()[i] + ref.index + 1

    def match_at(self, ordinal: int) -> MatchRef | None:
        """The match with this 1-based number."""
        if not 1 <= ordinal <= self.total_matches:
            return None
        starts = self._first_numbers()
        i = bisect_right(starts, ordinal - 1) - 1
        return MatchRef(self.per_article[i][0], ordinal - 1 - starts[i])

    def first_match(self, from_article: str | None = None) -> MatchRef | None:
        """The first match in `from_article` or after it in reading order (wrapping), else the first."""
        if not self.per_article:
            return None
        if from_article is None:
            return MatchRef(self.per_article[0][0], 0)
        i = bisect_left(self._orders(), self._position(from_article))
        aid = self.per_article[i % len(self.per_article)][0]
        return MatchRef(aid, 0)

    def next_match(self, current: MatchRef | str | None = None, wrap: bool = True) -> MatchRef | None:
        """The match after `current` (a match, or the id of the article being read: n)."""
        if not self.per_article:
            return None
        if current is None:
            return MatchRef(self.per_article[0][0], 0)
        if isinstance(current, MatchRef):
            if current.index + 1 < self.count_for(current.article_id):
                return MatchRef(current.article_id, max(current.index + 1, 0))
            article_id = current.article_id
        else:
            article_id = current
        i = bisect_right(self._orders(), self._position(article_id))
        if i >= len(self.per_article):
            if not wrap:
                return None
            i = 0
        return MatchRef(self.per_article[i][0], 0)

    def prev_match(self, current: MatchRef | str | None = None, wrap: bool = True) -> MatchRef | None:
        """The match before `current` (N)."""
        if not self.per_article:
            return None
        if current is None:
            aid, count = self.per_article[-1]
            return MatchRef(aid, count - 1)
        if isinstance(current, MatchRef):
            count = self.count_for(current.article_id)
            if 0 < current.index <= count:
                return MatchRef(current.article_id, current.index - 1)
            article_id = current.article_id
        else:
            article_id = current
        i = bisect_left(self._orders(), self._position(article_id)) - 1
        if i < 0:
            if not wrap:
                return None
            i = len(self.per_article) - 1
        aid, count = self.per_article[i]
        return MatchRef(aid, count - 1)

    def last_match_from(self, article_id: str | None) -> MatchRef | None:
        """N with no match chosen yet: the last match of the article being read, if it has one,
        else the last match before it (wrapping)."""
        here = self.count_for(article_id) if article_id else 0
        if here and article_id:
            return MatchRef(article_id, here - 1)
        return self.prev_match(article_id)

    def _position(self, article_id: str) -> int:
        i = self._rows().get(article_id)
        if i is not None:
            return self._orders()[i]
        pos = self.backend.order_of(article_id) if self.backend is not None else None
        if pos is None:  # an article the index does not know: before everything
            return -1
        return pos


def _order_or(backend: SearchBackend, article_id: str, default: int) -> int:
    pos = backend.order_of(article_id)
    return default if pos is None else pos


def search(
    backend: SearchBackend,
    query: str,
    options: SearchOptions = DEFAULT_OPTIONS,
    should_stop: Callable[[], bool] | None = None,
) -> SearchResult:
    """Run a query on a backend: always a SearchResult, with `error` set instead of raising."""
    try:
        counts = backend.count_matches(query, options, should_stop)
    except Exception as exc:  # noqa: BLE001 - a backend failure is shown, never raised into the UI
        return SearchResult(query, options, error=SearchError(f"search failed ({type(exc).__name__}: {exc})"))
    if isinstance(counts, SearchError):
        return SearchResult(query, options, error=counts)
    if should_stop is not None and not counts and should_stop():
        return SearchResult(query, options, cancelled=True)
    per_article = list(counts.items())
    return SearchResult(
        query,
        options,
        total_matches=sum(counts.values()),
        per_article=per_article,
        counts=counts,
        incomplete=_incomplete(backend, query, options),
        backend=backend,
    )


def _incomplete(backend: SearchBackend, query: str, options: SearchOptions) -> str:
    """The backend's word on what this query's counts still miss (`PinyinSearch.incomplete`);
    "" for a backend that has nothing to say, or fails to."""
    say = getattr(backend, "incomplete", None)
    if not callable(say):
        return ""
    try:
        note = say(query, options)
    except Exception:  # noqa: BLE001 - a note is never worth a failed search
        return ""
    return note if isinstance(note, str) else ""


