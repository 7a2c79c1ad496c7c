"""Search that also reads the query as pinyin: `IndexedSearch` plus indexes of three projections.

Why this shape: a pinyin query must be as fast as a Chinese one on a 10,000-page archive, and
the Chinese search already has what that takes (character postings, trigram files, precounted
common bigrams, a result cache). So each article's folded haystack gets projections
(`civread.pinyin`) — syllable codes and initials, one character for one, and halves, two
one-byte symbols a character (the first letter's mark, then the rest of the syllable) — each
indexed by its own `IndexedSearch` (given the projection instead of the folded text):

* all initials (`zq`): counted on the initials index, exactly;
* syllables then a syllable being typed (`shi j`, `zhiyuan f`, `shi ji`): the query, its last
  unit widened to every syllable of its letter, is one string of the halves projection (a
  trigram after one syllable, counted ahead when common) where the syllable projection needs
  one string per syllable of the letter (14 for `shi j`, most of the corpus each); the
  syllables the last unit does not allow (`shi ji`: ju, juan, jue, jun) are taken off again;
* other whole syllables, the last one perhaps being typed (`jin d`): each string counted on
  the syllable index as a Chinese query would be (postings, precounted bigrams, trigram
  candidates), the counts added;
* anything else (Chinese typed in the query, several prefixes): candidates from the initials
  index (and the Chinese index for the Chinese typed), matched unit by unit.

How much is counted on a keystroke: a pinyin prefix is often held by most of a large corpus
(`wen ming`, `zhi yuan f`), and counting it exactly scans most of the projections' text. So a
pinyin reading is counted in spans of corpus positions, in corpus order (the top of the sidebar is
exact at once), until the keystroke's time (KEYSTROKE_SECONDS) is spent; `incomplete()` then says
how many articles were counted, and the same query asked again with nothing typed since (the
reader asks again a second later) is counted whole. Typing on (`zhiyuan` → `zhiyuan f`) counts on
the articles the last keystroke found when they are few, as the highlights match. Counts and
highlights follow one definition of a match (`PinyinQuery.finditer`: leftmost, not overlapping);
a sum of substring counts stands in for it only where no two strings can overlap.

A pinyin reading needs two units at least (`zq`, `zhaoq`, `zhao q`): a single syllable or
initial matches a large share of any Chinese text, which is no search. The Chinese reading of
the same query is always searched too (`gdp` finds "GDP" and 国道拍…): counts add up, spans are
merged in reading order. Spans of a pinyin match are offsets into the display text like any
match, so the reader highlights the Chinese that matched.

Polyphones come read in their words from where the page was processed (`Article.readings`, kept
in the page cache, packed here); an article without them reads each character alone. The three
indexes are built from the first pinyin query on, by a thread of their own, article by article in
corpus order (five bytes a character of folded text in memory, paid only by a session that types
pinyin): nobody waits for them. Until they have caught up, a pinyin query counts the articles
projected so far, exactly, and `incomplete()` says how far the build is (the reader shows it and
asks again); articles added afterwards are projected as they come. Pure: no Textual, no Rich.
"""

from __future__ import annotations

import threading
import time
from array import array
from collections.abc import Callable, Iterable
from itertools import repeat
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
from civread.search.precounts import Precounts

__all__ = ["PinyinSearch"]

