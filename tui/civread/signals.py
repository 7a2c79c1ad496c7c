"""Signals that end the reader the way `q` does (SIGTERM, SIGHUP, a SIGINT from outside).

ctrl+c inside the terminal is a key, not a signal; these come from outside. Handled on the
running asyncio loop, so the app can save its state and let Textual restore the terminal.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable

_NAMES = ("SIGTERM", "SIGHUP", "SIGINT")


def catch_exit_signals(handler: Callable[[int], None]) -> list[int]:
    """Call `handler(signum)` on each of them; the signals caught (none off the main thread)."""
    loop = asyncio.get_running_loop()
    caught: list[int] = []
    for name in _NAMES:
        sig = getattr(signal, name, None)
        if sig is None:
            continue
        try:
            loop.add_signal_handler(sig, handler, int(sig))
        except (NotImplementedError, RuntimeError, ValueError, OSError):
            continue
        caught.append(int(sig))
    return caught


def release_exit_signals(caught: list[int]) -> None:
    """Give the signals back to their default handling."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    for sig in caught:
        try:
            loop.remove_signal_handler(sig)
        except (NotImplementedError, RuntimeError, ValueError, OSError):
            pass
