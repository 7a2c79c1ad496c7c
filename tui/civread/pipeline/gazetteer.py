"""China's administrative divisions (data/gazetteer.tsv) and the place names a text mentions.

The table is built by scripts/build_gazetteer.py from jionlp's official list (Apache-2.0, see
data/NOTICE-gazetteer.txt). It is read once, lazily, into a dict keyed by each name's first two
characters, so a scan costs one dict look-up per character of text: place names are all at
least two characters long.

A name is *strong* (an official name, or a short form that is rarely anything else: 乐山,
海西州) or *weak* (a county's bare short form or an everyday word: 小店, 城中, 朝阳). Weak names and
names several places share (城中区, 朝阳区) count only with context: the place right before them
(上海浦东, 杭州市西湖区), the same place named in full elsewhere in the text, or, for a weak name,
a local institution's name right after it (安吉竹业, 安吉中学). A weak name right before a brand's
suffix (龙湖集团, 光明日报, 平安银行, 中山大学) names a company, a paper or a school, not a place:
it never counts, even where the place is named in full elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from civread.pipeline.pagememo import PAGE_DICT_MAX, page_dict

# What follows a place's short form in a local institution's name: the institution is in the
# place (安吉竹业, 安吉中学, 黄陵矿业, 安吉农商银行).
_ORG_SUFFIX = re.compile(
    r"(?:矿业|煤矿|煤业|能源|农商|农信|信用社|村镇银行|医院|中学|小学|一中|二中|实验学校|幼儿园|电厂|电力|"
    r"供电|钢铁|化工|酒业|酒厂|竹业|茶业|茶厂|调查队|税务局|公安局|交警|法院|检察院|海关|机场|火车站|"
    r"高铁站|电视台|融媒体|人民政府|政府)"
)
# What follows a word in a brand's name, which is no place's even when it is a county's short
# form: a company, a bank, a paper, a university (龙湖集团, 平安银行, 光明日报, 中山大学).
_BRAND_SUFFIX = re.compile(
    r"(?:集团|公司|股份|控股|银行|证券|保险|基金|地产|置业|实业|科技|汽车|乳业|日报|晚报|报社|大学|学院)"
)


# Scan results are remembered for lines of up to _CACHED_LINE characters, _CACHE_CHARS in all.
_CACHED_LINE = 4096
_CACHE_CHARS = 2_000_000


def _class(chars: str) -> str:
    """Characters escaped for a regex character class."""
    return "".join(re.escape(c) for c in chars)


@dataclass(frozen=True, slots=True)
class Place:
    """One administrative division."""

    code: str
    level: int  # 1 province, 2 prefecture, 3 county
    parent: str  # "" for a province
    name: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name found in a text, resolved to one division."""

    start: int
    end: int
    surface: str
    code: str


Candidates = tuple[tuple[str, bool], ...]  # (code, weak)


