"""Bytes of a page file to text: the encoding detected, never assumed; a one-line reason when
the bytes are not a page.

`decode(data)` detects the encoding: BOM, strict UTF-8, BOM-less UTF-16/32 (by the NUL
pattern), then charset-normalizer limited to the encodings Chinese pages come in, checked by
how many common Chinese characters each reading yields. GB2312/GBK are read as GB18030 (their
superset). Damaged or mixed files are decoded line by line and the encoding name says what
happened ("utf-8 (3 invalid bytes replaced)", "mixed: utf-8 + gb18030"). Binary files, empty
files and files with too little real text raise `LoadError`.
"""

from __future__ import annotations

import codecs
import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice

from civread.pipeline.files import LoadError

__all__ = ["LoadError", "decode"]


# --------------------------------------------------------------------------- decoding

# Magic numbers at offset 0: what a file is when it is plainly not text.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"\x00asm", "WebAssembly module"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O binary"),
    (b"\xcf\xfa\xed\xfe", "Mach-O binary"),
    (b"\xce\xfa\xed\xfe", "Mach-O binary"),
)

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its LE BOM starts with the UTF-16 LE BOM.
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)

# C0 controls and DEL, which text does not carry. TAB, LF, FF, CR pass, and so does ESC: terminal
# escapes in a page are removed later, by the sanitizer, and counted.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_SAMPLE = 64 * 1024
_DETECT_SAMPLE = 256 * 1024
_BINARY_CONTROL_SHARE = 0.05
_BINARY_REPLACED_SHARE = 0.25
# The minimum of real text a page must hold (measured on its first _SAMPLE characters): this
# many common Han characters, or this many ASCII letters; and of the visible characters at least
# this share must be ones real text is made of (ASCII, common Han, CJK punctuation, full-width
# forms, Latin-1), with at most this share of control, private-use or replaced characters.
# Random bytes decode, now and then, to a few characters of some legacy encoding (8 random bytes
# read as GB18030 or UTF-16): without this rule they became pages with garbage headlines.
_MIN_HAN = 4
_MIN_LETTERS = 16
_MIN_PLAUSIBLE_SHARE = 0.9
_MAX_JUNK_SHARE = 0.02
_ASCII_LETTERS = re.compile(r"[A-Za-z]")
_ASCII_VISIBLE = re.compile(r"[!-~]")
_JUNK_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ue000-\uf8ff\ud800-\udfff]")
_ASCII = bytes(range(128))
# Invalid share of non-ASCII bytes below which a file (or its failing lines) is damaged UTF-8;
# GB18030 or Big5 read as UTF-8 is invalid in well over half its bytes.
_DAMAGED_UTF8 = 0.01
_DAMAGED_LINES = 0.2

# The encodings Chinese pages come in, for charset-normalizer (cp1252 for the odd Western page).
_CANDIDATES = ["gb18030", "big5", "big5hkscs", "utf_16_le", "utf_16_be", "cp1252"]
_GB_LABELS = {"gb2312", "gbk", "cp936", "gb18030", "hz", "gb2312-80", "euc-cn", "ms936", "936"}

_counter = threading.local()


