"""Reprints: the same story run by several papers and sites, lightly edited, found and grouped.

Why this shape: an article is measured once, in the worker that processes its page, so its
`signature` (a few hundred bytes) is made there and kept with the page's measures; grouping the
whole corpus then reads signatures only, never text (`group_reprints`), and a warm open redoes
none of the hashing.

The signature of an article's body (its paragraphs: a reprint often gets a new headline):

* an exact digest of the text without whitespace (blake2b, 8 bytes): identical bodies group
  whatever their length;
* a MinHash of its character 4-gram shingles, one-permutation hashing with 64 bins
  (Li, Owen & Zhang 2012; empty bins filled from the next bin, Shrivastava & Li 2014), 4 bytes
  per bin. The shingles are read as 64-bit words of the UTF-16 text and hashed modulo a prime,
  each step a C loop (`array`, `map`, `filter`, `sorted`); only the smallest hashes are sorted.

Grouping is LSH: 16 bands of 4 bins, so two bodies whose shingle sets have Jaccard similarity s
share a band with probability 1 − (1 − s⁴)¹⁶ (0.65 at s = 0.5, 0.99 at s = 0.75); a pair that
shares one is grouped when its estimated similarity (equal bins / 64) is at least
`THRESHOLD`. Bodies shorter than `MIN_CHARS` get only the digest (a few shingles say nothing).
Groups are transitive (a reprint of a reprint is in the group). Pure: no Textual, no Rich.
"""

from __future__ import annotations

import hashlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat

from civread.measures import source_version

__all__ = [
    "REPRINTS_VERSION",
    "BANDS",
    "BINS",
    "MIN_CHARS",
    "THRESHOLD",
    "ReprintGroups",
    "article_signature",
    "group_reprints",
    "group_signatures",
    "signature",
    "similarity",
]

BINS = 64
BANDS = 16
ROWS = BINS // BANDS
THRESHOLD = 0.5
MIN_CHARS = 50
_DIGEST = 8
_EMPTY = 0xFFFFFFFF
_PRIME = 3_141_592_661  # < 2^32, far from any power of two


# A grouping kept in the page cache was made by this code.
REPRINTS_VERSION = source_version(__file__, "g1")


def _shingle_hashes(text: str) -> list[int]:
    """Every character 4-gram of `text` read as one 64-bit int (four UTF-16 code units) by four
    passes of `array('Q')` at the four character offsets, hashed modulo a prime far from any
    power of two (so every character's bits reach the low ones): C loops, no Python one."""
    data = text.encode("utf-16-le")
    out: list[int] = []
    for offset in range(0, 8, 2):
        usable = (len(data) - offset) // 8 * 8
        if usable > 0:
            out.extend(map(_PRIME.__rmod__, array("Q", data[offset : offset + usable])))
    return out


def signature(text: str) -> bytes:
    """The digest and MinHash of a body's text (see the module docstring); b"" for no text."""
    compact = "".join(text.split())
    if not compact:
        return b""
    digest = hashlib.blake2b(compact.encode("utf-8", "surrogatepass"), digest_size=_DIGEST).digest()
    if len(compact) < MIN_CHARS:
        return digest
    bins = _min_per_bin(_shingle_hashes(compact))
    return digest + bins.tobytes()


def _min_per_bin(hashes: list[int]) -> array:
    """One-permutation MinHash: bin h mod 64, each bin's smallest h. Only the smallest
    hashes are sorted (a C filter keeps about 8 a bin), and the rare bin left empty by the filter
    is read again with all of them; a bin no shingle falls in takes the next filled bin's value,
    marked by its distance."""
    bins = array("I", repeat(_EMPTY, BINS))
    limit = _PRIME * 8 * BINS // max(len(hashes), 1)
    while True:
        kept = sorted(filter(limit.__gt__, hashes)) if limit < _PRIME else sorted(hashes)
        missing = BINS
        for h in kept:
            b = h & (BINS - 1)
            if bins[b] == _EMPTY:
                bins[b] = h
                missing -= 1
                if not missing:
                    return bins
        if limit >= _PRIME:
            break
        limit *= 8
        bins = array("I", repeat(_EMPTY, BINS))
    filled = [b for b in range(BINS) if bins[b] != _EMPTY]
    if not filled:
        return bins
    for b in range(BINS):
        if bins[b] == _EMPTY:
            source = filled[bisect_left(filled, b) % len(filled)]
            bins[b] = (bins[source] + ((source - b) % BINS) * 0x61C88647) & 0xFFFFFFFF
    return bins


