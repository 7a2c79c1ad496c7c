"""Where an article's text is searched: its sections, in reading order, and the folded haystack.

A match never crosses from one section to the next: the haystack joins the folded sections with
`SEPARATOR`, which folded text (and so a folded query) never contains.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from civread.model import Article
from civread.search.fold import fold_text

# Section names, in the order they are searched and reported within an article.
TITLE = "title"
SUBTITLE = "subtitle"
BYLINE = "byline"
PARAGRAPH = "paragraph"
LOCALITY = "locality"
SECTION_ORDER = (TITLE, SUBTITLE, BYLINE, PARAGRAPH, LOCALITY)

SEPARATOR = "\n"


@dataclass(frozen=True, slots=True)
class Span:
    """One match inside an article's displayed text.

    `section` is one of SECTION_ORDER; `paragraph_index` is set only for PARAGRAPH.
    `start`/`end` are offsets into that section's display string: `Article.display_title`,
    `.subtitle`, `.byline`, `.paragraphs[i].text` or `.locality.label`.
    """

    section: str
    paragraph_index: int | None
    start: int
    end: int


def article_sections(article: Article) -> list[tuple[str, int | None, str]]:
    """The searchable display strings of an article, in reading order: (section, paragraph index, text).

    The locality label only when the article is located: "Unlocated" is not page text."""
    out: list[tuple[str, int | None, str]] = [(TITLE, None, as_text(article.display_title))]
    out.append((SUBTITLE, None, as_text(article.subtitle)))
    out.append((BYLINE, None, as_text(article.byline)))
    for i, paragraph in enumerate(article.paragraphs or ()):
        out.append((PARAGRAPH, i, as_text(paragraph.text)))
    locality = article.locality
    if locality is not None and locality.is_located:
        out.append((LOCALITY, None, as_text(locality.label)))
    return out


def section_text(article: Article, span: Span) -> str:
    """The display string a span's offsets point into (so the reader can highlight it)."""
    for name, index, text in article_sections(article):
        if name == span.section and index == span.paragraph_index:
            return text
    return ""


def as_text(value: Any) -> str:
    """A field as a string, whatever a malformed article holds there."""
    return value if isinstance(value, str) else ("" if value is None else str(value))


def haystack(article: Article) -> tuple[str, str] | None:
    """The article's id and its folded sections joined by the separator; None if malformed
    (such an article is not searchable, never fatal)."""
    try:
        return as_text(article.id), SEPARATOR.join(fold_text(text) for _, _, text in article_sections(article))
    except Exception:  # noqa: BLE001 - any malformed field: the article is left out of search
        return None


def folded_sections(article: Article) -> list[str] | None:
    """The pieces `haystack` joins with the separator (its text is `SEPARATOR.join` of them), for
    a caller that works section by section; None where `haystack` is None."""
    try:
        as_text(article.id)
        return [fold_text(text) for _, _, text in article_sections(article)]
    except Exception:  # noqa: BLE001 - any malformed field: the article is left out of search
        return None
