"""The reader pane: one article, pre-wrapped with 避头尾 rules, centred in a comfortable measure.

Why a Line API widget and not a Static: Rich and Textual wrap Chinese anywhere (a line may start
with "，"). Every line here comes from `civread.linebreak.wrap_cjk`, at most MEASURE cells wide,
and is drawn as is; on resize the article is wrapped again and the reading position kept.

Page text is data: every line is a `rich.text.Text` built with `Text(str)`, never from markup.
Search matches are styled by span offsets (`civread.search.Span`) mapped onto the wrapped lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from civread.linebreak import wrap_cjk
from civread.model import Article, ArticleKind, ParagraphKind
from civread.names import safe_name
from civread.search import BYLINE, LOCALITY, PARAGRAPH, SUBTITLE, TITLE, Span

__all__ = ["ArticleView", "MEASURE"]

MEASURE = 76  # cells: ~38 Han characters, a comfortable line for Chinese
MIN_MEASURE = 8
PLACEHOLDER = "Choose an article in the sidebar (enter), or press ] for the first one."

SectionKey = tuple[str, int | None]


@dataclass(slots=True)
class _LineRef:
    """Where a drawn line's text sits inside a searchable section's display string."""

    line: int  # index into the drawn lines
    start: int  # offset of the line's first character in the section text
    end: int
    prefix: int  # characters of decoration before the section text on this line


DATE_SOURCES = {
    "dateline": "its dateline",
    "lead": "its lead, the year from the page",
    "masthead": "the page's masthead",
    "web": "the web page's markup",
}


def date_line(article: Article) -> str:
    """The article's date and where the page says it (or that it does not)."""
    if not article.date:
        return "Date: the page does not say"
    return f"Date: {article.date} (from {DATE_SOURCES.get(article.date_source, article.date_source)})"


