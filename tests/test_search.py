"""The search engine on the seed corpus: folding, counts vs spans, regex mode, hostile queries."""

from __future__ import annotations

import dataclasses
import re

import pytest

from civread.corpus import load_corpus
from civread.model import Article, ArticleKind, Locality, Paragraph, Script
from civread.search import (
    LOCALITY,
    MAX_QUERY_CHARS,
    PARAGRAPH,
    MatchRef,
    MemorySearch,
    SearchBackend,
    SearchError,
    SearchOptions,
    SearchResult,
    article_sections,
    fold_query,
    fold_text,
    search,
    section_text,
)
from civread.seeds import seeds_dir

REGEX = SearchOptions(regex=True)
_FULL_WIDTH = str.maketrans("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ")


@pytest.fixture(scope="module")
def corpus():
    loaded = load_corpus([seeds_dir()])
    assert loaded.pages and not loaded.problems
    return loaded


@pytest.fixture(scope="module")
def index(corpus) -> MemorySearch:
    return MemorySearch(corpus.articles)


def _stripped_sections(article: Article) -> list[str]:
    """An oracle independent of the fold: each section with its whitespace removed."""
    return ["".join(text.split()) for _, _, text in article_sections(article)]


def _oracle_count(articles: list[Article], needle: str) -> dict[str, int]:
    counts = {a.id: sum(s.count(needle) for s in _stripped_sections(a)) for a in articles}
    return {k: v for k, v in counts.items() if v}


def _check_consistent(backend: MemorySearch, result: SearchResult) -> None:
    """Counts equal spans, totals add up, and every span points at text that folds to the query."""
    assert result.error is None and not result.options.regex
    assert result.total_matches == sum(c for _, c in result.per_article)
    assert all(c >= 1 for _, c in result.per_article)
    orders = [backend.order_of(aid) for aid, _ in result.per_article]
    assert orders == sorted(orders)  # corpus order
    folded_query = fold_query(result.query)
    for aid, count in result.per_article:
        spans = result.spans_for(aid)
        assert len(spans) == count
        article = backend.article(aid)
        assert article is not None
        for span in spans:
            piece = section_text(article, span)[span.start : span.end]
            assert piece and not piece[0].isspace() and not piece[-1].isspace()
            assert fold_text(piece) == folded_query


