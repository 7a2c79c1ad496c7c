"""Build a synthetic archive of N pages from the seeds' own articles, varied like real archives.

    python benchmarks/make_archive.py N OUT [--seed 1]

Writes OUT/pages/<year>/<month>/<date>-<n>.txt (and OUT/manifest.json). Each page recombines
3–8 articles taken from the seed pages (as the pipeline cut them), with:

* headline blocks usually above their body, sometimes below it, sometimes all collected at the
  page's end (as e-paper extractions do); headline lines stay whole lines;
* bodies re-wrapped at 12–40 characters, with the odd blank line mid-sentence (column breaks),
  sometimes indented, sometimes justified headlines ("文 明 创 建");
* place names swapped, consistently per article, for other real places, so the locality tree
  is large: from `tui/civread/data/gazetteer.tsv` when it exists, else a built-in list;
* ~20% of pages in traditional script (OpenCC s2t), ~20% encoded GB18030, a few Big5 and
  UTF-16 (with BOM), the rest UTF-8.

Deterministic (one seeded RNG), streaming (each page is written as it is made) and fast: the
slow step, s2t, is done once per seed article and per place name, never per page.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from civread.pipeline import process_bytes
from civread.seeds import seeds_dir

GENERATOR_VERSION = "1"
_CJK = "\u4e00-\u9fff"

# Province-level names (full, short). Municipalities are provinces at this level.
PROVINCES = [
    ("北京市", "北京"), ("天津市", "天津"), ("上海市", "上海"), ("重庆市", "重庆"), ("河北省", "河北"),
    ("山西省", "山西"), ("内蒙古自治区", "内蒙古"), ("辽宁省", "辽宁"), ("吉林省", "吉林"),
    ("黑龙江省", "黑龙江"), ("江苏省", "江苏"), ("浙江省", "浙江"), ("安徽省", "安徽"), ("福建省", "福建"),
    ("江西省", "江西"), ("山东省", "山东"), ("河南省", "河南"), ("湖北省", "湖北"), ("湖南省", "湖南"),
    ("广东省", "广东"), ("广西壮族自治区", "广西"), ("海南省", "海南"), ("四川省", "四川"),
    ("贵州省", "贵州"), ("云南省", "云南"), ("西藏自治区", "西藏"), ("陕西省", "陕西"), ("甘肃省", "甘肃"),
    ("青海省", "青海"), ("宁夏回族自治区", "宁夏"), ("新疆维吾尔自治区", "新疆"),
]

# Used only when the gazetteer has not been built: province → prefecture → counties.
FALLBACK_PLACES: dict[str, dict[str, list[str]]] = {
    "北京市": {"": ["朝阳区", "丰台区", "通州区", "顺义区"]},
    "天津市": {"": ["和平区", "南开区", "滨海新区", "蓟州区"]},
    "上海市": {"": ["黄浦区", "徐汇区", "浦东新区", "松江区"]},
    "重庆市": {"": ["渝中区", "万州区", "涪陵区", "巫山县"]},
    "河北省": {"石家庄市": ["正定县", "赞皇县"], "保定市": ["涿州市", "阜平县"], "邯郸市": ["涉县", "磁县"]},
    "山西省": {"大同市": ["平城区", "广灵县"], "长治市": ["襄垣县", "沁县"], "运城市": ["永济市", "芮城县"]},
    "内蒙古自治区": {"包头市": ["昆都仑区", "固阳县"], "赤峰市": ["红山区", "宁城县"]},
    "辽宁省": {"沈阳市": ["和平区", "新民市"], "大连市": ["中山区", "庄河市"], "鞍山市": ["台安县", "海城市"]},
    "吉林省": {"长春市": ["南关区", "榆树市"], "延边朝鲜族自治州": ["延吉市", "珲春市"]},
    "黑龙江省": {"齐齐哈尔市": ["龙沙区", "依安县"], "牡丹江市": ["东宁市", "林口县"]},
    "江苏省": {"南京市": ["玄武区", "溧水区"], "无锡市": ["江阴市", "宜兴市"], "徐州市": ["丰县", "沛县"]},
    "浙江省": {"杭州市": ["西湖区", "淳安县"], "宁波市": ["象山县", "宁海县"], "温州市": ["乐清市", "永嘉县"]},
    "安徽省": {"合肥市": ["肥西县", "庐江县"], "芜湖市": ["南陵县", "无为市"], "安庆市": ["桐城市", "潜山市"]},
    "福建省": {"福州市": ["闽侯县", "连江县"], "泉州市": ["晋江市", "安溪县"], "南平市": ["武夷山市", "浦城县"]},
    "江西省": {"南昌市": ["进贤县", "安义县"], "赣州市": ["瑞金市", "于都县"], "上饶市": ["婺源县", "铅山县"]},
    "山东省": {"济南市": ["历下区", "平阴县"], "青岛市": ["黄岛区", "胶州市"], "临沂市": ["沂水县", "蒙阴县"]},
    "河南省": {"郑州市": ["巩义市", "中牟县"], "洛阳市": ["栾川县", "嵩县"], "南阳市": ["西峡县", "淅川县"]},
    "湖北省": {"武汉市": ["江岸区", "黄陂区"], "宜昌市": ["秭归县", "远安县"], "襄阳市": ["谷城县", "保康县"]},
    "湖南省": {"长沙市": ["浏阳市", "宁乡市"], "衡阳市": ["衡山县", "祁东县"], "湘西土家族苗族自治州": ["凤凰县", "吉首市"]},
    "广东省": {"广州市": ["越秀区", "从化区"], "韶关市": ["乐昌市", "仁化县"], "梅州市": ["兴宁市", "大埔县"]},
    "广西壮族自治区": {"桂林市": ["阳朔县", "龙胜各族自治县"], "柳州市": ["柳江区", "融安县"]},
    "海南省": {"海口市": ["龙华区", "美兰区"], "三亚市": ["吉阳区", "崖州区"]},
    "四川省": {"成都市": ["郫都区", "都江堰市"], "绵阳市": ["江油市", "三台县"], "宜宾市": ["长宁县", "兴文县"]},
    "贵州省": {"贵阳市": ["花溪区", "开阳县"], "遵义市": ["仁怀市", "湄潭县"]},
    "云南省": {"昆明市": ["五华区", "宜良县"], "大理白族自治州": ["大理市", "宾川县"], "曲靖市": ["陆良县", "罗平县"]},
    "西藏自治区": {"拉萨市": ["城关区", "林周县"], "日喀则市": ["江孜县", "定日县"]},
    "陕西省": {"西安市": ["碑林区", "周至县"], "宝鸡市": ["凤翔区", "眉县"], "延安市": ["延川县", "黄陵县"]},
    "甘肃省": {"兰州市": ["城关区", "榆中县"], "天水市": ["秦州区", "甘谷县"]},
    "青海省": {"西宁市": ["城东区", "湟源县"], "海东市": ["乐都区", "互助土族自治县"]},
    "宁夏回族自治区": {"银川市": ["兴庆区", "永宁县"], "固原市": ["原州区", "隆德县"]},
    "新疆维吾尔自治区": {"乌鲁木齐市": ["天山区", "米东区"], "伊犁哈萨克自治州": ["伊宁市", "霍城县"]},
}

_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "地区", "新区", "省", "市", "县", "区", "盟", "旗")


def short_form(name: str) -> str:
    """A place name without its administrative suffix, when what is left is still a name."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@dataclass
