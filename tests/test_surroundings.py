"""What lives around the pages is hostile too: file names that are not UTF-8 or carry escape
sequences, explosive regular expressions, damaged state files, `-o` pointing at a pipe, random
binary files, duplicate files, bare URLs. Each case through the reader (`run_test`) where a
person meets it, and through `civread export`."""

from __future__ import annotations

import html
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from textual.app import App
from textual.pilot import Pilot

from civread import cli, export
from civread.app import CivreadApp
from civread.names import safe_name
from civread.search import SearchOptions, prepare
from civread.seeds import seeds_dir
from civread.state import load_state, save_state, state_path
from conftest import run_async, settle

ESC, BEL = "\x1b", "\x07"
BAD_UTF8 = b"bad\xff.txt"  # a name from a zip made on Chinese Windows, unpacked on Linux
TITLE_NAME = "src\x1b]0;TITLE\x07\x1b[5mX.txt"  # sets the terminal's title, then blinks
CLEAR_NAME = "\x1b[2Jgone.txt"  # clears the screen
EXPLOSIVE = "(?:(?:(?:a{100}){100}){100}){100}"
CIVREAD = Path(sys.executable).with_name("civread")


def _seed_files() -> list[Path]:
    return sorted(seeds_dir().glob("*.txt"))


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "CIVREAD_STATE_DIR": str(tmp_path / "state"), "CIVREAD_CACHE_DIR": str(tmp_path / "cache")}


