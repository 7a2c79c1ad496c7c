"""Helpers for tests that work on the bundled seed pages."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from civread.model import Page
from civread.pipeline import process_bytes
from civread.seeds import seeds_dir


def seed_paths() -> list[Path]:
    return sorted(seeds_dir().glob("*.txt"))


def seed_path(prefix: str) -> Path:
    """A seed page by its number ("000" … "004")."""
    (path,) = [p for p in seed_paths() if p.name.startswith(prefix)]
    return path


def seed_text(prefix: str) -> str:
    return seed_path(prefix).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def seed_page(prefix: str) -> Page:
    path = seed_path(prefix)
    return process_bytes(path.read_bytes(), str(path))
