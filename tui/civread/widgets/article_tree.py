"""The sidebar's tree: articles grouped province › prefecture › county, built lazily.

Why lazy: a 10,000-page archive holds ~60,000 articles; a Tree with that many nodes is slow to
build and to lay out. Only the top-level groups are created up front; a group's children are
added the first time it is expanded. Groups are ordered by article count (most first), with
"Unlocated" last; articles inside a group keep reading order.

Why incremental: while pages pour in, `add_articles` updates the group counts and adds nodes only
to groups already open (new groups are appended, not sorted in); nothing is rebuilt, so a batch
costs what it adds, never what is already listed. `show_all` re-sorts once loading is over.

Leaves hold an `ArticleSummary` (or an `Article`): anything with id, kind, title, kicker,
display_title, locality and untitled. Full articles are loaded by the app only when opened.

Labels are `rich.text.Text` built from page text, never markup strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from civread.model import UNLOCATED_LABEL, ArticleKind, Locality

__all__ = ["ArticleTree", "Group", "Listed", "group_articles", "article_label", "group_path"]


class Listed(Protocol):
    """What the sidebar needs of an article (`ArticleSummary` and `Article` both have it)."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> ArticleKind: ...
    @property
    def locality(self) -> Locality: ...
    @property
    def untitled(self) -> bool: ...
    @property
    def display_title(self) -> str: ...

PHOTO_MARK = "photo "
BOOKMARK_MARK = "★ "


@dataclass(slots=True)
class Group:
    """One place in the hierarchy: its sub-places and the articles located exactly here."""

    name: str
    path: tuple[str, ...]
    children: dict[str, "Group"] = field(default_factory=dict)
    articles: list[Listed] = field(default_factory=list)
    count: int = 0  # articles here and below

    def ordered_children(self) -> list["Group"]:
        """Sub-places, most articles first, ties by name; Unlocated always last. Months (the
        sidebar by date) newest first, undated last."""
        children = list(self.children.values())
        if children and all(_MONTH.match(g.name) or g.name == UNDATED_LABEL for g in children):
            dated = sorted((g for g in children if g.name != UNDATED_LABEL), key=lambda g: g.name, reverse=True)
            return dated + [g for g in children if g.name == UNDATED_LABEL]
        return sorted(children, key=lambda g: (g.name == UNLOCATED_LABEL, -g.count, g.name))


UNDATED_LABEL = "Undated"
_MONTH = re.compile(r"^\d{4}-\d{2}$")


def group_path(article: Listed, dates: dict[str, str | None] | None = None) -> tuple[str, ...]:
    """The sidebar path of an article's group: its place's levels, or ("Unlocated",); by date
    (`dates`: article id → ISO date), its month ("2024-03") or ("Undated",)."""
    if dates is not None:
        date = dates.get(article.id)
        return (date[:7],) if date else (UNDATED_LABEL,)
    return article.locality.parts if article.locality.is_located else (UNLOCATED_LABEL,)


def _add_to(root: Group, article: Listed, created: list[tuple[Group, Group]] | None = None,
            touched: dict[tuple[str, ...], Group] | None = None,
            dates: dict[str, str | None] | None = None) -> Group:
    """File one article under its place, or month (creating groups on the way); returns its group."""
    node = root
    node.count += 1
    for part in group_path(article, dates):
        child = node.children.get(part)
        if child is None:
            child = node.children[part] = Group(part, node.path + (part,))
            if created is not None:
                created.append((node, child))
        child.count += 1
        if touched is not None:
            touched[child.path] = child
        node = child
    node.articles.append(article)
    return node


def _add_many(root: Group, path: tuple[str, ...], articles: list[Listed], created: list[tuple[Group, Group]],
              touched: dict[tuple[str, ...], Group]) -> Group:
    """File articles that share one place (in reading order); returns their group."""
    node = root
    node.count += len(articles)
    for part in path:
        child = node.children.get(part)
        if child is None:
            child = node.children[part] = Group(part, node.path + (part,))
            created.append((node, child))
        child.count += len(articles)
        touched[child.path] = child
        node = child
    node.articles.extend(articles)
    return node


def group_articles(articles: Iterable[Listed], dates: dict[str, str | None] | None = None) -> Group:
    """The place hierarchy of `articles` (by month with `dates`), with counts at every level (root = everything)."""
    root = Group("", ())
    for article in articles:
        _add_to(root, article, dates=dates)
    return root


