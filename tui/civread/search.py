"""Incremental search over a corpus: folded, script-insensitive, offsets mapped back to the display text.

Pure and UI-free. The app calls `MemorySearch.search(query)` from a worker on every keystroke
and `SearchResult.spans_for(article_id)` for the article being read.

Matching rules (both the query and the text are folded the same way, one character for one):

* traditional ↔ simplified: OpenCC's t2s character table (`TSCharacters.txt`, first target)
  applied with `str.translate`, so 肇慶 finds 肇庆 and the other way round. A query that holds
  traditional characters is also run through the pipeline's phrase-aware `to_simplified`, so a
  traditional phrase finds what the pipeline made of it (瞭解 → 了解, 騎著 → 骑着).
* full-width digits and Latin letters fold to ASCII (８３万 finds 83万), Latin (and every other
  cased script) is case-insensitive;
* whitespace is removed from both the text and the query ("文 明城市" is found by "文明城市"),
  and a position map sends every match back to offsets in the display string, which may then
  include the spaces the match spanned.

Where text is searched: per article, in reading order, the display title (kicker：title), the
subtitle, the byline, every paragraph, and the locality label (only when the article is located:
the "Unlocated" placeholder is not page text). A match never crosses from one of these to the next.

Regular expressions (`SearchOptions(regex=True)`) run on the folded text, case-insensitively.
Whitespace in the pattern is ignored unless escaped, and since the text has none, `\\s` never
matches. A pattern that does not compile is reported as a `SearchError` carrying the engine's
message with a position in the pattern as typed; nothing is raised. Catastrophic backtracking is
bounded by time: matching uses the `regex` package with a `timeout` (the whole search shares one
budget, `SearchOptions.time_budget`, 1.5 s by default) and overrunning it gives a `SearchError`.
Without the `regex` package the standard `re` is used and the budget is only checked between
sections (paragraphs), which bounds ordinary slow patterns but not one pathological paragraph.
Empty (zero-width) regex matches are not counted.

Speed: `MemorySearch` keeps one folded haystack string per article (its sections joined by
"\\n", which a folded query can never contain) and counts a plain query with `str.count`,
mapped over the haystacks in C. Spans are only computed, on demand, for one article at a time.
`SearchBackend` is the seam for a later SQLite FTS5 trigram index: such an index answers
queries of 3+ characters from trigrams and must fall back to a scan (`instr`) for 1–2 characters.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
import time
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, chain, compress, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from civread.model import Article

try:  # the `regex` package: same syntax as `re`, plus a matching timeout
    import regex as _re_engine

    _HAS_TIMEOUT = True
except ImportError:  # pragma: no cover - `regex` ships with trafilatura's dependencies
    import re as _re_engine  # type: ignore[no-redef]

    _HAS_TIMEOUT = False

# Section names, in the order they are searched and reported within an article.
TITLE = "title"
SUBTITLE = "subtitle"
BYLINE = "byline"
PARAGRAPH = "paragraph"
LOCALITY = "locality"
SECTION_ORDER = (TITLE, SUBTITLE, BYLINE, PARAGRAPH, LOCALITY)

# A query longer than this is refused (nothing that long is typed; a paste of a page is a mistake).
MAX_QUERY_CHARS = 5_000
# A regular expression longer than this is refused: compiling huge patterns costs memory and time.
MAX_PATTERN_CHARS = 1_000
# A regular expression whose repetitions, multiplied out, would make a program larger than this
# is refused before it is compiled: the `regex` package unrolls counted repeats when compiling,
# so `(?:(?:(?:a{100}){100}){100}){100}` (35 characters) asks for 10^8 nodes and grew the app to
# 17 GB; 10^6 takes 290 MB and half a second (measured), 2 × 10^5 about 60 MB.
MAX_PATTERN_WEIGHT = 200_000
# How many articles are scanned between two checks of `should_stop` and of the time budget.
_CHUNK = 2_048
_SEPARATOR = "\n"


# --------------------------------------------------------------------------------------------
# Values the app sees


@dataclass(frozen=True, slots=True)
class SearchOptions:
    """How to read the query. Frozen and hashable, so prepared queries can be cached."""

    regex: bool = False
    # Seconds one regex search may spend matching (all articles together), against backtracking.
    time_budget: float = 1.5


DEFAULT_OPTIONS = SearchOptions()


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


@dataclass(frozen=True, slots=True)
class SearchError:
    """Why a query cannot be searched (bad regex, too slow, too long), in one line for the status bar."""

    message: str
    position: int | None = None  # in the query as typed, when the engine says where
    kind: str = "invalid"  # "invalid" (does not compile), "complex", "slow" or "long"

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class MatchRef:
    """One match: the article and the match's index in `SearchResult.spans_for(article_id)`."""

    article_id: str
    index: int


def section_text(article: Article, span: Span) -> str:
    """The display string a span's offsets point into (so the reader can highlight it)."""
    for name, index, text in article_sections(article):
        if name == span.section and index == span.paragraph_index:
            return text
    return ""


def article_sections(article: Article) -> list[tuple[str, int | None, str]]:
    """The searchable display strings of an article, in reading order: (section, paragraph index, text)."""
    out: list[tuple[str, int | None, str]] = [(TITLE, None, _text(article.display_title))]
    out.append((SUBTITLE, None, _text(article.subtitle)))
    out.append((BYLINE, None, _text(article.byline)))
    for i, paragraph in enumerate(article.paragraphs or ()):
        out.append((PARAGRAPH, i, _text(paragraph.text)))
    locality = article.locality
    if locality is not None and locality.is_located:
        out.append((LOCALITY, None, _text(locality.label)))
    return out


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


# --------------------------------------------------------------------------------------------
# Folding


def _opencc_characters() -> dict[str, str]:
    """OpenCC's t2s character dictionary: traditional character → its first (preferred) simplified one."""
    try:
        import opencc

        path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
        lines = path.read_text(encoding="utf-8").splitlines()
    except (ImportError, OSError, UnicodeDecodeError):  # pragma: no cover - broken install
        return {}
    table: dict[str, str] = {}
    for line in lines:
        source, _, targets = line.partition("\t")
        first = targets.split()[0] if targets.split() else ""
        if len(source) == 1 and len(first) == 1 and first != source:
            table[source] = first
    return table


def _build_tables() -> tuple[dict[int, str], dict[int, str]]:
    """(full fold for text and plain queries, fold for regex patterns without lowercasing)."""
    chars = _opencc_characters()
    # Follow chains (a → b → c) so the fold is idempotent.
    for source in list(chars):
        target = chars[source]
        seen = {source}
        while target in chars and target not in seen:
            seen.add(target)
            target = chars[target]
        chars[source] = target
    for cp in list(range(0xFF10, 0xFF1A)) + list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)):
        chars[chr(cp)] = chr(cp - 0xFEE0)  # full-width digits and Latin letters → ASCII
    pattern_table = {ord(k): v for k, v in chars.items()}

    def lower(ch: str) -> str:
        low = ch.lower()
        return low if len(low) == 1 else ch

    full: dict[int, str] = {}
    for cp in range(0x10000):
        ch = chr(cp)
        low = lower(ch)
        if low != ch:
            full[cp] = low
    for cp, target in pattern_table.items():
        full[cp] = lower(target)
    return full, pattern_table


_FOLD, _PATTERN_FOLD = _build_tables()


def fold_text(text: str) -> str:
    """The form text is matched in: t2s per character, ASCII digits/letters, lowercase, no whitespace."""
    return "".join(text.translate(_FOLD).split())


