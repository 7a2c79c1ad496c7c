"""Processing on every core: same pages as one process, in input order, and a dead worker is survived."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

import civread.parallel as parallel_mod
from civread.corpus import iter_pages, load_corpus
from civread.model import LoadProblem, Page
from civread.parallel import CRASH_REASON, Processed, process_in_order
from civread.pipeline import process_bytes
from seedtext import seed_paths

COPIES = 30


def crash_on_marked_file(data: bytes, path: str) -> Page:
    """A page function whose process dies (as a segfaulting C extension would) on one file."""
    if "crash" in Path(path).name:
        os._exit(3)
    return process_bytes(data, path)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """The seed pages repeated (enough for a pool), in subfolders, with one empty file among them."""
    root = tmp_path / "pages"
    for n in range(COPIES):
        sub = root / f"{n:02d}"
        sub.mkdir(parents=True)
        for path in seed_paths():
            shutil.copy(path, sub / path.name)
    (root / "15" / "000-empty.txt").write_bytes(b"")
    return root


@pytest.fixture()
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many process pools were started (and with how many workers)."""
    started: list[int] = []
    real = parallel_mod.ProcessPoolExecutor

    class Spy(real):  # type: ignore[misc, valid-type]
        def __init__(self, max_workers: int | None = None, **kwargs: object) -> None:
            started.append(max_workers or 0)
            super().__init__(max_workers=max_workers, **kwargs)

    monkeypatch.setattr(parallel_mod, "ProcessPoolExecutor", Spy)
    return started


def summary(results: list[Page | LoadProblem]) -> list[tuple[str, object]]:
    return [
        (r.path, [(a.id, a.title, a.text) for a in r.articles] if isinstance(r, Page) else r.reason)
        for r in results
    ]


def test_pool_gives_the_same_pages_as_one_process_in_the_same_order(folder: Path, pools: list[int]) -> None:
    serial = load_corpus([folder], workers=1, cache=False)
    assert pools == []
    parallel = load_corpus([folder], workers=2, cache=False)
    assert pools == [2]
    assert parallel.pages == serial.pages
    assert parallel.problems == serial.problems
    assert len(serial.problems) == 1 and serial.problems[0].path.endswith("000-empty.txt")
    assert len(parallel.pages) == COPIES * len(seed_paths())


def test_results_come_in_input_order_even_when_a_slow_file_is_first(tmp_path: Path, pools: list[int]) -> None:
    big = tmp_path / "big.txt"
    big.write_text("\n\n".join(p.read_text(encoding="utf-8") for p in seed_paths()) * 8, encoding="utf-8")
    small = sorted(seed_paths()) * 6
    marker = LoadProblem("not a path", "passed through")
    items: list[object] = [big, marker, *small[:10], marker, *small[10:]]
    out = list(process_in_order(items, workers=2, chunk_size=1, pool_min=2))
    assert pools == [2]
    assert [o.path if isinstance(o, Processed) else o for o in out] == [
        str(i) if isinstance(i, Path) else i for i in items
    ]
    assert all(o.page is not None for o in out if isinstance(o, Processed))


def test_a_worker_crash_costs_only_the_file_that_caused_it(folder: Path, pools: list[int]) -> None:
    victim = folder / "07" / "crash-page.txt"
    shutil.copy(seed_paths()[0], victim)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    expected = {str(p): r for p, r in ((p, parallel_mod.load_one(str(p))[0]) for p in files) if p != victim}
    notices: list[str] = []
    out = list(process_in_order(files, workers=2, page_fn=crash_on_marked_file, notices=notices))
    assert [o.path for o in out] == [str(p) for p in files]
    by_path = {o.path: o.result for o in out}
    assert by_path.pop(str(victim)) == LoadProblem(str(victim), CRASH_REASON)
    assert by_path == expected
    assert len(notices) == 1 and "crash-page.txt" in notices[0]
    assert pools[0] == 2 and len(pools) >= 2  # the isolation retries ran in their own processes


