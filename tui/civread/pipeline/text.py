"""Small facts about Chinese text that several stages share (one definition each)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from civread.pipeline.pagememo import page_dict

HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN = re.compile(f"[{HAN_RANGES}]")

# Sentence-final punctuation, optionally followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"(?:[。！？!?]|……|…)[”’」』）)》]*$")
# A photographer's or supplier's credit closes a caption the way a full stop closes a sentence.
_CREDIT_END = re.compile(rf"(?:[{HAN_RANGES}]{{2,4}}[ ·]?){{1,4}}(?:摄|摄影|供图|/摄)$|[（(][^（）()]{{1,24}}(?:摄|供图)[)）]$")
# Punctuation that only occurs inside running sentences, never in a headline line.
SENTENCE_PUNCT = re.compile(r"[，。；！？、,;!?]")
# Characters a headline never ends on: a line ending on one of them is a sentence cut short.
_FUNCTION_END = re.compile(r"[的得地着过和与及并而或在是为把被将对从向以于由让使给到就都也还又所其该各每之等、，,]$")


# Runs of Han characters: one match per run, not one per character (counting and joining them
# runs in C, and there are far fewer runs than characters).
_HAN_RUN = re.compile(f"[{HAN_RANGES}]+")


# Each text's count, for the page in hand (see pagememo): the segmenter asks again for every
# paragraph of the running body each time it weighs the next paragraph. Only texts of up to
# _COUNTED_TEXT characters, _COUNTED_TEXTS of them at most: what it holds stays small whatever
# the page (a page's lines and paragraphs fit; a degenerate page's endless lines are counted again).
_HAN_COUNTS: dict[str, int] = page_dict()
_COUNTED_TEXT = 2048
_COUNTED_TEXTS = 4096


def han_only(text: str) -> str:
    """The text's Han characters alone, in order."""
    return "".join(HAN.findall(text))


def han_count(text: str) -> int:
    count = _HAN_COUNTS.get(text)
    if count is None:
        # The text with its Han runs taken out, in C: what went is the count.
        count = len(text) - len(_HAN_RUN.sub("", text))
        if len(text) <= _COUNTED_TEXT:
            if len(_HAN_COUNTS) >= _COUNTED_TEXTS:
                _HAN_COUNTS.clear()
            _HAN_COUNTS[text] = count
    return count


_SENTENCE_LAST = frozenset("。！？!?…”’」』）)》")
_CREDIT_LAST = frozenset("摄图）)")
# A line can end a sentence only on one of these (after trailing spaces).
SENTENCE_ENDERS = _SENTENCE_LAST | _CREDIT_LAST


def ends_sentence(line: str) -> bool:
    """The line closes a sentence (or a caption's credit), so a paragraph may end here."""
    text = line.rstrip()
    if not text:
        return False
    last = text[-1]
    # Look only at the tail: this runs on every line of every page.
    if last in _SENTENCE_LAST and _SENTENCE_END.search(text[-12:]):
        return True
    if last in "）)" and _CLOSING_BRACKETS.search(text[-30:]):
        return True
    return last in _CREDIT_LAST and ends_on_credit(text)


# A sentence's end, then a credit or a note in brackets: "…窗花。（张伟 刘芳）", "…。（完）".
_CLOSING_BRACKETS = re.compile(r"[。！？!?][”’」』]?[（(][^（）()。]{1,24}[)）]$")


def ends_on_credit(line: str) -> bool:
    """The line ends on a photo credit ("…春运保障。 方艳 曾芳海 摄", "…（李明 摄）"): a
    caption's end, whatever follows it."""
    text = line.rstrip()
    return bool(text) and text[-1] in _CREDIT_LAST and bool(_CREDIT_END.search(text[-40:]))


def ends_on_function_char(text: str) -> bool:
    """The text ends on a particle or preposition standing alone ("…社区的", "…并在"): a
    sentence cut short. A word that merely ends on such a character ("应对", "成就") does not."""
    tail = text.rstrip()
    if not _FUNCTION_END.search(tail):
        return False
    from civread.pipeline.words import segment  # the segmenter is loaded only when asked

    last = segment(tail[-8:])[-1:]
    return not last or len(last[0]) == 1


