"""`civread export`: every article of some pages as JSON lines, CSV or Markdown.

One record per article, keyed by its stable id. Bad files are skipped with one line each on
stderr; the export still succeeds (exit 0) unless nothing at all could be read (exit 2).
Output goes to stdout, or atomically to `-o FILE` (a temp file in the same folder, fsync,
rename), so a crash never leaves a half-written export and an input page is never written.

Pure: no Textual, no Rich (the progress line is hand-written).
"""

from __future__ import annotations

import argparse
import csv
import errno
import io
import json
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from civread.model import Article, Corpus, ParagraphKind, UNLOCATED_LABEL
from civread.names import safe_name, safe_text
from civread.pipeline.keywords import KeywordModel
from civread.pipeline.metrics import ArticleMetrics, article_metrics

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "article_record",
    "csv_safe",
    "main",
    "md_escape",
    "records",
    "render",
    "render_csv",
    "render_jsonl",
    "render_markdown",
]

FORMATS = ("jsonl", "csv", "md")
PROG = "civread export"


# ---------------------------------------------------------------- records


def article_record(article: Article, metrics: ArticleMetrics) -> dict[str, object]:
    """The export's record of one article: plain JSON types only, same keys in every format."""
    return {
        "id": article.id,
        "source": safe_name(article.source),
        "kind": article.kind.value,
        "title": article.title,
        "untitled": article.untitled,
        "kicker": article.kicker,
        "subtitle": article.subtitle,
        "byline": article.byline,
        "locality": article.locality.as_dict(),
        "paragraphs": [{"kind": p.kind.value, "text": p.text} for p in article.paragraphs],
        "text": article.text,
        "metrics": metrics.as_dict(),
        "original_script": article.original_script.value,
    }


def records(corpus: Corpus, model: KeywordModel | None = None) -> list[dict[str, object]]:
    """Every article of the corpus as a record, in reading order; keywords against the corpus."""
    model = model if model is not None else KeywordModel.from_corpus(corpus)
    return list(unique_ids(article_record(a, article_metrics(a, model)) for a in corpus.articles))


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


def render_jsonl(recs: Iterable[dict[str, object]]) -> str:
    """One JSON object per line, UTF-8 text kept readable (no \\u escapes)."""
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in recs)


# ---------------------------------------------------------------- CSV

# Flat columns: nested fields become columns (locality, counts) or compact text that a person
# can read in a cell (keywords, figures); `paragraphs` keeps its structure as JSON.
CSV_COLUMNS = (
    "id", "source", "kind", "title", "untitled", "kicker", "subtitle", "byline",
    "province", "prefecture", "county", "locality",
    "han_chars", "paragraph_count", "sentences", "reading_minutes",
    "keywords", "figures",
    "lines_joined", "chars_converted", "spaces_removed", "junk_lines_dropped", "cleaning",
    "original_script", "text", "paragraphs",
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
        f"{f['value']} {f['counts']}".strip() for f in metrics["figures"]  # type: ignore[index,union-attr]
    )
    keywords = "、".join(k["word"] for k in metrics["keywords"])  # type: ignore[index,union-attr]
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
        **{k: cleaning[k] for k in ("lines_joined", "chars_converted", "spaces_removed", "junk_lines_dropped")},  # type: ignore[index]
        "cleaning": json.dumps(cleaning, ensure_ascii=False),
        "original_script": rec["original_script"],
        "text": rec["text"],
        "paragraphs": json.dumps(rec["paragraphs"], ensure_ascii=False),
    }
    return [csv_safe(row[c]) for c in CSV_COLUMNS]


