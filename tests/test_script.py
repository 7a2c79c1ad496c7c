"""Traditional → simplified: detection on real pages, conversion, and the 著 particle."""

from civread.pipeline.script import is_traditional, to_simplified
from seedtext import seed_page, seed_text


def test_detects_the_traditional_seed_and_only_it() -> None:
    assert is_traditional(seed_text("001"))
    for prefix in ("000", "002", "003", "004"):
        assert not is_traditional(seed_text(prefix)), prefix


def test_converts_the_traditional_seed_fully() -> None:
    page = seed_page("001")
    assert page.original_script.value == "traditional"
    converted = "\n".join(line.clean for line in page.lines)
    assert not is_traditional(converted)
    assert "肇庆" in converted and "肇慶" not in converted
    # The original text is kept for the "show original" view.
    assert "肇慶" in page.original_text


def test_zhu_particle_becomes_zhe_but_zhu_words_stay() -> None:
    assert to_simplified("騎著一輛摩托車") == "骑着一辆摩托车"
    assert to_simplified("倡導著文明理念，唱著歌") == "倡导着文明理念，唱着歌"
    for word in ("顯著", "著名", "著作", "土著", "卓著", "讀原著"):
        assert "著" in to_simplified(word), word


def test_zhu_on_the_seed() -> None:
    page = seed_page("001")
    text = "\n".join(p.text for a in page.articles for p in a.paragraphs)
    assert "骑着一辆摩托车" in text and "怀着使命" in text
    # every 著 of this page is the particle
    assert "著" not in text


def test_line_structure_survives_conversion() -> None:
    text = seed_text("001")
    assert to_simplified(text).count("\n") == text.count("\n")


def test_fast_conversion_is_exactly_opencc() -> None:
    from opencc import OpenCC

    from civread.pipeline.script import _converter

    s2t, t2s = OpenCC("s2t"), OpenCC("t2s")
    for prefix in ("000", "001", "002", "003", "004"):
        for text in (seed_text(prefix), s2t.convert(seed_text(prefix))):
            assert _converter().convert(text) == t2s.convert(text)
    # a phrase OpenCC converts as a phrase, not character by character
    assert _converter().convert("一目瞭然，不瞭解") == t2s.convert("一目瞭然，不瞭解") == "一目了然，不了解"
