"""Where an article is: province › prefecture › county, from the official list of divisions.

The headline's place prefix ("浙江安吉县", "上海浦东") decides when there is one; otherwise the
places the text names vote, the headline and the lead's first sentences weighing far more than
the rest, so the place an article is about beats places it merely mentions (a sidebar, a
visiting delegation). Nothing found means UNLOCATED, never a guess.
"""

from __future__ import annotations

import re
from collections import defaultdict

from civread.model import UNLOCATED, Locality
from civread.pipeline import gazetteer
from civread.pipeline.gazetteer import Mention
from civread.pipeline.text import HAN_RANGES

_HEAD_WEIGHT = 6.0
_LEAD_WEIGHT = 4.0
_LEAD_CHARS = 120  # the lead's opening: "近年来，浙江省湖州市安吉县…"
_BODY_WEIGHT = 1.0
_OPENING = " \t\u3000“”\"'‘’「」《》【】[]（()）—-·•:：,，"


def _chains(mentions: list[Mention]) -> list[list[Mention]]:
    """Runs of names printed back to back ("四川省" "乐山市" "乐至县")."""
    chains: list[list[Mention]] = []
    for m in mentions:
        if chains and chains[-1][-1].end == m.start:
            chains[-1].append(m)
        else:
            chains.append([m])
    return chains


def _deepest(chain: list[Mention]) -> str:
    return max(chain, key=lambda m: gazetteer.place(m.code).level).code


def locality_of(code: str) -> Locality:
    """The Locality of one administrative code, its ancestors filled in."""
    levels: dict[int, str] = {}
    for c in gazetteer.lineage(code):
        place = gazetteer.place(c)
        levels[place.level] = place.name
    return Locality(levels.get(1), levels.get(2), levels.get(3), code)


def _head_code(kicker: str, title: str) -> str | None:
    """The place a headline opens with ("云南宾川县：…", "湖州调查队…"), or the one its kicker names."""
    for text in (kicker, title):
        stripped = text.lstrip(_OPENING)
        mentions = gazetteer.find_places(stripped)
        if mentions and mentions[0].start <= (len(stripped) if text is kicker else 0):
            return _deepest(_chains(mentions)[0])
    return None


def resolve_locality(title: str, kicker: str, paragraphs: list[str]) -> Locality:
    """The article's place, or UNLOCATED when its text names none."""
    try:
        return _resolve(title or "", kicker or "", [p for p in paragraphs or [] if isinstance(p, str)])
    except Exception:  # noqa: BLE001 - bad input never raises out of the pipeline
        return UNLOCATED


def _resolve(title: str, kicker: str, paragraphs: list[str]) -> Locality:
    scores: dict[str, float] = defaultdict(float)
    first_seen: dict[str, int] = {}
    order = 0

    def vote(mentions: list[Mention], weight: float) -> None:
        nonlocal order
        for m in mentions:
            for c in gazetteer.lineage(m.code):
                scores[c] += weight
                first_seen.setdefault(c, order)
            order += 1

    vote(gazetteer.find_places(f"{kicker}\n{title}"), _HEAD_WEIGHT)
    lead_done = False
    dateline: str | None = None
    for text in paragraphs:
        mentions = gazetteer.find_places(text)
        if not lead_done and text.strip():
            lead = [m for m in mentions if m.start < _LEAD_CHARS]
            dateline = _dateline_code(lead)
            vote(lead, _LEAD_WEIGHT)
            mentions = mentions[len(lead) :]
            lead_done = True
        vote(mentions, _BODY_WEIGHT)
    head = _head_code(kicker, title)
    if head is not None:
        return locality_of(_descend(head, scores, first_seen))
    if dateline is not None:
        return locality_of(_descend(dateline, scores, first_seen))
    provinces = [c for c in scores if gazetteer.place(c).level == 1]
    if not provinces:
        return UNLOCATED
    best = max(provinces, key=lambda c: (scores[c], -first_seen[c]))
    return locality_of(_descend(best, scores, first_seen))


