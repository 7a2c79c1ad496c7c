"""The incremental search bar: the query box, its mode (plain or regex) and what was found.

It posts `SearchBar.Changed(query, regex)`, `.Accepted(query)` and `.Closed()`; its screen searches."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.widgets import Input, Static

from civread.search import MAX_PATTERN_CHARS

__all__ = ["SEARCH_MAX_CHARS", "SearchBar"]

# The box holds at most this many characters: Textual's Input measures its whole value on every
# key, so a 10,000-character paste typed as keystrokes cost minutes (quadratic); no query worth
# typing is longer, and a regular expression may not be (MAX_PATTERN_CHARS).
SEARCH_MAX_CHARS = MAX_PATTERN_CHARS


class SearchInput(Input):
    """The query box. Its own keys: escape closes the search, ctrl+r switches regex (the bar handles both)."""

    BINDINGS = [
        Binding("escape", "close", "Close search", id="search.close"),
        Binding("ctrl+r", "toggle_regex", "Regex on/off", id="search.regex"),
    ]

    def action_close(self) -> None:
        self.post_message(SearchBar.Closed())

    def action_toggle_regex(self) -> None:
        self.post_message(SearchBar.RegexToggled())


class SearchBar(Horizontal):
    """Shown at the bottom while searching (hidden: class -hidden). Owns the query and the mode;
    tells its screen what changed through its own messages."""

    @dataclass
    class Changed(Message):
        """The query or its mode changed: search again."""

        query: str
        regex: bool

    @dataclass
    class Accepted(Message):
        """enter: keep the results and read on."""

        query: str

    class Closed(Message):
        """escape: close the search and go back."""

    class RegexToggled(Message):
        """ctrl+r in the box (the bar switches its mode and says Changed)."""

    regex: var[bool] = var(False)

    DEFAULT_CSS = """
    SearchBar {
        height: 1;
        background: $boost;
    }
    SearchBar.-hidden { display: none; }
    SearchBar > #search-mode { width: auto; padding: 0 1; color: $text-muted; }
    SearchBar > SearchInput {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0;
        background: $boost;
    }
    SearchBar > SearchInput:focus { border: none; background-tint: $foreground 5%; }
    SearchBar > #search-status { width: auto; max-width: 50%; padding: 0 1; }
    SearchBar > #search-status.-error { color: $error; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._warned_length = False

    def compose(self) -> ComposeResult:
        yield Static(Text("Search"), id="search-mode")
        yield SearchInput(placeholder="title, text or place (ctrl+r: regex)", id="search-input",
                          max_length=SEARCH_MAX_CHARS)
        yield Static(Text(""), id="search-status")

    @property
    def input(self) -> SearchInput:
        return self.query_one(SearchInput)

    @property
    def value(self) -> str:
        """The query as typed (not `query`: that is DOMNode's)."""
        return self.input.value

    def focus_input(self) -> None:
        self.input.focus()

    def clear(self) -> None:
        """Empty the box and the status (the box says Changed, with an empty query)."""
        self.input.value = ""
        self.set_status("")

    def toggle_regex(self) -> None:
        """Plain text or regular expression; a query already typed is searched again."""
        self.regex = not self.regex
        if self.value:
            self.post_message(self.Changed(self.value, self.regex))

    def watch_regex(self, regex: bool) -> None:
        self.query_one("#search-mode", Static).update(Text("Regex" if regex else "Search"))

    @on(SearchInput.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if len(event.value) >= SEARCH_MAX_CHARS and not self._warned_length:
            self._warned_length = True
            self.notify(f"The search box holds at most {SEARCH_MAX_CHARS:,} characters; the rest was left out.",
                        severity="warning", timeout=5)
        self.post_message(self.Changed(event.value, self.regex))

    @on(SearchInput.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Accepted(event.value))

    @on(RegexToggled)
    def _regex_toggled(self, event: RegexToggled) -> None:
        event.stop()
        self.toggle_regex()

    def set_status(self, message: str, error: bool = False) -> None:
        """'match 3 of 17', 'No matches for …', or an error; always plain text."""
        status = self.query_one("#search-status", Static)
        status.update(Text(message, no_wrap=True, overflow="ellipsis"))
        status.set_class(error, "-error")
