"""In the reader: reprints marked ×N and listed, r opens the next printing; the date under the headline."""

from __future__ import annotations

from pathlib import Path

from civread.app import CivreadApp
from conftest import run_async, settle
from test_dates import MASTHEAD_PAGE
from test_reprints import ORIGINAL, OTHER, REPRINT


def _pages(tmp_path: Path) -> list[str]:
    out = []
    for name, text in (("a-original.txt", ORIGINAL), ("b-reprint.txt", REPRINT), ("c-other.txt", OTHER),
                       ("d-masthead.txt", MASTHEAD_PAGE)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        out.append(str(path))
    return out


@run_async
async def test_reprints_marked_listed_and_opened(tmp_path: Path) -> None:
    app = CivreadApp(_pages(tmp_path))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        by_title = {a.title: a.id for a in app.library.articles}
        original, reprint = by_title["我县启动“清洁家园”整治行动"], by_title["三个月集中整治农村人居环境"]
        assert screen.article_tree.printings == {original: 2, reprint: 2}
        assert screen.metrics.reprinted == 1  # the corpus counts the story once
        screen.open_article(reprint)
        await settle(pilot)
        lines = screen.reader.lines
        assert "Also ran 1 more time (r opens the next):" in lines
        assert any("我县启动“清洁家园”整治行动 — a-original.txt" in line for line in lines)
        assert "Date: the page does not say" in lines  # 5月3日, and no year anywhere on its page
        screen.reader.focus()
        await pilot.press("r")
        await settle(pilot)
        assert screen.current_id == original
        screen.open_article(by_title["青禾县启动春季植树行动"])
        await settle(pilot)
        assert "Date: 2024-03-12 (from the page's masthead)" in screen.reader.lines
        await pilot.press("r")  # a story that ran once: said, nothing opens
        await settle(pilot)
        assert screen.current_id == by_title["青禾县启动春季植树行动"]


@run_async
async def test_sidebar_by_date_and_back(tmp_path: Path) -> None:
    app = CivreadApp(_pages(tmp_path))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        tree = app.main_screen.article_tree
        by_place = [str(node.label) for node in tree.root.children]
        app.main_screen.article_tree.focus()
        await pilot.press("d")
        await settle(pilot)
        months = [str(node.label).split()[0] for node in tree.root.children]
        assert months == ["2024-03", "2023-12", "Undated"]  # newest first, undated last
        await pilot.press("d")
        await settle(pilot)
        assert [str(node.label) for node in tree.root.children] == by_place
