"""HTML: detected by content; full pages reduced to the article with the rest accounted for;
stray tags stripped line by line; malformed markup never raises."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civread.pipeline import process_bytes
from civread.pipeline.html import extract_html, looks_like_html
from civread.pipeline.text import HAN
from seedtext import seed_text

NEWS_PAGE = """\
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>浙江嘉善：社区食堂开进老小区_某某在线</title>
<meta property="og:title" content="浙江嘉善：社区食堂开进老小区">
<style>.nav li { display: inline; } body { color: #333; }</style>
<script>var _hmt = _hmt || []; document.title = "统计代码";</script>
</head>
<body>
<div id="top-bar" class="header">
  <ul class="nav"><li><a href="/">首页</a></li><li><a href="/news">新闻</a></li><li><a href="/sports">体育</a></li><li><a href="/life">生活</a></li></ul>
  <form class="search-box"><input type="text" placeholder="请输入关键词"><button>站内搜索</button></form>
</div>
<div class="main">
  <div class="crumbs">当前位置：首页 &gt; 本地新闻 &gt; 正文</div>
  <div class="article">
    <h1>浙江嘉善：社区食堂开进老小区</h1>
    <div class="info">2024-05-06 08:15　来源：嘉善日报</div>
    <div class="author">记者 周晓燕 通讯员 沈悦</div>
    <p>“以前中午总是随便对付一口，现在下楼就能吃上热乎饭。”家住罗星街道的陈阿姨端着餐盘说。今年以来，浙江省嘉兴市嘉善县在12个老旧小区开出社区食堂，每天供应午餐和晚餐。</p>
    <p>社区食堂由街道提供场地，引入专业餐饮企业运营，老年人用餐享受每餐3元的补贴。食堂还开设了送餐上门服务，为行动不便的独居老人解决吃饭难题。</p>
    <p>据统计，目前全县社区食堂日均服务老年人2800余人次。下一步，嘉善县将把社区食堂向农村延伸，力争年底前实现镇（街道）全覆盖。</p>
    <div class="share-bar">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
  </div>
  <div id="comment-list">
    <h3>网友评论</h3>
    <div class="comment-item"><span>热心市民</span><p>我们小区什么时候能有？盼望早日开到城西！</p></div>
    <div class="comment-item"><span>老张</span><p>三块钱一顿真实惠，点赞。</p></div>
  </div>
  <div class="sidebar">
    <h3>热点推荐</h3>
    <ul><li><a>端午假期全县接待游客超过十万人次</a></li><li><a>新建城市书房本月底投入使用</a></li></ul>
  </div>
</div>
<div class="footer">
  <p>关于我们 | 联系我们 | 广告服务 | 网站地图</p>
  <p>Copyright © 2024 某某在线 版权所有　浙ICP备00000000号</p>
</div>
<script>document.write("<p>广告位招租</p>");</script>
</body>
</html>
"""
HEADLINE = "浙江嘉善：社区食堂开进老小区"
BODY_STARTS = ("“以前中午总是随便对付一口", "社区食堂由街道提供场地", "据统计，目前全县社区食堂")


# --------------------------------------------------------------------------- detection


def test_seed_with_stray_tags_is_html_and_plain_seeds_are_not() -> None:
    assert looks_like_html(seed_text("001"))
    for prefix in ("000", "002", "003", "004"):
        assert not looks_like_html(seed_text(prefix)), prefix


@pytest.mark.parametrize(
    "text",
    [
        "今天最低气温<5℃，最高气温>20℃，湿度<60%。\n明天转晴。",
        "当x<y且y>z时，结论成立。\n代码片段 a<b>c 只出现一次。",
        "新书<<乡村振兴>>出版，<作者签名版>限量发售。",
        "联系邮箱：<editor@example.cn>，网址<https://example.cn>。",
        "比分 3<4 ，<-- 箭头 -->，<=，>=，<>。" * 20,
    ],
)
def test_plain_text_mentioning_angle_brackets_is_not_html(text: str) -> None:
    assert not looks_like_html(text)


@pytest.mark.parametrize(
    "text",
    [
        NEWS_PAGE,
        "<p>第一段。</p>\n<p>第二段。</p>\n<div>第三段。</div>",
        "<!doctype html>\n正文",
        "正文一行\n<BR>\n<Span class=x>正文</Span>\n",
    ],
)
def test_markup_is_html(text: str) -> None:
    assert looks_like_html(text)


# --------------------------------------------------------------------------- full pages


def test_full_page_keeps_the_article_headline_first_paragraphs_blank_separated() -> None:
    result = extract_html(NEWS_PAGE)
    lines = result.lines
    assert lines[0] == HEADLINE
    text_lines = [line for line in lines if line]
    # Headline, byline, three paragraphs; nothing else.
    assert len(text_lines) == 5, text_lines
    assert text_lines[1] == "记者 周晓燕 通讯员 沈悦"
    for start, line in zip(BODY_STARTS, text_lines[2:]):
        assert line.startswith(start)
    # One paragraph per line, a blank line between paragraphs.
    assert all(lines[i] == "" for i in range(1, len(lines), 2))
    joined = "\n".join(lines)
    for furniture in ("首页", "分享到", "网友评论", "热点推荐", "版权所有", "ICP", "广告位", "统计代码", "站内搜索"):
        assert furniture not in joined, furniture


def test_full_page_furniture_is_returned_with_reasons() -> None:
    removed = dict(extract_html(NEWS_PAGE).removed)
    assert removed["首页"].endswith("(navigation)")
    assert removed["当前位置：首页 > 本地新闻 > 正文"].endswith("(navigation)")
    assert removed["分享到：微信 微博 QQ空间"].endswith("(share buttons)")
    assert removed["三块钱一顿真实惠，点赞。"].endswith("(reader comments)")
    assert removed["新建城市书房本月底投入使用"].endswith("(sidebar)")
    assert removed["关于我们 | 联系我们 | 广告服务 | 网站地图"].endswith("(page footer)")
    assert removed["站内搜索"].endswith("(page header)")
    assert removed["2024-05-06 08:15 来源：嘉善日报"] == "date and source line"
    assert all(reason.startswith("page furniture outside the article") for text, reason in removed.items()
               if not text.startswith("2024"))
    # Scripts and styles are not page text: neither kept nor listed.
    assert not any("广告位" in line or "_hmt" in line for line in removed)


def _visible_han(page: str) -> list[str]:
    """Han characters a reader sees: the body without scripts, styles and the head."""
    body = re.sub(r"<(script|style|head)\b.*?</\1>", "", page, flags=re.S | re.I)
    return sorted(HAN.findall(re.sub(r"<[^>]+>", "", body)))


def test_full_page_loses_no_visible_text() -> None:
    result = extract_html(NEWS_PAGE)
    accounted = sorted(HAN.findall("".join(result.lines) + "".join(text for text, _ in result.removed)))
    assert accounted == _visible_han(NEWS_PAGE)


def test_page_without_an_article_gives_one_problem_and_no_lines() -> None:
    # Issue 10: a page of menus and links is one problem line, never its visible lines kept.
    menu_page = NEWS_PAGE.split('<div class="article">')[0] + "</div></body></html>"  # header, menu, crumbs
    result = extract_html(menu_page)
    assert result.lines == []
    assert result.problem and "no article" in result.problem
    assert any(text == "首页" for text, _ in result.removed)  # nothing disappears silently


def test_full_page_through_the_pipeline_is_one_article_without_furniture() -> None:
    page = process_bytes(NEWS_PAGE.encode("gb18030"), "news.html")
    assert page.format == "html" and page.encoding == "gb18030"
    (article,) = page.articles
    assert article.display_title == HEADLINE
    assert article.byline == "记者 周晓燕 通讯员 沈悦"
    assert article.text.startswith(BODY_STARTS[0])
    assert "三块钱" not in article.text and "首页" not in article.text
    assert any(r.text.startswith("当前位置") for r in page.removed)


def test_deeply_nested_page_keeps_its_text() -> None:
    page = "<html><body>" + "<div>" * 3000 + "深处的一段文字。" + "</div>" * 3000 + "</body></html>"
    assert [line for line in extract_html(page).lines if line] == ["深处的一段文字。"]


def test_xml_declared_page_with_a_legacy_charset_label() -> None:
    page = '<?xml version="1.0" encoding="gb2312"?>\n<html><body><h1>标题</h1><p>正文第一段，讲述了一件事。</p></body></html>'
    assert "正文第一段，讲述了一件事。" in extract_html(page).lines


# --------------------------------------------------------------------------- stray tags


def test_seed_with_stray_tags_keeps_its_lines_and_loses_no_han() -> None:
    text = seed_text("001")
    result = extract_html(text)
    assert len(result.lines) == len(text.splitlines())
    assert not any(re.search(r"<[a-zA-Z/!][^>]*>", line) for line in result.lines)
    assert result.lines[:5] == ["", "", "", "", ""]  # lines that held only tags are empty
    assert result.lines[5].strip() == "數字報"  # the "2." of an <ol> around the tags is residue
    assert ("1.", "markup residue (list numbering)") in result.removed
    assert ("2.", "markup residue (list numbering)") in result.removed
    # The copyright clauses' own "1." "2." (no tags around them) stay for the junk rules to judge.
    assert sum(1 for line in result.lines if line.strip() in ("1.", "2.", "3.")) == 3
    assert sorted(HAN.findall("".join(result.lines))) == sorted(HAN.findall(text))


def test_entities_are_decoded_after_tags_are_stripped() -> None:
    result = extract_html("<span>标题</span>\n&nbsp;&nbsp;正文&amp;附录&#x4E2D;&#25991;&lt;p&gt;结束&hellip;\n<b>一</b>")
    assert result.lines == ["标题", "\u00a0\u00a0正文&附录中文<p>结束…", "一"]


def test_block_tags_inside_a_line_split_it_and_inline_tags_do_not() -> None:
    result = extract_html("<p>第一段。</p><p>第二段有<b>加粗</b>文字。</p><br>第三段。\n<div></div>")
    assert result.lines == ["第一段。", "第二段有加粗文字。", "第三段。", ""]


def test_script_style_and_comments_are_removed_with_reasons() -> None:
    text = "正文一。\n<script type='text/javascript'>\nvar ad = '广告';\nshow(ad);\n</script>\n<style>p{color:red}</style>正文二。\n<!-- 注释里的文字 -->\n<p>正文三。</p>"
    result = extract_html(text)
    assert [line for line in result.lines if line] == ["正文一。", "正文二。", "正文三。"]
    assert ("var ad = '广告';", "script") in result.removed
    assert ("show(ad);", "script") in result.removed
    assert ("p{color:red}", "style") in result.removed
    assert ("注释里的文字", "HTML comment") in result.removed


def test_list_numbers_with_text_are_kept() -> None:
    result = extract_html("<ol>\n<li>1. 第一条措施。</li>\n<li>2. 第二条措施。</li>\n</ol>\n3. 普通文字的编号")
    assert [line for line in result.lines if line] == ["1. 第一条措施。", "2. 第二条措施。", "3. 普通文字的编号"]
    assert result.removed == []


def test_a_tag_broken_over_lines_is_still_a_tag() -> None:
    result = extract_html('<a href="/x"\n   class="link">链接文字</a>\n<span>其他</span><i>x</i>')
    assert [line for line in result.lines if line] == ["链接文字", "其他x"]


def test_only_markup_yields_no_text() -> None:
    for page in ("<div><span></span></div>\n<br/>\n<p> </p>", "<html><head><title></title></head><body><div></div></body></html>"):
        assert not any(line.strip() for line in extract_html(page).lines)


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><div><p>未闭合的段落",
        "<<<>>>",
        "<p",
        "<!-- 没有结尾的注释",
        "<script>var a = 1;",
        "<html>",
        "</html></body><body>倒置</p>",
        "<html><body>\x00\x01控制字符\ud800</body></html>",
        "<![CDATA[数据]]><p>文字</p>",
        "<table><tr><td>单元格" * 200,
    ],
)
def test_malformed_markup_never_raises(page: str) -> None:
    result = extract_html(page)
    assert isinstance(result.lines, list) and all(isinstance(line, str) for line in result.lines)


_fragments = st.sampled_from(["<p>", "</p>", "<div class='a'>", "</div>", "<br>", "<script>", "</script>", "<!--", "-->",
                              "&nbsp;", "&#x4E2D;", "&amp", "<html>", "<body>", "\n", "文字", "段落。", "<", ">", "1. "])


@settings(max_examples=60, deadline=None)
@given(st.lists(_fragments, max_size=40))
def test_any_mix_of_markup_fragments_never_raises(parts: list[str]) -> None:
    result = extract_html("".join(parts))
    assert all("\n" not in line for line in result.lines)
