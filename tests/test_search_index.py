"""IndexedSearch answers exactly what MemorySearch answers (counts and spans), from its indexes."""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

import opencc
import pytest

import civread.search.indexed as indexed_mod
import civread.search.precounts as precounts_mod
import civread.search.trigram_file as trigram_file_mod
from civread.corpus import load_corpus
from civread.model import Article, ArticleKind, Paragraph
from civread.search import (
    DEFAULT_OPTIONS,
    MAX_QUERY_CHARS,
    IndexedSearch,
    MemorySearch,
    SearchBackend,
    SearchError,
    SearchOptions,
    fold_text,
    search,
)
from civread.search.trigram_file import TrigramFile
from civread.seeds import seeds_dir

REGEX = SearchOptions(regex=True)
_FULL_WIDTH = str.maketrans(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ",
)


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    corpus = load_corpus([seeds_dir()], cache=False, workers=1)
    assert corpus.articles and not corpus.problems
    return corpus.articles


@pytest.fixture(scope="module")
def memory(articles: list[Article]) -> MemorySearch:
    return MemorySearch(articles)


@pytest.fixture(params=["postings", "trigram index"])
def indexed(request: pytest.FixtureRequest, articles: list[Article], tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Both candidate paths: rare-character postings, and (forced) the FTS5 index of doubled text."""
    if request.param == "trigram index":
        monkeypatch.setattr(indexed_mod, "FEW_CANDIDATES", 0)
    backend = IndexedSearch(articles, directory=tmp_path)
    assert backend.wait_indexed(timeout=30)
    if request.param == "trigram index":
        assert backend.indexed == len(articles), backend.notices
    yield backend
    backend.close()


def _queries(articles: list[Article]) -> list[str]:
    """Substrings of 1–6 folded characters taken all over the seed text (deterministic)."""
    out: list[str] = []
    for k, article in enumerate(articles):
        for text in map(fold_text, [article.display_title] + [p.text for p in article.paragraphs]):
            for n in range(1, 7):
                for start in range(k % 7, max(0, len(text) - n), 97 + n):
                    out.append(text[start : start + n])
    return list(dict.fromkeys(out))


def _same(indexed: IndexedSearch, memory: MemorySearch, query: str, options: SearchOptions = DEFAULT_OPTIONS) -> dict[str, int]:
    want = memory.count_matches(query, options)
    got = indexed.count_matches(query, options)
    assert got == want, query
    assert list(got) == list(want), query  # corpus order too
    return got


def test_is_a_search_backend(indexed: IndexedSearch, articles: list[Article]) -> None:
    assert isinstance(indexed, SearchBackend)
    assert len(indexed) == len(articles)
    assert indexed.order_of(articles[3].id) == 3


def test_counts_and_spans_equal_memory_search_for_many_queries(
    indexed: IndexedSearch, memory: MemorySearch, articles: list[Article]
) -> None:
    queries = _queries(articles)
    assert len(queries) > 500
    lengths = {len(q) for q in queries}
    assert lengths == {1, 2, 3, 4, 5, 6}
    for query in queries:
        got = _same(indexed, memory, query)
        assert got, query  # every query was taken from the text
        for article_id in list(got)[:2]:
            spans = indexed.match_spans(article_id, query)
            assert spans == memory.match_spans(article_id, query)
            assert len(spans) == got[article_id]


def test_one_character_counts_are_exact_on_the_commonest_characters(
    indexed: IndexedSearch, memory: MemorySearch, articles: list[Article]
) -> None:
    text = "".join(fold_text(p.text) for a in articles for p in a.paragraphs)
    common = sorted(set(text), key=text.count, reverse=True)[:30]
    for ch in common:
        got = _same(indexed, memory, ch)
        assert sum(got.values()) >= text.count(ch)  # titles and bylines add to the body's count


def test_traditional_queries_find_the_simplified_text(
    indexed: IndexedSearch, memory: MemorySearch, articles: list[Article]
) -> None:
    to_traditional = opencc.OpenCC("s2t")
    changed = 0
    for query in _queries(articles)[::5]:
        if len(query) < 2:
            continue
        traditional = to_traditional.convert(query)
        if traditional == query:
            continue
        changed += 1
        got = _same(indexed, memory, traditional)
        assert got, (query, traditional)
    assert changed > 50


def test_full_width_digits_and_letters(indexed: IndexedSearch, memory: MemorySearch, articles: list[Article]) -> None:
    text = "".join(p.text for a in articles for p in a.paragraphs)
    runs = list(dict.fromkeys(re.findall(r"[0-9A-Za-z]{2,6}", text)))
    assert len(runs) > 10
    for run in runs:
        wide = run.translate(_FULL_WIDTH)
        assert wide != run
        got = _same(indexed, memory, wide)
        assert got == indexed.count_matches(run) and got, run


def test_whitespace_in_the_query_is_ignored(indexed: IndexedSearch, memory: MemorySearch, articles: list[Article]) -> None:
    for query in [q for q in _queries(articles) if len(q) >= 4][:40]:
        spaced = " ".join(query)
        assert _same(indexed, memory, spaced) == indexed.count_matches(query)


@pytest.mark.parametrize("pattern", [r"\d+", r"[一二三四五六七八九十]+", r"文.", r"(发展|建设)", r"中国?", "x{0}", r"[,，]"])
def test_regex_mode_is_the_same(indexed: IndexedSearch, memory: MemorySearch, pattern: str) -> None:
    _same(indexed, memory, pattern, REGEX)


def test_no_match_and_degenerate_queries(indexed: IndexedSearch, memory: MemorySearch) -> None:
    for query in ["", "   ", "\t\n", "𠀋", "𠀋𠀋𠀋", "的𠀋", "zzzqqq", '"', '""', '"的"', "AND", "的 AND 是",
                  "NEAR(的", "*", "的*", "^的", "a:b", "中国" * 400]:
        got = _same(indexed, memory, query)
        if query.strip() in ("", "𠀋", "𠀋𠀋𠀋", "的𠀋", "zzzqqq") or "𠀋" in query:
            assert got == {}
    too_long = "的" * (MAX_QUERY_CHARS + 1)
    assert isinstance(indexed.count_matches(too_long), SearchError)
    assert isinstance(indexed.count_matches("("*3, REGEX), SearchError)


def _article(article_id: str, *paragraphs: str, title: str = "标题") -> Article:
    return Article(id=article_id, source="t.txt", kind=ArticleKind.ARTICLE, title=title,
                   paragraphs=[Paragraph(text) for text in paragraphs])


def test_repeated_characters_count_without_overlap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexed_mod, "FEW_CANDIDATES", 0)
    docs = [_article("a", "哈哈哈哈哈", "哈 哈"), _article("b", "哈一哈"), _article("c", "一哈哈哈一", title="哈哈")]
    indexed = IndexedSearch(docs, directory=tmp_path)
    indexed.wait_indexed(timeout=30)
    memory = MemorySearch(docs)
    for query in ["哈", "哈哈", "哈哈哈", "一哈", "哈一", "哈一哈", "哈哈哈哈哈哈"]:
        _same(indexed, memory, query)
    assert indexed.count_matches("哈哈") == {"a": 3, "c": 2}
    indexed.close()


def test_incremental_adds_and_searches_while_indexing(
    articles: list[Article], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexed_mod, "FEW_CANDIDATES", 0)
    indexed = IndexedSearch(directory=tmp_path)
    memory = MemorySearch()
    queries = _queries(articles)[::40]
    for start in range(0, len(articles), 4):  # as pages load; the trigram thread lags behind
        batch = articles[start : start + 4]
        indexed.add_articles(batch)
        memory.add_articles(batch)
        for query in queries[start % 5 :: 9]:
            _same(indexed, memory, query)
    assert indexed.wait_indexed(timeout=30) and indexed.indexed == len(articles)
    for query in queries:
        _same(indexed, memory, query)
    # The same id again, with other text: re-indexed in place, stale postings never counted.
    old = articles[5]
    new = dataclasses.replace(old, paragraphs=[Paragraph("全新的段落，只有这一句。")], title="新标题")
    indexed.add_articles([new])
    memory.add_articles([new])
    assert len(indexed) == len(articles) and indexed.order_of(old.id) == 5
    for query in queries + ["全新的段落", "新标题", "只", "这一句"]:
        _same(indexed, memory, query)
    assert indexed.count_matches("全新的段落") == {old.id: 1}
    indexed.close()


def test_huge_counts_are_exact(tmp_path: Path) -> None:
    docs = [_article("big", "的" * 70_000 + "是"), _article("small", "的是的")]
    indexed = IndexedSearch(docs, directory=tmp_path)
    assert indexed.count_matches("的") == {"big": 70_000, "small": 2}
    indexed.close()


def test_counts_past_one_byte_are_exact_for_characters_and_precounted_bigrams(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Postings keep a count in one byte: 255 means "that many or more", recounted when read."""
    monkeypatch.setattr(precounts_mod, "PRECOUNT_MIN_ARTICLES", 1)
    repeats = (1, 254, 255, 256, 300, 70_000)
    docs = [_article(f"d{n}", "的是" * n + "。") for n in repeats]
    indexed = IndexedSearch(docs, directory=tmp_path)
    try:
        assert indexed.wait_indexed(timeout=60)
        assert "的是" in indexed.precounted and "是的" in indexed.precounted  # the precounted path is taken
        expected = {f"d{n}": n for n in repeats}
        for query in ("的", "是", "的是"):
            indexed.forget_results()  # count afresh, not from the result cache
            assert indexed.count_matches(query) == expected, query
        assert indexed.count_matches("是的") == {f"d{n}": n - 1 for n in repeats if n > 1}
    finally:
        indexed.close()


def test_without_a_trigram_index_the_answers_are_the_same(
    articles: list[Article], memory: MemorySearch, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexed_mod, "FEW_CANDIDATES", 0)
    indexed = IndexedSearch(articles, trigrams=False)
    assert indexed.indexed == 0
    for query in _queries(articles)[::7]:
        _same(indexed, memory, query)


def test_unusable_index_directory_never_fails(articles: list[Article], memory: MemorySearch, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    indexed = IndexedSearch(articles[:10], directory=blocker / "sub")  # falls back to the temp dir
    indexed.wait_indexed(timeout=30)
    small = MemorySearch(articles[:10])
    for query in _queries(articles[:10])[::5]:
        _same(indexed, small, query)
    indexed.close()
    assert blocker.read_text() == "x"


def test_close_deletes_the_index_file(articles: list[Article], tmp_path: Path) -> None:
    indexed = IndexedSearch(articles[:5], directory=tmp_path)
    indexed.wait_indexed(timeout=30)
    assert any(p.name.startswith("search-") for p in tmp_path.iterdir())
    indexed.close()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("search-")]
    assert indexed.count_matches("的") == MemorySearch(articles[:5]).count_matches("的")  # still answers


def test_search_results_navigate_on_the_indexed_backend(indexed: IndexedSearch, articles: list[Article]) -> None:
    result = search(indexed, "的")
    assert result.ok and result.total_matches == sum(c for _, c in result.per_article)
    first, second = result.per_article[0][0], result.per_article[1][0]
    ref = result.first_match()
    assert ref is not None and ref.article_id == first
    last_in_first = result.match_at(result.count_for(first))
    assert last_in_first is not None and result.next_match(last_in_first).article_id == second
    assert len(result.spans_for(first)) == result.count_for(first)
    # n from an article without matches: the next article (in reading order) that has one.
    rare = search(indexed, "文明")
    matched = dict(rare.per_article)
    assert matched and len(matched) < len(articles)
    for k, article in enumerate(articles):
        if article.id in matched:
            continue
        later = [a.id for a in articles[k + 1 :] if a.id in matched]
        expected = later[0] if later else rare.per_article[0][0]
        ref = rare.next_match(article.id)
        assert ref is not None and ref.article_id == expected and ref.index == 0


def test_commonest_bigrams_and_trigrams_counted_ahead_stay_exact(
    articles: list[Article], memory: MemorySearch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(precounts_mod, "PRECOUNT_MIN_ARTICLES", 1)
    monkeypatch.setattr(precounts_mod, "PRECOUNT_BIGRAMS", 60)
    monkeypatch.setattr(precounts_mod, "PRECOUNT_TRIGRAMS", 40)
    first, rest = articles[: len(articles) // 2], articles[len(articles) // 2 :]
    indexed = IndexedSearch(first, directory=tmp_path)
    assert indexed.wait_indexed(timeout=30)
    hot = dict(indexed.precounted)  # checking the precomputed path is really taken
    assert sum(len(t) == 2 for t in hot) >= 30 and sum(len(t) == 3 for t in hot) >= 20
    assert all(len(t) in (2, 3) for t in hot)
    half = MemorySearch(first)
    for bigram in hot:
        _same(indexed, half, bigram)
    indexed.add_articles(rest)  # counted ahead for the first half only: the rest is counted live
    for bigram in hot:
        _same(indexed, memory, bigram)
    changed = dataclasses.replace(first[0], paragraphs=[Paragraph("".join(hot) * 2)])
    indexed.add_articles([changed])
    again = MemorySearch(articles)
    again.add_articles([changed])
    assert indexed.wait_indexed(timeout=30)
    for bigram in list(hot) + _queries(articles)[::11]:
        _same(indexed, again, bigram)
    indexed.close()


def test_with_a_loader_no_article_is_held_and_spans_come_from_the_loader(
    articles: list[Article], memory: MemorySearch, tmp_path: Path
) -> None:
    by_id = {a.id: a for a in articles}
    asked: list[str] = []

    def loader(article_id: str) -> Article | None:
        asked.append(article_id)
        return by_id.get(article_id)

    backend = IndexedSearch(articles, directory=tmp_path, loader=loader)
    try:
        assert backend.articles_held == 0  # the whole point: only folded text stays
        for query in ("志愿", "文明城市", "县"):
            got = _same(backend, memory, query)
            article_id = next(iter(got))
            assert backend.match_spans(article_id, query) == memory.match_spans(article_id, query)
            assert asked[-1] == article_id
        # A loader that fails or finds nothing gives no highlights, never an exception.
        broken = IndexedSearch(articles[:3], directory=tmp_path, loader=lambda _id: 1 / 0)  # type: ignore[arg-type,return-value]
        gone = IndexedSearch(articles[:3], directory=tmp_path, loader=lambda _id: None)
        try:
            for other in (broken, gone):
                found = other.count_matches("的")
                assert found
                assert other.match_spans(next(iter(found)), "的") == []
        finally:
            broken.close()
            gone.close()
    finally:
        backend.close()


def test_the_trigram_index_leaves_no_utf8_copy_inside_the_haystacks(articles: list[Article], tmp_path: Path) -> None:
    """Binding a str to SQLite caches its UTF-8 form inside the str for good: for Chinese text that
    is 1.5x the string again, held as long as the index lives. The index binds bytes instead."""
    import sys

    backend = IndexedSearch(articles, directory=tmp_path)
    try:
        assert backend.wait_indexed(timeout=30) and backend.indexed == len(articles)
        sizes = [sys.getsizeof(h) for h in backend.texts.haystacks]
        fresh = [sys.getsizeof("".join(list(h))) for h in backend.texts.haystacks]  # a new str, never bound
        assert sizes == fresh
        assert search(backend, "志愿服务").total_matches == search(MemorySearch(articles), "志愿服务").total_matches
    finally:
        backend.close()


def test_held_trigram_index_queues_and_catches_up_and_answers_stay_exact(
    articles: list[Article], memory: MemorySearch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader holds the trigram index back while a first open processes pages."""
    monkeypatch.setattr(indexed_mod, "FEW_CANDIDATES", 0)  # every 2+ character query would use the index
    backend = IndexedSearch(directory=tmp_path)
    try:
        backend.hold_trigrams(True)
        backend.add_articles(articles)
        assert backend.wait_indexed(timeout=5) is False  # returns at once: held, not caught up
        assert backend.indexed == 0
        for query in _queries(articles)[::17]:
            _same(backend, memory, query)  # from the character postings meanwhile
        backend.hold_trigrams(False)
        assert backend.wait_indexed(timeout=60) is True
        assert backend.indexed == len(articles)
        for query in _queries(articles)[::17]:
            _same(backend, memory, query)
    finally:
        backend.close()


# ---------------------------------------------------------------- kept indexes (reopening a corpus)


def _kept(articles: list[Article], where: Path, key: str = "corpus") -> IndexedSearch:
    backend = IndexedSearch(directory=where, keep_as=key)
    backend.add_articles(articles)
    assert backend.wait_indexed(timeout=60)
    return backend


def _writes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    written: list[int] = []
    real = TrigramFile.write

    def spy(self: TrigramFile, batch: list[tuple[int, str]], ids: list[str]) -> bool:
        written.extend(pos for pos, _ in batch)
        return real(self, batch, ids)

    monkeypatch.setattr(TrigramFile, "write", spy)
    return written


def test_a_reopened_corpus_finds_its_index_and_precounts_ready(
    articles: list[Article], memory: MemorySearch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexed_mod, "FEW_CANDIDATES", 0)
    monkeypatch.setattr(precounts_mod, "PRECOUNT_MIN_ARTICLES", 1)
    first = _kept(articles, tmp_path)
    hot = dict(first.precounted)
    assert hot
    first.close()
    assert (tmp_path / "search-corpus.sqlite3").exists()  # kept, unlike a private index
    written = _writes(monkeypatch)
    again = IndexedSearch(directory=tmp_path, keep_as="corpus")
    try:
        again.add_articles(articles)
        assert again.indexed == len(articles) and written == []  # ready, nothing written again
        assert {t: (u, list(p), list(c)) for t, (u, p, c) in again.precounted.items()} == {
            t: (u, list(p), list(c)) for t, (u, p, c) in hot.items()
        }
        for query in _queries(articles)[::7] + list(hot):
            _same(again, memory, query)
    finally:
        again.close()


def test_a_changed_corpus_rebuilds_or_extends_the_kept_index(
    articles: list[Article], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexed_mod, "FEW_CANDIDATES", 0)
    half = len(articles) // 2
    _kept(articles[:half], tmp_path).close()
    written = _writes(monkeypatch)
    # The kept articles come first, then new ones: only the new ones are written.
    grown = _kept(articles, tmp_path)
    assert written == list(range(half, len(articles)))
    for query in _queries(articles)[::9]:
        _same(grown, MemorySearch(articles), query)
    grown.close()
    # Another order: the kept index no longer fits from position 3 on, and is rebuilt whole.
    written.clear()
    shuffled = articles[3:] + articles[:3]
    rebuilt = _kept(shuffled, tmp_path)
    assert sorted(written) == list(range(len(articles)))
    for query in _queries(articles)[::9]:
        _same(rebuilt, MemorySearch(shuffled), query)
    rebuilt.close()


def test_kept_index_shared_damaged_or_of_another_version_is_never_wrong(
    articles: list[Article], memory: MemorySearch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexed_mod, "FEW_CANDIDATES", 0)
    queries = _queries(articles)[::13]
    owner = _kept(articles, tmp_path)
    other = _kept(articles, tmp_path)  # the same corpus open twice: the second has its own index
    assert owner.owns_kept_file and not other.owns_kept_file
    for query in queries:
        _same(other, memory, query)
    other.close()
    owner.close()
    (tmp_path / "search-corpus.sqlite3").write_bytes(b"\x00garbage" * 512)
    repaired = _kept(articles, tmp_path)
    assert repaired.owns_kept_file and repaired.indexed == len(articles)
    for query in queries:
        _same(repaired, memory, query)
    repaired.close()
    # Precounts that no longer decompress are dropped (and counted afresh), never trusted.
    monkeypatch.setattr(precounts_mod, "PRECOUNT_MIN_ARTICLES", 1)
    _kept(articles, tmp_path, key="hot").close()
    import sqlite3

    with sqlite3.connect(tmp_path / "search-hot.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM precounts").fetchone()[0] > 0
        db.execute("UPDATE precounts SET positions = x'00ff00ff'")
    db.close()
    spoiled = _kept(articles, tmp_path, key="hot")
    assert spoiled.indexed == len(articles)
    for query in queries + [q for q in _queries(articles) if len(q) == 2][::5]:
        _same(spoiled, memory, query)
    spoiled.close()
    monkeypatch.setattr(trigram_file_mod, "KEPT_FORMAT", "next")
    trigram_file_mod.kept_version.cache_clear()
    try:
        written = _writes(monkeypatch)
        newer = _kept(articles, tmp_path)
        assert sorted(written) == list(range(len(articles)))  # another version: built afresh
        for query in queries:
            _same(newer, memory, query)
        newer.close()
    finally:
        trigram_file_mod.kept_version.cache_clear()


def test_only_the_most_recently_used_kept_indexes_stay(articles: list[Article], tmp_path: Path) -> None:
    for n in range(trigram_file_mod.KEPT_INDEXES + 2):
        _kept(articles[:3], tmp_path, key=f"c{n}").close()
        os.utime(tmp_path / f"search-c{n}.sqlite3", (1_000_000 + n, 1_000_000 + n))
    _kept(articles[:3], tmp_path, key="latest").close()
    left = sorted(p.name for p in tmp_path.glob("search-*.sqlite3"))
    assert "search-latest.sqlite3" in left and "search-c0.sqlite3" not in left
    assert len(left) == trigram_file_mod.KEPT_INDEXES + 1  # the ones kept, and the one just made


def test_the_index_file_is_opened_by_the_first_add_not_by_the_constructor(
    articles: list[Article], tmp_path: Path
) -> None:
    """The app builds its backend before its first paint: opening (and reading) a kept index
    there cost tens of milliseconds of start-up. It happens on the loading thread instead."""
    untouched = IndexedSearch(directory=tmp_path, keep_as="corpus")
    assert list(tmp_path.iterdir()) == []
    untouched.close()  # closed before anything was added: nothing is ever opened
    untouched.add_articles(articles[:2])
    assert list(tmp_path.iterdir()) == [] and untouched.indexed == 0
    backend = IndexedSearch(directory=tmp_path, keep_as="corpus")
    backend.add_articles(articles)
    try:
        assert (tmp_path / "search-corpus.sqlite3").exists()
        assert backend.wait_indexed(timeout=60) and backend.indexed == len(articles)
    finally:
        backend.close()


def test_counts_within_a_range_of_articles_are_the_counts_of_those_articles(
    articles: list[Article], memory: MemorySearch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`count_within(needle, start, end)`: what `count_matches` says of the articles at those
    positions, by every path (one character, precounted, postings, the trigram index, re-added)."""
    monkeypatch.setattr(precounts_mod, "PRECOUNT_MIN_ARTICLES", 1)
    monkeypatch.setattr(precounts_mod, "PRECOUNT_BIGRAMS", 60)
    monkeypatch.setattr(precounts_mod, "PRECOUNT_TRIGRAMS", 40)
    monkeypatch.setattr(indexed_mod, "FEW_CANDIDATES", 3)
    indexed = IndexedSearch(articles, directory=tmp_path)
    try:
        assert indexed.wait_indexed(timeout=30)
        indexed.add_articles([dataclasses.replace(articles[2], paragraphs=[Paragraph("志愿服务队，志愿者。")])])
        queries = [*list(indexed.precounted)[:20], *_queries(articles)[::7], "志愿", "志愿者", "的"]
        n = len(indexed)
        cuts = [(0, n), (0, 1), (0, n // 3), (n // 3, 2 * n // 3), (2 * n // 3, n + 5), (n, n + 1), (2, 3)]
        for query in queries:
            whole = indexed.count_matches(query)
            assert not isinstance(whole, SearchError)
            for start, end in cuts:
                inside = {aid: c for aid, c in whole.items() if start <= (indexed.order_of(aid) or 0) < end}
                got = indexed.count_within(fold_text(query), start, end)
                assert got == inside and list(got) == list(inside), (query, start, end)
    finally:
        indexed.close()
