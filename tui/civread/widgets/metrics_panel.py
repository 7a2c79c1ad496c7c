"""The metrics side panel: what one article measures, and what the whole corpus holds.

Numbers a person compares (articles per province, keyword frequencies, keyword weights) are
drawn as horizontal bars, because a glance at bar lengths beats reading a column of digits.
Every line is fitted to the panel's width at render time, counting terminal cells (a Han
character is two), so nothing wraps mid-row and no character is cut in half.

Text from pages (keywords, figure phrases, province names) only ever enters as `rich.text.Text`,
never as markup: a keyword such as "[bold]" is shown as written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static
from textual.worker import get_current_worker

from civread.measures.keywords import KeywordModel
from civread.measures.metrics import ArticleMeasures, ArticleMetrics, CorpusMetrics, article_metrics
from civread.model import UNLOCATED_LABEL, Article, ArticleKind

__all__ = ["MetricsPanel", "bar_cells", "fit_cells"]

# Eighth blocks, so a bar's length is exact to 1/8 of a cell: "", "▏", "▎" … "▉", then "█".
_EIGHTHS = " ▏▎▍▌▋▊▉"
_FULL = "█"
NO_ARTICLE = "No article selected."
NO_CORPUS = "No corpus loaded."
NO_METRICS = "This article could not be measured."
MEASURING = "Measuring…"
# Articles up to this many characters are measured at once (a few ms); longer ones in a thread.
SYNC_LIMIT = 20_000
MAX_FIGURES = 40  # a very long article lists this many figures, then says how many more
ARTICLE_KEYWORD_BAR = 12  # cells: a keyword's weight is a hint, not the panel's subject
CORPUS_KEYWORDS = 15

# What each CleaningReport field is called in the panel; an unknown new field still shows.
_CLEANING_LABELS = {
    "lines_joined": "Lines joined",
    "chars_converted": "Chars simplified",
    "spaces_removed": "Spaces removed",
    "punctuation_widened": "Punctuation widened",
    "chars_folded": "Lookalikes folded",
    "control_chars_removed": "Controls removed",
    "junk_lines_dropped": "Junk lines dropped",
}


# ---------------------------------------------------------------- cell-width helpers


def fit_cells(text: Text | str, width: int, justify: str = "left") -> Text:
    """`text` made exactly `width` cells: cropped with "…" (never through a Han character), then padded."""
    line = text.copy() if isinstance(text, Text) else Text(text)
    line.no_wrap = True
    if width <= 0:
        return Text("")
    if cell_len(line.plain) > width:
        line.truncate(width, overflow="ellipsis")
    gap = width - cell_len(line.plain)
    if gap > 0:
        if justify == "right":
            line = Text.assemble(" " * gap, line)
        else:
            line.append(" " * gap)
    return line


def bar_cells(value: float, maximum: float, width: int) -> str:
    """A horizontal bar of block characters, `value / maximum` of `width` cells, to 1/8 cell.

    Any value above zero shows at least a sliver, so a small count never looks like none.
    """
    if width <= 0 or maximum <= 0 or value <= 0:
        return ""
    eighths = round(min(value, maximum) / maximum * width * 8)
    eighths = max(1, eighths)
    full, rest = divmod(eighths, 8)
    return _FULL * full + (_EIGHTHS[rest] if rest else "")


def _text_size(article: Article) -> int:
    return sum(len(p.text) for p in article.paragraphs)


def _number(value: int) -> str:
    return f"{value:,}"


# ---------------------------------------------------------------- width-aware renderables


class _Rows:
    """Label … value rows: labels left, values right-aligned.

    The label column keeps the widest label's width (a long value never squeezes "Han characters");
    a value too wide for what is left goes on its own line under its label, cropped only if it is
    wider than the whole panel.
    """

    def __init__(self, rows: Sequence[tuple[Text, Text]]) -> None:
        self.rows = list(rows)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        label_width = max((cell_len(label.plain) for label, _ in self.rows), default=0)
        label_width = max(1, min(label_width, width - 2))
        value_room = max(1, width - label_width - 1)
        value_width = min(value_room, max((cell_len(v.plain) for _, v in self.rows), default=0))
        for label, value in self.rows:
            if cell_len(value.plain) <= value_width:
                yield Text.assemble(
                    fit_cells(label, width - value_width - 1), " ", fit_cells(value, value_width, "right")
                )
            else:  # e.g. a long place: its own line, so neither it nor the label column is cut
                yield fit_cells(label, width)
                yield fit_cells(value, width, "right")


class _Columns:
    """Two left-aligned columns (a figure and what it counts); the first never takes over half."""

    def __init__(self, rows: Sequence[tuple[Text, Text]]) -> None:
        self.rows = list(rows)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        first = max((cell_len(a.plain) for a, _ in self.rows), default=0)
        first = min(first, max(1, width // 2))
        second = max(0, width - first - 1)
        for left, right in self.rows:
            yield Text.assemble(fit_cells(left, first), " ", fit_cells(right, second))


class _BarChart:
    """Label, bar, figure per row; bars scaled so the largest value fills the room left."""

    def __init__(
        self,
        rows: Sequence[tuple[Text, float, str]],
        bar_style: Style,
        max_bar: int | None = None,
    ) -> None:
        self.rows = list(rows)
        self.bar_style = bar_style
        self.max_bar = max_bar

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if not self.rows:
            return
        value_width = max(cell_len(shown) for _, _, shown in self.rows)
        label_width = max(cell_len(label.plain) for label, _, _ in self.rows)
        # Labels get what they need up to 2/5 of the width ("广西壮族自治区" fits at 36 cells),
        # at least 4 cells (two Han characters).
        label_width = min(label_width, max(4, width * 2 // 5))
        bar_width = width - label_width - value_width - 2
        if self.max_bar is not None:
            bar_width = min(bar_width, self.max_bar)
        maximum = max(value for _, value, _ in self.rows)
        for label, value, shown in self.rows:
            if bar_width < 2:  # too narrow for a chart: label and figure still line up
                yield Text.assemble(
                    fit_cells(label, max(1, width - value_width - 1)), " ", fit_cells(shown, value_width, "right")
                )
                continue
            bar = Text(bar_cells(value, maximum, bar_width), style=self.bar_style)
            yield Text.assemble(
                fit_cells(label, label_width),
                " ",
                fit_cells(bar, bar_width),
                " ",
                fit_cells(shown, value_width, "right"),
            )


# ---------------------------------------------------------------- the widget


class MetricsPanel(VerticalScroll):
    """Side panel: the current article's measures above, the corpus overview below.

    Set `keyword_model` (the corpus's tf-idf model) before `article` so keywords are ranked
    against the corpus; without it they rank by frequency in the article alone. `stored_measures`
    (set by the app) gives an article's measures as the page cache keeps them, so the panel shows
    what the export writes without tokenising the article again; it measures only when none are.
    """

    DEFAULT_CSS = """
    MetricsPanel {
        height: 1fr;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    MetricsPanel > Static {
        height: auto;
        width: 1fr;
    }
    MetricsPanel > #metrics-corpus {
        margin-top: 1;
    }
    MetricsPanel > .metrics-panel--heading {
        text-style: bold;
        color: $accent;
    }
    MetricsPanel > .metrics-panel--bar {
        color: $primary;
    }
    MetricsPanel > .metrics-panel--muted {
        color: $text-muted;
    }
    MetricsPanel > .metrics-panel--figure {
        text-style: bold;
    }
    """

    COMPONENT_CLASSES = {
        "metrics-panel--heading",
        "metrics-panel--bar",
        "metrics-panel--muted",
        "metrics-panel--figure",
    }

    article: reactive[Article | None] = reactive(None)
    corpus_metrics: reactive[CorpusMetrics | None] = reactive(None)
    # Articles that are a later printing of a story already in the corpus (a reprint): the corpus
    # counts them once as stories, beside the articles.
    reprinted: reactive[int] = reactive(0)

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.keyword_model: KeywordModel | None = None
        self.stored_measures: Callable[[Article], ArticleMeasures | None] | None = None
        # The measures of the article on show, for the app (export, tests) to reuse.
        self.metrics: ArticleMetrics | None = None
        self._pending: Article | None = None  # being measured in a worker

    def compose(self) -> ComposeResult:
        yield Static(Text(NO_ARTICLE), id="metrics-article")
        yield Static(Text(NO_CORPUS), id="metrics-corpus")

    def on_mount(self) -> None:
        """Draw what was set before mounting, and redraw when the theme changes its colours."""
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._show_all())
        self._show_all()

    def watch_article(self, article: Article | None) -> None:
        """Measure the new article and show it (in a thread if it is huge)."""
        self._pending = None
        if self.is_mounted:
            self.workers.cancel_group(self, "metrics")
        if article is not None and self.is_mounted and _text_size(article) > SYNC_LIMIT:
            # Keyword segmentation of a huge article takes long enough to freeze the reader.
            self.metrics = None
            self._pending = article
            self._show_article()
            self._measure_in_background(article)
            return
        self.metrics = self._measure(article)
        self._show_article()

    @work(thread=True, exclusive=True, group="metrics", exit_on_error=False)
    def _measure_in_background(self, article: Article) -> None:
        """Measure off the UI thread; a cancelled (superseded) measure reports nothing."""
        metrics = self._measure(article)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._measured, article, metrics)

    def _measured(self, article: Article, metrics: ArticleMetrics | None) -> None:
        """A background measure finished: show it unless the reader has moved on."""
        if article is not self.article or self._pending is not article:
            return
        self._pending = None
        self.metrics = metrics
        self._show_article()

    def _measure(self, article: Article | None) -> ArticleMetrics | None:
        """The article's metrics; None (and a plain message) if measuring failed, never a crash."""
        if article is None:
            return None
        try:
            stored = self.stored_measures(article) if self.stored_measures is not None else None
            return article_metrics(article, self.keyword_model, measures=stored)
        except Exception:  # noqa: BLE001 - a side panel must never take the reader down
            return None

    def watch_corpus_metrics(self, metrics: CorpusMetrics | None) -> None:
        """Redraw the corpus overview."""
        self._show_corpus()

    def watch_reprinted(self, reprinted: int) -> None:
        self._show_corpus()

    def refresh_metrics(self) -> None:
        """Measure the current article again (after `keyword_model` changed)."""
        self.watch_article(self.article)

    # ------------------------------------------------------------ rendering

    def _style(self, name: str) -> Style:
        """A component style as text attributes only (translucent colours blended, no background)."""
        style = self.get_component_rich_style(f"metrics-panel--{name}", default=Style())
        return Style(color=style.color, bold=style.bold, italic=style.italic, underline=style.underline)

    def _heading(self, title: str) -> Text:
        return Text(title, style=self._style("heading"), no_wrap=True, overflow="ellipsis")

    def _show_all(self) -> None:
        self._show_article()
        self._show_corpus()

    def _update(self, selector: str, renderable: RenderableType) -> None:
        if not self.is_mounted:
            return
        self.query_one(selector, Static).update(renderable)

    def _show_article(self) -> None:
        article, metrics = self.article, self.metrics
        if article is None:
            self._update("#metrics-article", Text(NO_ARTICLE))
            return
        if metrics is None:
            message = MEASURING if self._pending is article else NO_METRICS
            self._update("#metrics-article", Text(message, style=self._style("muted")))
            return
        self._update("#metrics-article", Group(*self._article_parts(article, metrics)))

    def _article_parts(self, article: Article, metrics: ArticleMetrics) -> Iterable[RenderableType]:
        muted, figure = self._style("muted"), self._style("figure")
        kind = "Photo" if article.kind == ArticleKind.PHOTO else "Article"
        minutes = f"≈ {metrics.reading_minutes} min" if metrics.reading_minutes else "—"
        yield self._heading(kind)
        yield _Rows(
            [
                (Text("Place"), Text(article.locality.label, style=muted if not article.locality.is_located else "")),
                (Text("Han characters"), Text(_number(metrics.han_chars), style=figure)),
                (Text("Paragraphs"), Text(_number(metrics.paragraphs), style=figure)),
                (Text("Sentences"), Text(_number(metrics.sentences), style=figure)),
                (Text("Reading time"), Text(minutes, style=figure)),
            ]
        )

        yield Text("")
        yield self._heading(f"Figures ({len(metrics.figures)})")
        if metrics.figures:
            shown = metrics.figures[:MAX_FIGURES]
            yield _Columns(
                [
                    (Text(f.value, style=figure), Text(f.counts) if f.counts else Text("—", style=muted))
                    for f in shown
                ]
            )
            if len(metrics.figures) > len(shown):
                yield Text(f"… and {len(metrics.figures) - len(shown)} more", style=muted)
        else:
            yield Text("No figures reported.", style=muted)

        yield Text("")
        yield self._heading("Keywords")
        if metrics.keywords:
            yield _BarChart(
                [(Text(word), score, f"{score:.2f}") for word, score in metrics.keywords],
                self._style("bar"),
                max_bar=ARTICLE_KEYWORD_BAR,
            )
        else:
            yield Text("No keywords.", style=muted)

        yield Text("")
        yield self._heading("Cleaning")
        counts = metrics.cleaning.as_dict()
        yield _Rows(
            [
                (
                    Text(_CLEANING_LABELS.get(name, name.replace("_", " ").capitalize()), style=muted if not n else ""),
                    Text(_number(n), style=muted if not n else figure),
                )
                for name, n in counts.items()
            ]
        )

    def _show_corpus(self) -> None:
        metrics = self.corpus_metrics
        if metrics is None:
            self._update("#metrics-corpus", Text(NO_CORPUS, style=self._style("muted")))
            return
        self._update("#metrics-corpus", Group(*self._corpus_parts(metrics)))

    def _corpus_parts(self, metrics: CorpusMetrics) -> Iterable[RenderableType]:
        muted, figure = self._style("muted"), self._style("figure")
        yield self._heading("Corpus")
        summary = Text()
        for i, (n, noun) in enumerate(
            ((metrics.pages, "page"), (metrics.articles, "article"), (metrics.localities, "locality"))
        ):
            if i:
                summary.append(" · ", style=muted)
            plural = noun if n == 1 else ("localities" if noun == "locality" else noun + "s")
            summary.append(_number(n), style=figure)
            summary.append(f" {plural}")
        yield summary
        if 0 < self.reprinted < metrics.articles:
            stories = Text()
            stories.append(_number(metrics.articles - self.reprinted), style=figure)
            stories.append(" stories")
            stories.append(f" · reprints counted once ({_number(self.reprinted)} more printings)", style=muted)
            yield stories
        if metrics.problems:
            yield Text(f"{_number(metrics.problems)} file(s) could not be read", style=muted)

        yield Text("")
        yield self._heading("Articles by province")
        provinces = sorted(
            ((name, n) for name, n in metrics.by_province if name != UNLOCATED_LABEL),
            key=lambda pn: (-pn[1], pn[0]),
        )
        unlocated = sum(n for name, n in metrics.by_province if name == UNLOCATED_LABEL)
        rows: list[tuple[Text, float, str]] = [(Text(name), float(n), _number(n)) for name, n in provinces]
        if unlocated:  # not a province: always last, muted, but drawn to the same scale
            rows.append((Text(UNLOCATED_LABEL, style=muted), float(unlocated), _number(unlocated)))
        if rows:
            yield _BarChart(rows, self._style("bar"))
        else:
            yield Text("No articles.", style=muted)

        yield Text("")
        timeline = metrics.timeline
        yield self._heading(f"Articles per {timeline.per}")
        if timeline.buckets:
            yield _BarChart([(Text(label), float(n), _number(n)) for label, n in timeline.buckets], self._style("bar"))
        if timeline.undated:
            yield Text(f"{_number(timeline.undated)} without a date on their page", style=muted)
        elif not timeline.buckets:
            yield Text("No articles.", style=muted)

        yield Text("")
        yield self._heading("Most frequent words")
        words = sorted(metrics.keywords, key=lambda wn: -wn[1])[:CORPUS_KEYWORDS]
        if words:
            yield _BarChart([(Text(w), float(n), _number(n)) for w, n in words], self._style("bar"))
        else:
            yield Text("No keywords.", style=muted)
