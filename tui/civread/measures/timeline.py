"""Articles per month: when a corpus's coverage ran, from each article's date (never guessed).

Every month between the first and the last dated article is listed, a month without articles
as 0 (a count of articles is a count: none is zero). A corpus spanning more than `MAX_MONTHS`
months is counted per year instead, so the chart stays readable. Undated articles are counted
apart, never spread over months. Pure: no Textual, no Rich.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["MAX_MONTHS", "Timeline", "articles_per_month"]

MAX_MONTHS = 48


@dataclass(slots=True)
class Timeline:
    """(label, articles) in time order — "2024-03" per month or "2024" per year — and the undated."""

    buckets: list[tuple[str, int]] = field(default_factory=list)
    undated: int = 0
    per: str = "month"  # or "year"

    @property
    def dated(self) -> int:
        return sum(n for _, n in self.buckets)


def _month(date: str | None) -> tuple[int, int] | None:
    if not isinstance(date, str) or len(date) < 7 or date[4] != "-":
        return None
    try:
        year, month = int(date[:4]), int(date[5:7])
    except ValueError:
        return None
    return (year, month) if 1 <= month <= 12 else None


def articles_per_month(dates: Iterable[str | None]) -> Timeline:
    """Count ISO dates ("2024-03-12") by month, or by year over a long span."""
    months: Counter[tuple[int, int]] = Counter()
    undated = 0
    for date in dates:
        key = _month(date)
        if key is None:
            undated += 1
        else:
            months[key] += 1
    if not months:
        return Timeline([], undated)
    (y0, m0), (y1, m1) = min(months), max(months)
    span = (y1 - y0) * 12 + (m1 - m0) + 1
    if span > MAX_MONTHS:
        years: Counter[int] = Counter()
        for (year, _), n in months.items():
            years[year] += n
        return Timeline([(str(y), years.get(y, 0)) for y in range(y0, y1 + 1)], undated, "year")
    buckets: list[tuple[str, int]] = []
    year, month = y0, m0
    for _ in range(span):
        buckets.append((f"{year:04d}-{month:02d}", months.get((year, month), 0)))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return Timeline(buckets, undated)
