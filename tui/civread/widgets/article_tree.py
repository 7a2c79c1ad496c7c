"""The sidebar's tree: articles grouped province › prefecture › county, built lazily.

Why lazy: a 10,000-page archive holds ~50,000 articles; a Tree with that many nodes is slow to
build and to lay out. Only the top-level groups are created up front; a group's children are
added the first time it is expanded. Groups are ordered by article count (most first), with
"Unlocated" last; articles inside a group keep reading order.

Labels are `rich.text.Text` built from page text, never markup strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from civread.model import Article, ArticleKind, UNLOCATED_LABEL

__all__ = ["ArticleTree", "Group", "group_articles", "article_label"]

PHOTO_MARK = "photo "
BOOKMARK_MARK = "★ "


@dataclass(slots=True)
class Group:
    """One place in the hierarchy: its sub-places and the articles located exactly here."""

    name: str
    path: tuple[str, ...]
    children: dict[str, "Group"] = field(default_factory=dict)
    articles: list[Article] = field(default_factory=list)
    count: int = 0  # articles here and below

    def ordered_children(self) -> list["Group"]:
        """Sub-places, most articles first, ties by name; Unlocated always last."""
        return sorted(
            self.children.values(),
            key=lambda g: (g.name == UNLOCATED_LABEL, -g.count, g.name),
        )


def group_articles(articles: Iterable[Article]) -> Group:
    """The place hierarchy of `articles`, with counts at every level (root = everything)."""
    root = Group("", ())
    for article in articles:
        parts = article.locality.parts if article.locality.is_located else (UNLOCATED_LABEL,)
        node = root
        node.count += 1
        for part in parts:
            child = node.children.get(part)
            if child is None:
                child = node.children[part] = Group(part, node.path + (part,))
            child.count += 1
            node = child
        node.articles.append(article)
    return root


def article_label(
    article: Article, *, bookmarked: bool = False, matches: int | None = None, styles: dict[str, Style] | None = None
) -> Text:
    """One line for an article: bookmark star, photo mark, title (muted when untitled), match count."""
    styles = styles or {}
    label = Text(no_wrap=True, overflow="ellipsis")
    if matches is not None:  # first, so a long title cannot push it out of sight
        label.append(f"{matches:>3} ", style=styles.get("count", Style(bold=True)))
    if bookmarked:
        label.append(BOOKMARK_MARK, style=styles.get("bookmark", Style(color="yellow")))
    if article.kind == ArticleKind.PHOTO:
        label.append(PHOTO_MARK, style=styles.get("muted", Style(dim=True)))
    title = " ".join(article.display_title.split()) or "(empty)"
    label.append(title, style=styles.get("untitled", Style(italic=True)) if article.untitled else "")
    return label


class ArticleTree(Tree[object]):
    """The article tree. Node data: a `Group` for places, an `Article` for leaves."""

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
        self._root_group = Group("", ())
        self._matches: dict[str, int] | None = None
        self.bookmarks: set[str] = set()
        self._article_nodes: dict[str, TreeNode[object]] = {}

    # ------------------------------------------------------------ labels

    def process_label(self, label: str | Text) -> Text:
        """Labels are always Text: a str here is page text, shown literally, one line."""
        text = Text(label) if isinstance(label, str) else label.copy()
        if "\n" in text.plain:
            text = Text(" ".join(text.plain.split()))
        return text

    def _styles(self) -> dict[str, Style]:
        return {
            name: self.get_component_rich_style(f"article-tree--{name}", partial=True)
            for name in ("count", "muted", "bookmark", "untitled")
        }

    def _group_label(self, group: Group) -> Text:
        label = Text(group.name, no_wrap=True)
        noun = "match" if self._matches is not None else ""
        count = self._group_matches(group) if self._matches is not None else group.count
        shown = f" {count:,}" + (f" {noun}{'es' if count != 1 else ''}" if noun else "")
        label.append(shown, style=self.get_component_rich_style("article-tree--count", partial=True))
        return label

    def _group_matches(self, group: Group) -> int:
        matches = self._matches or {}
        total = sum(matches.get(a.id, 0) for a in group.articles)
        return total + sum(self._group_matches(child) for child in group.children.values())

    def _leaf_label(self, article: Article) -> Text:
        matches = None if self._matches is None else self._matches.get(article.id, 0)
        return article_label(
            article, bookmarked=article.id in self.bookmarks, matches=matches, styles=self._styles()
        )

    # ------------------------------------------------------------ building

    def show_articles(
        self,
        articles: list[Article],
        matches: dict[str, int] | None = None,
        keep: str | None = None,
        expand_all_if_small: int = 0,
    ) -> None:
        """Replace the tree's content, keeping expanded groups open and the cursor on `keep`.

        `matches` (article id → count) marks a search: counts are shown and groups count matches.
        """
        expanded = self._expanded_paths()
        under_cursor = self.cursor_node.data if self.cursor_node is not None else None
        self._matches = matches
        self._root_group = group_articles(articles)
        self._article_nodes.clear()
        self.clear()
        top = self._root_group.ordered_children()
        for group in top:
            self._add_group(self.root, group)
        auto_open = len(top) == 1 or (expand_all_if_small and len(articles) <= expand_all_if_small)
        self._reopen(self.root, expanded, open_all=bool(auto_open))
        # The cursor stays where the reader left it, even while pages pour in.
        if isinstance(under_cursor, Article) and self.reveal(under_cursor.id):
            return
        if isinstance(under_cursor, Group) and self._reveal_group(under_cursor.path):
            return
        if keep is not None:
            self.reveal(keep)

    def _reveal_group(self, path: tuple[str, ...]) -> bool:
        node = self.root
        for depth in range(1, len(path) + 1):
            node = next(
                (c for c in node.children if isinstance(c.data, Group) and c.data.path == path[:depth]), None
            )
            if node is None:
                return False
            if depth < len(path):
                self._populate(node)
                node.expand()
        _ = self.last_line
        self.move_cursor(node, animate=False)
        return True

    def _add_group(self, parent: TreeNode[object], group: Group) -> TreeNode[object]:
        node = parent.add(self._group_label(group), data=group, allow_expand=True)
        return node

    def _populate(self, node: TreeNode[object]) -> None:
        """Create a group's children the first time it opens."""
        group = node.data
        if not isinstance(group, Group) or node.children:
            return
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
            parent.expand()
            parent = parent.parent
        _ = self.last_line  # lays the lines out now, so the node knows its line
        self.move_cursor(node, animate=False)
        return True

    def _find(self, article_id: str) -> TreeNode[object] | None:
        """Walk down the group that holds the article, populating on the way."""
        node = self.root
        while True:
            nxt = None
            for child in node.children:
                if isinstance(child.data, Article) and child.data.id == article_id:
                    return child
                if isinstance(child.data, Group) and _holds(child.data, article_id):
                    nxt = child
            if nxt is None:
                return None
            self._populate(nxt)
            node = nxt

    def refresh_article(self, article: Article) -> None:
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


def _holds(group: Group, article_id: str) -> bool:
    if any(a.id == article_id for a in group.articles):
        return True
    return any(_holds(child, article_id) for child in group.children.values())
