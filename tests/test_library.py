"""The reader's library without Textual: loading as events (with a fake clock), the listing, pages read back."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from civread.corpus import load_corpus
from civread.library import (
    PAGES_KEPT,
    ArticleLibrary,
    Finished,
    Listed,
    LoadEvent,
    Stopped,
    TextProgress,
    corpus_key,
    load_events,
)
from civread.search import MemorySearch
from civread.seeds import seeds_dir


def _stepping_clock(step: float) -> Callable[[], float]:
    """A clock that moves `step` seconds each time it is read."""
    now = [0.0]

    def clock() -> float:
        now[0] += step
        return now[0]

    return clock


def _load(paths: list[str], library: ArticleLibrary, clock: Callable[[], float]) -> list[LoadEvent]:
    backend = MemorySearch(loader=library.load_article)
    events = list(load_events(paths, backend, library.to_measure, workers=1, clock=clock))
    for event in events:
        if isinstance(event, Listed):
            library.add(event)
    assert len(backend) == len(library.articles)
    return events


def _folder(tmp_path: Path) -> list[str]:
    folder = tmp_path / "pages"
    shutil.copytree(seeds_dir(), folder)
    (folder / "empty.txt").write_bytes(b"")
    return [str(folder)]


def test_a_first_open_lists_every_file_in_batches_cut_by_the_clock(tmp_path: Path) -> None:
    paths = _folder(tmp_path)
    expected = load_corpus(paths, cache=False, workers=1)
    # Time stands still: the files processed come in one batch, after the (empty) cached listing.
    still = ArticleLibrary(paths)
    events = _load(paths, still, lambda: 0.0)
    kinds = [type(e).__name__ for e in events]
    assert kinds == ["Listed", "Listed", "Finished", "TextProgress"], kinds
    first, batch = events[0], events[1]
    assert isinstance(first, Listed) and first.articles == [] and first.done == 0 and first.total == 6
    assert isinstance(batch, Listed) and batch.done == batch.total == 6 and batch.new_pages == 5
    assert [a.id for a in still.articles] == [a.id for a in expected.articles]
    assert [p.path for p in still.problems] == [p.path for p in expected.problems] and len(still.problems) == 1
    assert still.page_count == 5 and still.pages_held == 5  # the batch's pages, kept for opening
    last = events[-1]
    assert isinstance(last, TextProgress) and last.finished and last.done == last.total == 6


def test_a_slow_clock_reports_each_file_and_a_second_open_lists_from_the_cache_at_once(tmp_path: Path) -> None:
    paths = _folder(tmp_path)
    # Each file takes longer than a batch: one report each (the empty file's problem included).
    slow = ArticleLibrary(paths)
    events = _load(paths, slow, _stepping_clock(1.0))
    batches = [e for e in events[1:] if isinstance(e, Listed)]
    assert len(batches) >= 5 and sum(b.new_pages for b in batches) == 5
    assert [b.done for b in batches] == sorted(b.done for b in batches)
    # Opened again: the cache lists every article in the first event, then its text follows;
    # only the unreadable file (a problem is not cached) goes through the pipeline again.
    again = ArticleLibrary(paths)
    events = _load(paths, again, _stepping_clock(0.01))
    first, text, retried, finished = events[:4]
    assert isinstance(first, Listed) and [a.id for a in first.articles] == [a.id for a in slow.articles]
    assert first.done == 5 and first.total == 6
    assert isinstance(text, TextProgress) and text.done == 5 and not text.finished
    assert isinstance(retried, Listed) and retried.articles == [] and len(retried.problems) == 1
    assert isinstance(finished, Finished) and not finished.error
    assert isinstance(events[-1], TextProgress) and events[-1].finished
    assert again.pages_held == 0  # nothing processed: pages are read back when opened
    for summary in again.articles:
        article = again.load_article(summary.id)
        assert article is not None and article.id == summary.id and article.original_text
    assert 0 < again.pages_held <= min(PAGES_KEPT, 5)
    assert again.to_measure.held == {}  # the cache keeps their measures
    model, metrics = again.measure()
    assert metrics.articles == len(again.articles) and metrics.pages == 5
    again.close()


def test_a_failure_while_loading_is_an_event_never_an_exception(tmp_path: Path) -> None:
    paths = _folder(tmp_path)

    class Broken(MemorySearch):
        def add_articles(self, articles: object) -> None:
            if articles:
                raise RuntimeError("disk on fire")

    library = ArticleLibrary(paths)
    events = list(load_events(paths, Broken(), library.to_measure, workers=1, clock=lambda: 0.0))
    failed = [e for e in events if isinstance(e, Finished | Stopped) and getattr(e, "error", None)]
    assert len(failed) == 1 and "disk on fire" in str(failed[0].error)
    assert isinstance(events[-1], TextProgress) and events[-1].finished


def test_a_file_given_twice_is_listed_once_and_the_corpus_key_ignores_how_paths_are_written(tmp_path: Path) -> None:
    paths = _folder(tmp_path)
    library = ArticleLibrary(paths)
    events = _load(paths, library, lambda: 0.0)
    listed = next(e for e in events[1:] if isinstance(e, Listed))
    assert library.add(listed) == []  # already listed
    assert len(library.position_of) == len(library.articles) == len(set(library.by_id))
    assert corpus_key(paths) == corpus_key([paths[0] + "/", paths[0]]) != corpus_key([str(tmp_path)])


def test_a_warm_open_reads_the_kept_reprint_grouping_and_a_changed_page_regroups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader's reprint groups are kept in the page cache under its pages: a second open
    groups nothing and finds the same groups; a page that changed is grouped again, with it."""
    import civread.measures.reprints as reprints
    from test_reprints import ORIGINAL, OTHER, REPRINT, count_groupings

    folder = tmp_path / "pages"
    folder.mkdir()
    for name, text in (("a-original.txt", ORIGINAL), ("b-other.txt", OTHER), ("c-reprint.txt", REPRINT)):
        (folder / name).write_text(text, encoding="utf-8")
    made = count_groupings(monkeypatch, reprints)

    def open_and_group() -> tuple[ArticleLibrary, list[list[str]]]:
        library = ArticleLibrary([str(folder)])
        _load([str(folder)], library, lambda: 0.0)
        groups, _dates = library.reprints_and_dates()
        library.close()
        return library, [sorted(library.source_of(a) for a in group) for group in groups.groups]

    _, first = open_and_group()
    assert first == [["a-original.txt", "c-reprint.txt"]]
    assert len(made) == 1
    _, again = open_and_group()
    assert again == first and len(made) == 1

    (folder / "b-other.txt").write_text(ORIGINAL.replace("我县启动", "白石镇：我县启动").replace("近日", "日前"), encoding="utf-8")
    _, changed = open_and_group()
    assert len(made) == 2
    assert changed == [["a-original.txt", "b-other.txt", "c-reprint.txt"]]
