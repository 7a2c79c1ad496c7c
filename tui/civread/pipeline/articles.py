"""Cut a page into its articles and give each its own headline.

The page arrives as an ordered list of headline blocks and paragraphs. Bodies are cut where a
new article visibly starts (a dateline such as 本报讯, a headline block, a photo caption, or a
lead paragraph that introduces a different place). Headline blocks are then matched to bodies by
the places and words they share, with position only as a tie-breaker, because e-paper
extractions print headlines after their body, collect them at the end of the page, or leave
them above a different article.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from itertools import repeat

from civread.model import ArticleKind, ParagraphKind
from civread.pipeline import learned
from civread.pipeline.headlines import (
    ATTRIBUTION_LEAD,
    BULLET,
    CAPTION_CREDIT,
    LEAD_LABEL,
    LEAD_TIME,
    OTHER_COLUMN_CHARS,
    PHRASE_SPACE,
    REPORTER_LEAD,
    SERIES_TAG,
    SOFT_PUNCT,
    TIME_OPENING,
    HeadingRun,
    has_caption_credit,
    is_caption,
    is_credit_line,
    is_news_lead,
    runs_on_past_nothing,
    spans_a_word,
)
from civread.pipeline.locality import place_codes, starts_with_place
from civread.pipeline.text import (
    HAN_RANGES,
    SubstringIndex,
    display_width,
    ends_on_function_char,
    ends_sentence,
    first_sentence,
    han_count,
    han_only,
    han_pairs,
    join_lines,
    number_runs_on,
    starts_mid_sentence,
)
from civread.pipeline.words import content_words, paragraphs_words

# A lead sentence names its place in full: a province-level name followed by a lower level.
_PROVINCE_FULL = (
    "北京市|天津市|上海市|重庆市|河北省|山西省|辽宁省|吉林省|黑龙江省|江苏省|浙江省|安徽省|福建省|江西省|"
    "山东省|河南省|湖北省|湖南省|广东省|海南省|四川省|贵州省|云南省|陕西省|甘肃省|青海省|台湾省|"
    "内蒙古自治区|广西壮族自治区|西藏自治区|宁夏回族自治区|新疆维吾尔自治区|香港特别行政区|澳门特别行政区"
)
# A lead opens on its place: after a time ("近日，", "3月12日，") at most.
_PLACE_OPENS_WITHIN = 8
# "在<place>，": a paragraph set in a place, the way a round-up moves from one to the next.
_AT_A_PLACE = re.compile(rf"在[{HAN_RANGES}]{{2,14}}[，,]")
_LEAD_PLACE = re.compile(rf"(?:{_PROVINCE_FULL})[{HAN_RANGES}]{{1,12}}?(?:市|州|盟|地区|县|区|旗)")


@dataclass
class Para:
    """A reflowed paragraph with its role."""

    text: str
    line_indices: tuple[int, ...]
    kind: ParagraphKind = ParagraphKind.BODY
    news_lead: bool = False
    column: float = 0.0  # the width its full lines are set at (0: too few lines to tell)
    continued_later: bool = False  # stops mid-sentence, the sentence going on further down the page


Item = HeadingRun | Para


@dataclass
class Body:
    paragraphs: list[Para] = field(default_factory=list)
    kind: ArticleKind = ArticleKind.ARTICLE
    bylines: list[str] = field(default_factory=list)
    extra_line_indices: list[int] = field(default_factory=list)
    headline: HeadingRun | None = None
    photo_title: HeadingRun | None = None
    brief: bool = False  # an item of a column of short items ("简讯"), short by nature

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


def has_place_lead(text: str) -> bool:
    """The paragraph opens the way an article's lead does: its first sentence names a place in full."""
    return bool(_LEAD_PLACE.search(first_sentence(text)))


def _prefectures(codes: set[str]) -> set[str]:
    return {c[:4] for c in codes if len(c) >= 4 and c[2:4] != "00"}


def _provinces(codes: set[str]) -> set[str]:
    return {c[:2] for c in codes if len(c) >= 2}


def _places_conflict(new_codes: set[str], body_codes: set[str]) -> bool:
    """The lead names a place outside everything the running body has named."""
    if not new_codes or not body_codes:
        return False
    new_pref, body_pref = _prefectures(new_codes), _prefectures(body_codes)
    if new_pref and body_pref:
        # A province the body named without any of its prefectures ("上海和浙江嘉兴") holds
        # every place in it ("上海市黄浦区").
        named_whole = _provinces(body_codes) - {p[:2] for p in body_pref}
        return not (new_pref & body_pref) and not _provinces(new_codes) & named_whole
    return not (_provinces(new_codes) & _provinces(body_codes))


def _lead_place_codes(text: str, within: int | None = None) -> set[str]:
    """The places the first sentence's full place name names (none when it starts further in
    than `within` characters)."""
    sentence = first_sentence(text)
    match = _LEAD_PLACE.search(sentence)
    if not match or within is not None and match.start() > within:
        return set()
    return place_codes(sentence[match.start() : match.end() + 12])


# Columns this many characters apart are two columns: an article is set at one width.
_OTHER_COLUMN = 6.0


def _column_gap(body: Body, following: Para) -> float:
    """How many characters wider or narrower `following` is set than the body's last paragraph
    whose width is known (0 when either is unknown): an article keeps its column's width."""
    above = next((p.column for p in reversed(body.paragraphs) if p.kind is ParagraphKind.BODY and p.column), 0.0)
    return abs(above - following.column) if above and following.column else 0.0


def _changes_column(body: Body, following: Para) -> bool:
    """The text under a heading is set at another column width than the body above it: the
    heading opens another article, not a part of this one."""
    return _column_gap(body, following) >= _OTHER_COLUMN


def _first_line(item: Item) -> int:
    return item.line_indices[0] if item.line_indices else -1


def split_bodies(
    items: Sequence[Item], single_article: bool, column_labels: Sequence[int] = (), spacing: Set[int] = frozenset()
) -> tuple[list[Body], list[tuple[int, HeadingRun]]]:
    """Cut the paragraphs into bodies; return them with the headline blocks and where they stood.

    The position of a headline block is the index of the body that follows it. Under a column
    label ("简讯", at the line indices `column_labels`) every short item is its own piece: a
    heading there is an item's headline, never a subhead, and an untitled paragraph or one that
    opens with a bullet ("■") starts a new item. `spacing` are the blank lines of double-spaced
    stretches (`double_spacing_blanks`): they part no paragraphs.
    """
    return _BodyCutter(items, single_article, column_labels, spacing).run()


