"""IndexedSearch: `MemorySearch`'s answers, read off indexes instead of a scan of the whole corpus.

* 1 folded character: per-character postings (postings.py), read off, never counted.
* 2+ characters: if one of its characters is rare, its postings are the candidates; else the
  trigram file (trigram_file.py) gives them, written by its own thread (SQLite tokenizes without
  the GIL); the commonest bigrams and trigrams are counted ahead (precounts.py). Candidates are
  always counted exactly with `str.count` on the session's own folded text, so counts equal
  `MemorySearch`'s.
* Any other matcher (regular expressions): `MemorySearch`'s scan, over the same `FoldedTexts`.

Articles not yet in the trigram file are candidates by their character postings, so results are
complete while it is built. An article re-added under a known id is counted directly from then
on. Without FTS5 or a place for the file, 2+ character queries intersect character postings
(slower, still exact). Call `close()` when done.
"""

from __future__ import annotations

import time
from array import array
from bisect import bisect_left
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from types import MappingProxyType

from civread.model import Article
from civread.search.indexer import TrigramIndexer
from civread.search.memory import MemorySearch
from civread.search.options import DEFAULT_OPTIONS, SearchError, SearchOptions
from civread.search.plain import PlainQuery
from civread.search.postings import CharPostings, exact_counts
from civread.search.precounts import Precounts
from civread.search.query import prepare
from civread.search.result import SearchResult, search
from civread.search.sections import SEPARATOR, Span, haystack
from civread.search.texts import FoldedTexts
from civread.search.trigram_file import Precount, TrigramFile

# A candidate set smaller than this is counted directly (str.count on each haystack):
# no trigram query is worth it.
FEW_CANDIDATES = 600
# Articles added (and written to the trigram file) per batch.
ADD_BATCH = 256
# Results of this many recent queries are kept (backspace, retyping) until the next add.
RESULT_CACHE = 64


@dataclass(slots=True)
class _Snapshot:
    """What one count reads, taken under the texts' lock."""

    ids: list[str]
    haystacks: list[str]
    n: int
    replaced: list[int]
    postings: list[tuple[array, array]]  # the needle's characters' (positions, counts); [] if one is absent
    start: int = 0  # only positions in [start, n) are counted (`count_within`)



