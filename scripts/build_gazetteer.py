#!/usr/bin/env python3
"""Build civread's compact gazetteer (tui/civread/data/gazetteer.tsv) from jionlp's wheel.

Why a build step: jionlp ships the complete official list of China's administrative divisions
(`jionlp/dictionary/china_location.zip`, Apache-2.0) down to villages (12 MB). civread only needs
provinces, prefectures and counties with their codes and the short forms people write, so this
script cuts that out once; the app reads the ~3,500-line TSV and never imports jionlp.

It also reads `china_location_change.txt` from the same wheel: renames, so old names
(襄樊市 → 襄阳市) still resolve.

Columns: code, level (1 province, 2 prefecture, 3 county), parent code, official name,
strong aliases (count on their own), weak aliases (count only next to their province or
prefecture, or in an organisation's name). The output is deterministic: rerunning the script on
the same wheel reproduces the committed file byte for byte.

Usage:
    python scripts/build_gazetteer.py [path/to/jionlp-1.5.31-py2.py3-none-any.whl] [-o out.tsv]

Without a wheel path it runs `pip download --no-deps jionlp==1.5.31` into a temporary folder.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

JIONLP_VERSION = "1.5.31"
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "tui" / "civread" / "data" / "gazetteer.tsv"

# Short forms jionlp gives functional zones and placeholders: never a place on their own.
GENERIC = {
    "经开区", "高新区", "新区", "市直辖", "省直辖", "管理区", "示范区", "产业园", "临港区",
    "开发区", "工业区", "园区", "保税区", "综试区", "县直辖", "市直辖行政区划", "省直辖行政区划",
}
# Short forms of prefectures that are also everyday words or names ("朝阳" morning sun, "白银"
# silver, "来宾" guest, "中山" the person, "德州" Texas, "三明治"): they need context.
COMMON_WORDS = {
    "朝阳", "大同", "白银", "来宾", "安康", "大庆", "长治", "红河", "怒江", "普洱", "北海", "中山",
    "阿里", "黄山", "山南", "三明", "玉树", "开封", "白山", "黑河", "四平", "新乡", "文山", "日照",
    "德州", "河源", "中卫", "海西", "海东", "海北", "黄南", "南平", "吉安", "金昌", "定西", "武威",
    "安顺", "广安", "承德", "常德", "永州", "东方", "文昌", "万宁", "五指山", "天门", "白沙",
    "保亭", "双河", "新星", "白杨", "昆玉", "北屯", "阿拉尔", "铁门关", "胡杨河", "可克达拉",
    "长寿", "通化", "宜春", "晋中", "湘西", "甘南", "丽水", "铜仁", "延安", "遵义", "嘉峪关",
}
# Official names that are also everyday phrases for a part of any town ("老城区" old town, "城东区"
# east of town, "港口区" the port area): weak even in full, like 和县.
EVERYDAY_NAMES = {"老城区", "古城区", "江南区", "城东区", "城西区", "城北区", "港口区", "海港区"}
AUTONOMY_SUFFIXES = (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗"))


@dataclass
class Entry:
    code: str
    level: int  # 1 province, 2 prefecture, 3 county
    parent: str  # "" for provinces
    name: str
    short: str  # jionlp's short form
    aliases: list[str] = field(default_factory=list)
    weak: list[str] = field(default_factory=list)
    county_like: bool = False  # a county, or a county-level city directly under its province
    zone: bool = False  # a functional zone (经济技术开发区 …): full name only


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


def read_wheel(wheel: Path) -> tuple[str, str]:
    """The location list and the change list, read straight out of the wheel."""
    with zipfile.ZipFile(wheel) as whl:
        inner = zipfile.ZipFile(io.BytesIO(whl.read("jionlp/dictionary/china_location.zip")))
        location = inner.read(inner.namelist()[0]).decode("utf-8")
        change = whl.read("jionlp/dictionary/china_location_change.txt").decode("utf-8")
    return location, change


def parse_locations(text: str) -> dict[str, Entry]:
    """Provinces, prefectures and counties from the tab-indented list (deeper levels skipped)."""
    entries: dict[str, Entry] = {}
    province: Entry | None = None
    prefecture = ""  # code the counties below hang from ("" under 省直辖行政区划)
    for raw in text.splitlines():
        depth = len(raw) - len(raw.lstrip("\t"))
        cols = [c.strip() for c in raw.strip("\t").split("\t")]
        if depth > 2 or len(cols) < 3 or not cols[1].isdigit() or len(cols[1]) != 6:
            continue
        name, code, short = cols
        if depth == 0:
            province = Entry(code, 1, "", name, short)
            entries[code] = province
            prefecture = code
        elif province is None:
            continue
        elif depth == 1:
            if code == province.code:  # 北京市 › 北京市: counties hang right under the province
                prefecture = code
            elif name in GENERIC:  # 省直辖行政区划: 仙桃市, 济源市 … stand in for prefectures
                prefecture = ""
            else:
                entries[code] = Entry(code, 2, province.code, name, short)
                prefecture = code
        else:
            if code == province.code or code in entries or name in GENERIC:
                continue  # 香港's districts share the region's code; placeholders
            zone = 70 <= int(code[4:6]) < 80
            level, parent = (3, prefecture) if prefecture else (2, province.code)
            entries[code] = Entry(code, level, parent, name, short, county_like=True, zone=zone)
    return entries


def derive_aliases(entries: dict[str, Entry]) -> None:
    """Short forms people write: 乐山, 海西州, 巴马县; weak ones need context."""
    province_shorts = {e.short for e in entries.values() if e.level == 1}
    # A name several districts share (城中区, 市中区, 和平区) describes rather than names:
    # its bare short form (城中, 市中, 和平) is a plain word.
    shared = {n for n, k in Counter(e.name for e in entries.values()).items() if k > 1}
    for e in entries.values():
        if e.zone:
            continue
        strong: list[str] = []
        weak: list[str] = []
        short = e.short if e.short not in GENERIC else ""
        if e.level == 1:
            strong.append(short)
            if e.name.endswith("自治区"):
                strong.append(short + "自治区")
        else:
            for full, brief in AUTONOMY_SUFFIXES:
                if e.name.endswith(full) and short:
                    stem = short[: -len(brief)] if short.endswith(brief) else short
                    strong.append(stem + brief)
                    short = stem
            if short.endswith(("州", "县", "旗", "盟", "区", "市")) and short != e.name and len(short) >= 3:
                strong.append(short)  # 海南州, 阿里地区 → kept as written by jionlp
                short = ""
            if short and short not in province_shorts and e.name not in shared:
                if e.county_like or short in COMMON_WORDS:
                    weak.append(short)
                else:
                    strong.append(short)
        weak = [a for a in weak if a != e.name]
        if e.county_like and (len(e.name) == 2 or e.name in EVERYDAY_NAMES):  # 和县, 城区, 老城区
            weak.append(e.name)
        e.aliases = [a for a in dict.fromkeys(strong) if len(a) >= 2 and a != e.name]
        e.weak = [a for a in dict.fromkeys(weak) if len(a) >= 2 and a not in e.aliases]


def add_renames(entries: dict[str, Entry], change_text: str) -> None:
    """Old names from the change list become aliases of today's entry, unless a place uses them."""
    by_path: dict[tuple[str, ...], Entry] = {}
    for e in entries.values():
        path = [e.name]
        p = e.parent
        while p:
            path.insert(0, entries[p].name)
            p = entries[p].parent
        by_path[tuple(path)] = e
    taken = {e.name for e in entries.values()} | {a for e in entries.values() for a in e.aliases + e.weak}
    for line in change_text.splitlines():
        if "=>" not in line:
            continue
        old, new = line.split("=>", 1)
        old_cols = [c.strip() for c in old.split("\t")[2:]]
        new_path = tuple(c.strip() for c in new.split("\t") if c.strip())
        target = by_path.get(new_path)
        if target is None or len(old_cols) < 2:
            continue
        old_full = old_cols[-2]
        if len(old_full) >= 3 and old_full not in taken and old_full not in GENERIC:
            target.aliases.append(old_full)
            taken.add(old_full)


def write_tsv(entries: dict[str, Entry], out: Path) -> None:
    lines = [
        "# civread gazetteer: provinces, prefectures, counties of China (generated; do not edit)",
        f"# built by scripts/build_gazetteer.py from jionlp {JIONLP_VERSION} china_location.zip (Apache-2.0); see NOTICE-gazetteer.txt",
        "code\tlevel\tparent\tname\taliases\tweak",
    ]
    for e in sorted(entries.values(), key=lambda e: e.code):
        lines.append("\t".join([e.code, str(e.level), e.parent, e.name, "|".join(e.aliases), "|".join(e.weak)]))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("wheel", nargs="?", type=Path, help="jionlp wheel (downloaded with pip when omitted)")
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(Path(tmp))
        location, change = read_wheel(wheel)
    entries = parse_locations(location)
    derive_aliases(entries)
    add_renames(entries, change)
    write_tsv(entries, args.out)
    levels = [sum(1 for e in entries.values() if e.level == lv) for lv in (1, 2, 3)]
    print(f"wrote {args.out}: {len(entries)} entries (provinces {levels[0]}, prefectures {levels[1]}, counties {levels[2]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