class _BodyCutter:
    """The running state of `split_bodies`, so each decision can be read as a short method."""

    def __init__(self, items: Sequence[Item], single_article: bool, column_labels: Sequence[int], spacing: Set[int]) -> None:
        self.items = items
        self.spacing = spacing
        self.single_article = single_article
        self.labels = sorted(column_labels)
        self.next_label = 0
        self.briefs = False
        self.briefs_column = 0.0  # the width the briefs column's items are set at (0: not yet seen)
        self.briefs_titled = False  # every item of the briefs column so far came under a headline
        self.briefs_start = 0  # the column's first item's place in `bodies`
        self.titled = False  # the running body was opened by a headline block printed above it
        self.after_heading = False
        self.headline_texts = SubstringIndex((han_only(item.text) for item in items if isinstance(item, HeadingRun)), gram=5)
        self.bodies: list[Body] = []
        self.headings: list[tuple[int, HeadingRun]] = []
        self.current: Body | None = None
        # The places the running body has named, looked up only when a lead needs them: most
        # paragraphs never ask, and the look-up is the costly part of this loop.
        self.body_codes: set[str] = set()
        self.unread: list[str] = []
        self.pending_photo_title: HeadingRun | None = None
        self.vocabulary = Vocabulary([item.text for item in items])
        self.body_paragraphs: list[int] = []  # the running body's items, their words read only when asked
        self.continuations: list[float] = []  # how much each of the body's paragraphs shared with the body before it
        self.running_words: set[str] = set()  # the running body's words
        self.running_pairs: set[str] = set()  # … and its Han character pairs
        # Every headline block's Han character pairs, by item index: a lead restates its headline.
        # (A single article asks no new-story question.)
        self.headline_pairs = {} if single_article else {
            k: pairs for k, item in enumerate(items) if isinstance(item, HeadingRun) and (pairs := han_pairs(item.title))
        }
        self.body_heading: int | None = None  # the headline block printed right above the running body
        # Han characters from each paragraph to the next headline block: a story needs a body.
        self.section_han = [0] * (len(items) + 1)
        for k in range(len(items) - 1, -1, -1):
            item = items[k]
            if isinstance(item, Para):
                self.section_han[k] = han_count(item.text) + self.section_han[k + 1]
        # Headlines collected after the page's last text: the page prints its headlines apart,
        # so a heading between two paragraphs further up is a subhead.
        trailing = 0
        for item in reversed(items):
            if not isinstance(item, HeadingRun):
                break
            trailing += bool(item.title)
        self.headlines_at_end = trailing >= _COLLECTED_HEADLINES
        self.stray_headlines = math.log1p(
            sum(
                1
                for k, item in enumerate(items)
                if isinstance(item, HeadingRun) and item.title and not (k + 1 < len(items) and isinstance(items[k + 1], Para))
            )
        )

    def run(self) -> tuple[list[Body], list[tuple[int, HeadingRun]]]:
        """Walk the items once, in print order."""
        for index, item in enumerate(self.items):
            self._pass_labels(item)
            if isinstance(item, HeadingRun):
                self._take_heading(index, item)
            else:
                self._take_paragraph(index, item)
        return self.bodies, self.headings

    def _pass_labels(self, item: Item) -> None:
        """A column label printed before `item` opens a briefs column and ends the running body."""
        while self.next_label < len(self.labels) and self.labels[self.next_label] < _first_line(item):
            self.briefs = True
            self.briefs_column = 0.0
            self.briefs_titled = True
            self.briefs_start = len(self.bodies)
            self.current = None
            self.next_label += 1

    def _start(self, kind: ArticleKind = ArticleKind.ARTICLE) -> Body:
        """Open a new body; what the previous one named no longer counts."""
        current = Body(kind=kind, brief=self.briefs)
        self.current = current
        self.bodies.append(current)
        self.body_codes = set()
        self.body_paragraphs.clear()
        self.continuations.clear()
        self.running_words = set()
        self.running_pairs = set()
        self.body_heading = None
        self.unread.clear()
        return current

    def _take_heading(self, index: int, item: HeadingRun) -> None:
        """A headline block: a byline, a subhead of the running body, a photo's title or a new headline."""
        if self.briefs and (item.subtitle or item.bylines or len(item.title_lines) > 2):
            self.briefs = False  # a full headline block (a kicker on the title's line is a brief's too)
        if item.is_byline_only:
            self._take_byline(item)
            return
        following = self.items[index + 1] if index + 1 < len(self.items) else None
        # (a part numbered "方案一" or "一、…" is no brief's headline either)
        if (not self.briefs or _is_numbered_part(item.title)) and self._is_subhead_here(index, item, following):
            self._append_subhead(item)
            return
        if (
            isinstance(following, Para)
            and following.kind is ParagraphKind.CAPTION
            and not self.single_article
            and not (item.subtitle or item.bylines)
            and (not item.kicker or self._titles_the_caption(item, following))
            and not self._titles_the_body_above(item, following)
        ):
            self.pending_photo_title = item
            return
        self.headings.append((len(self.bodies), item))
        self.current = None
        self.after_heading = True

    def _titles_the_body_above(self, item: HeadingRun, caption: Para) -> bool:
        """A headline printed after its body, right over a photo's caption: it restates the
        body it closes and not the caption. An untitled body needs half the headline's character
        pairs, or a third when the caption shares none; a titled one (an untitled story may run
        on in it, to be cut out later) half, with next to nothing shared with the caption."""
        if self.current is None or self.current.kind is not ArticleKind.ARTICLE:
            return False
        pairs = han_pairs(item.title)
        if not pairs:
            return False
        above = len(pairs & self.running_pairs) / len(pairs)
        on_caption = len(pairs & han_pairs(caption.text)) / len(pairs)
        if self.titled:
            return above >= _RESTATES_BODY and above > _FAR_MORE * on_caption
        return above >= (_RESTATES_BODY if on_caption else _RESTATES_BODY_ALONE) and above > 2 * on_caption

    def _titles_the_caption(self, item: HeadingRun, caption: Para) -> bool:
        """A headline with a kicker ("上海：解锁…") over a caption titles the photo when it is
        set on the title's line and shares a word with the caption; else it is an article's
        headline, printed after its body."""
        inline = len(item.line_indices) == len(item.title_lines)
        if not inline:
            return False
        # (the kicker's place as the caption names it: "福建：…" over "…福建省有关负责人…")
        return bool(item.kicker) and han_only(item.kicker) in caption.text or not content_words(item.text).isdisjoint(content_words(caption.text))

    def _take_byline(self, item: HeadingRun) -> None:
        """A byline alone: the single article's, or a block of its own between bodies."""
        if self.current is not None and self.single_article:
            self.current.bylines.extend(item.bylines)
            self.current.extra_line_indices.extend(item.line_indices)
        else:
            self.headings.append((len(self.bodies), item))

    def _is_subhead_here(self, index: int, item: HeadingRun, following: Item | None) -> bool:
        """A single article asks the plain rule; a page of many asks the learned one."""
        if self.single_article:
            return _is_subhead(item, self.current, following, self.single_article)
        return self._reads_as_subhead(index, self.current, following)

    def _append_subhead(self, item: HeadingRun) -> None:
        """Put a subhead into the running body, joining one printed on two lines."""
        current = self.current
        assert current is not None
        # A round-up's part keeps its place: "东山县：稻田养鱼…" (see `_a_places_part`).
        text = f"{item.kicker}：{item.title}" if item.kicker else item.title
        last = current.paragraphs[-1]
        if last.kind is ParagraphKind.SUBHEAD:  # "服务民生" / "温暖万家" on two lines
            last.text = f"{last.text} {text}"
            last.line_indices += tuple(item.line_indices)
        else:
            current.paragraphs.append(Para(text, tuple(item.line_indices), ParagraphKind.SUBHEAD))

    def _take_paragraph(self, index: int, para: Para) -> None:
        """A paragraph: a photo's caption, or the next paragraph of the running or a new body."""
        was_after_heading, self.after_heading = self.after_heading, False
        if para.kind is ParagraphKind.CAPTION and not self.single_article:
            self._note_briefs_column(para)
            self._take_caption(para)
            return
        self.pending_photo_title = None
        if self.briefs and (
            para.news_lead and not was_after_heading
            or self._long_item(para, was_after_heading)
            or self._left_the_column(para, was_after_heading)
            or self._untitled_among_titled_items(para, was_after_heading)
        ):
            self.briefs = False  # an untitled dateline, a long item, another column: the column is over
        self._note_briefs_column(para)
        self._open_body_if_due(index, para, was_after_heading)
        assert self.current is not None
        if self.body_paragraphs and not self.single_article:
            self.continuations.append(self.vocabulary.cohesion(self.vocabulary.words(index), self._running_words()))
        self.current.paragraphs.append(para)
        self.unread.append(para.text)
        self.body_paragraphs.append(index)
        self.running_words |= self.vocabulary.words(index)
        if not self.single_article:
            self.running_pairs |= han_pairs(para.text)

    def _quotes_a_source(self, index: int, was_after_heading: bool) -> bool:
        """A paragraph opening "据某社报道，" with no headline over it, on the running body's own
        subject (its words, as a reporter's lead is weighed): the story quoting a source mid-way,
        not another story's dateline."""
        if was_after_heading or not self.body_paragraphs or not ATTRIBUTION_LEAD.match(self.items[index].text):
            return False
        return _share(self.vocabulary.words(index), self._running_words()) >= _QUOTED_SOURCE_COHESION

    def _untitled_among_titled_items(self, para: Para, was_after_heading: bool) -> bool:
        """A paragraph under no headline after a column whose items each came under one
        ("图片新闻": a title over each caption) opens no item of it, nor goes on with the item
        above unless that is an article's text: an article's text going on after the column.
        A column of untitled items (a "一句话新闻" column, its items bulleted or not) is not so."""
        if was_after_heading:
            return False
        current = self.current
        if current is not None and current.kind is ArticleKind.ARTICLE and self.titled:
            return False  # (the titled item's second paragraph)
        if self.briefs_titled and len(self.bodies) > self.briefs_start and not BULLET.match(para.text):
            return True
        self.briefs_titled = False
        return False

    def _left_the_column(self, para: Para, was_after_heading: bool) -> bool:
        """An untitled paragraph set at another width than the column's items before it is no item
        of that column: an article's text going on elsewhere on the page."""
        return bool(
            self.briefs_column
            and para.column
            and not was_after_heading
            and abs(para.column - self.briefs_column) >= OTHER_COLUMN_CHARS  # (its items are set at one width)
        )

    def _note_briefs_column(self, para: Para) -> None:
        """The width the briefs column's items are set at: its first item's (captions included)
        whose lines tell it."""
        if self.briefs and not self.briefs_column and para.column:
            self.briefs_column = para.column

    def _long_item(self, para: Para, was_after_heading: bool) -> bool:
        """The item this paragraph belongs to is too long for a brief: more Han characters than
        `_BRIEF_CHARS`, or a third paragraph (a brief is told in one or two)."""
        before = [] if self.current is None or was_after_heading else self.current.paragraphs
        return len(before) >= 2 or han_count(para.text) + sum(han_count(p.text) for p in before) > _BRIEF_CHARS

    def _take_caption(self, para: Para) -> None:
        """A caption is a photo piece of its own, titled by a headline block held back for it."""
        photo = self._start(ArticleKind.PHOTO)
        photo.paragraphs.append(para)
        photo.photo_title = self.pending_photo_title
        self.pending_photo_title = None
        self.current = None

    def _open_body_if_due(self, index: int, para: Para, was_after_heading: bool) -> None:
        """Start a new body when the paragraph cannot continue the running one."""
        current = self.current
        if self.single_article:
            if current is None:
                self._start()
        elif current is None or current.kind is ArticleKind.PHOTO or para.news_lead and not self._quotes_a_source(index, was_after_heading):
            if current is not None and self._headline_from_closing_subhead(index, current):
                was_after_heading = True
            self._start()
            self.titled = was_after_heading
            if was_after_heading and index > 0:
                self.body_heading = index - 1
        elif self.briefs and (not self.titled or BULLET.match(para.text)):
            self._start()
            self.titled = False
        elif (
            current.paragraphs[-1].continued_later
            or self._opens_new_article(index, places=False)
            or self._parted_by_blank(index)
            or self._new_story(index, current)
        ):
            titled = self._headline_from_closing_subhead(index, current)
            self._start()  # (an article whose last column is printed further down ends where it stops)
            if titled:
                self.titled = True
                self.body_heading = index - 1

    def _headline_from_closing_subhead(self, index: int, current: Body) -> bool:
        """A subhead stands over the text it introduces: the one a body would end on, right
        above a paragraph that starts another story, is that story's headline (set under the
        last body's text with no blank line between, it read as a subhead of it)."""
        run = self.items[index - 1] if index > 0 else None
        paragraphs = current.paragraphs
        if (
            not isinstance(run, HeadingRun)
            or self.headlines_at_end  # the page's headlines are printed apart: it is a subhead
            or current.kind is not ArticleKind.ARTICLE
            or len(paragraphs) < 2
            or paragraphs[-1].kind is not ParagraphKind.SUBHEAD
            or paragraphs[-1].line_indices != tuple(run.line_indices)
            or _is_label(run.title)
            or han_count(run.title) <= _LABEL_HAN and not run.kicker
        ):
            return False
        para = self.items[index]
        assert isinstance(para, Para)
        if starts_mid_sentence(para.text) or _runs_on(run.title, para.text, para.column):
            return False  # a subhead cut from its paragraph's first line ("…网络更加" / "完善。…")
        if _parallels_a_subhead(run.title, paragraphs[:-1]):
            return False  # set like the body's other subheads: the story goes on under it
        paragraphs.pop()
        self.headings.append((len(self.bodies), run))
        return True

    def _new_story(self, index: int, current: Body) -> bool:
        """The learned call on a paragraph no headline precedes: the body goes on, or another
        story starts whose headline is printed elsewhere (after it, at the page's end, over
        another body)."""
        body = self.body_paragraphs
        if not body or current.kind is not ArticleKind.ARTICLE:
            return False
        text = self.items[index].text
        if han_count(text) <= _SIGNATURE_CHARS and _closes_article(text):
            return False  # "××县人民政府 2024年3月5日", "（张三 李四）": the body's own end
        return decide_new_story(self.items[body[-1]].text, text, self._new_story_features(index, current))

    def _new_story_features(self, index: int, current: Body) -> list[float]:
        """The new-story model's inputs for the paragraph at `index` (order fixed by the model)."""
        body = self.body_paragraphs
        vocabulary = self.vocabulary
        section = vocabulary.cohesion(paragraphs_words(_section_texts(self.items, index)), self._running_words())
        continues = self._continuation_level()
        breaks = self._body_breaks()
        last = self.items[body[-1]].text.rstrip()
        para = self.items[index]
        assert isinstance(para, Para)
        text = para.text
        body_han = sum(han_count(p.text) for p in current.paragraphs)
        return [
            1.0,
            section,
            continues,
            continues - section,
            float(_opens_like_a_lead(text)),
            float(_closes_article(last)),
            float(self._blank_before(index)),
            1.0 - sum(breaks) / len(breaks) if breaks else 0.5,
            math.log1p(body_han) / 8,
            float(ends_sentence(last)),
            math.log1p(len(body)) / 3,
            *self._restated_headline(text),
            self.stray_headlines,
            float(bool(_DATE_IN_TEXT.search(first_sentence(text, 80)))),
            float(self.body_heading is not None),
            float(self._lead_names_another_place(text)),
            math.log1p(self.section_han[index]) / 8,
            float(_column_gap(current, para) >= OTHER_COLUMN_CHARS),
        ]

    def _restated_headline(self, text: str) -> tuple[float, float]:
        """How much the paragraph's opening repeats a headline block other than the running
        body's own, and how much more than the running body does: the lead of a story whose
        headline is printed elsewhere on the page restates it."""
        opening = han_pairs(text, _OPENING_CHARS)
        best = best_over = 0.0
        if not opening:
            return best, best_over
        for k, pairs in self.headline_pairs.items():
            if k == self.body_heading:
                continue
            here = len(pairs & opening) / len(pairs)
            if here > best:
                best = here
            over = here - len(pairs & self.running_pairs) / len(pairs)
            if over > best_over:
                best_over = over
        return best, best_over

    def _parted_by_blank(self, index: int) -> bool:
        """A page that sets its paragraphs one under the other, with no blank line between, parts
        its articles with one: a blank line after a finished sentence, before text that goes
        on with other words than the running body's, ends the body."""
        body = self.body_paragraphs
        if len(body) < _TIGHT_PARAGRAPHS or any(self._body_breaks(unknown=True)):
            return False  # the body's own paragraphs are parted by blank lines: they say nothing here
        if not self._blank_before(index) or not ends_sentence(self.items[body[-1]].text.rstrip()):
            return False
        if self.section_han[index] < _SHORTEST_STORY:
            return False  # "某某陪同。" closing the body, then the next headline
        future = paragraphs_words(_section_texts(self.items, index))
        return self.vocabulary.cohesion(future, self._running_words()) < _BLANK_PARTED_COHESION

    def _body_breaks(self, unknown: bool = False) -> list[bool]:
        """For each break between the running body's paragraphs, whether a blank line (or dropped
        lines) falls there; a paragraph with no lines counts as `unknown`."""
        lines = [self.items[k].line_indices for k in self.body_paragraphs]
        return [self._parted(a[-1], b[0]) if a and b else unknown for a, b in zip(lines, lines[1:])]

    def _blank_before(self, index: int) -> bool:
        """A blank line (or dropped lines) parts the paragraph at `index` from the body's last one
        (a subhead printed between them is the body's: "记者手记" over its section)."""
        start = self.items[index].line_indices
        end = self.items[self.body_paragraphs[-1]].line_indices
        current = self.current
        if current is not None and current.paragraphs and current.paragraphs[-1].kind is ParagraphKind.SUBHEAD:
            end = current.paragraphs[-1].line_indices or end
        return bool(start and end) and self._parted(end[-1], start[0])

    def _parted(self, end: int, start: int) -> bool:
        """A blank line or dropped lines, not a double-spaced column's every-other blank, fall
        between lines `end` and `start`."""
        return start > end + 1 and (not self.spacing or any(k not in self.spacing for k in range(end + 1, start)))

    def _body_self_cohesion(self) -> float:
        """How much the running body's last paragraphs share with the rest of it: the level
        a paragraph of the same story reaches (0 for a body of one paragraph)."""
        if len(self.body_paragraphs) < 2:
            return 0.0
        scores = []
        for k in self.body_paragraphs[-3:]:
            rest = paragraphs_words(self.items[j].text for j in self.body_paragraphs if j != k)
            scores.append(self.vocabulary.cohesion(self.vocabulary.words(k), rest))
        return sum(scores) / len(scores)

    def _opens_new_article(self, index: int, places: bool = True) -> bool:
        """The paragraph at `index` opens a new article by its lead alone: "记者从…获悉" about
        something the running body is not about, or a place named in full outside the body's.
        Cutting bodies (`places` false) takes the place only after a lead's time ("近年来，某省某市…"):
        a round-up's paragraphs name one place after another, and the new-story model weighs
        such places with the rest."""
        text = self.items[index].text
        if REPORTER_LEAD.match(text):
            return _share(self.vocabulary.words(index), self._running_words()) < _LEAD_COHESION
        if self._round_up():
            return False
        if places or _LEAD_OPENING.match(text):
            return self._lead_names_another_place(text)
        return self._lead_leaves_the_province(text)

    def _lead_leaves_the_province(self, text: str) -> bool:
        """The paragraph opens on a place named in full in another province than the one the
        running body is about (a body of one province: a round-up names several), not as where
        something happens ("在湖北公安，…": a round-up's next stop)."""
        # (A place named further on is what the sentence is about, not where it happens.)
        if _AT_A_PLACE.match(text):
            return False
        lead = _provinces(_lead_place_codes(text, within=_PLACE_OPENS_WITHIN))
        if not lead:
            return False
        body = _provinces(self._running_codes())
        return len(body) == 1 and not lead & body

    def _round_up(self) -> bool:
        """The running body's headline, printed above it, or its lead's first sentence says it
        goes from place to place ("各地…", "多地…"): a paragraph opening on another place is its
        next stop."""
        heading = self.items[self.body_heading] if self.body_heading is not None else None
        if isinstance(heading, HeadingRun) and _ROUND_UP.search(heading.text):
            return True
        lead = _opening(self.current) if self.current is not None else None
        return lead is not None and bool(_ROUND_UP.search(first_sentence(lead.text, _OPENING_CHARS)))

    def _lead_names_another_place(self, text: str) -> bool:
        """The paragraph opens on a place named in full outside the places the running body named."""
        if not has_place_lead(text) or self._round_up():
            return False
        codes = self._running_codes()
        return _places_conflict(_lead_place_codes(text), codes) or (not codes and _lead_only_place(text))

    def _reads_as_subhead(self, index: int, current: Body | None, following: Item | None) -> bool:
        """Whether the heading at `index` is a subhead of `current` on a page of many articles."""
        run = self.items[index]
        assert isinstance(run, HeadingRun)
        if current is None or not current.paragraphs or current.kind is ArticleKind.PHOTO:
            return False
        if run.has_structure and not _a_places_part(run, current, self.headline_texts) or not run.title:
            return False
        if _is_numbered_part(run.title):
            return True  # (whatever follows: the numbered part's first line may be set apart too)
        if not isinstance(following, Para) or following.news_lead or following.kind is not ParagraphKind.BODY:
            return _names_a_part(run, current, self.headline_texts)
        if _is_label(run.title) or han_count(run.title) <= _LABEL_HAN and not run.kicker:
            return True
        if self._opens_new_article(index + 1) or _closes_article(current.paragraphs[-1].text):
            return False
        if self.headlines_at_end and not _opens_like_a_lead(following.text):
            return True  # (the page's headlines are collected at its end: this is no headline)
        if _parallels_a_subhead(run.title, current.paragraphs):
            return True
        if _changes_column(current, following) or REPORTER_LEAD.match(following.text):
            return False
        if self._restated_by_its_lead(run, following) or self._closes_the_body_above(index):
            return False
        if self._names_parts_below(index):
            return False
        return decide_subhead(run, self._heading_features(index, current, following))

    def _names_parts_below(self, index: int) -> bool:
        """A round-up's headline ("甲地推进…，乙地加快…") holds whole the subheads of its parts
        printed below it: it opens the round-up. No subhead names the subheads that follow it."""
        run = self.items[index]
        assert isinstance(run, HeadingRun)
        title = han_only(run.title)
        return any(
            isinstance(item, HeadingRun) and _MIN_PART_HAN <= len(part := han_only(item.title)) <= len(title) - _WHOLE_LONGER_BY
            and part in title
            for item in self.items[index + 1 :]
        )

    def _closes_the_body_above(self, index: int) -> bool:
        """A headline printed after its body: its words are the body's just read, none of them
        the text below, which goes on about something else. A subhead names what follows."""
        vocabulary = self.vocabulary
        heading = vocabulary.words(index)
        running = self._running_words()
        if len(heading & running) < _HEADLINE_AFTER_WORDS:
            return False
        future = paragraphs_words(_section_texts(self.items, index + 1))
        return not heading & future and vocabulary.cohesion(future, running) < _LEAD_COHESION

    def _restated_by_its_lead(self, run: HeadingRun, following: Para) -> bool:
        """The paragraph under the heading opens like a lead and restates it, and the running body
        never touched its words: a new article's headline over its lead ("…项目开工" over
        "今天（3月6日）早上，…项目…"), not a subhead in the body above."""
        lead = following.text
        if not (LEAD_TIME.match(lead) or REPORTER_LEAD.match(lead) or has_place_lead(lead)):
            return False
        pairs = han_pairs(run.title)
        if not pairs:
            return False
        opening = han_pairs(lead, _OPENING_CHARS)
        restated = len(pairs & opening) / len(pairs)
        in_body = len(pairs & self.running_pairs) / len(pairs)
        return restated >= _RESTATED_BY_LEAD and in_body <= _HEADING_IN_BODY

    def _heading_features(self, index: int, current: Body, following: Para) -> list[float]:
        """The learned subhead model's inputs for the heading at `index` (order fixed by the model)."""
        items, vocabulary = self.items, self.vocabulary
        run = items[index]
        assert isinstance(run, HeadingRun)
        title = run.title
        heading = vocabulary.words(index)
        after = vocabulary.words(index + 1)
        both = heading | after
        running = self._running_words()
        recent = paragraphs_words(items[k].text for k in self.body_paragraphs[-2:])
        body_han = sum(han_count(p.text) for p in current.paragraphs)
        future = paragraphs_words(_section_texts(items, index + 1))
        last = current.paragraphs[-1].text
        lead = following.text
        opens_lead = bool(LEAD_TIME.match(lead) or REPORTER_LEAD.match(lead)) or has_place_lead(lead)
        conflict = has_place_lead(lead) and _places_conflict(_lead_place_codes(lead), self._running_codes())
        shared = bool(_prefectures(place_codes(title + "\n" + first_sentence(lead, 120))) & _prefectures(self._running_codes()))
        return [
            1.0,
            min(han_count(title) / 20, 2.0),
            float(len(run.title_lines) > 1),
            float(bool(PHRASE_SPACE.search(title))),
            float(bool(_ENUMERATED.match(title))),
            float(bool(SOFT_PUNCT.search(title))),
            float(title.rstrip()[-1:] in "：:"),
            float(starts_with_place(title)),
            vocabulary.cohesion(both, running),
            vocabulary.cohesion(after, running),
            vocabulary.cohesion(heading, running),
            _share(heading, after),
            vocabulary.cohesion(both, recent),
            math.log1p(body_han) / 8,
            float(_closes_article(last)),
            float(opens_lead),
            float(conflict),
            float(shared),
            float(_names_a_part(run, current, self.headline_texts)),
            float(han_count(title) <= _LABEL_CHARS),
            vocabulary.cohesion(future, running),
            vocabulary.cohesion(heading, future),
            vocabulary.cohesion(future, running) - self._body_self_cohesion(),
            self._continuation_level() - vocabulary.cohesion(future, running),
        ]

    def _continuation_level(self) -> float:
        """How much the body's last (up to three) paragraphs shared with the body before each."""
        went_on = self.continuations[-3:]
        return sum(went_on) / len(went_on) if went_on else 0.0

    def _running_words(self) -> Set[str]:
        """The running body's words, as of now (kept up as paragraphs join: read, not changed)."""
        return self.running_words

    def _running_codes(self) -> set[str]:
        """The places the running body has named, looking up only the paragraphs not yet read."""
        for text in self.unread:
            self.body_codes.update(place_codes(text))
        self.unread.clear()
        return self.body_codes