def _export(tmp_path: Path, *args: str | bytes, **kw: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([os.fsencode(CIVREAD), b"export", *map(os.fsencode, args)], capture_output=True,
                          env=_env(tmp_path), timeout=180, **kw)  # type: ignore[call-overload]


def _screen_text(pilot: Pilot[None]) -> str:
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def _notices(app: App[None]) -> list[str]:
    return [n.message for n in app._notifications]


def _names_folder(tmp_path: Path) -> Path:
    """A page whose name is not UTF-8, one whose name carries escapes, an unreadable one that
    clears the screen, and an ordinary one."""
    pages = tmp_path / "pages"
    pages.mkdir()
    seeds = _seed_files()
    shutil.copy(seeds[0], pages / "good.txt")
    shutil.copy(seeds[1], os.path.join(os.fsencode(pages), BAD_UTF8))
    shutil.copy(seeds[2], pages / TITLE_NAME)
    (pages / CLEAR_NAME).write_bytes(b"")
    return pages


# ------------------------------------------------------------------ 1, 2: file names


def test_safe_name_makes_every_hostile_character_visible() -> None:
    assert safe_name(os.fsdecode(BAD_UTF8)) == "bad\\xff.txt"
    assert safe_name(BAD_UTF8) == "bad\\xff.txt"
    assert safe_name(TITLE_NAME) == "src\\x1b]0;TITLE\\x07\\x1b[5mX.txt"
    assert safe_name("a\u202eb\u200bc.txt") == "a\\u202eb\\u200bc.txt"
    assert safe_name("肇庆 新闻.txt") == "肇庆 新闻.txt"  # ordinary names unchanged
    for name in (BAD_UTF8, TITLE_NAME, CLEAR_NAME, "\x9b2J\ud800"):
        shown = safe_name(name)
        shown.encode("utf-8")  # always encodable
        assert all(ch.isprintable() for ch in shown)


def test_export_survives_hostile_file_names_in_every_format(tmp_path: Path) -> None:
    pages = _names_folder(tmp_path)
    for fmt in ("jsonl", "csv", "md"):
        result = _export(tmp_path, str(pages), "--format", fmt)
        assert result.returncode == 0, result.stderr
        out, err = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")  # both valid UTF-8
        assert "Traceback" not in err
        for stream in (out, err):
            assert ESC not in stream and BEL not in stream and "\x9b" not in stream
        # The unreadable file is named on stderr, visibly escaped.
        assert "skipped" in err and "\\x1b[2Jgone.txt" in err
        # Every readable page is exported, its name shown safely (Markdown: as rendered).
        shown = html.unescape(MarkdownIt().render(out)) if fmt == "md" else out.replace("\\\\", "\\")
        assert "bad\\xff.txt" in shown and "x1b]0;TITLE" in shown and "good.txt" in shown
    records = [json.loads(line) for line in _export(tmp_path, str(pages)).stdout.decode().splitlines()]
    assert {r["source"] for r in records} == {"good.txt", "bad\\xff.txt", safe_name(TITLE_NAME)}


def test_reader_lists_and_shows_hostile_file_names_safely(tmp_path: Path) -> None:
    pages = _names_folder(tmp_path)

    @run_async

    async def main() -> None:
        app = CivreadApp([str(pages)])
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(pilot)
            assert not any("Loading stopped" in n for n in _notices(app)), _notices(app)
            assert app.library.page_count == 3
            sources = {safe_name(Path(p).name) for p in app.library.page_paths.values()}
            assert sources == {"good.txt", "bad\\xff.txt", safe_name(TITLE_NAME)}
            # The unreadable file, in the notice, with its escapes made visible.
            listed = str(app.main_screen.problems.query_one("#problems-text").render())
            assert "\\x1b[2Jgone.txt: empty file" in listed
            # Every page's Source line: the name, visible, never a control character.
            seen = set()
            for key, path in app.library.page_paths.items():
                summary = next(a for a in app.library.articles if a.page_key == key)
                app.main_screen.open_article(summary.id, scroll_y=0)
                await pilot.pause()
                screen = _screen_text(pilot)
                assert ESC not in screen and BEL not in screen
                assert safe_name(path) in "".join(app.main_screen.reader.lines)  # the Source line, wrapped
                seen.add(safe_name(Path(path).name))
            assert "bad\\xff.txt" in seen and safe_name(TITLE_NAME) in seen
            # Searching still works across the three pages; a bookmark on the odd name is saved.
            await pilot.press("B")
            assert app.state.bookmarks

    main()


def test_cache_keeps_a_name_that_is_not_utf8(tmp_path: Path) -> None:
    """The second open of the same folder finds the odd name's page in the cache (no crash, no miss)."""
    pages = _names_folder(tmp_path)
    first = _export(tmp_path, str(pages))
    second = _export(tmp_path, str(pages))
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout


# ------------------------------------------------------------------ 3: regular expressions


def _limited_memory(extra: int = 1 << 30) -> tuple[int, int]:
    """Cap this process's address space at its current size + `extra`, so an explosive compile
    fails with MemoryError instead of taking the machine; returns the old limits to restore."""
    old = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as handle:
        size = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    resource.setrlimit(resource.RLIMIT_AS, (size + extra, old[1]))
    return old


def test_explosive_pattern_is_refused_as_too_complex_before_compiling() -> None:
    old = _limited_memory()
    try:
        error = prepare(EXPLOSIVE, SearchOptions(regex=True))
    finally:
        resource.setrlimit(resource.RLIMIT_AS, old)
    assert not hasattr(error, "regex"), "the pattern was compiled"
    assert "too complex" in str(error) and getattr(error, "kind", "") == "complex"
    # Ordinary counted patterns still compile.
    for ok in (r"\d{4}年", "(?:淳安|建德){1,3}", "[一二三]{2}", "a{1000}"):
        assert hasattr(prepare(ok, SearchOptions(regex=True)), "regex"), ok


def test_reader_says_pattern_too_complex_in_the_search_bar() -> None:
    @run_async
    async def main() -> None:
        app = CivreadApp([str(seeds_dir())])
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(pilot)
            await pilot.press("slash", "ctrl+r")
            old = _limited_memory()
            try:
                app.main_screen.search_bar.input.value = EXPLOSIVE
                await settle(pilot)
            finally:
                resource.setrlimit(resource.RLIMIT_AS, old)
            status = str(app.main_screen.search_bar.query_one("#search-status").render())
            assert "pattern too complex" in status, status
            assert "Invalid" not in status
            # The reader is still usable: a good pattern finds matches.
            app.main_screen.search_bar.input.value = "肇庆{1,2}"
            await settle(pilot)
            assert app.main_screen.result is not None and app.main_screen.result.total_matches > 0

    main()


# ------------------------------------------------------------------ 4: state files


def _write_state(raw: bytes) -> Path:
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return path


def test_state_with_markup_in_a_key_gives_a_notice_not_a_crash() -> None:
    _write_state(b'{"version":1,"positions":{"[/]":"x"}}')

    @run_async

    async def main() -> None:
        app = CivreadApp([str(seeds_dir())])
        async with app.run_test(size=(120, 40), notifications=True) as pilot:  # toasts drawn
            await settle(pilot)
            assert any("[/]" in n and "damaged" in n for n in _notices(app)), _notices(app)
            toasts = [str(t.render()) for t in app.screen.query("Toast")]
            assert any("'[/]'" in t for t in toasts), toasts  # shown literally, as text
            assert app.main_screen.current_id is not None  # reading, not dead
            await pilot.press("j")
        assert app.return_code in (None, 0) and app._exception is None

    main()


def test_cli_returns_non_zero_when_the_app_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: CivreadApp) -> None:
        raise RuntimeError("mount failed")

    monkeypatch.setattr(CivreadApp, "on_mount", boom)
    monkeypatch.setattr(CivreadApp, "run", lambda self: App.run(self, headless=True))
    assert cli.main([str(seeds_dir())]) not in (0, None)


