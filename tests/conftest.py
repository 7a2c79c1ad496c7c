"""What every test shares: its own state and cache folders, and one way to run and settle the app.

`settle` and `run_async` are imported by the app tests (`from conftest import run_async, settle`):
the tests folder is on sys.path, as it is for `seedtext`.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerState


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """State in tmp_path/state and the page cache in tmp_path/cache: no test touches the user's files.

    Returns tmp_path; a test that needs either folder takes `isolated_dirs / "state"` or `/ "cache"`."""
    monkeypatch.setenv("CIVREAD_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("CIVREAD_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def run_async(fn: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test on its own event loop (no pytest-asyncio in the project)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(fn(*args, **kwargs))

    return wrapper


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until loading, measuring and searching are over and the screen has settled.

    Three rounds, because a finished worker's message can start another (a load starts the
    measures, a search its count). A cancelled worker is over (Textual's `wait_for_complete`
    would raise on it); a failed one fails the test."""
    for _ in range(3):
        started = [w for w in pilot.app.workers if w.state is not WorkerState.PENDING]
        outcomes = await asyncio.gather(*(w.wait() for w in started), return_exceptions=True)
        for outcome in outcomes:
            if isinstance(outcome, BaseException) and not isinstance(outcome, WorkerCancelled):
                raise outcome
        await pilot.pause()
