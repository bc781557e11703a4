"""The schema guards the data itself: rows that no code path should write are refused by SQLite."""

from __future__ import annotations

import sqlite3

import pytest

from emma.services.shop import Shop
from emma.store import schema
from emma.store.database import open_database
from tests.store.shop_files import write_database

GOOD = {
    "salutation": "frau",
    "first_name": "Anna",
    "last_name": "Müller",
    "country": "DE",
    "birth_day": 3,
    "birth_month": 7,
    "birth_year": 1965,
    "customer_since": "2020-01-31",
    "address_form": "sie",
    "postal_mail_allowed": 1,
    "postal_objected_on": None,
    "email_allowed": 0,
    "archived": 0,
    "sort_key": "muller\x1fanna",
    "created_at": "2026-11-23T10:30:00",
    "updated_at": "2026-11-23T10:30:00",
}


def _insert(conn: sqlite3.Connection, **changes) -> int:
    row = {**GOOD, **changes}
    columns = ", ".join(row)
    placeholders = ", ".join("?" for _ in row)
    return conn.execute(f"INSERT INTO customers ({columns}) VALUES ({placeholders})", list(row.values())).lastrowid


def _insert_preference(conn: sqlite3.Connection, customer_id: int, kind: str, tag: str) -> None:
    conn.execute(
        "INSERT INTO customer_preferences (customer_id, kind, position, tag, tag_key) VALUES (?, ?, 0, ?, ?)",
        (customer_id, kind, tag, tag.lower()),
    )


def test_a_good_row_is_accepted(memory_shop: Shop) -> None:
    conn = memory_shop.database.connection
    customer_id = _insert(conn)
    assert conn.execute("SELECT last_name FROM customers WHERE id = ?", (customer_id,)).fetchone() == ("Müller",)
    _insert(conn, birth_day=None, birth_month=None, birth_year=None, customer_since=None)
    _insert(conn, birth_year=None, first_name="", postal_objected_on="2024-02-29")


@pytest.mark.parametrize(
    "changes",
    [
        {"salutation": "madame"},
        {"salutation": "Frau"},
        {"salutation": None},
        {"address_form": "ihr"},
        {"birth_month": 13},
        {"birth_month": 0},
        {"birth_day": 0},
        {"birth_day": 32},
        {"birth_year": 1849},
        {"birth_year": 2201},
        {"birth_month": None},  # a day without a month
        {"birth_day": None},  # a month without a day
        {"birth_day": None, "birth_month": None},  # a year without a day
        {"country": "DEU"},
        {"country": "D"},
        {"customer_since": "31.01.2020"},
        {"postal_objected_on": "gestern"},
        {"postal_mail_allowed": 2},
        {"email_allowed": -1},
        {"archived": 2},
        {"first_name": "", "last_name": ""},
        {"first_name": None},
        {"sort_key": None},
        {"created_at": None},
    ],
)
def test_bad_rows_are_refused(memory_shop: Shop, changes: dict) -> None:
    conn = memory_shop.database.connection
    with pytest.raises(sqlite3.IntegrityError):
        _insert(conn, **changes)
    assert conn.execute("SELECT count(*) FROM customers").fetchone() == (0,)


def test_terms_and_preferences_need_an_existing_customer(memory_shop: Shop) -> None:
    conn = memory_shop.database.connection
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO customer_terms (archived, term, sort_key, customer_id) VALUES (0, 'anna', 'x', 4711)")
    with pytest.raises(sqlite3.IntegrityError):
        _insert_preference(conn, 4711, "likes", "a")


@pytest.mark.parametrize(("kind", "tag"), [("hates", "Sekt"), ("likes", "")])
def test_preference_rows_are_checked(memory_shop: Shop, kind: str, tag: str) -> None:
    conn = memory_shop.database.connection
    customer_id = _insert(conn)
    with pytest.raises(sqlite3.IntegrityError):
        _insert_preference(conn, customer_id, kind, tag)


def test_a_term_is_stored_once_per_customer(memory_shop: Shop) -> None:
    conn = memory_shop.database.connection
    customer_id = _insert(conn)
    insert = "INSERT INTO customer_terms (archived, term, sort_key, customer_id) VALUES (0, 'anna', 'x', ?)"
    conn.execute(insert, (customer_id,))
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(insert, (customer_id,))


def test_the_indexes_the_search_and_birthday_lists_rely_on_exist(memory_shop: Shop) -> None:
    conn = memory_shop.database.connection
    indexes = {
        name: [row[2] for row in conn.execute(f"PRAGMA index_info({name})")]
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    }
    assert indexes["customers_by_name"] == ["archived", "sort_key", "id"]
    assert indexes["customers_by_birthday"][:3] == ["birth_month", "birth_day", "archived"]
    assert indexes["customer_visits_by_rhythm"] == ["usual_days", "last_visit"]
    assert indexes["stamp_cards_by_balance"][:3] == ["program_id", "balance", "changed_on"]
    assert indexes["todos_by_due"] == ["due"]
    assert indexes["customer_preferences_by_tag"] == ["tag_key"]


def test_a_file_of_version_13_gets_its_checks_as_comparisons_and_they_still_refuse(tmp_path) -> None:
    path = tmp_path / "emma.db"
    write_database(path, version=13)
    database = open_database(path)
    try:
        conn = database.connection
        tables = conn.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").fetchall()
        assert [name for name, sql in tables if " IN (" in sql] == []
        assert "CHECK (salutation = 'frau' OR salutation = 'herr'" in dict(tables)["customers"]
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT first_name FROM customers").fetchall() == [("Łukasz",)]
        with pytest.raises(sqlite3.IntegrityError):
            _insert(conn, salutation="madame")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE customers SET archived = 2")
        with pytest.raises(sqlite3.IntegrityError):
            _insert_preference(conn, 7, "hates", "Sekt")
    finally:
        database.close()


def test_where_sqlite_forbids_writing_the_schema_every_check_stays_as_it_was(tmp_path) -> None:
    """A build of SQLite in defensive mode refuses to write sqlite_schema; here the second table's rewrite is
    refused, and the first one's must be taken back too."""
    path = tmp_path / "emma.db"
    write_database(path, version=13)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        definitions = "SELECT name, sql FROM sqlite_schema ORDER BY name"
        before = conn.execute(definitions).fetchall()
        rewrites = []

        class Defensive:
            def execute(self, sql: str, *parameters):
                if sql.startswith("UPDATE sqlite_schema"):
                    rewrites.append(sql)
                    if len(rewrites) == 2:
                        raise sqlite3.OperationalError("table sqlite_master may not be modified")
                return conn.execute(sql, *parameters)

        conn.execute("BEGIN IMMEDIATE")
        schema.MIGRATIONS[13](Defensive())
        conn.execute("COMMIT")
        assert len(rewrites) == 2
        assert conn.execute(definitions).fetchall() == before
        assert conn.execute("PRAGMA writable_schema").fetchone() == (0,)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