def test_lone_surrogate_ids_are_dropped_at_load_and_later_saves_work() -> None:
    _write_state(b'{"version":1,"last_article_id":"\\ud800x","positions":{"a\\udfff":3,"ok-01":2},'
                 b'"bookmarks":["\\ud83d","keep-02"]}')
    state, notice = load_state()
    assert notice is not None and "invalid id" in notice
    assert state.bookmarks == {"keep-02"} and set(state.positions) == {"ok-01"} and state.last_article_id is None
    state.bookmarks.add("new-03")
    assert save_state(state) is None
    again, notice = load_state()
    assert notice is None and again.bookmarks == {"keep-02", "new-03"}


def test_state_with_a_byte_order_mark_is_read_in_the_reader() -> None:
    ids: list[str] = []

    @run_async

    async def first() -> None:
        app = CivreadApp([str(seeds_dir())])
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            ids.extend(a.id for a in app.library.articles[:3])

    first()
    chosen = ids[2]
    body = json.dumps({"version": 1, "last_article_id": chosen, "positions": {chosen: 0}, "bookmarks": [ids[1]]})
    path = _write_state(b"\xef\xbb\xbf" + body.encode("utf-8"))

    @run_async

    async def second() -> None:
        app = CivreadApp([str(seeds_dir())])
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert not any("damaged" in n for n in _notices(app)), _notices(app)
            assert app.main_screen.current_id == chosen and ids[1] in app.state.bookmarks

    second()
    assert not list(path.parent.glob("*.corrupt-*"))


# ------------------------------------------------------------------ 6: resize


def test_resize_lays_out_for_the_new_size() -> None:
    @run_async
    async def main() -> None:
        app = CivreadApp([str(seeds_dir())])
        async with app.run_test(size=(40, 10)) as pilot:
            await settle(pilot)
            assert app.main_screen.narrow
            await pilot.resize_terminal(300, 80)
            await pilot.pause()
            assert not app.main_screen.narrow
            assert app.query_one("#sidebar").region.width > 0 and app.main_screen.reader.region.height > 40
            await pilot.resize_terminal(40, 10)
            await pilot.pause()
            assert app.main_screen.narrow

    main()


# ------------------------------------------------------------------ 8: export -o


def test_export_writes_through_a_named_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            got.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    result = _export(tmp_path, str(seeds_dir()), "-o", str(fifo))
    if reader.is_alive():  # nothing was written into the pipe: release the reader
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK) if fifo.is_fifo() else None
        if fd is not None:
            os.close(fd)
        reader.join(5)
    assert result.returncode == 0, result.stderr
    assert fifo.is_fifo(), "the pipe was replaced by a regular file"
    assert got and len(got[0].splitlines()) > 10 and json.loads(got[0].splitlines()[0])["id"]


