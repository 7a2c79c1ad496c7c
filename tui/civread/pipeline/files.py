"""Finding and reading page files: paths in, bytes or a one-line reason out (decoding is
`civread.pipeline.decode`).

Two steps, each with its own failure vocabulary:

* `discover(paths)` walks files and folders lazily (one sorted directory listing at a time, an
  explicit stack rather than recursion), never opens anything, and turns every path it cannot
  use into a `LoadProblem`: missing paths, broken links, symlink loops, FIFOs/sockets/devices,
  unreadable folders. Version-control metadata folders (`.git`, `.hg`, `.svn`, `.bzr`, `_darcs`,
  `CVS`) inside a walked folder are skipped: they hold object files, never pages. A folder given
  explicitly is always walked.
* `read_file(path)` checks the file is regular before opening it (O_NONBLOCK, read-only: it never
  writes, locks or moves anything) and enforces a size limit.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from civread.model import LoadProblem

__all__ = ["LoadError", "discover", "read_file", "DEFAULT_MAX_BYTES", "SKIPPED_FOLDERS"]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024

# Folders inside a walked tree that never hold pages.
SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", ".bzr", "_darcs", "CVS"})


class LoadError(Exception):
    """A file that cannot become a page; `reason` is one line for a person."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --------------------------------------------------------------------------- discovery


def _kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISBLK(mode):
        return "block device"
    return "special file"


def _os_reason(exc: OSError, path: str) -> str:
    """One line for a failed stat/scandir."""
    if exc.errno == errno.ELOOP:
        return "symlink loop, skipped"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "broken symlink, skipped" if os.path.islink(path) else "no such file or folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot access (permission denied)"
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return f"cannot access ({exc.strerror or type(exc).__name__})"


def discover(paths: Iterable[str | Path]) -> Iterator[Path | LoadProblem]:
    """Every regular file under `paths` (depth first, names sorted), or a problem per unusable path.

    Symlinks are followed, but a folder already visited (a loop, or two links to one folder) is
    reported once and not entered again.
    """
    visited: set[tuple[int, int]] = set()
    for given in paths:
        path = Path(given)
        text = str(path)
        try:
            st = os.stat(path)
        except OSError as exc:
            yield LoadProblem(text, _os_reason(exc, text))
            continue
        except ValueError:  # embedded NUL in the name
            yield LoadProblem(text, "not a valid file name")
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path, st, visited)
        elif stat.S_ISREG(st.st_mode):
            yield path
        else:
            yield LoadProblem(text, f"not a regular file ({_kind(st.st_mode)}), skipped")


def _list_dir(path: Path) -> list[tuple[str, str]] | LoadProblem:
    """(name, hint) of a folder's entries, sorted; hint is 'f'/'d' when d_type is enough, else '?'."""
    entries: list[tuple[str, str]] = []
    try:
        with os.scandir(path) as it:
            for entry in it:
                try:
                    if entry.is_symlink():
                        hint = "?"
                    elif entry.is_file(follow_symlinks=False):
                        hint = "f"
                    elif entry.is_dir(follow_symlinks=False):
                        hint = "d"
                    else:
                        hint = "?"
                except OSError:
                    hint = "?"
                entries.append((entry.name, hint))
    except PermissionError:
        return LoadProblem(str(path), "cannot open folder (permission denied)")
    except FileNotFoundError:
        return LoadProblem(str(path), "folder vanished while loading")
    except OSError as exc:
        return LoadProblem(str(path), f"cannot open folder ({exc.strerror or type(exc).__name__})")
    entries.sort()
    return entries


def _walk(root: Path, root_stat: os.stat_result, visited: set[tuple[int, int]]) -> Iterator[Path | LoadProblem]:
    """Depth-first walk with an explicit stack: no recursion limit, one listing per level held."""
    visited.add((root_stat.st_dev, root_stat.st_ino))
    listing = _list_dir(root)
    if isinstance(listing, LoadProblem):
        yield listing
        return
    stack: list[tuple[Path, Iterator[tuple[str, str]]]] = [(root, iter(listing))]
    while stack:
        folder, entries = stack[-1]
        item = next(entries, None)
        if item is None:
            stack.pop()
            continue
        name, hint = item
        child = folder / name
        if hint == "f":
            yield child
            continue
        if hint == "d" and name in SKIPPED_FOLDERS:
            continue
        try:
            st = os.stat(child)
        except OSError as exc:
            yield LoadProblem(str(child), _os_reason(exc, str(child)))
            continue
        if stat.S_ISREG(st.st_mode):
            yield child
        elif stat.S_ISDIR(st.st_mode):
            if name in SKIPPED_FOLDERS:
                continue
            key = (st.st_dev, st.st_ino)
            if key in visited:
                yield LoadProblem(str(child), "folder already visited (symlink loop or second link), skipped")
                continue
            visited.add(key)
            sub = _list_dir(child)
            if isinstance(sub, LoadProblem):
                yield sub
            else:
                stack.append((child, iter(sub)))
        else:
            yield LoadProblem(str(child), f"not a regular file ({_kind(st.st_mode)}), skipped")


# --------------------------------------------------------------------------- reading


def _mb(n: int) -> str:
    mb = n / (1024 * 1024)
    return f"{mb:.0f} MB" if mb >= 10 or mb == int(mb) else f"{mb:.1f} MB"


def _too_large(size: int, max_bytes: int) -> LoadError:
    return LoadError(f"{_mb(size)}, larger than the {_mb(max_bytes)} limit")


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of one regular file, or `LoadError` with one line saying why not.

    Checked with stat before opening and again with fstat after (the path could be swapped for a
    FIFO in between; O_NONBLOCK keeps even that open from hanging). Read-only, no locks.
    """
    name = str(path)
    try:
        st = os.stat(name)
    except FileNotFoundError:
        raise LoadError("broken symlink" if os.path.islink(name) else "vanished while loading (no such file)") from None
    except OSError as exc:
        raise LoadError(_read_reason(exc)) from None
    except ValueError:
        raise LoadError("not a valid file name") from None
    if not stat.S_ISREG(st.st_mode):
        raise LoadError(f"not a regular file ({_kind(st.st_mode)})")
    if st.st_size > max_bytes:
        raise _too_large(st.st_size, max_bytes)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(name, flags)
    except FileNotFoundError:
        raise LoadError("vanished while loading (no such file)") from None
    except OSError as exc:
        raise LoadError(_read_reason(exc)) from None
    try:
        fst = os.fstat(fd)
        if not stat.S_ISREG(fst.st_mode):
            raise LoadError(f"not a regular file ({_kind(fst.st_mode)})")
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(8 * 1024 * 1024, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise _too_large(max(total, fst.st_size), max_bytes)
        return b"".join(chunks)
    except OSError as exc:
        raise LoadError(_read_reason(exc)) from None
    finally:
        os.close(fd)


def _read_reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "unreadable (permission denied)"
    if exc.errno == errno.ENOENT:
        return "vanished while loading (no such file)"
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno == errno.EISDIR:
        return "not a regular file (folder)"
    return f"unreadable ({exc.strerror or type(exc).__name__})"
