"""Speed guards of the page pipeline: degenerate input still gives articles, and every
shortcut taken for speed gives exactly the answer of the plain rule it stands in for.

How long degenerate input takes against real pages of the same size is measured by
benchmarks/micro.py, never by a timed test: the machine is shared and its speed varies.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from operator import ne

import pytest

from civread.model import CleaningReport
from civread.pipeline import gazetteer, junk, process_bytes
from civread.pipeline.normalize import normalize_line
from civread.pipeline.pagememo import new_page
from civread.pipeline.process import _clean, _convert, _split_long_line
from civread.pipeline.reflow import reflow
from civread.pipeline.sanitize import sanitize_line
from civread.pipeline.script import is_traditional
from civread.pipeline.text import _NARROW, HAN_RANGES, display_width, ends_sentence, han_pairs, join_lines
from seedtext import seed_paths

SIZE = 2_000_000  # bytes of each input compared


def _seed_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in seed_paths())


def _repeat_to(text: str, size: int) -> bytes:
    data = (text * (size // len(text.encode("utf-8")) + 1)).encode("utf-8")[:size]
    return data.decode("utf-8", "ignore").encode("utf-8")


def _random_ascii(rnd: random.Random) -> bytes:
    return bytes(rnd.choice(b"abcdefghijklmnopqrstuvwxyz ABCXYZ,.;:!?()0123456789") for _ in range(SIZE))


def _random_cjk(rnd: random.Random) -> bytes:
    # Common simplified characters, no punctuation: one endless "sentence".
    return "".join(chr(rnd.randint(0x4E00, 0x9FA5)) for _ in range(SIZE // 3)).encode("utf-8")


DEGENERATE: dict[str, Callable[[random.Random], bytes]] = {
    "one letter": lambda rnd: b"a" * SIZE,
    "random ASCII": _random_ascii,
    "random CJK": _random_cjk,
    "seed text without line breaks": lambda rnd: _repeat_to(_seed_text().replace("\n", ""), SIZE),
}


@pytest.mark.parametrize("kind", list(DEGENERATE))
def test_a_degenerate_line_still_gives_articles(kind: str) -> None:
    """How long it takes against real pages of the same size: benchmarks/micro.py."""
    degenerate = DEGENERATE[kind](random.Random(7))
    assert b"\n" not in degenerate and len(degenerate) >= 0.99 * SIZE
    assert process_bytes(degenerate, "speed-guard.txt").articles


# --- shortcuts give the plain rule's answer ----------------------------------------------------


def _plain_scan(table: gazetteer.Gazetteer, text: str) -> list[tuple[int, int, str]]:
    """The gazetteer scan as first written: one dict look-up per character."""
    found = []
    for i in range(len(text) - 1):
        for surface in table.index.get(text[i : i + 2], ()):
            if text.startswith(surface, i):
                found.append((i, i + len(surface), surface))
                break
    return found


def test_gazetteer_scan_finds_what_a_plain_scan_finds() -> None:
    table = gazetteer.load()
    text = _seed_text()
    rnd = random.Random(3)
    names = list(table.names)
    # Names packed back to back, across line breaks, at both ends of lines.
    packed = "\n".join("".join(rnd.choice(names) for _ in range(rnd.randint(1, 6))) for _ in range(300))
    for sample in (text, packed, text[:5000].replace("\n", ""), "北", "北京", "\n北京\n", "", "a" * 1000):
        assert table.scan(sample) == _plain_scan(table, sample)
        assert table.scan(sample) == _plain_scan(table, sample)  # the remembered answer too
    assert len(table.scan(text)) > 50


def _plain_reason(line: str) -> str | None:
    """junk_reason's scan for rules that fire anywhere, as one regex (what the split stands in for)."""
    hit = junk._ANYWHERE.search(line)  # noqa: SLF001 - the rule the fast path stands in for
    return None if hit is None else f"{hit.lastgroup}@{hit.start()}"


