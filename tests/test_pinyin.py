"""Pinyin queries find Chinese text: syllables, initials, mixed, tones and ü optional, polyphones in words."""

from __future__ import annotations

import pytest

from civread import pinyin
from civread.search import fold_text

# Invented text: polyphones read by their word (重庆 chong, 银行 hang, 行长 hang zhang, 长江 chang,
# 出行 xing), places whose initials collide (肇庆 / 振奇 are both z q), ü (绿色, 女排).
TEXT = (
    "重庆银行的行长在长江边主持会议。肇庆市振奇村志愿服务队开展绿色出行宣传，"
    "女排队员到西安交流。肇庆文明实践站今年新增注册志愿者。"
)


def _matches(query: str, text: str = TEXT) -> list[str]:
    folded = fold_text(text)
    projection = pinyin.project(folded, pinyin.context_readings(folded))
    parsed = pinyin.parse_query(query)
    assert parsed is not None, query
    return [folded[s:e] for s, e in parsed.finditer(folded, projection)]


def test_full_syllables_find_the_place() -> None:
    assert _matches("zhaoqing") == ["肇庆", "肇庆"]
    assert _matches("zhiyuan fuwu") == ["志愿服务"]


def test_initials_find_every_word_with_them() -> None:
    assert _matches("zq") == ["肇庆", "振奇", "肇庆"]  # not 重庆: in its word 重 is chong
    assert _matches("cq") == ["重庆"]


def test_polyphones_are_read_in_their_words() -> None:
    assert _matches("chongqing") == ["重庆"]
    assert _matches("zhongqing") == []
    assert _matches("yinhang") == ["银行"]
    assert _matches("yinxing") == []
    assert _matches("hangzhang") == ["行长"]
    assert _matches("changjiang") == ["长江"]
    assert _matches("chuxing") == ["出行"]


def test_tone_marks_digits_and_umlaut_are_optional() -> None:
    for query in ("lvse", "lüse", "luse", "lu:se", "lǜsè", "lv4se4"):
        assert _matches(query) == ["绿色"], query
    assert _matches("Zhàoqìng") == ["肇庆", "肇庆"]
    assert _matches("nvpai") == ["女排"] == _matches("nupai")


def test_mixed_with_chinese_and_syllable_boundaries() -> None:
    assert _matches("zhaoqing 文明") == ["肇庆文明"]
    assert _matches("zhaoqing文明shijian") == ["肇庆文明实践"]
    assert _matches("xi'an") == ["西安"]
    assert _matches("xi an") == ["西安"]
    assert _matches("xian") == []  # one syllable (先, 县), not 西安


def test_the_syllable_being_typed_matches_as_a_prefix() -> None:
    assert _matches("zhaoq") == ["肇庆", "肇庆"]
    assert _matches("zhiyuan f") == ["志愿服"]
    assert _matches("zhiyuanz") == ["志愿者"]


def test_ordinary_queries_are_not_pinyin() -> None:
    assert pinyin.parse_query("重庆") is None
    assert pinyin.parse_query("2023") is None
    assert pinyin.parse_query("") is None
    assert pinyin.parse_query("z") is None  # one letter: too little to read as pinyin
    assert pinyin.parse_query("xqz") is not None  # initials: any letters that start syllables
    assert pinyin.parse_query("iiii") is None  # no syllable starts with i


def test_projection_keeps_offsets_and_hides_page_private_use_characters() -> None:
    text = fold_text("肇庆 2023年\ue001GDP")
    projection = pinyin.project(text)
    assert len(projection) == len(text)
    assert [pinyin.syllable_of(c) for c in projection[:2]] == ["zhao", "qing"]
    assert projection[2:6] == "2023"
    assert pinyin.syllable_of(projection[7]) is None and projection[7] == "\ufffd"
    assert projection[8:] == "gdp"
    assert pinyin.initials(projection)[:2] == pinyin.initial_marks("zq")
    assert pinyin.initials(projection)[2:6] == "2023"


def test_stale_readings_are_ignored() -> None:
    text = fold_text("银行")
    assert pinyin.project(text, [(5, "hang"), (0, "nosuch"), (1, "hang")]) == pinyin.project(text, [(1, "hang")])


