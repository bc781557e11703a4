"""The shop's product categories."""

from __future__ import annotations

from emma.domain.folding import fold
from emma.store.database import Database


def all_names(database: Database) -> list[str]:
    return [row[0] for row in database.connection.execute("SELECT name FROM categories ORDER BY position, id")]


def replace_all(database: Database, names: list[str]) -> None:
    """Keeps exactly `names`, in this order (purchases keep their item text either way)."""
    with database.transaction() as conn:
        conn.execute("DELETE FROM categories")
        conn.executemany(
            "INSERT INTO categories (name, name_key, position) VALUES (?, ?, ?)",
            [(name, fold(name), position) for position, name in enumerate(names)],
        )