class Gazetteer:
    """Counties with their parents, to draw replacement places from."""

    chains: list[tuple[str, str, str]] = field(default_factory=list)  # (province, prefecture|"", county)
    source: str = "built-in list"


def load_gazetteer(path: Path) -> Gazetteer:
    """Read the project's gazetteer if it exists (any TSV with a 6-digit code and a name column;
    hierarchy from the code), else the built-in list."""
    names: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    for line in lines:
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        code = next((f for f in fields if re.fullmatch(r"\d{6}", f)), None)
        name = next((f for f in fields if re.fullmatch(f"[{_CJK}]{{2,12}}", f)), None)
        if code and name and code not in names:
            names[code] = name
    chains: list[tuple[str, str, str]] = []
    for code, name in names.items():
        if code.endswith("00"):
            continue
        province = names.get(code[:2] + "0000")
        prefecture = names.get(code[:4] + "00", "")
        if province and name != prefecture:
            chains.append((province, prefecture, name))
    if len(chains) >= 200:
        return Gazetteer(sorted(chains), f"{path.name} ({len(chains)} counties)")
    fallback = [(p, pref, c) for p, prefs in FALLBACK_PLACES.items() for pref, cs in prefs.items() for c in cs]
    return Gazetteer(fallback, f"built-in list ({len(fallback)} counties; gazetteer not built yet)")


_PROVINCE_ALT = "|".join(sorted({re.escape(x) for pair in PROVINCES for x in pair}, key=len, reverse=True))
# A place chain: province, then optionally a prefecture-level and a county-level name.
_CHAIN = re.compile(
    f"({_PROVINCE_ALT})"
    f"([{_CJK}]{{2,5}}?(?:自治州|地区|盟|市))?"
    f"([{_CJK}]{{1,4}}?(?:自治县|新区|区|县|旗|市))?"
)
_NO_LINE_START = frozenset("，。、；：！？”’）》」』…·")
# Before a bare province name ("山西"), a character that makes it part of another word ("老山西里").
_GLUED = re.compile(f"[{_CJK}]")
_AFTER_OK = frozenset("在省到赴于和与及、从至")
_NOT_PLACE = re.compile("[的了和在是为与对将把等各个这全省市县区级委局镇乡村街]")