def test_needles_and_initials_for_an_index() -> None:
    query = pinyin.parse_query("zhaoqing")
    assert query is not None
    folded = fold_text(TEXT)
    projection = pinyin.project(folded, pinyin.context_readings(folded))
    needles = query.needles()
    assert needles and sum(projection.count(n) for n in needles) == query.count(folded, projection) == 2
    assert query.initials_needles() == [pinyin.initial_marks("zq")]
    initials = pinyin.initials(projection)
    zq = pinyin.parse_query("zq")
    assert zq is not None and zq.initials_exact
    assert initials.count(pinyin.initial_marks("zq")) == zq.count(folded, projection) == 3
    assert not query.initials_exact
    mixed = pinyin.parse_query("zhaoqing 文明")
    assert mixed is not None and mixed.needles() is None and mixed.han_literals() == ["文明"]


@pytest.mark.parametrize("bad", ["\x00", "a" * 500, "'''", "   "])
def test_odd_queries_never_raise(bad: str) -> None:
    parsed = pinyin.parse_query(bad)
    if parsed is not None:
        folded = fold_text(TEXT)
        list(parsed.finditer(folded, pinyin.project(folded)))


def test_matches_map_back_to_each_sections_display_text() -> None:
    from civread.model import Article, ArticleKind, Locality, Paragraph
    from civread.search import article_sections

    article = Article(
        id="p-01", source="p.txt", kind=ArticleKind.ARTICLE, title="肇庆 文明创建",
        paragraphs=[Paragraph("本报讯 重庆银行在肇庆开设网点。"), Paragraph("肇 庆市民点赞。")],
        locality=Locality("广东省", "肇庆市", None), kicker="",
    )
    readings = pinyin.article_readings(article)
    sections = article_sections(article)
    found = pinyin.section_matches(sections, readings, pinyin.parse_query("zhaoqing"))
    texts = {(name, index): text for name, index, text in sections}
    assert [(n, i, texts[(n, i)][s:e]) for n, i, s, e in found] == [
        ("title", None, "肇庆"),
        ("paragraph", 0, "肇庆"),
        ("paragraph", 1, "肇 庆"),  # the space the match spans is shown too
        ("locality", None, "肇庆"),
    ]
    chong = pinyin.section_matches(sections, readings, pinyin.parse_query("chongqing yinhang"))
    assert [(n, i, texts[(n, i)][s:e]) for n, i, s, e in chong] == [("paragraph", 0, "重庆银行")]


def test_readings_pack_and_unpack() -> None:
    readings = ((0, "chong"), (3, "hang"), (7, "no such"))
    packed = pinyin.pack_readings(readings)
    assert pinyin.unpack_readings(packed) == [(0, "chong"), (3, "hang")]
    assert pinyin.unpack_readings(None) == []


def test_the_halves_projection_is_a_query_of_the_search_as_it_is() -> None:
    """Its symbols survive the search's folding (a needle is folded like a query) and case folding
    (the trigram index folds its terms), so `shi j` is found and counted ahead as written."""
    from civread.search import fold_text

    symbols = "".join(sorted(set(pinyin.halves("重庆银行肇庆分行志愿服务是就说"))))
    assert fold_text(symbols) == symbols and symbols.casefold() == symbols
    text = "肇庆市志愿服务队是就 GDP"
    halves = pinyin.halves(text)
    assert len(halves) == 2 * len(text)
    syllables, needle, minus = pinyin.parse_query("zhiyuan f").collapsed()  # type: ignore[misc]
    assert halves.count(needle) == 1 and halves.index(needle) == 2 * text.index("志愿服") and minus == []
    # `shi ji`: every j syllable after shi, less the four that do not start so (ju, juan, jue, jun).
    _, _, minus = pinyin.parse_query("shi ji").collapsed()  # type: ignore[misc]
    assert [pinyin.syllable_of(n[1]) for n in minus] == ["ju", "juan", "jue", "jun"]
    assert pinyin.syllable_then_letter(pinyin.parse_query("shi j").collapsed()[1])  # type: ignore[index]
    # A match could start inside another: left to the syllable strings, counted one by one.
    assert pinyin.parse_query("ji j").collapsed() is None
    assert pinyin.parse_query("shi shi s").collapsed() is None
