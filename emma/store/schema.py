"""The schema, as numbered migrations. Version N is reached by running migrations 1..N in order.

Each migration runs in its own transaction together with `PRAGMA user_version = N`, so a file is
always at exactly one version. Never edit a migration that has shipped: add the next one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def _v1_customers(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE customers (
            id INTEGER PRIMARY KEY,
            salutation TEXT NOT NULL DEFAULT 'none'
                CHECK (salutation IN ('frau', 'herr', 'divers', 'none')),
            title TEXT NOT NULL DEFAULT '',
            first_name TEXT NOT NULL DEFAULT '',
            last_name TEXT NOT NULL DEFAULT '',
            street TEXT NOT NULL DEFAULT '',
            postal_code TEXT NOT NULL DEFAULT '',
            city TEXT NOT NULL DEFAULT '',
            country TEXT NOT NULL DEFAULT 'DE' CHECK (length(country) = 2),
            phone TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            birth_day INTEGER CHECK (birth_day BETWEEN 1 AND 31),
            birth_month INTEGER CHECK (birth_month BETWEEN 1 AND 12),
            birth_year INTEGER CHECK (birth_year BETWEEN 1850 AND 2200),
            customer_since TEXT CHECK (customer_since IS date(customer_since)),
            address_form TEXT NOT NULL DEFAULT 'sie' CHECK (address_form IN ('sie', 'du')),
            notes TEXT NOT NULL DEFAULT '',
            postal_mail_allowed INTEGER NOT NULL DEFAULT 1 CHECK (postal_mail_allowed IN (0, 1)),
            postal_objected_on TEXT CHECK (postal_objected_on IS date(postal_objected_on)),
            email_allowed INTEGER NOT NULL DEFAULT 0 CHECK (email_allowed IN (0, 1)),
            archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
            sort_key TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (first_name <> '' OR last_name <> ''),
            CHECK ((birth_day IS NULL) = (birth_month IS NULL)),
            CHECK (birth_year IS NULL OR birth_day IS NOT NULL)
        );
        CREATE INDEX customers_by_name ON customers (archived, sort_key, id);
        CREATE INDEX customers_by_birthday ON customers (birth_month, birth_day);

        -- What a customer is found by: folded words of her names, e-mail, phone, postal code.
        CREATE TABLE customer_terms (
            term TEXT NOT NULL,
            customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
            PRIMARY KEY (term, customer_id)
        ) WITHOUT ROWID;
        CREATE INDEX customer_terms_by_customer ON customer_terms (customer_id);

        -- Preferences as tags, so "who likes Riesling?" is an indexed question.
        CREATE TABLE customer_preferences (
            customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
            kind TEXT NOT NULL
                CHECK (kind IN ('likes', 'dislikes', 'allergies', 'sizes', 'favourites', 'brands')),
            position INTEGER NOT NULL,
            tag TEXT NOT NULL CHECK (tag <> ''),
            tag_key TEXT NOT NULL,
            PRIMARY KEY (customer_id, kind, position)
        ) WITHOUT ROWID;
        CREATE INDEX customer_preferences_by_tag ON customer_preferences (tag_key);

        -- The shop's own settings travel with its file (and so with every backup).
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """
    )


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1_customers,)
LATEST_VERSION = len(MIGRATIONS)


def version_of(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, *, up_to: int = LATEST_VERSION) -> None:
    """Runs the migrations the file has not had yet, each in its own transaction."""
    for version in range(version_of(conn) + 1, up_to + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # executescript would commit first; run the script's statements inside our transaction.
            _run_in_transaction(conn, MIGRATIONS[version - 1])
            conn.execute(f"PRAGMA user_version = {version:d}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def _run_in_transaction(conn: sqlite3.Connection, migration: Callable[[sqlite3.Connection], None]) -> None:
    migration(_ScriptInTransaction(conn))  # type: ignore[arg-type]


class _ScriptInTransaction:
    """A connection whose `executescript` runs statement by statement, inside the open transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def executescript(self, script: str) -> None:
        statement = ""
        for line in script.splitlines(keepends=True):
            if line.strip().startswith("--"):
                continue
            statement += line
            if sqlite3.complete_statement(statement):
                self._conn.execute(statement)
                statement = ""
        if statement.strip():
            raise ValueError(f"incomplete statement in migration: {statement[:80]}")

    def __getattr__(self, name: str):
        return getattr(self._conn, name)
