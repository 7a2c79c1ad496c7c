"""The metrics panel: an article's numbers, the corpus as bar charts, page text shown literally, narrow widths."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterator

import pytest
from rich.cells import cell_len
from rich.console import Console
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Static

from civread.corpus import load_corpus
from civread.measures.keywords import KeywordModel
from civread.measures.metrics import CorpusMetrics, article_metrics, corpus_metrics
from civread.model import UNLOCATED_LABEL, Article, ArticleKind, Corpus, Paragraph
from civread.seeds import seeds_dir
from civread.widgets.metrics_panel import MEASURING, NO_ARTICLE, SYNC_LIMIT, MetricsPanel, bar_cells, fit_cells
from conftest import run_async, settle

_BLOCKS = " ▏▎▍▌▋▊▉█"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    with pytest.MonkeyPatch.context() as patch:  # module-scoped: conftest's isolated_dirs is per test
        patch.setenv("CIVREAD_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield load_corpus([seeds_dir()], cache=False, workers=1)


@pytest.fixture(scope="module")
def model(corpus: Corpus) -> KeywordModel:
    return KeywordModel.from_corpus(corpus)


class PanelApp(App[None]):
    """The panel alone, as the reader would host it."""

    def compose(self) -> ComposeResult:
        yield MetricsPanel(id="metrics")


def run_panel(size: tuple[int, int], body: Callable[[Pilot[None], MetricsPanel], Awaitable[None]]) -> None:
    """Run `body` against a mounted panel in a headless app of `size` (columns, rows)."""

    @run_async

    async def main() -> None:
        app = PanelApp()
        async with app.run_test(size=size) as pilot:
            panel = app.query_one(MetricsPanel)
            await body(pilot, panel)
            await pilot.pause()

    main()




def panel_lines(panel: MetricsPanel) -> list[str]:
    """Every line the panel's sections render, scrolled into view or not, as plain text."""
    lines: list[str] = []
    for static in panel.query(Static):
        width, height = static.size
        lines += [strip.text.rstrip() for strip in static.render_lines(Region(0, 0, width, height))]
    return lines


HEADINGS = {"Article", "Photo", "Keywords", "Cleaning", "Corpus", "Articles by province", "Most frequent words"}


def section(lines: list[str], heading: str) -> list[str]:
    """The lines under `heading`, up to the next blank line or heading."""
    start = lines.index(heading) + 1
    end = start
    while end < len(lines) and lines[end].strip() and lines[end] not in HEADINGS:
        end += 1
    return lines[start:end]


def bar_eighths(line: str) -> int:
    """A bar's length in eighths of a cell."""
    return sum(_BLOCKS.index(ch) for ch in line if ch in _BLOCKS[1:])


def test_article_shows_its_numbers_keywords_figures_and_cleaning(corpus: Corpus, model: KeywordModel) -> None:
    article = max(corpus.articles, key=lambda a: a.report.chars_converted)  # the page that was traditional
    expected = article_metrics(article, model)
    assert expected.figures and expected.keywords and expected.cleaning.chars_converted

    async def body(pilot: Pilot[None], panel: MetricsPanel) -> None:
        panel.keyword_model = model
        panel.article = article
        await pilot.pause()
        assert panel.metrics is not None
        assert panel.metrics.as_dict() == expected.as_dict()
        lines = panel_lines(panel)
        text = "\n".join(lines)
        assert re.search(rf"Han characters\s+{expected.han_chars:,}$", text, re.M)
        assert re.search(rf"Paragraphs\s+{expected.paragraphs}$", text, re.M)
        assert re.search(rf"Sentences\s+{expected.sentences}$", text, re.M)
        assert re.search(rf"Reading time\s+≈ {expected.reading_minutes} min$", text, re.M)
        assert f"Figures ({len(expected.figures)})" in text
        first = expected.figures[0]
        assert any(line.startswith(first.value) and first.counts in line for line in lines)
        keyword_lines = section(lines, "Keywords")
        assert [line.split()[0] for line in keyword_lines] == [w for w, _ in expected.keywords]
        weights = [bar_eighths(line) for line in keyword_lines]
        assert weights == sorted(weights, reverse=True) and weights[0] > weights[-1] > 0
        assert re.search(rf"Chars simplified\s+{expected.cleaning.chars_converted:,}$", text, re.M)
        assert re.search(rf"Junk lines dropped\s+{expected.cleaning.junk_lines_dropped:,}$", text, re.M)

    run_panel((44, 40), body)


