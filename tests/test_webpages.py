"""Saved web pages (issue 10): ONE article per page with its true headline, furniture accounted
for, a page without an article as one problem, a missing part reported once.

Every page here is written for the test (invented places and people); none is copied from a site.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from civread.model import ParagraphKind
from civread.pipeline import LoadError, process_bytes, process_text
from civread.pipeline.web import extract_web, is_web_document

PARAGRAPHS = (
    "青禾县今年春季在全县十二个乡镇推广稻田养蟹，参与农户比去年增加了三成，县农业农村局派出技术员驻村指导。",
    "技术员介绍，蟹苗投放前要先做好田埂加固和防逃网，水位要比普通稻田高出十厘米左右，才能保证螃蟹安全过夏。",
    "石桥村种粮大户韩立新算了一笔账：一亩稻田除了稻谷收入，还能多收两百斤螃蟹，扣除成本后每亩增收一千五百元以上。",
    "县里还与两家电商平台签订了销售协议，秋季上市的稻田蟹将通过冷链直接发往周边城市，解决农户的销路问题。",
)
HEADLINE = "青禾县推广稻田养蟹 亩均增收一千五百元"


def _article_html(*, headline: str = HEADLINE, extra_in_article: str = "", paragraphs: tuple[str, ...] = PARAGRAPHS) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<div class="article">
  <h1>{headline}</h1>
  <div class="info">2023-04-18 09:30 来源：青禾日报</div>
  <div class="content">
{body}
{extra_in_article}
  </div>
</div>"""


def _page(*, title: str, article: str, before: str = "", after: str = "", head: str = "") -> str:
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title>{head}</head>
<body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/a">时政</a></li><li><a href="/b">乡村</a></li><li><a href="/c">登录</a></li></ul></div>
<div class="crumbs">当前位置：首页 &gt;&gt; 新闻 &gt;&gt; 正文</div>
{before}
{article}
{after}
<div class="footer"><p>关于我们 | 联系我们 | 网站地图</p><p>Copyright © 2023 青禾新闻网 版权所有</p></div>
</body></html>"""


def _one_article(page: str, name: str = "page.html"):
    result = process_text(page, name)
    assert len(result.articles) == 1, [a.title for a in result.articles]
    return result, result.articles[0]


def _body_ok(text: str) -> None:
    for paragraph in PARAGRAPHS:
        assert paragraph in text


# --------------------------------------------------------------------------- headline


def test_title_with_the_site_name_gives_the_printed_headline() -> None:
    page = _page(title=f"{HEADLINE}_青禾新闻网", article=_article_html(),
                 head=f'<meta property="og:title" content="{HEADLINE} - 青禾新闻网">')
    result, article = _one_article(page)
    assert article.title == HEADLINE and article.kicker == ""
    _body_ok(article.text)
    assert "青禾新闻网" not in article.text and "首页" not in article.text
    assert HEADLINE not in article.text  # the headline is the title, not a paragraph


def test_title_that_is_a_section_name_loses_to_the_printed_headline() -> None:
    article_html = _article_html().replace("<h1>", '<h5 class="tit">').replace("</h1>", "</h5>")
    page = _page(title="工作动态--青禾县农学会官网", article=article_html,
                 before='<div class="menu"><a href="/d">工作动态</a> <a href="/e">通知公告</a></div>')
    _, article = _one_article(page)
    assert article.title == HEADLINE


def test_a_credit_line_is_never_the_headline_nor_split_into_a_kicker() -> None:
    # No <h1>, no meta: the headline is a plain line; a 来源 line sits right above the body.
    article_html = f"""<div class="main"><div class="t">{HEADLINE}</div>
<div class="src">来源：青禾日报 责任编辑：孟晓</div>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}</div>"""
    page = _page(title=f"{HEADLINE} - 青禾新闻网", article=article_html)
    _, article = _one_article(page)
    assert article.title == HEADLINE and article.kicker == ""
    assert "来源" not in article.title and "责任编辑" not in article.title


def test_breadcrumb_and_menu_words_are_never_the_headline() -> None:
    page = _page(title="青禾新闻网", article=_article_html().replace("<h1>", "<div>").replace("</h1>", "</div>"))
    _, article = _one_article(page)
    assert article.title not in ("青禾新闻网", "登录", "时政", "首页") and ">>" not in article.title
    assert article.title == HEADLINE


# --------------------------------------------------------------------------- body


def test_fragment_without_a_document_skeleton_goes_through_the_extractor() -> None:
    fragment = f"""<div id="wrap">
