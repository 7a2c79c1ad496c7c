"""The reader on hostile input, through App.run_test: files that cannot be pages are listed with
their reason, and page text full of terminal escapes, markup, bidi overrides or one enormous line
reaches the screen as plain, literal, escape-free text."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.pilot import Pilot

from civread.app import CivreadApp
from civread.search import fold_text
from civread.seeds import seeds_dir
from conftest import run_async, settle

ESC = "\x1b"
HEADLINE = "市民热议文明新风"
# Escapes of every kind a scraped page or a hostile file can carry, between ordinary sentences.
HOSTILE_PAGE = (
    f"{HEADLINE}\n\n"
    "\x1b]0;被篡改的终端标题\x07本报讯 记者走访多个社区，\x1b[31;1m居民纷纷表示\x1b[0m支持这项工作。"
    "\x1b]8;;http://example.com\x1b\\链接文字\x1b]8;;\x1b\\ 社区负责人介绍了今年的志愿服务情况。\x1bc\n\n"
    "[bold red]注意[/] 方括号里的文字[link=http://example.com]不是标记[/link]，应当原样显示。\n\n"
    "\u202e这一段含有双向文本覆盖字符\u202c，阅读器不应让它改变显示方向。\u2066隔离\u2069\n\n"
    + "长" * 100_000
    + "。\n"
)


def _folder(tmp_path: Path) -> Path:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "empty.txt").write_bytes(b"")
    (pages / "binary.dat").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (pages / "nul.txt").write_bytes(b"\x00" * 4096)
    (pages / "hostile.txt").write_text(HOSTILE_PAGE, encoding="utf-8")
    shutil.copy(sorted(seeds_dir().glob("*.txt"))[0], pages / "seed.txt")
    return pages


def _screen_text(pilot: Pilot[None]) -> str:
    """Everything the terminal would be sent for the current screen, as text."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def test_bad_files_listed_and_hostile_pages_shown_literally_without_escapes(tmp_path: Path) -> None:
    pages = _folder(tmp_path)

    @run_async

    async def main() -> None:
        app = CivreadApp([str(pages)])
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            # Each bad file, once, as "path: reason"; the good ones are open.
            listed = str(app.main_screen.problems.query_one("#problems-text").render())
            reasons = {Path(p.path).name: p.reason for p in app.library.problems}
            assert set(reasons) == {"empty.txt", "binary.dat", "nul.txt"}
            assert "empty" in reasons["empty.txt"] and "binary" in reasons["binary.dat"]
            assert "binary" in reasons["nul.txt"] or "NUL" in reasons["nul.txt"]
            for name, reason in reasons.items():
                assert f"{name}: {reason}" in listed
            assert app.main_screen.problems.showing
            sources = {Path(app.library.page_paths[a.page_key]).name for a in app.library.articles}
            assert sources == {"hostile.txt", "seed.txt"}

            # Every article of both pages opens; no escape character ever reaches the screen.
            hostile_text = ""
            for summary in list(app.library.articles):
                app.main_screen.open_article(summary.id, scroll_y=0)
                await pilot.pause()
                assert app.main_screen.current_id == summary.id
                screen = _screen_text(pilot)
                assert ESC not in screen and "\x07" not in screen and "\u202e" not in screen
                assert ESC not in "".join(app.main_screen.reader.lines)
                if Path(app.library.page_paths[summary.page_key]).name == "hostile.txt":
                    hostile_text += "".join(app.main_screen.reader.lines)
                    # The original-text view is sanitized too.
                    await pilot.press("o")
                    assert app.main_screen.reader.original
                    assert ESC not in _screen_text(pilot) and ESC not in "".join(app.main_screen.reader.lines)
                    await pilot.press("o")
            # The words around the escapes survive; markup is shown as the characters it is.
            folded = fold_text(hostile_text)
            assert "居民纷纷表示支持这项工作" in folded and "链接文字" in folded
            assert "[bold red]注意[/]" in hostile_text and "[link=http://example.com]不是标记[/link]" in hostile_text
            assert "长" * 1000 in folded  # the 100,000-character line is there, wrapped
            hostile = next(a for a in app.library.articles if Path(app.library.page_paths[a.page_key]).name == "hostile.txt")
            app.main_screen.open_article(hostile.id, scroll_y=0, focus_reader=True)
            await pilot.press("G")  # to the end of the longest article: still responsive
            await pilot.wait_for_scheduled_animations()  # G scrolls with an animation
            assert app.main_screen.reader.scroll_y == app.main_screen.reader.max_scroll_y
            # Searching the markup finds it as text.
            await pilot.press("slash", *"[bold")
            await settle(pilot)
            assert app.main_screen.result is not None and app.main_screen.result.total_matches >= 1
            assert ESC not in _screen_text(pilot)

    main()
