"""The bar above the reader while loading: a progress bar and "120 of 4,000 files · 300 files/s"."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import ProgressBar, Static

__all__ = ["LoadProgress"]


class LoadProgress(Horizontal):
    """Progress of listing the files, then of making their text searchable (toolong's ScanProgressBar)."""

    done: reactive[float] = reactive(0.0)
    total: reactive[float | None] = reactive(None)  # None until the files are counted: the bar pulses
    line: reactive[str] = reactive("Finding files…")

    def compose(self) -> ComposeResult:
        yield ProgressBar(id="load-bar", show_eta=False).data_bind(progress=LoadProgress.done, total=LoadProgress.total)
        yield Static(Text("Finding files…"), id="load-rate")

    def watch_line(self, line: str) -> None:
        self.query_one("#load-rate", Static).update(Text(line))

    def files(self, done: int, total: int, rate: float, articles: int) -> None:
        """Files listed so far (cached ones count at once)."""
        self._show(done, total)
        self.line = f"{done:,} of {total:,} files · {rate:,.0f} files/s · {articles:,} articles"

    def text(self, done: int, total: int, rate: float) -> None:
        """Pages whose text is searchable so far (once every file is listed)."""
        self._show(done, total)
        self.line = f"search text: {done:,} of {total:,} pages · {rate:,.0f} pages/s"

    def _show(self, done: int, total: int) -> None:
        self.total = max(1, total)
        self.done = done
