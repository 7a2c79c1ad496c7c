#!/usr/bin/env python3
"""Build civread's compact gazetteer (tui/civread/data/gazetteer.tsv) from jionlp's wheel.

Why a build step: jionlp ships the complete official list of China's administrative divisions
(`jionlp/dictionary/china_location.zip`, Apache-2.0) down to villages (12 MB).  civread only needs
provinces, prefectures and counties with their codes and the short forms people write, so this
script cuts that out once; the app reads the ~3,600-line TSV and never imports jionlp.

It also uses two more files of the same wheel:
- `china_location_change.txt`: renames since 2002, so old names (襄樊市 → 襄阳市) still resolve;
- `word_distribution.zip`: word counts from a large Chinese corpus, to flag short forms that are
  mostly ordinary words ("平安", "小店", "山城") as *weak*: they count only with context.

Usage:
    python scripts/build_gazetteer.py [path/to/jionlp-1.5.31-py2.py3-none-any.whl] [-o out.tsv]

Without a wheel path it runs `pip download --no-deps jionlp==1.5.31` into a temporary folder.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

JIONLP_VERSION = "1.5.31"
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "tui" / "civread" / "data" / "gazetteer.tsv"

# Short forms jionlp gives functional zones and placeholders: never a place on their own.
GENERIC_SHORT = {
    "经开区", "高新区", "新区", "市直辖", "省直辖", "管理区", "示范区", "产业园", "临港区",
    "开发区", "工业区", "园区", "保税区", "综试区", "县直辖",
}
SUFFIXES_OF_AUTONOMY = (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗"))

# One-character abbreviations (简称) of the provinces: general knowledge, used only as context.
PROVINCE_ABBR = {
    "110000": "京", "120000": "津", "130000": "冀", "140000": "晋", "150000": "蒙",
    "210000": "辽", "220000": "吉", "230000": "黑", "310000": "沪申", "320000": "苏",
    "330000": "浙", "340000": "皖", "350000": "闽", "360000": "赣", "370000": "鲁",
    "410000": "豫", "420000": "鄂", "430000": "湘", "440000": "粤", "450000": "桂",
    "460000": "琼", "500000": "渝", "510000": "川蜀", "520000": "黔贵", "530000": "滇云",
    "540000": "藏", "610000": "陕秦", "620000": "甘陇", "630000": "青", "640000": "宁",
    "650000": "新", "710000": "台", "810000": "港", "820000": "澳",
}

# A short form used this many times more often than its full name is mostly an ordinary word.
WEAK_RATIO = 4.0
# A short form whose full name never occurs in the corpus is weak once it is this frequent.
WEAK_MIN_COUNT = 3000


@dataclass
class Entry:
    code: str
    level: int  # 1 province, 2 prefecture, 3 county
    parent: str  # "" for provinces
    name: str
    aliases: list[str] = field(default_factory=list)
    weak: list[str] = field(default_factory=list)
    zone: bool = False  # a functional zone (经济技术开发区 …): full name only
    municipality: bool = False  # 北京/上海/天津/重庆/香港/澳门: counties sit right under it


def fetch_wheel(dest: Path) -> Path:
    """Download the pinned jionlp wheel (no dependencies) with pip."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
         f"jionlp=={JIONLP_VERSION}", "-d", str(dest)],
        check=True,
    )
    wheels = sorted(dest.glob("jionlp-*.whl"))
    if not wheels:
        raise SystemExit("pip download produced no jionlp wheel")
    return wheels[0]


def read_wheel(wheel: Path) -> tuple[str, str, dict[str, int], str]:
    """The location list, the change list, the word counts and the licence text."""
    with zipfile.ZipFile(wheel) as whl:
        inner = zipfile.ZipFile(io.BytesIO(whl.read("jionlp/dictionary/china_location.zip")))
        location = inner.read(inner.namelist()[0]).decode("utf-8")
        change = whl.read("jionlp/dictionary/china_location_change.txt").decode("utf-8")
        words_zip = zipfile.ZipFile(io.BytesIO(whl.read("jionlp/dictionary/word_distribution.zip")))
        counts: dict[str, int] = {}
        for line in words_zip.read(words_zip.namelist()[0]).decode("utf-8").splitlines():
            if line.strip():
                word, num = json.loads(line)
                counts[word] = int(num)
        licence_name = next(n for n in whl.namelist() if n.endswith("LICENSE"))
        licence = whl.read(licence_name).decode("utf-8")
    return location, change, counts, licence


