"""A dismissable notice listing the files that could not be read, one 'path: reason' per line."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from civread.model import LoadProblem
from civread.names import safe_name, safe_text

__all__ = ["ProblemsNotice"]

MAX_SHOWN = 200  # beyond this the notice says how many more


class ProblemsNotice(VerticalScroll):
    """Docked above the reader while there are problems; `x` or the button dismisses it."""

    DEFAULT_CSS = """
    ProblemsNotice {
        dock: top;
        height: auto;
        max-height: 8;
        border: round $warning;
        border-title-color: $warning;
        padding: 0 1;
        background: $warning 10%;
    }
    ProblemsNotice.-hidden { display: none; }
    ProblemsNotice > Horizontal { height: 1; }
    ProblemsNotice #problems-text { width: 1fr; height: auto; }
    ProblemsNotice Button { min-width: 12; height: 1; border: none; margin-left: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="-hidden")
        self.problems: list[LoadProblem] = []
        self.border_title = "Files that could not be read"

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static(Text("These files were skipped; the rest of the corpus is open."), id="problems-head")
            yield Button("Dismiss (x)", id="problems-dismiss", compact=True)
        yield Static(Text(""), id="problems-text")

    def add(self, problems: list[LoadProblem]) -> None:
        """List more problems and show the notice."""
        self.problems.extend(problems)
        lines = Text()
        for i, problem in enumerate(self.problems[:MAX_SHOWN]):
            if i:
                lines.append("\n")
            lines.append(safe_name(problem.path), style="bold")
            lines.append(": ")
            lines.append(safe_text(str(problem.reason)))
        if len(self.problems) > MAX_SHOWN:
            lines.append(f"\n… and {len(self.problems) - MAX_SHOWN:,} more")
        self.query_one("#problems-text", Static).update(lines)
        self.border_title = f"{len(self.problems):,} file{'s' if len(self.problems) != 1 else ''} could not be read"
        self.remove_class("-hidden")

    @property
    def showing(self) -> bool:
        return bool(self.problems) and not self.has_class("-hidden")

    def dismiss(self) -> None:
        self.add_class("-hidden")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss()
