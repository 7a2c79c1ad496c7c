"""Pinyin queries through the search backend: counts per article, spans on the Chinese that matched."""

from __future__ import annotations

import pytest

from civread.model import UNLOCATED, Article, ArticleKind, Locality, Paragraph
from civread.pinyin import article_readings
from civread.pinyin_search import PinyinSearch
from civread.search import IndexedSearch, section_text


def _article(aid: str, title: str, *paragraphs: str, place: Locality = UNLOCATED) -> Article:
    article = Article(id=aid, source=f"{aid}.txt", kind=ArticleKind.ARTICLE, title=title,
                      paragraphs=[Paragraph(p) for p in paragraphs], locality=place)
    article.readings = article_readings(article)  # as the pipeline does
    return article


ARTICLES = [
    _article("a-01", "肇庆启动志愿服务月", "肇庆市各地志愿服务队走进社区。重庆银行肇庆分行参与。",
             place=Locality("广东省", "肇庆市", None)),
    _article("b-01", "振奇村修缮祠堂", "振奇村村民自筹资金修缮祠堂，GDP统计显示当地经济稳步增长。"),
    _article("c-01", "白石镇春耕", "白石镇农技站专家下田指导春耕。"),
]


@pytest.fixture()
def backend(tmp_path):  # type: ignore[no-untyped-def]
    index = PinyinSearch(ARTICLES, directory=tmp_path)
    index.wait_indexed(30)
    yield index
    index.close()


def _matched(backend: PinyinSearch, query: str) -> dict[str, list[str]]:
    result = backend.search(query)
    assert result.ok, result.error
    out: dict[str, list[str]] = {}
    for article_id, count in result.per_article:
        article = backend.article(article_id)
        assert article is not None
        spans = result.spans_for(article_id)
        assert len(spans) == count, (query, article_id)  # counts and highlights agree
        out[article_id] = [section_text(article, s)[s.start : s.end] for s in spans]
    return out


def test_full_pinyin_initials_and_mixed(backend: PinyinSearch) -> None:
    assert _matched(backend, "zhaoqing") == {"a-01": ["肇庆", "肇庆", "肇庆", "肇庆"]}
    assert _matched(backend, "zq") == {"a-01": ["肇庆", "肇庆", "肇庆", "肇庆"], "b-01": ["振奇", "振奇"]}
    assert _matched(backend, "zhiyuan fuwu") == {"a-01": ["志愿服务", "志愿服务"]}
    assert _matched(backend, "zhaoqing分行") == {"a-01": ["肇庆分行"]}
    assert _matched(backend, "chongqing yinhang") == {"a-01": ["重庆银行"]}


def test_chinese_and_latin_queries_as_before(backend: PinyinSearch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    plain = IndexedSearch(ARTICLES, directory=tmp_path / "plain")
    try:
        for query in ("肇庆", "春耕", "祠堂"):
            assert backend.count_matches(query) == plain.count_matches(query)
    finally:
        plain.close()
    # "gdp": the letters themselves, and no Han run spelt g-d-p here.
    assert _matched(backend, "gdp") == {"b-01": ["GDP"]}


def test_regex_mode_is_not_pinyin(backend: PinyinSearch) -> None:
    from civread.search import SearchOptions

    assert backend.count_matches("zhaoqing", SearchOptions(regex=True)) == {}


def test_projections_are_built_on_the_first_pinyin_query_and_kept_up(tmp_path) -> None:  # type: ignore[no-untyped-def]
    index = PinyinSearch(ARTICLES[:2], directory=tmp_path)
    try:
        assert not index.pinyin_ready
        index.count_matches("肇庆")
        index.count_matches("zhao")  # one syllable: not read as pinyin, nothing built
        assert not index.pinyin_ready
        assert set(index.count_matches("zq")) == {"a-01", "b-01"}
        assert index.pinyin_ready
        index.add_articles([_article("d-01", "肇庆端州区", "端州区举办读书节。")])
        assert set(index.count_matches("zhaoqing")) == {"a-01", "d-01"}
        assert set(index.count_matches("duanzhou")) == {"d-01"}
    finally:
        index.close()
