"""The page cache: hits skip the pipeline, changes reprocess exactly what changed, damage never fails a load."""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
import zlib
from pathlib import Path

import pytest

import civread
import civread.cache as cache_mod
import civread.parallel as parallel_mod
from civread.cache import CacheFormatError, PageCache, cache_version, decode_page, encode_page
from civread.corpus import cached_index, last_notices, load_corpus
from civread.model import Page
from seedtext import seed_paths


@pytest.fixture()
def cache_dir(isolated_dirs: Path) -> Path:
    """The cache folder conftest's isolated_dirs points CIVREAD_CACHE_DIR at."""
    return isolated_dirs / "cache"


@pytest.fixture()
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for path in seed_paths():
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture()
def processed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths that went through the pipeline (serial loads call parallel.load_one per file)."""
    calls: list[str] = []
    real = parallel_mod.load_one

    def counting(path: str, *args: object, **kwargs: object) -> object:
        calls.append(Path(path).name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel_mod, "load_one", counting)
    return calls


def load(folder: Path) -> list[Page]:
    corpus = load_corpus([folder], workers=1)
    assert not corpus.problems
    return corpus.pages


def test_second_load_comes_from_the_cache_unchanged(cache_dir: Path, pages: Path, processed: list[str]) -> None:
    first = load(pages)
    assert len(processed) == len(seed_paths())
    processed.clear()
    second = load(pages)
    assert processed == []
    assert second == first  # every field of every page, article and paragraph
    assert (cache_dir / cache_mod.DB_NAME).is_file()
    assert sorted(p.name for p in pages.iterdir()) == sorted(p.name for p in seed_paths())  # nothing written there


def test_changed_bytes_reprocess_exactly_that_file(cache_dir: Path, pages: Path, processed: list[str]) -> None:
    load(pages)
    target = sorted(pages.iterdir())[2]
    with target.open("a", encoding="utf-8") as handle:
        handle.write("\n\n测试新增标题\n\n本报讯 这是一段为了测试缓存失效而新加的正文，内容与原页面无关。\n")
    processed.clear()
    second = load(pages)
    assert processed == [target.name]
    page = next(p for p in second if p.source == target.name)
    assert "测试新增标题" in page.original_text


def test_same_size_rewrite_with_old_mtime_is_still_seen(cache_dir: Path, pages: Path, processed: list[str]) -> None:
    load(pages)
    target = sorted(pages.iterdir())[0]
    before = target.stat()
    data = target.read_bytes()
    swapped = data.replace("文明".encode(), "和谐".encode(), 1)
    assert swapped != data and len(swapped) == len(data)
    target.write_bytes(swapped)
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # a tool that restores mtimes
    processed.clear()
    second = load(pages)
    assert processed == [target.name]
    assert "和谐" in next(p for p in second if p.source == target.name).original_text


def test_unchanged_old_files_are_not_even_read(
    cache_dir: Path, pages: Path, processed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_mod, "_RACY_NS", 0)  # as if the files were written long ago
    first = load(pages)
    hashed: list[str] = []
    real_hash = cache_mod.hash_file
    monkeypatch.setattr(cache_mod, "hash_file", lambda p: hashed.append(str(p)) or real_hash(p))
    processed.clear()
    assert load(pages) == first
    assert hashed == [] and processed == []


def test_new_pipeline_version_reprocesses_everything(
    cache_dir: Path, pages: Path, processed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load(pages)
    monkeypatch.setattr(civread, "PIPELINE_VERSION", civread.PIPELINE_VERSION + "-next")
    processed.clear()
    assert load(pages) == first
    assert sorted(processed) == sorted(p.name for p in seed_paths())
    processed.clear()
    load(pages)
    assert processed == []  # the new version's pages are cached in turn


def test_a_changed_rule_in_the_pipeline_s_code_reprocesses_pages_a_changed_widget_does_not(tmp_path: Path) -> None:
    # The cache is keyed by a digest of the code that makes a page's articles, so a release that
    # changes a segmentation rule never serves pages cut by the old rule; the reader's own code
    # (app, widgets, screens) does not cut pages and leaves the cache alone.
    package = tmp_path / "civread"
    shutil.copytree(Path(civread.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache_mod.code_fingerprint(package)
    assert before == cache_mod.code_fingerprint(Path(civread.__file__).parent)
    widget = next((package / "widgets").glob("*.py"))
    widget.write_text(widget.read_text(encoding="utf-8") + "\n# a reader-only change\n", encoding="utf-8")
    assert cache_mod.code_fingerprint(package) == before
    rules = package / "pipeline" / "headlines.py"
    rules.write_text(rules.read_text(encoding="utf-8").replace("_COLUMN_SPREAD = 1.0", "_COLUMN_SPREAD = 1.5"), encoding="utf-8")
    assert cache_mod.code_fingerprint(package) != before
    assert before in cache_version()


def test_copied_file_is_a_hit_under_its_new_name(cache_dir: Path, pages: Path, processed: list[str]) -> None:
    load(pages)
    original = sorted(pages.iterdir())[1]
    copy = pages / "copy-of-page.txt"
    shutil.copy(original, copy)
    processed.clear()
    second = load(pages)
    assert processed == []
    page = next(p for p in second if p.source == copy.name)
    assert page.path == str(copy)
    assert {a.source for a in page.articles} == {copy.name}
    assert {a.source_path for a in page.articles} == {str(copy)}


def test_damaged_database_is_set_aside_and_loading_still_works(
    cache_dir: Path, pages: Path, processed: list[str]
) -> None:
    expected = load_corpus([pages], workers=1, cache=False).pages
    cache_dir.mkdir(parents=True)
    garbage = b"this is not an sqlite database\x00\xff" * 200
    (cache_dir / cache_mod.DB_NAME).write_bytes(garbage)
    notices: list[str] = []
    corpus = load_corpus([pages], workers=1, notices=notices)
    assert corpus.pages == expected and not corpus.problems
    assert any("set aside" in n for n in notices), notices
    assert notices == last_notices()
    aside = list(cache_dir.glob(f"{cache_mod.DB_NAME}.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == garbage  # kept, not deleted
    processed.clear()
    assert load(pages) == expected
    assert processed == []  # the fresh database works


def test_damaged_row_is_a_miss(cache_dir: Path, pages: Path, processed: list[str]) -> None:
    first = load(pages)
    db = sqlite3.connect(cache_dir / cache_mod.DB_NAME)
    (key,) = db.execute("SELECT sha1 FROM pages ORDER BY sha1 LIMIT 1").fetchone()
    db.execute("UPDATE pages SET blob = ? WHERE sha1 = ?", (b"\x78garbage", key))
    db.commit()
    db.close()
    processed.clear()
    assert load(pages) == first
    assert len(processed) == 1


def test_cached_page_cannot_run_code() -> None:
    hostile = zlib.compress(pickle.dumps(Path("/etc/passwd")))
    with pytest.raises(CacheFormatError):
        decode_page(hostile)
    with pytest.raises(CacheFormatError):
        decode_page(b"\x78\x9c not zlib at all")


def test_unopenable_database_falls_back_with_a_notice(
    cache_dir: Path, pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> sqlite3.Connection:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(cache_mod.sqlite3, "connect", refuse)
    notices: list[str] = []
    corpus = load_corpus([pages], workers=1, notices=notices)
    assert len(corpus.pages) == len(seed_paths()) and not corpus.problems
    assert any("unavailable" in n and "unable to open" in n for n in notices), notices


def test_cache_dir_under_a_regular_file_falls_back(tmp_path: Path, pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("CIVREAD_CACHE_DIR", str(blocker / "cache"))
    notices: list[str] = []
    corpus = load_corpus([pages], workers=1, notices=notices)
    assert len(corpus.pages) == len(seed_paths())
    assert len(notices) == 1 and "unavailable" in notices[0]
    assert blocker.read_text() == "x"


def test_cached_index_lists_articles_without_loading_pages(
    cache_dir: Path, pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not cached_index([pages]).complete
    corpus = load_corpus([pages], workers=1)
    monkeypatch.setattr(cache_mod, "decode_page", lambda *a, **k: pytest.fail("a page was decoded"))
    index = cached_index([pages])
    assert index.complete and not index.notices
    listed = [(s.id, s.display_title, s.kind, s.locality, s.untitled) for e in index.entries for s in e.articles or ()]
    assert listed == [(a.id, a.display_title, a.kind, a.locality, a.untitled) for a in corpus.articles]
    assert [e.path for e in index.entries] == [p.path for p in corpus.pages]


def test_encode_decode_round_trip_on_every_seed() -> None:
    for path in seed_paths():
        page = parallel_mod.load_one(str(path))[0]
        assert isinstance(page, Page)
        assert decode_page(encode_page(page)) == page
        assert decode_page(encode_page(page, compress=False)) == page


def test_cache_is_usable_directly(cache_dir: Path, pages: Path) -> None:
    path = sorted(pages.iterdir())[0]
    with PageCache() as store:
        key = store.key_for(path)
        assert key is not None and store.get(key) is None
        page = parallel_mod.load_one(str(path))[0]
        assert isinstance(page, Page)
        store.put_page(key, page)
        assert store.get(key) == page
    with PageCache() as store:  # committed on close, visible to the next opener
        assert store.get(key) == page
        assert [s.id for s in store.summaries([key])[key]] == [a.id for a in page.articles]


def test_database_that_stops_accepting_writes_mid_load_falls_back(
    cache_dir: Path, pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk or a read-only file system mid-run: every page still loads, one notice, no damage."""
    expected = load_corpus([pages], workers=1, cache=False).pages

    def refuse(self: PageCache) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    real_begin = PageCache._begin
    monkeypatch.setattr(PageCache, "_begin", refuse)
    notices: list[str] = []
    corpus = load_corpus([pages], workers=1, notices=notices)
    assert corpus.pages == expected and not corpus.problems
    assert len([n for n in notices if "stopped working" in n and "readonly" in n]) == 1, notices
    assert not list(cache_dir.glob("*.corrupt-*"))  # not damage: nothing set aside
    monkeypatch.setattr(PageCache, "_begin", real_begin)
    assert load(pages) == expected  # the same database works again once writes are possible