def fold_with_map(text: str) -> tuple[str, list[int] | None]:
    """`fold_text(text)` and, when whitespace was removed, each folded character's offset in `text`."""
    folded = text.translate(_FOLD)
    compact = "".join(folded.split())
    if len(compact) == len(folded):
        return compact, None  # offsets unchanged
    return compact, [i for i, ch in enumerate(folded) if not ch.isspace()]


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """Characters t2s may change: the character table's sources, plus the ambiguous ones that only
    change inside a phrase (瞭 in 瞭解, 藉 in 藉口) because their first target is themselves."""
    chars = {chr(cp) for cp in _PATTERN_FOLD if not 0xFF10 <= cp <= 0xFF5A}
    try:
        import opencc

        path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
        for line in path.read_text(encoding="utf-8").splitlines():
            source, _, targets = line.partition("\t")
            if len(source) == 1 and len(targets.split()) > 1:
                chars.add(source)
    except (ImportError, OSError, UnicodeDecodeError):  # pragma: no cover - broken install
        pass
    return frozenset(chars)


def _simplify_query(query: str) -> str:
    """A query typed in traditional characters, converted the way the pipeline converts pages."""
    trad = _traditional_chars()
    if not any(ch in trad for ch in query):
        return query
    try:
        from civread.pipeline.script import to_simplified

        return to_simplified(query)
    except Exception:  # noqa: BLE001 - the character fold still applies
        return query


def fold_query(query: str) -> str:
    """The form a plain query is matched in (see `fold_text`, plus phrase-aware t2s)."""
    return fold_text(_simplify_query(query))


def _strip_pattern_whitespace(pattern: str) -> str:
    """Drop unescaped whitespace from a regex (the text it runs on has none)."""
    out: list[str] = []
    escaped = False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif not ch.isspace():
            out.append(ch)
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Prepared queries


@dataclass(frozen=True, slots=True)
class PreparedQuery:
    """A query folded (plain) or compiled (regex), ready to run over folded text."""

    text: str  # the folded plain query, or the folded pattern
    regex: Any = None  # compiled pattern in regex mode
    time_budget: float = 1.5
    # The same pattern with MULTILINE, run over a whole haystack at once when `_joinable` says the
    # result is the same as section by section (it is much faster: one call per article).
    whole: Any = None

    @property
    def is_empty(self) -> bool:
        return not self.text


def prepare(query: str, options: SearchOptions = DEFAULT_OPTIONS) -> PreparedQuery | SearchError:
    """Fold or compile a query once; a bad query becomes a SearchError, never an exception."""
    if not isinstance(query, str):
        return SearchError("the query is not text")
    if not isinstance(options, SearchOptions):
        options = DEFAULT_OPTIONS
    return _prepare(query, options)


@lru_cache(maxsize=128)
def _prepare(query: str, options: SearchOptions) -> PreparedQuery | SearchError:
    if not options.regex:
        if len(query) > MAX_QUERY_CHARS:
            return SearchError(f"query too long: {len(query):,} characters (at most {MAX_QUERY_CHARS:,})")
        return PreparedQuery(fold_query(query), None, options.time_budget)
    if len(query) > MAX_PATTERN_CHARS:
        return SearchError(
            f"regular expression too long: {len(query):,} characters (at most {MAX_PATTERN_CHARS:,})",
            kind="long",
        )
    weight = pattern_weight(query)
    if weight > MAX_PATTERN_WEIGHT:
        return SearchError(
            f"pattern too complex: its repetitions multiply out to {_about(weight)} steps "
            f"(at most {MAX_PATTERN_WEIGHT:,}); use fewer or smaller {{n}} counts",
            kind="complex",
        )
    flags = _re_engine.IGNORECASE
    try:  # as typed first, so an error's position points into what the user sees
        _re_engine.compile(query, flags)
        folded = _strip_pattern_whitespace(_simplify_query(query).translate(_PATTERN_FOLD))
        if not folded:
            return PreparedQuery("", None, options.time_budget)
        compiled = _re_engine.compile(folded, flags)
        whole = _re_engine.compile(folded, flags | _re_engine.MULTILINE) if _joinable(folded) else None
    except _re_engine.error as exc:
        return _regex_error(exc)
    except (RecursionError, MemoryError, OverflowError, ValueError, TypeError) as exc:
        return SearchError(f"invalid regular expression ({type(exc).__name__})")
    return PreparedQuery(folded, compiled, options.time_budget, whole)


# Constructs that can succeed at the end of an isolated section but fail before the "\n" that
# joins it to the next one (lookarounds, absolute anchors, atomic/possessive, inline flags,
# fuzzy constraints). Without them, with MULTILINE (^/$ at the separators) and without DOTALL,
# every match in a section is also found in the joined haystack, and a joined match that does
# not contain the separator is a match of its section.
_UNJOINABLE = ("(?", "\\A", "\\Z", "\\z", "\\G", "*+", "++", "?+", "}+")
_BRACE_OK = frozenset("0123456789,")


def _joinable(pattern: str) -> bool:
    if any(token in pattern for token in _UNJOINABLE):
        return False
    return all(pattern[i + 1 : i + 2] in _BRACE_OK for i, ch in enumerate(pattern) if ch == "{")


def _about(n: int) -> str:
    return f"{n:,}" if n < 10**9 else f"about 10^{len(str(n)) - 1}"


_COUNTED = None  # compiled lazily: `{m}`, `{m,}`, `{,n}`, `{m,n}` right after an atom


def pattern_weight(pattern: str) -> int:
    """How large a regular expression gets once its counted repeats are multiplied out: each atom
    counts 1, a group the sum of what it holds, `X{m,n}` X's weight times max(m, n).

    A linear scan of the pattern as typed, no compiling. Approximate on purpose (it only needs to find the explosive patterns);
    `*`, `+` and `?` do not multiply (their cost is time, which the matching timeout bounds).
    """
    global _COUNTED
    if _COUNTED is None:
        import re

        _COUNTED = re.compile(r"\{(\d*)(?:,(\d*))?\}")
    counted = _COUNTED
    stack: list[list[int]] = [[0, 0]]  # per open group: [weight so far, weight of the last atom]
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        frame = stack[-1]
        if ch == "\\":
            i += 2
            if i <= n and pattern[i - 1 : i] in ("p", "P", "N", "x", "u", "U", "g") and pattern[i : i + 1] in "{<":
                close = pattern.find("}" if pattern[i] == "{" else ">", i)
                i = n if close < 0 else close + 1
            frame[0] += 1
            frame[1] = 1
            continue
        if ch == "[":
            j = i + 1
            if pattern[j : j + 1] == "^":
                j += 1
            if pattern[j : j + 1] == "]":
                j += 1
            depth = 1
            while j < n and depth:
                c = pattern[j]
                if c == "\\":
                    j += 2
                    continue
                if c == "[":
                    depth += 1
                elif c == "]":
                    depth -= 1
                j += 1
            i = j
            frame[0] += 1
            frame[1] = 1
            continue
        if ch == "(":
            if pattern.startswith("(?#", i):
                close = pattern.find(")", i)
                i = n if close < 0 else close + 1
                continue
            stack.append([0, 0])
            i += 1
            continue
        if ch == ")":
            if len(stack) > 1:
                inner = stack.pop()[0]
                parent = stack[-1]
                parent[0] += inner
                parent[1] = inner
            i += 1
            continue
        if ch == "{":
            m = counted.match(pattern, i)
            if m is not None and (m.group(1) or m.group(2)):
                low = int(m.group(1) or 0)
                high = int(m.group(2)) if m.group(2) else low
                factor = max(low, high, 1)
                last = frame[1]
                frame[0] += last * (factor - 1)
                frame[1] = last * factor
                i = m.end()
                continue
        if ch in "|*+?":
            if ch == "|":
                frame[1] = 0
            i += 1
            continue
        frame[0] += 1
        frame[1] = 1
        i += 1
    while len(stack) > 1:  # unclosed groups (the compiler will say so): fold them in
        inner = stack.pop()[0]
        stack[-1][0] += inner
    return stack[0][0]


