"""A cache of processed pages, so a second open of a large archive does no pipeline work.

Pages live in one SQLite database in the user's cache directory (never next to the pages),
keyed by the sha1 of the file's bytes and the pipeline version: an edited file, or a new
civread whose pipeline output may differ, reprocesses exactly what changed.

Why this format: each page is stored as a zstd-compressed pickle (zlib without the zstandard
module) of a plain-tuple form (only str, int, None, lists and tuples), read back with an
unpickler that refuses every global. That is pickle's C speed for both directions (JSON of the
same data is several times slower to load and twice the size) with JSON's safety: a tampered or
damaged cache can fail to load, never run code.
The same bytes are what a worker process sends back to the parent, so a miss is serialized once.

Beside each page the database keeps its articles' measures (`civread.measures`: counts,
figures, keyword term counts), made by the worker that processed the page, in two blobs: the
term counts alone (what a corpus keyword model sums, read without anything else) and the rest.
For the export it keeps two more (`exports` table): each article's distinct keyword
candidates (what a corpus keyword model's document frequencies sum) as one flat list, and each
article's export record already rendered to JSON (`civread.measures.record`) with its terms made
ready for ranking, so an export writes records without decoding a page or tokenising anything.
It also keeps one summary row per article (id, title, kind, locality,
untitled…), so an app can list every article of a warm archive without unpickling any page, and
a `files` memo (path, size, mtime, ctime, inode → sha1) so a warm open need not read the files.

Nothing here raises to the caller: a database that cannot be opened or written means "no
cache" plus a one-line notice; a damaged database file is renamed aside (`*.corrupt-<time>`),
never deleted, and a fresh one is started.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import importlib.util
import io
import os
import pickle
import sqlite3
import threading
import time
import zlib
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

import civread
from civread.measures.figures import Figure
from civread.measures.keywords import RankForm, Terms, rank_form
from civread.measures.metrics import ArticleMeasures, article_metrics
from civread.measures.record import (
    LATE_ID,
    LATE_KEYWORDS,
    LATE_REPRINT,
    LATE_SOURCE,
    RECORD_VERSION,
    record_fields,
    record_pieces,
)
from civread.measures.reprints import REPRINTS_VERSION
from civread.model import (
    Article,
    ArticleKind,
    CleaningReport,
    Locality,
    Page,
    PageLine,
    Paragraph,
    ParagraphKind,
    RemovedLine,
    Script,
)

__all__ = [
    "ArticleSummary",
    "CacheFormatError",
    "PageCache",
    "article_summaries",
    "cache_dir",
    "cache_version",
    "compress_blob",
    "decode_measures",
    "decode_page",
    "decode_terms",
    "decode_export",
    "decode_words",
    "decode_rank",
    "decode_keywords",
    "encode_keywords",
    "grouping_key",
    "ExportRow",
    "encode_measures",
    "encode_page",
    "encode_export",
    "hash_file",
]

# Bump when the tuple form below changes: rows written by another form are misses, not errors.
CODEC_VERSION = "c2"  # c2: articles carry date, date_source and pinyin readings; measures a signature and the date
# Bump when the tables change: an older database is emptied and rebuilt, not migrated.
SCHEMA_VERSION = 4
DB_NAME = "pages.sqlite3"
# A file modified this recently may be rewritten again within the file system's timestamp
# granularity with the same size; its stat is not trusted as a stand-in for its bytes.
_RACY_NS = 2_000_000_000
_ZLIB_LEVEL = 1  # without zstandard: level 1 is ~5x faster than the default, ~10% larger

_ZLIB_MAGIC = b"\x78"  # a zlib stream's first byte; a pickle's is 0x80
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"  # a zstd frame's first bytes
_ZSTD_LEVEL = 3  # measured on export records: zlib-1's size, 2.5x faster to make, 3x to read
_ZSTD_PAGE_LEVEL = 1  # pages: made by every first open, so made fast (see compress_blob)
_REPORT_FIELDS: tuple[str, ...] = tuple(CleaningReport.__slots__)
_ARTICLE_KIND = {k.value: k for k in ArticleKind}
_PARAGRAPH_KIND = {k.value: k for k in ParagraphKind}
_SCRIPT = {s.value: s for s in Script}


class CacheFormatError(Exception):
    """A stored page that cannot be read back: the caller treats it as a miss."""


def cache_dir() -> Path:
    """`CIVREAD_CACHE_DIR` if set (tests, portable installs), else the platform's user cache dir."""
    override = os.environ.get("CIVREAD_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("civread"))


# The web extractor's parts. A page read while one is not installed is kept under another
# version, so it is read again, whole, once the part is back (not served degraded for good).
WEB_EXTRACTOR_MODULES = ("trafilatura", "readability", "lxml_html_clean")


def cache_version() -> str:
    """What a cached page depends on besides its bytes: the pipeline (its version and its code),
    this codec, and whether the web extractor's parts are installed (looked up, not imported:
    this runs at start-up)."""
    version = f"{civread.PIPELINE_VERSION}/{CODEC_VERSION}/{RECORD_VERSION}/{_installed_code()}"
    missing = [name for name in WEB_EXTRACTOR_MODULES if importlib.util.find_spec(name) is None]
    return f"{version}/without-{'+'.join(missing)}" if missing else version


@functools.cache
def _installed_code() -> str:
    return code_fingerprint(Path(civread.__file__).parent)


def code_fingerprint(root: Path) -> str:
    """A digest of the code and data that turn a page into articles and measures (the package
    without the reader's app, widgets and screens): a rule changed in a release never serves
    pages cut by the old one from the cache. A version number bumped by hand had been forgotten
    through many releases of segmentation rules."""
    digest = hashlib.sha1()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.suffix in _FINGERPRINTED and relative.parts[0] not in _READER_ONLY:
            digest.update(relative.as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


_FINGERPRINTED = (".py", ".json", ".tsv")
_READER_ONLY = ("app.py", "widgets", "screens", "__pycache__")


def hash_file(path: str | os.PathLike[str]) -> str:
    """sha1 of a file's bytes, read in blocks so a huge file never sits in memory."""
    digest = hashlib.sha1()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


# ------------------------------------------------------------------------------ page codec


def _report_tuple(report: CleaningReport) -> tuple[int, ...]:
    return tuple(getattr(report, name) for name in _REPORT_FIELDS)


def _report(values: Sequence[int]) -> CleaningReport:
    return CleaningReport(**dict(zip(_REPORT_FIELDS, values, strict=True)))


def _article_tuple(a: Article) -> tuple[object, ...]:
    loc = a.locality
    return (
        a.id,
        a.source,
        a.kind.value,
        a.title,
        [(p.text, p.kind.value, p.line_indices) for p in a.paragraphs],
        (loc.province, loc.prefecture, loc.county, loc.code),
        a.untitled,
        a.kicker,
        a.subtitle,
        a.byline,
        a.original_script.value,
        a.original_text,
        _report_tuple(a.report),
        a.source_path,
        a.index,
        a.date,
        a.date_source,
        a.readings,
    )


def encode_page(page: Page, *, compress: bool = True) -> bytes:
    """The page as plain tuples, pickled: zlib-compressed for the cache, raw for a pipe
    (a worker sends raw bytes when nothing will be stored: compressing costs ~6% of a page)."""
    lines: list[str | None] = []
    for line in page.lines:
        lines.append(line.original)
        lines.append(None if line.clean == line.original else line.clean)
    form = (
        CODEC_VERSION,
        page.source,
        page.path,
        page.digest,
        page.encoding,
        page.format,
        page.original_script.value,
        lines,
        [_article_tuple(a) for a in page.articles],
        [(r.text, r.original, r.reason, r.line_index) for r in page.removed],
        _report_tuple(page.report),
        page.size,
    )
    raw = pickle.dumps(form, protocol=pickle.HIGHEST_PROTOCOL)
    return compress_blob(raw) if compress else raw


def compress_blob(raw: bytes) -> bytes:
    """The stored form of `encode_page(page, compress=False)` bytes (and of any raw pickle made
    here; a blob already compressed is kept as it is): zstd level 1, measured on the archive's
    pages against zlib level 1: 6x faster to make (a worker's 1.2 ms a page), 2.5x faster to
    read back, 16% smaller."""
    return raw if raw[:1] == _ZLIB_MAGIC or raw[:4] == _ZSTD_MAGIC else pack_blob(raw, _ZSTD_PAGE_LEVEL)


def _zstd() -> Any:
    try:
        import zstandard
    except ImportError:  # a partial install: zlib still works, only slower
        return None
    return zstandard


def pack_blob(raw: bytes, level: int = _ZSTD_LEVEL) -> bytes:
    """A blob compressed for the cache: zstd (zlib without the zstandard module, a partial
    install). The default level is for what the export reads back in bulk."""
    zstd = _zstd()
    if zstd is None:
        return zlib.compress(raw, _ZLIB_LEVEL)
    return _codec("c", level, lambda: zstd.ZstdCompressor(level=level)).compress(raw)


# Each thread's zstd compressors and decompressor, made once: making one costs about as much as
# decompressing a page's records (a warm export unpacks two blobs a page), and an instance must
# not be used by two threads at once (the reader reads the cache from several).
_codecs = threading.local()


def _codec(kind: str, level: int, make: Callable[[], Any]) -> Any:
    made: dict[tuple[str, int], Any] | None = getattr(_codecs, "made", None)
    if made is None:
        made = _codecs.made = {}
    codec = made.get((kind, level))
    if codec is None:
        codec = made[(kind, level)] = make()
    return codec


def _unpack(blob: bytes) -> bytes:
    if blob[:1] == _ZLIB_MAGIC:
        return zlib.decompress(blob)
    if blob[:4] == _ZSTD_MAGIC:
        zstd = _zstd()
        if zstd is None:
            raise CacheFormatError("stored with zstd, and the zstandard module is not installed")
        return _codec("d", 0, zstd.ZstdDecompressor).decompress(blob)
    return blob


class _PlainUnpickler(pickle.Unpickler):
    """Loads only plain data: any class or function reference in the stream is refused."""

    def find_class(self, module: str, name: str) -> object:
        raise pickle.UnpicklingError(f"cached page refers to {module}.{name}")


def decode_page(blob: bytes, path: str | None = None) -> Page:
    """Rebuild a Page from `encode_page` bytes; `path` re-homes a page found under another name.

    Raises CacheFormatError (only) when the bytes are not a page in this codec's form.
    The cyclic GC is paused while the page's few thousand objects are built: otherwise, with a
    large corpus already in memory, its collections make decoding ~3x slower (measured).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _decode(blob, path)
    finally:
        if was_enabled:
            gc.enable()


def _decode(blob: bytes, path: str | None) -> Page:
    try:
        form = _PlainUnpickler(io.BytesIO(_unpack(blob))).load()
        if not isinstance(form, tuple) or len(form) != 12 or form[0] != CODEC_VERSION:
            raise CacheFormatError("not a cached page of this version")
        _, source, old_path, digest, encoding, fmt, script, flat, articles, removed, report, size = form
        new_source = source
        if path is not None and path != old_path:
            new_source = os.path.basename(path) or source
        else:
            path = old_path
        lines = [PageLine(o, o if c is None else c) for o, c in zip(flat[0::2], flat[1::2], strict=True)]
        page_articles = [
            Article(
                id=aid,
                source=new_source if a_path == old_path else a_source,
                kind=_ARTICLE_KIND[kind],
                title=title,
                paragraphs=[Paragraph(text, _PARAGRAPH_KIND[pkind], tuple(idx)) for text, pkind, idx in paras],
                locality=Locality(*loc) if loc[0] is not None else Locality(),
                untitled=untitled,
                kicker=kicker,
                subtitle=subtitle,
                byline=byline,
                original_script=_SCRIPT[a_script],
                original_text=original_text,
                report=_report(a_report),
                source_path=path if a_path == old_path else a_path,
                index=index,
                date=date,
                date_source=date_source,
                readings=tuple(map(tuple, readings)),
            )
            for (
                aid, a_source, kind, title, paras, loc, untitled, kicker, subtitle, byline,
                a_script, original_text, a_report, a_path, index, date, date_source, readings,
            ) in articles
        ]
        return Page(
            source=new_source,
            path=path,
            digest=digest,
            encoding=encoding,
            format=fmt,
            original_script=_SCRIPT[script],
            lines=lines,
            articles=page_articles,
            removed=[RemovedLine(t, o, r, i) for t, o, r, i in removed],
            report=_report(report),
            size=size,
        )
    except CacheFormatError:
        raise
    except Exception as exc:  # noqa: BLE001 - any damage to a row is a miss, never a crash
        raise CacheFormatError(f"damaged cached page ({type(exc).__name__})") from exc


# ------------------------------------------------------------------------------ measures codec

# A page's measures: (terms blob, rest blob), each a (compressed) pickle of one list per article;
# made with the page, also (words blob, export blob) for the `exports` table (see below).
MeasuresBlobs = tuple[bytes, ...]


def encode_measures(
    measures: Sequence[ArticleMeasures], page: Page | None = None, *, compress: bool = True
) -> MeasuresBlobs:
    """A page's measures as plain tuples: the term counts apart, so a corpus keyword model can
    be summed without reading figures or pages. With the `page`, also its export blobs
    (`encode_export`): five blobs, else two."""
    terms = [m.terms for m in measures]
    rest = [
        (
            m.han_chars, m.paragraphs, m.sentences, m.reading_minutes,
            [(f.value, f.number, f.unit, f.counts, f.context, f.high) for f in m.figures],
            m.signature, m.date,
        )
        for m in measures
    ]  # fmt: skip
    blobs: tuple[bytes, ...] = (_dump(terms), _dump(rest))
    if compress:
        blobs = (compress_blob(blobs[0]), compress_blob(blobs[1]))
    if page is not None:
        blobs += encode_export(page, measures, compress=compress)
    return blobs


def _dump(form: object) -> bytes:
    return pickle.dumps(form, protocol=pickle.HIGHEST_PROTOCOL)


# ------------------------------------------------------------------------------ export codec

# One article as the export reads it back: its id, whether it carries its page's name (so its
# source follows the file's current name), its own source and its record's JSON pieces (UTF-8,
# cut at the late fields: `civread.measures.record`).
ExportRow = tuple[str, bool, str, tuple[bytes, ...]]


def encode_export(
    page: Page, measures: Sequence[ArticleMeasures], *, compress: bool = True
) -> tuple[bytes, bytes, bytes]:
    """(words, export, rank) blobs of a page. words: every article's distinct keyword
    candidates, one flat list (a word in k articles is there k times: the page's share of the
    corpus document frequencies) with the number of articles that are documents. export: the
    page's path and source, then one `ExportRow` per article. rank: each article's terms made
    ready for ranking (`rank_form`), apart: an export whose keywords are remembered skips them."""
    words: list[str] = []
    documents = 0
    rows: list[ExportRow] = []
    for article, m in zip(page.articles, measures, strict=True):
        if m.terms is not None:
            documents += 1
            words.extend(map(itemgetter(0), m.terms))
        metrics = article_metrics(article, None, 0, measures=m).as_dict()
        metrics["keywords"] = LATE_KEYWORDS
        pieces = record_pieces(record_fields(article, metrics, LATE_ID, LATE_SOURCE, LATE_REPRINT))
        rows.append((article.id, article.source_path == page.path, article.source, pieces))
    forms = [rank_form(m.terms) for m in measures]
    blobs = (_dump((documents, words)), _dump((page.path, page.source, rows)), _dump(forms))
    return (pack_blob(blobs[0]), pack_blob(blobs[1]), pack_blob(blobs[2])) if compress else blobs


T = TypeVar("T")


def _load_checked(blob: bytes, damaged: str, shape: Callable[[Any], T]) -> T:
    """`blob` unpickled and checked by `shape` (which raises CacheFormatError on a wrong form):
    any damage is a CacheFormatError saying what was damaged, never another exception."""
    try:
        return shape(_plain_load(blob))
    except CacheFormatError:
        raise
    except Exception as exc:  # noqa: BLE001 - any damage is a miss, never a crash
        raise CacheFormatError(f"damaged {damaged} ({type(exc).__name__})") from exc


def _require(ok: bool, what: str) -> None:
    if not ok:
        raise CacheFormatError(what)


def _words_form(form: Any) -> tuple[int, list[str]]:
    _require(isinstance(form, tuple) and len(form) == 2 and isinstance(form[0], int) and isinstance(form[1], list),
             "not stored keyword candidates")
    return form


def decode_words(blob: bytes) -> tuple[int, list[str]]:
    """(documents, words) of a words blob. Raises CacheFormatError (only) on damage."""
    return _load_checked(blob, "stored keyword candidates", _words_form)


def _rank_form(form: Any) -> list[RankForm | None]:
    _require(isinstance(form, list) and all(f is None or (type(f) is tuple and len(f) == 3) for f in form),
             "not stored rank forms")
    return form


def decode_rank(blob: bytes) -> list[RankForm | None]:
    """Each article's `rank_form` from a rank blob. Raises CacheFormatError on damage."""
    return _load_checked(blob, "stored rank forms", _rank_form)


def _keywords_form(form: Any) -> list[bytes]:
    _require(isinstance(form, list) and all(type(k) is bytes for k in form), "not remembered keywords")
    return form


def decode_keywords(blob: bytes) -> list[bytes]:
    """Each article's remembered keywords (JSON, UTF-8). Raises CacheFormatError on damage."""
    return _load_checked(blob, "remembered keywords", _keywords_form)


def encode_keywords(keywords: list[bytes]) -> bytes:
    """A page's articles' keywords as ranked against a corpus (JSON each), for the cache."""
    return pack_blob(_dump(keywords))


def _export_form(form: Any) -> tuple[str, str, list[ExportRow]]:
    _require(isinstance(form, tuple) and len(form) == 3 and isinstance(form[2], list), "not stored export records")
    for row in form[2]:
        _require(type(row) is tuple and len(row) == 4 and type(row[3]) is tuple, "not stored export records")
    return form


def decode_export(blob: bytes) -> tuple[str, str, list[ExportRow]]:
    """(page path, page source, rows) of an export blob. Raises CacheFormatError on damage."""
    return _load_checked(blob, "stored export records", _export_form)


def _plain_load(blob: bytes) -> object:
    return _PlainUnpickler(io.BytesIO(_unpack(blob))).load()


def _terms_form(form: Any) -> list[Terms | None]:
    _require(isinstance(form, list), "not stored term counts")
    _require(all(t is None or type(t) is tuple for t in form), "not stored term counts")
    return form  # tuples of (word, count) pairs, as `term_counts` made them


def decode_terms(blob: bytes) -> list[Terms | None]:
    """Each article's term counts from a terms blob. Raises CacheFormatError (only) on damage."""
    return _load_checked(blob, "stored measures", _terms_form)


def decode_measures(blobs: MeasuresBlobs) -> list[ArticleMeasures]:
    """Each article's measures from `encode_measures` blobs. Raises CacheFormatError on damage."""
    terms = decode_terms(blobs[0])

    def measures_form(rest: Any) -> list[ArticleMeasures]:
        _require(isinstance(rest, list) and len(rest) == len(terms), "stored measures do not match their term counts")
        return [
            ArticleMeasures(han, paras, sentences, minutes, tuple(Figure(*f) for f in figures), t, signature, date)
            for (han, paras, sentences, minutes, figures, signature, date), t in zip(rest, terms, strict=True)
        ]

    return _load_checked(blobs[1], "stored measures", measures_form)


def _signatures_form(rest: Any) -> list[bytes]:
    _require(isinstance(rest, list), "not stored measures")
    signatures = [row[5] for row in rest]
    _require(all(isinstance(sig, bytes) for sig in signatures), "not stored reprint signatures")
    return signatures


def decode_signatures(blob: bytes) -> list[bytes]:
    """Each article's reprint signature from a measures `rest` blob. Raises CacheFormatError on damage."""
    return _load_checked(blob, "stored measures", _signatures_form)


# ------------------------------------------------------------------------------ reprint groupings


def grouping_key(version: str, use: str, keys: Iterable[str]) -> str:
    """What a reprint grouping depends on: the signatures it was made from (each a function of
    a page's bytes and the pipeline version, so: the page keys in corpus order and the version),
    the grouping code, and who groups (`use`: the export and the reader count positions over
    different sequences of articles)."""
    digest = hashlib.sha1(f"{use}\n{version}\n{REPRINTS_VERSION}".encode("utf-8", "replace"))
    for key in keys:
        digest.update(b"\n" + key.encode("ascii", "replace"))
    return digest.hexdigest()


def encode_grouping(groups: Sequence[Sequence[int]], total: int) -> bytes:
    """Reprint groups as positions among `total` articles (`group_signatures`): two arrays, the
    groups' sizes and their members, packed (70,000 articles: a few hundred KB, read in ms)."""
    sizes = array("I", map(len, groups))
    members = array("I", [i for group in groups for i in group])
    return pack_blob(_dump((total, sizes.tobytes(), members.tobytes())))


def decode_grouping(blob: bytes, total: int) -> list[list[int]]:
    """The groups of `encode_grouping`, made over `total` articles. Raises CacheFormatError on
    damage or when they were made over another number of articles."""

    def grouping_form(form: Any) -> list[list[int]]:
        _require(type(form) is tuple and len(form) == 3 and form[0] == total, "not a grouping of these articles")
        sizes, members = array("I"), array("I")
        sizes.frombytes(form[1])
        members.frombytes(form[2])
        _require(sum(sizes) == len(members) and all(n >= 2 for n in sizes), "not stored reprint groups")
        _require(not members or max(members) < total, "not stored reprint groups")
        groups: list[list[int]] = []
        at = 0
        for n in sizes:
            groups.append(members[at : at + n].tolist())
            at += n
        return groups

    return _load_checked(blob, "stored reprint groups", grouping_form)


# ------------------------------------------------------------------------------ summaries


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """Enough of an article to list it (title, kind, place) without loading its page."""

    id: str
    page_key: str  # full sha1 of the page's bytes
    index: int  # position on its page
    title: str
    kicker: str
    kind: ArticleKind
    locality: Locality
    untitled: bool

    @property
    def display_title(self) -> str:
        return self.title if not self.kicker else f"{self.kicker}：{self.title}"


def article_summaries(page: Page, page_key: str) -> list[ArticleSummary]:
    """The summary rows of one page's articles."""
    return [
        ArticleSummary(a.id, page_key, a.index, a.title, a.kicker, a.kind, a.locality, a.untitled)
        for a in page.articles
    ]


def _summary_row(s: ArticleSummary, version: str) -> tuple[object, ...]:
    loc = s.locality
    return (
        s.page_key, version, s.index, s.id, s.title, s.kicker, s.kind.value,
        loc.province, loc.prefecture, loc.county, loc.code, int(s.untitled),
    )


# ------------------------------------------------------------------------------ the database

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER, ino INTEGER, sha1 TEXT
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS pages (
    sha1 TEXT NOT NULL, version TEXT NOT NULL, n_articles INTEGER, blob BLOB NOT NULL,
    PRIMARY KEY (sha1, version)
);
CREATE TABLE IF NOT EXISTS measures (
    sha1 TEXT NOT NULL, version TEXT NOT NULL, terms BLOB NOT NULL, rest BLOB NOT NULL,
    PRIMARY KEY (sha1, version)
);
CREATE TABLE IF NOT EXISTS exports (
    sha1 TEXT NOT NULL, version TEXT NOT NULL, words BLOB NOT NULL, export BLOB NOT NULL, rank BLOB NOT NULL,
    PRIMARY KEY (sha1, version)
);
CREATE TABLE IF NOT EXISTS keywords (
    corpus TEXT NOT NULL, sha1 TEXT NOT NULL, blob BLOB NOT NULL, PRIMARY KEY (corpus, sha1)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS groupings (
    corpus TEXT PRIMARY KEY, made INTEGER NOT NULL, blob BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS articles (
    sha1 TEXT NOT NULL, version TEXT NOT NULL, n INTEGER NOT NULL, id TEXT, title TEXT,
    kicker TEXT, kind TEXT, province TEXT, prefecture TEXT, county TEXT, code TEXT, untitled INTEGER,
    PRIMARY KEY (sha1, version, n)
) WITHOUT ROWID;
"""

# Added to schema 4 without a new number (a new number empties the cache): made when missing.
_GROUPINGS_TABLE = _SCHEMA[_SCHEMA.index("CREATE TABLE IF NOT EXISTS groupings") :].split(";")[0]
# Reprint groupings kept (the last ones made: an export's and a reader's of one or two archives).
_GROUPINGS_KEPT = 4

# Writes are grouped: one transaction per this many pages (or at close), each atomic.
_BATCH_PAGES = 64
# Keys per `IN (...)` query (SQLite allows 32,766 parameters; a few hundred is plenty).
_IN_BATCH = 500


def _stat_tuple(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _path_key(name: str) -> str:
    """The `files` row key of an absolute path: the path itself when it is valid UTF-8, else
    `fs:` and the hex of its bytes (a name that is not UTF-8 keeps its undecodable bytes as
    lone surrogates, which SQLite cannot take; an absolute path never starts with `fs:`)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return "fs:" + os.fsencode(name).hex()
    return name


class PageCache:
    """One open cache database. Every method degrades to "no cache" rather than raise.

    `notices` collects one-line messages for the person (damaged cache set aside, cache
    unavailable…). Use from one thread at a time; several processes may share the file.
    """

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.directory = Path(directory) if directory is not None else cache_dir()
        self.path = self.directory / DB_NAME
        self.version = cache_version()
        self.notices: list[str] = []
        self._db: sqlite3.Connection | None = None
        self._pending = 0
        self._remembering: str | None = None  # the corpus whose keywords this run keeps
        self._lock = threading.Lock()
        self._open()

    # -------------------------------------------------------------- opening and failure

    @property
    def available(self) -> bool:
        return self._db is not None

    @property
    def measure_versions(self) -> frozenset[str]:
        """The cache versions the stored measures were made under (only this one once a new
        pipeline version has dropped the old rows); empty without a database."""
        if self._db is None:
            return frozenset()
        try:
            with self._lock:
                rows = self._db.execute("SELECT DISTINCT version FROM measures").fetchall()
        except sqlite3.Error as exc:
            self._failed(exc)
            return frozenset()
        return frozenset(version for (version,) in rows)

    def _open(self) -> None:
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError as exc:
            if _is_corruption(exc) and self._set_aside():
                try:
                    self._db = self._connect()
                    return
                except (sqlite3.Error, OSError) as again:
                    exc = again  # type: ignore[assignment]
            self._disable(f"page cache unavailable ({_one_line(exc)}); pages will be processed every time")
        except OSError as exc:
            self._disable(f"page cache unavailable ({_one_line(exc)}); pages will be processed every time")

    def _connect(self) -> sqlite3.Connection:
        self.directory.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(str(self.path), timeout=5.0, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA busy_timeout = 5000")
            schema = db.execute("PRAGMA user_version").fetchone()[0]  # reads the header: finds garbage
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            if schema != SCHEMA_VERSION:
                with _transaction(db):
                    for table in ("meta", "files", "pages", "measures", "exports", "keywords", "articles"):
                        db.execute(f"DROP TABLE IF EXISTS {table}")
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            db.execute(statement)
                    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            try:
                db.execute(_GROUPINGS_TABLE)
            except sqlite3.OperationalError:  # read-only, say: groupings are then made every time
                pass
            db.execute("SELECT count(*) FROM (SELECT 1 FROM pages LIMIT 1)").fetchone()
            self._prune(db)
        except BaseException:
            db.close()
            raise
        return db

    def _prune(self, db: sqlite3.Connection) -> None:
        """Rows of other pipeline versions are dead weight: drop them once, when the version changes."""
        row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        if row is None or row[0] != self.version:
            with _transaction(db):
                db.execute("DELETE FROM pages WHERE version != ?", (self.version,))
                db.execute("DELETE FROM measures WHERE version != ?", (self.version,))
                db.execute("DELETE FROM exports WHERE version != ?", (self.version,))
                db.execute("DELETE FROM keywords")  # remembered against pages of the old version
                db.execute("DELETE FROM articles WHERE version != ?", (self.version,))
                db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (self.version,))

    def _set_aside(self, then: str = "starting a new one") -> bool:
        """Rename a damaged database out of the way (never delete: it may hold a clue)."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        try:
            os.replace(self.path, target)
        except OSError as exc:
            self.notices.append(f"page cache is damaged and could not be set aside ({_one_line(exc)})")
            return False
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            try:
                if side.exists():
                    os.replace(side, target.with_name(target.name + suffix))
            except OSError:
                pass
        self.notices.append(f"page cache was damaged: set aside as {target.name}; {then}")
        return True

    def _disable(self, notice: str) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None
        self.notices.append(notice)

    def _failed(self, exc: sqlite3.Error) -> None:
        """A database error mid-run: damaged → set aside for next time; either way, stop using it."""
        if _is_corruption(exc):
            self._disable_quietly()
            self._set_aside(then="continuing without a cache; a new one is made next time")
        else:
            self._disable(f"page cache stopped working ({_one_line(exc)}); continuing without it")

    def _disable_quietly(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None

    # -------------------------------------------------------------- file keys

    def key_for(self, path: str | os.PathLike[str]) -> str | None:
        """The sha1 of a file's bytes: from the stat memo when unchanged, else read and hashed.

        None when the file cannot be read (the pipeline will say why).
        """
        name = os.path.abspath(path)
        try:
            st = os.stat(name)
        except OSError:
            return None
        known = self._memo(name, st)
        if known is not None:
            return known
        try:
            key = hash_file(name)
        except OSError:
            return None
        self.remember(name, st, key)
        return key

    def _one_row(self, sql: str, params: tuple[object, ...]) -> tuple[Any, ...] | None:
        """The first row a query gives, or None: no database, no row, or a database error (which
        is reported once and turns the cache off, like every other)."""
        if self._db is None:
            return None
        try:
            with self._lock:
                row = self._db.execute(sql, params).fetchone()
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        return None if row is None else tuple(row)

    def _memo(self, name: str, st: os.stat_result) -> str | None:
        row = self._one_row("SELECT size, mtime_ns, ctime_ns, ino, sha1 FROM files WHERE path = ?", (_path_key(name),))
        if row is None or tuple(row[:4]) != _stat_tuple(st):
            return None
        return str(row[4])

    def remember(self, path: str | os.PathLike[str], st: os.stat_result, key: str) -> None:
        """Record that a file with this stat has these bytes (unless it changed too recently)."""
        if self._db is None or time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) < _RACY_NS:
            return
        self._write(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
            (_path_key(os.path.abspath(path)), *_stat_tuple(st), key),
        )

    # -------------------------------------------------------------- pages

    def get_blob(self, key: str) -> bytes | None:
        row = self._one_row("SELECT blob FROM pages WHERE sha1 = ? AND version = ?", (key, self.version))
        return None if row is None else bytes(row[0])

    def has(self, key: str) -> bool:
        return self._one_row(
            "SELECT 1 FROM pages JOIN measures USING (sha1, version) WHERE sha1 = ? AND version = ?", (key, self.version)
        ) is not None

    def get(self, key: str, path: str | None = None) -> Page | None:
        """The cached page for these bytes, or None (a damaged row is a miss)."""
        blob = self.get_blob(key)
        if blob is None:
            return None
        try:
            return decode_page(blob, path)
        except CacheFormatError:
            return None

    def put(
        self, key: str, blob: bytes, summaries: Iterable[ArticleSummary], measures: MeasuresBlobs
    ) -> None:
        """Store one processed page, its articles' measures and rows (committed in batches, atomically);
        with five measures blobs (`encode_measures` given the page), its export blobs too."""
        if self._db is None:
            return
        rows = [_summary_row(s, self.version) for s in summaries]
        try:
            with self._lock:
                self._begin()
                self._db.execute("DELETE FROM articles WHERE sha1 = ? AND version = ?", (key, self.version))
                self._db.execute(
                    "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?)", (key, self.version, len(rows), blob)
                )
                self._db.execute(
                    "INSERT OR REPLACE INTO measures VALUES (?, ?, ?, ?)", (key, self.version, *measures[:2])
                )
                if len(measures) == 5:
                    self._db.execute("INSERT OR REPLACE INTO exports VALUES (?, ?, ?, ?, ?)", (key, self.version, *measures[2:]))
                self._db.executemany("INSERT OR REPLACE INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
                self._pending += 1
                if self._pending >= _BATCH_PAGES:
                    self._commit()
        except sqlite3.Error as exc:
            self._rollback()
            self._failed(exc)

    def put_page(self, key: str, page: Page, measures: Sequence[ArticleMeasures] | None = None) -> None:
        """Store a page processed in this process (measured here unless `measures` are given)."""
        if measures is None:
            from civread.measures.metrics import measure_page

            measures = measure_page(page.articles)
        self.put(key, encode_page(page), article_summaries(page, key), encode_measures(measures, page))

    def _measure_row(self, key: str, columns: str) -> tuple[bytes, ...] | None:
        row = self._one_row(f"SELECT {columns} FROM measures WHERE sha1 = ? AND version = ?", (key, self.version))
        return None if row is None else tuple(bytes(b) for b in row)

    def get_measured(self, key: str, path: str | None = None) -> tuple[Page, list[ArticleMeasures]] | None:
        """A cached page and its articles' measures in one read; None if either is absent or damaged."""
        row = self._one_row(
            "SELECT blob, terms, rest FROM pages JOIN measures USING (sha1, version) WHERE sha1 = ? AND version = ?",
            (key, self.version),
        )
        if row is None:
            return None
        try:
            page = decode_page(bytes(row[0]), path)
            measures = decode_measures((bytes(row[1]), bytes(row[2])))
        except CacheFormatError:
            return None
        return (page, measures) if len(measures) == len(page.articles) else None

    def get_measures(self, key: str) -> list[ArticleMeasures] | None:
        """The stored measures of a cached page's articles, in page order; None if absent or damaged."""
        row = self._measure_row(key, "terms, rest")
        if row is None:
            return None
        try:
            return decode_measures((row[0], row[1]))
        except CacheFormatError:
            return None

    def get_terms(self, key: str) -> list[Terms | None] | None:
        """Only the term counts of a cached page's articles (for a corpus keyword model); None
        unless both the page and its measures are cached (so this doubles as `has`)."""
        row = self._one_row(
            "SELECT terms FROM measures JOIN pages USING (sha1, version) WHERE sha1 = ? AND version = ?", (key, self.version)
        )
        if row is None:
            return None
        try:
            return decode_terms(row[0])
        except CacheFormatError:
            return None

    def put_export(self, key: str, blobs: tuple[bytes, bytes, bytes]) -> None:
        """Store a cached page's export blobs (made again after a damaged or missing row)."""
        self._write("INSERT OR REPLACE INTO exports VALUES (?, ?, ?, ?, ?)", (key, self.version, *blobs))

    def _rows_by_key(
        self, sql: str, keys: Sequence[str], lead: tuple[object, ...] | None = None
    ) -> dict[str, tuple[Any, ...]]:
        """`sql` (ending in `... IN`, the placeholders added here, after the parameters `lead`:
        by default this cache's version) for many keys, in batches: one query per `_IN_BATCH`
        keys instead of one per key. Each row by its first column."""
        lead = (self.version,) if lead is None else lead
        found: dict[str, tuple[Any, ...]] = {}
        if self._db is None:
            return found
        wanted = list(dict.fromkeys(keys))
        try:
            with self._lock:
                self._commit()
                for start in range(0, len(wanted), _IN_BATCH):
                    batch = wanted[start : start + _IN_BATCH]
                    marks = ",".join("?" * len(batch))
                    for row in self._db.execute(f"{sql} ({marks})", (*lead, *batch)):
                        found[row[0]] = tuple(row[1:])
        except sqlite3.Error as exc:
            self._failed(exc)
            return {}
        return found

    def export_counts(self, keys: Sequence[str]) -> dict[str, int]:
        """The number of articles of those `keys` whose page, measures and export rows are all
        cached (the others are left out: misses)."""
        rows = self._rows_by_key(
            "SELECT sha1, pages.n_articles FROM pages JOIN measures USING (sha1, version) "
            "JOIN exports USING (sha1, version) WHERE version = ? AND sha1 IN",
            keys,
        )
        return {key: int(n) for key, (n,) in rows.items() if isinstance(n, int)}

    def _decoded(self, column: str, keys: Sequence[str], decode: Callable[[bytes], Any]) -> dict[str, Any]:
        """One blob column of the exports table for many keys, decoded; damage leaves a key out."""
        found: dict[str, Any] = {}
        for key, (blob,) in self._rows_by_key(f"SELECT sha1, {column} FROM exports WHERE version = ? AND sha1 IN", keys).items():
            try:
                found[key] = decode(bytes(blob))
            except CacheFormatError:
                pass
        return found

    def signatures_of(self, keys: Sequence[str]) -> dict[str, list[bytes]]:
        """Each page's articles' reprint signatures, in page order, read from the stored measures
        without their term counts (the export's first pass groups reprints from these alone)."""
        found: dict[str, list[bytes]] = {}
        for key, (blob,) in self._rows_by_key("SELECT sha1, rest FROM measures WHERE version = ? AND sha1 IN", keys).items():
            try:
                found[key] = decode_signatures(bytes(blob))
            except CacheFormatError:
                pass
        return found

    def words_of(self, keys: Sequence[str]) -> dict[str, tuple[int, list[str]]]:
        """(documents, words) stored for the export's keyword model (`decode_words`)."""
        return self._decoded("words", keys, decode_words)

    def exports_of(self, keys: Sequence[str]) -> dict[str, tuple[str, str, list[ExportRow]]]:
        """The stored export rows (`decode_export`)."""
        return self._decoded("export", keys, decode_export)

    def ranks_of(self, keys: Sequence[str]) -> dict[str, list[RankForm | None]]:
        """The stored rank forms (`decode_rank`)."""
        return self._decoded("rank", keys, decode_rank)

    def rank_blobs_of(self, keys: Sequence[str]) -> dict[str, bytes]:
        """The stored rank blobs as they are, for another process to decode (`decode_rank`)."""
        return self._decoded("rank", keys, bytes)

    # -------------------------------------------------------------- keywords against a corpus

    def remembered_count(self, corpus: str) -> int:
        """How many pages have keywords remembered against `corpus` (a keyword model's key)."""
        row = self._one_row("SELECT count(*) FROM keywords WHERE corpus = ?", (corpus,))
        return int(row[0]) if row is not None else 0

    def remembered(self, corpus: str, keys: Sequence[str]) -> dict[str, list[bytes]]:
        """Each page's articles' keywords as ranked against `corpus` (JSON), for those remembered."""
        found: dict[str, list[bytes]] = {}
        for key, (blob,) in self._rows_by_key("SELECT sha1, blob FROM keywords WHERE corpus = ? AND sha1 IN", keys, (corpus,)).items():
            try:
                found[key] = decode_keywords(bytes(blob))
            except CacheFormatError:
                pass
        return found

    def remember_keywords(self, corpus: str, rows: Sequence[tuple[str, bytes]]) -> None:
        """Keep pages' keywords ranked against `corpus` (`encode_keywords` blobs); the keywords
        remembered against any other corpus are dropped the first time (one corpus is kept)."""
        if self._db is None or not rows:
            return
        try:
            with self._lock:
                self._begin()
                if self._remembering != corpus:
                    self._db.execute("DELETE FROM keywords WHERE corpus != ?", (corpus,))
                    self._remembering = corpus
                self._db.executemany("INSERT OR REPLACE INTO keywords VALUES (?, ?, ?)", [(corpus, k, b) for k, b in rows])
                self._commit()
        except sqlite3.Error as exc:
            self._rollback()
            self._failed(exc)

    # -------------------------------------------------------------- reprint groupings

    def grouping(self, corpus: str, total: int) -> list[list[int]] | None:
        """The reprint groups kept under `corpus` (`grouping_key`) over `total` articles, as
        positions (`group_signatures`); None when none is kept (or it is damaged)."""
        if self._db is None:
            return None
        try:
            with self._lock:
                row = self._db.execute("SELECT blob FROM groupings WHERE corpus = ?", (corpus,)).fetchone()
        except sqlite3.OperationalError:  # no such table (a database this code could not add it to)
            return None
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        if row is None:
            return None
        try:
            return decode_grouping(bytes(row[0]), total)
        except CacheFormatError:
            return None

    def remember_grouping(self, corpus: str, groups: Sequence[Sequence[int]], total: int) -> None:
        """Keep reprint groups (positions among `total` articles) under `corpus`; only the last
        `_GROUPINGS_KEPT` are kept."""
        if self._db is None:
            return
        blob = encode_grouping(groups, total)
        try:
            with self._lock:
                self._begin()
                self._db.execute("INSERT OR REPLACE INTO groupings VALUES (?, ?, ?)", (corpus, time.time_ns(), blob))
                self._db.execute(
                    "DELETE FROM groupings WHERE corpus NOT IN (SELECT corpus FROM groupings ORDER BY made DESC LIMIT ?)",
                    (_GROUPINGS_KEPT,),
                )
                self._commit()
        except sqlite3.OperationalError:
            self._rollback()
        except sqlite3.Error as exc:
            self._rollback()
            self._failed(exc)

    def keys_for(self, paths: Sequence[str | os.PathLike[str]]) -> list[str | None]:
        """`key_for` of many files, their stat memos read in batches (one query per `_IN_BATCH`)."""
        names = [os.path.abspath(p) for p in paths]
        memo = self._rows_by_key(
            "SELECT path, size, mtime_ns, ctime_ns, ino, sha1 FROM files WHERE path IN",
            [_path_key(n) for n in names],
            lead=(),
        )
        keys: list[str | None] = []
        for name in names:
            try:
                st = os.stat(name)
            except OSError:
                keys.append(None)
                continue
            row = memo.get(_path_key(name))
            if row is not None and tuple(row[:4]) == _stat_tuple(st):
                keys.append(str(row[4]))
                continue
            try:
                key = hash_file(name)
            except OSError:
                keys.append(None)
                continue
            self.remember(name, st, key)
            keys.append(key)
        return keys

    def summaries(self, keys: Sequence[str]) -> dict[str, list[ArticleSummary]]:
        """Article rows of the cached pages among `keys` (keys not cached are absent)."""
        found: dict[str, list[ArticleSummary]] = {}
        if self._db is None or not keys:
            return found
        wanted = set(keys)
        try:
            with self._lock:
                self._commit()
                if len(wanted) > 500:
                    cursor = self._db.execute(
                        "SELECT sha1, n, id, title, kicker, kind, province, prefecture, county, code, untitled "
                        "FROM articles WHERE version = ? ORDER BY sha1, n",
                        (self.version,),
                    )
                else:
                    marks = ",".join("?" * len(wanted))
                    cursor = self._db.execute(
                        "SELECT sha1, n, id, title, kicker, kind, province, prefecture, county, code, untitled "
                        f"FROM articles WHERE version = ? AND sha1 IN ({marks}) ORDER BY sha1, n",
                        (self.version, *wanted),
                    )
                rows = cursor.fetchall()
                cached = self._cached_keys(wanted)
        except sqlite3.Error as exc:
            self._failed(exc)
            return {}
        for key in cached:
            found[key] = []
        # One Locality per place (immutable, so shared): an archive has a few hundred places and
        # tens of thousands of articles, and a warm open lists them all before its first paint.
        places: dict[tuple[str | None, ...], Locality] = {}
        unlocated = Locality()
        kinds = _ARTICLE_KIND
        for sha1, n, aid, title, kicker, kind, prov, pref, county, code, untitled in rows:
            page = found.get(sha1)
            if page is None or kind not in kinds:
                continue
            place = unlocated if prov is None else places.get((prov, pref, county, code))
            if place is None:
                place = places[(prov, pref, county, code)] = Locality(prov, pref, county, code)
            page.append(ArticleSummary(aid, sha1, n, title or "", kicker or "", kinds[kind], place, bool(untitled)))
        return found

    def _cached_keys(self, wanted: set[str]) -> set[str]:
        assert self._db is not None
        if len(wanted) > 500:
            rows = self._db.execute("SELECT sha1 FROM pages WHERE version = ?", (self.version,)).fetchall()
        else:
            marks = ",".join("?" * len(wanted))
            rows = self._db.execute(
                f"SELECT sha1 FROM pages WHERE version = ? AND sha1 IN ({marks})", (self.version, *wanted)
            ).fetchall()
        return {r[0] for r in rows} & wanted

    # -------------------------------------------------------------- transactions

    def _begin(self) -> None:
        assert self._db is not None
        if not self._db.in_transaction:
            self._db.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        if self._db is not None and self._db.in_transaction:
            self._db.execute("COMMIT")
        self._pending = 0

    def _rollback(self) -> None:
        try:
            if self._db is not None and self._db.in_transaction:
                self._db.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        self._pending = 0

    def _write(self, sql: str, params: tuple[object, ...]) -> None:
        if self._db is None:
            return
        try:
            with self._lock:
                self._begin()
                self._db.execute(sql, params)
                self._pending += 1
                if self._pending >= _BATCH_PAGES * 4:
                    self._commit()
        except sqlite3.Error as exc:
            self._rollback()
            self._failed(exc)

    def flush(self) -> None:
        """Commit what is pending (pages become visible to other processes)."""
        if self._db is None:
            return
        try:
            with self._lock:
                self._commit()
        except sqlite3.Error as exc:
            self._rollback()
            self._failed(exc)

    def close(self) -> None:
        self.flush()
        self._disable_quietly()

    def __enter__(self) -> "PageCache":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


def _is_corruption(exc: BaseException) -> bool:
    """Damage to the file itself (as opposed to a locked or read-only database)."""
    if isinstance(exc, sqlite3.OperationalError):
        return False
    message = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and (
        "not a database" in message or "malformed" in message or "corrupt" in message
    )


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
