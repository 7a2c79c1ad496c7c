"""Chinese line breaking: 避头尾 on every paragraph of every seed page, at every width 20–100."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civread.linebreak import cell_width, wrap_cjk
from civread.seeds import seeds_dir

# The rules as the brief states them, written out here independently of the module's sets.
NO_START = set("，。、；：？！）」』》”’…—%‰·") | set("),.;:?!]}")
NO_END = set("（「『《“‘([{")

WIDTHS = range(20, 101)


def seed_paths() -> list[Path]:
    return sorted(seeds_dir().glob("*.txt"))


@lru_cache(maxsize=None)
def paragraphs(path: Path) -> tuple[str, ...]:
    """Blocks between blank lines, hard-wrapped lines stripped and joined: long paragraphs
    full of punctuation, without depending on the reflow stage."""
    text = path.read_text(encoding="utf-8")
    out = []
    for block in re.split(r"\n\s*\n", text):
        para = "".join(line.strip() for line in block.split("\n"))
        if para:
            out.append(para)
    return tuple(out)


def cells(s: str) -> int:
    """Independent cell count for the checks: W/F = 2, combining = 0, else 1."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in s
    )


def violations(para: str, lines: list[str], width: int) -> list[str]:
    """Every way `lines` fails to be a correct wrap of `para`."""
    found = []
    for k, line in enumerate(lines):
        if cells(line) > width:
            found.append(f"line {k} is {cells(line)} cells: {line!r}")
        if not line:
            found.append(f"line {k} is empty")
        if k > 0 and line[:1] in NO_START:
            found.append(f"line {k} starts with {line[0]!r}: {line!r}")
        if k < len(lines) - 1 and line[-1:] in NO_END:
            found.append(f"line {k} ends with {line[-1]!r}: {line!r}")
        if k > 0 and line[:1] == " " or k < len(lines) - 1 and line[-1:] == " ":
            found.append(f"line {k} keeps a break space: {line!r}")
    if not reassembles(para, lines):
        found.append("lines do not give back the paragraph")
    return found


def reassembles(para: str, lines: list[str]) -> bool:
    """Concatenating the lines gives the paragraph, minus spaces dropped at the breaks only."""
    pos = 0
    for k, line in enumerate(lines):
        if k > 0 or not para.startswith(line):  # leading spaces may go only at a forced break
            while para.startswith(" ", pos):
                pos += 1
        if not para.startswith(line, pos):
            return False
        pos += len(line)
    return para[pos:].strip(" ") == ""


def naive_wrap(text: str, width: int) -> list[str]:
    """What textwrap-by-cells does with Chinese: fill each line, break anywhere."""
    lines, line, used = [], "", 0
    for ch in text:
        w = cells(ch)
        if used + w > width and line:
            lines.append(line)
            line, used = "", 0
        line += ch
        used += w
    if line:
        lines.append(line)
    return lines


def test_there_are_five_seeds_with_real_paragraphs() -> None:
    paths = seed_paths()
    assert len(paths) == 5
    paras = [p for path in paths for p in paragraphs(path)]
    assert len(paras) > 100
    assert sum(len(p) > 150 for p in paras) > 30


@pytest.mark.parametrize("path", seed_paths(), ids=lambda p: p.name[:3])
def test_every_seed_paragraph_at_every_width(path: Path) -> None:
    bad = []
    for para in paragraphs(path):
        for width in WIDTHS:
            lines = wrap_cjk(para, width)
            for problem in violations(para, lines, width):
                bad.append(f"w={width}: {problem}")
    assert bad == []


