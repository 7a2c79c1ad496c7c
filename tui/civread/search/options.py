"""What a query asks for and why it cannot be answered: the values every part of search shares."""

from __future__ import annotations

from dataclasses import dataclass

# A query longer than this is refused (nothing that long is typed; a paste of a page is a mistake).
MAX_QUERY_CHARS = 5_000


@dataclass(frozen=True, slots=True)
class SearchOptions:
    """How to read the query. Frozen and hashable, so prepared queries can be cached."""

    regex: bool = False
    # Seconds one regex search may spend matching (all articles together), against backtracking.
    time_budget: float = 1.5


DEFAULT_OPTIONS = SearchOptions()


@dataclass(frozen=True, slots=True)
class SearchError:
    """Why a query cannot be searched (bad regex, too slow, too long), in one line for the status bar."""

    message: str
    position: int | None = None  # in the query as typed, when the engine says where
    kind: str = "invalid"  # "invalid" (does not compile), "complex", "slow" or "long"

    def __str__(self) -> str:
        return self.message


class MatchTimeout(Exception):
    """A query's time budget ran out while matching."""


def too_slow(time_budget: float) -> SearchError:
    """The error shown when matching overran its budget."""
    return SearchError(f"regular expression too slow (over {time_budget:g} s); make it more specific", kind="slow")
