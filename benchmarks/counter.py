"""Figure 6: booking a purchase with stamps at the counter (`book_purchase`), one at a time.

200 bookings for customers drawn (seeded) from the whole shop, each with a coffee among its items
and at least 10 €, so that both demo stamp programs earn on it (the coffee card one stamp per
visit with coffee, the loyalty card one per full 10 €): the purchase, her stamp ledgers read,
expiries and new stamps written, and the commit, as the booking dialog does it.

The bookings stay in the shop; run this after the measurements that must see the demo shop as made.
"""

from __future__ import annotations

import random
import time

from emma.services.counter import book_purchase
from emma.services.shop import Shop
from emma.store.stamps import earned_by_purchase

BOOKINGS = 200
SEED = 6
# Item lists as the owner enters them; every one holds a "Kaffee" (the coffee card counts coffee only).
BASKETS = (
    ("Kaffee",),
    ("Kaffee", "Schokolade"),
    ("Kaffee", "Brot"),
    ("Wein", "Kaffee"),
    ("Kaffee", "Käse", "Feinkost"),
)


def time_bookings(shop: Shop) -> tuple[list[float], int]:
    """Milliseconds of each booking, and how many of them earned stamps on two programs or more."""
    connection = shop.database.connection
    customer_ids = [row[0] for row in connection.execute("SELECT id FROM customers WHERE archived = 0 ORDER BY id")]
    rng = random.Random(SEED)
    timings, on_both = [], 0
    for customer_id in rng.sample(customer_ids, BOOKINGS):
        cents = rng.randrange(1_000, 9_000, 10)
        items = rng.choice(BASKETS)
        started = time.perf_counter()
        booking = book_purchase(shop, customer_id, cents, items=items)
        timings.append((time.perf_counter() - started) * 1000)
        on_both += len(earned_by_purchase(shop.database, booking.purchase_id)) >= 2
    return timings, on_both