def test_a_few_files_never_start_a_pool(tmp_path: Path, pools: list[int]) -> None:
    for path in seed_paths():
        shutil.copy(path, tmp_path / path.name)
    corpus = load_corpus([tmp_path], workers=2, cache=False)
    assert pools == []
    assert len(corpus.pages) == len(seed_paths())


def test_streaming_from_a_thread_as_the_app_does(folder: Path) -> None:
    subset = [folder / f"{n:02d}" for n in range(5)]  # 25 files: enough for a pool
    expected = summary(list(iter_pages(subset, cache=False, workers=1)))
    got: list[Page | LoadProblem] = []
    progress: list[tuple[int, int]] = []
    worker = threading.Thread(
        target=lambda: got.extend(
            iter_pages(subset, cache=False, workers=2, progress=lambda d, t, p: progress.append((d, t)))
        )
    )
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive()
    assert summary(got) == expected
    assert progress == [(n, len(expected)) for n in range(1, len(expected) + 1)]


def test_stopping_early_stops_the_workers(folder: Path) -> None:
    stream = iter_pages([folder], cache=False, workers=2)
    first = [next(stream) for _ in range(3)]
    stream.close()
    assert all(isinstance(p, Page) for p in first)
    assert parallel_mod.multiprocessing.active_children() == []


def test_full_collections_are_paused_only_while_loading(folder: Path) -> None:
    import gc

    before = gc.get_threshold()
    stream = iter_pages([folder / "00"], cache=False, workers=1)
    next(stream)
    assert gc.get_threshold()[2] > before[2]
    assert list(stream)  # the rest
    assert gc.get_threshold() == before


APP_LIKE_STREAM = r"""
import sys, threading
from pathlib import Path
import civread.parallel as parallel

class Capture:  # what Textual puts in sys.stderr while an app runs
    def write(self, text): return len(text)
    def flush(self): pass
    def fileno(self): return -1

ran_here = []
real_local = parallel._local
parallel._local = lambda path, page_fn: ran_here.append(path) or real_local(path, page_fn)
sys.stderr = Capture()
notices, pages = [], []
paths = sorted(p for p in Path(sys.argv[1]).rglob("*") if p.is_file())
def load():
    pages.extend(parallel.process_in_order(paths, workers=2, notices=notices))
worker = threading.Thread(target=load)  # a second thread: the fork server is used, as in the app
worker.start()
worker.join(120)
print(len(pages), len(ran_here), repr(notices), file=sys.__stdout__)
"""


def test_the_pool_starts_under_an_app_whose_stderr_has_no_file_descriptor(folder: Path) -> None:
    """Textual replaces sys.stderr with an object whose fileno() is -1. multiprocessing hands that
    to the resource tracker it starts, which failed: the reader processed every page in its own
    process, at a third of the speed. A fresh interpreter, so no tracker is running yet."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", APP_LIKE_STREAM, str(folder)],
                          capture_output=True, text=True, timeout=300, check=True)
    pages, ran_here, notices = done.stdout.split(" ", 2)
    assert int(pages) == sum(1 for p in folder.rglob("*") if p.is_file())
    assert notices.strip() == "[]"
    assert int(ran_here) == 0  # every page went to a worker process


def _wait_for_ever() -> None:
    threading.Event().wait()


def test_workers_left_running_by_an_interrupt_are_ended() -> None:
    # A worker that was never told to stop (the signal fell while its pool started) would keep
    # the interrupted export from exiting: Python joins every worker process at exit.
    context = parallel_mod.mp_context()
    worker = context.Process(target=_wait_for_ever)
    worker.start()
    try:
        assert parallel_mod.stop_leftover_workers(grace=5.0) == [worker.pid]
        assert not worker.is_alive()
        assert parallel_mod.stop_leftover_workers() == []
    finally:
        if worker.is_alive():
            worker.kill()
