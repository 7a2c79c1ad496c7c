"""Precounts: the bigrams and trigrams held by the most articles, counted ahead of any keystroke.

Those are the 2- and 3-character queries whose candidates are most of the corpus: a bigram held
by ~10,000 articles costs ~25 ms to count on a keystroke, and (unlike a longer query) no further
character narrows it. They are counted on the trigram index's thread once the index holds
`PRECOUNT_MIN_ARTICLES` articles, and again each time it has doubled; a kept file saves them.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable
from itertools import compress, repeat
from types import MappingProxyType

from civread.search.postings import SATURATED, exact_counts
from civread.search.trigram_file import Precount, TrigramFile

PRECOUNT_BIGRAMS = 900
PRECOUNT_TRIGRAMS = 300
PRECOUNT_MIN_ARTICLES = 2_000


class Precounts:
    """term → (articles covered, positions, counts); written by the indexer thread only."""

    def __init__(
        self, bigrams: int | None = None, trigrams: int | None = None, wanted: Callable[[str], bool] | None = None
    ) -> None:
        self._terms: dict[str, Precount] = {}
        self._size = 0  # how many articles the last count covered
        # How many of each to count (None: the module's figures, read when counting), and which
        # terms are worth it (an index of a projection knows which of its strings a query can be).
        self._bigrams, self._trigrams, self._wanted = bigrams, trigrams, wanted

    @property
    def terms(self) -> MappingProxyType[str, Precount]:
        return MappingProxyType(self._terms)

    def clear(self) -> None:
        self._terms.clear()
        self._size = 0

    def due(self, file: TrigramFile) -> bool:
        """Time to (re)count: enough articles indexed, and twice as many as last time."""
        wanted = self._limits()
        return file.available and sum(wanted) > 0 and file.done >= max(PRECOUNT_MIN_ARTICLES, 2 * self._size)

    def _limits(self) -> tuple[int, int]:
        return (PRECOUNT_BIGRAMS if self._bigrams is None else self._bigrams,
                PRECOUNT_TRIGRAMS if self._trigrams is None else self._trigrams)

    def load(self, file: TrigramFile) -> None:
        """A kept file's precounts, once every position they cover is known to be the same article."""
        loaded = file.load_precounts()
        if loaded is None:
            self._terms.clear()
            return
        self._terms.update(loaded)
        self._size = file.precounts_upto

    def build(self, file: TrigramFile, haystacks: list[str]) -> None:
        """Count the commonest terms exactly over what the index holds, in slices (so the GIL is
        handed back often); a kept file saves them."""
        done = file.done
        self._size = done
        terms = file.commonest_terms(*self._limits(), wanted=self._wanted)
        for term in terms or ():
            candidates = file.candidates(term, done)
            if candidates is None or not file.available:
                return
            positions = array("I")
            counts = array("B")
            for lo in range(0, len(candidates), 2_000):
                part = candidates[lo : lo + 2_000]
                found = list(map(str.count, map(haystacks.__getitem__, part), repeat(term)))
                positions.extend(compress(part, found))
                counts.extend(c if c < SATURATED else SATURATED for c in found if c)
            self._terms[term] = (done, positions, counts)
        if terms is not None and file.kept:
            file.save_precounts(list(self._terms.items()), done)

    def lookup(
        self, needle: str, rarest: array, ids: list[str], haystacks: list[str], start: int = 0, end: int | None = None
    ) -> dict[str, int] | None:
        """Counts of a precounted term, plus those of articles added since (found through the
        postings of its rarest character, as given: those in the range asked for); None when the
        term is not precounted. Only positions in [start, end) when a range is given."""
        hit = self._terms.get(needle) if len(needle) <= 3 else None
        if hit is None:
            return None
        upto, positions, counts = hit
        if start > 0 or (end is not None and end < upto):
            lo, hi = bisect_left(positions, start), bisect_left(positions, upto if end is None else end)
            positions, counts = positions[lo:hi], counts[lo:hi]
        found = exact_counts(positions, counts, needle, ids, haystacks)
        tail = list(rarest[bisect_left(rarest, upto) :])
        for pos, count in zip(tail, map(str.count, map(haystacks.__getitem__, tail), repeat(needle))):
            if count:
                found[ids[pos]] = count
        return found
