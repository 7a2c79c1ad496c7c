"""The place questions segmentation asks, answered by the gazetteer (one adapter, one place)."""

from __future__ import annotations

from civread.pipeline import locality


def place_codes(text: str) -> set[str]:
    """Administrative codes (with their ancestors) of the places a text names."""
    return set(locality.place_codes(text))


def starts_with_place(text: str) -> bool:
    """The text opens with a place name ("江苏苏州市在…", "上海浦东")."""
    return locality.starts_with_place(text)
