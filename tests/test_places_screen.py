"""The places screen: sort, fold, chart, CSV in one key, enter opens the reporting article; cells are text, not markup."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import DataTable, Static

from civread.measures.figures import extract_figures
from civread.measures.placetable import build_place_table
from civread.model import Locality
from civread.screens.places import PlacesScreen
from conftest import run_async

PLACES = {
    "p1-01": (Locality("山南省", "云江市", "青禾县"), "青禾县共有注册志愿者3.2万人，组建志愿服务队伍120支。"),
    "p2-01": (Locality("山南省", "云江市", "白石县"), "白石县注册志愿者已达1.8万人，志愿服务队伍85支。"),
    "p3-01": (Locality("山南省", "云江市", "[b]河口区[/b]"), "河口区注册志愿者达到9600人。"),
}


def _table():
    return build_place_table((aid, place, extract_figures(text), None) for aid, (place, text) in PLACES.items())


class _Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str | None] = []

    def on_mount(self) -> None:
        self.push_screen(PlacesScreen(_table(), filtered_by="志愿"), self.opened.append)


def _cell_texts(table: DataTable) -> list[list[str]]:
    return [[str(getattr(c, "plain", c)) for c in table.get_row_at(r)] for r in range(table.row_count)]


@run_async
async def test_sort_fold_chart_export_and_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIVREAD_EXPORT_DIR", str(tmp_path))
    app = _Host()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlacesScreen)
        table = screen.query_one(DataTable)
        rows = _cell_texts(table)
        assert [r[0] for r in rows] == ["▾ 山南省", "  ▾ 云江市", "      [b]河口区[/b]", "      白石县", "      青禾县"]
        teams = next(k for k, c in enumerate(screen.columns) if c.label == "志愿服务队伍 …支") + 1
        hekou = next(r for r in rows if "河口区" in r[0])
        assert hekou[teams] == ""  # never found: empty, not 0

        # Sort by the teams column: flat, largest first, the place without the figure last.
        table.move_cursor(row=0, column=teams)
        await pilot.press("s")
        assert [r[0] for r in _cell_texts(table)] == [
            "山南省 › 云江市 › 青禾县", "山南省 › 云江市 › 白石县", "山南省 › 云江市 › [b]河口区[/b]"]
        await pilot.press("s")
        assert _cell_texts(table)[0][0].endswith("白石县")
        await pilot.press("s")  # a third time: the places' own order
        assert _cell_texts(table)[0][0].strip() == "▾ 山南省"

        # Fold the prefecture: its counties go.
        table.move_cursor(row=1, column=0)
        await pilot.press("space")
        assert table.row_count == 2
        await pilot.press("space")
        assert table.row_count == 5

        # Chart of the volunteers column across places.
        volunteers = next(k for k, c in enumerate(screen.columns) if c.label == "注册志愿者 …人") + 1
        table.move_cursor(row=2, column=volunteers)
        await pilot.press("c")
        chart = str(screen.query_one("#places-chart", Static).render())
        assert "注册志愿者 …人 across places (3)" in chart and "3.2万人" in chart

        # One key: the CSV.
        await pilot.press("e")
        written = list(tmp_path.glob("civread-places-*.csv"))
        assert len(written) == 1
        lines = list(csv.reader(written[0].open(encoding="utf-8-sig")))
        assert lines[0][:3] == ["province", "prefecture", "county"]
        assert ["山南省", "云江市", "[b]河口区[/b]", "9600", "p3-01", "", ""] in lines
        assert ["山南省", "云江市", "青禾县", "32000", "p1-01", "120", "p1-01"] in lines

        # Enter on a value opens the article that reports it.
        row_of = {r[0].strip(" ▾▸"): k for k, r in enumerate(_cell_texts(table))}
        table.move_cursor(row=row_of["白石县"], column=volunteers)
        await pilot.press("enter")
        await pilot.pause()
    assert app.opened == ["p2-01"]


@run_async
async def test_nothing_to_line_up_says_so() -> None:
    class Empty(App[None]):
        def on_mount(self) -> None:
            self.push_screen(PlacesScreen(build_place_table([]), filtered_by="无此词"))

    app = Empty()
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        title = str(app.screen.query_one("#places-title", Static).render())
        assert "nothing to line up" in title
        await pilot.press("enter", "s", "c", "space")  # nothing under the cursor: no error
