"""Web junk goes, into the page's removed list, each line with its reason."""

import pytest

from civread.pipeline.junk import junk_reason, junk_reasons
from civread.pipeline.text import HAN
from seedtext import seed_page


def test_web_seed_furniture_is_removed_with_reasons() -> None:
    page = seed_page("001")
    reasons = {r.reason for r in page.removed}
    assert {"share button or navigation", "copyright notice", "licence line", "spam", "navigation"} <= reasons
    removed_text = "\n".join(r.text for r in page.removed)
    for junk in ("分享到", "微信", "微博", "版权与免责声明", "ICP备", "Powered by", "av免费网站"):
        assert junk in removed_text, junk
    (article,) = page.articles
    kept = "\n".join([article.title, article.byline] + [p.text for p in article.paragraphs])
    for junk in ("分享到", "版权", "ICP", "Powered", "免费网站", "本网"):
        assert junk not in kept, junk


def test_page_header_of_epaper_is_removed() -> None:
    page = seed_page("004")
    assert [r.reason for r in page.removed] == ["page header"]


@pytest.mark.parametrize(
    "line",
    [
        "分享到：微信 微博 QQ空间",
        "【字号 大 中 小】",
        "京ICP证030173号 京公网安备11010502035",
        "Copyright © 2024 某某日报社 版权所有",
        "首页 | 新闻 | 体育 | 财经 | 关于我们",
        "要闻 A2",
        "第03版：综合新闻",
        "澳门新葡京娱乐城",
        "百家乐在线",
    ],
)
def test_unseen_junk_shapes(line: str) -> None:
    assert junk_reason(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "据统计，2022年全市“六进”宣讲共计3256场，吸引145600多人次参与。",
        "凝心铸魂 夯实创建之本",
        "青海久治县：",
        "本报讯（唐炜）1月28日，北",
        "微信公众号“小店发布”与志愿信息管理平台有效对接，",
        "关于进一步深化文明城市创建工作的意见",
        "2023年",
    ],
)
def test_article_text_is_not_junk(line: str) -> None:
    assert junk_reason(line) is None


def test_copyright_block_takes_its_clauses_but_not_what_follows() -> None:
    lines = ["正文最后一段。", "", "某某网版权声明", "1.", "凡本网注明来源的作品，版权均属本网所有。", "联系人：张先生", "", "新的一段正文开始，记者了解到。"]
    reasons = junk_reasons(lines)
    assert reasons[2] == reasons[4] == reasons[5] == "copyright notice"
    assert reasons[0] is None and reasons[7] is None


def test_every_removed_line_keeps_its_han_characters() -> None:
    page = seed_page("001")
    assert sum(len(HAN.findall(r.text)) for r in page.removed) > 100


def test_a_wrapped_body_line_with_a_spam_word_stays_and_injected_spam_goes() -> None:
    # A paragraph hard-wrapped at the column: one line holds 激情 (激情澎湃), another 发票
    # (a tax story). Neither is spam: the sentence above runs on into the first, and the
    # second opens a paragraph as wide as the line below it.
    lines = [
        "青溪镇举办迎新春文艺汇演，演员们",
        "激情澎湃，台下掌声不断。镇里还为",
        "参演群众送上了春联。",
        "",
        "税务部门推行全面数字化电子发票，",
        "让纳税人少跑腿、快办事，群众满意",
        "度明显提升。",
        "",
        "免费视频在线观看",
        "激情影院",
        "",
        "记者从县文旅局获悉，活动还将持续。",
    ]
    reasons = junk_reasons(lines)
    assert reasons[1] is None and reasons[4] is None
    assert reasons[8] == reasons[9] == "spam"
    assert reasons[11] is None


def test_a_news_sentence_about_gambling_is_kept_and_gambling_spam_goes() -> None:
    # A web page's paragraph (one line) and an e-paper line wrapped out of a sentence both name
    # 赌场 / 博彩 in a news report; the link bait beside them names them to sell them.
    lines = [
        "警方介绍，该团伙在境外开设赌场、组织跨境博彩，涉案资金超过两亿元，目前已全部归案。",
        "澳门新葡京娱乐城，百家乐，真人视讯。",
        "",
        "会上，特区政府表示将继续加强对",
        "博彩业依法监管，促进经济适度多元。",
        "",
        "博彩平台 真人视讯 注册送彩金",
        "",
        "澳门新葡京娱乐城是亚洲最大的在线博彩平台，提供百家乐、真人视讯等游戏，新会员注册即送彩金。",
    ]
    reasons = junk_reasons(lines)
    assert reasons[0] is None and reasons[4] is None
    assert reasons[1] == reasons[6] == reasons[8] == "spam"  # (an advert told in sentences too)


def test_a_headline_with_a_word_spam_also_uses_is_no_spam() -> None:
    # 激情, 彩票 and 发票 name news too; spam names them as bait ("激情视频", "代开发票").
    for headline in ("点燃冰雪激情 一起向未来", "体育彩票助力全民健身", "全面推行数字化电子发票"):
        assert junk_reasons(["", headline, ""])[1] is None, headline
    for bait in ("激情视频免费看", "代开增值税发票 联系微信", "彩票平台注册送彩金"):
        assert junk_reasons(["", bait, ""])[1] == "spam", bait
