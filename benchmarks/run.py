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
  the index's build time;
* app (`measure_app_startup`): process start → first paint of `civread.app.CivreadApp`, headless, on the
  seeds (vs `python -c 'import textual'`); on the archive with no cache: first paint, pages listed
  after 15 s and the event loop's stalls meanwhile; and on the archive with a warm cache: first paint, every
  article listed, every article searchable, the trigram index built; RSS with all of it open vs
  2× the cleaned text + 200 MB; then the same again, when the index kept by that run is reused.

The archive's files are in the OS page cache (it was just written or read): the figures are
"warm disk", which is what a person re-opening their archive sees.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
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


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its finished children (the workers): on a
    shared machine a phase's wall time follows the load, its CPU time much less."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def phase(name: str, pages_dir: Path, limit: int, workers: int | None) -> dict[str, float]:
    """One measurement, run inside a fresh child process; returns plain numbers."""
    from civread.corpus import cached_index, load_corpus
    from civread.parallel import Processed, process_in_order

    files = archive_files(pages_dir)[:limit] if limit else archive_files(pages_dir)
    size = sum(f.stat().st_size for f in files)
    out: dict[str, float] = {"bytes": size, "files": len(files)}
    cpu_start = cpu_seconds()
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
    out["cpu_seconds"] = cpu_seconds() - cpu_start
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
    """In a child: the warm archive fed to `IndexedSearch` the way the app feeds it (page by page,
    articles not held: a loader reads one back from the page cache for its highlights), then words
    typed one keystroke at a time. Each keystroke's time is `search()` (the sidebar's counts) plus
    `spans_for` on the first article that matches (the reader's highlights). `MemorySearch` (a
    scan) answers the same keystrokes as a reference.
    """
    from civread.cache import PageCache
    from civread.library import PAGES_KEPT
    from civread.model import Article, Page
    from civread.pinyin_search import PinyinSearch
    from civread.search import MemorySearch

    store = PageCache()
    page_of: dict[str, tuple[str, str]] = {}  # article id → (page key, path)
    pages: list[tuple[str, str]] = []

    @functools.lru_cache(maxsize=PAGES_KEPT)  # the app keeps as many recent pages
    def read_page(key: str, path: str) -> Page | None:
        return store.get(key, path)

    def load(article_id: str) -> Article | None:
        page = read_page(*page_of[article_id])
        return next((a for a in page.articles if a.id == article_id), None) if page else None

    out: dict[str, float] = {}
    start = time.perf_counter()
    index = PinyinSearch(loader=load)  # polyphones: the readings each article carries
    sample, articles, clean = _feed_index(index, store, pages_dir, page_of, pages)
    loaded = time.perf_counter() - start
    index.wait_indexed()
    out["load_and_index_seconds"] = time.perf_counter() - start
    out["add_seconds"] = index.build_seconds  # time inside add_articles (the loader thread's share)
    out["trigram_seconds"] = time.perf_counter() - start - loaded  # the trigram thread's tail after loading
    out["articles"] = articles
    out["clean_bytes"] = clean

    rng = random.Random(4)
    words = _typed_words(sample, rng)
    memory = MemorySearch(loader=load)
    for key, path in pages:
        page = store.get(key, path)
        if page is not None:
            memory.add_articles(page.articles)
    out.update(_keystroke_times("indexed", index, words))
    out.update(_keystroke_times("scan", memory, words[:10]))
    for n in range(1, 7):
        for i, word in enumerate(words[:GREP_SAMPLES]):
            out[f"word_{n}_{i}"] = word[:n]  # type: ignore[assignment]  (for the rg/grep reference)
    out.update(_pinyin_keystrokes(index, sample, rng))
    index.close()
    store.close()
    return out


def _feed_index(index, store, pages_dir: Path, page_of: dict[str, tuple[str, str]],  # type: ignore[no-untyped-def]
                pages: list[tuple[str, str]]) -> tuple[list, int, int]:
    """Every page of the archive into `index`, page by page as the app does, noting where each
    article lives (`page_of`, `pages`): every 20th article (where the typed words come from), the
    number of articles and their clean bytes."""
    from civread.corpus import iter_pages
    from civread.model import Page

    sample: list = []
    articles = clean = 0
    for item in iter_pages([pages_dir]):
        if isinstance(item, Page):
            key = store.key_for(item.path) or item.path
            pages.append((key, item.path))
            index.add_articles(item.articles)
            for article in item.articles:
                page_of[article.id] = (key, item.path)
                if articles % 20 == 0:
                    sample.append(article)
                articles += 1
                clean += sum(len(p.text.encode("utf-8")) for p in article.paragraphs)
    return sample, articles, clean


