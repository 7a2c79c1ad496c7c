"""The reader app, driven with Textual's pilot: keys, search semantics, state, bad files, markup."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.text import Text
from textual.app import App
from textual.pilot import Pilot

from civread.app import CivreadApp
from civread.corpus import load_corpus
from civread.keys import KEYS
from civread.linebreak import CLOSING, OPENING, cell_width
from civread.model import UNLOCATED_LABEL
from civread.screens.help import HelpScreen
from civread.search import fold_text
from civread.seeds import seeds_dir
from civread.state import load_state
from civread.widgets.article_view import MEASURE
from conftest import run_async, settle

MARKUP_PAGE = (
    "市民热议文明新风\n\n"
    "[bold red]注意[/] 这是一段正文内容，用于检验阅读器是否把方括号当作文字显示。"
    "[link=http://example.com]链接[/link] 记者走访了多个社区，居民纷纷表示支持。\n\n"
    "社区负责人介绍，今年以来共组织志愿活动三十余场，参与群众超过两千人次。\n"
)


def _seeds() -> list[str]:
    return [str(seeds_dir())]


@run_async
async def test_start_opens_first_article_and_lists_every_article() -> None:
    app = CivreadApp(_seeds())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        expected = load_corpus(_seeds(), cache=False, workers=1)
        assert [a.id for a in app.library.articles] == [a.id for a in expected.articles] and len(expected.articles) > 10
        assert app.main_screen.current_id == app.library.articles[0].id
        summary = str(app.query_one("#summary").render())
        assert f"{len(expected.pages)} pages · {len(app.library.articles)} articles" in summary
        # Every article is searchable, and the reader shows the whole article (loaded on demand).
        assert len(app.search_backend) == len(app.library.articles)
        assert app.main_screen.reader.article is not None and app.main_screen.reader.article.text == expected.articles[0].text
        # Lazy tree: only groups up front, yet every article reachable and counted.
        group_counts = sum(node.data.count for node in app.main_screen.article_tree.root.children)  # type: ignore[union-attr]
        assert group_counts == len(app.library.articles)
        assert "article 1 of" in str(app.query_one("#position").render())
        assert app.query_one("#loading").has_class("-hidden")


@run_async
async def test_reader_lines_obey_measure_and_kinsoku_and_rewrap_on_resize() -> None:
    app = CivreadApp(_seeds())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        wide = app.main_screen.reader.lines
        body = [line for line in wide if line and not line.startswith("─")]
        assert body and all(cell_width(line) <= MEASURE for line in wide)
        assert not any(line[0] in CLOSING for line in _continuations(app))
        assert not any(line[-1] in OPENING for line in body)
        await pilot.resize_terminal(60, 24)
        await pilot.pause()
        narrow = app.main_screen.reader.lines
        width = app.main_screen.reader.scrollable_content_region.width
        assert len(narrow) > len(wide)
        assert all(cell_width(line) <= width - 2 for line in narrow)
        assert not any(line[0] in CLOSING for line in _continuations(app))
        text = lambda lines: fold_text("".join(x for x in lines if not x.startswith("─")))  # noqa: E731
        assert text(narrow) == text(wide)  # nothing lost in re-wrapping


@run_async
async def test_navigation_keys() -> None:
    app = CivreadApp(_seeds())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        tree = app.main_screen.article_tree
        assert app.focused is tree
        line = tree.cursor_line
        await pilot.press("j", "j")
        assert tree.cursor_line == line + 2
        await pilot.press("k")
        assert tree.cursor_line == line + 1
        chosen = tree.cursor_node.data  # type: ignore[union-attr]
        await pilot.press("enter")
        assert app.main_screen.current_id == chosen.id
        assert app.focused is app.main_screen.reader
        # ] and [ walk reading order without the sidebar, and the tree follows.
        start = app.library.position_of[app.main_screen.current_id]
        await pilot.press("right_square_bracket")
        assert app.library.position_of[app.main_screen.current_id] == start + 1
        assert tree.cursor_node.data.id == app.main_screen.current_id  # type: ignore[union-attr]
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert app.library.position_of[app.main_screen.current_id] == start - 1
        # Reader scrolling: j, space, b, G, g.
        longest = _longest(app)
        app.main_screen.open_article(longest.id, scroll_y=0)
        await pilot.pause()
        await pilot.press("j")
        assert app.main_screen.reader.scroll_y == 1
        # Paging and jumps may animate: each is checked once its animation is over.
        await pilot.press("space")
        await pilot.wait_for_scheduled_animations()
        assert app.main_screen.reader.scroll_y > 10
        await pilot.press("b")
        await pilot.wait_for_scheduled_animations()
        assert app.main_screen.reader.scroll_y == 1
        await pilot.press("G")
        await pilot.wait_for_scheduled_animations()
        assert app.main_screen.reader.scroll_y == app.main_screen.reader.max_scroll_y > 0
        await pilot.pause()
        assert "100%" in str(app.query_one("#position").render())
        await pilot.press("g")
        await pilot.wait_for_scheduled_animations()
        assert app.main_screen.reader.scroll_y == 0
        # tab moves focus between panes; h/l collapse and expand a group.
        await pilot.press("tab")
        assert app.focused is not app.main_screen.reader
        app.main_screen.article_tree.focus()
        await pilot.pause()
        group = tree.root.children[0]
        tree.move_cursor(group)
        await pilot.press("h")
        assert not group.is_expanded
        await pilot.press("l")
        assert group.is_expanded


@run_async
async def test_metrics_original_help_and_palette_commands() -> None:
    app = CivreadApp(_seeds())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        article = app.main_screen.reader.article
        assert article is not None and article.id == app.main_screen.current_id
        assert app.main_screen.metrics.has_class("-hidden")
        await pilot.press("m")
        await settle(pilot)
        assert not app.main_screen.metrics.has_class("-hidden")
        assert app.main_screen.metrics.article is article
        await pilot.press("m")
        assert app.main_screen.metrics.has_class("-hidden")
        # o: the text before cleaning, line for line.
        await pilot.press("o")
        shown = "".join(app.main_screen.reader.lines)
        first_raw = next(line for line in article.original_text.splitlines() if line.strip())
        assert fold_text(first_raw) in fold_text(shown)
        assert "original text" in str(app.query_one("#position").render())
        await pilot.press("o")
        assert not app.main_screen.reader.original
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        # Every binding's key is in the help, and its action is a palette command naming the key.
        screen = app.main_screen
        helped = " ".join(row.shown for _, rows in KEYS for row in rows)
        for binding in screen.BINDINGS:
            key = binding.key_display or binding.key.split(",")[0]  # type: ignore[union-attr]
            assert key in helped, binding.action  # type: ignore[union-attr]
        commands = list(app.get_system_commands(screen))
        textual_own = {cmd.callback for cmd in App.get_system_commands(app, screen)}
        for binding in screen.BINDINGS:
            owner, _, name = binding.action.rpartition(".")  # type: ignore[union-attr]
            action = getattr(app if owner == "app" else screen, f"action_{name}")
            if action in textual_own:
                continue
            if name in ("focus_next_pane", "focus_previous_pane"):  # tab: the palette has "Focus sidebar/reader"
                assert "tab" in binding.key  # type: ignore[union-attr]
                continue
            (command,) = [cmd for cmd in commands if cmd.callback == action]
            key = binding.key_display or binding.key.split(",")[0]  # type: ignore[union-attr]
            assert command.help.endswith(f"  {key}"), (command.title, key)
        # Every key a widget handles itself is in the help too.
        for widget in (screen.article_tree, screen.reader):
            for binding in widget.BINDINGS:
                assert any(k in helped for k in binding.key.split(",")), binding.key  # type: ignore[union-attr]

@run_async
async def test_bookmark_and_position_survive_restart() -> None:
    app = CivreadApp(_seeds())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        longest = _longest(app)
        app.main_screen.open_article(longest.id, focus_reader=True)
        await pilot.pause()
        await pilot.press("B", "space")
        scrolled = app.main_screen.reader.scroll_y
        assert scrolled > 0
        label = app.main_screen.article_tree.cursor_node.label  # type: ignore[union-attr]
        assert label.plain.startswith("★")
        await pilot.press("q")
    state, notice = load_state()
    assert notice is None
    assert state.last_article_id == longest.id and longest.id in state.bookmarks
    assert state.positions[longest.id] == scrolled

    again = CivreadApp(_seeds())
    async with again.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert again.main_screen.current_id == longest.id
        assert again.main_screen.reader.scroll_y == scrolled
        assert "bookmarked" in str(again.query_one("#position").render())


@run_async
async def test_search_is_script_insensitive_counts_and_walks_across_articles() -> None:
    app = CivreadApp(_seeds())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"肇庆")
        await settle(pilot)
        simplified = list(app.main_screen.result.per_article)  # type: ignore[union-attr]
        total = app.main_screen.result.total_matches  # type: ignore[union-attr]
        assert len(simplified) >= 2 and total > len(simplified)
        # Every count is what the article text really holds.
        for article_id, count in simplified:
            article = app.library.load_article(article_id)
            assert article is not None
            shown = [article.display_title, article.subtitle, article.byline, *(p.text for p in article.paragraphs)]
            if article.locality.is_located:
                shown.append(article.locality.label)  # the place line is searchable too
            assert count == sum(fold_text(h or "").count("肇庆") for h in shown) > 0
        # The sidebar narrows to those articles, each with its count.
        leaves = [n for n in _walk(app.main_screen.article_tree.root) if n.data is not None and not n.allow_expand]
        assert sorted(n.data.id for n in leaves) == sorted(aid for aid, _ in simplified)
        for node in leaves:
            assert node.label.plain.lstrip().startswith(str(dict(simplified)[node.data.id]))
        # Traditional query: same result.
        await pilot.press("backspace", "backspace", *"肇慶")
        await settle(pilot)
        assert app.main_screen.result.per_article == simplified  # type: ignore[union-attr]
        assert f"match 1 of {total}" in str(app.query_one("#search-status").render())
        # Highlights in the reader.
        assert app.main_screen.reader.spans and app.main_screen.reader.current == app.main_screen.reader.spans[0]
        await pilot.press("enter")
        assert app.focused is app.main_screen.reader
        seen = [app.main_screen.current_id]
        for i in range(2, total + 1):
            await pilot.press("n")
            assert f"match {i} of {total}" in str(app.query_one("#position").render())
            seen.append(app.main_screen.current_id)
        assert [aid for aid, _ in simplified] == list(dict.fromkeys(seen))  # opened each in turn
        await pilot.press("n")  # wraps to the first
        assert app.main_screen.result.ordinal(app.main_screen.current_match) == 1  # type: ignore[union-attr, arg-type]
        await pilot.press("N")
        assert app.main_screen.result.ordinal(app.main_screen.current_match) == total  # type: ignore[union-attr, arg-type]
        assert app.main_screen.current_id == simplified[-1][0]


@run_async
async def test_search_empty_result_regex_errors_and_escape_restores() -> None:
    app = CivreadApp(_seeds())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        app.main_screen.open_article(app.library.articles[3].id)
        await pilot.press("slash", *"qqqv")  # no such text, and no pinyin (no syllable starts with v)
        await settle(pilot)
        assert app.main_screen.result is not None and app.main_screen.result.total_matches == 0
        assert "No matches" in str(app.query_one("#search-status").render())
        assert "No matches" in str(app.query_one("#summary").render())
        assert not list(app.main_screen.article_tree.root.children)
        for _ in range(4):
            await pilot.press("backspace")
        await pilot.press("ctrl+r", *"文明(")
        await settle(pilot)
        status = str(app.query_one("#search-status").render())
        assert "Invalid" in status
        await pilot.press("backspace", *"|志愿")
        await settle(pilot)
        assert app.main_screen.result is not None and app.main_screen.result.total_matches > 0
        assert app.main_screen.current_id != app.library.articles[3].id or app.main_screen.current_match is not None
        await pilot.press("escape")
        assert app.main_screen.result is None and app.main_screen.search_bar.has_class("-hidden")
        assert app.main_screen.current_id == app.library.articles[3].id
        assert app.main_screen.reader.spans == []
        # The whole corpus is back in the (lazy, collapsed) tree: every article under its place,
        # once, and the top-level groups' counts add up to the corpus.
        assert _tree_article_ids(app) == sorted(a.id for a in app.library.articles)
        assert sum(node.data.count for node in app.main_screen.article_tree.root.children) == len(app.library.articles)  # type: ignore[union-attr]


@run_async
async def test_bad_files_are_listed_and_markup_is_shown_literally(tmp_path: Path) -> None:
    corpus = tmp_path / "pages"
    corpus.mkdir()
    (corpus / "markup.txt").write_text(MARKUP_PAGE, encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.dat").write_bytes(b"\x00\x01\x02\x03binary\xff\xfe\x00" * 8)
    shutil.copy(next(seeds_dir().glob("*.txt")), corpus / "seed.txt")
    app = CivreadApp([str(corpus)])
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        notice = app.main_screen.problems
        assert notice.showing
        listed = str(notice.query_one("#problems-text").render())
        assert "empty.txt: empty file" in listed
        assert "binary.dat: binary" in listed
        assert len(app.library.articles) > 1  # the rest of the corpus is open
        markup = next(a for a in map(app.library.load_article, app.library.by_id) if a is not None and "[bold red]" in a.text)
        app.main_screen.open_article(markup.id)
        await pilot.pause()
        shown = "".join(app.main_screen.reader.lines)
        assert "[bold red]注意[/]" in shown and "[link=http://example.com]链接[/link]" in shown
        label = app.main_screen.article_tree.cursor_node.label  # type: ignore[union-attr]
        assert isinstance(label, Text)
        await pilot.press("x")
        assert not notice.showing


def _continuations(app: CivreadApp) -> list[str]:
    """Reader lines that continue a paragraph (a paragraph may start with ——, a line may not)."""
    lines = app.main_screen.reader.lines
    refs = [ref for refs in app.main_screen.reader.line_refs.values() for ref in refs]
    out = [lines[ref.line][ref.prefix :] for ref in refs if ref.start > 0]
    assert out
    return out


def _longest(app: CivreadApp):  # type: ignore[no-untyped-def]
    """The article with the most text (loaded whole, as the reader would)."""
    return max((app.library.load_article(a.id) for a in app.library.articles), key=lambda a: len(a.text) if a else -1)


def _tree_article_ids(app: CivreadApp) -> list[str]:
    """Every article id the sidebar holds, populated or not (groups build their children lazily)."""
    ids: list[str] = []
    stack = [app.main_screen.article_tree.shown]
    while stack:
        group = stack.pop()
        ids.extend(a.id for a in group.articles)
        stack.extend(group.children.values())
    return sorted(ids)


def _walk(node):  # type: ignore[no-untyped-def]
    for child in node.children:
        yield child
        yield from _walk(child)


@run_async
async def test_sidebar_grows_in_batches_without_rebuilding_and_keeps_open_groups_open() -> None:
    """Articles listed batch by batch (as pages load): counts update, an open group receives its
    new articles in place, new places appear, and the final sort gives the one-shot tree."""
    from textual.app import App, ComposeResult

    from civread.widgets.article_tree import ArticleTree, Group, group_articles

    corpus = load_corpus(_seeds(), cache=False, workers=1)
    articles = corpus.articles
    first, second = articles[: len(articles) // 2], articles[len(articles) // 2 :]

    class TreeApp(App[None]):
        def compose(self) -> ComposeResult:
            yield ArticleTree(id="tree")

    app = TreeApp()
    async with app.run_test(size=(60, 40)) as pilot:
        tree = app.query_one(ArticleTree)
        tree.add_articles(first)
        await pilot.pause()
        opened = tree.root.children[0]
        tree.populate(opened)
        opened.expand()
        group = opened.data
        assert isinstance(group, Group)
        before_nodes = list(tree.root.children)
        tree.add_articles(second + first)  # a page seen twice is listed once
        await pilot.pause()
        # Nothing was rebuilt: the same node objects, the open group still open.
        now = {id(node) for node in tree.root.children}
        assert all(id(node) in now for node in before_nodes) and opened.is_expanded
        assert len(now) > len(before_nodes)  # places first seen in the second batch
        full = group_articles(articles)
        assert tree.all_articles.count == full.count == len(articles)
        assert {g.name: g.count for g in tree.all_articles.children.values()} == {g.name: g.count for g in full.children.values()}
        for node in tree.root.children:
            assert node.label.plain.endswith(f" {node.data.count:,}")  # type: ignore[union-attr]
        # The open group shows every one of its articles now listed, in reading order.
        leaves = [n.data.id for n in opened.children if not n.allow_expand]  # type: ignore[union-attr]
        assert leaves == [a.id for a in group.articles]
        # Every article can be revealed, even in groups never opened.
        for article in articles:
            assert tree.reveal(article.id) and tree.cursor_node.data is article  # type: ignore[union-attr]
        tree.show_all(only_if_unsorted=True)
        groups = [node.data for node in tree.root.children]
        located = [(-g.count, g.name) for g in groups if g.name != UNLOCATED_LABEL]  # type: ignore[union-attr]
        assert len(located) > 1 and located == sorted(located)  # most articles first, ties by name
        has_unlocated = any(not a.locality.is_located for a in articles)
        names = [g.name for g in groups]  # type: ignore[union-attr]
        assert names.count(UNLOCATED_LABEL) == has_unlocated
        assert not has_unlocated or names[-1] == UNLOCATED_LABEL


@run_async
async def test_second_open_lists_from_the_cache_and_keeps_only_a_few_pages() -> None:
    first = CivreadApp(_seeds())
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        ids = [a.id for a in first.library.articles]
        assert first.search_backend.wait_indexed(timeout=60)  # type: ignore[attr-defined]
    again = CivreadApp(_seeds())
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert [a.id for a in again.library.articles] == ids
        assert len(again.search_backend) == len(ids)
        # The trigram index was kept from the first open: ready as soon as the text is.
        assert again.search_backend.indexed == len(ids)  # type: ignore[attr-defined]
        assert again.search_backend.reused_kept_file  # type: ignore[attr-defined]
        # Pages are not held: a handful of recent ones; search keeps text, not the page lines.
        for article_id in ids:
            article = again.library.load_article(article_id)
            assert article is not None and article.id == article_id and article.original_text
        assert again.library.pages_held <= 16
        # Neither search nor metrics hold the articles: both read them back from the cache.
        assert again.search_backend.articles_held == 0  # type: ignore[attr-defined]
        assert again.library.to_measure.held == {}
        titled = [a for a in map(again.library.load_article, ids) if a is not None and a.title]
        spans = again.search_backend.match_spans(titled[-1].id, titled[-1].title[:2])
        assert isinstance(spans, list) and spans and spans[0].section == "title"
        assert again.main_screen.metrics.corpus_metrics is not None
        assert again.main_screen.metrics.corpus_metrics.articles == len(ids)  # type: ignore[attr-defined]


@run_async
async def test_without_a_usable_cache_search_highlights_and_corpus_metrics_still_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("CIVREAD_CACHE_DIR", str(blocker / "cache"))
    expected = load_corpus(_seeds(), cache=False, workers=1)
    app = CivreadApp(_seeds())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert [a.id for a in app.library.articles] == [a.id for a in expected.articles]
        assert not app.library.has_store
        # Metrics have nothing to read the pages back from: the loader held them, stripped.
        assert sum(map(len, app.library.to_measure.held.values())) == len(expected.articles)
        assert all(not a.original_text for held in app.library.to_measure.held.values() for a in held)
        assert app.main_screen.metrics.corpus_metrics is not None
        assert app.main_screen.metrics.corpus_metrics.articles == len(expected.articles)  # type: ignore[attr-defined]
        # Highlights come from the page processed again.
        await pilot.press("slash", *"志愿")
        await settle(pilot)
        assert app.main_screen.result is not None and app.main_screen.result.total_matches > 0
        assert app.main_screen.current_id is not None and app.main_screen.result.spans_for(app.main_screen.current_id)


async def _search_while_incomplete(app: CivreadApp, pilot: Pilot[None]) -> dict[str, str]:
    """Search the seeds for 肇庆 with a backend that says its counts still miss something (an
    index being built); the note it says it with, for the test to clear."""
    await settle(pilot)
    note = {"text": "index 40% (a test)"}
    app.search_backend.incomplete = lambda query, options=None: note["text"]  # type: ignore[attr-defined]
    await pilot.press("slash", *"肇庆", "enter")
    await settle(pilot)
    return note


@run_async
async def test_a_result_asked_for_again_while_incomplete_keeps_the_users_match() -> None:
    # The backend says its counts still miss something (an index being built): the reader asks
    # again, says so on the status line, and the answer leaves the user on the match they chose.
    app = CivreadApp(_seeds())
    async with app.run_test(size=(160, 48)) as pilot:
        note = await _search_while_incomplete(app, pilot)
        screen = app.main_screen
        assert "index 40% (a test)" in str(app.query_one("#search-status").render())
        for _ in range(3):
            await pilot.press("n")
        chosen = screen.current_match
        assert chosen is not None and screen.result.ordinal(chosen) == 4  # type: ignore[union-attr]
        note["text"] = ""  # the build is done: the next recheck is complete
        await pilot.pause(1.5)
        await settle(pilot)
        assert not screen.result.incomplete  # type: ignore[union-attr]
        assert screen.current_match == chosen
        assert "index 40%" not in str(app.query_one("#search-status").render())


@run_async
async def test_a_recheck_answered_after_the_user_moved_on_keeps_where_they_are_now() -> None:
    # The answer to a recheck of an incomplete result can come after the user pressed n: it
    # keeps the match they moved to, not the one they were on when the recheck was asked for
    # (a keypress made while the backend answered used to be undone). The reader's own
    # rechecks are held off: this test plays the one recheck itself.
    import civread.screens.reader as reader

    app = CivreadApp(_seeds())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reader, "INCOMPLETE_RECHECK_SECONDS", 3600.0)
        async with app.run_test(size=(160, 48)) as pilot:
            await _search_while_incomplete(app, pilot)
            screen = app.main_screen
            result = screen.result
            assert result is not None and result.incomplete
            screen.recheck = screen.search_generation  # a recheck asked for …
            await pilot.press("n", "n")  # … then the user moves on before it is answered
            moved = screen.current_match
            assert moved is not None and result.ordinal(moved) == 3
            screen._show_result(result)  # the answer arrives
            assert screen.current_match == moved
