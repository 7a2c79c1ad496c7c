"""Newspaper-page shapes the seeds do not show, on pages written for these tests.

Each test is one way a real e-paper extraction broke the segmenter: headlines with commas and
question marks, labels inside an article, datelines of agencies and sites, page furniture,
credits and signatures, a column of short items, and the paper's home place ("我县").
"""

from __future__ import annotations

import pytest

from civread.model import ArticleKind, Page, ParagraphKind
from civread.pipeline import LoadError, process_text
from civread.pipeline.articles import (
    _ENUMERATED,
    Body,
    Para,
    classify_paragraph,
    fold_untitled_scraps,
    merge_orphan_leads,
    rejoin_sentence_tails,
    restore_cut_lines,
)
from civread.pipeline.furniture import MASTHEAD, furniture_reasons
from civread.pipeline.headlines import (
    LEAD_TIME,
    HeadingRun,
    _briefs_item_starts,
    _date_shredded_below,
    _grow_run,
    _two_names_cut_clean,
    bulleted_item_title,
    find_heading_runs,
    following_column,
    is_credit_line,
    is_kicker_text,
    is_name_line,
    is_news_lead,
    is_signature,
    is_title_line,
    news_lead_byline,
)
from civread.pipeline.interleave import interleaved_order
from civread.pipeline.reflow import double_spacing_blanks, reflow
from civread.pipeline.text import line_widths, shredded_digits, starts_mid_sentence
from civread.pipeline.words import dictionary_words


def _page(text: str) -> Page:
    return process_text(text, "unseen-page.txt")


def _titles(page: Page) -> list[str]:
    return [a.display_title for a in page.articles]


PUNCTUATED_HEADLINES = """\
防汛准备好了吗？

本报讯（张明）入汛以来，南溪县提前
部署防汛工作，组织干部对全县42座水
库开展隐患排查，确保安全度汛。

垃圾分类，我们在行动

本报讯（赵一）今年以来，北岭区生活垃圾
分类覆盖率达到95%以上，居民参与热情
高涨。
"""


def test_headlines_with_question_marks_and_commas_title_their_articles() -> None:
    page = _page(PUNCTUATED_HEADLINES)
    assert _titles(page) == ["防汛准备好了吗？", "垃圾分类，我们在行动"]
    assert page.articles[0].paragraphs[0].text.startswith("入汛以来")


def test_a_body_line_with_commas_cut_by_a_blank_line_is_not_a_headline() -> None:
    # The first line fills the column and its sentence goes on after the blank line.
    page = _page(
        "本报讯（周一）今年以来，东山镇投入资金\n改造老旧小区，惠及居民一千余户。\n\n"
        "今年以来，东山镇还为老旧小区加装电\n\n梯十二部，方便老年人上下楼。\n"
    )
    assert len(page.articles) == 1
    assert "加装电梯十二部" in page.articles[0].text


@pytest.mark.parametrize(
    ("line", "rest"),
    [
        ("近年来，东山镇持续推进新", "时代文明实践中心建设，成效明显。"),  # a word cut by the break
        ("更加注重强基固本，增强功能建强战斗", "堡垒。东山镇坚持把党建抓在手上。"),  # a sentence closing at once
        ("开展志愿服务，", "共建美好家园。"),  # a comma's end
    ],
)
def test_lines_that_read_as_body_text_are_rejected_in_context(line: str, rest: str) -> None:
    page = _page(f"本报讯（钱二）某地召开会议，部署今年工作。\n\n{line}\n\n{rest}\n")
    assert len(page.articles) == 1
    assert (line + rest).replace("，", "") in page.articles[0].text.replace("，", "").replace("\n", "")


@pytest.mark.parametrize(
    "label",
    ["温馨提示", "方案一", "外媒评论：", "第一个夜晚：帐篷里的温暖", "二要做好受灾群众安置工作"],
)
def test_labels_inside_an_article_do_not_start_a_new_one(label: str) -> None:
    page = _page(
        "救援队抵达灾区\n\n本报讯（孙三）救援队员连夜赶到受灾村庄，\n搭起帐篷安置受灾群众。\n\n"
        f"{label}\n\n救援队员在帐篷里度过了第一个夜晚，村民\n送来热水和被褥。\n"
    )
    assert _titles(page) == ["救援队抵达灾区"]
    assert "被褥" in page.articles[0].text


def test_a_label_with_a_colon_is_not_a_kicker_but_a_place_or_organisation_is() -> None:
    assert not is_kicker_text("外媒评论")
    assert not is_kicker_text("第一个夜晚")
    assert is_kicker_text("浙江安吉县")
    assert is_kicker_text("红星机械厂")
    assert is_kicker_text("刘树安")


@pytest.mark.parametrize(
    ("dateline", "byline"),
    [
        ("新华社杭州5月3日电（记者 王五）", "新华社杭州5月3日电（记者 王五）"),
        ("新京报讯（记者 李四）", "新京报讯（记者 李四）"),
        ("央广网北京5月3日消息", "央广网北京5月3日消息"),
        ("IT之家5月3日消息，", "IT之家5月3日消息"),
        ("本报北京5月3日电 记者张三 ", "本报北京5月3日电 记者张三"),
        ("据新华社报道，", ""),
    ],
)
def test_every_kind_of_dateline_starts_an_article(dateline: str, byline: str) -> None:
    assert is_news_lead(dateline + "近日，某地开展活动。")
    assert news_lead_byline(dateline + "近日，某地开展活动。")[0] == byline
    page = _page(
        "本报讯（周五）东湖社区开展邻里节活动，居民\n欢聚一堂。\n\n"
        f"{dateline}西河村今年新建\n文化广场一座，村民有了休闲好去处。\n"
    )
    assert len(page.articles) == 2
    assert "文化广场" in page.articles[1].text and "文化广场" not in page.articles[0].text


@pytest.mark.parametrize(
    "text",
    ["据了解，今年", "据统计，全年", "近日，本报记者来到", "电视台讯问", "据县农业农村局工作人员介绍，", "记者从县教育局获悉，"],
)
def test_ordinary_openings_are_not_datelines(text: str) -> None:
    assert not is_news_lead(text)


def test_a_paragraph_that_names_its_source_does_not_cut_its_article() -> None:
    # "记者从…获悉" and "据…介绍" open later paragraphs of an article as often as leads.
    page = _page(
        "西河村建成文化广场\n\n本报讯（周五）西河村今年新建文化广场一座，\n村民有了休闲好去处。\n\n"
        "记者从县文旅局获悉，全县今年将新建文化广\n场十二座。\n\n"
        "据县农业农村局工作人员介绍，广场建设资金\n由县财政统筹解决。\n"
    )
    assert _titles(page) == ["西河村建成文化广场"]


MASTHEAD_PAGE = """\
2024年3月12日 星期二 综合新闻 责任编辑：王小明 版式设计：李华

南溪县开展春季植树活动

本报讯（刘六）3月11日，南溪县组织干部群众
在城郊荒山植树造林，共栽种苗木一万余株。

（赵一 钱二）

南溪县人民政府关于做好春耕备耕的通知

各乡镇人民政府：请抓紧做好春耕备耕各项
工作，确保不误农时。

南溪县人民政府
2024年3月10日

3
"""


def test_masthead_and_page_number_are_furniture_not_articles() -> None:
    page = _page(MASTHEAD_PAGE)
    assert _titles(page) == ["南溪县开展春季植树活动", "南溪县人民政府关于做好春耕备耕的通知"]
    reasons = {r.text: r.reason for r in page.removed}
    assert any(text.startswith("2024年3月12日 星期二") for text in reasons)
    assert "3" in reasons


def test_a_credit_in_brackets_and_a_notice_signature_stay_with_their_article() -> None:
    page = _page(MASTHEAD_PAGE)
    planting, notice = page.articles
    assert "赵一" in planting.text
    assert notice.text.rstrip().endswith("2024年3月10日")
    assert "南溪县人民政府\n" in notice.text or "南溪县人民政府2024" in notice.text.replace("\n", "")
    assert is_credit_line("（赵一 钱二）") and is_credit_line("（记者 王五）")
    assert not is_credit_line("（一）") and not is_credit_line("（含税）")
    # A blank line between the signature's two lines (a double-spaced extraction): the signature
    # still closes the notice, "人民政府" an organisation as much as "…局".
    spaced = _page(MASTHEAD_PAGE.replace("南溪县人民政府\n2024", "南溪县人民政府\n\n2024"))
    assert [a.title for a in spaced.articles] == ["南溪县开展春季植树活动", "南溪县人民政府关于做好春耕备耕的通知"]
    assert "南溪县人民政府" in spaced.articles[1].text.replace("\n", "").split("不误农时。")[-1]
    assert is_signature(["南溪县人民政府", "", "2024年3月10日"], 0) and is_signature(["南溪县政府办公室", "2024年3月10日"], 0)


def test_a_number_shredded_onto_its_own_line_is_not_a_page_number() -> None:
    lines = ["本报讯（李四）今年", "5月", "1", "5日，城南社区举办", "邻里节。", "", "7"]
    reasons = furniture_reasons(lines)
    assert reasons[2] is None
    assert reasons[6] is not None
    page = _page("\n".join(lines))
    assert "5月15日" in page.articles[0].text


BRIEFS = """\
简讯

东湖社区举办邻里节

本报讯 9月23日，东湖社区在文化广场
举办邻里节，居民欢聚一堂。

城关镇开展消防演练

近日，城关镇组织干部群众开展消
防演练，提升应急处置能力。

县图书馆新增图书五千册

县图书馆近日新增各类图书5000册，
方便群众借阅。
"""


def test_each_item_of_a_briefs_column_is_its_own_piece() -> None:
    page = _page(BRIEFS)
    assert _titles(page) == ["东湖社区举办邻里节", "城关镇开展消防演练", "县图书馆新增图书五千册"]
    assert any(r.text == "简讯" for r in page.removed)


def test_one_line_items_under_a_label_are_separate_pieces() -> None:
    page = _page(
        "一句话新闻\n\n■ 东湖社区近日举办邻里节，居民欢聚一堂。\n\n"
        "■ 城关镇组织开展消防演练，提升应急处置能力。\n\n■ 县图书馆新增图书5000册。\n"
    )
    assert len(page.articles) == 3


HOME_PAGE = """\
青田县报
2024年3月12日 星期二 第2版

我县举办农民丰收节

本报讯 9月23日，我县在城南广场举办
农民丰收节，展销特色农产品。
"""


def test_wo_xian_means_the_home_county_the_masthead_names() -> None:
    page = _page(HOME_PAGE)
    assert page.articles[0].locality.county == "青田县"


def test_without_a_masthead_the_home_is_where_the_other_articles_are() -> None:
    page = _page(
        "青田县举办农民丰收节\n\n本报讯（李一）浙江省丽水市青田县近日举办\n农民丰收节。\n\n"
        "青田县新建文化礼堂\n\n本报讯（王二）浙江省丽水市青田县今年新建\n文化礼堂十座。\n\n"
        "全县新增就业岗位三千个\n\n本报讯（赵三）今年以来，全县新增就业岗位\n3000个。\n"
    )
    assert [a.locality.county for a in page.articles] == ["青田县", "青田县", "青田县"]


def test_a_heading_kept_inside_an_article_is_a_subhead() -> None:
    page = _page(
        "社区治理有新招\n\n本报讯（马六）东湖社区推行网格化管理，把社区\n划分为十个网格。\n\n"
        "网格员上门服务\n\n每个网格配备一名网格员，定期走访居民，\n收集意见建议。\n"
    )
    assert _titles(page) == ["社区治理有新招"]
    kinds = [p.kind for p in page.articles[0].paragraphs]
    assert ParagraphKind.SUBHEAD in kinds


def test_title_lines_refuse_full_stops_but_take_commas() -> None:
    assert is_title_line("垃圾分类，我们在行动")
    assert is_title_line("防汛准备好了吗？")
    assert not is_title_line("垃圾分类，我们在行动。")
    assert not is_title_line("开展志愿服务，")
    assert not is_title_line("垃圾分类，我们在行动", strict=True)


def test_a_paper_named_by_the_county_short_name_is_at_home_there() -> None:
    # "青田报": the masthead names the county by its short form; the article mentions only its
    # province, and says 我县.
    page = _page(
        "青田报\n2024年5月8日 星期三 第1版\n\n我县茶叶喜获丰收\n\n"
        "本报讯（周六）今年春茶采摘季，浙江省茶叶市场\n行情看好，我县茶农喜获丰收。\n"
    )
    assert page.articles[0].locality.county == "青田县"


def test_a_home_only_inferred_from_other_articles_yields_to_the_article_own_place() -> None:
    page = _page(
        "青田县举办农民丰收节\n\n本报讯（李一）浙江省丽水市青田县近日举办\n农民丰收节。\n\n"
        "青田县新建文化礼堂\n\n本报讯（王二）浙江省丽水市青田县今年新建\n文化礼堂十座。\n\n"
        "安吉县推进垃圾分类\n\n本报讯（赵三）浙江省湖州市安吉县全县推进\n垃圾分类。\n"
    )
    assert [a.locality.county for a in page.articles] == ["青田县", "青田县", "安吉县"]


def test_headlines_printed_after_or_over_other_bodies_find_their_bodies_by_their_words() -> None:
    # No places anywhere: only the words tell which headline goes with which body.
    page = _page(
        "本报讯（李明）近日，市图书馆推出“流动书\n车”服务，每周两次开进社区和学校，为居民\n"
        "送去新书，今年已借出图书两万余册。\n\n流动书车开进社区\n\n主干道深度保洁 城市面貌焕然一新\n\n"
        "本报讯（王芳）连日来，市环卫部门组织清\n扫队伍对主干道开展深度保洁，清运垃圾\n三百余吨，城市面貌焕然一新。\n"
    )
    assert [(a.title, a.paragraphs[0].text[:4]) for a in page.articles] == [
        ("流动书车开进社区", "近日，市"),
        ("主干道深度保洁 城市面貌焕然一新", "连日来，"),
    ]


def test_headlines_collected_at_the_page_end_cut_the_bodies_that_ran_together() -> None:
    # Two bodies with no dateline run together; the two headlines at the end tell where.
    page = _page(
        "东湖社区近日建成老年食堂，每天为辖区七十岁以上\n老人提供午餐，一餐只需八元。\n\n"
        "老人们说，食堂饭菜可口，价格实惠。\n\n"
        "今年以来，西岭村引进蓝莓种植项目，带动村民\n就近务工，村集体收入增加二十万元。\n\n"
        "蓝莓种植让村民在家门口有了活干。\n\n"
        "东湖社区老年食堂开张\n\n西岭村蓝莓种植带动增收\n"
    )
    assert [(a.title, a.paragraphs[0].text[:4]) for a in page.articles] == [
        ("东湖社区老年食堂开张", "东湖社区"),
        ("西岭村蓝莓种植带动增收", "今年以来"),
    ]


def test_a_caption_set_into_a_running_paragraph_is_its_own_photo() -> None:
    page = _page(
        "城南社区建起“共享菜园”\n\n本报讯（孙七）城南社区把闲置空地改造成\n“共享菜园”，居民认领地块种菜，社区还请来\n\n"
        "志愿者在共享菜园里为居民讲解种植技术。\n周明 摄\n\n农技人员定期指导，今年已有八十余户居民\n参与其中。\n"
    )
    kinds = [(a.kind.value, a.title) for a in page.articles]
    assert kinds[0] == ("article", "城南社区建起“共享菜园”")
    assert "社区还请来农技人员定期指导" in page.articles[0].text
    assert page.articles[1].kind.value == "photo" and "周明" in page.articles[1].text


def test_a_line_set_in_with_the_paragraph_indent_is_never_a_headline() -> None:
    # Double-spaced extraction: every line stands alone, but "　　" opens a paragraph.
    page = _page(
        "东湖社区开展邻里节\n\n　　本报讯（周一）东湖社区近日举办邻里节。\n\n"
        "　　居民自带拿手菜参加百家宴\n\n活动还设置了书画展示区域，吸引众多居民。\n"
    )
    assert _titles(page) == ["东湖社区开展邻里节"]


@pytest.mark.parametrize("headline", ["全县安全生产情况通报", "春耕生产捷报", "喜报"])
def test_a_headline_ending_in_bao_is_not_a_paper_name(headline: str) -> None:
    assert furniture_reasons([headline]) == [None]
    assert furniture_reasons(["青田报"]) != [None]


def test_a_short_headline_under_the_masthead_date_is_kept() -> None:
    page = _page("2024年3月12日 星期二\n春耕正忙\n\n本报讯（吴八）连日来，各乡镇抢抓农时，开展春耕生产。\n")
    assert _titles(page) == ["春耕正忙"]


def test_a_page_of_only_furniture_is_a_problem_not_an_empty_page() -> None:
    with pytest.raises(LoadError):
        _page("2024年3月12日 星期二 综合新闻 责任编辑：王小明\n\n3\n")


CREDIT_THEN_SAME_PLACE = """\
青石县举办农民丰收节

本报讯（周八）9月23日，青石县在城东广场举办
农民丰收节，展销本地农产品一百余种，吸引群众
两万余人次。

（吴九 郑十）

青石县启动秋冬农田水利建设

入秋以来，青石县组织各乡镇开展农田水利建设，
新修渠道十二公里，整治塘坝三十余座，为明年春
耕打下基础。
"""


def test_a_heading_after_a_closing_credit_is_a_new_article_even_about_the_same_place() -> None:
    page = _page(CREDIT_THEN_SAME_PLACE)
    assert _titles(page) == ["青石县举办农民丰收节", "青石县启动秋冬农田水利建设"]
    assert "吴九" in page.articles[0].text and "水利" in page.articles[1].text


def test_a_headline_ending_in_a_name_before_a_dateline_is_not_cut_body_text() -> None:
    # A word guessed across the break ("…马晓" + "央广网…" read as one unknown word) must not make
    # the headline look like a sentence running on into the dateline below it.
    page = _page(
        "前面一篇的结尾在这里结束。\n\n"
        "委员长会见远方来宾、友好协会会长马晓\n\n"
        "央广网北京9月21日消息（记者朱悦）全国人大\n常委会委员长29日在北京会见远方来宾。\n"
    )
    assert "委员长会见远方来宾、友好协会会长马晓" in _titles(page)


def test_the_shipped_model_weights_fit_the_features_the_code_computes() -> None:
    import json
    from importlib.resources import files

    from civread.pipeline import learned

    stored = json.loads(files("civread").joinpath("data", learned.WEIGHTS_FILE).read_text(encoding="utf-8"))
    for name, model in (("subhead", learned.SUBHEAD), ("tight_headline", learned.TIGHT_HEADLINE), ("new_story", learned.NEW_STORY)):
        assert stored[name]["features"] == list(model.features)
        if isinstance(model, learned.BoostedStumps):
            assert [list(s) for s in model.stumps] == stored[name]["stumps"] and model.stumps
            assert all(0 <= s[0] < len(model.features) for s in model.stumps)
        else:
            assert list(model.weights) == stored[name]["weights"] and any(model.weights[1:])


def test_an_untitled_dateline_after_a_briefs_column_ends_the_column() -> None:
    # The article after the column has its headline printed elsewhere: its dateline and its
    # paragraphs are one article, not more short items of the column.
    text = BRIEFS + (
        "\n新京报讯（记者石晨）国务院有关部门负责人18日在京\n会见来访的代表团，双方就农业合作交换意见。\n\n"
        "会见中，双方表示愿在种业、农机、农产品贸易等\n领域深化合作，推动成果惠及两国农民。\n\n"
        "会谈后，双方共同见证签署多项合作文件。\n"
    )
    page = _page(text)
    last = page.articles[-1]
    assert len(page.articles) == 4
    assert "种业" in last.text and "合作文件" in last.text


HEADLINE_INTO_A_CUT_SENTENCE = """\
河湾镇完成春季造林任务

本报讯（林木）今年以来，河湾镇组织群众植树造林，
累计完成荒山造林三千亩，补植补造一千二百

第六届农民运动会闭幕

新京报讯（记者段华）第六届农民运动会今天在
东岭县闭幕，二十个代表团的一千余名运动员参加
了拔河、插秧等十二个项目的比赛。
"""


def test_a_headline_with_a_dateline_below_it_is_found_after_a_cut_sentence() -> None:
    # The column above ends mid-sentence (its last line was printed elsewhere): the headline
    # block under it is still a headline, since a dateline follows it.
    page = _page(HEADLINE_INTO_A_CUT_SENTENCE)
    assert "第六届农民运动会闭幕" in _titles(page)
    games = next(a for a in page.articles if a.display_title == "第六届农民运动会闭幕")
    assert "拔河" in games.text and "造林" not in games.text


def test_a_column_wide_headline_with_a_comma_is_told_by_the_lead_that_restates_it() -> None:
    # The headline happens to be as wide as the column and carries a comma, like a cut body
    # line; the lead below repeats its words, which a sentence's next line would not.
    from civread.pipeline.headlines import find_heading_runs

    lines = [
        "运动会设田径、拔河、跳绳等十二个项目，将",
        "持续三天，群众纷纷到场观赛。",
        "",
        "生态持续向好，北岭打造鸟类栖息之城",
        "",
        "北岭市全面推进生态建设，生态环境持续向",
        "好，鸟类栖息地愈发丰富，越冬候鸟达到",
        "两万余只。",
    ]
    assert [run.title for run in find_heading_runs(lines)] == ["生态持续向好，北岭打造鸟类栖息之城"]
    cut = lines[:3] + ["东岭县组织干部群众开展植树活动，", ""] + ["种下苗木一万余株，成活率达到九成以上。"]
    assert find_heading_runs(cut) == []


TIGHT_PARAGRAPHS_BLANK_BETWEEN_ARTICLES = """\
本报讯（周一）今年以来，东山镇投入
资金改造老旧小区，惠及居民一千余户。
改造前，小区管网老化，雨季常常积水，
居民出行很不方便。
改造中，东山镇请居民代表参与设计，
先后召开议事会二十余次。
如今，小区道路平整，路灯明亮，居民
纷纷点赞。

西河村的茶园里，茶农们正忙着采摘
春茶。今年村里引进新品种，茶叶产
量比去年增长三成。
村党支部书记介绍，合作社统一收购
鲜叶，统一加工销售，茶农增收明显。
下一步，西河村将发展茶旅融合，吸引
游客前来体验采茶制茶。
"""


def test_a_blank_line_on_a_page_of_tight_paragraphs_parts_two_articles() -> None:
    page = _page(TIGHT_PARAGRAPHS_BLANK_BETWEEN_ARTICLES)
    assert len(page.articles) == 2
    assert "老旧小区" in page.articles[0].text and "茶园" not in page.articles[0].text
    assert page.articles[1].text.startswith("西河村的茶园里")


def test_a_blank_line_inside_one_story_of_tight_paragraphs_does_not_cut_it() -> None:
    # The text after the blank goes on with the running body's words: the same story.
    same_story = TIGHT_PARAGRAPHS_BLANK_BETWEEN_ARTICLES.split("西河村")[0] + (
        "东山镇老旧小区改造还将继续，明年计划\n改造小区十个，惠及居民两千余户。\n"
    )
    page = _page(same_story)
    assert len(page.articles) == 1
    assert page.articles[0].text.rstrip().endswith("惠及居民两千余户。")


def test_names_parted_by_spaces_under_a_headline_are_its_byline_not_its_title() -> None:
    page = _page(
        "青禾镇建成首个乡村书屋\n钱立群 孙晓梅\n在青禾镇新落成的乡村书屋里，村民们正在\n"
        "挑选图书。书屋藏书三千余册，每天开放八\n小时，还配有电子阅览设备。\n"
    )
    (article,) = page.articles
    assert article.title == "青禾镇建成首个乡村书屋"
    assert "钱立群" in article.byline and "钱立群" not in article.title


def test_a_long_one_line_headline_with_a_comma_of_enumeration_titles_its_article() -> None:
    headline = "南溪县从县级财政中安排专项资金1200万元用于支持东岭、西岭等乡镇修复灾毁农田和水利设施"
    page = _page(
        "北岭区举办老年人智能手机培训\n\n本报讯（周一）北岭区社区学校近日开设智\n能手机课程，帮助老年人学会网上挂号、\n扫码出行。\n\n"
        f"{headline}\n本报讯（吴二 郑三）近日，南溪县从县级财\n政中安排专项资金1200万元，支持东岭、\n西岭等乡镇修复灾毁农田和水利设施。\n"
    )
    assert _titles(page) == ["北岭区举办老年人智能手机培训", headline]


def test_the_paper_name_and_a_section_label_between_masthead_lines_are_furniture() -> None:
    lines = ["南溪日报", "2024年5月6日 星期一  第3版", "乡村振兴", "", "3"]
    reasons = furniture_reasons(lines)
    assert reasons[0] and reasons[1] and reasons[2] and reasons[4]
    # A short headline right under the masthead, with its body below, is not furniture.
    assert furniture_reasons(["2024年5月6日 星期一  第3版", "", "春耕正忙", "", "本报讯（李四）连日来，各村…"])[2] is None


def test_a_short_closing_paragraph_before_the_next_headline_stays_with_its_article() -> None:
    page = _page(
        "南溪县召开防汛工作会议\n\n本报讯（王五）6月3日，南溪县召开防汛工作\n会议，部署今年防汛备汛工作。\n"
        "会议要求，各乡镇要压实责任，加强值守，\n确保安全度汛。\n\n县领导陈志远、林海参加会议。\n\n"
        "东岭村的杨梅熟了\n\n本报讯（赵六）眼下正是杨梅成熟的季节，东岭\n村的杨梅园里游客络绎不绝，果农们忙着采\n摘、分拣、装箱。\n"
    )
    # (A headline may end on 了: "…熟了" is no sentence cut short.)
    assert _titles(page) == ["南溪县召开防汛工作会议", "东岭村的杨梅熟了"]
    assert page.articles[0].text.rstrip().endswith("参加会议。")


def test_a_headline_as_wide_as_its_column_stops_where_the_body_runs_on_inside_a_word() -> None:
    # The body's first line has no punctuation, like a title line, but runs on into the next
    # line inside a word ("签/署"): it is body text, and the headline block ends above it.
    lines = [
        "北岭区与南溪县签订文旅合作协议",
        "两地文旅部门负责人近日在北岭区签",
        "署合作协议将联合推出多条精品线路",
        "和文创产品，推动两地游客互送。",
        "今年以来两地已互送游客三万人次，",
        "带动消费两千余万元。",
    ]
    run = _grow_run(lines, 0, line_widths(lines))
    assert run is not None and run.title_lines == [lines[0]]


def test_a_caption_printed_tight_under_a_paragraph_in_a_narrower_column_is_its_own_photo() -> None:
    page = _page(
        "北岭区老旧小区改造全面开工\n\n本报讯（孙七）今年北岭区计划改造老旧小区\n二十个，目前已全部开工，预计年底前完工。\n"
        "改造内容包括管网更新、外墙保温和加装电\n梯等，惠及居民四千余户。\n施工人员在东园小区\n更换地下管网。\n 周明 摄\n"
    )
    kinds = [a.kind.value for a in page.articles]
    assert kinds == ["article", "photo"]
    assert page.articles[0].text.rstrip().endswith("惠及居民四千余户。")
    assert "施工人员" in page.articles[1].text and "施工人员" not in page.articles[0].text


def test_a_part_numbered_as_an_outline_is_a_subhead_even_over_a_reporters_line() -> None:
    # "一、…" numbers a part of the article it stands in: no headline opens so. The paragraph
    # under it opens like a reporter's lead, and its first line is cut off by a blank line
    # mid-sentence (a heading-like line of its own): still the same article.
    page = _page(
        "西坝村：党建引领乡村振兴\n\n"
        "本报讯（周明）十多年间，西坝村党支部坚持党建\n引领，把一个软弱涣散村建成了产业兴旺的样板村。\n\n"
        "一、记者在西坝村采访时\n\n记者在西坝村采访时，正赶上\n\n“共富工坊”的黄桃加工培训，三十多名村民\n围在案板前学习削皮切块。\n\n"
        "二、合作社带来新变化\n\n合作社建起冷库和加工车间，村集体收入\n三年翻了一番。\n\n"
        "东岭镇举办读书月活动\n\n本报讯 东岭镇读书月活动日前启动，镇图书馆\n推出亲子共读、好书交换等十项活动。\n"
    )
    assert _titles(page) == ["西坝村：党建引领乡村振兴", "东岭镇举办读书月活动"]
    subheads = [p.text for p in page.articles[0].paragraphs if p.kind is ParagraphKind.SUBHEAD]
    assert subheads[0].startswith("一、记者在西坝村采访时") and subheads[1] == "二、合作社带来新变化"
    assert "黄桃加工培训" in page.articles[0].text and "翻了一番" in page.articles[0].text


def test_a_numbered_part_after_a_briefs_column_is_no_brief() -> None:
    # A column of briefs, then an article whose parts are numbered in words ("方案一"): a brief
    # is never so numbered, so each label is a subhead of the article, which ends the column.
    page = _page(
        "简讯\n\n东岭镇开展消防演练\n东岭镇组织各村开展消防演练，\n提升群众应急能力。\n\n"
        "西岭镇举办技能培训\n西岭镇举办电商技能培训班，\n五十余名村民参加。\n\n"
        "南溪县三套方案征求意见\n本报讯（钱七）南溪县城东大桥改造\n提出三套方案，即日起征求意见。\n\n"
        "方案一\n\n原址拆除重建，工期十八个月，期间\n车辆绕行上游便桥。\n\n"
        "方案二\n\n保留桥墩加宽桥面，工期十个月，期间\n单向通行。\n\n"
        "方案三\n\n在下游新建一座桥，旧桥改为步行桥，\n工期两年。\n"
    )
    assert _titles(page) == ["东岭镇开展消防演练", "西岭镇举办技能培训", "南溪县三套方案征求意见"]
    assert "步行桥" in page.articles[2].text


def test_a_punctuated_headline_as_wide_as_the_column_over_a_lead_that_opens_on_its_time() -> None:
    # A line with a comma that fills the column, then a blank, reads like a sentence cut by a
    # column break, unless the text below starts afresh: no cut sentence goes on with
    # "今天（6月21日），…". The lead does not restate the headline, so only that tells.
    page = _page(
        "东岭镇举办读书月活动\n\n"
        "本报讯 东岭镇读书月活动日前启动，镇图书馆推\n出亲子共读、好书交换等十项活动，持续一个月。\n\n"
        "山区降雨持续，各乡镇全力以赴做好防汛准备\n\n"
        "今天（6月21日），记者来到县防汛指挥部。值\n班人员正在查看雨情，各乡镇已提前转移低洼\n地带群众，巡查水库山塘。\n"
    )
    assert _titles(page) == ["东岭镇举办读书月活动", "山区降雨持续，各乡镇全力以赴做好防汛准备"]
    assert page.articles[1].paragraphs[0].text.startswith("今天（6月21日）")


def test_a_dateline_shredded_under_a_tight_headline_is_no_line_of_it() -> None:
    # "新华社南昌11月" / "1" / "6日电…": the extraction shredded the dateline's day onto lines of
    # its own. Its head, set tight under the headline, is the dateline's, not the headline's.
    page = _page(
        "东岭镇举办读书月活动\n\n"
        "本报讯 东岭镇读书月活动日前启动，镇图书馆推\n出亲子共读、好书交换等十项活动，持续一个月。\n"
        "南湖湿地迎来首批越冬候鸟\n新华社南昌11月\n\n1\n\n"
        "6日电（记者 陈平）记者从南湖湿地保护中心获悉，\n首批越冬候鸟近日飞抵南湖湿地，保护中心已增派\n巡护人员，加强监测。\n"
    )
    assert _titles(page) == ["东岭镇举办读书月活动", "南湖湿地迎来首批越冬候鸟"]
    assert "越冬候鸟近日飞抵" in page.articles[1].text


