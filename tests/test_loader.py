"""Finding, reading and decoding files: every rule on the seed text and on files made to break it."""

from __future__ import annotations

import errno
import gzip
import io
import os
import random
import stat
import threading
import zipfile
from pathlib import Path

import pytest
from opencc import OpenCC

from civread.model import LoadProblem
from civread.pipeline import files as loader
from civread.pipeline.decode import decode
from civread.pipeline.files import LoadError, discover, read_file
from seedtext import seed_text

SEEDS = ["000", "001", "002", "003", "004"]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _decode_error(data: bytes) -> str:
    with pytest.raises(LoadError) as info:
        decode(data)
    reason = info.value.reason
    assert reason and "\n" not in reason
    return reason


# --------------------------------------------------------------------------- decode: encodings


@pytest.mark.parametrize("prefix", SEEDS)
@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16-le"),  # Python writes a little-endian BOM
        ("utf-16-le", "utf-16-le"),  # no BOM: told by the NUL pattern
        ("utf-16-be", "utf-16-be"),
        ("utf-32", "utf-32-le"),
    ],
)
def test_seed_in_any_unicode_or_gb_encoding_decodes_back_exactly(prefix: str, encoding: str, name: str) -> None:
    text = seed_text(prefix)
    assert decode(text.encode(encoding)) == (text, name)


def test_traditional_seed_in_big5_decodes_back_exactly() -> None:
    text = seed_text("001")
    data = text.encode("big5", errors="replace")  # 5 characters Big5 lacks become "?"
    got, name = decode(data)
    assert name == "big5"
    assert got == data.decode("big5")
    assert sum(a != b for a, b in zip(got, text)) < 40 and len(got) == len(text)


@pytest.mark.parametrize("prefix", SEEDS)
def test_every_seed_converted_to_traditional_decodes_from_big5_and_gb18030(prefix: str) -> None:
    traditional = OpenCC("s2tw").convert(seed_text(prefix))
    big5 = traditional.encode("big5", errors="replace")
    assert decode(big5) == (big5.decode("big5"), "big5")
    # Traditional text in GB18030 must not be mistaken for Big5.
    assert decode(traditional.encode("gb18030")) == (traditional, "gb18030")


def test_simplified_text_in_big5_is_still_read_as_big5() -> None:
    # Simplified characters Big5 lacks become "?": the rest must not turn into GBK gibberish.
    data = seed_text("000").encode("big5", errors="replace")
    assert decode(data) == (data.decode("big5"), "big5")


def test_gb18030_only_characters_decode() -> None:
    # Characters outside GBK (four-byte GB18030) prove the superset is used for GB pages.
    text = seed_text("003") + "\n生僻字：䶮、𠀀、㐀，欧元符号€。\n"
    assert decode(text.encode("gb18030")) == (text, "gb18030")


def test_big5_hkscs_characters_fall_back_to_hkscs() -> None:
    text = OpenCC("s2hk").convert(seed_text("004")) + "\n香港的屋邨和村落。\n"
    data = text.encode("big5hkscs", errors="replace")
    with pytest.raises(UnicodeDecodeError):
        data.decode("big5")
    got, name = decode(data)
    assert name == "big5hkscs"
    assert got == data.decode("big5hkscs")


def test_utf16_without_bom_and_without_ascii_is_detected() -> None:
    han = "".join(ch for ch in seed_text("002") if "\u4e00" <= ch <= "\u9fff")[:3000]
    for encoding in ("utf-16-le", "utf-16-be"):
        assert decode(han.encode(encoding)) == (han, encoding)


def test_utf8_never_runs_the_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    import charset_normalizer

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("charset-normalizer ran on UTF-8 input")

    monkeypatch.setattr(charset_normalizer, "from_bytes", refuse)
    for prefix in SEEDS:
        text = seed_text(prefix)
        assert decode(text.encode("utf-8")) == (text, "utf-8")


def test_detector_failure_falls_back_to_the_plausibility_check(monkeypatch: pytest.MonkeyPatch) -> None:
    import charset_normalizer

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("detector crashed")

    monkeypatch.setattr(charset_normalizer, "from_bytes", broken)
    text = seed_text("001")
    assert decode(text.encode("gb18030")) == (text, "gb18030")
    data = text.encode("big5", errors="replace")
    assert decode(data) == (data.decode("big5"), "big5")


