"""civread at archive scale: every figure next to a reference measured in the same run.

    python benchmarks/run.py [--pages 10000] [--archive DIR] [--profile 200]

Builds (or reuses) a synthetic archive (`make_archive.py`), then measures, each load in a
fresh child process so timings and peak memory are its own:

* pipeline throughput, MB/s of raw page bytes, all cores (`civread.parallel`, no cache);
  references: one process on the same pages, and plain reading of the same bytes (`cat`, Python);
* first load (`load_corpus`, empty cache) and second load (warm cache), reference: the first;
* the app's fast second open (`cached_index`: every article listed, no page unpickled);
* peak RSS of the loading process (and of its workers) against the cleaned text it holds;
* search (`measure_search`): per-keystroke p95 for 1–6 character queries typed into `IndexedSearch`
  on the loaded archive, vs `rg -c` (or `grep -c -r`, named) on the raw pages and vs `MemorySearch`;
  the index's build time; RSS with the archive and index open vs 2× cleaned text + 200 MB;
* app (`measure_app_startup`): process start → first paint of `civread.app.CivreadApp`, headless, on the
  seeds (vs `python -c 'import textual'`), and on the archive with a warm cache: first paint, every
  article listed, RSS.

The archive's files are in the OS page cache (it was just written or read): the figures are
"warm disk", which is what a person re-opening their archive sees.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_archive  # noqa: E402  (a sibling script)

QUICK_PAGES = 300
SINGLE_SAMPLE = 1000  # pages the one-process reference runs on (a rate, so a sample is fair)


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    reference: str = ""
    reference_value: float | None = None

    def line(self) -> str:
        text = f"{self.name:<44} {self.value:10.2f} {self.unit:<6}"
        if self.reference_value:
            ratio = self.value / self.reference_value
            text += f"  vs {self.reference} {self.reference_value:.2f} {self.unit}: ratio {ratio:.3f}"
        elif self.reference:
            text += f"  ({self.reference})"
        return text


# --------------------------------------------------------------------------- archive


def ensure_archive(directory: Path, pages: int) -> Path:
    """The archive's page folder, rebuilt only if missing or made for another size/version."""
    manifest_path = directory / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        fresh = manifest.get("pages") == pages and manifest.get("generator") == make_archive.GENERATOR_VERSION
    except (OSError, ValueError):
        fresh = False
    if not fresh:
        if (directory / "pages").exists():
            shutil.rmtree(directory / "pages")
        start = time.perf_counter()
        manifest = make_archive.build(pages, directory)
        print(f"built archive: {pages} pages, {manifest['bytes'] / 1e6:.1f} MB in {time.perf_counter() - start:.1f} s "
              f"({manifest['encodings']}, {manifest['traditional_pages']} traditional; places: {manifest['places']})")
    else:
        print(f"reusing archive {directory} ({manifest['bytes'] / 1e6:.1f} MB)")
    return directory / "pages"


def archive_files(pages_dir: Path) -> list[Path]:
    return sorted(p for p in pages_dir.rglob("*") if p.is_file())


# --------------------------------------------------------------------------- child phases


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def phase(name: str, pages_dir: Path, limit: int, workers: int | None) -> dict[str, float]:
    """One measurement, run inside a fresh child process; returns plain numbers."""
    from civread.corpus import cached_index, load_corpus
    from civread.parallel import Processed, process_in_order

    files = archive_files(pages_dir)[:limit] if limit else archive_files(pages_dir)
    size = sum(f.stat().st_size for f in files)
    out: dict[str, float] = {"bytes": size, "files": len(files)}
    start = time.perf_counter()
    if name == "pipeline":
        ok = 0
        for item in process_in_order(files, workers=workers):
            ok += isinstance(item, Processed) and item.page is not None
        out["pages_ok"] = ok
    elif name in ("first", "second"):
        notices: list[str] = []
        corpus = load_corpus([pages_dir], workers=workers, notices=notices)
        out["pages_ok"] = len(corpus.pages)
        out["articles"] = len(corpus.articles)
        out["problems"] = len(corpus.problems)
        out["clean_bytes"] = sum(len(p.text.encode("utf-8")) for a in corpus.articles for p in a.paragraphs)
        out["notices"] = len(notices)
    elif name == "index":
        index = cached_index([pages_dir])
        out["articles"] = sum(len(e.articles or ()) for e in index.entries)
        out["complete"] = float(index.complete)
    elif name == "read":
        total = 0
        for f in files:
            total += len(f.read_bytes())
        out["read"] = total
    out["seconds"] = time.perf_counter() - start
    out["rss_mb"] = _rss_mb(resource.RUSAGE_SELF)
    out["children_rss_mb"] = _rss_mb(resource.RUSAGE_CHILDREN)
    return out