# A body whose paragraphs follow one another with no blank line between, this many at least,
# tells that the page parts only its articles with blank lines.
_TIGHT_PARAGRAPHS = 3
# Below this weight share of its words in the running body, text after such a blank line is
# another article's.
_BLANK_PARTED_COHESION = 0.2
_DATE_IN_TEXT = re.compile(r"\d{1,2}月\d{1,2}日|\d{1,2}日[上下]?午?|[今昨]天")
# A lead restates its headline within its first this many Han characters.
_OPENING_CHARS = 120
# A signature or a credit standing as a paragraph of its own is at most this long (Han characters).
_SIGNATURE_CHARS = 30
# A short item of a briefs column is shorter than this (in Han characters, all its paragraphs).
_BRIEF_CHARS = 240
# Every word weighs at least this much, however common on the page.
_IDF_FLOOR = 0.1
# Below this share of its words in the running body, "记者从…获悉" opens a new article.
_LEAD_COHESION = 0.1
# A paragraph quoting a source ("据某社报道，") goes on with the running body when it shares this
# share of its words with it, at least: a story's own names and terms, not the news' common words.
_QUOTED_SOURCE_COHESION = 0.3
# A heading sharing this many words with the body above it, and none with the text below, is
# that body's headline printed after it.
_HEADLINE_AFTER_WORDS = 3
# So many headlines after the page's last text are the page's headlines, collected there.
_COLLECTED_HEADLINES = 2
# A headline that says its story goes from place to place.
_ROUND_UP = re.compile("各地|多地|多省|各省|多个省|一些地方|多个地方|全国|南方|北方|华北|东北|华东|华南|华中|西南|西北|中西部")
# A heading this short, or numbered ("一、", "（二）", "第三，", "第一站：", "方案一", "二要…"), labels a part of
# its article. An ordinal opening a headline ("第十次…会议召开", "第136届…") or a decimal ("1.2万亩…") is no number of a part.
_LABEL_CHARS = 8
_ENUMERATED = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、．.]|[一二三四五六七八九十][是要](?![的了])|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、．.](?!\d)|第[一二三四五六七八九十\d]+(?:[^\s，。：:]{0,4}[：:]|[，,、\s]|部分|章|节|篇|$)|[^\s]{0,4}[一二三四五六七八九十]\s*$)")


