"""Runs the page pipeline's stages on one page, in the order data flows (see the package's
docstring): a text page is cut into articles; a web page is its one article.

`process_bytes` raises only `LoadError` (a file that cannot become a page, with a one-line reason).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import ne
from pathlib import PurePath

from civread.model import (
    Article,
    ArticleKind,
    CleaningReport,
    Page,
    PageLine,
    Paragraph,
    ParagraphKind,
    RemovedLine,
    Script,
)
from civread.pipeline.articles import (
    Body,
    Item,
    Para,
    claimed_by_place_alone,
    classify_paragraph,
    fold_unplaced_headlines,
    fold_untitled_scraps,
    mark_caption_clusters,
    match_headlines,
    match_last_pair,
    merge_orphan_leads,
    rejoin_sentence_tails,
    restore_cut_lines,
    split_bodies,
    split_for_headlines,
    split_stacked_headlines,
)
from civread.pipeline.decode import decode
from civread.pipeline.files import LoadError
from civread.pipeline.finish import finish_articles
from civread.pipeline.furniture import COLUMN_LABEL, MASTHEAD, furniture_reasons, is_section_label
from civread.pipeline.headlines import (
    HeadingRun,
    bulleted_item_title,
    find_heading_runs,
    news_lead_byline,
    paragraph_indents,
    strip_byline_marker,
)
from civread.pipeline.html import extract_html, looks_like_html
from civread.pipeline.interleave import interleaved_order
from civread.pipeline.junk import junk_reasons
from civread.pipeline.locality import home_place, place_at_home, resolve_locality
from civread.pipeline.normalize import NEEDS_NORMALIZING, normalize_line
from civread.pipeline.pagememo import new_page
from civread.pipeline.reflow import double_spacing_blanks, reflow
from civread.pipeline.sanitize import needs_sanitizing, sanitize_line
from civread.pipeline.script import is_traditional, to_simplified
from civread.pipeline.text import first_sentence, line_widths, nearest_text, shredded_digits
from civread.pipeline.web import extract_web, is_web_document

__all__ = ["LoadError", "process_bytes", "process_text"]

# Longer lines are cut at sentence ends first: a page with no line breaks is still a page.
_MAX_LINE = 4000
_UNTITLED_CHARS = 24
_JOIN_SENSITIVE = re.compile(r"[,:;?!() ]")
_SUBTITLE_DASHES = re.compile(r"^[—－―\-]+\s*")


def _split_long_line(line: str) -> list[str]:
    """Cut a line longer than _MAX_LINE at sentence ends (or hard at _MAX_LINE), in linear time."""
    if len(line) <= _MAX_LINE:
        return [line]
    pieces: list[str] = []
    start = 0
    n = len(line)
    while n - start > _MAX_LINE:
        stop = start + _MAX_LINE
        cut = max(line.rfind("。", start, stop), line.rfind("！", start, stop), line.rfind("？", start, stop),
                  line.rfind(". ", start, stop))
        cut = cut - start + 1 if cut >= 0 and cut - start >= _MAX_LINE // 4 else _MAX_LINE
        pieces.append(line[start : start + cut])
        start += cut
    pieces.append(line[start:])
    return pieces


def process_bytes(data: bytes, path: str) -> Page:
    """Decode one file and run the pipeline on it."""
    text, encoding = decode(data)
    digest = hashlib.sha1(data).hexdigest()[:12]
    return process_text(text, path, digest=digest, encoding=encoding, size=len(data))


def process_text(text: str, path: str, *, digest: str | None = None, encoding: str = "utf-8", size: int = 0) -> Page:
    """The pipeline on already-decoded text."""
    new_page()
    digest = digest or hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    fmt = "html" if looks_like_html(text) else "text"
    if fmt == "html" and is_web_document(text):
        return _process_web(text, path, digest, encoding, size)
    removed: list[RemovedLine] = []
    if fmt == "html":
        extraction = extract_html(text)
        raw_lines = extraction.lines
        removed.extend(_removed_by_extractor(extraction.removed))
    else:
        raw_lines = text.splitlines()
    page_report = CleaningReport()
    cleaned = _clean(raw_lines, page_report, split_long=True, script_sample=text if fmt == "text" else None)
    if not any(line.strip() for line in cleaned.originals):
        raise LoadError("no text (only markup)" if fmt == "html" else "no text")
    lines, clean_lines, line_reports, traditional = cleaned.lines, cleaned.clean, cleaned.reports, cleaned.traditional
    _drop(cleaned, junk_reasons(clean_lines), removed)

    column_labels: list[int] = []
    masthead: list[int] = []
    if fmt == "text":
        furniture = furniture_reasons(clean_lines)
        for i, reason in enumerate(furniture):
            if reason is not None:
                (column_labels if reason == COLUMN_LABEL else masthead).append(i)
        masthead_text = [clean_lines[i] for i in masthead]
        _drop(cleaned, furniture, removed)

    if not any(line.strip() for line in clean_lines):
        raise LoadError("no text but page furniture (masthead, page numbers) and site junk")
    source = PurePath(path).name
    script = Script.TRADITIONAL if traditional else Script.SIMPLIFIED
    articles, labels = _articles(clean_lines, lines, line_reports, fmt == "html", source, path, digest, script,
                                 column_labels, masthead if fmt == "text" else ())
    if labels:  # the section's name under the masthead, known once no article claimed it
        masthead_text += [clean_lines[i] for i in sorted(labels)]  # (read before _drop blanks them)
        _drop(cleaned, [MASTHEAD if i in labels else None for i in range(len(clean_lines))], removed)
    if fmt == "text":
        _place_at_home(articles, masthead_text)
    finish_articles(articles, masthead_text if fmt == "text" else ())
    page_report.add(_sum_reports(line_reports))
    return Page(
        source=source,
        path=path,
        digest=digest,
        encoding=encoding,
        format=fmt,
        original_script=script,
        lines=lines,
        articles=articles,
        removed=removed,
        report=page_report,
        size=size or len(text.encode("utf-8", "surrogatepass")),
    )


def _place_at_home(articles: list[Article], masthead: list[str]) -> None:
    """Articles that say "我县"/"全市" are about the paper's home place, which the page tells."""
    found = home_place(masthead, [a.locality for a in articles])
    if found is None:
        return
    home, from_masthead = found
    for article in articles:
        text = article.title + "\n" + "\n".join(p.text for p in article.paragraphs)
        article.locality = place_at_home(text, article.locality, home, from_masthead)