def run_phase(name: str, pages_dir: Path, cache_dir: Path, limit: int = 0, workers: int | None = None) -> dict[str, float]:
    env = dict(os.environ, CIVREAD_CACHE_DIR=str(cache_dir))
    cmd = [sys.executable, __file__, "--phase", name, "--archive", str(pages_dir), "--limit", str(limit)]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"phase {name} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def cat_seconds(files: list[Path]) -> float:
    """`cat` of every file to /dev/null: the floor for touching the bytes at all."""
    start = time.perf_counter()
    for i in range(0, len(files), 500):
        subprocess.run(["cat", *map(str, files[i : i + 500])], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


# --------------------------------------------------------------------------- hooks for others


SEARCH_WORDS = 40  # typed queries per run: each is typed 1, 2, … 6 characters long
GREP_SAMPLES = 2  # queries per length given to rg/grep (each reads the whole archive)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))] if ordered else 0.0


def search_phase(pages_dir: Path) -> dict[str, float]:
    """In a child: the warm archive loaded, `IndexedSearch` built the way the app feeds it (page by
    page), then words typed one keystroke at a time. Each keystroke's time is `search()` (the
    sidebar's counts) plus `spans_for` on the first article that matches (the reader's highlights).
    `MemorySearch` (a scan) answers the same keystrokes as a reference.
    """
    import random

    from civread.corpus import iter_pages
    from civread.model import Page
    from civread.search import IndexedSearch, MemorySearch, fold_text, search

    out: dict[str, float] = {}
    start = time.perf_counter()
    index = IndexedSearch()
    articles = []
    clean = 0
    for item in iter_pages([pages_dir]):
        if isinstance(item, Page):
            index.add_articles(item.articles)
            articles.extend(item.articles)
            clean += sum(len(p.text.encode("utf-8")) for a in item.articles for p in a.paragraphs)
    loaded = time.perf_counter() - start
    index.wait_indexed()
    out["load_and_index_seconds"] = time.perf_counter() - start
    out["add_seconds"] = index.build_seconds  # time inside add_articles (the loader thread's share)
    out["trigram_seconds"] = time.perf_counter() - start - loaded  # the trigram thread's tail after loading
    out["articles"] = len(articles)
    out["clean_bytes"] = clean
    out["rss_open_mb"] = _rss_mb(resource.RUSAGE_SELF)

    rng = random.Random(4)
    words: list[str] = []
    while len(words) < SEARCH_WORDS:  # realistic: 6 characters starting anywhere in a body paragraph
        article = rng.choice(articles)
        if not article.paragraphs:
            continue
        text = fold_text(rng.choice(article.paragraphs).text)
        if len(text) >= 6:
            s = rng.randrange(len(text) - 5)
            words.append(text[s : s + 6])
    memory = MemorySearch(articles)
    for name, backend in (("indexed", index), ("scan", memory)):
        times: dict[int, list[float]] = {n: [] for n in range(1, 7)}
        hits: dict[int, list[int]] = {n: [] for n in range(1, 7)}
        for word in words if name == "indexed" else words[:10]:
            for n in range(1, 7):
                t = time.perf_counter()
                result = search(backend, word[:n])
                if result.per_article:
                    result.spans_for(result.per_article[0][0])
                times[n].append(time.perf_counter() - t)
                hits[n].append(result.total_matches)
        for n in range(1, 7):
            out[f"{name}_p95_ms_{n}"] = 1000 * _percentile(times[n], 0.95)
            out[f"{name}_p50_ms_{n}"] = 1000 * _percentile(times[n], 0.5)
            out[f"{name}_hits_{n}"] = _percentile([float(h) for h in hits[n]], 0.5)
    for n in range(1, 7):
        for i, word in enumerate(words[:GREP_SAMPLES]):
            out[f"word_{n}_{i}"] = word[:n]  # type: ignore[assignment]  (for the rg/grep reference)
    index.close()
    return out


def _grep_seconds(pages_dir: Path, query: str) -> tuple[str, float]:
    """`rg -c QUERY` over the raw archive, or `grep -c -r` when rg is absent."""
    tool = ["rg", "-c", "--no-messages", "--", query, str(pages_dir)] if shutil.which("rg") else \
        ["grep", "-c", "-r", "-F", "--", query, str(pages_dir)]
    start = time.perf_counter()
    subprocess.run(tool, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return tool[0], time.perf_counter() - start


def measure_search(pages_dir: Path, cache_dir: Path) -> list[Figure] | None:
    """Per-keystroke search latency (p95 per query length) on the archive, vs rg/grep -c on the raw pages."""
    data = run_phase("search", pages_dir, cache_dir)
    figures = [
        Figure("search index build (add_articles, loader thread)", data["add_seconds"], "s",
               f"{data['articles']:.0f} articles"),
        Figure("  trigram index tail after loading finished", data["trigram_seconds"], "s",
               "its own thread; longer queries scan until done"),
    ]
    for n in range(1, 7):
        tool, seconds = "", []
        for i in range(GREP_SAMPLES):
            word = data.get(f"word_{n}_{i}")
            if isinstance(word, str) and word:
                tool, took = _grep_seconds(pages_dir, word)
                seconds.append(took)
        ref = 1000 * max(seconds) if seconds else None
        figures.append(Figure(f"search p95, {n} char{'s' if n > 1 else ''} (p50 {data[f'indexed_p50_ms_{n}']:.1f}, "
                              f"median hits {data[f'indexed_hits_{n}']:.0f})",
                              data[f"indexed_p95_ms_{n}"], "ms", f"{tool} -c", ref))
        figures.append(Figure(f"  same keystrokes, MemorySearch scan", data[f"indexed_p95_ms_{n}"], "ms",
                              "scan p95", data[f"scan_p95_ms_{n}"]))
    limit = 2 * data["clean_bytes"] / 1e6 + 200
    figures.append(Figure("RSS, archive + search index open", data["rss_open_mb"], "MB", "limit 2×clean+200", limit))
    return figures


APP_PROBE = r"""
import json, resource, sys, time
try:
    from civread.app import CivreadApp
except Exception as exc:
    print(json.dumps({"unavailable": f"{type(exc).__name__}: {exc}"}))
    sys.exit(0)
marks = {}
import inspect, pathlib
class Probe(CivreadApp):
    # Resolved against the real app's file (this probe has no file of its own).
    CSS_PATH = [str(pathlib.Path(inspect.getfile(CivreadApp)).parent / p) for p in (
        [CivreadApp.CSS_PATH] if isinstance(CivreadApp.CSS_PATH, (str, pathlib.PurePath)) else list(CivreadApp.CSS_PATH or []))]
    # Textual calls the handler of every class in the MRO: no super() calls here.
    def on_ready(self):  # "the DOM is ready and the first frame has been displayed"
        marks.setdefault("first_paint", time.time())
        if not WAIT_FOR_LOAD:
            self.exit()
    def on_load_finished(self, message):
        marks["listed"] = time.time()
        marks["articles"] = len(getattr(self, "articles", []) or [])
        if WAIT_FOR_LOAD:
            self.call_after_refresh(self.exit)
WAIT_FOR_LOAD = sys.argv[2] == "1"
Probe([sys.argv[1]]).run(headless=True, size=(120, 40))
marks["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(marks))
"""


def _probe_app(path: Path, cache_dir: Path, wait_for_load: bool, timeout: float = 300) -> dict[str, object]:
    env = dict(os.environ, CIVREAD_CACHE_DIR=str(cache_dir))
    start = time.time()
    try:
        done = subprocess.run([sys.executable, "-c", APP_PROBE, str(path), "1" if wait_for_load else "0"],
                              env=env, capture_output=True, text=True, check=False, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"unavailable": f"the app had not finished loading after {timeout:.0f} s"}
    lines = done.stdout.strip().splitlines()
    try:
        marks = json.loads(lines[-1])
    except (IndexError, ValueError):
        return {"unavailable": f"probe failed (exit {done.returncode}): {done.stderr.strip()[-300:]}"}
    marks["start"] = start
    return marks


def _process_seconds(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=False, capture_output=True)
    return time.perf_counter() - start


def measure_app_startup(pages_dir: Path, cache_dir: Path) -> list[Figure] | None:
    """Process start → first paint of the real app (headless) on the seeds, vs `python -c 'import textual'`;
    and the app on the archive with the warm cache: first paint, every article listed, RSS."""
    from civread.seeds import seeds_dir

    figures: list[Figure] = []
    seeds = _probe_app(seeds_dir(), cache_dir, wait_for_load=False, timeout=60)
    if "unavailable" in seeds:
        print(f"{'app start-up':<44} app not available yet ({seeds['unavailable']})")
        return figures
    textual = _process_seconds("import textual")
    figures.append(Figure("app first paint, seeds (process start →)", float(seeds["first_paint"]) - float(seeds["start"]),
                          "s", "python -c 'import textual'", textual))
    warm = _probe_app(pages_dir, cache_dir, wait_for_load=True)
    if "unavailable" in warm or "listed" not in warm:
        print(f"{'app on the archive':<44} not measured ({warm.get('unavailable', 'load never finished')})")
        return figures
    t0 = float(warm["start"])
    index = run_phase("index", pages_dir, cache_dir)
    figures += [
        Figure("app first paint, archive, warm cache", float(warm["first_paint"]) - t0, "s", "target 1 s", 1.0),
        Figure(f"app every article listed, warm ({warm['articles']} articles)", float(warm["listed"]) - t0, "s",
               "target 1.5 s", 1.5),
        Figure("  cached_index alone (what a fast listing needs)", index["seconds"], "s", "target 1.5 s", 1.5),
        Figure("app RSS, archive open", float(warm["rss_mb"]), "MB"),
    ]
    return figures


# --------------------------------------------------------------------------- profile


def profile(pages_dir: Path, n: int, top: int = 25) -> None:
    """cProfile of the pipeline (one process) on n archive pages: where the time goes."""
    import cProfile
    import pstats

    from civread.pipeline import process_bytes

    files = archive_files(pages_dir)
    step = max(1, len(files) // n)
    sample = files[::step][:n]
    datas = [(str(f), f.read_bytes()) for f in sample]
    for path, data in datas[:3]:  # warm lazy tables outside the profile
        process_bytes(data, path)
    profiler = cProfile.Profile()
    profiler.enable()
    for path, data in datas:
        try:
            process_bytes(data, path)
        except Exception:  # noqa: BLE001 - a problem page still costs what it costs
            pass
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(row[2] for row in stats.stats.values())  # type: ignore[attr-defined]
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)  # type: ignore[attr-defined]
    print(f"\nprofile: {len(datas)} pages, {sum(len(d) for _, d in datas) / 1e6:.2f} MB, {total:.2f} s own time")
    print(f"{'own %':>6} {'cum %':>6}  function")
    def name(key: tuple[str, int, str]) -> str:
        filename, line, func = key
        where = filename.split("/civread/")[-1] if "/civread/" in filename else Path(filename).name
        return f"{where}:{line}:{func}" if filename != "~" else func

    for key, (_cc, _nc, tt, ct, callers) in rows[:top]:
        text = f"{100 * tt / total:6.1f} {100 * ct / total:6.1f}  {name(key)}"
        if key[0] == "~" and callers:  # a C function: say which pipeline code pays for it
            by = sorted(callers.items(), key=lambda kv: kv[1][2], reverse=True)[:3]
            text += "  ← " + ", ".join(f"{name(c)} {100 * v[2] / total:.1f}%" for c, v in by)
        print(text)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000, help=f"archive size (default 10000; quick: {QUICK_PAGES})")
    parser.add_argument("--archive", type=Path, default=None, help="archive folder (built there if missing)")
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: every CPU)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="also profile the pipeline on N pages")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.phase == "search":
        print(json.dumps(search_phase(args.archive)))
        return 0
    if args.phase:
        print(json.dumps(phase(args.phase, args.archive, args.limit, args.workers)))
        return 0

    directory = args.archive or Path(tempfile.gettempdir()) / f"civread-archive-{args.pages}"
    pages_dir = ensure_archive(directory, args.pages)
    files = archive_files(pages_dir)
    from civread.parallel import default_workers

    workers = args.workers or default_workers()
    print(f"{len(files)} files, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB; {workers} workers; "
          f"cpu_count {os.cpu_count()}")
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="civread-bench-cache-") as tmp:
        cache = Path(tmp)
        # Plain reading of the same bytes (also warms the OS cache for everything after).
        read = run_phase("read", pages_dir, cache)
        cat = cat_seconds(files)
        mb = read["bytes"] / 1e6
        single = run_phase("pipeline", pages_dir, cache, limit=min(SINGLE_SAMPLE, len(files)), workers=1)
        pool = run_phase("pipeline", pages_dir, cache, workers=workers)
        single_rate = single["bytes"] / 1e6 / single["seconds"]
        pool_rate = pool["bytes"] / 1e6 / pool["seconds"]
        figures += [
            Figure(f"pipeline throughput, {workers} processes", pool_rate, "MB/s", "1 process", single_rate),
            Figure("  same, against cat of the same bytes", pool_rate, "MB/s", "cat", mb / cat),
            Figure("  same, against Python reading the files", pool_rate, "MB/s", "read", mb / read["seconds"]),
        ]
        first = run_phase("first", pages_dir, cache, workers=workers)
        second = run_phase("second", pages_dir, cache, workers=workers)
        index = run_phase("index", pages_dir, cache)
        figures += [
            Figure("first load (load_corpus, empty cache)", first["seconds"], "s",
                   f"{first['pages_ok']:.0f} pages, {first['articles']:.0f} articles, {first['problems']:.0f} problems"),
            Figure("second load (load_corpus, warm cache)", second["seconds"], "s", "first load", first["seconds"]),
            Figure("fast second open (cached_index)", index["seconds"], "s", "first load", first["seconds"]),
            Figure("peak RSS, first load (parent)", first["rss_mb"], "MB", "cleaned text", first["clean_bytes"] / 1e6),
            Figure("peak RSS, first load (largest worker)", first["children_rss_mb"], "MB"),
            Figure("peak RSS, second load", second["rss_mb"], "MB", "cleaned text", second["clean_bytes"] / 1e6),
            Figure("peak RSS, fast second open", index["rss_mb"], "MB"),
        ]
        cache_size = sum(f.stat().st_size for f in cache.rglob("*") if f.is_file())
        figures.append(Figure("cache size on disk", cache_size / 1e6, "MB", "archive", mb))
        print()
        for figure in figures:
            print(figure.line())
        for label, hook in (("search latency", measure_search), ("app start-up", measure_app_startup)):
            try:
                result = hook(pages_dir, cache)
            except (SystemExit, Exception) as exc:  # noqa: BLE001 - one hook failing must not hide the rest
                print(f"{label:<44} failed: {str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__}")
                continue
            if result is None:
                print(f"{label:<44} not measured yet")
            else:
                for figure in result:
                    print(figure.line())
        target = 5.0
        print(f"\ntarget: pipeline ≥ {target} MB/s with {workers} processes: {'met' if pool_rate >= target else 'NOT met'}"
              f" ({pool_rate:.2f} MB/s)")
    if args.profile:
        profile(pages_dir, args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
