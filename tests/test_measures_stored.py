"""Measures made once, where a page is processed, and kept in the cache: the export and the
reader read them back instead of tokenising again, and get exactly what measuring afresh gives.

The export's reference here is the old in-memory code path, kept in this file (`_reference_*`):
a corpus keyword model built by tokenising every article's text, then each article's metrics
computed from its text. The streamed export must equal it record for record on the seeds.
"""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest

import civread
import civread.parallel as parallel_mod
from civread import export
from civread.cache import PageCache
from civread.corpus import load_corpus
from civread.measures.figures import extract_figures
from civread.measures.keywords import _fold_place_names, keyword_tokens
from civread.measures.metrics import READING_RATE, measure_page, split_sentences
from civread.model import Article, Corpus
from civread.parallel import Processed, process_in_order
from seedtext import seed_paths


@pytest.fixture()
def cache_dir(isolated_dirs: Path) -> Path:
    """The cache folder conftest's isolated_dirs points CIVREAD_CACHE_DIR at."""
    return isolated_dirs / "cache"


@pytest.fixture()
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for path in seed_paths():
        shutil.copy(path, folder / path.name)
    return folder


# ---------------------------------------------------------------- the old code path, kept as reference

_HAN = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"


def _reference_model(corpus: Corpus) -> tuple[int, Counter[str]]:
    """Documents and document frequencies, by tokenising every article's text (as before)."""
    documents, df = 0, Counter[str]()
    for article in corpus.articles:
        tokens = keyword_tokens(article.text)
        documents += 1
        df.update(set(tokens))
    return documents, df


def _reference_keywords(text: str, documents: int, df: Counter[str], n: int = 8) -> list[dict[str, object]]:
    tokens = keyword_tokens(text)
    if not text or not tokens:
        return []
    counts = _fold_place_names(Counter(tokens))
    idf = {w: math.log((1 + documents) / (1 + df.get(w, 0))) + 1.0 for w in counts}
    scored = [(w, c / len(tokens) * idf[w]) for w, c in counts.items()]
    scored.sort(key=lambda ws: (-ws[1], -len(ws[0])))
    return [{"word": w, "score": round(s, 4)} for w, s in scored[:n]]


def _reference_metrics(article: Article, documents: int, df: Counter[str]) -> dict[str, object]:
    import re

    texts = [p.text for p in article.paragraphs if p.text.strip()]
    joined = "\n".join(texts)
    han = len(re.findall(_HAN, joined))
    other = sum(1 for ch in joined if ch.isalnum()) - han
    minutes = (1 if other > 0 else 0) if han <= 0 else max(1, int(han / READING_RATE + 0.5))
    return {
        "han_chars": han,
        "paragraphs": len(texts),
        "sentences": sum(len(split_sentences(t)) for t in texts),
        "reading_minutes": minutes,
        "figures": [f.as_dict() for t in texts for f in extract_figures(t)],
        "keywords": _reference_keywords(article.text, documents, df),
        "cleaning": article.report.as_dict(),
    }


def _reference_records(*folders: Path) -> list[dict[str, object]]:
    corpus = load_corpus(list(folders), cache=False, workers=1)
    documents, df = _reference_model(corpus)
    from civread.measures.reprints import article_signature, group_reprints

    reprints = group_reprints((a.id, article_signature(a)) for a in corpus.articles)
    out = []
    for article in corpus.articles:
        rec = export.article_record(article, _Plain(_reference_metrics(article, documents, df)))  # type: ignore[arg-type]
        rec["reprint_group"] = reprints.label(article.id)  # the seeds' copies are reprints of each other
        out.append(rec)
    return out


class _Plain:
    """Stands in for ArticleMetrics in `article_record`, which only calls `as_dict()`."""

    def __init__(self, values: dict[str, object]) -> None:
        self.values = values

    def as_dict(self) -> dict[str, object]:
        return self.values


# ---------------------------------------------------------------- stored = fresh


