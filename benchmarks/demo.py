"""Figure 1: how long the demo shop of 100,000 customers takes to make (as `emma demo` makes it), and its purchases."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from emma.services.demo_shop import fill_demo_shop
from emma.services.shop import open_shop
from emma.store.purchases import count as count_purchases

CUSTOMERS = 100_000
SEED = 1


@dataclass(frozen=True)
class DemoTiming:
    seconds: float  # the whole fill_demo_shop call
    customers_seconds: float | None  # until progress reported every customer added (purchases follow)
    purchases: int  # how many purchases the demo booked

    @property
    def purchases_seconds(self) -> float | None:
        return None if self.customers_seconds is None else self.seconds - self.customers_seconds


def make_demo_shop(path: Path) -> DemoTiming:
    """Creates the shop file at `path` and fills it as `emma demo` does, timing `fill_demo_shop`."""
    shop = open_shop(path)
    customers_done: list[float] = []

    def progress(done: int, total: int) -> None:
        # Customers come first; when there is a second phase (purchases), `total` counts both.
        if not customers_done and done >= CUSTOMERS and total > CUSTOMERS:
            customers_done.append(time.perf_counter() - started)

    try:
        started = time.perf_counter()
        fill_demo_shop(shop, CUSTOMERS, seed=SEED, progress=progress)
        seconds = time.perf_counter() - started
        return DemoTiming(seconds, customers_done[0] if customers_done else None, count_purchases(shop.database))
    finally:
        shop.close()
