"""The corpus as the reader holds it, and how it is loaded: no Textual here.

`ArticleLibrary` is what the reader keeps: the article summaries in reading order (the sidebar),
the pages' files, the localities seen, the files that could not be read, a few recent pages
whole, and what corpus metrics will read. It never holds every `Article`: an article is read
back from the page cache when it is opened (`load_article`), or, failing that, its file is
processed again.

`load_events(...)` loads a corpus as a stream of events, for a worker to drain:

1. `Listed`: every cached page's article summaries at once (`corpus.cached_index`: no page
   unpickled), so a warm archive is listed in well under a second;
2. `TextProgress`: the cached pages' text fed to the search backend, page by page;
3. `Listed` batches of the files the cache does not know, processed (and cached) by
   `corpus.iter_pages` on every core; `Finished` once every file is listed; a last
   `TextProgress(finished=True)` once every article is searchable.

Batches are cut by time (`clock`, injectable so the policy is testable without sleeping): every
`BATCH_SECONDS` in the first second, then every `STEADY_BATCH_SECONDS`, since each batch costs
the UI a repaint.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from civread.cache import ArticleSummary, PageCache, article_summaries, hash_file
from civread.corpus import cached_index, iter_pages, load_page
from civread.measures.figures import Figure
from civread.measures.metrics import ArticleMeasures
from civread.model import Article, ArticleKind, CleaningReport, LoadProblem, Locality, Page, Paragraph
from civread.search import IndexedSearch, SearchBackend

if TYPE_CHECKING:
    from civread.measures.keywords import KeywordModel
    from civread.measures.metrics import CorpusMetrics
    from civread.measures.reprints import ReprintGroups

__all__ = [
    "ArticleLibrary",
    "Finished",
    "LoadEvent",
    "Listed",
    "PagesToMeasure",
    "Stopped",
    "TextProgress",
    "corpus_key",
    "for_metrics",
    "load_events",
]

BATCH_SECONDS = 0.1  # how often the loader reports pages in the first second…
STEADY_BATCH_SECONDS = 0.5  # …and after it: each report costs a repaint, which slows loading down
HOLD_TRIGRAMS_FILES = 200  # a first open of this many files builds the trigram index after processing
PAGES_KEPT = 16  # recently opened or processed pages kept whole (the rest load from the cache)


# ------------------------------------------------------------------ events


@dataclass(slots=True)
class Listed:
    """Articles to list (summaries, not whole pages) and files that failed, with the progress so far.

    `pages` holds the batch's freshly processed pages (page key → Page) so the reader can open
    one without a cache round trip; the library keeps only a few of them."""

    articles: list[ArticleSummary]
    page_paths: dict[str, str]  # page key → file path, to open an article's page on demand
    problems: list[LoadProblem]
    done: int  # files finished so far (cached ones count as done at once)
    total: int  # files found
    rate: float  # files a second since loading began
    new_pages: int = 0  # pages (files with a result) in this batch
    pages: dict[str, Page] = field(default_factory=dict)


@dataclass(slots=True)
class TextProgress:
    """Pages whose text is searchable so far; `finished` once every article is."""

    done: int
    total: int
    rate: float  # pages a second
    finished: bool = False


@dataclass(slots=True)
class Finished:
    """Every file is listed (the text may still be loading); `error` if loading itself failed first."""

    notices: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass(slots=True)
class Stopped:
    """Loading failed after every file was listed: the articles listed stay usable."""

    error: str


LoadEvent = Listed | TextProgress | Finished | Stopped


# ------------------------------------------------------------------ what metrics read


@dataclass(slots=True)
class PagesToMeasure:
    """What the loader leaves for corpus metrics: page keys and problems. Articles are read back
    page by page when measured; `held` keeps those of pages the cache could not take."""

    pages: list[str] = field(default_factory=list)  # page keys, reading order
    problems: list[LoadProblem] = field(default_factory=list)
    held: dict[str, list[Article]] = field(default_factory=dict)  # page key → articles for_metrics


def for_metrics(article: Article) -> Article:
    """The article as metrics need it: text and place, without the page's original text, the
    paragraphs' line numbers or the cleaning report, so the page itself can be freed."""
    paragraphs = [Paragraph(p.text, p.kind) for p in article.paragraphs]
    return replace(article, paragraphs=paragraphs, original_text="", report=CleaningReport())


