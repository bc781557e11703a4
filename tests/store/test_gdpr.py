"""The data-protection tables on real files: the migration, the erased row, the erasure log beside the file."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

from emma.domain.customer import Customer
from emma.store import customers as customer_store
from emma.store import gdpr as gdpr_store
from emma.store import schema
from emma.store.database import open_database
from tests.conftest import NOW


def test_a_version_7_file_gets_the_data_protection_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        schema.migrate(conn, up_to=7)
        conn.execute(
            "INSERT INTO customers (first_name, sort_key, created_at, updated_at) VALUES ('Ida', 'ida', 'x', 'x')"
        )
    database = open_database(path)
    try:
        customer = customer_store.get(database, 1)
        assert customer.first_name == "Ida" and customer.consent.signed_on is None
        assert not gdpr_store.is_erased(database, 1)
        assert gdpr_store.log(database) == [] and gdpr_store.all_suppressions(database) == {}
    finally:
        database.close()


def test_the_erased_row_keeps_its_id_and_nothing_personal(tmp_path: Path) -> None:
    database = open_database(tmp_path / "shop.db")
    try:
        customer_id = customer_store.add(database, Customer(first_name="Ida", last_name="Ionescu", phone="0170 1"),
                                         now=NOW)  # fmt: skip
        with database.transaction() as conn:
            erasure = gdpr_store.erase(conn, customer_store.get(database, customer_id), placeholder="–", now=NOW)
        assert (erasure.customer_id, erasure.erased_on) == (customer_id, NOW.date())
        row = database.connection.execute(
            "SELECT first_name, last_name, phone, archived, erased_on FROM customers WHERE id = ?", (customer_id,)
        ).fetchone()
        assert row == ("", "–", "", 1, NOW.date().isoformat())
        assert database.connection.execute("SELECT count(*) FROM customer_terms").fetchone() == (0,)
        assert database.connection.execute("SELECT count(*) FROM customer_prefixes").fetchone() == (0,)
        assert customer_store.add(database, Customer(first_name="Neu"), now=NOW) == customer_id + 1
    finally:
        database.close()


def test_the_log_beside_the_file_survives_a_torn_last_line(tmp_path: Path) -> None:
    path = tmp_path / "shop.db"
    gdpr_store.append_to_sidecar(path, [gdpr_store.Erasure(3, "2026-01-01T10:00:00", date(2026, 11, 2))])
    with gdpr_store.sidecar_of(path).open("a", encoding="utf-8") as file:
        file.write("4\t2026-01")  # a crash while writing
    assert gdpr_store.read_sidecar(path) == [gdpr_store.Erasure(3, "2026-01-01T10:00:00", date(2026, 11, 2))]
    assert gdpr_store.read_sidecar(tmp_path / "other.db") == []