def _count_errors(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: replace like 'replace', and count the invalid bytes (per thread)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _counter.n = getattr(_counter, "n", 0) + (exc.end - exc.start)
    return "\ufffd", exc.end


codecs.register_error("civread.count", _count_errors)


def _decode_counting(data: bytes, encoding: str) -> tuple[str, int]:
    """Decode with replacement, returning the text and how many bytes were invalid."""
    _counter.n = 0
    text = data.decode(encoding, errors="civread.count")
    return text, _counter.n


def _binary(data: bytes) -> str | None:
    """A reason if the bytes are plainly not text: a known magic number or only NULs."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"binary file (looks like {what})"
    if len(data) >= 12 and data[4:8] == b"ftyp":
        return "binary file (looks like MP4/QuickTime media)"
    if data.startswith(b"RIFF") and len(data) >= 12 and data[8:12] in (b"WAVE", b"AVI ", b"WEBP"):
        return f"binary file (looks like {data[8:12].decode().strip()} media)"
    if data.startswith(b"ID3") and len(data) >= 5 and data[3] in (2, 3, 4) and data[4] == 0:
        return "binary file (looks like MP3 audio)"
    if data.startswith(b"MZ") and b"\x00" in data[2:64]:
        return "binary file (looks like Windows executable)"
    if not data.strip(b"\x00"):
        return "binary file (only NUL bytes)"
    return None


def _bomless_utf(sample: bytes, size: int) -> str | None:
    """UTF-16/32 without a BOM, told by where the NUL bytes fall (ASCII in a wide encoding)."""
    if b"\x00" not in sample:
        return None
    if size % 4 == 0 and len(sample) >= 8:
        s = sample[: len(sample) - len(sample) % 4]
        units = len(s) // 4
        zero = [units - len(s[k::4].replace(b"\x00", b"")) for k in range(4)]
        if zero[2] == zero[3] == units and zero[0] < units * 0.5:
            return "utf-32-le"
        if zero[0] == zero[1] == units and zero[3] < units * 0.5:
            return "utf-32-be"
    if size % 2:
        return None
    s = sample[: len(sample) - len(sample) % 2]
    pairs = len(s) // 2
    even = pairs - len(s[0::2].replace(b"\x00", b""))
    odd = pairs - len(s[1::2].replace(b"\x00", b""))
    need = max(2, pairs // 50)
    # Han characters whose low byte is 0 (一 is U+4E00) put a few NULs on the other side.
    if odd >= need and even * 3 < odd:
        return "utf-16-le"
    if even >= need and odd * 3 < even:
        return "utf-16-be"
    return None


def _plausible_utf16(sample: bytes, size: int) -> str | None:
    """UTF-16 with neither BOM nor ASCII: the reading that is mostly common Chinese characters."""
    if size % 2:
        return None
    chunk = sample[: len(sample) - len(sample) % 2]
    for enc in ("utf-16-le", "utf-16-be"):
        text, bad = _decode_counting(chunk, enc)
        non_ascii = len(text) - len(text.encode("ascii", "ignore"))
        if non_ascii >= 8 and bad <= 2 and _plausibility(text) >= 0.9:
            return enc
    return None


@lru_cache(maxsize=1)
def _good_chars() -> re.Pattern[str]:
    """Non-ASCII characters a right decoding of a page is mostly made of.

    GB2312 level 1 and Big5's frequent set (derived from the codecs themselves, so no word list),
    CJK and general punctuation, full-width forms and Latin-1 letters. A wrong decoding (Big5
    read as GBK, GBK read as UTF-16, GBK bytes that happen to be valid UTF-8) yields mostly rare
    characters instead.
    """
    chars = set(_frequent_han_codes())
    chars.update(range(0x3000, 0x3040), range(0xFF01, 0xFF5F), range(0x2010, 0x2028), range(0xA0, 0x100))
    return _char_class(chars)


@lru_cache(maxsize=1)
def _common_han() -> re.Pattern[str]:
    """The common Han characters among `_good_chars` (no punctuation, no Latin-1)."""
    return _char_class(c for c in _frequent_han_codes() if 0x3400 <= c <= 0x9FFF)


@lru_cache(maxsize=1)
def _frequent_han_codes() -> frozenset[int]:
    """GB2312 level 1 and Big5's frequent set, derived from the codecs themselves."""
    chars: set[int] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes((lead, trail)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    for lead in range(0xA4, 0xC7):
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            try:
                chars.add(ord(bytes((lead, trail)).decode("big5")))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def _char_class(chars: Iterable[int]) -> re.Pattern[str]:
    """A regex character class of these code points, as ranges."""
    ordered = sorted(set(chars))
    parts: list[str] = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        parts.append(f"\\U{ordered[i]:08x}" if i == j else f"\\U{ordered[i]:08x}-\\U{ordered[j]:08x}")
        i = j + 1
    return re.compile("[" + "".join(parts) + "]")


def _plausibility(text: str) -> float:
    """Share of the non-ASCII characters that are common Chinese (or Latin-1) text; 1.0 if none."""
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if not non_ascii:
        return 1.0
    return _good_chars().subn("", text)[1] / non_ascii


def _sample(data: bytes, limit: int = _DETECT_SAMPLE) -> bytes:
    """At most `limit` bytes, cut after a line end so no character is split."""
    if len(data) <= limit:
        return data
    cut = data.rfind(b"\n", 0, limit)
    return data[: cut + 1] if cut > 0 else data[:limit]


def _canonical(name: str) -> str:
    """GB2312/GBK → gb18030 (their superset); codec names in one spelling."""
    low = name.lower().replace("_", "-")
    if low in _GB_LABELS:
        return "gb18030"
    if low == "cp950":
        return "big5"
    return low


def _detect_legacy(data: bytes) -> str:
    """The most likely non-UTF-8 encoding: charset-normalizer's guess, checked by plausibility."""
    sample = _sample(data)
    wide_ok = len(data) % 2 == 0
    candidates = [c for c in _CANDIDATES if wide_ok or not c.startswith("utf_16")]
    try:
        from charset_normalizer import from_bytes

        # A wide encoding needs an even cut, not one after a line end.
        probe = data[:_DETECT_SAMPLE] if wide_ok and len(sample) % 2 else sample
        result = from_bytes(probe, cp_isolation=candidates)
        guesses = [_canonical(m.encoding) for m in result]
    except Exception:  # noqa: BLE001 - a detector failure falls back to our own check
        guesses = []
    # Our own check of the CJK readings: the one with the most common characters and fewest errors.
    scores: dict[str, float] = {}
    pool = ["gb18030", "big5hkscs"] + (["utf-16-le", "utf-16-be"] if wide_ok else [])
    for enc in pool:
        chunk = data[:_SAMPLE] if enc.startswith("utf-16") else _sample(data, _SAMPLE)
        text, bad = _decode_counting(chunk, enc)
        scores[enc] = _plausibility(text) - bad / max(1, len(text))
    best = max(pool, key=lambda enc: scores[enc])  # first of equals wins: gb18030 before big5
    if guesses:
        first = guesses[0]
        if first == "cp1252":
            # A Western reading only when no Chinese reading is plausible.
            return "cp1252" if scores[best] < 0.9 else _big5_name(best)
        key = "big5hkscs" if first == "big5" else first
        if key in scores and scores[key] >= scores[best] - 0.05:
            return first
    return _big5_name(best)


def _big5_name(enc: str) -> str:
    """Big5-HKSCS is tried only as Big5's fallback, so report the plain name first."""
    return "big5" if enc == "big5hkscs" else enc


def _decode_legacy(data: bytes, encoding: str) -> tuple[str, str, int]:
    """Decode in one legacy encoding: (text, codec used, invalid bytes). Big5 retries as HKSCS."""
    try:
        return data.decode(encoding), encoding, 0
    except UnicodeDecodeError:
        pass
    if encoding == "big5":
        try:
            return data.decode("big5hkscs"), "big5hkscs", 0
        except UnicodeDecodeError:
            encoding = "big5hkscs"
    text, bad = _decode_counting(data, encoding)
    return text, encoding, bad


def _with_replaced(encoding: str, bad: int) -> str:
    if not bad:
        return encoding
    return f"{encoding} ({bad} invalid byte{'s' if bad != 1 else ''} replaced)"


def _utf8_line(line: bytes) -> str | None:
    """The line as UTF-8 if it is valid and reads like text (not GB bytes that happen to be valid)."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if _plausibility(text) >= 0.5 else None


def _utf8_invalid_share(data: bytes) -> float:
    """Roughly which share of the non-ASCII bytes are invalid UTF-8 (C speed: no Python handler)."""
    high = len(data) - len(data.translate(None, _ASCII))
    if not high:
        return 0.0
    replaced = data.decode("utf-8", errors="replace").count("\ufffd") - data.count(b"\xef\xbf\xbd")
    return replaced / high


def _legacy_line(line: bytes) -> tuple[str, str] | None:
    """A line that is not UTF-8 but reads as clean Chinese in GB18030 or Big5 (strictly decoded)."""
    for codec in ("gb18030", "big5"):
        try:
            text = line.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausibility(text) >= 0.9 and any("\u4e00" <= ch <= "\u9fff" for ch in text):
            return text, codec
    return None


def _mostly_utf8(data: bytes) -> tuple[str, str]:
    """UTF-8 with a few failing lines: legacy-encoded lines are decoded, damaged bytes replaced."""
    out: list[str] = []
    used: set[str] = set()
    bad_total = 0
    for line in data.split(b"\n"):
        try:
            out.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        legacy = _legacy_line(line)
        if legacy is not None:
            out.append(legacy[0])
            used.add(legacy[1])
            continue
        text, bad = _decode_counting(line, "utf-8")
        bad_total += bad
        out.append(text)
    name = "utf-8" if not used else "mixed: utf-8 + " + " + ".join(sorted(used))
    return "\n".join(out), (_with_replaced(name, bad_total) if bad_total else name)


def _decode_not_utf8(data: bytes) -> tuple[str, str]:
    """Bytes that are not valid UTF-8: damaged UTF-8, a legacy encoding, or both, line by line."""
    if _utf8_invalid_share(data[:_SAMPLE]) <= _DAMAGED_UTF8 and _utf8_invalid_share(data) <= _DAMAGED_UTF8:
        # Good UTF-8 with a few broken bytes (a cut-off last character, a stray byte), or with a
        # line or two pasted in from a GB or Big5 page: each failing line decides for itself.
        return _mostly_utf8(data)
    lines = data.split(b"\n")
    utf8_evidence = 0
    bad_lines: list[int] = []
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        if _utf8_line(line) is not None:
            utf8_evidence += len(line)
        else:
            bad_lines.append(i)
    if not utf8_evidence:
        text, codec, bad = _decode_legacy(data, _detect_legacy(data))
        return text, _with_replaced(codec, bad)
    bad_chunk = b"\n".join(lines[i] for i in bad_lines)
    if _utf8_invalid_share(bad_chunk) <= _DAMAGED_LINES:
        # The lines that fail are mostly UTF-8 with a few broken bytes, not a whole other encoding.
        return _mostly_utf8(data)
    legacy = _detect_legacy(bad_chunk)
    if legacy.startswith("utf-16"):  # a wide encoding cannot share lines with UTF-8
        legacy = "gb18030"
    bad_set = set(bad_lines)
    out: list[str] = []
    used: set[str] = set()
    bad_total = 0
    for i, line in enumerate(lines):
        if i not in bad_set:
            out.append(line.decode("utf-8"))
            continue
        text, codec, bad = _decode_legacy(line, legacy)
        used.add(codec)
        bad_total += bad
        out.append(text)
    return "\n".join(out), _with_replaced("mixed: utf-8 + " + " + ".join(sorted(used)), bad_total)


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a page's bytes, detected; `LoadError` for empty or binary files."""
    if not data:
        raise LoadError("empty file")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            if not body:
                raise LoadError("empty file (only a byte-order mark)")
            text, bad = _decode_counting(body, codec)
            return _checked(text, _with_replaced(name, bad), guessed=False)
    reason = _binary(data)
    if reason:
        raise LoadError(reason)
    head = data[:_SAMPLE]
    wide = _bomless_utf(head, len(data))
    if wide:
        try:
            return _checked(data.decode(wide), wide)
        except UnicodeDecodeError:
            pass
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > len(head) * _BINARY_CONTROL_SHARE:
        wide = _plausible_utf16(head, len(data))
        if wide is None:
            raise LoadError("binary file (mostly control bytes)")
        text, bad = _decode_counting(data, wide)
        return _checked(text, _with_replaced(wide, bad))
    try:
        return _checked(data.decode("utf-8"), "utf-8", guessed=False)
    except UnicodeDecodeError:
        pass
    return _checked(*_decode_not_utf8(data))


def _checked(text: str, encoding: str, guessed: bool = True) -> tuple[str, str]:
    """Refuse decoded text that holds nothing to read. `guessed`: the encoding was inferred (a
    legacy or BOM-less wide one), so the text must also look like text (`_too_little_text`)."""
    if not text.strip():
        raise LoadError("no text (only whitespace)")
    if encoding.endswith("replaced)"):
        sample = text[:_SAMPLE]
        visible = len(sample) - sum(1 for ch in sample if ch.isspace())
        if visible and sample.count("\ufffd") > visible * _BINARY_REPLACED_SHARE:
            raise LoadError("binary file (not text in any known encoding)")
    reason = _too_little_text(text[:_SAMPLE], guessed)
    if reason:
        raise LoadError(reason)
    return text, encoding


def _too_little_text(sample: str, guessed: bool = True) -> str | None:
    """Why `sample` is not the text of a page (too few real characters, or mostly odd ones), or None.

    The share of plausible characters is only asked of a guessed encoding: bytes that are valid
    UTF-8 (or carry a BOM) are text whatever characters they hold; random bytes never are.

    Counted with C-speed regex scans: the sample is at most _SAMPLE characters.
    """
    # Replaced bytes are judged by _BINARY_REPLACED_SHARE, not here: neither good nor bad.
    # (str.split parts on the characters \s matches: what it leaves out is the whitespace.)
    visible = len("".join(sample.split())) - sample.count("\ufffd")
    if visible <= 0:
        return "no text (only whitespace)"
    if guessed:  # the plausible share is asked only here: two whole-sample scans spared otherwise
        good = len(_good_chars().findall(sample))  # common Han, CJK punctuation, full-width, Latin-1
        ascii_visible = len(_ASCII_VISIBLE.findall(sample))
        if (good + ascii_visible) < visible * _MIN_PLAUSIBLE_SHARE:
            return "binary file (not text: mostly unusual characters in any known encoding)"
    if len(_JUNK_CHARS.findall(sample)) > visible * _MAX_JUNK_SHARE:
        return "binary file (not text: control or private-use characters)"
    if not _at_least(_common_han(), sample, _MIN_HAN) and not _at_least(_ASCII_LETTERS, sample, _MIN_LETTERS):
        return "too little text to be a page"
    return None


def _at_least(pattern: re.Pattern[str], text: str, n: int) -> bool:
    """`len(pattern.findall(text)) >= n`, the scan stopping at the n-th match (a page's first
    few characters usually)."""
    return next(islice(pattern.finditer(text), n - 1, None), None) is not None
