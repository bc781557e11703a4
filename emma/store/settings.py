"""The shop's settings: plain key–value text in the shop's own file (sqlite-utils' table API)."""

from __future__ import annotations

from emma.store.database import Database


def get(database: Database, key: str, default: str | None = None) -> str | None:
    # Plain SQL: read at every start, before the window shows (sqlite-utils would cost 0.1 s to load).
    row = database.connection.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def put(database: Database, key: str, value: str) -> None:
    with database.transaction():
        database.db["settings"].upsert({"key": key, "value": value}, pk="key")


def all_settings(database: Database) -> dict[str, str]:
    return {row["key"]: row["value"] for row in database.db["settings"].rows}
