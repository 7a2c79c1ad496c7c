"""`civread export`: every article of some pages as JSON lines, CSV, Markdown or Parquet.

One record per article, keyed by its stable id. Bad files are skipped with one line each on
stderr; the export still succeeds (exit 0) unless nothing at all could be read (exit 2).
Output goes to stdout, or atomically to `-o FILE` (a temp file in the same folder, fsync,
rename), so a crash never leaves a half-written export and an input page is never written.

Streamed, in two passes, in memory that does not grow with the corpus: the first makes sure
every page, its articles' measures and their export records are in the page cache (processing
on every core what is not) and sums the corpus keyword model from the stored keyword
candidates; the second reads the stored records back a batch of pages at a time, puts in what
only the export knows (ids of copies, the file's current name, keywords against the corpus) and
writes them, in discovery order. No page is decoded, nothing is tokenised twice, and a warm
export of the same pages uses no process pool: it is reading and writing (keywords to rank
against a new corpus are ranked on every core, `civread.rank_pool`, while this process groups
reprints and writes). When the cache cannot be used, a temporary one (deleted afterwards)
stands in.

Pure: no Textual, no Rich (the progress line is hand-written).
"""

from __future__ import annotations

import argparse
import csv
import errno
import hashlib
import io
import json
import os
import re
import stat
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty, Full, Queue
from typing import TYPE_CHECKING, BinaryIO, Protocol, TextIO, TypeVar

from civread.cache import (
    CacheFormatError,
    ExportRow,
    PageCache,
    decode_export,
    decode_rank,
    decode_words,
    encode_export,
    encode_keywords,
    grouping_key,
)
from civread.measures.keywords import KeywordModel, RankForm
from civread.measures.metrics import ArticleMetrics, article_metrics, measure_page, ranked_keywords_json
from civread.measures.record import dumps, record_fields, record_parts
from civread.measures.reprints import group_reprints, group_signatures
from civread.model import UNLOCATED_LABEL, Article, CleaningReport, Corpus, LoadProblem, Page, ParagraphKind
from civread.names import safe_name, safe_text

if TYPE_CHECKING:
    from civread.rank_pool import RankPool

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "ParquetUnavailable",
    "article_record",
    "atomic_file",
    "csv_safe",
    "main",
    "md_escape",
    "parquet_schema",
    "records",
    "render",
    "render_csv",
    "render_jsonl",
    "render_markdown",
]

FORMATS = ("jsonl", "csv", "md", "parquet")
T = TypeVar("T")
PROG = "civread export"


# ---------------------------------------------------------------- records


def article_record(article: Article, metrics: ArticleMetrics, reprint_group: str | None = None) -> dict[str, object]:
    """The export's record of one article: plain JSON types only, same keys in every format
    (the fields: `civread.measures.record.record_fields`)."""
    return record_fields(article, metrics.as_dict(), article.id, safe_name(article.source), reprint_group)


def records(corpus: Corpus, model: KeywordModel | None = None) -> list[dict[str, object]]:
    """Every article of an in-memory corpus as a record, in reading order, each article measured
    once; keywords against the corpus. (`main` streams the same from the page cache.)"""
    pages = [(page.articles, measure_page(page.articles)) for page in corpus.pages]
    if model is None:
        model = KeywordModel()
        for _, measures in pages:
            for m in measures:
                model.add_terms(m.terms)
    groups = _reprint_labels(
        ((page.digest, n), m.signature)
        for page, (_, measures) in _first_copies(corpus.pages, pages)
        for n, m in enumerate(measures)
    )
    return list(
        unique_ids(
            article_record(a, article_metrics(a, model, measures=m), groups.get((page.digest, n)))
            for page, (articles, measures) in zip(corpus.pages, pages)
            for n, (a, m) in enumerate(zip(articles, measures, strict=True))
        )
    )


def _first_copies(pages: Sequence[Page], measured: Sequence[T]) -> Iterator[tuple[Page, T]]:
    """Each page once: a second copy of the same bytes is not a reprint to find."""
    seen: set[str] = set()
    for page, m in zip(pages, measured):
        if page.digest not in seen:
            seen.add(page.digest)
            yield page, m


def _reprint_labels(signatures: Iterable[tuple[tuple[str, int], bytes]]) -> dict[tuple[str, int], str]:
    """Reprints grouped from the articles' signatures ((page digest, article index), signature);
    each member named by the first printing's id (a page's digest's first 12 digits and the
    article's place on the page: the article id)."""
    groups = group_reprints((f"{key}\t{n}", sig) for (key, n), sig in signatures)
    labels: dict[tuple[str, int], str] = {}
    for members in groups.groups:
        first_key, first_n = members[0].split("\t")
        name = f"{first_key[:12]}-{int(first_n) + 1:02d}"
        for member in members:
            key, n = member.split("\t")
            labels[(key, int(n))] = name
    return labels


def unique_ids(recs: Iterable[dict[str, object]]) -> Iterator[dict[str, object]]:
    """Records whose ids are unique in the export: an id is the page's content digest and the
    article's position, so two identical files would share ids; the second copy's articles get
    `~2` (the third's `~3`…), the first keeps its stable id."""
    seen: dict[str, int] = {}
    for rec in recs:
        rid = str(rec["id"])
        n = seen.get(rid, 0) + 1
        seen[rid] = n
        if n > 1:
            rec = {**rec, "id": f"{rid}~{n}"}
            while rec["id"] in seen:  # a page whose ids already end in ~n (cannot today; cheap)
                n += 1
                rec["id"] = f"{rid}~{n}"
            seen[str(rec["id"])] = 1
        yield rec


# ---------------------------------------------------------------- JSON lines


def _jsonl_line(rec: dict[str, object]) -> str:
    return dumps(rec) + "\n"


