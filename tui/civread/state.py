"""The reader's state that survives restarts: last article, scroll positions, bookmarks.

Pure: never imports Textual or Rich. The state is one small JSON file in the user's state
folder (`CIVREAD_STATE_DIR` overrides it, for tests and portable installs).

Why the care: a reader is closed by killing the terminal as often as by quitting, so a save
can be cut off at any byte. Every save writes a temporary file in the same folder, flushes and
fsyncs it, renames it over the old file (`os.replace`, atomic on POSIX and Windows) and fsyncs
the folder, so the file on disk is always either the old state or the new one. A file that is
damaged anyway (disk trouble, a hand edit) is renamed aside (`state.json.corrupt-<time>`),
never deleted, and the reader starts fresh with a one-line notice. Nothing here raises.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "MAX_POSITIONS",
    "ReaderState",
    "STATE_FILE",
    "atomic_write_bytes",
    "load_state",
    "save_state",
    "state_dir",
    "state_path",
]

STATE_FILE = "state.json"
FORMAT_VERSION = 1
# Scroll positions kept (the most recently set win), so the file stays a few tens of KB.
MAX_POSITIONS = 1000
# A state file larger than this was not written by civread: it is set aside, not parsed.
_MAX_STATE_BYTES = 16 * 1024 * 1024
# Temporary files left by a writer that was killed are removed once they are this old
# (a younger one may belong to another civread saving right now).
_STALE_TEMP_SECONDS = 600.0
_TEMP_SUFFIX = ".tmp"


@dataclass(slots=True)
class ReaderState:
    """Where the reader was: the last article open, each article's scroll offset, bookmarks."""

    last_article_id: str | None = None
    positions: dict[str, float] = field(default_factory=dict)  # article id → scroll_y
    bookmarks: set[str] = field(default_factory=set)
    dropped: int = 0  # entries of the file left out at load because their id was not valid text

    def set_position(self, article_id: str, scroll_y: float) -> None:
        """Remember a scroll offset, as the most recent one (the oldest go first when trimmed)."""
        self.positions.pop(article_id, None)
        self.positions[article_id] = float(scroll_y)
        if len(self.positions) > MAX_POSITIONS:
            self._trim()

    def toggle_bookmark(self, article_id: str) -> bool:
        """Add or remove a bookmark; True when the article is now bookmarked."""
        if article_id in self.bookmarks:
            self.bookmarks.discard(article_id)
            return False
        self.bookmarks.add(article_id)
        return True

    def _trim(self) -> None:
        excess = len(self.positions) - MAX_POSITIONS
        for key in list(self.positions)[:excess]:
            del self.positions[key]

    def to_json(self) -> dict[str, object]:
        """The file's JSON form: positions bounded and finite, bookmarks sorted (stable diffs)."""
        positions = [
            (key, max(0.0, float(value)))
            for key, value in self.positions.items()
            if _valid_id(key) and isinstance(value, (int, float)) and math.isfinite(value)
        ][-MAX_POSITIONS:]
        return {
            "version": FORMAT_VERSION,
            "last_article_id": self.last_article_id if _valid_id(self.last_article_id) else None,
            "positions": dict(positions),
            "bookmarks": sorted(b for b in self.bookmarks if _valid_id(b)),
        }

    @classmethod
    def from_json(cls, data: object) -> "ReaderState":
        """Parse the file's JSON form; raises ValueError on anything of the wrong shape or type."""
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        version = data.get("version", FORMAT_VERSION)
        if not isinstance(version, int) or isinstance(version, bool):
            raise ValueError("version is not a number")
        dropped = 0
        last = data.get("last_article_id")
        if last is not None and not isinstance(last, str):
            raise ValueError("last_article_id is not text")
        if last is not None and not _valid_id(last):
            last, dropped = None, dropped + 1
        raw_positions = data.get("positions", {})
        if not isinstance(raw_positions, dict):
            raise ValueError("positions is not an object")
        positions: dict[str, float] = {}
        for key, value in raw_positions.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ValueError(f"position of {key!r} is not a finite number")
            if not _valid_id(key):
                dropped += 1
                continue
            positions[key] = max(0.0, float(value))
        raw_bookmarks = data.get("bookmarks", [])
        if not isinstance(raw_bookmarks, list) or not all(isinstance(b, str) for b in raw_bookmarks):
            raise ValueError("bookmarks is not a list of ids")
        bookmarks = {b for b in raw_bookmarks if _valid_id(b)}
        dropped += len(set(raw_bookmarks)) - len(bookmarks)
        state = cls(last_article_id=last, positions=positions, bookmarks=bookmarks, dropped=dropped)
        state._trim()
        return state