def render_csv(recs: Iterable[dict[str, object]]) -> str:
    """A header and one row per article, starting with a BOM so Excel reads the UTF-8 as such."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for rec in recs:
        writer.writerow(_csv_row(rec))
    return out.getvalue()


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
    out.append(" · ".join(meta))
    metrics = rec["metrics"]
    assert isinstance(metrics, dict)
    source = md_escape(str(rec["source"]))
    details = f"`{rec['id']}` · {source} · {rec['kind']} · {metrics['han_chars']} 字 · ≈{metrics['reading_minutes']} min"
    keywords = "、".join(md_escape(k["word"]) for k in metrics["keywords"])  # type: ignore[index,union-attr]
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


def render_markdown(recs: Iterable[dict[str, object]]) -> str:
    """A document: one `##` section per article, separated by rules."""
    sections = [_md_article(r) for r in recs]
    head = f"# civread export\n\n{len(sections)} articles\n"
    return "\n---\n\n".join([head, *sections])


_RENDERERS: dict[str, Callable[[Iterable[dict[str, object]]], str]] = {
    "jsonl": render_jsonl,
    "csv": render_csv,
    "md": render_markdown,
}


def render(recs: Iterable[dict[str, object]], fmt: str) -> str:
    return _RENDERERS[fmt](recs)


# ---------------------------------------------------------------- output


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the whole new one, never half."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
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


def write_output(path: Path, data: bytes) -> None:
    """`-o PATH`: a regular file (or a new name) is replaced atomically; anything else that
    already exists — a named pipe, /dev/stdout, a terminal, a process substitution
    (/dev/fd/N) — is written through, in place, never replaced by a regular file."""
    try:
        st = os.stat(path)  # follows symlinks: /dev/stdout → /proc/self/fd/1 → the pipe
    except OSError:
        st = None
    if st is None or (stat.S_ISREG(st.st_mode) and not _through_fd(path)):
        # A symlink to a file: the file it names is replaced, the link is kept.
        write_atomic(Path(os.path.realpath(path)) if st is not None else path, data)
        return
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    # O_APPEND keeps `>>`-style stdout redirections to a file intact; no O_TRUNC on a device.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)


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


def _write_stdout(data: bytes) -> None:
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(data)
        buffer.flush()
    else:  # a text-only stream (some embedding): let it encode
        stream.write(data.decode("utf-8"))
        stream.flush()


class _ProgressLine:
    """`pages 3/12  4.1 pages/s` rewritten in place on a terminal; silent otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int, path: str) -> None:
        now = time.monotonic()
        if now - self.last < 0.1 and done != total:
            return
        self.last = now
        if total < 0:
            line = f"finding pages… {done}"
        else:
            rate = done / max(now - self.start, 1e-6)
            width = 24
            filled = int(width * done / total) if total else width
            bar = "█" * filled + "░" * (width - filled)
            line = f"{bar} {done}/{total} pages  {rate:.1f} pages/s"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


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


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def main(argv: Sequence[str] | None = None) -> int:
    """Run `civread export`; the return value is the exit code (0 done, 1 write failed, 2 nothing/usage)."""
    from civread.corpus import load_corpus  # late: `--help` need not load the pipeline

    options = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    err = sys.stderr
    if options.paths:
        paths: list[str | Path] = list(options.paths)
    else:
        from civread.seeds import seeds_dir

        paths = [seeds_dir()]
    out_path = Path(options.output) if options.output else None
    if out_path is not None:
        if out_path.is_dir():
            print(f"{PROG}: -o {safe_name(options.output)}: is a folder", file=err)
            return 2
        if not out_path.parent.is_dir() and str(out_path.parent):
            print(f"{PROG}: -o {safe_name(options.output)}: no such folder {safe_name(out_path.parent)}", file=err)
            return 2

    progress = _ProgressLine(err) if _isatty(err) else None
    notices: list[str] = []
    try:
        corpus = load_corpus(paths, progress=progress, notices=notices)
    finally:
        if progress is not None:
            progress.finish()
    for notice in notices:
        print(f"{PROG}: {safe_text(_one_line(notice))}", file=err)
    for problem in corpus.problems:
        print(f"{PROG}: skipped {safe_name(problem.path)}: {safe_text(_one_line(problem.reason))}", file=err)
    if not corpus.pages:
        print(f"{PROG}: nothing could be read from {' '.join(safe_name(p) for p in paths)}", file=err)
        return 2

    if out_path is not None:
        inputs = [Path(p.path) for p in corpus.pages]
        if any(_same_file(out_path, p) for p in inputs):
            print(f"{PROG}: -o {safe_name(options.output)} is one of the input pages; refusing to overwrite it", file=err)
            return 2

    data = render(records(corpus), options.format).encode("utf-8")
    if out_path is None:
        try:
            _write_stdout(data)
        except BrokenPipeError:  # `civread export | head`: the reader left, that is fine
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            except (OSError, ValueError, io.UnsupportedOperation):
                pass
        return 0
    try:
        write_output(out_path, data)
    except BrokenPipeError:  # `-o >(head)`: the reader left, as with stdout
        return 0
    except OSError as exc:
        print(f"{PROG}: cannot write {safe_name(options.output)}: {safe_text(str(exc.strerror or exc))}", file=err)
        return 1
    return 0


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