def test_no_article_then_article_then_none_again(corpus: Corpus) -> None:
    async def body(pilot: Pilot[None], panel: MetricsPanel) -> None:
        assert panel_lines(panel)[0] == NO_ARTICLE
        panel.article = corpus.articles[0]
        await pilot.pause()
        assert NO_ARTICLE not in panel_lines(panel)
        assert panel.metrics is not None
        panel.article = None
        await pilot.pause()
        assert panel_lines(panel)[0] == NO_ARTICLE
        assert panel.metrics is None

    run_panel((40, 30), body)


def test_a_huge_article_is_measured_off_the_ui_thread_and_stale_results_are_dropped(
    corpus: Corpus, model: KeywordModel
) -> None:
    paragraphs = [p for a in corpus.articles for p in a.paragraphs]
    huge = Article(
        id="0123456789ab-01",
        source="huge.txt",
        kind=ArticleKind.ARTICLE,
        title="合订本",
        paragraphs=paragraphs,
    )
    assert len(huge.text) > SYNC_LIMIT
    small = min(corpus.articles, key=lambda a: len(a.text))

    async def body(pilot: Pilot[None], panel: MetricsPanel) -> None:
        panel.keyword_model = model
        panel.article = huge
        assert panel.metrics is None  # not measured on the UI thread
        await settle(pilot)
        expected = article_metrics(huge, model)
        assert panel.metrics is not None and panel.metrics.han_chars == expected.han_chars
        text = "\n".join(panel_lines(panel))
        assert f"{expected.han_chars:,}" in text and MEASURING not in text
        # The reader moves on before the huge article is measured: its result must not land.
        panel.article = None
        panel.article = huge
        panel.article = small
        await settle(pilot)
        assert panel.metrics is not None
        assert panel.metrics.as_dict() == article_metrics(small, model).as_dict()
        assert f"{article_metrics(small, model).han_chars:,}" in "\n".join(panel_lines(panel))

    run_panel((44, 40), body)


