"""Places side by side (`p`): what the articles report, place by place, one kind of figure a column.

The table is `civread.measures.placetable.PlaceTable` (made from the stored measures, filtered by
the search when one is on); this screen only shows it. Rows are places indented under their
province and prefecture (`space` folds a place's rows); `s` sorts by the column under the cursor
(again: the other way; the places' own order once more), `c` charts that column across places,
`e` writes the table to a CSV file, `enter` opens the article that reports the value under the
cursor. Page text is data: every cell is a `Text`, never markup.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from civread.measures.placetable import Column, PlaceRow, PlaceTable
from civread.widgets.metrics_panel import bar_cells

__all__ = ["PlacesScreen", "export_dir"]

# Kinds of figures shown at most (the commonest first: a kind one place reports is still in the CSV).
MAX_COLUMNS = 40
_PLACE_WIDTH = 24


def export_dir() -> Path:
    """Where `e` writes: $CIVREAD_EXPORT_DIR, else the current folder."""
    return Path(os.environ.get("CIVREAD_EXPORT_DIR") or os.getcwd())


class PlacesScreen(Screen[str | None]):
    """The places table; dismissed with the id of an article to open, or None."""

    BINDINGS = [
        Binding("escape,q,p", "close", "Back", id="places.close"),
        Binding("s", "sort", "Sort by column", id="places.sort"),
        Binding("c", "chart", "Chart column", id="places.chart"),
        Binding("e", "export_csv", "Export CSV", id="places.export"),
        Binding("space", "fold", "Fold place", id="places.fold"),
        Binding("enter", "open_article", "Open article", id="places.open"),
    ]

    DEFAULT_CSS = """
    PlacesScreen { layout: vertical; }
    PlacesScreen > #places-title { height: 1; padding: 0 1; background: $boost; }
    PlacesScreen > DataTable { height: 1fr; }
    PlacesScreen > #places-chart { height: auto; max-height: 50%; padding: 0 1; border-top: solid $accent; display: none; }
    PlacesScreen > #places-chart.-shown { display: block; }
    """

    def __init__(self, table: PlaceTable, *, filtered_by: str = "", titles: Callable[[str], str] | None = None) -> None:
        super().__init__()
        self.source = table
        self.filtered_by = filtered_by
        self.titles = titles  # article id → its title, for the chart's and the status's lines
        self.columns = table.columns[:MAX_COLUMNS]
        self.sort_column: Column | None = None
        self.descending = True
        self.folded: set[tuple[str, ...]] = set()
        self.shown: list[PlaceRow] = []
        self.chart_column: Column | None = None
        self.last_export: Path | None = None

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="places-title")
        table: DataTable[Text] = DataTable(cursor_type="cell", zebra_stripes=True)
        yield table
        yield Static(id="places-chart")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("Place", style="bold"), width=_PLACE_WIDTH, key="place")
        for k, column in enumerate(self.columns):
            table.add_column(Text(column.label), key=f"c{k}")
        self._fill()
        table.focus()

    # ---------------------------------------------------------------- drawing

    def _title(self) -> Text:
        places = sum(1 for r in self.source.rows if r.cells)
        text = Text(f"Places side by side — {places} places report {len(self.source.columns)} kinds of figures")
        if self.filtered_by:
            text.append(" · search: ")
            text.append(self.filtered_by, style="bold")
        if self.sort_column is not None:
            text.append(f" · sorted by {self.sort_column.label} {'↓' if self.descending else '↑'}")
        if not self.source.rows:
            text = Text("No figures with a place" + (" among the search's matches" if self.filtered_by else "")
                        + ": nothing to line up.")
        return text

    def _rows(self) -> list[PlaceRow]:
        if self.sort_column is not None:
            ordered = self.source.sorted_by(self.sort_column, self.descending).rows
            return [r for r in ordered if r.cells]  # sorted: the places that report something, flat
        return [r for r in self.source.rows if not any(r.parts[:k] in self.folded for k in range(1, len(r.parts)))]

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        row_before, column_before = table.cursor_row, table.cursor_column
        table.clear()
        self.shown = self._rows()
        for row in self.shown:
            cells: list[Text] = [self._place_cell(row)]
            for column in self.columns:
                cells.append(self._value_cell(row, column))
            table.add_row(*cells)
        if self.shown:
            table.move_cursor(row=min(row_before, len(self.shown) - 1), column=column_before)
        self.query_one("#places-title", Static).update(self._title())
        if self.chart_column is not None:
            self._draw_chart()

    def _place_cell(self, row: PlaceRow) -> Text:
        if self.sort_column is not None:
            return Text(row.label, overflow="ellipsis", no_wrap=True)
        children = any(r.parts[: len(row.parts)] == row.parts and len(r.parts) > len(row.parts) for r in self.source.rows)
        marker = ("▸ " if row.parts in self.folded else "▾ ") if children else "  "
        return Text("  " * row.level + marker + row.name, style="bold" if row.level == 0 else "", no_wrap=True)

    @staticmethod
    def _value_cell(row: PlaceRow, column: Column) -> Text:
        found = row.primary(column)
        if found is None:
            return Text("")  # never found: empty, never 0
        more = len(row.cells.get(column, ())) - 1
        cell = Text(found.value, justify="right")
        if more > 0:
            cell.append(f" +{more}", style="dim")
        return cell

    def _draw_chart(self) -> None:
        chart = self.query_one("#places-chart", Static)
        column = self.chart_column
        if column is None:
            chart.set_class(False, "-shown")
            return
        values = [(row, found) for row, found in self.source.sorted_by(column).values(column)]
        values.sort(key=lambda pair: -pair[1].number)
        width = max(10, self.size.width - _PLACE_WIDTH - 18)
        top = max((found.number for _, found in values), default=0)
        lines = Text(f"{column.label} across places ({len(values)})\n", style="bold")
        for row, found in values[:20]:
            lines.append(Text(row.name[:_PLACE_WIDTH].ljust(_PLACE_WIDTH)))
            lines.append(bar_cells(found.number, top, width), style="cyan")
            lines.append(f" {found.value}\n")
        if len(values) > 20:
            lines.append(f"… {len(values) - 20} more places", style="dim")
        chart.update(lines)
        chart.set_class(True, "-shown")

    # ---------------------------------------------------------------- what the cursor is on

    def _cursor(self) -> tuple[PlaceRow | None, Column | None]:
        table = self.query_one(DataTable)
        row = self.shown[table.cursor_row] if 0 <= table.cursor_row < len(self.shown) else None
        k = table.cursor_column - 1
        return row, (self.columns[k] if 0 <= k < len(self.columns) else None)

    # ---------------------------------------------------------------- actions

    def action_close(self) -> None:
        self.dismiss(None)

    def action_sort(self) -> None:
        """Sort by the column under the cursor; again: the other way; a third time: by place."""
        _, column = self._cursor()
        if column is None:
            self.sort_column, self.descending = None, True
        elif column != self.sort_column:
            self.sort_column, self.descending = column, True
        elif self.descending:
            self.descending = False
        else:
            self.sort_column, self.descending = None, True
        self._fill()

    def action_chart(self) -> None:
        _, column = self._cursor()
        self.chart_column = None if column is None or column == self.chart_column else column
        self._draw_chart()

    def action_fold(self) -> None:
        row, _ = self._cursor()
        if row is None or self.sort_column is not None:
            return
        if row.parts in self.folded:
            self.folded.discard(row.parts)
        else:
            self.folded.add(row.parts)
        self._fill()

    def action_open_article(self) -> None:
        row, column = self._cursor()
        found = row.primary(column) if row is not None and column is not None else None
        if found is None:
            self.app.notify("No figure here: move to a value to open the article that reports it.", markup=False)
            return
        self.dismiss(found.article_id)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """Enter (or a click) on a value opens the article that reports it."""
        event.stop()
        self.action_open_article()

    def action_export_csv(self) -> None:
        """The whole table (every kind, not only those shown) as CSV, in one key."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = export_dir() / f"civread-places-{stamp}.csv"
        n = 1
        while target.exists():
            n += 1
            target = export_dir() / f"civread-places-{stamp}-{n}.csv"
        rows = self.source.sorted_by(self.sort_column, self.descending) if self.sort_column else self.source
        try:
            with open(target, "x", encoding="utf-8-sig", newline="") as out:
                rows.write_csv(out)
        except OSError as exc:
            self.app.notify(f"Could not write the CSV: {exc.strerror or exc}", severity="error", markup=False)
            return
        self.last_export = target
        self.app.notify(f"Wrote {len(rows.rows)} places × {len(rows.columns)} kinds to {target}", markup=False)