def test_two_names_run_together_under_a_punctuated_headline_are_its_byline() -> None:
    # "孙海洋冯晓婷": two names printed with no space, one of them holding a dictionary word
    # ("海洋"). They are the byline of the punctuated headline above, which a cut sentence
    # never runs on into: the headline is one, set tight over its text.
    page = _page(
        "东岭镇举办读书月活动\n\n"
        "本报讯 东岭镇读书月活动日前启动，镇图书馆推出亲\n子共读、好书交换等十项活动，持续一个月。\n\n"
        "灯火璀璨迎新年，大街小巷年味浓\n孙海洋冯晓婷\n"
        "元旦将至，县城大街小巷挂起了红灯笼，商场\n超市人头攒动，年货市场一派红火景象，处处\n洋溢着喜庆祥和的节日气氛。\n"
    )
    assert _titles(page) == ["东岭镇举办读书月活动", "灯火璀璨迎新年，大街小巷年味浓"]
    assert page.articles[1].byline.replace(" ", "") == "孙海洋冯晓婷"
    assert page.articles[1].paragraphs[0].text.startswith("元旦将至")


@pytest.mark.parametrize("line", ["金秋丰收节", "江山如画", "王沪宁出席"])
def test_a_line_of_words_is_no_pair_of_names(line: str) -> None:
    assert not _two_names_cut_clean(dictionary_words(line))


def test_a_photo_news_items_title_does_not_grow_over_its_texts_first_line() -> None:
    # Under "图片新闻" each item is a title line over its text. Here the text's first two lines
    # carry no punctuation, like a headline's second line; set to the text's column, the first
    # of them is the text's.
    page = _page(
        "县城新建三座口袋公园\n\n"
        "本报讯 县城今年新建三座口袋公园，在老城区见缝插\n绿，方便居民就近休闲健身，目前已全部开放。\n\n"
        "图片新闻\n\n"
        "东岭镇：千亩油菜花竞相开放\n东岭镇千亩油菜花竞相开放，\n吸引不少市民前来踏青赏花。\n（陈平 摄）\n\n"
        "西河大桥改造工程顺利完工\n县交通运输局组织施工的西河\n大桥改造工程日前顺利完工并\n通车，桥面拓宽至二十四米，\n"
        "双向四车道通行，两岸群众出\n行更加便捷，过桥时间缩短一\n半。\n（李明 摄）\n"
    )
    assert _titles(page)[-1] == "西河大桥改造工程顺利完工"
    assert page.articles[-1].paragraphs[0].text.startswith("县交通运输局组织施工的西河大桥")


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("周明远吴晓红", True),
        ("孙海洋冯晓婷", True),
        ("周明吴晓红", True),
        ("高新区参", False),  # 高新 + 区参 only by cutting the word 高新区: a headline's "…参" / "加…"
    ],
)
def test_names_run_together_part_where_a_word_ends(line: str, names: bool) -> None:
    assert is_name_line(line) is names


def test_a_lead_that_restates_its_headline_is_no_line_of_it() -> None:
    # A headline broken over two lines, set tight over a lead that opens with the headline's own
    # first words and carries no comma on its first line: no headline repeats itself.
    page = _page(
        "东岭镇举办读书月活动\n\n"
        "本报讯 东岭镇读书月活动日前启动，镇图书馆推\n出亲子共读、好书交换等十项活动，持续一个月。\n\n"
        "南溪县第三届乡村运动\n会在县体育场开幕\n南溪县第三届乡村运动会\n今天上午在县体育场开幕，\n"
        "来自全县十二个乡镇的八\n百余名运动员参加比赛。\n"
    )
    assert _titles(page) == ["东岭镇举办读书月活动", "南溪县第三届乡村运动会在县体育场开幕"]
    assert page.articles[1].paragraphs[0].text.startswith("南溪县第三届乡村运动会今天上午")


QUOTED_SOURCE_PAGE = (
    "东岭镇举办读书月活动\n"
    "\n"
    "本报讯 东岭镇读书月活动日前启动，镇图书馆推\n"
    "出亲子共读、好书交换等十项活动，持续一个月。\n"
    "\n"
    "北海道附近海域发生强烈地震\n"
    "\n"
    "新华社东京3月5日电 日本气象厅今天表示，北海道\n"
    "附近海域发生里氏7.1级地震，震源深度30公里，北\n"
    "海道多地震感强烈，部分地区停电，新干线部分区\n"
    "段暂停运行，多条高速公路临时封闭，多所学校停\n"
    "课。气象厅对北海道沿岸发布海啸注意报，提醒沿\n"
    "岸居民注意防范强烈余震和海啸等次生灾害。\n"
    "\n"
    "据共同社报道，北海道多地震感强烈，部分地区\n"
    "停电，气象厅对北海道沿岸发布海啸注意报，当地\n"
    "已疏散沿岸居民。北海道电力公司表示，地震导\n"
    "致约两万户停电，抢修人员已赶赴现场。北海道\n"
    "新干线部分区段暂停运行，多条高速公路临时封\n"
    "闭。气象厅提醒，未来一周北海道附近海域可能\n"
    "发生强烈余震，沿岸居民应远离海边，注意防范\n"
    "海啸和山体滑坡等次生灾害。北海道多所学校停\n"
    "课一天，政府已设立地震灾害应对室，收集受灾\n"
    "情况。\n"
)


def test_a_paragraph_quoting_a_source_on_the_storys_own_subject_goes_on_with_it() -> None:
    # "据共同社报道，…" opens a paragraph of the earthquake story with no headline over it: a
    # source the story quotes mid-way (its paragraph shares most of its words with the body
    # above), not another story's dateline, which would open a piece of its own.
    page = _page(QUOTED_SOURCE_PAGE)
    assert _titles(page) == ["东岭镇举办读书月活动", "北海道附近海域发生强烈地震"]
    assert page.articles[1].paragraphs[-1].text.startswith("据共同社报道")


def test_a_briefs_column_ends_at_a_long_article_and_its_colon_label_is_a_subhead() -> None:
    # Under a column label each short item is a piece, but an article of many short paragraphs
    # is no brief, however short each paragraph: the column ends there, and a label ending on
    # a colon inside that article introduces its next paragraph instead of opening a piece.
    paragraphs = [
        "今年以来，南溪县围绕乡村振兴，推动十个村\n发展特色种植，带动农户增收。全县特色种植\n面积达到三万亩，户均增收五千余元。",
        "在东岭村，村里成立合作社，统一采购种苗，\n统一技术指导，统一收购销售。合作社还与县\n城超市签订协议，蔬菜当天采摘当天上架。",
        "在西岭村，驻村工作队请来农技专家，手把手\n教村民修剪果树、防治病虫害。今年全村水果\n产量比去年增长两成，品质也明显提升。",
        "在北坡村，村民把闲置农房改成民宿，吸引城\n里游客前来采摘、住宿、品尝农家菜。去年全\n村接待游客两万人次，民宿收入八十余万元。",
        "在南湾村，村集体建起冷库，让农产品错峰上\n市，卖出好价钱，村集体收入翻了一番。",
    ]
    page = _page(
        "简讯\n\n东岭镇开展消防演练\n东岭镇组织各村开展消防演练，\n提升群众应急能力。\n\n"
        "西岭镇举办技能培训\n西岭镇举办电商技能培训班，\n五十余名村民参加。\n\n"
        "南溪县特色产业助农增收\n\n" + "\n\n".join(paragraphs[:4]) + "\n\n村民说：\n\n" + paragraphs[4] + "\n"
    )
    assert _titles(page) == ["东岭镇开展消防演练", "西岭镇举办技能培训", "南溪县特色产业助农增收"]
    article = page.articles[2]
    assert "村民说：" in article.text and article.text.rstrip().endswith("翻了一番。")


def test_a_headline_cut_inside_a_word_by_a_blank_line_is_one_headline() -> None:
    page = _page(
        "南溪县启动农村生活污水治理\n\n本报讯（钱七）南溪县近日启动农村生活污\n水治理三年行动，今年完成三十个村。\n\n"
        "北岭区为老旧小区加装电梯提供补\n\n贴资金\n\n本报讯（孙八）北岭区出台办法，对老旧小区\n加装电梯每台补贴十五万元。\n"
    )
    assert _titles(page) == ["南溪县启动农村生活污水治理", "北岭区为老旧小区加装电梯提供补贴资金"]


def test_a_date_alone_on_its_line_closes_the_signature_paragraph() -> None:
    lines = ["请各村做好防汛准备。", "南溪县应急管理局", "2024年5月6日", "东岭村的杨梅熟了，游客纷纷", "前来采摘。"]
    paragraphs = [p.line_indices for p in reflow(lines, set())]
    assert (3, 4) in paragraphs and not any(2 in p and 3 in p for p in paragraphs)


def test_a_headline_collected_at_the_page_end_finds_its_body_by_a_name_no_word_list_knows() -> None:
    # The only thing the headline shares with its body is a name, which a segmenter's word list
    # does not hold: its Han character pairs still match the body's opening.
    page = _page(
        "本报讯（周一）6月3日，来自东岭村的阿依古丽\n带着自家种的杏干参加展销，一天卖出三百余\n斤。\n\n"
        "本报讯（吴二）近日，西岭镇卫生院为辖区六\n十五岁以上老人开展免费体检，共体检八百余\n人次。\n\n"
        "西岭镇卫生院上门体检暖人心\n\n阿依古丽：丰收的滋味\n"
    )
    titled = {a.title: a.text for a in page.articles}
    assert len(page.articles) == 2
    assert "杏干" in titled["丰收的滋味"] and "体检" in titled["西岭镇卫生院上门体检暖人心"]


def test_two_names_run_together_under_a_headline_are_its_byline() -> None:
    # "吕霞邹颖": characters no dictionary word joins, each name opening on a surname; a flush body
    # line follows. A headline line is made of words ("春耕正忙": 春耕 + 正 + 忙) and stays a title.
    page = _page(
        "青禾镇建成首个乡村书屋\n吕霞邹颖\n在青禾镇新落成的乡村书屋里，村民们正在\n"
        "挑选图书。书屋藏书三千余册，每天开放八\n小时，还配有电子阅览设备。\n"
    )
    (article,) = page.articles
    assert article.title == "青禾镇建成首个乡村书屋" and article.byline == "吕霞邹颖"


def test_a_credit_printed_above_an_items_last_line_stays_inside_the_item() -> None:
    page = _page(
        "图片新闻\n\n■青石镇稻田迎来丰收 眼下，青石镇三万亩水稻\n进入收割期，农机手抢抓晴好天气，确保颗粒\n"
        "（林小雨 摄）\n归仓。\n\n■柳河村办起农家书屋 近日，柳河村农家书屋正\n式开放，村民在家门口就能借阅农技图书和\n"
        "少儿读物，书屋每周二至周日开放。\n"
    )
    assert _titles(page) == ["青石镇稻田迎来丰收", "柳河村办起农家书屋"]
    assert page.articles[0].text.endswith("确保颗粒归仓。（林小雨 摄）")


def test_an_articles_last_line_printed_after_the_next_article_goes_back_to_it() -> None:
    # "就业。" finishes the first article's last sentence; it was printed after the second
    # article's closing credit, which no line of that article follows.
    page = _page(
        "北岭区举办秋季招聘会\n\n本报讯（记者 周一）10月12日，北岭区秋季\n招聘会在区体育馆举行，八十余家企业提供\n"
        "岗位两千余个，吸引求职者三千余人次。\n\n区人社局负责人介绍，今年以来全区已举办\n招聘活动二十余场，帮助一千二百余人实现\n\n"
        "南溪县开展秋季森林防火演练\n\n本报讯（记者 赵二）10月13日，南溪县在\n金山林场开展秋季森林防火应急演练，县应\n"
        "急、林业、消防等部门二百余人参加演练。\n\n演练模拟林区突发火情，检验了各部门的协\n同处置能力。\n（赵二 钱三）\n\n就业。\n"
    )
    jobs, drill = page.articles
    assert jobs.paragraphs[-1].text.endswith("帮助一千二百余人实现就业。")
    assert drill.text.endswith("（赵二 钱三）")


def test_a_lead_printed_after_another_article_opens_the_text_its_headline_sits_over() -> None:
    page = _page(
        "青山县推进农村厕所改造\n\n青山县计划年内完成改厕一万二千户，县财政\n按每户一千元给予补助，改厕后由村级保洁员\n"
        "统一管护，确保建一户、用一户、好一户。\n\n白沙镇开展义诊进乡村活动\n\n本报讯（记者 陈九）白沙镇卫生院组织医生二\n"
        "十余人走进十个行政村，为村民免费测量血压、\n血糖，发放健康手册三千余份。\n\n本报讯（记者 冯八）今年以来，青山县推进农\n"
        "村厕所改造，县财政给予补助，全县已完成改\n厕九千余户。\n"
    )
    assert _titles(page) == ["青山县推进农村厕所改造", "白沙镇开展义诊进乡村活动"]
    toilets = page.articles[0]
    assert toilets.paragraphs[0].text.startswith("今年以来") and "好一户" in toilets.paragraphs[1].text


def _bodies(*pieces: tuple[str | None, list[str]]) -> list[Body]:
    """Bodies as the cutter leaves them: an optional headline over reflowed paragraphs."""
    bodies = []
    for title, texts in pieces:
        headline = HeadingRun(line_indices=[0], title_lines=[title]) if title else None
        bodies.append(Body(paragraphs=[classify_paragraph(t) for t in texts], headline=headline))
    return bodies


def test_a_short_closing_line_cut_off_as_a_piece_ends_the_article_above_it() -> None:
    bodies = _bodies(
        ("东湖区召开安全生产工作会议", ["11月2日，东湖区召开安全生产工作会议，部署冬季安全生产工作。"]),
        (None, ["区领导周五、吴六出席。"]),
    )
    (meeting,) = rejoin_sentence_tails(bodies)
    assert meeting.text.endswith("出席。")
    # A bulleted one-line item is an item of its own, and a sentence of twenty characters or
    # more says who did what where: neither is taken for the line that closes the article above.
    items = _bodies(
        ("东湖区召开安全生产工作会议", ["11月2日，东湖区召开安全生产工作会议，部署冬季安全生产工作。"]),
        (None, ["●西坪乡光伏电站并网发电。"]),
        (None, ["南溪县三千余名志愿者昨日走上街头开展环境卫生整治活动。"]),
    )
    assert len(rejoin_sentence_tails(items)) == 3


def test_a_bodys_first_line_standing_apart_goes_back_into_its_paragraph() -> None:
    # Double-spaced columns: the first line of a body ("…增强体" / "魄、…") and a dateline cut
    # by a shredded number ("…西林9月" / "2" / "3日电") each stand alone like a headline.
    page = _page(
        "实施全民健身战略\n从源头增进人民健康\n\n全民健身是全体人民增强体\n\n魄、幸福生活的基础，近年来，\n\n"
        "东川县新建健身步道四十公里，\n\n建成社区健身中心十二个。\n\n西林镇举办农民丰收节\n\n新华社西林9月\n\n2\n\n"
        "3日电 西林镇23日举办农民丰收节，\n\n五千余名群众参加农产品展销和\n\n农耕体验等活动。\n"
    )
    assert _titles(page) == ["实施全民健身战略从源头增进人民健康", "西林镇举办农民丰收节"]
    fitness, harvest = page.articles
    assert fitness.paragraphs[0].text.startswith("全民健身是全体人民增强体魄、")
    assert harvest.byline == "新华社西林9月23日电" and harvest.text.startswith("西林镇23日")


def test_each_item_of_a_briefs_column_keeps_its_title_set_tight_over_its_text() -> None:
    # Under "一句话新闻" each item's title sits right over its text, no blank line between; one
    # has a kicker on its line, and a bulleted item's date follows its title with no space.
    page = _page(
        "东山县召开防汛工作会议\n\n本报讯（记者 林一）6月3日，东山县召开防汛工作会议，部署\n"
        "今年汛期各项工作。会议要求各乡镇压实责任，提前转移危险区\n域群众，确保安全度汛。\n\n一句话新闻\n\n"
        "青石镇：稻田迎来丰收\n眼下，青石镇三万亩水稻进入收割\n期，农机手抢抓晴好天气抢收。\n\n"
        "柳河村办起农家书屋\n近日，柳河村农家书屋正式开放，\n村民可借阅农技图书和少儿读物。\n\n"
        "■南溪县举办农民丰收节9月23日，南溪县举办农民丰收节，五千余名群众参加。\n"
    )
    assert _titles(page) == ["东山县召开防汛工作会议", "青石镇：稻田迎来丰收", "柳河村办起农家书屋", "南溪县举办农民丰收节"]
    assert [a.paragraphs[0].text[:2] for a in page.articles[1:]] == ["眼下", "近日", "9月"]


def test_a_headline_printed_tight_over_a_narrower_lead_is_read_alone() -> None:
    # The headline line is far wider than the lead's column below it; read together with the
    # lead's lines it looked like one long block of text.
    page = _page(
        "北岭区今年新建口袋公园十二座，让居民出门\n见绿、推窗见景。区园林部门表示，明年还将新\n建八座口袋公园。\n"
        "南溪县秋季运动会今日开幕 三千余名运动员参赛\n今天上午，南溪县第十五\n届秋季运动会在县体育场\n"
        "开幕，来自全县各乡镇的\n三千余名运动员参加比赛。\n"
    )
    assert [a.title for a in page.articles][1:] == ["南溪县秋季运动会今日开幕 三千余名运动员参赛"]
    assert page.articles[1].paragraphs[0].text.startswith("今天上午")


def test_a_column_wide_headline_with_a_comma_over_a_byline_is_a_headline() -> None:
    # As wide as the column and punctuated like a body line, but a reporters' byline follows
    # it: a cut sentence never goes on into "本报记者 …".
    page = _page(
        "北岭区今年以来新建口袋公园十二座，让居\n民出门见绿、推窗见景。区园林部门表示，明\n年还将新建八座口袋公园，方便群众休闲健身。\n\n"
        "稻谷飘香，东川县各乡镇庆丰收迎国庆\n\n本报记者 周明 通讯员 李华\n\n由县农业农村局主办、各乡镇共同承办\n"
        "的系列活动13日起陆续举行。活动期间，\n全县各地举办农产品展销、农耕体验等\n活动，村民们载歌载舞，现场一片欢声\n"
        "笑语，热闹非凡，吸引了众多市民前往。\n"
    )
    harvest = page.articles[-1]
    assert harvest.title == "稻谷飘香，东川县各乡镇庆丰收迎国庆" and harvest.byline == "本报记者 周明 通讯员 李华"
    assert len(page.articles) == 2


def test_the_section_name_under_the_masthead_is_furniture_and_a_short_headline_there_is_not() -> None:
    masthead = "青川日报  2024年5月8日 星期三\n"
    story = "本报讯（记者 何川）西岭镇湿地公园日前建成开放，\n公园占地三百余亩，成为市民休闲健身的好去处。\n"
    page = _page(masthead + "生态家园\n\n西岭镇建成湿地公园\n\n" + story)
    assert _titles(page) == ["西岭镇建成湿地公园"]
    assert ("生态家园", MASTHEAD) in [(r.text, r.reason) for r in page.removed]
    # A short headline right under the masthead has its body under it: it stays a headline.
    page = _page(masthead + "湿地公园开放\n\n" + story)
    assert _titles(page) == ["湿地公园开放"] and not any(r.text == "湿地公园开放" for r in page.removed)


def test_a_headline_its_lead_restates_is_no_subhead_of_the_article_above() -> None:
    # The body above speaks of projects too, but never of the plant the headline names; the
    # paragraph under the headline opens on its time and restates it: a new article.
    page = _page(
        "北岭区召开重点项目建设推进会\n\n本报讯（记者 周一）11月2日，北岭区召开重点项目\n建设推进会，部署冬季项目建设工作。会议要求，各\n"
        "街道、各部门要压实责任，加快推进项目建设进度。\n\n会议强调，要加强对重点项目的调度，严格落实项目\n"
        "建设责任，确保全年投资目标任务顺利完成。\n\n会议指出，冬季施工条件复杂，要加强对施工现场的\n"
        "安全检查，及时消除安全隐患，保障工程质量和施工\n人员安全，确保项目建设平稳有序推进。\n\n"
        "会议要求，要加强要素保障，做好用地、资金等服务，\n帮助企业解决实际困难，推动项目早开工、早投产。\n\n"
        "南溪县城北污水处理厂开工\n\n今天（11月3日）上午，南溪县城北污水处理厂正式\n开工建设，项目总投资一亿二千万元，建成后日处理\n"
        "污水三万吨，将有效改善城北片区水环境。\n"
    )
    assert _titles(page) == ["北岭区召开重点项目建设推进会", "南溪县城北污水处理厂开工"]
    assert all(p.kind is ParagraphKind.BODY for p in page.articles[0].paragraphs)


def test_a_kickers_title_may_fill_the_column_and_carry_a_comma() -> None:
    # After "南溪县：" a title must follow: the comma and the full width that mark a body's first
    # line under a headline say nothing here.
    page = _page(
        "北岭区今年新建口袋公园十二座，让居民出门见\n绿、推窗见景。区园林部门表示，明年还将新建\n八座口袋公园，方便群众就近休闲健身。\n\n"
        "南溪县：\n寒潮来袭，全县各地积极做好防寒保暖工作\n\n林一 周二\n\n"
        "受强冷空气影响，南溪县气温骤降，全县各地提\n前做好防寒保暖工作，确保群众温暖过冬。\n"
    )
    cold = page.articles[-1]
    assert (cold.kicker, cold.title, cold.byline) == ("南溪县", "寒潮来袭，全县各地积极做好防寒保暖工作", "林一 周二")
    assert len(page.articles) == 2
    # Nor does a kicker's title read as a cut body line, however column-wide and punctuated.
    page = _page(
        "北岭区今年新建口袋公园十二座，让居民\n出门见绿、推窗见景，区园林部门表示，明\n年还将新建八座口袋公园。\n（王梅 严凯）\n"
        "南溪县：\n抢抓工期，全县冬修水利建设加快推进\n\n　　眼下，冬修水利进入黄金期，全县提\n速推进重大水利工程建设。\n"
    )
    assert [(a.kicker, a.title) for a in page.articles][1:] == [("南溪县", "抢抓工期，全县冬修水利建设加快推进")]


def test_a_long_text_goes_to_the_lead_printed_at_the_page_end_with_its_headline() -> None:
    # The headline sits over the lead, printed at the page's end; the text is far longer than
    # the lead, which it restates: what counts is how much of the lead's words the text holds.
    page = _page(
        "在城东社区，志愿者挨家挨户发放垃圾分类指南，讲\n解厨余垃圾、可回收物的分类方法。社区还设置了积\n"
        "分兑换点，居民分类投放可以换取生活用品。\n\n在城西街道，新建的垃圾分类驿站配备了智能回收设\n"
        "备，居民扫码投放可回收物，系统自动称重计分。街\n道还组建了垃圾分类督导队，每天早晚在投放点值守。\n\n"
        "目前，东川县城区垃圾分类覆盖率已达九成，居民参\n与率和投放准确率不断提高，垃圾分类正成为新时尚。\n\n"
        "北岭区召开安全生产工作会议\n\n本报讯（记者 周一）11月2日，北岭区召开安全生产\n工作会议，部署冬季安全生产工作。会议要求，各街\n"
        "道、各部门要压实责任，深入排查整治隐患。\n\n东川县推进垃圾分类\n\n据东川日报报道，今年以来，东川县全面推进城区垃\n"
        "圾分类工作，社区、街道多措并举，引导居民养成分\n类投放习惯。\n"
    )
    assert sorted(_titles(page)) == sorted(["东川县推进垃圾分类", "北岭区召开安全生产工作会议"])
    sorting = next(a for a in page.articles if a.title == "东川县推进垃圾分类")
    assert sorting.paragraphs[0].text.startswith("据东川日报报道") and "城西街道" in sorting.text


def test_a_headline_set_into_a_sentence_cut_by_a_blank_line_is_a_headline() -> None:
    # The first article's sentence breaks off ("…通过") where another article is set into its
    # column; that article's headline has no dateline below it. Two lines well short of the
    # column, neither ending a sentence, a blank below: no sentence runs through them.
    lines = (
        "北岭区今年新建口袋公园十二座，让居民出门\n见绿、推窗见景。园林部门还增设了器材，通过\n\n"
        "南溪县冬修水利全面展开\n十二座水库完成除险加固\n\n"
        "眼下正是冬修水利的黄金期，南溪县各乡镇组\n织群众清淤疏浚，加固堤坝，十二座小型水库\n已经完成除险加固，为来年春灌打下了基础。\n"
    ).split("\n")
    runs = find_heading_runs(lines)
    assert [run.title_lines for run in runs] == [["南溪县冬修水利全面展开", "十二座水库完成除险加固"]]
    # A word cut by the blank line is a sentence going on, however short its line; so is a line
    # that opens on the rest of a date, or closes a bracket the text above opened.
    for cut in ("园林部门还增设了健身器\n\n材和儿童游乐设\n\n", "园林部门还增设了器材，于本月\n\n18日起开放使用\n\n",
                "园林部门（还增设了器材\n\n和儿童游乐设施）\n\n"):
        lines = f"北岭区今年新建口袋公园十二座，让居民出门\n见绿、推窗见景。{cut}眼下正是冬修水利的黄金期，南溪县各乡镇组\n".split("\n")
        assert find_heading_runs(lines) == [], cut


def test_headlines_stacked_at_the_page_end_are_cut_apart_with_their_kicker_and_subtitle() -> None:
    # The page's headlines are collected after the last body, stacked into one block: the upper
    # one has a kicker, the lower one a subtitle. Each goes to the body that shares its words.
    page = _page(
        "本报讯 北岭区今年新建口袋公园十二座，让居民出门见绿、推窗见景。园林部门在公园里增设健身器材和儿童"
        "游乐设施，口袋公园成了居民休闲的好去处。\n\n"
        "本报讯 眼下正是冬修水利的黄金期，南溪县各乡镇组织群众清淤疏浚，加固堤坝，十二座小型水库已经"
        "完成除险加固，冬修水利为来年春灌打下了基础。\n\n"
        "北岭区：\n十二座口袋公园建成开放\n南溪县冬修水利全面展开\n——小型水库除险加固完成\n"
    )
    assert [(a.kicker, a.title, a.subtitle) for a in page.articles] == [
        ("北岭区", "十二座口袋公园建成开放", ""),
        ("", "南溪县冬修水利全面展开", "——小型水库除险加固完成"),
    ]


def test_a_double_spaced_article_reads_as_one_paragraph_flow() -> None:
    # Some extractions print a blank line after every line of an article: the blanks say
    # nothing. Read as paragraph breaks they made every line a paragraph and every short line a
    # headline; without them the text reflows, and the next article keeps its headline.
    body = [
        "本报讯 北岭区今年新建口袋公园十二",
        "座，让居民出门见绿、推窗见景。园林",
        "部门在公园增设了健身器材和儿童游乐",
        "设施，口袋公园成了居民休闲的好去处",
        "。今年北岭区还将新建八座口袋公园，",
        "方便群众就近休闲健身。",
    ]
    page = _page(
        "\n\n".join(body) + "\n\n"
        "南溪县冬修水利全面展开\n\n"
        "本报讯 眼下正是冬修水利的黄金期，南溪县各乡镇组织群众清淤疏浚，加固堤坝。\n"
    )
    assert len(page.articles) == 2 and page.articles[1].title == "南溪县冬修水利全面展开"
    parks = page.articles[0]
    assert [p.text for p in parks.paragraphs] == ["".join(body).removeprefix("本报讯 ")]
    # The blanks found are exactly the every-other ones of the column; the headline below it
    # (a block printed single-spaced) keeps the blank line above it.
    lines = ("\n\n".join(body) + "\n\n南溪县冬修水利全面展开\n本报讯 眼下正是冬修水利的黄金期。").split("\n")
    assert double_spacing_blanks(lines, line_widths(lines)) == {1, 3, 5, 7, 9}
    # A subhead among the lines (short, ending no sentence, after a sentence's end) keeps the
    # blank lines around it; the column's other blanks go.
    lines = "\n\n".join([*body[:3], "设施。", "管护全面加强", *body[3:]]).split("\n")
    assert double_spacing_blanks(lines, line_widths(lines)) == {1, 3, 5, 11, 13}
    # A notice's signature is no subhead: its column is still double-spaced.
    lines = "\n\n".join([*body, "南溪县人民政府", "2024年3月10日"]).split("\n")
    assert double_spacing_blanks(lines, line_widths(lines)) == {1, 3, 5, 7, 9, 11, 13}
    # Whole paragraphs one to a line, each between blank lines, are not a double-spaced column.
    paragraphs = [
        "本报讯 北岭区今年新建口袋公园十二座，让居民出门见绿、推窗见景。",
        "园林部门在公园增设了健身器材和儿童游乐设施。",
        "口袋公园成了居民休闲的好去处，每天前来锻炼的居民络绎不绝。",
        "今年北岭区还将新建八座口袋公园。",
        "新建的公园将配备智能照明和休息座椅，方便群众就近休闲健身。",
        "区园林部门表示，将持续做好公园的日常管护。",
    ]
    lines = "\n\n".join(paragraphs).split("\n")
    assert double_spacing_blanks(lines, line_widths(lines)) == set()
    page = _page("\n\n".join(paragraphs) + "\n")
    assert [p.text for a in page.articles for p in a.paragraphs] == [paragraphs[0].removeprefix("本报讯 "), *paragraphs[1:]]


def test_a_headline_no_body_claims_stays_where_it_was_printed_not_an_empty_article() -> None:
    # Two articles, then a headline whose words no body shares (its story was printed on another
    # page): no empty article for it; its words stay on the page, a subhead where it stood.
    page = _page(
        "北岭区新建十二座口袋公园\n\n本报讯 北岭区今年新建口袋公园十二座，让居民出门见绿、推窗见景。\n\n"
        "南溪县冬修水利全面展开\n\n本报讯 眼下正是冬修水利的黄金期，南溪县各乡镇组织群众清淤疏浚。\n\n"
        "东川县举办农民丰收节\n"
    )
    assert _titles(page) == ["北岭区新建十二座口袋公园", "南溪县冬修水利全面展开"]
    water = page.articles[1]
    assert water.paragraphs[-1].text == "东川县举办农民丰收节"
    assert water.paragraphs[-1].kind is ParagraphKind.SUBHEAD