def _process_web(text: str, path: str, digest: str, encoding: str, size: int) -> Page:
    """A saved web page is ONE article: the web extractor's headline and paragraphs, each line
    cleaned like any page's line (sanitize, script, normalize, junk), never cut into several
    articles by the e-paper segmenter. No article on the page is a LoadError (one line)."""
    extraction = extract_web(text)
    if extraction.problem:
        raise LoadError(extraction.problem)
    removed = _removed_by_extractor(extraction.removed)
    page_report = CleaningReport()
    # Line 0 is the headline, line 1 the byline; the body's lines follow (one paragraph each).
    raw = [extraction.title, extraction.byline] + extraction.lines
    cleaned = _clean(raw, page_report, split_long=False, script_sample=None)
    lines, clean_lines, line_reports, traditional = cleaned.lines, cleaned.clean, cleaned.reports, cleaned.traditional
    _drop(cleaned, [None, None, *junk_reasons(clean_lines[2:])], removed)
    paragraphs = [
        Paragraph(text=clean_lines[i], kind=ParagraphKind.CAPTION if (i - 2) in extraction.captions else ParagraphKind.BODY,
                  line_indices=(i,))
        for i in range(2, len(clean_lines)) if clean_lines[i].strip()
    ]
    if not paragraphs:
        raise LoadError("no article found on this web page (every line was site furniture)")
    source = PurePath(path).name
    script = Script.TRADITIONAL if traditional else Script.SIMPLIFIED
    title = clean_lines[0].strip()
    untitled = not title
    if untitled:
        title = _untitled_title(paragraphs)
    article = Article(
        id=f"{digest}-01",
        source=source,
        kind=ArticleKind.ARTICLE,
        title=title,
        paragraphs=paragraphs,
        locality=resolve_locality("" if untitled else title, "", [p.text for p in paragraphs]),
        untitled=untitled,
        byline=strip_byline_marker(clean_lines[1].strip()) if clean_lines[1].strip() else "",
        original_script=script,
        source_path=path,
        index=0,
    )
    article.original_text = "\n".join(line.original for line in lines)
    article.report = _sum_reports(line_reports)
    page_report.add(article.report)
    finish_articles([article], html=text)
    return Page(
        source=source,
        path=path,
        digest=digest,
        encoding=encoding,
        format="html",
        original_script=script,
        lines=lines,
        articles=[article],
        removed=removed,
        report=page_report,
        size=size or len(text.encode("utf-8", "surrogatepass")),
    )