def render_jsonl(recs: Iterable[dict[str, object]]) -> str:
    """One JSON object per line, UTF-8 text kept readable (no \\u escapes)."""
    return "".join(_jsonl_line(r) for r in recs)


# ---------------------------------------------------------------- CSV

# Flat columns: nested fields become columns (locality, counts) or compact text that a person
# can read in a cell (keywords, figures); `paragraphs` keeps its structure as JSON.
CSV_COLUMNS = (
    "id", "source", "kind", "title", "untitled", "kicker", "subtitle", "byline",
    "province", "prefecture", "county", "locality",
    "han_chars", "paragraph_count", "sentences", "reading_minutes",
    "keywords", "figures",
    "lines_joined", "chars_converted", "spaces_removed", "junk_lines_dropped", "cleaning",
    "original_script", "date", "date_source", "reprint_group", "text", "paragraphs",
)  # fmt: skip

# A spreadsheet treats a cell starting with one of these as a formula (OWASP CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """A cell value a spreadsheet will not evaluate: text starting = + - @ (or tab/CR) gets a '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_row(rec: dict[str, object]) -> list[object]:
    loc = rec["locality"]
    metrics = rec["metrics"]
    assert isinstance(loc, dict) and isinstance(metrics, dict)
    cleaning = metrics["cleaning"]
    parts = [p for p in (loc.get("province"), loc.get("prefecture"), loc.get("county")) if p]
    figures = "; ".join(
        f"{f['value']} {f['counts']}".strip() for f in metrics["figures"]
    )
    keywords = "、".join(k["word"] for k in metrics["keywords"])
    row: dict[str, object] = {
        **{k: rec[k] for k in ("id", "source", "kind", "title", "kicker", "subtitle", "byline")},
        "untitled": "yes" if rec["untitled"] else "no",
        "province": loc.get("province") or "",
        "prefecture": loc.get("prefecture") or "",
        "county": loc.get("county") or "",
        "locality": " › ".join(parts) if parts else UNLOCATED_LABEL,
        "han_chars": metrics["han_chars"],
        "paragraph_count": metrics["paragraphs"],
        "sentences": metrics["sentences"],
        "reading_minutes": metrics["reading_minutes"],
        "keywords": keywords,
        "figures": figures,
        **{k: cleaning[k] for k in ("lines_joined", "chars_converted", "spaces_removed", "junk_lines_dropped")},
        "cleaning": json.dumps(cleaning, ensure_ascii=False),
        "original_script": rec["original_script"],
        "date": rec["date"] or "",
        "date_source": rec["date_source"],
        "reprint_group": rec["reprint_group"] or "",
        "text": rec["text"],
        "paragraphs": json.dumps(rec["paragraphs"], ensure_ascii=False),
    }
    return [csv_safe(row[c]) for c in CSV_COLUMNS]


_CSV_HEAD = "\ufeff"  # a BOM, so Excel reads the UTF-8 as such


