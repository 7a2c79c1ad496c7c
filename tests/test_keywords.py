"""Keywords: rjieba words ranked by tf-idf against the corpus, never noise."""

from __future__ import annotations

import re

from civread.measures.keywords import STOPWORDS, KeywordModel, keyword_tokens, segment
from civread.model import Corpus
from seedtext import seed_page

PREFIXES = ("000", "001", "002", "003", "004")


def _corpus() -> Corpus:
    return Corpus(pages=[seed_page(p) for p in PREFIXES])


def test_seed_keywords_are_content_words() -> None:
    corpus = _corpus()
    model = KeywordModel.from_corpus(corpus)
    assert model.documents == len(corpus.articles) >= 10
    seen = 0
    for article in corpus.articles:
        words = [w for w, _ in model.top_keywords(article.text, 8)]
        seen += len(words)
        for word in words:
            assert len(word) >= 2, (article.id, word)
            assert word not in STOPWORDS, (article.id, word)
            assert not re.search(r"\d", word), (article.id, word)
            assert not re.search(r"[^\w]", word), (article.id, word)  # no punctuation
            assert word in article.text, (article.id, word)  # a word of this article
    assert seen > 100


def test_tf_idf_prefers_what_sets_an_article_apart() -> None:
    corpus = _corpus()
    model = KeywordModel.from_corpus(corpus)
    common = {w for w, c in model.df.items() if c >= model.documents // 2}
    assert common, "the seeds share vocabulary; some words must be in half the articles"
    # The article-specific words outrank the words half the corpus uses, in most articles.
    wins = 0
    long_articles = [a for a in corpus.articles if len(a.text) > 400]
    for article in long_articles:
        top = [w for w, _ in model.top_keywords(article.text, 3)]
        wins += sum(1 for w in top if w not in common) >= 2
    assert wins >= len(long_articles) * 0.7
    # The same text against an empty model (tf only) ranks common words higher.
    tf_only = KeywordModel()
    article = max(corpus.articles, key=lambda a: len(a.text))
    tf_top = [w for w, _ in tf_only.top_keywords(article.text, 5)]
    idf_top = [w for w, _ in model.top_keywords(article.text, 5)]
    assert sum(w in common for w in tf_top) >= sum(w in common for w in idf_top)


def test_wrapped_lines_are_joined_before_segmenting() -> None:
    # "志愿者" cut by a hard wrap must still be one word, not 志 + 愿者.
    assert "志愿者" in segment("全市注册志\n愿者超过十万人")
    assert "志愿者" in keyword_tokens("全市注册志\n愿者超过十万人，志愿者队伍")


def test_noise_is_never_a_keyword() -> None:
    text = "2023年9月1日，一幕幕场景。12345！！！ 石小文摄 ｜｜ 的的的 了了 、、、 A B C"
    for word in keyword_tokens(text):
        assert len(word) >= 2 and not re.search(r"\d", word) and word not in STOPWORDS
        assert not word.endswith("摄") and word != "一幕幕"


def test_place_name_and_its_short_form_are_one_keyword() -> None:
    text = "肇庆市推进文明创建。肇庆的驿站很方便，肇庆驿站遍布城区，肇庆市民点赞驿站。"
    words = [w for w, _ in KeywordModel().top_keywords(text, 8)]
    assert not ("肇庆" in words and "肇庆市" in words)
    assert "驿站" in words


def test_bad_input_never_raises() -> None:
    model = KeywordModel.from_texts(["", "\x00\x01", "、。！", "abc"])
    assert model.documents == 4
    assert model.top_keywords("", 5) == []
    assert model.top_keywords("。。。", 5) == []
    assert model.top_keywords("文明城市", 0) == []
    assert model.most_common(0) == []
    assert KeywordModel.from_corpus(Corpus()).documents == 0