@dataclass
class _CleanLines:
    """A page's lines through the line stages (sanitize, script, normalize): the originals (as
    shown under "original text"), the cleaned lines the later stages read, each line's report."""

    originals: list[str]
    lines: list[PageLine]
    clean: list[str]
    reports: list[CleaningReport]
    traditional: bool


def _clean(raw: list[str], page_report: CleaningReport, *, split_long: bool, script_sample: str | None) -> _CleanLines:
    """Sanitize every line (counting what was removed into `page_report`), cut endless lines when
    `split_long`, convert traditional script (detected on `script_sample`, else the lines
    themselves) and normalize. The one place a page's lines are cleaned, web or text."""
    originals: list[str] = []
    if _all_safe(raw):
        originals = [line for line in raw if len(line) <= _MAX_LINE] if split_long else list(raw)
        if len(originals) < len(raw):  # a line to cut: in page order, as below
            originals = [piece for line in raw for piece in _split_long_line(line)]
    else:
        removed = 0
        for line in raw:
            safe, n_controls = sanitize_line(line)
            removed += n_controls
            if split_long and len(safe) > _MAX_LINE:
                originals.extend(_split_long_line(safe))
            else:
                originals.append(safe)
        page_report.control_chars_removed += removed
    traditional = is_traditional(script_sample if script_sample is not None else "\n".join(originals))
    converted = _convert(originals) if traditional else originals
    cleans = list(converted)
    reports = [CleaningReport() for _ in converted]
    for i in _to_normalize(converted):
        cleans[i], reports[i] = normalize_line(converted[i])
    if traditional:
        for report, count in zip(reports, _chars_converted(originals, converted)):
            report.chars_converted = count
    lines = list(map(PageLine, originals, cleans))
    return _CleanLines(originals, lines, cleans, reports, traditional)


# Every byte but 0 becomes 1.
_NONZERO = bytes(1) + b"\x01" * 255


def _chars_converted(originals: list[str], converted: list[str]) -> list[int]:
    """How many characters script conversion changed in each line: the places where the line and
    its conversion differ (the plain rule, `sum(map(ne, original, converted))`, for a page where a
    line changed length). Counted for the whole page in C, not character by character in Python:
    both texts as UTF-32 (4 bytes a character) are XORed as two integers, every differing byte is
    made 1, and each character's 4 bytes are ORed into its first byte, which is then 1 exactly
    where the character differs; a line's count is the number of 1s among its characters'."""
    if list(map(len, originals)) != list(map(len, converted)):
        return [0 if a == b else sum(map(ne, a, b)) for a, b in zip(originals, converted)]
    before = "".join(originals).encode("utf-32-le", "surrogatepass")
    after = "".join(converted).encode("utf-32-le", "surrogatepass")
    size = len(before)
    bits = int.from_bytes(before, "little") ^ int.from_bytes(after, "little")
    ones = int.from_bytes(bits.to_bytes(size, "little").translate(_NONZERO), "little")
    ones |= ones >> 16
    ones |= ones >> 8
    differs = ones.to_bytes(size, "little")[::4]  # one byte a character: 1 where it changed
    counts: list[int] = []
    start = 0
    for line in originals:
        end = start + len(line)
        counts.append(differs.count(1, start, end))
        start = end
    return counts


def _all_safe(raw: list[str]) -> bool:
    """No line of the page has anything for sanitize_line to do (it would return each line as
    it is, removing nothing): asked of the whole page in one scan. The lines are joined with a
    space, which sanitizing keeps; a page with a line that is not a string is sanitized line by line."""
    try:
        page = " ".join(raw)
    except TypeError:
        return False
    return not needs_sanitizing(page)


def _to_normalize(lines: list[str]) -> list[int]:
    """The indices of the lines normalize_line would change or count anything in: those holding
    a character NEEDS_NORMALIZING finds (on the others it returns the line and an empty report).
    Found with one scan of the page, which goes on from the next line after each find."""
    page = "\n".join(lines)
    if page.count("\n") != len(lines) - 1:  # a line break inside a line: asked line by line
        return [i for i, line in enumerate(lines) if NEEDS_NORMALIZING.search(line)]
    starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
    found: list[int] = []
    search = NEEDS_NORMALIZING.search
    match = search(page)
    while match is not None:
        i = bisect_right(starts, match.start()) - 1
        found.append(i)
        match = search(page, starts[i + 1])
    return found


