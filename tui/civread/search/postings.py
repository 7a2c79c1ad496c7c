"""Per-character postings: which articles hold each folded character, and how many times.

Counts are kept in one byte (postings are most of the index's memory, and 255+ of one character
in one article is rare): `SATURATED` means "that many or more", recounted when read.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from itertools import compress

SATURATED = 0xFF


class Postings:
    """One character's postings: parallel arrays in position order."""

    __slots__ = ("positions", "counts")

    def __init__(self) -> None:
        self.positions = array("I")
        self.counts = array("B")


class CharPostings:
    """Postings of every character seen, appended to as articles are added (under the caller's lock)."""

    def __init__(self) -> None:
        self._chars: dict[str, Postings] = {}

    def add(self, pos: int, counts: Counter[str]) -> None:
        """Record a new article's character counts (`collections.Counter` of its haystack)."""
        chars = self._chars
        for ch, n in counts.items():
            postings = chars.get(ch)
            if postings is None:
                postings = chars[ch] = Postings()
            postings.positions.append(pos)
            postings.counts.append(n if n < SATURATED else SATURATED)

    def snapshot(self, needle: str, start: int = 0, end: int | None = None) -> list[tuple[array, array]]:
        """Copies of the postings of each of `needle`'s characters ([] if one is in no article):
        the adding thread appends to them while a search reads. Only positions in [start, end)
        when a range is given (only they are copied)."""
        postings = [self._chars.get(ch) for ch in set(needle)]
        if any(p is None for p in postings):
            return []
        if start <= 0 and end is None:
            return [(p.positions[:], p.counts[:]) for p in postings if p is not None]
        out = []
        for p in postings:
            assert p is not None
            lo = bisect_left(p.positions, start)
            hi = len(p.positions) if end is None else bisect_left(p.positions, end, lo)
            if lo == hi:
                return []
            out.append((p.positions[lo:hi], p.counts[lo:hi]))
        return out


def exact_counts(
    positions: array, counts: array, needle: str, ids: list[str], haystacks: list[str]
) -> dict[str, int]:
    """{article id: count} from postings, with saturated counts recounted in the text."""
    found = dict(zip(map(ids.__getitem__, positions), counts))
    if SATURATED in counts:  # an article with 255+ of it: count it
        for i in compress(range(len(counts)), map(SATURATED.__eq__, counts)):
            found[ids[positions[i]]] = haystacks[positions[i]].count(needle)
    return found
