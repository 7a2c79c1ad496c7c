"""Measures of an article and of a corpus: length, reading time, figures, keywords.

An article is measured once, where its page is processed (`measure_article`, in the pipeline's
worker processes), and its `ArticleMeasures` are kept in the page cache beside the page. What
depends on the rest of the corpus (tf-idf keywords) is ranked later from the stored term counts:
the reader's panel and the export read the same stored measures, and nothing tokenises an
article twice. Pure functions over the model; nothing here imports Textual or Rich.

Reading time assumes READING_RATE Han characters a minute. Evidence: the IReST study
(Trauzettel-Klosinski & Dietz 2012, IOVS 53:5452) measured native Chinese adults reading
standard texts aloud at ~255 characters/min; silent reading runs ~1.3× oral reading
(Brysbaert 2019, J. Mem. Lang. 109: 238 vs 183 wpm in English), i.e. ~330/min for careful
reading. Formulaic local news is skimmed faster, so we assume 400/min: an estimate for the
reader's "≈ N min", not a measurement of anyone.

Figures are found in `civread.measures.figures`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from civread.measures.figures import Figure, extract_figures
from civread.measures.keywords import KeywordModel, RankForm, Terms, term_counts
from civread.measures.record import dumps
from civread.measures.reprints import article_signature
from civread.measures.timeline import Timeline, articles_per_month
from civread.model import UNLOCATED_LABEL, Article, ArticleKind, CleaningReport, Corpus, Locality

__all__ = [
    "N_KEYWORDS",
    "READING_RATE",
    "ArticleMeasures",
    "ArticleMetrics",
    "CorpusMetrics",
    "Figure",
    "article_metrics",
    "corpus_metrics",
    "corpus_metrics_from",
    "measure_article",
    "measure_page",
    "measure_corpus",
    "count_sentences",
    "extract_figures",
    "keywords_as_list",
    "ranked_keywords_json",
    "reading_minutes",
    "split_sentences",
]

N_KEYWORDS = 8  # an article's keywords, best first
READING_RATE = 400  # Han characters per minute (see the module docstring for the source)

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")

# ---------------------------------------------------------------- sentences

# A sentence ends on 。！？ (or ASCII !?), with any closing quotes/brackets that follow it;
# an ellipsis ends a sentence only at the end of a paragraph (mid-paragraph it trails off).
_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)》]*")
_TRAILING_ELLIPSIS = re.compile(r"(?:……|…|\.\.\.)[”’」』）)》]*\s*$")
_HAS_WORD = re.compile(r"[\w\u3400-\u9fff]")


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph; a final fragment without end punctuation counts too."""
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        piece = paragraph[start : match.end()].strip()
        if _HAS_WORD.search(piece):
            out.append(piece)
        start = match.end()
    rest = paragraph[start:].strip()
    if _HAS_WORD.search(rest):
        out.append(rest)  # "…" at paragraph end, or a fragment such as a subhead
    return out


def count_sentences(paragraphs: list[str]) -> int:
    return sum(len(split_sentences(p)) for p in paragraphs)


def reading_minutes(han_chars: int, other_chars: int = 0) -> int:
    """Whole minutes at READING_RATE, at least 1 for any non-empty text, 0 for nothing."""
    if han_chars <= 0:
        return 1 if other_chars > 0 else 0
    return max(1, int(han_chars / READING_RATE + 0.5))


# ---------------------------------------------------------------- article measures


@dataclass(frozen=True, slots=True)
class ArticleMeasures:
    """What an article measures on its own, computed once and stored beside its page.

    terms: the article's keyword candidates with their counts, in first-seen order (the input
    of both the corpus keyword model and the article's own tf-idf ranking); None when its text
    could not be segmented (such an article is not a document of the keyword model).
    """

    han_chars: int
    paragraphs: int
    sentences: int
    reading_minutes: int
    figures: tuple[Figure, ...] = ()
    terms: Terms | None = ()
    signature: bytes = b""  # the body's digest and MinHash, for grouping reprints (measures.reprints)
    date: str | None = None  # the article's date (ISO), so corpus measures can chart it without pages


