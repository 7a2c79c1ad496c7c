"""Pinyin search without a Chinese input method: `zhaoqing`, `zq`, `zhiyuan fuwu`, `zhaoqing 文明`.

Why this shape: keystroke search must stay fast on a 10,000-page archive, so a pinyin query is
never matched by converting text at query time. Each article's folded search text (the search's
haystack) has a *projection* of the same length, one character for one:

* every Han character becomes the code of its toneless syllable (a private-use character,
  `U+E000 + n`, in the sorted order of the syllables, so the syllables sharing a prefix —
  everything starting with `zh`, or `qin`/`qing` — are one contiguous range of codes);
* every other character stays itself (digits, Latin letters, punctuation, the separator), and a
  private-use character already in the text becomes U+FFFD, so no page text poses as a code.

Because the offsets are the same, a match in the projection *is* a match in the folded text:
the search maps it back to the display text exactly as it maps a Chinese match. A query of full
syllables is then a plain substring of the projection (`str.count`); initials (`zq`) are a
substring of the *initials* projection (`initials()`: each code as a mark of its first letter
that neither page text nor the search's folding can produce; one byte a character).

Polyphones are read in their words (重庆 is chong, 银行 is hang, 行长 is hang zhang): the text is
cut into words (rjieba, as everywhere in civread) and a word found in pypinyin's phrase
dictionary takes the phrase's readings. That costs a segmentation, so it is done once per
article where its page is processed (`context_readings`), kept with the page's measures as the
few (offset, syllable) pairs that differ from each character's own first reading, and applied
with `project(text, readings)`: a `str.translate` and a patch, at C speed.

Query rules (`parse_query`): whitespace and `'` separate syllables; a run of Latin letters is cut
into syllables with the fewest units (`xian` is one syllable, `xi'an` two); a letter that starts
no full syllable, a single letter, and the query's last syllable (still being typed) match as a
prefix (`zq`, `zhaoq`, `zhiyuan f`); tone marks and tone digits are ignored; `ü`, `v` and `u:`
are the same letter and `u` after l/n also finds ü (`lu` finds 路 and 绿); Han characters and
other characters in the query match themselves (`zhaoqing 文明`). Pure: no Textual, no Rich.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress

__all__ = [
    "PinyinQuery",
    "Unit",
    "article_readings",
    "context_readings",
    "halves",
    "halves_needle",
    "syllable_then_letter",
    "initial_marks",
    "initials",
    "looks_like_pinyin",
    "pack_readings",
    "parse_query",
    "project",
    "section_matches",
    "syllable_of",
    "unpack_readings",
]

_CODE_BASE = 0xE000
_CODE_LIMIT = 0xE400  # private-use characters in [base, limit) are reserved for codes
# The initials projection's letters: U+0086 + (letter - "a"), C1 controls that the pipeline's
# sanitizing removes from every page, that are not whitespace (U+0085 is) and that folding
# leaves alone; every character outside Latin-1 becomes "?", so the string is one byte a character.
_INITIAL_BASE = 0x86
_REPLACEMENT = "\ufffd"
# The halves projection (`halves()`): two one-byte symbols a character. A Han character is the
# mark of its syllable's first letter (`initial_marks`), then the rest of the syllable as one of
# ~60 tails (_TAILS: Latin-1 characters that the search's folding leaves as they are, as it must,
# for a needle is folded like any query, and that case folding does too, as SQLite's trigram index
# folds its terms: no µ, no ß); any other character is _OTHER, then itself if printable ASCII,
# else _PLACEHOLDER. Marks and tails are never page text there (non-ASCII page text is a placeholder).
_TAILS = "".join(chr(c) for c in [*range(0xA1, 0xC0), 0xD7, *range(0xE0, 0x100)] if chr(c).casefold() == chr(c))
_OTHER = "\x81"
_PLACEHOLDER = "\x7f"
# Interjection readings (嗯 n/ng, 呣 m, 哼 hng): never what a one-letter or two-letter unit means.
_INTERJECTIONS = frozenset({"m", "n", "ng", "hm", "hng", "r"})
# A query with more alternative cuts than this keeps the first ones (fewest units first).
_MAX_ALTERNATIVES = 4
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_TONE_VOWELS = str.maketrans(
    {"ü": "v", "Ü": "v", "ǖ": "v", "ǘ": "v", "ǚ": "v", "ǜ": "v", "ń": "n", "ň": "n", "ǹ": "n", "ḿ": "m"}
)
_SEPARATORS = re.compile(r"[\s'’‘`·]+")
# Inside one chunk: a run of pinyin letters (optionally with tone digits after syllables), or one other character.
_CHUNK_PARTS = re.compile(r"[a-z]+(?:[1-5](?=[a-z]|$)[a-z]*)*|.", re.S)


@lru_cache(maxsize=8192)
def _toneless(reading: str) -> str:
    """A pypinyin reading without its tone: "zhào" → "zhao", "lǜ" → "lv", "ê" → "e"."""
    reading = reading.translate(_TONE_VOWELS)
    return "".join(ch for ch in unicodedata.normalize("NFD", reading) if not unicodedata.combining(ch)).lower()


# ------------------------------------------------------------------------------ tables


@dataclass(frozen=True, slots=True)
class _Tables:
    syllables: tuple[str, ...]  # sorted; syllables[i] has the code chr(_CODE_BASE + i)
    code: dict[str, str]  # syllable → code character
    default: dict[int, str]  # Han code point → code of its first reading; reserved PUA → U+FFFD
    to_initial: dict[int, str]  # code → the mark of its first letter (`initial_marks`)
    readings: dict[str, tuple[str, ...]]  # Han character → every toneless reading
    halves: dict[str, str]  # code → its two symbols in the halves projection
    halves_default: dict[int, str]  # code point → its two symbols (grown with the non-Han seen)
    halves_known: set[str]  # the characters halves_default has (a set of str: set differences in C)


def _character_readings() -> dict[str, str]:
    """pypinyin's character dictionary (code point → "zhào,…"), read from its data file: importing
    the package also loads its phrase dictionary (~45 MB), which only `context_readings` needs."""
    import importlib.util
    import json
    from pathlib import Path

    spec = importlib.util.find_spec("pypinyin")
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        try:
            return json.loads((Path(folder) / "pinyin_dict.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
    from pypinyin.constants import PINYIN_DICT  # a layout without the data file

    return {str(k): v for k, v in PINYIN_DICT.items()}


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """Built once per process from pypinyin's character dictionary (~0.1 s)."""
    readings: dict[str, tuple[str, ...]] = {}
    for cp, joined in _character_readings().items():
        readings[chr(int(cp))] = tuple(dict.fromkeys(_toneless(r) for r in joined.split(",") if r))
    syllables = tuple(sorted({s for rs in readings.values() for s in rs if s.isascii() and s.isalpha()}))
    if _CODE_BASE + len(syllables) > _CODE_LIMIT:  # pragma: no cover - pinyin has ~420 syllables
        raise RuntimeError("too many pinyin syllables for the code range")
    code = {s: chr(_CODE_BASE + i) for i, s in enumerate(syllables)}
    default: dict[int, str] = {cp: _REPLACEMENT for cp in range(_CODE_BASE, _CODE_LIMIT)}
    for ch, rs in readings.items():
        if rs and rs[0] in code:
            default[ord(ch)] = code[rs[0]]
    to_initial = {ord(c): initial_marks(s[0]) for s, c in code.items()}
    tails = sorted({s[1:] for s in syllables})
    if len(tails) > len(_TAILS):  # pragma: no cover - pinyin has ~60 tails
        raise RuntimeError("too many pinyin tails for one byte")
    tail = dict(zip(tails, _TAILS))
    halves = {c: initial_marks(s[0]) + tail[s[1:]] for s, c in code.items()}
    halves_default = {cp: halves[c] if c in halves else _OTHER + _PLACEHOLDER for cp, c in default.items()}
    known = {chr(cp) for cp in halves_default}
    return _Tables(syllables, code, default, to_initial, readings, halves, halves_default, known)


