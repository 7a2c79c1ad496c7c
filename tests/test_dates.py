"""Every article's date comes from what its page says, with where it came from; none is never guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from civread.pipeline import process_text
from civread.pipeline.dates import article_date, assign_dates, masthead_date, parse_date, web_date

# Invented pages: a county paper's page with a masthead and three pieces, and one without any year.
MASTHEAD_PAGE = """青禾日报
2024年3月12日 星期二
综合新闻

青禾县启动春季植树行动

本报讯（李华）近日，青禾县组织干部群众开展春季义务植树活动，共栽种各类苗木一万余株。活动现场，志愿者分组劳作，挥锹铲土、扶苗填坑，干劲十足。

新华社北京2023年12月30日电（记者 王五）国家有关部门日前发布新规，进一步规范基层志愿服务记录工作。新规明确了记录内容和认定程序。

白石镇举办农技培训

3月8日，白石镇在文化礼堂举办春耕农技培训班，邀请县农技站专家为种植大户讲解水稻育秧技术。培训吸引了两百余名农户参加。
"""

NO_YEAR_PAGE = """河口村开展清洁家园行动

本报讯（赵敏）5月3日，河口村组织村民清理房前屋后杂物，整治沟渠，村容村貌焕然一新。村干部表示，将把清洁行动常态化。

柳湾社区举办邻里节

近日，柳湾社区举办第三届邻里节，居民们带来自家做的美食，一起包饺子、话家常。社区还为困难家庭送去慰问品。
"""


def _dates(text: str) -> list[tuple[str | None, str]]:
    page = process_text(text, "page.txt")
    return [(a.date, a.date_source) for a in page.articles]


def test_masthead_dateline_and_lead_on_one_page() -> None:
    dates = _dates(MASTHEAD_PAGE)
    assert ("2024-03-12", "masthead") in dates  # 本报讯 without a date: the date
    assert ("2023-12-30", "dateline") in dates  # the dateline prints its own year
    assert ("2024-03-08", "lead") in dates  # 3月8日 with the year of the masthead


def test_no_year_on_the_page_means_no_date() -> None:
    dates = _dates(NO_YEAR_PAGE)
    assert dates and all(d == (None, "none") for d in dates)


def test_a_dateline_without_a_year_takes_the_page_year_and_the_year_before_for_a_later_month() -> None:
    page = dt.date(2024, 1, 2)
    assert article_date("本报12月30日讯（记者 孙七）", ["全县…"], page) == (dt.date(2023, 12, 30), "dateline")
    assert article_date("", ["新华社北京5月3日电 今天…"], dt.date(2023, 5, 4)) == (dt.date(2023, 5, 3), "dateline")
    assert article_date("央广网合肥5月3日消息", [""], None) == (None, "none")  # no year anywhere


def test_another_articles_dated_dateline_gives_the_page_its_year() -> None:
    page = process_text(
        NO_YEAR_PAGE + "\n新华社北京2022年5月2日电（记者 王五）有关部门发布通知，部署夏季安全生产工作。通知要求各地压实责任。\n",
        "page.txt",
    )
    dates = [(a.date, a.date_source) for a in page.articles]
    assert ("2022-05-03", "lead") in dates and ("2022-05-02", "dateline") in dates
    assert (None, "none") in dates  # 近日: nothing to read


def test_web_page_date_from_its_markup_never_from_its_text() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2023-05-03T08:00:00+08:00">'
        "<title>青禾县启动植树行动</title></head><body><article><h1>青禾县启动植树行动</h1>"
        "<p>近日，青禾县组织干部群众开展春季义务植树活动。</p></article></body></html>"
    )
    assert web_date(html) == dt.date(2023, 5, 3)
    undated = "<html><body><p>2020年11月，青禾县获评文明县城。近日，全县开展植树活动。</p></body></html>"
    assert web_date(undated) is None


class _Piece:
    def __init__(self, byline: str, text: str) -> None:
        self.byline = byline
        self.paragraphs = [type("P", (), {"text": text})()]
        self.date: str | None = "x"
        self.date_source = "x"


def test_assign_dates_web_source() -> None:
    html = '<html><head><meta name="pubdate" content="2023-06-01"></head><body><p>近日，…</p></body></html>'
    piece = _Piece("", "近日，青禾县开展植树活动。")
    assign_dates([piece], html=html)
    assert (piece.date, piece.date_source) == ("2023-06-01", "web")
    dated = _Piece("", "6月1日上午，青禾县开展植树活动。")
    assign_dates([dated], html=html)
    assert (dated.date, dated.date_source) == ("2023-06-01", "lead")


@pytest.mark.parametrize(
    "line, expected",
    [
        ("2024年3月12日 星期二 综合新闻 责任编辑：王一", dt.date(2024, 3, 12)),
        ("青禾日报 2023-05-03 第3版", dt.date(2023, 5, 3)),
        ("二〇二三年五月三日 星期三 农历癸卯年三月十四", dt.date(2023, 5, 3)),
        ("第3版 要闻", None),
        ("5月3日 星期三", None),  # no year: not an issue date
        ("2023年2月30日 星期四", None),  # no such day
    ],
)
def test_masthead_lines(line: str, expected: dt.date | None) -> None:
    assert masthead_date([line]) == expected


def test_numbers_in_chinese() -> None:
    assert parse_date("十二月三十一日", year=2023) == dt.date(2023, 12, 31)
    assert parse_date("5 月 3 日", year=2023) == dt.date(2023, 5, 3)
    assert parse_date("5月3日") is None


def test_articles_per_month_lists_empty_months_and_counts_undated_apart() -> None:
    from civread.measures.timeline import articles_per_month

    line = articles_per_month(["2024-01-05", "2024-03-12", "2024-03-30", None, "bad", "2023-12-31"])
    assert line.buckets == [("2023-12", 1), ("2024-01", 1), ("2024-02", 0), ("2024-03", 2)]
    assert (line.undated, line.dated, line.per) == (2, 4, "month")
    long = articles_per_month(["2015-06-01", "2024-03-12"])
    assert long.per == "year" and long.buckets[0] == ("2015", 1) and long.buckets[-1] == ("2024", 1)
    assert len(long.buckets) == 10 and long.buckets[1] == ("2016", 0)
    assert articles_per_month([None]).buckets == []


def test_dates_reach_the_corpus_metrics_through_the_stored_measures() -> None:
    from civread.cache import decode_measures, encode_measures
    from civread.measures.metrics import corpus_metrics_from, measure_page

    page = process_text(MASTHEAD_PAGE, "page.txt")
    stored = decode_measures(encode_measures(measure_page(page.articles)))
    assert [m.date for m in stored] == [a.date for a in page.articles]
    _, metrics = corpus_metrics_from(((a.kind, a.locality, m) for a, m in zip(page.articles, stored)), pages=1)
    months = dict(metrics.timeline.buckets)
    assert months["2024-03"] == sum(1 for a in page.articles if (a.date or "").startswith("2024-03"))
    assert months["2023-12"] == 1 and months["2024-01"] == 0
    assert metrics.as_dict()["timeline"]["per"] == "month"