@pytest.mark.parametrize("path", seed_paths(), ids=lambda p: p.name[:3])
def test_lines_are_well_filled(path: Path) -> None:
    """Kinsoku must cost little: pushing moves a few characters down, never half a line."""
    for para in paragraphs(path):
        for width in (20, 37, 70, 100):
            lines = wrap_cjk(para, width)
            for line, after in zip(lines, lines[1:]):
                # A Latin word (or a Han character glued to one by punctuation, as in
                # "请浏览:http://…") that fits a line is moved down whole and may leave a gap.
                if not any(c.isascii() for c in after[:3]):
                    assert cells(line) >= width - 8, (width, line)
            naive = naive_wrap(para, width)
            assert len(lines) <= len(naive) + max(1, len(naive) // 4)


def test_a_naive_wrapper_breaks_kinsoku_on_the_seeds() -> None:
    """So the test above is meaningful: the seeds do put punctuation at the break points."""
    starts = ends = 0
    for path in seed_paths():
        for para in paragraphs(path):
            for width in WIDTHS:
                lines = naive_wrap(para, width)
                starts += sum(line[:1] in NO_START for line in lines[1:])
                ends += sum(line[-1:] in NO_END for line in lines[:-1])
    assert starts > 1000
    assert ends > 100


@pytest.mark.parametrize("width", [20, 21, 30, 31])
@pytest.mark.parametrize("tail", ["”。", "。”", "……", "——", "”，", "）。", "》、", "!”", "…”"])
def test_closing_runs_at_every_break_position(width: int, tail: str) -> None:
    """Slide a run of closing marks across the break point: no mark starts a line, and a
    …… or —— pair is never split."""
    for k in range(width):
        para = "汉" * k + "“文" + tail + "字" * 40
        lines = wrap_cjk(para, width)
        assert violations(para, lines, width) == []
        for pair in ("……", "——"):
            if pair in para:
                assert any(pair in line for line in lines), (k, lines)


@pytest.mark.parametrize("width", [20, 21, 33])
def test_opening_marks_never_end_a_line(width: int) -> None:
    for head in ("“", "《", "（", "「『", "(", "“《"):
        for k in range(width):
            para = "汉" * k + "a" * (k % 2) + head + "文字" + "。" + "字" * 40
            lines = wrap_cjk(para, width)
            assert violations(para, lines, width) == []


def test_latin_words_and_numbers_are_not_broken() -> None:
    words = ["2023", "PPT", "COVID-19", "https://example.com/a?b=1", "3.14", "GDP"]
    for width in range(30, 45):
        for k in range(width):
            para = "汉" * k + "，".join(f"据{w}报道" for w in words) + "。"
            lines = wrap_cjk(para, width)
            assert violations(para, lines, width) == []
            for w in words:
                assert any(w in line for line in lines), (w, lines)


def test_spaces_are_break_opportunities_and_dropped_at_line_ends() -> None:
    para = "The quick brown fox jumps over the lazy dog, 然后 it went home (quietly)."
    for width in range(8, 40):
        lines = wrap_cjk(para, width)
        assert violations(para, lines, width) == []
        for word in re.findall(r"[A-Za-z(),.]+", para):
            if len(word) <= width:
                assert any(word in line for line in lines), (word, lines)
    assert wrap_cjk("aaa bbb ccc", 7) == ["aaa bbb", "ccc"]
    assert wrap_cjk("aaa    bbb", 5) == ["aaa", "bbb"]


def test_no_break_space_holds_words_together() -> None:
    assert wrap_cjk("abc 100\u00a0km", 8) == ["abc", "100\u00a0km"]


def test_a_word_longer_than_the_line_is_broken_to_fit() -> None:
    url = "https://example.com/" + "x" * 80
    para = "见" + url + "。"
    for width in (20, 33, 50):
        lines = wrap_cjk(para, width)
        assert violations(para, lines, width) == []
        assert len(lines) >= 80 // width


def test_full_width_characters_are_never_split() -> None:
    for width in range(2, 30):
        for k in range(3):
            para = "a" * k + "文字文字，文字。" * 6
            lines = wrap_cjk(para, width)
            assert all(cells(line) <= width for line in lines)
            assert "".join(lines) == para


@pytest.mark.parametrize("width", [-5, 0, 1, 2, 3])
def test_tiny_widths_degrade_gracefully(width: int) -> None:
    para = max(paragraphs(seed_paths()[0]), key=len)
    lines = wrap_cjk(para, width)
    assert reassembles(para, lines)
    limit = max(width, 1)
    for line in lines:
        # Only a lone character wider than the line may exceed it.
        assert cells(line) <= limit or len(line) == 1, line
    if width >= 2:
        assert all(cells(line) <= width for line in lines)


def test_odd_input() -> None:
    assert wrap_cjk("", 20) == []
    assert wrap_cjk("   ", 20) == []
    assert wrap_cjk("第一段\n\n第二段", 20) == ["第一段", "", "第二段"]
    assert wrap_cjk("短", 10**9) == ["短"]
    assert wrap_cjk("文字", float("nan")) == ["文", "字"]  # type: ignore[arg-type]


def test_cell_width() -> None:
    assert cell_width("") == 0
    assert cell_width("abc") == 3
    assert cell_width("文明城市") == 8
    assert cell_width("，。（）「」") == 12
    assert cell_width("“”…—·") == 5  # East Asian Ambiguous counts 1, as in Rich
    assert cell_width("e\u0301") == 1
    assert cell_width("\u3000") == 2
    assert cell_width("ＰＰＴ") == 6


def test_cell_width_agrees_with_rich_on_the_seeds() -> None:
    """The app renders with Rich: a line we think fits must fit there too."""
    from rich.cells import cell_len

    chars = {c for path in seed_paths() for c in path.read_text(encoding="utf-8") if c != "\n"}
    chars |= set("ＰＰＴ\u3000é\u0301")
    mismatched = {c: (cell_width(c), cell_len(c)) for c in chars if cell_width(c) != cell_len(c)}
    assert mismatched == {}


# Text built from the pieces Chinese news is made of, in hostile orders.
PIECES = list("汉字文明城市，。、；：？！）」』》”’（「『《“‘…—·%")
PIECES += [" ", "  ", "2023", "COVID-19", "PPT", "(", ")", ",", ".", "……", "——", "é", "\u0301"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=120).map("".join), st.integers(-2, 60))
def test_wrap_never_fails_and_keeps_every_character(para: str, width: int) -> None:
    lines = wrap_cjk(para, width)
    assert reassembles(para, lines)
    for k, line in enumerate(lines):
        assert line.strip(" ")
        assert k == 0 or line[0] != " "
        # Only a lone character (with its marks) wider than the line may exceed it.
        assert cells(line) <= max(width, 1) or len(line.rstrip("\u0301")) == 1