def syllable_of(code: str) -> str | None:
    """The syllable a projection character stands for (None for a character that is itself)."""
    n = ord(code) - _CODE_BASE if len(code) == 1 else -1
    syllables = _tables().syllables
    return syllables[n] if 0 <= n < len(syllables) else None


# ------------------------------------------------------------------------------ projections


@lru_cache(maxsize=65536)
def _word_readings(word: str) -> tuple[tuple[int, str], ...]:
    """Offsets in `word` whose reading in the word differs from the character's first reading.

    A word in pypinyin's phrase dictionary takes its readings; a longer word that is not one is
    covered by the longest phrases inside it, left to right (as pypinyin's own segmenter does)."""
    from pypinyin.constants import PHRASES_DICT

    tables = _tables()
    out: list[tuple[int, str]] = []
    i, n = 0, len(word)
    while i < n - 1:
        for j in range(n, i + 1, -1):
            phrase = PHRASES_DICT.get(word[i:j])
            if phrase is not None and len(phrase) == j - i:
                for k, options in enumerate(phrase):
                    ch = word[i + k]
                    if not options:
                        continue
                    reading = _toneless(options[0])
                    own = tables.readings.get(ch)
                    if own and reading != own[0] and reading in tables.code:
                        out.append((i + k, reading))
                i = j
                break
        else:
            i += 1
    return tuple(out)