def test_a_short_untitled_passage_joins_the_titled_article_whose_words_it_holds() -> None:
    # What the cuts leave apart, untitled and short (a column's end, a passage), is no story of
    # its own on a page of titled stories: it joins the article whose words it holds.
    def body(text: str, title: str = "") -> Body:
        return Body(paragraphs=[Para(text, (0,))], headline=HeadingRun(title_lines=[title]) if title else None)

    parks = body("北岭区今年新建口袋公园十二座，园林部门在公园里增设了健身器材和儿童游乐设施。", "北岭区新建十二座口袋公园")
    water = body("眼下正是冬修水利的黄金期，南溪县十二座小型水库已经完成除险加固。", "南溪县冬修水利全面展开")
    scrap = body("口袋公园的健身器材由园林部门统一维护，居民可以放心使用。")
    assert fold_untitled_scraps([parks, water, scrap]) == [parks, water]
    assert parks.paragraphs[-1].text == scrap.paragraphs[0].text
    # Sharing nothing with any article, it ends the column of the one printed right before it;
    # printed first, it stays apart.
    stray = body("这项工作预计下月底前全部完成。")
    assert fold_untitled_scraps([parks, water, stray]) == [parks, water] and water.paragraphs[-1] is stray.paragraphs[0]
    first = body("这项工作预计下月底前全部完成。")
    assert fold_untitled_scraps([first, parks]) == [first, parks]
    # A long untitled text is a story whose headline is missing; a page of no titles keeps all.
    long_text = body("南溪县" + "冬修水利进展顺利，" * 20)
    assert fold_untitled_scraps([parks, long_text]) == [parks, long_text]
    assert fold_untitled_scraps([first, stray]) == [first, stray]
    # An item of a briefs column is short by nature; an untitled dateline opens a story of its
    # own (its headline printed elsewhere) unless its words say whose it is.
    item = Body(paragraphs=[Para("东川县新建农家书屋十座。", (0,))], brief=True)
    dated = Body(paragraphs=[Para("新京报讯 国务院有关部门负责人18日会见来访的代表团。", (0,), news_lead=True)])
    assert fold_untitled_scraps([parks, item, dated]) == [parks, item, dated]


def test_an_undated_lead_that_took_the_headline_gets_the_text_set_under_that_headline() -> None:
    # The village story's headline (lines 10-11) stands over its text (from line 13); its lead,
    # one paragraph with no dateline, is printed at the page's end and, restating the headline,
    # won it. The untitled text right under that headline shares a few of the lead's words: it
    # goes on after the lead. A lead with a dateline was so joined; one without, not.
    head = HeadingRun(title_lines=["村里来了新书记 乡亲心里更踏实"], line_indices=[10, 11], bylines=["文/本报记者 王小明"])
    lead = Body(paragraphs=[Para("今年以来，南山村来了新书记，走家串户听心声，乡亲们心里更踏实了。", (40, 41))], headline=head)
    text = Body(paragraphs=[
        Para("李红梅是南山村新任党支部书记。上任以来，她走遍全村一百二十户，记下反映的问题四十多条。", (13, 14, 15)),
        Para("村民张大爷说，过去有事不知道找谁，现在打个电话，书记就上门来了。", (16, 17)),
    ])
    water = Body(
        paragraphs=[Para("眼下正是冬修水利的黄金期，西河县各乡镇组织群众清淤疏浚，加固堤坝。", (30, 31))],
        headline=HeadingRun(title_lines=["西河县冬修水利全面展开"], line_indices=[28]),
    )
    assert merge_orphan_leads([text, water, lead]) == [water, lead]
    assert [p.text[:4] for p in lead.paragraphs] == ["今年以来", "李红梅是", "村民张大"]
    # Set far from the headline, the text is not taken on so few shared words (a tenth of the
    # lead's, with the village's name gone: "书记", "以来", "来了").
    far = Body(paragraphs=[Para(p.text.replace("南山村", ""), (60 + k,)) for k, p in enumerate(text.paragraphs)])
    lead.paragraphs[1:] = []
    assert merge_orphan_leads([water, lead, far]) == [water, lead, far]


def test_a_paragraph_opening_on_a_place_in_another_province_starts_another_story() -> None:
    # The article is about one county of one province; the paragraph below opens on a place
    # named in full in another province, with no dateline and no headline of its own (printed
    # elsewhere): another story, not the article going on.
    page = _page(
        "安吉县余村发展绿色产业\n\n"
        "本报讯 浙江省湖州市安吉县余村近年来发展竹林经济，村民收入逐年提高，村集体经济不断壮大。\n\n"
        "余村还建起了竹制品加工厂，吸纳本村和周边村民就业一百余人，带动了乡村旅游。\n\n"
        "入冬以来，四川省绵阳市北川羌族自治县新时代文明实践站组织志愿者走村入户，为独居老人送去棉被和取暖器，"
        "帮助他们温暖过冬。\n\n"
        "志愿者们还为老人检查了家中的电线和炉具，讲解冬季用火用电安全知识，并留下联系方式，"
        "方便老人有困难时随时求助。实践站负责人介绍，今年冬天，站里已组织志愿服务活动二十余场，"
        "受益群众一千多人次，下一步还将开展健康义诊、法律咨询等活动。\n"
    )
    assert len(page.articles) == 2
    assert page.articles[1].paragraphs[0].text.startswith("入冬以来，四川省绵阳市")
    assert "安吉" not in page.articles[1].text


def test_a_round_ups_place_and_part_subheads_stay_in_it() -> None:
    # The round-up's headline names its parts, each a place and what it did; the parts' subheads
    # print the same "place：part" (a kicker's shape) over each part's text: subheads, not headlines.
    page = _page(
        "东山县：稻田养鱼助农增收 西岭县：茶旅融合带动就业\n\n"
        "本报讯 今年以来，各地因地制宜发展特色产业，带动农民增收致富，乡村振兴迈出坚实步伐。\n\n"
        "东山县：稻田养鱼助农增收\n\n"
        "在东山县，农户在稻田里放养鱼苗，一田两用、一水两收，每亩增收一千余元，全县推广面积已达两万亩。\n\n"
        "西岭县：茶旅融合带动就业\n\n"
        "在西岭县，茶园变成了景区，游客采茶、制茶、品茶，周边农家乐生意红火，带动三百多名村民在家门口就业。\n"
    )
    assert len(page.articles) == 1
    subheads = [p.text for p in page.articles[0].paragraphs if p.kind is ParagraphKind.SUBHEAD]
    assert [s.replace(" ", "") for s in subheads] == ["东山县：稻田养鱼助农增收", "西岭县：茶旅融合带动就业"]


ARTICLE_END_GLUED_AFTER_THE_NEXT = """\
青溪县建成十座污水处理站

本报讯（记者 林远）今年以来，青溪
县投入资金三千万元，在沿河乡镇新建
污水处理站十座，日处理污水能力达到
两万吨。县生态环境局负责人介绍，

柳岸镇举办农民丰收节

本报讯（周平）9月23日，柳岸镇举
办第三届农民丰收节，五千余名群众参
加农产品展销、农耕体验等活动，现场
销售额突破八十万元。
新建的污水处理站全部接入县生态环境
局监管平台，处理后的污水达到一级A
排放标准，沿河乡镇污水直排问题得到
根本解决。

东坪社区开展消防演练

本报讯（吴敏）11月9日，东坪社区组织
居民开展消防安全演练，两百余名居民参
加，提高了群众自救互救能力。
"""


def test_an_articles_last_column_glued_to_the_next_article_goes_back() -> None:
    # The first article stops mid-sentence ("…负责人介绍，"); its last column was printed
    # after the next article, with no blank line between: the paragraph whose words are the
    # first article's finishes its sentence, and the festival keeps only its own text.
    water, festival, drill = _page(ARTICLE_END_GLUED_AFTER_THE_NEXT).articles
    assert water.text.endswith("负责人介绍，新建的污水处理站全部接入县生态环境局监管平台，处理后的污水达到一级A排放标准，沿河乡镇污水直排问题得到根本解决。")
    assert festival.text.endswith("现场销售额突破八十万元。") and "污水" not in festival.text
    assert drill.text.startswith("11月9日")


def test_a_complete_article_does_not_take_a_neighbours_paragraph() -> None:
    # The same page with the first article finished: the festival's second paragraph shares
    # few words with it and stays where it was printed.
    page = _page(
        ARTICLE_END_GLUED_AFTER_THE_NEXT.replace("负责人介绍，\n", "负责人介绍了进展。\n").replace(
            "新建的污水处理站全部接入县生态环境\n局监管平台，处理后的污水达到一级A\n排放标准，沿河乡镇污水直排问题得到\n根本解决。\n",
            "丰收节期间，柳岸镇还评选出十户种粮\n大户和五名农技能手，并为他们颁发了\n奖牌和证书。\n",
        )
    )
    water, festival, _ = page.articles
    assert water.text.endswith("负责人介绍了进展。")
    assert festival.text.endswith("颁发了奖牌和证书。")


@pytest.mark.parametrize(
    ("text", "mid"),
    [("的梦想。多地还举办青春歌会", True), ("”工程，积极培育", True), ("，并为他们颁发", True),
     ("和平发展是时代主题", False), ("地方政府加大投入", False), ("今年以来，全县", False),
     # a quote or bracket closed a few characters in, none opened before it
     ("企上云”工程，积极培育", True), ("2024年）以来，全县", True), ("“五一”假期，各地", False), ("（张三 李四）", False)],
)
def test_a_text_opening_inside_a_sentence_is_told_apart(text: str, mid: bool) -> None:
    assert starts_mid_sentence(text) is mid


def test_a_dash_inside_a_body_line_is_no_subtitle() -> None:
    # "…举办的" / "《…——纪念" / "南州建城…》主题展，": the name of an exhibition with its own
    # dash, wrapped at the column. Read as a headline with an inline subtitle ("——纪念") it
    # cut the article after its lead; a dash inside a line tight over the text is weighed like
    # any tight headline, and a title with its quote mark left open is none.
    page = _page(
        "《山河岁月与城市记忆》展览\n参观人数突破十万人次\n\n"
        "据南州日报报道，南州市城市规划展\n览馆举办的《山河岁月与城市记忆》\n主题展自开展以来，热度持续升温。\n"
        "昨天（8月15日），单日接待参观人\n数超过六千人次，再创新高。截至目\n前，参观人数已突破十万人次。\n\n"
        "在南州市城市规划展览馆举办的\n《山河岁月与城市记忆——纪念\n南州建城两千二百年暨老城区改造\n"
        "完成十周年》主题展，这段时间前\n来参观的人络绎不绝。在展览馆地\n下一层展厅，首次展出老城墙砖。\n"
    )
    (show,) = page.articles
    assert show.display_title == "《山河岁月与城市记忆》展览参观人数突破十万人次"
    assert show.paragraphs[1].text.startswith("在南州市城市规划展览馆举办的《山河岁月与城市记忆——纪念南州建城")


def test_a_heading_over_text_set_in_another_column_opens_an_article() -> None:
    # "暖心食堂 幸福晚年" has a subhead's shape and the text under it names no place and no
    # date, but it is set ten characters narrower than the body above: another article.
    page = _page(
        "西坪县推进农村人居环境整治\n\n"
        "本报讯（记者 郑和）今年以来，西坪县把农村人居环\n境整治作为乡村振兴的重要抓手，累计改造农村户厕\n"
        "一万二千余户，新建垃圾收集点三百多个。\n\n"
        "县里还组织党员志愿者走村入户，宣传垃圾分类知识，\n引导村民养成良好卫生习惯，村容村貌明显改善。\n\n"
        "暖心食堂 幸福晚年\n\n"
        "首家社区老年食堂日\n前开门迎客，六十岁\n以上老人凭卡就餐可\n享八折优惠，不少老\n人吃上了热乎可口的\n饭菜。\n\n"
        "食堂每天供应早餐和\n午餐，菜品每周更新，\n还为行动不便的老人\n提供送餐上门服务。\n"
    )
    assert _titles(page) == ["西坪县推进农村人居环境整治", "暖心食堂 幸福晚年"]
    assert page.articles[0].text.endswith("村容村貌明显改善。")
    assert page.articles[1].text.endswith("提供送餐上门服务。")


def test_a_heading_over_a_reporters_lead_opens_an_article() -> None:
    # "稳产保供 底气更足" has a subhead's shape and its text shares the farm words of the body
    # above, but "记者…从…获悉" under a heading is how a report opens.
    page = _page(
        "南岭县加快建设高标准农田\n\n"
        "本报讯（记者 秦川）今年以来，南岭县加快推进高标准农田\n建设，新建高标准农田三万亩，农田灌溉条件明显改善，粮食\n"
        "生产能力稳步提升。\n\n"
        "县农业农村局负责人介绍，全县将继续加大农田建设投入，\n力争明年再建成高标准农田两万亩。\n\n"
        "稳产保供 底气更足\n\n"
        "记者李明从县农业农村局获悉，眼下全县春耕备耕有序推进，\n已储备种子一千二百吨、化肥八千吨，农机具检修完成九成\n"
        "以上，为粮食生产开好局打下基础。\n"
    )
    assert _titles(page) == ["南岭县加快建设高标准农田", "稳产保供 底气更足"]
    assert page.articles[1].text.startswith("记者李明从县农业农村局获悉")


def test_three_short_title_lines_with_a_comma_are_a_headline_block() -> None:
    # Two headlines stacked ("赏花踏青,乐享" / "美好春光" over "北湾区第三届读书节开幕") make a
    # block of three title lines with a comma: no body line is that short, so it is not a
    # cut paragraph (three full-width lines with a comma are).
    page = _page(
        "赏花踏青,乐享\n美好春光\n北湾区第三届读书节开幕\n林小雨\n\n"
        "本报讯（记者 程文）早春时节，南山县各地\n花开正盛，市民游客纷纷走进乡村赏花踏青，\n乡村旅游迎来小高峰。\n\n"
        "在南山县桃源村，千亩桃花竞相开放，村里\n开设农家乐二十多家，带动村民增收。\n"
    )
    first = page.articles[0]
    assert first.display_title.startswith("赏花踏青，乐享美好春光")
    assert first.text.startswith("早春时节") and "读书节" not in first.text


def test_a_headline_right_under_text_cut_mid_sentence_is_found() -> None:
    # The first article's last line stops mid-sentence (its end was printed elsewhere) and the
    # next headline follows with no blank line: the two short lines over a dateline are a
    # headline, not the rest of that sentence.
    cut_short = (
        "青山镇建成十座村级文化广场\n\n"
        "本报讯（记者 林远）今年以来，青山镇投入资金六百\n万元，在全镇各村新建文化广场十座，配套健身器材\n"
        "和宣传栏，丰富了群众的精神文化生活。镇里还组织\n"
    )
    page = _page(
        cut_short + "周玉兰：用\n初心守护一方平安\n"
        "本报讯（吴敏 赵一）城关派出所民警周玉兰扎根\n社区十二年，调解邻里纠纷三百余起，被群众亲切\n地称为“贴心警花”。\n"
    )
    assert _titles(page) == ["青山镇建成十座村级文化广场", "周玉兰：用初心守护一方平安"]
    assert page.articles[1].text.startswith("城关派出所民警周玉兰")
    # With no dateline below, the lead restating the two short lines tells the same.
    page = _page(
        cut_short + "城关派出所民警周玉兰\n获评全省优秀民警\n"
        "日前，城关派出所民警周玉兰获评全省优秀民警。\n她扎根社区十二年，调解邻里纠纷三百余起，被群\n众亲切地称为“贴心警花”。\n"
    )
    assert _titles(page) == ["青山镇建成十座村级文化广场", "城关派出所民警周玉兰获评全省优秀民警"]
    assert page.articles[1].text.startswith("日前，城关派出所")


def test_six_headline_lines_stacked_at_the_page_end_title_their_articles() -> None:
    # Three headlines of two lines each collected under the last article: one block of six
    # title lines, cut into the three headlines that each name one body.
    page = _page(
        "本报讯（记者 林远）今年以来，青山镇投入资金六百\n万元，在全镇各村新建文化广场十座，配套健身器材\n"
        "和宣传栏，丰富了群众的精神文化生活。\n\n"
        "本报讯（吴敏）城关派出所民警周玉兰扎根社区十二\n年，调解邻里纠纷三百余起，被群众亲切地称为“贴\n心警花”。\n\n"
        "本报讯（赵一）11月9日，东坪社区组织居民开展消\n防安全演练，两百余名居民参加，提高了群众自救互\n救能力。\n\n"
        "青山镇建成十座\n村级文化广场\n周玉兰：扎根社区\n十二年的贴心警花\n东坪社区开展\n消防安全演练\n"
    )
    assert _titles(page) == ["青山镇建成十座村级文化广场", "周玉兰：扎根社区十二年的贴心警花", "东坪社区开展消防安全演练"]


def test_a_title_line_closing_a_quote_over_a_dateline_ends_the_headline() -> None:
    # "纪录片《山海之间" / "南州故事》今晚播出第三集" set tight over a narrow column: the
    # second line is as wide as the column, but it closes the book-title mark the first opened
    # and a dateline follows it: the headline's last line, not the body's first.
    page = _page(
        "市民在南州湿地公园观鸟拍照，享受春日美景。（张三 摄）\n"
        "纪录片《山海之间\n南州故事》今晚播出第三集\n"
        "据南州日报报道，纪录片\n《山海之间 南州故事》\n今晚在市电视台综合频道\n播出第三集《绿水青山》，\n"
        "讲述南州人守护生态的故\n事。该片共六集，每晚播\n出一集。\n"
    )
    film = page.articles[-1]
    assert film.display_title == "纪录片《山海之间南州故事》今晚播出第三集"
    assert film.text.startswith("据南州日报报道")


def test_a_headline_printed_after_its_body_is_not_a_subhead_of_it() -> None:
    # Both headlines are printed after their bodies. The first repeats its body's words
    # (国庆, 喜气洋洋, 迎接) and none of the text below it, which is about a canteen: it closes
    # the body above; a subhead names the text that follows.
    page = _page(
        "本报讯（记者 林远）国庆将至，青山镇各村张灯结彩，\n家家户户挂起国旗，文化广场上，村民排练节目喜迎\n"
        "国庆。镇文化站组织文艺小分队走村入户，演出国庆\n主题节目二十余场，群众喜气洋洋迎接国庆佳节。\n"
        "青山镇村民喜气洋洋迎接国庆\n"
        "这个冬天，东坪社区的老年食堂开门迎客，六十岁\n以上老人凭卡就餐可享八折优惠，不少老人吃上了\n热乎可口的饭菜。\n"
        "食堂每天供应早餐和午餐，菜品每周更新，还为行\n动不便的老人提供送餐上门服务。社区还招募了三十\n"
        "多名志愿者，轮流到食堂帮厨、打扫卫生，陪老人\n聊天。社区负责人介绍，下一步将在辖区再开两家\n"
        "老年食堂，让更多老人在家门口吃上放心饭。\n东坪社区首家老年食堂开张\n"
    )
    assert _titles(page) == ["青山镇村民喜气洋洋迎接国庆", "东坪社区首家老年食堂开张"]
    assert page.articles[0].text.endswith("迎接国庆佳节。")
    assert page.articles[1].text.startswith("这个冬天")


def test_a_headline_over_its_lead_after_text_ending_on_a_colon_is_found() -> None:
    # "…倡议如下：" stops unfinished (what it announced was printed elsewhere); the line after
    # the blank is a headline all the same: the text right below restates it.
    page = _page(
        "南州市各民主党派、工商联和无党派\n人士近日就全市文明城市创建工作发\n表联合倡议。倡议如下：\n\n"
        "南州市长会见东湖市代表团\n"
        "当地时间5月6日下午，南州市长在市\n政府会见东湖市代表团，双方就文旅\n合作、产业协作等议题深入交流。\n"
    )
    meeting = page.articles[-1]
    assert meeting.display_title == "南州市长会见东湖市代表团"
    assert meeting.text.startswith("当地时间5月6日下午")


def test_a_briefs_item_closed_by_a_name_credit_keeps_the_column_going() -> None:
    # The first item ends on its credit alone on a line ("（王小丽）"): still a short item, so
    # the item below whose title is as wide as the column is an item of its own.
    page = _page(
        "简 讯\n\n"
        "南湖区启动冬季送温暖活动\n南湖区近日启动冬季送温暖活动，为辖区\n困难群众送去棉被、米面油等生活物资。\n（王小丽）\n\n"
        "青山县：秋粮收获进度过九成\n青山县各乡镇抢抓晴好天气组织秋收，截\n至目前，全县秋粮收获进度已过九成。\n\n"
        "东湖街道开展防诈骗宣传进社区活动\n东湖街道组织民警和志愿者走进社区，向\n居民讲解常见诈骗手法，发放宣传资料。\n"
    )
    assert _titles(page) == ["南湖区启动冬季送温暖活动", "青山县：秋粮收获进度过九成", "东湖街道开展防诈骗宣传进社区活动"]
    assert page.articles[2].text.startswith("东湖街道组织民警")


def test_a_subhead_between_tight_paragraphs_is_no_blank_line() -> None:
    # Paragraphs set one under the other with no blank line between: a blank line would part
    # two articles, and the label "记者手记" on its own line had counted as one, cutting the
    # feature where its words change. A subhead is the article's own.
    page = _page(
        "守护星空的人\n"
        "\n"
        "本报讯（记者 林远）在南山深处的观测站里，有一群\n"
        "守护星空的年轻人，他们坚持精准观测，常年驻守山\n"
        "中，记录下一颗颗新发现的天体。\n"
        "站长周明在博士毕业后就来到南山，当时观测站刚刚\n"
        "建成，住的是简易板房，他接到的第一个任务就是调\n"
        "试望远镜的主镜。\n"
        "为了保证观测不受干扰，站里的每个人都要遵守严格\n"
        "的电磁管控规定，手机、电脑一律不能带进核心区。\n"
        "记者手记\n"
        "经过反复思考，姜工提出需要安装强度为五百兆帕、\n"
        "弯曲次数为两百万的钢索。当时，他们从市面上买了\n"
        "十余种钢索进行实验，却没有一根能满足要求，最后\n"
        "只能自己设计研制，经历近百次失败后终于成功。\n"
        "2017年，新钢索全部安装到位，经受住了连续三年\n"
        "的高强度测试，各项指标全部达到设计要求，这项\n"
        "技术还获得了国家发明专利，并推广应用到多个大\n"
        "型工程中，为行业发展提供了宝贵的经验和借鉴。\n"
    )
    (feature,) = page.articles
    assert feature.display_title == "守护星空的人"
    assert "记者手记" in feature.text and feature.text.endswith("宝贵的经验和借鉴。")


def test_a_place_in_another_province_named_mid_sentence_opens_no_article() -> None:
    # "活动期间，主办方邀请来自广东省深圳市等地的采购商…" names a place in another province
    # than the Hunan story, eleven characters in: what the sentence is about, not where a new
    # lead opens ("近日，广东省深圳市…" would).
    page = _page(
        "湖南省长沙市举办农民丰收节\n"
        "\n"
        "本报讯（记者 林远）9月23日，湖南省长沙市第三届农\n"
        "民丰收节在浏阳市开幕，五千余名群众参加农产品展销、\n"
        "农耕体验等活动，现场销售额突破八十万元。\n"
        "\n"
        "活动期间，主办方邀请来自广东省深圳市等地的采购商\n"
        "现场签约，签约金额达两千余万元，浏阳的花炮、蒸菜\n"
        "等特色产品受到欢迎。不少采购商表示，将把更多优质\n"
        "农产品带到大湾区市场，让城里人吃上新鲜放心的农产\n"
        "品，也让农民的腰包越来越鼓。\n"
        "\n"
        "丰收节将持续三天，其间还将举办农技培训和乡村美食\n"
        "大赛等十余项活动，进一步擦亮浏阳农业品牌。主办方\n"
        "介绍，今年丰收节首次开设直播带货专区，邀请二十多\n"
        "名本地主播现场推介，线上订单已超过三万单。\n"
    )
    (festival,) = page.articles
    assert festival.text.endswith("线上订单已超过三万单。")


def test_two_stories_run_together_are_cut_where_the_displaced_headlines_words_begin() -> None:
    # The river clean-up has no headline over it (its own is printed at the page's end), so its
    # text runs on under the health story's. The end headline names the whole run-together body
    # best and takes it; the headline printed over it is left: the body is cut where the end
    # headline's words begin, not a paragraph early (where the window after the cut holds
    # them too), and each headline titles its own story.
    page = _page(
        "南州推进健康城市建设\n"
        "\n"
        "南州市政府新闻办今天举行发布会，市卫生健\n"
        "康委负责人介绍了健康城市建设有关情况。\n"
        "\n"
        "据介绍，今年以来，南州新建社区卫生服务中\n"
        "心十二个，家庭医生签约服务覆盖率达到七成，\n"
        "群众看病就医更加方便。\n"
        "\n"
        "西岭村组织志愿者清理河道垃圾，三百余名志\n"
        "愿者沿河岸捡拾垃圾两吨多，河道环境明显改\n"
        "善，西岭村河长办表示将常态化开展清河行动。\n"
        "\n"
        "清河行动中，志愿者还向沿河居民发放宣传资\n"
        "料，倡导大家爱护河道环境，不向河中倾倒垃\n"
        "圾，共同守护西岭村的绿水青山。\n"
        "\n"
        "西岭村志愿者清理河道垃圾\n"
    )
    assert _titles(page) == ["南州推进健康城市建设", "西岭村志愿者清理河道垃圾"]
    health, river = page.articles
    assert health.text.endswith("群众看病就医更加方便。")
    assert river.text.startswith("西岭村组织志愿者") and river.text.endswith("共同守护西岭村的绿水青山。")


def test_a_headline_broken_after_its_comma_is_a_headline() -> None:
    # "青 山 镇 庆 丰 收 ，" / "洋 溢 喜 庆 气 氛": a justified headline broken after its comma.
    # A line ending on a comma is a sentence cut short, except two short lines set apart by a
    # blank line, the second finishing the first as a title.
    page = _page(
        "南州市召开春季农业生产工作会议，部署春耕备\n耕、农资保供和防灾减灾等重点工作，要求各地\n抓住农时，确保粮食播种面积稳定。\n\n"
        "青 山 镇 庆 丰 收 ，\n洋 溢 喜 庆 气 氛\n\n"
        "本报讯 连日来，青山镇各村处处洋溢着丰收的\n喜悦，村民们忙着收割晾晒，镇里还举办了农民\n丰收节，展示各村特色农产品，吸引大批游客。\n"
    )
    harvest = page.articles[-1]
    assert harvest.display_title == "青山镇庆丰收，洋溢喜庆气氛"
    assert harvest.text.startswith("连日来")
    # A body line ending on a comma, as wide as its column, is still text.
    assert "要求各地抓住农时" in page.articles[0].text
    # Printed tight over its text, at the page's top, the same.
    (spring,) = _page(
        "今日春分，\n昼夜平分春意浓\n今天（3月20日）是二十四节气中的春分，\n"
        "这一天白天黑夜平分。从春分开始，白昼越\n来越长，大江南北进入春耕春种农忙阶段。\n"
    ).articles
    assert spring.display_title == "今日春分，昼夜平分春意浓" and spring.text.startswith("今天（3月20日）")
    # Its first line hardly shorter than the column, but its second wider than any text line,
    # and a byline below.
    harvest, meeting = _page(
        "南州全力抢收秋粮\n\n目前，南州市已成立工作专班，调\n运收割机、烘干机等应急机具两百\n余台，全力做好抢收抢烘工作。\n\n"
        "南州市农村工作会议召开，\n市委书记对做好“三农”工作作出部署\n记者 姜嘉\n"
        "南州市农村工作会议29日至30日在\n市委召开，会议总结今年以来全市\n“三农”工作，部署明年重点任务。\n"
    ).articles
    assert meeting.display_title == "南州市农村工作会议召开，市委书记对做好“三农”工作作出部署"
    assert harvest.text.endswith("全力做好抢收抢烘工作。") and meeting.text.startswith("南州市农村工作会议29日")


def test_a_caption_line_ending_on_its_credit_ends_there() -> None:
    # A caption printed on one long line ("…时光。 李明 王芳 摄") with the next article's
    # text right under it: the credit ends the caption, however wide its line.
    photo, parks = _page(
        "市民在南湖公园赏花踏青，享受春日美好时光。 李明 王芳 摄\n"
        "南湖区今年新建口袋公园十二\n个，新增绿地面积三万平方米，\n市民出门五百米就能见到绿色。\n"
        "公园里还设置了健身步道和儿\n童游乐设施，受到居民欢迎。\n"
    ).articles
    assert photo.kind is ArticleKind.PHOTO and photo.text.endswith("李明 王芳 摄")
    assert parks.text.startswith("南湖区今年新建口袋公园")


def test_a_paragraph_amid_its_article_that_leans_to_another_stays() -> None:
    # The county story's middle paragraph is about volunteer service, the district story's
    # subject, and shares more words with it than with its own article: printed amid its own
    # text (not at its start, not glued after its end), it is the story turning, not another
    # article's end printed here.
    page = _page(
        "志愿服务激活文明实践\n"
        "\n"
        "本报讯 近年来，东湖区新时代文明实践中心整合志愿服务资源，\n"
        "注册志愿者达到五万余人，志愿服务时长居全市前列，志愿服务\n"
        "项目覆盖全区各个社区。\n"
        "\n"
        "东湖区还建立志愿服务积分制度，志愿者凭积分兑换服务和物资，\n"
        "进一步激发了志愿者参与文明实践志愿服务的热情。\n"
        "\n"
        "南岭县扎实推进文明城市创建\n"
        "\n"
        "本报讯 今年以来，南岭县把文明城市创建作为重点工程，整改\n"
        "背街小巷路面三十余处，新增停车位三百个，城市面貌明显改善。\n"
        "\n"
        "落实一个“引”字。全县新时代文明实践中心组织志愿服务\n"
        "队伍开展志愿服务活动一百五十余场，志愿者服务时长不断增加，\n"
        "文明实践志愿服务覆盖群众两万余人。\n"
        "\n"
        "突出一个“合”字。南岭县统筹各方力量，开展“小手拉大手”\n"
        "等主题活动一百余次，收集群众意见建议两千余条，逐条回应\n"
        "办理，群众对创建工作的满意度明显提升。\n"
    )
    volunteers, county = page.articles
    assert [p.text[:9] for p in volunteers.paragraphs] == ["近年来，东湖区新时", "东湖区还建立志愿服"]
    assert [p.text[:9] for p in county.paragraphs] == ["今年以来，南岭县把", "落实一个“引”字。", "突出一个“合”字。"]


def test_a_heading_over_a_lead_opening_on_its_time_opens_an_article() -> None:
    # "目前，" opens a lead as "近日，" does: the heading above a lead that restates it is a new
    # article's headline, not a subhead of the youth-league story above.
    page = _page(
        "南州团组织开展主题实践活动\n"
        "\n"
        "本报讯 连日来，南州市各级团组织开展主题团日\n"
        "活动，组织团员青年重温入团誓词，学习英模事迹。\n"
        "\n"
        "在东湖区、西岭县等地，各级团组织还聚焦青年就\n"
        "业创业，实施专项帮扶举措，助力青年发展。\n"
        "\n"
        "南州市第十届运动会今晚开幕 各项工作准备就绪\n"
        "\n"
        "目前，南州市第十届运动会各项准备工\n"
        "作已经全面就绪，开幕式将于今晚在市\n"
        "体育中心举行，来自全市的两千余名运\n"
        "动员将参加十八个大项的比赛。\n"
    )
    assert _titles(page) == ["南州团组织开展主题实践活动", "南州市第十届运动会今晚开幕 各项工作准备就绪"]
    assert page.articles[1].text.startswith("目前，南州市第十届运动会")


