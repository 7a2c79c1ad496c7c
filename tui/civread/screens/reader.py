"""The reader screen: the sidebar of articles by place, the article, search and the metrics panel.

It presents what the App's library holds and loads. Messages come up from its widgets
(`ArticleTree.ArticleChosen`, `SearchBar.Changed/Accepted/Closed`, `ArticleView.Scrolled`) and
from the App's workers (`Loaded`, `CorpusMeasured`, `SearchFinished`); state goes down as
attributes. Searches run in an exclusive worker on every keystroke (a burst of keys is searched
once, at its end); a stale search is stopped through `should_stop` and its result dropped.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from civread import keys
from civread.library import ArticleLibrary, Finished, Listed, TextProgress
from civread.measures.placetable import PlaceTable
from civread.measures.reprints import ReprintGroups
from civread.messages import CorpusMeasured, Loaded, SearchFinished
from civread.screens.places import PlacesScreen
from civread.search import MatchRef, SearchOptions, SearchResult, search
from civread.state import ReaderState
from civread.widgets.article_tree import ArticleTree
from civread.widgets.article_view import ArticleView
from civread.widgets.corpus_summary import CorpusSummary, plural
from civread.widgets.load_progress import LoadProgress
from civread.widgets.metrics_panel import MetricsPanel
from civread.widgets.problems_notice import ProblemsNotice
from civread.widgets.search_bar import SearchBar
from civread.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from civread.app import CivreadApp

__all__ = ["NARROW_WIDTH", "ReaderScreen"]

NARROW_WIDTH = 110  # below this many columns the side panels overlay the reader
SEARCH_SETTLE_SECONDS = 0.05  # keys closer together than this are one burst, searched once at its end
INCOMPLETE_RECHECK_SECONDS = 1.0  # a result the backend says is incomplete is asked for again this often


def _still(result: SearchResult) -> str:
    """The status line's tail for a result that misses something (" · pinyin index 40% …")."""
    return f" · {result.incomplete}" if result.incomplete else ""


