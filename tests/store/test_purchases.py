"""Purchases and stamp events in real SQLite files: migration, what the schema refuses, paging, item order."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from emma.domain.customer import Customer
from emma.domain.purchases import Purchase
from emma.domain.stamps import EarnRule, StampEvent, StampEventKind, StampProgram
from emma.services.shop import Shop
from emma.store import categories as category_store
from emma.store import customer_search, schema
from emma.store import customers as customer_store
from emma.store import purchases as purchase_store
from emma.store import stamps as stamp_store
from emma.store.database import open_database
from tests.store.shop_files import read_back, write_database

NOW = datetime(2026, 11, 23, 10, 30)


@pytest.fixture
def anna(shop: Shop) -> int:
    return customer_store.add(shop.database, Customer(first_name="Anna", last_name="Müller"), now=NOW)


def test_a_version_1_file_keeps_its_customers_and_gains_purchases_and_stamps(shop_dir: Path) -> None:
    path = shop_dir / "emma.db"
    write_database(path, version=1)
    assert read_back(path) == (1, [(7, "Łukasz", "Wójcik")])

    database = open_database(path)
    try:
        assert schema.version_of(database.connection) == schema.LATEST_VERSION
        assert customer_store.get(database, 7).full_name.endswith("Wójcik")
        # the search tables of version 3 were filled from the customers
        assert [row.id for row in customer_search.search(database, "woj", limit=5)] == [7]
        assert [row.id for row in customer_search.search(database, "lukasz wojc", limit=5)] == [7]
        tables = {row[0] for row in database.connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"purchases", "purchase_items", "stamp_programs", "stamp_events", "categories"} <= tables
        assert purchase_store.count(database) == 0
        purchase_id = purchase_store.add(database, Purchase(7, datetime(2026, 11, 1, 9), 1250, ("Brot",)), now=NOW)
        assert purchase_store.get(database, purchase_id).items == ("Brot",)
        assert database.connection.execute("SELECT value FROM settings WHERE key = 'shop_name'").fetchone() == (
            "Feinkost Öztürk",
        )
    finally:
        database.close()
    assert read_back(path) == (schema.LATEST_VERSION, [(7, "Łukasz", "Wójcik")])
    assert len(list(shop_dir.glob(f"emma.before-v{schema.LATEST_VERSION}-from-v1-*.db"))) == 1


def _purchase_row(conn: sqlite3.Connection, customer: int, **changes) -> int:
    row = {
        "customer_id": customer,
        "at": "2026-11-23T10:30:00",
        "amount_cents": 1250,
        "note": "",
        "reversed_at": None,
        "reversal_reason": "",
        "created_at": "2026-11-23T10:30:00",
        **changes,
    }
    marks = ", ".join("?" for _ in row)
    return conn.execute(f"INSERT INTO purchases ({', '.join(row)}) VALUES ({marks})", list(row.values())).lastrowid


def test_a_good_purchase_row_is_accepted(shop: Shop, anna: int) -> None:
    conn = shop.database.connection
    _purchase_row(conn, anna)
    _purchase_row(conn, anna, amount_cents=0)
    _purchase_row(conn, anna, reversed_at="2026-11-24T09:00:00", reversal_reason="falsch getippt")
    assert purchase_store.count(shop.database) == 3


@pytest.mark.parametrize(
    "changes",
    [
        {"amount_cents": -1},
        {"amount_cents": None},
        {"at": "2026-11-23"},  # a day without a time
        {"at": "2026-11-23 10:30:00"},  # a space, not a T
        {"at": "2026-11-23T10:30"},  # without seconds
        {"at": "23.11.2026 10:30"},
        {"at": "2026-02-32T10:30:00"},
        {"at": None},
        {"reversed_at": "2026-11-24T09:00:00", "reversal_reason": ""},  # Storno without a reason
        {"customer_id": 4711},  # nobody
    ],
)
def test_bad_purchase_rows_are_refused(shop: Shop, anna: int, changes: dict) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        _purchase_row(shop.database.connection, anna, **changes)
    assert purchase_store.count(shop.database) == 0


def test_stamp_rows_are_checked(shop: Shop, anna: int) -> None:
    conn = shop.database.connection
    program_id = stamp_store.add_program(shop.database, StampProgram("Kaffeekarte", 10, "1 Kaffee"), now=NOW)
    insert = (
        "INSERT INTO stamp_events (customer_id, program_id, kind, stamps, at, created_at) "
        "VALUES (?, ?, ?, 1, '2026-11-23T10:30:00', '2026-11-23T10:30:00')"
    )
    conn.execute(insert, (anna, program_id, "earned"))
    for customer_id, program, kind in [
        (anna, program_id, "gifted"),
        (anna, 999, "earned"),
        (4711, program_id, "earned"),
    ]:
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(insert, (customer_id, program, kind))
    for bad in [{"required": 0}, {"required": 101}, {"rule": "per_moon"}, {"validity_months": 0}, {"name": ""}]:
        row = {"name": "Karte", "required": 10, "reward": "x", "rule": "per_visit", "created_at": "x", **bad}
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                f"INSERT INTO stamp_programs ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", [*row.values()]
            )
    assert conn.execute("SELECT count(*) FROM stamp_events").fetchone() == (1,)


def test_a_purchase_keeps_its_items_in_order_and_its_fields(shop: Shop, anna: int) -> None:
    items = ("Wein", "Käse", "Brot", "Wein-Geschenk", "Äpfel", "Zwiebeln", "Bier", "Chips", "Dattel", "Essig", "Feigen")
    purchase_id = purchase_store.add(
        shop.database, Purchase(anna, datetime(2026, 11, 20, 17, 45, 12, 999), 4290, items, "für Samstag"), now=NOW
    )
    got = purchase_store.get(shop.database, purchase_id)
    assert got == Purchase(anna, datetime(2026, 11, 20, 17, 45, 12), 4290, items, "für Samstag", id=purchase_id)
    assert not got.reversed
    assert purchase_store.get(shop.database, purchase_id + 1) is None


def test_a_reversal_marks_the_purchase_once(shop: Shop, anna: int) -> None:
    purchase_id = purchase_store.add(shop.database, Purchase(anna, datetime(2026, 11, 20, 9), 990), now=NOW)
    purchase_store.mark_reversed(shop.database, purchase_id, at=NOW, reason="doppelt gebucht")
    got = purchase_store.get(shop.database, purchase_id)
    assert (got.reversed, got.reversed_at, got.reversal_reason) == (True, NOW, "doppelt gebucht")
    with pytest.raises(LookupError):
        purchase_store.mark_reversed(shop.database, purchase_id, at=NOW, reason="nochmal")
    assert purchase_store.get(shop.database, purchase_id).reversal_reason == "doppelt gebucht"
    assert purchase_store.totals(shop.database, anna) == (0, 0, None, None)


def test_pages_are_newest_first_and_keyset_paging_crosses_equal_timestamps(shop: Shop, anna: int) -> None:
    other = customer_store.add(shop.database, Customer(last_name="Huber"), now=NOW)
    moments = [datetime(2026, 11, day, hour) for day in (1, 2, 3) for hour in (9, 9, 9, 9, 12)]
    ids = []
    for n, moment in enumerate(moments):
        ids.append(purchase_store.add(shop.database, Purchase(anna, moment, 100 + n, (f"Posten {n}",)), now=NOW))
        purchase_store.add(shop.database, Purchase(other, moment, 1), now=NOW)
    expected = sorted(zip(moments, ids, strict=True), reverse=True)

    for limit in (1, 2, 3, 4, 7, 100):
        seen: list[Purchase] = []
        while True:
            before = (seen[-1].at.isoformat(timespec="seconds"), seen[-1].id) if seen else None
            page = purchase_store.page(shop.database, anna, limit=limit, before=before)
            assert len(page) <= limit
            seen.extend(page)
            if len(page) < limit:
                break
        assert [(p.at, p.id) for p in seen] == expected, limit
        assert {p.customer_id for p in seen} == {anna}
        assert all(p.items == (f"Posten {p.amount_cents - 100}",) for p in seen)


def test_totals_and_item_lists_leave_out_reversed_purchases(shop: Shop, anna: int) -> None:
    database = shop.database
    kept = purchase_store.add(database, Purchase(anna, datetime(2026, 3, 1, 9), 1000, ("Wein", "Käse")), now=NOW)
    purchase_store.add(database, Purchase(anna, datetime(2026, 5, 1, 9), 3000, ("Brot",)), now=NOW)
    gone = purchase_store.add(database, Purchase(anna, datetime(2026, 11, 1, 9), 99_900, ("Sekt",)), now=NOW)
    purchase_store.mark_reversed(database, gone, at=NOW, reason="Irrtum")
    total, visits, first, last = purchase_store.totals(database, anna)
    assert (total, visits, first.isoformat(), last.isoformat()) == (4000, 2, "2026-03-01", "2026-05-01")
    assert sorted(purchase_store.item_lists(database, anna)) == [["Brot"], ["Wein", "Käse"]]
    assert purchase_store.get(database, kept).amount_cents == 1000


def test_programs_and_events_read_back_as_written(shop: Shop, anna: int) -> None:
    database = shop.database
    program = StampProgram(
        "Treuekarte", 10, "5 € Rabatt", EarnRule.PER_AMOUNT, 0, 1000, 5, ("Wein", "Käse"), 12, active=False
    )
    program_id = stamp_store.add_program(database, program, now=NOW)
    assert stamp_store.programs(database) == [StampProgram(**{**program.__dict__, "id": program_id})]
    assert stamp_store.programs(database, active_only=True) == []
    assert stamp_store.programs_of_customer(database, anna) == []  # paused and no stamps of hers
    purchase_id = purchase_store.add(database, Purchase(anna, NOW, 5000), now=NOW)
    earned = StampEvent(StampEventKind.EARNED, 5, NOW, purchase_id)
    corrected = StampEvent(StampEventKind.CORRECTED, -1, NOW, reason="Versehen")
    stamp_store.add_events(database, [(anna, program_id, earned), (anna, program_id, corrected)], now=NOW)
    events = stamp_store.events(database, anna, program_id)
    assert [(e.kind, e.stamps, e.at, e.purchase_id, e.reason) for e in events] == [
        (StampEventKind.EARNED, 5, NOW, purchase_id, ""),
        (StampEventKind.CORRECTED, -1, NOW, None, "Versehen"),
    ]
    assert [p.id for p in stamp_store.programs_of_customer(database, anna)] == [program_id]  # paused, with stamps
    assert stamp_store.earned_by_purchase(database, purchase_id) == {program_id: 5}


def test_categories_keep_their_order_and_refuse_a_folded_repeat(shop: Shop) -> None:
    category_store.replace_all(shop.database, ["Wein", "Käse", "Brot"])
    assert category_store.all_names(shop.database) == ["Wein", "Käse", "Brot"]
    with pytest.raises(sqlite3.IntegrityError):
        category_store.replace_all(shop.database, ["Käse", "kaese"])
    assert category_store.all_names(shop.database) == ["Wein", "Käse", "Brot"]  # nothing half-replaced