def _csv_line(row: Sequence[object]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(row)
    return out.getvalue()


def render_csv(recs: Iterable[dict[str, object]]) -> str:
    """A header and one row per article, starting with a BOM so Excel reads the UTF-8 as such."""
    return _CSV_HEAD + _csv_line(CSV_COLUMNS) + "".join(_csv_line(_csv_row(r)) for r in recs)


# ---------------------------------------------------------------- Markdown

# Any ASCII punctuation may be backslash-escaped in CommonMark; these are the ones that can
# start markup anywhere in a line (emphasis, links, images, HTML, code, tables, entities).
_MD_INLINE = re.compile(r"([\\`*_\[\]{}<>|!&~])")
# What can start block structure at the beginning of a line: headings, quotes, lists,
# thematic breaks / setext underlines, ordered lists ("1." or "1)"), fenced code.
_MD_LINE_START = re.compile(r"^([#>+=-])|^(\d+)([.)])")
# A run of ASCII that a Markdown viewer would turn into a link by itself (GFM's extended
# autolinks, markdown-it's linkify): a scheme's "://", "www.", an e-mail address, a bare domain.
_MD_ASCII_RUN = re.compile(r"[!-~]+")
_MD_LINKISH = re.compile(
    r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*:/|www\.|[A-Za-z0-9._%+-]@[A-Za-z0-9]|[A-Za-z0-9-]\.[A-Za-z]{2}", re.IGNORECASE
)
_MD_LINK_PUNCT = re.compile(r"([.:@/])")


def _unlink_run(match: re.Match[str]) -> str:
    run = match.group(0)
    return _MD_LINK_PUNCT.sub(r"\\\1", run) if _MD_LINKISH.search(run) else run


def md_unlink(text: str) -> str:
    """Bare URLs, domains and e-mail addresses kept as text: their `.` `:` `@` `/` are
    backslash-escaped, which renders the same but is no longer recognised as a link (GFM's
    extended autolinks, markdown-it's linkify). Linear: each run of ASCII is looked at once."""
    return _MD_ASCII_RUN.sub(_unlink_run, text)


def md_escape(text: str) -> str:
    """Page text as literal Markdown: nothing in it can become a heading, link, HTML or table."""
    lines = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip()  # leading spaces would make an indented code block
        line = md_unlink(_MD_INLINE.sub(r"\\\1", line))
        line = _MD_LINE_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", line)
        lines.append(line)
    # A hard-wrapped paragraph stays one Markdown paragraph: no blank lines inside it.
    return "\n".join(line for line in lines if line)


def _md_article(rec: dict[str, object]) -> str:
    out: list[str] = []
    title = md_escape(str(rec["title"])) or "(untitled)"
    kicker = md_escape(str(rec["kicker"]))
    out.append(f"## {kicker}：{title}" if kicker else f"## {title}")
    if rec["subtitle"]:
        out.append(f"*{md_escape(str(rec['subtitle']))}*")
    loc = rec["locality"]
    assert isinstance(loc, dict)
    parts = [md_escape(p) for p in (loc.get("province"), loc.get("prefecture"), loc.get("county")) if p]
    meta = [" › ".join(parts) if parts else UNLOCATED_LABEL]
    if rec["byline"]:
        meta.append(md_escape(str(rec["byline"])))
    if rec.get("date"):
        meta.append(f"{rec['date']} ({rec['date_source']})")
    if rec.get("reprint_group"):
        meta.append(f"reprint group {md_escape(str(rec['reprint_group']))}")
    out.append(" · ".join(meta))
    metrics = rec["metrics"]
    assert isinstance(metrics, dict)
    source = md_escape(str(rec["source"]))
    details = f"`{rec['id']}` · {source} · {rec['kind']} · {metrics['han_chars']} 字 · ≈{metrics['reading_minutes']} min"
    keywords = "、".join(md_escape(k["word"]) for k in metrics["keywords"])
    if keywords:
        details += f" · {keywords}"
    out.append(details)
    paragraphs = rec["paragraphs"]
    assert isinstance(paragraphs, list)
    for para in paragraphs:
        text = md_escape(para["text"])
        if not text:
            continue
        kind = para["kind"]
        if kind == ParagraphKind.SUBHEAD.value:
            out.append(f"### {text}")
        elif kind == ParagraphKind.LEAD.value:
            out.append("\n".join(f"> {line}" for line in text.split("\n")))
        elif kind == ParagraphKind.CAPTION.value:
            out.append(f"*{text}*")
        else:
            out.append(text)
    return "\n\n".join(out) + "\n"


_MD_RULE = "\n---\n\n"


def _md_head(n_articles: int) -> str:
    return f"# civread export\n\n{n_articles} articles\n"


def render_markdown(recs: Iterable[dict[str, object]]) -> str:
    """A document: one `##` section per article, separated by rules."""
    sections = [_md_article(r) for r in recs]
    return _MD_RULE.join([_md_head(len(sections)), *sections])


_RENDERERS: dict[str, Callable[[Iterable[dict[str, object]]], str]] = {
    "jsonl": render_jsonl,
    "csv": render_csv,
    "md": render_markdown,
}


def render(recs: Iterable[dict[str, object]], fmt: str) -> str:
    """A text format (jsonl, csv, md) whole, as a string: the streamed writers' output."""
    return _RENDERERS[fmt](recs)


# ---------------------------------------------------------------- streamed writers

_FLUSH_BYTES = 1 << 22  # output is written in ~4 MB pieces


def _text_piece(fmt: str, rec: dict[str, object]) -> str:
    """One record as it appears in a streamed text format (after any header)."""
    if fmt == "jsonl":
        return _jsonl_line(rec)
    if fmt == "csv":
        return _csv_line(_csv_row(rec))
    return _MD_RULE + _md_article(rec)


def _json_records(batch: list[bytes]) -> Iterator[dict[str, object]]:
    """The records of some JSON lines in pieces (a JSON line holds no raw newline)."""
    for line in b"".join(batch).split(b"\n"):
        if line:
            yield json.loads(line)


class _TextWriter:
    """A text format written to a binary stream, as UTF-8, in large writes. Records come as
    their JSON (what the cache keeps): JSON lines are written as they are, other formats are
    rendered from the record the JSON holds."""

    def __init__(self, out: _Writable, fmt: str, n_articles: int) -> None:
        self.out = out
        self.fmt = fmt
        self.parts: list[bytes] = []
        self.size = 0
        if fmt == "csv":
            self._add((_CSV_HEAD + _csv_line(CSV_COLUMNS)).encode("utf-8"))
        elif fmt == "md":
            self._add(_md_head(n_articles).encode("utf-8"))

    def _add(self, data: bytes) -> None:
        self.parts.append(data)
        self.size += len(data)
        if self.size >= _FLUSH_BYTES:
            self.flush()

    def write(self, rec: dict[str, object]) -> None:
        self._add(_text_piece(self.fmt, rec).encode("utf-8"))

    def write_json(self, batch: list[bytes]) -> None:
        """Records as JSON lines, in pieces (`_record_batches`)."""
        if self.fmt == "jsonl":  # already the output: written in one piece, not copied again
            self.flush()
            self.out.write(b"".join(batch))
        else:
            self._add("".join(_text_piece(self.fmt, rec) for rec in _json_records(batch)).encode("utf-8"))

    def flush(self) -> None:
        if self.parts:
            self.out.write(b"".join(self.parts))
            self.parts, self.size = [], 0

    def close(self) -> None:
        self.flush()


# ---------------------------------------------------------------- Parquet

PARQUET_BATCH = 2000  # records per row group: bounded memory, still large groups for readers
# Flat columns with their types; nested ones (paragraphs, keywords, figures) are lists of structs.
_CLEANING_FIELDS: tuple[str, ...] = tuple(CleaningReport.__slots__)


class ParquetUnavailable(Exception):
    """pyarrow is not importable: Parquet needs the `civread[parquet]` extra."""


def parquet_schema() -> object:
    """The Parquet schema: locality levels and metrics as typed columns, not JSON text."""
    try:
        import pyarrow as pa
    except ImportError as exc:
        raise ParquetUnavailable(str(exc)) from exc
    text, i32, f64 = pa.string(), pa.int32(), pa.float64()
    return pa.schema(
        [
            ("id", text), ("source", text), ("kind", text), ("title", text), ("untitled", pa.bool_()),
            ("kicker", text), ("subtitle", text), ("byline", text),
            ("province", text), ("prefecture", text), ("county", text),
            ("han_chars", i32), ("paragraph_count", i32), ("sentences", i32), ("reading_minutes", i32),
            ("keywords", pa.list_(pa.struct([("word", text), ("score", f64)]))),
            ("figures", pa.list_(pa.struct([
                ("value", text), ("number", f64), ("high", f64), ("unit", text), ("counts", text), ("context", text),
            ]))),
            *[(name, i32) for name in _CLEANING_FIELDS],
            ("original_script", text),
            ("date", pa.date32()), ("date_source", text), ("reprint_group", text),
            ("text", text),
            ("paragraphs", pa.list_(pa.struct([("kind", text), ("text", text)]))),
        ]
    )  # fmt: skip


def _parquet_row(rec: dict[str, object]) -> dict[str, object]:
    loc = rec["locality"]
    metrics = rec["metrics"]
    assert isinstance(loc, dict) and isinstance(metrics, dict)
    cleaning = metrics["cleaning"]
    return {
        **{k: rec[k] for k in ("id", "source", "kind", "title", "untitled", "kicker", "subtitle", "byline")},
        "province": loc.get("province"),
        "prefecture": loc.get("prefecture"),
        "county": loc.get("county"),
        "han_chars": metrics["han_chars"],
        "paragraph_count": metrics["paragraphs"],
        "sentences": metrics["sentences"],
        "reading_minutes": metrics["reading_minutes"],
        "keywords": metrics["keywords"],
        "figures": metrics["figures"],
        **{name: cleaning.get(name, 0) for name in _CLEANING_FIELDS},
        "original_script": rec["original_script"],
        "date": _date_value(rec["date"]),
        "date_source": rec["date_source"],
        "reprint_group": rec["reprint_group"],
        "text": rec["text"],
        "paragraphs": rec["paragraphs"],
    }


def _date_value(iso: object) -> object:
    """An ISO date as Parquet's date type wants it (None stays None)."""
    import datetime as dt

    return dt.date.fromisoformat(iso) if isinstance(iso, str) and iso else None


class _ParquetWriter:
    """Records in row groups of PARQUET_BATCH: memory bounded by a batch, not the corpus."""

    def __init__(self, out: BinaryIO) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.pa = pa
        self.schema = parquet_schema()
        self.writer = pq.ParquetWriter(out, self.schema, compression="zstd")
        self.rows: list[dict[str, object]] = []

    def write(self, rec: dict[str, object]) -> None:
        self.rows.append(_parquet_row(rec))
        if len(self.rows) >= PARQUET_BATCH:
            self.flush()

    def write_json(self, batch: list[bytes]) -> None:
        """Records as JSON lines, in pieces (`_record_batches`)."""
        for rec in _json_records(batch):
            self.write(rec)

    def flush(self) -> None:
        if self.rows:
            self.writer.write_table(self.pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


# ---------------------------------------------------------------- output


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file that becomes `path` only when the block ends normally: readers see the old
    file or the whole new one, never half (a temp file in the same folder, fsync, rename)."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():  # keep the permissions of the file being replaced
            try:
                os.chmod(tmp, path.stat().st_mode & 0o7777)
            except OSError:
                pass
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


@contextmanager
def open_output(path: Path) -> Iterator[BinaryIO]:
    """`-o PATH`: a regular file (or a new name) is replaced atomically; anything else that
    already exists — a named pipe, /dev/stdout, a terminal, a process substitution
    (/dev/fd/N) — is written through, in place, never replaced by a regular file."""
    try:
        st = os.stat(path)  # follows symlinks: /dev/stdout → /proc/self/fd/1 → the pipe
    except OSError:
        st = None
    if st is None or (stat.S_ISREG(st.st_mode) and not _through_fd(path)):
        # A symlink to a file: the file it names is replaced, the link is kept.
        with atomic_file(Path(os.path.realpath(path)) if st is not None else path) as handle:
            yield handle
        return
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    # O_APPEND keeps `>>`-style stdout redirections to a file intact; no O_TRUNC on a device.
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_APPEND), "wb") as handle:
        yield handle


