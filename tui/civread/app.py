"""The civread reader: sidebar of articles by place, the article pre-wrapped, search, metrics.

The app only presents what the pipeline produced. Pages load in a worker thread
(`civread.corpus.iter_pages`) and arrive in batches, so the sidebar fills while keys keep
working; searches run in an exclusive worker on every keystroke, and a stale one is stopped
through `should_stop`. Page text reaches the screen only as `rich.text.Text`, never as markup.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, ProgressBar, Static, Tree
from textual.timer import Timer
from textual.worker import get_current_worker

from civread.corpus import iter_pages
from civread.messages import (
    CorpusMeasured,
    LoadFinished,
    OpenArticle,
    PagesLoaded,
    ReaderScrolled,
    SearchFinished,
)
from civread.model import Article, Corpus, LoadProblem, Page
from civread.search import MatchRef, MemorySearch, SearchBackend, SearchOptions, SearchResult, search
from civread.state import ReaderState, load_state, save_state
from civread.widgets.article_tree import ArticleTree
from civread.widgets.article_view import ArticleView
from civread.widgets.metrics_panel import MetricsPanel
from civread.widgets.problems_notice import ProblemsNotice
from civread.widgets.search_bar import SearchBar
from civread.screens.help import HelpScreen

__all__ = ["CivreadApp", "run_app"]

NARROW_WIDTH = 110  # below this many columns the side panels overlay the reader
BATCH_SECONDS = 0.1  # how often the loader reports pages to the UI
TREE_REFRESH_SECONDS = 0.5  # how often the sidebar is rebuilt while pages pour in
AUTOSAVE_SECONDS = 5.0


class CivreadApp(App[None]):
    """Read, search and measure Chinese local-news pages."""

    CSS_PATH = "app.tcss"
    TITLE = "civread"

    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("slash,ctrl+f", "open_search", "Search", key_display="/", id="app.search"),
        Binding("n", "next_match", "Next match", id="app.next_match"),
        Binding("N", "prev_match", "Prev match", key_display="N", id="app.prev_match"),
        Binding("left_square_bracket", "prev_article", "Prev", key_display="[", id="app.prev_article"),
        Binding("right_square_bracket", "next_article", "Next", key_display="]", id="app.next_article"),
        Binding("m", "toggle_metrics", "Metrics", id="app.metrics"),
        Binding("o", "toggle_original", "Original", id="app.original"),
        Binding("B", "toggle_bookmark", "Bookmark", key_display="B", id="app.bookmark"),
        Binding("x", "dismiss_notice", "Dismiss notice", id="app.dismiss_notice"),
        Binding("escape", "close_search", "Close search", show=False, id="app.close_search"),
        Binding("ctrl+r", "toggle_regex", "Regex", show=False, id="app.regex"),
    ]

    def __init__(
        self,
        paths: Sequence[str | Path],
        *,
        workers: int | None = None,
        backend: SearchBackend | None = None,
    ) -> None:
        super().__init__()
        self.paths = [str(p) for p in paths]
        self.load_workers = workers
        self.search_backend: SearchBackend = backend if backend is not None else MemorySearch()
        self.corpus = Corpus()
        self.articles: list[Article] = []
        self.by_id: dict[str, Article] = {}
        self.position_of: dict[str, int] = {}
        self.localities: set[tuple[str, ...]] = set()
        self.current_id: str | None = None
        self.loading = True
        self.load_total = -1
        self.state, notice = load_state()
        self._startup_notices = [notice] if notice else []
        self._state_dirty = False
        self._last_tree_refresh = 0.0
        self._tree_timer: Timer | None = None
        # Search
        self.result: SearchResult | None = None
        self.current_match: MatchRef | None = None
        self.regex = False
        self.search_generation = 0
        self._before_search: tuple[str | None, float] | None = None
        self.corpus_measured = False

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="loading"):
            yield ProgressBar(id="load-bar", show_eta=False)
            yield Static(Text("Finding files…"), id="load-rate")
        with Horizontal(id="main"):
            with Vertical(id="sidebar"):
                yield Static(Text("Loading…"), id="summary")
                yield ArticleTree(id="tree")
            with Vertical(id="reader-pane"):
                yield ProblemsNotice(id="problems")
                yield ArticleView(id="reader")
                yield SearchBar(id="search", classes="-hidden")
                yield Static(Text(""), id="position")
            yield MetricsPanel(id="metrics", classes="-hidden")
        yield Footer()

    @property
    def tree(self) -> ArticleTree:
        return self.query_one("#tree", ArticleTree)

    @property
    def reader(self) -> ArticleView:
        return self.query_one("#reader", ArticleView)

    @property
    def metrics(self) -> MetricsPanel:
        return self.query_one("#metrics", MetricsPanel)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one("#search", SearchBar)

    @property
    def problems(self) -> ProblemsNotice:
        return self.query_one("#problems", ProblemsNotice)

    def on_mount(self) -> None:
        self.tree.bookmarks = self.state.bookmarks
        self.tree.focus()
        for notice in self._startup_notices:
            self.notify(notice, severity="warning", timeout=8)
        self._apply_width(self.size.width)
        self.set_interval(AUTOSAVE_SECONDS, self._autosave)
        self.load_pages()

    def on_resize(self) -> None:
        self._apply_width(self.size.width)

    def _apply_width(self, width: int) -> None:
        """Narrow terminals: the sidebar and the metrics panel overlay the reader."""
        self.screen.set_class(width < NARROW_WIDTH, "-narrow")

    @property
    def narrow(self) -> bool:
        return self.screen.has_class("-narrow")

    def _show_sidebar(self, show: bool) -> None:
        self.screen.set_class(show, "-show-sidebar")

    def on_descendant_focus(self) -> None:
        focused = self.focused
        if focused is self.tree:
            self._show_sidebar(True)
        elif self.narrow and focused is not None and focused is not self.tree:
            self._show_sidebar(False)

    def action_focus_next(self) -> None:
        """tab: on a narrow screen, swap between the (overlaid) sidebar and the reader."""
        if self.narrow and isinstance(self.screen, Screen) and self.screen is self.screen_stack[0]:
            self._swap_panes()
        else:
            super().action_focus_next()

    def action_focus_previous(self) -> None:
        if self.narrow and self.screen is self.screen_stack[0]:
            self._swap_panes()
        else:
            super().action_focus_previous()

    def _swap_panes(self) -> None:
        if self.focused is self.tree:
            self.reader.focus()
        else:
            self._show_sidebar(True)
            self.tree.focus()

    # ------------------------------------------------------------ loading

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_pages(self) -> None:
        """Read every page off the UI thread; report in batches."""
        worker = get_current_worker()
        started = time.monotonic()
        progress = [0, -1]

        def on_progress(done: int, total: int, path: str) -> None:
            progress[0], progress[1] = done, total

        pages: list[Page] = []
        problems: list[LoadProblem] = []
        notices: list[str] = []
        last = started

        def flush() -> None:
            nonlocal pages, problems, last
            elapsed = max(1e-6, time.monotonic() - started)
            self.post_message(PagesLoaded(pages, problems, progress[0], progress[1], progress[0] / elapsed))
            pages, problems, last = [], [], time.monotonic()

        try:
            results = iter_pages(self.paths, cache=True, workers=self.load_workers, progress=on_progress, notices=notices)
            try:
                for item in results:
                    if worker.is_cancelled:
                        return
                    if isinstance(item, LoadProblem):
                        problems.append(item)
                    else:
                        self.search_backend.add_articles(item.articles)
                        pages.append(item)
                    if time.monotonic() - last >= BATCH_SECONDS:
                        flush()
            finally:
                results.close()
            flush()
            self.post_message(LoadFinished(notices))
        except Exception as exc:  # noqa: BLE001 - the pages already shown stay usable
            if pages or problems:
                flush()
            self.post_message(LoadFinished(notices, error=f"{type(exc).__name__}: {exc}"))

    def on_pages_loaded(self, message: PagesLoaded) -> None:
        for page in message.pages:
            self.corpus.pages.append(page)
            for article in page.articles:
                if article.id in self.by_id:
                    continue
                self.position_of[article.id] = len(self.articles)
                self.articles.append(article)
                self.by_id[article.id] = article
                if article.locality.is_located:
                    self.localities.add(article.locality.parts)
        if message.problems:
            self.corpus.problems.extend(message.problems)
            self.problems.add(message.problems)
        self.load_total = message.total
        bar = self.query_one("#load-bar", ProgressBar)
        if message.total >= 0:
            bar.update(total=max(1, message.total), progress=message.done)
        total = f"{message.total:,}" if message.total >= 0 else "?"
        self.query_one("#load-rate", Static).update(
            Text(f"{message.done:,} of {total} files · {message.rate:,.0f} files/s · {len(self.articles):,} articles")
        )
        self._update_summary()
        self._refresh_tree_soon()
        self._maybe_restore()

    def on_load_finished(self, message: LoadFinished) -> None:
        self.loading = False
        self.query_one("#loading").add_class("-hidden")
        self._refresh_tree(force=True)
        self._update_summary()
        for notice in message.notices:
            self.notify(notice, severity="warning", timeout=8)
        if message.error:
            self.notify(f"Loading stopped: {message.error}", severity="error", timeout=10)
        if self.current_id is None and self.articles:
            self.open_article(self.articles[0].id)
        if self.result is not None or self.search_bar.input.value:
            self._run_search()
        self.measure_corpus()
        self.refresh_bindings()

    @work(thread=True, exclusive=True, group="measure", exit_on_error=False)
    def measure_corpus(self) -> None:
        """Corpus keywords and metrics, off the UI thread (tf-idf over every article)."""
        from civread.pipeline.keywords import KeywordModel
        from civread.pipeline.metrics import corpus_metrics

        corpus = Corpus(pages=list(self.corpus.pages), problems=list(self.corpus.problems))
        try:
            model = KeywordModel.from_corpus(corpus)
            measured = corpus_metrics(corpus, model)
        except Exception as exc:  # noqa: BLE001 - metrics are a bonus, never fatal
            self.call_from_thread(self.notify, f"Could not measure the corpus: {exc}", severity="error")
            return
        self.post_message(CorpusMeasured(model, measured))

    def on_corpus_measured(self, message: CorpusMeasured) -> None:
        panel = self.metrics
        panel.keyword_model = message.keyword_model  # type: ignore[assignment]
        panel.corpus_metrics = message.corpus_metrics  # type: ignore[assignment]
        self.corpus_measured = True
        if panel.article is not None:
            panel.refresh_metrics()

    def _update_summary(self) -> None:
        pages, articles, places = len(self.corpus.pages), len(self.articles), len(self.localities)
        text = Text()
        text.append(f"{pages:,}", style="bold")
        text.append(" page" + ("s" if pages != 1 else "") + " · ")
        text.append(f"{articles:,}", style="bold")
        text.append(" article" + ("s" if articles != 1 else "") + " · ")
        text.append(f"{places:,}", style="bold")
        text.append(" localit" + ("ies" if places != 1 else "y"))
        if self.corpus.problems:
            text.append(f" · {len(self.corpus.problems):,} unreadable", style="bold red")
        if self.result is not None and self.result.ok:
            n, m = self.result.total_matches, len(self.result.per_article)
            text.append("\n")
            if n:
                text.append(f"{n:,} match{'es' if n != 1 else ''} in {m:,} article{'s' if m != 1 else ''}")
            else:
                text.append("No matches.")
        self.query_one("#summary", Static).update(text)

    def _refresh_tree_soon(self) -> None:
        now = time.monotonic()
        if now - self._last_tree_refresh >= TREE_REFRESH_SECONDS:
            self._refresh_tree()
        elif self._tree_timer is None:
            self._tree_timer = self.set_timer(TREE_REFRESH_SECONDS, self._refresh_tree)

    def _refresh_tree(self, force: bool = False) -> None:
        """Rebuild the sidebar (all articles, or the search's matches), keeping what is open."""
        if self._tree_timer is not None:
            self._tree_timer.stop()
            self._tree_timer = None
        self._last_tree_refresh = time.monotonic()
        result = self.result
        if result is not None and result.ok:
            counts = {aid: n for aid, n in result.per_article if aid in self.by_id}
            shown = [self.by_id[aid] for aid in counts]
            self.tree.show_articles(shown, matches=counts, keep=self.current_id, expand_all_if_small=200)
        else:
            self.tree.show_articles(self.articles, keep=self.current_id)

    def _maybe_restore(self) -> None:
        """Reopen the article read last time as soon as it has loaded."""
        last = self.state.last_article_id
        if self.current_id is None and last and last in self.by_id:
            self.open_article(last, scroll_y=self.state.positions.get(last, 0.0))

    # ------------------------------------------------------------ reading

    def open_article(self, article_id: str, scroll_y: float | None = None, focus_reader: bool = False) -> None:
        """Show an article; remember where the previous one was left."""
        article = self.by_id.get(article_id)
        if article is None:
            return
        self._remember_position()
        if scroll_y is None:
            scroll_y = self.state.positions.get(article_id, 0.0)
        self.current_id = article_id
        self.current_match = None
        reader = self.reader
        reader.show(article, scroll_y=scroll_y)
        self._apply_matches()
        self.state.last_article_id = article_id
        self._state_dirty = True
        if not self.metrics.has_class("-hidden"):
            self.metrics.article = article
        self.tree.reveal(article_id)
        if focus_reader:
            reader.focus()
        self._update_position()
        self.refresh_bindings()

    def _remember_position(self) -> None:
        if self.current_id is not None:
            self.state.set_position(self.current_id, self.reader.scroll_y)
            self._state_dirty = True

    def _apply_matches(self, current: MatchRef | None = None) -> None:
        """Highlight the search's matches in the article on show."""
        if self.current_id is None:
            return
        result = self.result
        if result is None or not result.ok or self.reader.original:
            self.reader.set_matches([])
            return
        spans = result.spans_for(self.current_id)
        span = None
        if current is not None and current.article_id == self.current_id and 0 <= current.index < len(spans):
            span = spans[current.index]
        self.reader.set_matches(spans, span)

    def on_reader_scrolled(self, _message: ReaderScrolled) -> None:
        self._update_position()

    def _update_position(self) -> None:
        """'article 7 of 31 · 42%', plus the bookmark and the search position."""
        text = Text(no_wrap=True, overflow="ellipsis")
        if self.current_id is not None:
            n = self.position_of.get(self.current_id, 0) + 1
            text.append(f"article {n:,} of {len(self.articles):,}")
            text.append(f" · {self.reader.percent}%")
            if self.reader.original:
                text.append(" · original text", style="bold")
            if self.current_id in self.state.bookmarks:
                text.append(" · ★ bookmarked")
        match = self._match_status()
        if match:
            text.append(" · " if text.plain else "")
            text.append(match, style="bold")
        self.query_one("#position", Static).update(text)

    def _match_status(self) -> str:
        result = self.result
        if result is None:
            return ""
        if result.error is not None:
            return ""
        if not result.total_matches:
            return f"No matches for “{result.query}”"
        if self.current_match is not None:
            return f"match {result.ordinal(self.current_match):,} of {result.total_matches:,}"
        here = result.count_for(self.current_id) if self.current_id else 0
        return f"{here:,} here, {result.total_matches:,} in all"

    @on(Tree.NodeSelected, "#tree")
    def _tree_selected(self, event: Tree.NodeSelected[object]) -> None:
        data = event.node.data
        if isinstance(data, Article):
            self.post_message(OpenArticle(data.id))
        elif event.node.allow_expand:
            event.node.toggle()

    def on_open_article(self, message: OpenArticle) -> None:
        self.open_article(message.article_id, focus_reader=True)

    def _step_article(self, step: int) -> None:
        if not self.articles:
            return
        if self.current_id is None:
            index = 0 if step > 0 else len(self.articles) - 1
        else:
            index = self.position_of.get(self.current_id, 0) + step
        if 0 <= index < len(self.articles):
            self.open_article(self.articles[index].id)
        else:
            self.notify("That was the last article." if step > 0 else "This is the first article.", timeout=2)

    def action_next_article(self) -> None:
        """]: the next article in reading order."""
        self._step_article(1)

    def action_prev_article(self) -> None:
        """[: the previous article."""
        self._step_article(-1)

    def action_toggle_metrics(self) -> None:
        """m: the metrics panel."""
        panel = self.metrics
        show = panel.has_class("-hidden")
        panel.set_class(not show, "-hidden")
        if show and self.current_id is not None and panel.article is not self.by_id.get(self.current_id):
            panel.article = self.by_id.get(self.current_id)

    def action_toggle_original(self) -> None:
        """o: the page text before cleaning, and back."""
        if self.current_id is None:
            return
        self.reader.set_original(not self.reader.original)
        self._apply_matches(self.current_match)
        self._update_position()

    def action_toggle_bookmark(self) -> None:
        """B: bookmark the article (★ in the sidebar)."""
        article = self.by_id.get(self.current_id or "")
        if article is None:
            return
        on_now = self.state.toggle_bookmark(article.id)
        self.tree.refresh_article(article)
        self._state_dirty = True
        self._save_state()
        self.notify("Bookmarked." if on_now else "Bookmark removed.", timeout=2)
        self._update_position()

    def action_dismiss_notice(self) -> None:
        """x: hide the list of unreadable files."""
        self.problems.dismiss()
        self.refresh_bindings()

    def action_help(self) -> None:
        """?: every key."""
        self.push_screen(HelpScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out what cannot run now; hide the notice key when there is no notice."""
        if action in ("next_match", "prev_match"):
            return True if self.result is not None and self.result.total_matches else None
        if action in ("toggle_original", "toggle_bookmark"):
            return True if self.current_id is not None else None
        if action == "dismiss_notice":
            try:
                return self.problems.showing
            except Exception:  # noqa: BLE001 - before compose
                return False
        return True

    # ------------------------------------------------------------ search

    def action_open_search(self) -> None:
        """/ or ctrl+f: search as you type."""
        bar = self.search_bar
        if bar.has_class("-hidden"):
            self._before_search = (self.current_id, self.reader.scroll_y)
            bar.remove_class("-hidden")
            bar.set_mode(self.regex)
        bar.input.focus()

    def action_toggle_regex(self) -> None:
        """ctrl+r: plain text or regular expression."""
        self.regex = not self.regex
        self.search_bar.set_mode(self.regex)
        if self.search_bar.input.value:
            self._run_search()

    def action_close_search(self) -> None:
        """escape: close the search; if the bar was open, go back to where reading was."""
        bar = self.search_bar
        was_open = not bar.has_class("-hidden")
        if not was_open and self.result is None:
            if self.narrow and self.focused is self.tree:
                self.reader.focus()
            return
        self.search_generation += 1
        self.workers.cancel_group(self, "search")
        self.result = None
        self.current_match = None
        bar.add_class("-hidden")
        bar.input.value = ""
        bar.set_status("")
        before, self._before_search = self._before_search, None
        if was_open and before is not None and before[0] is not None and before[0] != self.current_id:
            self.open_article(before[0], scroll_y=before[1])
        else:
            self._apply_matches()
            if was_open and before is not None and before[0] is not None:
                self.reader.scroll_to(y=before[1], animate=False, immediate=True)
        self._refresh_tree()
        self._update_summary()
        self._update_position()
        self.reader.focus()
        self.refresh_bindings()

    @on(Input.Changed, "#search-input")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._run_search()

    @on(Input.Submitted, "#search-input")
    def _query_submitted(self, event: Input.Submitted) -> None:
        """enter: keep the results, hide the bar, read on (n/N walk the matches)."""
        event.stop()
        self.search_bar.add_class("-hidden")
        self._before_search = None
        if not event.value:
            self.action_close_search()
            return
        self.reader.focus()

    def _run_search(self) -> None:
        query = self.search_bar.input.value
        self.search_generation += 1
        if not query.strip():
            self.workers.cancel_group(self, "search")
            self._show_result(None)
            return
        self.search_worker(query, self.regex, self.search_generation)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search_worker(self, query: str, regex: bool, generation: int) -> None:
        """One keystroke's search; a newer keystroke cancels it through should_stop."""
        worker = get_current_worker()
        result = search(self.search_backend, query, SearchOptions(regex=regex), lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.post_message(SearchFinished(result, generation))

    def on_search_finished(self, message: SearchFinished) -> None:
        if message.generation != self.search_generation or message.result.cancelled:
            return  # a newer keystroke is on its way
        self._show_result(message.result)

    def _show_result(self, result: SearchResult | None) -> None:
        bar = self.search_bar
        if result is not None and result.error is not None:
            bar.set_status(f"Invalid: {result.error.message}" if self.regex else str(result.error), error=True)
            self.refresh_bindings()
            return
        self.result = result
        self.current_match = None
        if result is None:
            bar.set_status("")
        elif not result.total_matches:
            bar.set_status(f"No matches for “{result.query}”", error=True)
        self._refresh_tree()
        self._update_summary()
        if result is not None and result.total_matches:
            ref = result.first_match(self.current_id)
            if ref is not None:
                self._go_to_match(ref)
        else:
            self._apply_matches()
            self._update_position()
        self.refresh_bindings()

    def _go_to_match(self, ref: MatchRef) -> None:
        """Open the match's article if needed, highlight it, say which match it is."""
        result = self.result
        if result is None:
            return
        if ref.article_id != self.current_id:
            self.open_article(ref.article_id, scroll_y=0)
            if self.reader.original:
                self.reader.set_original(False)
        self.current_match = ref
        self._apply_matches(ref)
        n = result.ordinal(ref)
        articles = len(result.per_article)
        self.search_bar.set_status(
            f"match {n:,} of {result.total_matches:,} · {articles:,} article{'s' if articles != 1 else ''}"
        )
        self._update_position()

    def action_next_match(self) -> None:
        """n: the next match, opening the next article when this one is done."""
        result = self.result
        if result is None or not result.total_matches:
            return
        if self.current_match is None:
            ref = result.first_match(self.current_id)
        else:
            ref = result.next_match(self.current_match)
        if ref is not None:
            self._go_to_match(ref)

    def action_prev_match(self) -> None:
        """N: the previous match."""
        result = self.result
        if result is None or not result.total_matches:
            return
        if self.current_match is None:
            ref = result.prev_match(self.current_id)
            here = result.count_for(self.current_id) if self.current_id else 0
            if here:
                ref = MatchRef(self.current_id or "", here - 1)
        else:
            ref = result.prev_match(self.current_match)
        if ref is not None:
            self._go_to_match(ref)

    # ------------------------------------------------------------ state

    def _autosave(self) -> None:
        if self._state_dirty:
            self._save_state()

    def _save_state(self) -> None:
        self._remember_position()
        notice = save_state(self.state)
        self._state_dirty = False
        if notice:
            self.notify(notice, severity="warning", timeout=5)

    async def action_quit(self) -> None:
        """q: remember the article and position, then leave."""
        self._save_state()
        self.exit()

    # ------------------------------------------------------------ command palette

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every reader action, by name, in the command palette (ctrl+p)."""
        yield from super().get_system_commands(screen)
        commands = [
            ("Next article", "Open the next article in reading order  ]", self.action_next_article),
            ("Previous article", "Open the previous article  [", self.action_prev_article),
            ("Search", "Search titles, text and places as you type  /", self.action_open_search),
            ("Toggle regex search", "Plain text or regular expression  ctrl+r", self.action_toggle_regex),
            ("Next match", "Go to the next search match  n", self.action_next_match),
            ("Previous match", "Go to the previous search match  N", self.action_prev_match),
            ("Close search", "Clear the search and go back  escape", self.action_close_search),
            ("Toggle metrics panel", "Article and corpus measures  m", self.action_toggle_metrics),
            ("Toggle original text", "The page text before cleaning  o", self.action_toggle_original),
            ("Toggle bookmark", "Bookmark the article on show  B", self.action_toggle_bookmark),
            ("Dismiss file notice", "Hide the list of unreadable files  x", self.action_dismiss_notice),
            ("Help: keys", "Every key and how the sidebar is ordered  ?", self.action_help),
            ("Focus sidebar", "Move to the article tree  tab", self.tree.focus),
            ("Focus reader", "Move to the article  tab", self.reader.focus),
        ]
        for title, help_text, callback in commands:
            yield SystemCommand(title, help_text, callback)


def run_app(paths: list[str]) -> None:
    """Open the reader on `paths` (files or folders); no paths: the bundled seed pages."""
    from civread.seeds import seeds_dir

    app = CivreadApp(paths or [str(seeds_dir())])
    app.run()
