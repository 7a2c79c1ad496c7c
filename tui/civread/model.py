"""The data civread works on: plain dataclasses, shared by the pipeline, the export and the app.

Nothing here imports Textual or Rich: the model is data, the app only presents it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class ArticleKind(str, Enum):
    """What a piece cut out of a page is."""

    ARTICLE = "article"
    PHOTO = "photo"


class ParagraphKind(str, Enum):
    """The role a paragraph plays inside an article, so the reader can style it."""

    BODY = "body"
    LEAD = "lead"  # a summary printed above the body ("核心提示：…")
    SUBHEAD = "subhead"  # "党建引领 服务群众"
    CAPTION = "caption"  # "图为…", "… 摄", "…供图"


class Script(str, Enum):
    """The script a page was written in before civread converted it."""

    SIMPLIFIED = "simplified"
    TRADITIONAL = "traditional"


@dataclass(frozen=True, slots=True)
class Locality:
    """Where an article is: province › prefecture › county, any of which may be unknown.

    `code` is the official 6-digit administrative code of the deepest known level.
    An all-None locality means "unlocated", never a guess.
    """

    province: str | None = None
    prefecture: str | None = None
    county: str | None = None
    code: str | None = None

    @property
    def is_located(self) -> bool:
        return self.province is not None

    @property
    def parts(self) -> tuple[str, ...]:
        """The known levels, top down, without gaps at the end."""
        return tuple(p for p in (self.province, self.prefecture, self.county) if p)

    @property
    def label(self) -> str:
        return " › ".join(self.parts) if self.is_located else UNLOCATED_LABEL

    def as_dict(self) -> dict[str, str | None]:
        return {"province": self.province, "prefecture": self.prefecture, "county": self.county}


UNLOCATED_LABEL = "Unlocated"
UNLOCATED = Locality()


@dataclass(slots=True)
class Paragraph:
    """One cleaned paragraph, with the page lines it was joined from."""

    text: str
    kind: ParagraphKind = ParagraphKind.BODY
    # Indices into Page.lines of the lines this paragraph was built from.
    line_indices: tuple[int, ...] = ()


@dataclass(slots=True)
class CleaningReport:
    """What cleaning did, so nothing changes silently."""

    lines_joined: int = 0
    chars_converted: int = 0  # traditional → simplified
    spaces_removed: int = 0
    punctuation_widened: int = 0
    chars_folded: int = 0  # lookalike radicals, odd spaces
    control_chars_removed: int = 0
    junk_lines_dropped: int = 0

    def add(self, other: "CleaningReport") -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(slots=True)
class RemovedLine:
    """A line that cleaning dropped from the page, with the rule that dropped it."""

    text: str  # the cleaned form (simplified), as it would have appeared
    original: str  # as it was on the page
    reason: str  # e.g. "share button", "copyright", "ICP licence", "spam", "markup"
    line_index: int | None = None


@dataclass(slots=True)
class Article:
    """One piece a person would cut out of the paper: an article or a photo with its caption."""

    id: str  # stable: "<page digest>-<nn>"
    source: str  # the page's file name
    kind: ArticleKind
    title: str  # the headline; for untitled pieces, the first words of the text
    paragraphs: list[Paragraph]
    locality: Locality = UNLOCATED
    untitled: bool = False
    kicker: str = ""  # place prefix printed above or before the headline ("浙江安吉县")
    subtitle: str = ""  # "——浙江湖州市创建全国文明城市工作纪实"
    byline: str = ""  # "莫学松 曾淼", "本报讯（李华）", "文/…"
    original_script: Script = Script.SIMPLIFIED
    original_text: str = ""  # the page lines this piece came from, before cleaning
    report: CleaningReport = field(default_factory=CleaningReport)
    source_path: str = ""  # full path of the page, for the reader's "source" line
    index: int = 0  # position on its page
    date: str | None = None  # ISO "2023-05-03", from what the page says (civread.pipeline.dates)
    date_source: str = "none"  # dateline, masthead, web, lead or none: never a guess
    # Polyphones read in their words, (offset in the folded search text, syllable): civread.pinyin.
    readings: tuple[tuple[int, str], ...] = ()

    @property
    def text(self) -> str:
        """The article's paragraphs joined by blank lines (the export's `text`)."""
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def display_title(self) -> str:
        return self.title if not self.kicker else f"{self.kicker}：{self.title}"


@dataclass(slots=True)
class PageLine:
    """One line of the page as decoded, and the same line after character-level cleaning."""

    original: str
    clean: str


@dataclass(slots=True)
class Page:
    """One input file after the pipeline: its articles and everything it dropped."""

    source: str  # file name
    path: str  # full path, as given
    digest: str  # sha1 of the raw bytes (first 12 hex), the root of the articles' stable ids
    encoding: str  # e.g. "utf-8", "gb18030", "big5", "utf-16"
    format: str  # "text" or "html"
    original_script: Script
    lines: list[PageLine]
    articles: list[Article]
    removed: list[RemovedLine]
    report: CleaningReport
    size: int = 0  # raw bytes

    @property
    def original_text(self) -> str:
        return "\n".join(line.original for line in self.lines)


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """A file that could not become a page, and why, in one line a person understands."""

    path: str
    reason: str


@dataclass(slots=True)
class Corpus:
    """Everything opened in one session: pages, their articles in reading order, and problems."""

    pages: list[Page] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)

    @property
    def articles(self) -> list[Article]:
        return [a for page in self.pages for a in page.articles]
