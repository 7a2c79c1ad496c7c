"""Preparing a query: options → a matcher, folded or compiled once (and cached).

A matcher (`PreparedQuery`) counts its matches in folded haystacks and finds them in one folded
section. Two kinds exist: `PlainQuery` (plain.py) and `RegexQuery` (patterns.py); another kind
is one more module with these three methods and one more branch in `_prepare`. Only a
`PlainQuery` may be answered from `IndexedSearch`'s indexes; every other kind is a scan.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Protocol

from civread.search.fold import fold_query
from civread.search.options import DEFAULT_OPTIONS, MAX_QUERY_CHARS, SearchError, SearchOptions
from civread.search.patterns import prepare_regex
from civread.search.plain import PlainQuery


class PreparedQuery(Protocol):
    """A query ready to run over folded text. Matching raises `MatchTimeout` past the deadline."""

    @property
    def text(self) -> str: ...

    @property
    def time_budget(self) -> float: ...

    @property
    def is_empty(self) -> bool: ...

    def count_all(self, haystacks: Sequence[str], deadline: float) -> list[int]:
        """Non-empty matches in each haystack (sections joined by `sections.SEPARATOR`)."""
        ...

    def find(self, folded: str, deadline: float) -> Iterable[tuple[int, int]]:
        """(start, end) of each non-empty match in one folded section, left to right."""
        ...


def prepare(query: str, options: SearchOptions = DEFAULT_OPTIONS) -> PreparedQuery | SearchError:
    """Fold or compile a query once; a bad query becomes a SearchError, never an exception."""
    if not isinstance(query, str):
        return SearchError("the query is not text")
    if not isinstance(options, SearchOptions):
        options = DEFAULT_OPTIONS
    return _prepare(query, options)


@lru_cache(maxsize=128)
def _prepare(query: str, options: SearchOptions) -> PreparedQuery | SearchError:
    if options.regex:
        return prepare_regex(query, options.time_budget)
    if len(query) > MAX_QUERY_CHARS:
        return SearchError(f"query too long: {len(query):,} characters (at most {MAX_QUERY_CHARS:,})")
    return PlainQuery(fold_query(query), options.time_budget)
