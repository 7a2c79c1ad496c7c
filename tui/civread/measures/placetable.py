"""Places side by side: what the articles report, by place and by kind of figure.

Why: researchers compare places ("which counties report how many registered volunteers"), and
the figures are already found in every article (`measures.figures`, stored with the page
measures). This lines them up without reading any text again.

* rows are places, province › prefecture › county, each with the rows above it (a county's
  prefecture and province are rows too, so a view can fold them), in place order;
* columns are kinds of figures: what is counted and its unit ("注册志愿者 …人", "志愿服务队伍
  …支", "投资 …元"), ordered by how many places report them;
* a cell holds every value reported for that place and kind, each with the article that reports
  it; its `primary` is the latest dated one (else the first in corpus order). Several articles
  giving the same value (reprints) are one value with several articles.
* a figure never found is an empty cell, never zero; a figure whose article has no place is in
  no row (there is no place to put it beside).

Sortable by any column (empty cells last either way), filterable by a set of article ids (the
search's matches), written as CSV (a value and an article column per kind). Pure: no Textual, no Rich.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from civread.measures.figures import Figure
from civread.model import Locality

__all__ = ["Column", "PlaceRow", "PlaceTable", "Reported", "build_place_table", "kind_of"]

# What figures.py says is counted often opens on where ("青禾县共有注册志愿者"): the place and the
# scope words go, so every place's figure falls in one column. A name of two to six characters
# ending on an administrative suffix, then words that say how many there are, not what.
_PLACE_HEAD = re.compile(r"^[\u4e00-\u9fff]{2,6}?(?:自治州|自治县|省|市|县|区|州|旗)")
_SCOPE_HEAD = re.compile(r"^(?:全省|全市|全县|全区|全镇|全乡|全村|全州|共有|已有|现有|拥有|累计|共计|合计|共|已|现|有|达)+")


def kind_of(counts: str) -> str:
    """What a figure counts without the place and scope words that open it ("" stays "")."""
    from civread.pipeline.gazetteer import find_places

    text = counts
    for _ in range(3):
        before = text
        mentions = find_places(text)
        if mentions and mentions[0].start == 0:
            text = text[mentions[0].end :]
        else:
            match = _PLACE_HEAD.match(text)
            if match and len(text) - match.end() >= 2:
                text = text[match.end() :]
        text = _SCOPE_HEAD.sub("", text)
        if text == before:
            break
    return text if len(text) >= 2 else counts


@dataclass(frozen=True, slots=True, order=True)
class Column:
    """A kind of figure: what it counts (may be "") and its unit."""

    counts: str
    unit: str

    @property
    def label(self) -> str:
        return f"{self.counts} …{self.unit}" if self.counts else f"…{self.unit}"


@dataclass(slots=True)
class Reported:
    """One value a place reports for one kind of figure, and the articles that report it."""

    number: float
    value: str  # as written: "83万人"
    article_ids: list[str]
    date: str | None = None  # the first reporting article's date (ISO), when it has one
    high: float | None = None

    @property
    def article_id(self) -> str:
        return self.article_ids[0]


@dataclass(slots=True)
class PlaceRow:
    """A place and, per kind of figure, what its articles report."""

    parts: tuple[str, ...]  # ("广东省", "肇庆市", "端州区")
    cells: dict[Column, list[Reported]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return " › ".join(self.parts)

    @property
    def name(self) -> str:
        return self.parts[-1]

    @property
    def level(self) -> int:
        """0 province, 1 prefecture, 2 county."""
        return len(self.parts) - 1

    def primary(self, column: Column) -> Reported | None:
        """The value shown for a kind: the latest dated report, else the first; None if never found."""
        values = self.cells.get(column)
        if not values:
            return None
        dated = [r for r in values if r.date]
        return max(dated, key=lambda r: r.date or "") if dated else values[0]

    def article_ids(self) -> set[str]:
        return {a for values in self.cells.values() for r in values for a in r.article_ids}


@dataclass(slots=True)
class PlaceTable:
    columns: list[Column]
    rows: list[PlaceRow]

    def column_named(self, label: str) -> Column | None:
        return next((c for c in self.columns if c.label == label), None)

    def sorted_by(self, column: Column | None, descending: bool = True) -> "PlaceTable":
        """Rows ordered by a column's primary values (empty cells last), or by place (None)."""
        if column is None:
            return PlaceTable(self.columns, sorted(self.rows, key=_place_key))
        found = [r for r in self.rows if r.primary(column) is not None]
        empty = [r for r in self.rows if r.primary(column) is None]
        found.sort(key=lambda r: (r.primary(column).number, _place_key(r)), reverse=descending)  # type: ignore[union-attr]
        return PlaceTable(self.columns, found + sorted(empty, key=_place_key))

    def filtered(self, keep: Callable[[str], bool] | set[str]) -> "PlaceTable":
        """Only what the kept articles report (e.g. the search's matches); places and kinds left
        with nothing go, except the rows above a kept place."""
        allowed = keep.__contains__ if isinstance(keep, set) else keep
        rows: list[PlaceRow] = []
        for row in self.rows:
            cells: dict[Column, list[Reported]] = {}
            for column, values in row.cells.items():
                kept = [r for r in values if any(allowed(a) for a in r.article_ids)]
                if kept:
                    cells[column] = kept
            rows.append(PlaceRow(row.parts, cells))
        return _finish(rows)

    def values(self, column: Column) -> list[tuple[PlaceRow, Reported]]:
        """One column across places (for a chart): the places that report it, in row order."""
        out: list[tuple[PlaceRow, Reported]] = []
        for row in self.rows:
            found = row.primary(column)
            if found is not None:
                out.append((row, found))
        return out

    def write_csv(self, out: TextIO, columns: Sequence[Column] | None = None) -> None:
        """Province, prefecture, county, then a value and an article column per kind; empty cells
        are empty strings (never 0). Text from pages is data: cells that a spreadsheet would read
        as a formula are prefixed with a quote."""
        chosen = list(columns) if columns is not None else self.columns
        writer = csv.writer(out)
        header = ["province", "prefecture", "county"]
        for c in chosen:
            header += [_safe_cell(c.label), _safe_cell(f"{c.label} article")]
        writer.writerow(header)
        for row in self.rows:
            parts = list(row.parts) + [""] * (3 - len(row.parts))
            line = [_safe_cell(p) for p in parts[:3]]
            for c in chosen:
                found = row.primary(c)
                line += ["", ""] if found is None else [_number_text(found.number), found.article_id]
            writer.writerow(line)


