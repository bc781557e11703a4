"""Duplicates in a real shop file: candidates grouped in SQL, pairs dismissed, and the merge that keeps everything."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from emma.domain.birthdays import Birthday
from emma.domain.customer import Customer
from emma.domain.duplicates import merged_customer
from emma.domain.stamps import EarnRule, StampEvent, StampEventKind, StampProgram
from emma.services.counter import book_purchase
from emma.services.customers import archive_customer, find_customers, save_customer
from emma.services.reminders import add_todo
from emma.services.stamp_cards import cards_for, redeem, save_program
from emma.store import customers as customer_store
from emma.store import duplicates as duplicate_store
from emma.store import letters as letter_store
from emma.store import stamps as stamp_store
from tests.conftest import NOW, TODAY

VISITS = StampProgram("Besuchskarte", 5, "1 Kaffee gratis", EarnRule.PER_VISIT)


def _add(shop, **fields) -> int:
    return save_customer(shop, Customer(**fields), now=NOW).id


def _table_counts(shop) -> dict[str, int]:
    conn = shop.database.connection
    return {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("purchases", "purchase_items", "stamp_events", "letters_sent", "todos")
    }


def test_name_groups_fold_and_swap_names_and_leave_out_the_archived(shop):
    anna = _add(shop, first_name="Anna", last_name="Müller", birthday=Birthday(7, 3, 1965))
    swapped = _add(shop, first_name="Mueller", last_name="Anna")
    _add(shop, first_name="Anna", last_name="Berg")
    archived = _add(shop, first_name="Anna", last_name="Muller")
    archive_customer(shop, archived, now=NOW)
    assert duplicate_store.name_groups(shop.database) == [[(anna, (7, 3, 1965)), (swapped, None)]]


def test_contact_groups_come_from_the_search_rows(shop):
    first = _add(shop, last_name="A", email="Anna@Web.de", phone="+49 170 1234567")
    second = _add(shop, last_name="B", email="anna@web.de ")
    third = _add(shop, last_name="C", phone="0170/123 45 67", postal_code="90402")
    _add(shop, last_name="D", postal_code="90402")  # a postal code is no phone number
    groups = sorted(sorted(group) for group in duplicate_store.contact_groups(shop.database))
    assert groups == [[first, second], [first, third]]


def test_a_shared_placeholder_is_not_a_group(shop):
    for letter in "ABC":
        _add(shop, last_name=letter, phone="0911 000000")
    assert duplicate_store.contact_groups(shop.database, max_group=2) == []


def test_dismissed_pairs_are_kept_in_the_settings(shop):
    duplicate_store.dismiss(shop.database, 9, 4)
    duplicate_store.dismiss(shop.database, 4, 9)
    duplicate_store.dismiss(shop.database, 1, 2)
    assert duplicate_store.dismissed(shop.database) == {(4, 9), (1, 2)}
    shop.database.connection.execute("UPDATE settings SET value = 'kaputt' WHERE key = ?", ("duplicates_dismissed",))
    assert duplicate_store.dismissed(shop.database) == set()


@pytest.fixture
def two_annas(shop):
    """Anna twice, each with purchases, stamps on the same card, a letter, a to-do and a reminder done."""
    program = save_program(shop, VISITS, now=NOW)
    keep = _add(shop, first_name="Anna", last_name="Müller", customer_since=date(2024, 1, 1))
    other = _add(shop, first_name="Anna", last_name="Mueller", email="anna@web.de", customer_since=date(2021, 6, 1))
    for day, customer_id in enumerate((keep, other, other, keep, other, other, other, other)):
        at = NOW - timedelta(days=40 - day * 3)
        book_purchase(shop, customer_id, 1200, at=at, items=("Brot",), now=at)
    redeem(shop, other, program.id, now=NOW - timedelta(days=1))  # her 6th stamp: the card was full at 5
    letter_store.record(shop.database, [keep, other], "birthday", "geburtstag", now=NOW)
    add_todo(shop, other, TODAY + timedelta(days=3), "Rückruf wegen Bestellung", now=NOW)
    conn = shop.database.connection
    for customer_id in (keep, other):
        conn.execute(
            "INSERT INTO reminder_states (kind, customer_id, occasion, due, at) VALUES ('birthday', ?, '2026', ?, ?)",
            (customer_id, TODAY.isoformat(), NOW.isoformat()),
        )
    conn.execute(
        "INSERT INTO reminder_states (kind, customer_id, occasion, due, at) VALUES ('win_back', ?, '2026', ?, ?)",
        (other, TODAY.isoformat(), NOW.isoformat()),
    )
    return keep, other, program.id


def _merge(shop, keep: int, other: int) -> bool:
    merged = merged_customer(customer_store.get(shop.database, keep), customer_store.get(shop.database, other))
    return duplicate_store.merge(shop.database, merged, other, now=datetime(2026, 11, 24, 9, 0))


def test_merge_keeps_every_purchase_stamp_letter_and_todo(shop, two_annas):
    keep, other, program_id = two_annas
    before = _table_counts(shop)
    balances = (
        duplicate_store.stamp_balances(shop.database, keep)[program_id]
        + duplicate_store.stamp_balances(shop.database, other)[program_id]
    )
    assert _merge(shop, keep, other) is True
    assert _table_counts(shop) == before
    assert duplicate_store.history_counts(shop.database, keep) == {
        "purchases": 8, "stamp_events": 9, "letters_sent": 2, "todos": 1, "reminder_states": 2,
    }  # fmt: skip
    assert duplicate_store.history_counts(shop.database, other) == dict.fromkeys(
        ("purchases", "stamp_events", "letters_sent", "todos", "reminder_states"), 0
    )
    assert duplicate_store.stamp_balances(shop.database, keep) == {program_id: balances}
    (card,) = cards_for(shop, keep, TODAY)
    assert card.stamps == balances == 3


def test_merge_rebuilds_the_summaries(shop, two_annas):
    keep, other, program_id = two_annas
    _merge(shop, keep, other)
    conn = shop.database.connection
    visits = conn.execute("SELECT visits, first_visit FROM customer_visits WHERE customer_id = ?", (keep,)).fetchone()
    assert visits == (8, (NOW - timedelta(days=40)).date().isoformat())
    assert conn.execute("SELECT count(*) FROM customer_visits WHERE customer_id = ?", (other,)).fetchone() == (0,)
    card = conn.execute("SELECT balance FROM stamp_cards WHERE customer_id = ? AND program_id = ?", (keep, program_id))
    assert card.fetchone() == (3,)
    assert conn.execute("SELECT count(*) FROM stamp_cards WHERE customer_id = ?", (other,)).fetchone() == (0,)


def test_the_other_is_gone_with_her_search_rows_and_the_kept_one_is_found(shop, two_annas):
    keep, other, _program = two_annas
    duplicate_store.dismiss(shop.database, other, 99)
    duplicate_store.dismiss(shop.database, keep, 98)
    _merge(shop, keep, other)
    conn = shop.database.connection
    assert customer_store.get(shop.database, other) is None
    for table in ("customer_terms", "customer_prefixes", "customer_preferences"):
        assert conn.execute(f"SELECT count(*) FROM {table} WHERE customer_id = ?", (other,)).fetchone() == (0,)
    assert [found.id for found in find_customers(shop, "anna mü")] == [keep]
    assert [found.id for found in find_customers(shop, "anna@web")] == [keep]
    kept = customer_store.get(shop.database, keep)
    assert kept.customer_since == date(2021, 6, 1)
    assert kept.notes == "auch: Anna Mueller"
    assert duplicate_store.dismissed(shop.database) == {(keep, 98)}


def test_a_table_added_later_moves_along_or_keeps_her_archived(shop, two_annas):
    keep, other, _program = two_annas
    conn = shop.database.connection
    conn.execute("CREATE TABLE consent_forms (customer_id INTEGER NOT NULL REFERENCES customers (id), signed TEXT)")
    conn.execute(
        "CREATE TABLE loyalty (customer_id INTEGER PRIMARY KEY REFERENCES customers (id), level TEXT NOT NULL)"
    )
    conn.execute("INSERT INTO consent_forms VALUES (?, '2025-01-01')", (other,))
    conn.executemany("INSERT INTO loyalty VALUES (?, 'gold')", [(keep,), (other,)])
    # Her loyalty row cannot move (Anna has one) and holds on to her: she stays, archived, with nothing else.
    assert _merge(shop, keep, other) is False
    assert conn.execute("SELECT customer_id FROM consent_forms").fetchall() == [(keep,)]
    assert customer_store.get(shop.database, other).archived
    assert duplicate_store.history_counts(shop.database, other)["purchases"] == 0
    assert [found.id for found in find_customers(shop, "anna")] == [keep]


def test_a_failing_merge_changes_nothing(shop, two_annas, monkeypatch):
    keep, other, _program = two_annas
    before = _table_counts(shop), customer_store.get(shop.database, keep)

    def broken(conn, customer_ids):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(stamp_store, "refresh_cards", broken)
    with pytest.raises(RuntimeError):
        _merge(shop, keep, other)
    assert (_table_counts(shop), customer_store.get(shop.database, keep)) == before
    assert duplicate_store.history_counts(shop.database, other)["purchases"] == 6


def test_ledger_events_keep_their_purchases(shop, two_annas):
    keep, other, program_id = two_annas
    _merge(shop, keep, other)
    events = stamp_store.events(shop.database, keep, program_id)
    earned = [event for event in events if event.kind is StampEventKind.EARNED]
    conn = shop.database.connection
    owners = {conn.execute("SELECT customer_id FROM purchases WHERE id = ?", (e.purchase_id,)).fetchone()[0]
              for e in earned}  # fmt: skip
    assert owners == {keep}
    assert isinstance(events[0], StampEvent)