def _typed_words(sample: list, rng: random.Random) -> list[str]:
    """SEARCH_WORDS realistic queries: 6 characters starting anywhere in a body paragraph."""
    from civread.search import fold_text

    words: list[str] = []
    while len(words) < SEARCH_WORDS:
        article = rng.choice(sample)
        if not article.paragraphs:
            continue
        text = fold_text(rng.choice(article.paragraphs).text)
        if len(text) >= 6:
            s = rng.randrange(len(text) - 5)
            words.append(text[s : s + 6])
    return words


def _keystroke_times(name: str, backend: object, words: list[str]) -> dict[str, float]:
    """Each word typed one character at a time into `backend`: p95/p50 ms and median hits per
    prefix length, as `{name}_p95_ms_{n}`, `{name}_p50_ms_{n}`, `{name}_hits_{n}`."""
    from civread.search import search

    out: dict[str, float] = {}
    times: dict[int, list[float]] = {n: [] for n in range(1, 7)}
    hits: dict[int, list[int]] = {n: [] for n in range(1, 7)}
    for word in words:
        for n in range(1, 7):
            t = time.perf_counter()
            result = search(backend, word[:n])  # type: ignore[arg-type]
            if result.per_article:
                result.spans_for(result.per_article[0][0])
            times[n].append(time.perf_counter() - t)
            hits[n].append(result.total_matches)
    for n in range(1, 7):
        out[f"{name}_p95_ms_{n}"] = 1000 * _percentile(times[n], 0.95)
        out[f"{name}_p50_ms_{n}"] = 1000 * _percentile(times[n], 0.5)
        out[f"{name}_hits_{n}"] = _percentile([float(h) for h in hits[n]], 0.5)
    return out


PINYIN_WORDS = 40  # pinyin queries typed per run, letter by letter