def test_province_chart_is_sorted_and_bars_are_proportional() -> None:
    # Out of order on purpose: the panel sorts by count, Unlocated always last.
    metrics = CorpusMetrics(
        pages=3,
        articles=30,
        articles_by_kind={"article": 30, "photo": 0},
        localities=6,
        by_province=[("广东省", 3), (UNLOCATED_LABEL, 5), ("四川省", 12), ("广西壮族自治区", 7), ("山西省", 1)],
        keywords=[("文明", 40), ("志愿", 10), ("服务", 20)],
    )

    async def body(pilot: Pilot[None], panel: MetricsPanel) -> None:
        panel.corpus_metrics = metrics
        await pilot.pause()
        lines = panel_lines(panel)
        assert "3 pages · 30 articles · 6 localities" in lines
        chart = section(lines, "Articles by province")
        assert [line.split()[0] for line in chart] == ["四川省", "广西壮族自治区", "广东省", "山西省", UNLOCATED_LABEL]
        counts = [int(line.split()[-1]) for line in chart]
        assert counts == [12, 7, 3, 1, 5]
        full = bar_eighths(chart[0])
        assert full >= 8 * 10  # the largest bar uses the room it has
        for line, count in zip(chart, counts):
            assert abs(bar_eighths(line) - full * count / 12) <= 1, line
        # Bars start in one column whatever the label's script, so lengths compare at a glance.
        starts = {cell_len(line[: min(line.index(ch) for ch in _BLOCKS[1:] if ch in line)]) for line in chart}
        assert len(starts) == 1
        words = section(lines, "Most frequent words")
        assert [line.split()[0] for line in words] == ["文明", "服务", "志愿"]
        assert [bar_eighths(line) * 4 // bar_eighths(words[0]) for line in words] == [4, 2, 1]

    run_panel((44, 40), body)


def test_real_corpus_overview(corpus: Corpus, model: KeywordModel) -> None:
    metrics = corpus_metrics(corpus, model)

    async def body(pilot: Pilot[None], panel: MetricsPanel) -> None:
        panel.corpus_metrics = metrics
        await pilot.pause()
        lines = panel_lines(panel)
        assert f"{metrics.pages} pages · {metrics.articles} articles" in "\n".join(lines)
        chart = section(lines, "Articles by province")
        assert sum(int(line.split()[-1]) for line in chart) == metrics.articles
        words = section(lines, "Most frequent words")
        counts = [int(line.split()[-1].replace(",", "")) for line in words]
        assert counts == sorted(counts, reverse=True) and counts[0] == metrics.keywords[0][1]
        assert [line.split()[0] for line in words] == [w for w, _ in metrics.keywords[: len(words)]]

    run_panel((40, 40), body)


def test_the_corpus_counts_a_reprinted_story_once(corpus: Corpus, model: KeywordModel) -> None:
    metrics = corpus_metrics(corpus, model)

    async def body(pilot: Pilot[None], panel: MetricsPanel) -> None:
        panel.corpus_metrics = metrics
        await pilot.pause()
        assert not any("stories" in line for line in panel_lines(panel))  # no reprints: articles only
        panel.reprinted = 3
        await pilot.pause()
        text = "\n".join(panel_lines(panel))
        assert f"{metrics.articles} articles" in text
        assert f"{metrics.articles - 3} stories" in text and "3 more printings" in text

    run_panel((60, 40), body)


class _MarkupKeywords(KeywordModel):
    """A keyword model whose article keywords look like Rich markup, as page text can."""

    def rank(self, terms: object, n: int = 8) -> list[tuple[str, float]]:
        return [("[bold]加粗[/bold]", 0.5), ("[link=http://x]点[/link]", 0.25)]


def test_page_text_that_looks_like_markup_is_shown_literally() -> None:
    article = Article(
        id="feedface0000-01",
        source="markup.txt",
        kind=ArticleKind.ARTICLE,
        title="[red]标题[/red]",
        paragraphs=[Paragraph("全市共有[red]320名[/red]志愿者参加活动。[b]已有12个社区建成[/b]。")],
    )
    metrics = CorpusMetrics(
        pages=1,
        articles=1,
        articles_by_kind={"article": 1},
        localities=1,
        by_province=[("[bold]省[/bold]", 1)],
        keywords=[("[i]斜体[/i]", 3), ("[/]", 2)],
    )

    async def body(pilot: Pilot[None], panel: MetricsPanel) -> None:
        panel.keyword_model = _MarkupKeywords()
        panel.article = article
        panel.corpus_metrics = metrics
        await pilot.pause()
        text = "\n".join(panel_lines(panel))
        for literal in ("[bold]加粗[/bold]", "[bold]省[/bold]", "[i]斜体[/i]", "[/]"):
            assert literal in text
        assert "[link=http://x]" in text
        # Figures next to markup-like brackets are still found and shown as the page has them.
        assert panel.metrics is not None
        assert [f.value for f in panel.metrics.figures] == ["320名", "12个"]
        assert re.search(r"^12个\s+社区$", text, re.M)

    run_panel((60, 60), body)


@pytest.mark.parametrize("width", [28, 30, 36, 48])
def test_narrow_panels_fit_every_line_and_never_cut_a_han_character(
    corpus: Corpus, model: KeywordModel, width: int
) -> None:
    article = max(corpus.articles, key=lambda a: len(a.text))
    metrics = corpus_metrics(corpus, model)

    async def body(pilot: Pilot[None], panel: MetricsPanel) -> None:
        panel.keyword_model = model
        panel.article = article
        panel.corpus_metrics = metrics
        await pilot.pause()
        pilot.app.theme = "textual-light"  # a theme change re-renders with the new component styles
        await pilot.pause()
        room = panel.query_one("#metrics-article", Static).size.width
        assert 0 < room < width
        lines = panel_lines(panel)
        assert max(cell_len(line) for line in lines) <= room
        # A row wider than the panel would lose its right end: every count must still be there.
        expected = panel.metrics
        assert expected is not None
        text = "\n".join(lines)
        assert re.search(rf"^Han characters\s+{expected.han_chars:,}$", text, re.M)
        assert re.search(rf"^Reading time\s+≈ {expected.reading_minutes} min$", text, re.M)
        cleaning = section(lines, "Cleaning")
        assert [int(line.split()[-1].replace(",", "")) for line in cleaning] == list(expected.cleaning.as_dict().values())
        words = section(lines, "Most frequent words")
        assert [(line.split()[0], line.split()[-1]) for line in words] == [
            (w, f"{n:,}") for w, n in metrics.keywords[: len(words)]
        ]
        provinces = section(lines, "Articles by province")
        assert sum(int(line.split()[-1]) for line in provinces) == metrics.articles
        for f in expected.figures[:10]:
            assert any(line.startswith(f.value[: room // 2 - 1]) for line in lines), f.value

    run_panel((width, 50), body)


def test_fit_cells_crops_whole_characters_only() -> None:
    for width in range(0, 12):
        fitted = fit_cells("广西壮族自治区", width)
        assert cell_len(fitted.plain) == width
        kept = fitted.plain.rstrip(" …")
        assert "广西壮族自治区".startswith(kept)
    assert fit_cells("广西壮族自治区", 5).plain == "广西…"
    assert fit_cells("42", 5, "right").plain == "   42"
    assert fit_cells("[bold]x", 10).plain == "[bold]x   "


def test_bar_cells_are_exact_to_an_eighth() -> None:
    assert bar_cells(10, 10, 6) == "█" * 6
    assert bar_cells(5, 10, 6) == "███"
    assert bar_cells(3, 8, 1) == "▍" and bar_cells(12, 16, 2) == "█▌"
    assert bar_cells(0, 10, 6) == "" and bar_cells(3, 0, 6) == ""
    assert bar_cells(1, 1000, 6) == "▏"  # small but not nothing
    for value in range(0, 41):
        assert bar_eighths(bar_cells(value, 40, 5)) == (max(1, round(value * 40 / 40)) if value else 0)


def test_bar_chart_renders_at_any_width_without_overflow(corpus: Corpus, model: KeywordModel) -> None:
    from civread.widgets import metrics_panel as mp

    metrics = corpus_metrics(corpus, model)
    rows = [(mp.Text(w), float(n), f"{n:,}") for w, n in metrics.keywords] + [
        (mp.Text("内蒙古自治区"), 3.0, "3"),
        (mp.Text(UNLOCATED_LABEL), 1.0, "1"),
    ]
    console = Console(width=200, record=True, color_system=None)
    for width in range(6, 50):
        lines = console.render_lines(mp._BarChart(rows, mp.Style()), console.options.update_width(width), pad=False)
        assert len(lines) == len(rows)
        for line, (label, _, shown) in zip(lines, rows):
            plain = "".join(seg.text for seg in line)
            assert cell_len(plain) <= width
            assert plain.rstrip().endswith(shown)
            head = plain.split(" ")[0].rstrip("…")
            assert label.plain.startswith(head)


@pytest.mark.parametrize("width", [28, 30])
def test_a_long_place_never_squeezes_the_label_column(corpus: Corpus, model: KeywordModel, width: int) -> None:
    """A three-level place is wider than a narrow panel's value column: the labels stay whole and
    the place goes on its own line (whole, or cropped with "…" only when wider than the panel)."""
    from dataclasses import replace

    from civread.model import Locality

    base = max(corpus.articles, key=lambda a: len(a.text))
    place = Locality("黑龙江省", "大兴安岭地区", "加格达奇区", "232701")
    article = replace(base, locality=place)

    async def body(pilot: Pilot[None], panel: MetricsPanel) -> None:
        panel.keyword_model = model
        panel.article = article
        await pilot.pause()
        lines = panel_lines(panel)
        room = panel.query_one("#metrics-article", Static).size.width
        expected = panel.metrics
        assert expected is not None
        text = "\n".join(lines)
        for label, value in (("Han characters", f"{expected.han_chars:,}"), ("Paragraphs", f"{expected.paragraphs:,}"),
                             ("Sentences", f"{expected.sentences:,}")):
            assert re.search(rf"^{label}\s+{value}$", text, re.M), (label, lines)
        shown = next(line.strip() for line in lines if "黑龙江省" in line)
        assert shown == place.label if cell_len(place.label) <= room else shown.endswith("…")
        assert max(cell_len(line) for line in lines) <= room

    run_panel((width, 60), body)


def test_stored_measures_are_shown_without_tokenising_the_article_again(
    corpus: Corpus, model: KeywordModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app hands the panel the measures the page cache keeps: the panel ranks their term
    counts against the corpus and never segments the article's text itself."""
    from civread.measures import keywords as keywords_mod
    from civread.measures.metrics import measure_article

    article = max(corpus.articles, key=lambda a: len(a.text))
    stored = measure_article(article)
    expected = article_metrics(article, model, measures=stored)
    asked: list[str] = []

    def no_tokenising(text: str) -> list[str]:
        raise AssertionError("the panel tokenised an article whose measures are stored")

    monkeypatch.setattr(keywords_mod, "keyword_tokens", no_tokenising)

    def lookup(a: Article) -> object:
        asked.append(a.id)
        return stored

    async def body(pilot: Pilot[None], panel: MetricsPanel) -> None:
        panel.keyword_model = model
        panel.stored_measures = lookup  # type: ignore[assignment]
        panel.article = article
        await settle(pilot)
        assert asked and asked[-1] == article.id
        assert panel.metrics is not None and panel.metrics.as_dict() == expected.as_dict()
        keyword_lines = section(panel_lines(panel), "Keywords")
        assert [line.split()[0] for line in keyword_lines] == [w for w, _ in expected.keywords]

    run_panel((44, 60), body)
