"""Properties of the pipeline over arbitrary text and bytes (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civread.pipeline import LoadError, process_bytes, process_text
from civread.pipeline.normalize import normalize_line
from civread.pipeline.sanitize import sanitize_line
from seedtext import seed_text
from test_nothing_lost import page_accounting

SEED_LINES = [line for prefix in ("000", "001", "002", "003", "004") for line in seed_text(prefix).splitlines()]

# Text that looks like the pages: seed lines, Han characters, CJK punctuation, ASCII, blanks,
# headline marks and junk shapes, in any order.
_pieces = st.one_of(
    st.sampled_from(SEED_LINES),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=30),
    st.sampled_from(["，", "。", "“", "”", "：", "——", "◎ ", "本报讯（某某）", "图为", "摄", " ", "\n", "\n\n", "　", "(", ")", ",", "分享到", "版权所有"]),
    st.text(max_size=20),
)
page_texts = st.lists(_pieces, max_size=40).map("".join)
LIMITS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@LIMITS
@given(page_texts)
def test_pipeline_never_raises_on_text(text: str) -> None:
    try:
        page = process_text(text, "fuzz.txt")
    except LoadError as exc:
        assert exc.reason
        return
    assert all(a.title for a in page.articles)


@LIMITS
@given(st.binary(max_size=4000))
def test_pipeline_never_raises_on_bytes(data: bytes) -> None:
    try:
        process_bytes(data, "fuzz.bin")
    except LoadError as exc:
        assert exc.reason


@LIMITS
@given(page_texts)
def test_every_han_character_lands_somewhere(text: str) -> None:
    try:
        page = process_text(text, "fuzz.txt")
    except LoadError:
        return
    had, went = page_accounting(page)
    assert had == went


@LIMITS
@given(page_texts)
def test_cleaning_a_cleaned_article_changes_nothing(text: str) -> None:
    try:
        page = process_text(text, "fuzz.txt")
    except LoadError:
        return
    for article in page.articles:
        for paragraph in article.paragraphs:
            again, _ = normalize_line(sanitize_line(paragraph.text)[0])
            assert again == paragraph.text
        for field in (("" if article.untitled else article.title), article.subtitle, article.byline, article.kicker):
            assert normalize_line(sanitize_line(field)[0])[0] == field.strip() or not field.strip()