def article_signature(article: object) -> bytes:
    """An article's signature: its paragraphs only (a reprint's headline and byline differ)."""
    paragraphs = getattr(article, "paragraphs", ()) or ()
    return signature("".join(getattr(p, "text", "") or "" for p in paragraphs))


def _bins(sig: bytes) -> array | None:
    if len(sig) != _DIGEST + 4 * BINS:
        return None
    values = array("I")
    values.frombytes(sig[_DIGEST:])
    return values


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two bodies' shingles (1.0 for equal digests, 0.0 when
    either is too short to tell)."""
    if a[:_DIGEST] == b[:_DIGEST] and a[:_DIGEST]:
        return 1.0
    x, y = _bins(a), _bins(b)
    if x is None or y is None:
        return 0.0
    return sum(map(int.__eq__, x, y)) / BINS


@dataclass(slots=True)
class ReprintGroups:
    """Articles that ran more than once: each group in corpus order, its first member its name."""

    groups: list[list[str]] = field(default_factory=list)  # only groups of 2+
    _group_of: dict[str, int] = field(default_factory=dict, repr=False)

    def group_of(self, article_id: str) -> int | None:
        return self._group_of.get(article_id)

    def label(self, article_id: str) -> str | None:
        """The group's name (its first article's id), for the export; None for a single article."""
        g = self._group_of.get(article_id)
        return self.groups[g][0] if g is not None else None

    def count(self, article_id: str) -> int:
        """How many times the story ran (1 for an article without reprints)."""
        g = self._group_of.get(article_id)
        return len(self.groups[g]) if g is not None else 1

    def others(self, article_id: str) -> list[str]:
        """Where else the story ran, in corpus order."""
        g = self._group_of.get(article_id)
        return [a for a in self.groups[g] if a != article_id] if g is not None else []

    def is_repeat(self, article_id: str) -> bool:
        """True for every member but the first: what a count without reprints leaves out."""
        g = self._group_of.get(article_id)
        return g is not None and self.groups[g][0] != article_id

    def __len__(self) -> int:
        return len(self.groups)

    @classmethod
    def of(cls, groups: list[list[str]]) -> ReprintGroups:
        """The groups of article ids (each of two or more, in corpus order) as `ReprintGroups`."""
        result = cls()
        for group in groups:
            result._group_of.update((a, len(result.groups)) for a in group)
            result.groups.append(group)
        return result


def group_reprints(items: Iterable[tuple[str, bytes]], threshold: float = THRESHOLD) -> ReprintGroups:
    """Group (article id, signature) pairs, given in corpus order, into reprints."""
    ids: list[str] = []
    sigs: list[bytes] = []
    for article_id, sig in items:
        ids.append(article_id)
        sigs.append(sig)
    return ReprintGroups.of([[ids[i] for i in group] for group in group_signatures(sigs, threshold)])


def group_signatures(sigs: Sequence[bytes], threshold: float = THRESHOLD) -> list[list[int]]:
    """The reprint groups of some signatures given in corpus order, as their positions in `sigs`:
    only groups of two or more, each in corpus order, ordered by their first member. What a page
    cache keeps (`PageCache.remember_grouping`): positions, not ids, are what every caller shares."""
    parent = list(range(len(sigs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_digest: dict[bytes, int] = {}
    buckets: dict[bytes, list[int]] = {}
    width = 4 * ROWS
    for i, sig in enumerate(sigs):
        if not sig:
            continue
        first = by_digest.setdefault(sig[:_DIGEST], i)
        if first != i:
            root, mine = find(first), find(i)
            if root != mine:
                parent[max(root, mine)] = min(root, mine)
            continue  # the same body: its bands are the first one's
        if len(sig) == _DIGEST:
            continue
        mine = find(i)  # kept current below: a union makes the smaller root the root
        for band in range(BANDS):
            start = _DIGEST + band * width
            key = bytes((band,)) + sig[start : start + width]
            members = buckets.get(key)
            if members is None:
                buckets[key] = [i]
                continue
            for j in members:
                root = find(j)
                if root != mine and similarity(sigs[j], sig) >= threshold:
                    parent[max(root, mine)] = min(root, mine)
                    mine = min(root, mine)
            if len(members) < 8:  # a bucket of boilerplate is not worth comparing against all
                members.append(i)
    by_root: dict[int, list[int]] = {}
    for i, sig in enumerate(sigs):
        if sig:
            by_root.setdefault(find(i), []).append(i)
    return [group for group in by_root.values() if len(group) > 1]


def signatures_of(articles: Sequence[object]) -> list[bytes]:
    """Each article's signature, in page order (what a page's measures carry)."""
    return [article_signature(a) for a in articles]