def test_stored_measures_equal_freshly_computed_ones(cache_dir: Path, pages: Path) -> None:
    corpus = load_corpus([pages], workers=1)
    assert corpus.pages and not corpus.problems
    with PageCache() as store:
        for page in corpus.pages:
            key = store.key_for(page.path)
            assert key is not None
            stored = store.get_measures(key)
            fresh = measure_page(page.articles)
            assert stored == fresh, page.source
            assert any(m.figures for m in stored) and all(m.terms for m in stored if m.han_chars > 20)
            assert store.get_terms(key) == [m.terms for m in fresh]


def test_workers_measure_what_this_process_would(pages: Path) -> None:
    """The pool's measures (made in the worker processes) equal measuring the page here."""
    files = sorted(pages.iterdir())
    outs = list(process_in_order(files, workers=2, pool_min=1, chunk_size=1, for_cache=True))
    assert all(isinstance(o, Processed) and o.page is not None and o.measures is not None for o in outs)
    for out in outs:
        assert out.article_measures() == measure_page(out.page.articles), out.path  # type: ignore[union-attr]


def test_a_changed_pipeline_version_measures_again(
    cache_dir: Path, pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    measured: list[int] = []
    real = parallel_mod.measure_page

    def counting(articles: object) -> object:
        result = real(articles)  # type: ignore[arg-type]
        measured.append(len(result))
        return result

    monkeypatch.setattr(parallel_mod, "measure_page", counting)
    n_pages = len(list(pages.iterdir()))
    load_corpus([pages], workers=1)
    assert len(measured) == n_pages
    load_corpus([pages], workers=1)
    assert len(measured) == n_pages  # warm: nothing measured again
    monkeypatch.setattr(civread, "PIPELINE_VERSION", civread.PIPELINE_VERSION + "-next")
    corpus = load_corpus([pages], workers=1)
    assert len(measured) == 2 * n_pages  # every page measured again under the new version
    with PageCache() as store:
        assert store.version.startswith(civread.PIPELINE_VERSION)
        for page in corpus.pages:
            key = store.key_for(page.path)
            assert store.get_measures(key) == measure_page(page.articles)  # type: ignore[arg-type]
        assert store.available
        assert store.measure_versions == {store.version}  # the old version's rows were dropped


# ---------------------------------------------------------------- streamed export = in-memory one


def _export(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = export.main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.mark.parametrize("warm", [False, True])
def test_streamed_export_equals_the_in_memory_one_on_the_seeds(
    cache_dir: Path, pages: Path, capsys: pytest.CaptureFixture[str], warm: bool
) -> None:
    reference = _reference_records(pages)
    assert reference and any(r["metrics"]["keywords"] for r in reference)  # type: ignore[index]
    if warm:
        _export(capsys, str(pages))  # fills the cache: the export below reads it back
    streamed = [json.loads(line) for line in _export(capsys, str(pages)).splitlines()]
    assert [r["id"] for r in streamed] == [r["id"] for r in reference]
    for got, want in zip(streamed, reference, strict=True):
        assert got == json.loads(json.dumps(want, ensure_ascii=False)), got["id"]
    # The text formats are the in-memory renderers' output, byte for byte.
    assert _export(capsys, str(pages), "--format", "csv") == export.render(reference, "csv")
    assert _export(capsys, str(pages), "--format", "md") == export.render(reference, "md")
    # And `records`, the in-memory API, agrees too.
    assert export.records(load_corpus([pages], cache=False, workers=1)) == reference


def test_export_without_a_usable_cache_still_equals_the_reference(
    tmp_path: Path, pages: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("CIVREAD_CACHE_DIR", str(blocker / "cache"))
    code = export.main([str(pages)])
    out, err = capsys.readouterr()
    assert code == 0 and "page cache unavailable" in err
    assert [json.loads(x) for x in out.splitlines()] == json.loads(json.dumps(_reference_records(pages), ensure_ascii=False))
    assert blocker.read_text(encoding="utf-8") == "x"


# ---------------------------------------------------------------- Parquet


def test_parquet_round_trip_with_typed_columns(
    cache_dir: Path, pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    target = tmp_path / "out.parquet"
    assert _export(capsys, str(pages), "--format", "parquet", "-o", str(target)) == ""
    table = pq.read_table(target)
    schema = table.schema
    for name in ("han_chars", "paragraph_count", "sentences", "reading_minutes", "lines_joined", "chars_converted"):
        assert pa.types.is_integer(schema.field(name).type), name
    for name in ("province", "prefecture", "county", "id", "title", "text"):
        assert pa.types.is_string(schema.field(name).type), name
    assert pa.types.is_boolean(schema.field("untitled").type)
    keywords = schema.field("keywords").type
    assert pa.types.is_list(keywords) and pa.types.is_floating(keywords.value_type.field("score").type)
    assert pa.types.is_floating(schema.field("figures").type.value_type.field("number").type)

    records = [json.loads(x) for x in _export(capsys, str(pages)).splitlines()]
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    for row, rec in zip(rows, records, strict=True):
        assert {k: row[k] for k in ("province", "prefecture", "county")} == rec["locality"]
        metrics = rec["metrics"]
        assert row["han_chars"] == metrics["han_chars"] and row["paragraph_count"] == metrics["paragraphs"]
        assert row["sentences"] == metrics["sentences"] and row["reading_minutes"] == metrics["reading_minutes"]
        assert row["keywords"] == metrics["keywords"] and row["figures"] == metrics["figures"]
        assert {k: row[k] for k in metrics["cleaning"]} == metrics["cleaning"]
        assert row["paragraphs"] == rec["paragraphs"] and row["text"] == rec["text"]
        assert (row["title"], row["untitled"], row["kind"]) == (rec["title"], rec["untitled"], rec["kind"])
    assert any(r["province"] for r in rows) and any(r["figures"] for r in rows)


def test_parquet_without_pyarrow_says_what_to_install(
    cache_dir: Path, pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    target = tmp_path / "out.parquet"
    code = export.main([str(pages), "--format", "parquet", "-o", str(target)])
    _, err = capsys.readouterr()
    assert code == 2 and "pyarrow" in err and "civread[parquet]" in err
    assert "Traceback" not in err and not target.exists()


def test_csv_of_the_streamed_export_parses_back(cache_dir: Path, pages: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _export(capsys, str(pages), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    jsonl = [json.loads(x) for x in _export(capsys, str(pages)).splitlines()]
    assert [r["id"] for r in rows] == [r["id"] for r in jsonl]
    assert [int(r["han_chars"]) for r in rows] == [r["metrics"]["han_chars"] for r in jsonl]


def test_an_archive_large_enough_for_worker_processes_exports_the_same(
    cache_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Enough pages that both passes use worker processes: still the reference, in order."""
    folder = tmp_path / "many"
    folder.mkdir()
    seeds = seed_paths()
    for n in range(parallel_mod.POOL_MIN_FILES + 4):
        source = seeds[n % len(seeds)]
        # A distinct closing line per copy: other bytes, so other ids, and the order shows.
        data = source.read_bytes() + f"\n（本版第{n + 1}份）\n".encode("utf-8")
        (folder / f"page-{n:03d}.txt").write_bytes(data)
    reference = json.loads(json.dumps(_reference_records(folder), ensure_ascii=False))
    for _ in ("empty cache", "warm cache"):
        streamed = [json.loads(line) for line in _export(capsys, str(folder)).splitlines()]
        assert [r["id"] for r in streamed] == [r["id"] for r in reference]
        assert streamed == reference
    assert _export(capsys, str(folder), "--format", "md") == export.render(reference, "md")
    # The summary rows the workers made for the cache list the same articles (the reader's listing).
    from civread.corpus import cached_index

    index = cached_index([folder])
    assert index.complete
    listed = [(s.id, s.title, s.kind.value, s.untitled) for e in index.entries for s in e.articles or ()]
    assert listed == [(r["id"], r["title"], r["kind"], r["untitled"]) for r in reference]


def test_an_export_of_pages_partly_cached_and_copied_equals_the_in_memory_one(
    cache_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The keyword model and the reprint signatures are taken from the pages processed in this
    run as they come out of the workers, and from the cache for the others: an export of pages
    half cached before, with a copy of a cached page and of a new one (same bytes, another name),
    is the in-memory export of the same files, byte for byte."""
    folder, copies = tmp_path / "many", tmp_path / "copies"
    folder.mkdir()
    copies.mkdir()
    seeds = seed_paths()
    for n in range(parallel_mod.POOL_MIN_FILES + 4):
        data = seeds[n % len(seeds)].read_bytes() + f"\n（本版第{n + 1}份）\n".encode("utf-8")
        (folder / f"page-{n:03d}.txt").write_bytes(data)
    first = sorted(folder.iterdir())[: parallel_mod.POOL_MIN_FILES // 2]
    _export(capsys, *map(str, first))  # these are cached, the others not
    shutil.copy(folder / "page-003.txt", copies / "again-003.txt")  # cached
    shutil.copy(folder / "page-021.txt", copies / "again-021.txt")  # processed in the run
    paths = [str(folder), str(copies)]
    expected = export.render(export.records(load_corpus(paths, cache=False, workers=1)), "jsonl")
    asked: list[str] = []
    for name in ("words_of", "signatures_of"):
        real = getattr(PageCache, name)
        monkeypatch.setattr(PageCache, name, lambda self, keys, real=real: (asked.extend(keys), real(self, keys))[1])
    got = _export(capsys, *paths)
    assert got == expected
    # Only the pages cached before were read back for the model and the grouping.
    before = {civread.cache.hash_file(p) for p in first}
    assert asked and set(asked) <= before
    assert any('~2",' in line for line in got.splitlines())  # the copies are there, as copies
    assert _export(capsys, *paths) == expected  # and warm


# ---------------------------------------------------------------- records kept ready to write


def test_stored_record_pieces_joined_are_the_record_json(pages: Path) -> None:
    """The JSON a worker renders once, cut at the late fields and joined at export time, is
    byte for byte the JSON of the whole record (what `records` and `render_jsonl` write)."""
    from civread.measures.metrics import article_metrics
    from civread.measures.record import LATE_FIELDS, join_record, record_fields, record_pieces
    from civread.names import safe_name

    corpus = load_corpus([pages], cache=False, workers=1)
    for page in corpus.pages:
        for article, m in zip(page.articles, measure_page(page.articles), strict=True):
            metrics = article_metrics(article, None, measures=m)
            whole = export.article_record(article, metrics)
            held = metrics.as_dict()
            held["keywords"] = LATE_FIELDS[2]
            pieces = record_pieces(record_fields(article, held, LATE_FIELDS[0], LATE_FIELDS[1], LATE_FIELDS[3]))
            late = [export.dumps(whole[k]).encode() for k in ("id", "source")]
            late.append(export.dumps(whole["metrics"]["keywords"]).encode())  # type: ignore[index]
            late.append(export.dumps(whole["reprint_group"]).encode())
            assert join_record(pieces, late) == export.dumps(whole).encode("utf-8"), article.id
            assert whole["source"] == safe_name(article.source)


def test_a_record_whose_late_fields_are_out_of_order_is_refused() -> None:
    from civread.measures.record import LATE_FIELDS, record_pieces

    with pytest.raises(ValueError):
        record_pieces({"source": LATE_FIELDS[1], "id": LATE_FIELDS[0], "keywords": LATE_FIELDS[2], "reprint_group": LATE_FIELDS[3]})
    with pytest.raises(ValueError):
        record_pieces({"id": LATE_FIELDS[0], "source": LATE_FIELDS[1]})
    with pytest.raises(ValueError):  # a value that holds a late field's stand-in (NUL: never from a page)
        record_pieces({"id": LATE_FIELDS[0], "title": "\0civread-late-id\0", "source": LATE_FIELDS[1],
                       "keywords": LATE_FIELDS[2], "reprint_group": LATE_FIELDS[3]})


def test_ranking_prepared_terms_against_an_idf_table_is_rank(pages: Path) -> None:
    """The export's ranking (terms made ready when stored, one idf table) gives exactly what
    `KeywordModel.rank` gives on the raw term counts, ties and rounding included."""
    from civread.measures.keywords import KeywordModel, rank_form

    corpus = load_corpus([pages], cache=False, workers=1)
    terms = [m.terms for page in corpus.pages for m in measure_page(page.articles)]
    model = KeywordModel()
    for t in terms:
        model.add_terms(t)
    table = model.idf_table()
    assert set(table) == set(model.df)
    ranked = 0
    for t in terms:
        for n in (1, 3, 8, 50):
            want = model.rank(t, n)
            assert model.rank_form(rank_form(t), n, table) == want
            assert model.rank_form(rank_form(t), n) == want
            ranked += bool(want)
    assert ranked
    # Ties: two words with the same count and document frequency keep first-seen order, the
    # longer word first.
    tie = KeywordModel()
    tie.add_terms((("乙村", 1), ("甲乡镇", 1), ("丙", 1)))
    assert [w for w, _ in tie.rank_form(rank_form((("乙村", 1), ("甲乡镇", 1))), 2, tie.idf_table())] == ["甲乡镇", "乙村"]


def _db(cache_dir: Path) -> object:
    import sqlite3

    from civread.cache import DB_NAME

    return sqlite3.connect(str(cache_dir / DB_NAME))


def test_keywords_are_remembered_for_the_same_pages_and_ranked_again_for_others(
    cache_dir: Path, pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second export of the same pages reads its keywords back (nothing ranked); add a page
    and every keyword is ranked against the new corpus, equal to the reference again."""
    from civread.measures.keywords import KeywordModel

    first = _export(capsys, str(pages))
    db = _db(cache_dir)
    corpora = {c for (c,) in db.execute("SELECT DISTINCT corpus FROM keywords")}  # type: ignore[attr-defined]
    assert len(corpora) == 1
    calls: list[int] = []
    real = KeywordModel.rank_form

    def counting(self: KeywordModel, *args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(KeywordModel, "rank_form", counting)
    assert _export(capsys, str(pages)) == first
    assert calls == []  # remembered: nothing ranked
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "新一页.txt").write_text(
        "新闻标题：青禾镇举办农民丰收节\n\n本报讯 青禾镇日前举办农民丰收节，300余名村民参加，稻谷、柑橘和茶叶摆满了广场。\n",
        encoding="utf-8",
    )
    both = [json.loads(x) for x in _export(capsys, str(pages), str(extra)).splitlines()]
    assert calls  # another corpus: ranked again
    reference = json.loads(json.dumps(_reference_records(pages, extra), ensure_ascii=False))
    assert both == reference and both[-1]["source"] == "新一页.txt"
    assert [r["metrics"]["keywords"] for r in both[:-1]] != [json.loads(x)["metrics"]["keywords"] for x in first.splitlines()]
    corpora = {c for (c,) in db.execute("SELECT DISTINCT corpus FROM keywords")}  # type: ignore[attr-defined]
    assert len(corpora) == 1  # one corpus remembered at a time


@pytest.mark.parametrize("damaged", [False, True])
def test_keywords_ranked_on_every_core_equal_the_reference(
    cache_dir: Path, pages: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, damaged: bool
) -> None:
    """An export with many pages to rank ranks them in worker processes, batches ahead of the
    writing: the records are the reference's, and a page whose stored rank forms are damaged
    (a worker cannot rank it) is ranked in the exporting process instead."""
    from civread.rank_pool import RankPool

    reference = json.loads(json.dumps(_reference_records(pages), ensure_ascii=False))
    monkeypatch.setattr(export, "_POOL_MIN_PAGES", 1)  # the seeds are few: rank them in the pool anyway
    monkeypatch.setattr(export, "_READ_PAGES", 2)  # several batches, submitted ahead
    monkeypatch.setattr(parallel_mod, "default_workers", lambda: 2)
    taken: list[list[object] | None] = []
    real_take = RankPool.take

    def take(self: RankPool) -> object:
        got = real_take(self)
        taken.append(got)
        return got

    monkeypatch.setattr(RankPool, "take", take)
    assert [json.loads(x) for x in _export(capsys, str(pages)).splitlines()] == reference
    assert len(taken) == 3 and all(batch is not None for batch in taken)  # 5 pages, 2 a batch
    assert all(page is not None for batch in taken for page in batch or [])
    db = _db(cache_dir)
    with db:  # type: ignore[attr-defined]
        db.execute("DELETE FROM keywords")  # type: ignore[attr-defined]  # nothing remembered: rank again
        if damaged:
            db.execute("UPDATE exports SET rank = x'789c0000'")  # type: ignore[attr-defined]
    taken.clear()
    assert [json.loads(x) for x in _export(capsys, str(pages)).splitlines()] == reference
    pages_ranked = [page for batch in taken for page in batch or []]
    assert len(pages_ranked) == 5
    assert all(page is None for page in pages_ranked) if damaged else all(pages_ranked)


@pytest.mark.parametrize("table", ["exports", "keywords"])
def test_damaged_export_rows_are_made_again(
    cache_dir: Path, pages: Path, capsys: pytest.CaptureFixture[str], table: str
) -> None:
    """A damaged stored record or remembered keyword row is a miss: the export is still the
    reference, and the rows are good again afterwards."""
    reference = json.loads(json.dumps(_reference_records(pages), ensure_ascii=False))
    _export(capsys, str(pages))
    db = _db(cache_dir)
    column = "export" if table == "exports" else "blob"
    with db:  # type: ignore[attr-defined]
        db.execute(f"UPDATE {table} SET {column} = x'789c0000'")  # type: ignore[attr-defined]
    assert [json.loads(x) for x in _export(capsys, str(pages)).splitlines()] == reference
    assert [json.loads(x) for x in _export(capsys, str(pages)).splitlines()] == reference
    if table == "exports":
        from civread.cache import decode_export

        blobs = [bytes(b) for (b,) in db.execute("SELECT export FROM exports")]  # type: ignore[attr-defined]
        assert blobs and all(decode_export(b) for b in blobs)


def test_batched_keys_equal_one_by_one(cache_dir: Path, pages: Path) -> None:
    files = sorted(pages.iterdir()) + [pages / "missing.txt"]
    with PageCache() as store:
        one = [store.key_for(f) for f in files]
        assert one[-1] is None and all(one[:-1])
        assert store.keys_for(files) == one
    with PageCache() as store:  # now from the stat memo
        assert store.keys_for(files) == one


def test_export_blobs_without_zstandard(monkeypatch: pytest.MonkeyPatch, pages: Path) -> None:
    """Without the zstandard module the export's blobs are zlib; a zstd blob then is a miss."""
    from civread import cache as cache_mod

    page = load_corpus([pages], cache=False, workers=1).pages[0]
    measures = measure_page(page.articles)
    packed = cache_mod.encode_export(page, measures)
    assert all(b[:4] == b"\x28\xb5\x2f\xfd" for b in packed)
    monkeypatch.setattr(cache_mod, "_zstd", lambda: None)
    plain = cache_mod.encode_export(page, measures)
    assert all(b[:1] == b"\x78" for b in plain)
    assert cache_mod.decode_export(plain[1]) == cache_mod.decode_export(cache_mod.encode_export(page, measures, compress=False)[1])
    with pytest.raises(cache_mod.CacheFormatError):
        cache_mod.decode_export(packed[1])


def test_the_record_schema_is_part_of_the_cache_version() -> None:
    from civread.cache import cache_version
    from civread.measures.record import RECORD_VERSION

    assert RECORD_VERSION in cache_version()


def test_the_idf_table_made_in_place_is_the_idf_table(pages: Path) -> None:
    from civread.measures.keywords import KeywordModel

    corpus = load_corpus([pages], cache=False, workers=1)
    model = KeywordModel()
    for m in (m for page in corpus.pages for m in measure_page(page.articles)):
        model.add_terms(m.terms)
    table, documents = model.idf_table(), model.documents
    assert table and all(v == model.idf(w) for w, v in table.items())
    assert model.take_idf_table() == table
    assert model.documents == documents and not model.df


def test_iter_measured_without_terms_stores_the_same_pages(cache_dir: Path, pages: Path) -> None:
    """`terms=False` (the export's first pass) yields the same pages and keys, without their
    decoded term counts, and the cache holds their export rows all the same."""
    from civread.corpus import Measured, iter_measured

    with PageCache() as store:
        bare = list(iter_measured([pages], store, workers=1, terms=False))
        assert bare and all(isinstance(m, Measured) and m.terms == [] for m in bare)
        counts = store.export_counts([m.key for m in bare])  # type: ignore[union-attr]
    with PageCache() as store:
        full = list(iter_measured([pages], store, workers=1))
    assert [(m.path, m.key) for m in full] == [(m.path, m.key) for m in bare]  # type: ignore[union-attr]
    assert [counts[m.key] for m in full] == [len(m.terms) for m in full]  # type: ignore[union-attr]
