"""Where the bundled seed pages are, installed or run from a checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def seeds_dir() -> Path:
    """The folder of bundled pages: inside the installed package, else the checkout's `seeds/`."""
    packaged = Path(str(resources.files("civread"))) / "seeds"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "seeds"
    return checkout
