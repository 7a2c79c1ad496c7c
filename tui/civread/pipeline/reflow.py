"""Hard-wrapped lines back into paragraphs.

A PDF extraction breaks every line at the column width and sprinkles blank lines, sometimes in
mid-sentence, sometimes after every line. A paragraph ends where a sentence ends *and* the line
is visibly short or a blank line follows; a line that stops mid-sentence always continues, even
across blank lines. Column width is estimated locally, so pages wrapped at any width reflow alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from civread.pipeline.parts import is_credit_line, is_news_lead
from civread.pipeline.text import display_width, ends_sentence, join_lines

_SHORT_LINE = 0.8  # a line shorter than this share of its column ended its paragraph


@dataclass
class ReflowedParagraph:
    text: str
    line_indices: tuple[int, ...]

    @property
    def joins(self) -> int:
        return max(0, len(self.line_indices) - 1)


def _column_widths(lines: Sequence[str], body: Sequence[bool], radius: int = 6) -> list[float]:
    """For each line, the width of the column it was wrapped in (upper quartile of its neighbours)."""
    widths = [display_width(line.strip()) if body[i] and line.strip() else 0.0 for i, line in enumerate(lines)]
    result: list[float] = []
    for i in range(len(lines)):
        window = sorted(w for w in widths[max(0, i - radius) : i + radius + 1] if w > 0)
        result.append(window[(len(window) * 3) // 4] if window else 0.0)
    return result


def reflow(lines: Sequence[str], standalone: set[int]) -> list[ReflowedParagraph]:
    """Join every line not in `standalone` (headings, dropped junk) into paragraphs.

    A standalone line always ends the paragraph before it; blank lines are given as ''.
    """
    body = [i not in standalone and bool(line.strip()) for i, line in enumerate(lines)]
    columns = _column_widths(lines, body)
    paragraphs: list[ReflowedParagraph] = []
    text = ""
    indices: list[int] = []

    def flush() -> None:
        nonlocal text, indices
        if indices:
            paragraphs.append(ReflowedParagraph(text, tuple(indices)))
        text, indices = "", []

    n = len(lines)
    for i, line in enumerate(lines):
        if i in standalone:
            flush()
            continue
        stripped = line.strip()
        if not stripped:
            continue
        if indices and is_news_lead(stripped):
            flush()
        if not indices and paragraphs and is_credit_line(stripped) and paragraphs[-1].line_indices[-1] >= i - 2:
            # A credit on its own line ("周松林摄") closes the caption it follows.
            last = paragraphs.pop()
            text, indices = last.text, list(last.line_indices)
        text = join_lines(text, stripped)
        indices.append(i)
        if not ends_sentence(stripped) and not ends_sentence(text[-40:]):
            continue
        j = i + 1
        blank_follows = j < n and not lines[j].strip()
        short = columns[i] > 0 and display_width(stripped) < _SHORT_LINE * columns[i]
        if blank_follows or short or j >= n:
            flush()
    flush()
    return paragraphs