def parse_locations(text: str) -> dict[str, Entry]:
    """Provinces, prefectures and counties from the tab-indented list (deeper levels skipped)."""
    entries: dict[str, Entry] = {}
    province: Entry | None = None
    prefecture_code = ""
    for raw in text.splitlines():
        depth = len(raw) - len(raw.lstrip("\t"))
        if depth > 2 or not raw.strip():
            continue
        cols = raw.strip("\t").split("\t")
        if len(cols) < 3:
            continue
        name, code, short = cols[0].strip(), cols[1].strip(), cols[2].strip()
        if depth == 0:
            province = Entry(code, 1, "", name, [short] if short != name else [])
            entries[code] = province
            prefecture_code = code
        elif depth == 1:
            assert province is not None
            if code == province.code:  # 北京市 › 北京市: counties hang right under the province
                province.municipality = True
                prefecture_code = province.code
            elif name == "省直辖行政区划":  # 仙桃市, 济源市 …: county-level, treated as prefectures
                prefecture_code = ""
            else:
                entries[code] = Entry(code, 2, province.code, name, [short] if short != name else [])
                prefecture_code = code
        else:
            assert province is not None
            zone = 70 <= int(code[4:6]) < 80
            level, parent = (3, prefecture_code) if prefecture_code else (2, province.code)
            aliases = [] if zone or short == name else [short]
            entries[code] = Entry(code, level, parent, name, aliases, zone=zone)
    return entries


def add_derived_aliases(entries: dict[str, Entry]) -> None:
    """海西蒙古族藏族自治州 → 海西州, 巴马瑶族自治县 → 巴马县; 广西 → 广西自治区."""
    for e in entries.values():
        if e.zone:
            continue
        for full_suffix, short_suffix in SUFFIXES_OF_AUTONOMY:
            if e.name.endswith(full_suffix) and e.aliases:
                stem = e.aliases[0]
                if not stem.endswith(short_suffix):
                    e.aliases.append(stem + short_suffix)
        if e.level == 1 and e.name.endswith("自治区") and e.aliases:
            e.aliases.append(e.aliases[0] + "自治区")
        if e.level == 2 and e.name.endswith("盟") and e.aliases and e.aliases[0].endswith("盟"):
            pass
        e.aliases = [a for a in dict.fromkeys(e.aliases) if a and a != e.name and a not in GENERIC_SHORT]


def add_renames(entries: dict[str, Entry], change_text: str) -> None:
    """Old names from the change list become aliases of today's entry, unless someone else uses them."""
    by_path: dict[tuple[str, ...], Entry] = {}
    for e in entries.values():
        path = [e.name]
        p = e.parent
        while p:
            path.insert(0, entries[p].name)
            p = entries[p].parent
        by_path[tuple(path)] = e
    taken = {e.name for e in entries.values()} | {a for e in entries.values() for a in e.aliases}
    for line in change_text.splitlines():
        if "=>" not in line:
            continue
        old, new = line.split("=>", 1)
        old_cols = old.split("\t")[2:]
        new_path = tuple(c for c in new.strip().split("\t") if c)
        target = by_path.get(new_path)
        if target is None or len(old_cols) < 2:
            continue
        old_full, old_short = old_cols[-2].strip(), old_cols[-1].strip()
        for name in (old_full, old_short):
            if len(name) >= 2 and name not in taken and name not in GENERIC_SHORT:
                target.aliases.append(name)
                taken.add(name)


def flag_weak(entries: dict[str, Entry], counts: dict[str, int]) -> None:
    """Short forms that are mostly ordinary words only count with context ("小店", "平安")."""
    for e in entries.values():
        strong, weak = [], []
        for alias in e.aliases:
            n_alias = counts.get(alias, 0)
            n_full = counts.get(e.name, 0)
            is_weak = (n_full == 0 and n_alias >= WEAK_MIN_COUNT) or (n_full > 0 and n_alias > WEAK_RATIO * n_full and n_alias >= 1000)
            (weak if is_weak else strong).append(alias)
        e.aliases, e.weak = strong, weak


def write_tsv(entries: dict[str, Entry], out: Path) -> None:
    order = sorted(entries.values(), key=lambda e: e.code)
    lines = [
        "# civread gazetteer: provinces, prefectures, counties of China (generated; do not edit)",
        f"# built by scripts/build_gazetteer.py from jionlp {JIONLP_VERSION} china_location.zip (Apache-2.0); see NOTICE-gazetteer.txt",
        "# code\tlevel\tparent\tname\taliases\tweak_aliases\tflags\tabbr",
    ]
    for e in order:
        flags = "".join(f for f, on in (("z", e.zone), ("m", e.municipality)) if on)
        abbr = PROVINCE_ABBR.get(e.code, "") if e.level == 1 else ""
        lines.append("\t".join([e.code, str(e.level), e.parent, e.name, "|".join(e.aliases), "|".join(e.weak), flags, abbr]))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("wheel", nargs="?", type=Path, help="jionlp wheel (downloaded with pip when omitted)")
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(Path(tmp))
        location, change, counts, _licence = read_wheel(wheel)
    entries = parse_locations(location)
    add_derived_aliases(entries)
    add_renames(entries, change)
    flag_weak(entries, counts)
    write_tsv(entries, args.out)
    levels = [sum(1 for e in entries.values() if e.level == lv) for lv in (1, 2, 3)]
    print(f"wrote {args.out}: {len(entries)} entries (provinces {levels[0]}, prefectures {levels[1]}, counties {levels[2]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
