"""Where an article is: province › prefecture › county, from the official list of divisions.

An article is placed where it is ABOUT, not everywhere it mentions:

- the headline's place prefix ("浙江安吉县：…", "上海浦东…") or its kicker decides when there is one,
  and so does a full address opening the lead ("河南省漯河市临颍县巨陵镇…");
- otherwise the places the text names vote, each mention weighing by where it stands: the
  headline far more than the body, the lead's opening more than the rest, fading smoothly with
  the distance into the text (a lead that gained a few characters, "据某报报道，", does not tip
  the scale); a dateline ("新华社兰州…电") weighs like the lead's opening; "在京举行" names 北京;
- a mention that is one item of a list ("广西、内蒙古等地") shares its weight with the others,
  a visiting delegation ("杭州市考察团", "湖州市领导一行") weighs little: mentioned, not about;
  a brand named like a county (龙湖集团, 光明日报) is no mention at all (see gazetteer);
- under the winner, the place goes down a level while one child carries it: a county named only
  in the body still refines the prefecture its lead named.

On a page, "我县"/"本县"/"我市"/"本市" is the paper speaking of its home place, which the page tells
(the masthead naming a place, else the county its articles share): `home_place` finds it,
`place_at_home` counts those words (and a "全县" that refers back to no county its paragraph
named) as the article's place. Nothing found means UNLOCATED, never a guess.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from civread.model import UNLOCATED, Locality
from civread.pipeline import gazetteer
from civread.pipeline.gazetteer import Mention
from civread.pipeline.text import HAN_RANGES

_HEAD_WEIGHT = 6.0
_LEAD_WEIGHT = 4.0  # a mention at the very start of the body
_LEAD_CHARS = 120  # … fading to _BODY_WEIGHT over this many characters: the lead's opening
_BODY_WEIGHT = 1.0
_DATELINE_WEIGHT = 4.0
_VISITOR_WEIGHT = 0.25
_HOME_WEIGHT = 2.0  # the paper's own "我县" counts twice a place name at the same spot
_OPENING = " \t\u3000“”\"'‘’「」《》【】[]（()）—-·•:：,，"

# A place's delegation comes visiting: "杭州市考察团", "湖州市领导一行". Not "县领导到乡镇调研":
# a county's leaders touring their own county are where the story is.
_VISITOR = re.compile(
    r"(?:[省市县区州旗盟])?(?:党政|政府|政协|人大)?(?:考察团|代表团|调研组|考察组|督导组|客商|一行|领导一行)"
)
# Between the items of a list of places: "河南、山东和河北".
_LIST_GAP = re.compile(r"\s*(?:、|和|与|及|以及|，|,)\s*")


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


def resolve_locality(title: str, kicker: str, paragraphs: list[str], dateline: str = "") -> Locality:
    """The article's place, or UNLOCATED when its text names none.

    `dateline` is the lead's credit when the pipeline cut it off the first paragraph
    ("新华社兰州5月3日电（记者 …）"): the place it names is where the story was filed."""
    try:
        return _resolve(title or "", kicker or "", [p for p in paragraphs or [] if isinstance(p, str)],
                        dateline if isinstance(dateline, str) else "", None)
    except Exception:  # noqa: BLE001 - bad input never raises out of the pipeline
        return UNLOCATED


class _Tally:
    """Weighted votes for every place and its ancestors, and where each was first named."""

    def __init__(self) -> None:
        self.scores: dict[str, float] = defaultdict(float)
        self.first_seen: dict[str, int] = {}
        self.order = 0
        self.filed: dict[str, float] = defaultdict(float)  # the dateline's share of each score

    def vote(self, code: str, weight: float, filed: bool = False) -> None:
        for c in gazetteer.lineage(code):
            self.scores[c] += weight
            self.first_seen.setdefault(c, self.order)
            if filed:
                self.filed[c] += weight
        self.order += 1


def _position_weight(offset: int) -> float:
    """Lead weight at the body's first character, fading linearly to body weight at _LEAD_CHARS."""
    if offset >= _LEAD_CHARS:
        return _BODY_WEIGHT
    return _BODY_WEIGHT + (_LEAD_WEIGHT - _BODY_WEIGHT) * (1.0 - offset / _LEAD_CHARS)


def _weighted(text: str, mentions: list[Mention]) -> Iterable[tuple[Mention, float]]:
    """Each chain's deepest name with its own share: a list's items share one mention's weight, a
    visiting delegation counts for little."""
    chains = _chains(mentions)
    k = 0
    while k < len(chains):
        run = [chains[k]]
        while k + len(run) < len(chains):
            prev, nxt = run[-1][-1], chains[k + len(run)][0]
            gap = _LIST_GAP.fullmatch(text, prev.end, nxt.start)
            if gap is None or (nxt.start - prev.end) > 4:
                break
            run.append(chains[k + len(run)])
        share = 1.0 / len(run)
        for chain in run:
            factor = _VISITOR_WEIGHT if _VISITOR.match(text, chain[-1].end) else 1.0
            for m in chain:
                yield m, share * factor
        k += len(run)


