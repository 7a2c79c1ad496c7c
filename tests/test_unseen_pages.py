"""Pages written for these tests (not seeds): the splitting rules must hold on text nobody tuned for."""

from __future__ import annotations

from civread.model import ArticleKind, ParagraphKind
from civread.pipeline import process_text

# Two briefs with their headlines above them, a photo, and a feature whose headline block is
# printed after its body, at a column width unlike any seed's.
PAGE_A = """\
浙江安吉县：
垃圾分类进万家
◎ 王一鸣

本报讯（李晓）近日，浙江省湖州市安吉县在全县
推开生活垃圾分类“积分制”，居民投放一次可得
积分，积分可在村里的文明超市兑换日用品。

截至目前，全县已有12万户家庭参与，分类准确
率达到92%，村容村貌明显改善。

云南大理市：
洱海边的志愿“蓝马甲”

本报讯（赵云飞）每到周末，云南省大理白族自治州
大理市的志愿者便来到洱海边，清理岸线垃圾，劝
导游客文明观光。

今年以来，当地共组织志愿服务活动300余场，参
与志愿者5000余人次。

在江苏省苏州市姑苏区平江路，志愿者向游客
介绍古城保护知识。 陈明 摄

今年以来，江苏省苏州市姑苏区以古城保护为抓手，
深入推进文明城市创建，把文明实践融入街巷治理
的方方面面。

绣好“街巷文章”

姑苏区组织干部深入街巷，摸排问题清单，逐项
整改到位，让老街巷焕发新活力。

古城里的文明新风
——江苏苏州姑苏区推进文明城市创建纪实
◎ 周文 孙丽
"""


def _summary(text: str) -> list[tuple[str, str, bool]]:
    page = process_text(text, "unseen.txt")
    return [(a.kind.value, a.display_title, a.untitled) for a in page.articles]


def test_briefs_photo_and_displaced_feature_headline() -> None:
    assert _summary(PAGE_A) == [
        ("article", "浙江安吉县：垃圾分类进万家", False),
        ("article", "云南大理市：洱海边的志愿“蓝马甲”", False),
        ("photo", "在江苏省苏州市姑苏区平江路，志愿者向游客介绍古城…", True),  # its caption's start
        ("article", "古城里的文明新风", False),
    ]
    page = process_text(PAGE_A, "unseen.txt")
    feature = page.articles[3]
    assert feature.subtitle == "——江苏苏州姑苏区推进文明城市创建纪实"
    assert feature.byline == "周文 孙丽"
    assert [p.text for p in feature.paragraphs if p.kind is ParagraphKind.SUBHEAD] == ["绣好“街巷文章”"]
    assert page.articles[0].byline == "本报讯（李晓）；王一鸣"
    assert page.articles[2].kind is ArticleKind.PHOTO


def test_headlines_collected_at_the_end_are_matched_by_place() -> None:
    page = process_text(
        """\
本报讯（孙立）近日，福建省泉州市晋江市举办“文明家庭”
表彰会，30户家庭受到表彰。

本报讯（钱江）日前，甘肃省张掖市甘州区开展“文明交通
劝导”活动，志愿者在路口引导行人有序通行。

甘肃张掖甘州区：
志愿者路口劝导文明出行

福建晋江市：
30户“文明家庭”受表彰
""",
        "collected.txt",
    )
    titles = [a.display_title for a in page.articles]
    assert titles == ["福建晋江市：30户“文明家庭”受表彰", "甘肃张掖甘州区：志愿者路口劝导文明出行"]


def test_article_without_any_headline_stands_alone_untitled() -> None:
    page = process_text(
        "近日，湖南省长沙市岳麓区开展文明实践活动，\n吸引众多居民参与。\n\n活动现场气氛热烈，居民纷纷点赞。\n",
        "untitled.txt",
    )
    (article,) = page.articles
    assert article.untitled and article.title.startswith("近日，湖南省长沙市岳麓区")
