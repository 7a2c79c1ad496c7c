"""The export's keywords ranked on every core.

An export whose pages' keywords are not remembered against its corpus ranks every article
against the corpus keyword model once the first pass has summed it: 70,000 articles of a
10,000-page archive, seconds of one core while the other stood idle, after the pool that had
processed the pages. Here worker processes (forked with the idf table in hand, so it is never
sent) decode the pages' stored rank forms and rank them a batch of pages at a time, ahead of the
records that need them, while the exporting process groups reprints and writes.

Every answer equals the one-process ranking (`KeywordModel.rank_form` against the same idf
table); a page a worker cannot rank (its rank blob missing or damaged) comes back None and is
ranked by the caller, and a pool that breaks or cannot start leaves every later batch to it.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from civread.cache import CacheFormatError, PageCache, decode_rank, encode_keywords
from civread.measures.keywords import KeywordModel
from civread.measures.metrics import ranked_keywords_json
from civread.parallel import exit_with_parent, mp_context, silence_output

# A page's keywords as ranked: one JSON list (UTF-8) per article, and the blob that remembers
# them in the cache (`encode_keywords`), made in the worker too.
RankedPage = tuple[list[bytes], bytes]

# Batches of pages submitted ahead of the one being written: the workers rank while the
# exporting process groups reprints and writes. Each holds a batch's rank blobs (a few KB a
# page) and then its keywords: memory bounded whatever the archive's size.
_AHEAD = 32

_ranking: tuple[KeywordModel, dict[str, float]] | None = None  # a worker's model and idf table


def _init_ranker(owner: int, documents: int, idf: dict[str, float]) -> None:
    """In a worker: exit with the exporting process, silence output, keep the model's idf."""
    global _ranking
    exit_with_parent(owner)
    silence_output()
    _ranking = (KeywordModel(documents=documents), idf)


def rank_blob(model: KeywordModel, idf: dict[str, float], blob: bytes | None) -> RankedPage | None:
    """One page's articles' keywords from its stored rank blob; None when it cannot be read."""
    if blob is None:
        return None
    try:
        forms = decode_rank(blob)
    except CacheFormatError:
        return None
    keywords = ranked_keywords_json(model, forms, idf)
    return keywords, encode_keywords(keywords)


def _rank_pages(blobs: list[bytes | None]) -> list[RankedPage | None]:
    assert _ranking is not None, "a ranking worker starts with its model"
    model, idf = _ranking
    return [rank_blob(model, idf, blob) for blob in blobs]


@dataclass
class RankPool:
    """Workers ranking the planned batches of pages in order, `_AHEAD` batches ahead."""

    store: PageCache
    batches: Sequence[Sequence[str]]  # each batch's page keys, in the order they will be asked for
    pool: ProcessPoolExecutor | None = None
    submitted: deque[Future[list[RankedPage | None]]] = field(default_factory=deque)
    next_batch: int = 0  # the next batch to submit
    asked: int = 0  # the next batch `take` will be asked for

    @classmethod
    def start(cls, store: PageCache, batches: Sequence[Sequence[str]], model: KeywordModel,
              idf: dict[str, float], workers: int) -> RankPool | None:
        """A pool ranking `batches` ahead of the caller, or None when none could be started
        (the caller ranks every page itself)."""
        try:
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=mp_context(), initializer=_init_ranker,
                                       initargs=(os.getpid(), model.documents, idf))
        except Exception:  # noqa: BLE001 - no processes: the caller ranks here
            return None
        ranks = cls(store, batches, pool)
        ranks._fill()
        return ranks

    def _fill(self) -> None:
        while self.pool is not None and self.next_batch < len(self.batches) and len(self.submitted) < _AHEAD:
            keys = self.batches[self.next_batch]
            blobs = self.store.rank_blobs_of(keys)
            try:
                self.submitted.append(self.pool.submit(_rank_pages, [blobs.get(key) for key in keys]))
            except Exception:  # noqa: BLE001 - a broken pool: the caller ranks the rest
                self.close()
                return
            self.next_batch += 1

    def take(self) -> list[RankedPage | None] | None:
        """The next batch's ranked pages (in its keys' order), or None: the caller ranks it."""
        index, self.asked = self.asked, self.asked + 1
        if self.pool is None or not self.submitted or index >= self.next_batch:
            return None
        future = self.submitted.popleft()
        try:
            ranked = future.result()
        except Exception:  # noqa: BLE001 - a worker died or a result did not come back
            self.close()
            return None
        self._fill()
        return ranked

    def close(self) -> None:
        pool, self.pool = self.pool, None
        self.submitted.clear()
        if pool is not None:
            try:
                pool.shutdown(wait=True, cancel_futures=True)
            except Exception:  # noqa: BLE001 - a broken pool may complain while closing
                pass
