"""Search that also reads the query as pinyin: `IndexedSearch` plus two indexes of projections.

Why this shape: a pinyin query must be as fast as a Chinese one on a 10,000-page archive, and
the Chinese search already has what that takes (character postings, trigram files, precounted
common bigrams, a result cache). So each article's folded haystack gets two projections of the
same length (`civread.pinyin`) — syllable codes, and initials (one byte a character) — each
indexed by its own `IndexedSearch` (given the projection instead of the folded text):

* all initials (`zq`): counted on the initials index, exactly;
* whole syllables, the last one perhaps being typed (`zhaoq` spells 14 code strings, `jin d`
  about 20): each string counted on the syllable index as a Chinese query would be (postings,
  precounted bigrams, trigram candidates), the counts added;
* anything else (Chinese typed in the query, several prefixes): candidates from the initials
  index (and the Chinese index for the Chinese typed), matched unit by unit.

A pinyin reading needs two units at least (`zq`, `zhaoq`, `zhao q`): a single syllable or
initial matches a large share of any Chinese text, which is no search. The Chinese reading of
the same query is always searched too (`gdp` finds "GDP" and 国道拍…): counts add up, spans are
merged in reading order. Spans of a pinyin match are offsets into the display text like any
match, so the reader highlights the Chinese that matched.

Polyphones come read in their words from where the page was processed (`Article.readings`, kept
in the page cache); an article without them reads each character alone. Memory: the two
projections and their postings, about the folded text's size again. Pure: no Textual, no Rich.
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

# A pinyin query spelling more syllable strings than this (a syllable and one initial spell up to
# ~40: z* has 37 syllables) is matched on candidates from the initials index.
MAX_NEEDLES = 48


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
        self._projected: dict[str, str] = {}  # the batch being added: id → syllable projection
        private = {k: v for k, v in options.items() if k != "keep_as"}
        self.syllables = IndexedSearch(project=self._project_syllables, **private)
        self.initials = IndexedSearch(project=self._project_initials, **private)
        super().__init__(articles, **options)

    # ---------------------------------------------------------------- building

    def _project_syllables(self, article: Article, folded: str) -> str:
        try:
            readings = tuple(self.readings_of(article) or ())
        except Exception:  # noqa: BLE001 - no readings: each character's own
            readings = ()
        projected = pinyin.project(folded, readings)
        self._projected[str(article.id)] = projected
        return projected

    def _project_initials(self, article: Article, folded: str) -> str:
        projected = self._projected.pop(str(article.id), None)
        if projected is None:
            projected = pinyin.project(folded, tuple(self.readings_of(article) or ()))
        return pinyin.initials(projected)

    def add_articles(self, articles: Iterable[Article]) -> None:
        batch = list(articles)
        super().add_articles(batch)
        self.syllables.add_articles(batch)
        self.initials.add_articles(batch)
        self._projected.clear()

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
        if parsed is None or len(parsed.units) < 2:
            return found
        extra = self._pinyin_counts(parsed, should_stop)
        if not extra:
            return found
        assert not isinstance(found, SearchError)
        if not found:
            return extra
        merged = dict(found)
        for article_id, n in extra.items():
            merged[article_id] = merged.get(article_id, 0) + n
        position = self.texts.position
        return dict(sorted(merged.items(), key=lambda item: position.get(item[0], 0)))

    @staticmethod
    def _counts(index: IndexedSearch, needle: str, should_stop: Callable[[], bool] | None) -> dict[str, int]:
        counts = index.count_matches(needle, DEFAULT_OPTIONS, should_stop)
        return {} if isinstance(counts, SearchError) else counts

    def _pinyin_counts(self, parsed: pinyin.PinyinQuery, should_stop: Callable[[], bool] | None) -> dict[str, int]:
        runs = parsed.initials_needles()
        if parsed.initials_exact and runs:
            return dict(self._counts(self.initials, runs[0], should_stop))
        needles = parsed.needles(MAX_NEEDLES)
        if needles is not None:
            if len(needles) == 1:
                return dict(self._counts(self.syllables, needles[0], should_stop))
            total: dict[str, int] = {}
            for needle in needles:
                for article_id, n in self._counts(self.syllables, needle, should_stop).items():
                    total[article_id] = total.get(article_id, 0) + n
            position = self.syllables.texts.position
            return dict(sorted(total.items(), key=lambda item: position.get(item[0], 0)))
        # Candidates: articles holding the longest initials run and the Chinese typed, if any.
        candidates: set[str] | None = set(self._counts(self.initials, runs[0], should_stop)) if runs else None
        for han in parsed.han_literals():
            counts = super().count_matches(han, DEFAULT_OPTIONS, should_stop)
            if isinstance(counts, SearchError):
                return {}
            candidates = set(counts) if candidates is None else candidates & set(counts)
        if not candidates:
            return {}
        with self.texts.lock, self.syllables.texts.lock:
            folded, position = self.texts.haystacks, self.texts.position
            projected, projected_at = self.syllables.texts.haystacks, self.syllables.texts.position
            pairs = [
                (aid, folded[position[aid]], projected[projected_at[aid]])
                for aid in candidates
                if aid in position and aid in projected_at
            ]
        out: dict[str, int] = {}
        for aid, text, projection in sorted(pairs, key=lambda p: position.get(p[0], 0)):
            n = parsed.count(text, projection)
            if n:
                out[aid] = n
        return out

    def match_spans(
        self, article_id: str, query: str, options: SearchOptions = DEFAULT_OPTIONS
    ) -> list[Span] | SearchError:
        """The Chinese reading's spans and the pinyin reading's, in reading order."""
        spans = super().match_spans(article_id, query, options)
        parsed = None if isinstance(spans, SearchError) or options.regex else pinyin.parse_query(query)
        if parsed is None or len(parsed.units) < 2:
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
