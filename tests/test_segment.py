"""Each seed page splits into the articles a person would cut out, each with its own headline."""

import pytest

from civread.model import ArticleKind, ParagraphKind
from seedtext import seed_page

# (kind, headline as printed (kicker included) or None for untitled, start of the body text)
EXPECTED = {
    "000": [
        ("article", "滴水穿石久久为功不断提升文明城市质量与成色", "2023年是全面贯彻落实党的二十大精神"),
        ("article", "黑龙江哈尔滨市在68个街道开展快递行业“四随”志愿服务", "在近日举行的黑龙江省哈尔滨市"),
        ("article", "青海贵德县：突出五个“更加注重”推动主题教育见行见效", "青海省海南藏族自治州贵德县紧紧围绕"),
        ("photo", None, "近年来，四川省华蓥市税务部门"),
        ("article", "陕西西乡县：“五个百场”凝聚茶乡正能量", "今年以来，陕西省汉中市西乡县"),
        ("article", "山西阳泉市：弘扬新时代雷锋精神擦亮城市文明底色", "近年来，山西省阳泉市围绕建机制"),
    ],
    "001": [
        ("article", "文明赋能处处景 一路春色满目新", "核心提示：自2020年11月"),
    ],
    "002": [
        ("article", "青海久治县：“四个聚焦”助推“一学三促”活动走深走实", "自百名干部下乡开展"),
        ("photo", "铭记历史勿忘国耻", "为加强新时代爱国主义教育"),
        ("article", "内蒙古呼伦贝尔市海拉尔区：抓市容环境整治 助城市“颜值”提升", "随着文明城市创建工作的深入推进"),
        ("article", "陕煤黄陵矿业二号煤矿：以星级评选激发队伍活力", "“‘星级评定’结果出来啦"),
        ("article", "安徽休宁县：“志愿服务+”让基层治理更有温度", "爱心理发、家电维修"),
        ("article", "广西南宁市：传播文明风尚 共建美好城市", "4月3日，广西壮族自治区南宁市"),
        ("article", "共创文明城市 共享文明成果", "漫步乐山街头"),
    ],
    "003": [
        ("article", "北京海淀“九大行动”深化全国文明城区创建工作", "1月28日，北京市海淀区文明委全会"),
        ("article", "党建引领聚合力 结对帮扶促发展", "河南省漯河市临颍县巨陵镇大段村"),
        ("article", None, "寒冬时节，正在听青海省西宁市城中区"),
        ("article", "山西晋城西街街道办：小红车打通服务群众“最后一百米”", "上门登记外地返乡居民"),
        ("article", None, "近期，黑龙江省齐齐哈尔市充分发挥"),
    ],
    "004": [
        ("article", "“文明实践+”激活志愿服务“源动力”", "近年来，山西省太原市小店区新时代文明实践中心"),
        ("article", "青海乌兰县柯柯镇：远程教育“充电赋能”乡村振兴提质增效", "今年以来，青海省海西州乌兰县柯柯镇"),
        ("photo", None, "近日，四川省眉山市青神县瑞峰镇"),
        ("article", "广西河池市巴马县：以真抓实干掀起创建热潮", "今年以来，广西壮族自治区巴马瑶族自治县"),
        ("article", "四川安岳县姚市镇：禁毒宣传进校园 护航青春助成长", "为进一步加强校园禁毒宣传力度"),
        ("article", "达州调查队“四有”推动学习贯彻党的二十大精神升温加热", "今年以来，国家统计局达州调查队"),
        ("article", "四川乐至县启动第五届乐至好人评选表扬活动", "近日，四川省资阳市乐至县启动"),
        ("article", "陕煤黄陵矿业二号煤矿：降本有“道”增效有“方”", "今年以来，陕煤黄陵矿业公司二号煤矿"),
    ],
}


def _summary(prefix: str) -> list[tuple[str, str | None, str]]:
    return [
        (a.kind.value, None if a.untitled else a.display_title, a.text)
        for a in seed_page(prefix).articles
    ]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_page_splits_into_its_articles(prefix: str) -> None:
    got = _summary(prefix)
    expected = EXPECTED[prefix]
    assert [(k, t) for k, t, _ in got] == [(k, t) for k, t, _ in expected]
    for (_, _, text), (_, _, start) in zip(got, expected):
        assert text.startswith(start), (start, text[:40])


def test_bylines() -> None:
    bylines = {a.display_title: a.byline for p in ("000", "002", "003", "004") for a in seed_page(p).articles}
    assert bylines["滴水穿石久久为功不断提升文明城市质量与成色"] == "莫学松曾淼"
    assert bylines["青海贵德县：突出五个“更加注重”推动主题教育见行见效"] == "张冰钰"
    assert bylines["黑龙江哈尔滨市在68个街道开展快递行业“四随”志愿服务"] == "本报讯（刘希阳）"
    assert bylines["党建引领聚合力 结对帮扶促发展"] == "胡文斌 谷东方翟红伟"
    assert bylines["广西河池市巴马县：以真抓实干掀起创建热潮"] == "苏瑞宁韦惠银"
    assert bylines["达州调查队“四有”推动学习贯彻党的二十大精神升温加热"] == "周利珍 黄长彬"


def test_kicker_subtitle_and_subheads() -> None:
    leshan = seed_page("002").articles[-1]
    assert leshan.subtitle == "——四川乐山市创建全国文明城市工作综述"
    assert [p.text for p in leshan.paragraphs if p.kind is ParagraphKind.SUBHEAD] == [
        "健全机制确保常态长效", "创建为民催生城市蝶变", "文明引领凝聚创建合力"]
    jiuzhi = seed_page("002").articles[0]
    assert jiuzhi.kicker == "青海久治县"
    zhaoqing = seed_page("000").articles[0]
    assert [p.text for p in zhaoqing.paragraphs if p.kind is ParagraphKind.SUBHEAD] == [
        "凝心铸魂 夯实创建之本", "着眼民生 打牢创建之基", "拓展延伸 擦亮创建底色", "价值引领 彰显创建之魂"]


def test_web_page_is_one_article_with_captions_and_subheads() -> None:
    (article,) = seed_page("001").articles
    captions = [p.text for p in article.paragraphs if p.kind is ParagraphKind.CAPTION]
    assert len(captions) == 4 and captions[2].endswith("市文化馆供图")
    subheads = [p.text for p in article.paragraphs if p.kind is ParagraphKind.SUBHEAD]
    assert subheads == ["思想引领 铸就城市之魂", "惠民为民 共筑和谐之家", "成风化人 润泽文明之城"]
    assert article.byline.startswith("文/西江日报记者 陈明红")
    assert article.paragraphs[0].kind is ParagraphKind.LEAD


def test_photos_are_their_own_entries() -> None:
    for prefix in ("000", "002", "004"):
        photos = [a for a in seed_page(prefix).articles if a.kind is ArticleKind.PHOTO]
        assert len(photos) == 1
        (caption,) = photos[0].paragraphs
        assert caption.kind is ParagraphKind.CAPTION
        assert caption.text.endswith("摄")
