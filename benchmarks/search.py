"""Figure 2: the first page of a search (`find_customers`, 200 rows) for each typed text."""

from __future__ import annotations

import time

from emma.services.customers import find_customers
from emma.services.shop import Shop


def time_searches(shop: Shop, texts: list[str]) -> list[float]:
    """Milliseconds of each search, in the order typed; each text is searched once, as typed."""
    find_customers(shop, "", limit=200)  # the list the window opens with
    timings = []
    for text in texts:
        started = time.perf_counter()
        find_customers(shop, text, limit=200)
        timings.append((time.perf_counter() - started) * 1000)
    return timings
