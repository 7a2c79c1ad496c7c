"""Each article's place, resolved against the official list of divisions (data/gazetteer.tsv)."""

from __future__ import annotations

import importlib.util
import io
import sys
import zipfile
from importlib import resources
from pathlib import Path

import pytest

from civread.model import UNLOCATED
from civread.pipeline import gazetteer, process_text
from civread.pipeline.locality import (
    home_place,
    locality_of,
    place_at_home,
    place_codes,
    resolve_locality,
    starts_with_place,
)
from civread.pipeline.script import to_simplified
from seedtext import seed_page

ROOT = Path(__file__).resolve().parent.parent


def label(text: str, title: str = "", kicker: str = "") -> str:
    return resolve_locality(title, kicker, [text]).label


def names(text: str) -> list[str]:
    return [gazetteer.place(m.code).name for m in gazetteer.find_places(text)]


# --- the table ---------------------------------------------------------------------------------


def test_table_shape() -> None:
    data = resources.files("civread").joinpath("data", "gazetteer.tsv").read_text(encoding="utf-8")
    lines = data.splitlines()
    assert lines[0].startswith("#") and "jionlp" in lines[1] and lines[2].split("\t")[:4] == ["code", "level", "parent", "name"]
    rows = [line.split("\t") for line in lines[3:]]
    assert 3000 < len(rows) < 4000
    codes = {r[0] for r in rows}
    assert len(codes) == len(rows)
    for code, level, parent, name, aliases, weak in rows:
        assert len(code) == 6 and code.isdigit() and level in "123" and name
        assert (parent == "") == (level == "1") and (not parent or parent in codes)
        assert all(len(a) >= 2 for a in (aliases.split("|") + weak.split("|")) if a)
    assert sum(1 for r in rows if r[1] == "1") == 34
    notice = resources.files("civread").joinpath("data", "NOTICE-gazetteer.txt").read_text(encoding="utf-8")
    assert "Apache License" in notice and "jionlp" in notice.lower()


def test_places_nobody_typed_in_resolve() -> None:
    assert label("湖北省襄阳市召开会议") == "湖北省 › 襄阳市"
    assert label("襄樊市的老城区") == "湖北省 › 襄阳市"  # an old name, from the change list
    assert label("新疆昌吉回族自治州举行") == "新疆维吾尔自治区 › 昌吉回族自治州"
    assert label("上海浦东新区推出新举措") == "上海市 › 浦东新区"
    assert label("香港举行活动") == "香港特别行政区"
    assert label("湖北仙桃市开展") == "湖北省 › 仙桃市"
    assert label("记者来到乐山") == "四川省 › 乐山市"
    assert label("青海海西州德令哈市") == "青海省 › 海西蒙古族藏族自治州 › 德令哈市"


def _fake_wheel(path: Path) -> None:
    location = (
        "四川省\t510000\t四川\n\t乐山市\t511100\t乐山\n\t\t峨眉山市\t511181\t峨眉山\n\t\t\t某镇\t511181100\t某镇\n"
        "\t阿坝藏族羌族自治州\t513200\t阿坝\n\t\t汶川县\t513221\t汶川\n"
        "湖北省\t420000\t湖北\n\t省直辖行政区划\t429000\t省直辖\n\t\t仙桃市\t429004\t仙桃\n"
        "\t襄阳市\t420600\t襄阳\n\t\t襄州区\t420607\t襄州\n"
    )
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("china_location.txt", location)
    change = "2010-12-09\t国批\t湖北省\t湖北\t襄樊市\t襄樊=>湖北省\t襄阳市\n"
    with zipfile.ZipFile(path, "w") as whl:
        whl.writestr("jionlp/dictionary/china_location.zip", inner.getvalue())
        whl.writestr("jionlp/dictionary/china_location_change.txt", change)


