"""Saved web pages: civread's article extraction against the reference extractors, in one run.

    python benchmarks/webpages.py [FOLDER] [--pages dev|held-out|all] [--per-page [EXTRACTOR]] [--only A,B]

FOLDER holds `pages/`, `gold.json` and `score.py` (default: `../shared/webpages` next to the
repository). The scorer's own logic is imported from FOLDER/score.py at run time (never copied).

For each extractor it prints body F1 mean, pages with F1 below 0.8, exact headlines, records
beyond the first (extra records) and milliseconds per page, separately for a DEV split and a
HELD-OUT split. The split is chosen once, deterministically, and never changes:

    the page names sorted; every 4th page (index 3, 7, 11, … in that order) is HELD-OUT,
    the others are DEV (57 pages: 14 held out, 43 dev).

Rules were tuned by looking at DEV pages only; `--per-page` prints DEV pages only, so tuning
never sees a held-out page's output.

Extractors: civread (the whole pipeline, `process_text`, one record per article it emits);
trafilatura with its defaults; trafilatura with `include_comments=False`; readability-lxml
(`Document(html).summary(html_partial=True)` as block lines, title `short_title()`); GNE only
when it can be imported (it is not a dependency of civread). Each page is decoded once (UTF-8,
else GB18030 with replacement), as the reference figures in FOLDER/README.md were made.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

Record = dict[str, str]
Extractor = Callable[[str, str], list[Record]]

HELD_OUT_EVERY = 4  # sorted names, index % 4 == 3 held out


def split(names: list[str]) -> tuple[list[str], list[str]]:
    """(dev, held_out): the fixed split described in the module docstring."""
    ordered = sorted(names)
    held = [n for i, n in enumerate(ordered) if i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1]
    dev = [n for n in ordered if n not in set(held)]
    return dev, held


def default_folder() -> Path:
    """`../shared/webpages` beside the repository (from a worktree nested deeper, the nearest one up)."""
    repo = Path(__file__).resolve().parents[1]
    for base in repo.parents:
        if (base / "shared" / "webpages" / "gold.json").is_file():
            return base / "shared" / "webpages"
    return repo.parent / "shared" / "webpages"


def load_scorer(folder: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("webpages_score", folder / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {folder / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


# --------------------------------------------------------------------------- extractors


def civread_records(html: str, name: str) -> list[Record]:
    from civread.pipeline import LoadError, process_text

    try:
        page = process_text(html, name)
    except LoadError:
        return []
    return [{"source": name, "title": a.title, "kicker": a.kicker, "text": a.text, "kind": a.kind.value}
            for a in page.articles]


def trafilatura_records(include_comments: bool) -> Extractor:
    import trafilatura

    def run(html: str, name: str) -> list[Record]:
        if include_comments:
            text = trafilatura.extract(html)
        else:
            text = trafilatura.extract(html, include_comments=False)
        meta = trafilatura.extract_metadata(html)
        return [{"source": name, "title": (meta.title if meta else "") or "", "text": text or ""}]

    return run


def readability_records(html: str, name: str) -> list[Record]:
    import lxml.html
    from readability import Document

    doc = Document(html)
    summary = doc.summary(html_partial=True)
    lines: list[str] = []
    try:
        root = lxml.html.fragment_fromstring(summary, create_parent="div")
        lines = _block_lines(root)
    except Exception:  # noqa: BLE001 - an empty summary is an empty record
        pass
    return [{"source": name, "title": doc.short_title() or "", "text": "\n".join(lines)}]


_BLOCKS = frozenset("p div li br td th tr h1 h2 h3 h4 h5 h6 ul ol table section article blockquote pre dd dt".split())


def _block_lines(root: object) -> list[str]:
    """Text with one line per block element, scripts and styles skipped."""
    from lxml import etree

    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        line = " ".join("".join(buf).split())
        if line:
            lines.append(line)
        buf.clear()

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in ("script", "style"):
                walker.skip_subtree()
                if el.tail:
                    buf.append(el.tail)
                continue
            if tag in _BLOCKS:
                flush()
            if el.text and tag:
                buf.append(el.text)
        else:
            if tag in _BLOCKS:
                flush()
            if el.tail:
                buf.append(el.tail)
    flush()
    return lines


def gne_records() -> Extractor | None:
    try:
        from gne import GeneralNewsExtractor  # type: ignore[import-not-found]
    except Exception:  # noqa: BLE001 - GNE is optional, never a dependency
        return None
    extractor = GeneralNewsExtractor()

    def run(html: str, name: str) -> list[Record]:
        result = extractor.extract(html)
        return [{"source": name, "title": result.get("title") or "", "text": result.get("content") or ""}]

    return run


# --------------------------------------------------------------------------- run


def measure(extract: Extractor, pages: dict[str, str], gold: dict[str, dict], scorer: ModuleType) -> tuple[dict, dict]:
    per: dict[str, dict] = {}
    seconds = 0.0
    for name, html in pages.items():
        start = time.perf_counter()
        try:
            recs = extract(html, name)
        except Exception as exc:  # noqa: BLE001 - a crashing extractor scores an empty page
            print(f"  {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            recs = []
        seconds += time.perf_counter() - start
        per[name] = scorer.score_page(gold[name], recs)
    f1 = [r["f1"] for r in per.values()]
    titled = [n for n in per if gold[n].get("title")]
    summary = {
        "f1": statistics.mean(f1) if f1 else 0.0,
        "below": sum(x < 0.8 for x in f1),
        "exact": sum(per[n]["title_status"] == "exact" for n in titled),
        "titled": len(titled),
        "extra": sum(r["extra_records"] for r in per.values()),
        "ms": seconds * 1000 / max(1, len(pages)),
    }
    return summary, per


def main(argv: list[str] | None = None) -> int:
    default = default_folder()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=str(default), help="folder with pages/, gold.json and score.py")
    parser.add_argument("--pages", choices=("dev", "held-out", "all"), default="all", help="which split(s) to run")
    parser.add_argument("--per-page", nargs="?", const="civread", metavar="EXTRACTOR",
                        help="print one extractor's per-page rows (default civread; DEV pages only)")
    parser.add_argument("--only", help="comma-separated extractors to run (civread,trafilatura,trafilatura-nc,readability,gne)")
    args = parser.parse_args(argv)

    folder = Path(args.folder)
    scorer = load_scorer(folder)
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["pages"]
    names = [p.name for p in sorted((folder / "pages").iterdir()) if p.name in gold]
    dev, held = split(names)
    splits = [("DEV", dev), ("HELD-OUT", held)]
    if args.pages == "dev":
        splits = splits[:1]
    elif args.pages == "held-out":
        splits = splits[1:]

    extractors: list[tuple[str, Extractor]] = [
        ("civread", civread_records),
        ("trafilatura", trafilatura_records(include_comments=True)),
        ("trafilatura-nc", trafilatura_records(include_comments=False)),
        ("readability", readability_records),
    ]
    gne = gne_records()
    if gne is not None:
        extractors.append(("gne", gne))
    if args.only:
        wanted = set(args.only.split(","))
        extractors = [e for e in extractors if e[0] in wanted]

    # Warm imports and lazy tables so the first page does not pay them.
    sample = decode((folder / "pages" / names[0]).read_bytes())
    for _, extract in extractors:
        extract(sample, names[0])

    for label, chosen in splits:
        pages = {n: decode((folder / "pages" / n).read_bytes()) for n in chosen}
        print(f"{label}: {len(pages)} pages")
        print(f"  {'extractor':<15} {'F1 mean':>8} {'<0.8':>5} {'exact':>8} {'extra':>6} {'ms/page':>8}")
        for ext_name, extract in extractors:
            summary, per = measure(extract, pages, gold, scorer)
            print(f"  {ext_name:<15} {summary['f1']:8.3f} {summary['below']:5d} "
                  f"{summary['exact']:>4d}/{summary['titled']:<3d} {summary['extra']:6d} {summary['ms']:8.1f}")
            if label == "DEV" and ext_name == args.per_page:
                for n, r in per.items():
                    print(f"    {n:<22} F1={r['f1']:.3f} P={r['precision']:.3f} R={r['recall']:.3f} "
                          f"rec={r['records']} {r['title_status']:<5} {str(r['title'])[:50]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