def measure_article(article: Article) -> ArticleMeasures:
    """Measure one article: the only place its text is tokenised for keywords."""
    texts = [p.text for p in article.paragraphs if p.text.strip()]
    joined = "\n".join(texts)
    # Counted without a list of one-character strings (findall made ~80 bytes per character).
    han = _HAN.subn("", joined)[1]
    other = sum(1 for ch in joined if ch.isalnum()) - han
    return ArticleMeasures(
        han_chars=han,
        paragraphs=len(texts),
        sentences=count_sentences(texts),
        reading_minutes=reading_minutes(han, other),
        figures=tuple(f for t in texts for f in extract_figures(t)),
        terms=term_counts(article.text),
        signature=article_signature(article),
        date=article.date,
    )


def measure_page(articles: Iterable[Article]) -> list[ArticleMeasures]:
    """The measures of a page's articles, in page order (what the cache stores beside it)."""
    return [measure_article(a) for a in articles]


# ---------------------------------------------------------------- article metrics


@dataclass(slots=True)
class ArticleMetrics:
    """What one article measures, for the reader's side panel and the export.

    han_chars: Han characters in the paragraphs; paragraphs: non-empty paragraphs;
    sentences: sentences ending in 。！？ (plus a final fragment); reading_minutes: at
    READING_RATE, at least 1 for any text; figures: the numbers it reports, in reading order;
    keywords: (word, tf-idf score) best first; cleaning: what cleaning did to this article.
    """

    han_chars: int
    paragraphs: int
    sentences: int
    reading_minutes: int
    figures: list[Figure] = field(default_factory=list)
    keywords: list[tuple[str, float]] = field(default_factory=list)
    cleaning: CleaningReport = field(default_factory=CleaningReport)

    def as_dict(self) -> dict[str, object]:
        return {
            "han_chars": self.han_chars,
            "paragraphs": self.paragraphs,
            "sentences": self.sentences,
            "reading_minutes": self.reading_minutes,
            "figures": [f.as_dict() for f in self.figures],
            "keywords": keywords_as_list(self.keywords),
            "cleaning": self.cleaning.as_dict(),
        }


def keywords_as_list(keywords: Iterable[tuple[str, float]]) -> list[dict[str, object]]:
    """Ranked keywords as the export writes them (also made alone, at export time)."""
    return [{"word": w, "score": s} for w, s in keywords]


def ranked_keywords_json(model: KeywordModel, forms: Iterable[RankForm | None], idf: dict[str, float]) -> list[bytes]:
    """Each article's keywords ranked against one idf table (from its stored rank form), as the
    export writes them: JSON, UTF-8. The one way the export ranks, in its process or a worker."""
    return [dumps(keywords_as_list(model.rank_form(f, N_KEYWORDS, idf))).encode("utf-8") for f in forms]


def article_metrics(
    article: Article,
    keywords: KeywordModel | None = None,
    n_keywords: int = N_KEYWORDS,
    measures: ArticleMeasures | None = None,
) -> ArticleMetrics:
    """An article's metrics from its stored `measures` (measured here only when none are given);
    keywords ranked against the corpus model, or by term frequency alone without one."""
    m = measures if measures is not None else measure_article(article)
    model = keywords if keywords is not None else KeywordModel()
    return ArticleMetrics(
        han_chars=m.han_chars,
        paragraphs=m.paragraphs,
        sentences=m.sentences,
        reading_minutes=m.reading_minutes,
        figures=list(m.figures),
        keywords=model.rank(m.terms, n_keywords),
        cleaning=article.report,
    )


# ---------------------------------------------------------------- corpus metrics


