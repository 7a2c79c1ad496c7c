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
    assert index.ensure_pinyin(30)
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
        index.count_matches("zq")  # the first pinyin query starts the projections, waits for nothing
        assert index.ensure_pinyin(30) and index.pinyin_ready
        assert set(index.count_matches("zq")) == {"a-01", "b-01"}
        index.add_articles([_article("d-01", "肇庆端州区", "端州区举办读书节。")])
        assert set(index.count_matches("zhaoqing")) == {"a-01", "d-01"}
        assert set(index.count_matches("duanzhou")) == {"d-01"}
    finally:
        index.close()


def test_a_pinyin_query_made_while_the_projections_are_built_says_what_it_misses(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from civread.search import search

    index = PinyinSearch(ARTICLES, directory=tmp_path)
    try:
        with index._build:  # the builder cannot project its first chunk yet
            early = search(index, "zhaoqing")
            assert early.ok and early.per_article == []  # nothing projected: no pinyin match yet
            assert early.incomplete.startswith("pinyin index 0%")
            assert search(index, "肇庆").incomplete == ""  # a Chinese query misses nothing
            assert index.incomplete("zhao") == ""  # one syllable is no pinyin query
        assert index.ensure_pinyin(30)
        late = search(index, "zhaoqing")
        assert late.incomplete == "" and dict(late.per_article) == {"a-01": 4}
    finally:
        index.close()


def test_articles_added_while_and_after_the_build_are_found_in_corpus_order(tmp_path) -> None:  # type: ignore[no-untyped-def]
    more = [_article(f"m-{k:03d}", f"第{k}期", "志愿服务队在社区开展活动。") for k in range(40)]
    index = PinyinSearch(more[:20], directory=tmp_path)
    try:
        index.start_pinyin()
        index.add_articles(more[20:30])  # while the builder runs (or after: either way)
        index.ensure_pinyin(30)
        index.add_articles(more[30:])  # after it caught up: projected as they come
        index.add_articles([_article("m-005", "第5期", "振奇村没有志愿者。")])  # re-added: projected again
        found = index.count_matches("zhiyuan fuwu")
        assert list(found) == [a.id for a in more if a.id != "m-005"]
        assert set(index.count_matches("zhiyuanzhe")) == {"m-005"}
    finally:
        index.close()


def test_a_syllable_then_part_of_a_letter_counts_only_that_part(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`shi j` is every j syllable after shi (one string of the halves projection); `shi ji` is
    that less ju, juan, jue, jun. Each count agrees with the highlights."""
    articles = [
        _article("s-01", "石井村", "石井村是就近安置的试点，诗集一本。"),  # shi jing, shi jiu, shi ji
        _article("s-02", "时局", "时局多变，适军需要，石桥完好。"),  # shi ju, shi jun; 石桥 is shi qiao
    ]
    index = PinyinSearch(articles, directory=tmp_path)
    try:
        assert index.ensure_pinyin(30)
        assert _matched(index, "shi j") == {"s-01": ["石井", "石井", "是就", "诗集"], "s-02": ["时局", "时局", "适军"]}
        assert _matched(index, "shi ji") == {"s-01": ["石井", "石井", "是就", "诗集"]}
        assert _matched(index, "shi ju") == {"s-02": ["时局", "时局", "适军"]}
    finally:
        index.close()


def test_matches_that_could_overlap_are_counted_as_they_are_highlighted(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`ji j` is "ji ji" or "ji jia" or … : in 积极减少 both start a match, one inside the other.
    The text is read left to right, one match after another (积极, then 减少 starts no match), and
    the count is the number of highlights, not the sum of each string's count."""
    articles = [
        _article("o-01", "节约", "居民积极减少浪费，积极加入。"),  # ji ji jian, ji ji jia
        _article("o-02", "纪检", "纪检监察机关。"),  # ji jian jian cha ji guan: one ji j match (and the title)
        _article("o-03", "鸡鸡鸡", "鸡鸡鸡。"),  # ji ji ji: one string overlapping itself
    ]
    index = PinyinSearch(articles, directory=tmp_path)
    try:
        assert index.ensure_pinyin(30)
        assert _matched(index, "ji j") == {"o-01": ["积极", "积极"], "o-02": ["纪检", "纪检"], "o-03": ["鸡鸡", "鸡鸡"]}
        assert _matched(index, "ji ji") == {"o-01": ["积极", "积极"], "o-02": ["纪检", "纪检"], "o-03": ["鸡鸡", "鸡鸡"]}
        assert _matched(index, "jiji") == _matched(index, "ji ji")
        assert _matched(index, "ji jian") == {"o-01": ["极减"], "o-02": ["纪检", "纪检"]}
        for query in ("jj", "jij", "ji jia", "jijian jian", "jian j", "ji g", "jig"):
            _matched(index, query)  # counts and highlights agree on each
    finally:
        index.close()


def test_a_prefix_held_by_many_articles_is_counted_first_on_the_first_ones(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A keystroke counts the first articles (corpus order: the top of the sidebar, exactly) when
    counting every one would take longer than a keystroke may; the same query asked again (the
    reader asks again when typing pauses) is counted whole, and says it misses nothing."""
    import civread.pinyin_search as module
    from civread.search import search

    places = ["振奇村", "白石镇", "肇庆市", "端州区"]
    articles = [_article(f"w-{k:03d}", f"{places[k % 4]}第{k}期", f"{places[k % 4]}志愿服务队走进社区，志愿者{k}人。")
                for k in range(40)]
    index = PinyinSearch(articles, directory=tmp_path)
    try:
        assert index.ensure_pinyin(30)
        whole = {a.id: 2 for a in articles}  # 志愿服务, 志愿者: `zhi yuan f` once, `zhiyuan` twice
        monkeypatch.setattr(module, "FIRST_SPAN", 8)
        monkeypatch.setattr(module, "NARROW_ARTICLES", 0)  # (typing on is counted on the last articles found)
        index.keystroke_seconds = 0.0  # no time for more than the first span
        first = search(index, "zhiyuan")
        assert list(first.per_article) == [(a.id, 2) for a in articles[:8]]
        assert first.incomplete == "counted in the first 8 of 40 articles, the rest follows"
        again = search(index, "zhiyuan")  # asked again, nothing typed since: every article
        assert dict(again.per_article) == whole and again.incomplete == ""
        partial = search(index, "zhiyuan f")  # a new keystroke: the first articles again
        assert partial.incomplete and dict(partial.per_article) == {a.id: 1 for a in articles[:8]}
        assert search(index, "zq").incomplete  # initials: the same
        index.keystroke_seconds = 10.0  # time enough: every article at once
        assert dict(search(index, "zhiyuan f").per_article) == {a.id: 1 for a in articles}
        assert search(index, "zhiyuan f").incomplete == ""
        index.keystroke_seconds = None  # never in part
        zq = {a.id: 2 for a in articles if "白石" not in a.title}  # 振奇, 肇庆, and 端州区's 州区
        assert dict(search(index, "zq").per_article) == zq
        for query in ("zhiyuan f", "zhi y", "zyfw", "zhiyuan 服务", "shequ"):
            index.keystroke_seconds = 0.0
            parts = search(index, query)
            index.keystroke_seconds = None
            full = search(index, query)
            assert parts.per_article == full.per_article[: len(parts.per_article)]  # the same, as far as it went
            _matched(index, query)
    finally:
        index.close()


def test_typing_on_counts_on_the_articles_the_last_keystroke_found(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`zhiyuan` → `zhiyuan f` → `zhiyuan fu`: each keystroke's articles hold the next one's
    matches, so the next is counted on them alone (as the highlights are), and gives what a count
    of every article gives; a keystroke that is not typing on (`fanga` → `fangan`, also fang an),
    an article added, or too many articles found: counted afresh."""
    import civread.pinyin_search as module
    from civread.search import search

    articles = [
        _article("t-01", "志愿服务", "志愿服务队，志愿者，志愿报名。"),  # zhiyuan f: 服; zhiyuan z: 者
        _article("t-02", "方案", "工作方案已经公布，反感的人不多。"),  # fang an; fan gan
        _article("t-03", "肇庆", "肇庆志愿者。"),
        _article("t-04", "白石镇", "白石镇春耕。"),
    ]
    index = PinyinSearch(articles, directory=tmp_path)
    try:
        assert index.ensure_pinyin(30)
        typed = ["zhiyuan", "zhiyuan f", "zhiyuan fu", "zhiyuan fuw", "zhiyuan z", "fanga", "fangan", "zhiyuan"]
        narrowed = {}
        for query in typed:
            narrowed[query] = search(index, query).per_article
        assert narrowed["zhiyuan fuw"] == [("t-01", 2)]
        assert narrowed["zhiyuan z"] == [("t-01", 1), ("t-03", 1)]  # not within `zhiyuan fuw`: counted afresh
        assert narrowed["fangan"] == [("t-02", 3)]  # 方案 twice, 反感 once: not within `fanga` (fan ga*)
        monkeypatch.setattr(module, "NARROW_ARTICLES", 0)
        for query in typed:
            index.forget_results()
            assert search(index, query).per_article == narrowed[query], query
        monkeypatch.setattr(module, "NARROW_ARTICLES", 1_000)
        search(index, "zhiyuan")
        index.add_articles([_article("t-05", "志愿服务", "志愿服务站。")])  # the articles changed: afresh
        assert dict(search(index, "zhiyuan f").per_article) == {"t-01": 2, "t-05": 2}
    finally:
        index.close()


def test_a_count_made_while_the_projections_were_half_built_is_not_taken_up_again(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The builder adds a chunk to the syllable projection, then to the halves and the initials.
    # A query counted in between ("zq" reads the initials) found nothing; asked again once the
    # initials are in, it must count again, not narrow on that empty answer (a race seen under
    # load: the same query came back empty after the projections had caught up).
    from civread import pinyin

    monkeypatch.setattr(PinyinSearch, "_run_builder", lambda self: None)  # the test builds by hand
    index = PinyinSearch(ARTICLES[:2], directory=tmp_path)
    try:
        index.start_pinyin()
        assert index.syllables is not None and index.halves is not None and index.initials is not None
        texts = index.texts
        folded = [(aid, texts.haystacks[texts.position[aid]]) for aid in ("a-01", "b-01")]
        readings = [pinyin.unpack_readings(index._readings.get(aid)) for aid, _ in folded]
        projected = [(aid, pinyin.project(text, r)) for (aid, text), r in zip(folded, readings)]
        index.syllables.add_texts(projected)  # the syllables are in, the initials not yet
        assert set(index.count_matches("zq")) == set()
        index.halves.add_texts((aid, pinyin.halves(text, r)) for (aid, text), r in zip(folded, readings))
        index.initials.add_texts((aid, pinyin.initials(p)) for aid, p in projected)
        index._projected, index._caught_up = 2, True
        assert set(index.count_matches("zq")) == {"a-01", "b-01"}
    finally:
        index.close()
