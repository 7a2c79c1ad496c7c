"""Load many files into a Corpus: a bad file becomes a LoadProblem, never an exception."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from civread.model import Corpus, LoadProblem, Page
from civread.pipeline import process_bytes
from civread.pipeline.loader import LoadError, discover, read_file

# progress(done, total, path): total is -1 while files are still being discovered.
Progress = Callable[[int, int, str], None]


def load_page(path: Path) -> Page | LoadProblem:
    """Read and process one file; every failure is reported as one line, never raised."""
    try:
        data = read_file(path)
        return process_bytes(data, str(path))
    except LoadError as exc:
        return LoadProblem(str(path), exc.reason)
    except MemoryError:
        return LoadProblem(str(path), "too large to process in memory")
    except Exception as exc:  # noqa: BLE001 - one bad page must never stop the corpus
        return LoadProblem(str(path), f"could not be processed ({type(exc).__name__}: {exc})")


def iter_pages(paths: Sequence[str | Path]) -> Iterator[Page | LoadProblem]:
    """Pages (or problems) one at a time, in discovery order, so callers can show them as they come."""
    for item in discover(paths):
        if isinstance(item, LoadProblem):
            yield item
        else:
            yield load_page(item)


def load_corpus(paths: Sequence[str | Path], progress: Progress | None = None) -> Corpus:
    """Everything under `paths`, with the problems listed rather than raised."""
    found = list(discover(paths))
    total = len(found)
    corpus = Corpus()
    for done, item in enumerate(found, start=1):
        result = item if isinstance(item, LoadProblem) else load_page(item)
        if isinstance(result, LoadProblem):
            corpus.problems.append(result)
        else:
            corpus.pages.append(result)
        if progress is not None:
            progress(done, total, item.path if isinstance(item, LoadProblem) else str(item))
    return corpus
