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


# What stands for a late field while a record is rendered: a string no page's text holds (NUL
# characters never survive the pipeline's sanitizing), so the one `dumps` of the whole record
# (what costs is the calls) can be cut where each one's JSON string stands.
_STAND_IN = {late: f"\0civread-late-{late.name}\0" for late in LATE_FIELDS}
_STAND_IN_JSON = {late: dumps(text) for late, text in _STAND_IN.items()}


def _standing_in(value: object) -> object:
    """`value` with each `Late` marker replaced by its stand-in string (dicts copied, not changed)."""
    if isinstance(value, Late):
        return _STAND_IN[value] if value in _STAND_IN else value
    if isinstance(value, dict) and any(isinstance(v, (Late, dict)) for v in value.values()):
        return {key: _standing_in(item) if isinstance(item, (Late, dict)) else item for key, item in value.items()}
    return value


def record_pieces(record: dict[str, object]) -> tuple[bytes, ...]:
    """A record with `LATE_FIELDS` markers as UTF-8 JSON cut at the markers: one more piece than
    there are markers, so that `join_record(pieces, late JSON values)` is the record's JSON."""
    text = dumps(_standing_in(record))
    pieces: list[str] = []
    for late in LATE_FIELDS:
        stand_in = _STAND_IN_JSON[late]
        before, found, text = text.partition(stand_in)
        if not found or stand_in in text or any(_STAND_IN_JSON[other] in before for other in LATE_FIELDS):
            raise ValueError(f"a record's late fields must be {LATE_FIELDS}, each once, in that order")
        pieces.append(before)
    pieces.append(text)
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
