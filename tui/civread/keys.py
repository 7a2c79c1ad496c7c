"""Every key civread answers, written down once: the bindings, the help screen and the palette come from here.

`KEYS` is the help screen, group by group, row by row. A row either documents keys a widget
handles itself (the tree's and the reader's own BINDINGS: moving, paging) or carries the
`Command`s it stands for; `bindings()` makes the reader screen's BINDINGS of those, and
`commands()` the command palette's entries, each naming its key.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from textual.binding import Binding, BindingType

__all__ = ["KEYS", "Command", "HelpRow", "bindings", "commands", "key_hint"]


@dataclass(frozen=True, slots=True)
class Command:
    """One action: its keys, its footer label, and its name in the command palette."""

    action: str  # the method `action_<action>` of its owner
    keys: str  # Textual key names, comma-separated ("" : palette only)
    footer: str  # the footer's label
    palette: str | None  # the palette's title (None: Textual's own palette has it)
    palette_help: str  # the palette's line under the title (the key is added)
    key_display: str | None = None
    show: bool = True  # in the footer
    owner: str = "screen"  # whose `action_…` it is: the App's or the reader screen's
    hint: str | None = None  # the key named in the palette, when it is not the binding's

    @property
    def id(self) -> str:
        return f"{self.owner}.{self.action}"

    def binding(self) -> Binding:
        action = f"app.{self.action}" if self.owner == "app" else self.action
        return Binding(self.keys, action, self.footer, show=self.show, key_display=self.key_display,
                       tooltip=self.palette_help, id=self.id)


@dataclass(frozen=True, slots=True)
class HelpRow:
    """One line of the help: keys as shown, what they do, and the commands behind them (if any)."""

    shown: str
    what: str
    commands: tuple[Command, ...] = ()


def _cmd(action: str, keys: str, footer: str, palette: str | None, palette_help: str, **more: object) -> Command:
    return Command(action, keys, footer, palette, palette_help, **more)  # type: ignore[arg-type]


NEXT_ARTICLE = _cmd("next_article", "right_square_bracket", "Next", "Next article",
                    "Open the next article in reading order", key_display="]")
PREV_ARTICLE = _cmd("prev_article", "left_square_bracket", "Prev", "Previous article",
                    "Open the previous article", key_display="[")
NEXT_MATCH = _cmd("next_match", "n", "Next match", "Next match", "Go to the next search match")
PREV_MATCH = _cmd("prev_match", "N", "Prev match", "Previous match", "Go to the previous search match", key_display="N")

KEYS: Sequence[tuple[str, Sequence[HelpRow]]] = (
    (
        "Moving around",
        (
            HelpRow("tab / shift+tab", "Move focus between sidebar, reader, metrics", (
                _cmd("focus_next_pane", "tab", "Focus next", None, "Next pane (narrow: sidebar or reader)", show=False),
                _cmd("focus_previous_pane", "shift+tab", "Focus previous", None, "Previous pane", show=False),
                _cmd("focus_sidebar", "", "", "Focus sidebar", "Move to the article tree", hint="tab"),
                _cmd("focus_reader", "", "", "Focus reader", "Move to the article", hint="tab"),
            )),
            HelpRow("↑ ↓  j k", "Move in the sidebar; scroll the reader"),
            HelpRow("← →  h l", "Sidebar: collapse / expand a group"),
            HelpRow("enter", "Open the article under the cursor (or open a group)"),
            HelpRow("space / b", "Reader: page down / page up"),
            HelpRow("g / G", "Top / bottom (reader or sidebar)"),
            HelpRow("] / [", "Next / previous article, without the sidebar", (NEXT_ARTICLE, PREV_ARTICLE)),
            HelpRow("mouse", "Click in the sidebar; wheel scrolls the reader"),
        ),
    ),
    (
        "Search",
        (
            HelpRow("/  ctrl+f", "Search as you type (title, text, place)", (
                _cmd("open_search", "slash,ctrl+f", "Search", "Search", "Search titles, text and places as you type",
                     key_display="/"),
            )),
            HelpRow("ctrl+r", "Switch between plain text and regular expression", (
                _cmd("toggle_regex", "ctrl+r", "Regex", "Toggle regex search", "Plain text or regular expression",
                     show=False),
            )),
            HelpRow("enter", "Keep the results and go back to reading"),
            HelpRow("n / N", "Next / previous match, across articles", (NEXT_MATCH, PREV_MATCH)),
            HelpRow("escape", "Close search and go back to where you were", (
                _cmd("close_search", "escape", "Close search", "Close search", "Clear the search and go back",
                     show=False),
            )),
        ),
    ),
    (
        "Views",
        (
            HelpRow("m", "Metrics panel on / off", (
                _cmd("toggle_metrics", "m", "Metrics", "Toggle metrics panel", "Article and corpus measures"),
            )),
            HelpRow("o", "Original text (before cleaning) on / off", (
                _cmd("toggle_original", "o", "Original", "Toggle original text", "The page text before cleaning"),
            )),
            HelpRow("B", "Bookmark the article on / off (★ in the sidebar)", (
                _cmd("toggle_bookmark", "B", "Bookmark", "Toggle bookmark", "Bookmark the article on show",
                     key_display="B"),
            )),
            HelpRow("d", "Sidebar by date (months, newest first) or by place", (
                _cmd("toggle_date_order", "d", "By date", "Toggle sidebar by date",
                     "Order the sidebar by month or by place"),
            )),
            HelpRow("r", "Next printing of the same story (×N in the sidebar: it ran N times)", (
                _cmd("next_printing", "r", "Reprint", "Next printing", "Open where else this story ran (reprints)"),
            )),
            HelpRow("p", "Places side by side: figures by place (s sort, c chart, e CSV, enter opens)", (
                _cmd("places", "p", "Places", "Places side by side",
                     "What articles report, place by place (filtered by the search)"),
            )),
            HelpRow("x", "Dismiss the notice about unreadable files", (
                _cmd("dismiss_notice", "x", "Dismiss notice", "Dismiss file notice", "Hide the list of unreadable files"),
            )),
            HelpRow("ctrl+p", "Command palette: every action by name"),
            HelpRow("?", "This help", (
                _cmd("help", "question_mark", "Help", "Help: keys", "Every key and how the sidebar is ordered",
                     key_display="?", owner="app"),
            )),
            HelpRow("q", "Quit (the article and position are remembered)", (
                _cmd("quit", "q", "Quit", None, "Quit the app (the article and position are remembered)",
                     owner="app"),
            )),
        ),
    ),
)

# The footer's order (the help's order groups pairs differently).
_FOOTER_ORDER = ("quit", "help", "open_search", "next_match", "prev_match", "prev_article", "next_article",
                 "toggle_metrics", "toggle_original", "toggle_bookmark", "toggle_date_order", "next_printing", "places", "dismiss_notice", "close_search",
                 "toggle_regex", "focus_next_pane", "focus_previous_pane")


def _all() -> Iterator[Command]:
    for _, rows in KEYS:
        for row in rows:
            yield from row.commands


def bindings() -> list[BindingType]:
    """The reader screen's BINDINGS (the App's actions too, as `app.…`: the footer shows the
    screen's chain), in the footer's order."""
    bound = [c for c in _all() if c.keys]
    bound.sort(key=lambda c: _FOOTER_ORDER.index(c.action))
    return [c.binding() for c in bound]


def key_hint(command: Command) -> str:
    """The key a person presses for a command, as the palette names it."""
    return command.hint or command.key_display or command.keys.split(",")[0]


def commands() -> list[Command]:
    """The palette's commands, in the help's order (those Textual's palette has are left out)."""
    return [c for c in _all() if c.palette is not None]