def test_junk_fast_scan_matches_the_full_rule() -> None:
    rnd = random.Random(11)
    words = ["ICP 12345", "icp证", "京ICP备", "Powered by", "POWERED  BY x", "porn", "PoRn", "Copyright", "(c) 2024",
             "(C)2024", "All Rights Reserved", "all rights reserved", "AV", "av在线", "免费AV", "copy right", "icp",
             "by", "news", "page 3", "(c)", "Rights", "|", " ", "版权所有", "未经授权不得", "未经书面授权禁止",
             "转载", "本网", "色情", "成人影院", "©", "ſ", "İCP 1", "K", "记者", "本报讯", "新华社", "，", "。"]
    lines = ["".join(rnd.choice(words) + rnd.choice(["", " ", "-", ".", "1", "中"]) for _ in range(rnd.randint(1, 8)))
             for _ in range(4000)]
    lines += ["a" * 5000, "ICP" + "a" * 5000 + "1", _seed_text()]
    hits = 0
    for line in lines:
        expected = _plain_reason(line)
        hit = junk._anywhere(line)  # noqa: SLF001
        assert (None if hit is None else f"{hit.lastgroup}@{hit.start()}") == expected, line
        hits += expected is not None
    assert 100 < hits < len(lines) - 100


def _plain_split(line: str, limit: int = 4000) -> list[str]:
    """Long lines cut as first written (slicing the rest each time)."""
    if len(line) <= limit:
        return [line]
    pieces, rest = [], line
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("。"), window.rfind("！"), window.rfind("？"), window.rfind(". "))
        cut = cut + 1 if cut >= limit // 4 else limit
        pieces.append(rest[:cut])
        rest = rest[cut:]
    pieces.append(rest)
    return pieces


def test_long_lines_are_cut_where_they_always_were() -> None:
    rnd = random.Random(5)
    flat = _seed_text().replace("\n", "")
    for _ in range(30):
        n = rnd.randint(3000, 30000)
        sample = "".join(rnd.choice(["a", "中", "。", "！", "？", ". ", " "]) if rnd.random() < 0.01 else flat[i % len(flat)]
                         for i in range(n))
        assert _split_long_line(sample) == _plain_split(sample)
    assert _split_long_line("a" * 12001) == _plain_split("a" * 12001)


def test_display_width_shortcut_for_ascii() -> None:
    for text in ("abc def", "a" * 4000, "中文 abc", "“引号”", "x—y"):
        narrow = len(_NARROW.findall(text))
        assert display_width(text) == (float(len(text)) if narrow == 0 else len(text) - narrow * 0.45)


def _plain_reflow_texts(lines: list[str]) -> list[str]:
    """Each reflowed paragraph's text rebuilt with join_lines from its own lines."""
    out = []
    for p in reflow(lines, set()):
        text = ""
        for i in p.line_indices:
            text = join_lines(text, lines[i].strip())
        out.append((text, p.text))
    return out


def test_reflow_joins_pieces_like_join_lines() -> None:
    lines = ["The quick", "brown fox", "跳过了", "lazy 狗。", "", "abc", "def", "123", "456。"] * 3
    pairs = _plain_reflow_texts(lines)
    assert pairs and all(plain == fast for plain, fast in pairs)
    assert any(" " in fast for _, fast in pairs) and ends_sentence(pairs[0][1])


def test_readings_cut_section_by_section_are_the_whole_haystacks() -> None:
    """article_readings cuts the search haystack section by section, reusing the cuts the page's
    segmentation made: the readings of cutting the whole haystack at once, on the seeds and on an
    invented article whose sections fold (spaces, full-width and upper-case Latin, empty ones)."""
    from civread.model import Article, ArticleKind, Paragraph
    from civread.pinyin import article_readings, context_readings
    from civread.search.sections import haystack

    articles = [a for path in seed_paths() for a in process_bytes(path.read_bytes(), path.name).articles]
    articles.append(Article(
        id="x-01", source="x.txt", kind=ArticleKind.ARTICLE, title="重庆 银行ＡＢＣ行长", subtitle="",
        paragraphs=[Paragraph("长江边的 行长说：Bank 行 长。"), Paragraph(""), Paragraph("重庆银行的行长在长江边。")],
    ))
    read = 0
    for article in articles:
        entry = haystack(article)
        assert entry is not None
        assert article_readings(article) == context_readings(entry[1]), article.title
        read += bool(article_readings(article))
    assert read > 10


