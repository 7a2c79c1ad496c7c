"""Places side by side: figures found in articles, by place and kind; a figure never found is empty."""

from __future__ import annotations

import csv
import io

from civread.measures.figures import extract_figures
from civread.measures.placetable import Column, build_place_table
from civread.model import Locality

# Three invented counties of one invented prefecture; 河口区 never reports its volunteer teams.
QINGHE = Locality("山南省", "云江市", "青禾县")
BAISHI = Locality("山南省", "云江市", "白石县")
HEKOU = Locality("山南省", "云江市", "河口区")
TEXTS = {
    "p1-01": (QINGHE, "截至目前，青禾县共有注册志愿者3.2万人，组建志愿服务队伍120支。", "2024-03-12"),
    "p2-01": (BAISHI, "白石县注册志愿者已达1.8万人，志愿服务队伍85支。", "2024-03-10"),
    "p3-01": (HEKOU, "河口区注册志愿者达到9600人。", None),
    "p4-01": (Locality(), "某地注册志愿者500人，志愿服务队伍3支。", None),  # no place: in no row
}

VOLUNTEERS = Column("注册志愿者", "人")
TEAMS = Column("志愿服务队伍", "支")


def _table():
    return build_place_table(
        (aid, place, extract_figures(text), date) for aid, (place, text, date) in TEXTS.items()
    )


def test_three_places_one_missing_value() -> None:
    table = _table()
    assert table.columns[:2] == [VOLUNTEERS, TEAMS]  # the column all three report comes first
    counties = {row.name: row for row in table.rows if row.level == 2}
    assert set(counties) == {"青禾县", "白石县", "河口区"}
    assert counties["青禾县"].primary(VOLUNTEERS).number == 32000  # type: ignore[union-attr]
    assert counties["青禾县"].primary(VOLUNTEERS).article_id == "p1-01"  # type: ignore[union-attr]
    assert counties["白石县"].primary(TEAMS).number == 85  # type: ignore[union-attr]
    assert counties["河口区"].primary(TEAMS) is None  # never found: empty, not zero
    # The rows above the counties are there to fold them; they report nothing themselves.
    assert [row.label for row in table.rows[:2]] == ["山南省", "山南省 › 云江市"]
    assert table.rows[0].cells == {}


def test_sorted_by_a_column_with_the_empty_cell_last_either_way() -> None:
    table = _table()
    down = [r.name for r in table.sorted_by(TEAMS, descending=True).rows if r.level == 2]
    up = [r.name for r in table.sorted_by(TEAMS, descending=False).rows if r.level == 2]
    assert down == ["青禾县", "白石县", "河口区"]
    assert up == ["白石县", "青禾县", "河口区"]
    chart = table.values(VOLUNTEERS)  # one column across places, in row order
    assert [row.name for row, _ in chart] == [r.name for r in table.rows if r.level == 2]
    assert sorted(found.number for _, found in chart) == [9600, 18000, 32000]


def test_filtered_by_the_search() -> None:
    table = _table().filtered({"p2-01", "p3-01"})
    assert {r.name for r in table.rows if r.level == 2} == {"白石县", "河口区"}
    assert all(r.primary(VOLUNTEERS) is None or r.primary(VOLUNTEERS).article_id != "p1-01" for r in table.rows)  # type: ignore[union-attr]


def test_csv_has_empty_cells_for_missing_figures() -> None:
    out = io.StringIO()
    _table().write_csv(out, [VOLUNTEERS, TEAMS])
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["province", "prefecture", "county", "注册志愿者 …人", "注册志愿者 …人 article",
                       "志愿服务队伍 …支", "志愿服务队伍 …支 article"]
    by_county = {r[2]: r for r in rows[1:] if r[2]}
    assert by_county["青禾县"][3:] == ["32000", "p1-01", "120", "p1-01"]
    assert by_county["河口区"][3:] == ["9600", "p3-01", "", ""]
    assert ["山南省", "", "", "", "", "", ""] in rows


def test_reprinted_value_is_one_value_and_the_latest_report_is_shown() -> None:
    table = build_place_table([
        ("a-01", QINGHE, extract_figures("青禾县注册志愿者3万人。"), "2023-01-05"),
        ("b-01", QINGHE, extract_figures("青禾县注册志愿者3万人。"), "2023-01-06"),
        ("c-01", QINGHE, extract_figures("青禾县注册志愿者3.2万人。"), "2024-02-01"),
    ])
    row = next(r for r in table.rows if r.name == "青禾县")
    assert [(r.number, r.article_ids) for r in row.cells[VOLUNTEERS]] == [(30000, ["a-01", "b-01"]), (32000, ["c-01"])]
    assert row.primary(VOLUNTEERS).article_id == "c-01"  # type: ignore[union-attr]


def test_csv_cells_are_data_not_formulas() -> None:
    table = build_place_table([("x-01", Locality("=山南省", None, None), extract_figures("注册志愿者100人。"), None)])
    out = io.StringIO()
    table.write_csv(out)
    assert "'=山南省" in out.getvalue()
