"""A longer fuzz run of loader + pipeline; CI runs it briefly, `CIVREAD_FUZZ_EXAMPLES=20000` runs it long.

    CIVREAD_FUZZ_EXAMPLES=20000 python -m pytest tests/fuzz -p no:xdist
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civread.corpus import load_page
from civread.model import LoadProblem, Page

EXAMPLES = int(os.environ.get("CIVREAD_FUZZ_EXAMPLES", "150"))

_encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"])
_text = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(min_codepoint=0x3000, max_codepoint=0x303F),
        st.characters(max_codepoint=0x7F),
        st.characters(min_codepoint=0x80, max_codepoint=0x2FFF),
    ),
    max_size=3000,
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=_text, encoding=_encodings, noise=st.binary(max_size=64), cut=st.integers(min_value=0, max_value=4000))
def test_loader_and_pipeline_report_or_succeed(tmp_path: Path, text: str, encoding: str, noise: bytes, cut: int) -> None:
    data = text.encode(encoding, errors="replace")
    data = data[:cut] + noise + data[cut:]
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    result = load_page(path)
    assert isinstance(result, (Page, LoadProblem))
    if isinstance(result, LoadProblem):
        assert result.reason and "\n" not in result.reason and "Traceback" not in result.reason