def test_build_script_is_deterministic(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    assert spec and spec.loader
    build = importlib.util.module_from_spec(spec)
    sys.modules["build_gazetteer"] = build  # dataclasses look their module up
    try:
        spec.loader.exec_module(build)
    finally:
        del sys.modules["build_gazetteer"]
    wheel = tmp_path / "jionlp-0-py3-none-any.whl"
    _fake_wheel(wheel)
    a, b = tmp_path / "a.tsv", tmp_path / "b.tsv"
    assert build.main([str(wheel), "-o", str(a)]) == 0
    assert build.main([str(wheel), "-o", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    rows = {r.split("\t")[0]: r.split("\t") for r in a.read_text(encoding="utf-8").splitlines()[3:]}
    assert "511181100" not in rows  # towns are cut
    assert rows["511100"][1:5] == ["2", "510000", "乐山市", "乐山"]
    assert "阿坝州" in rows["513200"][4].split("|")  # 自治州 → 州
    assert rows["511181"][5] == "峨眉山"  # a county's bare short form is weak
    assert rows["429004"][1:3] == ["2", "420000"]  # county-level city under the province
    assert "襄樊市" in rows["420600"][4].split("|")


# --- ambiguity and ordinary words --------------------------------------------------------------


def test_guide_county_is_in_qinghai_not_hainan() -> None:
    lead = "青海省海南藏族自治州贵德县紧紧围绕学习贯彻习近平新时代中国特色社会主义思想主题教育"
    assert label(lead) == "青海省 › 海南藏族自治州 › 贵德县"
    assert label("贵德县开展活动") == "青海省 › 海南藏族自治州 › 贵德县"
    assert "460000" not in place_codes("青海贵德县：突出五个")
    assert label("海南举办自贸港论坛") == "海南省"
    assert label("青海海南州共和县") == "青海省 › 海南藏族自治州 › 共和县"


def test_chengzhong_district_needs_its_city() -> None:
    assert place_codes("正在听城中区新时代文明实践讲座") == set()
    assert names("青海省西宁市城中区新时代文明实践中心") == ["青海省", "西宁市", "城中区"]
    assert "630103" in place_codes("西宁市召开会议。城中区各个社区积极响应")
    assert "450202" in place_codes("广西柳州市城中区")
    assert "630103" not in place_codes("广西柳州市城中区")


def test_xiaodian_is_a_shop_unless_taiyuan_says_otherwise() -> None:
    assert place_codes("街边开了一家小店，生意兴隆") == set()
    assert place_codes("小店发布") == set()
    assert {"140105", "140100", "140000"} <= place_codes("近年来，山西省太原市小店区新时代文明实践中心")
    assert "140105" in place_codes("太原小店")
    assert "140105" in place_codes("小店区委党校组织学习，“文明小店”公众号")


@pytest.mark.parametrize("word", ["平安", "和平", "新区", "城区", "永和", "朝阳", "白银", "来宾", "中山路", "三明治", "城中村"])
def test_ordinary_words_are_not_places(word: str) -> None:
    assert place_codes(f"大家都说{word}很好") == set()


def test_two_character_and_shared_names_need_context() -> None:
    assert place_codes("压实工作责任和县级领导包联制度") == set()
    assert "340523" in place_codes("安徽马鞍山市和县")
    text = "乐山市创建工作持续推进，志愿者成为城市中一道亮丽风景。市中区依托“新时代文明实践”平台"
    assert "511102" in place_codes(text) and len(gazetteer.find_places(text)) == 2


def test_weak_names_with_their_province_or_in_full() -> None:
    assert label("辽宁朝阳开展活动") == "辽宁省 › 朝阳市"
    assert label("北京朝阳区群众") == "北京市 › 朝阳区"
    assert label("吉林长春市朝阳区") == "吉林省 › 长春市 › 朝阳区"
    assert label("甘肃白银市") == "甘肃省 › 白银市"
    assert label("北京海淀“九大行动”深化全国文明城区创建工作") == "北京市 › 海淀区"


# --- organisations, about versus mentioned, unlocated -----------------------------------------


def test_organisation_resolves_through_the_place_it_names() -> None:
    loc = resolve_locality("以星级评选激发队伍活力", "陕煤黄陵矿业二号煤矿", ["“‘星级评定’结果出来啦"])
    assert loc.label == "陕西省 › 延安市 › 黄陵县" and loc.code == "610632"
    assert place_codes("今年以来，陕煤黄陵矿业公司二号煤矿") >= {"610632", "610600", "610000"}


def test_the_place_an_article_is_about_beats_places_it_mentions() -> None:
    paragraphs = [
        "近日，四川省眉山市青神县瑞峰镇以“竹乡揽春 插秧兴农”为主题，在天池村举办插秧趣味运动会。",
        "浙江省杭州市考察团一行到访，杭州市代表介绍了经验。杭州市、杭州市西湖区的同志参加。",
    ]
    assert resolve_locality("", "", paragraphs).label == "四川省 › 眉山市 › 青神县"
    # The headline's place prefix decides over a lead that names another place.
    assert resolve_locality("山西阳泉市：弘扬新时代雷锋精神", "", ["河北省石家庄市代表团来访"]).label == "山西省 › 阳泉市"


def test_no_place_means_unlocated() -> None:
    assert resolve_locality("滴水穿石久久为功", "", ["2023年是全面贯彻落实党的二十大精神的开局之年。"]) is UNLOCATED
    assert resolve_locality("", "", []) is UNLOCATED
    assert resolve_locality(None, None, None) is UNLOCATED  # type: ignore[arg-type]
    assert place_codes(None) == set()  # type: ignore[arg-type]
    assert starts_with_place(None) is False  # type: ignore[arg-type]


def test_traditional_names_after_conversion() -> None:
    text = to_simplified("青海省海南藏族自治州貴德縣緊緊圍繞")
    assert label(text) == "青海省 › 海南藏族自治州 › 贵德县"
    assert label(to_simplified("內蒙古呼倫貝爾市海拉爾區")) == "内蒙古自治区 › 呼伦贝尔市 › 海拉尔区"


def test_starts_with_place() -> None:
    assert starts_with_place("黑龙江哈尔滨市在68个街道开展快递行业志愿服务")
    assert starts_with_place("北京海淀“九大行动”")
    assert starts_with_place("“达州调查队”")
    assert not starts_with_place("健全机制确保常态长效")
    assert not starts_with_place("小店发布")
    assert not starts_with_place("漫步乐山街头")


def test_codes_carry_their_ancestors() -> None:
    assert place_codes("四川乐至县启动第五届乐至好人评选") == {"512022", "512000", "510000"}
    assert place_codes("北京海淀") == {"110108", "110000"}


# --- about versus mentioned ----------------------------------------------------------------------


def test_a_county_named_only_in_the_body_is_found() -> None:
    paragraphs = ["浙江省近日出台乡村振兴新政，各地积极落实。", "在德清县，村民们说新政来得正是时候。"]
    assert resolve_locality("", "", paragraphs).label == "浙江省 › 湖州市 › 德清县"
    # under a headline that names only the prefecture
    paragraphs = ["近日，各地积极落实新政。", "在德清县，村民们说新政来得正是时候。"]
    assert resolve_locality("湖州：乡村振兴有新招", "", paragraphs).label == "浙江省 › 湖州市 › 德清县"
    # a province named over and over keeps a county it names once in passing
    paragraphs = ["浙江省出台新政。浙江各地积极落实，浙江省农业农村厅派员督导。", "浙江全省推广，" + "相关工作持续推进。" * 12 + "德清县也在其中。"]
    assert resolve_locality("", "", paragraphs).label == "浙江省"


def test_a_visiting_delegation_is_mentioned_not_about() -> None:
    lead = "江苏省苏州市考察团一行日前来到浙江省德清县，考察当地乡村振兴工作。"
    assert resolve_locality("", "", [lead]).label == "浙江省 › 湖州市 › 德清县"


def test_the_capital_by_its_one_character_name() -> None:
    assert resolve_locality("全国农业工作会议在京召开", "", ["广东、浙江等地代表作交流发言。"]).label == "北京市"
    assert resolve_locality("", "", ["他在京剧舞台上演出了五十年，曾赴京都交流。"]) is UNLOCATED


def test_a_justified_headline_still_names_its_places() -> None:
    assert resolve_locality("德 清 县：竹 产 业 兴 旺", "", ["近日，各地竹产业发展良好。"]).code == "330521"
    assert resolve_locality("天 津、河 南等地多举措抗击疫情", "", []).label == "天津市"


def test_a_countys_own_leaders_touring_it_are_no_visitors() -> None:
    lead = "德清县领导到新市镇检查防汛工作，要求压实责任。杭州市气象部门预计近期仍有强降雨。"
    assert resolve_locality("", "", [lead]).label == "浙江省 › 湖州市 › 德清县"


def test_places_in_a_list_share_one_mention() -> None:
    lead = "河南、山东、河北、安徽等地麦收进入高峰，" + "各地抢抓农时。" * 20
    assert resolve_locality("", "", [lead, "江苏徐州的麦田里，收割机来回穿梭。"]).label == "江苏省 › 徐州市"


def test_a_lead_a_few_characters_longer_does_not_change_the_place() -> None:
    # the first place opens the lead; the other is named twice, first just inside the lead's opening
    body = "在济南，农技人员下田指导春耕，" + "各地工作有序推进。" * 10 + "今年以来，郑州的农户也忙着备耕。"
    body += "各地工作有序推进。" * 8 + "郑州的农机手也已就位。"
    plain = resolve_locality("", "", [body])
    assert plain.label == "山东省 › 济南市"
    for lead in ("据某某日报报道，", "记者近日从市农业农村局获悉，"):
        assert resolve_locality("", "", [lead + body]) == plain


def test_the_dateline_the_pipeline_cut_off_still_places_the_story() -> None:
    body = ["连日来，各地加紧推进防汛工作，确保群众安全度汛。"]
    assert resolve_locality("", "", body) is UNLOCATED
    assert resolve_locality("", "", body, dateline="新华社兰州5月3日电（记者 张明）").label == "甘肃省 › 兰州市"
    # the city it was filed from does not keep the story from the county its body is about
    body = ["连日来，各地加紧推进防汛工作。" + "相关部门加强值守。" * 3 + "在榆中县，抢险队员连夜加固堤坝。"]
    assert resolve_locality("", "", body, dateline="新华社兰州5月3日电").label == "甘肃省 › 兰州市 › 榆中县"


@pytest.mark.parametrize("text", ["龙湖集团发布年度业绩", "据光明日报报道，会议召开", "平安银行推出新产品", "中山大学举行毕业典礼",
                                  "兴业银行发布报告"])
def test_a_brand_named_like_a_county_is_no_place(text: str) -> None:
    assert place_codes(text) == set()
    assert resolve_locality(text, "", []) is UNLOCATED


def test_a_brand_stays_no_place_where_its_namesake_is_named() -> None:
    assert resolve_locality("", "", ["广东省汕头市召开招商大会，龙湖集团等企业参会。"]).label == "广东省 › 汕头市"
    assert "440507" in place_codes("广东省汕头市龙湖区召开会议")  # the district itself, named in full, still counts
    assert "330523" in place_codes("安吉中学举行运动会")  # a local school is in its county
    assert "330523" in place_codes("安吉农商银行发放贷款")  # a county's rural bank too


@pytest.mark.parametrize("word", ["老城区", "城东区", "港口区"])
def test_official_names_that_are_everyday_phrases_need_their_city(word: str) -> None:
    assert place_codes(f"{word}的居民纷纷参加") == set()


# --- the page's home place ----------------------------------------------------------------------

DEQING = "330521"  # 浙江省 › 湖州市 › 德清县


def test_home_from_the_masthead() -> None:
    assert home_place(["德清报  2024年3月12日 星期二"], []) == (DEQING, True)
    assert home_place(["2024年3月12日 星期二 综合新闻 责任编辑：王芳"], []) is None
    # "东兴报": 东兴市 (a county-level city) rather than 东兴区 (a city's district), unless the page says otherwise
    assert home_place(["东兴报  2024年3月12日"], []) == ("450681", True)
    assert home_place(["东兴报  2024年3月12日"], [locality_of("511000")]) == ("511011", True)


def test_home_from_the_articles_when_the_masthead_says_nothing() -> None:
    locs = [locality_of(DEQING), locality_of(DEQING), locality_of("330523")]
    assert home_place([], locs) == (DEQING, False)
    assert home_place([], [locality_of(DEQING)]) is None


def test_our_county_is_the_home_even_where_others_are_named() -> None:
    text = "市领导到我县调研乡村振兴\n近日，湖州市领导一行到我县调研。江苏省苏州市考察团也来到我县，双方交流了经验。"
    current = resolve_locality(text.split("\n")[0], "", text.split("\n")[1:])
    assert place_at_home(text, current, DEQING, True).label == "浙江省 › 湖州市 › 德清县"
    compared = "本县粮食产量再创新高\n今年，本县粮食总产量比江苏省昆山市多出两成，居全省前列。"
    assert place_at_home(compared, locality_of("320583"), DEQING, True).code == DEQING


def test_our_city_on_a_county_paper_is_its_prefecture() -> None:
    assert place_at_home("我市召开经济工作会议\n会议总结了全年工作。", UNLOCATED, DEQING, True).label == "浙江省 › 湖州市"
    # on a county-level city's paper, 我市 is the city itself
    assert place_at_home("我市召开经济工作会议\n会议总结了全年工作。", UNLOCATED, "450681", True).code == "450681"


def test_a_place_inside_the_home_is_kept() -> None:
    home_city = "330500"  # 湖州市
    text = "我市德清县举办丰收节\n德清县各乡镇展出特色农产品。"
    assert place_at_home(text, locality_of(DEQING), home_city, True).code == DEQING


def test_a_quoted_our_county_is_the_speakers() -> None:
    text = "小麦收获进入高峰\n在安徽颍上县，种粮大户王明说：“我县今年小麦长势好。”"
    current = resolve_locality(text.split("\n")[0], "", text.split("\n")[1:])
    assert current.code == "341226"
    assert place_at_home(text, current, DEQING, True).code == "341226"
    # with no county of its own, the quote is the only clue: the paper's home
    assert place_at_home("小麦收获进入高峰\n种粮大户说：“我县今年小麦长势好。”", UNLOCATED, DEQING, True).code == DEQING


def test_the_whole_county_of_another_story_stays_there() -> None:
    text = "小麦收获进入高峰\n安徽颍上县抢抓农时，全县143万亩小麦进入收获期。"
    current = resolve_locality(text.split("\n")[0], "", text.split("\n")[1:])
    assert place_at_home(text, current, DEQING, True).code == "341226"
    assert place_at_home("全县小麦进入收获期\n各乡镇抢抓农时。", UNLOCATED, DEQING, True).code == DEQING


def test_the_whole_county_no_paragraph_named_is_the_home() -> None:
    text = "各地抢抓农时\n河北武安市的麦田里，农机来回穿梭。\n在全县各乡镇，农技人员下田指导。"
    current = resolve_locality(text.split("\n")[0], "", text.split("\n")[1:])
    assert current.code == "130481"
    assert place_at_home(text, current, DEQING, True).code == DEQING
    # a home only guessed from the page's other articles is not sure enough to outvote a named county
    assert place_at_home(text, current, DEQING, False).code == "130481"


def test_a_county_paper_page_end_to_end() -> None:
    page = process_text(
        "德清报  2024年3月12日 星期二  第2版  综合新闻\n\n"
        "我县举办第五届农民丰收节\n\n"
        "本报讯（记者 张明）9月23日，我县第五届农民丰收节在新市镇开幕。湖州市领导到场祝贺，"
        "江苏省苏州市考察团一行也来到现场参观。\n\n"
        "来自全县各乡镇的两百多个摊位展出了当地的特色农产品。\n\n"
        "本县新增三家省级农业龙头企业\n\n"
        "本报讯（通讯员 李华）日前，省农业农村厅公布新一批省级农业龙头企业名单，本县三家企业入选，龙湖集团也在名单中。\n",
        "page.txt",
    )
    assert [a.locality.code for a in page.articles] == [DEQING, DEQING]


def test_home_handles_bad_input() -> None:
    assert place_at_home("", UNLOCATED, DEQING, True) is UNLOCATED
    assert place_at_home(None, UNLOCATED, DEQING, True) is UNLOCATED  # type: ignore[arg-type]
    assert home_place([], []) is None


# --- the seed pages ---------------------------------------------------------------------------

SEED_LOCALITIES = {
    "000": ["广东省 › 肇庆市", "黑龙江省 › 哈尔滨市", "青海省 › 海南藏族自治州 › 贵德县", "四川省 › 广安市 › 华蓥市",
            "陕西省 › 汉中市 › 西乡县", "山西省 › 阳泉市"],
    "002": ["青海省 › 果洛藏族自治州 › 久治县", "北京市 › 石景山区", "内蒙古自治区 › 呼伦贝尔市 › 海拉尔区",
            "陕西省 › 延安市 › 黄陵县", "安徽省 › 黄山市 › 休宁县", "广西壮族自治区 › 南宁市", "四川省 › 乐山市"],
    "003": ["北京市 › 海淀区", "河南省 › 漯河市 › 临颍县", "青海省 › 西宁市 › 城中区", "山西省 › 晋城市", "黑龙江省 › 齐齐哈尔市"],
    "004": ["山西省 › 太原市 › 小店区", "青海省 › 海西蒙古族藏族自治州 › 乌兰县", "四川省 › 眉山市 › 青神县",
            "广西壮族自治区 › 河池市 › 巴马瑶族自治县", "四川省 › 资阳市 › 安岳县", "四川省 › 达州市",
            "四川省 › 资阳市 › 乐至县", "陕西省 › 延安市 › 黄陵县"],
}


@pytest.mark.parametrize("prefix", sorted(SEED_LOCALITIES))
def test_seed_articles_are_located(prefix: str) -> None:
    assert [a.locality.label for a in seed_page(prefix).articles] == SEED_LOCALITIES[prefix]
