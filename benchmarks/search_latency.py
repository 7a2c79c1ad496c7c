"""Benchmark MemorySearch on the seed articles repeated to N articles."""
import dataclasses
import random
import resource
import statistics
import sys
import time

from civread.corpus import load_corpus
from civread.search import MemorySearch, SearchOptions, fold_text
from civread.seeds import seeds_dir

N = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
base = load_corpus([seeds_dir()]).articles
arts = [dataclasses.replace(base[i % len(base)], id=f"x{i:06d}") for i in range(N)]
chars = sum(len(fold_text(a.display_title)) + sum(len(p.text) for p in a.paragraphs) for a in base) * N / len(base)
t = time.perf_counter()
m = MemorySearch()
for i in range(0, N, 500):  # incremental, as pages load
    m.add_articles(arts[i : i + 500])
build = time.perf_counter() - t
print(f"{N} articles, ~{chars/1e6:.1f} M chars (~{chars*3/1e6:.0f} MB UTF-8); build {build:.2f} s; maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024:.0f} MB")
rng = random.Random(1)
text = "".join(fold_text(p.text) for a in base for p in a.paragraphs)
for regex in (False, True):
    for n in range(1, 7):
        times: list[float] = []
        totals: list[int] = []
        for _ in range(15):
            s = rng.randrange(len(text) - n)
            q = text[s : s + n]
            if regex:
                q = q[:-1] + "." if n > 1 else q
            t = time.perf_counter()
            r = m.search(q, SearchOptions(regex=regex, time_budget=30))
            times.append(time.perf_counter() - t)
            totals.append(r.total_matches)
        times.sort()
        print(f"{'regex' if regex else 'plain'} len {n}: p50 {statistics.median(times)*1000:.0f} ms  p95 {times[int(len(times)*0.95)-1]*1000:.0f} ms  max {times[-1]*1000:.0f} ms  (median hits {statistics.median(totals):.0f})")
t = time.perf_counter()
r = m.search("不存在的词语")
print(f"not found: {(time.perf_counter()-t)*1000:.0f} ms")
t = time.perf_counter()
r = m.search("的")
sp = r.spans_for(r.per_article[0][0])
print(f"'的' {r.total_matches} matches; spans for one article {(time.perf_counter()-t)*1000:.0f} ms incl. search")
t = time.perf_counter()
sp = m.match_spans(r.per_article[5][0], "的")
print(f"spans only: {(time.perf_counter()-t)*1000:.2f} ms, {len(sp)} spans")