@lru_cache(maxsize=1)
def _polyphone_set() -> frozenset[str]:
    return frozenset(ch for ch, rs in _tables().readings.items() if len(rs) > 1)


# Words already looked at (this process), and those among them that read a polyphone otherwise
# than alone: set operations in C pick an article's words out, a Python loop touches only hits.
_SEEN_WORDS: set[str] = set()
_HIT_WORDS: set[str] = set()


def context_readings(text: str) -> tuple[tuple[int, str], ...]:
    """The (offset, syllable) pairs where a polyphone in `text` is read otherwise than alone.

    Run once per article where its page is processed; `project(text, readings)` applies them."""
    import rjieba

    return _readings_of_words(rjieba.cut(text))


def _readings_of_words(words: list[str]) -> tuple[tuple[int, str], ...]:
    """`context_readings` of the text these words (its whole cut, in order) make up."""
    distinct = set(words)
    new = distinct - _SEEN_WORDS
    if new:
        poly = _polyphone_set()
        for word in new:
            if len(word) > 1 and not poly.isdisjoint(word) and _word_readings(word):
                _HIT_WORDS.add(word)
        if len(_SEEN_WORDS) > 500_000:  # a bounded memory, however large the corpus
            _SEEN_WORDS.clear()
            _HIT_WORDS.clear()
        _SEEN_WORDS.update(new)
    hits = distinct & _HIT_WORDS
    if not hits:
        return ()
    out: list[tuple[int, str]] = []
    offsets = accumulate(map(len, words), initial=0)
    for word, offset in compress(zip(words, offsets), map(hits.__contains__, words)):
        for k, reading in _word_readings(word):
            out.append((offset + k, reading))
    return tuple(out)


def article_readings(article: object) -> tuple[tuple[int, str], ...]:
    """`context_readings` of an article's folded search text (the search's haystack), made where
    its page is measured; () for an article the search would not index.

    The haystack is cut section by section: the separator is never inside a word (the segmenter
    cuts at every line break), so the pieces' cuts with a separator between them are the
    haystack's cut, and a section the page's segmentation cut already (a paragraph with nothing
    to fold) is not cut again (`civread.pipeline.words.cut`)."""
    from civread.pipeline.words import cut
    from civread.search.sections import SEPARATOR, folded_sections

    sections = folded_sections(article)  # type: ignore[arg-type]
    if sections is None:
        return ()
    if SEPARATOR != "\n":  # a separator the segmenter might join to a word: the whole haystack
        return context_readings(SEPARATOR.join(sections))
    words: list[str] = []
    for k, section in enumerate(sections):
        if k:
            words.append(SEPARATOR)
        words.extend(cut(section))
    return _readings_of_words(words)


