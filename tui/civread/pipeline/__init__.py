"""The page pipeline: raw bytes of one page in, clean separate located articles out.

Pure and UI-free: nothing here imports Textual or Rich. `process_bytes` raises only
`LoadError` (a file that cannot become a page, with a one-line reason). The stages, in the
order data flows through them (`process.py` runs them):

files → decode → html / web → sanitize → script → normalize → junk → furniture →
interleave (two columns read line by line, back in order) → headlines (headline blocks among the lines) → reflow (paragraphs) → articles (bodies, their
headlines) → locality (places). `text` and `words` hold what several stages share.

The names below are loaded when first asked for, so that a caller that only finds files
(`civread.pipeline.files`, say a warm export) does not load every stage (~0.4 s).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from civread.pipeline.files import LoadError
    from civread.pipeline.process import process_bytes, process_text

__all__ = ["LoadError", "process_bytes", "process_text"]


def __getattr__(name: str) -> object:
    if name == "LoadError":
        from civread.pipeline.files import LoadError

        return LoadError
    if name in ("process_bytes", "process_text"):
        from civread.pipeline import process

        return getattr(process, name)
    raise AttributeError(f"module 'civread.pipeline' has no attribute {name!r}")