def _drop(cleaned: _CleanLines, reasons: Sequence[str | None], removed: list[RemovedLine]) -> None:
    """Take the lines that have a reason out of the page's text, into `removed` with it."""
    for i, reason in enumerate(reasons):
        if reason is not None:
            removed.append(RemovedLine(text=cleaned.clean[i], original=cleaned.lines[i].original, reason=reason, line_index=i))
            cleaned.reports[i].junk_lines_dropped = 1
            cleaned.clean[i] = ""


def _removed_by_extractor(dropped: Iterable[tuple[str, str]]) -> list[RemovedLine]:
    """What an HTML extractor left out, made safe to show, with its reason."""
    out: list[RemovedLine] = []
    for text, reason in dropped:
        safe, _ = sanitize_line(text)
        out.append(RemovedLine(text=safe, original=safe, reason=reason))
    return out


def _convert(lines: list[str]) -> list[str]:
    converted = to_simplified("\n".join(lines)).split("\n")
    if len(converted) != len(lines):  # never trust a converter with our line structure
        converted = [to_simplified(line) for line in lines]
    return converted


def _column(widths: Sequence[float], line_indices: Sequence[int]) -> float:
    """The width a paragraph's full lines are set at: the middle width of its lines but the last
    (0 with fewer than two of them: one line may be short, indented or squeezed)."""
    full = sorted(widths[i] for i in line_indices[:-1])
    return full[len(full) // 2] if len(full) >= 2 else 0.0


def _items(
    clean_lines: list[str], web_page: bool, indented: set[int] = frozenset(), column_labels: Sequence[int] = ()  # type: ignore[assignment]
) -> tuple[list[Item], set[int]]:
    """Headline blocks and reflowed paragraphs, in page order, and the blank lines that spaced
    them for nothing. Double-spaced stretches are read without their every-other blank line
    (`double_spacing_blanks`); the blocks and paragraphs still name the page's own line indices."""
    shredded = shredded_digits(clean_lines)
    joined: dict[int, list[int]] = {}  # line → the lines of a shredded date moved onto it
    for i, target in shredded.items():
        joined.setdefault(target, []).append(i)
    if joined:
        clean_lines = list(clean_lines)
        for target, moved in joined.items():
            clean_lines[target] = "".join(clean_lines[k].strip() for k in sorted([target, *moved]))
    widths = line_widths(clean_lines)
    spacing = double_spacing_blanks(clean_lines, widths)
    kept = [i for i in range(len(clean_lines)) if i not in spacing and i not in shredded]
    if not web_page and (order := interleaved_order([clean_lines[i] for i in kept])) is not None:
        kept = [kept[k] for k in order]  # two columns read line by line, back in reading order
    elif not spacing and not shredded:
        kept = []
    if kept:
        at = {i: k for k, i in enumerate(kept)}
        clean_lines = [clean_lines[i] for i in kept]
        widths = [widths[i] for i in kept]
        indented = {at[i] for i in indented if i in at}
        column_labels = [at[i] for i in column_labels if i in at]
    runs = find_heading_runs(clean_lines, widths, indented, column_labels)
    standalone = {i for run in runs for i in run.line_indices}
    paragraphs = reflow(clean_lines, standalone, widths, indented)
    columns = [_column(widths, p.line_indices) for p in paragraphs]
    # Items go in reading order: that of `clean_lines`, which may differ from the page's.
    run_keys = [run.line_indices[0] for run in runs]
    paragraph_keys = [p.line_indices[0] for p in paragraphs]
    if kept:  # back to the page's line indices
        for run in runs:
            run.line_indices = [kept[k] for k in run.line_indices]
        for p in paragraphs:
            p.line_indices = tuple(kept[k] for k in p.line_indices)
    if joined:  # the lines a shredded date's pieces came from go with the line they went onto
        for run in runs:
            run.line_indices = sorted(run.line_indices + [i for k in run.line_indices for i in joined.get(k, ())])
        for p in paragraphs:
            p.line_indices = tuple(sorted(p.line_indices + tuple(i for k in p.line_indices for i in joined.get(k, ()))))
    paras: list[Para] = []
    for p, column in zip(paragraphs, columns, strict=True):
        text = p.text
        if len(p.line_indices) > 1 and _JOIN_SENSITIVE.search(text):
            # Rules that look at both neighbours (punctuation width, spaces) see across the join.
            text = normalize_line(text)[0]
        para = classify_paragraph(text)
        para.line_indices = p.line_indices
        para.column = column
        para.continued_later = p.continued_later
        paras.append(para)
    if web_page:
        mark_caption_clusters(paras)
    items: list[tuple[int, Item]] = list(zip(run_keys, runs, strict=True))
    items += zip(paragraph_keys, paras, strict=True)
    items.sort(key=lambda pair: pair[0])
    return [item for _, item in items], spacing


def _articles(
    clean_lines: list[str],
    lines: list[PageLine],
    line_reports: list[CleaningReport],
    single_article: bool,
    source: str,
    path: str,
    digest: str,
    script: Script,
    column_labels: Sequence[int] = (),
    masthead: Sequence[int] = (),
) -> tuple[list[Article], set[int]]:
    """The page's articles, and the lines of leftover headline blocks that were the section's
    name printed under the masthead (page furniture, not articles)."""
    items, spacing = _items(clean_lines, single_article, paragraph_indents([line.original for line in lines]), column_labels)
    bodies, headings = split_bodies(items, single_article, column_labels, spacing)
    named = _section_names_over_a_headline(headings, clean_lines, masthead)
    if named:
        headings = [(pos, run) for pos, run in headings if run.line_indices[0] not in named]
    if single_article:
        leftovers = _title_single_article(bodies, headings)
    else:
        split_stacked_headlines(bodies, headings)
        leftovers = match_headlines(bodies, headings)
        restored = restore_cut_lines(bodies, leftovers)
        if restored:  # body lines taken for headlines went back: what is left is matched again
            headings = [(pos, run) for pos, run in headings if id(run) not in restored]
            still = {id(run) for run in leftovers} - restored
            leftovers = match_headlines(bodies, [(pos, run) for pos, run in headings if id(run) in still])
        if split_for_headlines(bodies, headings, leftovers, claimed_by_place_alone(bodies)):
            for body in bodies:
                body.headline = None
            leftovers = match_headlines(bodies, headings)
        bodies = fold_untitled_scraps(rejoin_sentence_tails(merge_orphan_leads(bodies)))
    labels = named | {run.line_indices[0] for run in leftovers if is_section_label(run.text, run.line_indices, clean_lines, masthead)}
    leftovers = [run for run in leftovers if run.line_indices[0] not in labels]
    if not single_article:
        leftovers = match_last_pair(bodies, leftovers)
    leftovers = fold_unplaced_headlines(bodies, leftovers)
    drafts: list[tuple[int, Body | HeadingRun]] = []
    for body in bodies:
        first = min((i for p in body.paragraphs for i in p.line_indices), default=0)
        drafts.append((first, body))
    for run in leftovers:
        drafts.append((run.line_indices[0], run))
    drafts.sort(key=lambda pair: pair[0])

    articles: list[Article] = []
    owner: dict[int, int] = {}
    for n, (_, draft) in enumerate(drafts):
        body = draft if isinstance(draft, Body) else Body(headline=draft)
        article = _build_article(body, n, source, path, digest, script)
        indices = sorted(_line_indices(body))
        for i in indices:
            owner[i] = n
        article.original_text = "\n".join(lines[i].original for i in indices)
        articles.append(article)
    _attach_reports(articles, owner, line_reports)
    return articles, labels


def _section_names_over_a_headline(
    headings: Sequence[tuple[int, HeadingRun]], clean_lines: Sequence[str], masthead: Sequence[int]
) -> set[int]:
    """The section's name under the masthead ("乡村振兴") with another headline next below it:
    it has no body of its own, and matched by its words to an article further down it would
    take that article's headline's place. Known before the matching, unlike a label over text."""
    starts = {run.line_indices[0] for _, run in headings}
    return {
        run.line_indices[0] for _, run in headings
        if is_section_label(run.text, run.line_indices, clean_lines, masthead)
        and (below := nearest_text(clean_lines, run.line_indices[-1])) in starts
        and below > run.line_indices[-1] + 1  # (set apart from it: a headline stacked tight over another is one)
    }


def _title_single_article(bodies: list[Body], headings: list[tuple[int, HeadingRun]]) -> list[HeadingRun]:
    """A saved web page is one article: its first headline block titles it."""
    if not bodies:
        return [run for _, run in headings]
    main = bodies[0]
    for extra in bodies[1:]:
        main.paragraphs.extend(extra.paragraphs)
        main.bylines.extend(extra.bylines)
        main.extra_line_indices.extend(extra.extra_line_indices)
    del bodies[1:]
    leftovers: list[HeadingRun] = []
    for _, run in headings:
        if main.headline is None and run.title:
            main.headline = run
        elif run.is_byline_only or (run.bylines and not run.title):
            main.bylines.extend(run.bylines)
            main.extra_line_indices.extend(run.line_indices)
        else:
            leftovers.append(run)
    return leftovers


def _line_indices(body: Body) -> set[int]:
    indices = {i for p in body.paragraphs for i in p.line_indices}
    indices.update(body.extra_line_indices)
    for run in (body.headline, body.photo_title):
        if run is not None:
            indices.update(run.line_indices)
    return indices


def _untitled_title(paragraphs: Sequence[Paragraph]) -> str:
    for p in paragraphs:
        if p.text:
            sentence = first_sentence(p.text).rstrip("。！？")
            sentence = sentence.strip() or p.text.strip()
            if sentence:
                return sentence if len(sentence) <= _UNTITLED_CHARS else sentence[:_UNTITLED_CHARS].rstrip() + "…"
    return "(untitled)"


def _build_article(body: Body, n: int, source: str, path: str, digest: str, script: Script) -> Article:
    paragraphs: list[Paragraph] = []
    bylines: list[str] = []
    run = body.headline or body.photo_title
    if run is not None:
        bylines.extend(strip_byline_marker(b) for b in run.bylines)
    bylines.extend(strip_byline_marker(b) for b in body.bylines)
    dateline = ""  # "新华社兰州5月3日电": where the story was filed, a vote for its place
    for k, para in enumerate(body.paragraphs):
        text = para.text
        if k == 0 and para.news_lead:
            lead_byline, text = news_lead_byline(text)
            if lead_byline:
                bylines.insert(0, lead_byline)
                dateline = lead_byline
        if text:
            paragraphs.append(Paragraph(text=text, kind=para.kind, line_indices=para.line_indices))
    title = run.title if run is not None else ""
    kicker = run.kicker if run is not None else ""
    subtitle = run.subtitle if run is not None else ""
    untitled = not title
    if untitled and kicker:
        title, kicker, untitled = kicker, "", False
    if untitled and paragraphs:
        lead_title, rest = bulleted_item_title(paragraphs[0].text)
        if lead_title:
            title, untitled = lead_title, False
            paragraphs[0] = Paragraph(text=rest, kind=paragraphs[0].kind, line_indices=paragraphs[0].line_indices)
    if untitled:
        title = _untitled_title(paragraphs)
    headline_text = " ".join(x for x in (kicker, "" if untitled else title, subtitle) if x)
    place = resolve_locality(headline_text, kicker, [p.text for p in paragraphs], dateline=dateline)
    return Article(
        id=f"{digest}-{n + 1:02d}",
        source=source,
        kind=body.kind,
        title=title,
        paragraphs=paragraphs,
        locality=place,
        untitled=untitled,
        kicker=kicker,
        subtitle=_clean_subtitle(subtitle),
        byline="；".join(b for b in bylines if b),
        original_script=script,
        source_path=path,
        index=n,
    )


def _clean_subtitle(subtitle: str) -> str:
    return _SUBTITLE_DASHES.sub("——", subtitle) if subtitle else ""


def _attach_reports(articles: list[Article], owner: dict[int, int], line_reports: list[CleaningReport]) -> None:
    """Each line's cleaning counts go to the article that holds it; dropped lines to the one above."""
    if not articles:
        return
    groups: list[list[CleaningReport]] = [[] for _ in articles]
    current = 0
    for i, report in enumerate(line_reports):
        if i in owner:
            current = owner[i]
        groups[current].append(report)
    for article, group in zip(articles, groups):
        article.report = _sum_reports(group)
    for article in articles:
        article.report.lines_joined = sum(max(0, len(p.line_indices) - 1) for p in article.paragraphs)


def _sum_reports(reports: Sequence[CleaningReport]) -> CleaningReport:
    """The reports added up, in local counts (a page has a report a line, summed twice)."""
    joined = converted = spaces = widened = folded = controls = dropped = 0
    for r in reports:
        joined += r.lines_joined
        converted += r.chars_converted
        spaces += r.spaces_removed
        widened += r.punctuation_widened
        folded += r.chars_folded
        controls += r.control_chars_removed
        dropped += r.junk_lines_dropped
    return CleaningReport(
        lines_joined=joined, chars_converted=converted, spaces_removed=spaces, punctuation_widened=widened,
        chars_folded=folded, control_chars_removed=controls, junk_lines_dropped=dropped,
    )