def _regex_error(exc: Exception) -> SearchError:
    msg = getattr(exc, "msg", None) or str(exc) or "invalid regular expression"
    pos = getattr(exc, "pos", None)
    if isinstance(pos, int):
        return SearchError(f"{msg} at position {pos}", pos)
    return SearchError(str(msg))


class _Timeout(Exception):
    """The regex time budget ran out."""


def _too_slow(prepared: PreparedQuery) -> SearchError:
    return SearchError(
        f"regular expression too slow (over {prepared.time_budget:g} s); make it more specific", kind="slow"
    )


def _regex_iter(
    prepared: PreparedQuery, text: str, deadline: float, pattern: Any = None
) -> Iterable[tuple[int, int]]:
    """Non-empty matches of a compiled pattern in one section, within the deadline."""
    remaining = deadline - time.perf_counter()
    if remaining <= 0:
        raise _Timeout
    pattern = prepared.regex if pattern is None else pattern
    try:
        if _HAS_TIMEOUT:
            matches = pattern.finditer(text, timeout=remaining)
        else:  # pragma: no cover
            matches = pattern.finditer(text)
        for m in matches:
            start, end = m.span()
            if end > start:
                yield start, end
    except TimeoutError as exc:
        raise _Timeout from exc


def _count_regex(prepared: PreparedQuery, haystack: str, deadline: float) -> int:
    """Non-empty matches in all sections of one haystack (a match never spans two sections)."""
    if prepared.whole is not None:
        # One pass over the joined sections; valid while no match runs over a separator.
        total = 0
        for start, end in _regex_iter(prepared, haystack, deadline, prepared.whole):
            if _SEPARATOR in haystack[start:end]:
                break
            total += 1
        else:
            return total
    total = 0
    for section in haystack.split(_SEPARATOR):
        if section:
            for _ in _regex_iter(prepared, section, deadline):
                total += 1
    return total


def _find_plain(needle: str, text: str) -> Iterable[tuple[int, int]]:
    """Non-overlapping occurrences, left to right: the same ones `str.count` counts."""
    size = len(needle)
    pos = text.find(needle)
    while pos >= 0:
        yield pos, pos + size
        pos = text.find(needle, pos + size)


# --------------------------------------------------------------------------------------------
# Backends


@runtime_checkable
class SearchBackend(Protocol):
    """What a search index offers: counts for the whole corpus, spans for one article.

    `count_matches` returns only articles with at least one match, in corpus (insertion) order.
    Counts must equal `len(match_spans(...))` for the same article, query and options.
    """

    def add_articles(self, articles: Iterable[Article]) -> None: ...

    def count_matches(
        self,
        query: str,
        options: SearchOptions = DEFAULT_OPTIONS,
        should_stop: Callable[[], bool] | None = None,
    ) -> dict[str, int] | SearchError: ...

    def match_spans(
        self, article_id: str, query: str, options: SearchOptions = DEFAULT_OPTIONS
    ) -> list[Span] | SearchError: ...

    def order_of(self, article_id: str) -> int | None: ...

    def __len__(self) -> int: ...


class MemorySearch:
    """An in-memory scan of folded text: one haystack string per article, counted with `str.count`.

    Thread-safe for one writer (`add_articles`, e.g. the loader worker) and any number of searches
    running at the same time: a search works on the articles present when it started.

    Counting needs only the folded text. With a `loader` (article id → `Article`, e.g. from the
    page cache) the articles themselves are not kept: `match_spans` loads the one it is asked
    about. Without one, every article added is held.
    """

    def __init__(
        self, articles: Iterable[Article] = (), *, loader: Callable[[str], Article | None] | None = None
    ) -> None:
        self._lock = threading.Lock()
        self._loader = loader
        self._ids: list[str] = []
        self._articles: list[Article] = []  # only without a loader
        self._haystacks: list[str] = []
        self._position: dict[str, int] = {}
        self.add_articles(articles)

    def __len__(self) -> int:
        return len(self._ids)

    def add_articles(self, articles: Iterable[Article]) -> None:
        """Index more articles (as pages load). An id seen before is re-indexed in place."""
        for article in articles:
            entry = _haystack(article)
            if entry is None:
                continue
            article_id, haystack = entry
            with self._lock:
                pos = self._position.get(article_id)
                if pos is None:
                    self._position[article_id] = len(self._ids)
                    self._ids.append(article_id)
                    self._hold(article)
                    self._haystacks.append(haystack)
                else:
                    self._hold(article, pos)
                    self._haystacks[pos] = haystack

    def _hold(self, article: Article, pos: int | None = None) -> None:
        """Keep the article itself when there is no loader to fetch it again (call under the lock)."""
        if self._loader is not None:
            return
        if pos is None:
            self._articles.append(article)
        else:
            self._articles[pos] = article

    def order_of(self, article_id: str) -> int | None:
        return self._position.get(article_id)

    def article(self, article_id: str) -> Article | None:
        pos = self._position.get(article_id)
        if pos is None:
            return None
        if self._loader is not None:
            return self._loader(article_id)
        return self._articles[pos]

    def count_matches(
        self,
        query: str,
        options: SearchOptions = DEFAULT_OPTIONS,
        should_stop: Callable[[], bool] | None = None,
    ) -> dict[str, int] | SearchError:
        """Matches per article (only articles with ≥1), in corpus order; {} when stopped early."""
        prepared = prepare(query, options)
        if isinstance(prepared, SearchError) or prepared.is_empty:
            return prepared if isinstance(prepared, SearchError) else {}
        with self._lock:
            ids = self._ids[:]
            haystacks = self._haystacks[:]
        found: dict[str, int] = {}
        deadline = time.perf_counter() + prepared.time_budget
        for lo in range(0, len(haystacks), _CHUNK):
            if should_stop is not None and should_stop():
                return {}
            chunk = haystacks[lo : lo + _CHUNK]
            if prepared.regex is None:
                counts = list(map(str.count, chunk, repeat(prepared.text)))
            else:
                try:
                    counts = [_count_regex(prepared, h, deadline) for h in chunk]
                except _Timeout:
                    return _too_slow(prepared)
            for i in compress(range(lo, lo + len(chunk)), counts):
                found[ids[i]] = counts[i - lo]
        return found

    def match_spans(
        self, article_id: str, query: str, options: SearchOptions = DEFAULT_OPTIONS
    ) -> list[Span] | SearchError:
        """Every match in one article, in reading order, as offsets into the display strings."""
        prepared = prepare(query, options)
        if isinstance(prepared, SearchError):
            return prepared
        if prepared.is_empty:
            return []
        try:
            article = self.article(article_id)  # may come from a loader: its failure means no spans
            if article is None:
                return []
            return _article_spans(article, prepared)
        except _Timeout:
            return _too_slow(prepared)
        except Exception:  # noqa: BLE001 - a malformed article has no spans, never a crash
            return []

    def search(
        self,
        query: str,
        options: SearchOptions = DEFAULT_OPTIONS,
        should_stop: Callable[[], bool] | None = None,
    ) -> SearchResult:
        return search(self, query, options, should_stop)


def _haystack(article: Article) -> tuple[str, str] | None:
    """The article's id and its folded sections joined by the separator; None if malformed
    (such an article is not searchable, never fatal)."""
    try:
        return _text(article.id), _SEPARATOR.join(fold_text(text) for _, _, text in article_sections(article))
    except Exception:  # noqa: BLE001
        return None


