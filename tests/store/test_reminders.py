"""The reminder queries ask in SQL what domain/reminders decides: they must find exactly the same customers."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emma.domain.birthdays import Birthday
from emma.domain.customer import Customer
from emma.domain.purchases import Purchase
from emma.domain.reminders import stamp_wait, usual_interval, win_back_due, win_back_gap
from emma.domain.stamps import EarnRule, StampEvent, StampEventKind, StampProgram
from emma.store import customers as customer_store
from emma.store import purchases as purchase_store
from emma.store import reminders as reminder_store
from emma.store import stamps as stamp_store
from emma.store.database import open_database

PROPERTY = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
NOW = datetime(2026, 11, 24, 9, 0)
DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 11, 1))


@PROPERTY
@given(
    first=DAYS,
    gaps=st.lists(st.integers(0, 120), min_size=0, max_size=12),
    today=st.dates(min_value=date(2020, 1, 1), max_value=date(2028, 1, 1)),
    factor=st.integers(2, 10),
    min_days=st.integers(7, 365),
)
def test_lapsing_regulars_are_those_the_rule_finds(
    first: date, gaps: list[int], today: date, factor: int, min_days: int
) -> None:
    database = open_database(None)
    try:
        customer_id = customer_store.add(database, Customer(first_name="Anna", last_name="Müller"), now=NOW)
        days = [first + timedelta(days=sum(gaps[:n])) for n in range(len(gaps) + 1)]
        purchases = [Purchase(customer_id, datetime.combine(day, datetime.min.time()), 1000) for day in days]
        purchase_store.add_many(database, purchases, now=NOW)
        visits = len(set(days))
        (usual,) = database.connection.execute("SELECT usual_days FROM customer_visits").fetchone()
        assert usual == usual_interval(min(days), max(days), visits)

        earliest = today - timedelta(days=30)
        found = reminder_store.lapsing_regulars(
            database, earliest=earliest, latest=today, gap=lambda days: win_back_gap(days, factor, min_days)
        )
        due = win_back_due(min(days), max(days), visits, factor, min_days)
        assert bool(found) == (due is not None and earliest <= due <= today)
    finally:
        database.close()


@PROPERTY
@given(
    changed_on=DAYS,
    usual_days=st.one_of(st.none(), st.integers(1, 200)),
    stamps=st.integers(0, 12),
    offset=st.integers(-400, 30),
)
def test_waiting_cards_are_those_the_rule_finds(
    changed_on: date, usual_days: int | None, stamps: int, offset: int
) -> None:
    database = open_database(None)
    try:
        customer_id = customer_store.add(database, Customer(first_name="Anna", last_name="Müller"), now=NOW)
        program_id = stamp_store.add_program(database, StampProgram("Karte", 10, "Kaffee", EarnRule.PER_VISIT), now=NOW)
        event = StampEvent(StampEventKind.CORRECTED, stamps, datetime.combine(changed_on, datetime.min.time()),
                           reason="Papierkarte")  # fmt: skip
        if stamps:
            stamp_store.add_event(database, customer_id, program_id, event, now=NOW)
        database.connection.execute("UPDATE stamp_cards SET usual_days = ?", (usual_days,))
        first = changed_on + timedelta(days=offset)
        last = first + timedelta(days=14)
        found = reminder_store.cards_waiting(database, first, last, wait_days=30, factor=2)
        due = changed_on + timedelta(days=stamp_wait(usual_days))
        assert bool(found) == (stamps >= 9 and first <= due <= last)
    finally:
        database.close()


def test_birthdays_and_anniversaries_by_day_of_the_year_across_new_year(tmp_path) -> None:
    database = open_database(tmp_path / "shop.db")
    try:
        ids = customer_store.add_many(
            database,
            [
                Customer(first_name="Silvester", birthday=Birthday(12, 31), customer_since=date(2021, 12, 31)),
                Customer(first_name="Neujahr", birthday=Birthday(1, 1, 1970), customer_since=date(2025, 1, 1)),
                Customer(first_name="Sommer", birthday=Birthday(7, 1), customer_since=date(2021, 7, 1)),
                Customer(first_name="Schalttag", birthday=Birthday(2, 29), customer_since=date(2024, 2, 29)),
            ],
            now=NOW,
        )
        start, end = date(2026, 12, 30), date(2027, 1, 2)
        assert {row[0] for row in reminder_store.birthdays_between(database, start, end)} == set(ids[:2])
        found = reminder_store.anniversaries_between(database, start, end, {1, 5})
        assert {row[0] for row in found} == {ids[0]}  # five years on 31 December; two on 1 January is no milestone
        assert {row[0] for row in reminder_store.birthdays_between(database, date(2027, 2, 28), date(2027, 2, 28))} == {
            ids[3]
        }
    finally:
        database.close()
