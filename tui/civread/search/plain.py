"""The plain matcher: the folded query found as a substring of the folded text (`str.count`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat


@dataclass(frozen=True, slots=True)
class PlainQuery:
    """A folded query. Its counts are `str.count` of `text`, so an index may answer them too."""

    text: str
    time_budget: float = 1.5

    @property
    def is_empty(self) -> bool:
        return not self.text

    def count_all(self, haystacks: Sequence[str], deadline: float) -> list[int]:
        """Matches in each haystack (mapped in C: this is the scan's whole cost)."""
        return list(map(str.count, haystacks, repeat(self.text)))

    def find(self, folded: str, deadline: float) -> Iterable[tuple[int, int]]:
        """Non-overlapping occurrences, left to right: the same ones `str.count` counts."""
        needle = self.text
        size = len(needle)
        pos = folded.find(needle)
        while pos >= 0:
            yield pos, pos + size
            pos = folded.find(needle, pos + size)