def _pinyin_keystrokes(index, sample, rng) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Pinyin typed letter by letter (2–12 letters: the words of 1–4 characters of a body
    paragraph, spelt as the projection reads them), against the same words typed in Chinese
    character by character, on the same backend: per-keystroke p95 by letters typed."""
    from civread import pinyin
    from civread.search import fold_text, search

    words: list[tuple[str, str]] = []  # (Chinese, pinyin)
    while len(words) < PINYIN_WORDS:
        article = rng.choice(sample)
        if not article.paragraphs:
            continue
        text = fold_text(rng.choice(article.paragraphs).text)
        size = rng.randint(2, 4)
        if len(text) < size:
            continue
        s = rng.randrange(len(text) - size + 1)
        chinese = text[s : s + size]
        if not all("\u4e00" <= ch <= "\u9fff" for ch in chinese):
            continue
        spelt = " ".join(pinyin.syllable_of(c) or "" for c in pinyin.project(chinese))
        letters = spelt.replace(" ", "")
        if 2 <= len(letters) <= 12:
            words.append((chinese, spelt))
    out: dict[str, float] = {}
    start = time.perf_counter()
    first = search(index, words[0][1])  # the session's first pinyin query: starts the build, waits for none
    out["pinyin_first_query_ms"] = 1000 * (time.perf_counter() - start)
    out["pinyin_first_query_incomplete"] = float(bool(first.incomplete))
    index.ensure_pinyin()  # the build, in its own thread: what the first pinyin queries' counts miss meanwhile
    out["pinyin_build_seconds"] = time.perf_counter() - start
    index.wait_indexed()
    out["pinyin_trigram_seconds"] = time.perf_counter() - start - out["pinyin_build_seconds"]
    py_times: list[float] = []
    py_hits: list[int] = []
    py_typed: list[tuple[float, str, int]] = []  # (seconds, keystrokes so far, matches): the slowest are printed
    zh_times: list[float] = []
    in_part: list[str] = []  # keystrokes answered on the first articles only (the rest follows)
    for chinese, spelt in words:
        typed = ""
        for ch in spelt:
            typed += ch
            if ch == " " or sum(c.isalpha() for c in typed) < 2:
                continue
            t = time.perf_counter()
            result = search(index, typed)
            if result.per_article:
                result.spans_for(result.per_article[0][0])
            py_times.append(time.perf_counter() - t)
            py_typed.append((py_times[-1], typed, result.total_matches))
            if result.incomplete:  # counted on the first articles: completed when asked again
                in_part.append(typed)
        py_hits.append(result.total_matches)
        for n in range(1, len(chinese) + 1):
            t = time.perf_counter()
            result = search(index, chinese[:n])
            if result.per_article:
                result.spans_for(result.per_article[0][0])
            zh_times.append(time.perf_counter() - t)
    out["pinyin_p95_ms"] = 1000 * _percentile(py_times, 0.95)
    out["pinyin_p50_ms"] = 1000 * _percentile(py_times, 0.5)
    out["pinyin_keystrokes"] = len(py_times)
    out["pinyin_hits"] = _percentile([float(h) for h in py_hits], 0.5)
    slowest = sorted(py_typed, reverse=True)[:6]
    out["pinyin_slowest"] = ", ".join(f"{q!r} {1000 * t:.0f} ms ({n} matches)" for t, q, n in slowest)  # type: ignore[assignment]
    out["chinese_p95_ms"] = 1000 * _percentile(zh_times, 0.95)
    out["chinese_p50_ms"] = 1000 * _percentile(zh_times, 0.5)
    # What the reader does a second after such a keystroke, when typing has paused: the same
    # query again, now counted on every article (timed after the typing, so as not to change it).
    whole: list[float] = []
    for typed in in_part:
        search(index, typed)  # the keystroke again: in part
        t = time.perf_counter()
        result = search(index, typed)
        whole.append(time.perf_counter() - t)
    out["pinyin_in_part"] = len(in_part)
    out["pinyin_whole_p95_ms"] = 1000 * _percentile(whole, 0.95)
    out["pinyin_whole_max_ms"] = 1000 * max(whole, default=0.0)
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
        figures.append(Figure("  same keystrokes, MemorySearch scan", data[f"indexed_p95_ms_{n}"], "ms",
                              "scan p95", data[f"scan_p95_ms_{n}"]))
    if "pinyin_p95_ms" in data:
        figures.append(Figure(f"search p95, pinyin 2-12 letters (p50 {data['pinyin_p50_ms']:.1f}, "
                              f"{data['pinyin_keystrokes']:.0f} keystrokes, median hits {data['pinyin_hits']:.0f})",
                              data["pinyin_p95_ms"], "ms", "same words in Chinese p95", data["chinese_p95_ms"]))
        if "pinyin_first_query_ms" in data:
            said = "says it is incomplete" if data["pinyin_first_query_incomplete"] else "complete"
            figures.append(Figure(f"  first pinyin query of a session ({said})", data["pinyin_first_query_ms"], "ms",
                                  "same words in Chinese p95", data["chinese_p95_ms"]))
        if "pinyin_in_part" in data:
            figures.append(Figure(f"  keystrokes counted on the first articles only: {data['pinyin_in_part']:.0f}; "
                                  "the rest when asked again, p95", data["pinyin_whole_p95_ms"], "ms",
                                  f"max {data['pinyin_whole_max_ms']:.0f} ms"))
        if data.get("pinyin_slowest"):
            figures.append(Figure(f"  slowest: {data['pinyin_slowest']}", 0.0, ""))
        figures.append(Figure("  pinyin indexes built (own thread, from the first pinyin query)",
                              data["pinyin_build_seconds"], "s",
                              f"then their trigram files {data['pinyin_trigram_seconds']:.1f} s in their threads"))
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
from civread.library import Finished, TextProgress
from civread.screens.reader import ReaderScreen
class ProbeScreen(ReaderScreen):
    # Textual calls the handler of every class in the MRO: no super() calls here.
    def on_loaded(self, message):
        if isinstance(message.event, Finished):
            marks["listed"] = time.time()
            marks["articles"] = len(self.library.articles)
            marks["listed_rss_mb"] = rss_mb()
            if WAIT_FOR_LOAD and not WAIT_FOR_INDEX:
                self.call_after_refresh(self.app.exit)
        elif isinstance(message.event, TextProgress) and message.event.finished and WAIT_FOR_INDEX:
            marks["searchable"] = time.time()
            threading.Thread(target=self.app.settle, daemon=True).start()
    def on_corpus_measured(self, message):
        self.app.corpus_measured = True
class Probe(CivreadApp):
    # Resolved against the real app's file (this probe has no file of its own).
    CSS_PATH = [str(pathlib.Path(inspect.getfile(CivreadApp)).parent / p) for p in (
        [CivreadApp.CSS_PATH] if isinstance(CivreadApp.CSS_PATH, (str, pathlib.PurePath)) else list(CivreadApp.CSS_PATH or []))]
    corpus_measured = False
    def get_default_screen(self):
        self._main_screen = ProbeScreen(self.library, self.state)
        return self._main_screen
    def on_ready(self):  # "the DOM is ready and the first frame has been displayed"
        marks.setdefault("first_paint", time.time())
        if COLD:  # watch the event loop while the archive is processed: a stall is a key that waits
            self.ticks = [time.perf_counter()]
            self.set_interval(TICK, lambda: self.ticks.append(time.perf_counter()))
            self.set_timer(COLD_SECONDS, self.cold_done)
        elif not WAIT_FOR_LOAD:
            self.exit()
    def cold_done(self):
        stalls = sorted(max(0.0, b - a - TICK) for a, b in zip(self.ticks, self.ticks[1:]))
        marks["stall_p95_ms"] = 1000 * stalls[int(0.95 * (len(stalls) - 1))] if stalls else 0.0
        marks["stall_max_ms"] = 1000 * stalls[-1] if stalls else 0.0
        marks["cold_seconds"] = COLD_SECONDS
        marks["cold_articles"] = len(self.library.articles)
        marks["cold_pages"] = self.library.page_count
        self.exit()
    def settle(self):
        # Every article searchable; now the trigram index (its own thread) and corpus metrics.
        self.search_backend.wait_indexed()
        marks["indexed"] = time.time()
        while not self.corpus_measured and time.time() - marks["indexed"] < 120:
            time.sleep(0.2)
        time.sleep(1.0)
        marks["open_rss_mb"] = rss_mb()
        clean = 0
        for key in self.library.to_measure.pages:
            page = self.library.read_page(key)
            for article in page.articles if page is not None else ():
                clean += sum(len(p.text.encode("utf-8")) for p in article.paragraphs)
        marks["clean_bytes"] = clean
        self.call_from_thread(self.exit)
def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
import threading
WAIT_FOR_LOAD = sys.argv[2] in ("1", "2")
WAIT_FOR_INDEX = sys.argv[2] == "2"
COLD = sys.argv[2] == "cold"
TICK, COLD_SECONDS = 0.02, 15.0
Probe([sys.argv[1]]).run(headless=True, size=(120, 40))
marks["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(marks))
"""