def _through_fd(path: Path) -> bool:
    """The path is, or links through, an open file descriptor (/dev/stdout, /dev/fd/N,
    /proc/self/fd/N): writing must go to that descriptor's file, not replace a name."""
    current = os.path.abspath(path)
    for _ in range(40):
        if current.startswith(("/dev/", "/proc/")):
            return True
        try:
            target = os.readlink(current)
        except OSError:
            return False
        current = os.path.normpath(os.path.join(os.path.dirname(current), target))
    return False


class _TextStreamBytes:
    """A text-only stdout (some embedding) behind the binary interface the writers use."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, data: bytes) -> int:
        self.stream.write(data.decode("utf-8"))
        return len(data)

    def flush(self) -> None:
        self.stream.flush()


def _stdout_bytes() -> BinaryIO:
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        return buffer
    return _TextStreamBytes(stream)  # type: ignore[return-value]


def _quiet_stdout() -> None:
    """`civread export | head`: the reader left, that is fine; silence the rest."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


class _ProgressLine:
    """`writing ███░░ 3/12 pages  4.1 pages/s  0:02 left` rewritten in place on a terminal."""

    def __init__(self, stream: TextIO, label: str = "") -> None:
        self.stream = stream
        self.label = label
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False

    def restart(self, label: str) -> None:
        self.label, self.start, self.last = label, time.monotonic(), 0.0

    def __call__(self, done: int, total: int, path: str = "") -> None:
        now = time.monotonic()
        if now - self.last < 0.1 and done != total:
            return
        self.last = now
        head = f"{self.label} " if self.label else ""
        if total < 0:
            line = f"{head}finding pages… {done}"
        else:
            elapsed = max(now - self.start, 1e-6)
            rate = done / elapsed
            width = 24
            filled = int(width * done / total) if total else width
            bar = "█" * filled + "░" * (width - filled)
            line = f"{head}{bar} {done}/{total} pages  {rate:.1f} pages/s"
            if 0 < done < total:
                left = int((total - done) / rate + 0.5)
                line += f"  {left // 60}:{left % 60:02d} left"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


