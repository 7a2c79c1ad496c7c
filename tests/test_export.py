"""`civread export`: one record per article in every format, bad files skipped, safe output."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from civread import export
from civread.corpus import load_corpus
from civread.pipeline.script import traditional_only_chars
from civread.seeds import seeds_dir

FIELDS = {"id", "source", "kind", "title", "subtitle", "byline", "locality", "paragraphs", "text", "metrics", "original_script"}
JUNK = ("分享到", "ICP", "版权", "责任编辑：", "Powered by")

HOSTILE = """# 这一行不是标题
社区举办[link](x)活动，居民<script>alert(1)</script>参加。
表格 | 不是 | 表格，*不是强调*，`不是代码`，&amp; 不是实体。
> 不是引用，而是正文的一部分。
- 不是列表项，120名志愿者参加。
1. 不是编号列表，也是正文。
=SUM(A1:A9) 不是公式，是一段文字。
"""


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIVREAD_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = export.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _seed_article_ids() -> list[str]:
    return [a.id for a in load_corpus([seeds_dir()], cache=False, workers=1).articles]


def test_jsonl_on_the_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys)
    assert code == 0 and err == ""
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == _seed_article_ids()
    traditional = traditional_only_chars()
    for rec in records:
        assert FIELDS <= set(rec), rec["id"]
        assert set(rec["locality"]) == {"province", "prefecture", "county"}
        assert rec["kind"] in ("article", "photo")
        assert rec["text"] == "\n\n".join(p["text"] for p in rec["paragraphs"])
        assert {"han_chars", "sentences", "reading_minutes", "figures", "keywords", "cleaning"} <= set(rec["metrics"])
        blob = json.dumps(rec, ensure_ascii=False)
        assert not (set(blob) & traditional), rec["id"]
        assert not any(j in blob for j in JUNK), rec["id"]
    assert any(r["original_script"] == "traditional" for r in records)
    # Stable ids: a second run (now from the cache) gives the same records.
    code, again, _ = _run(capsys)
    assert code == 0 and [json.loads(x)["id"] for x in again.splitlines()] == [r["id"] for r in records]


def test_csv_parses_back_with_bom_and_one_row_per_article(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    code, out, err = _run(capsys, "--format", "csv", "-o", str(target))
    assert code == 0 and out == "" and err == ""
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["id"] for r in rows] == _seed_article_ids()
    assert tuple(rows[0]) == export.CSV_COLUMNS
    for row in rows:
        assert row["text"] and int(row["han_chars"]) > 0
        assert json.loads(row["paragraphs"])[0]["text"] in row["text"]
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values())
    assert sorted(os.listdir(tmp_path)) == ["out.csv"]  # no temp file left behind


def test_markdown_on_the_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--format", "md")
    assert code == 0
    ids = _seed_article_ids()
    assert out.count("\n## ") == len(ids)
    assert all(f"`{i}`" in out for i in ids)
    assert "Unlocated" in out or " › " in out


def test_markdown_escapes_a_hostile_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = tmp_path / "hostile.txt"
    page.write_text(HOSTILE, encoding="utf-8")
    code, out, _ = _run(capsys, "--format", "md", str(page))
    assert code == 0
    body = out.split("\n## ", 1)[1]
    for line in body.splitlines():
        assert not line.startswith(("# ", "> ", "- ", "1. ", "<", "=", "|")), line
    assert "[link](x)" not in out and "<script>" not in out
    assert "\\[link\\]" in out and "\\<script\\>" in out
    assert "表格 \\| 不是" in out
    # The escapes render back to the page's words: nothing was lost.
    assert "这一行不是标题" in out and "不是公式" in out


def test_md_escape_and_csv_safe_directly() -> None:
    assert export.md_escape("# 标题") == "\\# 标题"
    assert export.md_escape("1. 一") == "1\\. 一"
    assert export.md_escape("a<b>|c[d](e)*f*") == "a\\<b\\>\\|c\\[d\\](e)\\*f\\*"
    assert export.md_escape("    缩进") == "缩进"
    assert export.md_escape("---") == "\\---"
    for bad in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx"):
        assert export.csv_safe(bad) == "'" + bad
    assert export.csv_safe("正常") == "正常" and export.csv_safe(3) == 3


def test_csv_of_a_hostile_page_is_formula_safe(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = tmp_path / "hostile.txt"
    page.write_text("=HYPERLINK(\"http://x\")\n" + HOSTILE, encoding="utf-8")
    code, out, _ = _run(capsys, "--format", "csv", str(page))
    assert code == 0
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"), newline="")))
    assert len(rows) >= 2
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_bad_files_are_skipped_with_one_line_each(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = next(seeds_dir().glob("*.txt"))
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_bytes(good.read_bytes())
    (folder / "bad.bin").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    code, out, err = _run(capsys, str(folder), str(empty), str(missing))
    assert code == 0
    assert len(out.splitlines()) >= 1
    assert {json.loads(x)["source"] for x in out.splitlines()} == {"good.txt"}
    lines = err.splitlines()
    assert len(lines) == 3, err
    for name in ("bad.bin", "empty.txt", "missing.txt"):
        (line,) = [x for x in lines if name in x]
        assert "skipped" in line
    assert "Traceback" not in err


def test_nothing_readable_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = _run(capsys, str(empty), str(tmp_path / "nope"))
    assert code == 2 and out == ""
    assert "nothing could be read" in err and "Traceback" not in err


def test_bad_option_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        export.main(["--format", "xml"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_output_never_overwrites_an_input_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    data = next(seeds_dir().glob("*.txt")).read_bytes()
    page.write_bytes(data)
    code, _, err = _run(capsys, str(page), "-o", str(page))
    assert code == 2 and "input" in err
    assert page.read_bytes() == data
    # Replacing an earlier export is atomic and complete.
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    assert _run(capsys, str(page), "-o", str(target))[0] == 0
    assert all(json.loads(x)["source"] == "page.txt" for x in target.read_text(encoding="utf-8").splitlines())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "page.txt"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    fake = _Terminal()
    monkeypatch.setattr(sys, "stderr", fake)
    assert export.main([]) == 0
    shown = fake.getvalue()
    assert "\r" in shown and "pages/s" in shown and "5/5" in shown
    assert shown.endswith("\r\x1b[K")  # the line is cleared when done
    capsys.readouterr()
    # Not a terminal (capsys): no progress at all.
    assert _run(capsys)[2] == ""


def test_console_script_dispatches_export(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "civread"
    env = {**os.environ, "CIVREAD_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run([str(exe), "export", "--format", "jsonl"], capture_output=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    ids = [json.loads(x)["id"] for x in result.stdout.decode("utf-8").splitlines()]
    assert ids == _seed_article_ids()
    assert result.stderr == b""


def test_progress_line_shows_done_total_rate_and_time_left() -> None:
    shown = _Terminal()
    line = export._ProgressLine(shown, "writing")
    line.start -= 2.0  # two seconds in: 1 of 4 pages done → 0.5 pages/s, 6 s left
    line(1, 4)
    text = shown.getvalue()
    assert text.startswith("\rwriting ") and "1/4 pages" in text and "0.5 pages/s" in text
    assert "0:06 left" in text
    line.last = 0.0
    line(4, 4)
    assert shown.getvalue().count("left") == 1  # nothing left to wait for at the end
    line.finish()
    assert shown.getvalue().endswith("\r\x1b[K")


def test_a_page_that_cannot_be_read_back_is_reported_not_dropped_silently(tmp_path: Path) -> None:
    """Planned in the first pass, then gone from both the cache and the disk: the second pass
    writes the other pages and names the lost one."""
    from civread.cache import PageCache
    from civread.measures.keywords import KeywordModel

    page = tmp_path / "页.txt"
    page.write_text("新闻标题：一\n\n本报讯 某村修好了一条路，村民出行更方便了。\n", encoding="utf-8")
    with PageCache(tmp_path / "cache") as store:
        plan = export._first_pass([str(page)], store, None, [])
        assert len(plan.pages) == 1 and not plan.problems
        gone = tmp_path / "gone.txt"
        plan.pages.append((str(gone), "0" * 40, 1, 1))
        plan.model = plan.model or KeywordModel()
        lines = b"".join(b"".join(batch) for batch in export._record_batches(plan, store, None)).splitlines()
    assert len(lines) == plan.pages[0][2] and json.loads(lines[0])["source"] == "页.txt"
    assert [p.path for p in plan.lost] == [str(gone)]


def test_a_warm_export_loads_neither_the_pipeline_stages_nor_the_tokeniser(tmp_path: Path) -> None:
    """Exporting pages the cache already holds reads and writes: the pipeline's stages, the
    process pool and rjieba are not even imported (what a first export needs, a second does not)."""
    page = tmp_path / "pages" / "页.txt"
    page.parent.mkdir()
    page.write_text("新闻标题：一\n\n本报讯 某村修好了一条路，村民出行更方便了。\n", encoding="utf-8")
    env = dict(os.environ, CIVREAD_CACHE_DIR=str(tmp_path / "cache"))
    probe = (
        "import sys\nfrom civread.export import main\n"
        f"assert main([{str(page.parent)!r}, '-o', {str(tmp_path / 'out.jsonl')!r}]) == 0\n"
        "print(sorted(m for m in ('civread.pipeline.process', 'civread.parallel', 'rjieba') if m in sys.modules))\n"
    )
    runs = [subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True) for _ in "12"]
    assert runs[0].stdout.strip() == "['civread.parallel', 'civread.pipeline.process', 'rjieba']"  # it processed the page
    assert runs[1].stdout.strip() == "[]"
    assert json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))["source"] == "页.txt"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_full_disk_is_one_line_and_exit_1_though_writes_go_through_a_thread(capsys: pytest.CaptureFixture[str]) -> None:
    """The text formats are written by a thread of their own: its error still reaches the
    person as the export's own (exit 1, one line), never a traceback or a silent success."""
    for fmt in ("jsonl", "csv", "md"):
        code, out, err = _run(capsys, "--format", fmt, "-o", "/dev/full")
        assert code == 1, fmt
        assert err.strip().splitlines() == [f"civread export: cannot write /dev/full: {os.strerror(28)}"], err
        assert "Traceback" not in err


def test_a_reader_that_leaves_early_is_not_an_error(tmp_path: Path) -> None:
    """`civread export | head -c 100`: the writing thread meets a closed pipe; exit 0, quiet."""
    script = f"{sys.executable} -m civread export {seeds_dir()} | head -c 100 > /dev/null; echo ${{PIPESTATUS[0]}}"
    env = dict(os.environ, CIVREAD_CACHE_DIR=str(tmp_path / "cache"))
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert done.stdout.strip() == "0", done.stderr
    assert "Traceback" not in done.stderr and "Error" not in done.stderr


def test_the_background_writes_keep_order_and_bound_what_waits() -> None:
    """Every piece written, in order; the writer never holds more than a few pieces unwritten."""
    seen: list[bytes] = []
    waiting: list[int] = []

    class Slow:
        def write(self, data: bytes) -> int:
            waiting.append(sink.queue.qsize())
            seen.append(data)
            return len(data)

    sink = export._BackgroundWrites(Slow())
    for n in range(200):
        sink.write(str(n).encode())
    sink.close()
    assert seen == [str(n).encode() for n in range(200)]
    assert max(waiting) <= export._WRITES_AHEAD
