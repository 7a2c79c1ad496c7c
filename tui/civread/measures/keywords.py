"""Keywords: what an article is about, by rjieba segmentation and tf-idf against the corpus.

Words that every article of this genre uses (开展, 推进, 工作 …) say nothing about one
article, so they are stopwords; words the whole corpus shares get a low idf; what is left and
frequent in one article is what sets it apart. Pure: no UI imports.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import itemgetter, mul, truediv
from typing import Any

__all__ = [
    "KeywordModel", "RankForm", "STOPWORDS", "Terms", "keyword_tokens", "rank_form", "rjieba_module", "segment", "segment_tagged",
    "term_counts",
]  # fmt: skip


def rjieba_module() -> Any:
    """rjieba, imported when first needed: loading it takes ~0.3 s, which a warm export (that
    tokenises nothing) need not pay."""
    import rjieba

    return rjieba


_rjieba = rjieba_module

# An article's keyword candidates with their counts, in first-seen order: what is stored.
Terms = tuple[tuple[str, int], ...]

# A general stopword list for Chinese news prose: function words, pronouns, degree and time
# adverbs, and the all-purpose verbs and nouns of official reporting. Nothing page-specific.
STOPWORDS: frozenset[str] = frozenset(
    """
    的 了 和 在 是 等 与 及 或 并 而 也 都 还 又 就 将 把 被 对 从 向 以 于 由 为 让 使 给 到 着 过
    我们 他们 她们 你们 自己 大家 这个 那个 这些 那些 这样 那样 这里 那里 其中 其他 其它 有关 相关
    一个 一些 一批 一系列 一起 一直 一定 一步 各个 各类 各项 各级 各地 每个 所有 多个 多种
    进一步 不断 持续 积极 充分 切实 认真 深入 全面 大力 广泛 努力 始终 更加 更好 已经 正在 目前
    同时 此外 以及 还是 或者 但是 因此 所以 因为 如果 虽然 通过 按照 根据 围绕 聚焦 针对 关于
    开展 进行 推进 推动 加强 提升 提高 实现 坚持 组织 建设 发展 工作 活动 做好 抓好 落实 完善
    不仅 而且 可以 能够 需要 没有 成为 作为 具有 有效 有力 重要 主要 重点 方面 情况 问题 方式 方面
    今年 去年 近年来 近日 近期 以来 期间 当前 如今 日前 此前 之后 之前 以后 以上 以下 其中
    表示 介绍 了解 据悉 记者 本报 报道 来源 编辑 责任编辑 通讯员
    有的 什么 怎么 如何 为了 为此 对于 由于 随着 有着 之一 实际 进行 充分 不同 更多 更大
    全市 全县 全区 全省 全镇 全乡 全村 全州 全盟 全旗 各县 各区 各市 辖区 本地 当地 本市 本县
    起来 下来 出来 进来 上去 下去 开始 继续 出现 得到 受到 达到 带来 进入 寻找 读出 看到 听到
    来到 走进 走出 前往 参与 参加 提供 帮助 解决 减少 增加 增强 加大 加快 强化 优化 注重 注意
    表明 认为 指出 强调 要求 希望 决定 确保 保障 有序 及时 一道 一方面 另一方面 同比 环比
    结果 方向 意识 作用 过程 水平 能力 内容 形式 部分 地方 时候 时间 时期 阶段 环节 领域 方法
    效果 成效 成果 措施 举措 机制 体系 任务 目标 要求 意见 经验 做法 模式 基础 条件 范围 整体
    人们 人员 有人 有些 许多 很多 不少 大量 各种 各样 之间 之中 当中 方面 为主 为例 包括 实现
    """.split()
)

# Tags kept as keyword candidates: nouns of every kind, verbs and verbal nouns, idioms,
# abbreviations, Latin words. Adverbs, numerals, measure words, pronouns, particles,
# prepositions, conjunctions, time and place-relation words are dropped.
_KEEP_TAGS = frozenset("n nr ns nt nz ng nrt nrfg an v vn l i j eng".split())
_NOISE = re.compile(r"^[\d\W_]+$")
# "一幕幕", "一个", "两批": a numeral and a measure word, a quantity rather than a topic.
_NUMERAL_MEASURE = re.compile(r"^[一二两三四五六七八九十几每][个只条件幕次些批项种类位名场处家块片阵番]+$")
# "张三摄": a photo credit glued into one token by the segmenter.
_CREDIT = re.compile(r"^[\u4e00-\u9fff]{2,4}摄$")
_DIGIT = re.compile(r"\d")
_LATIN = re.compile(r"[A-Za-z]")
# Place suffixes: "肇庆" and "肇庆市" are one keyword, shown once.
_PLACE_SUFFIXES = ("省", "市", "县", "区", "州", "镇", "乡", "村", "旗", "盟")


def segment(text: str) -> list[str]:
    """The words of `text`; wrapped lines are joined first so no word is cut at a line end."""
    return _rjieba().cut(_join_lines(text))


def segment_tagged(text: str) -> list[tuple[str, str]]:
    """The words of `text` with their part-of-speech tags (lines joined first)."""
    return _rjieba().tag(_join_lines(text))


def _join_lines(text: str) -> str:
    # Paragraph breaks stay breaks (a blank line becomes a full stop-like boundary); a single
    # newline inside a paragraph is a hard wrap and is removed.
    return re.sub(r"[ \t]*\n(?!\n)[ \t]*", "", text.replace("\r\n", "\n")).replace("\n", " ")


# The tagger is fed at most this many characters at a time: it returns a (word, tag) tuple per
# word, so one 10-million-character article made a list of millions of tuples (over 1 GB).
_TAG_CHUNK_CHARS = 20_000


def _tag_chunks(text: str) -> Iterator[str]:
    """`text` (lines already joined) in pieces cut after a sentence end or a space, where no
    word continues, so tagging piece by piece gives the same words as tagging it whole."""
    start, n = 0, len(text)
    while start < n:
        end = min(n, start + _TAG_CHUNK_CHARS)
        if end < n:
            cut = max(text.rfind(mark, start, end) for mark in ("。", "！", "？", "；", " "))
            if cut > start:
                end = cut + 1
        yield text[start:end]
        start = end


def keyword_tokens(text: str) -> list[str]:
    """The words of `text` that can be keywords: informative nouns/verbs, no stopwords, no noise.

    Tagged piece by piece (`_tag_chunks`): memory stays bounded however long the article."""
    out: list[str] = []
    for word, tag in (pair for chunk in _tag_chunks(_join_lines(text)) for pair in _rjieba().tag(chunk)):
        word = word.strip()
        if len(word) < 2 or tag not in _KEEP_TAGS:
            continue
        if word in STOPWORDS or _NOISE.match(word):
            continue
        if _NUMERAL_MEASURE.match(word) or _CREDIT.match(word):
            continue
        if _DIGIT.search(word) and not _LATIN.search(word):  # "2023年", "12345热线" bits
            continue
        out.append(word)
    return out


def term_counts(text: str) -> Terms | None:
    """The keyword candidates of `text` with their counts, first seen first; None when the text
    cannot be segmented. The one tokenisation an article gets (see `civread.measures.metrics`)."""
    try:
        tokens = keyword_tokens(text or "")
    except Exception:  # noqa: BLE001 - one odd text must not sink the corpus model
        return None
    return tuple(Counter(tokens).items())


# An article's terms made ready for tf-idf ranking: its words with place names folded (first
# seen first), their counts, and the total count before folding. Depends on the article alone.
RankForm = tuple[tuple[str, ...], tuple[int, ...], int]


def rank_form(terms: Terms | None) -> RankForm | None:
    """What `KeywordModel.rank_form` ranks: made once per article, kept with its page."""
    if not terms:
        return None
    counts = _fold_place_names(Counter(dict(terms)))
    return (tuple(counts), tuple(counts.values()), sum(map(itemgetter(1), terms)))


def _fold_place_names(counts: Counter[str]) -> Counter[str]:
    """Count "肇庆" as "肇庆市" when the text uses both, so one place is not two keywords."""
    for word in list(counts):
        if len(word) >= 3 and word.endswith(_PLACE_SUFFIXES):
            stem = word[:-1]
            if stem in counts:
                counts[word] += counts.pop(stem)
    return counts


@dataclass(slots=True)
class KeywordModel:
    """Document frequencies over a corpus's articles, for tf-idf keywords.

    An empty model (no documents) ranks by term frequency alone.
    """

    documents: int = 0
    df: Counter[str] = field(default_factory=Counter)
    totals: Counter[str] = field(default_factory=Counter)  # occurrences over the whole corpus
    # idf of the words ranked so far, valid for `_memo_for` = (documents, distinct words).
    _memo: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    _memo_for: tuple[int, int] = field(default=(-1, -1), repr=False, compare=False)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "KeywordModel":
        """Count, for each candidate word, how many texts use it and how often in all."""
        model = cls()
        for text in texts:
            model.add_text(text)
        return model

    def add_text(self, text: str) -> None:
        """Count one more document (a text that cannot be segmented is skipped)."""
        self.add_terms(term_counts(text))

    def add_terms(self, terms: Terms | None, totals: bool = True) -> None:
        """Count one more document from its stored term counts (None: not a document).
        `totals=False` leaves the corpus occurrence counts alone (tf-idf needs only the df)."""
        if terms is None:
            return
        self.documents += 1
        counts = dict(terms)
        self.df.update(counts.keys())  # each word once per document (Counter counts in C)
        if totals:
            self.totals.update(counts)

    def add_documents(self, documents: int, words: Iterable[str]) -> None:
        """Count a page's documents from its stored keyword candidates: each of its articles'
        distinct words, one after another (`civread.cache.encode_export`); df only."""
        self.documents += documents
        self.df.update(words)

    @classmethod
    def from_corpus(cls, corpus: object) -> "KeywordModel":
        """The model over every article of a `Corpus`."""
        articles = getattr(corpus, "articles", [])
        return cls.from_texts(a.text for a in articles)

    def idf(self, word: str) -> float:
        """Smoothed inverse document frequency (1.0 for a word in every document)."""
        return self.idf_of(self.df.get(word, 0))

    def idf_of(self, df: int) -> float:
        """The idf of a word found in `df` of this model's documents."""
        return math.log((1 + self.documents) / (1 + df)) + 1.0

    def top_keywords(self, text: str, n: int = 8) -> list[tuple[str, float]]:
        """The `n` words of `text` with the highest tf-idf, best first, scores rounded to 4 places."""
        if n <= 0 or not text:
            return []
        return self.rank(term_counts(text), n)

    def rank(self, terms: Terms | None, n: int = 8) -> list[tuple[str, float]]:
        """The `n` best of an article's stored term counts by tf-idf, best first (4 places)."""
        if n <= 0 or not terms:
            return []
        return self.rank_form(rank_form(terms), n)

    def rank_form(
        self, form: RankForm | None, n: int = 8, idf: dict[str, float] | None = None
    ) -> list[tuple[str, float]]:
        """`rank` of terms already prepared by `rank_form` (what the page cache keeps for the
        export); `idf` is `idf_table()` when the caller ranks a whole corpus against one model."""
        if n <= 0 or not form or not form[0]:
            return []
        words, counts, total = form
        if idf is not None:
            idfs: Iterable[float] = map(idf.get, words, repeat(self.idf_of(0), len(words)))
        else:
            # Each word's idf is computed once per model state: this runs for every word of every article.
            state = (self.documents, len(self.df))
            if self._memo_for != state:
                self._memo, self._memo_for = {}, state
            memo, word_idf = self._memo, self.idf
            idfs = [memo[w] if w in memo else memo.setdefault(w, word_idf(w)) for w in words]
        # count / total * idf, as tf-idf is written, each in C.
        scores = list(map(mul, map(truediv, counts, repeat(total, len(counts))), idfs))
        # Only words scoring at least the n-th best score can be among the n best: the others are
        # never put in the (score, length, order) tuples that decide the ranking and its ties.
        if len(scores) > n:
            floor = sorted(scores)[-n]
            chosen_at: Iterable[int] = compress(range(len(scores)), map(floor.__le__, scores))
        else:
            chosen_at = range(len(scores))
        # Ties: the longer word is more specific, then first-seen order.
        chosen = [(scores[i], len(words[i]), -i, words[i]) for i in chosen_at]
        return [(word, round(score, 4)) for score, _, _, word in heapq.nlargest(n, chosen)]

    def idf_table(self) -> dict[str, float]:
        """Every known word's idf at once (one float per distinct document frequency)."""
        by_df: dict[int, float] = {}
        return {w: by_df[d] if d in by_df else by_df.setdefault(d, self.idf_of(d)) for w, d in self.df.items()}

    def take_idf_table(self) -> dict[str, float]:
        """`idf_table()` made in place of the document frequencies, so the vocabulary is held once,
        not twice; the model keeps its document count, its `df` is left empty."""
        table: dict[str, float] = self.df  # type: ignore[assignment]
        by_df: dict[int, float] = {}
        for word, d in self.df.items():  # values replaced in place: the dict does not change size
            table[word] = by_df[d] if d in by_df else by_df.setdefault(d, self.idf_of(d))
        self.df = Counter()
        return table

    def most_common(self, n: int = 20) -> list[tuple[str, int]]:
        """The corpus's most frequent candidate words with their occurrence counts."""
        if n <= 0:
            return []
        return sorted(self.totals.items(), key=lambda wc: (-wc[1], -self.df[wc[0]], wc[0]))[:n]
