"""Run the page pipeline on many files with every core, in input order, in flat memory.

The pipeline is pure Python and CPU-bound, so threads would share one core: this uses a
`ProcessPoolExecutor`. The parent sends file *paths* in small chunks (a worker reads its own
files; no page bytes are pickled out), and a worker sends back each page already encoded in
the cache's compact form (`civread.cache.encode_page`): ~3x fewer bytes than pickling the
`Page`, and exactly the bytes the cache stores, so a miss is serialized once.

A worker also measures each page's articles (`civread.measures.metrics.measure_page`: the one
rjieba tokenisation an article gets, its figures and counts) and sends the measures back
encoded for the cache, so that work is spread over the cores like the pipeline itself.

Results come out in input order (a page never overtakes the one before it), with at most
`2 × workers` chunks in flight and a bounded window of finished results waiting for a slow
predecessor, so memory stays flat however many files there are.

A worker that dies (a crash in a C extension, the OOM killer) breaks the pool. The files that
were in flight are then retried one by one, each in a fresh single-worker process, so the one
that kills its process is reported as a LoadProblem and the others are kept; everything after
is processed in this process. A handful of files never starts a pool: start-up costs more
than it saves.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import multiprocessing.resource_tracker
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from civread.cache import (
    ArticleSummary,
    CacheFormatError,
    MeasuresBlobs,
    article_summaries,
    compress_blob,
    decode_measures,
    decode_page,
    encode_measures,
    encode_page,
)
from civread.measures.metrics import ArticleMeasures, measure_page
from civread.model import LoadProblem, Page
from civread.pipeline import process_bytes
from civread.pipeline.files import LoadError, read_file

__all__ = ["POOL_MIN_FILES", "PageFn", "Processed", "default_workers", "load_one", "process_in_order"]

PageFn = Callable[[bytes, str], Page]

# Below this many files to process, a pool's start-up (~0.1–0.5 s) costs more than it saves.
POOL_MIN_FILES = 20
CHUNK_SIZE = 8  # ~50 ms of work per chunk: IPC overhead negligible, progress still smooth
CRASH_REASON = "crashed the page processor (a worker process died on this file)"


@dataclass(slots=True)
class Processed:
    """One file through the pipeline: its page (or why not), its bytes' sha1, its encoded form,
    its articles' measures (encoded as the cache stores them)."""

    path: str
    key: str | None  # full sha1 of the file's bytes; None when it could not be read
    page: Page | None = None
    problem: LoadProblem | None = None
    blob: bytes | None = None  # encode_page(page), when a worker made it (ready for the cache)
    measures: MeasuresBlobs | None = None  # encode_measures(...) of the page's articles
    raw: bytes | None = None  # encode_page(page, compress=False), when the page was not decoded
    summaries: list[ArticleSummary] | None = None  # its article rows, when a worker made them

    @property
    def result(self) -> Page | LoadProblem:
        if self.page is not None:
            return self.page
        return self.problem or LoadProblem(self.path, "could not be processed")

    @property
    def ok(self) -> bool:
        """A page came out (decoded, or still in its encoded form)."""
        return self.problem is None and (self.page is not None or self.raw is not None or self.blob is not None)

    def page_blob(self) -> bytes:
        """The page as the cache stores it."""
        if self.blob is not None:
            return self.blob
        if self.raw is not None:
            return compress_blob(self.raw)
        assert self.page is not None
        return encode_page(self.page)

    def measures_blobs(self) -> MeasuresBlobs:
        """The page's measures as the cache stores them (measured here if no worker did)."""
        if self.measures is None or (len(self.measures) == 2 and self.page is not None):
            assert self.page is not None  # measured here, or its export blobs made here
            self.measures = encode_measures(self.article_measures(), self.page)
        return tuple(compress_blob(b) for b in self.measures)

    def article_measures(self) -> list[ArticleMeasures]:
        """The page's articles' measures, decoded (or measured here if no worker did)."""
        if self.measures is not None:
            try:
                return decode_measures(self.measures)
            except CacheFormatError:
                pass
        assert self.page is not None
        return measure_page(self.page.articles)