# ------------------------------------------------------------------ the library


class ArticleLibrary:
    """The listing (UI thread), the recent pages and the reader's page-cache connection (any thread)."""

    def __init__(self, paths: Sequence[str]) -> None:
        self.paths = list(paths)
        self.articles: list[ArticleSummary] = []  # reading order
        self.by_id: dict[str, ArticleSummary] = {}
        self.position_of: dict[str, int] = {}
        self.localities: set[tuple[str, ...]] = set()
        self.page_paths: dict[str, str] = {}  # page key → file
        self.page_count = 0
        self.problems: list[LoadProblem] = []
        self.to_measure = PagesToMeasure()  # filled by the loading worker only
        self._pages: OrderedDict[str, Page] = OrderedDict()
        self._lock = threading.RLock()  # load_article also runs for search, off the UI thread
        self._store: PageCache | None = None
        self._store_tried = False

    @property
    def pages_held(self) -> int:
        """How many whole pages are kept (at most PAGES_KEPT)."""
        with self._lock:
            return len(self._pages)

    @property
    def has_store(self) -> bool:
        """The reader has a usable page cache to read articles back from."""
        return self.store() is not None

    def source_of(self, article_id: str) -> str:
        """The file name an article's page came from (safe to show), "" when unknown."""
        from civread.names import safe_name

        summary = self.by_id.get(article_id)
        path = self.page_paths.get(summary.page_key, "") if summary is not None else ""
        return safe_name(Path(path).name) if path else ""

    def add(self, listed: Listed) -> list[ArticleSummary]:
        """Merge a batch into the listing; the summaries new to it (a file given twice: once)."""
        by_id = self.by_id
        fresh = {s.id: s for s in listed.articles if s.id not in by_id}
        new = list(fresh.values())
        start = len(self.articles)
        by_id.update(fresh)
        self.position_of.update(zip(fresh, range(start, start + len(new))))
        self.articles.extend(new)
        self.localities.update({s.locality.parts for s in new if s.locality.province is not None})
        self.page_paths.update(listed.page_paths)
        self.page_count += listed.new_pages
        self.problems.extend(listed.problems)
        for key, page in listed.pages.items():
            self.keep_page(key, page)
        return new

    def keep_page(self, key: str, page: Page) -> None:
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)

    def store(self) -> PageCache | None:
        """The reader's own connection to the page cache (the loader has another)."""
        with self._lock:
            if not self._store_tried:
                self._store_tried = True
                store = PageCache()
                self._store = store if store.available else None
            return self._store

    def read_page(self, key: str) -> Page | None:
        """A page from the recent ones, the page cache, or, failing both, its file processed again."""
        with self._lock:
            page = self._pages.get(key)
        if page is not None:
            return page
        store = self.store()
        path = self.page_paths.get(key)
        page = store.get(key, path) if store is not None else None
        if page is None and path is not None:
            result = load_page(Path(path))
            page = result if isinstance(result, Page) else None
        return page

    def load_article(self, article_id: str) -> Article | None:
        """The whole article (paragraphs, original text, report); its page is kept as a recent one."""
        summary = self.by_id.get(article_id)
        if summary is None:
            return None
        page = self.read_page(summary.page_key)
        if page is None:
            return None
        self.keep_page(summary.page_key, page)
        return next((a for a in page.articles if a.id == article_id), None)

    def stored_measures(self, article: Article) -> ArticleMeasures | None:
        """An article's measures as the page cache keeps them (None: the caller measures it)."""
        summary = self.by_id.get(article.id)
        store = self.store()
        if summary is None or store is None:
            return None
        stored = store.get_measures(summary.page_key)
        return stored[article.index] if stored is not None and 0 <= article.index < len(stored) else None

    def measure(self) -> tuple[KeywordModel, CorpusMetrics]:
        """Corpus keywords and metrics from the measures the cache keeps beside each page (no
        page is read back); pages it cannot give are measured here. Slow: call it off the UI thread."""
        from civread.measures.metrics import corpus_metrics_from

        to_measure = self.to_measure
        held = dict(to_measure.held)
        pages = list(to_measure.pages)
        every = (row for key in pages for row in self._measure_rows(key, held))
        return corpus_metrics_from(every, len(pages), len(to_measure.problems))

    def figure_rows(self) -> Iterator[tuple[str, Locality, tuple[Figure, ...], str | None]]:
        """(article id, place, figures, date) of every article, from the stored measures (what the
        places table lines up). Off the UI thread."""
        for _key, listed, measures in self._stored(self.to_measure.pages):
            for (article_id, place), m in zip(listed, measures):
                yield article_id, place, m.figures, m.date

    def signature_rows(self) -> Iterator[tuple[str, bytes, str | None]]:
        """(article id, reprint signature, date) of every article, in corpus order, from the stored measures."""
        for _key, listed, measures in self._stored(self.to_measure.pages):
            for (article_id, _place), m in zip(listed, measures):
                yield article_id, m.signature, m.date

    def reprints_and_dates(self) -> tuple[ReprintGroups, dict[str, str | None]]:
        """The reprint groups of the stored signatures and each article's date: what the screen
        shows beside the corpus metrics. The grouping is kept in the page cache under the pages'
        keys (a warm open regroups nothing; a changed page is another key). Off the UI thread."""
        from civread.cache import grouping_key
        from civread.measures.reprints import ReprintGroups, group_signatures

        ids: list[str] = []
        signatures: list[bytes] = []
        dates: dict[str, str | None] = {}
        for article_id, signature, date in self.signature_rows():
            ids.append(article_id)
            signatures.append(signature)
            dates[article_id] = date
        store = self.store()
        key = grouping_key(store.version, "reader", self.to_measure.pages) if store is not None else ""
        groups = store.grouping(key, len(ids)) if store is not None else None
        if groups is None:
            groups = group_signatures(signatures)
            if store is not None and not self.to_measure.held:
                store.remember_grouping(key, groups, len(ids))
        return ReprintGroups.of([[ids[i] for i in group] for group in groups]), dates

    def _stored(
        self, keys: Sequence[str]
    ) -> Iterator[tuple[str, list[tuple[str, Locality]], list[ArticleMeasures]]]:
        """Each page's (article id, place) and measures: stored, or measured here."""
        from civread.measures.metrics import measure_page

        store = self.store()
        for key in list(keys):
            stored = store.get_measures(key) if store is not None else None
            summaries = store.summaries([key]).get(key) if store is not None else None
            if stored is not None and summaries is not None and len(stored) == len(summaries):
                yield key, [(s.id, s.locality) for s in summaries], stored
                continue
            articles = self.to_measure.held.get(key)
            if articles is None:
                page = self.read_page(key)
                articles = page.articles if page is not None else []
            yield key, [(a.id, a.locality) for a in articles], measure_page(articles)

    def _measure_rows(
        self, key: str, held: dict[str, list[Article]]
    ) -> list[tuple[ArticleKind, Locality, ArticleMeasures]]:
        from civread.measures.metrics import measure_page

        articles = held.get(key)
        store = self.store()
        if articles is None and store is not None:
            stored = store.get_measures(key)
            summaries = store.summaries([key]).get(key)
            if stored is not None and summaries is not None and len(stored) == len(summaries):
                return [(s.kind, s.locality, m) for s, m in zip(summaries, stored)]
        if articles is None:
            page = self.read_page(key)
            articles = page.articles if page is not None else []
        return [(a.kind, a.locality, m) for a, m in zip(articles, measure_page(articles))]

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def corpus_key(paths: Sequence[str]) -> str:
    """Names what was opened (the same paths, however given), for the kept search index."""
    names = sorted({str(Path(p).expanduser().absolute()) for p in paths})
    return hashlib.sha1("\n".join(names).encode("utf-8", "surrogateescape")).hexdigest()[:16]