def test_content_words_keep_what_the_drop_rule_leaves() -> None:
    """content_words keeps the words _KEEP matches (in C): exactly those the plain rule _DROP does
    not drop, on every word of the seeds and on odd ones (digits, full-width, underscores, breaks)."""
    import rjieba

    from civread.pipeline import words

    odd = {"", "a", "中", "1", "12", "_a", "a_", "__", "１２", "Ⅻ", "٣٤", "ab", "\n\n", "\na", "中\n", "²³", "½x", "——", "3月"}
    sample = set(rjieba.cut(_seed_text())) | odd
    kept = {w for w in sample if words._KEEP.match(w)}  # noqa: SLF001 - the fast rule checked against the plain one
    assert kept == {w for w in sample if not words._DROP.match(w)}  # noqa: SLF001
    assert 100 < len(kept) < len(sample)


def test_dateline_shortcut_gives_the_regex_answer() -> None:
    """is_news_lead skips the dateline regex on lines without 讯/电/消息/报道 near their start: on
    every seed line and on generated datelines (longest outlet, place and date, leading spaces,
    the word pushed past the reach), it answers what the regex alone answers."""
    from civread.pipeline.headlines import NEWS_LEAD, is_news_lead

    rnd = random.Random(5)
    outlets = ["本报", "新华社", "中新社", "某某县融媒体中心客户端", "甲乙丙丁戊己庚辛壬癸电视台", "IT之家", "央广网", "新京报"]
    places = ["", "北京", "黑龙江哈尔滨市南岗", "甲乙丙丁戊己庚辛"]
    dates = ["5月3日", "2024年12月31日", "12月1日", ""]
    ends = ["电", "讯", "消息", "讯（记者 张三）", "报道，", "", "电视"]
    lines = [
        rnd.choice(["", " ", "\u3000\u3000", "\t \n"]) + rnd.choice(["", "据"]) + rnd.choice(outlets)
        + rnd.choice(places) + rnd.choice(dates) + rnd.choice(ends) + rnd.choice(["", "，今天", "记者从县里获悉，"])
        for _ in range(3000)
    ]
    lines += _seed_text().splitlines()
    hits = 0
    for line in lines:
        expected = bool(NEWS_LEAD.match(line))
        assert is_news_lead(line) == expected, line
        hits += expected
    assert 100 < hits < len(lines) - 100


def test_junk_first_character_gates_never_hide_a_match() -> None:
    """junk_reason tries the button and page-header rules only on lines whose first (or, for a
    header, last) character could open (end) one: on seed lines and on random lines made of
    button words, brackets, numbering and page codes, no line either rule matches is gated out."""
    rnd = random.Random(3)
    parts = [*junk._BUTTON_WORDS, "【", "】", "[", "]", " ", "|", "1.", "12、", "٣.", "第", "3", "版", "A", "B12",  # noqa: SLF001
             "要闻", "·", "中文", "．", "综合"]
    lines = ["".join(rnd.choice(parts) for _ in range(rnd.randint(1, 5))).strip() for _ in range(20000)]
    lines += [line.strip() for line in _seed_text().splitlines()]
    buttons = headers = 0
    for text in filter(None, lines):
        if junk._BUTTON_LINE.match(text):  # noqa: SLF001 - the rule the gate stands in front of
            buttons += 1
            assert text[0] in junk._BUTTON_FIRST or text[0].isdecimal(), text  # noqa: SLF001
        if junk._SECTION_HEADER.match(text):  # noqa: SLF001
            headers += 1
            assert text[0] in junk._HEADER_FIRST or text[-1].isdecimal(), text  # noqa: SLF001
    assert buttons > 1000 and headers > 50


# --- page-level shortcuts and per-page memories give the line-by-line answer --------------------


def _seed_pages() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in seed_paths()]


def _plain_pairs(text: str, most: int = 0) -> set[str]:
    """han_pairs as first written: the text's Han characters, then every neighbouring pair."""
    han = "".join(re.findall(f"[{HAN_RANGES}]", text[: most * 2] if most else text))
    if most:
        han = han[:most]
    return {han[k : k + 2] for k in range(len(han) - 1)}