# ---------------------------------------------------------------- the two passes


@dataclass(slots=True)
class _Plan:
    """What the first pass leaves for the second: small, whatever the pages hold."""

    # (path, cache key, articles, copy): copy counts the files with the same bytes so far, so a
    # second identical file's ids get "~2" (see `unique_ids`).
    pages: list[tuple[str, str, int, int]] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    lost: list[LoadProblem] = field(default_factory=list)  # planned, then not read back (rare)
    # The keyword model's key: which pages (with copies) it is summed over, for which pipeline.
    corpus: str = ""
    # The model, summed from the stored keyword candidates; None while every page's keywords
    # against this very corpus are remembered in the cache (an export of the same pages again).
    model: KeywordModel | None = None
    # (page key, article index) → its reprint group's name as JSON (UTF-8), for the articles that
    # ran twice or more (the others' is null).
    reprints: dict[tuple[str, int], bytes] = field(default_factory=dict)
    # The reprint signatures the first pass had in hand (page key → its articles'), until grouped.
    signatures: dict[str, list[bytes]] = field(default_factory=dict)

    @property
    def n_articles(self) -> int:
        return sum(n for _, _, n, _ in self.pages)


def _corpus_key(version: str, keys: Iterable[str]) -> str:
    """What a keyword model depends on: the pipeline version and the pages' bytes, each copy
    counted (in any order: document frequencies are sums)."""
    digest = hashlib.sha1(version.encode("utf-8"))
    for key in sorted(keys):
        digest.update(b"\n" + key.encode("ascii", "replace"))
    return digest.hexdigest()


def _first_pass(
    paths: Sequence[str | Path], store: PageCache, progress: Callable[[int, int, str], None] | None,
    notices: list[str], workers: int | None = None,
) -> _Plan:
    """Every page into the cache (processed on every core where missing), then the corpus
    keyword model summed from the stored keyword candidates, unless the cache remembers every
    page's keywords against this same corpus: no page is decoded, nothing is tokenised here.
    The files' keys and the stored rows are read in batches (a warm archive: a few queries)."""
    from civread.pipeline.files import discover  # (not the pipeline's stages: see below)

    found = list(discover(paths))
    files = [item for item in found if isinstance(item, Path)]
    keys = store.keys_for(files)
    counts = store.export_counts([k for k in keys if k is not None])
    # A web extractor part missing: let the loader say so (it knows which pages need it).
    todo = files if "/without-" in store.version else [f for f, k in zip(files, keys) if k is None or k not in counts]
    # The pages processed now: their keys, or their problems (their words are read from the cache
    # with the others': nothing that grows with the corpus is kept).
    processed: dict[str, str | LoadProblem] = {}
    early = _Early()
    if todo:  # only now the loader, the pool and every stage of the pipeline are imported
        from civread.corpus import Measured, iter_measured

        measuring = iter_measured(todo, store, workers=workers, progress=progress, notices=notices, terms=False,
                                  export_parts=True)  # fmt: skip
        for measured in measuring:
            if isinstance(measured, Measured):
                processed[measured.path] = measured.key
                early.add(measured.path, measured.key, measured.words, measured.signatures)
            else:
                processed[measured.path] = measured
        counts.update(store.export_counts([k for k in processed.values() if isinstance(k, str)]))
    plan = _Plan()
    copies: dict[str, int] = {}
    again: dict[str, _Again] = {}  # pages whose export rows the cache could not give (rare)
    at = iter(keys)
    for item in found:
        if isinstance(item, LoadProblem):
            plan.problems.append(item)
            continue
        path, key = str(item), next(at)
        done = processed.get(path)
        if isinstance(done, LoadProblem):
            plan.problems.append(done)
            continue
        if done is not None:
            key = done
        if key is None:  # unreadable now, but not through the loader: say it as the loader would
            plan.problems.append(LoadProblem(path, "could not be read"))
            continue
        n_articles = counts.get(key)
        if n_articles is None:  # its export rows damaged or missing: made again from the page
            made = again.get(key) or _export_again(store, path, key)
            if made is None:
                plan.problems.append(LoadProblem(path, "could not be read back"))
                continue
            again[key] = made
            n_articles = len(made.export[2])
        copies[key] = copies.get(key, 0) + 1
        plan.pages.append((path, key, n_articles, copies[key]))
    plan.signatures = early.signatures  # grouped once ranking has started (`_record_batches`)
    plan.corpus = _corpus_key(store.version, (key for _, key, _, _ in plan.pages))
    if store.remembered_count(plan.corpus) != len(copies):
        plan.model = _model(plan, store, again, early)
    return plan


@dataclass(slots=True)
class _Early:
    """What the first pass takes from the pages processed now, as each comes out of the workers
    (so that it is done while they still run, not read back from the cache after them): their
    keyword candidates summed into the corpus model, and their reprint signatures."""

    model: KeywordModel = field(default_factory=KeywordModel)
    summed: Counter[str] = field(default_factory=Counter)  # paths (each time found) summed in `model`
    signatures: dict[str, list[bytes]] = field(default_factory=dict)  # page key → its articles'

    def add(self, path: str, key: str, words: tuple[int, list[str]] | None, signatures: list[bytes] | None) -> None:
        if words is not None:
            self.model.add_documents(*words)
            self.summed[path] += 1
        if signatures is not None:
            self.signatures.setdefault(key, signatures)