class ReaderScreen(Screen[None]):
    """Read, search and measure; the App's one screen (help is a modal on top)."""

    BINDINGS = keys.bindings()  # every key civread answers: see civread/keys.py

    narrow: var[bool] = var(False, toggle_class="-narrow")
    show_sidebar: var[bool] = var(False, toggle_class="-show-sidebar")  # over the reader, when narrow
    show_metrics: var[bool] = var(False, init=False)
    search_open: var[bool] = var(False, init=False)
    has_article: var[bool] = var(False, bindings=True)
    has_matches: var[bool] = var(False, bindings=True)
    notice_showing: var[bool] = var(False, bindings=True)
    current_match: var[MatchRef | None] = var(None, init=False)

    def __init__(self, library: ArticleLibrary, state: ReaderState) -> None:
        super().__init__()
        self.library = library
        self.state = state
        self.current_id: str | None = None
        self.result: SearchResult | None = None
        self.reprints: ReprintGroups | None = None  # the stories that ran more than once (once measured)
        self.dates: dict[str, str | None] | None = None  # article id → date (once measured)
        self.listing = True  # until every file is listed (not `loading`: a Widget reactive)
        self.indexing = True  # until every article's text is searchable
        self.search_generation = 0
        # A result asked for again while the backend completes it: its search's generation, so
        # the answer keeps the user's place instead of jumping.
        self.recheck: int | None = None
        self._auto_opened = False  # the article on show was opened by the app, not the person
        self._last_query_key = 0.0  # when the search text last changed (monotonic)
        self._search_timer: Timer | None = None  # a search waiting for a burst of keys to end
        self._before_search: tuple[str | None, float] | None = None

    @property
    def civread(self) -> CivreadApp:
        return self.app  # type: ignore[return-value]

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        from textual.widgets import Footer

        yield LoadProgress(id="loading")
        with Horizontal(id="main"):
            with Vertical(id="sidebar"):
                yield CorpusSummary(id="summary")
                yield ArticleTree(id="tree")
            with Vertical(id="reader-pane"):
                yield ProblemsNotice(id="problems")
                yield ArticleView(id="reader")
                yield SearchBar(id="search", classes="-hidden")
                yield StatusLine(id="position")
            panel = MetricsPanel(id="metrics", classes="-hidden")
            panel.stored_measures = self.library.stored_measures
            yield panel
        yield Footer()

    @property
    def article_tree(self) -> ArticleTree:
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

    @property
    def status(self) -> StatusLine:
        return self.query_one("#position", StatusLine)

    @property
    def summary(self) -> CorpusSummary:
        return self.query_one("#summary", CorpusSummary)

    def on_mount(self) -> None:
        self.article_tree.bookmarks = self.state.bookmarks
        self.article_tree.focus()
        self.narrow = self.app.size.width < NARROW_WIDTH

    def on_resize(self, event: events.Resize) -> None:
        """Narrow terminals: the sidebar and the metrics panel overlay the reader."""
        self.narrow = event.size.width < NARROW_WIDTH

    def watch_show_metrics(self, show: bool) -> None:
        self.metrics.set_class(not show, "-hidden")

    def watch_search_open(self, show: bool) -> None:
        self.search_bar.set_class(not show, "-hidden")

    def watch_current_match(self) -> None:
        self._update_match_status()

    def on_descendant_focus(self) -> None:
        if self.focused is self.article_tree:
            self.show_sidebar = True
        elif self.narrow and self.focused is not None:
            self.show_sidebar = False

    def action_focus_next_pane(self) -> None:
        """tab: on a narrow screen, swap between the (overlaid) sidebar and the reader."""
        if self.narrow:
            self._swap_panes()
        else:
            self.focus_next()

    def action_focus_previous_pane(self) -> None:
        """shift+tab: as tab, the other way round."""
        if self.narrow:
            self._swap_panes()
        else:
            self.focus_previous()

    def _swap_panes(self) -> None:
        if self.focused is self.article_tree:
            self.reader.focus()
        else:
            self.action_focus_sidebar()

    def action_focus_sidebar(self) -> None:
        self.show_sidebar = True
        self.article_tree.focus()

    def action_focus_reader(self) -> None:
        self.reader.focus()

    # ------------------------------------------------------------ loading (events from the App's worker)

    def on_loaded(self, message: Loaded) -> None:
        event = message.event
        if isinstance(event, Listed):
            self._pages_listed(event)
        elif isinstance(event, TextProgress):
            self._text_indexed(event)
        elif isinstance(event, Finished):
            self._load_finished(event)
        else:
            self.notify(f"Loading stopped: {event.error}", severity="error")

    def _pages_listed(self, listed: Listed) -> None:
        new = self.library.add(listed)
        if listed.problems:
            self.problems.add(listed.problems)
            self.notice_showing = self.problems.showing
        if new:
            self.article_tree.add_articles(new)
            self._update_position()  # "article 1 of N": N grew
        self.query_one(LoadProgress).files(listed.done, listed.total, listed.rate, len(self.library.articles))
        self._update_summary()
        self._maybe_restore()
        self.civread.listing_painted()

    def _text_indexed(self, progress: TextProgress) -> None:
        if not progress.finished:
            if not self.listing:  # the listing is complete: the bar now follows the search text
                self.query_one(LoadProgress).text(progress.done, progress.total, progress.rate)
            return
        self.indexing = False
        self.query_one(LoadProgress).add_class("-hidden")
        if self.result is not None or self.search_bar.value:
            self._run_search()  # the results so far were over part of the text
        self.civread.measure_corpus()

    def _load_finished(self, finished: Finished) -> None:
        self.listing = False
        if not self.indexing:
            self.query_one(LoadProgress).add_class("-hidden")
        if self.result is None:
            self.article_tree.show_all(keep=self.current_id, only_if_unsorted=True)  # sorted afresh, once
        self._update_summary()
        for notice in finished.notices:
            self.notify(notice, severity="warning", timeout=8)
        if finished.error:
            self.notify(f"Loading stopped: {finished.error}", severity="error", timeout=10)
        self._maybe_restore()
        self.refresh_bindings()

    def on_corpus_measured(self, message: CorpusMeasured) -> None:
        if message.dates is not None:
            self.dates = message.dates
        if message.reprints is not None:
            self.reprints = message.reprints
            groups = message.reprints
            self.article_tree.set_printings({a: len(g) for g in groups.groups for a in g})
            self.metrics.reprinted = sum(len(g) - 1 for g in groups.groups)
            if self.current_id is not None:
                self.reader.set_reprints(self._printings_of(self.current_id))
        panel = self.metrics
        panel.keyword_model = message.keyword_model
        panel.corpus_metrics = message.corpus_metrics
        if panel.article is not None:
            panel.refresh_metrics()

    def _update_summary(self) -> None:
        summary, library, result = self.summary, self.library, self.result
        summary.pages = library.page_count
        summary.articles = len(library.articles)
        summary.localities = len(library.localities)
        summary.unreadable = len(library.problems)
        summary.found = (result.total_matches, len(result.per_article)) if result is not None and result.ok else None
        summary.text_loading = self.indexing
        summary.loaded = True

    def _maybe_restore(self) -> None:
        """Reopen the article read last time as soon as it is listed; else open the first one."""
        last = self.state.last_article_id
        by_id = self.library.by_id
        if last and last in by_id and (self.current_id is None or (self._auto_opened and self.current_id != last)):
            self.open_article(last, scroll_y=self.state.positions.get(last, 0.0))
        elif self.current_id is None and self.library.articles:
            self.open_article(self.library.articles[0].id, auto=True)

    # ------------------------------------------------------------ reading

    def open_article(
        self, article_id: str, scroll_y: float | None = None, focus_reader: bool = False, auto: bool = False
    ) -> None:
        """Show an article in the reader and put the sidebar's cursor on it."""
        article = self.library.load_article(article_id)
        if article is None:
            if article_id in self.library.by_id:
                self.notify("That article's page can no longer be read.", severity="error", timeout=5)
            return
        self._auto_opened = auto
        self.remember_position()
        if scroll_y is None:
            scroll_y = self.state.positions.get(article_id, 0.0)
        self.current_id = article_id
        self.current_match = None
        self.reader.show(article, scroll_y=scroll_y, reprints=self._printings_of(article_id))
        self._apply_matches()
        self.state.last_article_id = article_id
        self.civread.state_changed()
        if self.show_metrics:
            self.metrics.article = article
        self.article_tree.reveal(article_id)
        if focus_reader:
            self.reader.focus()
        self._update_position()
        self.has_article = True  # what check_action answers changes only with the first article

    def remember_position(self) -> None:
        """Keep the reader's scroll position of the article on show in the state."""
        if self.current_id is not None:
            try:
                scroll_y = self.reader.scroll_y
            except NoMatches:  # shutting down: the reader is gone, its last position was kept
                return
            self.state.set_position(self.current_id, scroll_y)
            self.civread.state_changed()

    @on(ArticleTree.ArticleChosen)
    def _article_chosen(self, message: ArticleTree.ArticleChosen) -> None:
        self.open_article(message.article_id, focus_reader=True)

    @on(ArticleView.Scrolled)
    def _reader_scrolled(self) -> None:
        self._update_position()

    def _update_position(self) -> None:
        """'article 7 of 31 · 42%', plus the bookmark and the search position."""
        status = self.status
        current = self.current_id
        status.number = None if current is None else self.library.position_of.get(current, 0) + 1
        status.total = len(self.library.articles)
        status.percent = self.reader.percent
        status.original = self.reader.original
        status.bookmarked = current in self.state.bookmarks
        self._update_match_status()

    def _update_match_status(self) -> None:
        result = self.result
        if result is None or result.error is not None:
            match = ""
        elif not result.total_matches:
            match = f"No matches for “{result.query}”"
        elif self.current_match is not None:
            match = f"match {result.ordinal(self.current_match):,} of {result.total_matches:,}"
        else:
            here = result.count_for(self.current_id) if self.current_id else 0
            match = f"{here:,} here, {result.total_matches:,} in all"
        self.status.match = match

    def _step_article(self, step: int) -> None:
        articles = self.library.articles
        if not articles:
            return
        if self.current_id is None:
            index = 0 if step > 0 else len(articles) - 1
        else:
            index = self.library.position_of.get(self.current_id, 0) + step
        if 0 <= index < len(articles):
            self.open_article(articles[index].id)
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
        self.show_metrics = not self.show_metrics
        panel = self.metrics
        if self.show_metrics and self.current_id is not None:
            shown = self.reader.article
            if shown is not None and panel.article is not shown:
                panel.article = shown

    def action_toggle_original(self) -> None:
        """o: the page text before cleaning, and back."""
        if self.current_id is None:
            return
        self.reader.set_original(not self.reader.original)
        self._apply_matches(self.current_match)
        self._update_position()

    def action_toggle_bookmark(self) -> None:
        """B: bookmark the article (★ in the sidebar)."""
        article = self.library.by_id.get(self.current_id or "")
        if article is None:
            return
        on_now = self.state.toggle_bookmark(article.id)
        self.article_tree.refresh_article(article)
        self.civread.save_state()
        self.notify("Bookmarked." if on_now else "Bookmark removed.", timeout=2)
        self._update_position()

    def _printings_of(self, article_id: str) -> list[tuple[str, str]]:
        """Where else the story ran: (id, "source — title") of each other printing."""
        if self.reprints is None:
            return []
        out = []
        for other in self.reprints.others(article_id):
            listed = self.library.by_id.get(other)
            if listed is not None:
                out.append((other, f"{listed.display_title} — {self.library.source_of(other)}"))
        return out

    def action_toggle_date_order(self) -> None:
        """d: the sidebar by month (newest first, undated last) or by place again."""
        if self.dates is None:
            self.notify("Dates are read once the corpus is measured: try again in a moment.", timeout=3)
            return
        tree = self.article_tree
        tree.order_by_date(None if tree.dates is not None else self.dates, self.library.articles, self.current_id)
        if self.result is not None:
            self._show_result(self.result)
        self.notify("Sidebar by date." if tree.dates is not None else "Sidebar by place.", timeout=2)

    def action_next_printing(self) -> None:
        """r: open the next printing of the same story (a reprint), round the group."""
        if self.reprints is None or self.current_id is None:
            return
        group = self.reprints.group_of(self.current_id)
        if group is None:
            self.notify("This story ran once in these pages.", timeout=3)
            return
        members = self.reprints.groups[group]
        self.open_article(members[(members.index(self.current_id) + 1) % len(members)])

    def action_places(self) -> None:
        """p: places side by side, from the stored measures, filtered by the search on show."""
        self._build_places(self.result if self.result is not None and self.result.ok else None)

    @work(thread=True, exclusive=True, group="places", exit_on_error=False)
    def _build_places(self, result: SearchResult | None) -> None:
        from civread.measures.placetable import build_place_table

        table = build_place_table(self.library.figure_rows())
        query = ""
        if result is not None and result.query:
            query = result.query
            table = table.filtered({article_id for article_id, _ in result.per_article})
        self.app.call_from_thread(self._show_places, table, query)

    def _show_places(self, table: PlaceTable, query: str) -> None:
        def opened(article_id: str | None) -> None:
            if article_id:
                self.open_article(article_id, focus_reader=True)

        self.app.push_screen(PlacesScreen(table, filtered_by=query), opened)

    def action_dismiss_notice(self) -> None:
        """x: hide the list of unreadable files."""
        self.problems.dismiss()
        self.notice_showing = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out what cannot run now; hide the notice key when there is no notice."""
        if action in ("next_match", "prev_match"):
            return True if self.has_matches else None
        if action in ("toggle_original", "toggle_bookmark"):
            return True if self.has_article else None
        if action == "dismiss_notice":
            try:
                return self.problems.showing
            except NoMatches:  # before compose
                return False
        return True

    def commands(self) -> Iterator[SystemCommand]:
        """The palette's entries for the reader's actions, each naming its key (from `civread.keys`)."""
        for command in keys.commands():
            owner = self.app if command.owner == "app" else self
            callback = getattr(owner, f"action_{command.action}")
            yield SystemCommand(command.palette or command.action,
                                f"{command.palette_help}  {keys.key_hint(command)}", callback)

    # ------------------------------------------------------------ search

    def action_open_search(self) -> None:
        """/ or ctrl+f: search as you type."""
        if not self.search_open:
            self._before_search = (self.current_id, self.reader.scroll_y)
            self.search_open = True
        self.search_bar.focus_input()

    def action_toggle_regex(self) -> None:
        """ctrl+r: plain text or regular expression."""
        self.search_bar.toggle_regex()

    @on(SearchBar.Closed)
    def action_close_search(self) -> None:
        """escape: close the search; if the bar was open, go back to where reading was."""
        was_open = self.search_open
        if not was_open and self.result is None:
            if self.narrow and self.focused is self.article_tree:
                self.reader.focus()
            return
        self._cancel_search()
        self.result = None
        self.current_match = None
        self.search_open = False
        self.search_bar.clear()
        before, self._before_search = self._before_search, None
        if was_open and before is not None and before[0] is not None and before[0] != self.current_id:
            self.open_article(before[0], scroll_y=before[1])
        else:
            self._apply_matches()
            if was_open and before is not None and before[0] is not None:
                self.reader.scroll_to(y=before[1], animate=False, immediate=True)
        self._show_search_state()
        self.reader.focus()

    def _cancel_search(self) -> None:
        self.search_generation += 1
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        self.workers.cancel_group(self, "search")

    @on(SearchBar.Changed)
    def _query_changed(self) -> None:
        """Search as you type; keys that come in a burst (a paste typed as keystrokes, a held
        key) are searched once, when the burst is over: each result repaints the sidebar, and
        10,000 of them froze the reader for minutes."""
        now = time.monotonic()
        burst = now - self._last_query_key < SEARCH_SETTLE_SECONDS or self._search_timer is not None
        self._last_query_key = now
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        if burst:
            self._search_timer = self.set_timer(SEARCH_SETTLE_SECONDS, self._settled_search)
        else:
            self._run_search()

    @property
    def search_pending(self) -> bool:
        """A burst of keys is still being typed: its search waits for the end."""
        return self._search_timer is not None

    def _settled_search(self) -> None:
        self._search_timer = None
        if time.monotonic() - self._last_query_key < SEARCH_SETTLE_SECONDS:  # still typing
            self._search_timer = self.set_timer(SEARCH_SETTLE_SECONDS, self._settled_search)
            return
        self._run_search()

    @on(SearchBar.Accepted)
    def _query_accepted(self, message: SearchBar.Accepted) -> None:
        """enter: keep the results, hide the bar, read on (n/N walk the matches)."""
        if self._search_timer is not None:  # a search still waiting for its burst to end: now
            self._search_timer.stop()
            self._search_timer = None
            self._run_search()
        self.search_open = False
        self._before_search = None
        if not message.query:
            self.action_close_search()
            return
        self.reader.focus()

    def _run_search(self) -> None:
        query = self.search_bar.value
        self.search_generation += 1
        if not query.strip():
            self.workers.cancel_group(self, "search")
            self._show_result(None)
            return
        self.search_worker(query, self.search_bar.regex, self.search_generation)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search_worker(self, query: str, regex: bool, generation: int) -> None:
        """One keystroke's search; a newer keystroke cancels it through should_stop."""
        worker = get_current_worker()
        result = search(self.civread.search_backend, query, SearchOptions(regex=regex), lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.post_message(SearchFinished(result, generation))

    def on_search_finished(self, message: SearchFinished) -> None:
        if message.generation != self.search_generation or message.result.cancelled:
            return  # a newer keystroke is on its way
        self._show_result(message.result)

    def _show_result(self, result: SearchResult | None) -> None:
        bar = self.search_bar
        if result is not None and result.error is not None:
            error = result.error
            invalid = bar.regex and error.kind == "invalid"
            bar.set_status(f"Invalid: {error.message}" if invalid else str(error), error=True)
            return
        recheck, self.recheck = self.recheck, None
        # A recheck's answer keeps the match the user is on now: one they moved to with n/N
        # while it was asked for too, not the one they were on when it was asked.
        kept = self.current_match if recheck is not None and recheck == self.search_generation else None
        self.result = result
        self.current_match = None
        if result is None:
            bar.set_status("")
        elif not result.total_matches:
            bar.set_status(f"No matches for “{result.query}”{_still(result)}", error=True)
        self._show_search_state()
        if result is not None and result.total_matches:
            ref = kept if kept is not None and result.ordinal(kept) else result.first_match(self.current_id)
            if ref is not None:
                self._go_to_match(ref)
        else:
            self._apply_matches()
        if result is not None and result.incomplete:  # e.g. the pinyin index being built: ask again
            generation = self.search_generation
            self.set_timer(INCOMPLETE_RECHECK_SECONDS, lambda: self._search_again(generation))

    def _search_again(self, generation: int) -> None:
        """The same query again, if nothing newer was typed, now that the backend has more."""
        if generation == self.search_generation and self.result is not None and self.result.incomplete:
            self._run_search()
            self.recheck = self.search_generation

    def _show_search_state(self) -> None:
        """The sidebar (every article, or the matches), the summary, the status and the keys n/N."""
        result = self.result
        if result is not None and result.ok:
            counts = {aid: n for aid, n in result.per_article if aid in self.library.by_id}
            shown = [self.library.by_id[aid] for aid in counts]
            self.article_tree.show_articles(shown, matches=counts, keep=self.current_id, expand_all_if_small=200)
        else:
            self.article_tree.show_all(keep=self.current_id)
        self._update_summary()
        self._update_position()
        self.has_matches = bool(result is not None and result.total_matches)

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
        n, articles = result.ordinal(ref), len(result.per_article)
        self.search_bar.set_status(
            f"match {n:,} of {result.total_matches:,} · {articles:,} {plural(articles, 'article')}{_still(result)}"
        )
        self._update_position()

    def action_next_match(self) -> None:
        """n: the next match, opening the next article when this one is done."""
        result = self.result
        if result is None or not result.total_matches:
            return
        current = self.current_match
        ref = result.first_match(self.current_id) if current is None else result.next_match(current)
        if ref is not None:
            self._go_to_match(ref)

    def action_prev_match(self) -> None:
        """N: the previous match."""
        result = self.result
        if result is None or not result.total_matches:
            return
        current = self.current_match
        ref = result.last_match_from(self.current_id) if current is None else result.prev_match(current)
        if ref is not None:
            self._go_to_match(ref)
