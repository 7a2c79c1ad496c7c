"""civread: clean, separate, located articles from Chinese local-news pages.

Importing this package (or `civread.pipeline`, `civread.model`, `civread.export`) never imports
Textual or Rich; only `civread.app` and its widgets do.
"""

__version__ = "0.1.0"

# Bumped whenever the pipeline's output for the same bytes may change: cached pages are keyed on it.
PIPELINE_VERSION = "5"  # 5: web pages, segmenter, furniture; articles measured by the workers
