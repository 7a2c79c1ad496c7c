"""`civread export` at archive scale: every figure next to its reference, measured in the same run.

    python benchmarks/export.py                 # the 1,000- and 10,000-page archives
    python benchmarks/export.py --pages 1000    # one size (a quick run: --pages 300)
    python benchmarks/export.py --pages 1000 --rounds 3   # pipeline and cold export alternated, medians

For each archive (built by `make_archive.py`, reused when already there) it measures, each run in
a fresh child process so its time and peak memory are its own:

* export, empty cache (`civread export -o FILE`, JSON lines): MB/s of raw pages, against the page
  pipeline's own throughput on the same processes (`process_in_order`, which now also measures
  each article: what processing a page is) and against the reader's first load (`load_corpus`);
  target ≥ 0.9 × the pipeline;
* export again, warm cache: MB/s of raw pages, against reading the cached rows alone (every page,
  measures and summary row of the archive, straight from SQLite); target ≥ 40 MB/s. An export of
  the same pages again finds their keywords remembered against this corpus and its reprint
  grouping kept; the same warm export with both dropped (what another set of already-cached
  pages costs: the keyword model summed, every article ranked, every signature read and
  grouped) is printed too;
* the same warm export as Parquet;
* peak resident memory of the exporting process (its workers apart); target ≤ 300 MB;
* the reader on the warm archive: first paint and every article listed (`run.py`'s probe),
  against the README's figures before this change (0.48 s / 1.20 s on the 10,000 pages); with
  `--reader-baseline DIR` (a checkout of civread before this change, e.g. the main branch's), also
  against that code's reader on its own warm cache, the two alternated in the same minutes
  (`--reader-rounds`, medians). The baseline's code is only read (no bytecode is written there).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402  (a sibling script: archive, child phases, the app probe)
from run import Figure  # noqa: E402

WORKERS = 2  # the reference: the pipeline on two processes
RSS_TARGET_MB = 300.0
WARM_TARGET_MBS = 40.0
COLD_TARGET_RATIO = 0.9
# The README's "second open" figures before this change (10,000 pages): no slower than these.
README_FIRST_PAINT_S = 0.48
README_LISTED_S = 1.20


def export_phase(pages_dir: Path, fmt: str, out: Path) -> dict[str, float]:
    """In a child: `civread export` as a person runs it; time and peak RSS of this process."""
    from civread.export import main

    cpu_before = run.cpu_seconds()  # the imports above apart, as the pipeline phase's
    start = time.perf_counter()
    code = main([str(pages_dir), "--format", fmt, "-o", str(out)])
    seconds = time.perf_counter() - start
    return {
        "code": code,
        "seconds": seconds,
        "rss_mb": run._rss_mb(resource.RUSAGE_SELF),
        "children_rss_mb": run._rss_mb(resource.RUSAGE_CHILDREN),
        "cpu_seconds": run.cpu_seconds() - cpu_before,
        "out_bytes": out.stat().st_size if out.exists() else 0,
    }


def rows_phase() -> dict[str, float]:
    """In a child: every cached row an export reads (page blob, measures, summaries), read alone."""
    from civread.cache import DB_NAME, cache_dir, cache_version

    db = sqlite3.connect(str(cache_dir() / DB_NAME))
    version = cache_version()
    start = time.perf_counter()
    total = 0
    for (blob,) in db.execute("SELECT blob FROM pages WHERE version = ?", (version,)):
        total += len(blob)
    for terms, rest in db.execute("SELECT terms, rest FROM measures WHERE version = ?", (version,)):
        total += len(terms) + len(rest)
    for words, export, rank in db.execute("SELECT words, export, rank FROM exports WHERE version = ?", (version,)):
        total += len(words) + len(export) + len(rank)
    for row in db.execute("SELECT * FROM articles WHERE version = ?", (version,)):
        total += len(row)
    return {"seconds": time.perf_counter() - start, "read": total}


def forget_phase() -> dict[str, float]:
    """In a child: drop the keywords the cache remembers against a corpus and the reprint
    groupings it keeps (nothing else): what an export of another set of cached pages redoes."""
    from civread.cache import DB_NAME, cache_dir

    db = sqlite3.connect(str(cache_dir() / DB_NAME))
    with db:
        db.execute("DELETE FROM keywords")
        db.execute("DELETE FROM groupings")
    db.close()
    return {"seconds": 0.0}


@contextlib.contextmanager
def _code_from(tree: Path | None):
    """Children started inside import civread from `tree`/tui (None: this checkout), writing no
    bytecode there."""
    if tree is None:
        yield
        return
    saved = {k: os.environ.get(k) for k in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}
    os.environ["PYTHONPATH"] = str(tree / "tui")
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def reader_figures(pages_dir: Path, cache: Path, baseline: Path | None, rounds: int) -> list[Figure]:
    """The reader on the warm archive: first paint and every article listed, this code against the
    README's figures and, with a baseline checkout, against its reader (alternated, medians)."""
    runs: dict[str, list[dict[str, object]]] = {"this": [], "baseline": []}
    with tempfile.TemporaryDirectory(prefix="civread-bench-baseline-") as other:
        if baseline is not None:
            with _code_from(baseline):  # the baseline's own cache, made warm by its own first load
                run.run_phase("first", pages_dir, Path(other), workers=WORKERS)
        for _ in range(max(1, rounds)):
            runs["this"].append(run._probe_app(pages_dir, cache, "listed"))
            if baseline is not None:
                with _code_from(baseline):
                    runs["baseline"].append(run._probe_app(pages_dir, Path(other), "listed"))
    figures: list[Figure] = []

    def marks(name: str, mark: str) -> float | None:
        got = [float(r[mark]) - float(r["start"]) for r in runs[name] if mark in r]  # type: ignore[arg-type]
        return statistics.median(got) if got else None

    for mark, label, readme in (("first_paint", "first paint", README_FIRST_PAINT_S), ("listed", "every article listed", README_LISTED_S)):
        mine = marks("this", mark)
        if mine is None:
            print(f"reader on the archive: not measured ({runs['this'][-1].get('unavailable', 'no marks')})")
            return figures
        figures.append(Figure(f"  reader, warm: {label}", mine, "s", "README before (10,000 pages)", readme))
        before = marks("baseline", mark)
        if before is not None:
            figures.append(Figure(f"  reader, warm: {label}, median of {len(runs['this'])}", mine, "s",
                                  f"{baseline} alternated", before))  # fmt: skip
    return figures


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    """The run of median time (its memory figures with it)."""
    return sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]


