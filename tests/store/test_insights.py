"""The monthly figures of the Auswertung, summed in SQL, against a small shop on a real SQLite file."""

from __future__ import annotations

from datetime import date, datetime

from emma.domain.customer import Customer
from emma.services.counter import book_purchase, reverse_purchase
from emma.services.customers import save_customer
from emma.services.insights import insights, month_starts
from emma.store import insights as insight_store
from emma.store import letters as letter_store
from tests.conftest import NOW


def _at(day: str) -> datetime:
    return datetime.fromisoformat(day + "T10:00:00")


def test_revenue_new_and_returning_per_month(shop) -> None:
    anna = save_customer(shop, Customer(first_name="Anna"), now=NOW).id
    bea = save_customer(shop, Customer(first_name="Bea"), now=NOW).id
    for customer, day, cents in ((anna, "2026-09-03", 1000), (anna, "2026-10-05", 2000), (anna, "2026-10-20", 500),
                                 (bea, "2026-10-07", 700)):  # fmt: skip
        book_purchase(shop, customer, cents, at=_at(day), now=_at(day))
    wrong = book_purchase(shop, bea, 9900, at=_at("2026-10-08"), now=_at("2026-10-08"))
    reverse_purchase(shop, wrong.purchase_id, "vertippt", now=_at("2026-10-08"))
    months = insight_store.purchases_by_month(shop.database, date(2026, 9, 1), date(2026, 10, 31))
    assert months["2026-09"] == [1000, 1, 1, 0]  # Anna new in September
    assert months["2026-10"] == [3200, 3, 1, 1]  # the reversed purchase left out; Bea new, Anna returning


def test_letters_and_who_came_back_within_30_days(shop) -> None:
    anna = save_customer(shop, Customer(first_name="Anna"), now=NOW).id
    bea = save_customer(shop, Customer(first_name="Bea"), now=NOW).id
    letter_store.record(shop.database, [anna, bea], "birthday", "default", now=_at("2026-10-01"))
    book_purchase(shop, anna, 1000, at=_at("2026-10-20"), now=_at("2026-10-20"))  # came back
    book_purchase(shop, bea, 1000, at=_at("2026-11-15"), now=_at("2026-11-15"))  # after 45 days: not counted
    assert insight_store.letters_by_month(shop.database, date(2026, 10, 1), date(2026, 10, 31)) == {"2026-10": (2, 1)}


def test_twelve_months_beside_the_year_before(shop) -> None:
    assert month_starts(date(2026, 2, 14), 3) == [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    anna = save_customer(shop, Customer(first_name="Anna"), now=NOW).id
    book_purchase(shop, anna, 1234, at=_at("2025-11-10"), now=_at("2025-11-10"))
    book_purchase(shop, anna, 4321, at=_at("2026-11-10"), now=_at("2026-11-10"))
    found = insights(shop, date(2026, 11, 23))
    assert len(found.months) == len(found.year_before) == 12
    assert (found.months[-1].first_day, found.months[-1].revenue_cents) == (date(2026, 11, 1), 4321)
    assert (found.year_before[-1].first_day, found.year_before[-1].revenue_cents) == (date(2025, 11, 1), 1234)
