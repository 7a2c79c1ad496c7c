"""The regex matcher: a pattern folded like the text, compiled once, matched within a time budget.

Regular expressions run on the folded text, case-insensitively. Whitespace in the pattern is
ignored unless escaped, and since the text has none, `\\s` never matches. A pattern that does not
compile is a `SearchError` carrying the engine's message with a position in the pattern as typed.
Catastrophic backtracking is bounded by time: matching uses the `regex` package with a `timeout`
(the whole search shares one budget, `SearchOptions.time_budget`) and overrunning it gives a
`SearchError`. Without the `regex` package the standard `re` is used and the budget is only
checked between sections, which bounds ordinary slow patterns but not one pathological paragraph.
Patterns whose counted repeats multiply out too far are refused before compiling. Empty
(zero-width) matches are not counted.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from civread.search.fold import PATTERN_FOLD, simplify_query, strip_pattern_whitespace
from civread.search.options import MatchTimeout, SearchError
from civread.search.plain import PlainQuery
from civread.search.sections import SEPARATOR

try:  # the `regex` package: same syntax as `re`, plus a matching timeout
    import regex as _engine

    _HAS_TIMEOUT = True
except ImportError:  # pragma: no cover - `regex` ships with trafilatura's dependencies
    _engine = re
    _HAS_TIMEOUT = False

# A regular expression longer than this is refused: compiling huge patterns costs memory and time.
MAX_PATTERN_CHARS = 1_000
# A regular expression whose repetitions, multiplied out, would make a program larger than this
# is refused before it is compiled: the `regex` package unrolls counted repeats when compiling,
# so `(?:(?:(?:a{100}){100}){100}){100}` (35 characters) asks for 10^8 nodes and grew the app to
# 17 GB; 10^6 takes 290 MB and half a second (measured), 2 × 10^5 about 60 MB.
MAX_PATTERN_WEIGHT = 200_000


@dataclass(frozen=True, slots=True)
class RegexQuery:
    """A compiled pattern over folded text."""

    text: str  # the folded pattern
    regex: Any  # compiled
    time_budget: float = 1.5
    # The same pattern with MULTILINE, run over a whole haystack at once when `_joinable` says the
    # result is the same as section by section (it is much faster: one call per article).
    whole: Any = None

    @property
    def is_empty(self) -> bool:
        return not self.text

    def count_all(self, haystacks: Sequence[str], deadline: float) -> list[int]:
        return [self._count(h, deadline) for h in haystacks]

    def find(self, folded: str, deadline: float, pattern: Any = None) -> Iterable[tuple[int, int]]:
        """Non-empty matches in one section, within the deadline."""
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            raise MatchTimeout
        pattern = self.regex if pattern is None else pattern
        try:
            matches = pattern.finditer(folded, timeout=remaining) if _HAS_TIMEOUT else pattern.finditer(folded)
            for m in matches:
                start, end = m.span()
                if end > start:
                    yield start, end
        except TimeoutError as exc:
            raise MatchTimeout from exc

    def _count(self, haystack: str, deadline: float) -> int:
        """Non-empty matches in all sections of one haystack (a match never spans two sections)."""
        if self.whole is not None:
            # One pass over the joined sections; valid while no match runs over a separator.
            total = 0
            for start, end in self.find(haystack, deadline, self.whole):
                if SEPARATOR in haystack[start:end]:
                    break
                total += 1
            else:
                return total
        return sum(1 for section in haystack.split(SEPARATOR) if section for _ in self.find(section, deadline))


def prepare_regex(query: str, time_budget: float) -> RegexQuery | PlainQuery | SearchError:
    """Check and compile a pattern: too long, too complex and invalid become a SearchError."""
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
    flags = _engine.IGNORECASE
    try:  # as typed first, so an error's position points into what the user sees
        _engine.compile(query, flags)
        folded = strip_pattern_whitespace(simplify_query(query).translate(PATTERN_FOLD))
        if not folded:
            return PlainQuery("", time_budget)
        compiled = _engine.compile(folded, flags)
        whole = _engine.compile(folded, flags | _engine.MULTILINE) if _joinable(folded) else None
    except _engine.error as exc:
        return _regex_error(exc)
    except (RecursionError, MemoryError, OverflowError, ValueError, TypeError) as exc:
        return SearchError(f"invalid regular expression ({type(exc).__name__})")
    return RegexQuery(folded, compiled, time_budget, whole)


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


def _regex_error(exc: Exception) -> SearchError:
    msg = getattr(exc, "msg", None) or str(exc) or "invalid regular expression"
    pos = getattr(exc, "pos", None)
    if isinstance(pos, int):
        return SearchError(f"{msg} at position {pos}", pos)
    return SearchError(str(msg))


_COUNTED = re.compile(r"\{(\d*)(?:,(\d*))?\}")  # `{m}`, `{m,}`, `{,n}`, `{m,n}` right after an atom


def pattern_weight(pattern: str) -> int:
    """How large a regular expression gets once its counted repeats are multiplied out: each atom
    counts 1, a group the sum of what it holds, `X{m,n}` X's weight times max(m, n).

    A linear scan of the pattern as typed, no compiling. Approximate on purpose (it only needs to
    find the explosive patterns); `*`, `+` and `?` do not multiply (their cost is time, which the
    matching timeout bounds).
    """
    stack: list[list[int]] = [[0, 0]]  # per open group: [weight so far, weight of the last atom]
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        frame = stack[-1]
        if ch == "(" and not pattern.startswith("(?#", i):
            stack.append([0, 0])
            i += 1
        elif ch == ")":
            if len(stack) > 1:
                inner = stack.pop()[0]
                stack[-1][0] += inner
                stack[-1][1] = inner
            i += 1
        elif ch == "{" and (m := _COUNTED.match(pattern, i)) is not None and (m.group(1) or m.group(2)):
            low = int(m.group(1) or 0)
            factor = max(low, int(m.group(2)) if m.group(2) else low, 1)
            frame[0] += frame[1] * (factor - 1)
            frame[1] *= factor
            i = m.end()
        elif ch in "|*+?":
            if ch == "|":
                frame[1] = 0
            i += 1
        else:
            i = _atom_end(pattern, i)
            if i > 0:  # an atom (a comment `(?#…)` is skipped without weight)
                frame[0] += 1
                frame[1] = 1
            i = abs(i)
    while len(stack) > 1:  # unclosed groups (the compiler will say so): fold them in
        inner = stack.pop()[0]
        stack[-1][0] += inner
    return stack[0][0]


def _atom_end(pattern: str, i: int) -> int:
    """Where the atom starting at `i` ends; negative when it was a comment (no weight)."""
    n = len(pattern)
    ch = pattern[i]
    if ch == "\\":
        i += 2
        if i <= n and pattern[i - 1 : i] in ("p", "P", "N", "x", "u", "U", "g") and pattern[i : i + 1] in "{<":
            close = pattern.find("}" if pattern[i] == "{" else ">", i)
            i = n if close < 0 else close + 1
        return i
    if ch == "[":
        return _class_end(pattern, i)
    if ch == "(":  # only a comment reaches here
        close = pattern.find(")", i)
        return -(n if close < 0 else close + 1)
    return i + 1


def _class_end(pattern: str, i: int) -> int:
    """Where the character class opening at `i` ends (nested classes and escapes skipped)."""
    n = len(pattern)
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
    return j
