"""The sidebar's head: "5 pages · 27 articles · 9 localities", and under it what a search found."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

__all__ = ["CorpusSummary", "plural"]


def plural(n: int, one: str, many: str | None = None) -> str:
    """The noun for `n` things ("1 page", "2 pages"; `many` when it is not one + "s")."""
    return one if n == 1 else (many if many is not None else one + "s")


class CorpusSummary(Static):
    """What is open and, while searching, how much matched; redraws (and resizes) when a field changes."""

    pages: reactive[int] = reactive(0, layout=True)
    articles: reactive[int] = reactive(0, layout=True)
    localities: reactive[int] = reactive(0, layout=True)
    unreadable: reactive[int] = reactive(0, layout=True)
    # (matches, articles with one) while a search is shown; None otherwise.
    found: reactive[tuple[int, int] | None] = reactive(None, layout=True)
    text_loading: reactive[bool] = reactive(False, layout=True)
    loaded: reactive[bool] = reactive(False, layout=True)  # "Loading…" until the first listing

    def watch_found(self) -> None:
        self.clear_cached_dimensions()  # one line or two

    def render(self) -> Text:
        if not self.loaded:
            return Text("Loading…")
        text = Text()
        for i, (n, one, many) in enumerate(((self.pages, "page", None), (self.articles, "article", None),
                                            (self.localities, "locality", "localities"))):
            text.append(" · " if i else "")
            text.append(f"{n:,}", style="bold")
            text.append(" " + plural(n, one, many))
        if self.unreadable:
            text.append(f" · {self.unreadable:,} unreadable", style="bold red")
        if self.found is not None:
            n, m = self.found
            text.append("\n")
            text.append(f"{n:,} {plural(n, 'match', 'matches')} in {m:,} {plural(m, 'article')}" if n else "No matches.")
            if self.text_loading:
                text.append(" (text still loading)", style="italic")
        return text
