"""Auswertung: the month-by-month figures behind the charts (this year beside the year before) and the
segments, computed together off the GUI thread."""

from __future__ import annotations

import concurrent.futures
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


def months_between(shop: Shop, first: date, last: date) -> list[Month]:
    """The figures of each month from the one of `first` to the one of `last`, counted from `first` to `last`
    (a month cut short at either end counts only its days in between), oldest first."""
    database = shop.database
    purchases = insight_store.purchases_by_month(database, first, last)
    stamps = insight_store.stamps_by_month(database, first, last)
    letters = insight_store.letters_by_month(database, first, last)
    months = []
    for start in month_starts(last, (last.year - first.year) * 12 + last.month - first.month + 1):
        key = start.isoformat()[:7]
        revenue, count, new, returning = purchases.get(key, (0, 0, 0, 0))
        started, redeemed = stamps.get(key, (0, 0))
        sent, back = letters.get(key, (0, 0))
        months.append(Month(start, revenue, count, new, returning, started, redeemed, sent, back))
    return months


def months_and_year_before(shop: Shop, on: date) -> tuple[list[Month], list[Month]]:
    """The 12 months up to the one of `on` (oldest first, the current one last), and the same months a year
    earlier."""
    months = months_between(shop, month_starts(on, 2 * MONTHS)[0], on)
    return months[MONTHS:], months[:MONTHS]


def insights(shop: Shop, on: date) -> Insights:
    """Everything the Auswertung shows on `on`; everyone's segments are kept for the customers' panels. (The view
    computes the two parts in two workers, shows each when it is there, and keeps the segments afterwards.)"""
    # The months are summed in another thread, on a connection of their own, while the segments are computed.
    with shop.reader() as reader, concurrent.futures.ThreadPoolExecutor(1, "months") as pool:
        summing = pool.submit(months_and_year_before, reader, on) if reader is not shop else None
        report = segments(shop, on)
        months, year_before = summing.result() if summing is not None else months_and_year_before(shop, on)
    remember(shop, report)
    return Insights(on=on, months=months, year_before=year_before, segments=report)
