"""Load many files into a Corpus: a bad file becomes a LoadProblem, never an exception.

Pages already processed by this pipeline version come from the page cache (`civread.cache`);
the rest go through the pipeline on every core (`civread.parallel`). Results are always in
discovery order. Each page is stored with its articles' measures, made where it was processed
(`iter_measured` hands them on without decoding cached pages: the export's first pass).
Problems with the cache itself (damaged, unwritable) never fail a load: they
become one-line notices, appended to the `notices` list a caller passes and also kept for
`last_notices()` (the notices of the most recent load in this process).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from civread.cache import (
    ArticleSummary,
    CacheFormatError,
    PageCache,
    article_summaries,
    decode_signatures,
    decode_terms,
    decode_words,
)
from civread.model import Corpus, LoadProblem, Page
from civread.pipeline.files import discover

if TYPE_CHECKING:
    from civread.measures.keywords import Terms
    from civread.parallel import Processed

# `civread.parallel` (the worker pool and, through it, every stage of the pipeline: ~0.5 s of
# imports) is imported where a page is processed, not here: a warm open lists and reads the
# cache without it (the reader's first paint waits for this module).

__all__ = [
    "CachedEntry",
    "CachedIndex",
    "Measured",
    "Progress",
    "cached_index",
    "iter_measured",
    "iter_pages",
    "last_notices",
    "load_corpus",
    "load_page",
]

# progress(done, total, path): total is -1 while files are still being discovered.
Progress = Callable[[int, int, str], None]
CacheArg = bool | PageCache

_notices_lock = threading.Lock()
_last_notices: list[str] = []


def last_notices() -> list[str]:
    """The notices of the most recent load in this process (cache set aside, worker crash…)."""
    with _notices_lock:
        return list(_last_notices)


def _publish(notices: list[str]) -> None:
    global _last_notices
    with _notices_lock:
        _last_notices = list(notices)


_gc_lock = threading.Lock()
_gc_loads = 0
_gc_saved: tuple[int, ...] = ()


@contextmanager
def _no_full_collections() -> Iterator[None]:
    """While pages pour in, the cyclic GC's full collections would rescan the whole growing
    corpus again and again (a third of a warm load's time, measured); pages hold no cycles.
    Young generations are still collected; the thresholds are restored when the last load ends.
    """
    global _gc_loads, _gc_saved
    with _gc_lock:
        if _gc_loads == 0:
            _gc_saved = gc.get_threshold()
            if len(_gc_saved) >= 3:
                gc.set_threshold(_gc_saved[0], _gc_saved[1], 1 << 30)
        _gc_loads += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_loads -= 1
            if _gc_loads == 0 and len(_gc_saved) >= 3:
                gc.set_threshold(*_gc_saved)


def load_page(path: Path) -> Page | LoadProblem:
    """Read and process one file here (no cache, no pool); every failure is one line, never raised."""
    from civread.parallel import load_one

    return load_one(str(path))[0]


@dataclass(slots=True)
class _Hit:
    """A file whose page is in the cache: decoded only when its turn comes."""

    path: Path
    key: str


def _open_cache(cache: CacheArg, notices: list[str]) -> tuple[PageCache | None, bool]:
    """The cache to use and whether we opened it (and so must close it)."""
    if isinstance(cache, PageCache):
        return (cache if cache.available else None), False
    if not cache:
        return None, False
    opened = PageCache()
    notices.extend(opened.notices)
    opened.notices.clear()
    return (opened if opened.available else None), True


def _tasks(found: list[Path | LoadProblem], store: PageCache | None) -> Iterator[Path | LoadProblem | _Hit]:
    """Each file as a cache hit or a path to process. A hit stays small (path and key): the
    pool's look-ahead may hold every one of them before the first page comes out."""
    for item in found:
        if isinstance(item, LoadProblem) or store is None:
            yield item
            continue
        key = store.key_for(item)
        yield _Hit(item, key) if key is not None and store.has(key) else item


def _store(store: PageCache, key: str, out: Processed) -> None:
    """Keep a page a worker (or this process) made, with its measures and summary rows."""
    summaries = out.summaries
    if summaries is None:
        assert out.page is not None
        summaries = article_summaries(out.page, key)
    store.put(key, out.page_blob(), summaries, out.measures_blobs())


def _pages(
    paths: Sequence[str | Path],
    *,
    cache: CacheArg,
    workers: int | None,
    progress: Progress | None,
    notices: list[str],
) -> Iterator[Page | LoadProblem]:
    found = list(discover(paths))
    total = len(found)
    store, owned = _open_cache(cache, notices)
    try:
        with _no_full_collections():
            yield from _results(_tasks(found, store), store, total, workers, progress, notices)
    finally:
        _note_missing_parts(found, notices)
        if store is not None:
            notices.extend(store.notices)
            store.notices.clear()
            if owned:
                store.close()
            else:
                store.flush()


def _results(
    tasks: Iterator[Path | LoadProblem | _Hit],
    store: PageCache | None,
    total: int,
    workers: int | None,
    progress: Progress | None,
    notices: list[str],
) -> Iterator[Page | LoadProblem]:
    """Each task's page (decoded from the cache, or processed), stored when new, in order."""
    from civread.parallel import Processed, load_one, process_in_order

    done = 0
    for out in process_in_order(tasks, workers=workers, notices=notices, for_cache=store is not None):
        if isinstance(out, _Hit):
            path = str(out.path)
            page = store.get(out.key, path) if store is not None else None
            result: Page | LoadProblem
            if page is None:  # a damaged row is a miss: process it here, store it afresh
                result, key = load_one(path)
                if isinstance(result, Page) and key is not None and store is not None:
                    _store(store, key, Processed(path, key, page=result))
            else:
                result = page
        elif isinstance(out, Processed):
            path = out.path
            result = out.result
            if out.page is not None and out.key is not None and store is not None:
                _store(store, out.key, out)
        else:
            path = out.path
            result = out
        done += 1
        if progress is not None:
            progress(done, total, path)
        yield result


def iter_pages(
    paths: Sequence[str | Path],
    *,
    cache: CacheArg = True,
    workers: int | None = None,
    progress: Progress | None = None,
    notices: list[str] | None = None,
) -> Generator[Page | LoadProblem, None, None]:
    """Pages (or problems) one at a time, in discovery order, as soon as each is ready.

    Meant to be consumed in a worker thread; closing the iterator early stops the workers.
    """
    collected: list[str] = [] if notices is None else notices
    try:
        yield from _pages(paths, cache=cache, workers=workers, progress=progress, notices=collected)
    finally:
        _publish(collected)


@dataclass(slots=True)
class Measured:
    """One page as the export's first pass sees it: where it is kept and its articles' terms."""

    path: str
    key: str  # its bytes' sha1: the page and its measures are in the cache under it
    terms: list[Terms | None]  # per article, in page order
    # With `export_parts`, for a page processed now: (documents, keyword candidates) as the
    # cache's `words` blob holds them, and each article's reprint signature.
    words: tuple[int, list[str]] | None = None
    signatures: list[bytes] | None = None


def _note_missing_parts(found: Sequence[Path | LoadProblem], notices: list[str]) -> None:
    """A part of the web extractor that cannot load is said once per load, not per page, and
    only to a load that holds web pages (asked only when a part is missing: a broken install)."""
    missing = missing_parts_notice()
    if missing is None:
        return
    for item in found:
        if isinstance(item, Path) and _starts_like_html(item):
            notices.append(missing)
            return


def missing_parts_notice() -> str | None:
    """The web extractor's notice of a part that cannot load (`civread.pipeline.web`, imported
    only when a load ends: it is not needed to list a warm archive)."""
    from civread.pipeline.web import missing_parts_notice as notice

    return notice()


def _starts_like_html(path: Path) -> bool:
    from civread.pipeline.html import looks_like_html

    try:
        with open(path, "rb") as handle:
            head = handle.read(_HTML_SNIFF)
    except OSError:
        return False
    return looks_like_html(head.decode("utf-8", "replace"))


_HTML_SNIFF = 65536


def iter_measured(
    paths: Sequence[str | Path],
    store: PageCache,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    notices: list[str] | None = None,
    terms: bool = True,
    export_parts: bool = False,
) -> Iterator[Measured | LoadProblem]:
    """Every page under `paths` made sure to be in `store` (processed on every core if not),
    yielding only its articles' stored term counts, in discovery order: no cached page is decoded.
    `terms=False`: a page processed now comes without them (a caller that reads the cache after).
    `export_parts`: a page processed now also comes with its keyword candidates and its articles'
    reprint signatures, taken from what its worker sent (the export sums and groups them while
    the workers still run, instead of reading them back from the cache once they are done).

    The export's first pass: the corpus keyword model is summed from these, then the records are
    read back from the cache (a page it cannot give back then is processed again)."""
    from civread.parallel import Processed, process_in_order

    collected: list[str] = [] if notices is None else notices
    found = list(discover(paths))
    total = len(found)
    done = 0
    try:
        with _no_full_collections():
            # The pages a worker made stay encoded here: they go to the cache as they came.
            outs = process_in_order(_tasks(found, store), workers=workers, notices=collected, for_cache=True, decode=False)
            for out in outs:
                result: Measured | LoadProblem
                if isinstance(out, _Hit):
                    path = str(out.path)
                    stored = store.get_terms(out.key)
                    if stored is None:  # damaged measures: process the file here, store it afresh
                        result = _measure_here(path, store)
                    else:
                        result = Measured(path, out.key, stored)
                elif isinstance(out, Processed):
                    path = out.path
                    if not out.ok or out.key is None:
                        result = out.problem or LoadProblem(path, "could not be processed")
                    else:
                        _store(store, out.key, out)
                        result = Measured(path, out.key, _terms_of(out) if terms else [])
                        if export_parts:
                            _export_parts(out, result)
                else:
                    path = out.path
                    result = out
                done += 1
                if progress is not None:
                    progress(done, total, path)
                yield result
    finally:
        _note_missing_parts(found, collected)
        store.flush()
        collected.extend(store.notices)
        store.notices.clear()
        _publish(collected)


def _export_parts(out: Processed, into: Measured) -> None:
    """`into.words` and `into.signatures` from the blobs a worker made (left None when it made
    none or they do not decode: the caller then reads them from the cache)."""
    blobs = out.measures
    if blobs is None or len(blobs) != 5:
        return
    try:
        into.words = decode_words(blobs[2])
        into.signatures = decode_signatures(blobs[1])
    except CacheFormatError:
        into.words = into.signatures = None


def _terms_of(out: Processed) -> list[Terms | None]:
    if out.measures is not None:
        try:
            return decode_terms(out.measures[0])
        except CacheFormatError:
            pass
    return [m.terms for m in out.article_measures()]


def _measure_here(path: str, store: PageCache) -> Measured | LoadProblem:
    from civread.parallel import Processed, load_one

    result, key = load_one(path)
    if isinstance(result, LoadProblem):
        return result
    if key is None:
        return LoadProblem(path, "could not be read")
    out = Processed(path, key, page=result)
    _store(store, key, out)
    return Measured(path, key, [m.terms for m in out.article_measures()])


def load_corpus(
    paths: Sequence[str | Path],
    progress: Progress | None = None,
    *,
    cache: CacheArg = True,
    workers: int | None = None,
    notices: list[str] | None = None,
) -> Corpus:
    """Everything under `paths`, with the problems listed rather than raised.

    `cache=False` processes everything afresh and stores nothing; `workers=1` stays in this
    process (`None`: every CPU). Notices go to `notices` (if given) and `last_notices()`.
    """
    corpus = Corpus()
    for result in iter_pages(paths, cache=cache, workers=workers, progress=progress, notices=notices):
        if isinstance(result, LoadProblem):
            corpus.problems.append(result)
        else:
            corpus.pages.append(result)
    return corpus


@dataclass(slots=True)
class CachedEntry:
    """One discovered file and, when the cache knows its bytes, its articles' summaries."""

    path: str
    key: str | None
    articles: list[ArticleSummary] | None = None  # None: not cached (must be processed)
    problem: LoadProblem | None = None


@dataclass(slots=True)
class CachedIndex:
    entries: list[CachedEntry] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Every file is cached: the whole archive can be listed before any page is loaded."""
        return all(e.articles is not None or e.problem is not None for e in self.entries)


def cached_index(paths: Sequence[str | Path], *, cache: CacheArg = True) -> CachedIndex:
    """Every discovered file with its cached article summaries, without processing or unpickling
    any page (files unchanged since they were cached are not even read): an app's fast second open.
    """
    index = CachedIndex()
    store, owned = _open_cache(cache, index.notices)
    try:
        found = list(discover(paths))
        files = [item for item in found if not isinstance(item, LoadProblem)]
        # The files' stat memos read in batches (one query per few hundred files, not one each).
        file_keys = iter(store.keys_for(files) if store is not None else [None] * len(files))
        for item in found:
            if isinstance(item, LoadProblem):
                index.entries.append(CachedEntry(item.path, None, problem=item))
            else:
                index.entries.append(CachedEntry(str(item), next(file_keys)))
        if store is not None:
            keys = [e.key for e in index.entries if e.key is not None]
            rows = store.summaries(keys)
            for entry in index.entries:
                if entry.key is not None and entry.key in rows:
                    entry.articles = rows[entry.key]
    finally:
        if store is not None:
            index.notices.extend(store.notices)
            store.notices.clear()
            if owned:
                store.close()
    return index
