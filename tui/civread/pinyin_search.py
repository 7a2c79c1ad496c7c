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
in the page cache, packed here); an article without them reads each character alone. The two
indexes are built on the first pinyin query: about the folded text's size again in memory, and a
wait of that first query (seconds on a large archive), paid only by a session that types pinyin.
Pure: no Textual, no Rich.
"""

from __future__ import annotations

import threading
import time
from array import array
from collections.abc import Callable, Iterable
from typing import Any

from civread import pinyin
from civread.model import Article
from civread.search import (
    DEFAULT_OPTIONS,
    IndexedSearch,
    SearchError,
    SearchOptions,
    Span,
    article_sections,
)

__all__ = ["PinyinSearch"]

# A pinyin query spelling more syllable strings than this (a syllable and one initial spell up to
# ~40: z* has 37 syllables) is matched on candidates from the initials index.
MAX_NEEDLES = 48


def _stored_readings(article: Article) -> tuple[tuple[int, str], ...]:
    """The readings the pipeline stored with the article (`Article.readings`)."""
    return tuple(getattr(article, "readings", ()) or ())


class PinyinSearch(IndexedSearch):
    """`IndexedSearch` whose plain queries are also read as pinyin (see the module docstring).

    The two indexes of projections are built on the first pinyin query (from the folded text the
    search holds and each article's readings, kept packed), so a session that never types pinyin
    pays neither their memory nor their time; from then on every article added goes to them too."""

    def __init__(
        self,
        articles: Iterable[Article] = (),
        *,
        readings_of: Callable[[Article], Iterable[tuple[int, str]]] | None = None,
        **options: Any,
    ) -> None:
        self.readings_of = readings_of or _stored_readings
        self._private = {k: v for k, v in options.items() if k not in ("keep_as", "loader")}
        self._readings: dict[str, tuple[array, str]] = {}  # id → (offsets, syllable codes), packed
        self._build = threading.Lock()  # held while the projections are built, and by every add
        self.syllables: IndexedSearch | None = None
        self.initials: IndexedSearch | None = None
        self.pinyin_build_seconds = 0.0
        super().__init__(articles, **options)

    # ---------------------------------------------------------------- building

    def add_articles(self, articles: Iterable[Article]) -> None:
        batch = list(articles)
        with self._build:
            super().add_articles(batch)
            packed = self._readings
            for article in batch:
                try:
                    readings = tuple(self.readings_of(article) or ())
                except Exception:  # noqa: BLE001 - no readings: each character read alone
                    readings = ()
                if readings:
                    packed[str(article.id)] = pinyin.pack_readings(readings)
                else:
                    packed.pop(str(article.id), None)
            if self.syllables is not None:
                self._project([str(a.id) for a in batch])

    @property
    def pinyin_ready(self) -> bool:
        """The projections are built (a pinyin query has been made)."""
        return self.syllables is not None

    def ensure_pinyin(self) -> None:
        """Build the projections' indexes if no pinyin query has yet (the first one waits)."""
        if self.syllables is not None:
            return
        with self._build:
            if self.syllables is not None:
                return
            start = time.perf_counter()
            nothing: Callable[[str], Article | None] = lambda _id: None  # noqa: E731 - hold no article
            syllables = IndexedSearch(loader=nothing, **self._private)
            initials = IndexedSearch(loader=nothing, **self._private)
            self.syllables, self.initials = syllables, initials
            with self.texts.lock:
                ids = list(self.texts.ids)
            self._project(ids)
            self.pinyin_build_seconds = time.perf_counter() - start

    def _project(self, ids: list[str]) -> None:
        """The projections of these articles' folded text into the two indexes (under `_build`)."""
        assert self.syllables is not None and self.initials is not None
        texts, packed = self.texts, self._readings
        for lo in range(0, len(ids), 512):
            chunk = ids[lo : lo + 512]
            with texts.lock:
                folded = [(aid, texts.haystacks[texts.position[aid]]) for aid in chunk if aid in texts.position]
            projected = [(aid, pinyin.project(text, pinyin.unpack_readings(packed.get(aid)))) for aid, text in folded]
            self.syllables.add_texts(projected)
            self.initials.add_texts((aid, pinyin.initials(p)) for aid, p in projected)

    def close(self) -> None:
        super().close()
        for index in (getattr(self, "syllables", None), getattr(self, "initials", None)):
            if index is not None:
                index.close()

    def hold_trigrams(self, held: bool) -> None:
        super().hold_trigrams(held)
        for index in (self.syllables, self.initials):
            if index is not None:
                index.hold_trigrams(held)

    def wait_indexed(self, timeout: float | None = None) -> bool:
        ready = super().wait_indexed(timeout)
        for index in (self.syllables, self.initials):
            if index is not None:
                ready = index.wait_indexed(timeout) and ready
        return ready

    # ---------------------------------------------------------------- the SearchBackend

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
        self.ensure_pinyin()
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
        syllables, initials = self.syllables, self.initials
        assert syllables is not None and initials is not None
        runs = parsed.initials_needles()
        if parsed.initials_exact and runs:
            return dict(self._counts(initials, runs[0], should_stop))
        needles = parsed.needles(MAX_NEEDLES)
        if needles is not None:
            if len(needles) == 1:
                return dict(self._counts(syllables, needles[0], should_stop))
            total: dict[str, int] = {}
            for needle in needles:
                for article_id, n in self._counts(syllables, needle, should_stop).items():
                    total[article_id] = total.get(article_id, 0) + n
            position = syllables.texts.position
            return dict(sorted(total.items(), key=lambda item: position.get(item[0], 0)))
        # Candidates: articles holding the longest initials run and the Chinese typed, if any.
        candidates: set[str] | None = set(self._counts(initials, runs[0], should_stop)) if runs else None
        for han in parsed.han_literals():
            counts = super().count_matches(han, DEFAULT_OPTIONS, should_stop)
            if isinstance(counts, SearchError):
                return {}
            candidates = set(counts) if candidates is None else candidates & set(counts)
        if not candidates:
            return {}
        with self.texts.lock, syllables.texts.lock:
            folded, position = self.texts.haystacks, self.texts.position
            projected, projected_at = syllables.texts.haystacks, syllables.texts.position
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
