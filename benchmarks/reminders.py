"""Figure 8: all reminders of a day (`reminders_for`) on the demo shop, as Heute computes them.

The thirty days up to the demo's today (each a different window of birthdays, anniversaries, first
purchases, lapsing regulars, stamp cards and to-dos; the demo's purchases end on its today, so later
days would find every regular lapsing), each timed once.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

from emma.services.reminders import reminders_for
from emma.services.shop import Shop

DAYS = 30


def time_reminders(shop: Shop, today: date) -> tuple[list[float], int]:
    """Milliseconds for each day's reminders, and how many reminders `today` has."""
    timings, count = [], 0
    for offset in range(DAYS - 1, -1, -1):
        started = time.perf_counter()
        found = reminders_for(shop, today - timedelta(days=offset))
        timings.append((time.perf_counter() - started) * 1000)
        count = len(found)
    return timings, count