class IndexedSearch:
    """A `SearchBackend` over `FoldedTexts`, character postings, a trigram file and precounts."""

    def __init__(
        self,
        articles: Iterable[Article] = (),
        *,
        directory: str | Path | None = None,
        trigrams: bool = True,
        loader: Callable[[str], Article | None] | None = None,
        keep_as: str | None = None,
        precounts: Precounts | None = None,
    ) -> None:
        self.texts = FoldedTexts(loader)
        self._scan = MemorySearch(texts=self.texts)  # regular expressions (and any other matcher)
        self._chars = CharPostings()
        self._replaced: set[int] = set()  # positions re-added: their postings are stale
        self._generation = 0
        self._cache: OrderedDict[str, tuple[int, dict[str, int]]] = OrderedDict()
        self.build_seconds = 0.0  # time spent in add_articles, for the benchmark
        self.notices: list[str] = []
        # Opened by the first add_articles (a worker thread), not here: the app builds its
        # backend before its first paint, and a kept index takes tens of ms to open and read.
        self._file = TrigramFile(directory, keep_as, self.notices, wanted=trigrams)
        self._precounts = precounts if precounts is not None else Precounts()  # which terms, how many
        self._indexer = TrigramIndexer(self._file, self._precounts, self.texts)
        self.add_articles(articles)

    def __len__(self) -> int:
        return len(self.texts)

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass

    def close(self) -> None:
        """Stop indexing; delete a private trigram file, leave a kept one for the next session."""
        self._indexer.clear()
        self._file.close()

    # ---------------------------------------------------------------- what tests and the app may read

    @property
    def indexed(self) -> int:
        """How many articles the trigram file covers (the rest are scanned)."""
        return self._file.done

    @property
    def articles_held(self) -> int:
        """Whole articles kept in memory (0 with a loader: only folded text, postings and precounts)."""
        return self.texts.articles_held

    @property
    def precounted(self) -> MappingProxyType[str, Precount]:
        """The terms counted ahead: term → (articles covered, positions, counts)."""
        return self._precounts.terms

    @property
    def owns_kept_file(self) -> bool:
        """This session owns the trigram file kept for its paths."""
        return self._file.kept

    @property
    def reused_kept_file(self) -> bool:
        """The kept file held this corpus already (nothing had to be written again)."""
        return self._file.reusable_ids is not None

    @property
    def index_path(self) -> str | None:
        return self._file.path

    def forget_results(self) -> None:
        """Drop the recent results, so the next count is made afresh."""
        with self.texts.lock:
            self._cache.clear()

    def hold_trigrams(self, held: bool) -> None:
        """Hold the trigram file back (articles queue, nothing is written) or let it catch up: on a
        first open the pipeline's processes need every core."""
        self._indexer.hold(held)

    def wait_indexed(self, timeout: float | None = None) -> bool:
        """Block until the trigram file has caught up (tests, benchmarks); False if not by `timeout`."""
        return self._indexer.wait(timeout)

    # ---------------------------------------------------------------- building

    def add_articles(self, articles: Iterable[Article]) -> None:
        """Index more articles (call it from a worker thread as pages load)."""
        start = time.perf_counter()
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= ADD_BATCH:
                self._add_batch(batch)
                batch = []
        if batch:
            self._add_batch(batch)
        self.build_seconds += time.perf_counter() - start

    def add_texts(self, entries: Iterable[tuple[str, str]]) -> None:
        """Index texts already in the form searched, (article id, text): e.g. a projection of the
        folded haystack, one character for one (`civread.pinyin_search`). No article is held."""
        start = time.perf_counter()
        batch: list[tuple[Article | None, str, str]] = []
        for article_id, text in entries:
            batch.append((None, article_id, text))
            if len(batch) >= ADD_BATCH:
                self._add_entries(batch)
                batch = []
        if batch:
            self._add_entries(batch)
        self.build_seconds += time.perf_counter() - start

    def _add_batch(self, batch: list[Article]) -> None:
        entries: list[tuple[Article | None, str, str]] = []
        for article in batch:
            entry = haystack(article)
            if entry is not None:
                entries.append((article, *entry))
        self._add_entries(entries)

    def _add_entries(self, entries: list[tuple[Article | None, str, str]]) -> None:
        if self._file.pending:  # the first article: now the index file is needed
            self._file.open_once()
        new: list[tuple[int, str]] = []
        texts = self.texts
        for article, article_id, text in entries:
            counts = Counter(text)
            counts.pop(SEPARATOR, None)
            with texts.lock:
                pos, is_new = texts.put(article, article_id, text)
                if is_new:
                    self._chars.add(pos, counts)
                    new.append((pos, text))
                else:
                    self._replaced.add(pos)
                self._generation += 1
                self._cache.clear()
        self._indexer.queue(new)

    # ---------------------------------------------------------------- the SearchBackend

    def order_of(self, article_id: str) -> int | None:
        return self.texts.order_of(article_id)

    def article(self, article_id: str) -> Article | None:
        return self.texts.article(article_id)

    def match_spans(
        self, article_id: str, query: str, options: SearchOptions = DEFAULT_OPTIONS
    ) -> list[Span] | SearchError:
        return self._scan.match_spans(article_id, query, options)

    def search(
        self, query: str, options: SearchOptions = DEFAULT_OPTIONS, should_stop: Callable[[], bool] | None = None
    ) -> SearchResult:
        return search(self, query, options, should_stop)

    def count_matches(
        self,
        query: str,
        options: SearchOptions = DEFAULT_OPTIONS,
        should_stop: Callable[[], bool] | None = None,
    ) -> dict[str, int] | SearchError:
        """Matches per article (only articles with ≥1), in corpus order; the same as `MemorySearch`."""
        prepared = prepare(query, options)
        if isinstance(prepared, SearchError) or prepared.is_empty:
            return prepared if isinstance(prepared, SearchError) else {}
        if not isinstance(prepared, PlainQuery):
            return self._scan.scan(prepared, should_stop)
        needle = prepared.text
        with self.texts.lock:
            generation = self._generation
            hit = self._cache.get(needle)
            if hit is not None and hit[0] == generation:
                self._cache.move_to_end(needle)
                return hit[1]
            snap = _Snapshot(self.texts.ids, self.texts.haystacks, len(self.texts), sorted(self._replaced),
                             self._chars.snapshot(needle))
        found = self._count(needle, snap, should_stop)
        if found is None or (should_stop is not None and should_stop()):
            return {}
        with self.texts.lock:
            if self._generation == generation:
                self._cache[needle] = (generation, found)
                if len(self._cache) > RESULT_CACHE:
                    self._cache.popitem(last=False)
        return found  # shared with the result cache: read it, do not change it

    def count_within(
        self, needle: str, start: int, end: int, should_stop: Callable[[], bool] | None = None
    ) -> dict[str, int]:
        """Counts of `needle`, a string in the form this index searches (folded), in the articles
        at positions [start, end) only, in corpus order: what `count_matches` gives for them,
        at a cost in proportion to the range (a pinyin prefix is first counted on the first
        articles, `civread.pinyin_search`). Not kept in the result cache."""
        if not needle:
            return {}
        with self.texts.lock:
            cached = self._cache.get(needle)
            if cached is not None and cached[0] == self._generation and start == 0 and end >= len(self.texts):
                return cached[1]
            end = min(end, len(self.texts))
            snap = _Snapshot(self.texts.ids, self.texts.haystacks, end, sorted(p for p in self._replaced if start <= p < end),
                             self._chars.snapshot(needle, start, end), start)
        found = self._count(needle, snap, should_stop)
        return found if found is not None and not (should_stop is not None and should_stop()) else {}

    def _count(self, needle: str, snap: _Snapshot, should_stop: Callable[[], bool] | None) -> dict[str, int] | None:
        """The one way each kind of plain query is answered; None when stopped."""
        if not snap.postings:  # a character no article holds
            found: dict[str, int] = {}
        elif len(needle) == 1:
            positions, counts = snap.postings[0]
            found = exact_counts(positions, counts, needle, snap.ids, snap.haystacks)
        else:
            rarest = min((pc[0] for pc in snap.postings), key=len)
            precounted = self._precounts.lookup(needle, rarest, snap.ids, snap.haystacks, snap.start, snap.n)
            if precounted is None:
                return self._from_candidates(needle, snap, should_stop)
            found = precounted
        return self._recount(needle, snap, found) if snap.replaced else found

    def _from_candidates(
        self, needle: str, snap: _Snapshot, should_stop: Callable[[], bool] | None
    ) -> dict[str, int] | None:
        candidates = self._candidates(needle, snap, should_stop)
        if candidates is None:
            return None
        if snap.replaced:
            candidates = sorted(set(candidates).union(snap.replaced))
        haystacks, ids = snap.haystacks, snap.ids
        counts = list(map(str.count, map(haystacks.__getitem__, candidates), repeat(needle)))
        return {ids[candidates[i]]: c for i, c in enumerate(counts) if c}

    def _recount(self, needle: str, snap: _Snapshot, found: dict[str, int]) -> dict[str, int]:
        """Postings are stale for re-added articles: count those directly, keep corpus order."""
        position = self.texts.position
        by_pos = {position[aid]: c for aid, c in found.items()}
        for pos in snap.replaced:
            if pos < len(snap.haystacks):
                count = snap.haystacks[pos].count(needle)
                if count:
                    by_pos[pos] = count
                else:
                    by_pos.pop(pos, None)
        return {snap.ids[pos]: by_pos[pos] for pos in sorted(by_pos)}

    def _candidates(self, needle: str, snap: _Snapshot, should_stop: Callable[[], bool] | None) -> list[int] | None:
        """Positions (sorted) that may hold `needle`: a superset of those that do."""
        postings = sorted(snap.postings, key=lambda pc: len(pc[0]))
        rarest = postings[0][0]
        if len(rarest) <= FEW_CANDIDATES:
            return list(rarest)
        file = self._file
        done = min(file.done, snap.n)
        if file.readable and done > 0:
            from_index = file.candidates(needle, done, snap.start)
            if from_index is not None:
                out = from_index + list(rarest[bisect_left(rarest, done) :])  # not indexed yet: scan
                failed = [p for p in file.failed if snap.start <= p < snap.n]
                return sorted(set(out).union(failed)) if failed else out
        if should_stop is not None and should_stop():
            return None
        common = set(rarest)
        for positions, _ in postings[1:]:
            common.intersection_update(positions)
        return sorted(common)

