"""The demo shop: realistic, deterministic, and all or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from emma.domain.errors import UserError
from emma.domain.validation import problems_of
from emma.services.customers import count_customers, find_customers, get_customer
from emma.services.demo_shop import MAX_CUSTOMERS, fill_demo_shop
from emma.services.shop import Shop, is_empty, open_shop

TODAY = date(2026, 11, 23)


def _everyone(shop: Shop) -> list:
    found: list = []
    while True:
        page = find_customers(shop, "", limit=500, after=found[-1] if found else None)
        found.extend(page)
        if len(page) < 500:
            return found


@pytest.fixture(scope="module")
def demo_shop():
    """A 2,000-customer demo shop, made once for the tests that only read it."""
    shop = open_shop(None)
    fill_demo_shop(shop, 2000, seed=5, today=TODAY)
    yield shop
    shop.close()


def test_the_same_seed_gives_the_same_shop(tmp_path: Path) -> None:
    shops = [open_shop(tmp_path / "one.db"), open_shop(None)]
    try:
        for shop in shops:
            assert fill_demo_shop(shop, 150, seed=42, today=TODAY) == 150
        one, other = (_everyone(shop) for shop in shops)
        assert len(one) == 150
        assert one == other
        assert [get_customer(shops[0], row.id) for row in one[:20]] == [
            get_customer(shops[1], row.id) for row in other[:20]
        ]
    finally:
        for shop in shops:
            shop.close()


def test_another_seed_gives_another_shop(memory_shop: Shop) -> None:
    other = open_shop(None)
    try:
        fill_demo_shop(memory_shop, 40, seed=1, today=TODAY)
        fill_demo_shop(other, 40, seed=2, today=TODAY)
        assert [r.list_name for r in _everyone(memory_shop)] != [r.list_name for r in _everyone(other)]
    finally:
        other.close()


def test_demo_customers_are_valid_and_plausible(demo_shop: Shop) -> None:
    rows = _everyone(demo_shop)
    assert len(rows) == count_customers(demo_shop) == 2000
    for row in rows[::40]:
        customer = get_customer(demo_shop, row.id)
        assert problems_of(customer) == {}, (customer, problems_of(customer))
        assert customer.customer_since is not None
        assert customer.customer_since <= TODAY
        assert customer.country in {"DE", "AT", "CH"}


def test_demo_shop_has_the_names_and_birthdays_that_need_care(demo_shop: Shop) -> None:
    rows = _everyone(demo_shop)
    assert any(ch in row.last_name for row in rows for ch in "äöüÄÖÜß")
    assert any(not row.last_name.isascii() and not any(ch in row.last_name for ch in "äöüß") for row in rows)
    birthdays = [row.birthday for row in rows]
    assert any(birthday is None for birthday in birthdays)
    assert any(birthday is not None and birthday.year is None for birthday in birthdays)
    leap_days = [day for day in birthdays if day is not None and (day.month, day.day) == (2, 29)]
    assert leap_days
    assert all(birthday.year is None or birthday.year % 4 == 0 for birthday in leap_days)


def test_umlaut_names_of_the_demo_shop_are_found_every_way(demo_shop: Shop) -> None:
    row = next(row for row in _everyone(demo_shop) if "ü" in row.last_name.lower())
    last = row.last_name.lower()
    for spelling in (last, last.replace("ü", "ue"), last.replace("ü", "u"), last.upper()):
        assert row.id in {found.id for found in find_customers(demo_shop, spelling, limit=2000)}, spelling


def test_progress_is_reported_up_to_the_total(memory_shop: Shop) -> None:
    calls: list[tuple[int, int]] = []
    fill_demo_shop(memory_shop, 12, seed=3, today=TODAY, progress=lambda done, total: calls.append((done, total)))
    assert calls
    assert calls[-1] == (24, 24), "customers first, then their purchases: twice the customers in all"
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert all(total == 24 for _, total in calls)


def test_progress_is_reported_per_chunk(memory_shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    from emma.services import demo_shop as demo_module

    monkeypatch.setattr(demo_module, "_CHUNK", 10)
    calls: list[tuple[int, int]] = []
    fill_demo_shop(memory_shop, 25, seed=3, today=TODAY, progress=lambda done, total: calls.append((done, total)))
    assert calls[:3] == [(10, 50), (20, 50), (25, 50)]
    assert calls[-1] == (50, 50)
    assert count_customers(memory_shop) == 25


def test_a_cancelled_demo_leaves_no_customer(shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    from emma.services import demo_shop as demo_module

    monkeypatch.setattr(demo_module, "_CHUNK", 10)
    chunks_done: list[int] = []
    with pytest.raises(UserError):
        fill_demo_shop(
            shop,
            50,
            seed=3,
            today=TODAY,
            progress=lambda done, total: chunks_done.append(done),
            cancelled=lambda: len(chunks_done) >= 2,  # cancel after two chunks were written
        )
    assert chunks_done == [10, 20]
    assert count_customers(shop) == 0
    assert is_empty(shop)
    assert shop.database.connection.execute("SELECT count(*) FROM customer_terms").fetchone() == (0,)
    assert not shop.database.connection.in_transaction


def test_cancelled_before_the_start_adds_nothing(memory_shop: Shop) -> None:
    with pytest.raises(UserError):
        fill_demo_shop(memory_shop, 5, seed=1, today=TODAY, cancelled=lambda: True)
    assert is_empty(memory_shop)


@pytest.mark.parametrize("count", [-1, MAX_CUSTOMERS + 1])
def test_an_impossible_size_is_refused(memory_shop: Shop, count: int) -> None:
    with pytest.raises(UserError):
        fill_demo_shop(memory_shop, count, seed=1, today=TODAY)
    assert is_empty(memory_shop)


def test_zero_customers_is_an_empty_demo(memory_shop: Shop) -> None:
    assert fill_demo_shop(memory_shop, 0, seed=1, today=TODAY) == 0
    assert is_empty(memory_shop)


@pytest.mark.parametrize("today", [date(1990, 6, 1), date(2004, 2, 29), TODAY])
def test_birthdays_follow_the_given_today(memory_shop: Shop, today: date) -> None:
    fill_demo_shop(memory_shop, 1500, seed=9, today=today)
    rows = _everyone(memory_shop)
    with_year = [row.birthday for row in rows if row.birthday and row.birthday.year]
    assert with_year
    for birthday in with_year:
        assert birthday.date_in(birthday.year) <= today, birthday
        assert 15 <= birthday.age_on(today) <= 91, birthday
    assert any((row.birthday.month, row.birthday.day) == (2, 29) for row in rows if row.birthday)
