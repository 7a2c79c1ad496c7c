"""Terminal safety: page text is data, never control.

Every attack is wrapped in Chinese text, which must come out intact, and the result must pass
`is_terminal_safe` (which asks unicodedata about each character, independently of the regexes).
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civread.pipeline.sanitize import is_terminal_safe, sanitize_line, sanitize_text
from civread.seeds import seeds_dir

BEFORE = "肇庆市实施常态化文明创建，"
AFTER = "“五大行动”厚植文明沃土。"

# (name, payload): everything in the payload must disappear.
ATTACKS = [
    ("clear screen ESC[2J", "\x1b[2J"),
    ("clear + home", "\x1b[H\x1b[2J\x1b[3J"),
    ("cursor move ESC[10;10H", "\x1b[10;10H"),
    ("SGR colour", "\x1b[1;31;48;5;196m"),
    ("private mode: hide cursor, alt screen", "\x1b[?25l\x1b[?1049h"),
    ("CSI with intermediate (DECSCUSR)", "\x1b[2 q"),
    ("OSC 0 title, BEL", "\x1b]0;pwned title\x07"),
    ("OSC 2 title, ST", "\x1b]2;pwned\x1b\\"),
    ("OSC 52 clipboard", "\x1b]52;c;cm0gLXJmIH4vKg==\x07"),
    ("OSC 8 hyperlink", "\x1b]8;;http://evil.example/\x1b\\"),
    ("DCS string", "\x1bP1$r0m\x1b\\"),
    ("APC string", "\x1b_Gf=100;AAAA\x1b\\"),
    ("PM string", "\x1b^private\x1b\\"),
    ("SOS string", "\x1bXstart of string\x1b\\"),
    ("8-bit CSI 0x9b", "\x9b2J\x9b10;10H"),
    ("8-bit OSC 0x9d, 8-bit ST", "\x9d0;title\x9c"),
    ("8-bit DCS 0x90", "\x90qsixel\x9c"),
    ("single-char ESC: reset ESC c", "\x1bc"),
    ("single-char ESC: save/restore cursor", "\x1b7\x1b8"),
    ("charset designation ESC ( 0", "\x1b(0"),
    ("screen alignment ESC # 8", "\x1b#8"),
    ("lone ESC", "\x1b"),
    ("C0 controls", "".join(chr(c) for c in range(0x20) if c != 0x09)),
    ("DEL", "\x7f"),
    ("C1 controls", "".join(chr(c) for c in range(0x80, 0xA0))),
    ("bidi override RLO/PDF", "\u202e\u202c"),
    ("bidi embeddings LRE/RLE/LRO", "\u202a\u202b\u202d"),
    ("bidi isolates", "\u2066\u2067\u2068\u2069"),
    ("bidi marks LRM/RLM/ALM", "\u200e\u200f\u061c"),
    ("zero-width space/joiners", "\u200b\u200c\u200d"),
    ("word joiner, BOM", "\u2060\ufeff"),
    ("soft hyphen, invisible operators", "\u00ad\u2061\u2062\u2063\u2064"),
    ("tag characters (ASCII smuggling)", "".join(chr(0xE0000 + ord(c)) for c in "\x01ignore me")),
    ("lone surrogate", "\ud83d"),
]


@pytest.mark.parametrize("payload", [a[1] for a in ATTACKS], ids=[a[0] for a in ATTACKS])
def test_attack_is_removed_and_chinese_kept(payload: str) -> None:
    line = BEFORE + payload + AFTER
    clean, removed = sanitize_line(line)
    assert clean == BEFORE + AFTER
    assert removed == len(payload)
    assert is_terminal_safe(clean)
    assert not is_terminal_safe(line)


@pytest.mark.parametrize("payload", [a[1] for a in ATTACKS], ids=[a[0] for a in ATTACKS])
def test_attack_between_every_han_character(payload: str) -> None:
    """The payload sprinkled through the text, not just once in the middle."""
    text = BEFORE + AFTER
    line = payload.join(text)
    clean, removed = sanitize_line(line)
    assert clean == text
    assert removed == len(line) - len(text)


def test_tab_becomes_space_and_cr_goes() -> None:
    assert sanitize_line("标题\t正文\r") == ("标题 正文", 1)


def test_combining_flood_is_capped() -> None:
    line = BEFORE + "e" + "\u0301" * 500 + AFTER
    clean, removed = sanitize_line(line)
    assert clean == BEFORE + "e\u0301\u0301" + AFTER
    assert removed == 498
    assert is_terminal_safe(clean)
    assert not is_terminal_safe(line)


def test_flood_hidden_behind_format_characters_is_still_capped() -> None:
    """Removing the ZWSPs joins the marks into one flood: still capped, and idempotent."""
    line = "文a" + "\u0301\u200b" * 50 + "字"
    clean, _ = sanitize_line(line)
    assert clean == "文a\u0301\u0301字"
    assert sanitize_line(clean) == (clean, 0)


def test_a_100000_character_line() -> None:
    """Hostile, plain and unterminated 100,000-character lines (their speed: benchmarks/micro.py)."""
    hostile = ("\x1b[31m汉" + "\u0301" * 9 + "\x1b]0;t\x07字\u202e") * 7000
    assert len(hostile) > 100_000
    clean, removed = sanitize_line(hostile)
    assert clean == "汉\u0301\u0301字" * 7000
    assert removed == len(hostile) - len(clean)
    assert is_terminal_safe(clean)

    plain = (BEFORE + AFTER) * 8000  # > 100,000 characters of plain Chinese
    assert sanitize_line(plain) == (plain, 0)

    # Many unterminated string introducers: each is dropped and the text after it kept.
    stray = ("\x1b]" + "a" * 50) * 2000
    clean, _ = sanitize_line(stray)
    assert clean == "a" * 100_000


@pytest.mark.parametrize(
    "text",
    [
        "[bold red]警告[/bold red] 这是正文",  # Rich markup is page text, shown as text
        "\u3000\u3000段首缩进的正文",  # ideographic-space indentation
        "价格\u00a0100元",  # no-break space
        "葛\U000e0100城",  # ideographic variation sequence
        "⿰氵青",  # ideographic description sequence
        "❤\ufe0f点赞",  # emoji presentation selector (one mark)
        "ཀྲྀ བསྒྲུབས",  # Tibetan stacks (up to 3 marks on a base)
        "Tiếng Việt, café, naïve",  # Latin with ordinary accents
        "（2021—2023年）……“引号”《书名》",
    ],
)
def test_legitimate_text_is_kept(text: str) -> None:
    assert sanitize_line(text) == (text, 0)
    assert is_terminal_safe(text)


def test_seed_pages_are_left_untouched() -> None:
    """Real pages carry none of this: sanitizing them must be a no-op, line by line."""
    paths = sorted(seeds_dir().glob("*.txt"))
    assert len(paths) == 5
    for path in paths:
        for line in path.read_text(encoding="utf-8").split("\n"):
            assert sanitize_line(line) == (line, 0)


def test_sanitize_text_keeps_newlines() -> None:
    text = "第一行\x1b[2J\r\n第二行\u202e\n\n第四行\t完"
    clean, removed = sanitize_text(text)
    assert clean == "第一行\n第二行\n\n第四行 完"
    assert removed == 6
    assert is_terminal_safe(clean)


# --- properties ---------------------------------------------------------------------------

FRAGMENTS = [
    "\x1b", "[", "]", "\x07", "\x1b\\", ";", "0", "52", "2J", "H", "m", "P", "_", "^", "X",
    "(", "#", "\x9b", "\x9c", "\x9d", "\x90", "\x85", "\t", "\r", "\n", "\x00", "\x7f",
    "\u0301", "\u0f74", "\u0fb2", "\u302a", "\ufe0f", "\U000e0100",
    "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\u00ad", "\U000e0041",
    "\u2028", "\u3000", "\u00a0", "\ud800",
    "文", "明", "。", "，", "“", "”", "……", "a", " ",
]

hostile_text = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=40).map("".join),
)


def _wide_visible(s: str) -> list[str]:
    """Wide/full-width characters that are not marks or controls: Han and CJK punctuation."""
    return [
        c
        for c in s
        if unicodedata.east_asian_width(c) in ("W", "F") and unicodedata.category(c)[0] not in "MC"
    ]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
def test_sanitize_line_properties(line: str) -> None:
    clean, removed = sanitize_line(line)
    assert removed == len(line) - len(clean) >= 0
    assert is_terminal_safe(clean)
    assert "\n" not in clean
    assert sanitize_line(clean) == (clean, 0)  # idempotent
    assert _wide_visible(clean) == _wide_visible(line)  # never removes Han


@settings(max_examples=200, deadline=None)
@given(hostile_text)
def test_sanitize_text_properties(text: str) -> None:
    clean, removed = sanitize_text(text)
    assert clean.count("\n") == text.count("\n")
    assert removed == len(text) - len(clean)
    assert is_terminal_safe(clean)
    assert sanitize_text(clean) == (clean, 0)
    assert _wide_visible(clean) == _wide_visible(text)


def test_sanitize_survives_non_string_input() -> None:
    assert sanitize_line(123) == ("123", 0)  # type: ignore[arg-type]
