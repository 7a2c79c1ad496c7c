"""Small facts about Chinese text that several stages share (one definition each)."""

from __future__ import annotations

import re

HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN = re.compile(f"[{HAN_RANGES}]")

# Sentence-final punctuation, optionally followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"(?:[。！？!?]|……|…)[”’」』）)》]*$")
# A photographer's or supplier's credit closes a caption the way a full stop closes a sentence.
_CREDIT_END = re.compile(rf"(?:[{HAN_RANGES}]{{2,4}}[ ·]?){{1,4}}(?:摄|摄影|供图|/摄)$|[（(][^（）()]{{1,24}}(?:摄|供图)[)）]$")
# Punctuation that only occurs inside running sentences, never in a headline line.
SENTENCE_PUNCT = re.compile(r"[，。；！？、,;!?]")
# Characters a headline never ends on: a line ending on one of them is a sentence cut short.
_FUNCTION_END = re.compile(rf"[了的得地着过和与及并而或在是为把被将对从向以于由让使给到就都也还又所其该各每之等、，,]$")


def han_count(text: str) -> int:
    return len(HAN.findall(text))


_SENTENCE_LAST = frozenset("。！？!?…”’」』）)》")
_CREDIT_LAST = frozenset("摄图）)")


def ends_sentence(line: str) -> bool:
    """The line closes a sentence (or a caption's credit), so a paragraph may end here."""
    text = line.rstrip()
    if not text:
        return False
    last = text[-1]
    # Look only at the tail: this runs on every line of every page.
    if last in _SENTENCE_LAST and _SENTENCE_END.search(text[-12:]):
        return True
    return last in _CREDIT_LAST and bool(_CREDIT_END.search(text[-40:]))


def ends_on_function_char(text: str) -> bool:
    return bool(_FUNCTION_END.search(text.rstrip()))


# Punctuation below U+2E80 that Chinese typesetting sets full-width.
_WIDE_PUNCT = frozenset("“”‘’—…·")


def display_width(text: str) -> float:
    """Width in 'Chinese characters': how full a hard-wrapped line is, whatever its script."""
    narrow = len(_NARROW.findall(text))
    if narrow == 0:
        return float(len(text))
    return len(text) - narrow * 0.45


# Characters set half-width: ASCII and everything below the CJK blocks but the full-width punctuation.
_NARROW = re.compile("[^" + "".join(sorted(_WIDE_PUNCT)) + "\u2e80-\U0010ffff]")


def join_lines(left: str, right: str) -> str:
    """Join two wrapped lines: no space inside Chinese text or numbers, one between Latin words."""
    if not left:
        return right
    if not right:
        return left
    if left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalpha():
        return f"{left} {right}"
    return left + right


def first_sentence(text: str, limit: int = 80) -> str:
    match = re.search(r"[。！？!?]", text)
    end = match.end() if match else len(text)
    return text[: min(end, limit)]
