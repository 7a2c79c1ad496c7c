"""What issue 14's measures cost where pages are processed, and what grouping reprints costs.

    python benchmarks/research.py [--pages 300] [--archive DIR] [--sample 200]

On a sample of the synthetic archive (`make_archive.py`, shared with `run.py`), in one process:

* the page pipeline plus `measure_page` as it runs in the workers, against the same with the
  new work left out (the reprint signature in the measures, the pinyin readings in the
  pipeline's last step) — the reference, same pages, same run, alternated so load drifts hit both;
* each new measure alone, per MB of cleaned text;
* `group_reprints` over every article's signature of the sample repeated to the archive's
  article count (what a first open adds, once; a warm open reads the stored signatures), and
  the groups it finds;
* dates: how many articles got one, by source.

The archive's pages recombine the seeds' articles, so most articles ARE reprints of each other:
the grouping's worst case (large groups), not a typical corpus.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402  (a sibling script: the archive)


def _time_pipeline(blobs: list[tuple[str, bytes]]) -> tuple[float, float, list]:
    """Best of two rounds of pipeline + measures over `blobs`, without the new measures (the
    reference) and with them: (reference s, with s, the pages of the last round)."""
    from civread.measures import metrics
    from civread.pipeline import LoadError, finish, process_bytes

    def one_round(with_new: bool) -> tuple[float, list]:
        saved = (metrics.article_signature, finish.article_readings)
        if not with_new:
            metrics.article_signature = lambda a: b""  # type: ignore[assignment]
            finish.article_readings = lambda a: ()  # type: ignore[assignment]
        try:
            start = time.perf_counter()
            pages = []
            for path, data in blobs:
                try:
                    page = process_bytes(data, path)
                except LoadError:
                    continue
                metrics.measure_page(page.articles)
                pages.append(page)
            return time.perf_counter() - start, pages
        finally:
            metrics.article_signature, finish.article_readings = saved

    one_round(True)  # warm every lazy table (pypinyin, gazetteer, jieba) before timing
    times: dict[bool, list[float]] = {True: [], False: []}
    pages: list = []
    for _ in range(2):
        for flag in (False, True):
            seconds, pages = one_round(flag)
            times[flag].append(seconds)
    return min(times[False]), min(times[True]), pages


def _time_grouping(sigs: list[tuple[str, bytes]], target: int) -> None:
    """group_reprints over `target` signatures (the sample's, repeated), then over the sample alone."""
    from civread.measures.reprints import group_reprints

    repeated = [(f"{aid}#{k}", sig) for k in range(max(1, target // max(1, len(sigs)) + 1)) for aid, sig in sigs][:target]
    start = time.perf_counter()
    groups = group_reprints(repeated)
    seconds = time.perf_counter() - start
    sizes = sorted((len(g) for g in groups.groups), reverse=True)
    print(f"group_reprints over {len(repeated):,} signatures {seconds:8.3f} s  "
          f"({len(groups)} groups, largest {sizes[:3]}, {sum(sizes):,} articles in groups)")
    one = group_reprints(sigs)
    print(f"  on the sample alone: {len(one)} groups over {len(sigs)} articles")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=run.QUICK_PAGES, help="archive size (default: the quick 300)")
    parser.add_argument("--archive", type=Path, default=None)
    parser.add_argument("--sample", type=int, default=200, help="pages processed in this process")
    parser.add_argument("--articles", type=int, default=0, help="articles to group (default: ~10 a page of --pages)")
    args = parser.parse_args(argv)

    from civread.measures.reprints import article_signature
    from civread.pinyin import article_readings

    pages_dir = run.ensure_archive(args.archive or Path(f"/tmp/civread-archive-{args.pages}"), args.pages)
    files = run.archive_files(pages_dir)[: args.sample]
    blobs = [(str(f), f.read_bytes()) for f in files]

    base, new, pages = _time_pipeline(blobs)
    articles = [a for p in pages for a in p.articles]
    clean_mb = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    print(f"sample: {len(pages)} pages, {len(articles)} articles, {clean_mb:.2f} MB cleaned text")
    print(f"pipeline + measures, without the new measures {base:8.2f} s  (reference)")
    print(f"pipeline + measures, with them               {new:8.2f} s  ratio {new / base:.3f}")

    for name, fn in (("reprint signature", article_signature), ("pinyin readings", article_readings)):
        start = time.perf_counter()
        for a in articles:
            fn(a)
        seconds = time.perf_counter() - start
        print(f"{name:<24} {seconds:8.3f} s  {seconds / clean_mb * 1000:7.1f} ms/MB  {seconds / base * 100:5.1f}% of the reference")

    _time_grouping([(a.id, article_signature(a)) for a in articles], args.articles or 10 * args.pages)

    sources = Counter(a.date_source for a in articles)
    print("dates by source:", dict(sources))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