_CLOSING_BRACKET = re.compile(r"[（(][^（）()]{2,24}[)）]\s*$")
_CLOSING_DATE = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$")


# Fewer Han characters than this, from a paragraph to the next headline, are no story of their own.
_SHORTEST_STORY = 30


def _closes_article(text: str) -> bool:
    """The paragraph ends the way only an article's end does: the writers' credit in brackets
    ("（张三 李四）") or a notice's signature date. No subhead follows either."""
    credit = _CLOSING_BRACKET.search(text)
    return bool(credit and is_credit_line(credit.group(0))) or bool(_CLOSING_DATE.search(text))


def _section_texts(items: Sequence[Item], start: int, most: int = 3) -> list[str]:
    """The paragraphs from `start` up to the next heading (at most `most`)."""
    texts: list[str] = []
    for item in items[start : start + most]:
        if not isinstance(item, Para):
            break
        texts.append(item.text)
    return texts


def decide_new_story(last: str, paragraph: str, features: Sequence[float]) -> bool:
    """The model's call on `paragraph` after the body's `last` one (a seam, like `decide_subhead`)."""
    return learned.NEW_STORY.says_yes(features)


def decide_subhead(run: HeadingRun, features: Sequence[float]) -> bool:
    """The model's call (a seam: the training script records features and answers from gold)."""
    return learned.SUBHEAD.says_yes(features)


def _share(words: Set[str], context: Set[str]) -> float:
    """The share of `words` that `context` also uses, every word alike."""
    return len(words & context) / len(words) if words else 0.0


class Vocabulary:
    """The content words of a page's items, and how much two pieces of the page share.

    Words are weighted by how rare they are on the page (inverse document frequency over its
    paragraphs), so two paragraphs that share a name or a term say more than two that share
    a word every article uses.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self._weights: dict[str, float] | None = None

    def words(self, index: int) -> frozenset[str]:
        return content_words(self._texts[index])  # remembered per text by content_words

    def with_next(self, index: int) -> frozenset[str]:
        """A heading's words and those of the paragraph after it, if any."""
        following = self.words(index + 1) if index + 1 < len(self._texts) else frozenset()
        return self.words(index) | following

    def _table(self) -> dict[str, float]:
        if self._weights is None:
            df: Counter[str] = Counter()
            for i in range(len(self._texts)):
                df.update(self.words(i))
            n = len(self._texts) + 1
            # One logarithm per distinct count (a page's thousands of words share a handful of
            # counts), each word given its count's weight in C: the numbers of log(n / c) + floor.
            by_count = {c: math.log(n / c) + _IDF_FLOOR for c in set(df.values())}
            self._weights = dict(zip(df.keys(), map(by_count.__getitem__, df.values())))
        return self._weights

    def weight(self, word: str) -> float:
        return self._table().get(word, 1.0)

    def cohesion(self, words: Set[str], context: Set[str]) -> float:
        """The share of `words`' weight that `context` also uses (0 when either is empty)."""
        if not words or not context:
            return 0.0
        get = self._table().get
        total = sum(map(get, words, repeat(1.0)))  # get(w, 1.0) for each word, in C
        shared = sum(map(get, words & context, repeat(1.0)))
        return shared / total if total else 0.0




def _lead_only_place(text: str) -> bool:
    """When the running body named no place at all, only a dateline-style lead opens a new article."""
    return bool(LEAD_TIME.match(text))


# A heading of this many Han characters or fewer inside a body names a part of it ("记者手记",
# "背景链接"): a headline says what happened, in more words.
_LABEL_HAN = 4


def _is_label(title: str) -> bool:
    """A heading that introduces or counts a part of the text it stands in, never a headline:
    "外媒评论：" (no headline ends on a colon), "方案一", "措施三" (a part numbered in words),
    "一、…", "（二）…" (a part numbered as outlines number them: no headline opens so)."""
    return title.endswith(("：", ":")) or _is_numbered_part(title)


def _is_numbered_part(title: str) -> bool:
    return bool(_NUMBERED_LABEL.match(title) or _OUTLINE_NUMBER.match(title))


def _parallels_a_subhead(title: str, paragraphs: Sequence[Para]) -> bool:
    """An article's subheads are set in parallel ("凝心铸魂 夯实创建之本", "着眼民生 打牢创建之基"):
    a heading of the very shape of a subhead already in the body, phrase for phrase, is the
    next one, however little its words share with the text."""
    shape = _phrase_shape(title)
    return len(shape) > 1 and any(p.kind is ParagraphKind.SUBHEAD and _phrase_shape(p.text) == shape for p in paragraphs)


def _phrase_shape(title: str) -> tuple[int, ...]:
    """How many Han characters each space-parted phrase of a heading has."""
    return tuple(han_count(part) for part in title.split())


def _names_a_part(run: HeadingRun, current: Body | None, headlines: SubstringIndex) -> bool:
    """A round-up's headline names its parts ("甲地推进… 乙地加快…"): a heading that repeats a
    piece of another headline on the page (above its body, or displaced) is a part's subhead."""
    if current is None or not current.paragraphs or run.has_structure:
        return False
    return _held_whole(han_only(run.title), headlines)


def _a_places_part(run: HeadingRun, current: Body | None, headlines: SubstringIndex) -> bool:
    """"山东：陆海并进…" under a round-up headlined "…山东：陆海并进… 贵州：高效利用…": a place and
    its part, printed as kicker and title, that another headline on the page holds whole."""
    if current is None or not current.paragraphs or run.subtitle or run.bylines or not run.kicker:
        return False
    return _held_whole(han_only(run.kicker + run.title), headlines)


# A part's heading held whole inside a round-up's headline: five Han characters at least, the
# headline four longer (a headline no longer than its part is the same headline reprinted).
_MIN_PART_HAN = 5
_WHOLE_LONGER_BY = 4


def _held_whole(part: str, headlines: SubstringIndex) -> bool:
    """A longer headline on the page holds `part` (bare Han text, five characters at least)."""
    return len(part) >= _MIN_PART_HAN and any(len(other) >= len(part) + _WHOLE_LONGER_BY for other in headlines.holders(part))


def _is_subhead(run: HeadingRun, current: Body | None, following: Item | None, single_article: bool) -> bool:
    """A one-line heading inside a running body, with none of a headline's marks, is a subhead."""
    if current is None or not current.paragraphs or current.kind is ArticleKind.PHOTO:
        return False
    if run.has_structure or not run.title:
        return False
    if single_article:
        return True
    if len(run.title_lines) > 2:
        return False
    if not isinstance(following, Para) or following.news_lead or following.kind is ParagraphKind.CAPTION:
        return False
    if starts_with_place(run.title):
        return False
    if has_place_lead(following.text) and _places_conflict(_lead_place_codes(following.text), place_codes(current.text)):
        return False
    return han_count(run.title) <= 16


# --- matching headline blocks to bodies -------------------------------------------------------


def _score(
    run: HeadingRun,
    run_pos: int,
    body_index: int,
    body: Body,
    body_codes: set[str],
    body_words: set[str],
    head: tuple[set[str], frozenset[str]] | None = None,
) -> float:
    """How well a headline block fits a body; `head` is the block's (place codes, words), when known."""
    score = 0.0
    head_codes, head_words = head if head is not None else _head_features(run)
    if head_codes and body_codes:
        counties = {c for c in head_codes if not c.endswith("00")}
        prefectures = _prefectures(head_codes)
        if counties & body_codes:
            score += 10
        elif prefectures & _prefectures(body_codes):
            score += 6
        elif _provinces(head_codes) & _provinces(body_codes):
            score += 1
        else:
            score -= 8
    if head_words:
        shared = head_words & body_words
        score += min(6.0, 1.5 * len(shared))
    if run_pos == body_index:  # printed directly above the body
        score += 3
    elif run_pos == body_index + 1:  # printed directly below it
        score += 1
    return score


def _head_features(run: HeadingRun) -> tuple[set[str], frozenset[str]]:
    """A headline block's place codes and content words (computed once per block, not per body)."""
    text = run.text
    return place_codes(text), content_words(text)