<div class="nav"><a href="/">首页</a> | <a href="/x">时政</a> | <a href="/y">乡村</a></div>
{_article_html()}
<div class="related"><h3>相关新闻</h3><ul><li><a href="/1">青禾县召开春耕生产推进会部署全年工作</a></li>
<li><a href="/2">石桥村文化礼堂建成开放迎来首批村民</a></li></ul></div>
</div>"""
    assert is_web_document(fragment)
    _, article = _one_article(fragment)
    assert article.title == HEADLINE
    _body_ok(article.text)
    assert "春耕生产推进会" not in article.text and "首页" not in article.text


def test_comment_section_longer_than_the_article_is_left_out() -> None:
    comments = "\n".join(
        f'<div class="comment-item"><span class="user">网友{i}</span><p>我们村也想试试稻田养蟹，不知道县里第{i}批技术培训什么时候开始报名，'
        f"希望能早点公布时间，大家都很关心这件事情，盼着早日增收。</p></div>"
        for i in range(12)
    )
    page = _page(title=f"{HEADLINE}_青禾新闻网", article=_article_html(),
                 after=f'<div id="comments"><h3>网友评论</h3>{comments}</div>')
    result, article = _one_article(page)
    _body_ok(article.text)
    assert "网友" not in article.text and "报名" not in article.text
    assert any("reader comments" in r.reason for r in result.removed if "报名" in r.text)


def test_related_links_copyright_and_original_title_inside_the_article_are_cut() -> None:
    extra = """<p>（原标题：稻田里养出“致富蟹”）</p>
<p class="more">延伸阅读</p>
<ul><li><a href="/r1">邻县发展林下经济带动三千户增收</a></li><li><a href="/r2">小龙虾价格回落养殖户如何应对</a></li></ul>
<p>免责声明：本文仅代表作者观点，转载请注明出处。</p>"""
    page = _page(title=f"{HEADLINE}_青禾新闻网", article=_article_html(extra_in_article=extra))
    result, article = _one_article(page)
    _body_ok(article.text)
    for furniture in ("原标题", "延伸阅读", "林下经济", "免责声明"):
        assert furniture not in article.text, furniture
    reasons = {r.text: r.reason for r in result.removed}
    assert any("林下经济" in text for text in reasons)  # nothing disappears silently


def test_sentences_that_mention_links_or_codes_are_article_text() -> None:
    extra = ("<p>报名的农户可扫描二维码关注县农业农村局公众号，也可点击进入县政府网站填写申请表。</p>"
             "<p>扫描下方二维码解锁更多技能</p>")
    page = _page(title=f"{HEADLINE}_青禾新闻网", article=_article_html(extra_in_article=extra))
    result, article = _one_article(page)
    assert "填写申请表" in article.text
    assert "解锁更多技能" not in article.text
    assert ("扫描下方二维码解锁更多技能", "app or account promotion") in [(r.text, r.reason) for r in result.removed]


def test_closing_credit_printed_after_the_article_box_is_kept() -> None:
    article_html = _article_html() + '\n<div class="editor">（责任编辑：孟晓）</div>'
    page = _page(title=f"{HEADLINE}_青禾新闻网", article=article_html)
    _, article = _one_article(page)
    assert article.paragraphs[-1].text == "（责任编辑：孟晓）"


def test_a_list_of_names_is_not_keyword_stuffing() -> None:
    names = "获奖农户：韩立新 孟春花 林夏 石磊 许晓东 周一帆 柯明 邵亚楠 唐静 龚文博"
    page = _page(title=f"{HEADLINE}_青禾新闻网", article=_article_html(extra_in_article=f"<p>{names}</p>"))
    _, article = _one_article(page)
    assert "许晓东" in article.text and "龚文博" in article.text


def test_photo_caption_stays_in_the_article_as_a_caption() -> None:
    extra = ('<figure><img src="crab.jpg"><figcaption>石桥村农户在稻田里投放蟹苗。通讯员 林夏 摄</figcaption></figure>'
             "<p>据了解，全县稻田养蟹面积预计今年将达到两万亩。</p>")
    page = _page(title=f"{HEADLINE}_青禾新闻网", article=_article_html(extra_in_article=extra))
    _, article = _one_article(page)
    captions = [p for p in article.paragraphs if p.kind is ParagraphKind.CAPTION]
    assert [p.text for p in captions] == ["石桥村农户在稻田里投放蟹苗。通讯员 林夏 摄"]
    assert "两万亩" in article.text


def test_spam_mirror_keeps_the_article_and_drops_the_spam() -> None:
    stuffing = "稻田蟹,稻田蟹价格,稻田蟹批发,稻田蟹养殖,稻田蟹哪里买,大闸蟹,稻田蟹价格,稻田蟹批发,螃蟹养殖技术"
    spam = f"""<div class="links"><p>{stuffing}</p>
