"""The civread App: what lives as long as the program does (the library, the search backend,
the reading state) and the workers that load and measure the corpus.

Everything on screen is the reader screen's (`screens/reader.py`); every key is in `keys.py`.
The load worker only drains `civread.library.load_events` into `Loaded` messages for the screen.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import get_current_worker

from civread.library import ArticleLibrary, corpus_key, load_events
from civread.messages import CorpusMeasured, Loaded
from civread.names import safe_text
from civread.pinyin_search import PinyinSearch
from civread.screens.help import HelpScreen
from civread.screens.reader import ReaderScreen
from civread.search import SearchBackend
from civread.signals import catch_exit_signals, release_exit_signals
from civread.state import load_state, save_state

__all__ = ["CivreadApp"]

AUTOSAVE_SECONDS = 5.0


class CivreadApp(App[None]):
    """Read, search and measure Chinese local-news pages."""

    CSS_PATH = "app.tcss"
    TITLE = "civread"

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
            # Chinese as typed, and the same query read as pinyin (civread.pinyin_search).
            backend = PinyinSearch(loader=self.library.load_article, keep_as=corpus_key(self.paths))
        self.search_backend: SearchBackend = backend
        self.state, notice = load_state()
        self._startup_notices = [notice] if notice else []
        self._state_dirty = False
        self._listed = threading.Event()  # the first listing is on screen
        self._signals: list[int] = []
        self._main_screen: ReaderScreen | None = None

    @property
    def main_screen(self) -> ReaderScreen:
        """The reader screen (made when the app starts)."""
        if self._main_screen is None:
            self._main_screen = ReaderScreen(self.library, self.state)
        return self._main_screen

    def get_default_screen(self) -> Screen:
        return self.main_screen

    def on_mount(self) -> None:
        for notice in self._startup_notices:
            self.notify(notice, severity="warning", timeout=8)
        self.set_interval(AUTOSAVE_SECONDS, self._autosave)
        self._signals = catch_exit_signals(self._on_signal)
        self.load_pages()

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

    # ------------------------------------------------------------ workers

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_pages(self) -> None:
        """Drain the library's load events into messages for the reader screen."""
        worker = get_current_worker()
        events = load_events(self.paths, self.search_backend, self.library.to_measure, workers=self.load_workers,
                             should_stop=lambda: worker.is_cancelled,
                             after_listing=lambda: self._listed.wait(timeout=3.0))
        try:
            for event in events:
                if worker.is_cancelled:
                    return
                self.main_screen.post_message(Loaded(event))
        finally:
            events.close()

    def listing_painted(self) -> None:
        """The first listing reached the screen: the loader may read the cached text now."""
        if not self._listed.is_set():
            self.call_after_refresh(self._listed.set)

    @work(thread=True, exclusive=True, group="measure", exit_on_error=False)
    def measure_corpus(self) -> None:
        """Corpus keywords and metrics, off the UI thread (see `ArticleLibrary.measure`)."""
        try:
            model, metrics = self.library.measure()
            reprints, dates = self.library.reprints_and_dates()
        except Exception as exc:  # noqa: BLE001 - metrics are a bonus, never fatal
            self.notify(f"Could not measure the corpus: {exc}", severity="error")
            return
        self.main_screen.post_message(CorpusMeasured(model, metrics, reprints, dates))

    # ------------------------------------------------------------ actions every screen has

    def action_help(self) -> None:
        """?: every key."""
        self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        """q: remember the article and position, then leave."""
        self.save_state()
        self.exit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands, then every reader action by name (ctrl+p)."""
        yield from super().get_system_commands(screen)
        yield from self.main_screen.commands()

    # ------------------------------------------------------------ state and teardown

    def state_changed(self) -> None:
        """The reading state changed: it is saved within AUTOSAVE_SECONDS, and on the way out."""
        self._state_dirty = True

    def _autosave(self) -> None:
        if self._state_dirty:
            self.save_state()

    def save_state(self) -> None:
        self.main_screen.remember_position()
        notice = save_state(self.state)
        self._state_dirty = False
        if notice:
            self.notify(notice, severity="warning", timeout=5)

    def _on_signal(self, signum: int) -> None:
        """Leave as `q` does, with 128 + the signal's number as the exit code (the shell's way)."""
        self._stop_workers()
        try:
            self.save_state()
        except Exception:  # noqa: BLE001 - leaving must not fail
            pass
        self.exit(return_code=128 + signum)

    def _stop_workers(self) -> None:
        """Cancel the workers: the loader closes its page stream, which shuts the process pool."""
        self.workers.cancel_all()

    def on_unmount(self) -> None:
        """Keep the position, close the search index (its file is kept for the next open of these
        paths) and the page cache."""
        release_exit_signals(self._signals)
        self._signals = []
        self._stop_workers()
        if self._state_dirty:  # however the app ends, the reading position is kept
            try:
                self.main_screen.remember_position()
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