def match_headlines(bodies: Sequence[Body], headings: Sequence[tuple[int, HeadingRun]]) -> list[HeadingRun]:
    """Give each article body its headline block; return the blocks no body claimed."""
    if not headings:
        return []
    texts = [b.text for b in bodies]
    heads = [_head_features(run) for _, run in headings]
    # A body's places and words are looked up only when a headline that has some is scored
    # against it (_score uses them only then); photos are never scored.
    codes: list[set[str] | None] = [None] * len(bodies)
    words: list[set[str] | None] = [None] * len(bodies)
    pairs: list[set[str] | None] = [None] * len(bodies)
    head_pairs = [han_pairs(run.text) for _, run in headings]

    def score_pair(h: int, pos: int, b: int) -> float:
        score = _word_score(h, pos, b)
        if head_pairs[h]:
            body_pairs = pairs[b]
            if body_pairs is None:
                body_pairs = pairs[b] = han_pairs(texts[b], most=_OPENING_PAIRS)
            score += _PAIR_WEIGHT * len(head_pairs[h] & body_pairs) / len(head_pairs[h])
        return score

    def _word_score(h: int, pos: int, b: int) -> float:
        head_codes, head_words = heads[h]
        body_codes: set[str] = set()
        if head_codes:
            body_codes = codes[b] if codes[b] is not None else place_codes(texts[b])  # type: ignore[assignment]
            codes[b] = body_codes
        body_words: set[str] = set()
        if head_words:
            body_words = words[b] if words[b] is not None else paragraphs_words(p.text for p in bodies[b].paragraphs)  # type: ignore[assignment]
            words[b] = body_words
        return _score(headings[h][1], pos, b, bodies[b], body_codes, body_words, heads[h])

    candidates: list[tuple[float, int, int]] = []
    for h, (pos, run) in enumerate(headings):
        if run.is_byline_only:
            continue
        for b in _near(pos, len(bodies)):
            if bodies[b].kind is ArticleKind.PHOTO:
                continue
            candidates.append((score_pair(h, pos, b), h, b))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_h: set[int] = set()
    for score, h, b in candidates:
        if score < 2.5 or h in used_h or bodies[b].headline is not None:
            continue
        bodies[b].headline = headings[h][1]
        used_h.add(h)
    leftovers: list[HeadingRun] = []
    for h, (pos, run) in enumerate(headings):
        if h in used_h:
            continue
        if run.is_byline_only:
            target = _nearest_body(bodies, pos)
            if target is not None:
                target.bylines.extend(run.bylines)
                target.extra_line_indices.extend(run.line_indices)
                continue
        # Position decides when the words could not: the untitled body right below, then above.
        for b in (pos, pos - 1):
            if 0 <= b < len(bodies) and bodies[b].headline is None and bodies[b].kind is ArticleKind.ARTICLE:
                if score_pair(h, pos, b) > -4:
                    bodies[b].headline = run
                    break
        else:
            leftovers.append(run)
    return leftovers


# A headline restates its body's opening: names and terms a word list may not know ("佩希施泰因")
# are caught as pairs of Han characters. The share of the headline's pairs found in the body's
# first `_OPENING_PAIRS` characters weighs up to `_PAIR_WEIGHT` points.
_PAIR_WEIGHT = 4.0
_OPENING_PAIRS = 400
# A heading is a new article's, not a subhead, when its lead repeats this share of its Han pairs
# and the running body held at most `_HEADING_IN_BODY` of them.
_RESTATED_BY_LEAD = 0.5
_HEADING_IN_BODY = 0.2


# How far from where it is printed a headline's body is looked for, counted in bodies: all of
# any ordinary page, and a bounded stretch of a page that holds a whole archive.
_REACH = 60


def _near(pos: int, n_bodies: int) -> range:
    """The bodies a headline printed at `pos` may belong to."""
    if n_bodies <= 2 * _REACH:
        return range(n_bodies)
    return range(max(0, pos - _REACH), min(n_bodies, pos + _REACH + 1))


def _nearest_body(bodies: Sequence[Body], pos: int) -> Body | None:
    for b in (pos, pos - 1):
        if 0 <= b < len(bodies) and bodies[b].kind is ArticleKind.ARTICLE:
            return bodies[b]
    return None


def _opening(body: Body) -> Para | None:
    return next((p for p in body.paragraphs if p.kind is ParagraphKind.BODY), None)


def _closing(body: Body) -> Para | None:
    return next((p for p in reversed(body.paragraphs) if p.kind is ParagraphKind.BODY), None)


def _leadless(body: Body) -> bool:
    """A titled article whose text opens without a lead: its lead was printed elsewhere."""
    opening = _opening(body)
    return body.headline is not None and body.kind is ArticleKind.ARTICLE and opening is not None and not opening.news_lead


def _lead_only(body: Body) -> bool:
    """A titled article that is a lead and nothing more: the rest of it was printed elsewhere. A
    lead opens on its dateline, or dates its news in its first words ("…会议28日下午在北京…")."""
    lead = _opening(body) if _one_paragraph(body) else None
    return lead is not None and (lead.news_lead or bool(_DATE_IN_TEXT.search(lead.text[:_DATED_WITHIN])))


# A lead dates its news within its first this many characters.
_DATED_WITHIN = 30


def _one_paragraph(body: Body) -> bool:
    """A titled article of one paragraph: a lead (dated or not) whose text may be printed elsewhere."""
    return body.headline is not None and body.kind is ArticleKind.ARTICLE and sum(p.kind is ParagraphKind.BODY for p in body.paragraphs) == 1


def _words_of(body: Body) -> set[str]:
    """A body's Han character pairs, its headline's included."""
    return han_pairs(body.text) | (han_pairs(body.headline.text) if body.headline else set())


def _body_for_lead(lead: Body, bodies: Sequence[Body]) -> Body | None:
    """The titled body with no lead of its own whose words cover the untitled lead's best, if no
    other body on the page covers them as well."""
    words = han_pairs(lead.text)
    if not words:
        return None
    best, best_share, others = None, 0.0, 0.0
    for host in bodies:
        if host is lead or not host.paragraphs:
            continue
        share = len(words & _words_of(host)) / len(words)
        if _leadless(host) and share > best_share:
            others = max(others, best_share)
            best, best_share = host, share
        else:
            others = max(others, share)
    return best if best is not None and best_share >= _PARTNER_SHARE and best_share > others else None


def _lead_for_text(text: Body, bodies: Sequence[Body]) -> Body | None:
    """The titled lead-only piece whose words (headline included) the untitled text holds more
    of than any other body does: a lead printed away from its article, which took the headline.
    A piece of one paragraph that does not read as a lead (no dateline, no date: "安徽面向…推出…")
    is one when the text holds a sixth of its words and twice as many as any other body does (an
    item of a column of short items is whole as it is). Failing one, the lead whose headline the
    text is set right under, when the text shares a few of its words, more than with any other
    such lead, and the lead more with this text than with any other untitled one (the headline
    was printed over its text, the lead elsewhere)."""
    words = han_pairs(text.text)
    best, best_share = None, 0.0
    leads = [(host, lead_words) for host in bodies if host is not text and _one_paragraph(host) and (lead_words := _words_of(host))]
    shares = {id(host): len(lead_words & words) / len(lead_words) for host, lead_words in leads}
    under: Body | None = None
    for host, lead_words in leads:
        share = shares[id(host)]
        # (the lead's share in every other body, and whether that body is untitled)
        others = [(len(lead_words & han_pairs(b.text)) / len(lead_words), b.headline is None) for b in bodies if b is not host and b is not text]
        rival = max((o for o, _ in others), default=0.0)
        as_lead = share >= _PARTNER_SHARE and share > rival and _lead_only(host)
        as_paragraph = share >= _UNDATED_SHARE and share >= 2 * rival and not host.brief
        if (as_lead or as_paragraph) and share > best_share:
            best, best_share = host, share
        elif (
            under is None
            and share >= _UNDER_HEADLINE_SHARE
            and _set_at_headline(host, text)
            and all(share > other for key, other in shares.items() if key != id(host))
            and share > max((o for o, untitled in others if untitled), default=0.0)
        ):
            under = host
    return best or under


def _summary_above(text: Body, bodies: Sequence[Body]) -> Body | None:
    """The titled piece right above the untitled text when it is one short paragraph whose
    words the text says again: a story opens on a sentence that sums it up, and its next
    paragraph, which opens like a lead of its own ("记者从…了解到"), tells it in full."""
    k = next(n for n, body in enumerate(bodies) if body is text)
    above = bodies[k - 1] if k > 0 else None
    if above is None or not _one_paragraph(above) or above.kind is not ArticleKind.ARTICLE:
        return None
    summary = _opening(above)
    if summary is None or han_count(summary.text) > _SUMMARY_HAN:
        return None
    words = han_pairs(summary.text)
    return above if words and len(words & han_pairs(text.text)) / len(words) >= _SUMMARY_SHARE else None


# A summing-up first paragraph is one short sentence or two, most of whose pairs the text repeats.
_SUMMARY_HAN = 80
_SUMMARY_SHARE = 0.3


def _set_at_headline(host: Body, text: Body) -> bool:
    """The text starts right under the headline the lead took (blank lines between at most), or
    ends right above it: the headline was printed over it, or after it, the lead elsewhere."""
    assert host.headline is not None
    lines = [i for p in text.paragraphs for i in p.line_indices]
    if not lines:
        return False
    head = host.headline.line_indices
    if _right_under(head, lines):
        return True
    # (printed after the text, the headline is not over its lead: that is printed elsewhere)
    lead = [i for p in host.paragraphs for i in p.line_indices]
    return 0 < head[0] - max(lines) <= _UNDER_HEADLINE_GAP and bool(lead) and not _right_under(head, lead)


def _right_under(head: Sequence[int], lines: Sequence[int]) -> bool:
    """Lines that start right under a headline's lines (blank lines between at most)."""
    return 0 < min(lines) - head[-1] <= _UNDER_HEADLINE_GAP


def _join(host: Body, piece: Body, before: bool) -> None:
    """The piece's paragraphs before or after the host's, and its bylines and lines with them."""
    if before:
        host.paragraphs[:0] = piece.paragraphs
    else:
        host.paragraphs.extend(piece.paragraphs)
    _take_marks(host, piece)


def _take_marks(host: Body, piece: Body) -> None:
    host.bylines.extend(piece.bylines)
    host.extra_line_indices.extend(piece.extra_line_indices)


def merge_orphan_leads(bodies: list[Body]) -> list[Body]:
    """An untitled lead joins the titled body that lacks one (by the words they share, or the
    county the lead names); an untitled text joins the titled lead that lacks it."""
    result = list(bodies)
    for orphan in list(result):
        if orphan.headline is not None or orphan.kind is not ArticleKind.ARTICLE or not orphan.paragraphs:
            continue
        first = orphan.paragraphs[0]
        # A lead printed away from its article, or an article's text away from its lead.
        host = _body_for_lead(orphan, result) if first.news_lead else _lead_for_text(orphan, result)
        before = first.news_lead
        if host is None:  # or the story told in full under the sentence summing it up
            host, before = _summary_above(orphan, result), False
        if host is not None:
            _join(host, orphan, before=before)
            result.remove(orphan)
            continue
        if first.news_lead or not has_place_lead(first.text):
            continue
        orphan_codes = _lead_place_codes(first.text)
        counties = {c for c in orphan_codes if not c.endswith("00")}
        if not counties:
            continue
        for host in result:
            if host is orphan or host.headline is None or host.kind is not ArticleKind.ARTICLE:
                continue
            host_first = _opening(host)
            if host_first is None or host_first.news_lead or has_place_lead(host_first.text):
                continue
            host_codes = place_codes(host.headline.text) | place_codes(host.text)
            if counties & host_codes:
                _join(host, orphan, before=True)
                result.remove(orphan)
                break
    return result