<p><a href="http://x.example">澳门新葡京娱乐城</a> <a href="http://y.example">百家乐真人视讯</a></p></div>"""
    page = _page(title=f"[青禾化妆品]{HEADLINE}", article=_article_html(extra_in_article=f"<p>{stuffing}</p>"),
                 after=spam)
    _, article = _one_article(page)
    assert article.title == HEADLINE
    _body_ok(article.text)
    for junk in ("化妆品", "娱乐城", "百家乐", "稻田蟹批发"):
        assert junk not in article.text and junk not in article.title, junk


def test_gbk_page_is_one_article() -> None:
    page = _page(title=f"{HEADLINE}_青禾新闻网", article=_article_html())
    data = page.replace('charset="utf-8"', 'charset="gbk"').replace("©", "(C)").encode("gbk")
    result = process_bytes(data, "gbk.html")
    assert result.encoding in ("gbk", "gb18030", "gb2312")
    (article,) = result.articles
    assert article.title == HEADLINE
    _body_ok(article.text)


# --------------------------------------------------------------------------- no article


def test_page_with_no_article_is_one_problem_not_menu_records(tmp_path: Path) -> None:
    menu = "".join(f'<li><a href="/{i}">栏目{i}</a></li>' for i in range(40))
    page = _page(title="青禾新闻网", article=f'<div class="channels"><ul>{menu}</ul></div>')
    with pytest.raises(LoadError) as caught:
        process_text(page, "menu.html")
    assert "no article" in str(caught.value) and "\n" not in str(caught.value)

    from civread.corpus import load_corpus

    (tmp_path / "menu.html").write_text(page, encoding="utf-8")
    (tmp_path / "news.html").write_text(_page(title=HEADLINE, article=_article_html()), encoding="utf-8")
    corpus = load_corpus([tmp_path], cache=False, workers=1)
    assert [p.source for p in corpus.pages] == ["news.html"]
    assert len(corpus.pages[0].articles) == 1
    (problem,) = corpus.problems
    assert problem.path.endswith("menu.html") and "no article" in problem.reason


# --------------------------------------------------------------------------- deep nesting


def test_fifty_thousand_nested_divs_neither_glue_title_and_h1_nor_fail() -> None:
    deep = "<div>" * 50_000 + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>" * 50_000
    page = f"<html><head><title>青禾新闻网</title></head><body><h1>{HEADLINE}</h1>{deep}</body></html>"
    result = extract_web(page)
    assert result.problem is None
    assert result.title == HEADLINE
    assert all(p in result.lines for p in PARAGRAPHS)
    _, article = _one_article(page)
    assert article.title == HEADLINE


# --------------------------------------------------------------------------- a part that cannot load


def test_missing_lxml_html_clean_is_reported_once_and_pages_are_still_read(tmp_path: Path) -> None:
    # A package of that name that fails to import shadows the real one, in every worker too.
    fake = tmp_path / "shadow" / "lxml_html_clean"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        'raise ModuleNotFoundError("No module named \'lxml_html_clean\'", name="lxml_html_clean")\n', encoding="utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(3):
        (pages / f"news{i}.html").write_text(_page(title=f"{HEADLINE}_青禾新闻网", article=_article_html()),
                                             encoding="utf-8")
    out = tmp_path / "out.jsonl"
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "shadow"), HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"))
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from civread.export import main; sys.exit(main(sys.argv[1:]))",
         str(pages), "--format", "jsonl", "-o", str(out)],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    notices = [line for line in done.stderr.splitlines() if "cannot load" in line]
    assert len(notices) == 1, done.stderr
    assert "trafilatura" in notices[0] and "lxml_html_clean" in notices[0]
    assert "Traceback" not in done.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 3  # one article per page, read by the part that did load
    for record in records:
        assert record["title"] == HEADLINE
        _body_ok(record["text"])
        assert "首页" not in record["text"]


def test_all_parts_load_in_this_install() -> None:
    from civread.pipeline.web import missing_parts, missing_parts_notice

    assert missing_parts() == () and missing_parts_notice() is None


def test_the_missing_part_notice_reaches_the_load_notices_once_and_only_with_web_pages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # What the reader shows in its notice: the load's notices (the export prints the same list).
    import civread.corpus as corpus_module
    from civread.pipeline.web import missing_parts_notice

    missing = "web pages were read with fewer extractors than usual: cannot load trafilatura (test)"
    monkeypatch.setattr(corpus_module, "missing_parts_notice", lambda: missing)
    web_dir = tmp_path / "web"
    web_dir.mkdir()
    for i in range(3):
        (web_dir / f"n{i}.html").write_text(_page(title=HEADLINE, article=_article_html()), encoding="utf-8")
    text_dir = tmp_path / "text"
    text_dir.mkdir()
    (text_dir / "plain.txt").write_text("\n".join(PARAGRAPHS), encoding="utf-8")

    notices: list[str] = []
    corpus_module.load_corpus([web_dir], cache=False, workers=1, notices=notices)
    assert notices.count(missing) == 1
    notices.clear()
    corpus_module.load_corpus([text_dir], cache=False, workers=1, notices=notices)
    assert missing not in notices
    assert missing_parts_notice() is None  # the real check, in this complete install