def pack_readings(readings: Iterable[tuple[int, str]]) -> tuple[array, str]:
    """Readings kept compactly (offsets in an array, syllables in one string: ~8 bytes each, where
    a tuple of tuples takes ~100) for as long as a search holds them; no table is loaded."""
    offsets = array("I")
    syllables: list[str] = []
    for offset, syllable in readings:
        if offset >= 0 and syllable.isascii() and syllable.isalpha():
            offsets.append(offset)
            syllables.append(syllable)
    return offsets, ",".join(syllables)


def unpack_readings(packed: tuple[array, str] | None) -> list[tuple[int, str]]:
    """`pack_readings` undone: (offset, syllable) pairs, for `project`."""
    if not packed or not packed[1]:
        return []
    return list(zip(packed[0], packed[1].split(",")))


def project(text: str, readings: Iterable[tuple[int, str]] = ()) -> str:
    """The syllable projection of (folded) `text`: same length, each Han character its syllable's code.

    `readings` (from `context_readings` on the same text) overrides characters read in a word;
    a pair that does not fit the text (a stale offset) is ignored, never an error."""
    projected = text.translate(_tables().default)
    if not readings:
        return projected
    chars: list[str] | None = None
    for offset, c in _read_codes(text, readings):
        if chars is None:
            chars = list(projected)
        chars[offset] = c
    return projected if chars is None else "".join(chars)


