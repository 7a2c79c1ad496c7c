"""Reprints are grouped: the same story lightly edited under another headline, in another paper."""

from __future__ import annotations

from types import ModuleType

import pytest

from civread.measures.reprints import (
    MIN_CHARS,
    ReprintGroups,
    article_signature,
    group_reprints,
    signature,
    similarity,
)
from civread.pipeline import process_text

# Invented: a county paper's story, a city paper's reprint (new headline, the county named instead
# of 我县, a sentence dropped, one added, dates reworded), and an unrelated story of the same genre.
ORIGINAL = """我县启动“清洁家园”整治行动

本报讯（李华）近日，我县召开农村人居环境整治推进会，部署开展为期三个月的“清洁家园”整治行动。会议要求，各乡镇要聚焦房前屋后、沟渠河道和村内道路，集中清理生活垃圾、建筑垃圾和农业废弃物。

据了解，行动期间，县里将组织党员干部、志愿者深入一百二十个行政村，开展环境卫生大扫除，并建立“一村一台账”，逐村销号。县农业农村局负责同志介绍，今年以来，全县已投入资金八百余万元，新建垃圾分类收集点三百余个。

会议强调，要把整治行动与美丽乡村建设结合起来，建立长效管护机制，引导群众自觉养成良好卫生习惯，让乡村环境持续美起来。
"""

REPRINT = """青禾县：三个月集中整治农村人居环境

本报讯（记者 王五 通讯员 李华）5月3日，青禾县召开农村人居环境整治推进会，部署开展为期三个月的“清洁家园”整治行动。会议要求，各乡镇要聚焦房前屋后、沟渠河道和村内道路，集中清理生活垃圾、建筑垃圾和农业废弃物。

据了解，行动期间，青禾县将组织党员干部、志愿者深入一百二十个行政村，开展环境卫生大扫除，并建立“一村一台账”，逐村销号。

会议强调，要把整治行动与美丽乡村建设结合起来，建立长效管护机制，引导群众自觉养成良好卫生习惯，让乡村环境持续美起来。据悉，该县还将适时开展“最美庭院”评选活动。
"""

OTHER = """白石镇举办春耕农技培训

本报讯（赵敏）近日，白石镇在文化礼堂举办春耕农技培训班，邀请县农技站专家为种植大户讲解水稻育秧、病虫害绿色防控等技术。培训采取理论讲解与田间示范相结合的方式，吸引了两百余名农户参加。

镇农业服务中心负责同志表示，下一步将组织技术人员进村入户，开展“一对一”指导服务，帮助群众解决生产中遇到的难题，为全年粮食丰收打下坚实基础。
"""


def count_groupings(monkeypatch: pytest.MonkeyPatch, module: ModuleType) -> list[int]:
    """Wrap `module.group_signatures` so each grouping made is recorded (its number of
    signatures): whether a kept grouping was read or a new one made."""
    made: list[int] = []
    grouped = module.group_signatures

    def counting(signatures: list[bytes]) -> list[list[int]]:
        made.append(len(signatures))
        return grouped(signatures)

    monkeypatch.setattr(module, "group_signatures", counting)
    return made


def _articles(text: str, name: str) -> list:
    return process_text(text, name).articles


def test_an_edited_reprint_under_another_headline_is_grouped_and_the_other_story_is_not() -> None:
    original, reprint, other = (_articles(t, n)[0] for t, n in ((ORIGINAL, "a.txt"), (REPRINT, "b.txt"), (OTHER, "c.txt")))
    assert original.title != reprint.title
    sig_o, sig_r, sig_x = (article_signature(a) for a in (original, reprint, other))
    assert similarity(sig_o, sig_r) >= 0.5
    assert similarity(sig_o, sig_x) < 0.2
    groups = group_reprints([(original.id, sig_o), (other.id, sig_x), (reprint.id, sig_r)])
    assert groups.groups == [[original.id, reprint.id]]
    assert groups.count(reprint.id) == 2 and groups.count(other.id) == 1
    assert groups.others(original.id) == [reprint.id]
    assert groups.label(reprint.id) == original.id and groups.label(other.id) is None
    assert groups.is_repeat(reprint.id) and not groups.is_repeat(original.id)


def test_identical_bodies_group_by_digest_even_when_short() -> None:
    short = "青禾县图书馆本周六起恢复夜间开放。"
    assert len(short) < MIN_CHARS
    a, b, c = signature(short), signature(" 青禾县图书馆本周六起\n恢复夜间开放。"), signature("白石镇图书馆本周六起恢复夜间开放。")
    groups = group_reprints([("p1-01", a), ("p2-01", b), ("p3-01", c)])
    assert groups.groups == [["p1-01", "p2-01"]]


def test_reprint_of_a_reprint_is_one_group_in_corpus_order() -> None:
    first = signature(ORIGINAL)
    second = signature(ORIGINAL.replace("我县", "青禾县"))
    third = signature(ORIGINAL.replace("我县", "青禾县").replace("八百余万元", "八百多万元"))
    groups = group_reprints([("c-01", third), ("a-01", first), ("b-01", second)])
    assert groups.groups == [["c-01", "a-01", "b-01"]]


def test_nothing_to_group() -> None:
    assert signature("") == b"" and signature(" \n ") == b""
    groups = group_reprints([("a", b""), ("b", signature(OTHER))])
    assert isinstance(groups, ReprintGroups) and len(groups) == 0 and groups.others("b") == []
