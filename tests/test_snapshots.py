"""Pictures of the reader's main views (pytest-textual-snapshot).

Made deterministic: state and cache in a temporary folder, the seeds opened by a relative path
(so the "Source:" line does not depend on where the checkout lives), every worker waited for,
the progress bar hidden once loading ends, the input cursor not blinking.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from civread.app import CivreadApp
from civread.seeds import seeds_dir
from conftest import settle


@pytest.fixture(autouse=True)
def _in_the_seeds_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    """Relative page paths, so the screens do not show this machine's folders."""
    monkeypatch.chdir(seeds_dir().parent)


def _app() -> CivreadApp:
    return CivreadApp([seeds_dir().name])


async def _settle(pilot: Pilot) -> None:
    await settle(pilot)
    for box in pilot.app.query(Input):
        box.cursor_blink = False


def _then(*keys: str):  # type: ignore[no-untyped-def]
    """run_before: wait for loading, press keys, wait for the workers they started."""

    async def run_before(pilot: Pilot) -> None:
        await _settle(pilot)
        if keys:
            await pilot.press(*keys)
        await _settle(pilot)

    return run_before


def test_start_view(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(), terminal_size=(160, 48), run_before=_then())


def test_open_article(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(), terminal_size=(160, 48), run_before=_then("j", "enter"))


def test_search_highlights_and_counts(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(), terminal_size=(160, 48), run_before=_then("slash", "肇", "慶", "enter", "n", "n"))


def test_metrics_panel(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(), terminal_size=(160, 48), run_before=_then("m"))


def test_original_text(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(), terminal_size=(160, 48), run_before=_then("right_square_bracket", "o"))


def test_help_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(), terminal_size=(160, 48), run_before=_then("question_mark"))


def test_narrow_terminal(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(), terminal_size=(80, 24), run_before=_then())


def test_narrow_terminal_reading(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(), terminal_size=(80, 24), run_before=_then("enter", "j"))


def test_pinyin_search(snap_compare) -> None:  # type: ignore[no-untyped-def]
    """Typed without a Chinese input method: the sidebar counts and the highlights are the Chinese."""
    keys = ("slash", *"zhiyuan", "space", *"fuwu", "enter")
    assert snap_compare(_app(), terminal_size=(160, 48), run_before=_then(*keys))


def test_places_view(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(), terminal_size=(160, 48), run_before=_then("p"))