# ------------------------------------------------------------------ loading


def load_events(
    paths: Sequence[str],
    backend: SearchBackend,
    to_measure: PagesToMeasure,
    *,
    workers: int | None = None,
    clock: Callable[[], float] = time.monotonic,
    should_stop: Callable[[], bool] = lambda: False,
    after_listing: Callable[[], object] = lambda: None,
) -> Generator[LoadEvent, None, None]:
    """List what the cache knows at once, then make its text searchable, then process the rest.

    `after_listing` is called before the cached text is read when there is some (the app waits
    there for the listing's first paint: this thread holds the GIL most of the time). Stops,
    quietly, as soon as `should_stop()` says so. Never raises: a failure is the last event."""
    loader = _Loader(paths, backend, to_measure, workers, clock, should_stop)
    try:
        yield from loader.run(after_listing)
    except Exception as exc:  # noqa: BLE001 - the articles already listed stay usable
        error = f"{type(exc).__name__}: {exc}"
        yield Finished(loader.notices, error=error) if not loader.listed_all else Stopped(error)
        yield TextProgress(0, 0, 0.0, finished=True)
    finally:
        loader.close()


class _Loader:
    """One load's state: its own page-cache connection, notices, and the files' progress."""

    def __init__(
        self,
        paths: Sequence[str],
        backend: SearchBackend,
        to_measure: PagesToMeasure,
        workers: int | None,
        clock: Callable[[], float],
        should_stop: Callable[[], bool],
    ) -> None:
        self.paths, self.backend, self.to_measure = paths, backend, to_measure
        self.workers, self.clock, self.should_stop = workers, clock, should_stop
        self.started = clock()
        self.notices: list[str] = []
        self.listed_all = False
        self.total = 0
        store = PageCache()
        self.notices.extend(store.notices)
        store.notices.clear()
        if not store.available:
            store.close()
        self.store: PageCache | None = store if store.available else None

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def rate(self, done: int) -> float:
        return done / max(1e-6, self.clock() - self.started)

    def run(self, after_listing: Callable[[], object]) -> Generator[LoadEvent, None, None]:
        cached, todo = yield from self._listing()
        if cached:
            after_listing()
        yield from self._cached_text(cached, todo)
        if self.should_stop():
            return
        if todo:
            yield from self._new_files(todo)
            if self.should_stop():
                return
        if not self.listed_all:
            self.listed_all = True
            yield Finished(self.notices)
        yield TextProgress(self.total, self.total, self.rate(self.total), finished=True)

    def _listing(self) -> Generator[LoadEvent, None, tuple[list[tuple[str, str]], list[str]]]:
        """Every file the cache knows, listed at once; returns (cached (key, path), files to process)."""
        index = cached_index(self.paths, cache=self.store if self.store is not None else False)
        self.notices.extend(index.notices)
        self.total = len(index.entries)
        listed: list[ArticleSummary] = []
        paths: dict[str, str] = {}
        problems: list[LoadProblem] = []
        cached: list[tuple[str, str]] = []
        todo: list[str] = []
        for entry in index.entries:
            if entry.problem is not None:
                problems.append(entry.problem)
            elif entry.articles is not None and entry.key is not None:
                listed.extend(entry.articles)
                paths[entry.key] = entry.path
                cached.append((entry.key, entry.path))
            else:
                todo.append(entry.path)
        done = self.total - len(todo)
        self.to_measure.pages.extend(key for key, _ in cached)
        self.to_measure.problems.extend(problems)
        yield Listed(listed, paths, problems, done, self.total, self.rate(done), len(cached))
        if not todo:
            self.listed_all = True
            yield Finished(list(self.notices))
        return cached, todo

    def _index_text(self, key: str, articles: list[Article]) -> None:
        self.backend.add_articles(articles)
        if self.store is None:  # nowhere to read them back from when the corpus is measured
            self.to_measure.held[key] = [for_metrics(a) for a in articles]

    def _cached_text(self, cached: list[tuple[str, str]], todo: list[str]) -> Generator[LoadEvent, None, None]:
        """The cached pages' text, for search and metrics; a damaged row joins `todo`."""
        last = self.clock()
        for n, (key, path) in enumerate(cached, 1):
            if self.should_stop():
                return
            page = self.store.get(key, path) if self.store is not None else None
            if page is None:  # a damaged row: process the file again
                todo.append(path)
                continue
            self._index_text(key, page.articles)
            if self.clock() - last >= STEADY_BATCH_SECONDS:
                yield TextProgress(n, self.total, self.rate(n))
                last = self.clock()
        if cached:
            yield TextProgress(len(cached), self.total, self.rate(len(cached)))

    def _new_files(self, todo: list[str]) -> Generator[LoadEvent, None, None]:
        """Files the cache does not know: processed (and cached) in batches, listed as they come."""
        done = self.total - len(todo)
        progress = [done]

        def on_progress(n: int, _total: int, _path: str) -> None:
            progress[0] = done + n

        results = iter_pages(todo, cache=self.store if self.store is not None else False,
                             workers=self.workers, progress=on_progress, notices=self.notices)
        backend = self.backend
        held = backend if isinstance(backend, IndexedSearch) and len(todo) >= HOLD_TRIGRAMS_FILES else None
        if held is not None:
            held.hold_trigrams(True)  # the pipeline's processes need every core
        batch = _Batch(self.clock())
        try:
            for item in results:
                if self.should_stop():
                    return
                self._take(item, batch)
                now = self.clock()
                if now - batch.since >= (BATCH_SECONDS if now - self.started < 1.0 else STEADY_BATCH_SECONDS):
                    yield batch.listed(progress[0], self.total, self.rate(progress[0]))
                    batch = _Batch(self.clock())
        finally:
            results.close()
            if held is not None:
                held.hold_trigrams(False)
        yield batch.listed(progress[0], self.total, self.rate(progress[0]))

    def _take(self, item: Page | LoadProblem, batch: _Batch) -> None:
        """One processed file into the batch, the search text and what metrics read."""
        if isinstance(item, LoadProblem):
            batch.problems.append(item)
            self.to_measure.problems.append(item)
            return
        key = _page_key(self.store, item)
        batch.articles.extend(article_summaries(item, key))
        batch.paths[key] = item.path
        if len(batch.pages) < PAGES_KEPT:
            batch.pages[key] = item
        batch.new_pages += 1
        self.to_measure.pages.append(key)
        self._index_text(key, item.articles)


@dataclass(slots=True)
class _Batch:
    """Processed files gathered until the next report."""

    since: float
    articles: list[ArticleSummary] = field(default_factory=list)
    paths: dict[str, str] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)
    new_pages: int = 0

    def listed(self, done: int, total: int, rate: float) -> Listed:
        return Listed(self.articles, self.paths, self.problems, done, total, rate, self.new_pages, self.pages)


def _page_key(store: PageCache | None, page: Page) -> str:
    """The cache key (sha1 of the bytes) of a page just processed: from the stat memo when the
    cache has one, else the file hashed; the path itself if the file has gone."""
    try:
        key = store.key_for(page.path) if store is not None else hash_file(page.path)
    except OSError:
        key = None
    return key if key is not None else f"path:{page.path}"