@dataclass(slots=True)
class CorpusMetrics:
    """What a whole corpus measures, for the overview screen.

    pages: pages read; articles: articles on them; articles_by_kind: {"article": n, "photo": n};
    localities: distinct located (province, prefecture, county) triples; by_province:
    (province, articles) most first, "Unlocated" last; keywords: (word, occurrences) over the
    corpus; problems: files that could not be read; han_chars: Han characters in all articles.
    """

    pages: int
    articles: int
    articles_by_kind: dict[str, int]
    localities: int  # distinct located localities
    by_province: list[tuple[str, int]]  # most articles first; "Unlocated" last
    keywords: list[tuple[str, int]]  # most frequent keyword candidates with their counts
    problems: int = 0
    han_chars: int = 0
    timeline: Timeline = field(default_factory=Timeline)  # articles per month (or year), undated apart

    def as_dict(self) -> dict[str, object]:
        return {
            "pages": self.pages,
            "articles": self.articles,
            "articles_by_kind": dict(self.articles_by_kind),
            "localities": self.localities,
            "by_province": [list(p) for p in self.by_province],
            "keywords": [list(k) for k in self.keywords],
            "problems": self.problems,
            "han_chars": self.han_chars,
            "timeline": {"per": self.timeline.per, "buckets": [list(b) for b in self.timeline.buckets],
                         "undated": self.timeline.undated},
        }


def corpus_metrics(corpus: Corpus, keywords: KeywordModel | None = None, n_keywords: int = 20) -> CorpusMetrics:
    """Count pages, articles by kind, places and the corpus's most frequent words."""
    return measure_corpus(corpus, keywords, n_keywords)[1]


def measure_corpus(
    corpus: Corpus, keywords: KeywordModel | None = None, n_keywords: int = 20
) -> tuple[KeywordModel, CorpusMetrics]:
    """The keyword model (`keywords`, or one built in the same pass) and the corpus metrics,
    measuring each article afresh. `corpus.articles` is read once, in order (it may be a stream)."""
    rows = ((a.kind, a.locality, measure_article(a)) for a in corpus.articles)
    return corpus_metrics_from(rows, len(corpus.pages), len(corpus.problems), keywords, n_keywords)


def corpus_metrics_from(
    articles: Iterable[tuple[ArticleKind | str, Locality, ArticleMeasures]],
    pages: int,
    problems: int = 0,
    keywords: KeywordModel | None = None,
    n_keywords: int = 20,
) -> tuple[KeywordModel, CorpusMetrics]:
    """The keyword model and corpus metrics from each article's kind, place and stored measures:
    no text is read, so a cached archive is measured from its small rows alone.

    The model's document frequencies are the articles' term sets summed (`keywords`, when given,
    is used as is)."""
    model = keywords if keywords is not None else KeywordModel()
    count = 0
    by_kind = {kind.value: 0 for kind in ArticleKind}
    provinces: Counter[str] = Counter()
    unlocated = 0
    places: set[tuple[str, ...]] = set()
    han = 0
    dates: list[str | None] = []
    for kind, locality, measures in articles:
        count += 1
        dates.append(measures.date)
        name = kind.value if isinstance(kind, ArticleKind) else str(kind)
        by_kind[name] = by_kind.get(name, 0) + 1
        if locality.is_located:
            provinces[locality.province or ""] += 1
            places.add(locality.parts)
        else:
            unlocated += 1
        han += measures.han_chars
        if keywords is None:
            model.add_terms(measures.terms)
    by_province = sorted(provinces.items(), key=lambda pc: (-pc[1], pc[0]))
    if unlocated:
        by_province.append((UNLOCATED_LABEL, unlocated))
    return model, CorpusMetrics(
        pages=pages,
        articles=count,
        articles_by_kind=by_kind,
        localities=len(places),
        by_province=by_province,
        keywords=model.most_common(n_keywords),
        problems=problems,
        han_chars=han,
        timeline=articles_per_month(dates),
    )