# What a sentence never opens on: punctuation that closes or continues one, or a particle.
_FUNCTION_START = re.compile(r"[，。；：、！？）》”’,;:!?)的得地着了过和与及等]")


# A quote or bracket closed within a few characters, none opened before it.
_CLOSED_BEFORE_OPENED = re.compile(r"^[^“”‘’「」『』（）《》()\[\]【】\n]{1,10}[”’」』）》)】]")


def starts_mid_sentence(text: str) -> bool:
    """The text opens inside a sentence ("的梦想。…", "”工程，…"): the rest of one printed
    apart from its beginning. A word that merely starts on a particle ("和平", "地方") does not."""
    head = text.lstrip()
    if _CLOSED_BEFORE_OPENED.match(head):
        return True  # ("企上云”工程，…": the quote it closes was opened on the lines before)
    if not _FUNCTION_START.match(head):
        return False
    if not HAN.match(head):
        return True
    from civread.pipeline.words import segment  # the segmenter is loaded only when asked

    first = segment(head[:8])[:1]
    return not first or len(first[0]) == 1


# Punctuation below U+2E80 that Chinese typesetting sets full-width.
_WIDE_PUNCT = frozenset("“”‘’—…·")


def display_width(text: str) -> float:
    """Width in 'Chinese characters': how full a hard-wrapped line is, whatever its script."""
    # ASCII is all narrow: no per-character match list for long Latin or degenerate lines.
    narrow = len(text) if text.isascii() else len(_NARROW.findall(text))
    if narrow == 0:
        return float(len(text))
    return len(text) - narrow * 0.45


# How a newspaper's name ends ("某某日报", "青田报"): the one list, for the masthead's furniture
# and for the home place a paper's name gives.
PAPER_SUFFIX = "(?:日报|晚报|时报|导报|周刊|报)"


def nearest_text(lines: Sequence[str], i: int, step: int = 1) -> int | None:
    """The index of the first line with text after line i (`step` 1) or before it (`step` -1)."""
    j = i + step
    while 0 <= j < len(lines) and not lines[j].strip():
        j += step
    return j if 0 <= j < len(lines) else None


def line_widths(lines: Sequence[str]) -> list[float]:
    """display_width of every line, stripped (0 for a blank line): computed once per page."""
    return [display_width(text) if (text := line.strip()) else 0.0 for line in lines]


