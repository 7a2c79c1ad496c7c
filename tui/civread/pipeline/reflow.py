"""Hard-wrapped lines back into paragraphs.

A PDF extraction breaks every line at the column width and sprinkles blank lines, sometimes in
mid-sentence, sometimes after every line. A paragraph ends where a sentence ends *and* the line
is visibly short or a blank line follows; a line that stops mid-sentence always continues, even
across blank lines. Column width is estimated locally, so pages wrapped at any width reflow alike.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence, Set
from dataclasses import dataclass

from civread.pipeline.headlines import (
    DATE_LINE,
    SHORT_SENTENCE_TAIL,
    has_caption_credit,
    is_credit_line,
    is_news_lead,
    is_signature,
    is_title_line,
    runs_on_past_a_blank,
    runs_on_past_nothing,
    spans_a_word,
)
from civread.pipeline.text import (
    SENTENCE_ENDERS,
    SENTENCE_PUNCT,
    column_width,
    display_width,
    ends_on_credit,
    ends_sentence,
    han_pairs,
    join_separator,
    starts_mid_sentence,
    upper_quartile,
)

_SHORT_LINE = 0.8  # a line shorter than this share of its column ended its paragraph


@dataclass
class ReflowedParagraph:
    text: str
    line_indices: tuple[int, ...]
    continued_later: bool = False  # stops mid-sentence: its sentence goes on further down the page


def _body_widths(lines: Sequence[str], standalone: set[int], widths: Sequence[float] | None = None) -> list[float]:
    """Display width of every body line (0 for blank and standalone lines)."""
    if widths is None:
        return [0.0 if i in standalone or not (text := line.strip()) else display_width(text) for i, line in enumerate(lines)]
    body = list(widths)
    for i in standalone:
        if 0 <= i < len(body):
            body[i] = 0.0
    return body


def _inserted_caption(lines: Sequence[str], i: int, standalone: set[int]) -> int | None:
    """Where a photo caption that starts at line i (after a blank line) ends, if one does.

    A caption is a short block of lines standing between blank lines that ends on a
    photographer's credit ("… 周明 摄", or the credit on a line of its own).
    """
    block: list[str] = []
    j = i
    while j < len(lines) and lines[j].strip() and j not in standalone and len(block) < _CAPTION_LINES:
        block.append(lines[j].strip())
        j += 1
    if not block or (j < len(lines) and lines[j].strip()):
        return None
    text = "".join(block)
    if len(text) > _CAPTION_CHARS or is_news_lead(text) or SHORT_SENTENCE_TAIL.match(text):
        return None
    if "图为" in text[1:]:  # "…热情高涨。图为比赛现场。": the paragraph's own closing caption
        return None
    previous = next((lines[k].strip() for k in range(i - 1, -1, -1) if lines[k].strip()), "")
    if spans_a_word(previous, block[0]):  # the running sentence goes on into this block
        return None
    return j if has_caption_credit(text) or is_credit_line(block[-1]) else None


def _early_credit_tail(lines: Sequence[str], standalone: set[int], i: int, before: str, indented: Set[int] = frozenset()) -> int | None:
    """The line after a credit at line i that finishes the sentence the credit cut short, if one does.

    Extractions sometimes print an item's credit ("（张明 摄）") above its last line; the line
    after it then completes the sentence and closes the item (a blank line, a headline or an
    indented paragraph follows).
    """
    j = i + 1
    if not before or ends_sentence(before) or j >= len(lines) or j in standalone:
        return None
    last = lines[j].strip()
    if not last or not ends_sentence(last) or is_credit_line(last) or is_news_lead(last):
        return None
    after = j + 1
    return j if after >= len(lines) or after in standalone or after in indented or not lines[after].strip() else None


_CAPTION_LINES = 6
_CAPTION_CHARS = 160


def double_spacing_blanks(lines: Sequence[str], widths: Sequence[float]) -> set[int]:
    """The blank lines of double-spaced stretches: a blank after every line of a column.

    Some extractions print a blank line after every line of an article's text. Those blanks say
    nothing (the text's blank lines, paragraph ends among them, are gone or doubled), but read as
    one they make every line a paragraph, a headline, a body's end. A stretch counts when at
    least `_DOUBLE_SPACED_LINES` lines of one column width (hard-wrapped lines, not whole
    paragraphs one to a line) each stand alone between single blank lines, and none of them is
    set apart like a subhead (then the blanks may be the text's own: they are kept)."""
    blanks: set[int] = set()
    n = len(lines)
    i = 0
    while i < n:
        if not widths[i]:
            i += 1
            continue
        # A stretch: text lines at i, i+2, i+4, … with exactly one blank line between them.
        j = i
        while j + 2 < n and not widths[j + 1] and widths[j + 2]:
            j += 2
        texts = list(range(i, j + 1, 2))
        if len(texts) >= _DOUBLE_SPACED_LINES and _one_column(texts, widths):
            if j + 1 < n and widths[j + 1]:
                texts.pop()  # the stretch's last line opens a block printed single-spaced
            if i > 0 and widths[i - 1]:
                texts.pop(0)  # and its first line closes one (a headline's last line)
            column = upper_quartile(widths[k] for k in texts)
            # A line set apart like a headline (a subhead) keeps the blank lines around it.
            subheads = {k for before, k in zip(texts, texts[1:]) if _subhead_shaped(lines, widths, k, column, before)}
            blanks.update(k + 1 for k in texts[:-1] if k not in subheads and k + 2 not in subheads)
        i = j + 1
    return blanks


def _subhead_shaped(lines: Sequence[str], widths: Sequence[float], k: int, column: float, before: int) -> bool:
    """Line k is a heading's shape: well short of the column, ending no sentence, after a line
    (`before`) that ended one, and not carried on by the text below it (a paragraph's short
    first line: "…服务活" / "" / "动。本届…")."""
    text = lines[k].strip()
    if widths[k] >= _SHORT_LINE * column or text[-1] in SENTENCE_ENDERS or ends_sentence(text):
        return False
    return ends_sentence(lines[before].strip()) and not is_signature(lines, k) and not runs_on_past_a_blank(lines, k)


def _one_column(texts: Sequence[int], widths: Sequence[float]) -> bool:
    """Most of the lines are as wide as the widest quarter: lines wrapped at a column."""
    column = upper_quartile(widths[k] for k in texts)
    if column > _WIDEST_WRAPPED:
        return False
    full = sum(1 for k in texts if 0.85 * column <= widths[k] <= 1.1 * column)
    return full >= _FULL_SHARE * len(texts)


# A double-spaced stretch has at least this many lines, this share of them as wide as the column,
# and a column no wider than this (display columns): a page of unwrapped paragraphs is not one.
_DOUBLE_SPACED_LINES = 6
_FULL_SHARE = 0.6
_WIDEST_WRAPPED = 60


def reflow(
    lines: Sequence[str], standalone: set[int], widths: Sequence[float] | None = None, indented: Set[int] = frozenset()
) -> list[ReflowedParagraph]:
    """Join every line not in `standalone` (headings, dropped junk) into paragraphs.

    A standalone line always ends the paragraph before it; blank lines are given as ''.
    `widths` are the lines' `line_widths`, when the caller has them already. A paragraph is
    kept as a list of pieces and joined once, so a page of one endless sentence reflows in
    linear time.
    """
    widths = _body_widths(lines, standalone, widths)
    paragraphs: list[ReflowedParagraph] = []
    pieces: list[str] = []
    tail = ""  # the paragraph's last 40 characters
    indices: list[int] = []

    def flush(continued_later: bool = False) -> None:
        nonlocal pieces, tail, indices
        if indices:
            paragraphs.append(ReflowedParagraph("".join(pieces), tuple(indices), continued_later))
        pieces, tail, indices = [], "", []

    skip_to = 0
    fresh_starts: list[int] | None = None  # (found when first needed: most pages never ask)
    for i, line in enumerate(lines):
        if i < skip_to:
            continue
        if i in standalone:
            flush()
            continue
        stripped = line.strip()
        if not stripped:
            continue
        if len(indices) == 1 and i > 0 and not lines[i - 1].strip() and _label_line(lines, widths, indices[0]):
            flush()
        if indices and i > 0 and not lines[i - 1].strip() and not ends_sentence(tail):
            if fresh_starts is None:
                fresh_starts = _fresh_starts(lines, standalone)
            if _goes_on_further_down(lines, fresh_starts, "".join(pieces), i):
                flush(continued_later=True)
        if indices and i > 0 and not lines[i - 1].strip():
            # A photo caption set into a paragraph that runs on around it: the caption is its
            # own paragraph, and the paragraph goes on after it.
            end = _inserted_caption(lines, i, standalone)
            if end is not None:
                paragraphs.append(_caption_paragraph(lines, i, end))
                skip_to = end
                continue
        if indices and (i in indented or is_news_lead(stripped)):
            flush()  # an indented line opens a paragraph
        credit = is_credit_line(stripped)
        if not indices and paragraphs and credit and paragraphs[-1].line_indices[-1] >= i - 2:
            # A credit on its own line ("陈明摄") closes the caption it follows.
            last = paragraphs.pop()
            pieces, tail, indices = [last.text], last.text[-40:], list(last.line_indices)
        if pieces and credit and (closing := _early_credit_tail(lines, standalone, i, tail, indented)) is not None:
            # The credit was printed above the sentence's last line: the line goes first.
            closing_text = lines[closing].strip()
            pieces.append(join_separator(pieces[-1][-1], closing_text[0]) + closing_text)
            pieces.append(join_separator(closing_text[-1], stripped[0]) + stripped)
            indices.extend((i, closing))
            skip_to = closing + 1
            flush()
            continue
        # join_lines, piece by piece: a space only between two Latin letters.
        stripped_piece = join_separator(pieces[-1][-1], stripped[0]) + stripped if pieces else stripped
        pieces.append(stripped_piece)
        tail = (tail + stripped_piece)[-40:]
        indices.append(i)
        if credit or ends_on_credit(stripped):  # a credit closes its paragraph
            start = _caption_start(lines, widths, indices) if len(pieces) == len(indices) else 0
            if start:  # the caption printed tight under the paragraph before it
                body, caption = indices[:start], indices[start:]
                text = "".join(pieces[:start])
                paragraphs.append(ReflowedParagraph(pieces[start].lstrip() + "".join(pieces[start + 1 :]), tuple(caption)))
                if not ends_sentence(text):  # set into a sentence: the text goes on under the credit
                    pieces, tail, indices = pieces[:start], text[-40:], body
                    continue
                paragraphs.append(ReflowedParagraph(text, tuple(body)))
                pieces, tail, indices = [], "", []
            flush()
            continue
        if _ends_paragraph(lines, widths, i, stripped, tail) or DATE_LINE.match(stripped):
            flush()  # (a date alone on its line closes a notice's signature)
    flush()
    return paragraphs


def _goes_on_further_down(lines: Sequence[str], fresh_starts: Sequence[int], paragraph: str, i: int) -> bool:
    """The sentence the open `paragraph` leaves unfinished does not go on at line i, after a blank
    line, but in a block further down: an article's last column printed after another piece.

    Line i starts afresh (no word runs across the break), while a later line below one that
    closed its own paragraph (`fresh_starts`) finishes a word that the paragraph began ("…正对伊"
    / "朗实施…") and goes on with more of its words (Han character pairs) than line i does.
    """
    left = paragraph.rstrip()
    if not left or ends_sentence(left) or spans_a_word(left, lines[i].strip()) or starts_mid_sentence(lines[i]):
        return False
    pairs: set[str] | None = None
    for k in fresh_starts[bisect_right(fresh_starts, i) :]:
        if k >= i + _TAIL_LOOKAHEAD:
            break
        if not spans_a_word(left, lines[k].strip()):
            continue
        pairs = pairs if pairs is not None else han_pairs(left)
        later = len(pairs & han_pairs(_block(lines, k)))
        return later >= _TAIL_PAIRS and later > len(pairs & han_pairs(_block(lines, i)))
    return False


def _fresh_starts(lines: Sequence[str], standalone: set[int]) -> list[int]:
    """The text lines right below one that closed its paragraph (a sentence's end, a date, a
    credit), blank lines between or not: where a piece of text may start afresh."""
    starts: list[int] = []
    closed = False
    for k, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        if closed and k not in standalone:
            starts.append(k)
        closed = ends_sentence(text) or bool(DATE_LINE.match(text)) or is_credit_line(text)
    return starts


def _block(lines: Sequence[str], k: int, most: int = 4) -> str:
    """Lines k on, up to a blank line (`most` of them at most), joined."""
    out: list[str] = []
    for text in lines[k : k + most]:
        if not text.strip():
            break
        out.append(text.strip())
    return "".join(out)


# The rest of a cut sentence, printed further down, shares this many Han character pairs with its paragraph.
_TAIL_PAIRS = 3
# How far down the page (lines) the rest of a sentence cut off at a blank line is looked for.
_TAIL_LOOKAHEAD = 120


def _label_line(lines: Sequence[str], widths: Sequence[float], i: int) -> bool:
    """Line i, a paragraph's only line so far, ending no sentence, with a blank line below, is a
    label ("相关链接", "方案一") that no sentence runs on from: well short of its column, shaped
    like a heading, nothing left open at its end, and the text below the blank not carrying on
    from it (a word running across, a sentence opening mid-way: "…服务活" / "" / "动。本届…")."""
    column = column_width(widths, i)
    text = lines[i].strip()
    return (
        column > 0
        and widths[i] < _SHORT_LINE * column
        and is_title_line(text)
        and runs_on_past_nothing(text)
        and not runs_on_past_a_blank(lines, i)
    )


def _caption_start(lines: Sequence[str], widths: Sequence[float], indices: Sequence[int]) -> int:
    """Where a photo caption set tight under a paragraph starts, in a paragraph that a credit
    closes (`indices`, the credit last), or 0 when the paragraph is all one piece.

    The caption is printed in its own narrower column: its lines stand two characters or more
    inside the paragraph's, and the paragraph's last sentence ends right above them. Or it is
    one line far wider than the column, the caption printed across its photo, under a line that
    ends a sentence or set apart by a blank line (into a sentence, which goes on below it)."""
    if len(indices) < 2:
        return 0
    column = column_width(widths, indices[0])
    credit_line, line_above = indices[-1], indices[-2]
    if (
        column
        and widths[credit_line] >= _ACROSS_THE_PHOTO * column
        and (ends_sentence(lines[line_above]) or credit_line > line_above + 1)
        and SENTENCE_PUNCT.search(lines[credit_line])
    ):
        return len(indices) - 1
    if len(indices) < 4:
        return 0
    start = 0
    for m in range(len(indices) - 2, 0, -1):
        if not 0 < widths[indices[m]] <= column - 2:
            break
        above = lines[indices[m - 1]]
        # (or a sentence the caption was set into, its text going on under the credit)
        into = above.rstrip()[-1:] in "，、," and indices[-1] + 1 < len(lines) and bool(lines[indices[-1] + 1].strip())
        if (ends_sentence(above) or into) and widths[indices[m - 1]] > column - 2:
            start = m
            break
    if not start or len(indices) - 1 - start < 2:
        return 0
    caption_widths = [widths[k] for k in indices[start:-2]]
    return start if not caption_widths or max(caption_widths) - min(caption_widths) <= 1 else 0


# A caption printed on one line across its photo is this much wider than the text's column.
_ACROSS_THE_PHOTO = 1.5


def _caption_paragraph(lines: Sequence[str], start: int, end: int) -> ReflowedParagraph:
    """The caption set into a running paragraph (lines `start` to `end`), a paragraph of its own."""
    block = [k for k in range(start, end) if lines[k].strip()]
    return ReflowedParagraph("".join(lines[k].strip() for k in block), tuple(block))


def _ends_paragraph(lines: Sequence[str], widths: Sequence[float], i: int, stripped: str, tail: str) -> bool:
    """Line `i` ends its paragraph: it ends a sentence, and a blank, a short line or the page end follows."""
    # The paragraph's tail ends on this line's last character: neither can end a sentence
    # unless that character can.
    if stripped[-1] not in SENTENCE_ENDERS or (not ends_sentence(stripped) and not ends_sentence(tail)):
        return False
    if ends_on_credit(stripped):
        return True  # a caption's credit, however wide the caption's line
    n = len(lines)
    j = i + 1
    blank_follows = j < n and not lines[j].strip()
    column = column_width(widths, i)  # the column width, only where a paragraph may end
    short = column > 0 and widths[i] < _SHORT_LINE * column
    return bool(blank_follows or short or j >= n)