def _safe_cell(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _number_text(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else repr(number)


def _place_key(row: PlaceRow) -> tuple[str, ...]:
    return row.parts


def build_place_table(
    articles: Iterable[tuple[str, Locality, Sequence[Figure], str | None]],
) -> PlaceTable:
    """The table from each article's (id, place, figures, date), in corpus order."""
    rows: dict[tuple[str, ...], PlaceRow] = {}
    for article_id, locality, figures, date in articles:
        if locality is None or not locality.is_located or not figures:
            continue
        parts = locality.parts
        row = rows.get(parts)
        if row is None:
            row = rows[parts] = PlaceRow(parts)
        for figure in figures:
            column = Column(kind_of(figure.counts), figure.unit)
            values = row.cells.setdefault(column, [])
            same = next((r for r in values if r.number == figure.number and r.high == figure.high), None)
            if same is not None:
                if article_id not in same.article_ids:
                    same.article_ids.append(article_id)
            else:
                values.append(Reported(figure.number, figure.value, [article_id], date, figure.high))
    return _finish(list(rows.values()))


def _finish(rows: list[PlaceRow]) -> PlaceTable:
    """Drop rows left with nothing, add the rows above every kept place, order rows and columns."""
    kept = {row.parts: row for row in rows if row.cells}
    for parts in list(kept):
        for k in range(1, len(parts)):
            kept.setdefault(parts[:k], PlaceRow(parts[:k]))
    places_per_column: dict[Column, int] = {}
    for row in kept.values():
        for column in row.cells:
            places_per_column[column] = places_per_column.get(column, 0) + 1
    columns = sorted(places_per_column, key=lambda c: (-places_per_column[c], c.counts == "", c.label))
    return PlaceTable(columns, sorted(kept.values(), key=_place_key))
