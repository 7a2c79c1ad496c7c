"""Word segmentation shared by matching, keywords and metrics: rjieba, joined lines, no noise."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import rjieba

from civread.pipeline.pagememo import PAGE_DICT_MAX, page_dict

_NOISE = re.compile(r"^[\d\W_]+$")
# A word content_words leaves out: shorter than two characters, or noise.
_DROP = re.compile(r"(?s)(?:.?|[\d\W_]+)\Z")
# … so the words it keeps: two characters or more, one of them neither a digit nor noise
# (a test checks the two agree).
_KEEP = re.compile(r"(?s)(?=..)[\d\W_]*[^\d\W_]")
# Words too common in this genre to tell two articles apart.
_GENRE_COMMON = frozenset(
    "开展 推进 推动 工作 活动 持续 进一步 全面 深入 不断 积极 加强 提升 建设 发展 我们 他们 通过 实现 "
    "坚持 组织 群众 服务 相关 以来 今年 近年来 目前 同时 其中 已经 没有 一个 这个 这些 成为 进行 "
    "按照 围绕 聚焦 充分 有效 各类 各项 重要 主要 一批 一系列 新时代".split()
)


# The cuts made on the page in hand (joined text → its words), so the pinyin readings made when
# its articles are finished (civread.pinyin) do not cut the same paragraphs again. A page's
# working set (see pagememo), never a memory across pages. Each cut is kept as one string, its
# words joined by _CUT_MARK (a control character sanitizing takes out of every page): about the
# text's own size, where a list of word objects would take some twenty times it on a large page.
_PAGE_CUTS: dict[str, str] = page_dict()
_CUT_MARK = "\x00"


def segment(text: str) -> list[str]:
    """The words of `text`, wrapped lines joined first so no word is cut at a line end."""
    joined = text.replace("\n", "")
    words = rjieba.cut(joined)
    if words and _CUT_MARK not in joined:
        if len(_PAGE_CUTS) >= PAGE_DICT_MAX:
            _PAGE_CUTS.clear()
        _PAGE_CUTS[joined] = _CUT_MARK.join(words)
    return words


def cut(text: str) -> list[str]:
    """`rjieba.cut(text)` (text without line breaks), taken from this page's cuts when made already."""
    kept = _PAGE_CUTS.get(text)
    return kept.split(_CUT_MARK) if kept is not None else rjieba.cut(text)


def dictionary_words(text: str) -> list[str]:
    """The words of `text` as the dictionary knows them, no guessed words: a run of unknown
    characters (a name, then the next line's first characters) is never taken for one word."""
    return rjieba.cut(text.replace("\n", ""), False)


def tagged_words(text: str) -> list[tuple[str, str]]:
    """The text's words with their part of speech (jieba's tags: "nr" a person's name, "v" a verb)."""
    return rjieba.tag(text.replace("\n", ""))


@lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    """Distinct words of two or more characters that say what a text is about.

    Remembered per text: segmentation asks about the same paragraphs several times (cuts,
    subheads, headline matching), and a body's words are the union of its paragraphs'."""
    # Distinct words first: each is then tested once, however often the text repeats it, and
    # the test runs in C (segment() has removed every line break, so \Z in _DROP is _NOISE's $).
    words = set(segment(text))
    words.difference_update(_GENRE_COMMON)
    return frozenset(filter(_KEEP.match, words))  # the words _DROP leaves, tested in C


# Each union asked for on the page in hand: the segmenter asks for the same few paragraphs'
# union when it weighs a paragraph and again when it weighs the heading before it. At most
# _UNIONS_HELD of them (as many as content_words remembers): the asks repeat a step or two apart.
_UNIONS: dict[tuple[str, ...], frozenset[str]] = page_dict()
_UNIONS_HELD = 4096


def paragraphs_words(texts: Iterable[str]) -> frozenset[str]:
    """The content words of several paragraphs: the union of each one's (each remembered)."""
    key = tuple(texts)
    found = _UNIONS.get(key)
    if found is None:
        if len(_UNIONS) >= _UNIONS_HELD:
            _UNIONS.clear()
        found = _UNIONS[key] = frozenset().union(*map(content_words, key))
    return found