# "在京举行", "抵京", "进京": the capital by its one-character name (never 京剧, 京都, 京东).
_IN_THE_CAPITAL = re.compile(r"(?:在|抵|来|进|赴|离|返|留)京(?![剧都东腔胡韵派味])")
_BEIJING = "110000"
# A justified headline spaces its characters out ("天 津、河 南等地…"): a lone Han character, a
# space, and another standing alone are one word.
_SPACED_OUT = re.compile(rf"(?<![{HAN_RANGES}])([{HAN_RANGES}])[ \u3000]+(?=[{HAN_RANGES}](?![{HAN_RANGES}]))")


def _unjustify(head: str) -> str:
    while True:
        joined = _SPACED_OUT.sub(r"\1", head)
        if joined == head:
            return head
        head = joined


def _resolve(title: str, kicker: str, paragraphs: list[str], dateline: str,
             home: tuple[str, list[tuple[str, int]]] | None) -> Locality:
    """`home`: the home place's code and where the home words stand ("head" or "body", offset)."""
    tally = _Tally()
    title, kicker = _unjustify(title), _unjustify(kicker)
    head_text = f"{kicker}\n{title}"
    for m, share in _weighted(head_text, gazetteer.find_places(head_text)):
        tally.vote(m.code, _HEAD_WEIGHT * share)
    for _ in _IN_THE_CAPITAL.finditer(head_text):
        tally.vote(_BEIJING, _HEAD_WEIGHT)
    if dateline:
        mentions = gazetteer.find_places(dateline)
        if mentions:
            tally.vote(_deepest(_chains(mentions)[0]), _DATELINE_WEIGHT, filed=True)
    offset = 0
    lead_code: str | None = None
    first = True
    for text in paragraphs:
        mentions = gazetteer.find_places(text)
        if first and text.strip():
            lead_code = _lead_address(text, mentions)
            first = False
        for m, share in _weighted(text, mentions):
            tally.vote(m.code, _position_weight(offset + m.start) * share)
        for capital in _IN_THE_CAPITAL.finditer(text):
            tally.vote(_BEIJING, _position_weight(offset + capital.start()))
        offset += len(text)
    if home is not None:
        code, spots = home
        for where, at in spots:
            tally.vote(code, _HOME_WEIGHT * (_HEAD_WEIGHT if where == "head" else _position_weight(at)))
    head = _head_code(kicker, title)
    if head is not None:
        return locality_of(_descend(head, tally))
    if lead_code is not None:
        return locality_of(_descend(lead_code, tally))
    provinces = sorted((c for c in tally.scores if gazetteer.place(c).level == 1),
                       key=lambda c: (-tally.scores[c], tally.first_seen[c]))
    if not provinces:
        return UNLOCATED
    return locality_of(_descend(provinces[0], tally))


def _lead_address(text: str, mentions: list[Mention]) -> str | None:
    """The lead opens on a full address ("河南省漯河市临颍县巨陵镇…"): its deepest level."""
    if not mentions or mentions[0].start >= _LEAD_CHARS:
        return None
    chain = _chains(mentions)[0]
    if len(chain) < 2 or gazetteer.place(chain[0].code).level != 1 or _VISITOR.match(text, chain[-1].end):
        return None  # "江苏省苏州市考察团…": the visitors' address, not the story's
    return _deepest(chain)


_REFINE = 0.5  # a child refines its parent when it weighs this much of the parent's own mentions


def _descend(code: str, tally: _Tally) -> str:
    """Go down while one child clearly carries the place's weight: it outweighs its siblings
    together, and is not a passing mention beside a parent named over and over ("浙江省…浙江…
    浙江…杭州市" stays in the province; "浙江省…" then "在德清县…" goes down to the county)."""
    scores, first_seen = tally.scores, tally.first_seen
    while True:
        children = sorted(
            (c for c in scores if gazetteer.place(c).parent == code),
            key=lambda c: (-scores[c], first_seen[c]),
        )
        if not children:
            return code
        best = children[0]
        siblings = sum(scores[c] for c in children[1:])
        own = scores[code] - tally.filed[code] - scores[best] - siblings  # "新华社兰州…电" then 榆中县: the county
        if scores[best] <= siblings or scores[best] < _REFINE * own:
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


# --------------------------------------------------------------------------- the page's home place

# The paper speaking of its own place: "我县", "本市", "我区" (first person) …
_HOME_WORD = re.compile(r"[我本]([省市县区旗州])(?!长|委|民|场|级)")
# … or of the whole of a place: "全县", "全市", the county the paragraph just named, else the paper's.
_WHOLE_WORD = re.compile(r"全([市县区旗])(?!长|委|场|级)")
_PAPER_NAME = re.compile(rf"^([{HAN_RANGES}]{{2,6}}?)(?:日报|晚报|时报|导报|报)")


