"""Article and corpus metrics: counts, reading time, the figures an article reports."""

from __future__ import annotations

import re

from civread.measures.keywords import KeywordModel
from civread.measures.metrics import (
    READING_RATE,
    article_metrics,
    corpus_metrics,
    extract_figures,
    measure_corpus,
    reading_minutes,
    split_sentences,
)
from civread.model import Article, ArticleKind, CleaningReport, Corpus, Locality, Page, Paragraph, Script
from seedtext import seed_page, seed_text

PREFIXES = ("000", "001", "002", "003", "004")
_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


def _sentence_with(prefix: str, needle: str) -> str:
    """The seed's sentence (wrapped lines joined) that contains `needle`."""
    text = seed_text(prefix).replace("\n", "")
    at = text.index(needle)
    start = max(text.rfind(ch, 0, at) for ch in "。！？") + 1
    ends = [i for i in (text.find(ch, at) for ch in "。！？") if i != -1]
    return text[start : min(ends) + 1]


def _figures(text: str) -> dict[str, tuple[str, float, float | None]]:
    return {f.value: (f.counts, f.number, f.high) for f in extract_figures(text)}


def test_figures_with_what_they_count_on_seed_sentences() -> None:
    figs = _figures(_sentence_with("000", "2742支"))
    assert figs["2742支"][:2] == ("县级文明实践志愿服务队伍", 2742.0)
    figs = _figures(_sentence_with("000", "83万人"))
    assert figs["83万人"][1] == 830000.0 and figs["83万人"][0].endswith("注册志愿者")
    assert figs["20%"][1] == 20.0
    assert figs["5300多个"][1] == 5300.0
    assert figs["5706万小时"][1] == 57060000.0 and "时长" in figs["5706万小时"][0]
    figs = _figures(_sentence_with("000", "1.5万个"))
    assert figs["1.5万个"] == ("泊位", 15000.0, None)
    assert figs["62个"][0].endswith("停车场")


def test_figures_after_a_chinese_comma_ranges_and_quoted_names() -> None:
    sentence = _sentence_with("002", "科级干部")  # "…1名县级干部，2-3名科级干部，…"
    figs = _figures(sentence)
    assert figs["1名"][0] == "县级干部"
    assert figs["2-3名"] == ("科级干部", 2.0, 3.0)
    # The traditional seed, after conversion: a quoted name stays whole in what is counted.
    (text,) = [a.text for a in seed_page("001").articles if "2047" in a.text]
    figs = _figures(text)
    assert figs["2047个"][1] == 2047.0 and "“三线”问题" in figs["2047个"][0]
    assert figs["93.4%"][1] == 93.4


def test_chinese_numerals_and_percentages() -> None:
    figs = _figures("全市共有三百余名志愿者，两到三名网格员，占百分之二十，千余场活动，十余个社区。")
    assert figs["三百余名"][:2] == ("志愿者", 300.0)
    assert figs["两到三名"] == ("网格员", 2.0, 3.0)
    assert figs["百分之二十"][1] == 20.0
    assert figs["千余场"][1] == 1000.0
    assert figs["十余个"][1] == 10.0
    # A bare numeral word is not a figure: 五个, 一批, 百场.
    assert _figures("开展五个“更加注重”，一批项目，百场宣讲。") == {}


def test_dates_ordinals_addresses_and_phone_numbers_are_not_figures() -> None:
    assert _figures("2023年9月1日，第3名选手获得第一名，2021—2023年，20时30分。") == {}
    # Numbered buildings are labels, not counts (a real seed sentence).
    figs = _figures(_sentence_with("000", "2-5栋"))
    assert not any("栋" in v for v in figs)
    assert _figures("电话：0758—2722284，热线12345678901。") == {}
    assert _figures("庆祝建党100周年。") == {}


def test_every_seed_figure_is_a_number_with_a_unit_and_context() -> None:
    total = 0
    for prefix in PREFIXES:
        for article in seed_page(prefix).articles:
            for fig in extract_figures(article.text):
                total += 1
                assert re.search(r"[\d〇零一二两三四五六七八九十百千]", fig.value)
                assert fig.value.endswith(fig.unit)
                assert fig.number > 0
                assert fig.value in fig.context.translate(_WIDTH)
                assert not re.search(r"\d{4}年", fig.value)  # never a year
    assert total > 100


def test_sentences_and_reading_time() -> None:
    assert split_sentences("今天下雨。明天呢？“好！”他说……") == ["今天下雨。", "明天呢？", "“好！”", "他说……"]
    assert split_sentences("。。。") == []
    assert reading_minutes(0) == 0
    assert reading_minutes(0, 5) == 1
    assert reading_minutes(10) == 1
    assert reading_minutes(READING_RATE * 3) == 3