class Gazetteer:
    """The table in memory: places by code, names by their first two characters."""

    def __init__(self, rows: list[list[str]]) -> None:
        self.places: dict[str, Place] = {}
        names: dict[str, list[tuple[str, bool]]] = {}
        for row in rows:
            code, level, parent, name, aliases, weak = (row + [""] * 6)[:6]
            self.places[code] = Place(code, int(level), parent, name)
            weak_names = [w for w in weak.split("|") if w]
            strong_names = [name] if name not in weak_names else []  # 和县, 城区: weak even in full
            strong_names += [a for a in aliases.split("|") if a]
            surfaces = [(s, False) for s in strong_names] + [(w, True) for w in weak_names]
            for surface, is_weak in surfaces:
                names.setdefault(surface, []).append((code, is_weak))
        self.names: dict[str, Candidates] = {s: tuple(c) for s, c in names.items()}
        # What find() asks of a name's candidates, worked out once per name rather than once per
        # mention: its one place when it is strong and no other place's (else ""), all its codes,
        # its strong codes, and whether all, or any, of its candidates are weak.
        self._facts: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], bool, bool]] = {
            s: (
                c[0][0] if len(c) == 1 and not c[0][1] else "",
                tuple(code for code, _ in c),
                tuple(code for code, weak in c if not weak),
                all(weak for _, weak in c),
                any(weak for _, weak in c),
            )
            for s, c in self.names.items()
        }
        index: dict[str, list[str]] = {}
        for surface in self.names:
            index.setdefault(surface[:2], []).append(surface)
        self.index: dict[str, tuple[str, ...]] = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}
        self._lineage: dict[str, tuple[str, ...]] = {}
        # Where a name may start: its first character, followed by a possible second one. The
        # regex engine skips everything else (ASCII, most Han text) in C, one character at a time
        # so overlapping starts are all seen.
        firsts = "".join(sorted({k[0] for k in self.index}))
        seconds = "".join(sorted({k[1] for k in self.index if len(k) > 1}))
        self._starts = re.compile(f"[{_class(firsts)}](?=[{_class(seconds)}])") if firsts and seconds else None
        self._scans: dict[str, list[tuple[int, int, str]]] = {}
        self._scanned_chars = 0

    def lineage(self, code: str) -> tuple[str, ...]:
        """The code and its ancestors' codes, deepest first."""
        cached = self._lineage.get(code)
        if cached is None:
            chain = [code]
            parent = self.places[code].parent
            while parent:
                chain.append(parent)
                parent = self.places[parent].parent
            cached = self._lineage[code] = tuple(chain)
        return cached

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        """Every position where a known name starts (the longest one there), in text order.

        Names never hold a line break, so a text is scanned line by line and each line's result
        is remembered: the pipeline asks about the same paragraphs several times (body cuts,
        headline matching, locality), and a joined body is the sum of its lines.
        """
        if "\n" not in text:
            return list(self._scan_line(text))
        found: list[tuple[int, int, str]] = []
        offset = 0
        for line in text.split("\n"):
            hits = self._scan_line(line)
            if hits:
                if offset:
                    found.extend((start + offset, end + offset, surface) for start, end, surface in hits)
                else:
                    found.extend(hits)
            offset += len(line) + 1
        return found

    def _scan_line(self, text: str) -> list[tuple[int, int, str]]:
        cached = self._scans.get(text)
        if cached is not None:
            return cached
        found: list[tuple[int, int, str]] = []
        if self._starts is not None:
            get = self.index.get
            startswith = text.startswith
            for match in self._starts.finditer(text):
                i = match.start()
                bucket = get(text[i : i + 2])
                if bucket is None:
                    continue
                for surface in bucket:
                    if startswith(surface, i):
                        found.append((i, i + len(surface), surface))
                        break
        if len(text) <= _CACHED_LINE:
            if self._scanned_chars > _CACHE_CHARS:
                self._scans.clear()  # a per-page working set: old pages are not asked about again
                self._scanned_chars = 0
            self._scans[text] = found
            self._scanned_chars += len(text)
        return found

    def find(self, text: str) -> list[Mention]:
        """The place names a text mentions, each resolved to one division (see the module doc)."""
        raw = self.scan(text)
        if not raw:
            return []
        facts = self._facts
        lineage = self.lineage
        # Pass 1: names that are strong and belong to one place anchor the text.
        anchors: set[str] = set()
        covered = -1
        for start, end, surface in raw:
            sole = facts[surface][0]
            if sole and start >= covered:
                anchors.update(lineage(sole))
                covered = end
        # Pass 2: left to right, each name resolved with what came right before it.
        mentions: list[Mention] = []
        pending: list[tuple[int, int, str]] = []
        covered = -1
        for start, end, surface in raw:
            if start < covered:
                continue
            # The last mention ends at `covered`: it is right before this name when that is here.
            prev = mentions[-1] if covered == start else None
            _, codes, strong, all_weak, any_weak = facts[surface]
            if prev is None:
                if all_weak and _BRAND_SUFFIX.match(text, end):
                    continue  # 龙湖集团, 光明日报: a brand, not the county it sounds like
                # (_choose's answer, without a call, for the commonest name: one strong place)
                code = strong[0] if len(strong) == 1 else self._choose(codes, strong, None, anchors, text, end)
            else:
                code = self._choose(codes, strong, prev, anchors, text, end)
            if code is None:
                if any_weak:
                    pending.append((start, end, surface))
                continue
            mentions.append(Mention(start, end, surface, code))
            anchors.update(lineage(code))
            covered = end
        # Weak names of places the text named in full somewhere else (海淀区 … 海淀).
        added = False
        for start, end, surface in pending:
            if any(m.start < end and start < m.end for m in mentions):
                continue
            hits = [c for c in facts[surface][1] if c in anchors]
            if len(hits) == 1:
                mentions.append(Mention(start, end, surface, hits[0]))
                added = True
        if added:
            mentions.sort(key=lambda m: m.start)
        return mentions

    def _choose(self, codes: tuple[str, ...], strong: tuple[str, ...], prev: Mention | None, anchors: set[str],
                text: str, end: int) -> str | None:
        """The one place a name's candidates (`codes`, the `strong` among them) mean here, if any."""
        if prev is not None:  # 上海浦东, 云南省大理白族自治州, 杭州市西湖区
            below = [c for c in codes if c != prev.code and prev.code in self.lineage(c)]
            if below:
                return below[0]
        if len(strong) == 1:
            return strong[0]
        if len(strong) > 1:  # 城中区, 朝阳区: the one whose city or province the text names
            hits = [c for c in strong if self.places[c].parent in anchors]
            return hits[0] if len(hits) == 1 else None
        if len(codes) == 1 and _ORG_SUFFIX.match(text, end):  # 安吉竹业: a weak name's one place
            return codes[0]
        return None


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer, read from the package data on first use."""
    data = resources.files("civread").joinpath("data", "gazetteer.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in data.splitlines()[1:] if line and not line.startswith(("#", "code\t"))]
    return Gazetteer(rows)


# Each text's mentions, for the page in hand: its paragraphs are asked about when the body is
# cut, when headlines are matched and when the article is located.
_FOUND: dict[str, list[Mention]] = page_dict()


def find_places(text: str) -> list[Mention]:
    """The place names a text mentions, resolved; [] for text that names none."""
    if not isinstance(text, str) or not text:
        return []
    found = _FOUND.get(text)
    if found is None:
        if len(_FOUND) >= PAGE_DICT_MAX:
            _FOUND.clear()
        found = _FOUND[text] = load().find(text)
    return list(found)  # a caller's list of its own (the mentions are frozen)


def codes_named(surface: str) -> tuple[str, ...]:
    """The codes of every place this exact name (official, alias or bare short form) can mean."""
    return tuple(code for code, _ in load().names.get(surface, ()))


def lineage(code: str) -> tuple[str, ...]:
    """A code and its ancestors' codes, deepest first."""
    return load().lineage(code)


def place(code: str) -> Place:
    return load().places[code]
