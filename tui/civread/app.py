"""The civread reader: sidebar of articles by place, the article pre-wrapped, search, metrics.

The app only presents what the library (`civread.library`, no Textual) holds and loads: its
loading worker drains `load_events` into `Loaded` messages. Searches run in an exclusive worker
on every keystroke, and a stale one is stopped through `should_stop`. Page text reaches the
screen only as `rich.text.Text`, never as markup.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, Input, ProgressBar, Static, Tree
from textual.notifications import SeverityLevel
from textual.timer import Timer
from textual.worker import get_current_worker

from civread.library import ArticleLibrary, Finished, Listed, TextProgress, corpus_key, load_events
from civread.messages import CorpusMeasured, Loaded, OpenArticle, ReaderScrolled, SearchFinished
from civread.model import Article
from civread.names import safe_text
from civread.search import IndexedSearch, MatchRef, SearchBackend, SearchOptions, SearchResult, search
from civread.state import ReaderState, load_state, save_state
from civread.widgets.article_tree import ArticleTree, Group
from civread.widgets.article_view import ArticleView
from civread.widgets.metrics_panel import MetricsPanel
from civread.widgets.problems_notice import ProblemsNotice
from civread.widgets.search_bar import SEARCH_MAX_CHARS, SearchBar
from civread.screens.help import HelpScreen

__all__ = ["CivreadApp", "run_app"]

NARROW_WIDTH = 110  # below this many columns the side panels overlay the reader
AUTOSAVE_SECONDS = 5.0
SEARCH_SETTLE_SECONDS = 0.05  # keys closer together than this are one burst, searched once at its end


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
        self.library = ArticleLibrary(self.paths)
        if backend is None:  # the trigram index is kept for the next time these paths are opened
            backend = IndexedSearch(loader=self.library.load_article, keep_as=corpus_key(self.paths))
        self.search_backend: SearchBackend = backend
        self.current_id: str | None = None
        self.loading = True  # until every file is listed
        self.indexing = True  # until every article's text is searchable
        self.state, notice = load_state()
        self._startup_notices = [notice] if notice else []
        self._state_dirty = False
        self._auto_opened = False  # the article on show was opened by the app, not the person
        self._listed = threading.Event()  # the first listing is on screen
        # Search
        self.result: SearchResult | None = None
        self.current_match: MatchRef | None = None
        self.regex = False
        self.search_generation = 0
        self._last_query_key = 0.0  # when the search text last changed (monotonic)
        self._warned_length = False
        self._search_timer: Timer | None = None  # a search waiting for a burst of keys to end
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
            panel = MetricsPanel(id="metrics", classes="-hidden")
            panel.stored_measures = self.library.stored_measures
            yield panel
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
        self._catch_signals()
        self.load_pages()

    def _catch_signals(self) -> None:
        """SIGTERM, SIGHUP and a SIGINT from outside (ctrl+c inside is a key) end the reader the way
        `q` does: state saved, workers stopped, terminal restored (alternate screen left, mouse
        reporting off, cursor shown) by Textual's own shutdown. Main thread only (else: no-op)."""
        import asyncio
        import signal

        self._signals: list[int] = []
        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP", "SIGINT"):
            sig = getattr(signal, name, None)
            if sig is None:
                continue
            try:
                loop.add_signal_handler(sig, self._on_signal, int(sig))
            except (NotImplementedError, RuntimeError, ValueError, OSError):
                continue
            self._signals.append(int(sig))

    def _release_signals(self) -> None:
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        for sig in getattr(self, "_signals", []):
            try:
                loop.remove_signal_handler(sig)
            except (NotImplementedError, RuntimeError, ValueError, OSError):
                pass
        self._signals = []

    def _on_signal(self, signum: int) -> None:
        """Leave as `q` does, with 128 + the signal's number as the exit code (the shell's way)."""
        self._stop_loading()
        try:
            self._save_state()
        except Exception:  # noqa: BLE001 - leaving must not fail
            pass
        self.exit(return_code=128 + signum)

    def _stop_loading(self) -> None:
        """Cancel the workers: the loader closes its page stream, which shuts the process pool."""
        try:
            self.workers.cancel_all()
        except Exception:  # noqa: BLE001
            pass

    def on_resize(self, event: events.Resize) -> None:
        """Lay out for the new size (`self.size` may still be the previous one here)."""
        self._apply_width(event.size.width)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notice is plain text: notices quote file names, state-file keys and errors,
        which are data (`[/]` must not be read as markup, `\\x1b` must not reach the terminal)."""
        super().notify(safe_text(str(message)), title=safe_text(title), severity=severity, timeout=timeout,
                       markup=False)

    def _apply_width(self, width: int) -> None:
        """Narrow terminals: the sidebar and the metrics panel overlay the reader."""
        self.screen.set_class(width < NARROW_WIDTH, "-narrow")

    @property
    def _leaving(self) -> bool:
        """The app is exiting: its widgets may already be gone."""
        return bool(self._exit or self._closing or self._closed)

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
        """Drain the library's load events into messages (see `civread.library.load_events`)."""
        worker = get_current_worker()
        events = load_events(self.paths, self.search_backend, self.library.to_measure, workers=self.load_workers,
                             should_stop=lambda: worker.is_cancelled,
                             after_listing=lambda: self._listed.wait(timeout=3.0))
        try:
            for event in events:
                if worker.is_cancelled:
                    return
                self.post_message(Loaded(event))
        finally:
            events.close()

    def on_loaded(self, message: Loaded) -> None:
        if self._leaving:  # messages still queued while the app shuts down
            return
        event = message.event
        if isinstance(event, Listed):
            self._pages_listed(event)
        elif isinstance(event, TextProgress):
            self._text_indexed(event)
        elif isinstance(event, Finished):
            self._load_finished(event)
        else:
            self.notify(f"Loading stopped: {event.error}", severity="error")

    def _pages_listed(self, message: Listed) -> None:
        new = self.library.add(message)
        if message.problems:
            self.problems.add(message.problems)
        if new:
            self.tree.add_articles(new)
            self._update_position()  # "article 1 of N": N grew
        self._show_progress(message.done, message.total, message.rate, "files")
        self._update_summary()
        self._maybe_restore()
        if not self._listed.is_set():
            self.call_after_refresh(self._listed.set)

    def _show_progress(self, done: int, total: int, rate: float, what: str) -> None:
        bar = self.query_one("#load-bar", ProgressBar)
        if total >= 0:
            bar.update(total=max(1, total), progress=done)
        shown = f"{total:,}" if total >= 0 else "?"
        if what == "files":
            line = f"{done:,} of {shown} files · {rate:,.0f} files/s · {len(self.library.articles):,} articles"
        else:
            line = f"search text: {done:,} of {shown} pages · {rate:,.0f} pages/s"
        self.query_one("#load-rate", Static).update(Text(line))

    def _text_indexed(self, message: TextProgress) -> None:
        if not message.finished:
            if not self.loading:  # the listing is complete: the bar now follows the search text
                self._show_progress(message.done, message.total, message.rate, "text")
            return
        self.indexing = False
        self.query_one("#loading").add_class("-hidden")
        if self.result is not None or self.search_bar.input.value:
            self._run_search()  # the results so far were over part of the text
        self.measure_corpus()

    def _load_finished(self, message: Finished) -> None:
        self.loading = False
        if not self.indexing:
            self.query_one("#loading").add_class("-hidden")
        if self.result is None:
            self.tree.show_all(keep=self.current_id, only_if_unsorted=True)  # sorted afresh, once
        self._update_summary()
        for notice in message.notices:
            self.notify(notice, severity="warning", timeout=8)
        if message.error:
            self.notify(f"Loading stopped: {message.error}", severity="error", timeout=10)
        self._maybe_restore()
        self.refresh_bindings()

    @work(thread=True, exclusive=True, group="measure", exit_on_error=False)
    def measure_corpus(self) -> None:
        """Corpus keywords and metrics, off the UI thread (see `ArticleLibrary.measure`)."""
        try:
            model, metrics = self.library.measure()
        except Exception as exc:  # noqa: BLE001 - metrics are a bonus, never fatal
            self.notify(f"Could not measure the corpus: {exc}", severity="error")
            return
        self.post_message(CorpusMeasured(model, metrics))

    def on_corpus_measured(self, message: CorpusMeasured) -> None:
        if self._leaving:  # messages still queued while the app shuts down
            return
        panel = self.metrics
        panel.keyword_model = message.keyword_model  # type: ignore[assignment]
        panel.corpus_metrics = message.corpus_metrics  # type: ignore[assignment]
        self.corpus_measured = True
        if panel.article is not None:
            panel.refresh_metrics()

    def _update_summary(self) -> None:
        pages, articles, places = self.library.page_count, len(self.library.articles), len(self.library.localities)
        text = Text()
        text.append(f"{pages:,}", style="bold")
        text.append(" page" + ("s" if pages != 1 else "") + " · ")
        text.append(f"{articles:,}", style="bold")
        text.append(" article" + ("s" if articles != 1 else "") + " · ")
        text.append(f"{places:,}", style="bold")
        text.append(" localit" + ("ies" if places != 1 else "y"))
        if self.library.problems:
            text.append(f" · {len(self.library.problems):,} unreadable", style="bold red")
        if self.result is not None and self.result.ok:
            n, m = self.result.total_matches, len(self.result.per_article)
            text.append("\n")
            if n:
                text.append(f"{n:,} match{'es' if n != 1 else ''} in {m:,} article{'s' if m != 1 else ''}")
            else:
                text.append("No matches.")
            if self.indexing:
                text.append(" (text still loading)", style="italic")
        self.query_one("#summary", Static).update(text)

    def _refresh_tree(self) -> None:
        """Show all articles (sorted afresh) or the search's matches, keeping what is open."""
        result = self.result
        if result is not None and result.ok:
            counts = {aid: n for aid, n in result.per_article if aid in self.library.by_id}
            shown = [self.library.by_id[aid] for aid in counts]
            self.tree.show_articles(shown, matches=counts, keep=self.current_id, expand_all_if_small=200)
        else:
            self.tree.show_all(keep=self.current_id)

    def _maybe_restore(self) -> None:
        """Reopen the article read last time as soon as it is listed; else open the first one."""
        last = self.state.last_article_id
        if last and last in self.library.by_id and (self.current_id is None or (self._auto_opened and self.current_id != last)):
            self.open_article(last, scroll_y=self.state.positions.get(last, 0.0))
        elif self.current_id is None and self.library.articles:
            self.open_article(self.library.articles[0].id, auto=True)

    # ------------------------------------------------------------ reading

    def load_article(self, article_id: str) -> Article | None:
        """The whole article, from the library (a recent page, the page cache, or the file again)."""
        return self.library.load_article(article_id)

    def open_article(
        self, article_id: str, scroll_y: float | None = None, focus_reader: bool = False, auto: bool = False
    ) -> None:
        """Show an article in the reader and put the sidebar's cursor on it."""
        article = self.load_article(article_id)
        if article is None:
            if article_id in self.library.by_id:
                self.notify("That article's page can no longer be read.", severity="error", timeout=5)
            return
        self._auto_opened = auto
        self._remember_position()
        if scroll_y is None:
            scroll_y = self.state.positions.get(article_id, 0.0)
        first = self.current_id is None
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
        if first:  # what check_action answers changes only when the first article opens: the
            self.refresh_bindings()  # footer is rebuilt on every refresh (most of a `]`'s cost)

    def _remember_position(self) -> None:
        if self.current_id is not None:
            try:
                scroll_y = self.reader.scroll_y
            except NoMatches:  # shutting down: the reader is gone, its last position was kept
                return
            self.state.set_position(self.current_id, scroll_y)
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
        if self._leaving:  # messages still queued while the app shuts down
            return
        self._update_position()

    def _update_position(self) -> None:
        """'article 7 of 31 · 42%', plus the bookmark and the search position."""
        text = Text(no_wrap=True, overflow="ellipsis")
        if self.current_id is not None:
            n = self.library.position_of.get(self.current_id, 0) + 1
            text.append(f"article {n:,} of {len(self.library.articles):,}")
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
        if data is not None and not isinstance(data, Group):
            self.post_message(OpenArticle(data.id))  # type: ignore[attr-defined]
        elif event.node.allow_expand:
            event.node.toggle()

    def on_open_article(self, message: OpenArticle) -> None:
        self.open_article(message.article_id, focus_reader=True)

    def on_unmount(self) -> None:
        """Close the search index (its file is kept for the next open of these paths) and the cache."""
        self._release_signals()
        self._stop_loading()
        if self._state_dirty:  # however the app ends, the reading position is kept
            try:
                self._remember_position()
            except Exception:  # noqa: BLE001 - the reader may be gone already: keep the last one
                pass
            save_state(self.state)
            self._state_dirty = False
        close = getattr(self.search_backend, "close", None)
        if callable(close):
            try:
                close()
            except Exception:  # noqa: BLE001 - leaving must not fail
                pass
        self.library.close()

    def _step_article(self, step: int) -> None:
        if not self.library.articles:
            return
        if self.current_id is None:
            index = 0 if step > 0 else len(self.library.articles) - 1
        else:
            index = self.library.position_of.get(self.current_id, 0) + step
        if 0 <= index < len(self.library.articles):
            self.open_article(self.library.articles[index].id)
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
        if show and self.current_id is not None:
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
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
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
        """Search as you type; keys that come in a burst (a paste typed as keystrokes, a held
        key) are searched once, when the burst is over: each result repaints the sidebar, and
        10,000 of them froze the reader for minutes."""
        event.stop()
        if len(event.value) >= SEARCH_MAX_CHARS and not self._warned_length:
            self._warned_length = True
            self.notify(f"The search box holds at most {SEARCH_MAX_CHARS:,} characters; the rest was left out.",
                        severity="warning", timeout=5)
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

    def _settled_search(self) -> None:
        self._search_timer = None
        if time.monotonic() - self._last_query_key < SEARCH_SETTLE_SECONDS:  # still typing
            self._search_timer = self.set_timer(SEARCH_SETTLE_SECONDS, self._settled_search)
            return
        self._run_search()

    def _flush_search(self) -> None:
        """Run a search still waiting for its burst to end, now (enter, ctrl+r)."""
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
            self._run_search()

    @on(Input.Submitted, "#search-input")
    def _query_submitted(self, event: Input.Submitted) -> None:
        """enter: keep the results, hide the bar, read on (n/N walk the matches)."""
        event.stop()
        self._flush_search()
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
        if self._leaving:  # messages still queued while the app shuts down
            return
        if message.generation != self.search_generation or message.result.cancelled:
            return  # a newer keystroke is on its way
        self._show_result(message.result)

    def _show_result(self, result: SearchResult | None) -> None:
        bar = self.search_bar
        if result is not None and result.error is not None:
            error = result.error
            invalid = self.regex and getattr(error, "kind", "invalid") == "invalid"
            bar.set_status(f"Invalid: {error.message}" if invalid else str(error), error=True)
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
            ref = result.last_match_from(self.current_id)
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


def run_app(paths: list[str]) -> int:
    """Open the reader on `paths` (files or folders); no paths: the bundled seed pages.

    Returns the exit code: non-zero when the app failed (Textual has then printed why)."""
    from civread.seeds import seeds_dir

    app = CivreadApp(paths or [str(seeds_dir())])
    app.run()
    return app.return_code or 0



