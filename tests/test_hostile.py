"""Hostile input end to end: every bad file is one clear line, the rest of the corpus loads.

The loader's own tests (test_loader.py) check each refusal in isolation; these run whole
folders through `load_corpus` and the `civread export` command, as a user would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from civread.corpus import load_corpus
from civread.export import main as export_main
from civread.seeds import seeds_dir

SEEDS = sorted(seeds_dir().glob("*.txt"))


def _hostile_folder(root: Path) -> dict[str, str]:
    """A folder of bad files beside one good page; returns name → a word its reason must contain."""
    root.mkdir()
    (root / "good.txt").write_bytes(SEEDS[2].read_bytes())
    (root / "empty.txt").write_bytes(b"")
    (root / "spaces.txt").write_bytes(b" \n\t\n  \n")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(4000))
    (root / "archive.zip").write_bytes(b"PK\x03\x04" + os.urandom(4000))
    (root / "noise.bin").write_bytes(bytes(range(256)) * 20)
    (root / "nul.txt").write_bytes(b"\x00" * 5000)
    (root / "markup.html").write_text("<html><head><style>p{}</style></head><body><div></div></body></html>")
    os.symlink("loop-b", root / "loop-a")
    os.symlink("loop-a", root / "loop-b")
    os.mkfifo(root / "pipe")
    return {
        "empty.txt": "empty",
        "spaces.txt": "no text",
        "photo.jpg": "binary",
        "archive.zip": "binary",
        "noise.bin": "binary",
        "nul.txt": "binary",
        "markup.html": "markup",
        "loop-a": "loop",
        "loop-b": "loop",
        "pipe": "pipe",
    }


def test_a_folder_of_bad_files_loads_the_good_page_and_names_every_bad_one(tmp_path: Path) -> None:
    expected = _hostile_folder(tmp_path / "pages")
    missing = tmp_path / "nowhere"
    corpus = load_corpus([tmp_path / "pages", missing], workers=1)

    assert [page.source for page in corpus.pages] == ["good.txt"]
    assert len(corpus.pages[0].articles) >= 5
    reasons = {Path(p.path).name: p.reason for p in corpus.problems}
    assert set(reasons) == set(expected) | {"nowhere"}
    for name, word in expected.items():
        assert word in reasons[name].lower(), (name, reasons[name])
    for reason in reasons.values():
        assert "\n" not in reason and "Traceback" not in reason and len(reason) < 120


def test_bad_bytes_and_mixed_encodings_keep_the_page(tmp_path: Path) -> None:
    good = "本报讯 社区志愿者开展环境整治活动，清理卫生死角三十余处。\n"
    (tmp_path / "invalid.txt").write_bytes(good.encode() + b"\xff\xfe\xfa\x80\n" + good.encode())
    (tmp_path / "mixed.txt").write_bytes(good.encode() + "文明实践站开放。\n".encode("gb18030") + good.encode())
    corpus = load_corpus([tmp_path], workers=1)
    assert not corpus.problems
    assert len(corpus.pages) == 2
    for page in corpus.pages:
        text = "".join(a.text for a in page.articles)
        assert text.count("志愿者") == 2
    mixed = next(p for p in corpus.pages if p.source == "mixed.txt")
    assert "文明实践站" in "".join(a.text for a in mixed.articles)


def test_terminal_attacks_are_removed_and_the_words_kept(tmp_path: Path) -> None:
    attack = (
        "\x1b[2J\x1b[H本报讯\x1b[31m 社区\x1b]0;pwned\x07志愿者\x1b]52;c;ZXZpbA==\x07开展\u202e服务\u200b活动。\n"
        "[bold red]标记[/] [link=https://example.com]链接[/link] [unbalanced\x9b2J\x07\x08。\n"
        + "长" * 100_000
        + "\n"
        + "a\u0301\u0302\u0303\u0304\u0305\u0306\u0307" * 50
        + "\n"
    )
    (tmp_path / "attack.txt").write_text(attack)
    corpus = load_corpus([tmp_path], workers=1)
    assert not corpus.problems
    texts = [a.display_title + a.byline + a.subtitle + a.text for a in corpus.pages[0].articles]
    joined = "".join(texts)
    for bad in ("\x1b", "\x07", "\x08", "\x9b", "\u202e", "\u200b"):
        assert bad not in joined
    assert "社区志愿者开展服务活动" in joined.replace(" ", "")
    assert "[bold red]标记[/]" in joined  # markup is text, kept as the page wrote it
    assert joined.count("长") == 100_000


def test_export_skips_every_bad_file_with_one_line_and_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = _hostile_folder(tmp_path / "pages")
    out = tmp_path / "out.jsonl"
    code = export_main([str(tmp_path / "pages"), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0
    lines = [line for line in err.splitlines() if line.strip()]
    for name in expected:
        assert sum(name in line for line in lines) == 1, (name, err)
    assert "Traceback" not in err
    assert len(out.read_text(encoding="utf-8").splitlines()) >= 5


def test_export_of_nothing_readable_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "nul.txt").write_bytes(b"\x00" * 100)
    assert export_main([str(tmp_path)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_pages_are_never_written(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    _hostile_folder(pages)
    before = {p.name: (p.lstat().st_mtime_ns, p.lstat().st_size) for p in pages.iterdir()}
    load_corpus([pages], workers=1)
    export_main([str(pages), "-o", str(tmp_path / "out.md"), "--format", "md"])
    after = {p.name: (p.lstat().st_mtime_ns, p.lstat().st_size) for p in pages.iterdir()}
    assert after == before


_MANY_FILES = """
import os, sys
from civread.corpus import iter_pages
done = problems = 0
last = [0, 0]
def progress(d, total, path):
    last[0], last[1] = d, total
for item in iter_pages([sys.argv[1]], cache=False, progress=progress):
    if hasattr(item, "articles"):
        done += 1
    else:
        problems += 1
print(done, problems, last[0], last[1])
"""


def test_a_folder_of_100000_tiny_files_finishes_with_progress(tmp_path: Path) -> None:
    """Every one of 100,000 files is read and counted (its peak memory: benchmarks/micro.py)."""
    root = tmp_path / "many"
    for folder in range(100):
        sub = root / f"{folder:03d}"
        sub.mkdir(parents=True)
        for i in range(1000):
            (sub / f"{i}.txt").write_text(f"本报讯 第{folder * 1000 + i}条：志愿者开展服务。\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", _MANY_FILES, str(root)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ},
    )
    assert run.returncode == 0, run.stderr
    done, problems, last_done, last_total = map(int, run.stdout.split())
    assert (done, problems) == (100_000, 0)
    assert last_done == last_total == 100_000