# A lead and a text printed apart are one article when this share of the lead's Han pairs is
# in the text, and no other body holds as many of them.
_PARTNER_SHARE = 0.2
# … or this share, twice any other body's, for a lead of any shape (a headline's words are few).
_UNDATED_SHARE = 0.15
# … or this share, for a text set right under the lead's headline (so many lines below it at most).
_UNDER_HEADLINE_SHARE = 0.05
_UNDER_HEADLINE_GAP = 3
# A sentence tail cut off from its article is short; a longer untitled body goes back only when
# this share of its pairs, at least, is the unfinished body's (and no other body's is higher).
_TAIL_HAN = 40
_TAIL_SHARE = 0.1
# How many bodies back the tail's article may sit (a column printed after another article's).
_TAIL_REACH = 3
# A paragraph printed in a later body is the article's when this share of its Han pairs, at least,
# is the article's, and so many times its share in the rest of its body (more for an article
# that ends on a full sentence: nothing says its text goes on).
_TAIL_LEAN = 0.2
_TAIL_MARGIN = 1.5
_STRAY_MARGIN = 2.0
# Shorter than this, an untitled sentence is an article's closing line (a list of who attended),
# never an item of its own, which says who did what, where.
_CLOSING_SENTENCE_HAN = 20


# A body that ends on a credit after its last sentence ("…。（张三 李四）") or on a signature's
# date ("…办公室2024年3月1日") is finished.
_CLOSED_END = re.compile(r"(?:[。！？!?”][（(][^（）()]{1,24}[)）]|\d{4}年\d{1,2}月\d{1,2}日)$")


def _ends_unfinished(body: Body) -> bool:
    """The body's last paragraph stops mid-sentence: the rest of it was printed elsewhere."""
    last = _closing(body)
    if last is None:
        return False
    text = last.text.rstrip()
    return bool(text) and not ends_sentence(text) and not _CLOSED_END.search(text[-30:])


def _continues(tail: Body, host: Body, bodies: Sequence[Body]) -> bool:
    """The tail's words are the host's more than any other body's on the page."""
    words = han_pairs(tail.text)
    if not words:
        return False
    shares = {id(b): len(words & han_pairs(b.text)) / len(words) for b in bodies if b is not tail}
    best = shares.get(id(host), 0.0)
    return best >= _TAIL_SHARE and best >= max(shares.values())


def _word_across(host: Body, tail: Body) -> bool:
    """The host's last sentence stops inside a word that the tail's first paragraph finishes
    ("…乡村旅游、探" / "亲访友等…"): the tail is that sentence's end, whatever words it shares."""
    last = _closing(host)
    return last is not None and bool(tail.paragraphs) and spans_a_word(last.text.rstrip(), tail.paragraphs[0].text.lstrip())


def _unfinished_before(bodies: Sequence[Body], k: int) -> Body | None:
    """The nearest article before position k whose text stops mid-sentence."""
    return next((b for b in reversed(bodies[max(0, k - _TAIL_REACH) : k])
                 if b.kind is ArticleKind.ARTICLE and _ends_unfinished(b)), None)


def rejoin_sentence_tails(bodies: list[Body]) -> list[Body]:
    """An article's end printed after another article goes back to it.

    Extractions print an article's last line or column after the next article, or cut it off
    with a credit printed early: the tail is glued to the end of the article printed between, or
    stands as an untitled piece ("…工程。"). Only a body that stops mid-sentence takes a tail
    back, so complete items stay on their own; a closing line shorter than any news item
    ("…陪同。") ends the article above it.
    """
    result = list(bodies)
    for k, body in enumerate(result):
        start = _glued_tail(body)
        host = _unfinished_before(result, k) if start else None
        if host is not None:
            _finish(host, body.paragraphs[start:])
            del body.paragraphs[start:]
    for host_at, host in enumerate(result):
        _reclaim_printed_tail(host, result[host_at + 1 : host_at + 1 + _TAIL_REACH])
    for k in range(len(result) - 1, 0, -1):
        tail = result[k]
        if tail.headline is not None or tail.photo_title is not None or tail.kind is not ArticleKind.ARTICLE:
            continue
        if not tail.paragraphs or tail.paragraphs[0].news_lead or tail.paragraphs[0].kind is not ParagraphKind.BODY:
            continue
        size = han_count(tail.text)
        host = _unfinished_before(result, k)
        if host is not None and size >= _TAIL_HAN and not (_continues(tail, host, result) or _word_across(host, tail)):
            continue
        if host is None and size < _CLOSING_SENTENCE_HAN and not BULLET.match(tail.text):
            before = result[k - 1]
            host = before if before.kind is ArticleKind.ARTICLE and before.paragraphs else None
        if host is not None:
            _finish(host, tail.paragraphs)
            _take_marks(host, tail)
            del result[k]
    return result


def _reclaim_printed_tail(host: Body, later: Sequence[Body]) -> None:
    """An article's end printed inside a later body (at its start, or glued to its end after a
    paragraph that ends a sentence) goes back to it: a paragraph that shares more of its words with the article
    than with the body it was printed in (by a wider margin when the article ends on a full
    sentence), or that opens mid-sentence after an article cut mid-sentence, and the paragraphs
    after it that lean to the article too."""
    if host.kind is not ArticleKind.ARTICLE or not host.paragraphs:
        return
    unfinished = _ends_unfinished(host)
    own = han_pairs(host.text)
    for body in later:
        if body.kind is not ArticleKind.ARTICLE:
            continue
        paragraphs = body.paragraphs
        if not paragraphs:
            continue
        # A block after the body's start must run to its end: its last paragraph leans too.
        end_leans = _share(han_pairs(paragraphs[-1].text), own) >= _TAIL_LEAN
        for start, para in enumerate(paragraphs):
            if para.kind is not ParagraphKind.BODY or para.news_lead:
                continue
            if start and (not end_leans and start < len(paragraphs) - 1 or not ends_sentence(paragraphs[start - 1].text)):
                continue
            words = han_pairs(para.text)
            to_host = _share(words, own)
            mid = unfinished and starts_mid_sentence(para.text)
            if to_host < _TAIL_LEAN and not mid:
                continue  # (the one test most paragraphs fail, made first: it is the cheap one)
            if _named_by(para, body.headline) > _named_by(para, host.headline):
                continue  # its words are its own headline's: "李希表示，…" under "李希会见…"
            to_rest = _share_in(words, paragraphs[:start] + paragraphs[start + 1 :])
            if unfinished:
                taken = _leans_to_host(to_host, to_rest) or (mid and to_host >= to_rest)
            else:
                taken = to_host >= _TAIL_LEAN and to_host > _STRAY_MARGIN * to_rest
            if not taken:
                continue
            end = start + 1
            while end < len(paragraphs) and paragraphs[end].kind is ParagraphKind.BODY and not paragraphs[end].news_lead:
                more = han_pairs(paragraphs[end].text)
                if not _leans_to_host(_share(more, own), _share_in(more, paragraphs[:start] + paragraphs[end + 1 :])):
                    break
                end += 1
            # Printed at the body's start or glued to its end, never amid its text (where a
            # paragraph that leans elsewhere is the story turning), and never all of it.
            if (start == 0) != (end == len(paragraphs)):
                _finish(host, paragraphs[start:end])
                del paragraphs[start:end]
                return


def _named_by(para: Para, headline: HeadingRun | None) -> int:
    """How many of the headline's content words the paragraph holds."""
    return len(content_words(headline.title) & content_words(para.text)) if headline is not None else 0


def _share_in(words: set[str], others: Sequence[Para]) -> float:
    """The share of `words` (a paragraph's Han pairs) the other paragraphs hold."""
    if not words:
        return 0.0
    rest: set[str] = set()
    for other in others:
        rest |= han_pairs(other.text)
    return _share(words, rest)


def _leans_to_host(to_host: float, to_rest: float) -> bool:
    return to_host >= _TAIL_LEAN and to_host > _TAIL_MARGIN * to_rest


def _glued_tail(body: Body) -> int:
    """Where the host's tail glued to this body starts (0: it has none): a short last paragraph
    after the credit that closed the body is not the body's."""
    texts = body.paragraphs
    if len(texts) < 2:
        return 0
    last = texts[-1]
    if last.kind is ParagraphKind.BODY and not last.news_lead and _closes_article(texts[-2].text) and han_count(last.text) < _TAIL_HAN:
        return len(texts) - 1
    return 0


def _finish(host: Body, paragraphs: list[Para]) -> None:
    """Append paragraphs to a body; the first one finishes the sentence the body stopped in."""
    if paragraphs and _ends_unfinished(host) and host.paragraphs[-1].kind is ParagraphKind.BODY:
        last, first = host.paragraphs[-1], paragraphs[0]
        host.paragraphs[-1] = Para(join_lines(last.text, first.text), last.line_indices + first.line_indices, last.kind, last.news_lead)
        paragraphs = paragraphs[1:]
    host.paragraphs.extend(paragraphs)


def fold_untitled_scraps(bodies: list[Body]) -> list[Body]:
    """An untitled text shorter than `_SCRAP_HAN` Han characters (not an item of a briefs
    column) is no story of its own on a page whose stories have headlines: a column's end, a
    lead or a passage the cuts left apart.
    It joins the titled article that holds most of its Han pairs (at least `_SCRAP_SHARE` of
    them), before it when printed before it; when none does, the titled article printed right
    before it, whose column it ends; else it stays apart."""
    titled = [b for b in bodies if b.headline is not None and b.kind is ArticleKind.ARTICLE]
    if not titled:
        return bodies
    is_titled = {id(b) for b in titled}
    result = list(bodies)
    for scrap in list(result):
        if scrap.headline is not None or scrap.kind is not ArticleKind.ARTICLE or not scrap.paragraphs or scrap.brief:
            continue
        if han_count(scrap.text) >= _SCRAP_HAN:
            continue
        words = han_pairs(scrap.text)
        share, host = 0.0, titled[0]
        for candidate in titled:
            held = _share(words, _words_of(candidate))
            if held > share:
                share, host = held, candidate
        at = next(k for k, b in enumerate(result) if b is scrap)
        if share < _SCRAP_SHARE:
            if at == 0 or id(result[at - 1]) not in is_titled or scrap.paragraphs[0].news_lead:
                continue  # (a dateline opens a story: only its words may say whose it is)
            host = result[at - 1]  # nothing says whose: the article printed right before it
        _join(host, scrap, before=at < next(k for k, b in enumerate(result) if b is host))
        del result[at]
    return result


# An untitled text shorter than this (Han characters) is a scrap of a titled article; it goes to
# the one holding at least this share of its Han pairs.
_SCRAP_HAN = 150
_SCRAP_SHARE = 0.1


def match_last_pair(bodies: Sequence[Body], leftovers: Sequence[HeadingRun]) -> list[HeadingRun]:
    """One headline left over and one story left untitled: they are each other's, printed apart
    (the page's headlines collected at its end, one with words its text does not repeat), unless
    they name places that conflict. Returns the headlines still left over."""
    titled = [run for run in leftovers if run.title]
    untitled = [b for b in bodies if b.headline is None and b.kind is ArticleKind.ARTICLE and han_count(b.text) >= _STORY_HAN]
    if len(titled) != 1 or len(untitled) != 1:
        return list(leftovers)
    run, body = titled[0], untitled[0]
    pairs = han_pairs(run.title)
    if not pairs or len(pairs & han_pairs(body.text)) / len(pairs) < _LAST_PAIR_SHARE:
        return list(leftovers)  # (a word or two the page left over: "提起诉讼")
    codes = place_codes(run.text)
    body_codes = place_codes(body.text) if codes else set()
    if codes and body_codes and _provinces(codes).isdisjoint(_provinces(body_codes)):
        return list(leftovers)  # (what _score marks down: places in no common province)
    body.headline = run
    return [other for other in leftovers if other is not run]


