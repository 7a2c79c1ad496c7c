"""The export's record of one article: its fields, listed once, and the same record as JSON
text made ready where the page is processed.

`record_fields` is the one list of a record's fields (JSON lines, CSV, Markdown and Parquet all
start from it). Most fields depend only on the article, so a worker renders them to JSON once
and the page cache keeps that text (`record_pieces`). A few fields are known only at export
time: `LATE_FIELDS`, markers for values that depend on the file's current name (source), on
copies of the same bytes (id) or on the whole corpus (keywords). The stored text is cut at those
markers; an export writes the pieces with the late values between them (`join_record`), which
is byte for byte what `json.dumps` of the whole record gives.

Adding a field: one line in `record_fields` (a late one also gets a marker in `LATE_FIELDS`
and its value in `join_record`'s caller). `RECORD_VERSION` follows this file's text, so stored
records made by another version are misses, never stale.

Pure: nothing here imports Textual or Rich.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from civread.measures import source_version
from civread.model import Article

__all__ = [
    "LATE_FIELDS",
    "LATE_REPRINT",
    "RECORD_VERSION",
    "Late",
    "dumps",
    "join_record",
    "record_fields",
    "record_parts",
    "record_pieces",
]


class Late:
    """A field whose value is filled in at export time (see the module docstring)."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Late({self.name})"


LATE_ID = Late("id")
LATE_SOURCE = Late("source")
LATE_KEYWORDS = Late("keywords")
LATE_REPRINT = Late("reprint_group")
# In the order they appear in a record (asserted by `record_pieces`).
LATE_FIELDS: tuple[Late, ...] = (LATE_ID, LATE_SOURCE, LATE_KEYWORDS, LATE_REPRINT)


def record_fields(
    article: Article, metrics: dict[str, object], id: object, source: object, reprint_group: object = None
) -> dict[str, object]:
    """The export's record of one article, plain JSON types only, same keys in every format.

    `metrics` is `ArticleMetrics.as_dict()` (its keywords may be `LATE_KEYWORDS`); `id`,
    `source` and `reprint_group` are the values, or `LATE_ID` / `LATE_SOURCE` / `LATE_REPRINT`."""
    return {
        "id": id,
        "source": source,
        "kind": article.kind.value,
        "title": article.title,
        "untitled": article.untitled,
        "kicker": article.kicker,
        "subtitle": article.subtitle,
        "byline": article.byline,
        "locality": article.locality.as_dict(),
        "paragraphs": [{"kind": p.kind.value, "text": p.text} for p in article.paragraphs],
        "text": article.text,
        "metrics": metrics,
        "original_script": article.original_script.value,
        # From what the page says (civread.pipeline.dates); None and "none" when it says nothing.
        "date": article.date,
        "date_source": article.date_source,
        # The id of the first printing (in corpus order) of a story that ran more than once, for
        # every printing; None for a story that ran once. Known once the corpus is grouped.
        "reprint_group": reprint_group,
    }


# One encoder, made once: json.dumps with options builds a new encoder on every call.
dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _pieces(value: object, out: list[str | Late]) -> None:
    """`value` as JSON text, a `Late` marker where one is; a dict holding one is written key by
    key, each run of fields without one as a single `dumps` (what costs is the calls)."""
    if isinstance(value, Late):
        out.append(value)
        return
    if not (isinstance(value, dict) and _has_late(value)):
        out.append(dumps(value))
        return
    out.append("{")
    run: dict[str, object] = {}
    first = True

    def flush() -> None:
        nonlocal first
        if run:
            out.append(("" if first else ",") + dumps(run)[1:-1])
            run.clear()
            first = False

    for key, item in value.items():
        if _has_late(item):
            flush()
            out.append(("" if first else ",") + dumps(str(key)) + ":")
            first = False
            _pieces(item, out)
        else:
            run[str(key)] = item
    flush()
    out.append("}")


def _has_late(value: object) -> bool:
    if isinstance(value, Late):
        return True
    return isinstance(value, dict) and any(isinstance(v, (Late, dict)) and _has_late(v) for v in value.values())


def record_pieces(record: dict[str, object]) -> tuple[bytes, ...]:
    """A record with `LATE_FIELDS` markers as UTF-8 JSON cut at the markers: one more piece than
    there are markers, so that `join_record(pieces, late JSON values)` is the record's JSON."""
    parts: list[str | Late] = []
    _pieces(record, parts)
    pieces: list[str] = [""]
    seen: list[Late] = []
    for part in parts:
        if isinstance(part, Late):
            seen.append(part)
            pieces.append("")
        else:
            pieces[-1] += part
    if tuple(seen) != LATE_FIELDS:
        raise ValueError(f"a record's late fields must be {LATE_FIELDS}, in that order: got {tuple(seen)}")
    return tuple(p.encode("utf-8") for p in pieces)


def join_record(pieces: Sequence[bytes], late: Sequence[bytes]) -> bytes:
    """The record's JSON (UTF-8): the stored pieces with the late values' JSON between them."""
    out: list[bytes] = []
    record_parts(pieces, late, out)
    return b"".join(out)


def record_parts(pieces: Sequence[bytes], late: Sequence[bytes], out: list[bytes]) -> None:
    """`join_record`'s parts appended to `out`, unjoined (a writer joins many records at once)."""
    out.append(pieces[0])
    for value, piece in zip(late, pieces[1:], strict=True):
        out.append(value)
        out.append(piece)


# Any change to the schema makes stored records misses.
RECORD_VERSION = source_version(__file__, "r1")
