"""FoldedTexts: the folded haystack of every article added, in corpus order, shared by the backends.

One writer (the loading worker) and any number of searches at once: `lock` guards the lists; a
search takes what is there when it starts. With a `loader` (article id → Article, e.g. from the
page cache) the articles themselves are not kept, only their folded text.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from civread.model import Article


class FoldedTexts:
    """Ids, folded haystacks and positions, under one lock; articles only without a loader."""

    def __init__(self, loader: Callable[[str], Article | None] | None = None) -> None:
        self.lock = threading.Lock()
        self.loader = loader
        self.ids: list[str] = []  # position → article id
        self.haystacks: list[str] = []  # position → folded sections joined by SEPARATOR
        self.position: dict[str, int] = {}  # article id → position
        self._articles: list[Article | None] = []  # only without a loader (None: a text added alone)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def articles_held(self) -> int:
        """How many whole articles are kept (0 with a loader: only the folded text stays)."""
        return len(self._articles)

    def put(self, article: Article | None, article_id: str, haystack: str) -> tuple[int, bool]:
        """Add or replace one article's text (call under `lock`): its position, and whether it is new."""
        pos = self.position.get(article_id)
        if pos is None:
            pos = len(self.ids)
            self.position[article_id] = pos
            self.ids.append(article_id)
            self.haystacks.append(haystack)
            if self.loader is None:
                self._articles.append(article)
            return pos, True
        self.haystacks[pos] = haystack
        if self.loader is None:
            self._articles[pos] = article
        return pos, False

    def order_of(self, article_id: str) -> int | None:
        return self.position.get(article_id)

    def article(self, article_id: str) -> Article | None:
        """The whole article: held, or from the loader (which may do I/O)."""
        pos = self.position.get(article_id)
        if pos is None:
            return None
        if self.loader is not None:
            return self.loader(article_id)
        return self._articles[pos]
