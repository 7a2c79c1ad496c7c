"""Reader state: round trips, damage is set aside (never deleted), a killed writer never corrupts it."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import civread.state as state_mod
from civread.state import (
    MAX_POSITIONS,
    ReaderState,
    atomic_write_bytes,
    load_state,
    save_state,
    state_path,
)


@pytest.fixture()
def _state_dir(isolated_dirs: Path) -> Path:
    """The state folder conftest's isolated_dirs points CIVREAD_STATE_DIR at."""
    return isolated_dirs / "state"


def _sample() -> ReaderState:
    state = ReaderState(last_article_id="9306fff5f605-02")
    state.set_position("9306fff5f605-02", 41.0)
    state.set_position("ceafa83d4f3a-00", 3.5)
    state.bookmarks.update({"ceafa83d4f3a-00", "带汉字的-id"})
    return state


def test_round_trip_in_the_default_location(_state_dir: Path) -> None:
    state = _sample()
    assert save_state(state) is None
    assert state_path() == _state_dir / "state.json"
    assert state_path().is_file()
    loaded, notice = load_state()
    assert notice is None
    assert loaded == state
    assert list(loaded.positions) == list(state.positions)  # order = recency, kept


def test_missing_file_is_a_fresh_start_without_notice(tmp_path: Path) -> None:
    state, notice = load_state(tmp_path / "nowhere" / "state.json")
    assert state == ReaderState()
    assert notice is None


def test_positions_stay_bounded_most_recent_kept(tmp_path: Path) -> None:
    state = ReaderState()
    for i in range(MAX_POSITIONS + 250):
        state.set_position(f"a-{i}", float(i))
    state.set_position("a-0", 7.0)  # touched again: now the most recent, must survive
    path = tmp_path / "state.json"
    assert save_state(state, path) is None
    loaded, _ = load_state(path)
    assert len(loaded.positions) == MAX_POSITIONS
    assert loaded.positions["a-0"] == 7.0
    assert f"a-{MAX_POSITIONS + 249}" in loaded.positions
    assert "a-1" not in loaded.positions and "a-250" not in loaded.positions
    assert path.stat().st_size < 64 * 1024


def test_hand_built_state_is_trimmed_on_save(tmp_path: Path) -> None:
    state = ReaderState(positions={f"p{i}": 1.0 for i in range(MAX_POSITIONS * 3)})
    path = tmp_path / "state.json"
    save_state(state, path)
    assert len(json.loads(path.read_text("utf-8"))["positions"]) == MAX_POSITIONS


def test_non_finite_positions_are_not_written(tmp_path: Path) -> None:
    state = ReaderState(positions={"ok": 2.0, "nan": float("nan"), "inf": float("inf")})
    path = tmp_path / "state.json"
    assert save_state(state, path) is None
    loaded, notice = load_state(path)
    assert notice is None
    assert loaded.positions == {"ok": 2.0}


DAMAGED = {
    "truncated json": b'{"version": 1, "positions": {"a": 1.',
    "binary garbage": bytes(range(256)) * 8,
    "empty file": b"",
    "not an object": b"[1, 2, 3]",
    "position is text": json.dumps({"positions": {"a": "12"}}).encode(),
    "position is bool": json.dumps({"positions": {"a": True}}).encode(),
    "position is NaN": b'{"positions": {"a": NaN}}',
    "bookmarks not a list": json.dumps({"bookmarks": {"a": 1}}).encode(),
    "bookmark not text": json.dumps({"bookmarks": ["a", 3]}).encode(),
    "last id is a number": json.dumps({"last_article_id": 5}).encode(),
    "positions is a list": json.dumps({"positions": [1, 2]}).encode(),
    "latin-1 bytes": '{"last_article_id": "café"}'.encode("latin-1"),
    "deep nesting": b"[" * 100_000 + b"]" * 100_000,
}


@pytest.mark.parametrize("content", list(DAMAGED.values()), ids=list(DAMAGED))
def test_damaged_file_is_set_aside_never_deleted(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(content)
    state, notice = load_state(path)
    assert state == ReaderState()
    assert notice is not None and "\n" not in notice
    aside = list(tmp_path.glob("state.json.corrupt-*"))
    assert len(aside) == 1, aside
    assert aside[0].read_bytes() == content  # kept byte for byte
    assert aside[0].name in notice
    assert not path.exists()
    # The next save and load work normally.
    assert save_state(_sample(), path) is None
    assert load_state(path) == (_sample(), None)


def test_second_damage_does_not_overwrite_the_first_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(b"first damage")
    load_state(path)
    path.write_bytes(b"second damage")
    load_state(path)
    kept = sorted(p.read_bytes() for p in tmp_path.glob("state.json.corrupt-*"))
    assert kept == [b"first damage", b"second damage"]


def test_unknown_keys_and_missing_keys_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"version": 1, "bookmarks": ["x"], "future": {"y": 1}}), "utf-8")
    state, notice = load_state(path)
    assert notice is None
    assert state == ReaderState(bookmarks={"x"})


def test_unwritable_location_gives_a_notice_not_an_exception() -> None:
    # /proc refuses new files even to root, so this holds whoever runs the tests.
    notice = save_state(_sample(), Path("/proc/civread-no-such-dir/state.json"))
    assert notice is not None and "\n" not in notice


