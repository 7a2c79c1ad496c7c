"""The same pages wrapped at another column width, in another encoding or script split the same way."""

from __future__ import annotations

import pytest
from opencc import OpenCC

from civread.model import Page
from civread.pipeline import process_bytes
from civread.pipeline.headlines import find_heading_runs
from civread.pipeline.reflow import reflow
from civread.pipeline.text import display_width
from seedtext import seed_page

PDF_SEEDS = ["000", "002", "003", "004"]


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for ch in text:
        if current and display_width(current + ch) > width:
            lines.append(current)
            current = ""
        current += ch
    if current:
        lines.append(current)
    return lines


def rewrapped(page: Page, width: int, *, blank_every: int = 0, double_spaced: bool = False) -> str:
    """The page's headline blocks as printed and its paragraphs wrapped at `width`.

    `blank_every` puts a blank line after every n-th wrapped line that ends mid-sentence (what
    PDF extractors do); `double_spaced` puts one after every line.
    """
    clean = [line.clean if not any(r.line_index == i for r in page.removed) else "" for i, line in enumerate(page.lines)]
    runs = find_heading_runs(clean)
    standalone = {i for run in runs for i in run.line_indices}
    units: list[tuple[int, list[str]]] = [(run.line_indices[0], [clean[i] for i in run.line_indices]) for run in runs]
    for para in reflow(clean, standalone):
        wrapped = _wrap(para.text, width)
        out: list[str] = []
        for k, line in enumerate(wrapped):
            out.append(line)
            last = k == len(wrapped) - 1
            if not last and (double_spaced or (blank_every and k % blank_every == blank_every - 1 and line[-1] not in "。！？”")):
                out.append("")
        units.append((para.line_indices[0], out))
    units.sort(key=lambda u: u[0])
    return "\n\n".join("\n".join(lines) for _, lines in units) + "\n"


def signature(page: Page) -> list[tuple[str, str, str, str]]:
    # Spaces are compared away: a wrap that falls on a phrase space drops it, as PDFs do.
    return [
        (a.kind.value, a.display_title if not a.untitled else "", a.locality.label, "".join("".join(p.text for p in a.paragraphs).split()))
        for a in page.articles
    ]


@pytest.mark.parametrize("prefix", PDF_SEEDS)
@pytest.mark.parametrize("width", [13, 19, 27, 38])
def test_other_column_widths_split_the_same(prefix: str, width: int) -> None:
    original = seed_page(prefix)
    text = rewrapped(original, width, blank_every=5)
    again = process_bytes(text.encode("utf-8"), f"rewrapped-{width}.txt")
    assert signature(again) == signature(original)


@pytest.mark.parametrize("prefix", PDF_SEEDS)
def test_double_spaced_extraction_splits_the_same(prefix: str) -> None:
    original = seed_page(prefix)
    text = rewrapped(original, 24, double_spaced=True)
    again = process_bytes(text.encode("utf-8"), "double.txt")
    assert [s[:3] for s in signature(again)] == [s[:3] for s in signature(original)]


@pytest.mark.parametrize("prefix", PDF_SEEDS)
@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_other_encodings_split_the_same(prefix: str, encoding: str) -> None:
    original = seed_page(prefix)
    raw = "\n".join(line.original for line in original.lines)
    again = process_bytes(raw.encode(encoding), f"page.{encoding}.txt")
    assert signature(again) == signature(original)


@pytest.mark.parametrize("prefix", PDF_SEEDS)
def test_traditional_script_splits_the_same(prefix: str) -> None:
    original = seed_page(prefix)
    raw = "\n".join(line.original for line in original.lines)
    traditional = OpenCC("s2tw").convert(raw)  # Taiwan forms: the ones Big5 can encode
    again = process_bytes(traditional.encode("big5", errors="replace"), "page-big5.txt")
    assert again.original_script.value == "traditional"
    got, want = signature(again), signature(original)
    assert [(k, loc) for k, _, loc, _ in got] == [(k, loc) for k, _, loc, _ in want]
    for (_, title_got, _, text_got), (_, title_want, _, text_want) in zip(got, want):
        # s2tw → t2s is not an exact round trip for a few characters; the split must still match.
        assert len(text_got) == len(text_want)
        same = sum(a == b for a, b in zip(text_got, text_want))
        assert same >= 0.99 * len(text_want)
        assert (title_got == "") == (title_want == "")