# A story of its own, not a scrap: so many Han characters at least; and a share of the
# headline's character pairs its text says.
_STORY_HAN = 100
_LAST_PAIR_SHARE = 0.2


def fold_unplaced_headlines(bodies: Sequence[Body], leftovers: Sequence[HeadingRun]) -> list[HeadingRun]:
    """Headline blocks no body claimed go into the article printed before them (the first
    article, when none is), as subheads where they stand: a headline with no text of its own is
    no article, and its words stay where the page printed them. Returns the blocks kept apart
    (a page with no article to take them)."""
    hosts = [b for b in bodies if b.kind is ArticleKind.ARTICLE and b.paragraphs]
    if not hosts:
        return list(leftovers)
    firsts = [min((i for p in b.paragraphs for i in p.line_indices), default=0) for b in hosts]
    for run in leftovers:
        start = run.line_indices[0]
        before = [n for n, first in enumerate(firsts) if first < start]
        host = hosts[max(before, key=firsts.__getitem__)] if before else hosts[0]
        host.bylines.extend(run.bylines)
        text = run.text
        if not text:  # a byline alone: the article's byline
            host.extra_line_indices.extend(run.line_indices)
            continue
        at = next((k for k, p in enumerate(host.paragraphs) if p.line_indices and p.line_indices[0] > start), len(host.paragraphs))
        host.paragraphs.insert(at, Para(text, tuple(run.line_indices), ParagraphKind.SUBHEAD))
    return []


def restore_cut_lines(bodies: Sequence[Body], leftovers: Sequence[HeadingRun]) -> set[int]:
    """Headline blocks that are the first line of the paragraph below them go back into it.

    A body's opening line, standing apart (a blank line under it, a number shredded after it),
    can pass for a headline: its last word runs on into the paragraph that follows
    ("…社会主义现" / "代化的…", "…北京8月" / "12日电"). One no body claimed goes back; so does
    one a body took for its headline, which leaves that body free for a headline still
    unclaimed. Returns the ids of the runs that went back (they are no headlines any more).
    """
    opening = {p.line_indices[0]: (body, k) for body in bodies for k, p in enumerate(body.paragraphs) if p.line_indices}
    restored: set[int] = set()
    for body in bodies:
        run = body.headline
        if run is not None and len(run.title_lines) == 1 and _restore_cut_line(run, opening):
            body.headline = None
            restored.add(id(run))
    restored.update(id(run) for run in leftovers if _restore_cut_line(run, opening))
    for body in bodies:
        _restore_cut_subheads(body)
    return restored


def _restore_cut_subheads(body: Body) -> None:
    """A one-line subhead whose last word runs on into the paragraph set right under it
    ("…学雷锋志愿服务活" / "动。本届…") is that paragraph's first line: it goes back in."""
    paragraphs = body.paragraphs
    k = 0
    while k + 1 < len(paragraphs):
        head, para = paragraphs[k], paragraphs[k + 1]
        if (
            head.kind is ParagraphKind.SUBHEAD
            and para.kind is ParagraphKind.BODY
            and len(head.line_indices) == 1
            and para.line_indices
            and para.line_indices[0] - head.line_indices[0] <= _CUT_LINE_GAP
            and _runs_on(head.text, para.text, para.column)
        ):
            text = join_lines(head.text, para.text)
            paragraphs[k] = Para(text, head.line_indices + para.line_indices, ParagraphKind.BODY, is_news_lead(text), para.column, para.continued_later)
            del paragraphs[k + 1]
        k += 1


def _runs_on(line: str, below: str, column: float) -> bool:
    """The line's last word or number goes on in the text below it. A word that runs on only
    counts for a line as full as the column below it is set at: a wrapped line fills its column,
    a short headline does not, whatever word its last characters make with the next line's first
    ("苗寨新生活" / "化屋村是…": 生活化)."""
    if number_runs_on(line, below):
        return True
    if column and display_width(line) < column * _CUT_LINE_FULL:
        return False
    return spans_a_word(line, below) or ends_on_function_char(line)


def _restore_cut_line(run: HeadingRun, opening: dict[int, tuple[Body, int]]) -> bool:
    """Join the run to the paragraph it is the first line of, if it is one."""
    title = run.title
    if run.is_byline_only or run.kicker or run.subtitle or run.bylines or not title:
        return False
    after = run.line_indices[-1] + 1
    target = next((opening[i] for i in range(after, after + _CUT_LINE_GAP) if i in opening), None)
    if target is None:
        return False
    body, k = target
    para = body.paragraphs[k]
    if para.kind is not ParagraphKind.BODY or not _runs_on(title, para.text, para.column):
        return False
    text = join_lines(title, para.text)
    body.paragraphs[k] = Para(text, tuple(run.line_indices) + para.line_indices, para.kind, is_news_lead(text))
    return True


# A label numbered in words ("方案一", "其二"): two to four characters, the last a numeral.
_NUMBERED_LABEL = re.compile(r"^[\u4e00-\u9fff]{1,3}[一二三四五六七八九十]$")
# An outline's number opening a heading: "一、", "（二）", "(三)".
_OUTLINE_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])")
# A headline restates its body: this share of its Han character pairs, at least, found in it.
_RESTATES_BODY = 0.5
# … where nothing else claims it (the caption below shares none of its pairs): a third.
_RESTATES_BODY_ALONE = 0.3
# A headline shares this many times more of its pairs with one text than with another.
_FAR_MORE = 5
# How far below a cut line its paragraph may start (blank lines, a shredded number between).
_CUT_LINE_GAP = 4
# How full a cut line is, at least, against the column its paragraph is set at (a first line may
# be indented, an extraction's lines are uneven: three quarters of the column is common).
_CUT_LINE_FULL = 0.6


def classify_paragraph(text: str) -> Para:
    kind = ParagraphKind.BODY
    if LEAD_LABEL.match(text):
        kind = ParagraphKind.LEAD
    elif is_caption(text):
        kind = ParagraphKind.CAPTION
    return Para(text=text, line_indices=(), kind=kind, news_lead=is_news_lead(text))


def mark_caption_clusters(paras: list[Para]) -> None:
    """On a web page, short one-sentence paragraphs in a row, one of them credited, are all captions.

    Web pages print the captions of a photo gallery together, only one of them with its credit;
    e-paper pages mark every caption (图为…, … 摄), so this rule is for web pages only.
    """
    i = 0
    while i < len(paras):
        j = i
        while j < len(paras) and _short_single_sentence(paras[j].text):
            j += 1
        if j - i >= 2 and any(paras[k].kind is ParagraphKind.CAPTION for k in range(i, j)):
            for k in range(i, j):
                paras[k].kind = ParagraphKind.CAPTION
        i = max(j, i + 1)


_FULL_STOP = re.compile(r"[。！？]")


def _short_single_sentence(text: str) -> bool:
    stripped = text.strip()
    if len(stripped) > 60:
        return False
    if has_caption_credit(stripped):
        stripped = stripped[:-40] + CAPTION_CREDIT.sub("", stripped[-40:])
    return han_count(stripped) <= 30 and not _FULL_STOP.search(stripped[:-1])


def split_for_headlines(
    bodies: list[Body],
    headings: list[tuple[int, HeadingRun]],
    leftovers: Sequence[HeadingRun],
    printed_after: Sequence[HeadingRun] = (),
) -> bool:
    """Headlines that no body claimed mean two bodies ran together: cut a body where the text
    that follows shares the headline's words and the text before does not.

    A body runs into the next when nothing marks the border: the next article's headline is
    printed after it, collected at the page's end or over another body, and its lead has no
    dateline. Its headline names what it is about, so the border is where the page's words
    turn to the headline's. Returns whether any body was cut (`headings` positions follow).
    A headline in `printed_after` (one a body took for where it is printed alone) is looked
    for only in the body printed right above it: the text it was printed after.
    """
    changed = False
    only_above = {id(run) for run in printed_after}
    for run in [*leftovers, *printed_after]:
        if run.is_byline_only or not run.title:
            continue
        head_words = content_words(run.text)
        if len(head_words) < 2:
            continue
        best: tuple[float, int, int] | None = None
        pos_of = {id(heading): at for at, heading in headings}  # (a cut moves those below it)
        pos = pos_of[id(run)]
        for b in range(max(0, pos - 1), pos) if id(run) in only_above else _near(pos, len(bodies)):
            body = bodies[b]
            if body.kind is not ArticleKind.ARTICLE or len(body.paragraphs) < 2:
                continue
            # The run printed right over a body that took a headline printed elsewhere: the run
            # titles the body's start, and the other headline's story follows where its words do.
            turns = [(head_words, frozenset[str]())]
            # So too where the two headlines are printed in one place apart from their bodies
            # (collected at the page's end), the run above: its story comes first.
            claimed = body.headline
            if claimed is not None and (
                pos == b and pos_of.get(id(claimed)) != b
                or pos_of.get(id(claimed)) == pos != b and run.line_indices[0] < claimed.line_indices[0]
            ):
                turns.append((content_words(claimed.text), head_words))
            paras = body.paragraphs
            for k in range(1, len(paras)):
                if paras[k].kind is not ParagraphKind.BODY or paras[k - 1].kind is ParagraphKind.SUBHEAD:
                    continue
                after = paragraphs_words(p.text for p in paras[k : k + 3])
                before = paragraphs_words(p.text for p in paras[max(0, k - 3) : k])
                for words, first in turns:
                    gain = len(words & after) - len(words & before)
                    if gain < _SPLIT_GAIN and not (gain > 0 and _told_more_after(words, body, k, bodies) >= _SPLIT_MENTIONS):
                        continue
                    if first and not first & before:
                        continue
                    # Ties go to the cut whose first paragraph holds the headline's words itself
                    # (the window after a cut one paragraph early holds them too).
                    score = gain + (1.5 if _opens_like_a_lead(paras[k].text) else 0.0) + 0.1 * len(words & content_words(paras[k].text))
                    if best is None or score > best[0]:
                        best = (score, b, k)
        if best is None:
            continue
        _, b, k = best
        body = bodies[b]
        tail = Body(paragraphs=body.paragraphs[k:])
        del body.paragraphs[k:]
        bodies.insert(b + 1, tail)
        for n, (pos, heading) in enumerate(headings):
            if pos > b:
                headings[n] = (pos + 1, heading)
        changed = True
    return changed


# The headline's words a cut must bring: how many more follow the cut than precede it.
_SPLIT_GAIN = 2
# Or one word more, when one of them is said this many times after the cut and never before it.
_SPLIT_MENTIONS = 3
# A word this long may be a common one ("共同", "发展"): it counts when no other body says it.
_COMMON_CHARS = 2


