"""The two summaries the triggers of schema v13 keep for the Auswertung's months: after bookings, reversals,
redeemed cards, merges, erasures and a purge they are what the purchases and the stamp ledger say."""

from __future__ import annotations

import contextlib
import random
from datetime import date, datetime, timedelta

from emma.domain.customer import Customer
from emma.domain.errors import UserError
from emma.domain.stamps import StampProgram
from emma.services.counter import book_purchase, reverse_purchase
from emma.services.customers import save_customer
from emma.services.duplicates import merge
from emma.services.gdpr import erase_customers
from emma.services.gdpr_review import purge_anonymised_purchases, set_retention_years
from emma.services.stamp_cards import redeem, save_program
from emma.store import insights as insight_store
from tests.conftest import NOW

START = date(2024, 1, 1)


def _rebuilt(conn) -> tuple[set, set]:
    months = set(conn.execute(
        "SELECT substr(at, 1, 7), customer_id, sum(iif(reversed_at IS NULL, amount_cents, 0)),"
        " sum(reversed_at IS NULL), count(*) FROM purchases GROUP BY 1, 2"
    ))  # fmt: skip
    starts = set(conn.execute(
        "SELECT customer_id, program_id, min(at) FROM stamp_events WHERE kind = 'earned' GROUP BY 1, 2"
    ))  # fmt: skip
    return months, starts


def _kept(conn) -> tuple[set, set]:
    return set(conn.execute("SELECT * FROM purchase_months")), set(conn.execute("SELECT * FROM card_starts"))


def test_the_summaries_follow_every_change(shop) -> None:
    conn = shop.database.connection
    chance = random.Random(7)
    program = save_program(shop, StampProgram("Kaffeekarte", 3, "Ein Kaffee"), now=NOW)
    ids = [save_customer(shop, Customer(first_name=f"K{n}", last_name="Test"), now=NOW).id for n in range(24)]
    bookings = []
    for _n in range(200):
        at = datetime.combine(START + timedelta(days=chance.randint(0, 900)), datetime.min.time()).replace(hour=10)
        customer_id = chance.choice(ids)
        bookings.append(book_purchase(shop, customer_id, chance.choice([0, 350, 1990]), at=at, now=at).purchase_id)
    assert _kept(conn) == _rebuilt(conn) and _kept(conn)[0]
    for purchase_id in chance.sample(bookings, 25):
        reverse_purchase(shop, purchase_id, "falsch gebucht", now=NOW)
    for customer_id in ids[:6]:
        with contextlib.suppress(UserError):  # a card not yet full is refused, which is all right here
            redeem(shop, customer_id, program.id, now=NOW)
    assert _kept(conn) == _rebuilt(conn)
    merge(shop, ids[0], ids[1], now=NOW)
    merge(shop, ids[2], ids[3], now=NOW)
    assert _kept(conn) == _rebuilt(conn)
    erase_customers(shop, ids[4:7], now=NOW)
    assert _kept(conn) == _rebuilt(conn)
    set_retention_years(shop, "DE", 1)
    purge_anonymised_purchases(shop, today=date(2030, 1, 1))
    assert _kept(conn) == _rebuilt(conn)


def test_whole_months_from_the_summary_are_what_the_purchases_say(shop) -> None:
    chance = random.Random(3)
    ids = [save_customer(shop, Customer(first_name=f"K{n}", last_name="Test"), now=NOW).id for n in range(10)]
    for _n in range(150):
        at = datetime.combine(START + timedelta(days=chance.randint(0, 400)), datetime.min.time()).replace(hour=9)
        booking = book_purchase(shop, chance.choice(ids), chance.choice([100, 990]), at=at, now=at)
        if chance.random() < 0.1:
            reverse_purchase(shop, booking.purchase_id, "falsch gebucht", now=at)
    conn = shop.database.connection
    for first, last in ((date(2024, 1, 1), date(2024, 12, 31)), (date(2024, 2, 10), date(2024, 11, 20)),
                        (date(2024, 3, 1), date(2024, 3, 31)), (date(2024, 5, 5), date(2024, 5, 6)),
                        (date(2024, 6, 15), date(2024, 7, 10)), (date(2024, 8, 1), date(2024, 9, 3))):  # fmt: skip
        found = insight_store.purchases_by_month(shop.database, first, last)
        from_purchases = _from_purchases(conn, first, last)
        assert {month: figures[:2] for month, figures in found.items()} == {
            month: figures[:2] for month, figures in from_purchases.items()}  # fmt: skip
        came = {month: figures[2] for month, figures in from_purchases.items()}
        assert {month: figures[2] + figures[3] for month, figures in found.items()} == came  # new or not


def _from_purchases(conn, first: date, last: date) -> dict[str, list[int]]:
    """Month → [revenue and purchases that stand, everyone who came], straight from the purchases."""
    return {month: [revenue, count, buyers] for month, revenue, count, buyers in conn.execute(
        "SELECT substr(at, 1, 7), sum(iif(reversed_at IS NULL, amount_cents, 0)), sum(reversed_at IS NULL),"
        " count(DISTINCT customer_id) FROM purchases WHERE at BETWEEN ? AND ? GROUP BY 1",
        (first.isoformat(), last.isoformat() + "T23:59:59"),
    )}  # fmt: skip
