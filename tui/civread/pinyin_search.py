"""Search that also reads the query as pinyin: `IndexedSearch` plus an index of initials.

Why this shape: a pinyin query must be as fast as a Chinese one on a 10,000-page archive, and
the Chinese search already has what that takes (character postings, trigram files, precounted
common bigrams, a result cache). Each article's folded haystack gets two projections of the same
length (`civread.pinyin`): syllable codes (kept as a plain string per article) and initials
(one byte a character), and the initials get their own `IndexedSearch`. A pinyin query becomes:

* all initials (`zq`): counted exactly on the initials index;
* whole syllables (a prefix being typed expands to its few syllables: `zhaoq` is 14 needles):
  the initials index gives the articles holding the query's initials, and the needles are
  counted with `str.count` on those articles' syllable strings;
* otherwise (Chinese characters mixed in, long prefix chains): the same candidates (also
  narrowed by the Chinese typed) matched exactly, unit by unit.

The Chinese reading of the same query is always searched too (`gdp` finds "GDP" and 国道拍…):
counts add up, spans are merged in reading order. Spans of a pinyin match are offsets into the
display text like any match, so the reader highlights the Chinese that matched.

Polyphones come read in their words from where the page was processed (`Article.readings`, kept
in the page cache); an article without them reads each character alone. Memory: the syllable
strings are two bytes a character, the initials one (and their postings): about 1.5 × the
folded text again. Pure: no Textual, no Rich.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from civread import pinyin
from civread.model import Article
from civread.search import (
    DEFAULT_OPTIONS,
    IndexedSearch,
    SearchError,
    SearchOptions,
    SearchResult,
    Span,
    article_sections,
    search,
)

__all__ = ["PinyinSearch"]

# A pinyin query spelling more projection strings than this is answered from the initials index.
MAX_NEEDLES = 24


def _stored_readings(article: Article) -> tuple[tuple[int, str], ...]:
    """The readings the pipeline stored with the article (`Article.readings`)."""
    return tuple(getattr(article, "readings", ()) or ())


class PinyinSearch(IndexedSearch):
    """`IndexedSearch` whose plain queries are also read as pinyin (see the module docstring)."""

    def __init__(
        self,
        articles: Iterable[Article] = (),
        *,
        readings_of: Callable[[Article], Iterable[tuple[int, str]]] | None = None,
        **options: Any,
    ) -> None:
        self.readings_of = readings_of or _stored_readings
        self.syllables: dict[str, str] = {}  # article id → its syllable projection
        private = {k: v for k, v in options.items() if k != "keep_as"}
        self.initials = IndexedSearch(project=self._project_initials, **private)
        super().__init__(articles, **options)

    # ---------------------------------------------------------------- building

    def _project_initials(self, article: Article, folded: str) -> str:
        """The initials projection the index holds; the syllables are kept on the side."""
        try:
            readings = tuple(self.readings_of(article) or ())
        except Exception:  # noqa: BLE001 - no readings: each character's own
            readings = ()
        projected = pinyin.project(folded, readings)
        self.syllables[str(article.id)] = projected
        return pinyin.initials(projected)

    def add_articles(self, articles: Iterable[Article]) -> None:
        batch = list(articles)
        super().add_articles(batch)
        self.initials.add_articles(batch)

    def close(self) -> None:
        super().close()
        initials = getattr(self, "initials", None)
        if initials is not None:
            initials.close()

    def hold_trigrams(self, held: bool) -> None:
        super().hold_trigrams(held)
        self.initials.hold_trigrams(held)

    def wait_indexed(self, timeout: float | None = None) -> bool:
        ready = super().wait_indexed(timeout)
        return self.initials.wait_indexed(timeout) and ready

    # ---------------------------------------------------------------- the SearchBackend

    def search(
        self, query: str, options: SearchOptions = DEFAULT_OPTIONS, should_stop: Callable[[], bool] | None = None
    ) -> SearchResult:
        return search(self, query, options, should_stop)

    def count_matches(
        self,
        query: str,
        options: SearchOptions = DEFAULT_OPTIONS,
        should_stop: Callable[[], bool] | None = None,
    ) -> dict[str, int] | SearchError:
        """The Chinese reading's counts plus the pinyin reading's, per article, in corpus order."""
        found = super().count_matches(query, options, should_stop)
        parsed = None if isinstance(found, SearchError) or options.regex else pinyin.parse_query(query)
        if parsed is None:
            return found
        extra = self._pinyin_counts(parsed, should_stop)
        if not extra:
            return found
        assert not isinstance(found, SearchError)
        merged = dict(found)
        for article_id, n in extra.items():
            merged[article_id] = merged.get(article_id, 0) + n
        position = self.texts.position
        return dict(sorted(merged.items(), key=lambda item: position.get(item[0], 0)))

    def _initials_counts(self, marks: str, should_stop: Callable[[], bool] | None) -> dict[str, int]:
        counts = self.initials.count_matches(marks, DEFAULT_OPTIONS, should_stop)
        return {} if isinstance(counts, SearchError) else counts

    def _pinyin_counts(self, parsed: pinyin.PinyinQuery, should_stop: Callable[[], bool] | None) -> dict[str, int]:
        runs = parsed.initials_needles()
        if parsed.initials_exact and runs:
            return dict(self._initials_counts(runs[0], should_stop))
        syllables = self.syllables
        needles = parsed.needles(MAX_NEEDLES)
        if needles is not None:
            by_initials: dict[str, list[str]] = {}
            for needle in needles:
                by_initials.setdefault(pinyin.initials(needle), []).append(needle)
            total: dict[str, int] = {}
            for marks, group in by_initials.items():
                for article_id in self._initials_counts(marks, should_stop):
                    projected = syllables.get(article_id, "")
                    n = sum(map(projected.count, group))
                    if n:
                        total[article_id] = total.get(article_id, 0) + n
            return total
        # Candidates: articles holding the longest initials run and the Chinese typed, if any.
        candidates: set[str] | None = set(self._initials_counts(runs[0], should_stop)) if runs else None
        for han in parsed.han_literals():
            counts = super().count_matches(han, DEFAULT_OPTIONS, should_stop)
            if isinstance(counts, SearchError):
                return {}
            candidates = set(counts) if candidates is None else candidates & set(counts)
        if not candidates:
            return {}
        with self.texts.lock:
            haystacks, position = self.texts.haystacks, self.texts.position
            pairs = [(aid, haystacks[position[aid]]) for aid in candidates if aid in position]
        out: dict[str, int] = {}
        for aid, folded in pairs:
            n = parsed.count(folded, syllables.get(aid, ""))
            if n:
                out[aid] = n
        return out

    def match_spans(
        self, article_id: str, query: str, options: SearchOptions = DEFAULT_OPTIONS
    ) -> list[Span] | SearchError:
        """The Chinese reading's spans and the pinyin reading's, in reading order."""
        spans = super().match_spans(article_id, query, options)
        parsed = None if isinstance(spans, SearchError) or options.regex else pinyin.parse_query(query)
        if parsed is None:
            return spans
        assert not isinstance(spans, SearchError)
        article = self.article(article_id)
        if article is None:
            return spans
        try:
            readings = tuple(self.readings_of(article) or ())
            sections = article_sections(article)
            found = pinyin.section_matches(sections, readings, parsed)
        except Exception:  # noqa: BLE001 - a malformed article has no pinyin spans, never a crash
            return spans
        if not found:
            return spans
        order = {(name, index): k for k, (name, index, _) in enumerate(sections)}
        merged = list(dict.fromkeys([*spans, *(Span(n, i, a, b) for n, i, a, b in found)]))
        merged.sort(key=lambda s: (order.get((s.section, s.paragraph_index), 0), s.start, s.end))
        return merged
