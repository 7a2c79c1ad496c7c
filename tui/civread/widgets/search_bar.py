"""The incremental search bar: an input, the mode (plain or regex) and what was found."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Static

from civread.search import MAX_PATTERN_CHARS

__all__ = ["SEARCH_MAX_CHARS", "SearchBar"]

# The box holds at most this many characters: Textual's Input measures its whole value on every
# key, so a 10,000-character paste typed as keystrokes cost minutes (quadratic); no query worth
# typing is longer, and a regular expression may not be (MAX_PATTERN_CHARS).
SEARCH_MAX_CHARS = MAX_PATTERN_CHARS


class SearchInput(Input):
    """The query box. Its own keys: escape closes, ctrl+r switches regex (handled by the app)."""

    BINDINGS = [
        Binding("escape", "app.close_search", "Close search", id="search.close"),
        Binding("ctrl+r", "app.toggle_regex", "Regex on/off", id="search.regex"),
    ]


class SearchBar(Horizontal):
    """Shown at the bottom while searching; hidden (class -hidden) otherwise."""

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

    def compose(self) -> ComposeResult:
        yield Static(Text("Search"), id="search-mode")
        yield SearchInput(placeholder="title, text or place (ctrl+r: regex)", id="search-input",
                          max_length=SEARCH_MAX_CHARS)
        yield Static(Text(""), id="search-status")

    @property
    def input(self) -> SearchInput:
        return self.query_one(SearchInput)

    def set_mode(self, regex: bool) -> None:
        """Show which kind of query the box holds."""
        self.query_one("#search-mode", Static).update(Text("Regex" if regex else "Search"))

    def set_status(self, message: str, error: bool = False) -> None:
        """'match 3 of 17', 'No matches for …', or an error; always plain text."""
        status = self.query_one("#search-status", Static)
        status.update(Text(message, no_wrap=True, overflow="ellipsis"))
        status.set_class(error, "-error")
