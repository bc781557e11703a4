"""The shop's settings: plain key–value text in the shop's own file (sqlite-utils' table API)."""

from __future__ import annotations

from sqlite_utils.db import NotFoundError

from emma.store.database import Database


def get(database: Database, key: str, default: str | None = None) -> str | None:
    try:
        return database.db["settings"].get(key)["value"]
    except NotFoundError:
        return default


def put(database: Database, key: str, value: str) -> None:
    with database.transaction():
        database.db["settings"].upsert({"key": key, "value": value}, pk="key")


def all_settings(database: Database) -> dict[str, str]:
    return {row["key"]: row["value"] for row in database.db["settings"].rows}
