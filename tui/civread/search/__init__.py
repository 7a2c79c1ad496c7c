"""Search over a corpus: folded, script-insensitive, offsets mapped back to the display text.

Pure and UI-free. The app's search worker calls `search(backend, query, options, should_stop)`
on every keystroke; the reader asks the result for `spans_for(article_id)` of the article on show.

The modules, in the order a query goes through them:

* `fold`      — the one form text and queries are matched in (t2s, width, case, no whitespace);
* `sections`  — which strings of an article are searched, and its folded haystack;
* `options`   — SearchOptions, SearchError, the time budget's exception;
* `query`     — options → a matcher (`prepare`): `plain` (str.count) or `patterns` (regex, bounded);
* `texts`     — FoldedTexts: ids, haystacks and positions, under one lock, shared by the backends;
* `memory`    — MemorySearch: a scan; the reference the indexed backend is tested against;
* `indexed`   — IndexedSearch: `postings` (per character), the `trigram_file` written by the
                `indexer` thread, `precounts` of the commonest bigrams and trigrams;
* `result`    — SearchResult: counts, match numbers, next/previous across articles; `search()`.
"""

from civread.search.backend import SearchBackend
from civread.search.fold import fold_query, fold_text, fold_with_map
from civread.search.indexed import IndexedSearch
from civread.search.memory import MemorySearch
from civread.search.options import DEFAULT_OPTIONS, MAX_QUERY_CHARS, SearchError, SearchOptions
from civread.search.patterns import MAX_PATTERN_CHARS, MAX_PATTERN_WEIGHT, pattern_weight
from civread.search.query import PreparedQuery, prepare
from civread.search.result import MatchRef, SearchResult, search
from civread.search.sections import (
    BYLINE,
    LOCALITY,
    PARAGRAPH,
    SECTION_ORDER,
    SUBTITLE,
    TITLE,
    Span,
    article_sections,
    section_text,
)

__all__ = [
    "BYLINE",
    "DEFAULT_OPTIONS",
    "LOCALITY",
    "MAX_PATTERN_CHARS",
    "MAX_PATTERN_WEIGHT",
    "MAX_QUERY_CHARS",
    "PARAGRAPH",
    "SECTION_ORDER",
    "SUBTITLE",
    "TITLE",
    "IndexedSearch",
    "MatchRef",
    "MemorySearch",
    "PreparedQuery",
    "SearchBackend",
    "SearchError",
    "SearchOptions",
    "SearchResult",
    "Span",
    "article_sections",
    "fold_query",
    "fold_text",
    "fold_with_map",
    "pattern_weight",
    "prepare",
    "search",
    "section_text",
]