def _child(args: list[str], cache: Path) -> dict[str, float]:
    env = dict(os.environ, CIVREAD_CACHE_DIR=str(cache))
    done = subprocess.run([sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(
    pages: int, archive: Path | None, rounds: int = 1, baseline: Path | None = None, reader_rounds: int = 3
) -> list[Figure]:
    directory = archive or Path(tempfile.gettempdir()) / f"civread-archive-{pages}"
    pages_dir = run.ensure_archive(directory, pages)
    files = run.archive_files(pages_dir)
    mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"{len(files)} files, {mb:.1f} MB; {WORKERS} processes")
    with tempfile.TemporaryDirectory(prefix="civread-bench-export-") as tmp:
        cache, out = Path(tmp) / "cache", Path(tmp) / "out"
        run.run_phase("read", pages_dir, cache)  # the files into the OS cache, for every run alike
        export_args = ["--phase", "export", "--archive", str(pages_dir), "--format", "jsonl", "--out", str(out)]
        # On a shared machine the load drifts: the pipeline and the cold export alternate, and
        # with several rounds each figure is the median of its runs.
        pipelines, firsts, colds = [], [], []
        for _ in range(rounds):
            pipelines.append(run.run_phase("pipeline", pages_dir, cache, workers=WORKERS))
            with tempfile.TemporaryDirectory(prefix="civread-bench-first-") as other:
                firsts.append(run.run_phase("first", pages_dir, Path(other), workers=WORKERS))
            shutil.rmtree(cache, ignore_errors=True)
            colds.append(_child(export_args, cache))
        pipeline, first, cold = (_median(runs) for runs in (pipelines, firsts, colds))
        pipeline_rate = mb / pipeline["seconds"]
        warm = _child(["--phase", "export", "--archive", str(pages_dir), "--format", "jsonl", "--out", str(out)], cache)
        jsonl_mb = warm["out_bytes"] / 1e6
        _child(["--phase", "forget"], cache)
        ranked = _child(["--phase", "export", "--archive", str(pages_dir), "--format", "jsonl", "--out", str(out)], cache)
        parquet = _child(["--phase", "export", "--archive", str(pages_dir), "--format", "parquet",
                          "--out", str(out) + ".parquet"], cache)  # fmt: skip
        rows = _child(["--phase", "rows"], cache)
        cold_rate, warm_rate = mb / cold["seconds"], mb / warm["seconds"]
        figures = [
            Figure(f"[{len(files)} pages] export, empty cache{f' (median of {rounds})' if rounds > 1 else ''}", cold_rate, "MB/s",
                   f"pipeline, {WORKERS} processes", pipeline_rate),
            Figure("  same, against the reader's first load", cold_rate, "MB/s",
                   "load_corpus, empty cache", mb / first["seconds"]),
            Figure("  target: ≥ 0.9 × the pipeline", cold_rate / pipeline_rate, "ratio", "target", COLD_TARGET_RATIO),
            Figure("  same, by CPU time (process + workers): MB per CPU second", mb / cold["cpu_seconds"], "MB/s",
                   "the pipeline's", mb / pipeline["cpu_seconds"]),
            Figure(f"  export, warm cache ({jsonl_mb:.0f} MB of JSON lines)", warm_rate, "MB/s",
                   "reading the cached rows alone", mb / rows["seconds"]),
            Figure("  target: warm export ≥ 40 MB/s", warm_rate, "MB/s", "target", WARM_TARGET_MBS),
            Figure("  warm, keywords ranked and reprints grouped afresh (another set of pages)", mb / ranked["seconds"], "MB/s",
                   "reading the cached rows alone", mb / rows["seconds"]),
            Figure(f"  export as Parquet, warm ({parquet['out_bytes'] / 1e6:.0f} MB)", mb / parquet["seconds"], "MB/s",
                   "JSON lines, warm", warm_rate),
            Figure("  peak RSS of the export, empty cache", cold["rss_mb"], "MB", "target", RSS_TARGET_MB),
            Figure("  peak RSS of the export, warm cache", warm["rss_mb"], "MB", "target", RSS_TARGET_MB),
            Figure("  peak RSS, Parquet", parquet["rss_mb"], "MB", "target", RSS_TARGET_MB),
            Figure("  peak RSS, warm, ranked and grouped afresh", ranked["rss_mb"], "MB", "target", RSS_TARGET_MB),
            Figure("  peak RSS of a worker (empty cache)", cold["children_rss_mb"], "MB"),
        ]
        for name, result in (("cold", cold), ("warm", warm), ("parquet", parquet)):
            if result["code"] != 0:
                print(f"export ({name}) exited {result['code']:.0f}")
        figures += reader_figures(pages_dir, cache, baseline, reader_rounds)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, action="append", help="archive size (repeatable; default 1000 and 10000)")
    parser.add_argument("--archive", type=Path, default=None, help="archive folder (with one --pages)")
    parser.add_argument("--rounds", type=int, default=1, help="alternate pipeline and cold export N times, medians")
    parser.add_argument("--reader-baseline", type=Path, default=None, metavar="DIR",
                        help="a civread checkout before this change: its reader is measured alternately")
    parser.add_argument("--reader-rounds", type=int, default=3, help="reader probes per code (medians)")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--format", default="jsonl", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase == "export":
        print(json.dumps(export_phase(args.archive, args.format, args.out)))
        return 0
    if args.phase == "forget":
        print(json.dumps(forget_phase()))
        return 0
    if args.phase == "rows":
        print(json.dumps(rows_phase()))
        return 0
    sizes = args.pages or [1000, 10_000]
    figures: list[Figure] = []
    for pages in sizes:
        measured = measure(pages, args.archive if len(sizes) == 1 else None, max(1, args.rounds),
                           args.reader_baseline, args.reader_rounds)
        for figure in measured:
            print(figure.line(), flush=True)
        figures += measured
    print("\nall sizes:")
    for figure in figures:
        print(figure.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