def test_western_page_in_cp1252_reads_as_text() -> None:
    text = "Le café est très bon à Genève. Élève naïve, déjà vu — « citation ».\n" * 10
    assert decode(text.encode("cp1252")) == (text, "cp1252")


# --------------------------------------------------------------------------- decode: damage


def test_invalid_bytes_in_a_good_utf8_page_are_replaced_and_counted() -> None:
    text = seed_text("002")
    cut = text.index("\n", 500) + 1
    data = text[:cut].encode() + b"\xff\xfe\x80" + text[cut:].encode()
    got, name = decode(data)
    assert name == "utf-8 (3 invalid bytes replaced)"
    assert got == text[:cut] + "\ufffd" * 3 + text[cut:]


def test_truncated_last_character_is_one_replaced_byte() -> None:
    data = seed_text("000").encode()
    data = data.rstrip()[:-1]  # cut into the last character
    got, name = decode(data)
    assert name.startswith("utf-8 (") and got.endswith("\ufffd")


def test_page_mixing_utf8_and_gb18030_decodes_line_by_line() -> None:
    text = seed_text("000")
    lines = text.splitlines()
    half = len(lines) // 2
    data = "\n".join(lines[:half]).encode("utf-8") + b"\n" + "\n".join(lines[half:]).encode("gb18030")
    got, name = decode(data)
    assert got == "\n".join(lines)
    assert name == "mixed: utf-8 + gb18030"


def test_page_mixing_utf8_and_big5_decodes_line_by_line() -> None:
    lines = seed_text("001").splitlines()
    gb_part = "\n".join(lines[60:])
    data = "\n".join(lines[:60]).encode("utf-8") + b"\n" + gb_part.encode("big5", errors="replace")
    got, name = decode(data)
    assert got == "\n".join(lines[:60]) + "\n" + gb_part.encode("big5", errors="replace").decode("big5")
    assert name == "mixed: utf-8 + big5"


def test_mixed_page_with_one_broken_legacy_line_never_raises() -> None:
    text = seed_text("003")
    data = text[:2000].encode() + b"\n" + text[2000:].encode("gb18030") + b"\n\xff\xff\xff tail\n"
    got, name = decode(data)
    assert name.startswith("mixed: utf-8 + gb18030") and "invalid" in name
    assert got.startswith(text[:2000]) and text[2000:2400] in got


# --------------------------------------------------------------------------- decode: refusals


def test_empty_and_whitespace_files() -> None:
    assert _decode_error(b"") == "empty file"
    assert _decode_error(b" \t\r\n\n  \n") == "no text (only whitespace)"
    assert _decode_error("\u3000\n \u3000".encode()) == "no text (only whitespace)"
    assert _decode_error(b"\xef\xbb\xbf") == "empty file (only a byte-order mark)"
    assert _decode_error("\n\n".encode("utf-16")) == "no text (only whitespace)"


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("page.txt", seed_text("000"))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(40)), "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64), "JPEG image"),
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "GIF image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF document"),
        (None, "ZIP archive"),
        (gzip.compress(seed_text("001").encode(), mtime=0), "gzip archive"),  # fixed mtime: same test id in every xdist worker
        (b"\x7fELF\x02\x01\x01\x00" + bytes(56), "ELF executable"),
    ],
)
def test_binary_files_are_named_by_their_magic_number(data: bytes | None, what: str) -> None:
    assert _decode_error(_zip_bytes() if data is None else data) == f"binary file (looks like {what})"


def test_nul_bytes_and_random_bytes_are_binary() -> None:
    assert _decode_error(b"\x00" * 4096) == "binary file (only NUL bytes)"
    rng = random.Random(7)
    for size in (64, 4096, 100_000):
        noise = bytes(rng.getrandbits(8) for _ in range(size))
        assert _decode_error(noise).startswith("binary file")


def test_text_with_a_few_control_bytes_is_still_text() -> None:
    text = seed_text("004").replace("\n", "\n\x1b[0m", 5) + "\x07"
    got, name = decode(text.encode())
    assert (got, name) == (text, "utf-8")


