"""The help screen (`?`): every key, what it does, and how the sidebar is ordered."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

__all__ = ["HelpScreen", "KEYMAP"]

# (keys, what they do), grouped. The one list the help screen shows; tests check that every
# application binding appears here.
KEYMAP: Sequence[tuple[str, Sequence[tuple[str, str]]]] = (
    (
        "Moving around",
        (
            ("tab / shift+tab", "Move focus between sidebar, reader, metrics"),
            ("↑ ↓  j k", "Move in the sidebar; scroll the reader"),
            ("← →  h l", "Sidebar: collapse / expand a group"),
            ("enter", "Open the article under the cursor (or open a group)"),
            ("space / b", "Reader: page down / page up"),
            ("g / G", "Top / bottom (reader or sidebar)"),
            ("] / [", "Next / previous article, without the sidebar"),
            ("mouse", "Click in the sidebar; wheel scrolls the reader"),
        ),
    ),
    (
        "Search",
        (
            ("/  ctrl+f", "Search as you type (title, text, place)"),
            ("ctrl+r", "Switch between plain text and regular expression"),
            ("enter", "Keep the results and go back to reading"),
            ("n / N", "Next / previous match, across articles"),
            ("escape", "Close search and go back to where you were"),
        ),
    ),
    (
        "Views",
        (
            ("m", "Metrics panel on / off"),
            ("o", "Original text (before cleaning) on / off"),
            ("B", "Bookmark the article on / off (★ in the sidebar)"),
            ("x", "Dismiss the notice about unreadable files"),
            ("ctrl+p", "Command palette: every action by name"),
            ("?", "This help"),
            ("q", "Quit (the article and position are remembered)"),
        ),
    ),
)

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
            for title, rows in KEYMAP:
                table = Table.grid(padding=(0, 2))
                table.add_column(style="bold", no_wrap=True)
                table.add_column()
                for keys, what in rows:
                    table.add_row(Text(keys), Text(what))
                yield Static(Text(title, style="bold underline"))
                yield Static(table)
            yield Static(Text(""))
            yield Static(Text(ABOUT))

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
