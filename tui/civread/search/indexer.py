"""The thread that writes the trigram file: a queue of (position, folded text), held or running.

SQLite tokenizes without the GIL, so the writing runs on another core and never slows the
thread adding articles. When the queue is empty and precounts are due, it counts them. A kept
file that already holds the articles being added is reused position by position instead.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from civread.search.precounts import Precounts
from civread.search.texts import FoldedTexts
from civread.search.trigram_file import TrigramFile

# Articles written to the trigram file per transaction (each commit makes them searchable there).
WRITE_BATCH = 256


class TrigramIndexer:
    """Feeds a `TrigramFile` from its own thread; `hold` pauses it, `wait` joins it."""

    def __init__(self, file: TrigramFile, precounts: Precounts, texts: FoldedTexts) -> None:
        self._file = file
        self._precounts = precounts
        self._texts = texts
        self._queue: deque[tuple[int, str]] = deque()
        self._ready = threading.Condition()
        self._thread: threading.Thread | None = None
        self._held = False

    def queue(self, new: list[tuple[int, str]]) -> None:
        """Queue new articles; those a kept file holds already count as written."""
        if not self._file.available or not new:
            return
        with self._ready:
            if self._file.reusable_ids is not None:
                new = self._reuse(new)
            if new:
                self._queue.extend(new)
                self._start()
            elif self._precounts.due(self._file) and self._file.done >= self._file.precounts_upto:
                self._start()  # all reused, but the kept file had no precounts this far

    def clear(self) -> None:
        with self._ready:
            self._queue.clear()

    def hold(self, held: bool) -> None:
        """Hold back (articles queue, nothing is written) or let it catch up."""
        with self._ready:
            self._held = held
            if not held and self._queue:
                self._start()
            self._ready.notify_all()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until everything queued is written; False if not by `timeout`, or held with work left."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._ready:
            while (self._queue and not self._held) or (self._thread is not None and self._thread.is_alive()):
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._ready.wait(remaining if remaining is not None else 0.5)
            return not self._queue

    def _reuse(self, new: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """Positions the kept file already holds (same id, same place) count as indexed; what is
        left is returned to be written. A kept file that holds other articles from some position
        on is emptied and rebuilt. Called under `_ready`, with nothing queued: no thread runs."""
        file = self._file
        ids = file.reusable_ids
        assert ids is not None
        for i, (pos, _) in enumerate(new):
            if pos == file.done and pos < len(ids) and ids[pos] == self._texts.ids[pos]:
                file.done = pos + 1
                if file.done == file.precounts_upto:
                    self._precounts.load(file)
                continue
            file.reusable_ids = None
            if pos == file.done == len(ids):
                return new[i:]  # the kept file is a prefix of this corpus: carry on writing
            done = file.done  # positions [0, done) were reused; `new` continues from there
            file.restart()
            self._precounts.clear()
            with self._texts.lock:
                again = [(p, self._texts.haystacks[p]) for p in range(done)]
            return again + new[i:]
        return []

    def _start(self) -> None:
        """Start the thread if there is work and it is not running (call under `_ready`)."""
        if not self._held and (self._thread is None or not self._thread.is_alive()):
            self._thread = threading.Thread(target=self._run, name="civread-trigrams", daemon=True)
            self._thread.start()
        self._ready.notify_all()

    def _run(self) -> None:
        while True:
            with self._ready:
                if self._held or (not self._queue and not self._precounts.due(self._file)):
                    self._ready.notify_all()  # wake wait()
                    self._thread = None
                    return
                batch = [self._queue.popleft() for _ in range(min(WRITE_BATCH, len(self._queue)))]
            if not batch:
                self._precounts.build(self._file, self._texts.haystacks)
                continue
            if not self._file.write(batch, self._texts.ids):
                with self._ready:
                    self._queue.clear()
                    self._ready.notify_all()
                    self._thread = None
                return