def article_label(
    article: Listed, *, bookmarked: bool = False, matches: int | None = None, styles: dict[str, Style] | None = None,
    printings: int = 1,
) -> Text:
    """One line for an article: bookmark star, photo mark, title (muted when untitled), match
    count, and "×N" when the story ran N times in the corpus (reprints)."""
    styles = styles or {}
    label = Text(no_wrap=True, overflow="ellipsis")
    if matches is not None:  # first, so a long title cannot push it out of sight
        label.append(f"{matches:>3} ", style=styles.get("count", Style(bold=True)))
    if bookmarked:
        label.append(BOOKMARK_MARK, style=styles.get("bookmark", Style(color="yellow")))
    if article.kind == ArticleKind.PHOTO:
        label.append(PHOTO_MARK, style=styles.get("muted", Style(dim=True)))
    if printings > 1:
        label.append(f"×{printings} ", style=styles.get("muted", Style(dim=True)))
    title = " ".join(article.display_title.split()) or "(empty)"
    label.append(title, style=styles.get("untitled", Style(italic=True)) if article.untitled else "")
    return label


class ArticleTree(Tree[object]):
    """The article tree. Node data: a `Group` for places, a `Listed` article for leaves."""

    @dataclass
    class ArticleChosen(Message):
        """The person chose an article in the sidebar (enter or a click)."""

        tree: ArticleTree
        article_id: str

        @property
        def control(self) -> ArticleTree:
            return self.tree

    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False, id="tree.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="tree.up"),
        Binding("left,h", "collapse_or_parent", "Collapse", show=False, id="tree.collapse"),
        Binding("right,l", "expand_node", "Expand", show=False, id="tree.expand"),
        Binding("home,g", "scroll_home", "Top", show=False, id="tree.top"),
        Binding("end,G", "scroll_end", "Bottom", show=False, id="tree.bottom"),
    ]

    COMPONENT_CLASSES = {
        "article-tree--count",
        "article-tree--muted",
        "article-tree--bookmark",
        "article-tree--untitled",
    }

    DEFAULT_CSS = """
    ArticleTree { scrollbar-size-vertical: 1; }
    ArticleTree > .article-tree--count { color: $text-muted; }
    ArticleTree > .article-tree--muted { color: $text-muted; }
    ArticleTree > .article-tree--bookmark { color: $warning; }
    ArticleTree > .article-tree--untitled { color: $text-muted; text-style: italic; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Articles", id=id)
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False
        self._all = Group("", ())  # every article listed so far (grown by add_articles)
        self._root_group = self._all  # what is on show: everything, or a search's matches
        self._matches: dict[str, int] | None = None
        self.bookmarks: set[str] = set()
        self.printings: dict[str, int] = {}  # article id → times its story ran (reprints), when > 1
        self.dates: dict[str, str | None] | None = None  # by date: article id → its date; None: by place
        self._article_nodes: dict[str, TreeNode[object]] = {}
        self._group_nodes: dict[tuple[str, ...], TreeNode[object]] = {}
        self._populated: set[tuple[str, ...]] = set()
        self._paths: dict[str, tuple[str, ...]] = {}  # article id → its group's path
        self._style_cache: dict[str, Style] | None = None
        self._unsorted = False  # groups were appended while loading: sort once it is over

    # ------------------------------------------------------------ labels

    def process_label(self, label: str | Text) -> Text:
        """Labels are always Text: a str here is page text, shown literally, one line."""
        text = Text(label) if isinstance(label, str) else label.copy()
        if "\n" in text.plain:
            text = Text(" ".join(text.plain.split()))
        return text

    def _styles(self) -> dict[str, Style]:
        """The label styles, looked up once (per theme), not once per leaf: a group may hold thousands."""
        if self._style_cache is None:
            self._style_cache = {
                name: self.get_component_rich_style(f"article-tree--{name}", partial=True)
                for name in ("count", "muted", "bookmark", "untitled")
            }
        return self._style_cache

    def notify_style_update(self) -> None:
        self._style_cache = None
        super().notify_style_update()

    def _group_label(self, group: Group) -> Text:
        label = Text(group.name, no_wrap=True)
        noun = "match" if self._matches is not None else ""
        count = self._group_matches(group) if self._matches is not None else group.count
        shown = f" {count:,}" + (f" {noun}{'es' if count != 1 else ''}" if noun else "")
        label.append(shown, style=self._styles()["count"])
        return label

    def _group_matches(self, group: Group) -> int:
        matches = self._matches or {}
        total = sum(matches.get(a.id, 0) for a in group.articles)
        return total + sum(self._group_matches(child) for child in group.children.values())

    def _leaf_label(self, article: Listed) -> Text:
        matches = None if self._matches is None else self._matches.get(article.id, 0)
        return article_label(
            article, bookmarked=article.id in self.bookmarks, matches=matches, styles=self._styles(),
            printings=self.printings.get(article.id, 1),
        )

    # ------------------------------------------------------------ building

    @property
    def showing_all(self) -> bool:
        """True when the tree lists every article (no search narrowing it)."""
        return self._root_group is self._all

    def add_articles(self, articles: Sequence[Listed]) -> None:
        """List more articles as pages load: counts updated, nodes added only where groups are open.

        Costs what the batch adds, never what is already listed (no rebuild).
        """
        created: list[tuple[Group, Group]] = []
        touched: dict[tuple[str, ...], Group] = {}
        placed: list[tuple[Group, Listed]] = []
        known = self._paths
        # One walk down the hierarchy per distinct place, not per article (60,000 → a few thousand).
        by_place: dict[tuple[str, ...], list[Listed]] = {}
        for article in articles:
            if article.id in known:
                continue
            by_place.setdefault(group_path(article, self.dates), []).append(article)
        for path, batch in by_place.items():
            group = _add_many(self._all, path, batch, created, touched)
            for article in batch:
                known[article.id] = group.path
                placed.append((group, article))
        if not self.showing_all:
            return
        if not self.root.children:  # the first batch (a warm archive: everything) is shown sorted
            self._show(self._all, None, None, 0)
            return
        self._unsorted = self._unsorted or bool(created)
        for parent, child in created:
            parent_node = self.root if not parent.path else self._group_nodes.get(parent.path)
            if parent_node is not None and (parent_node is self.root or parent.path in self._populated):
                self._add_group(parent_node, child, before=self._unlocated_node(parent_node, child))
        for group, article in placed:
            node = self._group_nodes.get(group.path)
            if node is not None and group.path in self._populated:
                self._article_nodes[article.id] = node.add_leaf(self._leaf_label(article), data=article)
        for path, group in touched.items():
            node = self._group_nodes.get(path)
            if node is not None:
                node.set_label(self._group_label(group))

    def _unlocated_node(self, parent: TreeNode[object], child: Group) -> TreeNode[object] | None:
        """A new place goes before "Unlocated", which stays last."""
        if child.name == UNLOCATED_LABEL or parent is not self.root:
            return None
        return self._group_nodes.get((UNLOCATED_LABEL,))

    def show_all(self, keep: str | None = None, only_if_unsorted: bool = False) -> None:
        """Show every article listed (sorted afresh), keeping open groups open and the cursor.

        `only_if_unsorted`: skip it when the tree already shows everything in order.
        """
        if only_if_unsorted and self.showing_all and not self._unsorted:
            return
        self._unsorted = False
        self._show(self._all, None, keep, 0)

    def show_articles(
        self,
        articles: Sequence[Listed],
        matches: dict[str, int] | None = None,
        keep: str | None = None,
        expand_all_if_small: int = 0,
    ) -> None:
        """Show only `articles` (a search's), keeping expanded groups open and the cursor on `keep`.

        `matches` (article id → count) marks a search: counts are shown and groups count matches.
        """
        for article in articles:
            self._paths.setdefault(article.id, group_path(article, self.dates))
        self._show(group_articles(articles, self.dates), matches, keep, expand_all_if_small)

    def _show(self, root: Group, matches: dict[str, int] | None, keep: str | None, expand_all_if_small: int) -> None:
        expanded = self._expanded_paths()
        under_cursor = self.cursor_node.data if self.cursor_node is not None else None
        self._matches = matches
        self._root_group = root
        self._article_nodes.clear()
        self._group_nodes.clear()
        self._populated.clear()
        self.clear()
        top = root.ordered_children()
        for group in top:
            self._add_group(self.root, group)
        auto_open = len(top) == 1 or (expand_all_if_small and root.count <= expand_all_if_small)
        self._reopen(self.root, expanded, open_all=bool(auto_open))
        # The cursor stays where the reader left it, even while pages pour in.
        if under_cursor is not None and not isinstance(under_cursor, Group):
            if self.reveal(getattr(under_cursor, "id", "")):
                return
        if isinstance(under_cursor, Group) and self._reveal_group(under_cursor.path):
            return
        if keep is not None:
            self.reveal(keep)

    def _reveal_group(self, path: tuple[str, ...]) -> bool:
        node = self.root
        for depth in range(1, len(path) + 1):
            found = next(
                (c for c in node.children if isinstance(c.data, Group) and c.data.path == path[:depth]), None
            )
            if found is None:
                return False
            node = found
            if depth < len(path):
                self._populate(node)
                if not node.is_expanded:
                    node.expand()
        _ = self.last_line
        self.move_cursor(node, animate=False)
        return True

    def _add_group(
        self, parent: TreeNode[object], group: Group, before: TreeNode[object] | None = None
    ) -> TreeNode[object]:
        node = parent.add(self._group_label(group), data=group, allow_expand=True, before=before)
        self._group_nodes[group.path] = node
        return node

    def _populate(self, node: TreeNode[object]) -> None:
        """Create a group's children the first time it opens."""
        group = node.data
        if not isinstance(group, Group) or group.path in self._populated:
            return
        self._populated.add(group.path)
        for child in group.ordered_children():
            self._add_group(node, child)
        for article in group.articles:
            self._article_nodes[article.id] = node.add_leaf(self._leaf_label(article), data=article)

    def _reopen(self, node: TreeNode[object], paths: set[tuple[str, ...]], open_all: bool) -> None:
        for child in node.children:
            group = child.data
            if isinstance(group, Group) and (open_all or group.path in paths):
                self._populate(child)
                child.expand()
                self._reopen(child, paths, open_all=open_all and len(group.children) <= 1)

    def _expanded_paths(self) -> set[tuple[str, ...]]:
        out: set[tuple[str, ...]] = set()
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            if node.is_expanded and isinstance(node.data, Group):
                out.add(node.data.path)
                stack.extend(node.children)
        return out

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[object]) -> None:
        self._populate(event.node)

    def on_tree_node_selected(self, event: Tree.NodeSelected[object]) -> None:
        """enter or a click: an article is chosen (the screen opens it); a group opens or closes."""
        event.stop()
        data = event.node.data
        if data is not None and not isinstance(data, Group):
            self.post_message(self.ArticleChosen(self, data.id))  # type: ignore[attr-defined]
        elif event.node.allow_expand:
            event.node.toggle()

    @property
    def all_articles(self) -> Group:
        """Every article listed so far, grouped by place (what `show_all` shows)."""
        return self._all

    @property
    def shown(self) -> Group:
        """The groups on show: every article, or a search's matches."""
        return self._root_group

    def populate(self, node: TreeNode[object]) -> None:
        """Make a group's nodes now (they are made lazily, when it first opens)."""
        self._populate(node)

    # ------------------------------------------------------------ finding

    def reveal(self, article_id: str) -> bool:
        """Open the groups down to an article and put the cursor on it."""
        node = self._article_nodes.get(article_id)
        if node is None:
            node = self._find(article_id)
        if node is None:
            return False
        parent = node.parent
        while parent is not None and parent is not self.root:
            if not parent.is_expanded:  # expand() rebuilds every line of the tree, even when open
                parent.expand()
            parent = parent.parent
        _ = self.last_line  # lays the lines out now (only if they changed), so the node knows its line
        self.move_cursor(node, animate=False)
        return True

    def _find(self, article_id: str) -> TreeNode[object] | None:
        """Populate the groups down to the article's (its path is known: no search of the tree)."""
        path = self._paths.get(article_id)
        if path is None:
            return None
        for depth in range(1, len(path) + 1):
            node = self._group_nodes.get(path[:depth])
            if node is None:
                return None
            self._populate(node)
        return self._article_nodes.get(article_id)

    def order_by_date(self, dates: dict[str, str | None] | None, articles: Sequence[Listed], keep: str | None) -> None:
        """Group the sidebar by month (`dates`: article id → ISO date) or, with None, by place
        again; every listed article is filed afresh."""
        self.dates = dates
        self._all = Group("", ())
        self._root_group = self._all
        self._paths.clear()
        self.clear()
        self.add_articles(articles)
        self._show(self._all, None, keep, 0)

    def set_printings(self, printings: dict[str, int]) -> None:
        """Mark the articles whose story ran several times ("×N"), and redraw the leaves shown."""
        self.printings = printings
        for article_id, node in list(self._article_nodes.items()):
            data = node.data
            if article_id in printings and data is not None and not isinstance(data, Group):
                node.set_label(self._leaf_label(data))  # type: ignore[arg-type]

    def refresh_article(self, article: Listed) -> None:
        """Redraw one leaf (after a bookmark changed)."""
        node = self._article_nodes.get(article.id)
        if node is not None:
            node.set_label(self._leaf_label(article))

    def action_collapse_or_parent(self) -> None:
        """h / left: close an open group, else go up to the parent group."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            _ = self.last_line
            self.move_cursor(node.parent, animate=False)

    def action_expand_node(self) -> None:
        """l / right: open a group (an article opens with enter)."""
        node = self.cursor_node
        if node is not None and node.allow_expand and not node.is_expanded:
            self._populate(node)
            node.expand()

