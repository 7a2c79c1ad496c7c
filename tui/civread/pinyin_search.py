"""Search that also reads the query as pinyin: `IndexedSearch` plus two indexes of projections.

Why this shape: a pinyin query must be as fast as a Chinese one on a 10,000-page archive, and
the Chinese search already has what that takes (character postings, trigram files, precounted
common bigrams, a result cache). So each article's folded haystack gets two projections of the
same length (`civread.pinyin`): syllable codes and initials marks, each indexed by its own
`IndexedSearch` (fed the projection instead of the folded text). A pinyin query becomes:

* plain substrings of the syllable projection when it spells whole syllables (a prefix being
  typed expands to its few syllables: `zhaoq` is 14 needles), counted there exactly;
* a substring of the initials projection when it is all initials (`zq`), counted there exactly;
* otherwise (Chinese characters mixed in, long prefix chains) the initials index gives the
  candidates and each candidate is matched exactly on its projection and folded text.

The Chinese reading of the same query is always searched too (`gdp` finds "GDP" and 国道拍…):
counts add up, spans are merged in reading order. Spans of a pinyin match are offsets into the
display text like any match, so the reader highlights the Chinese that matched.

Polyphones come read in their words from where the page was measured (`readings_of`, e.g. the
stored measures); without them a character takes its own first reading. Pure: no Textual, no Rich.
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


class PinyinSearch(IndexedSearch):
    """`IndexedSearch` whose plain queries are also read as pinyin (see the module docstring)."""

    def __init__(
        self,
        articles: Iterable[Article] = (),
        *,
        readings_of: Callable[[Article], Iterable[tuple[int, str]]] | None = None,
        **options: Any,
    ) -> None:
        self.readings_of = readings_of or pinyin.article_readings
        private = {k: v for k, v in options.items() if k != "keep_as"}
        self.syllables = IndexedSearch(project=self._project, **private)
        self.initials = IndexedSearch(project=self._project_initials, **private)
        super().__init__(articles, **options)

    # ---------------------------------------------------------------- building

    def _project(self, article: Article, folded: str) -> str:
        try:
            readings = tuple(self.readings_of(article) or ())
        except Exception:  # noqa: BLE001 - no readings: each character's own
            readings = ()
        return pinyin.project(folded, readings)

    def _project_initials(self, article: Article, folded: str) -> str:
        return pinyin.initials(self._project(article, folded))

    def add_articles(self, articles: Iterable[Article]) -> None:
        batch = list(articles)
        super().add_articles(batch)
        self.syllables.add_articles(batch)
        self.initials.add_articles(batch)

    def close(self) -> None:
        super().close()
        for index in (getattr(self, "syllables", None), getattr(self, "initials", None)):
            if index is not None:
                index.close()

    def hold_trigrams(self, held: bool) -> None:
        super().hold_trigrams(held)
        self.syllables.hold_trigrams(held)
        self.initials.hold_trigrams(held)

    def wait_indexed(self, timeout: float | None = None) -> bool:
        ready = super().wait_indexed(timeout)
        ready = self.syllables.wait_indexed(timeout) and ready
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
        if len(merged) == len(found):
            return merged
        return dict(sorted(merged.items(), key=lambda item: self.texts.position.get(item[0], 0)))

    def _pinyin_counts(self, parsed: pinyin.PinyinQuery, should_stop: Callable[[], bool] | None) -> dict[str, int]:
        needles = parsed.needles(MAX_NEEDLES)
        if needles is not None:
            total: dict[str, int] = {}
            for needle in needles:
                counts = self.syllables.count_matches(needle, DEFAULT_OPTIONS, should_stop)
                if isinstance(counts, SearchError):
                    return {}
                for article_id, n in counts.items():
                    total[article_id] = total.get(article_id, 0) + n
            return total
        runs = parsed.initials_needles()
        if parsed.initials_exact and runs:
            counts = self.initials.count_matches(runs[0], DEFAULT_OPTIONS, should_stop)
            return {} if isinstance(counts, SearchError) else dict(counts)
        # Candidates: articles holding the longest initials run (and the Chinese typed, if any).
        candidates: set[str] | None = None
        if runs:
            counts = self.initials.count_matches(runs[0], DEFAULT_OPTIONS, should_stop)
            if isinstance(counts, SearchError):
                return {}
            candidates = set(counts)
        for han in parsed.han_literals():
            counts = super().count_matches(han, DEFAULT_OPTIONS, should_stop)
            if isinstance(counts, SearchError):
                return {}
            candidates = set(counts) if candidates is None else candidates & set(counts)
        if candidates is None:
            return {}
        out: dict[str, int] = {}
        with self.texts.lock, self.syllables.texts.lock:
            folded_of = self.texts.haystacks
            position = self.texts.position
            projected_of = self.syllables.texts.haystacks
            projected_position = self.syllables.texts.position
            pairs = [
                (aid, folded_of[position[aid]], projected_of[projected_position[aid]])
                for aid in candidates
                if aid in position and aid in projected_position
            ]
        for aid, folded, projected in pairs:
            n = parsed.count(folded, projected)
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
            found = pinyin.section_matches(article_sections(article), readings, parsed)
        except Exception:  # noqa: BLE001 - a malformed article has no pinyin spans, never a crash
            return spans
        if not found:
            return spans
        order = {(name, index): k for k, (name, index, _) in enumerate(article_sections(article))}
        merged = list(spans) + [Span(name, index, start, end) for name, index, start, end in found]
        merged = list(dict.fromkeys(merged))
        merged.sort(key=lambda s: (order.get((s.section, s.paragraph_index), 0), s.start, s.end))
        return merged
