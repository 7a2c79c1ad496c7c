"""How well civread cuts pages into articles: seeds, generated pages from real stories, a naive baseline.

    python benchmarks/segmentation.py [--pages 300] [--part heldout|dev|both] [--seed 1]
                                      [--corpus PATH] [--dump DIR] [--no-artefacts]
                                      [--county-errors FILE.tsv]

Prints, in one run (issue 9):
(a) the five seed pages against a hand-written gold table (below: page, kind, title, kicker, the
    first 8 Han characters of the body, county code);
(b) N generated pages (`pagegen.py`, default 300 = 100 per difficulty) from the HELD-OUT part
    of the corpus (`--part dev` for the development part, `both` for both): overall, per
    difficulty and per artefact (an item artefact row tallies the gold items it touched, so
    recall/headline/county only; a `page:` row tallies whole pages that have it, so F1 and P too);
(b') county on the GOLD articles themselves: each gold item's head and its body (cut back out of the
    page as printed, or its Han characters alone where it was printed in pieces) fed to the locator
    the way the pipeline feeds an article, then the page's home place applied with the masthead
    civread found. County accuracy on (b) is this locator's accuracy times segmentation's: a wrong
    piece cannot get the right county. `--county-errors` writes every gold item whose county is
    missed, by the pipeline or on gold segmentation, as TSV (page, where, Han F1, gold, both answers,
    the page's home, artefacts, heads and the body's start);
(c) a naive baseline beside civread: a new article at every dateline line (本报讯, 新华社…电,
    新京报讯, 央广网…消息, IT之家…消息, 据…报道, 记者…获悉), the chunk's first line as title,
    no places.

Matching: predicted pieces ↔ gold items one-to-one, greedily by the F1 of their Han-character
multisets (title, kicker, subtitle and byline included; an untitled piece's made-up title not).
A gold item is FOUND when its partner's Han F1 ≥ 0.8. precision = found / predicted pieces,
recall = found / gold items. Headline accuracy = share of gold items (with a title) whose
partner's title equals the gold title after NFKC and dropping spaces/punctuation (kicker+title
accepted too). County accuracy = share of gold items with a county whose partner's locality code
lies inside the gold place (same code, or a deeper one under it). Photo captions count like
articles. Each F1 on generated pages is followed by ±, half a 95% bootstrap interval over pages
(±0.03 overall at 300 pages): smaller differences are chance. On the seeds, whose gold is only a table, a gold item is found when one piece contains
its first 8 Han characters and no other gold item's.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pagegen  # noqa: E402
from pagegen import DIFFICULTIES, GenPage, han  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
FOUND_F1 = 0.8

# --------------------------------------------------------------------------- seed gold (hand-written)
# (page file prefix, kind, title, kicker, first 8 Han characters of the body in reading order, county code)
SEED_GOLD: list[tuple[str, str, str, str, str, str | None]] = [
    ("000", "article", "滴水穿石久久为功不断提升文明城市质量与成色", "", "年是全面贯彻落实", "441200"),
    ("000", "article", "黑龙江哈尔滨市在68个街道开展快递行业“四随”志愿服务", "", "本报讯刘希阳在近", "230100"),
    ("000", "article", "突出五个“更加注重”推动主题教育见行见效", "青海贵德县", "青海省海南藏族自", "632523"),
    ("000", "photo", "", "", "近年来四川省华蓥", "511681"),
    ("000", "article", "“五个百场”凝聚茶乡正能量", "陕西西乡县", "今年以来陕西省汉", "610724"),
    ("000", "article", "弘扬新时代雷锋精神擦亮城市文明底色", "山西阳泉市", "近年来山西省阳泉", "140300"),
    ("001", "article", "文明赋能处处景 一路春色满目新", "", "核心提示自年月成", "441200"),
    ("002", "article", "“四个聚焦”助推“一学三促”活动走深走实", "青海久治县", "自百名干部下乡开", "632625"),
    ("002", "photo", "铭记历史勿忘国耻", "", "为加强新时代爱国", "110107"),
    ("002", "article", "抓市容环境整治 助城市“颜值”提升", "内蒙古呼伦贝尔市海拉尔区", "本报讯呼文随着文", "150702"),
    ("002", "article", "以星级评选激发队伍活力", "陕煤黄陵矿业二号煤矿", "本报讯杨新亚星级", "610632"),
    ("002", "article", "“志愿服务+”让基层治理更有温度", "安徽休宁县", "本报讯姚靖雯周梅", "341022"),
    ("002", "article", "传播文明风尚 共建美好城市", "广西南宁市", "本报讯宾艺苑月日", "450100"),
    ("002", "article", "共创文明城市 共享文明成果", "", "漫步乐山街头道路", "511100"),
    ("003", "article", "北京海淀“九大行动”深化全国文明城区创建工作", "", "本报讯唐炜月日北", "110108"),
    ("003", "article", "党建引领聚合力 结对帮扶促发展", "", "河南省漯河市临颍", "411122"),
    ("003", "article", "", "", "寒冬时节正在听青", "630103"),
    ("003", "article", "小红车打通服务群众“最后一百米”", "山西晋城西街街道办", "本报讯薛克上门登", "140500"),
    ("003", "article", "", "", "本报讯齐宣近期黑", "230200"),
    ("004", "article", "“文明实践+”激活志愿服务“源动力”", "", "近年来山西省太原", "140105"),
    ("004", "article", "远程教育“充电赋能”乡村振兴提质增效", "青海乌兰县柯柯镇", "今年以来青海省海", "632821"),
    ("004", "photo", "", "", "近日四川省眉山市", "511425"),
    ("004", "article", "以真抓实干掀起创建热潮", "广西河池市巴马县", "今年以来广西壮族", "451227"),
    ("004", "article", "禁毒宣传进校园 护航青春助成长", "四川安岳县姚市镇", "本报讯袁潇为进一", "512021"),
    ("004", "article", "达州调查队“四有”推动学习贯彻党的二十大精神升温加热", "", "今年以来国家统计", "511700"),
    ("004", "article", "四川乐至县启动第五届乐至好人评选表扬活动", "", "本报讯曹丽红近日", "512022"),
    ("004", "article", "降本有“道”增效有“方”", "陕煤黄陵矿业二号煤矿", "本报讯杨新亚今年", "610632"),
]


# --------------------------------------------------------------------------- predictions


@dataclass(slots=True)
class Pred:
    title: str
    kicker: str
    han: Counter
    text_han: str  # body Han in order (for the seeds' prefix test)
    code: str | None
    kind: str = "article"
    subtitle: str = ""


def civread_preds(text: str, path: str) -> list[Pred]:
    return civread_run(text, path)[0]


def civread_run(text: str, path: str) -> tuple[list[Pred], list[str]]:
    """civread's pieces, and the lines it removed as the page's masthead (for the gold-segmentation county row)."""
    from civread.pipeline import process_text

    try:
        page = process_text(text, path)
    except Exception as e:  # noqa: BLE001 - a crash is a page with no pieces, and is said once per kind
        _warn_once(f"civread raised {type(e).__name__}: {e}")
        return [], []
    masthead = [r.text for r in page.removed if r.reason.startswith("page furniture")]
    out: list[Pred] = []
    for a in page.articles:
        body = han("".join(p.text for p in a.paragraphs))
        head = han(("" if a.untitled else a.title) + a.kicker + a.subtitle + a.byline)
        kind = getattr(a.kind, "value", str(a.kind))
        out.append(Pred("" if a.untitled else a.title, a.kicker, Counter(head + body), han(a.byline) + body,
                        a.locality.code, kind, a.subtitle))
    return out, masthead


_WARNED: set[str] = set()


def _warn_once(msg: str) -> None:
    if msg not in _WARNED:
        _WARNED.add(msg)
        print(f"!! {msg}", file=sys.stderr)


_DATELINE = re.compile(
    r"^\s*(?:本报讯|新华社\S{0,12}?电|新京报讯|央广网\S{0,12}?消息|IT之家\S{0,8}?消息|中新网\S{0,12}?电|"
    r"据\S{1,12}?报道|记者\S{1,12}?(?:从\S{1,16}?)?获悉)")


def baseline_preds(text: str, path: str = "") -> list[Pred]:
    """The naive segmenter: a new article at every dateline line, its first line as title, no places."""
    chunks: list[list[str]] = [[]]
    for line in text.splitlines():
        if _DATELINE.match(line) and any(x.strip() for x in chunks[-1]):
            chunks.append([])
        chunks[-1].append(line)
    out: list[Pred] = []
    for ch in chunks:
        lines = [x.strip() for x in ch if x.strip()]
        if not lines or not han("".join(lines)):
            continue
        all_han = han("".join(lines))
        out.append(Pred(lines[0], "", Counter(all_han), han("".join(lines[1:])), None))
    return out


# --------------------------------------------------------------------------- scoring


def norm_title(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    return "".join(c for c in s if unicodedata.category(c)[0] in "LN")


def _f1(a: Counter, b: Counter, na: int, nb: int) -> float:
    if not na or not nb:
        return 0.0
    inter = sum((a & b).values())
    return 2 * inter / (na + nb)


def _code_ok(gold: str | None, pred: str | None) -> bool:
    if not gold or not pred:
        return False
    prefix = gold[:2] if gold.endswith("0000") else gold[:4] if gold.endswith("00") else gold
    return pred.startswith(prefix)


def _title_ok(g_title: str, g_kicker: str, p: Pred) -> bool:
    """The headline as printed: a subtitle civread split off at its dash ("主题——副题") counts as
    part of it, since the corpus keeps such headlines whole."""
    gold = {norm_title(g_title), norm_title(g_kicker + g_title)}
    titles = [p.title, p.kicker + p.title]
    if p.subtitle and p.subtitle[0] in "—－―":
        titles += [t + p.subtitle for t in titles]
    return any(norm_title(t) in gold for t in titles)


@dataclass(slots=True)
class Tally:
    gold: int = 0
    pred: int = 0
    found: int = 0
    titled: int = 0
    title_ok: int = 0
    located: int = 0
    county_ok: int = 0
    pages: int = 0
    seconds: float = 0.0

    def add(self, o: "Tally") -> None:
        for k in self.__slots__:
            setattr(self, k, getattr(self, k) + getattr(o, k))

    def row(self, with_precision: bool = True) -> str:
        p = self.found / self.pred if self.pred else 0.0
        r = self.found / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        h = self.title_ok / self.titled if self.titled else float("nan")
        c = self.county_ok / self.located if self.located else float("nan")
        ms = 1000 * self.seconds / self.pages if self.pages else float("nan")
        if not with_precision:
            return f"{'':>6} {'':>6} {r:6.2f} {h:9.2f} {c:7.2f} {self.gold:6d}"
        return f"{f:6.2f} {p:6.2f} {r:6.2f} {h:9.2f} {c:7.2f} {self.gold:6d} {self.pred:6d} {ms:8.1f}"


HEADER = f"{'':24}{'F1':>6} {'P':>6} {'R':>6} {'headline':>9} {'county':>7} {'gold':>6} {'pred':>6} {'ms/page':>8}"


def score_generated(page: GenPage, preds: list[Pred],
                    partner_out: dict[int, tuple[int, float]] | None = None) -> tuple[Tally, list[tuple[set[str], Tally]]]:
    """Page tally, plus one single-item tally per gold item with its artefacts (for the per-artefact table).

    `partner_out`, when given, receives gold index → (predicted piece index, Han F1)."""
    golds = [(Counter(g.head_han + g.body_han), len(g.head_han) + len(g.body_han)) for g in page.items]
    sizes = [sum(p.han.values()) for p in preds]
    pairs = []
    for gi, (gc, gn) in enumerate(golds):
        for pi, p in enumerate(preds):
            if sizes[pi] and gn:
                f = _f1(gc, p.han, gn, sizes[pi])
                if f > 0.2:
                    pairs.append((f, gi, pi))
    pairs.sort(reverse=True)
    partner: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    for f, gi, pi in pairs:
        if gi in partner or pi in used:
            continue
        partner[gi] = (pi, f)
        used.add(pi)
    if partner_out is not None:
        partner_out.update(partner)
    total = Tally(gold=len(page.items), pred=len(preds), pages=1)
    per_item: list[tuple[set[str], Tally]] = []
    for gi, g in enumerate(page.items):
        t = Tally(gold=1)
        pi, f = partner.get(gi, (None, 0.0))
        p = preds[pi] if pi is not None else None
        t.found = int(p is not None and f >= FOUND_F1)
        if g.title:
            t.titled = 1
            t.title_ok = int(p is not None and _title_ok(g.title, g.kicker, p))
        if g.county_code:
            t.located = 1
            t.county_ok = int(p is not None and _code_ok(g.county_code, p.code))
        total.add(Tally(found=t.found, titled=t.titled, title_ok=t.title_ok, located=t.located, county_ok=t.county_ok))
        per_item.append((set(g.artefacts) | {f"kind:{g.kind}"}, t))
    return total, per_item


def score_seed_page(prefix: str, preds: list[Pred]) -> Tally:
    gold = [g for g in SEED_GOLD if g[0] == prefix]
    keys = [g[4] for g in gold]
    t = Tally(gold=len(gold), pred=len(preds), pages=1)
    used: set[int] = set()
    for g in gold:
        key = g[4]
        cands = [(p.text_han.find(key), i) for i, p in enumerate(preds) if i not in used and key in p.text_han]
        if not cands:
            if g[2]:
                t.titled += 1
            if g[5]:
                t.located += 1
            continue
        _, i = min(cands)
        used.add(i)
        p = preds[i]
        merged = any(k != key and k in p.text_han for k in keys)
        t.found += int(not merged)
        if g[2]:
            t.titled += 1
            t.title_ok += int(_title_ok(g[2], g[3], p))
        if g[5]:
            t.located += 1
            t.county_ok += int(_code_ok(g[5], p.code))
    return t


def gold_segmentation_codes(page: GenPage, masthead: list[str]) -> list[str | None]:
    """The locator alone: each gold item (its printed head, its body's Han text) located the way the
    pipeline locates an article, then the page's home place applied with the masthead civread found.

    Only the body's Han characters are kept in the gold, so the body is one punctuation-less
    paragraph: place names are all Han, so what the locator can find is the same."""
    from civread.pipeline.headlines import news_lead_byline
    from civread.pipeline.locality import home_place, place_at_home, resolve_locality

    aligned = _PageHan(page.text)
    locs = []
    bodies = []
    for g in page.items:
        head = " ".join(x for x in (g.kicker, g.title, g.subtitle) if x)
        paragraphs = aligned.paragraphs(g.body_han)
        if paragraphs:
            paragraphs[0] = news_lead_byline(paragraphs[0])[1]
        bodies.append(paragraphs)
        locs.append(resolve_locality(head, g.kicker, paragraphs))
    found = home_place(masthead, locs)
    if found is not None:
        home, from_masthead = found
        locs = [place_at_home(g.title + "\n" + "\n".join(b), loc, home, from_masthead)
                for g, b, loc in zip(page.items, bodies, locs)]
    return [loc.code for loc in locs]


class _PageHan:
    """A page's text indexed by its Han characters, to cut a gold body back out of it as printed
    (punctuation, digits and paragraph breaks included) when it was printed in one piece."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = [i for i, c in enumerate(text) if pagegen._HAN.match(c)]
        self.han = "".join(text[i] for i in self.pos)

    def paragraphs(self, body_han: str) -> list[str]:
        at = self.han.find(body_han) if body_han else -1
        if at < 0:  # split, displaced or interleaved: the Han characters alone, as one paragraph
            return [body_han] if body_han else []
        start, end = self.pos[at], self.pos[at + len(body_han) - 1] + 1
        while end < len(self.text) and self.text[end] != "\n":
            end += 1
        paras: list[str] = []
        cur = ""
        for line in self.text[start:end].split("\n"):
            if not line.strip():
                if cur:
                    paras.append(cur)
                cur = ""
            else:
                cur += line.strip()
        if cur:
            paras.append(cur)
        return paras


def _place_name(code: str | None) -> str:
    if not code:
        return "-"
    from civread.pipeline.locality import locality_of

    return locality_of(code).label


# --------------------------------------------------------------------------- runs

Segmenter = Callable[[str, str], list[Pred]]
SEGMENTERS: dict[str, Segmenter] = {"civread": civread_preds, "baseline": baseline_preds}


def _decode(data: bytes) -> str:
    """civread's own decoder when it is where it was; the seeds are UTF-8 anyway."""
    try:
        from civread.pipeline.decode import decode
    except ImportError:
        return data.decode("utf-8", errors="replace")
    return decode(data)[0]


def run_seeds() -> dict[str, Tally]:
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    out: dict[str, Tally] = {}
    for name, seg in SEGMENTERS.items():
        total = Tally()
        for f in seeds:
            text = _decode(f.read_bytes())
            t0 = time.perf_counter()
            preds = seg(text, str(f))
            dt = time.perf_counter() - t0
            t = score_seed_page(f.name[:3], preds)
            t.seconds = dt
            total.add(t)
        out[name] = total
    return out


GOLD_SEG = "gold-seg"  # key of the county-only tallies on gold articles


def run_generated(part: str, n_pages: int, seed: int, corpus: str | None, dump: Path | None,
                  dump_n: int, county_errors: Path | None = None
                  ) -> tuple[dict[str, dict[str, Tally]], dict[str, dict[str, Tally]]]:
    """{segmenter: {difficulty|'overall': Tally}}, {segmenter: {artefact: Tally}}; GOLD_SEG holds
    county on the gold articles themselves (the locator without segmentation errors)."""
    per_diff: dict[str, dict[str, Tally]] = {s: defaultdict(Tally) for s in (*SEGMENTERS, GOLD_SEG)}
    per_art: dict[str, dict[str, Tally]] = {s: defaultdict(Tally) for s in (*SEGMENTERS, GOLD_SEG)}
    page_tallies: dict[str, dict[str, list[Tally]]] = {s: defaultdict(list) for s in SEGMENTERS}
    errors: list[str] = []
    counts = [n_pages // 3 + (1 if k < n_pages % 3 else 0) for k in range(3)]
    for diff, n in zip(DIFFICULTIES, counts):
        for k, page in enumerate(pagegen.generate(part, seed, diff, n, corpus)):
            for name, seg in SEGMENTERS.items():
                t0 = time.perf_counter()
                if name == "civread":
                    preds, masthead = civread_run(page.text, f"{page.id}.txt")
                else:
                    preds = seg(page.text, f"{page.id}.txt")
                dt = time.perf_counter() - t0
                partner: dict[int, tuple[int, float]] = {}
                t, items = score_generated(page, preds, partner)
                t.seconds = dt
                if name == "civread":
                    _tally_gold_counties(page, preds, masthead, partner, diff, per_diff[GOLD_SEG], per_art[GOLD_SEG],
                                         errors if county_errors is not None else None)
                if dump is not None and k < dump_n and name == "civread":
                    _dump(dump, page, preds, partner)
                per_diff[name][diff].add(t)
                per_diff[name]["overall"].add(t)
                page_tallies[name][diff].append(t)
                for arts, it in items:
                    for a in arts:
                        per_art[name][a].add(it)
                for a in page.artefacts:  # page-level artefacts: whole-page tallies, so precision too
                    per_art[name][f"page:{a}"].add(t)
    if county_errors is not None:
        county_errors.write_text(
            "page\twhere\thanF1\tkind\tgold\tgold_name\tgoldseg\tgoldseg_name\tpipeline\tpipeline_name\thome"
            "\tartefacts\tkicker\ttitle\tbody\tpiece_title\n" + "\n".join(errors) + "\n", encoding="utf-8")
    for name in SEGMENTERS:
        page_tallies[name]["overall"] = [t for d in DIFFICULTIES for t in page_tallies[name][d]]
    _SPREAD.clear()
    for name, by_key in page_tallies.items():
        for key, ts in by_key.items():
            _SPREAD[(name, key)] = f1_spread(ts)
    return per_diff, per_art


def _tally_gold_counties(page: GenPage, preds: list[Pred], masthead: list[str], partner: dict[int, tuple[int, float]], diff: str,
                         per_diff: dict[str, Tally], per_art: dict[str, Tally], errors: list[str] | None) -> None:
    """County located on the gold articles themselves (GOLD_SEG: the locator without segmentation
    errors) into `per_diff`/`per_art`; with `errors`, one TSV line per county that either the gold
    segmentation or the pipeline got wrong."""
    gold_codes = gold_segmentation_codes(page, masthead)
    for gi, (g, code) in enumerate(zip(page.items, gold_codes)):
        if not g.county_code:
            continue
        ok = _code_ok(g.county_code, code)
        gt = Tally(located=1, county_ok=int(ok))
        per_diff[diff].add(gt)
        per_diff["overall"].add(gt)
        for a in set(g.artefacts) | {f"kind:{g.kind}"} | {f"page:{a}" for a in page.artefacts}:
            per_art[a].add(gt)
        pi, f = partner.get(gi, (None, 0.0))
        pcode = preds[pi].code if pi is not None else None
        ptitle = (preds[pi].kicker + "｜" + preds[pi].title) if pi is not None else ""
        if errors is not None and not (ok and _code_ok(g.county_code, pcode)):
            errors.append("\t".join([
                page.id, "gold-seg" if not ok else "pipeline", f"{f:.2f}", g.kind,
                g.county_code, _place_name(g.county_code), str(code), _place_name(code),
                str(pcode), _place_name(pcode), _place_name(page.home_code) if page.home_code else "-",
                ",".join(sorted(g.artefacts)), g.kicker, g.title, g.body_han[:80], ptitle]))


_SPREAD: dict[tuple[str, str], float] = {}


def f1_spread(pages: list[Tally], rounds: int = 200) -> float:
    """Half the width of a 95% bootstrap interval of F1 over pages: how far a figure moves by chance."""
    import random

    if len(pages) < 2:
        return float("nan")
    rng = random.Random(0)
    f1s = []
    for _ in range(rounds):
        found = pred = gold = 0
        for _ in range(len(pages)):
            t = pages[rng.randrange(len(pages))]
            found, pred, gold = found + t.found, pred + t.pred, gold + t.gold
        p, r = (found / pred if pred else 0.0), (found / gold if gold else 0.0)
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    f1s.sort()
    return (f1s[int(0.975 * rounds) - 1] - f1s[int(0.025 * rounds)]) / 2


def _dump(folder: Path, page: GenPage, preds: list[Pred], partner: dict[int, tuple[int, float]]) -> None:
    """The page as text, and its gold beside what civread made of it (for inspection)."""
    folder.mkdir(parents=True, exist_ok=True)
    d = page.as_dict()
    for gi, item in enumerate(d["items"]):
        pi, f = partner.get(gi, (None, 0.0))
        item["civread_piece"] = pi
        item["han_f1"] = round(f, 3)
    d["civread"] = [{"kind": p.kind, "kicker": p.kicker, "title": p.title, "code": p.code,
                     "han": sum(p.han.values()), "starts": p.text_han[:20]} for p in preds]
    (folder / f"{page.id}.txt").write_text(page.text, encoding="utf-8")
    (folder / f"{page.id}.json").write_text(json.dumps(d, ensure_ascii=False, indent=1), encoding="utf-8")


def _print_block(title: str, rows: Iterable[tuple[str, str]]) -> None:
    print(f"\n== {title}")
    print(HEADER)
    for label, row in rows:
        print(f"{label:24}{row}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=300, help="generated pages per part (split evenly over difficulties)")
    ap.add_argument("--part", choices=("heldout", "dev", "both"), default="heldout")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpus", default=None, help="news.jsonl (default: <repo>/../shared/corpora/news.jsonl)")
    ap.add_argument("--dump", type=Path, default=None, help="write a few generated pages (+ gold JSON) here")
    ap.add_argument("--dump-n", type=int, default=3, help="pages per difficulty to dump")
    ap.add_argument("--no-artefacts", action="store_true", help="skip the per-artefact table")
    ap.add_argument("--county-errors", type=Path, default=None,
                    help="write every gold item whose county civread misses (pipeline or gold segmentation) here, as TSV")
    args = ap.parse_args(argv)

    t_start = time.perf_counter()
    seeds = run_seeds()
    _print_block("seeds (5 pages, hand-written gold table)", ((n, seeds[n].row()) for n in SEGMENTERS))
    parts = ("heldout", "dev") if args.part == "both" else (args.part,)
    for part in parts:
        try:
            per_diff, per_art = run_generated(part, args.pages, args.seed, args.corpus, args.dump, args.dump_n,
                                              args.county_errors)
        except SystemExit as e:
            print(f"\n{e}")
            return 2
        rows = []
        for key in ("overall", *DIFFICULTIES):
            for name in SEGMENTERS:
                rows.append((f"{key:8} {name}", per_diff[name][key].row() + f"   ±{_SPREAD.get((name, key), float('nan')):.2f}"))
        _print_block(f"generated pages, {part} part ({args.pages} pages, seed {args.seed}; ± = half a 95% bootstrap "
                     f"interval of F1 over pages)", rows)
        print(f"\n-- county on the GOLD articles ({part} part): the locator alone, fed gold segmentation "
              f"(each gold item's head and body, the page's home place from the masthead civread found)")
        print(f"{'':24}{'county':>7} {'located':>8}")
        for key in ("overall", *DIFFICULTIES):
            t = per_diff[GOLD_SEG][key]
            print(f"{key:8} {GOLD_SEG:15}{t.county_ok / t.located if t.located else float('nan'):7.2f} {t.located:8d}")
        if not args.no_artefacts:
            print(f"\n-- per artefact, {part} part, civread (items touched by it: recall only; page:… rows are whole pages)")
            print(f"{'':24}{'F1':>6} {'P':>6} {'R':>6} {'headline':>9} {'county':>7} {'gold':>6} {'pred':>6} {'ms/page':>8}"
                  f"   baseline F1/R   gold-seg county")
            for a in sorted(per_art["civread"], key=lambda a: (a.startswith("kind:"), a.startswith("page:"), a)):
                t, b = per_art["civread"][a], per_art["baseline"][a]
                page_row = a.startswith("page:")
                bp = b.found / b.pred if b.pred else 0.0
                br = b.found / b.gold if b.gold else 0.0
                bf = 2 * bp * br / (bp + br) if page_row and bp + br else br
                g = per_art[GOLD_SEG][a]
                gc = f"{g.county_ok / g.located:6.2f}" if g.located else f"{'':6}"
                print(f"{a:24}{t.row(with_precision=page_row)}   {bf:6.2f}   {gc}")
    print(f"\n(total {time.perf_counter() - t_start:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