def test_damage_found_mid_load_sets_the_file_aside_and_loading_continues(
    cache_dir: Path, pages: Path, processed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = load_corpus([pages], workers=1, cache=False).pages

    def damaged(self: PageCache) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    real_begin = PageCache._begin
    monkeypatch.setattr(PageCache, "_begin", damaged)
    notices: list[str] = []
    corpus = load_corpus([pages], workers=1, notices=notices)
    assert corpus.pages == expected and not corpus.problems
    assert any("set aside" in n for n in notices), notices
    aside = list(cache_dir.glob(f"{cache_mod.DB_NAME}.corrupt-*"))
    assert len(aside) == 1 and aside[0].stat().st_size > 0  # renamed, not deleted
    monkeypatch.setattr(PageCache, "_begin", real_begin)
    processed.clear()
    assert load(pages) == expected and len(processed) == len(seed_paths())  # a fresh cache, filled
    processed.clear()
    assert load(pages) == expected and processed == []


def test_damaged_database_on_the_fast_listing_path_is_set_aside(cache_dir: Path, pages: Path) -> None:
    cache_dir.mkdir(parents=True)
    garbage = b"SQLite format 3\x00" + b"\xff" * 4000
    (cache_dir / cache_mod.DB_NAME).write_bytes(garbage)
    index = cached_index([pages])
    assert len(index.entries) == len(seed_paths()) and not index.complete  # listed, to be processed
    assert any("set aside" in n for n in index.notices), index.notices
    aside = list(cache_dir.glob(f"{cache_mod.DB_NAME}.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == garbage


def test_pages_read_without_a_web_extractor_part_are_kept_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    # Read again, whole, once the part is installed: a degraded page is never served for good.
    whole = cache_version()
    monkeypatch.setattr("civread.cache.WEB_EXTRACTOR_MODULES", ("civread_no_such_extractor_part",))
    degraded = cache_version()
    assert degraded != whole and "civread_no_such_extractor_part" in degraded


def test_a_reprint_grouping_is_kept_under_its_pages_and_checked_on_reading(cache_dir: Path) -> None:
    """Groups of positions come back as kept; another number of articles, damage or another set
    of pages is a miss; only the last few groupings are kept."""
    from civread.cache import grouping_key

    store = PageCache(cache_dir)
    key = grouping_key(store.version, "export", ["a" * 40, "b" * 40])
    assert key != grouping_key(store.version, "export", ["a" * 40, "c" * 40])
    assert key != grouping_key(store.version, "export", ["b" * 40, "a" * 40])  # positions follow the order
    assert key != grouping_key(store.version, "reader", ["a" * 40, "b" * 40])
    assert store.grouping(key, 9) is None
    groups = [[0, 4, 7], [2, 3]]
    store.remember_grouping(key, groups, 9)
    assert store.grouping(key, 9) == groups
    assert store.grouping(key, 10) is None  # made over other articles
    store.close()

    db = sqlite3.connect(str(cache_dir / cache_mod.DB_NAME))
    with db:
        db.execute("UPDATE groupings SET blob = ? WHERE corpus = ?", (b"\x80\x05not a grouping", key))
    db.close()
    store = PageCache(cache_dir)
    assert store.grouping(key, 9) is None
    for n in range(6):
        store.remember_grouping(f"corpus-{n}", [[0, n + 1]], 8)
    kept = [n for n in range(6) if store.grouping(f"corpus-{n}", 8) == [[0, n + 1]]]
    assert kept == [2, 3, 4, 5]
    store.close()


def test_a_cache_made_before_the_groupings_table_gets_it_and_keeps_its_pages(cache_dir: Path, pages: Path) -> None:
    load_corpus([pages], workers=1)
    db = sqlite3.connect(str(cache_dir / cache_mod.DB_NAME))
    with db:
        db.execute("DROP TABLE groupings")
    db.close()
    store = PageCache(cache_dir)
    key = store.key_for(next(pages.iterdir()))
    assert key is not None and store.has(key)  # the pages were not dropped
    store.remember_grouping("some pages", [[0, 1]], 2)
    assert store.grouping("some pages", 2) == [[0, 1]]
    store.close()
