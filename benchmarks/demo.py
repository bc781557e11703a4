"""Figure 1: how long the demo shop of 100,000 customers takes to make (as `emma demo` makes it)."""

from __future__ import annotations

import time
from pathlib import Path

from emma.services.demo_shop import fill_demo_shop
from emma.services.shop import open_shop

CUSTOMERS = 100_000
SEED = 1


def make_demo_shop(path: Path) -> float:
    """Creates the shop file at `path` and fills it; returns the seconds `fill_demo_shop` took."""
    shop = open_shop(path)
    try:
        started = time.perf_counter()
        fill_demo_shop(shop, CUSTOMERS, seed=SEED)
        return time.perf_counter() - started
    finally:
        shop.close()
