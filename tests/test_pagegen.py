"""The segmentation bench's page generator (benchmarks/pagegen.py), on five small stories written here.

The bench is only as good as its gold: these check that every gold character is printed, that
leads are replaced, that layout never invents or drops body text, and that runs repeat exactly.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import pagegen  # noqa: E402
from pagegen import han, split, wrap  # noqa: E402

# Invented stories (places are real, so the gold place can be resolved; people and events are not).
STORIES = [
    ("【走进县城】浙江安吉：竹林里长出共富路",
     ["央视网消息（新闻联播）：浙江省湖州市安吉县近日召开竹产业大会，全县三百多家竹企业参加。",
      "安吉县竹产业协会会长王春林说，今年前十个月，全县竹产业产值同比增长百分之十二。",
      "在天荒坪镇，村民把闲置竹林托管给合作社，每亩每年可分红四百元。",
      "县林业局表示，明年将新建竹林道路一百二十公里，方便村民运竹下山。"]),
    ("防汛准备好了吗？ 湖南华容县开展堤防巡查",
     ["央视网消息（新闻联播）：连日来，湖南省岳阳市华容县组织一千二百名干部群众上堤巡查。",
      "华容县水利局在重点堤段设置了四十个观测点，每两小时上报一次水位。",
      "巡查队员李红梅说，夜里也要带着手电筒把每一处渗水点看清楚。"]),
    ("垃圾分类 我们在行动",
     ["央视网消息（新闻联播）：四川省成都市郫都区的社区里，志愿者每天早晚守在分类投放点。",
      "郫都区城管局介绍，全区已建成分类投放点一千一百个，居民参与率超过九成。",
      "温馨提示",
      "居民如对分类有疑问，可拨打社区服务热线咨询。"]),
    ("乡村夜校开课了",
     ["甘肃省定西市临洮县的乡村夜校近日开课，三十多位村民走进教室学习电商直播。",
      "授课老师赵晓燕手把手教村民拍视频、写文案，把自家的土豆和中药材卖到全国。",
      "临洮县教育局计划年内在全县办起五十所乡村夜校。"]),
    ("雪后的清晨，环卫工人最早上路",
     ["央视网消息（新闻联播）：一场大雪过后，吉林省延边朝鲜族自治州延吉市的环卫工人凌晨四点就上路清雪。",
      "延吉市环卫处出动清雪车辆八十台，人员两千余人，主干道在早高峰前全部通行。"]),
]


def _ids(part: str, n: int) -> list[str]:
    return [i for i in (f"test-story-{k}" for k in range(200)) if split(i) == part][:n]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    rows = [{"id": sid, "title": t, "body": "\n".join(b)} for sid, (t, b) in zip(_ids("dev", 5), STORIES)]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return str(path)


def _pages(corpus: str, difficulty: str, n: int = 40, seed: int = 3) -> list[pagegen.GenPage]:
    return list(pagegen.generate("dev", seed, difficulty, n, corpus))


def test_split_is_a_function_of_the_id_alone() -> None:
    ids = [f"cctv-xwlb-2024{k:04d}-01" for k in range(2000)]
    parts = [split(i) for i in ids]
    assert parts == [split(i) for i in ids]
    share = parts.count("heldout") / len(parts)
    assert 0.15 < share < 0.23  # 3 of 16 hex digits


def test_runs_repeat_exactly(corpus: str) -> None:
    a = [p.text for p in _pages(corpus, "hard", 10)]
    b = [p.text for p in _pages(corpus, "hard", 10)]
    assert a == b
    assert len(set(a)) > 5  # and pages differ from one another


@pytest.mark.parametrize("difficulty", pagegen.DIFFICULTIES)
def test_every_gold_character_is_printed(corpus: str, difficulty: str) -> None:
    for page in _pages(corpus, difficulty):
        printed = Counter(han(page.text))
        gold = Counter("".join(i.head_han + i.body_han for i in page.items))
        assert not gold - printed, page.id
        assert "央视网消息" not in page.text
        for item in page.items:
            assert item.body_han, page.id


def test_bodies_print_in_order_unless_moved(corpus: str) -> None:
    """Without split or interleaved columns, each body's Han characters appear in order on the page."""
    checked = 0
    for page in _pages(corpus, "medium", 60):
        text = han(page.text)
        for item in page.items:
            if {"split_body", "interleaved", "credit_early", "lead_displaced"} & item.artefacts:
                continue
            pos = 0
            for ch in item.body_han:
                pos = text.find(ch, pos) + 1
                assert pos, (page.id, item.title)
            checked += 1
    assert checked > 50


