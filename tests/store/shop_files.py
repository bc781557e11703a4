"""Shop files in every state one can be found in, for the store tests."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from emma.store import schema


@dataclass(frozen=True)
class FileState:
    """The bytes and modification time of a file, and which files lie beside it."""

    content: bytes
    mtime_ns: int
    neighbours: frozenset[str]

    @classmethod
    def of(cls, path: Path) -> FileState:
        return cls(path.read_bytes(), os.stat(path).st_mtime_ns, frozenset(os.listdir(path.parent)))


def write_database(path: Path, *, version: int, user_version: int | None = None, with_data: bool = True) -> None:
    """An SQLite file at schema `version` (with a customer and a setting from version 1 on).

    `user_version` overrides the number written into the header (a file of a newer Frau Emma).
    The file is left in rollback-journal mode, closed, with nothing beside it.
    """
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        schema.migrate(conn, up_to=version)
        if version == 0:
            # a real but empty SQLite file: a page written, no tables
            conn.execute("CREATE TABLE scratch (x)")
            conn.execute("DROP TABLE scratch")
        elif with_data:
            conn.execute(
                "INSERT INTO customers (id, first_name, last_name, sort_key, created_at, updated_at)"
                " VALUES (7, 'Łukasz', 'Wójcik', 'wojcik\x1flukasz', '2020-01-01T00:00:00', '2020-01-01T00:00:00')"
            )
            if version < 3:
                conn.execute("INSERT INTO customer_terms (term, customer_id) VALUES ('wojcik', 7), ('lukasz', 7)")
            else:
                conn.execute(
                    "INSERT INTO customer_terms (archived, term, sort_key, customer_id)"
                    " VALUES (0, 'wojcik', 'wojcik\x1flukasz', 7), (0, 'lukasz', 'wojcik\x1flukasz', 7)"
                )
            conn.execute("INSERT INTO settings (key, value) VALUES ('shop_name', 'Feinkost Öztürk')")
        if user_version is not None:
            conn.execute(f"PRAGMA user_version = {user_version:d}")
    finally:
        conn.close()


def read_back(path: Path) -> tuple[int, list[tuple]]:
    """The version and the customers of a file, read without changing it."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        rows = (
            conn.execute("SELECT id, first_name, last_name FROM customers ORDER BY id").fetchall()
            if "customers" in tables
            else []
        )
    finally:
        conn.close()
    return version, rows