def _dateline_code(lead: list[Mention]) -> str | None:
    """The lead opens on a full address ("河南省漯河市临颍县巨陵镇…"): its deepest level."""
    if not lead:
        return None
    chain = _chains(lead)[0]
    if len(chain) < 2 or gazetteer.place(chain[0].code).level != 1:
        return None
    return _deepest(chain)


def _descend(code: str, scores: dict[str, float], first_seen: dict[str, int]) -> str:
    """Go down while one child clearly carries the place's weight."""
    while True:
        children = sorted(
            (c for c in scores if gazetteer.place(c).parent == code),
            key=lambda c: (-scores[c], first_seen[c]),
        )
        if not children:
            return code
        best = children[0]
        runner_up = scores[children[1]] if len(children) > 1 else 0.0
        if scores[best] < 0.5 * scores[code] or scores[best] <= runner_up:
            return code
        code = best


def place_codes(text: str) -> set[str]:
    """6-digit codes of the places a text names, with their ancestors' codes."""
    codes: set[str] = set()
    for m in gazetteer.find_places(text):
        codes.update(gazetteer.lineage(m.code))
    return codes


def starts_with_place(text: str) -> bool:
    """The text opens with a place name ("江苏苏州市在…", "上海浦东")."""
    if not isinstance(text, str):
        return False
    stripped = text.lstrip(_OPENING)
    mentions = gazetteer.find_places(stripped[:40])
    return bool(mentions) and mentions[0].start == 0


# "我县", "本县", "全县": the paper's own county; "我市", "本市", "全市": its own city.
_HOME_COUNTY = re.compile(r"[我本全](?:县|区|旗)")
_HOME_CITY = re.compile(r"[我本全]市")
_PAPER_NAME = re.compile(rf"^([{HAN_RANGES}]{{2,6}}?)(?:日报|晚报|时报|导报|报)")


def home_place(masthead: list[str], localities: list[Locality]) -> tuple[str, bool] | None:
    """Where the page's paper is at home, and whether its masthead says so: the place the
    masthead names, else the county (or, failing that, the prefecture) that at least two of its
    articles share."""
    for line in masthead:
        mentions = gazetteer.find_places(line)
        if mentions:
            return _deepest(_chains(mentions)[0]), True
        paper = _PAPER_NAME.match(line.strip())
        if paper:  # "旌德报": a county's paper goes by the county's short name
            codes = gazetteer.codes_named(paper.group(1))
            if len(codes) == 1:
                return codes[0], True
    for level in (3, 2):
        counts: dict[str, int] = defaultdict(int)
        for loc in localities:
            if loc.code and gazetteer.place(loc.code).level >= level:
                counts[_ancestor_at(loc.code, level)] += 1
        if counts:
            best = max(counts, key=lambda c: counts[c])
            if counts[best] >= 2:
                return best, False
    return None


def _ancestor_at(code: str, level: int) -> str:
    for c in gazetteer.lineage(code):
        if gazetteer.place(c).level == level:
            return c
    return code


def place_at_home(text: str, current: Locality, home: str, masthead: bool) -> Locality:
    """An article that speaks of "我县"/"全市" is about the paper's home place, unless it names
    a place of its own below the home's level.

    Where the masthead names the home, a province or city the article mentions is where others
    are, not where it is; a home only inferred from the other articles yields to any place the
    article names outside it.
    """
    home_level = gazetteer.place(home).level
    speaks_of_home = _HOME_COUNTY.search(text) if home_level >= 3 else _HOME_CITY.search(text)
    if not speaks_of_home and not (home_level >= 3 and _HOME_CITY.search(text) and current.code is None):
        return current
    if current.code is None or current.code in gazetteer.lineage(home):
        return locality_of(home)
    if masthead and gazetteer.place(current.code).level < 3:
        return locality_of(home)
    return current
