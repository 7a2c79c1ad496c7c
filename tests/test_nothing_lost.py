"""Every Han character of a page ends up in exactly one place: an article or the removed list."""

from collections import Counter

import pytest

from civread.model import Page
from civread.pipeline.text import HAN
from seedtext import seed_page


def han_counter(texts) -> Counter[str]:
    counter: Counter[str] = Counter()
    for text in texts:
        counter.update(HAN.findall(text))
    return counter


def page_accounting(page: Page) -> tuple[Counter[str], Counter[str]]:
    """(what the page had, where it went) in Han characters, both in the cleaned script."""
    had = han_counter(line.clean for line in page.lines)
    had.update(han_counter(r.text for r in page.removed if r.line_index is None))
    went = han_counter(r.text for r in page.removed)
    for article in page.articles:
        went.update(han_counter([article.kicker, article.title if not article.untitled else "", article.subtitle, article.byline]))
        went.update(han_counter(p.text for p in article.paragraphs))
    return had, went


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_han_character_is_accounted_for(prefix: str) -> None:
    had, went = page_accounting(seed_page(prefix))
    assert sum(had.values()) > 1000
    missing = had - went
    doubled = went - had
    assert not missing, f"lost: {''.join(missing.elements())[:80]}"
    assert not doubled, f"counted twice: {''.join(doubled.elements())[:80]}"
