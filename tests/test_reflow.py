"""Hard-wrapped lines back into paragraphs, on the seed text that needs each rule."""

from civread.pipeline.reflow import reflow
from seedtext import seed_page


def _paragraph_with(prefix: str, needle: str) -> str:
    texts = [p.text for a in seed_page(prefix).articles for p in a.paragraphs if needle in p.text]
    assert len(texts) == 1, (needle, texts)
    return texts[0]


def test_blank_line_mid_sentence_is_joined() -> None:
    # 000: "讲出了“趣味”" / blank / "“鲜味”“乡土味”…"
    text = _paragraph_with("000", "趣味")
    assert "讲出了“趣味”“鲜味”“乡土味”，在潜移默化中让党的创新理论走进万家、深入人心。" in text
    # 000: "居民们都乐" / blank / "开了怀。"
    assert _paragraph_with("000", "焕然一新").endswith("居民们都乐开了怀。")


def test_double_spaced_lead_is_one_paragraph() -> None:
    # 004: the Xiaodian lead has a blank line after every line.
    text = _paragraph_with("004", "小店区新时代文明实践中心立足")
    assert text.startswith("近年来，山西省太原市小店区新时代文明实践中心立足“凝聚群众、引导群众，以文化人、成风化俗”的工作目标")
    assert text.endswith("人民群众的获得感、幸福感、安全感不断提高。")
    assert "截至5月7日，活跃在小店区的注册志愿者达7.04万余人" in text


def test_short_line_ending_a_sentence_ends_the_paragraph() -> None:
    # 000: "“文明肇庆·志愿之城”品牌。" is followed directly by a new paragraph.
    text = _paragraph_with("000", "志愿之城")
    assert text.endswith("“文明肇庆·志愿之城”品牌。")
    assert _paragraph_with("000", "如今走进肇庆").startswith("如今走进肇庆，迎面拂来的是清新的文明之风")


def test_full_line_ending_mid_sentence_always_continues() -> None:
    lines = ["今年以来，某县积极推进文明城市创建工", "", "作，取得明显成效。", "", "下一段开始了。"]
    paragraphs = reflow(lines, set())
    assert [p.text for p in paragraphs] == ["今年以来，某县积极推进文明城市创建工作，取得明显成效。", "下一段开始了。"]


def test_latin_words_keep_their_space_across_a_wrap() -> None:
    paragraphs = reflow(["The site runs on Powered", "by CmsTop and more."], set())
    assert paragraphs[0].text == "The site runs on Powered by CmsTop and more."


def test_lines_joined_are_counted() -> None:
    article = seed_page("003").articles[0]
    assert article.report.lines_joined >= 100


def test_a_credit_in_brackets_after_the_last_sentence_ends_the_paragraph() -> None:
    # "…剪窗花。（张伟 刘芳）": the reporters' credit closes the story; the text after the blank
    # line is a new paragraph (the lead of another piece), not the sentence going on.
    lines = ["学校还请来镇上的老手艺人，教孩子们编竹篮、剪", "窗花。（张伟 刘芳）", "", "今年东坪县新建高标准果园三千亩，引进", "优质苹果品种十二个。"]
    assert [p.text[:4] for p in reflow(lines, set())] == ["学校还请", "今年东坪"]
    # A bracket that does not follow a sentence's end leaves the sentence open.
    lines = ["学校开设了书法、围棋等兴趣课程（二十多门", "）", "", "每天下午都能选一门。"]
    assert len(reflow(lines, set())) == 1