def _reprint_groups(
    plan: _Plan, store: PageCache, known: dict[str, list[bytes]] | None = None
) -> dict[tuple[str, int], bytes]:
    """The planned pages' reprint groups ((page key, article index) → the group's name as JSON,
    as the records carry it), kept in
    the cache under the first copies' keys in plan order: an export of the same pages again reads
    one row instead of every signature, and regrouping 70,000 articles. A page that changed has
    another key, so another grouping is made (and kept). `known`: signatures already in hand, by
    page key (the pages processed in this run); the others are read from the cache."""
    firsts = [(key, n_articles) for _, key, n_articles, copy in plan.pages if copy == 1]
    total = sum(n for _, n in firsts)
    corpus = grouping_key(store.version, "export", (key for key, _ in firsts))
    groups = store.grouping(corpus, total)
    if groups is None:
        signatures, complete = _signatures(firsts, store, known or {})
        groups = group_signatures(signatures)
        if complete:  # a page's signatures unreadable: this grouping is not the one to keep
            store.remember_grouping(corpus, groups, total)
    where = [(key, n) for key, n_articles in firsts for n in range(n_articles)]
    labels: dict[tuple[str, int], bytes] = {}
    for group in groups:
        key, n = where[group[0]]
        name = dumps(f"{key[:12]}-{n + 1:02d}").encode("utf-8")  # the first printing's article id
        labels.update((where[i], name) for i in group)
    return labels


def _signatures(
    firsts: Sequence[tuple[str, int]], store: PageCache, known: dict[str, list[bytes]]
) -> tuple[list[bytes], bool]:
    """Each article's reprint signature, in plan order (b"" where a page's cannot be read), from
    `known` or else read from the cache a batch of pages at a time; and whether every page's
    could be had."""
    signatures: list[bytes] = []
    complete = True
    for start in range(0, len(firsts), _READ_PAGES):
        batch = firsts[start : start + _READ_PAGES]
        missing = [key for key, _ in batch if key not in known]
        stored = store.signatures_of(missing) if missing else {}
        for key, n_articles in batch:
            got = known[key] if key in known else stored.get(key, [])
            if len(got) != n_articles:
                complete = False
                got = (got + [b""] * n_articles)[:n_articles]
            signatures.extend(got)
    return signatures, complete


def _model(
    plan: _Plan, store: PageCache, again: dict[str, "_Again"] | None = None, early: _Early | None = None
) -> KeywordModel:
    """The corpus keyword model: every planned page's stored keyword candidates summed (each
    copy of a page counts), read a batch of pages at a time; with `early`, its model goes on from
    the pages it summed as they were processed, and only the others are read."""
    model = KeywordModel() if early is None else early.model
    pending: Counter[str] = Counter() if early is None else Counter(early.summed)
    for start in range(0, len(plan.pages), _READ_PAGES):
        batch = []
        for page in plan.pages[start : start + _READ_PAGES]:
            if pending[page[0]] > 0:  # summed as it was processed
                pending[page[0]] -= 1
            else:
                batch.append(page)
        stored = store.words_of([key for _, key, _, _ in batch]) if batch else {}
        for path, key, _, _ in batch:
            words = stored.get(key)
            if words is None:
                made = (again or {}).get(key) or _export_again(store, path, key)
                if made is None:
                    continue
                words = made.words
            model.add_documents(*words)
    if +pending:  # a page summed as it was processed that the plan left out (rare): sum afresh
        return _model(plan, store, again)
    return model


@dataclass(slots=True)
class _Again:
    """A page's export rows made again (what the cache would have given)."""

    words: tuple[int, list[str]]
    export: tuple[str, str, list[ExportRow]]
    ranks: list[RankForm | None]


def _export_again(store: PageCache, path: str, key: str) -> _Again | None:
    """A page's export rows made again: from its cached page and measures (and stored back),
    failing that from its file, processed here. None when neither can be had."""
    from civread.parallel import load_one

    got = store.get_measured(key, path)
    if got is not None:
        page, measures = got
    else:
        result, now = load_one(path)
        if isinstance(result, LoadProblem) or now != key:
            return None
        page, measures = result, measure_page(result.articles)
    blobs = encode_export(page, measures)
    if got is not None:
        store.put_export(key, blobs)
    try:
        return _Again(decode_words(blobs[0]), decode_export(blobs[1]), decode_rank(blobs[2]))
    except CacheFormatError:
        return None


# Pages whose export rows are read in one query, and written out together.
_READ_PAGES = 64


# An export with at least this many pages to rank ranks them on every core (`civread.rank_pool`);
# fewer are ranked here, sooner than worker processes start.
_POOL_MIN_PAGES = 512


def _record_batches(
    plan: _Plan, store: PageCache, progress: Callable[[int, int, str], None] | None, workers: int | None = None
) -> Generator[list[bytes], None, None]:
    """Every planned page's records as JSON lines, in plan order, a batch of pages at a time, in
    pieces (UTF-8; joined, they are the lines): the stored pieces with id, source and keywords
    put in. Keywords come remembered against this corpus, or are ranked (against one idf table,
    made once, from terms made ready when the page was stored; on every core when there are
    many) and remembered for the next export. The reprint groups are made here, while the
    workers rank.

    Not a generator itself: the ranking workers are started (forked) now, before the caller
    starts its writing thread."""
    batches = [plan.pages[start : start + _READ_PAGES] for start in range(0, len(plan.pages), _READ_PAGES)]
    idf: dict[str, float] | None = None
    ranks: RankPool | None = None
    if plan.model is not None and len(plan.pages) >= _POOL_MIN_PAGES:
        from civread.parallel import default_workers  # the pool's modules: only for an export that ranks
        from civread.rank_pool import RankPool

        n_workers = default_workers() if workers is None else workers
        if n_workers > 1:
            idf = plan.model.take_idf_table()
            keys = [[key for _, key, _, _ in batch] for batch in batches]
            ranks = RankPool.start(store, keys, plan.model, idf, n_workers)
    try:
        plan.reprints = _reprint_groups(plan, store, plan.signatures)
    except BaseException:
        if ranks is not None:
            ranks.close()
        raise
    plan.signatures = {}
    return _batches_of_records(plan, store, progress, batches, ranks, idf)


