"""Three decisions of the segmenter that rest on many weak signals, made by small learned models
(boosted one-question trees, or a logistic regression where boosting does not do better).

Why learned: whether a heading inside a running body is a subhead or a new article's headline,
whether a short line printed tight above a paragraph is a headline or the paragraph's first
line, and whether a paragraph with no headline above it goes on with the running body or opens
another story (whose headline is printed elsewhere), each depend on a dozen signals (length,
shape, width against the column below, whether the words go on with the text around, how the
text around opens and closes). No hand-set threshold on any one of them carries from page to
page; weights fitted on many pages do.

The weights were fitted on generated pages from the DEVELOPMENT part of a news corpus
(`scripts/train_segmenter.py` refits them and writes `data/segmenter-weights.json`); the
feature values are computed where each decision is made (articles.py, headlines.py), in the
order named here.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.resources import files

SUBHEAD_FEATURES = (
    "bias",
    "title_length",  # Han characters / 20, at most 2
    "broken",  # printed on two or more lines
    "phrase_space",  # "甲乙丙丁 戊己庚辛": a space between two phrases
    "enumerated",  # "一、…", "（二）…", "方案一"
    "soft_punct",  # ，、？！
    "colon_end",  # "第一个夜晚：" closing on a colon
    "starts_with_place",
    "with_next_in_body",  # weight share of heading + next paragraph words the running body uses
    "next_in_body",  # … of the next paragraph alone
    "heading_in_body",  # … of the heading alone
    "heading_in_next",  # share of the heading's words the next paragraph repeats
    "with_next_in_recent",  # … against the running body's last two paragraphs only
    "body_length",  # log(1 + Han characters of the running body) / 8
    "body_closed",  # the running body's last paragraph ends on a credit or a signature date
    "next_opens_lead",  # the next paragraph opens like a lead (dateline, 记者…获悉, a place in full)
    "places_conflict",  # that lead names a place outside the running body's
    "shares_prefecture",  # heading + first sentence share a prefecture with the running body
    "names_a_part",  # the heading repeats a piece of a longer headline on the page
    "label",  # eight characters or fewer
    "section_in_body",  # weight share of the next (up to three) paragraphs' words the running body uses
    "heading_in_section",  # … of the heading's words those paragraphs use
    "section_over_self",  # section_in_body less the running body's own paragraphs' share with the rest of it
    "section_under_continuations",  # how much the body's last paragraphs went on with the body before them, less section_in_body
)

TIGHT_FEATURES = (
    "bias",
    "column_known",  # three or more lines below agree on a column width
    "width_over_column",  # (widest title line - column) / column, clipped to ±1
    "narrower",  # every title line a character or more narrower than the column
    "wider",  # some title line a character or more wider
    "broken",  # two or more title lines
    "phrase_space",
    "soft_punct",
    "spans_a_word",  # the last title line and the next line cut a dictionary word
    "opens_paragraph",  # the next line reads like a paragraph's start
    "next_fills_column",  # the next line is as wide as the column
    "after_sentence_end",  # the line above ends a sentence or a credit (or the page starts)
    "after_blank",  # a blank line above
    "words_in_next",  # share of the title's content words the next lines repeat
    "title_length",  # Han characters / 20, at most 2
    "next_is_news_lead",  # the next line opens with a dateline ("本报讯", "新华社…电")
    "next_opens_with_time",  # the text below opens with its time ("今天（5月3日），", "近日，")
    "bigrams_in_first_sentence",  # share of the title's Han bigrams the first sentence below repeats
    "after_credit",  # the line above is a credit ("（张三 李四）", "王五 摄"): an article ended there
    "blank_below",  # a blank line parts the run from the text below (a headline's, or a sentence cut by a blank)
    "short_by_an_indent",  # one line, two characters (±½) narrower than the column: a paragraph's first line that lost its indent
    "title_opens_like_lead",  # the title's own text opens like a paragraph (a dateline, 记者…获悉, 据…, a time and a comma)
    "title_dated",  # the title carries a day ("今天（5月3日）", "4日晚"): leads date their news, headlines seldom do
)

NEW_STORY_FEATURES = (
    "bias",
    "section_in_body",  # weight share of the paragraph's (and the next two's) words the running body uses
    "body_continues",  # how much the body's last paragraphs went on with the body before them
    "section_under_body",  # body_continues less section_in_body: a drop in cohesion
    "opens_lead",  # the paragraph opens like a lead (a time, 记者…获悉, a place named in full)
    "body_closed",  # the body's last paragraph ends on a credit or a signature date
    "blank_before",  # a blank line parts the paragraph from the body's last one
    "body_tight",  # share of the body's own paragraph breaks with no blank line
    "body_length",  # log(1 + Han characters of the running body) / 8
    "after_sentence_end",  # the body's last paragraph ends a sentence
    "body_paragraphs",  # log(1 + the body's paragraphs) / 3
    "restates_a_headline",  # the most of any other headline's Han character pairs the paragraph's opening repeats
    "restates_over_body",  # … less what the running body repeats of that headline
    "stray_headlines",  # log(1 + headline blocks with no paragraph right below them): bodies printed away from them
    "dated_opening",  # the paragraph's first sentence carries a date ("5月3日", "3日")
    "body_titled",  # the running body was opened by a headline block printed right above it
    "lead_names_another_place",  # the paragraph opens on a place named in full that the running body has not named
    "section_length",  # log(1 + Han characters from the paragraph to the next headline block) / 8
    "another_column",  # the paragraph is set at another width than the running body (by OTHER_COLUMN_CHARS or more)
)

@dataclass(frozen=True, slots=True)
class LogisticModel:
    features: tuple[str, ...]
    weights: tuple[float, ...]

    def probability(self, values: Sequence[float]) -> float:
        z = sum(w * x for w, x in zip(self.weights, values))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def says_yes(self, values: Sequence[float]) -> bool:
        return self.probability(values) >= 0.5


@dataclass(frozen=True, slots=True)
class BoostedStumps:
    """A base score plus a sum of one-question trees (value ≤ threshold: one score, else
    another). Why: some signals count only together ("shares few words with the body AND
    restates another headline"), which one weighted sum cannot say."""

    features: tuple[str, ...]
    base: float
    stumps: tuple[tuple[int, float, float, float], ...]  # (feature index, threshold, at or below, above)
    # Per feature: its stumps' thresholds sorted, and what they add for a value above the first
    # k of them (k = 0…n): one bisection a feature instead of a comparison a stump.
    _tables: tuple[tuple[int, tuple[float, ...], tuple[float, ...]], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        tables = []
        for f in sorted({s[0] for s in self.stumps}):
            mine = sorted((t, low, high) for g, t, low, high in self.stumps if g == f)
            sums = [sum(low for _, low, _ in mine)]
            for _, low, high in mine:
                sums.append(sums[-1] - low + high)
            tables.append((f, tuple(t for t, _, _ in mine), tuple(sums)))
        object.__setattr__(self, "_tables", tuple(tables))

    def probability(self, values: Sequence[float]) -> float:
        z = self.base
        for f, thresholds, sums in self._tables:
            z += sums[bisect_left(thresholds, values[f])]
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def says_yes(self, values: Sequence[float]) -> bool:
        return self.probability(values) >= 0.5


Model = LogisticModel | BoostedStumps

WEIGHTS_FILE = "segmenter-weights.json"


def _load(name: str, features: tuple[str, ...]) -> Model:
    """The fitted model, checked against the features the code computes: a model fitted to
    other features would weigh the wrong numbers, so an unfitted model answers no."""
    stored = json.loads(files("civread").joinpath("data", WEIGHTS_FILE).read_text(encoding="utf-8")).get(name, {})
    if tuple(stored.get("features", ())) != features:
        return LogisticModel(features, (-1.0,) + (0.0,) * (len(features) - 1))
    if stored.get("kind") == "stumps":
        stumps = tuple((int(f), float(t), float(low), float(high)) for f, t, low, high in stored["stumps"])
        return BoostedStumps(features, float(stored["base"]), stumps)
    return LogisticModel(features, tuple(float(w) for w in stored["weights"]))


SUBHEAD = _load("subhead", SUBHEAD_FEATURES)
TIGHT_HEADLINE = _load("tight_headline", TIGHT_FEATURES)
NEW_STORY = _load("new_story", NEW_STORY_FEATURES)