def upper_quartile(widths: Iterable[float]) -> float:
    """The upper quartile of the positive widths (0 when there are none): the width of the
    column those lines were set in, whatever short last lines and blanks are among them."""
    # Widths are never negative: filter(None, …) keeps exactly the positive ones, in C.
    window = sorted(filter(None, widths))
    return window[(len(window) * 3) // 4] if window else 0.0


def column_width(widths: Sequence[float], i: int, radius: int = 6) -> float:
    """The column width around line i: the upper quartile of the widths within `radius` of it."""
    return upper_quartile(widths[max(0, i - radius) : i + radius + 1])


# Characters set half-width: ASCII and everything below the CJK blocks but the full-width punctuation.
_NARROW = re.compile("[^" + "".join(sorted(_WIDE_PUNCT)) + "\u2e80-\U0010ffff]")


def join_separator(left: str, right: str) -> str:
    """What goes between a line ending on `left` and one starting with `right`: a space only
    between two Latin letters."""
    return " " if left.isascii() and left.isalpha() and right.isascii() and right.isalpha() else ""


def join_lines(left: str, right: str) -> str:
    """Join two wrapped lines: no space inside Chinese text or numbers, one between Latin words."""
    if not left:
        return right
    if not right:
        return left
    return left + join_separator(left[-1], right[0]) + right


_SENTENCE_STOP = re.compile(r"[。！？!?]")


def first_sentence(text: str, limit: int = 80) -> str:
    match = _SENTENCE_STOP.search(text)
    end = match.end() if match else len(text)
    return text[: min(end, limit)]


class SubstringIndex:
    """Which of many texts contain a given text, in time that does not grow with their number.

    Texts are indexed by their `gram`-character slices, so a look-up compares only against the
    few texts that share the query's first slice (a 50,000-line page stays linear). A query
    shorter than a slice must equal a text whole.
    """

    def __init__(self, texts: Iterable[str], gram: int = 8) -> None:
        self._gram = gram
        self._texts = [t for t in texts if t]
        self._exact = set(self._texts)
        self._slices: dict[str, list[int]] = {}
        for n, text in enumerate(self._texts):
            for i in range(max(1, len(text) - gram + 1)):
                bucket = self._slices.setdefault(text[i : i + gram], [])
                if not bucket or bucket[-1] != n:
                    bucket.append(n)

    def holders(self, query: str) -> list[str]:
        """The indexed texts that contain `query`."""
        if not query:
            return []
        if len(query) < self._gram:
            return [query] if query in self._exact else []
        return [self._texts[n] for n in self._slices.get(query[: self._gram], ()) if query in self._texts[n]]

    def contains(self, query: str) -> bool:
        """Some indexed text contains `query`."""
        return bool(query) and (query in self._exact or bool(self.holders(query)))


# Each text's pairs, for the page in hand (see pagememo). A body's text is its paragraphs joined
# by line breaks, asked about again each time a piece is weighed against the page's bodies, and
# a paragraph's opening is asked about before the whole paragraph: answers are built from the
# answers already given (see han_pairs). At most _PAIRS_HELD texts and _PAIRS_MOST pairs in all
# (a page's few thousand, where a degenerate page's endless bodies would hold millions).
# (The sets kept are never handed out: a caller gets a copy, which costs far less than building.)
_PAIRS: dict[tuple[str, int], set[str]] = page_dict()
# A line's opening pairs (its first Han characters, how many): the start of its whole answer.
_OPENINGS: dict[str, tuple[int, set[str]]] = page_dict()
_PAIRS_HELD = 4096
_PAIRS_MOST = 400_000
_held = [0]  # pairs held in _PAIRS and _OPENINGS


def _keep(key: tuple[str, int], found: set[str]) -> None:
    """Remember a text's pairs, emptying the memory first when it is full."""
    if not _PAIRS:  # emptied for a new page (pagememo): nothing held
        _held[0] = 0
    if len(_PAIRS) >= _PAIRS_HELD or _held[0] + len(found) > _PAIRS_MOST:
        _PAIRS.clear()
        _OPENINGS.clear()
        _held[0] = 0
    _PAIRS[key] = found
    _held[0] += len(found)


def han_pairs(text: str, most: int = 0) -> set[str]:
    """The distinct pairs of neighbouring Han characters (of the first `most` among the first
    2 × `most` characters, if given): what two texts share of names and terms, however a
    segmenter would cut them into words.

    Line breaks are not Han: a text's Han characters are its lines' ones in turn, so its pairs
    are its lines' pairs (each remembered) plus the pair made across each break. And a line's
    pairs are its opening's pairs (when asked before) plus those of the rest of its Han text."""
    key = (text, most)
    found = _PAIRS.get(key)
    if found is None:
        if most:
            found = _opening_pairs(text, most)
        elif "\n" in text:
            found = _lines_pairs(text.split("\n"), 0, True)
        else:
            found = _line_pairs(text)
        _keep(key, found)
    return set(found)


def _pairs(han: str) -> set[str]:
    return {a + b for a, b in zip(han, han[1:])}


def _line_pairs(line: str) -> set[str]:
    """The pairs of one line (no line break), remembered."""
    found = _PAIRS.get((line, 0))
    if found is None:
        han = "".join(_HAN_RUN.findall(line))
        opening = _OPENINGS.get(line)
        if opening is not None and opening[0] >= 2:
            # The opening's Han characters are the first of the line's: pairs(han) is the
            # opening's pairs and the pairs from its last character on.
            found = opening[1] | _pairs(han[opening[0] - 1 :])
        else:
            found = _pairs(han)
        _keep((line, 0), found)
    return found


def _opening_pairs(text: str, most: int) -> set[str]:
    """The pairs of the first `most` Han characters among the text's first 2 × `most` characters."""
    window = text[: most * 2]
    if "\n" in window:
        return _lines_pairs(window.split("\n"), most, False)
    han = "".join(_HAN_RUN.findall(window))[:most]
    found = _pairs(han)
    # The window is the opening of the text's first line: remembered for that line's pairs.
    if len(_OPENINGS) < _PAIRS_HELD:
        _OPENINGS[text.partition("\n")[0]] = (len(han), found)
        _held[0] += len(found)
    return found


def _lines_pairs(lines: list[str], most: int, last_whole: bool) -> set[str]:
    """The pairs of the lines joined by line breaks (of their first `most` Han characters if
    `most`): each line's pairs, and the pair across each break. Every line but the last is a
    whole line of the text; the last is one too when `last_whole`."""
    pairs: set[str] = set()
    last = ""
    count = 0
    final = len(lines) - 1
    for k, line in enumerate(lines):
        han = "".join(_HAN_RUN.findall(line))
        if not han:
            continue
        if most:
            if count >= most:
                break
            part = han[: most - count]
        else:
            part = han
        if last:
            pairs.add(last + part[0])
        last = part[-1]
        count += len(part)
        if len(part) == len(han) and (k < final or last_whole):
            pairs |= _line_pairs(line)
        else:
            pairs |= _pairs(part)
    return pairs


def number_runs_on(left: str, right: str) -> bool:
    """A date or number cut between two lines ("…北京8月" / "12日电…", "…今天16" / "时，…")."""
    if not left or not right:
        return False
    dated = left[-1] in "年月" and len(left) > 1 and left[-2].isdigit()  # "…2024年" / "6月…", not "…中国年" / "6月份…"
    return (left[-1].isdigit() or dated) and right[0].isdigit() or left[-1].isdigit() and right[0] in _NUMBER_UNITS


def shredded_digits(lines: Sequence[str]) -> dict[int, int]:
    """The lines of dates shredded digit by digit ("5月" / "1" / "5日…"), each with the line it
    goes on: the lone digit onto the line that finishes its day (a blank line apart at most),
    and a day left alone on its line ("2024年6月" / "1" / "3日", or so with a blank line between
    every two) with it onto the month's line.
    An extraction that breaks a number digit by digit leaves a line no rule can read (a
    headline's? a page number?), and splits "5月15日" into "5月" and "5日"."""
    found: dict[int, int] = {}
    for i in range(1, len(lines) - 1):
        if not _LONE_DIGIT.match(lines[i]):
            continue
        if ENDS_ON_MONTH.search(lines[i - 1]):
            month = i - 1
        elif i >= 2 and not lines[i - 1].strip() and ENDS_ON_MONTH.search(lines[i - 2]):
            month = i - 2  # (a page set with a blank line between every two)
        else:
            continue
        j = i + 1 if lines[i + 1].strip() or i + 2 >= len(lines) else i + 2
        if not _DAY_ENDING.match(lines[j]):
            continue
        if _DAY_ALONE.match(lines[j]) and j - i == i - month:  # a signature's date: all of it on one line
            found[i] = found[j] = month
        elif month == i - 1:
            found[i] = j
    return found


_LONE_DIGIT = re.compile(r"^\s*\d\s*$")
# A line that ends on a month ("…新华社北京6月"): a date its day goes on below.
ENDS_ON_MONTH = re.compile(r"\d{1,2}\s*月\s*$")
_DAY_ENDING = re.compile(r"^\s*\d[日号]")  # the day's last digit, on the line under the shredded one
_DAY_ALONE = re.compile(r"^\s*\d[日号]\s*$")


# What follows a number: "16" / "时", "3.5" / "万吨", "35" / "周年", its unit or classifier.
_NUMBER_UNITS = frozenset("时分秒日月年号点万亿千百元个人名家天岁度米吨倍%％周次项件例场架条座亩户辆所批轮届")
