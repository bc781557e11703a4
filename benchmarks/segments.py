"""Figure: every customer's segments (ABC, RFM, phase, portfolio) on a day, for the whole demo shop."""

from __future__ import annotations

import time
from datetime import date

from emma.services.segments import segments
from emma.services.shop import Shop

RUNS = 3


def time_segments(shop: Shop, on: date) -> tuple[float, int]:
    """The best of `RUNS` (seconds), and how many customers."""
    best, count = float("inf"), 0
    for _run in range(RUNS):
        started = time.perf_counter()
        report = segments(shop, on)
        best = min(best, time.perf_counter() - started)
        count = len(report.customers)
    return best, count