def test_permission_denied_keeps_the_old_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "state.json"
    assert save_state(_sample(), path) is None
    if os.geteuid() != 0:
        tmp_path.chmod(0o500)  # a real read-only folder
    else:  # root writes anywhere: refuse the temp file the way a read-only folder would
        def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
            raise PermissionError(13, "Permission denied", str(tmp_path))

        monkeypatch.setattr(state_mod.tempfile, "mkstemp", refuse)
    try:
        changed = _sample()
        changed.last_article_id = "other"
        notice = save_state(changed, path)
        assert notice is not None and "\n" not in notice
        assert "Permission denied" in notice
    finally:
        tmp_path.chmod(0o700)
    assert load_state(path) == (_sample(), None)  # the old state is intact
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json"]


def test_disk_full_mid_write_keeps_the_old_state_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "state.json"
    assert save_state(_sample(), path) is None

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(state_mod.os, "fsync", full)
    notice = save_state(ReaderState(last_article_id="lost"), path)
    assert notice is not None and "No space left" in notice
    monkeypatch.undo()
    assert load_state(path) == (_sample(), None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json"]


def test_a_file_where_the_folder_should_be_gives_a_notice(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    notice = save_state(_sample(), blocker / "sub" / "state.json")
    assert notice is not None
    state, notice = load_state(blocker / "sub" / "state.json")
    assert state == ReaderState()
    assert blocker.read_text() == "not a folder"


def test_a_folder_where_the_file_should_be_is_reported_not_moved(tmp_path: Path) -> None:
    (tmp_path / "state.json").mkdir()
    state, notice = load_state(tmp_path / "state.json")
    assert state == ReaderState() and notice is not None
    assert (tmp_path / "state.json").is_dir()
    assert save_state(_sample(), tmp_path / "state.json") is not None


def test_atomic_write_bytes_creates_folders_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "file.bin"
    atomic_write_bytes(target, b"one")
    atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["file.bin"]


def test_stale_temp_files_of_a_killed_writer_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    old = tmp_path / ".state.json.abandoned.tmp"
    fresh = tmp_path / ".state.json.inflight.tmp"
    other = tmp_path / ".unrelated.tmp"
    for leftover in (old, fresh, other):
        leftover.write_bytes(b"{half a st")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    os.utime(other, (an_hour_ago, an_hour_ago))
    assert save_state(_sample(), path) is None
    assert not old.exists()
    assert fresh.exists()  # may belong to another civread saving right now
    assert other.exists()  # not ours


# ---------------------------------------------------------------- the kill test

_WRITER = r"""
import sys
from pathlib import Path
from civread.state import ReaderState, save_state

path = Path(sys.argv[1])

def big(tag):
    s = ReaderState(last_article_id=tag)
    for i in range(1000):
        s.set_position(f"{tag}-article-{i:04d}-长标识", float(i))
    s.bookmarks = {f"{tag}-bookmark-{i:05d}-书签" for i in range(4000)}
    return s

states = [big("A"), big("B")]
sys.stdout.write("go\n")
sys.stdout.flush()
n = 0
while True:
    notice = save_state(states[n % 2], path)
    if notice:
        sys.stderr.write(notice + "\n")
        sys.exit(3)
    n += 1
"""


def _big(tag: str) -> ReaderState:
    state = ReaderState(last_article_id=tag)
    for i in range(1000):
        state.set_position(f"{tag}-article-{i:04d}-长标识", float(i))
    state.bookmarks = {f"{tag}-bookmark-{i:05d}-书签" for i in range(4000)}
    return state


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_survives_being_killed_mid_write(tmp_path: Path) -> None:
    """A writer killed at random points leaves the old or the new state, never a broken one."""
    path = tmp_path / "state.json"
    script = tmp_path / "writer.py"
    script.write_text(_WRITER, "utf-8")
    initial = _sample()
    assert save_state(initial, path) is None
    expected = [initial, _big("A"), _big("B")]
    assert path.stat().st_size < 1_000_000 and len(json.dumps(expected[1].to_json())) > 100_000

    rng = random.Random(20261123)
    seen: set[str | None] = set()
    interrupted_writes = 0
    deadline = time.monotonic() + 8.0
    for _ in range(20):
        if time.monotonic() > deadline:
            break
        temps_before = set(tmp_path.glob(".state.json.*.tmp"))
        proc = subprocess.Popen(
            [sys.executable, str(script), str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        try:
            assert proc.stdout is not None and proc.stdout.readline() == b"go\n"
            time.sleep(rng.uniform(0.0, 0.08))
        finally:
            proc.send_signal(signal.SIGKILL)
            _, err = proc.communicate(timeout=10)
        assert proc.returncode == -signal.SIGKILL, err.decode(errors="replace")
        if set(tmp_path.glob(".state.json.*.tmp")) - temps_before:
            interrupted_writes += 1  # the kill landed between creating the temp file and renaming it

        state, notice = load_state(path)
        assert notice is None, notice
        assert state in expected
        seen.add(state.last_article_id)
        assert not list(tmp_path.glob("state.json.corrupt-*"))

    # Evidence the test exercised what it claims: kills landed inside writes, and writes happened.
    assert interrupted_writes >= 1
    assert seen & {"A", "B"}
    # Leftover temp files never stop the next save or load.
    assert save_state(initial, path) is None
    assert load_state(path) == (initial, None)
