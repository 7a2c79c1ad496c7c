"""Regenerate screenshots/*.svg: the reader's main views on the bundled seed pages.

Run from anywhere: `.venv/bin/python scripts/screenshots.py`. State and page cache go to a
temporary folder, so your own bookmarks and last article are neither used nor changed.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tui"))

# (file name, terminal size, keys pressed once the corpus has loaded)
VIEWS: list[tuple[str, tuple[int, int], tuple[str, ...]]] = [
    ("start.svg", (160, 48), ()),
    ("article.svg", (160, 48), ("j", "enter")),
    ("search.svg", (160, 48), ("slash", "肇", "慶", "enter", "n", "n")),
    ("metrics.svg", (160, 48), ("m",)),
    ("original.svg", (160, 48), ("right_square_bracket", "o")),
    ("help.svg", (160, 48), ("question_mark",)),
    ("pinyin-search.svg", (160, 48), ("slash", *"zhiyuan", "space", *"fuwu", "enter")),
    ("places.svg", (160, 48), ("p",)),
    ("narrow-80x24.svg", (80, 24), ()),
    ("narrow-reading-80x24.svg", (80, 24), ("enter",)),
]


async def shoot(name: str, size: tuple[int, int], keys: tuple[str, ...], out: Path) -> None:
    """Open the app on the seeds, press the keys, wait for every worker, save the picture."""
    from textual.widgets import Input

    from civread.app import CivreadApp

    app = CivreadApp(["seeds"])
    async with app.run_test(size=size) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        if keys:
            await pilot.press(*keys)
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        for box in app.query(Input):
            box.cursor_blink = False
        await pilot.pause()
        app.save_screenshot(filename=name, path=str(out))


def main() -> int:
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CIVREAD_STATE_DIR"] = str(Path(tmp) / "state")
        os.environ["CIVREAD_CACHE_DIR"] = str(Path(tmp) / "cache")
        os.chdir(ROOT)
        for name, size, keys in VIEWS:
            asyncio.run(shoot(name, size, keys, out))
            print(out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
