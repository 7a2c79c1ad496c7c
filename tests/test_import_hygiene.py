"""The pipeline is pure: importing it (and running it) must not pull in Textual or Rich."""

import subprocess
import sys

PURE_MODULES = [
    "civread",
    "civread.model",
    "civread.pipeline",
    "civread.corpus",
    "civread.export",
    "civread.search",
    "civread.library",
    "civread.linebreak",
    "civread.state",
    "civread.measures.metrics",
    "civread.measures.keywords",
    "civread.measures.figures",
    "civread.pipeline.locality",
    "civread.pipeline.sanitize",
]


def _run_python(code: str) -> str:
    """What `code` prints, run in a fresh interpreter (nothing imported yet), which must succeed."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_pipeline_never_imports_textual_or_rich() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {PURE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "from civread.corpus import load_corpus\n"
        "from civread.seeds import seeds_dir\n"
        "corpus = load_corpus([seeds_dir()])\n"
        "assert corpus.articles\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    imported = _run_python(code)
    assert imported == "", f"pure modules imported: {imported}"


def test_reader_start_up_loads_no_pipeline_stage() -> None:
    """The reader's first paint waits for `civread.app`'s imports: a warm open lists and reads the
    page cache, so the worker pool, the tokeniser and the pipeline's stages are imported only
    when a page has to be processed (they cost about as much as Textual itself)."""
    code = (
        "import sys\n"
        "import civread.app, civread.cli\n"
        "heavy = ('civread.parallel', 'civread.pipeline.process', 'civread.pipeline.headlines', 'rjieba')\n"
        "print(','.join(sorted(m for m in heavy if m in sys.modules)))\n"
    )
    imported = _run_python(code)
    assert imported == "", f"imported at start-up: {imported}"
