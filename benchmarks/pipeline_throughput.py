"""Pipeline throughput on the seed pages repeated to at least 5 MB, traditional pages among them.

    python benchmarks/pipeline_throughput.py [--mb 5] [--workers 2]

Prints MB/s of raw page bytes through `process_bytes` on one process and on a pool of
`--workers` processes (issue 9's target: 5 MB/s on two), and, measured in the same run on the
same bytes, two references: decoding + splitting lines (the floor any pipeline pays) and
OpenCC's t2s conversion alone (the one library step every traditional page needs).

The pool's workers are spawned fresh, and each has processed a page before the clock starts (start-up is
printed on its own line): the figure is the pipeline's steady rate, pages sent as bytes in
chunks and each worker's result (the page's article count) sent back. Note that the corpus is
the same ten pages over and over, so the pipeline's per-text memories (words, place scans,
pinyin readings) are warmer than on an archive of distinct pages.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time

from opencc import OpenCC

from civread.pipeline import process_bytes
from civread.seeds import seeds_dir


def build_corpus(target_bytes: int) -> list[tuple[str, bytes]]:
    """The seeds, plus each simplified seed converted to traditional, repeated to the target size."""
    to_traditional = OpenCC("s2t")
    base: list[tuple[str, bytes]] = []
    for path in sorted(seeds_dir().glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        base.append((path.name, text.encode("utf-8")))
        base.append((f"trad-{path.name}", to_traditional.convert(text).encode("utf-8")))
    if not base:
        raise SystemExit(f"no seed pages in {seeds_dir()}")
    pages: list[tuple[str, bytes]] = []
    size = 0
    while size < target_bytes:
        for name, data in base:
            pages.append((f"{len(pages):05d}-{name}", data))
            size += len(data)
    return pages


def timed(label: str, pages: list[tuple[str, bytes]], work) -> float:
    total = sum(len(d) for _, d in pages)
    start = time.perf_counter()
    for name, data in pages:
        work(name, data)
    seconds = time.perf_counter() - start
    rate = total / seconds / 1e6
    print(f"{label:<42} {total / 1e6:7.2f} MB in {seconds:6.2f} s = {rate:7.2f} MB/s")
    return rate


def _articles_of(page: tuple[str, bytes]) -> int:
    """One page through the pipeline in a worker; only its article count travels back."""
    return len(process_bytes(page[1], page[0]).articles)


def timed_pool(label: str, pages: list[tuple[str, bytes]], workers: int) -> float:
    """MB/s of the pipeline on a pool of `workers` processes, warm (start-up printed apart)."""
    total = sum(len(d) for _, d in pages)
    # Fresh workers (spawned, not forked from this process, whose memories the 1-process line warmed).
    context = multiprocessing.get_context("spawn")
    start = time.perf_counter()
    with context.Pool(workers) as pool:
        pool.map(_articles_of, pages[:workers], chunksize=1)  # every worker imported and warm
        ready = time.perf_counter()
        print(f"{'  pool start-up (' + str(workers) + ' workers, not counted)':<42} {ready - start:6.2f} s")
        begin = time.perf_counter()
        pool.map(_articles_of, pages, chunksize=4)
        seconds = time.perf_counter() - begin
    rate = total / seconds / 1e6
    print(f"{label:<42} {total / 1e6:7.2f} MB in {seconds:6.2f} s = {rate:7.2f} MB/s")
    return rate


TARGET_MB_S = 5.0  # issue 9: at least this on two processes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    parser.add_argument("--workers", type=int, default=2, help="processes in the pool line (default 2)")
    args = parser.parse_args(argv)
    pages = build_corpus(int(args.mb * 1e6))
    traditional = sum(1 for name, _ in pages if "trad-" in name)
    print(f"corpus: {len(pages)} pages, {traditional} of them traditional")
    t2s = OpenCC("t2s")
    floor = timed("reference: decode + split lines", pages, lambda n, d: d.decode("utf-8").splitlines())
    opencc_rate = timed("reference: OpenCC t2s alone (all pages)", pages, lambda n, d: t2s.convert(d.decode("utf-8")))
    pipeline = timed("civread pipeline (1 process)", pages, lambda n, d: process_bytes(d, n))
    print(f"ratio pipeline / decode+split:  {pipeline / floor:8.4f}")
    print(f"ratio pipeline / OpenCC alone: {pipeline / opencc_rate:8.4f}")
    pooled = timed_pool(f"civread pipeline ({args.workers} processes)", pages, args.workers)
    print(f"ratio {args.workers} processes / 1 process:   {pooled / pipeline:8.4f}")
    print(f"ratio {args.workers} processes / decode+split:  {pooled / floor:8.4f}")
    print(f"ratio {args.workers} processes / OpenCC alone: {pooled / opencc_rate:8.4f}")
    print(f"ratio {args.workers} processes / target {TARGET_MB_S:g} MB/s: {pooled / TARGET_MB_S:8.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
