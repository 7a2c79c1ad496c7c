"""Signals: the reader, run for real in a pseudo-terminal, ends cleanly on SIGTERM or a SIGINT
from outside (terminal restored, state saved, worker processes stopped); killed with -9 it leaves
no orphaned fork server, workers or resource tracker; `civread export` stops its workers on
SIGTERM/SIGINT; a killed run's temporary search index is removed by the next run."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from civread.seeds import seeds_dir

CIVREAD = Path(sys.executable).with_name("civread")
LEAVE_ALT_SCREEN = b"\x1b[?1049l"
SHOW_CURSOR = b"\x1b[?25h"
MOUSE_OFF = b"\x1b[?1000l"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc and a pty")


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "CIVREAD_STATE_DIR": str(tmp_path / "state"), "CIVREAD_CACHE_DIR": str(tmp_path / "cache"),
            "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}


def _big_folder(tmp_path: Path, n: int = 400) -> Path:
    """Enough distinct pages that the process pool is still busy seconds after start."""
    folder = tmp_path / "pages"
    folder.mkdir()
    seeds = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir().glob("*.txt"))]
    for i in range(n):
        (folder / f"page{i:04d}.txt").write_text(seeds[i % len(seeds)] + f"\n第{i}期\n", encoding="utf-8")
    return folder


def _children() -> dict[int, int]:
    """pid → parent pid of every process."""
    out = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
                if fields[0] != b"Z":  # a zombie has exited already
                    out[int(entry)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    return out


def _descendants(pid: int) -> set[int]:
    table = _children()
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in table.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pids: set[int]) -> set[int]:
    table = _children()
    return {p for p in pids if p in table}


class _Reader:
    """The app in a pty: its output is read continuously (a full pty would block it)."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        os.set_blocking(self.master, False)
        import fcntl
        import struct
        import termios

        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.proc = subprocess.Popen([str(CIVREAD), *args], stdin=slave, stdout=slave, stderr=slave, env=env,
                                     start_new_session=True)
        os.close(slave)
        self.output = b""

    def pump(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                self.output += chunk

    def wait_for(self, predicate: object, timeout: float) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.1)
            if predicate():  # type: ignore[operator]
                return True
        return False

    def finish(self, timeout: float = 30) -> int:
        end = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < end:
            self.pump(0.1)
        self.pump(0.3)
        code = self.proc.wait(timeout=5)
        os.close(self.master)
        return code

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_signal_restores_the_terminal_saves_state_and_stops_workers(tmp_path: Path, signum: int) -> None:
    folder = _big_folder(tmp_path)
    app = _Reader([str(folder)], _env(tmp_path))
    try:
        # The pool is up (fork server, workers, resource tracker) and the first articles are listed.
        assert app.wait_for(lambda: len(_descendants(app.proc.pid)) >= 3 and b"article 1 of" in app.output, 60)
        helpers = _descendants(app.proc.pid)
        app.proc.send_signal(signum)
        code = app.finish()
    finally:
        app.kill()
    assert code == 128 + signum, app.output[-2000:]
    tail = app.output[-4000:]
    assert LEAVE_ALT_SCREEN in tail and SHOW_CURSOR in tail and MOUSE_OFF in tail
    assert b"Traceback" not in app.output
    state = json.loads((tmp_path / "state" / "state.json").read_text(encoding="utf-8"))
    assert state["last_article_id"]  # the article on show was saved
    deadline = time.monotonic() + 15
    while _alive(helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(helpers), "worker processes outlived the reader"


def test_kill_9_leaves_no_orphans(tmp_path: Path) -> None:
    folder = _big_folder(tmp_path)
    app = _Reader([str(folder)], _env(tmp_path))
    try:
        assert app.wait_for(lambda: len(_descendants(app.proc.pid)) >= 3, 60)
        helpers = _descendants(app.proc.pid)
        app.proc.kill()
        app.proc.wait(5)
        deadline = time.monotonic() + 15
        while _alive(helpers) and time.monotonic() < deadline:
            app.pump(0.2)
    finally:
        app.kill()
        os.close(app.master)
    assert not _alive(helpers), f"orphans left: {_alive(helpers)}"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_export_stops_its_workers_on_a_signal(tmp_path: Path, signum: int) -> None:
    folder = _big_folder(tmp_path)
    proc = subprocess.Popen([str(CIVREAD), "export", str(folder), "-o", str(tmp_path / "out.jsonl")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(tmp_path))
    try:
        deadline = time.monotonic() + 60
        while len(_descendants(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        helpers = _descendants(proc.pid)
        assert helpers
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + signum
    assert b"Traceback" not in err and b"interrupted" in err
    assert not (tmp_path / "out.jsonl").exists()  # no half-written export
    deadline = time.monotonic() + 15
    while _alive(helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(helpers)


def test_a_killed_runs_temporary_search_index_is_removed_next_time(tmp_path: Path) -> None:
    from civread.search import IndexedSearch

    cache = tmp_path / "cache"
    cache.mkdir()
    # What a run killed with -9 leaves: its private index and the index's WAL files.
    code = (
        "import os, sys, time\n"
        "from civread.search import IndexedSearch\n"
        "from civread.corpus import load_corpus\n"
        f"s = IndexedSearch(load_corpus([{str(seeds_dir())!r}], cache=False, workers=1).articles, directory={str(cache)!r})\n"
        "s.wait_indexed(60)\n"
        "print(s.index_path, flush=True)\n"
        "os.kill(os.getpid(), 9)\n"
    )
    dead = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    left = Path(dead.stdout.strip())
    assert dead.returncode == -9 and left.exists()
    # A live session's private index must not be touched.
    from civread.corpus import load_corpus

    articles = load_corpus([seeds_dir()], cache=False, workers=1).articles
    live = IndexedSearch(articles, directory=cache)
    try:
        live.wait_indexed(30)
        mine = live.index_path
        assert mine is not None and Path(mine).exists()
        assert not left.exists() and not Path(str(left) + "-wal").exists()
        other = IndexedSearch(articles, directory=cache)  # a second session: cleans, but not what is held
        other.wait_indexed(30)
        assert Path(mine).exists()
        other.close()
    finally:
        live.close()
