"""The shop's settings: plain key–value text in the shop's own file."""

from __future__ import annotations

from emma.store.database import Database


def get(database: Database, key: str, default: str | None = None) -> str | None:
    row = database.connection.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def put(database: Database, key: str, value: str) -> None:
    with database.transaction() as conn:
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def all_settings(database: Database) -> dict[str, str]:
    return dict(database.connection.execute("SELECT key, value FROM settings"))
