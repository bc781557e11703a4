"""Auswertung: the month-by-month figures behind the charts (this year beside the year before) and the
segments, computed together off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from emma.services.segments import SegmentReport, remember, segments
from emma.services.shop import Shop
from emma.store import insights as insight_store

MONTHS = 12


@dataclass(frozen=True, slots=True)
class Month:
    first_day: date
    revenue_cents: int = 0
    purchases: int = 0
    new_customers: int = 0
    returning_customers: int = 0
    cards_started: int = 0
    rewards_redeemed: int = 0
    letters_sent: int = 0
    came_back: int = 0  # of the letters' recipients, those who bought within 30 days after


@dataclass(frozen=True)
class Insights:
    on: date
    months: list[Month]  # the last 12 months, oldest first, the current one last
    year_before: list[Month]  # the same months a year earlier
    segments: SegmentReport


def month_starts(on: date, count: int) -> list[date]:
    """The first days of the `count` months up to the one of `on`, oldest first."""
    year, month = on.year, on.month
    found = []
    for _n in range(count):
        found.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found[::-1]


def insights(shop: Shop, on: date) -> Insights:
    """Everything the Auswertung shows on `on`."""
    starts = month_starts(on, 2 * MONTHS)
    first, last = starts[0], on
    database = shop.database
    purchases = insight_store.purchases_by_month(database, first, last)
    stamps = insight_store.stamps_by_month(database, first, last)
    letters = insight_store.letters_by_month(database, first, last)
    months = []
    for start in starts:
        key = start.isoformat()[:7]
        revenue, count, new, returning = purchases.get(key, (0, 0, 0, 0))
        started, redeemed = stamps.get(key, (0, 0))
        sent, back = letters.get(key, (0, 0))
        months.append(Month(start, revenue, count, new, returning, started, redeemed, sent, back))
    report = segments(shop, on)
    remember(shop, report)  # for the customers' panels
    return Insights(on=on, months=months[MONTHS:], year_before=months[:MONTHS], segments=report)
