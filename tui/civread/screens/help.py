"""The help screen (`?`): every key (from `civread.keys`), what it does, and how the sidebar is ordered."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from civread.keys import KEYS

__all__ = ["HelpScreen"]

ABOUT = (
    "The sidebar groups articles by province › prefecture › county. Each group shows how many "
    "articles it holds (while searching: how many matches), and groups are ordered by that "
    "count, most first; articles without a known place are under “Unlocated”, last. Inside a "
    "group, articles keep the order of the pages. “photo” marks a photo with its caption; "
    "untitled pieces are named by their first words, in italics. Search ignores traditional vs "
    "simplified characters, full- vs half-width forms, case and spaces."
)


class HelpScreen(ModalScreen[None]):
    """Keys and conventions; any of escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss_help", "Close help", id="help.close"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        border-title-color: $accent;
        background: $surface;
        padding: 0 1;
    }
    HelpScreen Static { height: auto; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = "civread — keys"
            box.border_subtitle = "escape closes"
            for title, rows in KEYS:
                table = Table.grid(padding=(0, 2))
                table.add_column(style="bold", no_wrap=True)
                table.add_column()
                for row in rows:
                    table.add_row(Text(row.shown), Text(row.what))
                yield Static(Text(title, style="bold underline"))
                yield Static(table)
            yield Static(Text(""))
            yield Static(Text(ABOUT))

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
