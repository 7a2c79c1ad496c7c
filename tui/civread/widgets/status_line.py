"""The line under the reader: "article 7 of 27 · 42% · ★ bookmarked · match 3 of 17"."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

__all__ = ["StatusLine"]


class StatusLine(Static):
    """Where the reader is; the screen sets the fields, the line redraws itself."""

    number: reactive[int | None] = reactive(None)  # the article's place in reading order, 1-based
    total: reactive[int] = reactive(0)
    percent: reactive[int] = reactive(0)
    original: reactive[bool] = reactive(False)
    bookmarked: reactive[bool] = reactive(False)
    match: reactive[str] = reactive("")  # the search's position, or why there is none

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        if self.number is not None:
            text.append(f"article {self.number:,} of {self.total:,}")
            text.append(f" · {self.percent}%")
            if self.original:
                text.append(" · original text", style="bold")
            if self.bookmarked:
                text.append(" · ★ bookmarked")
        if self.match:
            text.append(" · " if text.plain else "")
            text.append(self.match, style="bold")
        return text