def _article_spans(article: Article, prepared: PreparedQuery) -> list[Span]:
    spans: list[Span] = []
    deadline = time.perf_counter() + prepared.time_budget
    for name, index, text in article_sections(article):
        folded, positions = fold_with_map(text)
        if not folded:
            continue
        if prepared.regex is None:
            hits = _find_plain(prepared.text, folded)
        else:
            hits = _regex_iter(prepared, folded, deadline)
        for start, end in hits:
            if positions is not None:
                start, end = positions[start], positions[end - 1] + 1
            spans.append(Span(name, index, start, end))
    return spans


# --------------------------------------------------------------------------------------------
# Results


@dataclass(slots=True)
class SearchResult:
    """What one keystroke's search found, with navigation across articles in reading order."""

    query: str
    options: SearchOptions = DEFAULT_OPTIONS
    total_matches: int = 0
    per_article: list[tuple[str, int]] = field(default_factory=list)  # corpus order, count ≥ 1
    error: SearchError | None = None
    cancelled: bool = False  # should_stop() said so; the counts are empty
    backend: SearchBackend | None = field(default=None, repr=False, compare=False)
    _order: list[int] = field(default_factory=list, repr=False, compare=False)
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _index: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    _spans: dict[str, list[Span]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Built in C (dict/zip/accumulate): a one-character query can match every article, and
        # this runs on every keystroke. `_order` (for n/N from an article without matches) is lazy.
        self._index = dict(zip(map(itemgetter(0), self.per_article), range(len(self.per_article))))
        self._starts = list(accumulate(map(itemgetter(1), self.per_article), initial=0))[:-1]
        self._order = []

    def _orders(self) -> list[int]:
        if len(self._order) != len(self.per_article):
            if self.backend is not None:
                self._order = [_order_or(self.backend, aid, i) for i, (aid, _) in enumerate(self.per_article)]
            else:
                self._order = list(range(len(self.per_article)))
        return self._order

    @property
    def ok(self) -> bool:
        return self.error is None and not self.cancelled

    def count_for(self, article_id: str) -> int:
        i = self._index.get(article_id)
        return 0 if i is None else self.per_article[i][1]

    def spans_for(self, article_id: str) -> list[Span]:
        """Every match in the article, reading order ([] if none). Computed once, on demand."""
        if article_id not in self._index or self.backend is None:
            return []
        cached = self._spans.get(article_id)
        if cached is None:
            try:
                spans = self.backend.match_spans(article_id, self.query, self.options)
            except Exception:  # noqa: BLE001 - the reader shows no highlight rather than crash
                spans = []
            cached = spans if isinstance(spans, list) else []
            self._spans[article_id] = cached
        return cached

    def span_of(self, ref: MatchRef) -> Span | None:
        spans = self.spans_for(ref.article_id)
        return spans[ref.index] if 0 <= ref.index < len(spans) else None

    def ordinal(self, ref: MatchRef) -> int:
        """1-based number of a match among all matches ("match 3 of 17"); 0 if not a match."""
        i = self._index.get(ref.article_id)
        if i is None or not 0 <= ref.index < self.per_article[i][1]:
            return 0
        return self._starts[i] + ref.index + 1

    def match_at(self, ordinal: int) -> MatchRef | None:
        """The match with this 1-based number."""
        if not 1 <= ordinal <= self.total_matches:
            return None
        i = bisect_right(self._starts, ordinal - 1) - 1
        return MatchRef(self.per_article[i][0], ordinal - 1 - self._starts[i])

    def first_match(self, from_article: str | None = None) -> MatchRef | None:
        """The first match in `from_article` or after it in reading order (wrapping), else the first."""
        if not self.per_article:
            return None
        if from_article is None:
            return MatchRef(self.per_article[0][0], 0)
        i = bisect_left(self._orders(), self._position(from_article))
        aid = self.per_article[i % len(self.per_article)][0]
        return MatchRef(aid, 0)

    def next_match(self, current: MatchRef | str | None = None, wrap: bool = True) -> MatchRef | None:
        """The match after `current` (a match, or the id of the article being read: n)."""
        if not self.per_article:
            return None
        if current is None:
            return MatchRef(self.per_article[0][0], 0)
        if isinstance(current, MatchRef):
            if current.index + 1 < self.count_for(current.article_id):
                return MatchRef(current.article_id, max(current.index + 1, 0))
            article_id = current.article_id
        else:
            article_id = current
        i = bisect_right(self._orders(), self._position(article_id))
        if i >= len(self.per_article):
            if not wrap:
                return None
            i = 0
        return MatchRef(self.per_article[i][0], 0)

    def prev_match(self, current: MatchRef | str | None = None, wrap: bool = True) -> MatchRef | None:
        """The match before `current` (N)."""
        if not self.per_article:
            return None
        if current is None:
            aid, count = self.per_article[-1]
            return MatchRef(aid, count - 1)
        if isinstance(current, MatchRef):
            count = self.count_for(current.article_id)
            if 0 < current.index <= count:
                return MatchRef(current.article_id, current.index - 1)
            article_id = current.article_id
        else:
            article_id = current
        i = bisect_left(self._orders(), self._position(article_id)) - 1
        if i < 0:
            if not wrap:
                return None
            i = len(self.per_article) - 1
        aid, count = self.per_article[i]
        return MatchRef(aid, count - 1)

    def _position(self, article_id: str) -> int:
        i = self._index.get(article_id)
        if i is not None:
            return self._orders()[i]
        pos = self.backend.order_of(article_id) if self.backend is not None else None
        if pos is None:  # an article the index does not know: before everything
            return -1
        return pos


def _order_or(backend: SearchBackend, article_id: str, default: int) -> int:
    pos = backend.order_of(article_id)
    return default if pos is None else pos


def search(
    backend: SearchBackend,
    query: str,
    options: SearchOptions = DEFAULT_OPTIONS,
    should_stop: Callable[[], bool] | None = None,
) -> SearchResult:
    """Run a query on a backend: always a SearchResult, with `error` set instead of raising."""
    try:
        counts = backend.count_matches(query, options, should_stop)
    except Exception as exc:  # noqa: BLE001 - a backend failure is shown, never raised into the UI
        return SearchResult(query, options, error=SearchError(f"search failed ({type(exc).__name__}: {exc})"))
    if isinstance(counts, SearchError):
        return SearchResult(query, options, error=counts)
    if should_stop is not None and not counts and should_stop():
        return SearchResult(query, options, cancelled=True)
    per_article = list(counts.items())
    return SearchResult(
        query,
        options,
        total_matches=sum(counts.values()),
        per_article=per_article,
        backend=backend,
    )


# --------------------------------------------------------------------------------------------
# The indexed backend


class _Postings:
    """Which articles hold one folded character, and how many times: parallel arrays in position order."""

    __slots__ = ("positions", "counts")

    def __init__(self) -> None:
        self.positions = array("I")
        self.counts = array("B")  # _SATURATED means "that many or more": recounted when read


# A count this high is stored as this and recounted exactly when a query needs it. Counts are
# kept in one byte: postings are most of the index's memory, and 255+ of one character or bigram
# in one article is rare.
_SATURATED = 0xFF
# A candidate set smaller than this is counted directly (str.count on each haystack):
# no trigram query is worth it.
_FEW_CANDIDATES = 600
# At most this many trigrams of a long query go to FTS5 (each one narrows less than the last).
_MAX_TRIGRAMS = 6
# Articles written to the trigram index per transaction (each commit makes them searchable there).
_FTS_BATCH = 256
# The bigrams and trigrams held by the most articles get their counts ahead of time (once the index holds at
# least _HOT_MIN_ARTICLES articles, and again each time it has doubled).
# Bigrams come first: a bigram held by ~10,000 articles costs ~25 ms to count on a keystroke,
# and (unlike a longer query) no further character narrows it.
_HOT_BIGRAMS = 900
_HOT_TRIGRAMS = 300
_HOT_MIN_ARTICLES = 2_000
# Results of this many recent queries are kept (backspace, retyping) until the next add.
_RESULT_CACHE = 64


def _fts5_trigram_available() -> bool:
    try:
        db = sqlite3.connect(":memory:")
        try:
            db.execute(_FTS_TABLE.format(table="t"))
        finally:
            db.close()
    except sqlite3.Error:
        return False
    return True


class IndexedSearch(MemorySearch):
    """`MemorySearch`'s semantics, answered from indexes instead of a scan of the whole corpus.

    * 1 folded character: per-character postings (article position, count), built as articles are
      added (`collections.Counter` per article, in C). The answer is read off, never counted.
    * 2+ characters: if one of its characters is rare, its postings are the candidates; otherwise
      SQLite FTS5 trigram indexes give them: for 3+ characters one of the folded text (articles
      holding all the query's trigrams), for 2 one of the *doubled* folded text ("abc" → "aabbcc":
      a trigram at an odd offset is one bigram, "abb" ⟺ "ab"). Both are contentless with
      `detail=none` (rowids only), in a temporary file under the cache dir (page cache, not RSS),
      written by their own thread (SQLite tokenizes without the GIL). Either way the candidates are
      counted exactly with `str.count`, so counts equal `MemorySearch`'s. The few hundred bigrams
      and trigrams held by the most articles (read off the indexes' vocabularies) are counted
      ahead, on that thread, since their candidates are most of the corpus.
    * Regular expressions: the scan of `MemorySearch` (with its time budget).

    Articles not yet in the trigram index (committed batch by batch) are candidates by their
    character postings, so results are complete while the index is built. An article re-added under
    a known id is re-counted directly from then on. If FTS5 is missing or its file cannot be made,
    2+ character queries use intersected character postings only (slower, still exact).
    With a `loader`, no `Article` is kept (see `MemorySearch`): what stays in memory is the folded
    text, the character postings and the counts of the commonest bigrams and trigrams.
    Call `close()` when done: it deletes the index file.
    """

    def __init__(
        self,
        articles: Iterable[Article] = (),
        *,
        directory: str | Path | None = None,
        trigrams: bool = True,
        loader: Callable[[str], Article | None] | None = None,
        keep_as: str | None = None,
    ) -> None:
        self._chars: dict[str, _Postings] = {}
        self._replaced: set[int] = set()  # positions re-added: their postings are stale
        self._fts_done = 0  # articles [0, _fts_done) are committed to the trigram index
        self._fts_failed: set[int] = set()  # positions the index refused (scanned instead)
        self._writer: sqlite3.Connection | None = None
        self._reader: sqlite3.Connection | None = None
        self._fts_path: str | None = None
        # A kept index (`keep_as`): the file stays for the next session with the same articles.
        self._kept_lock: int | None = None  # the flock'ed descriptor while this session owns it
        self._private_fd: int | None = None  # a private index's descriptor, flock'ed while in use
        self._reuse_ids: list[str] | None = None  # ids the kept file covers, position by position
        self._reuse_hot_upto = 0  # its precounted terms cover positions [0, this)
        self._queue: deque[tuple[int, str]] = deque()  # (position, folded text) for the indexer
        self._queue_ready = threading.Condition()
        self._indexer: threading.Thread | None = None
        self._held = False  # hold_trigrams(): queue, but do not write
        self._fts_lock = threading.Lock()  # the writer connection
        self._read_lock = threading.Lock()  # the reader connection
        # The commonest bigrams/trigrams, counted ahead: term → (articles covered, positions, counts).
        self._hot: dict[str, tuple[int, array, array]] = {}
        self._hot_size = 0
        self._generation = 0
        self._cache: OrderedDict[str, tuple[int, dict[str, int]]] = OrderedDict()
        self.build_seconds = 0.0  # time spent in add_articles, for the benchmark
        self.notices: list[str] = []
        # Opened by the first add_articles (a worker thread), not here: the app builds its
        # backend before its first paint, and a kept index takes tens of ms to open and read.
        self._fts_wanted: tuple[str | Path | None, str | None] | None = (directory, keep_as) if trigrams else None
        self._closed = False
        super().__init__(articles, loader=loader)

    # ---------------------------------------------------------------- trigram index file

    def _open_fts(self, directory: str | Path | None, keep_as: str | None = None) -> None:
        if not _fts5_trigram_available():
            self.notices.append("SQLite has no FTS5 trigram tokenizer; search uses character postings only")
            return
        candidates: list[str | None] = []
        try:
            from civread.cache import cache_dir

            candidates.append(str(directory) if directory is not None else str(cache_dir()))
        except Exception:  # noqa: BLE001 - no cache dir: the temp dir will do
            pass
        if keep_as is not None and candidates and self._open_kept(Path(candidates[0]), keep_as):
            return
        candidates.append(None)  # the system temp dir
        for where in candidates:
            try:
                if where is not None:
                    Path(where).mkdir(parents=True, exist_ok=True)
                _remove_orphan_indexes(Path(where) if where is not None else Path(tempfile.gettempdir()))
                fd, path = tempfile.mkstemp(prefix=_PRIVATE_PREFIX, suffix=".sqlite3", dir=where)
                _hold(fd)
            except OSError:
                continue
            try:
                writer = _connect_index(path)
                for table in ("hay", "tri"):  # doubled text (bigrams), plain text (trigrams)
                    writer.execute(_FTS_TABLE.format(table=table))
                reader = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            except sqlite3.Error:
                os.close(fd)
                _remove_index_file(path)
                continue
            self._writer, self._reader, self._fts_path = writer, reader, path
            self._private_fd = fd
            return
        self.notices.append("no place for the trigram index; search uses character postings only")

    def _open_kept(self, where: Path, key: str) -> bool:
        """Open (or start) the index kept for `key` in `where`, if no other session holds it.

        The file records which article id each position holds (`ids`) and the precounted terms
        (`hot`). A session that adds the same articles in the same order finds its index ready
        (`_reuse_ids`); one that differs rebuilds it (see `_index_trigrams`). Folding, pipeline and
        format are part of `meta.version`: any change there means a fresh file.
        """
        try:
            import fcntl

            where.mkdir(parents=True, exist_ok=True)
            _forget_old_kept(where, keep=_KEPT_INDEXES, current=key)
            lock = os.open(where / f"search-{key}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        except (ImportError, OSError):
            return False
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # another civread has this corpus open: a private index for this one
            os.close(lock)
            return False
        path = str(where / f"search-{key}.sqlite3")
        for _attempt in range(2):  # a damaged file is deleted (it is only an index) and made again
            writer: sqlite3.Connection | None = None
            try:
                writer = _connect_index(path)
                ids, hot_upto = _read_kept(writer)
                if ids is None:  # new, another version, or not whole: a new file (no dead pages)
                    writer.close()
                    _remove_index_file(path)
                    writer = _connect_index(path)
                    _create_kept(writer)
                    ids, hot_upto = [], 0
                reader = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            except sqlite3.Error:
                if writer is not None:
                    try:
                        writer.close()
                    except sqlite3.Error:
                        pass
                _remove_index_file(path)
                continue
            self._writer, self._reader, self._fts_path = writer, reader, path
            self._kept_lock = lock
            self._reuse_ids = ids or None
            self._reuse_hot_upto = hot_upto
            return True
        os.close(lock)
        return False

    def _open_fts_once(self) -> None:
        with self._fts_lock, self._read_lock:
            wanted, self._fts_wanted = self._fts_wanted, None
            if wanted is not None and not self._closed:
                self._open_fts(*wanted)

    def close(self) -> None:
        """Drop the trigram index file (it is only valid for this session's articles), or, when
        kept, leave it for the next session."""
        with self._queue_ready:
            self._queue.clear()
        with self._fts_lock, self._read_lock:
            self._closed = True
            if self._kept_lock is not None and self._writer is not None:
                try:
                    self._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                except sqlite3.Error:
                    pass
            for db in (self._writer, self._reader):
                if db is not None:
                    try:
                        db.close()
                    except sqlite3.Error:
                        pass
            self._writer = self._reader = None
            if self._kept_lock is not None:
                os.close(self._kept_lock)  # releases the flock
                self._kept_lock = None
                self._fts_path = None
            if self._fts_path is not None:
                _remove_index_file(self._fts_path)
                self._fts_path = None
            if self._private_fd is not None:
                try:
                    os.close(self._private_fd)  # releases the flock that marked the file as in use
                except OSError:
                    pass
                self._private_fd = None

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass

    @property
    def indexed(self) -> int:
        """How many articles the trigram index covers (the rest are scanned)."""
        return self._fts_done

    # ---------------------------------------------------------------- building

    def add_articles(self, articles: Iterable[Article]) -> None:
        """Index more articles (call it from a worker thread as pages load)."""
        start = time.perf_counter()
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= _FTS_BATCH:
                self._add_batch(batch)
                batch = []
        if batch:
            self._add_batch(batch)
        self.build_seconds += time.perf_counter() - start

    def _add_batch(self, batch: list[Article]) -> None:
        if self._fts_wanted is not None:  # the first article: now the index file is needed
            self._open_fts_once()
        new: list[tuple[int, str]] = []
        for article in batch:
            entry = _haystack(article)
            if entry is None:
                continue
            article_id, haystack = entry
            counts = Counter(haystack)
            counts.pop(_SEPARATOR, None)
            with self._lock:
                pos = self._position.get(article_id)
                if pos is None:
                    pos = len(self._ids)
                    for ch, n in counts.items():
                        postings = self._chars.get(ch)
                        if postings is None:
                            postings = self._chars[ch] = _Postings()
                        postings.positions.append(pos)
                        postings.counts.append(n if n < _SATURATED else _SATURATED)
                    self._position[article_id] = pos
                    self._ids.append(article_id)
                    self._hold(article)
                    self._haystacks.append(haystack)
                    new.append((pos, haystack))
                else:
                    self._hold(article, pos)
                    self._haystacks[pos] = haystack
                    self._replaced.add(pos)
                self._generation += 1
                self._cache.clear()
        self._index_trigrams(new)

    def _index_trigrams(self, new: list[tuple[int, str]]) -> None:
        """Queue articles for the trigram index, written by its own thread: SQLite tokenizes
        without the GIL, so it runs on another core and never slows the thread adding articles."""
        if self._writer is None or not new:
            return
        with self._queue_ready:
            if self._reuse_ids is not None:
                new = self._reuse(new)
            if new:
                self._queue.extend(new)
                self._start_indexer()
            elif self._hot_due() and self._fts_done >= self._reuse_hot_upto:
                self._start_indexer()  # all reused, but the kept file had no precounts this far

    def _reuse(self, new: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """Positions the kept index already holds (same id, same place) count as indexed; what
        is left is returned to be written. A kept index that holds other articles from some
        position on is emptied and rebuilt (contentless FTS5 rows cannot be deleted one by one).
        Called under _queue_ready, while nothing has been queued: no indexer is running."""
        ids = self._reuse_ids
        assert ids is not None
        for i, (pos, _) in enumerate(new):
            if pos == self._fts_done and pos < len(ids) and ids[pos] == self._ids[pos]:
                self._fts_done = pos + 1
                if self._fts_done == self._reuse_hot_upto:
                    self._load_hot()
                continue
            self._reuse_ids = None
            if pos == self._fts_done == len(ids):
                return new[i:]  # the kept index is a prefix of this corpus: carry on writing
            return self._restart_kept() + new[i:]
        return []

    def _restart_kept(self) -> list[tuple[int, str]]:
        """Empty the kept index; return what was counted as indexed, to be written again."""
        done = self._fts_done  # positions [0, done) were reused; `new` continues from done
        with self._fts_lock:
            self._fts_done = 0
            self._hot.clear()
            self._hot_size = 0
            self._reuse_hot_upto = 0
            if self._writer is not None:
                try:
                    _create_kept(self._writer, replace=True)
                except sqlite3.Error as exc:
                    self.notices.append(f"trigram index stopped ({_first_line(exc)}); longer queries scan instead")
                    self._writer = None
        with self._lock:
            return [(p, self._haystacks[p]) for p in range(done)]

    def _load_hot(self) -> None:
        """The kept precounts, once every position they cover is known to be the same article."""
        with self._fts_lock:
            if self._writer is None:
                return
            try:
                for term, upto, positions, counts in self._writer.execute("SELECT term, upto, positions, counts FROM hot"):
                    p, c = array("I"), array("B")  # one row at a time: no second copy of them all
                    p.frombytes(zlib.decompress(positions))
                    c.frombytes(zlib.decompress(counts))
                    if len(p) == len(c):
                        self._hot[term] = (upto, p, c)
            except (sqlite3.Error, zlib.error, ValueError, TypeError):
                self._hot.clear()
                return
        self._hot_size = self._reuse_hot_upto

    def _start_indexer(self) -> None:
        """Start the indexer thread if there is work and it is not running (call under _queue_ready)."""
        if not self._held and (self._indexer is None or not self._indexer.is_alive()):
            self._indexer = threading.Thread(target=self._index_loop, name="civread-trigrams", daemon=True)
            self._indexer.start()
        self._queue_ready.notify_all()

    def hold_trigrams(self, held: bool) -> None:
        """Hold the trigram index back (articles queue, nothing is written) or let it catch up.

        On a first open the pipeline's processes need every core, and the index's thread took a
        third of their pace; searches stay exact meanwhile, through the character postings.
        """
        with self._queue_ready:
            self._held = held
            if not held and self._queue:
                self._start_indexer()
            self._queue_ready.notify_all()

    def _index_loop(self) -> None:
        while True:
            with self._queue_ready:
                if self._held:  # resumed by hold_trigrams(False)
                    self._queue_ready.notify_all()
                    self._indexer = None
                    return
                if not self._queue and not self._hot_due():
                    self._queue_ready.notify_all()  # wake wait_indexed()
                    self._indexer = None
                    return
                batch = [self._queue.popleft() for _ in range(min(_FTS_BATCH, len(self._queue)))]
            if not batch:
                self._build_hot()
                continue
            if not self._write_trigrams(batch):
                with self._queue_ready:
                    self._queue.clear()
                    self._queue_ready.notify_all()
                    self._indexer = None
                return

    def _write_trigrams(self, batch: list[tuple[int, str]]) -> bool:
        kept = self._kept_lock is not None
        with self._fts_lock:
            if self._writer is None or batch[0][0] != self._fts_done:
                return False
            try:
                self._writer.execute("BEGIN")
                for pos, haystack in batch:
                    try:
                        # Bound as UTF-8 bytes, cast back to text: binding the str itself would leave
                        # a UTF-8 copy cached inside every haystack for good (1.5x their size in RSS).
                        self._writer.execute(_INSERT_TEXT.format(table="hay"), (pos + 1, _doubled(haystack).encode()))
                        self._writer.execute(_INSERT_TEXT.format(table="tri"), (pos + 1, haystack.encode()))
                    except (sqlite3.Error, UnicodeEncodeError, ValueError):
                        self._fts_failed.add(pos)
                    else:
                        if kept:  # a refused article leaves a gap: the next session rebuilds
                            self._writer.execute("INSERT OR REPLACE INTO ids(pos, id) VALUES (?, ?)", (pos, self._ids[pos]))
                self._writer.execute("COMMIT")
            except sqlite3.Error as exc:
                self.notices.append(f"trigram index stopped ({_first_line(exc)}); longer queries scan instead")
                try:
                    self._writer.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
                return False
            self._fts_done = batch[-1][0] + 1
            return True

    def _hot_due(self) -> bool:
        """Time to (re)count the commonest bigrams: enough articles, and twice as many as last time."""
        return (
            self._writer is not None
            and _HOT_BIGRAMS > 0
            and self._fts_done >= max(_HOT_MIN_ARTICLES, 2 * self._hot_size)
        )

    def _build_hot(self) -> None:
        """Exact counts for the bigrams and trigrams held by the most articles (from the indexes'
        vocabularies). Those are the 2- and 3-character queries whose candidates are most of the
        corpus; counted here,
        on the indexer thread, in slices (so the GIL is handed back often), instead of on a keystroke.
        """
        done = self._fts_done
        self._hot_size = done
        terms: list[str] = []
        for table, limit in (("hay", _HOT_BIGRAMS), ("tri", _HOT_TRIGRAMS)):
            with self._fts_lock:
                if self._writer is None:
                    return
                try:
                    self._writer.execute(
                        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_{table} USING fts5vocab(main, {table}, 'row')"
                    )
                    rows = self._writer.execute(
                        f"SELECT term FROM temp.vocab_{table} ORDER BY doc DESC LIMIT ?", (3 * limit,)
                    ).fetchall()
                except sqlite3.Error:
                    return
            grams = (t for (t,) in rows if isinstance(t, str) and len(t) == 3)
            if table == "hay":
                grams = map(_undoubled, grams)
            terms += [g for g in dict.fromkeys(grams) if _SEPARATOR not in g][:limit]
        for term in terms:
            candidates = self._fts_candidates(term, done)
            if candidates is None or self._writer is None:
                return
            haystacks = self._haystacks
            positions = array("I")
            counts = array("B")
            for lo in range(0, len(candidates), 2_000):
                part = candidates[lo : lo + 2_000]
                found = list(map(str.count, map(haystacks.__getitem__, part), repeat(term)))
                positions.extend(compress(part, found))
                counts.extend(c if c < _SATURATED else _SATURATED for c in found if c)
            self._hot[term] = (done, positions, counts)
        if self._kept_lock is not None:
            self._keep_hot(done)

    def _keep_hot(self, upto: int) -> None:
        """Write the precounts into the kept index, for the next session."""
        with self._fts_lock:
            if self._writer is None:
                return
            try:
                self._writer.execute("BEGIN")
                self._writer.execute("DELETE FROM hot")
                # Row by row: a list of copies of every precount (tens of MB at once) stayed in the
                # heap after it was freed. Compressed (sorted positions, small counts: a third).
                self._writer.executemany(
                    "INSERT INTO hot(term, upto, positions, counts) VALUES (?, ?, ?, ?)",
                    ((t, u, zlib.compress(p, 1), zlib.compress(c, 1)) for t, (u, p, c) in list(self._hot.items()) if u == upto),
                )
                self._writer.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('hot_upto', ?)", (str(upto),))
                self._writer.execute("COMMIT")
            except sqlite3.Error:
                try:
                    self._writer.execute("ROLLBACK")
                except sqlite3.Error:
                    pass

    def wait_indexed(self, timeout: float | None = None) -> bool:
        """Block until the trigram index has caught up with every added article (tests, benchmarks);
        False if it has not by `timeout`, or is held back with articles still queued."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._queue_ready:
            while (self._queue and not self._held) or (self._indexer is not None and self._indexer.is_alive()):
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._queue_ready.wait(remaining if remaining is not None else 0.5)
            return not self._queue

    # ---------------------------------------------------------------- counting

    def count_matches(
        self,
        query: str,
        options: SearchOptions = DEFAULT_OPTIONS,
        should_stop: Callable[[], bool] | None = None,
    ) -> dict[str, int] | SearchError:
        """Matches per article (only articles with ≥1), in corpus order; the same as `MemorySearch`."""
        prepared = prepare(query, options)
        if isinstance(prepared, SearchError) or prepared.is_empty:
            return prepared if isinstance(prepared, SearchError) else {}
        if prepared.regex is not None:
            return super().count_matches(query, options, should_stop)
        needle = prepared.text
        with self._lock:
            generation = self._generation
            hit = self._cache.get(needle)
            if hit is not None and hit[0] == generation:
                self._cache.move_to_end(needle)
                return hit[1]
            ids = self._ids
            haystacks = self._haystacks
            n = len(ids)
            replaced = sorted(self._replaced)
            postings = [self._chars.get(ch) for ch in set(needle)]
            # Snapshots of the postings: the adding thread appends to them while we read.
            if all(p is not None for p in postings):
                snap = [(p.positions[:], p.counts[:]) for p in postings]  # type: ignore[union-attr]
            else:
                snap = []
        if not snap:  # a character no article holds
            found: dict[str, int] = {}
            if replaced:
                found = self._recount(needle, replaced, {}, ids, haystacks)
        elif len(needle) == 1:
            positions, counts = snap[0]
            found = dict(zip(map(ids.__getitem__, positions), counts))
            if _SATURATED in counts:  # an article with 255+ of this character: count it
                for i in compress(range(len(counts)), map(_SATURATED.__eq__, counts)):
                    found[ids[positions[i]]] = haystacks[positions[i]].count(needle)
            if replaced:
                found = self._recount(needle, replaced, found, ids, haystacks)
        elif len(needle) <= 3 and needle in self._hot:
            upto, hot_positions, hot_counts = self._hot[needle]
            found = dict(zip(map(ids.__getitem__, hot_positions), hot_counts))
            if _SATURATED in hot_counts:
                for i in compress(range(len(hot_counts)), map(_SATURATED.__eq__, hot_counts)):
                    found[ids[hot_positions[i]]] = haystacks[hot_positions[i]].count(needle)
            rarest = min((pc[0] for pc in snap), key=len)
            tail = list(rarest[bisect_left(rarest, upto) :])  # added since the bigram was counted
            for pos, count in zip(tail, map(str.count, map(haystacks.__getitem__, tail), repeat(needle))):
                if count:
                    found[ids[pos]] = count
            if replaced:
                found = self._recount(needle, replaced, found, ids, haystacks)
        else:
            candidates = self._candidates(needle, snap, n, should_stop)
            if candidates is None:
                return {}
            if replaced:
                candidates = sorted(set(candidates).union(replaced))
            counts_list = list(map(str.count, map(haystacks.__getitem__, candidates), repeat(needle)))
            found = {ids[candidates[i]]: c for i, c in enumerate(counts_list) if c}
        if should_stop is not None and should_stop():
            return {}
        with self._lock:
            if self._generation == generation:
                self._cache[needle] = (generation, found)
                if len(self._cache) > _RESULT_CACHE:
                    self._cache.popitem(last=False)
        return found  # shared with the result cache: read it, do not change it

    def _recount(
        self, needle: str, replaced: list[int], found: dict[str, int], ids: list[str], haystacks: list[str]
    ) -> dict[str, int]:
        """Postings are stale for re-added articles: count those directly, keep corpus order."""
        by_pos = {self._position[aid]: c for aid, c in found.items()}
        for pos in replaced:
            if pos < len(haystacks):
                count = haystacks[pos].count(needle)
                if count:
                    by_pos[pos] = count
                else:
                    by_pos.pop(pos, None)
        return {ids[pos]: by_pos[pos] for pos in sorted(by_pos)}

    def _candidates(
        self,
        needle: str,
        snap: list[tuple[array, array]],
        n: int,
        should_stop: Callable[[], bool] | None,
    ) -> list[int] | None:
        """Positions (sorted) that may hold `needle`: a superset of those that do."""
        snap.sort(key=lambda pc: len(pc[0]))
        rarest = snap[0][0]
        if len(rarest) <= _FEW_CANDIDATES:
            return list(rarest)
        done = min(self._fts_done, n)
        if self._reader is not None and done > 0:
            from_index = self._fts_candidates(needle, done)
            if from_index is not None:
                out = from_index + list(rarest[bisect_left(rarest, done) :])  # not indexed yet: scan
                failed = [p for p in self._fts_failed if p < n]
                return sorted(set(out).union(failed)) if failed else out
        if should_stop is not None and should_stop():
            return None
        common = set(rarest)
        for positions, _ in snap[1:]:
            common.intersection_update(positions)
        return sorted(common)

    def _fts_candidates(self, needle: str, done: int) -> list[int] | None:
        """Positions whose folded text holds every trigram of `needle` (None: index unusable)."""
        if len(needle) >= 3:  # the plain trigram index: the query's own trigrams
            table = "tri"
            grams = list(dict.fromkeys(needle[i : i + 3] for i in range(len(needle) - 2)))
        else:  # the doubled-text index: "abb" ⟺ the bigram "ab"
            table = "hay"
            doubled = _doubled(needle)
            grams = [doubled[1:4]]
        if len(grams) > _MAX_TRIGRAMS:  # spread over the whole query
            step = (len(grams) - 1) / (_MAX_TRIGRAMS - 1)
            grams = list(dict.fromkeys(grams[round(i * step)] for i in range(_MAX_TRIGRAMS)))
        expression = " AND ".join('"' + g.replace('"', '""') + '"' for g in grams)
        with self._read_lock:  # not the writer's lock: WAL lets this read while a batch is written
            if self._reader is None:
                return None
            try:
                rows = self._reader.execute(
                    f"SELECT rowid FROM {table} WHERE {table} MATCH ? AND rowid <= ? ORDER BY rowid", (expression, done)
                ).fetchall()
            except (sqlite3.Error, UnicodeEncodeError):
                return None
        return [r - 1 for (r,) in rows]


_INSERT_TEXT = "INSERT INTO {table}(rowid, x) VALUES (?, CAST(? AS TEXT))"
# Contentless, rowids only: the index gives candidates, the text itself is in memory.
_FTS_TABLE = "CREATE VIRTUAL TABLE {table} USING fts5(x, tokenize='trigram', content='', detail='none')"
# Kept indexes (one per corpus opened) beyond this many, least recently used first, are deleted.
_KEPT_INDEXES = 4
# Bumped when what a kept index holds, or how, changes.
_KEPT_FORMAT = "2"


@lru_cache(maxsize=1)
def _kept_version() -> str:
    """What a kept index depends on: its format, the pipeline, and the folding tables."""
    import hashlib
    import unicodedata

    import civread

    fold = hashlib.sha1(repr(sorted(_FOLD.items())).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{_KEPT_FORMAT}/{civread.PIPELINE_VERSION}/{unicodedata.unidata_version}/{fold}"


def _connect_index(path: str) -> sqlite3.Connection:
    """The writer's connection to an index file (kept or private)."""
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA auto_vacuum = INCREMENTAL")  # takes effect on a new file: see _create_kept
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = OFF")
    return db


def _create_kept(db: sqlite3.Connection, replace: bool = False) -> None:
    """The kept index's tables; `replace` drops the old ones first and gives their pages back."""
    if replace:
        for table in ("hay", "tri", "ids", "hot", "meta"):
            db.execute(f"DROP TABLE IF EXISTS {table}")
        db.execute("PRAGMA incremental_vacuum")
    for table in ("hay", "tri"):
        db.execute(_FTS_TABLE.format(table=table))
    db.execute("CREATE TABLE ids (pos INTEGER PRIMARY KEY, id TEXT NOT NULL)")
    db.execute("CREATE TABLE hot (term TEXT PRIMARY KEY, upto INTEGER NOT NULL, positions BLOB, counts BLOB)")
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("INSERT INTO meta(key, value) VALUES ('version', ?)", (_kept_version(),))


def _read_kept(db: sqlite3.Connection) -> tuple[list[str] | None, int]:
    """The ids a kept index covers (positions 0, 1, … with no gap) and how far its precounts go;
    None when the file is new, of another version, or not whole."""
    try:
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("version") != _kept_version():
            return None, 0
        rows = db.execute("SELECT pos, id FROM ids ORDER BY pos").fetchall()
    except sqlite3.OperationalError:  # no such table: a new file
        return None, 0
    if any(pos != i for i, (pos, _) in enumerate(rows)):
        return None, 0
    hot_upto = int(meta.get("hot_upto", "0") or 0)
    return [str(i) for _, i in rows], hot_upto if hot_upto <= len(rows) else 0


def _forget_old_kept(where: Path, keep: int, current: str) -> None:
    """Delete the least recently used kept indexes beyond `keep` (never one a session holds)."""
    import fcntl

    try:
        files = sorted(where.glob("search-*.sqlite3"), key=lambda f: f.stat().st_mtime, reverse=True)
    except OSError:
        return
    kept = [f for f in files if (f.parent / (f.name[: -len(".sqlite3")] + ".lock")).exists()]
    for old in kept[keep:]:
        name = old.name[: -len(".sqlite3")]
        if name == f"search-{current}":
            continue
        try:
            lock = os.open(where / f"{name}.lock", os.O_RDWR)
        except OSError:
            continue
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(lock)
            continue
        _remove_index_file(str(old))
        _remove_quietly(str(where / f"{name}.lock"))
        os.close(lock)


def _doubled(text: str) -> str:
    """Every character twice ("abc" → "aabbcc"). In doubled text a trigram taken at an odd offset
    is exactly one bigram of the original ("abb" ⟺ "ab"; "aaa" ⟺ "aa"), so a trigram index of
    doubled text answers 2-character queries too, and longer ones by all their bigrams."""
    return "".join(chain.from_iterable(zip(text, text)))


def _undoubled(term: str) -> str:
    """The bigram a trigram of doubled text stands for ("aab" and "abb" → "ab", "aaa" → "aa")."""
    return term[1:] if term[0] == term[1] else term[:2]


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


# A session's own (not kept) index file: `search-tmp-XXXXXXXX.sqlite3`, flock'ed (shared) for as
# long as the session lives. A run killed with -9 cannot delete its file; the next one does.
_PRIVATE_PREFIX = "search-tmp-"


def _hold(fd: int) -> None:
    """Mark a private index file as in use (a shared flock: released when the process dies)."""
    try:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except (ImportError, OSError):
        pass


def _remove_orphan_indexes(where: Path) -> None:
    """Delete the private index files (and their WAL files) no living session holds."""
    try:
        import fcntl
    except ImportError:
        return
    try:
        found = list(where.glob(f"{_PRIVATE_PREFIX}*.sqlite3"))
    except OSError:
        return
    for path in found:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # only when no session holds it
        except OSError:
            os.close(fd)
            continue
        _remove_index_file(str(path))
        os.close(fd)


def _remove_index_file(path: str) -> None:
    """An index database and its WAL files."""
    for suffix in ("", "-wal", "-shm"):
        _remove_quietly(path + suffix)


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