def test_a_headline_whose_line_with_a_comma_fills_the_column_is_a_headline() -> None:
    # "市长主持召开各界人士、基层代表座谈会" is as wide as the column and carries a 、, the way a
    # cut paragraph's line does; but the block's last line is short, ends no sentence, and a
    # blank line parts it from text that does not go on with it: a paragraph's short line is
    # its last and ends a sentence.
    page = _page(
        "市长主持召开经济形势分析会\n"
        "\n"
        "本报讯 市长6日主持召开经济形势分析会，听取各部门\n"
        "关于一季度经济运行情况的汇报。会议指出，要扎实做\n"
        "好当前各项工作，继续巩固经济运行回升态势。\n"
        "副市长张明、李华、王强参加。\n"
        "\n"
        "市长主持召开各界人士、基层代表座谈会\n"
        "听取对政府工作报告的意见建议\n"
        "\n"
        "这些天，受邀参加座谈会\n"
        "的各界代表纷纷表示，要\n"
        "把会议精神带回基层，落\n"
        "实到具体工作中去。\n"
    )
    assert _titles(page) == ["市长主持召开经济形势分析会", "市长主持召开各界人士、基层代表座谈会听取对政府工作报告的意见建议"]
    assert page.articles[0].text.endswith("王强参加。") and page.articles[1].text.startswith("这些天")


DOUBLE_SPACED_WITH_LABELS = [
    "北岭区推进社区卫生服务",
    "",
    "本报讯 北岭区把社区卫生服务站建到",
    "居民家门口，十五分钟就医圈基本形成",
    "，群众看病更方便了。",
    "方案一",
    "东坡社区的家庭医生团队每周两次上门",
    "为慢性病患者和失能老人测血压、送药",
    "品，服务范围覆盖周边三个小区。",
    "方案二",
    "南苑社区卫生服务站与区医院建立远程",
    "会诊，居民在家门口就能挂上专家号，",
    "今年已会诊八百多人次。",
]


def test_a_double_spaced_article_with_labels_keeps_its_paragraphs_and_its_labels() -> None:
    # Every line of the article is followed by a blank line, and two labels ("方案一",
    # "方案二") stand among its lines. The labels once made every blank line count: each line
    # was a paragraph, the lines under a label a headline, the labels other articles' titles.
    text = "\n\n".join(DOUBLE_SPACED_WITH_LABELS[2:])
    page = _page(DOUBLE_SPACED_WITH_LABELS[0] + "\n\n" + text + "\n")
    assert _titles(page) == ["北岭区推进社区卫生服务"]
    kinds = [(p.kind, p.text[:4]) for p in page.articles[0].paragraphs]
    assert kinds == [
        (ParagraphKind.BODY, "北岭区把"),
        (ParagraphKind.SUBHEAD, "方案一"),
        (ParagraphKind.BODY, "东坡社区"),
        (ParagraphKind.SUBHEAD, "方案二"),
        (ParagraphKind.BODY, "南苑社区"),
    ]


def test_the_blanks_of_a_double_spaced_column_part_no_articles() -> None:
    # A page that sets its paragraphs tight parts its articles with a blank line. The every-other
    # blank lines of a double-spaced article are no such parting: they once hid that its
    # paragraphs were set tight, so the untitled story after a real blank stayed in its body.
    first = [
        "本报讯 北岭区把社区卫生服务站建到",
        "居民家门口，十五分钟就医圈基本形成，",
        "群众看病更方便了。",
        "东坡社区的家庭医生团队每周两次上门",
        "为慢性病患者和失能老人测血压、送药",
        "品，覆盖周边三个小区。",
        "南苑社区卫生服务站与区医院建立了远",
        "程会诊，居民在家门口就能挂上专家号",
        "，今年已会诊八百多人次。",
    ]
    second = (
        "入冬以来，西河县气象部门加密观测，\n及时发布寒潮预警，提醒农户做好大棚\n"
        "保温。县农业农村局组织技术人员下\n乡，指导农户加固棚膜、储备燃料。\n"
        "\u3000\u3000西河县共有蔬菜大棚两千余座，今冬\n以来没有一座因寒潮受损。技术人员\n"
        "还教农户用手机查看棚内温度，遇到降\n温提前加温，确保蔬菜稳产保供。\n"
        "\u3000\u3000县里还储备了棉被、炭块和发电机，\n一旦停电，应急队伍两小时内送到农户\n手中。\n"
    )
    page = _page("北岭区推进社区卫生服务\n\n" + "\n\n".join(first) + "\n\n\n" + second)
    assert len(page.articles) == 2
    assert page.articles[0].text.endswith("今年已会诊八百多人次。")
    assert page.articles[1].text.startswith("入冬以来，西河县")


def test_a_label_alone_between_blank_lines_runs_into_no_later_text() -> None:
    # "相关链接", set in like a paragraph, ends no sentence, so the reflow held it open for the
    # sentence to go on; the block below it, ending on a credit, read as a caption set into that
    # sentence, and the label was joined to the next paragraph: "相关链接眼下正是…".
    page = _page(
        "北岭区举办农民丰收节\n\n"
        "本报讯 北岭区农民丰收节昨天开幕，全区十二个乡镇的农产品集中展销，吸引市民三万余人次。\n\n"
        "\u3000\u3000相关链接\n\n"
        "\u3000\u3000丰收节期间，北岭区还将举办农技讲座和\n农产品直播带货活动。\n（周明 王丽）\n\n\n"
        "\u3000\u3000眼下正是冬修水利的黄金期，西河县各乡镇组织群众清淤疏浚，加固堤坝。\n"
    )
    texts = [p.text for a in page.articles for p in a.paragraphs]
    assert "相关链接" in texts
    assert any(t.startswith("丰收节期间") for t in texts) and any(t.startswith("眼下正是") for t in texts)


def test_an_indented_line_opens_a_paragraph_and_a_credit_printed_early_closes_its_own() -> None:
    # "　　" opens a Chinese paragraph. A subhead set in like one ends no sentence, and a line
    # that ends none (a paragraph's cut last line) was joined to the indented line below it; a
    # credit printed above its sentence's last line waited for a blank line that never came.
    page = _page(
        "北岭区推进社区卫生服务\n\n"
        "\u3000\u3000本报讯 北岭区把社区卫生服务站建到居\n民家门口，十五分钟就医圈基本形成。\n"
        "\u3000\u3000家庭医生上门服务常态化\n"
        "\u3000\u3000东坡社区的家庭医生团队每周两次上门，为\n慢性病患者测血压、送药品，服务覆盖周边三个小\n"
        "区。南苑社区卫生服务站与区医院建立远程会诊，居民\n在家门口就能挂上专家号，同时还\n（周明 王丽）\n能享受医保报销。\n"
        "\u3000\u3000入冬以来，西河县各乡镇组织群众清淤疏浚，\n加固堤坝，全县已完成土方三十万立方米。\n"
    )
    texts = [p.text for a in page.articles for p in a.paragraphs]
    assert "家庭医生上门服务常态化" in texts
    assert any(t.endswith("同时还能享受医保报销。（周明 王丽）") for t in texts)
    assert any(t.startswith("入冬以来，西河县") for t in texts)


def test_headlines_stacked_at_the_page_end_with_no_blank_between_are_headlines() -> None:
    # The page's headlines collected after its last article, two of them one under the other.
    # A line of theirs as wide as the column there (the short headlines make it narrow) that
    # runs on into the next inside a word ("…丰收节开" / "幕…") looked like a body's first line
    # set tight under a headline, and all four lines became an untitled article. But no sentence
    # stops below it before the page ends: those lines are headlines, and go back to their bodies.
    page = _page(
        "本报讯 北岭区把社区卫生服务站建\n到居民家门口，十五分钟就医圈基本\n形成，群众看病更方便了。\n\n"
        "本报讯 西河县冬修水利全面展开，\n各乡镇组织群众清淤疏浚，全县计划\n清淤疏浚渠道一百二十公里。\n\n"
        "本报讯 东川县第三届农民丰收节昨\n天开幕，全县十二个乡镇的农产品集\n中展销，吸引游客三万余人次。\n\n"
        "北岭区社区卫生\n服务站建到家门口\n\n"
        "西河县冬修水利全面展开\n全县清淤疏浚渠道百余公里\n东川县第三届农民丰收节开\n幕吸引游客三万人次\n"
    )
    assert _titles(page) == [
        "北岭区社区卫生服务站建到家门口",
        "西河县冬修水利全面展开全县清淤疏浚渠道百余公里",
        "东川县第三届农民丰收节开幕吸引游客三万人次",
    ]


def test_a_photo_headline_with_its_place_before_a_colon_titles_the_photo() -> None:
    # "云南：…" reads as kicker and title; a kicker was taken for the mark of an article's
    # headline, so the photo below went untitled and the headline was left over. On the title's
    # line, sharing the caption's words, it is the photo's headline.
    page = _page(
        "西河县冬修水利全面展开\n\n本报讯 眼下正是冬修水利的黄金期，西河县各乡镇组织群众清淤疏浚，"
        "加固堤坝，全县已完成土方三十万立方米。\n\n"
        "图片新闻\n\n"
        "云南：古镇灯会点亮夜经济\n春节期间，云南多地古镇举办灯\n会，游客夜游古镇、品尝小吃。\n（周明 摄）\n\n"
        "南溪县油菜花开\n南溪县十万亩油菜花进入盛花期。\n（李想 摄）\n"
    )
    photos = [a for a in page.articles if a.kind is ArticleKind.PHOTO]
    assert [(p.kicker, p.title) for p in photos] == [("云南", "古镇灯会点亮夜经济"), ("", "南溪县油菜花开")]


def test_stacked_headlines_split_where_the_upper_one_names_two_bodies_of_one_subject() -> None:
    # Two headlines collected at the page's end, one under the other. The upper one shares its
    # words as much with the other heat story (under its own headline) as with its own body;
    # that tie once kept the stack whole, one long headline for the last body and none for the
    # heat story. Both parts naming different bodies is enough to cut the stack.
    page = _page(
        "全国多地高温来袭\n\n"
        "本报讯 中央气象台预计，未来三天北方多地将出现\n35摄氏度以上高温，南方部分地区有雷阵雨，\n请公众注意防暑防雨。\n\n"
        "本报讯 连日来，南方部分地区持续高温，\n多地启动防暑降温应急措施，\n为户外劳动者送去清凉。\n\n"
        "本报讯 西河县冬修水利全面展开，各乡镇\n组织群众清淤疏浚，全县计划清淤疏浚\n渠道一百二十公里。\n\n"
        "南方部分地区高温天气持续\n西河县冬修水利全面展开\n"
    )
    assert _titles(page) == ["全国多地高温来袭", "南方部分地区高温天气持续", "西河县冬修水利全面展开"]


def test_a_long_stacked_headline_may_share_a_few_words_with_the_next_story() -> None:
    # Two headlines stacked at the page's end. The upper one names its story by eight words and
    # shares two ("泰国", "代表团") with the other story: once any two words shared with another
    # body kept the stack whole. Half as many as it shares with its own body is what says no.
    page = _page(
        "本报讯 北岭区区长王明昨天分别会见新加坡、泰国客商\n代表团，双方就扩大农产品贸易、发展冷链物流深入交\n流，并签署三项合作协议。\n\n"
        "本报讯 西河县代表团昨天抵达泰国，开始为期五天的\n考察，重点了解热带水果种植和加工技术。\n\n"
        "北岭区区长分别会见新加坡泰国客商代表团\n西河县代表团抵达泰国考察\n"
    )
    assert _titles(page) == ["北岭区区长分别会见新加坡泰国客商代表团", "西河县代表团抵达泰国考察"]


def test_a_stack_between_two_bodies_titles_the_body_above_and_the_body_below() -> None:
    # One headline printed after its body, the next article's over its own, with no blank
    # between: one block of title lines. The kicker's headline names its body by only two words,
    # too few to cut a kicked stack on words alone; where the block sits tells the rest: its upper
    # part names the body above and nothing below, the lower part the reverse.
    page = _page(
        "东岭镇举办读书月活动\n\n"
        "本报讯 东岭镇读书月活动日前启动，镇图书馆\n推出亲子共读、好书交换等十项活动。\n\n"
        "本报讯 近日，南山村第二届农民丰收节在村文化\n广场举行，种粮大户带来新米、红薯和板栗，\n现场签下订单三百余份。\n\n"
        "南山村：农民丰收节喜迎八方客\n西河县两座污水处理厂建成投用\n\n"
        "本报讯 记者从西河县住建局获悉，县城两座污水\n处理厂近日建成投用，日处理能力合计两万吨。\n"
    )
    assert _titles(page) == ["东岭镇举办读书月活动", "南山村：农民丰收节喜迎八方客", "西河县两座污水处理厂建成投用"]
    assert page.articles[1].kicker == "南山村"


def test_a_stack_with_a_subtitle_is_cut_where_each_part_names_its_own_body() -> None:
    # Over a body, two headlines one above the other, the lower with its subtitle: its body is
    # the next one down. A subtitle once kept any stack whole (one headline with a subtitle);
    # each part naming a body of its own by three words or more is what cuts it.
    page = _page(
        "各乡镇加快修建田间机耕道路\n全县秋粮收购进展顺利\n——县粮食局最新调度显示\n\n"
        "入秋以来，各乡镇抢抓晴好天气修建田间机耕道路，\n已新修硬化道路四十余公里，大型农机\n可直接开到田头。\n\n"
        "本报讯 县粮食局最新调度显示，目前全县秋粮收购\n进度过半，各收购点实行预约收购，\n农户售粮排队时间明显缩短，秋粮收购\n进展顺利。\n"
    )
    assert _titles(page) == ["各乡镇加快修建田间机耕道路", "全县秋粮收购进展顺利"]
    assert page.articles[1].paragraphs[0].text.startswith("县粮食局最新调度显示")


# A whole short story (headline, blank, dateline and text, blank) to open a page with.
WATER_STORY = (
    "西河县冬修水利全面展开\n\n"
    "本报讯 眼下正是冬修水利的黄金期，西河县各乡镇组织\n群众清淤疏浚，加固堤坝，已完成土方二十万方。\n\n"
)


def test_a_kicked_stack_over_a_body_gives_away_the_headline_naming_another_body() -> None:
    # A kicker's headline over its body, and under it another story's headline whose body is
    # printed further down with none over it. The kicker's part names the body it sits over by
    # two words only (too few to cut a kicked stack on words alone); the lower part names the
    # other body by nine: it goes there.
    page = _page(
        WATER_STORY
        + "东岭镇：古茶园采摘忙\n退休教师陈立华义务辅导留守儿童\n十二年风雨无阻\n"
        "本报讯 清明前后，东岭镇茶农忙着在茶园里\n采摘春茶，他们天不亮就上山，赶在露水干前\n"
        "采下头茬春茶，镇里还请来制茶师傅现场\n指导，今年春茶价格比去年略有上涨。\n\n"
        "记者从县教育局获悉，南山村退休教师陈立华\n十二年来每个周末义务辅导村里的留守儿童，\n"
        "风雨无阻。她把自家堂屋改成课堂，辅导\n孩子们写作业、读课外书，先后有八十多名\n留守儿童在这里学习。\n"
    )
    assert _titles(page) == ["西河县冬修水利全面展开", "东岭镇：古茶园采摘忙", "退休教师陈立华义务辅导留守儿童十二年风雨无阻"]
    assert page.articles[1].paragraphs[0].text.startswith("清明前后")
    assert page.articles[2].paragraphs[0].text.startswith("记者从县教育局获悉")


def test_a_kicker_on_its_own_line_over_a_title_set_tight_over_its_text_is_a_headline() -> None:
    # "青石县：" on a line of its own, the title below it, and the text's first line right under
    # the title with no blank: the block grown over that line is no headline, and the title
    # alone with its kicker is one. It was judged as the kicker's line alone (no title), so the
    # whole article ran on in the story before it.
    page = _page(
        WATER_STORY
        + "青石县：\n春播进度过半 墒情总体适宜\n“清明前后，种瓜点豆”，春播生\n产进入大忙时节。县农业农村局最新\n"
        "调度显示，全县春播进度过半。\n\n今年，全县粮食意向种植面积预计\n四十二万亩，比上年有所增加。\n"
    )
    assert _titles(page) == ["西河县冬修水利全面展开", "青石县：春播进度过半 墒情总体适宜"]
    assert page.articles[1].kicker == "青石县"
    assert page.articles[1].paragraphs[0].text.startswith("“清明前后，种瓜点豆”，春播生产")


TWO_STORIES_UNDER_TWO_HEADLINES = (
    WATER_STORY
    + "{upper}\n南溪县启动冬季植树行动\n\n"
    "本报讯 东岭镇读书月活动日前启动，镇图书馆推出亲子共读、\n好书交换等十项活动，吸引近千名居民参加。\n"
    "读书月期间，镇图书馆还将举办读书分享会，邀请作家与读者\n面对面交流阅读心得，评选十户书香家庭。\n"
    "12日，冬季植树行动在城郊荒山启动，干部群众一千余人\n栽下松柏苗木两万株，今冬明春计划完成植树造林五千亩，\n"
    "新建村庄绿化示范点二十个，让荒山披上绿装。\n"
)


def test_two_headlines_over_two_stories_run_together_part_the_text_where_the_second_starts() -> None:
    # Two headlines stacked over one block of text that tells two stories: the upper headline's
    # words are in its first paragraphs only, the lower's in the last only, and the last opens
    # on its day ("12日，…"). Both headlines named the one body, so the stack stayed whole.
    page = _page(TWO_STORIES_UNDER_TWO_HEADLINES.format(upper="东岭镇举办读书月活动"))
    assert _titles(page) == ["西河县冬修水利全面展开", "东岭镇举办读书月活动", "南溪县启动冬季植树行动"]
    assert [p.text[:4] for p in page.articles[1].paragraphs] == ["东岭镇读", "读书月期"]
    assert [p.text[:4] for p in page.articles[2].paragraphs] == ["12日，"]
    # A headline that says its story goes from place to place ("各地…") tells one story in parts.
    page = _page(TWO_STORIES_UNDER_TWO_HEADLINES.format(upper="各地读书月 东岭镇举办亲子共读"))
    assert _titles(page) == ["西河县冬修水利全面展开", "各地读书月 东岭镇举办亲子共读南溪县启动冬季植树行动"]


def test_a_round_up_goes_from_place_to_place_in_one_article() -> None:
    # "各地…" over the body says the story visits one place after another: each paragraph that
    # opens "近日，某省某市…" is its next stop, not a new article whose headline is elsewhere.
    more = (
        "当地还组织种粮大户、家庭农场和农民合作社负责人开展现场观摩，交流经验做法，并通过广播、"
        "短视频和微信群及时发布天气预报和农事提醒，帮助农民科学安排农时，力争全年粮食产量稳中有增。"
        "农业农村部门还将持续跟踪苗情墒情，做好病虫害监测预警，确保春耕生产各项措施落到实处。"
    )
    page = _page(
        "各地多措并举保障春耕生产\n\n"
        "本报讯 眼下正值春耕备耕关键期，各地抢抓农时，确保春耕生产顺利进行。\n\n"
        f"近日，河北省邢台市组织农技人员深入田间地头，指导农户做好小麦春季管理。{more}\n\n"
        f"近日，湖北省咸宁市启用智能育秧工厂，一次可育秧苗三千余盘。{more}\n\n"
        f"近日，四川省眉山市开展农资打假专项行动，保障农民用上放心农资。{more}\n\n"
        "西河县冬修水利全面展开\n\n本报讯 眼下正是冬修水利的黄金期，西河县各乡镇组织群众清淤疏浚，加固堤坝。\n"
    )
    assert _titles(page) == ["各地多措并举保障春耕生产", "西河县冬修水利全面展开"]
    assert [p.text[3:9] for p in page.articles[0].paragraphs[1:]] == ["河北省邢台市", "湖北省咸宁市", "四川省眉山市"]
    # A national story or one of a region ("全国…", "华北东北…") goes from place to place too.
    page = _page(
        "全国春耕生产由南向北有序推进\n\n"
        "本报讯 眼下正值春耕备耕关键期，农业农村部门抢抓农时，确保春耕生产顺利进行。\n\n"
        f"近日，河北省邢台市组织农技人员深入田间地头，指导农户做好小麦春季管理。{more}\n\n"
        f"近日，湖北省咸宁市启用智能育秧工厂，一次可育秧苗三千余盘。{more}\n"
    )
    assert len(page.articles) == 1 and page.articles[0].title == "全国春耕生产由南向北有序推进"


def test_an_articles_last_column_printed_after_the_next_story_goes_back_to_it() -> None:
    # The parks story stops mid-word ("…新建口袋公") at a blank line; the weather story follows,
    # then, under its credit, the parks story's last column ("园八座，…"). The reflow once ran
    # the cut sentence on into the weather story, which then stayed in the parks article.
    page = _page(
        "北岭区新建十二座口袋公园\n\n"
        "本报讯 北岭区今年新建口袋公园十二座，让居民\n出门见绿、推窗见景。园林部门在公园里增设了\n"
        "健身器材和儿童游乐设施，还为老年人修建了无\n障碍步道。区园林部门负责人表示，明年北岭区\n还将在老旧小区周边新建口袋公\n\n"
        "西河县气象部门提醒，寒潮将于本周末影响全县，\n最低气温将降至零下十摄氏度，请农户做好大棚\n"
        "保温，储备燃料，防范冻害。县农业农村局已组\n织技术人员下乡，指导农户加固棚膜。西河县共有\n"
        "蔬菜大棚两千余座，今冬以来没有一座因寒潮受损。\n技术人员还教农户用手机查看棚内温度，遇到降温\n"
        "提前加温，确保蔬菜稳产保供。县里还储备了棉被、\n炭块和发电机，一旦停电，应急队伍两小时内送到。\n"
        "（周明 王丽）\n"
        "园八座，并同步配建公共厕所和停车位，口袋公园\n的日常管护也将纳入社区网格化管理。\n"
    )
    parks, weather = page.articles
    assert "新建口袋公园八座" in parks.text and parks.text.endswith("纳入社区网格化管理。")
    assert weather.text.startswith("西河县气象部门") and "口袋公园" not in weather.text


