"""Traditional → simplified Chinese: detect a traditional page cheaply, convert it with OpenCC."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import opencc

from civread.pipeline.text import HAN_RANGES

# Runs of Han characters: a sample is read as runs, joined, not one match per character.
_HAN_RUN = re.compile(f"[{HAN_RANGES}]+")

# How many Han characters to look at, and what share of them must be traditional-only.
_SAMPLE_HAN = 400
_MIN_TRADITIONAL_SHARE = 0.04
_MIN_TRADITIONAL_CHARS = 3

# After t2s, 著 stays 著 everywhere (騎著 → 骑著). In a traditional page 著 stands both for the
# aspect particle / 着 of 着力, 着眼 … (simplified 着) and for "write / notable" (simplified 著).
# These are the words where it means the latter; everywhere else it becomes 着.
_ZHU_WORDS = (
    "显著", "著名", "著作", "著称", "著述", "著录", "著者", "著书", "土著", "卓著", "昭著",
    "名著", "巨著", "专著", "论著", "原著", "编著", "译著", "遗著", "新著", "拙著", "合著",
    "撰著", "著作权", "彰著", "所著",
)
_ZHU_KEEP = re.compile("|".join(sorted({w for w in _ZHU_WORDS if "著" in w}, key=len, reverse=True)))


def _dictionary(name: str) -> dict[str, str]:
    """One of OpenCC's t2s dictionaries: source → its first (preferred) target."""
    path = Path(opencc.__file__).parent / "dictionary" / name
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        if source and targets:
            table[source] = targets.split()[0]
    return table


class _T2S:
    """OpenCC's t2s conversion (its own dictionaries, its longest-match rule), done in C speed.

    OpenCC's pure-Python matcher converts about 2 MB/s; here phrases are found by one regex
    (the longest phrase starting at a place, which is the same forward maximum matching) and
    every other character goes through `str.translate`. `tests/test_script.py` checks the output
    is identical.
    """

    def __init__(self) -> None:
        self.phrases = _dictionary("TSPhrases.txt")
        chars = _dictionary("TSCharacters.txt")
        self.table = {ord(k): v for k, v in chars.items() if len(k) == 1}
        self.phrase_re = re.compile(f"({_longest_first(self.phrases)})")

    def convert(self, text: str) -> str:
        parts = self.phrase_re.split(text)
        # re.split with a group alternates: text, phrase, text, phrase, …
        for i in range(0, len(parts), 2):
            parts[i] = parts[i].translate(self.table)
        for i in range(1, len(parts), 2):
            parts[i] = self.phrases[parts[i]]
        return "".join(parts)


def _longest_first(words: Iterable[str]) -> str:
    """A regex matching, where any of `words` starts, the longest one: the words as a tree of
    their shared beginnings, each ending optional after what may follow it (tried first). It
    matches what the alternation of the words, longest first, matches, but tries one branch for
    the next character where that alternation tries every word (half the time on a page)."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(tree)


@lru_cache(maxsize=1)
def _converter() -> _T2S:
    return _T2S()


@lru_cache(maxsize=1)
def traditional_only_chars() -> frozenset[str]:
    """Characters OpenCC's t2s changes: seeing several of them means the page is traditional."""
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    chars: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        if len(source) == 1 and targets and targets.split()[0] != source:
            chars.add(source)
    # 著 and a few others are common in simplified text too; they must not tip the balance.
    chars.discard("著")
    return frozenset(chars)


def is_traditional(text: str) -> bool:
    """True when the first few hundred Han characters hold enough traditional-only ones."""
    sample = _first_han(text, _SAMPLE_HAN)
    seen = len(sample)
    hits = sum(map(traditional_only_chars().__contains__, sample))
    return seen > 0 and hits >= _MIN_TRADITIONAL_CHARS and hits / seen >= _MIN_TRADITIONAL_SHARE


def _first_han(text: str, n: int) -> str:
    """The first `n` Han characters of `text`, read as runs from a prefix that grows until it
    holds them (or is the whole text): a long page is never scanned to its end for a sample."""
    end = 4 * n
    while True:
        han = "".join(_HAN_RUN.findall(text, 0, end))
        if len(han) >= n or end >= len(text):
            return han[:n]
        end *= 4


def _fix_zhu(text: str) -> str:
    """Turn the 著 that t2s leaves behind into 着, except inside the 著 words."""
    if "著" not in text:
        return text
    out: list[str] = []
    pos = 0
    for match in _ZHU_KEEP.finditer(text):
        out.append(text[pos : match.start()].replace("著", "着"))
        out.append(match.group())
        pos = match.end()
    out.append(text[pos:].replace("著", "着"))
    return "".join(out)


def to_simplified(text: str) -> str:
    """Convert traditional text (any number of lines) to simplified, keeping line breaks."""
    return _fix_zhu(_converter().convert(text))