def default_workers() -> int:
    """The CPUs this process may run on (affinity-aware where the OS says)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def load_one(path: str, page_fn: PageFn = process_bytes) -> tuple[Page | LoadProblem, str | None]:
    """Read and process one file, reporting every failure as one line; also the bytes' sha1."""
    try:
        data = read_file(Path(path))
    except LoadError as exc:
        return LoadProblem(path, exc.reason), None
    except Exception as exc:  # noqa: BLE001 - an odd file system error is still one bad file
        return LoadProblem(path, f"cannot read ({type(exc).__name__}: {exc})"), None
    key = hashlib.sha1(data).hexdigest()
    try:
        return page_fn(data, path), key
    except LoadError as exc:
        return LoadProblem(path, exc.reason), key
    except MemoryError:
        return LoadProblem(path, "too large to process in memory"), key
    except RecursionError:
        return LoadProblem(path, "could not be processed (too deeply nested)"), key
    except Exception as exc:  # noqa: BLE001 - one bad page must never stop the corpus
        return LoadProblem(path, f"could not be processed ({type(exc).__name__}: {exc})"), key


# What crosses the process boundary: plain tuples, LoadProblems, bytes.
# (path, sha1, raw encoded page, compressed encoded page for the cache, problem, measures,
#  the page's article summary rows for the cache)
_Wire = tuple[
    str, str | None, bytes | None, bytes | None, LoadProblem | None, MeasuresBlobs | None, list[ArticleSummary] | None
]


def _work_chunk(paths: list[str], page_fn: PageFn, compress: bool, decode: bool = True) -> list[_Wire]:
    """In a worker: read, process and encode each file of a chunk.

    The raw form is what the parent decodes (no decompression on the serial side); the
    compressed one, made here in parallel only when the parent will store it, goes to the cache.
    A parent that only stores the page (`decode=False`: the export) is sent the compressed form
    alone, not the raw one too (3.7 times its size: 61 of a page's 107 KB on the pipe).
    """
    out: list[_Wire] = []
    for path in paths:
        result, key = load_one(path, page_fn)
        if isinstance(result, LoadProblem):
            out.append((path, key, None, None, result, None, None))
            continue
        try:
            raw = encode_page(result, compress=False)
            # For the cache, with the export's blobs (made only when they will be stored).
            measures = encode_measures(measure_page(result.articles), result if compress else None, compress=compress)
            if compress:  # for the cache: everything it stores, so the parent need not decode
                rows = article_summaries(result, key) if key is not None else None
                out.append((path, key, raw if decode else None, compress_blob(raw), None, measures, rows))
            else:
                out.append((path, key, raw, None, None, measures, None))
        except Exception as exc:  # noqa: BLE001 - an unencodable page is still a reported problem
            problem = LoadProblem(path, f"could not be processed ({type(exc).__name__})")
            out.append((path, key, None, None, problem, None, None))
    return out


# How often a worker checks that the process that started the pool is still there.
_ORPHAN_CHECK_SECONDS = 0.5
_PR_SET_PDEATHSIG = 1


def exit_with_parent(owner: int) -> None:
    """Make this worker exit when `owner` (the process that made the pool) is gone.

    A worker blocks on its task queue, whose pipe it holds both ends of: killed with -9, the
    owner never closes it, so without this the workers (and through them the fork server and
    the resource tracker) would live on as orphans. Linux: the kernel kills a worker whose parent
    dies (PR_SET_PDEATHSIG; under a fork server the parent is the server, which exits on its own
    when the owner dies). Everywhere: a daemon thread polls the parent and the owner.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except Exception:  # noqa: BLE001 - the polling thread still covers it
            pass
    parent = os.getppid()

    def watch() -> None:
        import time

        while True:
            time.sleep(_ORPHAN_CHECK_SECONDS)
            if os.getppid() != parent or not _alive(owner):
                os._exit(0)

    threading.Thread(target=watch, name="civread-orphan-watch", daemon=True).start()
    if os.getppid() != parent or not _alive(owner):  # died before the watch started
        os._exit(0)


def stop_leftover_workers(grace: float = 2.0) -> list[int]:
    """End the worker processes still running after an interrupted run; their pids.

    Interrupted at the wrong moment (a signal while a pool starts or shuts down), a worker may
    never be told to stop. At exit, Python joins every worker process it started: the command
    would hang on it for ever. Each gets SIGTERM, then SIGKILL after `grace` seconds."""
    leftover = multiprocessing.active_children()
    for child in leftover:
        child.terminate()
    for child in leftover:
        child.join(grace)
        if child.is_alive():
            child.kill()
            child.join(grace)
    return [child.pid for child in leftover if child.pid is not None]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists
        return True
    return True


def silence_output() -> None:
    """Point a worker's own stdout/stderr at /dev/null: under the reader they are the terminal
    the app draws on, under the export its output; every failure reaches the parent anyway."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass


