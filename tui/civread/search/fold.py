"""Folding: the one form both the text and a query are matched in, one character for one.

* traditional ↔ simplified: OpenCC's t2s character table (`TSCharacters.txt`, first target)
  applied with `str.translate`, so 肇慶 finds 肇庆 and the other way round. A query that holds
  traditional characters is also run through the pipeline's phrase-aware `to_simplified`, so a
  traditional phrase finds what the pipeline made of it (瞭解 → 了解, 騎著 → 骑着).
* full-width digits and Latin letters fold to ASCII (８３万 finds 83万), Latin (and every other
  cased script) is case-insensitive;
* whitespace is removed ("文 明城市" is found by "文明城市"); `fold_with_map` keeps, for each
  folded character, its offset in the display string.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


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


FOLD, PATTERN_FOLD = _build_tables()
"""(the fold of text and plain queries, the fold of regex patterns: no lowercasing)"""


def fold_text(text: str) -> str:
    """The form text is matched in: t2s per character, ASCII digits/letters, lowercase, no whitespace."""
    return "".join(text.translate(FOLD).split())


def fold_with_map(text: str) -> tuple[str, list[int] | None]:
    """`fold_text(text)` and, when whitespace was removed, each folded character's offset in `text`."""
    folded = text.translate(FOLD)
    compact = "".join(folded.split())
    if len(compact) == len(folded):
        return compact, None  # offsets unchanged
    return compact, [i for i, ch in enumerate(folded) if not ch.isspace()]


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """Characters t2s may change: the character table's sources, plus the ambiguous ones that only
    change inside a phrase (瞭 in 瞭解, 藉 in 藉口) because their first target is themselves."""
    chars = {chr(cp) for cp in PATTERN_FOLD if not 0xFF10 <= cp <= 0xFF5A}
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


def simplify_query(query: str) -> str:
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
    return fold_text(simplify_query(query))


def strip_pattern_whitespace(pattern: str) -> str:
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