def test_leads_replace_the_broadcast_lead(corpus: str) -> None:
    leads = Counter()
    for page in _pages(corpus, "easy", 80):
        for item in page.items:
            leads.update(a for a in item.artefacts if a.startswith("lead_"))
    articles = sum(1 for p in _pages(corpus, "easy", 80) for i in p.items if i.kind == "article" and "briefs" not in i.artefacts)
    assert len(leads) >= 5  # several kinds of real-world datelines
    assert 0.3 * articles < sum(leads.values()) < 0.8 * articles  # "no lead" stays the most common


def test_wrap_keeps_width_and_text() -> None:
    text = "连日来，湖南省岳阳市华容县组织1200名干部群众上堤巡查，“防汛准备好了吗？”成了大家的口头禅。"
    for width in (12, 17, 22):
        lines = wrap(text, width)
        assert "".join(lines) == text
        assert all(pagegen._cw(line[0]) and line[0] not in "，。、？！”" for line in lines[1:])
        assert all(line[-1] not in "“（《" for line in lines)
        assert all(sum(pagegen._cw(c) for c in line) <= 2 * width + 4 for line in lines)


def test_home_county_pages_use_the_home_place(corpus: str) -> None:
    seen = 0
    for page in _pages(corpus, "hard", 200, seed=5):
        for item in page.items:
            if "home_place" in item.artefacts:
                seen += 1
                assert page.home_code and item.county_code == page.home_code
                assert "page:county_paper" not in item.artefacts
                home = pagegen.places()[page.home_code]
                suffix = home.name[-1]
                assert any(w + suffix in item.body_han + item.title for w in "我本全"), item.title
                assert pagegen._short(home) in page.text  # the masthead names the home county
    assert seen > 0


def test_photos_and_briefs_are_their_own_items(corpus: str) -> None:
    kinds = Counter()
    for page in _pages(corpus, "hard", 60):
        kinds.update(i.kind for i in page.items)
        briefs = [i for i in page.items if "briefs" in i.artefacts]
        assert not briefs or len(briefs) >= 3
    assert kinds["photo"] > 0 and kinds["article"] > 0


def test_scorer_gives_a_perfect_segmenter_full_marks_and_a_merger_less(corpus: str) -> None:
    import segmentation as seg

    for page in _pages(corpus, "hard", 20):
        perfect = [seg.Pred(g.title, g.kicker, Counter(g.head_han + g.body_han), g.body_han, g.county_code, g.kind)
                   for g in page.items]
        t, _ = seg.score_generated(page, perfect)
        assert t.found == t.gold == t.pred
        assert t.title_ok == t.titled and t.county_ok == t.located
        if len(page.items) >= 2:  # glue the two longest items together: one of them is lost, and a piece
            a, b = sorted(page.items, key=lambda g: -len(g.body_han))[:2]
            glued = [p for p, g in zip(perfect, page.items) if g is not a and g is not b]
            glued.append(seg.Pred(a.title, "", Counter(a.head_han + a.body_han + b.head_han + b.body_han), "", None))
            t2, _ = seg.score_generated(page, glued)
            assert t2.found <= t.found - 1 and t2.pred == t.pred - 1


def test_baseline_cuts_at_datelines() -> None:
    import segmentation as seg

    page = ("防汛准备好了吗？\n本报讯（王春林）连日来，华容县组织\n干部群众上堤巡查。\n\n"
            "垃圾分类，我们在行动\n新华社成都5月3日电（记者 李红梅）郫都区的\n社区里，志愿者每天守在投放点。\n")
    pieces = seg.baseline_preds(page)
    assert [p.title for p in pieces] == ["防汛准备好了吗？", "本报讯（王春林）连日来，华容县组织",
                                         "新华社成都5月3日电（记者 李红梅）郫都区的"]
    # naive by design: the next article's headline stays glued to the piece above its dateline
    assert pieces[1].han["垃"] == 1 and all(p.code is None for p in pieces)


def test_the_docstring_table_says_what_each_difficulty_does() -> None:
    """The module docstring is the bench's specification: its frequency table must match CONFIG."""
    import re

    rows = {m.group(1): [float(x.replace("–", "0") or 0) for x in m.group(2).split("|")]
            for m in re.finditer(r"^\| (\w+)(?: \(page\))? \| ([^|]+\|[^|]+\|[^|]+)\|", pagegen.__doc__, re.M)
            if m.group(1) in pagegen.CONFIG["easy"]}
    assert set(rows) == set(pagegen.CONFIG["easy"])
    for name, documented in rows.items():
        assert documented == [pagegen.CONFIG[d][name] for d in pagegen.DIFFICULTIES], name
