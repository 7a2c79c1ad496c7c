"""What the pipeline remembers about the page in hand, forgotten when the next page starts.

Several stages ask the same pure question of the same text (a paragraph's words when it is cut,
again for its pinyin readings; a paragraph's places when the body is cut, again when the article
is located): each such answer is kept in a dict made by `page_dict`, and `new_page` (called by
`process_text` before each page) empties them all. Never a memory across pages: a page seen
again costs what it cost the first time, and memory stays flat however many pages pass.
"""

from __future__ import annotations

from typing import Any

__all__ = ["PAGE_DICT_MAX", "new_page", "page_dict"]

_DICTS: list[dict[Any, Any]] = []
# Entries a page dict holds at most: a page larger than any paper's (or a caller outside the
# pipeline that never starts a page) empties it rather than grow it without bound.
PAGE_DICT_MAX = 20_000


def page_dict() -> dict[Any, Any]:
    """A dict that `new_page` empties."""
    found: dict[Any, Any] = {}
    _DICTS.append(found)
    return found


def new_page() -> None:
    """A new page starts: what was remembered about the last one is not asked again."""
    for found in _DICTS:
        found.clear()