_BARE_PROVINCES = frozenset(short for _, short in PROVINCES)


@dataclass
class Template:
    """One seed article ready to re-render: its pieces in both scripts and its place names."""

    kicker: str
    title: str
    subtitle: str
    byline: str
    paragraphs: list[str]
    photo: bool
    places: dict[str, int]  # name (full or short) → level 0 province, 1 prefecture, 2 county
    size: int  # UTF-8 bytes of its text, to aim pages at a size


def _places(text: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for match in _CHAIN.finditer(text):
        start = match.start()
        bare = match.group(1) in _BARE_PROVINCES
        if bare and start and _GLUED.match(text[start - 1]) and text[start - 1] not in _AFTER_OK:
            continue
        for level in range(3):
            name = match.group(level + 1)
            if not name or (level and _NOT_PLACE.search(name[:-1])):
                continue
            found.setdefault(name, level)
            short = short_form(name)
            if len(short) >= 2 and short != name:
                found.setdefault(short, level)
    return found


def templates() -> list[Template]:
    """The seed articles, as the pipeline cuts them."""
    out: list[Template] = []
    for path in sorted(seeds_dir().glob("*.txt")):
        page = process_bytes(path.read_bytes(), str(path))
        for a in page.articles:
            paragraphs = [p.text for p in a.paragraphs if p.text.strip()]
            if not paragraphs:
                continue
            whole = "\n".join([a.kicker, "" if a.untitled else a.title, a.subtitle, *paragraphs])
            out.append(
                Template(
                    kicker=a.kicker,
                    title="" if a.untitled else a.title,
                    subtitle=a.subtitle,
                    byline=a.byline.replace("；", " "),
                    paragraphs=paragraphs,
                    photo=a.kind.value == "photo",
                    places=_places(whole),
                    size=len(whole.encode("utf-8")),
                )
            )
    return out


class Traditional:
    """s2t with memory: each distinct string is converted once."""

    def __init__(self) -> None:
        from opencc import OpenCC

        self._cc = OpenCC("s2t")

    @lru_cache(maxsize=200_000)  # noqa: B019 - one converter per run
    def __call__(self, text: str) -> str:
        return self._cc.convert(text) if text else text


@dataclass
class Rendered:
    head: list[str]
    body: list[str]


class PageMaker:
    def __init__(self, seed: int, gazetteer: Gazetteer) -> None:
        self.rng = random.Random(seed)
        self.templates = templates()
        self.gazetteer = gazetteer
        self.s2t = Traditional()
        # Pre-convert every template piece once; place replacements are converted per name (cached).
        for t in self.templates:
            for piece in (t.kicker, t.title, t.subtitle, t.byline, *t.paragraphs):
                self.s2t(piece)
        self._patterns = {
            id(t): re.compile("|".join(map(re.escape, sorted(t.places, key=len, reverse=True)))) if t.places else None
            for t in self.templates
        }
        self._trad_patterns = {
            id(t): (
                re.compile("|".join(map(re.escape, sorted({self.s2t(p) for p in t.places}, key=len, reverse=True))))
                if t.places
                else None
            )
            for t in self.templates
        }

    def _swap(self, t: Template, traditional: bool) -> dict[str, str]:
        """A consistent replacement for each place the article names, drawn from one real chain."""
        province, prefecture, county = self.rng.choice(self.gazetteer.chains)
        target = (province, prefecture or county, county)
        mapping: dict[str, str] = {}
        for name, level in t.places.items():
            new = target[level]
            if short_form(name) == name:  # a short form stays short ("肇庆" → "韶关")
                new = short_form(new)
            if traditional:
                mapping[self.s2t(name)] = self.s2t(new)
            else:
                mapping[name] = new
        return mapping

    def render(self, t: Template, traditional: bool, width: int, indent: str, justify: bool) -> Rendered:
        conv = self.s2t if traditional else (lambda s: s)
        mapping = self._swap(t, traditional)
        pattern = (self._trad_patterns if traditional else self._patterns)[id(t)]

        def fix(text: str) -> str:
            text = conv(text)
            return pattern.sub(lambda m: mapping.get(m.group(), m.group()), text) if pattern else text

        head: list[str] = []
        if t.kicker:
            head.append(fix(t.kicker))
        if t.title:
            title = fix(t.title)
            if justify and len(title) <= 12:
                title = " ".join(title)
            head.append(title)
        if t.subtitle:
            head.append(fix(t.subtitle))
        body: list[str] = []
        if t.byline and not t.photo:
            byline = fix(t.byline)
            body.append(byline if self.rng.random() < 0.5 else f"本报记者 {byline}")
        for paragraph in t.paragraphs:
            body.extend(self._wrap(indent + fix(paragraph), width))
            body.append("")
        return Rendered(head, body)

    def _wrap(self, text: str, width: int) -> list[str]:
        lines: list[str] = []
        i = 0
        while i < len(text):
            end = i + width
            while end < len(text) and text[end] in _NO_LINE_START:  # typesetters keep these up
                end += 1
            lines.append(text[i:end])
            i = end
        out: list[str] = []
        for k, line in enumerate(lines):
            out.append(line)
            if 0 < k < len(lines) - 1 and self.rng.random() < 0.03:
                out.append("")  # a column break in the middle of a sentence
        return out

    def page(self) -> tuple[str, bool]:
        """One page's text, and whether it is in traditional script."""
        rng = self.rng
        traditional = rng.random() < 0.2
        width = rng.randint(12, 40)
        indent = "　　" if rng.random() < 0.3 else ""
        justify = rng.random() < 0.1
        target = rng.randint(14_000, 34_000)
        n_max = rng.randint(4, 8)
        chosen: list[Template] = []
        size = 0
        while len(chosen) < n_max and (len(chosen) < 3 or size < target):
            t = rng.choice(self.templates)
            chosen.append(t)
            size += t.size
        rendered = [self.render(t, traditional, width, indent, justify) for t in chosen]
        layout = rng.random()
        lines: list[str] = []
        if layout < 0.15:  # e-paper: every headline block collected at the end of the page
            for r in rendered:
                lines.extend(r.body)
            for r in rendered:
                lines.extend([*r.head, ""])
        else:
            for r in rendered:
                if layout < 0.3 and rng.random() < 0.5:  # this headline printed below its body
                    lines.extend([*r.body, *r.head, ""])
                else:
                    lines.extend([*r.head, "", *r.body])
        return "\n".join(lines).rstrip("\n") + "\n", traditional


# OpenCC's s2t writes a few characters in forms Big5 lacks; Big5 archives hold these instead.
_TAIWAN_FORMS = str.maketrans("爲衆羣着裏啓峯邨礴", "為眾群著裡啟峰村礡")


def encode(text: str, traditional: bool, rng: random.Random) -> tuple[bytes, str]:
    """Bytes in the encoding an archive might hold this page in."""
    roll = rng.random()
    if traditional and roll < 0.15:
        return text.translate(_TAIWAN_FORMS).encode("big5", errors="replace"), "big5"
    if 0.2 <= roll < 0.4:
        return text.encode("gb18030"), "gb18030"
    if roll >= 0.98:
        return text.encode("utf-16"), "utf-16"
    return text.encode("utf-8"), "utf-8"


def pages(n: int, seed: int, gazetteer: Gazetteer) -> Iterator[tuple[str, bytes, str, bool]]:
    """(relative path, bytes, encoding, traditional) for each page, one at a time."""
    maker = PageMaker(seed, gazetteer)
    day = 0
    per_day = 0
    for i in range(n):
        if per_day == 0:
            day += 1
            per_day = maker.rng.randint(4, 12)
        per_day -= 1
        t = time.gmtime(1_420_070_400 + day * 86_400)  # from 2015-01-01, one issue a day
        text, traditional = maker.page()
        data, encoding = encode(text, traditional, maker.rng)
        name = f"{t.tm_year}/{t.tm_mon:02d}/{t.tm_year}{t.tm_mon:02d}{t.tm_mday:02d}-{i:05d}.txt"
        yield name, data, encoding, traditional


def build(n: int, out: Path, seed: int = 1, gazetteer_path: Path | None = None) -> dict[str, object]:
    """Write the archive under out/pages and a manifest; return the manifest."""
    gazetteer = load_gazetteer(gazetteer_path or default_gazetteer())
    root = out / "pages"
    encodings: dict[str, int] = {}
    total = traditional_pages = 0
    made: set[Path] = set()
    start = time.perf_counter()
    for name, data, encoding, traditional in pages(n, seed, gazetteer):
        target = root / name
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)
        encodings[encoding] = encodings.get(encoding, 0) + 1
        total += len(data)
        traditional_pages += traditional
    manifest: dict[str, object] = {
        "generator": GENERATOR_VERSION,
        "pages": n,
        "seed": seed,
        "bytes": total,
        "traditional_pages": traditional_pages,
        "encodings": encodings,
        "places": gazetteer.source,
        "seconds": round(time.perf_counter() - start, 2),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def default_gazetteer() -> Path:
    return Path(__file__).resolve().parents[1] / "tui" / "civread" / "data" / "gazetteer.tsv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of pages")
    parser.add_argument("out", type=Path, help="output folder (pages go to OUT/pages)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    manifest = build(args.n, args.out, args.seed)
    print(json.dumps(manifest, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
