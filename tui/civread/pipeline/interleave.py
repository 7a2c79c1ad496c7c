"""Two columns read line by line into one: take them apart again.

An extraction that reads across two neighbouring columns prints the last lines of one article
alternating with the first lines of the next ("…正对伊" / "记者从…" / "朗实施…" / …). Read in
that order, every line break interrupts a sentence with another article's words. Lines that
belong together still show it: a word runs across the break between a line and the line after
next ("伊" + "朗"), never between a line and the one right below it. Such a stretch is put back
in reading order, the first column's lines, then the second's, before the page is read.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

from civread.pipeline.headlines import is_title_line, spans_a_word
from civread.pipeline.text import HAN, SENTENCE_PUNCT
from civread.pipeline.words import dictionary_words

# A stretch counts with this many words running across the line after next, at least, and this
# share of its line-after-next breaks so joined.
_LEAST_JOINS = 3
_JOIN_SHARE = 0.4
# A stretch has at least this many lines (two columns of three).
_LEAST_LINES = 6


def interleaved_order(lines: Sequence[str]) -> list[int] | None:
    """The page's line indices in reading order, or None when no two columns are interleaved.

    A blank line belongs to a column like any other (it alternates with the other column's
    lines), so the order is worked out over all lines."""
    n = len(lines)
    if n < _LEAST_LINES:
        return None
    stripped = [line.strip() for line in lines]
    adjacent = _words_across(stripped)
    order = list(range(n))
    changed = False
    k = 0
    while k < n - 2:
        stretch = _stretch_at(k, stripped, adjacent)
        if stretch is None:
            k += 1
            continue
        start, end = stretch
        first_column = [i for i in range(start, end + 1) if i % 2 != end % 2]
        second_column = [i for i in range(start, end + 1) if i % 2 == end % 2]
        # The column that goes on comes last, under the headline printed above the stretch (its
        # article's); the other column's lines end the text above that headline.
        heading = _heading_above(stripped, start)
        order[heading : end + 1] = first_column + list(range(heading, start)) + second_column
        changed = True
        k = end + 1
    return order if changed else None


def _heading_above(stripped: Sequence[str], start: int) -> int:
    """Where the headline block right above line `start` begins (its lines and the blank lines
    around it), or `start` when text runs on above it."""
    j = start - 1
    while j >= 0 and not stripped[j]:
        j -= 1
    top = j + 1
    while j >= 0 and stripped[j] and is_title_line(stripped[j]):
        j -= 1
    if j + 1 == top or j >= 0 and stripped[j]:
        return start  # no headline, or one set tight under text
    return j + 1


def _body_line_back(stripped: Sequence[str], adjacent: Sequence[bool], i: int) -> bool:
    """Line i, just above a stretch, may be part of it: a line of text with sentence marks
    (not a headline) that no word joins to the line below."""
    return i >= 0 and not adjacent[i] and bool(SENTENCE_PUNCT.search(stripped[i]))


def _words_across(stripped: Sequence[str]) -> list[bool]:
    """For each line, whether a word runs on into the next line: each block of lines between
    blank lines is cut into words once, as one text (the page's few thousand characters in one
    call, not a call per line break)."""
    across = [False] * max(0, len(stripped) - 1)
    k = 0
    while k < len(stripped):
        if not stripped[k]:
            k += 1
            continue
        block = k
        while k < len(stripped) and stripped[k]:
            k += 1
        if k - block < 2:
            continue
        breaks: dict[int, int] = {}  # character offset of a line break -> the line before it
        offset = 0
        for i in range(block, k - 1):
            offset += len(stripped[i])
            if HAN.match(stripped[i][-1]) and HAN.match(stripped[i + 1][0]):
                breaks[offset] = i
        if breaks:
            # A break inside a word is no boundary between two of the block's words.
            bounds = set(accumulate(map(len, dictionary_words("".join(stripped[block:k])))))
            for at, i in breaks.items():
                across[i] = at not in bounds
    return across


def _joins(stripped: Sequence[str], a: int, b: int) -> bool:
    """A word runs from line a across to line b, past a line of the other column (a blank
    line between says nothing: a double-spaced column is no two columns)."""
    return bool(stripped[a] and stripped[a + 1] and stripped[b]) and spans_a_word(stripped[a], stripped[b])


def _stretch_at(k: int, stripped: Sequence[str], adjacent: Sequence[bool]) -> tuple[int, int] | None:
    """The interleaved stretch whose first evidence is line k (a word running across to line
    k + 2), as (start, end) line indices, inclusive."""
    n = len(stripped)
    if adjacent[k] or adjacent[k + 1] or not _joins(stripped, k, k + 2):
        return None
    # Grow while no word runs across neighbouring lines; the last line after next that a word
    # runs into ends the stretch (the lines after it go on in one column again).
    joins, pairs, last_join, pairs_to_last = 1, 1, k + 2, 1
    j = k + 1
    while j + 2 < n and not adjacent[j] and not adjacent[j + 1]:
        if stripped[j] and stripped[j + 1] and stripped[j + 2]:
            pairs += 1
            if spans_a_word(stripped[j], stripped[j + 2]):
                joins += 1
                last_join, pairs_to_last = j + 2, pairs
        if j + 2 - last_join > 2 * _LEAST_JOINS:
            break  # no evidence for a while: the stretch is over
        j += 1
    start = k
    # Back from the first evidence, lines of text (a headline or byline above the stretch is no
    # part of it) that no word joins to their neighbours: a few, then one, if need be.
    while start >= 2 and k - (start - 2) <= _LEAST_JOINS + 1 and _body_line_back(stripped, adjacent, start - 1) and _body_line_back(stripped, adjacent, start - 2):
        start -= 2
    if _body_line_back(stripped, adjacent, start - 1):
        start -= 1
    end = last_join
    # Past the last evidence, the columns go on alternating while no word runs across
    # neighbouring lines (a few lines at most: nothing says more).
    while end + 2 < n and end + 2 - last_join <= _LEAST_JOINS and not adjacent[end] and not adjacent[end + 1]:
        end += 2
    if (end - start + 1) % 2 and end + 1 < n and not adjacent[end]:
        end += 1  # the other column's line beside the last one
    if end - start + 1 < _LEAST_LINES or joins < _LEAST_JOINS or joins < _JOIN_SHARE * pairs_to_last:
        return None
    return start, end