def _sample_words(corpus, length: int, n: int) -> list[str]:
    """Han substrings of the corpus at spread-out positions: real words, no seed phrase named."""
    text = "".join("".join(a.text.split()) for a in corpus.articles)
    words: list[str] = []
    step = max(1, len(text) // (n * 3))
    for pos in range(0, len(text) - length, step):
        word = text[pos : pos + length]
        if all("\u4e00" <= ch <= "\u9fff" for ch in word) and word not in words:
            words.append(word)
        if len(words) == n:
            break
    assert len(words) == n
    return words


def _article(paragraphs: list[str], title: str = "", aid: str = "t-01", **kw) -> Article:
    return Article(
        id=aid,
        source="test.txt",
        kind=ArticleKind.ARTICLE,
        title=title,
        paragraphs=[Paragraph(p) for p in paragraphs],
        **kw,
    )


def _paragraphs_from_raw(raw: str) -> list[str]:
    """Split page text on blank lines and join the wrapped lines, as a reader would."""
    blocks = re.split(r"\n\s*\n", raw)
    return ["".join(line.strip() for line in block.splitlines()) for block in blocks if block.strip()]


# --------------------------------------------------------------------------------------------


def test_backend_interface(corpus, index):
    assert isinstance(index, SearchBackend)
    ids = {a.id for a in corpus.articles}
    assert len(index) == len(ids)
    assert all(index.article(aid).id == aid for aid in ids)  # type: ignore[union-attr]


@pytest.mark.parametrize("length", [1, 2, 4])
def test_plain_counts_match_an_independent_count_and_spans(corpus, index, length):
    for word in _sample_words(corpus, length, 6):
        result = index.search(word)
        assert dict(result.per_article) == _oracle_count(corpus.articles, word)
        assert result.total_matches > 0
        _check_consistent(index, result)


def test_script_insensitive_both_ways_on_the_corpus(corpus, index):
    # The place name appears on a simplified page and on a page the pipeline converted from traditional.
    simplified = index.search("肇庆")
    traditional = index.search("肇慶")
    assert simplified.total_matches > 0
    assert simplified.per_article == traditional.per_article
    scripts = {index.article(aid).original_script for aid, _ in simplified.per_article}
    assert scripts == {Script.SIMPLIFIED, Script.TRADITIONAL}
    assert dict(simplified.per_article) == _oracle_count(corpus.articles, "肇庆")
    _check_consistent(index, traditional)


def test_script_insensitive_on_an_article_left_in_traditional(corpus):
    page = next(p for p in corpus.pages if p.original_script is Script.TRADITIONAL)
    raw = page.original_text
    assert "肇慶" in raw
    paras = _paragraphs_from_raw(raw)
    article = _article(paras[1:], title=paras[0], aid="trad-01")
    engine = MemorySearch([article])
    expected = sum(s.count("肇慶") for s in _stripped_sections(article))
    assert expected > 0
    for query in ("肇庆", "肇慶", "肇 慶"):
        result = engine.search(query)
        assert result.total_matches == expected, query
        for span in result.spans_for("trad-01"):
            assert "".join(section_text(article, span)[span.start : span.end].split()) == "肇慶"
    # A traditional phrase query is converted the way the pipeline converts pages.
    assert fold_query("瞭解") == fold_text("了解")
    assert fold_query("著名") == fold_text("著名")  # a simplified query is left alone


def test_full_and_half_width_digits_and_letters(corpus, index):
    number = None
    for article in corpus.articles:
        for paragraph in article.paragraphs:
            m = re.search(r"\d{2,}万", paragraph.text)
            if m:
                number, source = m.group(), paragraph.text
                break
        if number:
            break
    assert number
    wide = number.translate(_FULL_WIDTH)
    assert wide != number
    # The corpus (half-width) is found by a full-width query …
    assert index.search(wide).per_article == index.search(number).per_article
    assert index.search(wide).total_matches > 0
    # … and a paragraph written full-width is found by a half-width query, spans on the wide digits.
    article = _article([source.translate(_FULL_WIDTH)], title="标题", aid="wide-01")
    engine = MemorySearch([article])
    result = engine.search(number)
    assert result.total_matches == source.count(number)
    span = result.spans_for("wide-01")[0]
    assert article.paragraphs[0].text[span.start : span.end] == wide
    # Latin letters: case and width do not matter.
    latin = _article(["通过PPT讲解，下载App。"], aid="latin-01")
    engine = MemorySearch([latin])
    for query in ("ppt", "PPT", "ＰＰＴ", "ｐｐｔ", "app"):
        assert engine.search(query).total_matches == 1, query


def test_whitespace_in_text_and_query(corpus):
    paragraph = max((p.text for a in corpus.articles for p in a.paragraphs), key=len)
    head = paragraph[:12]
    word = "".join(head.split())[4:8]
    # A justified line (a space after every character) and a line break mid-word.
    spaced = " ".join(head) + "\n" + paragraph[12:]
    article = _article([spaced], title=" ".join(word), aid="ws-01")
    engine = MemorySearch([article])
    for query in (word, " ".join(word), f"{word[:2]}  {word[2:]}"):
        result = engine.search(query)
        assert result.total_matches == sum(s.count(word) for s in _stripped_sections(article)) >= 2
        _check_consistent(engine, result)
        shown = [section_text(article, s)[s.start : s.end] for s in result.spans_for("ws-01")]
        assert " ".join(word) in shown  # the span covers the spaces between the characters
    assert engine.search("   \n\t").total_matches == 0


def test_matches_never_cross_sections():
    article = _article(["第一段结尾", "开头第二段"], title="标题", aid="x-01")
    engine = MemorySearch([article])
    assert engine.search("尾开").total_matches == 0
    assert engine.search("题第").total_matches == 0
    assert engine.search(r"尾.开", REGEX).total_matches == 0
    assert engine.search(r"尾\W*开", REGEX).total_matches == 0


def test_title_subtitle_byline_locality_are_searched():
    article = _article(
        ["正文里没有那个词。"],
        title="创建工作",
        kicker="青海",
        subtitle="——某市工作综述",
        byline="本报讯（记者）",
        locality=Locality("广东省", "肇庆市"),
        aid="parts-01",
    )
    engine = MemorySearch([article])
    sections = {s.section for s in engine.search("青海").spans_for("parts-01")}
    assert sections == {"title"}  # display title = kicker：title
    assert {s.section for s in engine.search("综述").spans_for("parts-01")} == {"subtitle"}
    assert {s.section for s in engine.search("记者").spans_for("parts-01")} == {"byline"}
    result = engine.search("肇慶市")
    (span,) = result.spans_for("parts-01")
    assert span.section == LOCALITY and span.paragraph_index is None
    assert article.locality.label[span.start : span.end] == "肇庆市"
    unlocated = MemorySearch([_article(["正文"], title="标题", aid="u-01")])
    assert unlocated.search("unlocated").total_matches == 0


def test_regex_mode_counts_and_spans(corpus, index):
    for pattern in (r"文明.{2}", r"\d+万", r"[一二三四五六七八九十]+年", r"^.", r".$", r"(文|城)市"):
        result = index.search(pattern, REGEX)
        assert result.error is None, pattern
        compiled = re.compile(pattern)
        expected = {
            a.id: sum(1 for s in _stripped_sections(a) for m in compiled.finditer(s) if m.end() > m.start())
            for a in corpus.articles
        }
        assert dict(result.per_article) == {k: v for k, v in expected.items() if v}, pattern
        for aid, count in result.per_article:
            article = index.article(aid)
            spans = result.spans_for(aid)
            assert len(spans) == count
            for span in spans:
                piece = fold_text(section_text(article, span)[span.start : span.end])
                assert re.fullmatch(pattern, piece), (pattern, piece)


def test_regex_patterns_that_could_run_over_a_section_end():
    # Patterns that can match the separator between sections, or anchor at section ends.
    article = _article(["甲乙丙", "丁戊", "己"], title="庚辛", aid="r-01")
    engine = MemorySearch([article])
    for pattern, expected in ((r"\D+", 4), (r"[^x]{2}", 3), (r"^.", 4), (r".$", 4), (r"(?<!乙)丙", 0),
                              (r"戊(?!己)", 1), (r"\w\Z", 4), (r"丙$", 1)):
        result = engine.search(pattern, REGEX)
        assert result.total_matches == expected, pattern
        assert len(result.spans_for("r-01")) == expected, pattern


def test_regex_empty_matches_are_not_counted(index):
    assert index.search("\u2603*", REGEX).total_matches == 0  # only empty matches
    assert index.search("", REGEX).total_matches == 0
    result = index.search("(文明)?", REGEX)
    assert result.total_matches == index.search("文明").total_matches


@pytest.mark.parametrize("pattern", ["a(b", "[文明", "*文", "(?P<", "文{2,1}", "\\"])
def test_invalid_regex_is_an_error_value(corpus, index, pattern):
    result = index.search(pattern, REGEX)
    assert isinstance(result.error, SearchError)
    assert result.error.message and result.total_matches == 0 and result.per_article == []
    assert result.spans_for("anything") == []
    assert result.next_match() is None
    first = corpus.articles[0].id
    assert index.order_of(first) == 0
    assert isinstance(index.match_spans(first, pattern, REGEX), SearchError)


def test_invalid_regex_position_points_into_the_pattern_as_typed(index):
    result = index.search("文 明 (城", REGEX)
    assert result.error is not None and result.error.position is not None
    assert str(result.error.position) in result.error.message


def test_catastrophic_regex_is_stopped_by_the_time_budget():
    article = _article(["a" * 32 + "!"] * 3, title="标题", aid="slow-01")
    engine = MemorySearch([article])
    options = SearchOptions(regex=True, time_budget=0.2)
    result = engine.search(r"(a|aa)+$", options)  # how long it takes: benchmarks/micro.py
    assert result.error is not None and "too slow" in result.error.message
    assert isinstance(engine.match_spans("slow-01", r"(a|aa)+$", options), SearchError)


def test_empty_and_missing_queries(index):
    for query in ("", "   ", "\n"):
        result = index.search(query)
        assert result.error is None and result.total_matches == 0 and result.per_article == []
        assert result.next_match() is None and result.prev_match() is None
    missing = index.search("这个词语在语料里绝不出现")
    assert missing.error is None and missing.total_matches == 0 and missing.per_article == []


def test_hostile_queries(index):
    # Regex syntax in plain mode is literal.
    assert index.search(".*").total_matches == 0
    assert index.search("(").total_matches == 0
    literal = MemorySearch([_article(["匹配 .* 和 ( 都是字面意思"], aid="lit-01")])
    assert literal.search(".*").total_matches == 1
    assert literal.search("(").total_matches == 1
    # Huge queries: refused or simply not found, never raised (how fast: benchmarks/micro.py).
    huge = index.search("文" * (MAX_QUERY_CHARS + 1))
    assert huge.error is not None and huge.total_matches == 0
    long_ok = index.search("文明" * 1000)
    assert long_ok.error is None and long_ok.total_matches == 0
    assert index.search("文" * 100_000, REGEX).error is not None
    # Not text, lone surrogates, controls.
    assert search(index, None).error is not None  # type: ignore[arg-type]
    assert index.search("\ud800\x1b[31m").total_matches == 0
    assert index.match_spans("no-such-article", "文明") == []


def test_incremental_index_equals_one_shot(corpus, index):
    engine = MemorySearch()
    words = _sample_words(corpus, 2, 3)
    seen: list[Article] = []
    for page in corpus.pages:
        engine.add_articles(page.articles)
        seen.extend(page.articles)
        oneshot = MemorySearch(seen)
        for word in words:
            assert engine.search(word).per_article == oneshot.search(word).per_article
    engine.add_articles(corpus.pages[0].articles)  # re-adding replaces, never duplicates
    assert len(engine) == len(corpus.articles)
    assert engine.search(words[0]).per_article == index.search(words[0]).per_article
    # A changed article re-added under its id is re-indexed in place.
    first = corpus.articles[0]
    changed = dataclasses.replace(first, paragraphs=[Paragraph("独一无二的新段落")])
    engine.add_articles([changed])
    assert engine.search("独一无二").per_article == [(first.id, 1)]
    assert engine.order_of(first.id) == 0


def test_navigation_walks_every_match_in_reading_order(corpus, index):
    word = _sample_words(corpus, 2, 1)[0]
    result = index.search(word)
    assert len(result.per_article) >= 1
    walked: list[MatchRef] = []
    ref = result.next_match()
    while ref is not None and len(walked) <= result.total_matches:
        walked.append(ref)
        ref = result.next_match(ref, wrap=False)
    assert len(walked) == result.total_matches
    assert [result.ordinal(r) for r in walked] == list(range(1, result.total_matches + 1))
    assert [result.match_at(i) for i in range(1, result.total_matches + 1)] == walked
    assert all(result.span_of(r) is not None for r in walked)
    assert result.next_match(walked[-1]) == walked[0]  # wraps
    assert result.prev_match(walked[0]) == walked[-1]
    backwards = [walked[-1]]
    while len(backwards) < len(walked):
        backwards.append(result.prev_match(backwards[-1], wrap=False))
    assert backwards == walked[::-1]
    assert result.prev_match(walked[0], wrap=False) is None
    # From an article being read that has no match: the next article that has one.
    ids = [a.id for a in corpus.articles]
    matched = {aid for aid, _ in result.per_article}
    for i, aid in enumerate(ids):
        if aid not in matched:
            later = [x for x in ids[i + 1 :] if x in matched]
            expected = later[0] if later else result.per_article[0][0]
            assert result.next_match(aid) == MatchRef(expected, 0)
            assert result.first_match(aid) == MatchRef(expected, 0)
        else:
            assert result.first_match(aid) == MatchRef(aid, 0)


def test_should_stop_cancels(index):
    result = index.search("文明", should_stop=lambda: True)
    assert result.cancelled and result.total_matches == 0 and not result.ok


def test_paragraph_spans_carry_their_index(index):
    result = index.search("文明")
    aid = result.per_article[0][0]
    article = index.article(aid)
    for span in result.spans_for(aid):
        if span.section == PARAGRAPH:
            text = article.paragraphs[span.paragraph_index].text
            assert fold_text(text[span.start : span.end]) == "文明"