def _probe_app(path: Path, cache_dir: Path, wait_for: str, timeout: float = 600) -> dict[str, object]:
    """The app, headless, in a child: `wait_for` is "paint", "listed", "indexed" (every article
    searchable, the trigram index built and the corpus measured) or "cold" (15 s of a first open,
    the event loop's stalls timed)."""
    env = dict(os.environ, CIVREAD_CACHE_DIR=str(cache_dir))
    env.setdefault("CIVREAD_STATE_DIR", tempfile.mkdtemp(prefix="civread-bench-state-"))
    mode = {"paint": "0", "listed": "1", "indexed": "2", "cold": "cold"}[wait_for]
    start = time.time()
    try:
        done = subprocess.run([sys.executable, "-c", APP_PROBE, str(path), mode],
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


def _cold_open_figures(pages_dir: Path) -> list[Figure]:
    """The app's first open of the archive with an empty cache: first paint, pages listed as they
    come, event-loop stalls while processing (printed as not measured when the marks are missing)."""
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="civread-bench-cold-") as empty:
        cold = _probe_app(pages_dir, Path(empty), "cold", timeout=120)
    if "first_paint" in cold and "stall_max_ms" in cold:
        seconds = float(cold["cold_seconds"])
        figures += [
            Figure("app first paint, archive, first open (no cache)", float(cold["first_paint"]) - float(cold["start"]),
                   "s", "target 1 s", 1.0),
            Figure(f"  pages / articles listed after {seconds:.0f} s", float(cold["cold_pages"]), "pages",
                   f"{cold['cold_articles']} articles in the sidebar as they come"),
            Figure("  event-loop stall while processing, p95", float(cold["stall_p95_ms"]), "ms",
                   "a key waits at most this; frame 16.7 ms", 1000 / 60),
            Figure("  event-loop stall while processing, max", float(cold["stall_max_ms"]), "ms"),
        ]
    else:
        print(f"{'app first open (no cache)':<44} not measured ({cold.get('unavailable', 'no marks')})")
    return figures