def _valid_id(value: object) -> bool:
    """An id that can be saved again: text that is valid Unicode (JSON's `\\ud800` escapes can
    smuggle in a lone surrogate, which no UTF-8 file can hold) and of a sane length."""
    if not isinstance(value, str) or len(value) > 256:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def state_dir() -> Path:
    """`CIVREAD_STATE_DIR` if set, else the platform's user state folder for civread."""
    override = os.environ.get("CIVREAD_STATE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_state_dir("civread"))


def state_path() -> Path:
    """The reader-state file."""
    return state_dir() / STATE_FILE


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash at any point leaves the old or the new file.

    Creates the parent folder. Raises OSError when the folder cannot be written; the caller
    decides what a failure means. The temporary file is removed on any failure short of a kill.
    """
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable; not possible on every platform (Windows), so best effort."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _remove_stale_temps(path: Path) -> None:
    """Delete temporary files a killed writer left behind (only ours, only old ones)."""
    now = time.time()
    try:
        for candidate in path.parent.glob(f".{path.name}.*{_TEMP_SUFFIX}"):
            try:
                if now - candidate.stat().st_mtime > _STALE_TEMP_SECONDS:
                    candidate.unlink()
            except OSError:
                continue
    except OSError:
        pass


def _set_aside(path: Path) -> Path | None:
    """Rename a damaged state file out of the way (never delete it); None if that failed."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    try:
        os.replace(path, target)
    except OSError:
        return None
    return target


def load_state(path: Path | None = None) -> tuple[ReaderState, str | None]:
    """The saved state and a one-line notice if something was wrong. Never raises.

    A missing file is a first start (no notice). A damaged file (not JSON, not UTF-8, wrong
    types) is set aside and a fresh state returned with a notice naming where it went.
    """
    path = Path(path) if path is not None else state_path()
    try:
        with open(path, "rb") as handle:
            data = handle.read(_MAX_STATE_BYTES + 1)
    except FileNotFoundError:
        return ReaderState(), None
    except (OSError, ValueError) as exc:
        return ReaderState(), f"Could not read the reader state ({_reason(exc)}); starting fresh."
    try:
        if len(data) > _MAX_STATE_BYTES:
            raise ValueError("file too large")
        # utf-8-sig: a byte-order mark (an editor on Windows adds one) is not damage.
        state = ReaderState.from_json(json.loads(data.decode("utf-8-sig")))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        aside = _set_aside(path)
        if aside is None:
            return ReaderState(), "The reader state was damaged and could not be moved aside; starting fresh."
        return ReaderState(), f"The reader state was damaged ({_short(exc)}); kept as {aside.name}, starting fresh."
    if state.dropped:
        n = state.dropped
        return state, f"The reader state had {n} entr{'y' if n == 1 else 'ies'} with an invalid id; left out."
    return state, None


def save_state(state: ReaderState, path: Path | None = None) -> str | None:
    """Write the state atomically; a one-line notice instead of an exception if it cannot be saved."""
    try:
        path = Path(path) if path is not None else state_path()
        data = json.dumps(state.to_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        atomic_write_bytes(path, data)
    except (OSError, ValueError, TypeError) as exc:
        return f"Could not save the reader state ({_reason(exc)})."
    _remove_stale_temps(path)
    return None


def _reason(exc: BaseException) -> str:
    """An OS error as a person reads it: 'Permission denied: /x', not a traceback."""
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    return _short(exc)


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:80]
