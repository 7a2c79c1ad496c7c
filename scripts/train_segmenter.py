"""Refit the segmenter's three small models (civread/pipeline/learned.py) on generated pages.

Why a script: the weights are numbers fitted to data, and whoever changes a feature or the page
generator must be able to fit them again. Pages come from the DEVELOPMENT part of the news
corpus only (benchmarks/pagegen.py splits it once; the held-out part is never read here), with
seeds other than the benchmark's, so the benchmark never scores a page the models saw.

    python scripts/train_segmenter.py [--pages 1800] [--corpus PATH] [--models new_story ...] [--write]

Each decision the segmenter meets is recorded with its features and the gold answer:
- subhead: a heading inside a running body is a subhead unless its text is part of a gold
  headline block (a run whose text is in a gold headline AND a gold body is followed but not
  learned: a lead restating its headline, a fragment of a broken title);
- tight_headline: a run printed tight above a paragraph (and not already told apart by its
  width or its phrase spaces) is a headline when its text is part of a gold headline block;
- new_story: a paragraph with no headline above it opens another story when its opening is
  in another gold body than the running body's last paragraph (paragraphs found in no gold
  body, or in two, are followed as going on and not learned).
While recording, the segmenter follows the gold answers, so each decision is seen in the state a
correct segmenter would be in. Logistic regressions (L2, Newton steps, no numerical
library needed) are fitted; each is printed with its accuracy on a fifth of the decisions kept
aside; `--write` stores the weights in civread/data/segmenter-weights.json.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import pagegen  # noqa: E402

from civread.pipeline import articles, headlines, learned  # noqa: E402
from civread.pipeline.process import process_text  # noqa: E402

_HAN = re.compile(r"[\u3400-\u9fff]")
Rows = list[tuple[list[float], int]]


def _bare(text: str) -> str:
    return "".join(_HAN.findall(text))


def collect(n_pages: int, corpus: str | None) -> dict[str, Rows]:
    rows: dict[str, Rows] = {"subhead": [], "tight_headline": [], "new_story": []}
    heads: list[str] = []
    bodies: list[str] = []

    def gold_role(run: headlines.HeadingRun) -> tuple[bool, bool]:
        """(part of a gold headline block, also found in a gold body): a run found in both (a
        lead restating its headline, a fragment of a broken title) is followed but not learned."""
        texts = {_bare(run.title), _bare(run.kicker + run.title)} - {""}
        in_head = any(t in h for t in texts for h in heads)
        return in_head, in_head and any(t in b for t in texts for b in bodies)

    def subhead(run: headlines.HeadingRun, features: Sequence[float]) -> bool:
        in_head, ambiguous = gold_role(run)
        if not ambiguous:
            rows["subhead"].append((list(features), int(not in_head)))
        return not in_head

    def tight(run: headlines.HeadingRun, features: Sequence[float]) -> bool:
        in_head, ambiguous = gold_role(run)
        if not ambiguous:
            rows["tight_headline"].append((list(features), int(in_head)))
        return in_head

    def gold_item(text: str) -> int | None:
        """The gold item whose body holds the paragraph's opening (None when none does, or two)."""
        key = _bare(text)[:12]
        if len(key) < 6:
            return None
        found = [k for k, b in enumerate(bodies) if key in b]
        return found[0] if len(found) == 1 else None

    def new_story(last: str, paragraph: str, features: Sequence[float]) -> bool:
        before, here = gold_item(last), gold_item(paragraph)
        if before is None or here is None:
            return False
        rows["new_story"].append((list(features), int(before != here)))
        return before != here

    articles.decide_new_story = new_story  # type: ignore[assignment]
    articles.decide_subhead = subhead  # type: ignore[assignment]
    headlines.decide_tight = tight  # type: ignore[assignment]
    for difficulty in pagegen.DIFFICULTIES:
        for seed in (101, 102):
            for page in pagegen.generate("dev", seed, difficulty, n_pages // 6, corpus):
                heads[:] = [g.head_han for g in page.items]
                bodies[:] = [g.body_han for g in page.items]
                process_text(page.text, f"{page.id}.txt")
    return rows


def fit(rows: Rows, l2: float = 1e-3, rounds: int = 25) -> list[float]:
    """L2-regularised logistic regression by Newton's method (a few exact steps, not thousands
    of gradient ones: the decisions number tens of thousands and no numerical library is needed)."""
    n = len(rows[0][0])
    w = [0.0] * n
    for _ in range(rounds):
        grad = [l2 * x for x in w]
        hess = [[l2 if i == j else 0.0 for j in range(n)] for i in range(n)]
        for x, y in rows:
            z = sum(a * b for a, b in zip(w, x))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            d, v = (p - y) / len(rows), p * (1.0 - p) / len(rows)
            for i, xi in enumerate(x):
                if xi:
                    grad[i] += d * xi
                    row, vxi = hess[i], v * xi
                    for j, xj in enumerate(x):
                        if xj:
                            row[j] += vxi * xj
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the matrix is small and positive definite)."""
    n = len(vector)
    m = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for c in range(n):
        pivot = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[pivot] = m[pivot], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            if f:
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    out = [0.0] * n
    for r in range(n - 1, -1, -1):
        out[r] = (m[r][n] - sum(m[r][k] * out[k] for k in range(r + 1, n))) / m[r][r]
    return out


Stump = tuple[int, float, float, float]


def fit_stumps(rows: Rows, rounds: int = 150, rate: float = 0.3, bins: int = 24, l2: float = 1.0) -> tuple[float, list[Stump]]:
    """Gradient-boosted one-question trees on the logistic loss (Newton leaf values, thresholds
    among each feature's quantiles): weak signals that count only together are learned."""
    n, d = len(rows), len(rows[0][0])
    share = min(max(sum(y for _, y in rows) / n, 1e-4), 1 - 1e-4)
    base = math.log(share / (1 - share))
    cuts: list[list[float]] = []
    for f in range(d):
        values = sorted(x[f] for x, _ in rows)
        cuts.append(sorted({values[(k * n) // bins] for k in range(1, bins)}))
    binned = [[_bin(cuts[f], x[f]) for f in range(d)] for x, _ in rows]
    score = [base] * n
    stumps: list[Stump] = []
    for _ in range(rounds):
        grad = [0.0] * n
        hess = [0.0] * n
        for i, (_, y) in enumerate(rows):
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score[i]))))
            grad[i], hess[i] = p - y, max(p * (1 - p), 1e-6)
        total_g, total_h = sum(grad), sum(hess)
        best: tuple[float, int, int] | None = None
        for f in range(d):
            if not cuts[f]:
                continue
            g_bins = [0.0] * (len(cuts[f]) + 1)
            h_bins = [0.0] * (len(cuts[f]) + 1)
            for i in range(n):
                b = binned[i][f]
                g_bins[b] += grad[i]
                h_bins[b] += hess[i]
            g_low = h_low = 0.0
            for b in range(len(cuts[f])):
                g_low += g_bins[b]
                h_low += h_bins[b]
                g_high, h_high = total_g - g_low, total_h - h_low
                gain = g_low**2 / (h_low + l2) + g_high**2 / (h_high + l2) - total_g**2 / (total_h + l2)
                if best is None or gain > best[0]:
                    best = (gain, f, b)
        if best is None:
            break
        _, f, b = best
        g_low = sum(grad[i] for i in range(n) if binned[i][f] <= b)
        h_low = sum(hess[i] for i in range(n) if binned[i][f] <= b)
        low = -rate * g_low / (h_low + l2)
        high = -rate * (total_g - g_low) / (total_h - h_low + l2)
        stumps.append((f, cuts[f][b], low, high))
        for i in range(n):
            score[i] += low if binned[i][f] <= b else high
    return base, stumps


def _bin(cuts: Sequence[float], value: float) -> int:
    """Index of the first cut at or above `value` (values at or below cut k fall in bin k)."""
    lo, hi = 0, len(cuts)
    while lo < hi:
        mid = (lo + hi) // 2
        if value <= cuts[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


def stumps_score(base: float, stumps: Sequence[Stump], x: Sequence[float]) -> float:
    return base + sum(low if x[f] <= t else high for f, t, low, high in stumps)


def accuracy(w: Sequence[float], rows: Rows) -> float:
    ok = sum((sum(a * b for a, b in zip(w, x)) >= 0) == bool(y) for x, y in rows)
    return ok / len(rows) if rows else float("nan")


def stumps_accuracy(base: float, stumps: Sequence[Stump], rows: Rows) -> float:
    ok = sum((stumps_score(base, stumps, x) >= 0) == bool(y) for x, y in rows)
    return ok / len(rows) if rows else float("nan")


MODELS = {
    "subhead": learned.SUBHEAD_FEATURES,
    "tight_headline": learned.TIGHT_FEATURES,
    "new_story": learned.NEW_STORY_FEATURES,
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=1800)
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--write", action="store_true", help="store the weights in civread/data/segmenter-weights.json")
    ap.add_argument("--models", nargs="+", choices=MODELS, default=list(MODELS),
                    help="refit only these (the others keep their stored weights)")
    args = ap.parse_args(argv)
    collected = collect(args.pages, args.corpus)
    target = REPO / "tui" / "civread" / "data" / learned.WEIGHTS_FILE
    stored: dict[str, dict[str, object]] = json.loads(target.read_text(encoding="utf-8"))
    for name in args.models:
        features = MODELS[name]
        rows = collected[name]
        random.Random(0).shuffle(rows)
        cut = len(rows) * 4 // 5
        w = fit(rows[:cut])
        share = sum(y for _, y in rows) / len(rows)
        linear = accuracy(w, rows[cut:])
        print(f"{name}: {len(rows)} decisions ({share:.0%} yes); accuracy {accuracy(w, rows[:cut]):.3f} fitted, "
              f"{linear:.3f} on the fifth kept aside (one answer for all: {max(share, 1 - share):.3f})")
        base, stumps = fit_stumps(rows[:cut])
        boosted = stumps_accuracy(base, stumps, rows[cut:])
        print(f"  boosted stumps: {stumps_accuracy(base, stumps, rows[:cut]):.3f} fitted, {boosted:.3f} on the fifth kept aside")
        if boosted > linear:
            base, stumps = fit_stumps(rows)
            stored[name] = {"features": list(features), "kind": "stumps", "base": round(base, 4),
                            "stumps": [[f, round(t, 6), round(low, 4), round(high, 4)] for f, t, low, high in stumps]}
            print("  kept: boosted stumps")
            continue
        w = fit(rows)
        for feature, weight in zip(features, w):
            print(f"  {feature:22} {weight:+.3f}")
        stored[name] = {"features": list(features), "weights": [round(x, 4) for x in w]}
    if args.write:
        target.write_text(json.dumps(stored, indent=1) + "\n", encoding="utf-8")
        print(f"written to {target.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