def _wrapped(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


def test_two_columns_read_line_by_line_are_taken_apart() -> None:
    # The parks story's last six lines alternate with the weather story's first six (an
    # extraction that read across two columns). Words run across a line and the line after next
    # ("降至零" / "下十摄氏度"), never across neighbouring lines: the stretch is put back in
    # reading order, the parks story's lines before the weather story's headline.
    parks = (
        "本报讯 北岭区今年新建口袋公园十二座，让居民出门见绿、推窗见景。园林部门在公园里增设了健身器材和儿童游乐设施，"
        "还为老年人修建了无障碍步道和休息座椅。区园林部门负责人表示，明年北岭区还将在老旧小区周边新建口袋公园八座，"
        "并同步配建公共厕所和停车位，口袋公园的日常管护也将纳入社区网格化管理，让群众长久受益。"
    )
    weather = (
        "本报讯 西河县气象部门提醒，寒潮将于本周末影响全县，最低气温将降至零下十摄氏度，请农户做好大棚保温，储备燃料，"
        "防范冻害。县农业农村局已组织技术人员下乡，指导农户加固棚膜。西河县共有蔬菜大棚两千余座，今冬以来没有一座因寒潮受损。"
    )
    a, b = _wrapped(parks, 17), _wrapped(weather, 17)
    mixed = [line for pair in zip(a[-6:], b[:6]) for line in pair]
    page = _page(
        "北岭区新建十二座口袋公园\n\n" + "\n".join(a[:-6]) + "\n\n西河县提醒农户防范寒潮\n\n" + "\n".join(mixed + b[6:]) + "\n"
    )
    assert _titles(page) == ["北岭区新建十二座口袋公园", "西河县提醒农户防范寒潮"]
    assert [a.text for a in page.articles] == [parks.removeprefix("本报讯 "), weather.removeprefix("本报讯 ")]
    # The same columns one after the other, or double-spaced, are left as they are.
    assert interleaved_order([*a, "", *b]) is None
    assert interleaved_order("\n\n".join(a + b).split("\n")) is None


def test_a_full_width_line_with_no_punctuation_between_blank_lines_is_a_headline() -> None:
    # "西河县特色农业火爆背后的干部作风之变" is exactly as wide as the column, so its width says
    # nothing; but a line of text that wide carries a comma or a stop, a blank line above and
    # below it would cut a sentence twice, and the text below starts afresh: a headline.
    page = _page(
        "北岭区新建十二座口袋公园\n\n"
        + "\n".join(_wrapped("本报讯 北岭区今年新建口袋公园十二座，让居民出门见绿、推窗见景。园林部门在公园里增设了健身器材和儿童游乐设施，还为老年人修建了无障碍步道和休息座椅。", 18))
        + "\n\n西河县特色农业火爆背后的干部作风之变\n\n"
        + "\n".join(_wrapped("西河县持续推进干部作风转变，提振干事创业的精气神，以发展特色农业为突破口，推动全县高质量发展。这些天，西河县的大棚蔬菜迎来丰收，来自各地的客商纷纷前来采购。", 18))
        + "\n"
    )
    assert _titles(page) == ["北岭区新建十二座口袋公园", "西河县特色农业火爆背后的干部作风之变"]
    # The same line ending a paragraph, with text running on into it, stays text.
    run_on = _page(
        "北岭区新建十二座口袋公园\n\n本报讯 北岭区今年新建口袋公园十二座\n，让居民出门见绿、推窗见景。园林部门\n负责人表示，明年北岭区还将在老旧小区\n\n"
        "周边新建口袋公园八座并同步配建公共厕\n\n所和停车位，方便群众就近休闲健身。\n"
    )
    assert _titles(run_on) == ["北岭区新建十二座口袋公园"] and "老旧小区周边新建口袋公园八座" in run_on.articles[0].text


def test_a_headline_broken_inside_a_word_stays_one_headline() -> None:
    # "【走进县城看发展】西" / "河县冬修水利…": the second line fills the column and a dateline
    # follows tight, the shape of a body's first line set under its headline; but a word runs
    # across from the title line above ("西河"), so it is the headline's own second line. Nor is
    # a headline broken inside a word ("…工程全" / "面加快…") two stacked headlines.
    body = "本报讯 北岭区今年新建口袋公园十二座，让居民出门见绿、推窗见景。园林部门在公园里增设了健身器材和儿童游乐设施。"
    page = _page(
        "北岭区新建十二座口袋公园\n\n" + "\n".join(_wrapped(body, 16)) + "\n\n【走进县城看发展】西\n河县冬修水利工程全面加快推进\n"
        "新华社西河12月3日电（记者 \n张明）眼下正是冬修水利的黄金期，西河\n县各乡镇组织群众清淤疏浚，加固堤坝，\n全县已完成土方三十万立方米。\n"
    )
    assert _titles(page) == ["北岭区新建十二座口袋公园", "【走进县城看发展】西河县冬修水利工程全面加快推进"]
    page = _page(
        "北岭区新建十二座口袋公园\n\n" + "\n".join(_wrapped(body, 18)) + "\n西河县冬修水利工程全\n面加快推进清淤疏浚\n\n"
        "眼下正是冬修水利的黄金期，西河县各乡镇组织群众清淤疏浚，加固堤坝，全县已完成土方三十万立方米。\n"
    )
    assert _titles(page) == ["北岭区新建十二座口袋公园", "西河县冬修水利工程全面加快推进清淤疏浚"]


def test_a_body_line_cut_by_a_blank_line_is_not_the_headlines_last_line() -> None:
    # The body's first line, set tight under the headline, has no punctuation and a blank line
    # falls after it; the word it cuts goes on below the blank ("…提升行" / "动，是…"): it is
    # text, not the headline's third line.
    page = _page(
        "北岭区新建十二座口袋公园\n\n本报讯 北岭区今年新建口袋公园\n十二座，让居民出门见绿、推窗见景\n。园林部门增设了健身器材和座椅。\n\n"
        "全力以赴端牢\n端稳中国饭碗\n实施新一轮千亿斤粮食产能提升行\n\n动，是中央经济工作会议提出的重\n要任务。各地正抓紧落实这一部署，\n确保粮食产量稳步提升、农民增收。\n"
    )
    assert _titles(page) == ["北岭区新建十二座口袋公园", "全力以赴端牢端稳中国饭碗"]
    assert page.articles[1].text.startswith("实施新一轮千亿斤粮食产能提升行动，是中央")


def test_a_headline_line_ending_on_a_conjunction_runs_into_the_next_line() -> None:
    # "…改造和" leaves its phrase open, so the line below, though as wide as the column and
    # carrying a comma over a dateline (a body's first line set tight, by its shape), is the
    # headline's second line.
    body = "本报讯 北岭区今年新建口袋公园十二座，让居民出门见绿、推窗见景。园林部门在公园里增设了健身器材和儿童游乐设施。"
    page = _page(
        "北岭区新建十二座口袋公园\n\n" + "\n".join(_wrapped(body, 16)) + "\n\n西河县推进老旧小区改造和\n加装了电梯，惠及全县居民两千余户\n"
        "新华社西河12月3日电（记者 \n张明）今年以来，西河县推进老旧小区\n改造，为居民加装电梯四十余部，惠及\n居民一千余户。\n"
    )
    assert _titles(page) == ["北岭区新建十二座口袋公园", "西河县推进老旧小区改造和加装了电梯，惠及全县居民两千余户"]


def test_a_number_cut_at_the_end_of_the_line_under_a_headline_is_text() -> None:
    # "截至今天（12月3日）16" / "时，…": the line under the headline ends on a number whose unit
    # opens the next line, so it is the body's first line, not the headline's second.
    body = "本报讯 北岭区今年新建口袋公园十二座，让居民出门见绿、推窗见景。园林部门在公园里增设了健身器材和儿童游乐设施。"
    page = _page(
        "北岭区新建十二座口袋公园\n\n" + "\n".join(_wrapped(body, 18)) + "\n\n西河县冬修水利进展顺利\n截至今天（12月3日）16\n"
        "时，西河县已完成冬修水利土方三十万立\n方米，清淤疏浚渠道一百二十公里，加固\n堤坝四十余处。\n"
    )
    assert _titles(page) == ["北岭区新建十二座口袋公园", "西河县冬修水利进展顺利"]
    assert page.articles[1].text.startswith("截至今天（12月3日）16时，西河县")


def test_a_headline_line_ending_on_a_word_with_year_over_a_line_opening_on_a_month_is_not_a_date() -> None:
    # Two headlines stacked at the page's end, each broken over two lines: "…中国年" over
    # "6月份…" is no date cut across lines ("2024年" / "6月…" would be), so the block is not
    # cut after its first line.
    from civread.pipeline.text import number_runs_on

    assert number_runs_on("北京2024年", "6月3日电") and number_runs_on("截至今天16", "时，")
    assert not number_runs_on("绘出红红火火中国年", "6月份全县货运量")
    page = _page(
        "本报讯 北岭区今年新建口袋公园十二座，让居民出门见绿、推窗见景。园林部门在公园里增设了健身器材和儿童游乐设施。\n\n"
        "本报讯 东川县今年货运量稳定增长，6月份全县公路货运量同比增长一成，铁路货运量创新高。\n\n"
        "本报讯 北岭区春节文艺晚会昨晚在区文化中心上演，歌舞、小品轮番登场，绘出红红火火的中国年。\n\n"
        "北岭区新建十二座口袋公园\n\n"
        "春节晚会欢欢喜喜\n绘出红红火火中国年\n6月份东川县货运\n多项指标稳定增长\n"
    )
    assert _titles(page) == ["北岭区新建十二座口袋公园", "6月份东川县货运多项指标稳定增长", "春节晚会欢欢喜喜绘出红红火火中国年"]


DIGEST_WITH_HEADLINES_AT_END = (
    "北岭区新建十二座口袋公园\n\n本报讯 北岭区今年新建口袋公园十二座，让居民出门见绿、推窗见景。园林部门在公园里增设了健身器材和儿童游乐设施。\n\n"
    "本报讯 据多家媒体3日报道，甲国与乙国边境冲突持续，双方均称对方袭击了己方目标，局势仍然紧张。\n\n"
    "丙国宣布加码制裁 全球供应链受冲击\n\n"
    "丙国政府2日宣布新一轮针对乙国的出口管制措施，涉及芯片、机床等数百种产品，多家跨国企业表示供应链受到影响。\n\n"
    "本报讯 东川县第三届农民丰收节昨天开幕，全县十二个乡镇的农产品集中展销，吸引游客三万余人次。\n\n"
)


def test_a_page_that_collects_its_headlines_at_the_end_has_only_subheads_between_paragraphs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The page prints its headlines after its last text. A heading between two paragraphs
    # further up (not over a lead, not after a closed article) is then a subhead of the story
    # it stands in, whatever the subhead model would say: here the model is made to answer
    # "headline" every time, and the page's own convention still keeps the digest whole.
    import civread.pipeline.articles as articles

    monkeypatch.setattr(articles, "decide_subhead", lambda run, features: False)
    page = _page(DIGEST_WITH_HEADLINES_AT_END + "甲乙两国边境冲突持续\n\n东川县农民丰收节开幕\n")
    digest = next(a for a in page.articles if "丙国政府" in a.text)
    assert digest.title == "甲乙两国边境冲突持续"
    assert [p.kind for p in digest.paragraphs] == [ParagraphKind.BODY, ParagraphKind.SUBHEAD, ParagraphKind.BODY]
    # Without headlines collected at the end, the model's answer stands: the heading is a headline.
    page = _page(DIGEST_WITH_HEADLINES_AT_END)
    assert "丙国宣布加码制裁 全球供应链受冲击" in _titles(page)


def test_a_series_tag_opening_a_title_line_starts_the_next_headline_of_a_stack() -> None:
    # The park story's headline, printed after it, sits right above the water story's headline,
    # which has a subtitle. A subtitle marks one headline; but "【…】" opening a title line says
    # a headline starts there, and the subtitle below goes with it.
    page = _page(
        "本报讯 北岭区今年新建口袋公园十二座，让居民出门见绿、推窗见景。园林部门在公园里增设了健身器材和儿童游乐设施，"
        "北岭区口袋公园成了居民休闲的好去处。\n\n"
        "北岭区新建十二座口袋公园\n【走进县城看发展】西河县冬修水利全面展开\n——各乡镇组织群众清淤疏浚\n\n"
        "本报讯 眼下正是冬修水利的黄金期，西河县各乡镇组织群众清淤疏浚，加固堤坝，全县冬修水利已完成土方三十万立方米。\n"
    )
    assert _titles(page) == ["北岭区新建十二座口袋公园", "【走进县城看发展】西河县冬修水利全面展开"]
    assert [a.subtitle for a in page.articles] == ["", "——各乡镇组织群众清淤疏浚"]


CUT_FIRST_LINE_STORY = [
    "本报讯 南湾县今年以来持续开展志愿服务进社区活动，",
    "组织志愿者走进老旧小区，为居民修理家电、理发、",
    "测量血压，受到群众欢迎。",
    "",
    "南湾县还广泛开展形式多样的学雷锋志愿服",
    "务活动。今年累计组织志愿者两万余人次，服务",
    "群众十万余人次，志愿服务时长超过三十万小时，",
    "涌现出一批群众身边的好人好事。",
]


@pytest.mark.parametrize("double_spaced", [False, True])
def test_a_paragraphs_first_line_whose_word_runs_on_below_is_no_subhead(double_spaced: bool) -> None:
    # "…志愿服" / "务活动。…": the line after a paragraph's end, short and unpunctuated, is the
    # next paragraph's first line, its word cut by the wrap; with every line double-spaced the
    # blank below it is spacing too. It goes back into its paragraph, not a subhead over it.
    lines = CUT_FIRST_LINE_STORY
    if double_spaced:
        lines = [x for line in lines if line for x in (line, "")]
    page = _page("\n".join(lines) + "\n")
    [article] = page.articles
    assert [p.kind for p in article.paragraphs] == [ParagraphKind.BODY, ParagraphKind.BODY]
    assert article.paragraphs[1].text.startswith("南湾县还广泛开展形式多样的学雷锋志愿服务活动。今年")


def test_a_subhead_whose_word_runs_on_into_the_paragraph_under_it_goes_back_in() -> None:
    # The cutter took an enumerated point's first line for a subhead ("二要深化公共文明行为引" /
    # "导。开展…"): the word 引导 runs across, so the line is the paragraph's. A subhead that
    # ends whole ("二、深化文明实践") stays one.
    def body(subhead: str, text: str) -> Body:
        return Body(
            paragraphs=[
                Para("会议要求，一要抓好老旧小区改造，整体提升居住环境。", (0, 1)),
                Para(subhead, (3,), ParagraphKind.SUBHEAD),
                Para(text, (4, 5)),
            ]
        )

    cut = body("二要深化公共文明行为引", "导。开展文明交通志愿服务，加强公共文明宣传教育。")
    whole = body("二、深化文明实践", "开展文明交通志愿服务，加强公共文明宣传教育。")
    restore_cut_lines([cut, whole], [])
    assert [p.kind for p in cut.paragraphs] == [ParagraphKind.BODY, ParagraphKind.BODY]
    assert cut.paragraphs[1].text == "二要深化公共文明行为引导。开展文明交通志愿服务，加强公共文明宣传教育。"
    assert cut.paragraphs[1].line_indices == (3, 4, 5)
    assert [p.kind for p in whole.paragraphs] == [ParagraphKind.BODY, ParagraphKind.SUBHEAD, ParagraphKind.BODY]


PARALLEL_SUBHEADS_FEATURE = (
    "本报讯 近年来，青禾县把文明城市创建融入城市更新的每个环节，群众的获得感不断增强。\n\n"
    "筑牢根基 夯实创建之本\n\n"
    "青禾县每年安排专项资金改造老旧小区，加装电梯，修补道路，居民出行更方便了。\n\n"
    "{second}\n\n"
    "社区志愿服务站里，退休教师们轮流值班，为留守儿童辅导功课，为独居老人读报聊天。\n"
)


@pytest.mark.parametrize(
    ("second", "is_subhead"), [("聚焦民生 打牢创建之基", True), ("聚焦民生打牢创建之基", False), ("聚焦民生 打牢创建", False)]
)
def test_a_heading_set_like_the_bodys_subhead_is_the_next_subhead(
    monkeypatch: pytest.MonkeyPatch, second: str, is_subhead: bool
) -> None:
    # The model is made to take only the first heading for a subhead. The second, of the very
    # shape of the first (four characters, a space, six), is the next of the parallel subheads;
    # of another shape the model's "headline" stands.
    import civread.pipeline.articles as articles

    monkeypatch.setattr(articles, "decide_subhead", lambda run, features: run.title == "筑牢根基 夯实创建之本")
    page = _page(PARALLEL_SUBHEADS_FEATURE.format(second=second))
    subheads = [p.text for a in page.articles for p in a.paragraphs if p.kind is ParagraphKind.SUBHEAD]
    assert "筑牢根基 夯实创建之本" in subheads
    assert (second in subheads) is is_subhead


def _page_of(*blocks: str | list[str]) -> str:
    """A page's text: each block a line (a heading) or a paragraph's lines, blank lines between."""
    return "\n\n".join(block if isinstance(block, str) else "\n".join(block) for block in blocks) + "\n"


FAIR_STORY = (
    "本报讯 9月23日，青禾县第五届农民丰收节在东坪镇开幕，来自全县的两百多名农户带来了自家种植的瓜果蔬菜，"
    "现场还举办了农产品展销和农技咨询活动。"
)
VILLAGE_STORY = (
    "化龙村是青禾县西部的一个山村，过去村里的年轻人大多外出打工，如今不少人回到家乡，在村里的合作社上班，"
    "种香菇、养蜜蜂，一年的收入比在外面打工还多。"
)


@pytest.mark.parametrize("headline", ["山村新生活", "山村新面貌"])
def test_a_short_headline_whose_last_word_runs_on_by_chance_keeps_its_title(headline: str) -> None:
    # "山村新生活" / "化龙村是…" make 生活化 across the break, as a body's line cut by a blank
    # does ("…社会主义现" / "代化…"); but the line is a third of the column the paragraph under
    # it is set at, and a cut line fills its column: it is the story's headline. (The subhead
    # model is made to answer "headline": what is tested is the line not going back.)
    import civread.pipeline.articles as articles

    def never_subhead(*args: object, **kwargs: object) -> bool:
        return False

    text = _page_of("青禾县举办农民丰收节", _wrapped(FAIR_STORY, 18), headline, _wrapped(VILLAGE_STORY, 18))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(articles._BodyCutter, "_is_subhead_here", never_subhead)
        page = process_text(text, "fair.txt")
    assert [a.title for a in page.articles] == ["青禾县举办农民丰收节", headline]
    assert page.articles[1].paragraphs[0].text.startswith("化龙村是青禾县西部")


def test_a_headline_set_right_under_the_last_line_of_the_story_before_titles_the_next() -> None:
    # The village story's headline is printed straight under the fair story's last line, no
    # blank line between, so it first reads as a subhead of the fair story; the paragraph under
    # it starts another story (the new-story model is made to say so). A subhead stands over
    # the text it introduces: the fair story does not end on one, the village story has it for
    # its headline.
    import civread.pipeline.articles as articles

    def new_story_at_village(last: str, text: str, features: list[float]) -> bool:
        return text.startswith("化龙村")

    def subhead_in_a_body(cutter: articles._BodyCutter, *args: object) -> bool:
        return cutter.current is not None

    fair = _wrapped(FAIR_STORY, 18)
    text = _page_of("青禾县举办农民丰收节", [*fair, "山村里的新生活"], _wrapped(VILLAGE_STORY, 18))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(articles, "decide_new_story", new_story_at_village)
        patch.setattr(articles._BodyCutter, "_is_subhead_here", subhead_in_a_body)
        page = process_text(text, "fair.txt")
    assert [a.title for a in page.articles] == ["青禾县举办农民丰收节", "山村里的新生活"]
    assert [p.kind for p in page.articles[0].paragraphs] == [ParagraphKind.BODY]
    assert page.articles[1].paragraphs[0].text.startswith("化龙村是青禾县西部")


def _indented(text: str, width: int) -> list[str]:
    """A paragraph set as an extraction gives it: its first line opened by two ideographic
    spaces, every line `width` wide."""
    lines = _wrapped("　　" + text, width)
    return lines


ORCHARD_STORY = (
    "记者从青禾县农业农村局获悉，今年全县新建高标准果园三千亩，引进优质苹果、梨树品种十二个，"
    "果农人均增收两千余元。"
)
ORCHARD_MORE = "县里还组织农技人员进村入户，手把手教果农修枝、疏果、防治病虫害。"
SCHOOL_STORY = (
    "本报讯 西河镇中心小学今年秋季新建的综合楼投入使用，学校开设了书法、围棋、科学实验等二十多门兴趣课程，"
    "孩子们每天下午都能选一门喜欢的课。"
)
SCHOOL_MORE = "学校还请来镇上的老手艺人，教孩子们编竹篮、剪窗花。"


@pytest.mark.parametrize("tight", [True, False])
def test_a_flush_line_over_an_indented_paragraph_is_a_headline(tight: bool) -> None:
    # The page opens every paragraph with two ideographic spaces. "果园扩种，果农增收" and
    # "课后服务丰富多彩，孩子们乐在其中" are set flush, after a sentence's end, over a paragraph
    # that opens indented: as wide as the column and with a comma, they could pass for a line
    # of text, but a paragraph's first line would be indented and its other lines would go on
    # into the text below, not into a new paragraph. Tight over the lead or a blank line apart,
    # each is its story's headline.
    gap: list[str] = [] if tight else [""]
    lines = [
        "果园扩种，果农增收", *gap, *_indented(ORCHARD_STORY, 17), *_indented(ORCHARD_MORE, 17), "",
        "课后服务丰富多彩，孩子们乐在其中", *gap, *_indented(SCHOOL_STORY, 17), *_indented(SCHOOL_MORE, 17),
    ]
    page = process_text("\n".join(lines) + "\n", "orchard.txt")
    assert [a.title for a in page.articles] == ["果园扩种，果农增收", "课后服务丰富多彩，孩子们乐在其中"]
    assert page.articles[0].paragraphs[0].text.startswith("记者从青禾县农业农村局获悉")
    assert page.articles[1].paragraphs[0].text.startswith("西河镇中心小学")
    assert not [p for a in page.articles for p in a.paragraphs if p.kind is ParagraphKind.SUBHEAD]


NIGHT_SCHOOL = (
    "本月起，青禾县在全县十二个村开办乡村夜校，请农技专家和致富能手讲种养技术、电商直播，"
    "三百多名村民报名参加。"
)


def test_a_kicker_and_title_set_tight_over_the_text_are_a_headline() -> None:
    # "西河县：乡村夜校开进全县十二个村子" sits right on the night-school story's first line, no
    # blank line between: a place and a colon, then a whole phrase with no punctuation, as wide
    # as the column, over a line of text. In the fair story a sentence opens a line with a
    # person's words, "王主任宣布：丰收节期间全县举办农产品", and stays text. (The tight-headline
    # model is made to answer "text": the shape alone decides.)
    import civread.pipeline.headlines as headlines

    def never_tight(*args: object) -> bool:
        return False

    fair = ["本报讯 9月23日，青禾县第五届农民", "丰收节在东坪镇开幕，游人如织。", "王主任宣布：丰收节期间全县举办农产品", "展销会，欢迎市民选购。"]
    text = _page_of("青禾县举办农民丰收节", fair, ["西河县：乡村夜校开进全县十二个村子", *_wrapped(NIGHT_SCHOOL, 18)])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(headlines, "decide_tight", never_tight)
        page = process_text(text, "night.txt")
    assert [(a.kicker, a.title) for a in page.articles] == [("", "青禾县举办农民丰收节"), ("西河县", "乡村夜校开进全县十二个村子")]
    assert page.articles[1].paragraphs[0].text.startswith("本月起，青禾县在全县十二个村")
    assert "游人如织。王主任宣布：丰收节期间全县举办农产品展销会" in page.articles[0].paragraphs[0].text


TEA_FAIR = [
    "第五届青禾茶叶博览会今天",
    "（5月3日）在东坪镇闭幕，四天里",
    "共有三百多家茶企参展，现场签约",
    "金额超过两亿元。",
]


def test_a_two_phrase_headline_over_a_first_line_without_punctuation_stands_alone() -> None:
    # "茶博会闭幕 签约金额创新高" sits tight over the story's first line, "第五届青禾茶叶博览会
    # 今天", which has no punctuation either: read together they would be one long heading,
    # and no headline. Its two phrases, parted by a space, make the first line a headline by
    # itself, as wide as the column as it is; the line under it is the story's.
    from civread.pipeline.headlines import find_heading_runs

    lines = _page_of("青禾县举办农民丰收节", _wrapped(FAIR_STORY, 16), ["茶博会闭幕 签约金额创新高", *TEA_FAIR]).splitlines()
    runs = {run.line_indices[0]: run for run in find_heading_runs(lines)}
    tea = lines.index("茶博会闭幕 签约金额创新高")
    assert tea in runs and runs[tea].line_indices == [tea]
    assert runs[tea].title == "茶博会闭幕 签约金额创新高"


@pytest.mark.parametrize(
    ("title_lines", "caption_lines"),
    [
        (["青禾大桥主跨今天合龙"], ["11月5日，青禾大桥主跨顺利合龙，大桥建成后两岸通行时间将缩短一半。 李青 摄"]),
        (
            ["青禾大桥", "主跨合龙"],
            ["11月5日，青禾大", "桥主跨顺利合龙", "大桥建成后两岸", "通行时间将缩短", "一半。", "（李青 摄）"],
        ),
    ],
)
def test_a_photos_title_set_tight_over_its_caption_titles_it(title_lines: list[str], caption_lines: list[str]) -> None:
    # A photo's title sits right on its caption, no blank line between: a phrase with no
    # punctuation, narrower than the caption's lines, over a block that closes with the
    # photographer's credit. Broken over two narrow lines, the title first reads as one long
    # heading with the caption's first lines (which carry no punctuation either). (The
    # tight-headline model is made to answer "text": the shape alone decides.)
    import civread.pipeline.headlines as headlines

    def never_tight(*args: object) -> bool:
        return False

    text = _page_of(
        "青禾县举办农民丰收节", _wrapped(FAIR_STORY, 10), [*title_lines, *caption_lines], "山村新面貌", _wrapped(VILLAGE_STORY, 10)
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(headlines, "decide_tight", never_tight)
        page = process_text(text, "bridge.txt")
    photo = page.articles[1]
    assert photo.kind is ArticleKind.PHOTO
    assert photo.title == "".join(title_lines)
    assert photo.paragraphs[0].text.startswith("11月5日，青禾大桥主跨顺利合龙")


def test_a_headline_printed_after_its_body_over_a_caption_titles_the_body() -> None:
    # The fair story's headline is printed after its body, and a photo's caption follows it
    # right below. A heading over a caption is usually the photo's title; this one restates
    # the untitled story it closes (丰收节, 东坪镇, 农户) and nothing of the caption (a bridge):
    # it is the story's headline, and the photo stays untitled.
    caption = "11月5日，西河大桥主跨顺利合龙，大桥建成后两岸通行时间将缩短一半。 李青 摄"
    text = _page_of(_wrapped(FAIR_STORY, 18), "东坪镇农民丰收节开幕 农户晒出丰收果", caption, "山村新面貌", _wrapped(VILLAGE_STORY, 18))
    page = process_text(text, "fair.txt")
    fair, photo = page.articles[0], page.articles[1]
    assert fair.title == "东坪镇农民丰收节开幕 农户晒出丰收果"
    assert fair.paragraphs[0].text.startswith("9月23日，青禾县第五届农民丰收节")
    assert photo.kind is ArticleKind.PHOTO and photo.untitled


def test_a_lead_printed_apart_that_took_the_headline_gets_the_text_set_under_it() -> None:
    # The orchard story's lead ("本报讯…") is printed at the page's end, apart from its text,
    # which stands right under the headline. The lead restates the headline and wins it; the
    # text, set right under that headline, shares few words with the lead (it tells of pruning
    # classes, the lead of new orchards), yet it is that story's: it goes back with its lead.
    lead = "本报讯（记者 李青）今年青禾县新建高标准果园三千亩，引进优质苹果、梨树品种十二个，果园扩种让果农增收。"
    text = (
        "入秋以来，青禾县组织农技人员进果园，手把手教果农修枝、疏果、防治病虫害，"
        "还在东坪镇办起了田间课堂，两百多人次参加培训。"
    )
    page_text = _page_of(
        "青禾县果园扩种 果农增收", _wrapped(text, 18), "西河镇新建综合楼", _wrapped(SCHOOL_STORY + SCHOOL_MORE, 18), _wrapped(lead, 18)
    )
    page = process_text(page_text, "orchard.txt")
    orchard = next(a for a in page.articles if a.title == "青禾县果园扩种 果农增收")
    assert orchard.paragraphs[0].text.startswith("今年青禾县新建高标准果园")
    assert any(p.text.startswith("入秋以来，青禾县组织农技人员") for p in orchard.paragraphs)
    assert len(page.articles) == 2


@pytest.mark.parametrize(
    "head",
    [["青禾大桥通车一周年", ",大桥两岸车流累计超过300万辆次"], ["县政协十届常委会第三次会议召开", "张建国出席"]],
)
def test_a_headlines_second_line_is_kept_in_the_headline(head: list[str]) -> None:
    # A headline broken before its comma: the second line fills the column and carries a
    # comma, as a body's first line does, but no body line opens on a comma. A headline whose
    # second line says who attended ("张建国出席"): a name, then a verb, is no byline.
    from civread.pipeline.headlines import find_heading_runs

    story = "本报讯 11月3日，青禾县各界群众举行活动，一年来全县累计接待游客超过三百万人次，两岸群众往来更加便捷。"
    lines = _page_of([*head, *_wrapped(story, 14)], "山村新面貌", _wrapped(VILLAGE_STORY, 14)).splitlines()
    first = find_heading_runs(lines)[0]
    assert first.line_indices == [0, 1]
    assert first.title_lines == head and not first.bylines


def test_a_label_numbered_in_words_is_a_subhead_and_never_a_headline() -> None:
    # "方案一" / "方案二" count the parts of the plan story. The subhead model is made to answer
    # "headline" and the new-story model to start a story under the first label: a label
    # numbered in words is a subhead all the same, and it titles no story of its own.
    import civread.pipeline.articles as articles

    def headline(*args: object) -> bool:
        return False

    def new_story_under_the_label(last: str, text: str, features: list[float]) -> bool:
        return text.startswith("第一种方案")

    plan = _wrapped("本报讯 青禾县交通局近日公布了东坪大桥改造的两种方案，向社会公开征求意见。", 16)
    first = _wrapped("第一种方案是在原址拆除重建，工期约两年，建成后桥面拓宽到六车道。", 16)
    second = _wrapped("第二种方案是在上游新建一座大桥，老桥保留供行人和非机动车通行。", 16)
    text = _page_of("东坪大桥改造方案公开征求意见", plan, "方案一", first, "方案二", second)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(articles, "decide_subhead", headline)
        patch.setattr(articles, "decide_new_story", new_story_under_the_label)
        page = process_text(text, "plan.txt")
    assert "方案一" not in [a.title for a in page.articles]
    kinds = {p.text: p.kind for a in page.articles for p in a.paragraphs}
    assert kinds.get("方案一") is ParagraphKind.SUBHEAD and kinds.get("方案二") is ParagraphKind.SUBHEAD


def test_a_headline_broken_inside_a_number_keeps_both_lines() -> None:
    # "…建县60" / "周年大会，…": the number's unit opens the second line, so the line, full
    # and with a comma as it is, goes on with the title instead of opening the body.
    from civread.pipeline.headlines import find_heading_runs

    head = ["青禾县隆重举行庆祝建县60", "周年大会，各界群众代表三千人参加"]
    story = "本报讯 11月3日，青禾县庆祝建县六十周年大会在县体育馆举行，各界群众代表三千人参加大会。"
    lines = _page_of(head, _wrapped(story, 15), "山村新面貌", _wrapped(VILLAGE_STORY, 15)).splitlines()
    first = find_heading_runs(lines)[0]
    assert first.line_indices == [0, 1] and first.title_lines == head


def test_a_date_shredded_digit_by_digit_is_put_back_together() -> None:
    # "5月" / "1" / "5日…": the lone digit goes onto the line that finishes the day (a blank line
    # apart at most); the extraction's "2024年" / "1" / "3日" (no month before the digit), a page
    # number alone or a digit over anything but a day is left alone.
    assert shredded_digits(["眼下正是春耕时节，今天（5月", "1", "5日）上午，西河县启动"]) == {1: 2}
    assert shredded_digits(["新华社北京5月", "2", "", "8日电（记者 汤博）"]) == {1: 3}
    assert shredded_digits(["西河县水利局", "2024年", "1", "3日"]) == {}
    # A day left alone on its line goes, with the digit, onto the month's line: a signature's
    # date is one line again ("2024年6月13日"), which closes the notice.
    assert shredded_digits(["西河县水利局", "2024年6月", "1", "3日", "", "南溪县启动冬季植树行动"]) == {2: 1, 3: 1}
    # … and so it does set with a blank line between every two lines; a dateline's day so set is
    # left to the dateline rules ("某网6月" / "" / "1" / "" / "3日消息…" stays apart).
    assert shredded_digits(["西河县水利局", "", "2024年6月", "", "1", "", "3日", ""]) == {4: 2, 6: 2}
    assert shredded_digits(["某网6月", "", "1", "", "3日消息，", ""]) == {}
    assert shredded_digits(["完成土方二十万方。", "1", "南溪县新建公园"]) == {}
    assert shredded_digits(["截至5月", "1", "号线开通"]) == {}
    # The page keeps every line: the digit's line belongs to the paragraph its day went into.
    page = _page("西河县启动春耕生产\n\n本报讯 今天（5月\n1\n5日）上午，西河县春耕生产现场会在东岭镇召开，\n全县各乡镇负责人参加。\n")
    body = page.articles[0]
    assert body.paragraphs[0].text.startswith("今天（5月15日）上午")
    assert "\n1\n" in body.original_text


def test_a_dateline_cut_after_its_month_is_no_headline_line() -> None:
    # "新华社北京5月" over "28日电（…）": the dateline's head, as when its day is shredded; a
    # headline broken after a month ("…火炬传递2月" / "2日至4日…") is not a dateline.
    assert _date_shredded_below(["新华社北京5月", "28日电（记者 汤博）欧洲议会第三"], 0)
    assert _date_shredded_below(["新华社北京6月", "1", "4日电（记者 汤博）"], 0)
    assert not _date_shredded_below(["北京冬奥会火炬传递2月", "2日至4日在三个赛区举行"], 0)


def test_a_lead_opens_on_its_day_and_the_part_of_it() -> None:
    # "17日下午，", "当地时间11月17日下午，": a lead's time (so a line opening so is text, not a
    # headline's); a dateline's day ("17日电") is not.
    for opening in ("17日下午，国家主席", "当地时间11月17日下午，代表团", "5月3日晚，", "当地时间，", "今天（5月3日），"):
        assert LEAD_TIME.match(opening), opening
    assert not LEAD_TIME.match("17日电（记者 汤博）")


def test_a_headline_far_wider_than_the_column_after_a_cut_sentence_is_a_headline() -> None:
    # The story above stops mid-sentence ("…县水利局要", its rest printed elsewhere); below, after
    # blank lines, a kicker and title twice as wide as the column. A sentence the blank
    # interrupted would go on in lines as wide as its column: this line is no part of it.
    page = _page(
        "西河县冬修水利全面展开\n\n本报讯 眼下正是冬修水利的\n黄金期，西河县各乡镇组织群\n众清淤疏浚，加固堤坝，已完\n"
        "成土方二十万方。县水利局要\n\n\n南溪县：时刻把群众放在心上的好法官李明德\n\n北岭区第三届读书节\n在区图书馆开幕\n\n"
        "本报讯（记者 周洁）李明德生\n前是南溪县人民法院执行局局\n长，他把群众的事当成自己的\n事，办结执行案件两千余件。\n\n"
        "本报讯 北岭区第三届读书节昨\n天在区图书馆开幕，读书节期\n间将举办读书分享会二十场。\n"
    )
    assert _titles(page) == ["西河县冬修水利全面展开", "南溪县：时刻把群众放在心上的好法官李明德", "北岭区第三届读书节在区图书馆开幕"]
    assert page.articles[0].text.endswith("县水利局要")
    assert page.articles[1].text.startswith("李明德生前")


def test_a_line_ending_on_a_dash_runs_on_into_the_text_below() -> None:
    # "…商贸流通综合体——" over "东岭批发市场内…": wider than the column and tight over a line that
    # fills it, like a headline, but the dash at its end goes on into the next line (a headline's
    # dash opens its subtitle's line, it does not close a title line).
    page = _page(
        "西河县年货市场物丰价稳\n\n本报讯（记者 尹强）赶大集、备年货，\n各地消费市场持续升温。\n\n"
        "临近春节，西河县规模最大的商贸流通综合体——\n东岭批发市场内一片繁忙，水果、蔬菜\n、副食、冻品各品类区，前来批发采购\n"
        "的客商和车辆络绎不绝，市场统计，节\n前日交易量接近六千吨，同比增长两成\n，各项数据均创历史新高。\n"
    )
    assert _titles(page) == ["西河县年货市场物丰价稳"]
    assert page.articles[0].paragraphs[-1].text.startswith("临近春节，西河县规模最大的商贸流通综合体——东岭批发市场内")


def test_a_caption_set_into_a_sentence_leaves_the_sentence_whole() -> None:
    # A photo's caption, in its own narrower column and closed by its credit, is set tight into
    # a paragraph whose sentence it cuts ("…发布预警信息，" / caption / "组织船舶回港避风…"): the
    # caption is a photo of its own and the sentence goes on round it. The caption ended the
    # paragraph, and the whole paragraph was read as the photo's caption.
    page = _page(
        "西河县全力防御台风\n\n本报讯 为保障海上交通安全，西河县海事处及下辖的\n东港、南港两个海事站已于昨天下午同步启动防台风\n"
        "四级应急响应，有关部门及时向社会发布预警信息，\n南溪县境内国省道、\n县乡道路受损严重、\n交通中断，当地正在\n"
        "组织力量清理疏通。 县委宣传部供图\n组织船舶回港避风，开展隐患排查。\n"
    )
    story, photo = page.articles
    assert story.kind is ArticleKind.ARTICLE and story.title == "西河县全力防御台风"
    assert story.text.endswith("有关部门及时向社会发布预警信息，组织船舶回港避风，开展隐患排查。")
    assert photo.kind is ArticleKind.PHOTO and photo.text.startswith("南溪县境内国省道、县乡道路受损严重")


def test_a_headline_printed_after_its_body_titles_it_not_the_text_below() -> None:
    # A story's headline is printed after its text, which ran on from the brief above (no
    # headline over it, and the fragment of another story between them hides the change of
    # subject). The text below the headline shares none of its words: the headline went to it
    # for where it stands, and the story it names stayed inside the brief.
    page = _page(
        "柳塘村修通产业路\n柳塘村新修的产业路近日通车，村里的果\n蔬运出去更方便了。\n\n"
        "户，被大家称为“土专家”，\n是一项跨村跨镇的协作工程。十几年来，\n他走遍了全县二十多个村，带出徒弟三十\n多人。\n\n"
        "昨天（3月5日），石桥镇举办春季招聘会，四\n十余家企业提供岗位六百多个，吸引求职者\n"
        "两千余人。招聘会还开设技能培训咨询台，\n现场登记培训意向三百多人次。\n"
        "石桥镇春季\n招聘会火热\n\n"
        "据县融媒体中心报道，青山县图书馆延长开放\n时间，每晚开放到九点，方便上班族借阅。\n"
    )
    titled = {a.title: a.text for a in page.articles}
    assert titled["石桥镇春季招聘会火热"].startswith("昨天（3月5日），石桥镇举办春季招聘会")
    assert "招聘会" not in titled["柳塘村修通产业路"]


def test_a_headline_at_the_end_cuts_where_the_place_it_names_starts_being_told() -> None:
    # The story ran into the brief above (no blank line, no dateline) and its headline is
    # printed after it. Only one of the headline's words is new after the border ("发展" is
    # said on both sides), but the place it names is said in every paragraph from there on.
    page = _page(
        "两位棋手在县文化馆对弈\n本报讯（陈九）昨天，两位棋手在县文化馆\n进行了一场友谊赛，吸引了不少棋迷前来观战。\n\n"
        "棋手们说，下棋讲究发展子力，也讲究耐心。\n比赛最后以和棋告终，观众报以热烈掌声。\n\n"
        "文化馆负责人表示，今后将常办这样的比赛，\n让更多人爱上下棋。\n"
        "省里日前举行新闻发布会，青峰县有关负责\n人介绍了今年以来的经济运行情况。\n\n"
        "青峰县矿产丰富，风能和太阳能可开发量\n居全省前列。青峰县精心打造了新能源、新\n材料等产业集群。\n\n"
        "同时，青峰县积极参与口岸建设，口岸货运\n量创历史新高。\n"
        "青峰县：跑出发展加速度\n"
    )
    chess, county = page.articles
    assert chess.title == "两位棋手在县文化馆对弈" and "青峰县" not in chess.text
    assert (county.kicker, county.title) == ("青峰县", "跑出发展加速度")
    assert county.text.startswith("省里日前举行新闻发布会") and county.text.endswith("量创历史新高。")


def test_an_untitled_text_under_a_one_sentence_summary_goes_on_after_it() -> None:
    # A story opens on one sentence that sums it up, under its headline; its next paragraph
    # opens like a lead of its own ("记者从…了解到", dated) and was cut off as another story,
    # untitled. It says most of the summary's words again: it is the story told in full. Under
    # a brief about something else, an untitled text stays apart.
    summary = Body(
        paragraphs=[Para("截至3日18时，南溪县本轮降雨已转移安置群众1200余人，南溪县全力做好防汛工作。", (21, 22), news_lead=True)],
        headline=HeadingRun(title_lines=["南溪县全力做好防汛工作"], line_indices=[19]),
    )
    told = Body(paragraphs=[
        Para("记者从今天（6月3日）召开的南溪县防汛工作新闻发布会上了解到，南溪县本轮降雨仍处在发展期，防汛形势严峻。", (24, 25, 26), news_lead=True),
        Para("全县已转移安置群众1200余人，防汛物资储备充足，各乡镇干部24小时值守。", (27, 28)),
    ])
    assert merge_orphan_leads([summary, told]) == [summary]
    assert [p.text[:4] for p in summary.paragraphs] == ["截至3日", "记者从今", "全县已转"]
    brief = Body(
        paragraphs=[Para("东川县新建农家书屋十座，藏书两万余册。", (21,))],
        headline=HeadingRun(title_lines=["东川县新建农家书屋"], line_indices=[19]),
    )
    other = Body(paragraphs=[Para(p.text, p.line_indices, news_lead=p.news_lead) for p in told.paragraphs])
    assert merge_orphan_leads([brief, other]) == [brief, other]


def test_a_long_headline_printed_on_one_line_across_the_columns_is_a_headline() -> None:
    # A headline of some fifty Han characters with its 、 marks, set on one line across the
    # columns (as the extraction gives a headline spanning several), was too long for a
    # punctuated title line (48 then): it read as text and the story ran into the one above.
    headline = "青山县人大常委会第十次会议举行 审议农村集体经济组织办法草案、乡村道路养护条例草案、河道管理办法修正草案 李明主持"
    page = _page(
        "东河村建起农家书屋\n\n本报讯 东河村新建的农家书屋近\n日对村民开放，藏书三千余册，还\n设有儿童阅读角，每天开放到晚上\n"
        f"八点，村民们农闲时都爱来坐坐。\n\n{headline}\n\n"
        "青山县人大常委会第十次会\n议25日上午在县人民会堂举\n行第一次全体会议，会议听\n取了有关草案的说明。\n"
    )
    assert _titles(page) == ["东河村建起农家书屋", headline]
    assert page.articles[1].text.startswith("青山县人大常委会第十次会议25日上午")


def test_a_headlines_second_line_of_words_that_cut_into_names_stays_in_the_headline() -> None:
    # "夏种陆续展开" cuts into surnames and given names (夏种 / 陆续 / 展开), but "陆续" is an
    # adverb: the headline's second line, not a byline of names.
    assert not is_name_line("夏种陆续展开")
    assert is_name_line("周明远吴晓红") and is_name_line("程远航")
    page = _page(
        "南河县小麦收获过七成\n夏种陆续展开\n\n本报记者 严云 通讯员 龙燕桂\n\n"
        "本报讯 记者从南河县农业农村局获悉，全县小麦已收获\n七成以上，夏种进展总体顺利。\n"
    )
    assert _titles(page) == ["南河县小麦收获过七成夏种陆续展开"]


def test_three_lines_that_fill_the_column_around_a_comma_are_a_cut_paragraph() -> None:
    # A paragraph whose sentence goes on further down the page ("…有序开展跨村" / blank / the
    # next story): its comma sits in its first line, short by the lost indent, and its other
    # lines fill the column. No headline runs to three lines the width of the text; it was
    # read as one, and it titled the story's own paragraph above it.
    page = _page(
        "东湖村秋收忙\n截至目前，东湖村秋收进度\n已过九成，秋收工作基本结束。\n\n"
        "位于村子北面山坡上的梯\n田里，这两天，三百亩稻谷大\n面积收获，当地农民利用晴好\n天气，集中人力、机械加紧收\n割。\n\n"
        "为了保障颗粒归仓，已经\n完成稻谷收割的一些农户积极\n组织收割机有序开展跨村\n\n"
        "西岭村建起农家书屋\n新华社南京8月27日电（记\n者 于海）西岭村新建的农家\n书屋近日对村民开放，藏书三\n"
        "千余册，还设有儿童阅读角，\n村民们农闲时都爱来坐坐。\n"
    )
    assert _titles(page) == ["东湖村秋收忙", "西岭村建起农家书屋"]
    assert page.articles[0].text.endswith("为了保障颗粒归仓，已经完成稻谷收割的一些农户积极组织收割机有序开展跨村")


def test_the_last_headline_left_over_titles_the_last_story_left_untitled() -> None:
    # The page's headlines are collected at its end. One names its story by words the story does
    # not repeat (a few of its character pairs only), so it was matched to nothing and folded in
    # as a subhead, leaving the story untitled: one headline and one story left are each other's.
    flood = (
        "本报讯（王芳）从7月28日晚开始，青河河堤在柳镇先后\n出现多处险情。镇里连夜组织党员干部和民兵挺身上堤巡\n"
        "查，转移群众三百余人，安置点备足了饮用水、食品和药\n品，干部们守在安置点为群众排忧，帮老人解难。截至昨\n"
        "天，险情已全部排除，河堤安全度汛。\n\n"
    )
    canteen = (
        "本报讯（李明）东湖社区近日建成老年食堂，每天为辖\n区七十岁以上老人提供午餐，一餐只需八元。老人们说，\n"
        "食堂饭菜可口，价格实惠，东湖社区老年食堂办到了大家\n心坎上。\n\n"
    )
    page = _page(flood + canteen + "急难时刻挺身而出，为受灾群众排忧解难\n\n东湖社区老年食堂开张\n")
    assert _titles(page) == ["急难时刻挺身而出，为受灾群众排忧解难", "东湖社区老年食堂开张"]
    assert "急难时刻" not in page.articles[0].text
    # A scrap of words that shares nothing with the story is no headline of it.
    page = _page(flood + canteen + "提起诉讼\n\n东湖社区老年食堂开张\n")
    assert page.articles[0].untitled


def test_a_caption_on_one_line_across_its_photo_under_a_paragraph_is_a_photo() -> None:
    # The caption is printed across its photo on one line, far wider than the text's column,
    # right under the paragraph's last sentence with no blank line: the whole paragraph was read
    # as the photo's caption and the story lost its last paragraph to it.
    page = _page(
        "南山县冬季送温暖\n\n本报讯（赵六）入冬以来，南山县组织\n干部走访困难群众，送去棉被、米面油\n"
        "等生活物资，截至目前已走访三千余户。\n县里还为独居老人安装了一键呼叫设备。\n"
        "志愿者为南山县独居老人检查取暖设备，讲解冬季用火用电安全知识。 周明 摄\n\n"
        "西河县新建农家书屋二十座\n本报讯 西河县今年新建农家书屋二十座，\n每座藏书三千余册，还设有儿童阅读角。\n"
    )
    story, photo, books = page.articles
    assert story.title == "南山县冬季送温暖" and story.text.endswith("县里还为独居老人安装了一键呼叫设备。")
    assert photo.kind is ArticleKind.PHOTO and photo.text.startswith("志愿者为南山县独居老人检查取暖设备")
    assert books.title == "西河县新建农家书屋二十座"


def test_a_caption_on_one_line_set_between_blank_lines_into_a_sentence_leaves_it_whole() -> None:
    # The caption across its photo set into a sentence cut by blank lines ("…因地制宜" / caption /
    # "采取…"), opening like the sentence's next words ("但在…"): a photo of its own, and the
    # sentence goes on round it. The caption was joined to the sentence, which ended there.
    lines = [
        "记者今天从县供电公司了解到，经全力抢修，受雨", "雪冰冻灾害影响的全县12座变电站已全部恢复供",
        "电。受降雪低温影响，县内多个路段封闭，正在加快恢", "复。",
        "县民政局要求各地全面落实低", "保等基本生活救助政策，及", "时足额发放各类救助金，加", "大临时救助力度，因地制宜",
        "", "但在南山县，志愿者为独居老人检查取暖设备。图为志愿者在讲解用电安全知识。周明 摄", "",
        "采取减免取暖费用、发放取", "暖物资等多种方式，帮助受", "灾困难群众。",
    ]
    paragraphs = [(p.line_indices, p.text) for p in reflow(lines, set())]
    assert paragraphs[1] == ((9,), lines[9])
    assert paragraphs[2][0] == (4, 5, 6, 7, 11, 12, 13) and paragraphs[2][1].endswith("因地制宜采取减免取暖费用、发放取暖物资等多种方式，帮助受灾困难群众。")


def test_a_comma_headline_as_wide_as_the_column_alone_after_a_sentence_is_weighed() -> None:
    # A headline with a comma, as wide as the column, between blank lines under a sentence's
    # end and over text set solid: it was taken for a body line by its width alone. A sentence
    # cut by the blank goes on below it; this one starts after a full stop. The learned model
    # weighs it like any headline over its text. A line whose last clause has just begun
    # ("…时指出，第二批") is a cut sentence still.
    lines = [
        "安排，县粮食公司在各乡镇增加了", "今年新产玉米收储规模，积极入市开", "展收购。截至目前，已启动收购库点",
        "十二个，收购整体平稳有序。", "", "南山优化整合科研资源，推动创新发展", "",
        "南山县全面增强自主创新能力，优化", "科研资源，抢占科技发展制高点，把", "创新优势转化为县域发展新动能，不",
        "断培育新的产业。",
    ]
    assert [run.title for run in find_heading_runs(lines)] == ["南山优化整合科研资源，推动创新发展"]
    lines[5] = "县里在座谈交流时指出，第二批"
    assert find_heading_runs(lines) == []


def test_a_flush_headline_over_an_indented_paragraph_after_a_cut_sentence_is_a_headline() -> None:
    # On a page that opens its paragraphs with an indent, a headline printed after its story,
    # whose last sentence was cut ("…关于老年食堂"), stands flush between blank lines over the
    # next story's indented paragraph. It ends no sentence, so it cannot close the cut paragraph,
    # and the indent below opens a new one: it is a headline, as after a sentence's end.
    page = _page(
        "　　东湖社区近日建成老年食堂，每天为辖区七\n十岁以上老人提供午餐，一餐只需八元。\n"
        "　　老人们说，食堂饭菜可口，价格实惠。社区\n负责人表示，下一步将按照街道关于老年食堂\n\n"
        "东湖社区老年食堂开张 午餐一餐只需八元\n\n"
        "　　在西岭村，蓝莓种植项目带动村民就近务工，\n村集体收入增加二十万元。\n　　村民们说，在家门口就有了活干。\n"
    )
    assert _titles(page)[0] == "东湖社区老年食堂开张 午餐一餐只需八元"
    assert page.articles[0].text.startswith("东湖社区近日建成老年食堂")


def test_a_column_of_photo_briefs_ends_where_the_text_is_set_at_another_width() -> None:
    # Under "图片新闻" each untitled paragraph was a brief of its own, until one ran long: an
    # article set three columns wide after the briefs (its headline printed under it) came out
    # as three pieces. The briefs' items are set at one width; text set wider is no item of them.
    page = _page(
        "清河县报　　2024年5月20日　星期一　　综合新闻\n\n图片新闻\n\n"
        "北湖镇启动河道清淤\n北湖镇近日启动河道清淤工程，\n计划清理河道十二公里，预计年\n底完工，涉及沿岸村庄六个。\n（周明 摄）\n\n"
        "青松村举办农民丰收节\n青松村日前举办农民丰收节，村\n民展示自家种植的瓜果蔬菜，吸\n引游客三千余人次前来参观。\n（林雨 摄）\n\n"
        "　　今年以来，全县新改建农村公路八十六公里，完成投资\n一亿二千万元，新增通客车行政村九个，农村公路总里程达\n"
        "到两千一百公里，基本实现乡镇通三级公路、建制村通硬化\n路，群众出行难的问题得到有效解决。\n"
        "　　县交通运输局负责人介绍，明年将继续推进农村公路提\n档升级，重点建设连接乡村旅游景点和产业园区的道路，同\n"
        "时加大养护投入，建立县乡村三级路长制，确保路况良好。\n"
        "　　沿线村民高兴地说，路修好了，山里的农产品运得出去，\n城里的游客也愿意进来，大家的日子越过越有奔头。\n"
        "全县农村公路建设提速\n"
    )
    assert _titles(page) == ["北湖镇启动河道清淤", "青松村举办农民丰收节", "全县农村公路建设提速"]
    road = page.articles[2]
    assert road.text.startswith("今年以来") and road.text.endswith("越过越有奔头。")
    assert [a.text.endswith("（林雨 摄）") for a in page.articles[:2]] == [False, True]


def _set_at(text: str, column: int, first: int) -> list[str]:
    """`text` hard-wrapped at `column` characters, its first line `first` long (an indent lost)."""
    lines, at = [text[:first]], first
    while at < len(text):
        lines.append(text[at : at + column])
        at += column
    return lines


def test_a_headline_over_a_first_line_short_by_its_lost_indent_is_a_headline() -> None:
    # A body's first line whose indent the extraction dropped falls two characters short of the
    # column. A headline set right over it, wider than any body line ("…，称将全力保障群众安全",
    # at the page's top) or narrower and set apart by a blank line, was refused because the
    # line under it did not fill the column.
    wide = [
        "南山县再向北部山区发放防汛物资，称将全力保障群众安全", "南山县应急管理局负责", "人五日说，当天向北部山区",
        "各乡镇发放防汛物资一千余", "件，并派出工作组十二个。", "该局还要求各乡镇做好群众", "转移安置准备工作，确保不",
        "漏一户、不落一人。",
    ]
    assert [run.title for run in find_heading_runs(wide)] == [wide[0]]
    body = (
        "各村抓住有利时机组织果农开展剪枝施肥病虫害防治等工作县农业农村局派出技术人员二十余名深入果园现场指导"
        "帮助果农解决生产中遇到的难题确保果园管护到位为全年丰收打下坚实基础今年全县果园面积达到三万亩预计产量再创新高。"
    )
    lines = [
        "县交通局召开会议，部署全县农村公路养护工作。", "", "南山县：", "【乡村振兴进行时】抓管护，促增收", "各村果园管护有序推进",
        *_set_at(body, 21, 19),
    ]
    assert [run.title_lines for run in find_heading_runs(lines)] == [["【乡村振兴进行时】抓管护，促增收", "各村果园管护有序推进"]]


def test_a_headline_cut_inside_a_word_goes_on_over_a_line_that_reads_like_a_name() -> None:
    # "展活动" reads like a name (展 is a surname), but "开" / "展" is one word cut at the line's
    # end: the headline goes on. A line of names parted by a space stays a byline even where a
    # name's first character makes a word with the headline's last ("…之美" / "林…": 美林).
    body = (
        "北湖镇近日联合县消防救援大队、县红十字会等多家应急救援机构开展防汛应急演练活动全镇干部群众三百余人参加"
        "演练内容包括群众转移安置和落水人员救援等科目进一步提升了基层应急处置能力。"
    )
    body_lines = [body[i : i + 20] for i in range(0, len(body), 20)]
    top = ["县交通局召开会议，部署全县农村公路养护工作。", ""]
    cut = find_heading_runs([*top, "北湖镇联合多家应急救援机构开", "展活动", "", *body_lines])
    assert [(run.title_lines, run.bylines) for run in cut] == [(["北湖镇联合多家应急救援机构开", "展活动"], [])]
    named = find_heading_runs([*top, "南溪县：", "春假期间，踏青赏花感受春日之美", "林小云 秦方", "", *body_lines])
    assert [(run.title_lines, run.bylines) for run in named] == [(["春假期间，踏青赏花感受春日之美"], ["林小云 秦方"])]


def test_a_round_up_headline_broken_at_its_comma_opens_the_round_up_its_parts_follow() -> None:
    # The round-up's headline is broken after its comma, each line as wide as the article above
    # was set (16), the round-up itself set wider (21): the comma line was read as that
    # article's text. And once taken for a heading, it was called a subhead of the article
    # above, though it names whole the two subheads printed below it: a round-up's headline.
    first = (
        "本报讯（周明）今年以来，青川县新建改建农村公路八十六公里，新增通客车行政村九个，群众出行更加便利。",
        "县交通运输局负责人介绍，明年将继续推进农村公路提档升级，重点建设连接乡村旅游景点和产业园区的道路。",
    )
    intro = "“十四五”期间，东川、西岭两县持续推动产业升级、绿色转型、乡村全面振兴，建设互联互通的交通网，高质量发展不断迈上新台阶。"
    east = (
        "作为全市工业门类最齐全的县份之一，东川县以科技创新为引领，带动产业转型升级，一批科技创新成果不断提升制造业的含新量。",
        "东川县还加快新型能源体系建设，全力推进风电、光伏等清洁能源基地建设，非化石能源装机年均增长二成左右。",
    )
    west = (
        "西岭县围绕建设区域物流枢纽，着力打通制约经济循环的堵点，加强公路、铁路和航空的衔接，物流成本持续下降。",
        "当前，西岭县正借助大市场建设机遇，依托交通链打造物流链、供应链、产业链，发展枢纽经济取得新成效。",
    )
    page = _page(_page_of(
        "青川县农村公路建设提速", *[_wrapped(p, 16) for p in first],
        ["东川县推动高质量发展迈上新台阶，", "西岭县加快建设区域物流枢纽"], _wrapped(intro, 21),
        "东川县推动高质量发展迈上新台阶", *[_wrapped(p, 21) for p in east],
        "西岭县加快建设区域物流枢纽", *[_wrapped(p, 21) for p in west],
    ))
    assert _titles(page) == ["青川县农村公路建设提速", "东川县推动高质量发展迈上新台阶，西岭县加快建设区域物流枢纽"]
    roads, round_up = page.articles
    assert roads.text.endswith("产业园区的道路。") and round_up.text.startswith("“十四五”期间")
    assert round_up.text.endswith("取得新成效。")


def test_the_section_name_under_the_masthead_never_takes_an_article_s_headline() -> None:
    # "乡村振兴" under the masthead, set apart over the page's first headline, is the section's
    # name. Matched by its words to a brief further down that speaks of 乡村振兴, it took that
    # brief's own headline's place.
    lead = "本报讯（周明）今年以来，青川县新建改建农村公路八十六公里，新增通客车行政村九个，群众出行更加便利。县交通运输局负责人介绍，明年将继续推进农村公路提档升级。"
    brief = "今天的《乡村行 看振兴》，我们来看各地积极推动乡风文明，提升群众获得感、幸福感，为乡村振兴注入新活力。东坪镇把移风易俗写进村规民约，乡村振兴有了文明底色。"
    page = _page(_page_of(
        ["第3版", "青川报  2025年4月12日 星期六", "乡村振兴"], "青川县农村公路建设提速", _wrapped(lead, 18),
        "一句话新闻", ["文明厚植沃土 新风助力振兴", *_wrapped(brief, 20)],
    ))
    assert _titles(page) == ["青川县农村公路建设提速", "文明厚植沃土 新风助力振兴"]
    assert "乡村振兴" in [line.text for line in page.removed]
    assert page.articles[1].text.startswith("今天的《乡村行") and page.articles[1].text.endswith("文明底色。")


def test_two_names_run_together_across_a_dictionary_word_are_a_byline() -> None:
    # "林秀兰江丽娟" is 林秀兰 + 江丽娟, but the dictionary reads 兰江 (a river) across the cut,
    # so the line was read as the headline's third line and the names went into the title.
    body = (
        "东坪镇二十三日举办第二届农产品展销会，来自全县的一百二十家合作社带来了自家种植的瓜果蔬菜和特色加工产品，"
        "吸引市民游客三千余人次前来选购，现场成交额超过八十万元。"
    )
    lines = [
        "县交通局召开会议，部署全县农村公路养护工作。", "", "东坪镇举办第二届农产品展", "销会助农增收", "林秀兰江丽娟", "",
        *_wrapped(body, 20),
    ]
    assert [(run.title_lines, run.bylines) for run in find_heading_runs(lines)] == [
        (["东坪镇举办第二届农产品展", "销会助农增收"], ["林秀兰江丽娟"])
    ]
    assert not is_name_line("高质量发展路") and not is_name_line("王沪宁参")


def test_a_bulleted_brief_whose_text_opens_on_its_day_is_titled_by_its_lead_phrase() -> None:
    # "■…建党104周年 " / "今天（7月1日），…": the space after the lead phrase went with the line
    # break, and the title holds digits, so neither the spaced nor the dated pattern split it.
    assert bulleted_item_title("■各地举办活动庆祝建党104周年今天（7月1日），各地举办活动。") == (
        "各地举办活动庆祝建党104周年", "今天（7月1日），各地举办活动。"
    )
    assert bulleted_item_title("■全县第一期培训班开班12日，学员报到。") == ("全县第一期培训班开班", "12日，学员报到。")
    # The time words news leads open on most, the space before them lost with the line break.
    assert bulleted_item_title("■前三季度我县农村消费稳中有升今年以来，全县农村消费品零售额增长。") == (
        "前三季度我县农村消费稳中有升", "今年以来，全县农村消费品零售额增长。"
    )
    assert bulleted_item_title("■青川县抢抓农时播种忙连日来，各乡镇组织农机下田。")[0] == "青川县抢抓农时播种忙"
    # A lead phrase closing on a quote: the space after it went with the mark's, and the text opens on a place.
    assert bulleted_item_title("■开在县城里的“共享农机站”浙江青田县今年新建农机站十二个。") == (
        "开在县城里的“共享农机站”", "浙江青田县今年新建农机站十二个。"
    )
    assert bulleted_item_title("■学习“枫桥经验”做法，基层治理见成效。") == ("", "■学习“枫桥经验”做法，基层治理见成效。")
    # "当地时间" opens the text with its date; it is no part of the lead phrase.
    assert bulleted_item_title("■友好城市代表团访问青川当地时间5月9日下午，代表团抵达。") == (
        "友好城市代表团访问青川", "当地时间5月9日下午，代表团抵达。"
    )
    # A time word that ends another word opens no text there; a day number cut from its number neither.
    for text in ("■区里在启动项目前，先征求群众意见。", "■全县第12日，天气晴好。", "■春节假期的节日前，天气晴好。"):
        assert bulleted_item_title(text) == ("", text)
    page = _page(_page_of(
        "简讯", ["■青川县举办第3届农民运动会 ", "今天（9月23日），青川县第3", "届农民运动会在东坪镇开幕，", "两百多名农民参赛。"],
        ["■东坪镇开展义诊进村活动 ", "近日，东坪镇卫生院组织医", "生进村开展义诊，服务群众", "三百余人次。"],
    ))
    assert _titles(page) == ["青川县举办第3届农民运动会", "东坪镇开展义诊进村活动"]
    assert page.articles[0].text.startswith("今天（9月23日）")


def test_a_series_tag_s_comma_does_not_make_a_stacked_headline_body_text() -> None:
    # Two headlines stacked over the first story: the second opens with its series' tag, whose
    # name holds a comma, and its first line is as wide as the column below. The comma made it
    # a cut sentence, and the headline went into the first story's text.
    produce = (
        "走进青禾县化龙村，山脚下的道路四通八达，香菇大棚一座连着一座。工人们将采摘的香菇分拣包装，"
        "发往省城的批发市场和超市。化龙村曾是全县有名的穷村，如今靠着香菇产业，村民人均年收入翻了两番。"
        "村里还在谋划民宿项目，加快发展乡村旅游，让特色产业带着乡亲们走上致富路。"
    )
    homes = (
        "本报讯（记者 周明）东坪镇推进美丽宜居乡村建设，今年改造农房三百多户，新修村道十二公里，"
        "建起了文化广场和村史馆。镇里还组织群众评选美丽庭院，村民建设家园的热情越来越高。"
    )
    lines = _page_of(
        "特色产业铺就致富路", ["【走进乡村，看新变化】东坪", "镇建设美丽宜居家园"], _wrapped(produce, 15), _wrapped(homes, 15)
    ).split("\n")
    assert [run.title for run in find_heading_runs(lines)] == ["特色产业铺就致富路", "【走进乡村，看新变化】东坪镇建设美丽宜居家园"]
    page = _page("\n".join(lines))
    assert _titles(page) == ["特色产业铺就致富路", "【走进乡村，看新变化】东坪镇建设美丽宜居家园"]
    assert page.articles[1].text.startswith("东坪镇推进美丽宜居乡村建设")


def test_the_column_below_a_headline_is_read_through_digits_and_hanging_marks() -> None:
    # A long headline with a comma, one line wider than the column, tight over its body. The
    # body's lines each differ by a character (half-width digits, a mark hanging past the
    # column), so no three of them were exactly as wide: no column was read below the headline
    # and the headline went into the text of the story above it.
    above = "本报讯 东坪镇二十三日举办农产品展销会，来自全县的一百二十家合作社参展，现场成交额超过八十万元。"
    lines = [
        *_wrapped(above, 18), "",
        "北岭区新建口袋公园12座，居民出门见绿推窗见景",
        "北岭区园林局3日称，今年全区新建口袋公",
        "园12座，改造街头绿地30处，新增绿地面积",
        "8.6万平方米。园林部门在公园里增设了健身",
        "器材和儿童游乐设施，还为老年人修建了无",
        "障碍步道和休息座椅，受到群众欢迎。",
    ]
    body = lines.index("北岭区新建口袋公园12座，居民出门见绿推窗见景") + 1
    assert following_column(lines, line_widths(lines), body) == pytest.approx(19.0, abs=0.5)
    bylines = ["◎ 郑云志", "◎ 林秀兰", "记者 莫洋", "周明远"]  # (no column of text)
    assert following_column(bylines, line_widths(bylines), 0) == 0.0
    assert [run.title for run in find_heading_runs(lines)] == ["北岭区新建口袋公园12座，居民出门见绿推窗见景"]


def test_a_place_kicker_over_a_photo_caption_titles_the_photo_that_names_its_place() -> None:
    # "浙江：…" set tight over a caption that names 浙江省, not 浙江, and shares no other word
    # with the headline: taken for an article's headline printed after its body, the headline
    # went to a story further down that spoke of 浙江, and the photo came out untitled.
    caption = "浙江省第五届农民节今天在湖州开幕，全县两百多户农民带来了自家种植的瓜果蔬菜。（周明 摄）"
    story = (
        "本报讯（记者 李红）今年以来，北岭区新建口袋公园十二座，让居民出门见绿、推窗见景。园林部门在公园里增设了健身器材。",
        "北岭区还与浙江省结对共建，两地园林部门互派技术人员，交流公园管护经验，浙江的三座公园也已开工建设。",
    )
    page = _page(_page_of(
        "图片新闻", ["浙江：稻谷飘香迎秋收", *_wrapped(caption, 16)],
        "北岭区新建口袋公园十二座", *[_wrapped(p, 18) for p in story],
    ))
    assert [(a.kind, a.kicker, a.title) for a in page.articles] == [
        (ArticleKind.PHOTO, "浙江", "稻谷飘香迎秋收"), (ArticleKind.ARTICLE, "", "北岭区新建口袋公园十二座")
    ]
    assert page.articles[1].text.startswith("今年以来") and page.articles[1].text.endswith("也已开工建设。")


def test_a_dash_inside_a_work_s_title_is_no_subtitle() -> None:
    # "《青川往事——一座县城的百年变迁》第" / "二季在县电视台开播": the dash belongs to the
    # programme's name, but was read as the start of a subtitle, which left the title "《青川往事"
    # with its book-title mark open: no headline, and the story ran on into the one above.
    above = "本报讯（周明）今年以来，北岭区新建口袋公园十二座，让居民出门见绿、推窗见景。园林部门在公园里增设了健身器材和儿童游乐设施。"
    story = (
        "由县融媒体中心制作的《青川往事——一座县城的百年变迁》第二季昨晚在县电视台开播，节目用八集讲述县城百年来的变化。",
        "节目组走访了全县十二个乡镇，采访老人八十多位，收集老照片两千余张。",
    )
    page = _page(_page_of(
        "北岭区新建口袋公园十二座", _wrapped(above, 20),
        ["《青川往事——一座县城的百年变迁》第", "二季在县电视台开播"], "林秀兰 江丽娟", *[_wrapped(p, 20) for p in story],
    ))
    assert _titles(page) == ["北岭区新建口袋公园十二座", "《青川往事——一座县城的百年变迁》第二季在县电视台开播"]
    assert page.articles[1].byline == "林秀兰 江丽娟" and page.articles[1].subtitle == ""
    assert page.articles[0].text.endswith("儿童游乐设施。")


def test_a_headline_broken_after_the_name_of_its_subject_is_no_byline_of_the_block_above() -> None:
    # Two headline blocks at the page's end: the first closes on its byline, then a blank, then
    # "周明远" / "会见来访的友好城市代表团". The name was taken for a second byline of the first
    # block, and the second headline lost its subject.
    lines = [
        "全县秋粮收获进度过半", "文/本报记者 李红", "",
        "周明远", "会见来访的友好城市代表团", "林秀兰 江丽娟", "",
    ]
    assert [(run.title, run.bylines) for run in find_heading_runs(lines)] == [
        ("全县秋粮收获进度过半", ["文/本报记者 李红"]), ("周明远会见来访的友好城市代表团", ["林秀兰 江丽娟"])
    ]


def test_a_headline_s_short_second_line_stays_with_it_for_two_common_words_shared_elsewhere() -> None:
    # "各乡镇防汛救灾加紧推进" / "确保群众安全度汛": the short second line shares two common
    # words (确保, 安全) with the story above and was cut off the headline as a second one,
    # then set into that story as a subhead.
    above = (
        "本报讯（周明）县应急管理局近日组织开展企业安全生产大检查，检查组深入全县四十多家企业，逐一排查隐患，"
        "要求企业落实主体责任，确保群众生命财产安全。"
    )
    flood = (
        "本报讯（李红）入汛以来，全县各乡镇防汛救灾工作加紧推进，各乡镇组织干部群众巡查堤坝水库，"
        "转移低洼地带群众三百余人，防汛物资已全部到位。"
    )
    page = _page(_page_of(
        "县里开展企业安全生产大检查", _wrapped(above, 18), ["各乡镇防汛救灾加紧推进", "确保群众安全度汛"], _wrapped(flood, 18)
    ))
    assert _titles(page) == ["县里开展企业安全生产大检查", "各乡镇防汛救灾加紧推进确保群众安全度汛"]
    assert [p.kind for p in page.articles[0].paragraphs] == [ParagraphKind.BODY]


def test_a_headline_s_last_line_as_wide_as_the_column_over_a_dateline_stays_in_the_headline() -> None:
    # The second line is as wide as the column and the sentence below reaches a full stop, so it
    # was taken for the body's first line; but the line below it opens on a dateline, and no
    # text line runs on into "新华社…电".
    lines = [
        "各地美欧国家不顾民意执意运送武器。", "",
        "【走进县城看发展】北岭区创新引领",
        "奋力打造城乡融合高质量发展新样板",
        "新华社北京5月31日电（记者 周明",
        "远）北岭区近年来坚持创新引领，推",
        "动城乡融合发展，取得明显成效。",
    ]
    assert [run.title_lines for run in find_heading_runs(lines)] == [
        ["【走进县城看发展】北岭区创新引领", "奋力打造城乡融合高质量发展新样板"]
    ]


def test_a_headline_goes_on_into_a_line_that_opens_inside_its_sentence() -> None:
    # "…影响我国多" / "地，各地…": 多地 is no dictionary word, so no word was seen to run across the
    # break, and the second line (as wide as the column, with a comma) was cut off the headline.
    above = "随着出入境政策逐步放宽，国际航线陆续恢复，短途出国游的旅客明显增多。"
    below = "今天上午，强降雨持续影响我国多地，各地各部门积极应对，全力做好防汛救灾各项工作，确保群众生命安全。"
    lines = [*_wrapped(above, 13), "", "强降雨影响我国多", "地，各地各部门积极防汛救灾", "", *_wrapped(below, 13)]
    assert [run.title for run in find_heading_runs(lines)] == ["强降雨影响我国多地，各地各部门积极防汛救灾"]


def test_a_headline_tight_between_two_columns_is_taken_alone() -> None:
    # The headline follows a finished story set 22 wide, tight over a story set 15 wide, and is
    # barely wider than that column: grown over the story's first lines ("…指出，全民健" / "身运动…",
    # a word run across), the block read as text, and the headline went into the story above.
    first = (
        "本报讯（记者 周明）县统计局日前发布数据，今年前三季度全县地区生产总值同比增长百分之六点二，"
        "规模以上工业增加值增长百分之八点一，社会消费品零售总额增长百分之七点五，经济运行稳中向好。"
    )
    second = (
        "县体育局局长林秀兰指出，全民健身运动的普及是一个地方发展水平的重要标志。今年以来，"
        "全县新建健身步道四十公里，建成社区健身中心十二个，经常参加体育锻炼的人数明显增加。"
    )
    page = _page("\n".join(["青川县前三季度经济稳中向好", "", *_wrapped(first, 22), "全民健身运动在青川县蓬勃开展起来", *_wrapped(second, 15)]))
    assert _titles(page) == ["青川县前三季度经济稳中向好", "全民健身运动在青川县蓬勃开展起来"]
    assert page.articles[0].text.endswith("经济运行稳中向好。") and page.articles[1].text.startswith("县体育局局长")


STORY_IN_A_WIDER_COLUMN = """\
城南社区开展垃圾分类宣传
水库除险加固工程开工

本报讯（记者 王芳）近日，城南
社区组织志愿者走进居民小区，
开展垃圾分类宣传活动，向居民
发放宣传手册500余份。

志愿者们现场讲解厨余垃圾、可
回收物等四类垃圾的分类方法，
并指导居民正确投放。

社区负责人表示，将持续开展宣
传，推动垃圾分类成为居民的习
惯。下一步，社区还将在各小区
设置智能回收箱，方便居民投放。

今天（10月12日），北山水库除险加固工程
正式开工，工程总投资1.2亿元，计划明年
汛期前完工，将有效提升下游防洪能力。

据介绍，工程将对大坝进行防渗处理，新建
溢洪道和管理用房，同步完善监测预警设施。
"""


def test_a_story_set_in_another_column_after_a_finished_one_is_its_own() -> None:
    # The two headlines are stacked over the first story; the second story, set six characters
    # wider, opens on its own time. The new-story model now weighs the change of column
    # (another_column): before, the dam went into the neighbourhood's article.
    page = _page(STORY_IN_A_WIDER_COLUMN)
    assert _titles(page) == ["城南社区开展垃圾分类宣传", "水库除险加固工程开工"]
    assert page.articles[0].text.endswith("方便居民投放。") and page.articles[1].text.startswith("今天（10月12日）")


ROUND_UP_IN_TWO_PROVINCES = """\
快递进村打通“最后一公里”

本报讯（记者 林青）近日，江苏省句容市
邮政部门联合多家快递企业，在全市建成
村级寄递服务站120个，群众在家门口就
能收寄快递。

句容市邮政分公司负责人介绍，服务站
设在村党群服务中心和便民超市，由村
里的网格员兼任站长，每天定时收件。

在湖北省公安县，快递员只需将包裹送
到村党群服务中心，村干部再按户分发，
寄递服务站同样覆盖了全县各村。当地
还为行动不便的老人提供送件上门服务，
快递员每周两次进村，把药品、生活用品
送到老人手中，村民足不出村就能收到
网上购买的商品。

快递进村后，农产品也有了新出路。不少
村民通过寄递服务站把自家种的蔬菜、
水果和土特产寄往全国各地，服务站还
帮助村民开网店、做直播，带动了农民
增收，乡村的物流网络越织越密。

青溪镇举办农民丰收节

本报讯（通讯员 周明）9月23日，青溪镇
在稻香广场举办农民丰收节，来自全镇
的300多名农民参加了农事比赛和农产
品展销活动。
"""


def test_a_paragraph_set_in_a_place_of_another_province_goes_on_with_its_round_up() -> None:
    # "在湖北省公安县，…" after a body about one town in Jiangsu: a round-up's next stop, not a
    # story of its own (a lead opening on a place in another province still cuts the body).
    page = _page(ROUND_UP_IN_TWO_PROVINCES)
    assert _titles(page) == ["快递进村打通“最后一公里”", "青溪镇举办农民丰收节"]
    assert "在湖北省公安县" in page.articles[0].text and page.articles[0].text.endswith("越织越密。")


BRIEFS_UNDER_A_CUT_COLUMN = """\
青山县推进农村教育提质

本报讯（记者 刘敏）今年以来，青山县
把农村教育提质作为民生实事，新建乡
村学校少年宫8所，配齐音乐、美术教
师。

在走访中记者发现，村里很多孩子对唱歌、

简讯

北岭区重点项目建设稳步推进
北岭区今年安排重点项目86个，总
投资超过200亿元。截至目前，已有
62个项目开工建设，完成投资额居
全市前列。

南湖镇举办农民丰收节
南湖镇日前举办农民丰收节，300多
名农民参加了农事比赛和农产品展
销活动。
"""


def test_a_column_label_ends_the_sentence_cut_above_it() -> None:
    # The article above stops mid-sentence ("…对唱歌、", its column goes on elsewhere); under the
    # label "简讯" the first item's title is set tight over its text. Nothing runs across a label:
    # before, the title was read as the cut sentence's next line and the item lost it.
    page = _page(BRIEFS_UNDER_A_CUT_COLUMN)
    assert _titles(page) == ["青山县推进农村教育提质", "北岭区重点项目建设稳步推进", "南湖镇举办农民丰收节"]
    assert page.articles[0].text.endswith("对唱歌、") and page.articles[1].text.startswith("北岭区今年安排")


SERIES_TAG_BROKEN_ACROSS_LINES = """\
第1版
青山日报  2024年3月9日 星期六
文明创建

【团结奋斗
履职尽责】李红梅:持续关注高原湖泊水生态治理
记者王磊从县农业农村局获悉,全国人大代
表李红梅是青山县自来水公司的职工,她
始终关注着高原湖泊的水生态治理。今天(3月
9日)的《团结奋斗 履职尽责》,我们跟随李红
梅走进南湖。

南湖镇举办农民丰收节

本报讯（通讯员 周明）9月23日，南湖镇在
稻香广场举办农民丰收节，300多名农民参
加了农事比赛和农产品展销活动。
"""


def test_a_headline_line_that_closes_the_series_tag_above_is_the_headlines() -> None:
    # "【团结奋斗" leaves its bracket open; the line that closes it is the headline's, however
    # wide (here wider than the column, over a lead with a comma): before, it stood alone as the
    # title and "【团结奋斗" went into the text.
    page = _page(SERIES_TAG_BROKEN_ACROSS_LINES)
    assert _titles(page) == ["【团结奋斗履职尽责】李红梅：持续关注高原湖泊水生态治理", "南湖镇举办农民丰收节"]
    assert page.articles[0].text.startswith("记者王磊从县农业农村局获悉")


HEADLINE_OVER_A_LEAD_THAT_LOST_ITS_INDENT = """\
南湖镇举办农民丰收节

本报讯（通讯员 周明）9月23日，南湖镇在稻
香广场举办农民丰收节，来自全镇的300多名
农民参加了农事比赛和农产品展销活动，现场
一派丰收的喜庆景象。

县宣讲团在各乡镇各部门宣讲党
的二十届四中全会精神
学习贯彻党的二十届四中全会精神县
宣讲团成员在各乡镇各部门宣讲，并深入
基层与干部群众互动交流。

县宣讲团成员、县委副书记刘国华今天
（10月30日）在县卫生健康局宣讲全会
精神，从充分认识全会的重要意义等方面
对全会精神进行了系统阐释和深入解读。
"""


def test_a_headline_stops_over_a_lead_line_short_of_its_column_by_an_indent() -> None:
    # The lead's first line ("学习贯彻…精神县") lost its two-character indent: narrower than the
    # wider column above, it did not count as a line of text, the headline grew over it and the
    # whole block was taken for text, glued to the article above.
    page = _page(HEADLINE_OVER_A_LEAD_THAT_LOST_ITS_INDENT)
    assert _titles(page) == ["南湖镇举办农民丰收节", "县宣讲团在各乡镇各部门宣讲党的二十届四中全会精神"]
    assert page.articles[1].text.startswith("学习贯彻党的二十届四中全会精神县宣讲团成员")


KICKER_ON_A_HEADLINE_CUT_AT_ITS_COMMA = """\
2024年6月3日 星期一 综合新闻 责任编辑：李华

青山县：防汛准备早部署早落实，
确保群众安全度汛
◎ 张明

入汛以来，青山县提前部署防汛工
作，组织干部对全县42座水库开展
隐患排查，储备防汛物资，确保群
众安全度汛。

北岭区：垃圾分类进小区进家庭，
居民参与热情高

本报讯（赵一）今年以来，北岭区
生活垃圾分类覆盖率达到95%以上，
居民参与热情高涨，小区环境明显
改善。
"""


def test_a_headline_with_its_kicker_inline_is_cut_at_its_comma_like_any_other() -> None:
    # "青山县：…早落实，" is as wide as the text's column because of its kicker, so it read as a
    # text line ending on a comma; only the second line was titled. A byline mark below the two
    # lines, or a kicker opening the line, says it is a headline.
    page = _page(KICKER_ON_A_HEADLINE_CUT_AT_ITS_COMMA)
    assert [(a.kicker, a.title) for a in page.articles] == [
        ("青山县", "防汛准备早部署早落实，确保群众安全度汛"),
        ("北岭区", "垃圾分类进小区进家庭，居民参与热情高"),
    ]
    assert page.articles[0].text.startswith("入汛以来") and page.articles[1].text.startswith("今年以来")


# A short story that closes two of the pages below, after the piece each is about.
SKILLS_CONTEST_STORY = """\
北岭区举办职业技能大赛

本报讯（赵一）4月7日，北岭区第三届职业技能
大赛开幕，来自全区的200多名选手参加电工、
焊工等8个项目的比赛。
"""


HEADLINE_AFTER_ITS_STORY_OVER_A_PHOTO = """\
2025年4月8日 星期二 综合新闻

河湾镇开展春季植树活动

本报讯（王林）4月6日，河湾镇组织干部群众
在河湾大堤开展义务植树活动，共栽种柳树、
杨树等苗木2000余株。

本报讯（陈思）今年以来，东坪县把老旧小区
改造作为民生实事，完成管网更新12公里，加
装电梯36部，惠及居民4000多户。

县里还建立了长效管理机制，组织居民
议事会共同商量改造方案。

旧小区改出新生活

游客在花海
中拍照留念。
李华 摄

""" + SKILLS_CONTEST_STORY


def test_a_headline_after_its_story_over_an_unrelated_photo_titles_the_story() -> None:
    # The headline printed after its untitled story shares a few of its words (three of its seven
    # character pairs) and none of the caption below: it is the story's, not the photo's.
    page = _page(HEADLINE_AFTER_ITS_STORY_OVER_A_PHOTO)
    kinds_titles = [(a.kind.value, a.title if not a.untitled else "") for a in page.articles]
    assert kinds_titles == [
        ("article", "河湾镇开展春季植树活动"),
        ("article", "旧小区改出新生活"),
        ("photo", ""),
        ("article", "北岭区举办职业技能大赛"),
    ]
    assert page.articles[1].text.startswith("今年以来，东坪县")


STORY_RUN_ON_AFTER_A_CREDIT_TITLED_BELOW_IT = """\
2025年1月12日 星期日 综合新闻

南川县流感门诊量明显回落

本报讯（记者 钱红）据南川县卫健局统计，
1月以来全县流感门诊量逐周回落，上周
就诊人数较高峰时下降四成。

县卫健局提醒，老人和儿童仍要注意防
护，出现发热症状及时就医。
（侯芳）
近年来，白山镇把冰天雪地变成金山银
山，依托冰雪资源发展乡村旅游，建成
滑雪场两座、冰雪乐园一处。

今年冬季，白山镇接待游客12万人次，
冰雪旅游收入超过3000万元，冰雪经济
带动200多户村民增收。

冰雪资源带火乡村旅游

村民在广场上排练舞
蹈，迎接新春佳节。
县委宣传部供图

西河区启动年货节

本报讯（赵一）1月10日，西河区年货节在
商业街开幕，100多家商户参加展销。
"""


def test_a_headline_after_a_story_run_on_after_a_credit_is_not_the_photo_s_below() -> None:
    # The story under the credit ran on in the titled article above, so its headline, printed
    # after it, restated text of a titled body: it went to the photo below, which shares none of
    # it, and the story stayed glued to the article above.
    page = _page(STORY_RUN_ON_AFTER_A_CREDIT_TITLED_BELOW_IT)
    kinds_titles = [(a.kind.value, a.title if not a.untitled else "") for a in page.articles]
    assert kinds_titles == [
        ("article", "南川县流感门诊量明显回落"),
        ("article", "冰雪资源带火乡村旅游"),
        ("photo", ""),
        ("article", "西河区启动年货节"),
    ]
    assert page.articles[0].text.endswith("（侯芳）") and page.articles[1].text.startswith("近年来，白山镇")


ORDINAL_HEADLINE_AFTER_A_STORY = """\
2025年3月20日 星期四 综合新闻

青石镇建成智慧菜市场

本报讯（李岩）3月18日，青石镇智慧菜市场
正式开业，市场设摊位120个，配备电子秤和
溯源系统，居民买菜可以扫码查看产地。

市场负责人介绍，开业当天客流超过3000人
次，蔬菜价格比周边低一成左右。
第三次全县林业工作会议召开
会议总结了去年林业工作，部署今年植树造
林、森林防火和林下经济发展等重点任务，
要求各乡镇压实护林责任。

会议强调，要加快推进国储林项目建设，全
年完成营造林5万亩。
"""


def test_a_headline_opening_on_an_ordinal_is_no_numbered_subhead() -> None:
    # "第三次…会议召开" read as a numbered part ("第三，…", "第三部分"), and with that the subhead
    # model kept the meeting's story in the market's article above.
    page = _page(ORDINAL_HEADLINE_AFTER_A_STORY)
    assert _titles(page) == ["青石镇建成智慧菜市场", "第三次全县林业工作会议召开"]
    assert page.articles[1].text.startswith("会议总结了去年林业工作")


@pytest.mark.parametrize(
    ("title", "numbered"),
    [
        ("第一，坚持问题导向", True),
        ("第二部分 主要任务", True),
        ("第一个夜晚：守在大堤上", True),
        ("二、加强组织领导", True),
        ("3、强化督查", True),
        ("第三次全县林业工作会议召开", False),
        ("第136届广交会今天开幕", False),
        ("1.2万亩油菜花进入盛花期", False),
    ],
)
def test_a_numbered_part_is_told_from_an_ordinal_or_a_decimal_opening_a_headline(title: str, numbered: bool) -> None:
    assert bool(_ENUMERATED.match(title)) is numbered


ROUND_UP_TOLD_BY_ITS_LEAD = """\
2025年8月20日 星期三 综合新闻

抓紧修复水毁设施 保障群众生活

本报讯（林青）连日来，各地和有关部门抓紧
修复水毁道路和供水设施，全力保障受灾群众
基本生活。

在河北保定，抢修队伍连夜清理道路淤泥，
120多公里乡村公路已恢复通行，受损的供水
管网全部修复。

天津市受灾地区恢复重建工作有序推进。在
暴雨中被淹的武清区大良镇，积水已被排尽，
沿街商铺开始恢复营业，农户正在补种蔬菜。

在蓟州区，停了半个月的乡村大集重新开
市，摊主们摆出新鲜的瓜果蔬菜，赶集的村民
比往常还多。

受灾较重的村庄里，施工队正在抢修倒塌的
围墙和院门，村委会为困难家庭送去了米面
和食用油，孩子们将按时开学。

目前，吉林省各行洪河道水位持续下降。在
保证安全的前提下，当地正有序组织群众返
回家园，同时做好灾后防疫工作。

在辽宁，受灾较重的两个县已完成道路抢修
200多处，恢复30条供电线路，疾控人员对垃
圾临时堆放点进行了消杀。

日前，有关部门增加安排中央预算内投资3亿
元，支持受灾地区基础设施和基本公共服务
设施恢复重建。

南岭区举办职业技能大赛

本报讯（赵一）8月18日，南岭区第三届职业技
能大赛开幕，来自全区的200多名选手参加电工、
焊工等8个项目的比赛。
"""


def test_a_round_up_told_by_its_lead_goes_on_into_a_paragraph_opening_on_another_province() -> None:
    # The headline does not say "各地", its lead does ("连日来，各地和有关部门…"): the paragraph
    # opening on "天津市…" after one "在河北保定，…" is the round-up's next stop, not a new story.
    page = _page(ROUND_UP_TOLD_BY_ITS_LEAD)
    assert _titles(page) == ["抓紧修复水毁设施 保障群众生活", "南岭区举办职业技能大赛"]
    assert "天津市受灾地区恢复重建工作有序推进" in page.articles[0].text
    assert page.articles[0].text.endswith("设施恢复重建。")


HEADLINE_STACKED_ON_A_SERIES_TAG = """\
2025年5月12日 星期一 综合新闻

暴雨夜里，河口村的积水没过了膝盖。村
党支部书记带着六名党员挨家挨户敲门，把
二十多位老人和孩子转移到村委会的安全
房里，一直守到天亮雨停。

“有他们在，我们心里踏实。”被转移的村民
李大娘说。

本报讯（记者 贾宁）今年以来，青山县把茶
产业作为乡村振兴的主导产业，新建标准化
茶园8000亩，培育茶叶合作社46家，带动
3000多户茶农增收。

在青山县茶博园，采茶工正忙着采摘春茶。
合作社负责人说，今年春茶价格比去年高出
两成，茶农的干劲更足了。

风雨夜里的坚守
【乡村振兴一线】青山县：
茶园里采出致富路
"""


def test_a_series_tag_opening_a_line_of_collected_headlines_starts_a_headline() -> None:
    # The upper headline shares no word with its body ("风雨夜里的坚守" over a story of a rainy
    # night), so words could not cut the stack: the two headlines were read as one. A series tag
    # opens a headline; the line "青山县：" is its kicker and the tagged headline's title goes on below.
    page = _page(HEADLINE_STACKED_ON_A_SERIES_TAG)
    assert _titles(page) == ["风雨夜里的坚守", "【乡村振兴一线】青山县：茶园里采出致富路"]
    assert page.articles[0].text.startswith("暴雨夜里") and page.articles[1].text.startswith("今年以来，青山县")


SERIES_TAG_WORDS_IN_ANOTHER_BODY = """\
2025年6月3日 星期二 综合新闻

科技特派员扎根田间地头

本报讯（记者 王芳）近年来，东坪县坚持以新思想
引领科技服务，深化科技体制改革，扩大对外开放
合作，选派科技特派员120名，常年驻村指导种植
养殖，推广新品种新技术46项。

今年以来，特派员已举办培训班80多期，培训农
民5000多人次。

【新思想引领新时代改革开放】澎湃改革新动力
绘就农业农村现代化发展新篇章
本报记者 曾兰 通讯员 万敏

本报讯 近年来，南湖市深化农村土地制度改革，
发展适度规模经营，建成高标准农田30万亩，农
业农村现代化迈出新步伐，正在绘就乡村全面振
兴的新篇章。

今年，南湖市将再建高标准农田5万亩，培育家
庭农场和农民合作社200家。
"""


def test_a_series_tag_s_words_do_not_cut_its_headline_from_its_second_line() -> None:
    # The tag's words ("思想", "引领", "改革", "开放") are in the article above, the second line's in
    # the text below: read as two headlines naming two bodies, the tagged line went to no body and
    # the article was titled by its second line alone. A tag names its series, not a story.
    page = _page(SERIES_TAG_WORDS_IN_ANOTHER_BODY)
    assert _titles(page) == ["科技特派员扎根田间地头", "【新思想引领新时代改革开放】澎湃改革新动力绘就农业农村现代化发展新篇章"]


SENTENCE_END_PRINTED_AFTER_A_PHOTO = """\
2025年10月3日 星期五 综合新闻

国庆假期景区客流平稳

本报讯（记者 秦佳）10月2日是国庆假期第二
天，全县各景区客流平稳有序。县文旅局预计，
假期全县接待游客将达到38万人次，景区观光、
乡村旅游、探

青禾镇举办秋收农民运动会

本报讯（通讯员 周明）10月1日，青禾镇第五
届秋收农民运动会在镇中心小学开幕，300多名
村民参加了挑担接力、剥玉米等趣味比赛。

比赛结束后，镇里为获奖的代表队颁发了奖品。
（孔远）

图为运动会上的挑担接力比赛。 李明 摄

亲访友等热度明显升高，各地加大市场供给力
度，丰富夜间消费场景，带动城乡扩内需、促
消费，也展示了小城的文化与形象。
"""


def test_a_tail_that_finishes_the_word_an_article_stopped_in_goes_back_to_it() -> None:
    # "…乡村旅游、探" / "亲访友等…": the tail shares few words with the article it ends (its
    # text is about the holiday's trade, the article's about its visitors), but it finishes the
    # word "探亲访友" the article stopped in.
    page = _page(SENTENCE_END_PRINTED_AFTER_A_PHOTO)
    assert [a.kind.value for a in page.articles] == ["article", "article", "photo"]
    assert "乡村旅游、探亲访友等热度明显升高" in page.articles[0].text
    assert page.articles[0].text.endswith("也展示了小城的文化与形象。")


COMMA_HEADLINE_OVER_A_REPORTER_LEAD = """\
一条新路连起两个村落，赶集再也不用绕远

记者周敏从县交通运输局获悉，河湾镇东西两
村之间的断头路日前修通，新建道路长3.2公
里，宽6米，两村村民到镇上赶集的路程缩短
了一半。

据介绍，这条路由县里和镇里共同出资建设，
沿线还安装了路灯和护栏。

""" + SKILLS_CONTEST_STORY


def test_a_comma_headline_as_wide_as_the_text_over_a_reporter_s_lead_is_a_headline() -> None:
    # The line is as wide as the text and carries a comma, as a text line would, and its lead
    # restates none of it; but "记者…从…获悉，" opens a story: no sentence cut by the blank line goes on so.
    page = _page(COMMA_HEADLINE_OVER_A_REPORTER_LEAD)
    assert _titles(page) == ["一条新路连起两个村落，赶集再也不用绕远", "北岭区举办职业技能大赛"]
    assert page.articles[0].text.startswith("记者周敏从县交通运输局获悉")


HEADLINES_COLLECTED_AT_THE_END = """\
今年以来，东坪县加快建设
县域商业体系，新建乡镇商
贸中心6个、村级便民超市
120家，农村快递实现村村
通。县商务局负责人介绍，
全县农村网络零售额同比增
长21%，土特产卖到了全国
各地。

10月8日，西岭镇举行秋季
运动会，全镇18个村的400
多名村民参加了拔河、跳绳、
趣味接力等比赛，赛场上欢
声笑语不断。镇文化站站长
说，运动会已连续举办五届，
成了村民们最盼望的节日。

连日来，南湖乡组织农机手
抢收晚稻，全乡3万亩晚稻已
收割七成，预计本月中旬全
部完成。乡农技站的技术员
深入田间地头，指导农户做
好稻谷烘干和秸秆还田。

东坪县农村商贸网点
实 现 全 覆 盖

西岭镇举行运动会，拔河、跳绳、趣味接
力比赛热闹非凡

南湖乡抢抓晴好天气组织农机手抢收晚稻 全乡三万亩晚稻已收割七成
—— 技术员深入田间指导烘干和秸秆还田

东坪日报
2025年10月20日 星期一  第1版  综合
责任编辑：何静  版式设计：程远
"""


# The same page, the comma headline's last line long enough that the headline no longer ends
# short of a sentence's end (which had let it through as a headline).
COMMA_HEADLINE_AMONG_COLLECTED_HEADLINES = HEADLINES_COLLECTED_AT_THE_END.replace("力比赛热闹非凡\n", "力比赛热闹非凡村民乐开怀\n")


def test_a_collected_headline_printed_before_the_one_its_body_ran_into_cuts_that_body() -> None:
    # With the headlines collected at the page's end and no dateline between the two stories,
    # the sports meeting ran into the harvest story, which took the harvest headline; the sports
    # headline, printed before it, was left over and folded in as a subhead. Printed in one place,
    # the upper headline's story comes first: the body is cut where the lower headline's words start.
    page = _page(HEADLINES_COLLECTED_AT_THE_END)
    assert _titles(page) == [
        "东坪县农村商贸网点实现全覆盖",
        "西岭镇举行运动会，拔河、跳绳、趣味接力比赛热闹非凡",
        "南湖乡抢抓晴好天气组织农机手抢收晚稻 全乡三万亩晚稻已收割七成",
    ]
    assert page.articles[1].text.startswith("10月8日，西岭镇") and page.articles[2].text.startswith("连日来，南湖乡")


def test_a_headline_with_commas_among_those_collected_after_the_last_sentence_is_a_headline() -> None:
    # Its first line is as wide as the column the lines around it make (the other headlines'),
    # and it carries commas: it read as a cut sentence. After the page's last sentence, over
    # another headline, no text goes on: it is one of the page's headlines.
    page = _page(COMMA_HEADLINE_AMONG_COLLECTED_HEADLINES)
    assert _titles(page)[1] == "西岭镇举行运动会，拔河、跳绳、趣味接力比赛热闹非凡村民乐开怀"
    assert page.articles[1].text.startswith("10月8日，西岭镇")


HEADLINE_S_LAST_LINE_OVER_A_DATELINE = """\
河湾镇开展春季植树活动

本报讯（王林）4月6日，河湾镇组
织干部群众在河湾大堤开展义务
植树活动，共栽种柳树、杨树等
苗木2000余株。

东坪县十九届人大常委会第二十次会议
在县城闭幕，王明主持会议

央广网北京8月25日消息
（记者 罗兰）县十九届人大常委
会第二十次会议25日在县行政中
心闭幕。会议听取了县政府关于
上半年经济运行情况的报告，审
议通过了有关人事任免事项。

会议指出，要紧盯全年目标任务，
狠抓项目建设和招商引资，确保
完成各项指标。
"""


def test_a_headline_s_comma_line_as_wide_as_the_text_over_a_blank_and_a_dateline_is_the_headline_s() -> None:
    # "在县城闭幕，王明主持会议" is as wide as the text and carries a comma, so it read as the
    # body's first line and the headline stopped above it; it then ended up in the article above.
    # It stops short of a sentence's end before a blank line and a dateline: no text line does.
    page = _page(HEADLINE_S_LAST_LINE_OVER_A_DATELINE)
    assert _titles(page) == ["河湾镇开展春季植树活动", "东坪县十九届人大常委会第二十次会议在县城闭幕，王明主持会议"]
    assert page.articles[0].text.endswith("苗木2000余株。")


FIVE_CHARACTER_SECOND_LINE = """\
东坪古镇：匠心护老屋
高山写古今

东坪古镇始建于明代，镇上保存着明清
古民居120多座。近年来，镇里请来老
工匠修缮古屋，恢复了石板街和古码头，
古镇成了远近闻名的旅游地。

今年以来，古镇接待游客50多万人次，
旅游收入超过3000万元。

北岭区举办职业技能大赛

本报讯（赵一）4月7日，北岭区第三届职
业技能大赛开幕，来自全区的200多名选
手参加电工、焊工等8个项目的比赛。
"""


def test_a_five_character_phrase_under_a_title_is_no_pair_of_names() -> None:
    # "高山写古今" cuts into a surname and a given name twice over (高山 + 写古今), so it was read
    # as two names glued together, a byline; the tagger hears a place, a verb and a time word in
    # it, and no name: it is the headline's second line.
    page = _page(FIVE_CHARACTER_SECOND_LINE)
    first = page.articles[0]
    assert (first.kicker, first.title, first.byline) == ("东坪古镇", "匠心护老屋高山写古今", "")
    assert is_name_line("周明远吴晓红") and is_name_line("程远航") and not is_name_line("高山写古今")


HEADLINE_AFTER_ITS_TEXT_LEAD_ELSEWHERE = """\
2025年6月20日 星期五 综合新闻

在青石镇，李明来到河堤加固工地，察看
险工险段整治进展，叮嘱施工单位抓紧
完工。在白沙镇，他走进防汛物资仓库，
清点冲锋舟、救生衣等物资储备情况。

李明强调，各地要压紧压实防汛责任，
确保群众安全度汛。
（卢婷 彭海）
李明在青石镇、白沙镇检查防汛工作
本报讯（赵一）6月18日，北岭区第三届职
业技能大赛开幕，来自全区的200多名选
手参加电工、焊工等8个项目的比赛。

比赛分理论考试和实际操作两部分，获
奖选手将获评区级技术能手称号。

图为比赛现场。 李华 摄

县长李明6月18日至19日在青石镇、白沙
镇检查防汛工作。他强调，要绷紧防汛
这根弦，做好各项准备工作。
"""


def test_a_text_joins_the_lead_that_took_the_headline_printed_right_after_the_text() -> None:
    # The headline was printed after its text, the lead far below; the lead, which restates the
    # headline, took it, and the text stood untitled. A text set right above the headline the
    # lead took (the lead not under it) is the rest of that article, as one set right under it is.
    page = _page(HEADLINE_AFTER_ITS_TEXT_LEAD_ELSEWHERE)
    first = page.articles[0]
    assert first.title == "李明在青石镇、白沙镇检查防汛工作"
    assert first.text.startswith("县长李明6月18日至19日") and "在青石镇，李明来到河堤加固工地" in first.text
    assert len([a for a in page.articles if "李明" in a.text]) == 1


SERIES_TAG_HEADLINE_AS_WIDE_AS_THE_TEXT = """\
2025年2月10日 星期一 综合新闻

游客在冰雪乐园里体验雪圈滑道，欢
声笑语回荡在山谷间，冰雪游持续升温。
 李华 摄
【乡村振兴一线】青山县茶产业开局稳
气象新
新春伊始，青山县各茶叶合作社抢抓农时，
组织茶农修剪茶树、施用有机肥，为春茶
开采做准备。

县农业农村局负责人介绍，今年全县将新
建标准化茶园3000亩，带动茶农增收。
"""


def test_a_headline_opening_on_a_series_tag_is_a_headline_however_wide() -> None:
    # Its first line fills the column, and it is set tight over its text under a photo's credit:
    # read as a line of text, it opened the article's first paragraph. No text line opens on a
    # series tag followed by a title.
    page = _page(SERIES_TAG_HEADLINE_AS_WIDE_AS_THE_TEXT)
    story = page.articles[-1]
    assert story.title == "【乡村振兴一线】青山县茶产业开局稳气象新"
    assert story.text.startswith("新春伊始，青山县")


TWO_LINE_HEADLINE_TIGHT_OVER_ITS_LEAD = """\
2025年10月12日 星期日 经济新闻

本报讯（记者 周文）记者从市交通运输局获悉，
今年以来，全市新改建农村公路320公里，完成
危桥改造18座，农村客运班线通达率保持100%。

市交通运输局负责人介绍，下一步将继续推进
城乡交通运输一体化，方便群众出行。

前三季度全省水利建设投资
完成86.4亿元
省水利厅今天（10月9日）发布的
数据显示，前三季度，全省水利完
成建设投资86.4亿元，同比增长
7.2%，中小河流治理、灌区改造等
项目加快推进。

省水利厅负责人介绍，四季度将
抓好在建工程收尾，确保全年目
标任务圆满完成。
"""


def test_a_two_line_headline_tight_over_its_lead_is_judged_without_the_lead_s_lines() -> None:
    # The headline's block grew over the lead's first lines (as wide as the text, no sentence
    # end before the fourth) and was judged as one long block of text: the story ran on in the
    # article above. Judged without the lines it grew over, it is a headline over its lead.
    page = _page(TWO_LINE_HEADLINE_TIGHT_OVER_ITS_LEAD)
    assert len(page.articles) == 2
    story = page.articles[1]
    assert story.title == "前三季度全省水利建设投资完成86.4亿元"
    assert story.text.startswith("省水利厅今天（10月9日）发布的数据显示")
    assert "省水利厅" not in page.articles[0].text


SERIES_TAG_HEADLINE_UNDER_A_CUT_LINE = """\
2025年4月2日 星期三 综合新闻

青山县召开春季农业生产工作会议

本报讯（记者 林海）3月31日，青山
县召开春季农业生产工作会议，部署抓
好春耕备耕、农田水利建设和农资供应
等工作。会议要求，各乡镇压实责任，
及时解决农户在生产中遇到的难题，并
切实加强农资市场监管和农技服务
【乡村振兴一线】石桥村茶园春管正当时

周兰吴明
　　眼下，石桥村千亩茶园进入春管关
键期。茶农们忙着修剪茶树、施用有机
肥，为春茶开采做准备。

　　村党支部书记介绍，今年村里新建
标准化茶园200亩，带动80多户茶农
增收。
"""


def test_a_series_tag_headline_right_under_a_line_cut_mid_sentence_starts_an_article() -> None:
    # The article above stops mid-sentence (its end was printed elsewhere) and the tagged
    # headline follows with no blank, about as wide as the column: read as the text's next line,
    # it and its story ran on in that article. No line of text opens on a series tag and a title.
    page = _page(SERIES_TAG_HEADLINE_UNDER_A_CUT_LINE)
    assert len(page.articles) == 2
    story = page.articles[1]
    assert story.title == "【乡村振兴一线】石桥村茶园春管正当时"
    assert story.text.startswith("眼下，石桥村千亩茶园")
    assert page.articles[0].text.endswith("切实加强农资市场监管和农技服务")


def test_a_short_item_of_one_paragraph_gives_its_column_when_nothing_below_agrees() -> None:
    # A short item (two lines that run on, then the closing sentence) right above another
    # article's broken headline and a text in a narrower column: no three running lines agreed
    # on a width, so no column was read under the item's headline, and the learned model, blind
    # to its width, read a quoted headline ("“五一”…") as the item's first line.
    lines = """“五一”假期山城游客多
根据县文化和旅游局今天（5月3日）发
布的数据，假期前三天，石桥镇共接待
游客12.6万人次，同比增长18%。
南溪镇第三届农民运
动会开幕

南溪镇第三届农民运动会
今天（5月3日）开幕。
运动会设拔河、插秧等项目，
全镇300余名农民参赛。""".split("\n")
    assert following_column(lines, line_widths(lines), 1) == pytest.approx(17.0, abs=0.5)
    # Two lines that run on into a paragraph that goes on, or that disagree, tell no column.
    going_on = [*lines[1:3], "游客12.6万人次，同比增长18%，", "其中外地游客占六成。"]
    assert following_column(going_on, line_widths(going_on), 0) == 0.0
    uneven = ["根据县文化和旅游局今天发", "布的数据，假期前三天，石桥镇共接待", lines[3], ""]
    assert following_column(uneven, line_widths(uneven), 0) == 0.0


PLACE_AND_COMMA_HEADLINE_TIGHT_OVER_ITS_LEAD = """\
2025年6月8日 星期日 经济新闻

眼下正是夏收夏种的关键时期。在北岭区，农机手们驾驶收
割机在麦田里来回穿梭，一派繁忙景象。区农业农村局组织
农技人员深入田间地头，指导农户科学开展夏种，力争粮食
稳产高产。

青山县：全力抓好夏粮收购，保障种粮农民收益
青山县在抓好夏收进度的同时，多措并举
全力抓好夏粮收购，保障种粮农民收益。

昨天，县里12个收购点
同时开秤，当天收购小麦3000多吨。
县粮食局负责人介绍，今年将敞开收购，
确保农民余粮卖得出、卖得好。
"""


def test_a_place_and_comma_headline_tight_over_a_lead_restating_it_is_a_headline() -> None:
    # "青山县：…，…" set tight over a two-line lead, after text set wider: no column below to
    # tell the headline from the lead's first line, so the block grew over that line and read as
    # text. Judged alone, the line is a place's name and a title that the lead's first sentence
    # restates: a headline, though its title carries a comma.
    page = _page(PLACE_AND_COMMA_HEADLINE_TIGHT_OVER_ITS_LEAD)
    assert len(page.articles) == 2
    story = page.articles[1]
    assert (story.kicker, story.title) == ("青山县", "全力抓好夏粮收购，保障种粮农民收益")
    assert story.text.startswith("青山县在抓好夏收进度的同时")
    assert page.articles[0].text.endswith("力争粮食稳产高产。")


TWO_NAMES_GLUED_ACROSS_A_WORD = """\
青山日报  2025年1月6日

多措并举保障山区群众温暖过冬
周红秀林志涛
青山县、石桥镇、南溪乡等地灾
后重建工作有序推进，确保群众
温暖过冬。

入冬以来，县民政局为山区困难群众
发放棉被、棉衣等物资，逐户排查取
暖设施安全隐患。
"""


def test_two_full_names_glued_across_a_dictionary_word_close_the_headline_as_its_byline() -> None:
    # "周红秀林志涛": two three-character names glued, and the dictionary joins across them
    # (秀林), so the line did not read as names cut clean; tight over a lead that opens on a
    # list of places, it stayed a title line and the block read as the lead's first lines.
    page = _page(TWO_NAMES_GLUED_ACROSS_A_WORD)
    story = page.articles[0]
    assert story.title == "多措并举保障山区群众温暖过冬"
    assert story.byline == "周红秀林志涛"
    assert story.text.startswith("青山县、石桥镇、南溪乡等地灾后重建工作")


DATED_LEAD_PRINTED_AWAY_FROM_ITS_TEXT = """\
青山日报  2025年6月30日 星期一

全体会议听取了县政府关于今年上半年国民
经济和社会发展计划执行情况的报告，审议
了县人大常委会执法检查组关于检查农业法
实施情况的报告。会议还审议了有关人事任
免事项，表决通过了有关决议。

南溪镇启动农村道路提升工程

南溪镇农村道路提升工程日前开工，将新建
和改造村组道路26公里，惠及沿线11个行
政村的群众出行。镇里将组织专人全程监督
施工质量，确保工程于今年10月底前完工。

县人大常委会第三次会议举行第二次全体会议

县人大常委会第三次会议28日下午在县会议
中心举行第二次全体会议，县人大常委会主
任李明主持会议。
"""


def test_a_lead_that_dates_its_news_in_its_first_words_is_a_lead_printed_away_from_its_text() -> None:
    # The story's text opens the page with no headline over it; its headline and lead were
    # printed at the end. The lead has no dateline, but dates its news in its first words
    # ("…会议28日下午在…举行"): it is the story's lead, and goes before its text, not after it.
    page = _page(DATED_LEAD_PRINTED_AWAY_FROM_ITS_TEXT)
    assert len(page.articles) == 2
    story = next(a for a in page.articles if "人事任免" in a.text)
    assert story.title == "县人大常委会第三次会议举行第二次全体会议"
    assert story.text.startswith("县人大常委会第三次会议28日下午在县会议中心举行")
    assert story.text.endswith("表决通过了有关决议。")


def test_a_short_item_ends_where_the_text_after_the_column_opens_indented_tight_below_it() -> None:
    # The column's last item and the article after the column, set tight: its paragraphs open
    # indented. Read as one block with that text, which runs on past the next lines, the item was
    # no short item, so its first line was not taken for its title: the title was grown over the
    # item's first line, read as text, and the item ran into the article.
    lines = """简讯

石桥村茶园进入春管期
石桥村千亩茶园日前进入春
管关键期，茶农们忙着修剪
茶树、施用有机肥。

俄称将扩大对某地目标的打击
15日至16日，某地冲突持续。
某方面称，将扩大对某地相
关目标的打击。
　　县农业农村局17日称，全县已
完成春播面积12万亩，占计划的
六成，各乡镇正抢抓农时推进春""".split("\n")
    indented = {i for i, line in enumerate(lines) if line.startswith("　　")}
    assert _briefs_item_starts(lines, [0], indented) == {2, 7}
    assert _briefs_item_starts(lines, [0]) == {2}  # (no indent known: the block runs on)


HEADLINE_BROKEN_AFTER_AN_ENUMERATION_COMMA = """\
青山日报  2025年4月9日 星期三

南溪镇日前启动农村道路提升工程，将新建和
改造村组道路26公里，惠及沿线11个行政村。

县委书记会见省农科院专家、
签约共建农业科技示范基地

8日，县委书记张明会见省农科院专家团队一行，
双方签约共建农业科技示范基地，围绕茶叶、水
果等特色产业开展技术攻关和成果转化。
"""


def test_a_headline_broken_after_its_enumeration_comma_is_a_headline() -> None:
    # "…专家、" / "签约共建…": broken after its "、" as others are after their "，". A line ending
    # on "、" had been read as a list cut by the column, and the story ran on in the one above.
    page = _page(HEADLINE_BROKEN_AFTER_AN_ENUMERATION_COMMA)
    assert len(page.articles) == 2
    assert page.articles[1].title == "县委书记会见省农科院专家、签约共建农业科技示范基地"
    assert page.articles[1].text.startswith("8日，县委书记张明会见")


SIGNATURE_WITH_ITS_DAY_SHREDDED = """\
青山日报  2025年7月2日 星期三

关于开展夏季防汛安全检查的通知

各乡镇人民政府，县直各有关单位：
为切实做好今年防汛工作，确保人民群众生命财
产安全，县政府决定在全县范围内开展夏季防汛
安全检查，请各单位认真组织实施。

青山县人民政府办公室

2025年6月

3

0日

南溪镇启动农村道路提升工程

南溪镇农村道路提升工程日前开工，将新建和改
造村组道路26公里，惠及沿线11个行政村。
"""


def test_a_notice_s_signature_whose_date_is_shredded_stays_with_the_notice() -> None:
    # "青山县人民政府办公室" over "2025年6月" / "3" / "0日": no whole date follows the name, so
    # it was not read as a signature but as a headline over a paragraph of the date, an article
    # of its own cut from the notice it signs.
    page = _page(SIGNATURE_WITH_ITS_DAY_SHREDDED)
    assert [a.title for a in page.articles] == ["关于开展夏季防汛安全检查的通知", "南溪镇启动农村道路提升工程"]
    # … and the date, its day shredded across the blank lines it is set between, reads whole.
    assert [p.text for p in page.articles[0].paragraphs][-2:] == ["青山县人民政府办公室", "2025年6月30日"]



FEATURE_GOING_ON_IN_A_CITY_IT_NAMED_WHOLE = """\
南溪镇启动农村道路提升工程

本报讯 南溪镇农村道路提升工程日前开工，将新建和改
造村组道路26公里，惠及沿线11个行政村，预计年底前
全部完工。

红色足迹寻访记

本报讯（记者 周立新）今年是红军长征胜利90周年。
本报今日起推出系列报道，带读者走进革命旧址，感
受红色土地从烽火岁月到今天的变迁。今天，首先
走进天津和河北保定。

眼下，一场红色文物主题展正在天津市和平区的
纪念馆展厅展出，一件件珍贵文物和文献交相辉
映，吸引了大批市民前来参观学习。

展厅里，一封泛黄的家书前围满了观众。讲解员
介绍，这封家书写于1935年，是一位红军战士
写给母亲的，字里行间满是对家乡的思念。

在保定，当地把红色资源保护利用与乡村振兴结
合起来，打造了多条红色旅游精品线路，带动
沿线村民吃上了“旅游饭”。
"""


def test_a_paragraph_in_a_district_of_a_city_the_body_named_whole_goes_on() -> None:
    # The lead names "天津" whole and "河北保定"; the next paragraph opens in "天津市和平区". No
    # prefecture of Tianjin had been named, so the district read as another place: the feature
    # was cut in two, its headline left on the lead alone and the rest untitled.
    page = _page(FEATURE_GOING_ON_IN_A_CITY_IT_NAMED_WHOLE)
    assert _titles(page) == ["南溪镇启动农村道路提升工程", "红色足迹寻访记"]
    assert len(page.articles[1].paragraphs) == 4


def test_an_undated_lead_at_the_page_s_end_gets_its_text_by_the_words_they_share() -> None:
    # The jobs story's lead, one paragraph that neither opens on a dateline nor dates its news,
    # is printed with its headline at the page's end; its text stands untitled far up the page.
    # The text holds a fifth of the lead's words (headline included), the other body none:
    # it goes on after the lead. Only a dated lead had been so joined.
    lead = Body(
        paragraphs=[Para("青山县面向返乡农民工推出一系列稳岗扩岗举措，帮助农民工就近就业，为企业用工提供更多暖心服务。", (60, 61, 62))],
        headline=HeadingRun(title_lines=["青山：多措并举", "稳住农民工就业"], line_indices=[57, 58]),
    )
    text = Body(paragraphs=[
        Para("东坪镇的这家服装企业今年为返乡农民工提供了80多个岗位，不仅包吃包住，每月工资还不低于4000元。", (20, 21, 22)),
        Para("青山县还开发了一批公益性岗位，优先安排就业困难人员，并给予企业一次性吸纳就业补贴。", (24, 25, 26)),
    ])
    tea = Body(
        paragraphs=[Para("本报讯 南溪镇千亩茶园今年春茶喜获丰收，茶农们忙着采摘、炒制，茶叶收购价比去年每斤高出20元。", (3, 4, 5), news_lead=True)],
        headline=HeadingRun(title_lines=["南溪镇茶叶喜获丰收"], line_indices=[1]),
    )
    assert merge_orphan_leads([tea, text, lead]) == [tea, lead]
    assert [p.text[:4] for p in lead.paragraphs] == ["青山县面", "东坪镇的", "青山县还"]
    # An item of a column of short items is whole as it is: it takes no text so.
    item = Body(paragraphs=list(lead.paragraphs[:1]), headline=lead.headline, brief=True)
    rest = Body(paragraphs=list(text.paragraphs))
    assert merge_orphan_leads([tea, rest, item]) == [tea, rest, item]


ARTICLE_AFTER_A_COLUMN_OF_TITLED_PHOTOS = """\
青山日报  2025年6月18日 星期三

县城新建三座口袋公园

本报讯（记者 林晓）县城今年新建的三座口袋公园
日前全部建成开放，为周边居民提供了休闲健身的
好去处。公园里设置了健身步道、儿童游乐区和休
息座椅，每天吸引不少居民前来散步锻炼。

图片新闻

南溪镇早稻开镰
南溪镇万亩早稻日前开镰收割，
农机手驾驶收割机在田间来回
穿梭，一派丰收景象。
（周平 摄）

东坪镇荷花盛开
东坪镇千亩荷塘荷花竞相绽放，
吸引了众多游客前来观赏拍照。
（王芳 摄）

西河村晒秋
西河村村民趁着晴好天气晾晒
玉米、辣椒，房前屋后一片红
红火火。
（李军 摄）

今年以来，青山县把农村公
路建设作为乡村振兴的先手
棋，新改建农村公路180公里，
实现了村村通硬化路。

在东坪镇，新修的环山公路串
起了5个村的果园和民宿，游
客开车半小时就能到达，村民
们的水果不愁卖了。

南溪镇则把公路修到了茶园边，
茶农采下的鲜叶当天就能运到
加工厂，每斤多卖了两三元。

县交通运输局负责人表示，
下一步将推进农村公路提档
升级，让群众出行更便捷。

青山县农村公路
通到家门口
"""


def test_an_article_s_text_after_a_column_of_titled_photos_is_not_cut_into_items() -> None:
    # A "图片新闻" column, a title over each caption, then an article's text, its headline after
    # it. Read as items of the column, each of the text's paragraphs became an untitled piece of
    # its own. Under no headline, they are no item of a column whose items each had one.
    page = _page(ARTICLE_AFTER_A_COLUMN_OF_TITLED_PHOTOS)
    assert [(a.kind, a.title) for a in page.articles] == [
        (ArticleKind.ARTICLE, "县城新建三座口袋公园"),
        (ArticleKind.PHOTO, "南溪镇早稻开镰"),
        (ArticleKind.PHOTO, "东坪镇荷花盛开"),
        (ArticleKind.PHOTO, "西河村晒秋"),
        (ArticleKind.ARTICLE, "青山县农村公路通到家门口"),
    ]
    assert [p.text[:4] for p in page.articles[4].paragraphs] == ["今年以来", "在东坪镇", "南溪镇则", "县交通运"]


def test_a_column_of_untitled_items_still_cuts_each_paragraph() -> None:
    # Under a column's label, items with no headline are each a piece (a "一句话新闻" column).
    page = _page_of(
        "青山日报  2025年6月18日 星期三",
        ["县城新建三座口袋公园", "", "本报讯（记者 林晓）县城今年新建的三座口袋公园日前全部建成开放，为周边居民提供了休闲健身的好去处。"],
        "一句话新闻",
        ["南溪镇万亩早稻日前开镰收割，预计总产量可达一万二千吨。"],
        ["东坪镇千亩荷塘荷花竞相绽放，吸引了众多游客前来观赏。"],
        ["西河村新建的村级养老服务站日前投入使用，可容纳三十位老人。"],
    )
    articles = _page(page).articles
    assert [a.text[:3] for a in articles[1:]] == ["南溪镇", "东坪镇", "西河村"]


LEAD_WITH_A_SQUEEZED_LINE_UNDER_ITS_HEADLINE = """\
青山日报  2025年5月4日 星期日

南溪镇春茶开采

本报讯 南溪镇千亩茶园日前开采，茶农们
忙着采摘、炒制，一派繁忙景象。镇里请
来省里的专家现场指导炒制工艺。

县民政局为高龄老人送上节日慰问品。 王芳 摄

张明给石桥小学支教团体学生志愿者服务队队员回信强调
到乡村和群众最需要的地方发光发热
为家乡振兴发展事业贡献青春力量

在五四青年节到来之际，县
委书记、县人大主任、县长张
明给我县石桥乡石桥村小学
支教志愿者服务队和学生们

回信，向全县广大青年致以
节日祝贺并提出殷切的期

望。

张明在回信中说，你们响应
号召到乡村学校教书育人，
在促进当地教育事业发展中
发挥了积极作用，自身也得
到历练和成长。
"""


def test_a_lead_whose_line_holds_squeezed_punctuation_is_no_headline() -> None:
    # The lead's four lines, cut by a blank line mid-sentence, are as wide as the column but for
    # one: "委书记、县人大主任、县长张" holds a character more, as justified type sets a line whose
    # punctuation it compresses. Not "as wide as the column", the lines were taken for a headline,
    # and the lead for a subhead of the story above.
    page = _page(LEAD_WITH_A_SQUEEZED_LINE_UNDER_ITS_HEADLINE)
    tea, photo, letter = page.articles
    assert [p.kind for p in tea.paragraphs] == [ParagraphKind.BODY]
    assert letter.title.startswith("张明给石桥小学") and letter.text.startswith("在五四青年节到来之际，县委书记、县人大主任")


TAIL_CLOSING_A_QUOTE_AFTER_A_BRIEFS_COLUMN = """\
青山日报  2025年8月6日 星期三

青山县加快推进企业数字化转型

本报讯（记者 林晓）今年以来，青山县加快推进
企业数字化转型，全县已有120家规模以上工业企
业完成智能化改造，带动产值增长一成以上。县
里还实施了“企业上云”行动和“工业互联网

简讯

南溪镇新建农家书屋十座
南溪镇今年新建农家书屋十座，
藏书两万余册，方便群众就近借阅。

东坪镇举办农民丰收节
东坪镇日前举办农民丰收节，
近千名群众参加了农事比赛。

平台”建设，为中小企业免费提供诊断服务，
帮助企业降本增效。县工信局负责人表示，下
一步将培育一批数字化转型示范企业。
"""


def test_a_text_that_closes_a_quote_it_never_opened_goes_back_to_its_sentence() -> None:
    # The story's last column ("平台”建设，…") is printed after a column of short items. It
    # closes a quote opened on the story's last line ("“工业互联网"), so it opens inside a
    # sentence; read as a fresh paragraph, it became the last brief's second one.
    page = _page(TAIL_CLOSING_A_QUOTE_AFTER_A_BRIEFS_COLUMN)
    story, books, fair = page.articles
    assert "“工业互联网平台”建设" in story.text and story.text.endswith("示范企业。")
    assert fair.text == "东坪镇日前举办农民丰收节，近千名群众参加了农事比赛。"


SHORT_LABEL_OVER_A_WIDER_LAST_PARAGRAPH = """\
青山日报  2025年9月10日 星期三

南溪镇老街改造后重新开街

本报讯 记者林晓 经过半年的改造提升，南溪
镇老街日前重新开街。老街全长800米，沿街
的32栋老房子修旧如旧，青石板路重新铺设。

开街当天，老街上的糕点铺、竹编店、茶馆
都排起了长队。经营竹编店四十多年的老李
说，生意比改造前好了不少。

编后语

老街是一座城镇的记忆，改造老街既要让它活起来，也要守住它的魂，南溪镇的做法值得借
(周平 王芳)
鉴。
东坪镇:举办农民丰收节
展销农产品

本报讯 东坪镇日前举办农民丰收节，近千名
群众参加了农事比赛和农产品展销活动。
"""


def test_a_heading_of_a_few_characters_inside_a_body_is_a_label_not_a_headline() -> None:
    # "编后语" over the story's last paragraph, which is set wider: the change of column made
    # the heading read as another story's headline. A headline says what happened in more than
    # four characters (none of the corpus's ten thousand has fewer than five): it labels a part.
    page = _page(SHORT_LABEL_OVER_A_WIDER_LAST_PARAGRAPH)
    street, fair = page.articles
    assert street.title == "南溪镇老街改造后重新开街"
    assert [p.kind for p in street.paragraphs][-2:] == [ParagraphKind.SUBHEAD, ParagraphKind.BODY]
    assert street.paragraphs[-2].text == "编后语" and street.text.endswith("值得借鉴。（周平 王芳）")
    assert (fair.kicker, fair.title) == ("东坪镇", "举办农民丰收节展销农产品")


HEADLINE_WITH_A_COMMA_CLOSED_BY_ITS_BYLINE = """\
青山日报  2025年3月9日 星期日

南溪镇春耕备耕有序推进

本报讯 县铁路车站今天迎来节
后出行客流高峰，预计发送旅客
16.8万人次，加开旅客列车
26列。南溪、东坪、西河、
石桥等乡镇开往县城的部分客
运班车，今明两天加密班次。
车站方面提醒，在列车停运
信息发布前，已购买了往返
及联程车票的旅客均可办理
全额退票手续。
张红：办好乡村托育机构
服务，让农民工安心务工

本报记者 林晓 通讯员 周平

本报讯（王芳 李军）
托育关系千家万户的幸福，
县人大代表张红就办好乡村
托育机构、促进托幼结合进
行了调研，计划在今年的县
人代会上提出相关建议。
"""


def test_a_headline_line_with_a_comma_over_its_byline_stays_in_the_headline() -> None:
    # "张红：办好乡村托育机构" / "服务，让农民工安心务工", set tight under the story above and as
    # wide as its text: a line that wide with a comma had read as the text's, cutting the block
    # after its first line, and the rejected block ran into the story above. A marked byline
    # right below ends the block: no line of text runs on into "本报记者 …".
    page = _page(HEADLINE_WITH_A_COMMA_CLOSED_BY_ITS_BYLINE)
    transport, childcare = page.articles
    assert transport.text.endswith("全额退票手续。")
    assert (childcare.kicker, childcare.title) == ("张红", "办好乡村托育机构服务，让农民工安心务工")
    assert childcare.text.startswith("托育关系千家万户的幸福")


HEADLINE_BROKEN_AT_ITS_COMMA_AS_WIDE_AS_THE_TEXT = """\
青山日报  2025年7月8日 星期二

南溪镇启动农村道路提升工程

本报讯 南溪镇农村道路提升工程日前开
工，将新建和改造村组道路26公里，惠
及沿线11个行政村，年底前全部完工。

东坪镇荷塘荷花竞相绽放，吸引众多游客前来观赏。 王芳 摄

东坪镇第三届荷花节今天开幕迎八方客，
西河村等周边村庄的民宿预订全部满员

今天（7月7日），东坪镇第三届荷花节开
幕，千亩荷塘吸引了大批游客前来观赏，
周边西河村的民宿预订已满。
"""


def test_a_headline_broken_at_its_comma_between_pieces_is_one_whatever_its_width() -> None:
    # Two lines, the first ending on its comma, as wide as the text below: a sentence cut short,
    # by width alone. But they stand between blank lines, after a credited caption and over a
    # paragraph that opens on its time ("今天（7月7日），"): no sentence cut by blanks starts
    # after a closed piece and stops before a fresh start. The story had gone untitled.
    page = _page(HEADLINE_BROKEN_AT_ITS_COMMA_AS_WIDE_AS_THE_TEXT)
    roads, photo, festival = page.articles
    assert photo.kind is ArticleKind.PHOTO
    assert festival.title == "东坪镇第三届荷花节今天开幕迎八方客，西河村等周边村庄的民宿预订全部满员"
    assert festival.text.startswith("今天（7月7日），东坪镇")


LABEL_CLOSING_A_TIGHT_BODY_OVER_OTHER_WORDS = """\
青山日报  2025年10月8日 星期三

南溪镇开展防范电信诈骗宣传

本报讯 记者林晓 连日来，南溪镇组织志愿
者走进社区、集市和学校，开展防范电信诈
骗宣传，发放宣传资料3000余份。
志愿者们用身边的案例，向群众讲解刷单返
利、冒充客服等常见骗局，提醒大家守好自
己的“钱袋子”。
活动现场还设置了互动问答环节，答对的群
众可以领取小礼品，吸引了不少老人参加。
镇派出所民警也来到现场，为群众现场解答
疑问，帮助大家下载反诈软件。
温馨提示

市公安局提醒，陌生来电要求转账汇款的，
一律先挂断再核实，遇到可疑情况请及时拨
打110报警。收到不明链接不要点击，个人
银行卡密码和验证码不要告诉任何人。
"""


def test_a_label_closing_a_body_over_text_in_other_words_stays_the_body_s_subhead() -> None:
    # The body's paragraphs are set with no blank line between; a blank line after its last
    # sentence, before text in other words, ends a body on such a page, and the heading it
    # ended on was promoted to the next story's headline. Four characters label a part of the
    # text they stand in ("温馨提示", "编后语"): the warning is still the campaign's story.
    page = _page(LABEL_CLOSING_A_TIGHT_BODY_OVER_OTHER_WORDS)
    (story,) = page.articles
    assert story.title == "南溪镇开展防范电信诈骗宣传"
    assert [p.kind for p in story.paragraphs][-2:] == [ParagraphKind.SUBHEAD, ParagraphKind.BODY]
    assert story.paragraphs[-2].text == "温馨提示" and story.text.endswith("不要告诉任何人。")


HEADLINE_OPENING_ON_A_QUOTED_TERM = """\
“三夏”麦收进度过半，农机跨区作业正忙

新华社郑州6月10日电（记者 林晓、周平）
眼下正值“三夏”大忙时节，南溪县60多万
亩小麦陆续成熟，2000多台联合收割机在田
间来回穿梭，麦收进度已经过半。

县农业农村局组织农机手跨区作业，开通
服务热线，为农机手提供加油、维修等服
务，确保颗粒归仓。

东坪镇举办农民丰收节

本报讯 东坪镇日前举办农民丰收节，近千
名群众参加了农事比赛和农产品展销活动。
"""


def test_a_headline_opening_on_a_quoted_term_is_one() -> None:
    # A line with a comma that opens on a quote had read as a paragraph's first line, whatever
    # followed: a quoted speech opens text ("“我们…，"), but a quoted term of a few characters
    # ("“三夏”麦收…", "“两新”政策…") opens headlines as often. The headline had become a piece
    # of its own and the story under its dateline had gone untitled.
    page = _page(HEADLINE_OPENING_ON_A_QUOTED_TERM)
    harvest, fair = page.articles
    assert harvest.title == "“三夏”麦收进度过半，农机跨区作业正忙"
    assert harvest.text.startswith("眼下正值“三夏”大忙时节")
    assert fair.title == "东坪镇举办农民丰收节"


HEADLINE_WITH_A_COMMA_OPENING_THE_PAGE = """\
深化文明城市创建，南溪县城乡焕发新颜

南溪县把文明城市创建作为全县今年的重点
工作之一。县委书记在动员会上指出，创建
工作要从群众身边的小事做起，让城乡面貌
持续改善。全县新建口袋公园12个，改造背
街小巷40余条。

今年上半年，县城主要街道环境整治效果明
显，群众满意度比去年提高了6个百分点。

东坪镇举办农民丰收节

本报讯 东坪镇日前举办农民丰收节，近千名
群众参加了农事比赛和农产品展销活动。
"""


def test_a_line_with_a_comma_opening_the_page_over_text_set_solid_is_a_headline() -> None:
    # One line, as wide as the text, with a comma: a sentence cut by the blank below, by width.
    # But it opens the page (no text above it) and stands alone over text set solid that starts
    # afresh: the same line under a finished sentence was already read as a headline, and a page
    # does not open in a sentence that a blank cuts again after its first line.
    page = _page(HEADLINE_WITH_A_COMMA_OPENING_THE_PAGE)
    town, fair = page.articles
    assert town.title == "深化文明城市创建，南溪县城乡焕发新颜"
    assert town.text.startswith("南溪县把文明城市创建作为全县今年的重点工作之一。")
    assert fair.title == "东坪镇举办农民丰收节"
