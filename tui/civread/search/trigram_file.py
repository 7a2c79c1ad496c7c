"""The trigram file: SQLite FTS5 indexes that give candidates for 2+ character queries.

Two contentless tables with `detail=none` (rowids only; the text itself is in memory):
`trigram_fts` holds each article's folded text (articles holding all of a 3+ character query's
trigrams), `bigram_fts` its *doubled* folded text ("abc" → "aabbcc": a trigram at an odd offset is
one bigram, "abb" ⟺ "ab"), for 2-character queries. Text is bound as UTF-8 bytes: binding a `str`
leaves a UTF-8 copy cached inside the string for good.

The file is either private to a session (`search-tmp-XXXXXXXX.sqlite3`, shared-flock'ed while
the session lives, deleted on close; a run killed with -9 leaves it, the next one deletes it) or
kept for the next open of the same paths (`keep_as`: `search-<key>.sqlite3`, exclusively
flock'ed through `search-<key>.lock`). A kept file records the article id at every position and
the precounted terms, and its format, the pipeline version and the folding tables are in
`meta.version`: any change there means a fresh file. Only the most recently used few are kept.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
import zlib
from array import array
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import chain
from pathlib import Path

from civread.search.fold import FOLD
from civread.search.sections import SEPARATOR

# At most this many trigrams of a long query go to FTS5 (each one narrows less than the last).
MAX_TRIGRAMS = 6
# Kept indexes (one per corpus opened) beyond this many, least recently used first, are deleted.
KEPT_INDEXES = 4
# Bumped when what a kept index holds, or how, changes.
KEPT_FORMAT = "3"

_INSERT_TEXT = "INSERT INTO {table}(rowid, x) VALUES (?, CAST(? AS TEXT))"
_FTS_TABLE = "CREATE VIRTUAL TABLE {table} USING fts5(x, tokenize='trigram', content='', detail='none')"
_BIGRAMS, _TRIGRAMS = "bigram_fts", "trigram_fts"
_PRIVATE_PREFIX = "search-tmp-"

Precount = tuple[int, array, array]  # (articles covered, positions, counts)


class TrigramFile:
    """One session's trigram index file: opened on first use, written by one thread, read by many.

    `done`: articles [0, done) are committed and searchable here; `failed`: positions the index
    refused (they are scanned instead). `notices` receives one line whenever the index gives up."""

    def __init__(self, directory: str | Path | None, keep_as: str | None, notices: list[str], *, wanted: bool) -> None:
        self.notices = notices
        self.done = 0
        self.failed: set[int] = set()
        self.reusable_ids: list[str] | None = None  # a kept file's ids, position by position
        self.precounts_upto = 0  # a kept file's precounts cover positions [0, this)
        self._writer: sqlite3.Connection | None = None
        self._reader: sqlite3.Connection | None = None
        self._path: str | None = None
        self._kept_lock: int | None = None  # the flock'ed descriptor while this session owns a kept file
        self._private_fd: int | None = None  # a private file's descriptor, flock'ed while in use
        self._write_lock = threading.Lock()  # the writer connection
        self._read_lock = threading.Lock()  # the reader connection
        self._wanted: tuple[str | Path | None, str | None] | None = (directory, keep_as) if wanted else None
        self._closed = False

    @property
    def pending(self) -> bool:
        """Not opened yet: the first article added opens it (on the loading thread, not at start-up)."""
        return self._wanted is not None

    @property
    def available(self) -> bool:
        return self._writer is not None

    @property
    def readable(self) -> bool:
        return self._reader is not None

    @property
    def kept(self) -> bool:
        """This session owns the kept file of its paths (another session with them has a private one)."""
        return self._kept_lock is not None

    @property
    def path(self) -> str | None:
        return self._path

    def open_once(self) -> None:
        with self._write_lock, self._read_lock:
            wanted, self._wanted = self._wanted, None
            if wanted is not None and not self._closed:
                self._open(*wanted)

    def _open(self, directory: str | Path | None, keep_as: str | None) -> None:
        if not _fts5_trigram_available():
            self.notices.append("SQLite has no FTS5 trigram tokenizer; search uses character postings only")
            return
        candidates: list[str | None] = []
        try:
            from civread.cache import cache_dir

            candidates.append(str(directory) if directory is not None else str(cache_dir()))
        except Exception:  # noqa: BLE001 - no cache dir: the temp dir will do
            pass
        if keep_as is not None and candidates and self._open_kept(Path(str(candidates[0])), keep_as):
            return
        candidates.append(None)  # the system temp dir
        for where in candidates:
            if self._open_private(where):
                return
        self.notices.append("no place for the trigram index; search uses character postings only")

    def _open_private(self, where: str | None) -> bool:
        try:
            if where is not None:
                Path(where).mkdir(parents=True, exist_ok=True)
            _remove_orphan_indexes(Path(where) if where is not None else Path(tempfile.gettempdir()))
            fd, path = tempfile.mkstemp(prefix=_PRIVATE_PREFIX, suffix=".sqlite3", dir=where)
            _hold(fd)
        except OSError:
            return False
        try:
            writer = _connect(path)
            for table in (_BIGRAMS, _TRIGRAMS):
                writer.execute(_FTS_TABLE.format(table=table))
            reader = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error:
            os.close(fd)
            _remove_index_file(path)
            return False
        self._writer, self._reader, self._path = writer, reader, path
        self._private_fd = fd
        return True

    def _open_kept(self, where: Path, key: str) -> bool:
        """Open (or start) the file kept for `key` in `where`, if no other session holds it."""
        try:
            import fcntl

            where.mkdir(parents=True, exist_ok=True)
            _forget_old_kept(where, keep=KEPT_INDEXES, current=key)
            lock = os.open(where / f"search-{key}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        except (ImportError, OSError):
            return False
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # another civread has this corpus open: a private index for this one
            os.close(lock)
            return False
        path = str(where / f"search-{key}.sqlite3")
        for _attempt in range(2):  # a damaged file is deleted (it is only an index) and made again
            opened = _open_kept_file(path)
            if opened is not None:
                self._writer, self._reader, ids, self.precounts_upto = opened
                self._path = path
                self._kept_lock = lock
                self.reusable_ids = ids or None
                return True
        os.close(lock)
        return False

    def close(self) -> None:
        """Delete a private file (it is only valid for this session's articles); leave a kept one."""
        with self._write_lock, self._read_lock:
            self._closed = True
            if self._kept_lock is not None and self._writer is not None:
                try:
                    self._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                except sqlite3.Error:
                    pass
            for db in (self._writer, self._reader):
                if db is not None:
                    try:
                        db.close()
                    except sqlite3.Error:
                        pass
            self._writer = self._reader = None
            if self._kept_lock is not None:
                os.close(self._kept_lock)  # releases the flock
                self._kept_lock = None
                self._path = None
            if self._path is not None:
                _remove_index_file(self._path)
                self._path = None
            if self._private_fd is not None:
                try:
                    os.close(self._private_fd)  # releases the flock that marked the file as in use
                except OSError:
                    pass
                self._private_fd = None

    def restart(self) -> None:
        """Empty a kept file that no longer fits this corpus (contentless rows cannot be deleted one by one)."""
        with self._write_lock:
            self.done = 0
            self.precounts_upto = 0
            if self._writer is not None:
                try:
                    _create_kept(self._writer, replace=True)
                except sqlite3.Error as exc:
                    self._give_up(exc)

    def _give_up(self, exc: sqlite3.Error) -> None:
        self.notices.append(f"trigram index stopped ({first_line(exc)}); longer queries scan instead")
        self._writer = None

    def write(self, batch: list[tuple[int, str]], ids: list[str]) -> bool:
        """Commit one batch of (position, folded text), positions following `done`; False: stop writing."""
        with self._write_lock:
            writer = self._writer
            if writer is None or batch[0][0] != self.done:
                return False
            try:
                writer.execute("BEGIN")
                for pos, text in batch:
                    try:
                        writer.execute(_INSERT_TEXT.format(table=_BIGRAMS), (pos + 1, _doubled(text).encode()))
                        writer.execute(_INSERT_TEXT.format(table=_TRIGRAMS), (pos + 1, text.encode()))
                    except (sqlite3.Error, UnicodeEncodeError, ValueError):
                        self.failed.add(pos)
                    else:
                        if self._kept_lock is not None:  # a refused article leaves a gap: the next session rebuilds
                            writer.execute("INSERT OR REPLACE INTO ids(pos, id) VALUES (?, ?)", (pos, ids[pos]))
                writer.execute("COMMIT")
            except sqlite3.Error as exc:
                self.notices.append(f"trigram index stopped ({first_line(exc)}); longer queries scan instead")
                try:
                    writer.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
                return False
            self.done = batch[-1][0] + 1
            return True

    def candidates(self, needle: str, done: int, start: int = 0) -> list[int] | None:
        """Positions in [start, done) whose folded text holds every trigram of `needle` (None: unusable)."""
        if len(needle) >= 3:  # the plain trigram index: the query's own trigrams
            table = _TRIGRAMS
            grams = list(dict.fromkeys(needle[i : i + 3] for i in range(len(needle) - 2)))
        else:  # the doubled-text index: "abb" ⟺ the bigram "ab"
            table = _BIGRAMS
            grams = [_doubled(needle)[1:4]]
        if len(grams) > MAX_TRIGRAMS:  # spread over the whole query
            step = (len(grams) - 1) / (MAX_TRIGRAMS - 1)
            grams = list(dict.fromkeys(grams[round(i * step)] for i in range(MAX_TRIGRAMS)))
        expression = " AND ".join('"' + g.replace('"', '""') + '"' for g in grams)
        with self._read_lock:  # not the writer's lock: WAL lets this read while a batch is written
            if self._reader is None:
                return None
            try:
                rows = self._reader.execute(  # rowids are positions + 1
                    f"SELECT rowid FROM {table} WHERE {table} MATCH ? AND rowid > ? AND rowid <= ? ORDER BY rowid",
                    (expression, start, done),
                ).fetchall()
            except (sqlite3.Error, UnicodeEncodeError):
                return None
        return [r - 1 for (r,) in rows]

    def commonest_terms(
        self, bigrams: int, trigrams: int, wanted: Callable[[str], bool] | None = None
    ) -> list[str] | None:
        """The bigrams and trigrams held by the most articles, from the indexes' vocabularies
        (only those `wanted` says yes to, if given)."""
        terms: list[str] = []
        for table, limit in ((_BIGRAMS, bigrams), (_TRIGRAMS, trigrams)):
            if limit <= 0:
                continue
            with self._write_lock:
                if self._writer is None:
                    return None
                try:
                    self._writer.execute(
                        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_{table} USING fts5vocab(main, {table}, 'row')"
                    )
                    rows = self._writer.execute(
                        f"SELECT term FROM temp.vocab_{table} ORDER BY doc DESC LIMIT ?",
                        (3 * limit if wanted is None else 12 * limit,),
                    ).fetchall()
                except sqlite3.Error:
                    return None
            grams: Iterable[str] = (t for (t,) in rows if isinstance(t, str) and len(t) == 3)
            if table == _BIGRAMS:
                grams = map(_undoubled, grams)
            terms += [g for g in dict.fromkeys(grams) if SEPARATOR not in g and (wanted is None or wanted(g))][:limit]
        return terms

    def save_precounts(self, precounts: list[tuple[str, Precount]], upto: int) -> None:
        """Write the precounts into a kept file, for the next session."""
        with self._write_lock:
            if self._writer is None or self._kept_lock is None:
                return
            try:
                self._writer.execute("BEGIN")
                self._writer.execute("DELETE FROM precounts")
                # Row by row: a list of copies of every precount (tens of MB at once) stayed in the
                # heap after it was freed. Compressed (sorted positions, small counts: a third).
                self._writer.executemany(
                    "INSERT INTO precounts(term, upto, positions, counts) VALUES (?, ?, ?, ?)",
                    ((t, u, zlib.compress(p, 1), zlib.compress(c, 1)) for t, (u, p, c) in precounts if u == upto),
                )
                self._writer.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('precounts_upto', ?)", (str(upto),))
                self._writer.execute("COMMIT")
            except sqlite3.Error:
                try:
                    self._writer.execute("ROLLBACK")
                except sqlite3.Error:
                    pass

    def load_precounts(self) -> dict[str, Precount] | None:
        """A kept file's precounts, one row at a time (no second copy of them all); None if damaged."""
        out: dict[str, Precount] = {}
        with self._write_lock:
            if self._writer is None:
                return None
            try:
                for term, upto, positions, counts in self._writer.execute(
                    "SELECT term, upto, positions, counts FROM precounts"
                ):
                    p, c = array("I"), array("B")
                    p.frombytes(zlib.decompress(positions))
                    c.frombytes(zlib.decompress(counts))
                    if len(p) == len(c):
                        out[term] = (upto, p, c)
            except (sqlite3.Error, zlib.error, ValueError, TypeError):
                return None
        return out


def _fts5_trigram_available() -> bool:
    try:
        db = sqlite3.connect(":memory:")
        try:
            db.execute(_FTS_TABLE.format(table="t"))
        finally:
            db.close()
    except sqlite3.Error:
        return False
    return True


@lru_cache(maxsize=1)
def kept_version() -> str:
    """What a kept index depends on: its format, the pipeline, and the folding tables."""
    import hashlib
    import unicodedata

    import civread

    fold = hashlib.sha1(repr(sorted(FOLD.items())).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{KEPT_FORMAT}/{civread.PIPELINE_VERSION}/{unicodedata.unidata_version}/{fold}"


def _connect(path: str) -> sqlite3.Connection:
    """The writer's connection to an index file (kept or private)."""
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA auto_vacuum = INCREMENTAL")  # takes effect on a new file: see _create_kept
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = OFF")
    return db


def _open_kept_file(path: str) -> tuple[sqlite3.Connection, sqlite3.Connection, list[str], int] | None:
    """(writer, reader, ids it covers, how far its precounts go); a new file when it is new, of
    another version or not whole (no dead pages); None, and the file deleted, when it is damaged."""
    writer: sqlite3.Connection | None = None
    try:
        writer = _connect(path)
        ids, upto = _read_kept(writer)
        if ids is None:
            writer.close()
            _remove_index_file(path)
            writer = _connect(path)
            _create_kept(writer)
            ids, upto = [], 0
        reader = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except sqlite3.Error:
        if writer is not None:
            try:
                writer.close()
            except sqlite3.Error:
                pass
        _remove_index_file(path)
        return None
    return writer, reader, ids, upto


def _create_kept(db: sqlite3.Connection, replace: bool = False) -> None:
    """The kept index's tables; `replace` drops the old ones first and gives their pages back."""
    if replace:
        for table in (_BIGRAMS, _TRIGRAMS, "ids", "precounts", "meta"):
            db.execute(f"DROP TABLE IF EXISTS {table}")
        db.execute("PRAGMA incremental_vacuum")
    for table in (_BIGRAMS, _TRIGRAMS):
        db.execute(_FTS_TABLE.format(table=table))
    db.execute("CREATE TABLE ids (pos INTEGER PRIMARY KEY, id TEXT NOT NULL)")
    db.execute("CREATE TABLE precounts (term TEXT PRIMARY KEY, upto INTEGER NOT NULL, positions BLOB, counts BLOB)")
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("INSERT INTO meta(key, value) VALUES ('version', ?)", (kept_version(),))


def _read_kept(db: sqlite3.Connection) -> tuple[list[str] | None, int]:
    """The ids a kept index covers (positions 0, 1, … with no gap) and how far its precounts go;
    None when the file is new, of another version, or not whole."""
    try:
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("version") != kept_version():
            return None, 0
        rows = db.execute("SELECT pos, id FROM ids ORDER BY pos").fetchall()
    except sqlite3.OperationalError:  # no such table: a new file
        return None, 0
    if any(pos != i for i, (pos, _) in enumerate(rows)):
        return None, 0
    upto = int(meta.get("precounts_upto", "0") or 0)
    return [str(i) for _, i in rows], upto if upto <= len(rows) else 0
def _forget_old_kept(where: Path, keep: int, current: str) -> None:
    """Delete the least recently used kept indexes beyond `keep` (never one a session holds)."""
    import fcntl

    try:
        files = sorted(where.glob("search-*.sqlite3"), key=lambda f: f.stat().st_mtime, reverse=True)
    except OSError:
        return
    kept = [f for f in files if (f.parent / (f.name[: -len(".sqlite3")] + ".lock")).exists()]
    for old in kept[keep:]:
        name = old.name[: -len(".sqlite3")]
        if name == f"search-{current}":
            continue
        try:
            lock = os.open(where / f"{name}.lock", os.O_RDWR)
        except OSError:
            continue
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(lock)
            continue
        _remove_index_file(str(old))
        _remove_quietly(str(where / f"{name}.lock"))
        os.close(lock)


def _doubled(text: str) -> str:
    """Every character twice ("abc" → "aabbcc"). In doubled text a trigram taken at an odd offset
    is exactly one bigram of the original ("abb" ⟺ "ab"; "aaa" ⟺ "aa"), so a trigram index of
    doubled text answers 2-character queries too, and longer ones by all their bigrams."""
    return "".join(chain.from_iterable(zip(text, text)))


def _undoubled(term: str) -> str:
    """The bigram a trigram of doubled text stands for ("aab" and "abb" → "ab", "aaa" → "aa")."""
    return term[1:] if term[0] == term[1] else term[:2]


def first_line(exc: BaseException) -> str:
    """An error in one line, for a notice."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _hold(fd: int) -> None:
    """Mark a private index file as in use (a shared flock: released when the process dies)."""
    try:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except (ImportError, OSError):
        pass


def _remove_orphan_indexes(where: Path) -> None:
    """Delete the private index files (and their WAL files) no living session holds."""
    try:
        import fcntl
    except ImportError:
        return
    try:
        found = list(where.glob(f"{_PRIVATE_PREFIX}*.sqlite3"))
    except OSError:
        return
    for path in found:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # only when no session holds it
        except OSError:
            os.close(fd)
            continue
        _remove_index_file(str(path))
        os.close(fd)


def _remove_index_file(path: str) -> None:
    """An index database and its WAL files."""
    for suffix in ("", "-wal", "-shm"):
        _remove_quietly(path + suffix)


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