def _told_more_after(words: Set[str], body: Body, k: int, bodies: Sequence[Body]) -> int:
    """The most times one of the headline's words is said in the three paragraphs from the
    body's `k`th when the body (its headline too) never said it before them: a story names its
    subject again and again ("内蒙古…" in every paragraph), where a common word the story before
    used too ("高质量") or that other stories use ("共同") does not tell where it starts."""
    paras = body.paragraphs
    after = "".join(p.text for p in paras[k : k + 3])
    before = "".join(p.text for p in paras[:k]) + (body.headline.text if body.headline is not None else "")
    most = 0
    for word in words:
        said = after.count(word)
        if said <= most or word in before:
            continue
        if len(word) <= _COMMON_CHARS and any(word in other.text for other in bodies if other is not body):
            continue
        most = said
    return most


def claimed_by_place_alone(bodies: Sequence[Body]) -> list[HeadingRun]:
    """Headlines a body took for where they are printed, sharing none of its words and few of
    its character pairs: printed after their own body, which ran into the one above, they went
    to the next body down. `split_for_headlines` may find their own text for them."""
    weak: list[HeadingRun] = []
    for body in bodies:
        run = body.headline
        if run is None or body.kind is not ArticleKind.ARTICLE or not run.title:
            continue
        words = content_words(run.text)
        if len(words) < 2 or words & paragraphs_words(p.text for p in body.paragraphs):
            continue
        pairs = han_pairs(run.text)
        if pairs and len(pairs & han_pairs(body.text)) / len(pairs) < _PLACE_ALONE_PAIRS:
            weak.append(run)
    return weak


# At most this share of a headline's character pairs in its body: it shares nothing with it.
_PLACE_ALONE_PAIRS = 0.2

_LEAD_OPENING = re.compile(rf"^{TIME_OPENING}")


def _opens_like_a_lead(text: str) -> bool:
    """The paragraph opens the way a news lead does: a time, or a place named in full."""
    return bool(_LEAD_OPENING.match(text) or REPORTER_LEAD.match(text)) or has_place_lead(text)


def split_stacked_headlines(bodies: list[Body], headings: list[tuple[int, HeadingRun]]) -> None:
    """Two headlines printed one above the other read as one block of title lines: cut the block
    where its upper lines name one body and its lower lines another.

    Happens where headlines are collected at the page's end, or where one is printed after its
    body and the next article's above it. A headline wrapped over two lines names one body. A
    line opening on a series tag ("【…】…") starts a headline, whatever the words say.
    """
    if len(bodies) < 2 or not any(len(run.title_lines) >= 2 for _, run in headings):
        return
    body_words = [paragraphs_words(p.text for p in b.paragraphs) if b.kind is ArticleKind.ARTICLE else frozenset() for b in bodies]
    n = 0
    while n < len(headings):
        pos, run = headings[n]
        n += 1
        if len(run.title_lines) < 2:
            continue
        # The kicker's own line (if it has one) comes first; the subtitle follows the title lines.
        kicker_line = len(run.line_indices) - len(run.title_lines) - bool(run.subtitle) - len(run.bylines)
        if kicker_line not in (0, 1) or kicker_line and not run.kicker:
            continue
        # A subtitle or a kicker marks one headline, unless headlines are stacked at the end, a
        # series tag opens a title line ("【…】…": a headline starts there), or each part names
        # its body by three words or more. Between two bodies the subtitle is the lower headline's.
        subtitled = bool(run.subtitle) and pos < len(bodies)
        least = _KICKED_STACK_WORDS if run.kicker and pos < len(bodies) else 2
        # (words the two parts share with their bodies, j, the text paragraph of the body below
        # where the lower part's story starts when the two ran together there)
        best_cut: tuple[int, int, int | None] | None = None
        for j in range(1, len(run.title_lines)):
            upper, lower = "".join(run.title_lines[:j]), "".join(run.title_lines[j:])
            if not runs_on_past_nothing(upper) or upper.count("【") > upper.count("】") or starts_mid_sentence(lower) or spans_a_word(
                run.title_lines[j - 1], run.title_lines[j]
            ) or _PHRASE_BROKEN.search(upper):
                continue  # (a series tag, "【…】", or a word or phrase broken across lines belongs to one headline)
            if run.title_lines[j].startswith("【"):  # a series tag opens a headline, its kicker's line above it
                tag_at = j - 1 if run.title_lines[j - 1].rstrip().endswith(("：", ":")) else j
                if han_count("".join(run.title_lines[:tag_at])) >= _SERIES_TAG_STACKED:
                    # (a cut found higher up comes first: the lower headline is weighed again on its own)
                    best_cut = best_cut or (0, tag_at, None)
                    break
            # (a series tag names its series, not the story: "【新思想引领新征程】…")
            untagged = SERIES_TAG.sub("", upper)
            up_words = content_words(untagged)
            low_words = content_words(lower + run.subtitle if subtitled else lower)
            placed = _names_above_and_below(up_words, low_words, pos, body_words)
            if placed:
                if best_cut is None or placed > best_cut[0]:
                    best_cut = (placed, j, None)
                continue
            up_best = _best_bodies(up_words, body_words)
            low_best = _best_bodies(low_words, body_words)
            if up_best is not None and low_best is not None and up_best[1] == low_best[1] == {pos} and pos < len(bodies):
                # Both name the body below: two stories run together under their two headlines,
                # unless the headline says the story goes from place to place ("各地…") or its
                # parts are set in parallel ("甲某：…" under the kicker "乙某"): one story's parts.
                parallel = bool(run.kicker) and bool(_NAMED_PART.match(lower))
                halves = None if parallel or _ROUND_UP.search(upper) else _names_two_halves(up_words, low_words, bodies[pos])
                if halves is not None and (best_cut is None or halves[0] > best_cut[0]):
                    best_cut = (halves[0], j, halves[1])
                continue
            if up_best is None or low_best is None or not up_best[1].isdisjoint(low_best[1]):
                continue
            need = _KICKED_STACK_WORDS if subtitled and not run.title_lines[j].startswith("【") else least
            if min(han_count(untagged), han_count(lower)) <= _SHORT_STACK_PART:
                # A short part ("确保群众安全度汛") has few words, common ones among them: two of them
                # in another body are no sign of another headline.
                need = max(need, _KICKED_STACK_WORDS)
            weak, strong = sorted((up_best, low_best), key=lambda best: best[0])
            # A part naming the body it is printed over by fewer words may stay there when the
            # other part names another body by many.
            if weak[0] < need and not (pos in weak[1] and strong[0] >= 2 * need - 1):
                continue
            # Neither part shares more than a word with the other's bodies, or half what it shares with its own.
            if _shares_with_others(low_words, low_best[0], up_best[1], body_words) or _shares_with_others(
                up_words, up_best[0], low_best[1], body_words
            ):
                continue
            if best_cut is None or up_best[0] + low_best[0] > best_cut[0]:
                best_cut = (up_best[0] + low_best[0], j, None)
        if best_cut is not None:
            _, j, split_at = best_cut
            cut = kicker_line + j
            # The lower headline takes the subtitle and bylines below it; the kicker stays above.
            second = HeadingRun(
                line_indices=run.line_indices[cut:], title_lines=run.title_lines[j:], subtitle=run.subtitle,
                bylines=list(run.bylines),
            )
            run.line_indices[cut:] = []
            run.title_lines[j:] = []
            run.subtitle = ""
            run.bylines = []
            if split_at is not None:  # the body below parts where the lower headline's story starts
                body = bodies[pos]
                texts = [k for k, p in enumerate(body.paragraphs) if p.kind is ParagraphKind.BODY]
                bodies.insert(pos + 1, Body(paragraphs=body.paragraphs[texts[split_at] :]))
                del body.paragraphs[texts[split_at] :]
                body_words[pos : pos + 1] = [paragraphs_words(p.text for p in b.paragraphs) for b in bodies[pos : pos + 2]]
                headings[:] = [(at + 1 if at > pos else at, heading) for at, heading in headings]
                headings.insert(n, (pos + 1, second))
            else:
                headings.insert(n, (pos, second))


_KICKED_STACK_WORDS = 3
# A stack's line opening on a series tag ("【…】…") starts a headline when the lines above hold
# this many Han characters at least.
_SERIES_TAG_STACKED = 4
# A part of a stack this short (Han characters) names a body by three words at least.
_SHORT_STACK_PART = 8


def _names_above_and_below(up_words: Set[str], low_words: Set[str], pos: int, body_words: Sequence[Set[str]]) -> int:
    """A stack printed between two bodies whose upper part names the body above and nothing of
    the one below, and its lower part the reverse: the upper headline was printed after its
    body, the lower one over its own. Returns the words so named (0: not so)."""
    if not 0 < pos < len(body_words):
        return 0
    above, below = body_words[pos - 1], body_words[pos]
    named_above, named_below = len(up_words & above), len(low_words & below)
    if named_above < 2 or named_below < 2 or up_words & below or low_words & above:
        return 0
    return named_above + named_below


def _names_two_halves(up_words: Set[str], low_words: Set[str], body: Body) -> tuple[int, int] | None:
    """A stack's upper part names the body's first paragraphs and not the rest, its lower part
    the rest and not the first ones: two stories ran together under their two headlines.
    Returns the words so named and the text paragraph (counted among the body's text
    paragraphs) where the second story starts, if a paragraph that opens like a lead parts them so."""
    paras = [p.text for p in body.paragraphs if p.kind is ParagraphKind.BODY]
    best: tuple[int, int] | None = None
    for k in range(1, len(paras)):
        if not _opens_like_a_lead(paras[k]):
            continue  # (a story opens on its time or its place)
        before, after = paragraphs_words(paras[:k]), paragraphs_words(paras[k:])
        up_gain = len(up_words & before) - len(up_words & after)
        low_gain = len(low_words & after) - len(low_words & before)
        if min(up_gain, low_gain) >= _HALF_GAIN and (best is None or up_gain + low_gain > best[0]):
            best = (up_gain + low_gain, k)
    return best


# A line whose last phrase is two characters or fewer ("…中部袭击 国际" / "社会声援…"): no headline
# ends on so short a phrase; the phrase goes on below.
_PHRASE_BROKEN = re.compile(r"\s\S{1,2}$")
# How many more of a part's words its own half of the body holds than the other half.
_HALF_GAIN = 3
# A part of a headline opening on a name and a colon, as a kicker does: "刘某某：…".
_NAMED_PART = re.compile(r"^[^，。：:\s]{2,10}[：:]")


def _shares_with_others(words: Set[str], own: int, others: Set[int], body_words: Sequence[Set[str]]) -> bool:
    """A part of a stack that shares `own` words with its bodies shares more than one, and half
    as many, with one of `others`: it may be the same headline's."""
    return any((shared := len(words & body_words[b])) > 1 and 2 * shared >= own for b in others)


def _best_bodies(words: Set[str], body_words: Sequence[Set[str]]) -> tuple[int, frozenset[int]] | None:
    """The bodies sharing most of `words` (at least two), as (shared, indices): a part of a
    stack of headlines names these bodies and no other. (Two stories of one subject may both
    share a headline's words; it is enough that the two parts name different bodies.)
    Words every political story carries ("思想", "引领") name no body."""
    counts = [len(words & bw) for bw in body_words]
    most = max(counts, default=0)
    if most < 2:
        return None
    return most, frozenset(b for b, c in enumerate(counts) if c == most)
