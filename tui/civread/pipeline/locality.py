"""PLACEHOLDER (owned by the locality helper): resolve an article's place."""

from __future__ import annotations

from civread.model import UNLOCATED, Locality


def resolve_locality(title: str, kicker: str, paragraphs: list[str]) -> Locality:
    return UNLOCATED


def place_codes(text: str) -> set[str]:
    return set()


def starts_with_place(text: str) -> bool:
    return False
