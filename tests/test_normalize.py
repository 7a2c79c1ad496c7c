"""Character-level cleaning, each rule on the seed line that needs it."""

import pytest

from civread.pipeline import process_text
from civread.pipeline.normalize import normalize_line, widen_punctuation
from civread.pipeline.sanitize import sanitize_line
from seedtext import seed_page


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # justified lines (000's photo caption): spaces inside CJK text go
        ("前 提 下“ 最 多 跑 一", "前提下“最多跑一"),
        ("次 ”改 革 的 工 作 部", "次”改革的工作部"),
        ("跑 腿 或 不 跑 腿 。同", "跑腿或不跑腿。同"),
        # … after a dateline set tight (the text after it reads as the line did: fuzzing found it)
        ("本报讯（记者某某 通讯员某某）推 行 网 上 办 、掌 上", "本报讯（记者某某通讯员某某）推行网上办、掌上"),
        ("的 21 个窗口工位减", "的21个窗口工位减"),
        # dates with spaces (002)
        ("2023年 9月 1日，《乐山市文明行为促进条例》", "2023年9月1日，《乐山市文明行为促进条例》"),
        ("治活动 150 余次，扎实推进宜居宜业和美乡村建", "治活动150余次，扎实推进宜居宜业和美乡村建"),
        # phrase spaces in headings and names stay, single
        ("凝心铸魂 夯实创建之本", "凝心铸魂 夯实创建之本"),
        ("周利珍 黄长彬", "周利珍 黄长彬"),
        # half-width punctuation between CJK (001)
        ("核心提示: 自2020年11月,成功摘得", "核心提示：自2020年11月，成功摘得"),
        ("圖/西江日報記者  梁小明(除署名外)", "圖/西江日報記者 梁小明（除署名外）"),
        ("完成率93.4%;完成736个", "完成率93.4%；完成736个"),
        # Latin stays Latin
        ("Powered by CmsTop", "Powered by CmsTop"),
        ("http://www.example.cn/a.shtml", "http://www.example.cn/a.shtml"),
        ("推动实现“1+1>2”的宣讲效果", "推动实现“1+1>2”的宣讲效果"),
        # lookalikes: Kangxi radicals (NFKC) and the Radicals Supplement (table), odd spaces
        ("⽂明⼯作", "文明工作"),
        ("陕⻄省⻓治县⻔前", "陕西省长治县门前"),
        ("志愿者\u00a0\u3000服务", "志愿者 服务"),
        ("2023年\u3000\u00a09月", "2023年9月"),
        ("８３万人", "83万人"),
    ],
)
def test_normalize_line(raw: str, clean: str) -> None:
    assert normalize_line(raw)[0] == clean


def test_report_counts_what_changed() -> None:
    _, report = normalize_line("前 提 下“ 最 多 跑 一")
    assert report.spaces_removed == 6
    _, report = normalize_line("核心提示: 自2020年11月,成功")
    assert report.punctuation_widened == 2


def test_no_justification_spaces_left_in_seed_articles() -> None:
    import re

    for prefix in ("000", "002", "003", "004"):
        for article in seed_page(prefix).articles:
            for p in article.paragraphs:
                assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff] [\u4e00-\u9fff]", p.text), p.text[:40]
                assert not re.search(r"[\u4e00-\u9fff] \d|\d [\u4e00-\u9fff]", p.text), p.text[:40]


def test_no_half_width_punctuation_between_cjk_in_web_seed() -> None:
    import re

    (article,) = seed_page("001").articles
    for p in article.paragraphs:
        assert not re.search(r"[\u4e00-\u9fff][,:;]", p.text), p.text[:40]


def test_widening_reaches_a_fixed_point_in_one_call() -> None:
    """A widened mark gives its neighbour the Chinese context it lacked; one call must already
    give what a second call would (hypothesis found "精神,," left as "精神，,")."""
    cases = {
        "二十大精神,,": "二十大精神，，",
        "a(b),中": "a（b），中",
        "中(b),x": "中（b），x",
        "市民,说:好": "市民，说：好",
    }
    for raw, want in cases.items():
        once, count = widen_punctuation(raw)
        assert once == want, raw
        assert count == sum(a != b for a, b in zip(raw, once))
        assert widen_punctuation(once) == (once, 0)


def test_a_space_removed_before_a_comma_leaves_nothing_for_a_second_pass() -> None:
    # Found by the property test: the space kept the comma from its Han neighbours on the first
    # pass, so only a second pass widened it. Cleaning must be done in one.
    once = normalize_line("温度。 ,\U0004b6ab6y")[0]
    assert normalize_line(once)[0] == once


def test_a_justified_lead_after_its_dateline_is_cleaned_as_its_line_was() -> None:
    # The dateline's long tokens ("本报讯（记者某某", "通讯员某某）推") outweighed the letter-spaced text after it:
    # the line kept its spaces, and the paragraph cut out after the dateline, cleaned again,
    # lost them. Cleaning a cleaned article must change nothing.
    page = process_text("本报讯（记者某某 通讯员某某）推 行 网 上 办 、掌 上 办", "justified-lead.txt")
    paragraphs = [p.text for a in page.articles for p in a.paragraphs]
    assert paragraphs == ["推行网上办、掌上办"]
    assert all(normalize_line(sanitize_line(text)[0])[0] == text for text in paragraphs)
