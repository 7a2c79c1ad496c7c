"""What an article measures: figures it reports, keyword term counts, length and reading time.

Separate from the page pipeline (which cuts pages into articles) but run beside it: the
pipeline's worker processes measure each article once (`metrics.measure_article`) and the page
cache keeps the measures next to the page. Pure: nothing here imports Textual or Rich.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def source_version(source_file: str, fallback: str) -> str:
    """A module's own text, hashed: what the page cache keeps under it was made by this code, and
    any change to the code makes it a miss. `fallback` where the file cannot be read (a frozen
    install)."""
    try:
        return hashlib.sha1(Path(source_file).read_bytes()).hexdigest()[:12]
    except OSError:
        return fallback