def _batches_of_records(
    plan: _Plan, store: PageCache, progress: Callable[[int, int, str], None] | None,
    batches: Sequence[Sequence[tuple[str, str, int, int]]], ranks: RankPool | None, idf: dict[str, float] | None,
) -> Generator[list[bytes], None, None]:
    total = len(plan.pages)
    done = 0
    try:
        for batch in batches:
            keys = [key for _, key, _, _ in batch]
            rows = store.exports_of(keys)
            known = store.remembered(plan.corpus, keys) if plan.model is None else {}
            pooled = ranks.take() if ranks is not None else None
            ranked: dict[str, list[bytes]] = {}
            remember: list[tuple[str, bytes]] = []
            if pooled is not None:
                for key, page in zip(keys, pooled):
                    if page is not None:
                        ranked[key] = page[0]
                        remember.append((key, page[1]))
            unranked = [key for key in keys if key not in known and key not in ranked]
            forms_of = store.ranks_of(unranked) if unranked else {}
            out: list[bytes] = []
            for path, key, _, copy in batch:
                stored = rows.get(key)
                keywords = known[key] if key in known else ranked.get(key)
                made: _Again | None = None
                if stored is None:
                    made = _export_again(store, path, key)
                    if made is None:
                        plan.lost.append(LoadProblem(path, "could not be read back from the page cache or the file"))
                        continue
                    stored = made.export
                articles = stored[2]
                if keywords is None or len(keywords) != len(articles):
                    forms = forms_of.get(key)
                    if forms is None or len(forms) != len(articles):
                        made = made or _export_again(store, path, key)
                        if made is None or len(made.ranks) != len(articles):
                            plan.lost.append(LoadProblem(path, "could not be read back from the page cache or the file"))
                            continue
                        forms = made.ranks
                    keywords, idf = _ranked_keywords(plan, store, forms, idf)
                    ranked[key] = keywords
                    remember.append((key, encode_keywords(keywords)))
                _page_records(plan, path, key, copy, stored, keywords, out)
            if remember:
                store.remember_keywords(plan.corpus, remember)
            yield out
            done += len(batch)
            if progress is not None:
                progress(done, total, batch[-1][0])
    finally:
        if ranks is not None:
            ranks.close()


def _ranked_keywords(
    plan: _Plan, store: PageCache, forms: Sequence[RankForm | None], idf: dict[str, float] | None
) -> tuple[list[bytes], dict[str, float]]:
    """A page's keywords ranked here, one JSON list per article, and the idf table they were
    ranked against (made on first need and passed back so that every page shares it)."""
    if plan.model is None:  # remembered keywords went missing: the model after all
        plan.model = _model(plan, store)
    if idf is None:
        idf = plan.model.take_idf_table()
    model = plan.model
    return ranked_keywords_json(model, forms, idf), idf


def _page_records(
    plan: _Plan, path: str, key: str, copy: int, stored: tuple[str, str, list[ExportRow]],
    keywords: Sequence[bytes], out: list[bytes],
) -> None:
    """Append one page's records to `out` as JSON-line pieces: the stored pieces with id (`~copy`
    for a second copy of the same page), source, keywords and reprint group put in."""
    page_path, page_source, articles = stored
    # As `decode_page` re-homes a page found under another name.
    source = page_source if path == page_path else (os.path.basename(path) or page_source)
    own_source = dumps(safe_name(source)).encode("utf-8")
    suffix = f"~{copy}" if copy > 1 else ""
    reprints = plan.reprints
    for n, ((aid, own, article_source, pieces), words) in enumerate(zip(articles, keywords)):
        late = (
            dumps(aid + suffix).encode("utf-8"),
            own_source if own else dumps(safe_name(article_source)).encode("utf-8"),
            words,
            reprints.get((key, n), _NULL),
        )
        record_parts(pieces, late, out)
        out.append(b"\n")


_NULL = dumps(None).encode("utf-8")


@contextmanager
def _export_cache(notices: list[str]) -> Iterator[PageCache]:
    """The user's page cache; if it cannot be used, a temporary one that is removed afterwards."""
    store = PageCache()
    notices.extend(store.notices)
    store.notices.clear()
    if store.available:
        try:
            yield store
        finally:
            store.close()
            notices.extend(store.notices)
        return
    with tempfile.TemporaryDirectory(prefix="civread-export-") as folder:
        temporary = PageCache(folder)
        notices.extend(temporary.notices)
        try:
            yield temporary
        finally:
            temporary.close()


# ---------------------------------------------------------------- command


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Export every article of some pages, one record per article.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the bundled seeds)")
    parser.add_argument("--format", "-f", choices=FORMATS, default="jsonl", help="output format (default: jsonl)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout")
    return parser