def test_han_pairs_built_from_remembered_lines_and_openings_are_the_plain_pairs() -> None:
    """han_pairs answers a text joined from lines from its lines' answers, and a line from its
    opening's: on every seed page (bodies of one to five paragraphs, openings asked first, then
    the whole, as the segmenter asks), and on short random texts of Han, punctuation and breaks."""
    rnd = random.Random(13)
    asked = 0
    for page in _seed_pages():
        new_page()
        paragraphs = [line for line in page.splitlines() if line.strip()]
        for k, paragraph in enumerate(paragraphs):
            body = "\n".join(paragraphs[k : k + rnd.randint(1, 5)])
            for text, most in ((paragraph, 120), (paragraph, 0), (body, 400), (body, 0), (body, 3), (paragraph, 1)):
                assert han_pairs(text, most) == _plain_pairs(text, most), (text, most)
                asked += 1
    pool: list[str] = []
    for n in range(20000):
        if n % 50 == 0:
            new_page()
            pool = []
        text = "".join(rnd.choice("中国人民日月一二a1，。 \n\n") for _ in range(rnd.randint(0, 30)))
        if pool and rnd.random() < 0.5:
            text = rnd.choice(pool) + "\n" + text
        pool.append(text)
        most = rnd.choice([0, 0, 1, 2, 5, 10])
        assert han_pairs(text, most) == _plain_pairs(text, most), (text, most)
    assert asked > 1000


def _plain_clean(raw: list[str], split_long: bool, sample: str | None) -> tuple[list[str], list[str], list[dict[str, int]], int]:
    """The page's lines cleaned as first written: every line sanitized, then normalized, one by one."""
    originals: list[str] = []
    removed = 0
    for line in raw:
        safe, n = sanitize_line(line)
        removed += n
        originals.extend(_split_long_line(safe) if split_long else [safe])
    traditional = is_traditional(sample if sample is not None else "\n".join(originals))
    converted = _convert(originals) if traditional else originals
    cleans, reports = [], []
    for original, simplified in zip(originals, converted):
        clean, report = normalize_line(simplified)
        if traditional:
            report.chars_converted = sum(map(ne, original, simplified))
        cleans.append(clean)
        reports.append(report.as_dict())
    return originals, cleans, reports, removed


def test_clean_finds_the_lines_to_work_on_as_the_line_rules_do() -> None:
    """_clean asks the whole page whether any line needs sanitizing, and finds the lines that need
    normalizing with one scan: on the seed pages, their traditional copies and pages of hostile
    lines (controls, escapes, tabs, astral characters, odd spaces, half-width punctuation, an
    endless line), every line, report and count is what cleaning line by line gives."""
    from opencc import OpenCC

    to_traditional = OpenCC("s2t")
    rnd = random.Random(19)
    parts = ["中文", "，", ",", "a b", " ", "\t", "\x1b[31m", "\u200b", "\u3000", "\u00a0", "Ａ１", "(注)", "𠀀", "é\u0301\u0301\u0301",
             "!", "：", ":", "⻄"]
    pages = _seed_pages() + [to_traditional.convert(page) for page in _seed_pages()]
    pages += ["\n".join("".join(rnd.choice(parts) for _ in range(rnd.randint(0, 12))) for _ in range(200)) for _ in range(20)]
    pages.append("第一行\n" + "长" * 9000 + "。\n末行 ,")
    for page in pages:
        for split_long, sample in ((True, page), (False, None)):
            report = CleaningReport()
            cleaned = _clean(page.splitlines(), report, split_long=split_long, script_sample=sample)
            originals, cleans, reports, removed = _plain_clean(page.splitlines(), split_long, sample)
            assert cleaned.originals == originals and [line.original for line in cleaned.lines] == originals
            assert cleaned.clean == cleans and [line.clean for line in cleaned.lines] == cleans
            assert [r.as_dict() for r in cleaned.reports] == reports
            assert report.control_chars_removed == removed


def test_junk_page_gates_never_hide_a_line_rule() -> None:
    """junk_reasons skips, line by line, the rules whose pattern finds nothing in the whole page:
    on the seed pages and pages of random site furniture, each line's reason is junk_reason's."""
    rnd = random.Random(23)
    words = ["ICP备123", "Powered by", "版权所有", "免费视频", "在线观看", "关于我们", "|", "｜", "│", "首页", "中文", "。", " ",
             "彩票", "Copyright", "本网", "(c) 2024", "A3", "要闻"]
    pages = [page.splitlines() for page in _seed_pages()]
    pages += [["".join(rnd.choice(words) for _ in range(rnd.randint(0, 6))) for _ in range(50)] for _ in range(200)]
    pages += [[line for line in page if "|" not in line and "版" not in line] for page in pages[-50:]]
    for lines in pages:
        text = "\n".join(lines)
        plain = junk._PLAIN_ANYWHERE.search(text) is not None  # noqa: SLF001 - the gates junk_reasons sets
        weak = junk._SPAM_WEAK.search(text) is not None  # noqa: SLF001
        bars = any(bar in text for bar in "|│｜")
        for line in lines:
            assert junk._reason(line, plain, weak, bars) == junk.junk_reason(line), line  # noqa: SLF001