def test_large_file_without_newlines_reads_and_decodes(tmp_path: Path) -> None:
    """20 MB on one line (its speed: benchmarks/micro.py)."""
    line = seed_text("000").replace("\n", "").encode()
    data = (line * (20_000_000 // len(line) + 1))[:20_000_000]  # 20 MB, the cut splits a character
    path = tmp_path / "one-line.txt"
    path.write_bytes(data)
    raw = read_file(path)
    text, name = decode(raw)
    assert len(raw) == 20_000_000
    assert name == "utf-8 (1 invalid byte replaced)" or name == "utf-8 (2 invalid bytes replaced)"
    assert "\n" not in text and len(text) > 6_000_000


def test_large_gb18030_file_decodes() -> None:
    """~5 MB of GB18030 (its speed: benchmarks/micro.py)."""
    data = (seed_text("002").encode("gb18030")) * 400  # ~5 MB
    text, name = decode(data)
    assert name == "gb18030" and len(text) > 2_000_000


# --------------------------------------------------------------------------- read_file


def test_read_file_returns_the_bytes_and_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    data = seed_text("003").encode("gb18030")
    path.write_bytes(data)
    os.utime(path, (1_000_000_000, 1_000_000_000))
    before = os.stat(path)
    assert read_file(path) == data
    after = os.stat(path)
    assert (after.st_mtime, after.st_size, after.st_mode) == (before.st_mtime, before.st_size, before.st_mode)
    assert path.read_bytes() == data


def test_read_file_refusals(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match=r"^vanished while loading"):
        read_file(tmp_path / "gone.txt")
    with pytest.raises(LoadError, match=r"^not a regular file \(folder\)$"):
        read_file(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (3 * 1024 * 1024))
    with pytest.raises(LoadError) as info:
        read_file(big, max_bytes=2 * 1024 * 1024)
    assert info.value.reason == "3 MB, larger than the 2 MB limit"
    with pytest.raises(LoadError, match="larger than the 64 MB limit"):
        os.truncate(big, 65 * 1024 * 1024)  # sparse: no 65 MB written
        read_file(big)


def test_read_file_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result: list[str] = []

    def attempt() -> None:
        try:
            read_file(fifo)
        except LoadError as exc:
            result.append(exc.reason)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(5)
    assert result == ["not a regular file (named pipe)"]


def test_read_file_refuses_a_device() -> None:
    with pytest.raises(LoadError, match=r"^not a regular file \(character device\)$"):
        read_file(Path("/dev/null"))


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("机密文件内容。", encoding="utf-8")
    path.chmod(0)
    if IS_ROOT:  # root reads mode 000 files: make the open fail the way it would for anyone else
        real_open = os.open

        def denied(name: object, flags: int, *args: object) -> int:
            if str(name) == str(path):
                raise PermissionError(errno.EACCES, "Permission denied", str(name))
            return real_open(name, flags, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(loader.os, "open", denied)
    try:
        with pytest.raises(LoadError) as info:
            read_file(path)
        assert info.value.reason == "unreadable (permission denied)"
    finally:
        path.chmod(0o644)


def test_file_that_vanishes_between_stat_and_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "brief.txt"
    path.write_text("短讯。", encoding="utf-8")

    def gone(name: object, flags: int, *args: object) -> int:
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(name))

    monkeypatch.setattr(loader.os, "open", gone)
    with pytest.raises(LoadError, match=r"^vanished while loading"):
        read_file(path)


# --------------------------------------------------------------------------- discover


def _names(items: list[Path | LoadProblem], root: Path) -> list[str]:
    return [str(Path(i.path if isinstance(i, LoadProblem) else i).relative_to(root)) for i in items]


def test_discover_files_folders_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.html").write_text("<p>x</p>")
    (tmp_path / "b" / "a.TXT").write_text("x")
    (tmp_path / "b" / "deep" / "deeper").mkdir(parents=True)
    (tmp_path / "b" / "deep" / "deeper" / "page").write_text("x")  # any extension, or none
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b" / ".git" / "objects").mkdir(parents=True)
    (tmp_path / "b" / ".git" / "objects" / "pack").write_bytes(b"\x00")
    items = list(discover([tmp_path / "a.txt", tmp_path / "b", tmp_path / "missing.txt"]))
    assert _names(items, tmp_path) == ["a.txt", "b/a.TXT", "b/deep/deeper/page", "b/z.html", "missing.txt"]
    assert items[-1] == LoadProblem(str(tmp_path / "missing.txt"), "no such file or folder")
    assert all(isinstance(i, Path) for i in items[:-1])
    # Deterministic: the same walk twice gives the same order.
    assert list(discover([tmp_path])) == list(discover([tmp_path]))


def test_discover_skips_a_fifo_without_opening_it(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("x")
    os.mkfifo(tmp_path / "pipe")
    items: list[Path | LoadProblem] = []
    worker = threading.Thread(target=lambda: items.extend(discover([tmp_path])), daemon=True)
    worker.start()
    worker.join(5)
    assert items == [tmp_path / "page.txt", LoadProblem(str(tmp_path / "pipe"), "not a regular file (named pipe), skipped")]
    assert list(discover([tmp_path / "pipe"])) == [LoadProblem(str(tmp_path / "pipe"), "not a regular file (named pipe), skipped")]


def test_discover_survives_symlink_loops(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "page.txt").write_text("x")
    (root / "sub" / "up").symlink_to(root, target_is_directory=True)  # a loop back to the top
    (root / "self").symlink_to(root / "self")  # a link to itself
    (root / "dangling").symlink_to(root / "nowhere.txt")
    (root / "linked.txt").symlink_to(root / "sub" / "page.txt")
    items = list(discover([root]))
    problems = {Path(i.path).name: i.reason for i in items if isinstance(i, LoadProblem)}
    files = [i for i in items if isinstance(i, Path)]
    assert files == [root / "linked.txt", root / "sub" / "page.txt"]
    assert problems == {
        "dangling": "broken symlink, skipped",
        "self": "symlink loop, skipped",
        "up": "folder already visited (symlink loop or second link), skipped",
    }
    assert list(discover([root / "self"])) == [LoadProblem(str(root / "self"), "symlink loop, skipped")]


def test_discover_reports_an_unreadable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "page.txt").write_text("x")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text("x")
    locked.chmod(0)
    if IS_ROOT:
        real_scandir = os.scandir

        def denied(path: object = ".") -> object:
            if str(path) == str(locked):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_scandir(path)  # type: ignore[arg-type]

        monkeypatch.setattr(loader.os, "scandir", denied)
    try:
        items = list(discover([tmp_path]))
    finally:
        locked.chmod(0o755)
    assert items == [LoadProblem(str(locked), "cannot open folder (permission denied)"), tmp_path / "ok" / "page.txt"]


def test_discover_streams_a_folder_of_many_tiny_files(tmp_path: Path) -> None:
    for n in range(2000):
        (tmp_path / f"{n:05d}.txt").write_bytes(b"x")
    walk = discover([tmp_path])
    assert next(walk) == tmp_path / "00000.txt"  # a generator: the first file before the rest
    rest = list(walk)
    assert len(rest) == 1999 and rest[-1] == tmp_path / "01999.txt"
    assert rest == sorted(rest)


def test_discover_walks_very_deep_trees_without_recursion(tmp_path: Path) -> None:
    folder = tmp_path
    for _ in range(300):
        folder = folder / "d"
    folder.mkdir(parents=True)
    (folder / "page.txt").write_text("x")
    assert list(discover([tmp_path])) == [folder / "page.txt"]


def test_discover_given_a_folder_inside_git_walks_it(tmp_path: Path) -> None:
    # Only folders met during a walk are skipped as VCS metadata; one asked for is read.
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "note.txt").write_text("x")
    assert list(discover([tmp_path / ".git"])) == [tmp_path / ".git" / "note.txt"]
    assert list(discover([tmp_path])) == []


def test_discover_never_opens_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("x")

    def refuse(*args: object, **kwargs: object) -> int:
        raise AssertionError("discover opened a file")

    monkeypatch.setattr(loader.os, "open", refuse)
    assert list(discover([tmp_path])) == [tmp_path / "a.txt"]
    assert stat.S_ISREG(os.stat(tmp_path / "a.txt").st_mode)