def measure_app_startup(pages_dir: Path, cache_dir: Path) -> list[Figure] | None:
    """Process start → first paint of the real app (headless) on the seeds, vs `python -c 'import textual'`;
    and the app on the archive with the warm cache: first paint, every article listed, RSS."""
    from civread.seeds import seeds_dir

    figures: list[Figure] = []
    seeds = _probe_app(seeds_dir(), cache_dir, "paint", timeout=60)
    if "unavailable" in seeds:
        print(f"{'app start-up':<44} app not available yet ({seeds['unavailable']})")
        return figures
    textual = _process_seconds("import textual")
    figures.append(Figure("app first paint, seeds (process start →)", float(seeds["first_paint"]) - float(seeds["start"]),
                          "s", "python -c 'import textual'", textual))
    figures += _cold_open_figures(pages_dir)
    warm = _probe_app(pages_dir, cache_dir, "indexed")
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
        Figure("app RSS, every article listed", float(warm["listed_rss_mb"]), "MB"),
    ]
    if "open_rss_mb" in warm:
        clean_mb = float(warm["clean_bytes"]) / 1e6
        figures += [
            Figure("app every article's text searchable", float(warm["searchable"]) - t0, "s",
                   "progress bar meanwhile; keys work"),
            Figure("app trigram index built", float(warm["indexed"]) - t0, "s", "own thread; exact scans before"),
            Figure(f"app RSS, archive open, all indexed ({clean_mb:.0f} MB clean)", float(warm["open_rss_mb"]), "MB",
                   "limit 2×clean+200", 2 * clean_mb + 200),
            Figure("  peak RSS of the app process", float(warm["peak_rss_mb"]), "MB"),
        ]
        again = _probe_app(pages_dir, cache_dir, "indexed")  # the index kept by the run above
        if "indexed" in again:
            t1 = float(again["start"])
            figures += [
                Figure("app reopened: every article's text searchable", float(again["searchable"]) - t1, "s"),
                Figure("app reopened: trigram index ready (kept)", float(again["indexed"]) - t1, "s",
                       "built from scratch", float(warm["indexed"]) - t0),
                Figure("app reopened: RSS, all indexed", float(again["open_rss_mb"]), "MB",
                       "limit 2×clean+200", 2 * clean_mb + 200),
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


def _pipeline_figures(pages_dir: Path, files: list[Path], cache: Path, workers: int) -> tuple[list[Figure], float]:
    """Pipeline throughput against one process, cat and Python reading; first/second/fast loads and
    their RSS; the cache's size. Also the pool's MB/s, which the target line checks."""
    figures: list[Figure] = []
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
    return figures, pool_rate


def _print_hooks(pages_dir: Path, cache: Path) -> None:
    """Search latency and app start-up figures, each printed as it comes; a hook that fails is said
    and the next one still runs."""
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
    with tempfile.TemporaryDirectory(prefix="civread-bench-cache-") as tmp:
        cache = Path(tmp)
        figures, pool_rate = _pipeline_figures(pages_dir, files, cache, workers)
        print()
        for figure in figures:
            print(figure.line())
        _print_hooks(pages_dir, cache)
        target = 5.0
        print(f"\ntarget: pipeline ≥ {target} MB/s with {workers} processes: {'met' if pool_rate >= target else 'NOT met'}"
              f" ({pool_rate:.2f} MB/s)")
    if args.profile:
        profile(pages_dir, args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