# A pinyin query spelling more syllable strings than this (a syllable and one initial spell up to
# ~40: z* has 37 syllables) is matched on candidates from the initials index.
MAX_NEEDLES = 48
# Strings of the halves projection counted ahead (syllable then letter: `shi j`, held by most
# articles on a large archive); the Chinese index counts ahead 900 bigrams and 300 trigrams.
HALVES_PRECOUNTS = 900
# Articles the builder projects at a time (under the lock every add takes).
BUILD_CHUNK = 256
# A pinyin query is counted on this many articles first, then on longer spans until its count
# (the Chinese reading's too) has taken KEYSTROKE_SECONDS; what is left is counted when the
# query is asked again.
FIRST_SPAN = 2_000
KEYSTROKE_SECONDS = 0.015
# A keystroke that types on is counted on the articles the last one found when they are at most
# this many (each counted as the highlights are: a regular expression over its projection).
NARROW_ARTICLES = 1_000


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
        self._build = threading.Lock()  # held by each chunk the builder projects, and by every add
        self.syllables: IndexedSearch | None = None
        self.halves: IndexedSearch | None = None  # `pinyin.halves` of each article: syllables then a letter
        self.initials: IndexedSearch | None = None
        self._projected = 0  # corpus positions [0, this) are in the projections (their positions too)
        self._caught_up = False  # the builder reached the end once: adds project their own articles
        self._builder: threading.Thread | None = None
        self._stop = threading.Event()
        self._starting = threading.Lock()
        self._notes_lock = threading.Lock()
        self._partial: dict[str, str] = {}  # query → what its last count missed (`incomplete`)
        self._in_part: str | None = None  # the last pinyin query, if only its first articles were counted
        # The last pinyin query's own counts (not the Chinese reading's), the positions [0, n) they
        # cover, and `_stamp()` then: the next keystroke counts on its articles (`_narrowed`).
        self._last: tuple[pinyin.PinyinQuery, dict[str, int], int, tuple[int, ...]] | None = None
        self.pinyin_build_seconds = 0.0
        # The time a pinyin query may spend counting on a keystroke (None: always every article).
        self.keystroke_seconds: float | None = KEYSTROKE_SECONDS
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
            if self.syllables is None:
                return
            # Articles re-added where the builder has been: projected again, in place.
            position, done = self.texts.position, self._projected
            again = list(dict.fromkeys(aid for aid in (str(a.id) for a in batch) if position.get(aid, done) < done))
            if again:
                self._project(again)
            if self._caught_up:  # new articles: projected now, at the same positions as in the corpus
                self._project_upto(len(self.texts))

    @property
    def pinyin_ready(self) -> bool:
        """The projections hold every article (a pinyin query has been made, and they caught up)."""
        return self._caught_up

    @property
    def pinyin_progress(self) -> tuple[int, int] | None:
        """(articles projected, articles) while the projections are being built; None before the
        first pinyin query and once they have caught up."""
        if self.syllables is None or self._caught_up:
            return None
        return self._projected, len(self.texts)

    def incomplete(self, query: str, options: SearchOptions = DEFAULT_OPTIONS) -> str:
        """What this query's counts, as last made, miss ("" when nothing): a pinyin reading made
        while the projections were being built covered only the articles projected then. Noted
        by `count_matches` from what it read before counting, so a build that ends meanwhile
        never passes a partial count off as whole."""
        if options.regex:
            return ""
        with self._notes_lock:
            return self._partial.get(query, "")

    def _note(self, query: str, caught_up: bool, done: int, total: int, note: str = "") -> None:
        """What this query's counts miss: the articles not projected yet, or `note` (the articles
        left for later, `_counted_in_time`); nothing once they are whole."""
        with self._notes_lock:
            self._in_part = query if note else None
            if caught_up:
                self._partial.pop(query, None)
                return
            if len(self._partial) > 256:
                self._partial.clear()
            self._partial[query] = note or f"pinyin index {100 * done // max(1, total)}% ({done:,} of {total:,} articles)"

    def start_pinyin(self) -> None:
        """Start building the projections' indexes in their own thread (nothing waits)."""
        if self.syllables is not None:
            return
        with self._starting:  # not `_build`: a query never waits for a chunk being projected
            if self.syllables is not None:
                return
            nothing: Callable[[str], Article | None] = lambda _id: None  # noqa: E731 - hold no article
            self.initials = IndexedSearch(loader=nothing, **self._private)
            # Its common strings `shi j` are one trigram: precounted (only those), as many as the
            # Chinese index precounts bigrams.
            wanted = Precounts(bigrams=0, trigrams=HALVES_PRECOUNTS, wanted=pinyin.syllable_then_letter)
            self.halves = IndexedSearch(loader=nothing, precounts=wanted, **self._private)
            self.syllables = IndexedSearch(loader=nothing, **self._private)  # last: adds test this one
            self._builder = threading.Thread(target=self._run_builder, name="civread-pinyin", daemon=True)
            self._builder.start()

    def ensure_pinyin(self, timeout: float | None = None) -> bool:
        """Build the projections if no pinyin query has yet, and wait until they hold every article
        (tests, benchmarks); False if not by `timeout`."""
        self.start_pinyin()
        builder = self._builder
        if builder is not None:
            builder.join(timeout)
        return self._caught_up

    def _run_builder(self) -> None:
        """Project the corpus in chunks, in corpus order, until it has caught up with the adds."""
        start = time.perf_counter()
        while not self._stop.is_set():
            with self._build:
                if self._projected >= len(self.texts):
                    self._caught_up = True
                    break
                self._project_upto(min(len(self.texts), self._projected + BUILD_CHUNK))
            time.sleep(0)  # hand the GIL over between chunks: the app's thread keeps its pace
        self.pinyin_build_seconds = time.perf_counter() - start

    def _project_upto(self, end: int) -> None:
        """The articles at positions [_projected, end) into the projections (under `_build`)."""
        with self.texts.lock:
            ids = self.texts.ids[self._projected : end]
        self._project(ids)
        self._projected = end

    def _project(self, ids: list[str]) -> None:
        """The three projections of these articles' folded text into their indexes (under `_build`)."""
        syllables, halves, initials = self.syllables, self.halves, self.initials
        assert syllables is not None and halves is not None and initials is not None
        texts, packed = self.texts, self._readings
        with texts.lock:
            folded = [(aid, texts.haystacks[texts.position[aid]]) for aid in ids if aid in texts.position]
        readings = [pinyin.unpack_readings(packed.get(aid)) for aid, _ in folded]
        projected = [(aid, pinyin.project(text, r)) for (aid, text), r in zip(folded, readings)]
        syllables.add_texts(projected)
        halves.add_texts((aid, pinyin.halves(text, r)) for (aid, text), r in zip(folded, readings))
        initials.add_texts((aid, pinyin.initials(p)) for aid, p in projected)

    def close(self) -> None:
        stop = getattr(self, "_stop", None)
        if stop is not None:
            stop.set()
        builder = getattr(self, "_builder", None)
        if builder is not None and builder is not threading.current_thread():
            builder.join()
        super().close()
        for index in (getattr(self, "syllables", None), getattr(self, "halves", None), getattr(self, "initials", None)):
            if index is not None:
                index.close()

    def hold_trigrams(self, held: bool) -> None:
        super().hold_trigrams(held)
        for index in (self.syllables, self.halves, self.initials):
            if index is not None:
                index.hold_trigrams(held)

    def wait_indexed(self, timeout: float | None = None) -> bool:
        builder = self._builder
        if builder is not None and builder is not threading.current_thread():
            builder.join(timeout)
        ready = super().wait_indexed(timeout)
        for index in (self.syllables, self.halves, self.initials):
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
        began = time.perf_counter()
        found = super().count_matches(query, options, should_stop)
        parsed = None if isinstance(found, SearchError) or options.regex else pinyin.parse_query(query)
        if parsed is None or len(parsed.units) < 2:
            return found
        self.start_pinyin()  # the articles projected so far are counted; `incomplete` says so
        caught_up, done = self._caught_up, self._projected  # read before counting
        extra, counted = self._counted_in_time(query, parsed, should_stop, began)
        if counted is not None and caught_up:  # the first articles only: the rest when asked again
            self._note(query, False, counted, len(self.texts), f"counted in the first {counted:,} of "
                       f"{len(self.texts):,} articles, the rest follows")
        else:
            self._note(query, caught_up, done, len(self.texts))
        if not extra:
            return found
        assert not isinstance(found, SearchError)
        if not found:
            return extra
        return self._summed([found, extra])

    def _counted_in_time(
        self, query: str, parsed: pinyin.PinyinQuery, should_stop: Callable[[], bool] | None, began: float
    ) -> tuple[dict[str, int], int | None]:
        """The pinyin reading's counts, and None; or, when counting every article would take
        longer than a keystroke may (a prefix held by most of a large corpus: `zhi yuan f`),
        the counts of the first articles only, and how many were counted (the first screens
        of the sidebar are exact: counts go in corpus order). The same query asked again (the
        reader asks again a second later, when typing has paused) is counted whole.

        Counted in spans of positions (FIRST_SPAN, then at most twice the span before, as many
        as the last span's rate says fit in what is left of KEYSTROKE_SECONDS since `began`, the
        keystroke's count started); the rest is counted at once when that rate says it fits."""
        syllables = self.syllables
        assert syllables is not None
        stamp = self._stamp()  # before counting: an add made meanwhile makes these counts stale
        total = len(syllables.texts)
        with self._notes_lock:
            again = query == self._in_part  # asked again, nothing typed since
        out, lo = self._narrowed(parsed)
        if again or total <= FIRST_SPAN or self.keystroke_seconds is None:
            counted: int | None = None
            if lo < total:
                out = self._joined(out, self._pinyin_counts(parsed, should_stop, (lo, total) if lo else None))
        else:
            counted = self._spans(parsed, should_stop, began, out, lo, total)
        if not (should_stop is not None and should_stop()):
            self._last = (parsed, out, total if counted is None else counted, stamp)
        return out, counted

    def _spans(
        self, parsed: pinyin.PinyinQuery, should_stop: Callable[[], bool] | None, began: float,
        out: dict[str, int], lo: int, total: int,
    ) -> int | None:
        """Count on from position `lo` into `out`, span after span, while the keystroke has time
        (see `_counted_in_time`): None when every article is counted, else how many are."""
        limit = self.keystroke_seconds or 0.0
        hi = min(total, lo + FIRST_SPAN)
        while lo < total:
            started = time.perf_counter()
            out.update(self._pinyin_counts(parsed, should_stop, (lo, hi)))
            now = time.perf_counter()
            if hi >= total:
                return None
            left = limit - (now - began)
            if left <= 0 or (should_stop is not None and should_stop()):
                return hi
            per_article = max(now - started, 1e-6) / (hi - lo)  # this span's rate
            if per_article * (total - hi) <= left:  # the rest fits: all of it
                lo, hi = hi, total
            else:  # as much as fits, at most twice this span
                lo, hi = hi, min(total, hi + min(2 * (hi - lo), int(left / per_article)))
                if hi - lo < FIRST_SPAN // 4:
                    return lo
        return None

    @staticmethod
    def _joined(first: dict[str, int], then: dict[str, int]) -> dict[str, int]:
        """Counts of earlier positions, then later ones (corpus order kept)."""
        if not first:
            return then
        first.update(then)
        return first

    def _stamp(self) -> tuple[int, ...]:
        """Changes whenever an article is added to the search or to any of the three projections
        (the builder adds to them in turn: a count made between two of those adds must not be
        taken up again once the last one is in)."""
        return (self._generation, *(-1 if index is None else index._generation
                                    for index in (self.syllables, self.halves, self.initials)))

    def _narrowed(self, parsed: pinyin.PinyinQuery) -> tuple[dict[str, int], int]:
        """When the last pinyin query's articles hold every article this one matches (typing on:
        `zhiyuan f` after `zhiyuan`, see `PinyinQuery.within`) and they are few, this query
        counted on them alone, as `finditer` matches, and how far they were counted (positions
        [0, that)); else nothing, and 0."""
        last = self._last
        if last is None or last[3] != self._stamp() or len(last[1]) > NARROW_ARTICLES or not parsed.within(last[0]):
            return {}, 0
        return self._defined_counts(parsed, last[1]), last[2]

    @staticmethod
    def _counts(
        index: IndexedSearch, needle: str, should_stop: Callable[[], bool] | None, span: tuple[int, int] | None = None
    ) -> dict[str, int]:
        """`needle`'s counts in a projection's index: every article's, or those at positions in `span`."""
        if span is not None:
            return index.count_within(needle, span[0], span[1], should_stop)
        counts = index.count_matches(needle, DEFAULT_OPTIONS, should_stop)
        return {} if isinstance(counts, SearchError) else counts

    def _summed(self, parts: list[dict[str, int]], sign: int = 1) -> dict[str, int]:
        """Counts per article added up over `parts` (sign=-1: the first part less the others, which
        it holds), in corpus order, articles left with none dropped. Keyed by position, the
        largest part taken in whole (in C), the others added to it, positions sorted as ints:
        a query like `zhi yu` adds up parts holding much of the corpus."""
        if sign < 0:
            parts = [parts[0], *(p for p in parts[1:] if p)]
        else:
            parts = sorted((p for p in parts if p), key=len, reverse=True)
        if len(parts) <= 1:
            return dict(parts[0]) if parts else {}
        with self.texts.lock:
            at, ids = self.texts.position, self.texts.ids
            total = dict(zip(map(at.__getitem__, parts[0]), parts[0].values()))
            get = total.get
            for part in parts[1:]:
                for pos, n in zip(map(at.__getitem__, part), part.values()):
                    total[pos] = get(pos, 0) + sign * n
            order = sorted(total) if sign > 0 else sorted(pos for pos, n in total.items() if n > 0)
            return dict(zip(map(ids.__getitem__, order), map(total.__getitem__, order)))

    def _recounted(self, parsed: pinyin.PinyinQuery, parts: list[dict[str, int]]) -> dict[str, int]:
        """The sum of `parts` (each string's counts, strings that can overlap), where an article
        holding two strings or more is counted again as `finditer` matches (the highlights):
        an article holding one of them has its count already."""
        total = self._summed(parts)
        seen: set[str] = set()
        twice: set[str] = set()
        for part in parts:
            twice.update(seen.intersection(part))
            seen.update(part)
        if twice:
            total.update(self._defined_counts(parsed, twice, keep_zero=True))  # ≥ 1: each holds a string
        return total

    def _defined_counts(self, parsed: pinyin.PinyinQuery, ids: Iterable[str], keep_zero: bool = False) -> dict[str, int]:
        """The query counted in each of these articles as `finditer` (the highlights) matches, on
        its folded text and syllable projection: in corpus order, articles without a match left
        out (unless `keep_zero`)."""
        syllables = self.syllables
        assert syllables is not None
        with self.texts.lock, syllables.texts.lock:
            folded, position = self.texts.haystacks, self.texts.position
            projected, projected_at = syllables.texts.haystacks, syllables.texts.position
            pairs = sorted((position[aid], projected_at[aid], aid) for aid in ids
                           if aid in position and aid in projected_at)
            texts = [(aid, folded[at], projected[pat]) for at, pat, aid in pairs]
        out: dict[str, int] = {}
        for aid, text, projection in texts:
            n = parsed.count(text, projection)
            if n or keep_zero:
                out[aid] = n
        return out

    @staticmethod
    def _counted_on(index: IndexedSearch, candidates: dict[str, int], needle: str) -> dict[str, int]:
        """`needle` counted in `index`'s text of each candidate (in corpus order, as given)."""
        texts = index.texts
        with texts.lock:
            at, haystacks = texts.position, texts.haystacks
            ids = [aid for aid in candidates if aid in at]
            counts = list(map(str.count, map(haystacks.__getitem__, map(at.__getitem__, ids)), repeat(needle)))
        return {aid: n for aid, n in zip(ids, counts) if n}

    def _pinyin_counts(
        self, parsed: pinyin.PinyinQuery, should_stop: Callable[[], bool] | None, span: tuple[int, int] | None = None
    ) -> dict[str, int]:
        """The pinyin reading's counts per article, in corpus order: of every article, or of those
        at positions in `span` (the projections' indexes hold the articles at the same positions)."""
        syllables, halves, initials = self.syllables, self.halves, self.initials
        assert syllables is not None and halves is not None and initials is not None
        runs = parsed.initials_needles()
        if parsed.initials_exact and runs:
            return dict(self._counts(initials, runs[0], should_stop, span))
        collapsed = parsed.collapsed()
        if collapsed is not None:  # syllables then a letter: one string of the halves projection
            syllable_codes, spelt, minus = collapsed
            if len(syllable_codes) == 1:
                found = self._counts(halves, spelt, should_stop, span)
            else:  # two syllables or more: counted on the articles holding them (syllable index), or
                # those holding the last one then the letter (halves index, often counted ahead), fewer first
                lead = self._counts(syllables, syllable_codes, should_stop, span)
                tail = self._counts(halves, spelt[-3:], should_stop, span)
                found = self._counted_on(halves, lead if len(lead) <= len(tail) else tail, spelt)
            if not minus:
                return dict(found)
            return self._summed([found, *(self._counts(syllables, n, should_stop, span) for n in minus)], sign=-1)
        needles = parsed.needles(MAX_NEEDLES)
        if needles is not None:
            if len(needles) == 1:
                return dict(self._counts(syllables, needles[0], should_stop, span))
            parts = [self._counts(syllables, needle, should_stop, span) for needle in needles]
            if parsed.strings_overlap(needles):  # `ji j`: 积极减 holds "ji ji" and "ji jia", one match
                return self._recounted(parsed, parts)
            return self._summed(parts)
        # Candidates: articles holding the longest initials run and the Chinese typed, if any.
        candidates: set[str] | None = set(self._counts(initials, runs[0], should_stop, span)) if runs else None
        for han in parsed.han_literals():
            counts = super().count_matches(han, DEFAULT_OPTIONS, should_stop)
            if isinstance(counts, SearchError):
                return {}
            candidates = set(counts) if candidates is None else candidates & set(counts)
        if not candidates:
            return {}
        if span is not None:
            with syllables.texts.lock:
                at = syllables.texts.position
                candidates = {aid for aid in candidates if span[0] <= at.get(aid, -1) < span[1]}
        return self._defined_counts(parsed, candidates)

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