def _init_worker(owner: int | None = None) -> None:
    """Exit with the owner (see `exit_with_parent`), silence the worker (`silence_output`),
    then build the lazy tables (t2s phrases, traditional-only set) once per worker, off the clock."""
    if owner is not None:
        exit_with_parent(owner)
    silence_output()
    try:
        from civread.pipeline import script

        script.traditional_only_chars()
        script._converter()  # noqa: SLF001 - warming a cache, not using internals
    except Exception:  # noqa: BLE001 - warming is an optimisation only
        pass


def mp_context() -> multiprocessing.context.BaseContext:
    """fork is cheapest, but forking a process with other threads (the app's loader thread)
    can copy a held lock and deadlock the child: then a fork server (single-threaded) forks.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["civread.pipeline", "civread.cache", "civread.parallel"])
        return ctx
    return multiprocessing.get_context()


@contextmanager
def _real_stderr() -> Iterator[None]:
    """The process's own stderr while multiprocessing starts its resource tracker.

    The tracker is handed `sys.stderr.fileno()`. Under a Textual app `sys.stderr` is a capture
    object whose `fileno()` is -1, and starting the tracker (hence the pool) fails with
    "bad value(s) in fds_to_keep": the reader then processed every page in its own process.
    """
    current = sys.stderr
    try:
        broken = current is not None and current.fileno() < 0
    except (AttributeError, OSError, ValueError):
        broken = False  # no fileno at all: the tracker skips it, nothing to fix
    if broken and sys.__stderr__ is not None:
        sys.stderr = sys.__stderr__
    try:
        yield
    finally:
        if broken:
            sys.stderr = current


def _from_wire(wire: _Wire, decode: bool = True) -> Processed:
    path, key, raw, blob, problem, measures, summaries = wire
    if problem is not None or (raw is None and (decode or blob is None)):
        return Processed(path, key, problem=problem or LoadProblem(path, "could not be processed"))
    if not decode:
        return Processed(path, key, blob=blob, measures=measures, raw=raw, summaries=summaries)
    assert raw is not None  # (a page to decode came with its bytes: see the first test)
    try:
        page = decode_page(raw, path)
        return Processed(path, key, page=page, blob=blob, measures=measures, summaries=summaries)
    except CacheFormatError as exc:
        return Processed(path, key, problem=LoadProblem(path, f"could not be processed ({exc})"))


def _local(path: str, page_fn: PageFn) -> Processed:
    result, key = load_one(path, page_fn)
    if isinstance(result, LoadProblem):
        return Processed(path, key, problem=result)
    return Processed(path, key, page=result)


@dataclass(slots=True)
class _Chunk:
    paths: list[str]
    future: Future[list[_Wire]] | None = None
    results: list[Processed] | None = None


@dataclass(slots=True)
class _Slot:
    value: Any = None
    done: bool = False
    path: str | None = None
    chunk: _Chunk | None = None
    offset: int = 0


@dataclass
class _Runner:
    """The ordered window over a pool (or over this process, once the pool is gone)."""

    workers: int
    page_fn: PageFn
    notices: list[str] | None
    compress: bool = False
    decode: bool = True
    chunk_size: int = CHUNK_SIZE
    pool: ProcessPoolExecutor | None = None
    serial: bool = False
    in_flight: list[_Chunk] = field(default_factory=list)

    def start(self) -> None:
        try:
            context = mp_context()
            if context.get_start_method() != "fork":  # its locks need the resource tracker
                with _real_stderr():
                    multiprocessing.resource_tracker.ensure_running()  # once per process
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context, initializer=_init_worker,
                                            initargs=(os.getpid(),))
        except Exception as exc:  # noqa: BLE001 - no processes: still read every page, here
            self._notice(f"could not start worker processes ({type(exc).__name__}); processing in one process")
            self.serial = True

    def _notice(self, text: str) -> None:
        if self.notices is not None:
            self.notices.append(text)

    def submit(self, chunk: _Chunk) -> None:
        if self.serial or self.pool is None:
            return  # processed locally when its turn comes
        try:
            chunk.future = self.pool.submit(_work_chunk, chunk.paths, self.page_fn, self.compress, self.decode)
            self.in_flight.append(chunk)
        except (BrokenProcessPool, RuntimeError):
            chunk.future = None  # never sent: safe to process here when its turn comes
            self._broken()

    def settle(self, chunk: _Chunk) -> None:
        """Make `chunk.results` available: wait for its future, run it here, or recover a crash."""
        if chunk.results is not None:
            return
        if chunk.future is None:
            chunk.results = [_local(p, self.page_fn) for p in chunk.paths]
            return
        try:
            wires = chunk.future.result()
        except BrokenProcessPool:
            self._broken([chunk])
            return
        except Exception as exc:  # noqa: BLE001 - e.g. a result that failed to pickle
            chunk.results = [
                Processed(p, None, problem=LoadProblem(p, f"could not be processed ({type(exc).__name__})"))
                for p in chunk.paths
            ]
        else:
            chunk.results = [_from_wire(w, self.decode) for w in wires]
        if chunk in self.in_flight:
            self.in_flight.remove(chunk)

    def _broken(self, extra: list[_Chunk] | None = None) -> None:
        """A worker died: keep finished chunks, isolate the suspects, go serial for the rest."""
        chunks = list(self.in_flight) + [c for c in extra or () if c not in self.in_flight]
        suspects: list[_Chunk] = []
        for chunk in chunks:
            future = chunk.future
            if future is not None and future.done() and not future.cancelled() and future.exception() is None:
                chunk.results = [_from_wire(w, self.decode) for w in future.result()]
            else:
                suspects.append(chunk)
        self.in_flight.clear()
        self.shutdown()
        self.serial = True
        crashed: list[str] = []
        isolation: list[ProcessPoolExecutor | None] = [None]
        try:
            for chunk in suspects:
                chunk.results = [self._isolated(p, crashed, isolation) for p in chunk.paths]
        finally:
            if isolation[0] is not None:
                isolation[0].shutdown(wait=True, cancel_futures=True)
        names = ", ".join(os.path.basename(p) for p in crashed) or "an unknown file"
        self._notice(f"a worker process crashed (on {names}); the remaining pages are processed in this process")

    def _isolated(self, path: str, crashed: list[str], isolation: list[ProcessPoolExecutor | None]) -> Processed:
        """Retry one suspect alone in a single-worker pool: if that worker dies too, this file did it.

        The pool is reused from suspect to suspect and replaced only after a death.
        """
        try:
            pool = isolation[0]
            if pool is None:
                pool = isolation[0] = ProcessPoolExecutor(max_workers=1, mp_context=mp_context(),
                                                          initializer=exit_with_parent, initargs=(os.getpid(),))
            wires = pool.submit(_work_chunk, [path], self.page_fn, self.compress, self.decode).result()
            return _from_wire(wires[0], self.decode)
        except BrokenProcessPool:
            crashed.append(path)
            pool, isolation[0] = isolation[0], None
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
            return Processed(path, None, problem=LoadProblem(path, CRASH_REASON))
        except Exception as exc:  # noqa: BLE001 - cannot isolate: never risk this process on it
            crashed.append(path)
            return Processed(path, None, problem=LoadProblem(path, f"{CRASH_REASON} ({type(exc).__name__})"))

    def shutdown(self) -> None:
        if self.pool is not None:
            try:
                self.pool.shutdown(wait=True, cancel_futures=True)
            except Exception:  # noqa: BLE001 - a broken pool may complain while closing
                pass
            self.pool = None


def process_in_order(
    items: Iterable[Any],
    *,
    workers: int | None = None,
    page_fn: PageFn = process_bytes,
    notices: list[str] | None = None,
    chunk_size: int = CHUNK_SIZE,
    pool_min: int = POOL_MIN_FILES,
    for_cache: bool = False,
    decode: bool = True,
) -> Iterator[Any]:
    """Process every `Path` among `items`; yield a `Processed` for each, other items unchanged,
    all in input order.

    `workers=None` uses every CPU; `workers <= 1`, or fewer than `pool_min` paths, processes in
    this process. `page_fn` (a picklable top-level function) replaces `process_bytes` for tests.
    Notices (a worker crash, no processes available) are appended to `notices`. With
    `for_cache`, workers also compress each page for the cache (`Processed.blob`). Without
    `decode`, a page a worker made stays encoded (`Processed.raw`): for callers that only store it.
    """
    n_workers = default_workers() if workers is None else workers
    source = iter(items)
    # Look ahead until we know whether a pool is worth starting.
    head: list[Any] = []
    n_paths = 0
    if n_workers > 1:
        for item in source:
            head.append(item)
            if isinstance(item, Path):
                n_paths += 1
                if n_paths >= pool_min:
                    break
    runner = _Runner(max(1, n_workers), page_fn, notices, for_cache, decode, chunk_size=max(1, chunk_size))
    if n_workers <= 1 or n_paths < pool_min:
        yield from _serial(head, source, page_fn)
        return
    runner.start()
    try:
        yield from _ordered(runner, head, source)
    finally:
        runner.shutdown()


def _serial(head: list[Any], source: Iterator[Any], page_fn: PageFn) -> Iterator[Any]:
    for items in (head, source):
        for item in items:
            yield _local(str(item), page_fn) if isinstance(item, Path) else item


def _ordered(runner: _Runner, head: list[Any], source: Iterator[Any]) -> Iterator[Any]:
    max_in_flight = 2 * runner.workers
    max_window = max_in_flight * runner.chunk_size * 4
    window: deque[_Slot] = deque()
    pending = _Chunk([])
    pending_slots: list[_Slot] = []
    exhausted = False
    items = _chain(head, source)

    def flush() -> None:
        nonlocal pending, pending_slots
        if pending.paths:
            runner.submit(pending)
            pending, pending_slots = _Chunk([]), []

    while True:
        # Read ahead while there is room in the window and in the pool.
        while not exhausted and len(window) < max_window:
            if len(pending.paths) >= runner.chunk_size:
                if len(runner.in_flight) >= max_in_flight and not runner.serial:
                    break
                flush()
            try:
                item = next(items)
            except StopIteration:
                exhausted = True
                break
            if isinstance(item, Path):
                slot = _Slot(path=str(item), chunk=pending, offset=len(pending.paths))
                pending.paths.append(str(item))
                pending_slots.append(slot)
            else:
                slot = _Slot(value=item, done=True)
            window.append(slot)
            if runner.serial:
                flush()
        if exhausted or len(window) >= max_window:
            if not runner.in_flight or len(runner.in_flight) < max_in_flight or runner.serial:
                flush()
        if not window:
            if exhausted:
                return
            continue
        slot = window[0]
        if not slot.done:
            chunk = slot.chunk
            assert chunk is not None
            if chunk is pending:
                flush()
            runner.settle(chunk)
            if chunk.results is None:  # the pool broke on another chunk: settle this one again
                runner.settle(chunk)
            assert chunk.results is not None
            slot.value = chunk.results[slot.offset]
            slot.done = True
        window.popleft()
        yield slot.value


def _chain(head: list[Any], source: Iterator[Any]) -> Iterator[Any]:
    yield from head
    yield from source