def test_export_writes_through_a_process_substitution(tmp_path: Path) -> None:
    """`-o >(gzip > x)` hands civread /dev/fd/N: the data must go down that descriptor."""
    read_end, write_end = os.pipe()
    chunks: list[bytes] = []

    def drain() -> None:
        with os.fdopen(read_end, "rb") as handle:
            chunks.append(handle.read())

    drainer = threading.Thread(target=drain, daemon=True)
    drainer.start()
    try:
        result = _export(tmp_path, str(seeds_dir()), "-o", f"/dev/fd/{write_end}", pass_fds=(write_end,))
    finally:
        os.close(write_end)
    drainer.join(30)
    assert result.returncode == 0, result.stderr
    assert chunks and len(chunks[0].splitlines()) > 10


def test_export_to_a_regular_file_stays_atomic_and_keeps_a_symlink(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "real.jsonl"
    target.write_text("old\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    assert export.main([str(seeds_dir()), "-o", str(link)]) == 0
    assert link.is_symlink() and target.read_text().count("\n") > 10
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# ------------------------------------------------------------------ 9: smaller


def _random_binaries(folder: Path, n: int = 300, seed: int = 11) -> list[Path]:
    rng = random.Random(seed)
    made = []
    for i in range(n):
        size = rng.choice([8, 16, 32, 64, 128, 256, 1024, 4096])
        path = folder / f"blob{i:03d}.dat"
        path.write_bytes(bytes(rng.getrandbits(8) for _ in range(size)))
        made.append(path)
    return made


def test_random_binary_files_are_not_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    blobs = _random_binaries(pages)
    shutil.copy(_seed_files()[0], pages / "seed.txt")
    code, out = export.main([str(pages)]), capsys.readouterr().out
    sources = {json.loads(line)["source"] for line in out.splitlines()}
    assert code == 0 and sources == {"seed.txt"}, sorted(sources)[:5]

    @run_async

    async def main() -> None:
        app = CivreadApp([str(pages)])
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert app.library.page_count == 1 and len(app.library.problems) == len(blobs)

    main()


def test_short_real_pages_are_still_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "short.txt").write_text("淳安新闻\n\n县里举行民生工程完工仪式。\n", encoding="utf-8")
    (tmp_path / "english.txt").write_text("Harbour news\n\nThe new ferry pier opened on Monday.\n")
    assert export.main([str(tmp_path)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_identical_files_get_unique_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copy(_seed_files()[0], tmp_path / name)
    for fmt in ("jsonl", "csv"):
        assert export.main([str(tmp_path), "--format", fmt]) == 0
        out = capsys.readouterr().out
        if fmt == "jsonl":
            ids = [json.loads(line)["id"] for line in out.splitlines()]
            per_copy = len(ids) // 3
            assert per_copy > 1 and len(set(ids)) == len(ids)
            assert ids[:per_copy] == [i.split("~")[0] for i in ids[per_copy: 2 * per_copy]]  # first copy: stable ids
        else:
            import csv as csv_mod
            import io

            rows = list(csv_mod.DictReader(io.StringIO(out.lstrip("\ufeff"))))
            assert len({r["id"] for r in rows}) == len(rows)


def test_bare_urls_do_not_become_links_in_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "urls.txt").write_text(
        "网上办事指南发布\n\n本报讯 市民可登录https://example.gov.cn/banshi查询办事指南，"
        "也可访问www.example.cn或发送邮件至help@example.cn咨询，3.5万人已经使用。\n",
        encoding="utf-8",
    )
    assert export.main([str(tmp_path), "--format", "md"]) == 0
    out = capsys.readouterr().out
    html = MarkdownIt("commonmark", {"linkify": True}).enable("linkify").render(out)
    assert "<a " not in html, html
    assert "https://example.gov.cn/banshi" in html and "www.example.cn" in html and "help@example.cn" in html
    assert "3.5万人" in html


# ------------------------------------------------------------------ 7: big groups, long pastes


def _county_page(n_articles: int, salt: int) -> str:
    """Short articles, every one in the same county (invented events)."""
    return "".join(
        f"淳安县第{salt}批第{i + 1}项民生工程完工\n\n"
        f"本报讯 浙江省杭州市淳安县今天举行第{salt}批第{i + 1}项民生工程完工仪式，县里有关部门负责人出席。"
        "工程建成后将惠及周边村民，群众纷纷表示满意。\n\n"
        for i in range(n_articles)
    )


def test_next_article_in_a_big_group_does_not_rebuild_the_sidebar(tmp_path: Path) -> None:
    pages = tmp_path / "county"
    pages.mkdir()
    for n in range(3):
        (pages / f"p{n}.txt").write_text(_county_page(200, n), encoding="utf-8")

    @run_async

    async def main() -> None:
        app = CivreadApp([str(pages)])
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(pilot)
            assert len(app.library.articles) == 600 and len(app.main_screen.article_tree.root.children) == 1  # one county group
            app.main_screen.open_article(app.library.articles[0].id, focus_reader=True)
            await pilot.pause()
            tree = app.main_screen.article_tree
            builds = 0
            original = tree._build

            def counting() -> None:
                nonlocal builds
                builds += 1
                original()

            tree._build = counting  # type: ignore[method-assign]
            await pilot.press(*(["right_square_bracket"] * 100))
            await pilot.pause()
            assert app.main_screen.current_id == app.library.articles[100].id
            assert tree.cursor_node is not None and tree.cursor_node.data.id == app.library.articles[100].id
            assert builds <= 2, f"the sidebar rebuilt all {len(app.library.articles)} rows {builds} times for 100 keys"

    main()


def test_a_long_paste_typed_as_keys_is_searched_once_not_per_key() -> None:
    from textual import events

    from civread.widgets.search_bar import SEARCH_MAX_CHARS

    @run_async

    async def main() -> None:
        app = CivreadApp([str(seeds_dir())])
        async with app.run_test(size=(140, 40), notifications=True) as pilot:
            await settle(pilot)
            await pilot.press("slash")
            searches = 0
            original = app.main_screen.search_worker

            def counting(*args: object) -> object:
                nonlocal searches
                searches += 1
                return original(*args)

            app.main_screen.search_worker = counting  # type: ignore[method-assign]
            text = ("肇庆文明创建" * 600)[:3000]
            for ch in text:  # as a terminal without bracketed paste delivers it: all at once
                app.post_message(events.Key(ch, ch))
            for _ in range(200):
                await pilot.pause(0.02)
                if len(app.main_screen.search_bar.input.value) >= SEARCH_MAX_CHARS and not app.main_screen.search_pending:
                    break
            await settle(pilot)
            assert app.main_screen.search_bar.input.value == text[:SEARCH_MAX_CHARS]
            assert searches <= 5, f"{searches} searches for one paste"
            assert any("at most" in n for n in _notices(app))
            assert app.main_screen.result is not None or str(app.main_screen.search_bar.query_one("#search-status").render())

    main()


def test_a_huge_article_is_tagged_in_pieces_with_the_same_words() -> None:
    """Keywords of a very long article are tagged piece by piece (bounded memory) and find the
    same words as tagging it whole."""
    import rjieba

    from civread.measures.keywords import _TAG_CHUNK_CHARS, _join_lines, _tag_chunks, keyword_tokens

    text = "\n\n".join(p.read_text(encoding="utf-8") for p in _seed_files()) * 4
    joined = _join_lines(text)
    assert len(joined) > 3 * _TAG_CHUNK_CHARS
    chunks = list(_tag_chunks(joined))
    assert len(chunks) > 3 and "".join(chunks) == joined
    assert all(len(c) <= _TAG_CHUNK_CHARS for c in chunks)
    assert [w for c in chunks for w, _ in rjieba.tag(c)] == [w for w, _ in rjieba.tag(joined)]
    assert len(keyword_tokens(text)) > 1000
