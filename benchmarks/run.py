"""civread at archive scale: every figure next to a reference measured in the same run.

    python benchmarks/run.py [--pages 10000] [--archive DIR] [--profile 200]

Builds (or reuses) a synthetic archive (`make_archive.py`), then measures, each load in a
fresh child process so timings and peak memory are its own:

* pipeline throughput, MB/s of raw page bytes, all cores (`civread.parallel`, no cache);
  references: one process on the same pages, and plain reading of the same bytes (`cat`, Python);
* first load (`load_corpus`, empty cache) and second load (warm cache), reference: the first;
* the app's fast second open (`cached_index`: every article listed, no page unpickled);
* peak RSS of the loading process (and of its workers) against the cleaned text it holds;
* search latency and app start-up: hooks (`measure_search`, `measure_app_startup`) that print
  "not measured yet" until their owners fill them in.

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


def measure_search(pages_dir: Path, cache_dir: Path) -> list[Figure] | None:
    """Search latency on the archive (owner: search). None until implemented."""
    return None


def measure_app_startup(pages_dir: Path, cache_dir: Path) -> list[Figure] | None:
    """App start-up to first article listed, cold and warm cache (owner: app). None until implemented."""
    return None


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
            result = hook(pages_dir, cache)
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