def _read_codes(text: str, readings: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """(offset, syllable code) of each reading that fits `text`: a known syllable on a Han
    character inside it (a stale offset is skipped, never an error)."""
    code = _tables().code
    n = len(text)
    for offset, syllable in readings:
        c = code.get(syllable)
        if c is not None and 0 <= offset < n and "\u3400" <= text[offset]:
            yield offset, c


def initial_marks(letters: str) -> str:
    """Letters as the initials projection writes them: marks that neither page text (sanitized
    of control characters) nor the search's folding (which lowercases Latin letters) produces."""
    return "".join(chr(_INITIAL_BASE + ord(ch) - 97) if "a" <= ch <= "z" else ch for ch in letters.lower())


def initials(projection: str) -> str:
    """Each code of a projection as the mark of its syllable's first letter (`initial_marks`),
    every other character outside Latin-1 as "?": a compact (one byte a character) string."""
    return projection.translate(_tables().to_initial).encode("latin-1", "replace").decode("latin-1")


def halves(text: str, readings: Iterable[tuple[int, str]] = ()) -> str:
    """The halves projection of (folded) `text`: two one-byte symbols a character, character k
    at 2k (see _TAILS). A query ending in a letter being typed (`shi j`) is one substring of
    it (the syllables, then the letter's mark), where the syllable projection needs one string
    for each syllable of that letter; and its strings are one byte a symbol. Same readings as
    `project`, same rule for a stale one."""
    tables = _tables()
    table = tables.halves_default
    unseen = set(text).difference(tables.halves_known)
    if unseen:  # characters met for the first time: kept in the table (a bounded alphabet)
        for ch in unseen:
            table[ord(ch)] = _OTHER + (ch if " " <= ch <= "~" else _PLACEHOLDER)
        tables.halves_known.update(unseen)
    out = text.translate(table)
    if not readings:
        return out
    two = tables.halves
    chars: list[str] | None = None
    for offset, c in _read_codes(text, readings):
        if chars is None:
            chars = list(out)
        chars[2 * offset : 2 * offset + 2] = two[c]
    return out if chars is None else "".join(chars)


def syllable_then_letter(term: str) -> bool:
    """A trigram of the halves projection that a query can be whole (`shi j`: a syllable's two
    symbols, then a letter's mark): the ones worth counting ahead."""
    return len(term) == 3 and _is_mark(term[0]) and not _is_mark(term[1]) and _is_mark(term[2])


def _is_mark(ch: str) -> bool:
    return _INITIAL_BASE <= ord(ch) < _INITIAL_BASE + 26


def halves_needle(needle: str) -> str | None:
    """A string of the syllable projection (codes and characters) as the halves projection
    writes it; None when a character of it has no one form there (not printable ASCII)."""
    two = _tables().halves
    out: list[str] = []
    for ch in needle:
        pair = two.get(ch)
        if pair is None:
            if not " " <= ch <= "~":
                return None
            pair = _OTHER + ch
        out.append(pair)
    return "".join(out)


# ------------------------------------------------------------------------------ queries


@dataclass(frozen=True, slots=True)
class Unit:
    """What one character of the text must be to match one unit of a query.

    `codes`: the projection characters allowed (syllables, or a prefix's range); `literal`: a
    character that must be there itself (a Han character is checked in the folded text, any
    other in the projection, where it is unchanged)."""

    codes: frozenset[str] = frozenset()
    literal: str = ""
    label: str = ""  # what the person typed for it ("zhao", "q", "文")

    @property
    def is_han(self) -> bool:
        return bool(self.literal) and self.literal >= "\u3400" and bool(_HAN.match(self.literal))


@dataclass(frozen=True, slots=True)
class PinyinQuery:
    """A query read as pinyin: one or more alternative cuts, each a sequence of units (one per character)."""

    alternatives: tuple[tuple[Unit, ...], ...]

    @property
    def units(self) -> tuple[Unit, ...]:
        """The preferred cut (fewest units)."""
        return self.alternatives[0]

    def needles(self, limit: int = 16) -> list[str] | None:
        """Every projection string that matches, when there are at most `limit` and no unit is a
        Han character (then each is a plain substring of the projection): else None."""
        out: list[str] = []
        for units in self.alternatives:
            partial = [""]
            for unit in units:
                if unit.is_han:
                    return None
                options = sorted(unit.codes) if unit.codes else [unit.literal]
                if len(partial) * len(options) > limit:
                    return None
                partial = [p + o for p in partial for o in options]
            out.extend(partial)
            if len(out) > limit:
                return None
        return list(dict.fromkeys(out))

    def collapsed(self) -> tuple[str, str, list[str]] | None:
        """For syllables then a syllable being typed (`shi j`, `zhiyuan f`, `shi ji`): the
        syllables as a string of the syllable projection; the query with its last unit widened to
        every syllable of that letter, as one string of the halves projection (`halves()`), whose
        count is what `needles()` would add up over each of them (14 strings for `shi j`); and
        the strings of the syllable projection to take off it again, the letter's syllables the
        last unit does not allow (`shi ji`: ju, juan, jue, jun). None for any other query, when
        more would be taken off than added up, and where a match could start inside another (the
        first syllable again, or one of the letter's): there strings counted one by one count
        otherwise."""
        units = self.units
        if len(self.alternatives) != 1 or len(units) < 2:
            return None
        last, head = units[-1], units[:-1]
        letter = _unit_initial(last)
        if letter is None or not last.codes or last.literal:
            return None
        every = _letter_codes(letter)
        if not last.codes <= every or 2 * len(every - last.codes) >= len(every):
            return None
        if not all(len(u.codes) == 1 and not u.literal for u in head):
            return None
        first = next(iter(head[0].codes))
        if first in every or any(first in u.codes for u in head[1:]):
            return None
        syllables = "".join(next(iter(u.codes)) for u in head)
        spelt = halves_needle(syllables)
        if spelt is None:
            return None
        from civread.search import fold_text

        needle = spelt + letter
        if fold_text(needle) != needle:  # folded like any query: it must stay as it is
            return None
        return syllables, needle, [syllables + c for c in sorted(every - last.codes)]

    def initials_needles(self) -> list[str]:
        """The runs of units that the initials projection can find, longest first: candidates
        for an index (an article matching the query holds every one of them)."""
        runs: list[str] = []
        for units in self.alternatives[:1]:
            current = ""
            for unit in units:
                letter = _unit_initial(unit)
                if letter is None:
                    if current:
                        runs.append(current)
                    current = ""
                else:
                    current += letter
            if current:
                runs.append(current)
        return sorted(runs, key=len, reverse=True)

    @property
    def initials_exact(self) -> bool:
        """True when the initials projection alone answers the query (`zq`: each unit is all of
        its letter's syllables), so counting in it is counting matches."""
        return len(self.alternatives) == 1 and all(
            unit.codes and unit.codes == _letter_codes(_unit_initial(unit) or "") for unit in self.units
        )

    def han_literals(self) -> list[str]:
        """The runs of Han characters typed in the query ("文明"): candidates from the Chinese index."""
        runs: list[str] = []
        current = ""
        for unit in self.units:
            if unit.is_han:
                current += unit.literal
            elif current:
                runs.append(current)
                current = ""
        if current:
            runs.append(current)
        return runs

    @property
    def pattern(self) -> re.Pattern[str]:
        return _compile(self.alternatives)

    @property
    def has_han(self) -> bool:
        """A Han character typed in the query (checked in the folded text, not the projection)."""
        return any(unit.is_han for units in self.alternatives for unit in units)

    def finditer(self, folded: str, projection: str) -> Iterator[tuple[int, int]]:
        """Matches in one folded text and its projection, left to right, not overlapping: the one
        definition of a match, which every count and every highlight follow (`strings_overlap`
        says when a sum of substring counts is the same)."""
        if len(folded) != len(projection):
            return
        pattern = self.pattern
        if not self.has_han:  # the regex checks every unit: its own scan, in C
            for found in pattern.finditer(projection):
                yield found.span()
            return
        pos = 0
        end_of_text = len(projection)
        while pos < end_of_text:
            match = pattern.search(projection, pos)
            if match is None:
                return
            start, end = match.span()
            if end > start and self._literals_hold(folded, projection, start, end):
                yield start, end
                pos = end
            else:
                pos = start + 1

    def count(self, folded: str, projection: str) -> int:
        """How many matches `finditer` yields (the same definition; in C without Han units)."""
        if not self.has_han and len(folded) == len(projection):
            return len(self.pattern.findall(projection))
        return sum(1 for _ in self.finditer(folded, projection))

    def within(self, other: PinyinQuery) -> bool:
        """True when every match of this query starts with a match of `other` (each cut of it
        begins with a cut of `other` allowing as much, unit by unit): an article this query
        matches is one `other` matches, so typing on narrows the articles found the keystroke
        before (`zhaoq` → `zhaoqi`; not `fanga` → `fangan`, which is also fang an)."""
        return all(
            any(len(theirs) <= len(ours) and all(map(_covers, theirs, ours)) for theirs in other.alternatives)
            for ours in self.alternatives
        )

    @staticmethod
    def strings_overlap(needles: Sequence[str]) -> bool:
        """True when a match of one of these strings can start inside a match of another (`ji j`:
        "ji ji" and "ji jia" in 积极减): then the sum of their substring counts is more than the
        matches `finditer` finds, one after another without overlapping. (One string overlapping
        itself is counted alike by both: `str.count` also goes on after each match.)"""
        return _strings_overlap(tuple(needles))

    def _literals_hold(self, folded: str, projection: str, start: int, end: int) -> bool:
        """Some cut matches here unit by unit: the regex checked the syllables, this also checks
        that the Han characters typed in the query are there in the folded text."""
        for units in self.alternatives:
            if len(units) == end - start and all(
                _unit_holds(u, folded[start + k], projection[start + k]) for k, u in enumerate(units)
            ):
                return True
        return False


@lru_cache(maxsize=256)
def _strings_overlap(needles: tuple[str, ...]) -> bool:
    distinct = set(needles)
    if len(distinct) < 2:
        return False
    prefixes: set[str] = {n[:k] for n in distinct for k in range(1, len(n))}
    for a in distinct:
        for k in range(1, len(a)):
            tail = a[k:]
            if tail in prefixes and any(b != a and b.startswith(tail) for b in distinct):
                return True
    return False


def _covers(wide: Unit, narrow: Unit) -> bool:
    """Every character `narrow` matches, `wide` matches too."""
    if wide.is_han or narrow.is_han:
        return wide.is_han and narrow.is_han and wide.literal == narrow.literal
    if wide.codes:
        return bool(narrow.codes) and narrow.codes <= wide.codes
    return not narrow.codes and narrow.literal == wide.literal


def _unit_holds(unit: Unit, char: str, code: str) -> bool:
    if unit.is_han:
        return char == unit.literal
    if unit.codes:
        return code in unit.codes
    return code == unit.literal


def _unit_initial(unit: Unit) -> str | None:
    """The one initial letter every character matching `unit` has in the initials projection."""
    if unit.is_han:
        rs = _tables().readings.get(unit.literal, ())
        letters = {r[0] for r in rs if r}
        return initial_marks(letters.pop()) if len(letters) == 1 else None
    if not unit.codes:
        return unit.literal or None
    letters = {_tables().syllables[ord(c) - _CODE_BASE][0] for c in unit.codes}
    return initial_marks(letters.pop()) if len(letters) == 1 else None


@lru_cache(maxsize=32)
def _letter_codes(mark: str) -> frozenset[str]:
    if not mark or not _INITIAL_BASE <= ord(mark[0]) < _INITIAL_BASE + 26:
        return frozenset()
    low = chr(ord(mark[0]) - _INITIAL_BASE + 97)
    tables = _tables()
    return frozenset(c for s, c in tables.code.items() if s[0] == low)


@lru_cache(maxsize=256)
def _compile(alternatives: tuple[tuple[Unit, ...], ...]) -> re.Pattern[str]:
    branches = []
    for units in alternatives:
        parts = []
        for unit in units:
            if unit.is_han:
                codes = {_tables().code[r] for r in _tables().readings.get(unit.literal, ()) if r in _tables().code}
                parts.append(_char_class(codes) if codes else re.escape(unit.literal))
            elif unit.codes:
                parts.append(_char_class(unit.codes))
            else:
                parts.append(re.escape(unit.literal))
        branches.append("".join(parts))
    return re.compile("|".join(branches))


def _char_class(codes: Iterable[str]) -> str:
    """A character class of code points, written as ranges (prefix sets are contiguous)."""
    points = sorted(ord(c) for c in codes)
    ranges: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        ranges.append(chr(points[i]) if i == j else f"{chr(points[i])}-{chr(points[j])}")
        i = j + 1
    return "[" + "".join(ranges) + "]"


# ------------------------------------------------------------------------------ parsing


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[str]:
    """Every prefix of a syllable (what a unit typed so far can be)."""
    return frozenset(s[:k] for s in _tables().syllables for k in range(1, len(s) + 1))


def _codes_for(letters: str, prefix: bool) -> frozenset[str]:
    """The codes a unit of `letters` allows: that syllable, or (prefix) every syllable starting so;
    `u` after l/n also allows `v` (ü typed without its dots)."""
    tables = _tables()
    spellings = {letters}
    if letters[:1] in ("l", "n") and letters[1:2] == "u":
        spellings.add(letters[0] + "v" + letters[2:])
    out: set[str] = set()
    for spelling in spellings:
        if prefix:
            out.update(c for s, c in tables.code.items() if s.startswith(spelling))
        elif spelling in tables.code:
            out.add(tables.code[spelling])
    return frozenset(out)


def _cuts(letters: str, final: bool) -> list[list[tuple[str, bool]]]:
    """The cuts of a run of letters into (letters, is_prefix) units with the fewest units, then the
    fewest prefixes; at most _MAX_ALTERNATIVES. `final`: the run ends the query (its last unit may
    be a syllable being typed)."""
    syllables = set(_tables().code) - _INTERJECTIONS
    prefixes = _prefixes()
    n = len(letters)
    # best[i]: (cost, cuts) for letters[i:]
    best: list[tuple[tuple[int, int], list[list[tuple[str, bool]]]] | None] = [None] * (n + 1)
    best[n] = ((0, 0), [[]])
    for i in range(n - 1, -1, -1):
        options: list[tuple[tuple[int, int], list[list[tuple[str, bool]]]]] = []
        for j in range(i + 1, n + 1):
            piece = letters[i:j]
            if piece not in prefixes and not (piece[0] in "ln" and piece[1:2] == "u" and (piece[0] + "v" + piece[2:]) in prefixes):
                break
            rest = best[j]
            if rest is None:
                continue
            full = len(piece) > 1 and (piece in syllables or _codes_for(piece, False))
            is_last = final and j == n
            as_prefix = not full or is_last
            if len(piece) == 1:
                as_prefix = True
            cost = (rest[0][0] + 1, rest[0][1] + (1 if not full else 0))
            options.append((cost, [[(piece, as_prefix)] + cut for cut in rest[1]]))
        if options:
            low = min(cost for cost, _ in options)
            cuts = [cut for cost, cs in options if cost == low for cut in cs]
            best[i] = (low, cuts[:_MAX_ALTERNATIVES])
    found = best[0]
    return found[1] if found is not None else []


def _fold_char(ch: str) -> str:
    from civread.search import fold_text

    return fold_text(ch)


@lru_cache(maxsize=256)
def parse_query(query: str) -> PinyinQuery | None:
    """The query read as pinyin, or None when it holds no Latin letters that spell pinyin
    (then it is an ordinary query and nothing here applies)."""
    if not isinstance(query, str) or len(query) > 200:
        return None
    text = unicodedata.normalize("NFC", query.translate(_TONE_VOWELS)).replace("u:", "v")
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    text = text.lower()
    chunks = [c for c in _SEPARATORS.split(text) if c]
    if not chunks:
        return None
    sequences: list[list[Unit]] = [[]]
    any_pinyin = False
    last_letters = max((k for k, c in enumerate(chunks) if re.search("[a-z]", c)), default=-1)
    for k, chunk in enumerate(chunks):
        parts = _CHUNK_PARTS.findall(chunk)
        for p, part in enumerate(parts):
            if part[:1].isascii() and part[:1].isalpha():
                letters = re.sub("[1-5]", "", part)
                final = k == last_letters and p == len(parts) - 1
                cuts = _cuts(letters, final)
                if not cuts:
                    return None  # letters that are no pinyin ("xyz", "gdp" would still parse)
                any_pinyin = True
                alternatives = [
                    [Unit(codes=_codes_for(piece, is_prefix), label=piece) for piece, is_prefix in cut] for cut in cuts
                ]
                if any(not u.codes for alt in alternatives for u in alt):
                    return None
                sequences = [seq + alt for seq in sequences for alt in alternatives][:_MAX_ALTERNATIVES]
            else:
                folded = _fold_char(part)
                for ch in folded:
                    sequences = [seq + [Unit(literal=ch, label=part)] for seq in sequences]
    if not any_pinyin or sum(ch.isascii() and ch.isalpha() for ch in text) < 2:
        return None  # one letter is no word: every other character starts so
    return PinyinQuery(tuple(tuple(seq) for seq in sequences if seq))


def section_matches(
    sections: Sequence[tuple[str, int | None, str]],
    readings: Iterable[tuple[int, str]],
    query: PinyinQuery,
) -> list[tuple[str, int | None, int, int]]:
    """Every match of `query` in an article's sections — (section, paragraph index, start, end)
    as offsets into each section's display text — given the readings of its haystack (the
    folded sections joined by one separator character, as `article_readings` saw them)."""
    from civread.search import fold_with_map

    by_offset = sorted(readings)
    out: list[tuple[str, int | None, int, int]] = []
    base = 0
    k = 0
    for name, index, text in sections:
        folded, positions = fold_with_map(text)
        end_of_section = base + len(folded)
        local: list[tuple[int, str]] = []
        while k < len(by_offset) and by_offset[k][0] < end_of_section:
            if by_offset[k][0] >= base:
                local.append((by_offset[k][0] - base, by_offset[k][1]))
            k += 1
        if folded:
            projection = project(folded, local)
            for start, end in query.finditer(folded, projection):
                if positions is not None:
                    start, end = positions[start], positions[end - 1] + 1
                out.append((name, index, start, end))
        base = end_of_section + 1  # the separator
    return out


def looks_like_pinyin(query: str) -> bool:
    """True when `parse_query` reads the query as pinyin."""
    return parse_query(query) is not None