def _is_one_of(target: Path, paths: Iterable[str]) -> bool:
    """`target` is the same file as one of `paths` (one stat each)."""
    try:
        st = os.stat(target)
    except (OSError, ValueError):
        return False
    for path in paths:
        try:
            if os.path.samestat(st, os.stat(path)):
                return True
        except (OSError, ValueError):
            continue
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Run `civread export`; the return value is the exit code (0 done, 1 write failed, 2 nothing/usage)."""
    options = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    err = sys.stderr
    if options.paths:
        paths: list[str | Path] = list(options.paths)
    else:
        from civread.seeds import seeds_dir

        paths = [seeds_dir()]
    out_path = Path(options.output) if options.output else None
    usage = _usage_problem(options.output, options.format)
    if usage is not None:
        print(f"{PROG}: {usage}", file=err)
        return 2

    progress = _ProgressLine(err, "reading") if _isatty(err) else None
    notices: list[str] = []
    with _export_cache(notices) as store:
        try:
            plan = _first_pass(paths, store, progress, notices)
        finally:
            if progress is not None:
                progress.finish()
        _print_notices(notices, err)
        notices.clear()
        _print_skipped(plan.problems, err)
        if not plan.pages:
            print(f"{PROG}: nothing could be read from {' '.join(safe_name(p) for p in paths)}", file=err)
            return 2
        if out_path is not None and _is_one_of(out_path, (p for p, _, _, _ in plan.pages)):
            print(f"{PROG}: -o {safe_name(options.output)} is one of the input pages; refusing to overwrite it", file=err)
            return 2

        if progress is not None:
            progress.restart("writing")
        pieces = _record_batches(plan, store, progress)
        try:
            return _write_output(pieces, options.format, options.output, plan.n_articles, err)
        finally:
            pieces.close()
            if progress is not None:
                progress.finish()
            store.flush()
            notices.extend(store.notices)
            store.notices.clear()
            _print_skipped(plan.lost, err)
            _print_notices(notices, err)


def _usage_problem(output: str | None, fmt: str) -> str | None:
    """What is wrong with the options before any page is read (exit code 2), or None."""
    if output:
        out_path = Path(output)
        if out_path.is_dir():
            return f"-o {safe_name(output)}: is a folder"
        if not out_path.parent.is_dir() and str(out_path.parent):
            return f"-o {safe_name(output)}: no such folder {safe_name(out_path.parent)}"
    if fmt == "parquet":
        try:
            parquet_schema()
        except ParquetUnavailable:
            return "--format parquet needs pyarrow, which is not installed: pip install 'civread[parquet]'"
        if not output and _isatty(sys.stdout):
            return "--format parquet is binary: give -o FILE or redirect stdout"
    return None


def _write_output(pieces: Iterable[list[bytes]], fmt: str, output: str | None, n_articles: int, err: TextIO) -> int:
    """Write the records to `output` (atomically) or stdout; the exit code (1: the file could
    not be written; a reader that left early is not an error)."""
    if not output:
        try:
            _write(pieces, fmt, _stdout_bytes(), n_articles)
        except BrokenPipeError:
            _quiet_stdout()
        return 0
    try:
        with open_output(Path(output)) as handle:
            _write(pieces, fmt, handle, n_articles)
    except BrokenPipeError:  # `-o >(head)`: the reader left, as with stdout
        return 0
    except OSError as exc:
        print(f"{PROG}: cannot write {safe_name(output)}: {safe_text(str(exc.strerror or exc))}", file=err)
        return 1
    return 0


def _print_skipped(problems: Iterable[LoadProblem], err: TextIO) -> None:
    """One line per page left out, and why."""
    for problem in problems:
        print(f"{PROG}: skipped {safe_name(problem.path)}: {safe_text(_one_line(problem.reason))}", file=err)


def _print_notices(notices: Iterable[str], err: TextIO) -> None:
    """The cache's notices, one line each (never a traceback)."""
    for notice in notices:
        print(f"{PROG}: {safe_text(_one_line(notice))}", file=err)


def _write(batches: Iterable[list[bytes]], fmt: str, out: BinaryIO, n_articles: int) -> None:
    """Records (as JSON) to `out` as they come, in `fmt` (a text header first, if it has one).
    A text format's writes go through a thread, while the next batch is read and put together."""
    if fmt == "parquet":
        parquet = _ParquetWriter(out)
        for batch in batches:
            parquet.write_json(batch)
        parquet.close()
        out.flush()
        return
    sink = _BackgroundWrites(out)
    try:
        writer = _TextWriter(sink, fmt, n_articles)
        for batch in batches:
            writer.write_json(batch)
        writer.close()
    except BaseException:
        sink.abandon()  # what stopped us is what is reported
        raise
    sink.close()
    out.flush()


class _Writable(Protocol):
    def write(self, data: bytes, /) -> object: ...


# Writes waiting for the writing thread (each up to a batch of pages' records, ~4 MB).
_WRITES_AHEAD = 2


class _BackgroundWrites:
    """Writes to `out` made by a thread of their own: a write system call lets go of the GIL, so
    writing one batch (a third of a warm export's time, measured on 10,000 pages) overlaps
    reading and joining the next. At most `_WRITES_AHEAD` wait (memory stays bounded); an error
    in the thread (a full disk, a reader that left) is raised here, at the next write or close."""

    def __init__(self, out: _Writable) -> None:
        self.out = out
        self.queue: Queue[bytes | None] = Queue(maxsize=_WRITES_AHEAD)
        self.error: BaseException | None = None
        self.dropped = False
        self.thread = threading.Thread(target=self._run, name="civread-export-writes", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (data := self.queue.get()) is not None:
            if self.error is None and not self.dropped:  # after an error, the rest is taken and dropped
                try:
                    self.out.write(data)
                except BaseException as exc:  # noqa: BLE001 - raised in the exporting thread
                    self.error = exc

    def write(self, data: bytes) -> int:
        if self.error is not None:
            raise self.error
        self.queue.put(data)
        return len(data)

    def close(self) -> None:
        """Wait for every write; raise the thread's error, if it had one."""
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error

    def abandon(self) -> None:
        """Stop without waiting (the export is failing anyway): what waits is dropped, and a
        write under way (say to a pipe nobody reads) is not waited for."""
        self.dropped = True
        while True:
            try:
                self.queue.get_nowait()
            except Empty:
                break
        try:
            self.queue.put_nowait(None)
        except Full:
            pass


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