class ArticleView(ScrollView, can_focus=True):
    """Shows one article (or its original text), with search matches highlighted."""

    class Scrolled(Message):
        """The reader moved or changed what it shows: the position line must be redrawn.
        Posted on every scroll step, so a newer one replaces one still queued."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ArticleView.Scrolled)

    BINDINGS = [
        Binding("down,j", "scroll_down", "Down", show=False, id="reader.down"),
        Binding("up,k", "scroll_up", "Up", show=False, id="reader.up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="reader.page_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="reader.bottom"),
    ]

    COMPONENT_CLASSES = {
        "article-view--headline",
        "article-view--subtitle",
        "article-view--byline",
        "article-view--meta",
        "article-view--subhead",
        "article-view--caption",
        "article-view--lead",
        "article-view--rule",
        "article-view--match",
        "article-view--current-match",
    }

    DEFAULT_CSS = """
    ArticleView {
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
    }
    ArticleView > .article-view--headline { text-style: bold; color: $text-accent; }
    ArticleView > .article-view--subtitle { color: $text-secondary; }
    ArticleView > .article-view--byline { color: $text-muted; }
    ArticleView > .article-view--meta { color: $text-muted; }
    ArticleView > .article-view--subhead { text-style: bold; }
    ArticleView > .article-view--caption { color: $text-muted; text-style: italic; }
    ArticleView > .article-view--lead { text-style: bold; color: $text-secondary; }
    ArticleView > .article-view--rule { color: $panel-lighten-2; }
    ArticleView > .article-view--match { background: $warning 40%; }
    ArticleView > .article-view--current-match { background: $warning; color: $background; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.original = False
        self.spans: list[Span] = []
        self.reprints: list[tuple[str, str]] = []  # (id, label) of where else the article ran
        self.current: Span | None = None
        self._lines: list[Text] = []
        self._refs: dict[SectionKey, list[_LineRef]] = {}
        self._laid_out_width = -1
        self._measure = MEASURE
        self._pending_y: float | None = None

    # ------------------------------------------------------------ public

    def show(
        self, article: Article | None, *, original: bool = False, scroll_y: float = 0.0,
        reprints: list[tuple[str, str]] | None = None,
    ) -> None:
        """Display an article from `scroll_y` (lines); `reprints`: (id, label) of where else it ran."""
        self.article = article
        self.original = original
        self.reprints = list(reprints or [])
        self.spans = []
        self.current = None
        self._relayout(force=True)
        self._pending_y = scroll_y
        self._apply_pending_scroll()
        self.post_message(self.Scrolled())

    def _apply_pending_scroll(self) -> None:
        """Restore a saved position as soon as the view has a height.

        `scroll_to` is ignored until the first layout has enabled the scrollbars, so the
        offset is set directly (clamped to the article) once the height is known.
        """
        y = self._pending_y
        height = self.scrollable_content_region.height
        if y is None or height <= 0:
            return
        self._pending_y = None
        y = max(0, min(round(y), len(self._lines) - height))
        self.set_scroll(None, y)
        self.set_reactive(ArticleView.scroll_target_y, y)
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.position = y
        self.refresh()
        self.post_message(self.Scrolled())

    def set_original(self, original: bool) -> None:
        """Switch between the cleaned article and the page text it came from."""
        self.original = original
        self._relayout(force=True)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.post_message(self.Scrolled())

    def set_matches(self, spans: list[Span], current: Span | None = None) -> None:
        """Highlight these matches; scroll to `current` when it is given."""
        self.spans = list(spans)
        self.current = current
        self._relayout(force=True)
        if current is not None:
            line = self.line_of(current)
            if line is not None:
                target = max(0, line - max(1, self.scrollable_content_region.height // 3))
                if not (self.scroll_y <= line < self.scroll_y + self.scrollable_content_region.height):
                    self.scroll_to(y=target, animate=False, immediate=True)
        self.post_message(self.Scrolled())

    @property
    def line_refs(self) -> dict[SectionKey, list[_LineRef]]:
        """Where each section's text landed: its drawn lines and offsets (read-only, for tests)."""
        return self._refs

    @property
    def lines(self) -> list[str]:
        """The drawn lines as plain text (what a person sees, for tests)."""
        return [line.plain for line in self._lines]

    @property
    def percent(self) -> int:
        """How far the view has scrolled through the article, 0–100 (100: all of it seen)."""
        if not self._lines:
            return 0
        if self.max_scroll_y <= 0:
            return 100
        return round(100 * min(1.0, self.scroll_y / self.max_scroll_y))

    def line_of(self, span: Span) -> int | None:
        """The drawn line where a match starts (None if not shown, e.g. in the original text)."""
        for ref in self._refs.get((span.section, span.paragraph_index), []):
            if ref.start <= span.start < max(ref.end, ref.start + 1):
                return ref.line
        return None

    # ------------------------------------------------------------ layout

    def on_resize(self) -> None:
        self._relayout()
        self._apply_pending_scroll()

    def _relayout(self, force: bool = False) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            width = MEASURE + 4
        if not force and width == self._laid_out_width:
            return
        old_total = max(1, len(self._lines))
        fraction = self.scroll_y / old_total
        self._laid_out_width = width
        # One free cell each side at the very least; never wider than the measure.
        self._measure = max(MIN_MEASURE, min(MEASURE, width - 2))
        self._build()
        self.virtual_size = Size(width, len(self._lines))
        if not force:
            self.scroll_to(y=round(fraction * len(self._lines)), animate=False, immediate=True)
        self.refresh()

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"article-view--{name}", partial=True)

    def _build(self) -> None:
        self._lines = []
        self._refs = {}
        article = self.article
        if article is None:
            self._lines.append(Text(""))
            for line in wrap_cjk(PLACEHOLDER, self._measure):
                self._lines.append(Text(line, style=self._style("meta")))
            return
        width = self._measure
        self._lines.append(Text(""))
        self._section(TITLE, None, article.display_title, self._style("headline"))
        if article.subtitle:
            self._section(SUBTITLE, None, article.subtitle, self._style("subtitle"))
        if article.byline:
            self._section(BYLINE, None, article.byline, self._style("byline"))
        meta = self._style("meta")
        self._plain(date_line(article), meta)
        if article.locality.is_located:
            self._section(LOCALITY, None, article.locality.label, meta, prefix="Place: ")
        else:
            self._plain("Place: not located", meta)
        kind = "photo · " if article.kind == ArticleKind.PHOTO else ""
        self._plain(f"{kind}Source: {safe_name(article.source_path or article.source)}", meta)
        others = self.reprints
        if others:
            self._plain(f"Also ran {len(others)} more time{'s' if len(others) > 1 else ''} (r opens the next):", meta)
            for _, label in others[:8]:
                self._plain(f"  · {label}", meta)
            if len(others) > 8:
                self._plain(f"  … and {len(others) - 8} more", meta)
        self._lines.append(Text("─" * width, style=self._style("rule")))
        if self.original:
            self._plain("Original text, as on the page before cleaning:", self._style("subtitle"))
            self._lines.append(Text(""))
            for raw in (article.original_text or "").split("\n"):
                self._plain(raw, Style(), keep_blank=True)
            self._lines.append(Text(""))
            return
        styles = {
            ParagraphKind.BODY: Style(),
            ParagraphKind.LEAD: self._style("lead"),
            ParagraphKind.SUBHEAD: self._style("subhead"),
            ParagraphKind.CAPTION: self._style("caption"),
        }
        for i, paragraph in enumerate(article.paragraphs):
            self._lines.append(Text(""))
            self._section(PARAGRAPH, i, paragraph.text, styles.get(paragraph.kind, Style()))
        self._lines.append(Text(""))
        self._lines.append(Text("─" * width, style=self._style("rule")))
        self._plain("End of article. ] next article, [ previous.", meta)

    def set_reprints(self, reprints: list[tuple[str, str]]) -> None:
        """Where else the article on show ran (known once the corpus is measured)."""
        if reprints != self.reprints:
            self.reprints = list(reprints)
            self._relayout(force=True)

    def _plain(self, text: str, style: Style, keep_blank: bool = False) -> None:
        wrapped = wrap_cjk(text, self._measure)
        if not wrapped and keep_blank:
            wrapped = [""]
        for line in wrapped:
            self._lines.append(Text(line, style=style))

    def _section(self, name: str, index: int | None, text: str, style: Style, prefix: str = "") -> None:
        """Wrap one searchable string, remember where each line sits in it, highlight its matches."""
        key = (name, index)
        refs: list[_LineRef] = []
        wrapped = wrap_cjk(prefix + text, self._measure)
        pos = 0
        for n, line in enumerate(wrapped):
            lead = len(prefix) if (prefix and n == 0) else 0
            body = line[lead:]
            start = text.find(body, pos) if body else pos
            if start < 0:
                start = pos
            end = start + len(body)
            pos = end
            drawn = Text(line, style=style)
            refs.append(_LineRef(len(self._lines), start, end, lead))
            self._lines.append(drawn)
        self._refs[key] = refs
        spans = [s for s in self.spans if s.section == name and s.paragraph_index == index]
        for span in spans:
            look = self._style("current-match") if span == self.current else self._style("match")
            for ref in refs:
                lo, hi = max(span.start, ref.start), min(span.end, ref.end)
                if lo < hi:
                    offset = ref.prefix - ref.start
                    self._lines[ref.line].stylize(look, lo + offset, hi + offset)

    # ------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = round(self.scroll_y) + y
        if index >= len(self._lines) or width <= 0:
            return Strip.blank(width, base)
        line = self._lines[index]
        pad = max(0, (width - self._measure) // 2)
        segments = [Segment(" " * pad)] if pad else []
        segments.extend(line.render(self.app.console))
        strip = Strip(segments).crop_extend(0, width, None)
        return strip.apply_style(base)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.post_message(self.Scrolled())

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:
            self._relayout(force=True)
