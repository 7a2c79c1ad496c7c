"""The one key table (`civread.keys`) against what it generates and what the README tells people."""

from __future__ import annotations

import re
from pathlib import Path

from civread.keys import KEYS, bindings, commands, key_hint
from civread.widgets.article_tree import ArticleTree
from civread.widgets.article_view import ArticleView

README = Path(__file__).resolve().parents[1] / "README.md"


def _readme_keys() -> set[str]:
    """Every `key` written in the README's key table."""
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| Key | Action |") :].split("\n\n", 1)[0]
    return set(re.findall(r"`([^`]+)`", table))


def test_every_binding_and_widget_key_is_in_the_readme_table() -> None:
    documented = _readme_keys()
    for binding in bindings():
        keys = [binding.key_display] if binding.key_display else binding.key.split(",")
        assert any(k in documented for k in keys), binding.action
    for widget in (ArticleTree, ArticleView):
        for binding in widget.BINDINGS:
            assert any(k in documented for k in binding.key.split(",")), binding.key  # type: ignore[union-attr]


def test_the_bindings_and_palette_come_from_the_help_rows() -> None:
    in_rows = [c for _, rows in KEYS for row in rows for c in row.commands]
    assert {b.id for b in bindings()} == {c.id for c in in_rows if c.keys}
    assert len({b.id for b in bindings()}) == len(bindings())  # one binding per action
    for command in commands():
        assert command.palette and key_hint(command) in " ".join(r.shown for _, rows in KEYS for r in rows)
