"""Hostile sizes: key latency in one huge group, a long paste into search, one 30 MB page.

    python benchmarks/hostile.py [--articles 6000] [--presses 200] [--paste 10000] [--page-mb 30]

Every figure is printed next to a reference measured in the same run on the bundled seed pages:

* `]` (next article) in a corpus whose 6,000 articles all sit under one county, pressed one at
  a time (latency per key: p50 / p95 / max) and as a burst of 200 keys (time until the last is
  handled); reference: the same keys on the seeds (a small corpus, `]`/`[` zigzag).
* a paste of 10,000 characters typed as keystrokes into the search bar of that corpus: time until
  the last key is handled and the search bar answers; reference: 10 characters.
* one page of 30 MB of plausible text (the seed pages' text repeated): processing time and the
  peak memory of the process that processes it (a fresh process each); reference: the seed
  pages themselves, scaled to 30 MB by their size (what linear time would give).

The corpus is generated here (invented headlines, one real county), in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
try:  # the installed civread (PYTHONPATH may point at another checkout, to compare)
    import civread  # noqa: F401
except ImportError:
    sys.path.insert(0, str(ROOT / "tui"))

from civread.seeds import seeds_dir  # noqa: E402

ARTICLES_PER_PAGE = 200


def _page(n_articles: int, salt: int) -> str:
    """A page of short articles, every one placed in the same county (淳安县, 杭州市, 浙江省)."""
    parts = []
    for i in range(n_articles):
        parts.append(
            f"淳安县第{salt}批第{i + 1}项民生工程完工\n\n"
            f"本报讯 浙江省杭州市淳安县今天举行第{salt}批第{i + 1}项民生工程完工仪式，县里有关部门负责人出席。"
            "工程建成后将惠及周边村民，群众纷纷表示满意。\n\n"
            "该县有关负责人介绍，今年以来共实施民生项目多项，完成投资稳步增长。\n\n"
        )
    return "".join(parts)


def make_group_corpus(folder: Path, articles: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    pages = max(1, articles // ARTICLES_PER_PAGE)
    for n in range(pages):
        (folder / f"county-{n:03d}.txt").write_text(_page(ARTICLES_PER_PAGE, n), encoding="utf-8")
    return folder


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def _keys(paths: list[str], presses: int, paste: int) -> dict[str, float]:
    from civread.app import CivreadApp

    app = CivreadApp(paths)
    out: dict[str, float] = {}
    async with app.run_test(size=(160, 48)) as pilot:
        for _ in range(4):
            await app.workers.wait_for_complete()
            await pilot.pause()
        n = len(app.library.articles)
        out["articles"] = n
        app.main_screen.open_article(app.library.articles[0].id, focus_reader=True)
        await pilot.pause()
        # One key at a time: each waits until the previous one is handled and painted.
        lat = []
        forward = True
        for _ in range(presses):
            pos = app.library.position_of[app.main_screen.current_id]
            if forward and pos >= n - 1:
                forward = False
            elif not forward and pos <= 0:
                forward = True
            key = "right_square_bracket" if forward else "left_square_bracket"
            t0 = time.perf_counter()
            await pilot.press(key)
            lat.append(time.perf_counter() - t0)
        out["key_p50_ms"] = statistics.median(lat) * 1000
        out["key_p95_ms"] = _pct(lat, 0.95) * 1000
        out["key_max_ms"] = max(lat) * 1000
        # A burst: the keys arrive at once, as from a terminal (a held-down key): time until the
        # last one is handled.
        app.main_screen.open_article(app.library.articles[0].id, focus_reader=True)
        await pilot.pause()
        burst = min(presses, n - 1)
        t0 = time.perf_counter()
        _post_keys(app, [("right_square_bracket", "]")] * burst)
        while app.library.position_of[app.main_screen.current_id] < burst and time.perf_counter() - t0 < 600:
            await pilot.pause(0.01)
        out["burst_ms"] = (time.perf_counter() - t0) / burst * 1000
        assert app.library.position_of[app.main_screen.current_id] == burst, "the burst did not land on the right article"
        # A paste typed as keystrokes (a terminal without bracketed paste) into the search bar:
        # time until every character is in the bar and the search has answered.
        await pilot.press("slash")
        await pilot.pause()
        text = ("淳安县民生工程" * (paste // 7 + 1))[:paste]
        t0 = time.perf_counter()
        _post_keys(app, [(ch, ch) for ch in text])
        bar = app.main_screen.search_bar
        while time.perf_counter() - t0 < 1200:
            await pilot.pause(0.01)
            if bar.input.value == text[: bar.input.max_length or None] and getattr(app, "_search_timer", None) is None and not app.workers._workers:
                status = str(bar.query_one("#search-status").render())
                if status:
                    break
        out["paste_s"] = time.perf_counter() - t0
        out["paste_chars"] = len(bar.input.value)
    return out


def _post_keys(app: object, keys: list[tuple[str, str]]) -> None:
    """Queue key events all at once, as a terminal driver does when keys arrive together."""
    from textual import events

    for key, character in keys:
        app.post_message(events.Key(key, character))  # type: ignore[attr-defined]


def _page_child(path: str) -> None:
    """In a fresh process: process one file, print seconds and peak RSS (MB)."""
    import resource

    from civread.pipeline import process_bytes

    data = Path(path).read_bytes()
    # Warm up first (the lazy tables: script conversion, gazetteer, word lists), off the clock.
    process_bytes("本报讯 浙江省杭州市淳安县举行民生工程完工仪式。\n".encode(), "warm.txt")
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    c0 = time.process_time()
    page = process_bytes(data, path)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{wall:.3f} {cpu:.3f} {peak:.1f} {len(page.articles)} {base:.1f}")


def _measure_page(path: Path) -> tuple[float, float, float, int]:
    """Wall and CPU seconds of processing one file, and the peak memory it added (MB) over the
    warmed-up process."""
    result = subprocess.run([sys.executable, __file__, "--page-child", str(path)], capture_output=True, text=True,
                            check=True)
    wall, cpu, peak, articles, base = result.stdout.split()
    return float(wall), float(cpu), float(peak) - float(base), int(articles)


def _measure_export(path: Path) -> tuple[float, float]:
    """`civread export PATH -o /dev/null` in a fresh process: wall seconds and peak RSS (MB) of it
    and its children (the pool's workers), read from wait4's rusage."""
    cmd = [sys.executable, "-m", "civread", "export", str(path), "-o", os.devnull]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if status != 0:
        raise RuntimeError(f"export failed: {status}")
    return wall, usage.ru_maxrss / 1024


def make_big_page(path: Path, megabytes: float) -> Path:
    """Plausible text: the seed pages' text, repeated until the size is reached."""
    blob = b"\n\n".join(p.read_bytes() for p in sorted(seeds_dir().glob("*.txt")))
    size = int(megabytes * 1_000_000)
    data = (blob * (size // len(blob) + 1))[:size]
    path.write_bytes(data[: data.rfind(b"\n") + 1])
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=6000)
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--paste", type=int, default=10_000)
    parser.add_argument("--page-mb", type=float, default=30.0)
    parser.add_argument("--page-child", help=argparse.SUPPRESS)
    parser.add_argument("--skip", default="", help="comma-separated: keys,page")
    args = parser.parse_args()
    if args.page_child:
        _page_child(args.page_child)
        return
    skip = set(filter(None, args.skip.split(",")))
    with tempfile.TemporaryDirectory(prefix="civread-hostile-") as tmp:
        os.environ["CIVREAD_CACHE_DIR"] = str(Path(tmp) / "cache")
        os.environ["CIVREAD_STATE_DIR"] = str(Path(tmp) / "state")
        if "keys" not in skip:
            folder = make_group_corpus(Path(tmp) / "group", args.articles)
            ref = asyncio.run(_keys([str(seeds_dir())], args.presses, 10))
            big = asyncio.run(_keys([str(folder)], args.presses, args.paste))
            print(f"corpus: {int(big['articles']):,} articles in one county; reference: the seeds, "
                  f"{int(ref['articles']):,} articles")
            print(f"{'':34}{'big group':>12}{'seeds':>12}{'ratio':>8}")
            for key, label in (("key_p50_ms", "] one at a time, p50 (ms)"), ("key_p95_ms", "] one at a time, p95 (ms)"),
                               ("key_max_ms", "] one at a time, max (ms)"), ("burst_ms", "] in a burst, per key (ms)")):
                print(f"{label:34}{big[key]:12.2f}{ref[key]:12.2f}{big[key] / max(ref[key], 1e-9):8.2f}")
            print(f"{'paste typed into search (s)':34}{big['paste_s']:12.2f}{ref['paste_s']:12.2f}"
                  f"{big['paste_s'] / max(ref['paste_s'], 1e-9):8.2f}   ({int(big['paste_chars']):,} vs 10 characters)")
        if "page" not in skip:
            seeds = sorted(seeds_dir().glob("*.txt"))
            seed_bytes = sum(p.stat().st_size for p in seeds)
            ref_wall = ref_cpu = 0.0
            ref_peak = 0.0
            for p in seeds:
                wall, cpu, peak, _ = _measure_page(p)
                ref_wall, ref_cpu, ref_peak = ref_wall + wall, ref_cpu + cpu, max(ref_peak, peak)
            page = make_big_page(Path(tmp) / "big.txt", args.page_mb)
            size = page.stat().st_size
            wall, cpu, peak, articles = _measure_page(page)
            linear = ref_cpu / seed_bytes * size
            print(f"one page of {size / 1e6:.1f} MB ({articles:,} articles): {wall:.1f} s wall, {cpu:.1f} s CPU, "
                  f"{size / 1e6 / max(cpu, 1e-9):.2f} MB/s; memory added {peak:.0f} MB "
                  f"({peak / (size / 1e6):.1f}× the page's size)")
            print(f"reference, the {len(seeds)} seed pages one by one ({seed_bytes / 1e3:.0f} KB): {ref_cpu:.2f} s CPU, "
                  f"{seed_bytes / 1e6 / max(ref_cpu, 1e-9):.2f} MB/s; memory added at most {ref_peak:.0f} MB; "
                  f"linear time at that rate: {linear:.1f} s CPU (ratio {cpu / max(linear, 1e-9):.2f})")
            export_wall, export_peak = _measure_export(page)
            seed_wall, seed_peak = _measure_export(seeds_dir())
            print(f"civread export of that page: {export_wall:.1f} s wall, peak {export_peak:.0f} MB; "
                  f"of the seeds: {seed_wall:.2f} s, peak {seed_peak:.0f} MB "
                  f"(scaled by size: {seed_wall / seed_bytes * size:.1f} s)")


if __name__ == "__main__":
    main()
