"""Pipeline throughput on the seed pages repeated to at least 5 MB, traditional pages among them.

    python benchmarks/pipeline_throughput.py [--mb 5]

Prints MB/s of raw page bytes through `process_bytes` (one process), and, measured in the same
run on the same bytes, two references: decoding + splitting lines (the floor any pipeline pays)
and OpenCC's t2s conversion alone (the one library step every traditional page needs).
"""

from __future__ import annotations

import argparse
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
