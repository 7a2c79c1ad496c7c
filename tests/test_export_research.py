"""The export carries each article's date, where the date came from, and its reprint group."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from civread import export
from test_dates import MASTHEAD_PAGE
from test_reprints import ORIGINAL, OTHER, REPRINT, count_groupings


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIVREAD_CACHE_DIR", str(tmp_path / "cache"))


def _pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, text in (("1-original.txt", ORIGINAL), ("2-other.txt", OTHER), ("3-reprint.txt", REPRINT),
                       ("4-masthead.txt", MASTHEAD_PAGE)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_jsonl_and_csv_carry_date_source_and_reprint_group(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _pages(tmp_path)
    assert export.main([str(folder)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_title = {r["title"]: r for r in records}
    original = by_title["我县启动“清洁家园”整治行动"]
    reprint = by_title["三个月集中整治农村人居环境"]
    assert original["reprint_group"] == reprint["reprint_group"] == original["id"]
    assert by_title["白石镇举办春耕农技培训"]["reprint_group"] is None
    assert (reprint["date"], reprint["date_source"]) == (None, "none")  # 5月3日, and no year on its page
    assert (by_title["青禾县启动春季植树行动"]["date"], by_title["青禾县启动春季植树行动"]["date_source"]) == (
        "2024-03-12", "masthead")
    assert {r["date_source"] for r in records} == {"none", "masthead", "dateline", "lead"}

    assert export.main(["--format", "csv", str(folder)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert {r["id"]: (r["date"], r["date_source"], r["reprint_group"]) for r in rows} == {
        r["id"]: (r["date"] or "", r["date_source"], r["reprint_group"] or "") for r in records
    }


def test_in_memory_records_group_reprints_too(tmp_path: Path) -> None:
    from civread.corpus import load_corpus

    corpus = load_corpus([_pages(tmp_path)], cache=False, workers=1)
    groups = {r["title"]: r["reprint_group"] for r in export.records(corpus)}
    assert groups["三个月集中整治农村人居环境"] == groups["我县启动“清洁家园”整治行动"] is not None


def test_parquet_has_typed_dates(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out.parquet"
    assert export.main(["--format", "parquet", "-o", str(out), str(_pages(tmp_path))]) == 0
    table = pq.read_table(out)
    assert {"date", "date_source", "reprint_group"} <= set(table.column_names)
    assert str(table.schema.field("date").type) == "date32[day]"


def test_the_reprint_grouping_is_kept_and_made_again_when_a_page_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm export reads the grouping the last one kept (no signature regrouped); a changed page
    is another key, so the grouping is made again, and it is the in-memory export's."""
    from civread.corpus import load_corpus

    made = count_groupings(monkeypatch, export)
    folder = _pages(tmp_path)
    assert export.main([str(folder)]) == 0
    first = capsys.readouterr().out
    assert len(made) == 1
    assert export.main([str(folder)]) == 0
    assert capsys.readouterr().out == first  # the kept grouping, byte for byte the same records
    assert len(made) == 1

    # The unrelated story becomes another printing of the first one (its body lightly edited).
    (folder / "2-other.txt").write_text(ORIGINAL.replace("我县启动", "白石镇转载：我县启动").replace("近日", "日前"),
                                        encoding="utf-8")
    assert export.main([str(folder)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(made) == 2
    groups = {r["source"]: r["reprint_group"] for r in records}
    assert groups["1-original.txt"] == groups["2-other.txt"] == groups["3-reprint.txt"] is not None
    in_memory = export.records(load_corpus([folder], cache=False, workers=1))
    assert {r["id"]: r["reprint_group"] for r in records} == {r["id"]: r["reprint_group"] for r in in_memory}