def home_place(masthead: list[str], localities: list[Locality]) -> tuple[str, bool] | None:
    """Where the page's paper is at home, and whether its masthead says so: the place the
    masthead names, else the county (or, failing that, the prefecture) that at least two of its
    articles share.

    A paper named after a short form several places share ("东兴报": 东兴区, 东兴市) is the one
    the page's articles are in, else the one that is not a city's district."""
    for line in masthead:
        mentions = gazetteer.find_places(line)
        if mentions:
            return _deepest(_chains(mentions)[0]), True
        paper = _PAPER_NAME.match(line.strip())
        if paper:  # "旌德报": a county's paper goes by the county's short name
            codes = gazetteer.codes_named(paper.group(1))
            chosen = _one_of(codes, localities)
            if chosen is not None:
                return chosen, True
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


def _one_of(codes: tuple[str, ...], localities: list[Locality]) -> str | None:
    if len(codes) <= 1:
        return codes[0] if codes else None
    seen = {c for loc in localities if loc.code for c in gazetteer.lineage(loc.code)}
    near = [c for c in codes if any(a in seen for a in gazetteer.lineage(c))]
    if len(near) == 1:
        return near[0]
    towns = [c for c in codes if not gazetteer.place(c).name.endswith("区")]
    return towns[0] if len(towns) == 1 else None


def _ancestor_at(code: str, level: int) -> str:
    for c in gazetteer.lineage(code):
        if gazetteer.place(c).level == level:
            return c
    return code


def _home_target(home: str, kind: str) -> str | None:
    """What "我<kind>" means on a paper at home in `home`: 我县 on a county's paper is the county;
    我市 is the county-level city itself, else the prefecture the county is in; 我省 the province."""
    place = gazetteer.place(home)
    lineage = gazetteer.lineage(home)
    if kind == "省":
        return lineage[-1]
    if place.level == 3:
        if kind == "市" and not place.name.endswith("市"):
            parent = gazetteer.place(place.parent) if place.parent else None
            return parent.code if parent is not None and parent.level == 2 else None
        return home
    if place.level == 2:
        return home  # 我市, 我州; 我县 on a city's paper: some county of the city
    return home if kind == "省" else None


def place_at_home(text: str, current: Locality, home: str, masthead: bool) -> Locality:
    """An article that speaks of "我县"/"本市" is about the paper's home place, even where it names
    others (visitors, a place it is compared with): the home words count as mentions of the home,
    twice a place name's weight, and no other place can outvote the paper's own first person
    unless it lies inside the home. Where the masthead names the home, "全县"/"全市" counts so too
    unless its paragraph named a county (a city) before it, which it then refers back to; a quoted "我县" is the speaker's county, so it
    means the home only when the article names no county of its own.

    `text` is the article's title, a line break, then its paragraphs one per line."""
    try:
        return _place_at_home(text, current, home, masthead)
    except Exception:  # noqa: BLE001 - bad input never raises out of the pipeline
        return current


def _place_at_home(text: str, current: Locality, home: str, masthead: bool) -> Locality:
    title, _, body = text.partition("\n")
    targets: dict[str, list[tuple[str, int]]] = defaultdict(list)  # the paper's own voice
    quoted: list[str] = []  # someone quoted says "我县": their county, which may not be the paper's
    offset = 0
    for where, line in [("head", title)] + [("body", b) for b in body.split("\n")]:
        for m in _HOME_WORD.finditer(line):
            target = _home_target(home, m.group(1))
            if target is None:
                continue
            if _inside_quotes(line, m.start()):
                quoted.append(target)
            else:
                targets[target].append((where, offset + m.start() if where == "body" else 0))
        for m in _WHOLE_WORD.finditer(line if masthead else ""):  # a home only guessed from the articles: not so sure
            target = _home_target(home, m.group(1))
            if target is not None and not _refers_back(line, m.start(), m.group(1)):
                targets[target].append((where, offset + m.start() if where == "body" else 0))
        if where == "body":
            offset += len(line)
    if targets:
        target = max(targets, key=lambda t: (gazetteer.place(t).level, len(targets[t])))
        if current.code is not None and target in gazetteer.lineage(current.code):
            return current  # "我市安吉县": a place inside the home is the more precise
        located = _resolve(title, "", body.split("\n"), "", (target, targets[target]))
        if located.code is not None and target in gazetteer.lineage(located.code):
            return located
        return locality_of(target)
    whole = quoted + [t for t in (_home_target(home, m.group(1)) for m in _WHOLE_WORD.finditer(text)) if t is not None]
    if not whole:
        return current
    target = max(whole, key=lambda t: gazetteer.place(t).level)
    if current.code is None or current.code in gazetteer.lineage(target):
        return locality_of(target)
    return current


def _refers_back(line: str, at: int, kind: str) -> bool:
    """"全县" refers back to a county the same paragraph named before it ("安徽颍上县抢抓农时，全县…");
    with none before it, it is the paper's own county."""
    for m in gazetteer.find_places(line[:at]):
        name = gazetteer.place(m.code).name
        if name.endswith(kind) or (kind == "县" and name.endswith("旗")):
            return True
    return False


def _inside_quotes(line: str, at: int) -> bool:
    """Whether position `at` lies inside “…” or 「…」 (quotes may open on an earlier line: not seen)."""
    depth = 0
    for ch in line[:at]:
        if ch in "“「":
            depth += 1
        elif ch in "”」" and depth:
            depth -= 1
    return depth > 0