def test_article_metrics_on_seeds() -> None:
    pages = [seed_page(p) for p in PREFIXES]
    corpus = Corpus(pages=pages)
    model = KeywordModel.from_corpus(corpus)
    for article in corpus.articles:
        m = article_metrics(article, model)
        han = len(re.findall(r"[\u4e00-\u9fff]", article.text))
        assert m.han_chars == han > 0
        assert m.paragraphs == len([p for p in article.paragraphs if p.text.strip()])
        assert m.sentences >= m.paragraphs >= 1 or article.kind is ArticleKind.PHOTO
        assert m.reading_minutes >= 1
        assert m.cleaning is article.report
        assert len(m.keywords) <= 8
        d = m.as_dict()
        assert set(d) == {"han_chars", "paragraphs", "sentences", "reading_minutes", "figures", "keywords", "cleaning"}
    # The traditional seed reports its conversion in the metrics' cleaning report.
    converted = [article_metrics(a, model).cleaning.chars_converted for a in seed_page("001").articles]
    assert sum(converted) > 0


def _article(i: int, text: str, locality: Locality, kind: ArticleKind = ArticleKind.ARTICLE) -> Article:
    return Article(
        id=f"abc-{i:02d}", source="x.txt", kind=kind, title=f"t{i}",
        paragraphs=[Paragraph(text)], locality=locality,
    )  # fmt: skip


def test_corpus_metrics_with_hand_set_localities() -> None:
    gd = Locality("广东省", "肇庆市", "端州区")
    gd2 = Locality("广东省", "肇庆市", None)
    sx = Locality("山西省", "太原市", "小店区")
    arts = [
        _article(1, "肇庆市新建驿站5座。", gd),
        _article(2, "肇庆市志愿者83万人。", gd),
        _article(3, "肇庆市改造公厕。", gd2),
        _article(4, "小店区志愿服务。", sx),
        _article(5, "图为插秧比赛。", Locality(), ArticleKind.PHOTO),
    ]
    pages = [
        Page("a.txt", "a.txt", "d1", "utf-8", "text", Script.SIMPLIFIED, [], arts[:3], [], CleaningReport()),
        Page("b.txt", "b.txt", "d2", "utf-8", "text", Script.SIMPLIFIED, [], arts[3:], [], CleaningReport()),
    ]
    corpus = Corpus(pages=pages)
    m = corpus_metrics(corpus, KeywordModel.from_corpus(corpus))
    assert (m.pages, m.articles, m.localities) == (2, 5, 3)
    assert m.articles_by_kind == {"article": 4, "photo": 1}
    assert m.by_province == [("广东省", 3), ("山西省", 1), ("Unlocated", 1)]
    assert m.han_chars == sum(len(re.findall(r"[\u4e00-\u9fff]", a.text)) for a in arts)
    assert dict(m.keywords)["肇庆市"] == 3
    assert set(m.as_dict()) >= {"pages", "articles", "localities", "by_province"}
    # The same corpus read as a one-pass stream of pages (how the reader measures a large
    # corpus without holding it) gives the same figures.
    class Streamed:
        pages = ["a", "b"]
        problems: list[object] = []

        @property
        def articles(self):  # a new generator on every read: each pass reads the pages again
            return (a for page in pages for a in page.articles)

    assert corpus_metrics(Streamed(), KeywordModel.from_corpus(Streamed())) == m  # type: ignore[arg-type]
    # The reader measures in one pass: the stream is read once, and the model built on the way
    # is the one KeywordModel.from_corpus builds.
    reads: list[int] = []

    class Once(Streamed):
        @property
        def articles(self):
            reads.append(1)
            return super().articles

    model, once = measure_corpus(Once())  # type: ignore[arg-type]
    ref = KeywordModel.from_corpus(corpus)
    assert reads == [1] and once == m
    assert (model.documents, model.df, model.totals) == (ref.documents, ref.df, ref.totals)
    empty = corpus_metrics(Corpus(), None)
    assert (empty.pages, empty.articles, empty.by_province, empty.keywords) == (0, 0, [], [])


def test_bad_input_never_raises() -> None:
    for text in ["", "\x00", "一" * 5000, "1" * 500 + "个", "百分之", "—————", "9" * 40 + "万人"]:
        extract_figures(text)
    weird = _article(1, "", Locality())
    m = article_metrics(weird, None)
    assert (m.han_chars, m.paragraphs, m.sentences, m.reading_minutes, m.figures) == (0, 0, 0, 0, [])