def test_traditional_sample_read_as_runs_is_the_first_han_characters() -> None:
    """is_traditional reads its sample as runs of Han from a growing prefix: on the seeds, their
    traditional copies and texts with few Han characters or a long run of Latin first, it
    answers what counting the first 400 Han characters one by one answers."""
    from opencc import OpenCC

    from civread.pipeline.script import traditional_only_chars

    def plain(text: str) -> bool:
        trad = traditional_only_chars()
        seen = hits = 0
        for match in re.finditer(f"[{HAN_RANGES}]", text):
            seen += 1
            hits += match.group() in trad
            if seen >= 400:
                break
        return seen > 0 and hits >= 3 and hits / seen >= 0.04

    to_traditional = OpenCC("s2t")
    texts = _seed_pages() + [to_traditional.convert(page) for page in _seed_pages()]
    rnd = random.Random(29)
    for text in list(texts):
        for _ in range(20):
            start = rnd.randint(0, len(text))
            texts.append(text[start : start + rnd.randint(0, 3000)])
            texts.append("a" * rnd.randint(0, 5000) + text[start : start + rnd.randint(0, 600)])
    texts += ["", "abc", "國", "國國國", "國國國" + "中" * 70, "國國國" + "中" * 80]
    answers = [is_traditional(text) for text in texts]
    assert answers == [plain(text) for text in texts]
    assert 50 < sum(answers) < len(texts) - 50


def test_space_and_punctuation_rules_opening_on_the_mark_are_the_lookbehind_rules() -> None:
    """normalize's space and half-width punctuation rules are written to open on the space or the
    mark: on random text of Han, CJK and Latin punctuation, digits and spaces they match what the
    rules written with the look-behind first match."""
    from civread.pipeline import normalize

    punct, han, cjk = normalize._CJK_PUNCT, normalize._HAN, normalize._CJK  # noqa: SLF001
    plain = {
        "_SPACE_AT_PUNCT": re.compile(rf"(?<=[{punct}]) +| +(?=[{punct}])"),
        "_SPACE_HAN_DIGIT": re.compile(rf"(?<=[{han}]) +(?=[0-9])|(?<=[0-9%]) +(?=[{han}])"),
        "_HALF_PUNCT_AFTER_CJK": re.compile(rf"(?<=[{cjk}])[,:;?!]|[,;](?=[{han}])"),
    }
    rnd = random.Random(31)
    alphabet = [*"中国人 ，。、“”（）,:;?!()1234 %ab\u3000", "  "]
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 25))) for _ in range(30000)]
    texts += _seed_text().splitlines()
    found = 0
    for name, rule in plain.items():
        fast = getattr(normalize, name)
        for text in texts:
            spans = [m.span() for m in rule.finditer(text)]
            assert [m.span() for m in fast.finditer(text)] == spans, (name, text)
            found += len(spans)
    assert found > 10000


def test_phrase_tree_finds_the_longest_phrase_like_the_alternation() -> None:
    """The t2s phrase regex is written as a tree of the phrases' shared beginnings: on the seeds'
    traditional copies and on text packed with phrases and their beginnings, it splits a text
    where the alternation of the phrases, longest first, splits it."""
    from opencc import OpenCC

    from civread.pipeline.script import _converter

    phrases = _converter().phrases
    plain = re.compile("(" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + ")")
    to_traditional = OpenCC("s2t")
    rnd = random.Random(37)
    words = sorted(phrases)
    texts = [to_traditional.convert(page) for page in _seed_pages()]
    texts.append("".join(rnd.choice(words)[: rnd.randint(1, 5)] + rnd.choice(["", "中", "，"]) for _ in range(20000)))
    found = 0
    for text in texts:
        parts = _converter().phrase_re.split(text)
        assert parts == plain.split(text)
        found += len(parts) // 2
    assert found > 5000
