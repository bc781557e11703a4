"""Imports as batches that can be undone: whom an import created, and how those it updated were before.

A customer is "untouched since" while her `updated_at` is still the one the import gave her; only those are
undone (a created one deleted, an updated one put back as she was). A created customer who has bought since,
or got a letter, stays.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from emma.domain.customer import Customer, Preferences
from emma.store import customers as customer_store
from emma.store.database import Database


@dataclass(frozen=True)
class Batch:
    id: int
    file_name: str
    imported_at: datetime
    created: int
    updated: int
    undone_at: datetime | None


def begin(conn: sqlite3.Connection, file_name: str, *, now: datetime) -> int:
    """A new batch, inside the import's transaction."""
    cursor = conn.execute(
        "INSERT INTO import_batches (file_name, imported_at) VALUES (?, ?)",
        (file_name, now.isoformat(timespec="seconds")),
    )
    return cursor.lastrowid


def remember(conn: sqlite3.Connection, batch_id: int, created: Sequence[int], updated: Sequence[Customer],
             *, now: datetime) -> None:  # fmt: skip
    """Records the customers the batch created (by id) and those it updated (as they were before)."""
    stamp = now.isoformat(timespec="seconds")
    conn.execute(  # as one list: a first import creates 100,000
        "INSERT OR IGNORE INTO import_changes (batch_id, customer_id, before, stamp)"
        " SELECT ?, value, NULL, ? FROM json_each(?)",
        (batch_id, stamp, json.dumps(list(created))),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO import_changes (batch_id, customer_id, before, stamp) VALUES (?, ?, ?, ?)",
        [(batch_id, before.id, _as_json(before), stamp) for before in updated],
    )


def finish(conn: sqlite3.Connection, batch_id: int, created: int, updated: int) -> None:
    conn.execute("UPDATE import_batches SET created = ?, updated = ? WHERE id = ?", (created, updated, batch_id))


def batches(database: Database) -> list[Batch]:
    """Every import, newest first."""
    rows = database.connection.execute(
        "SELECT id, file_name, imported_at, created, updated, undone_at FROM import_batches ORDER BY id DESC"
    )
    return [
        Batch(
            batch_id,
            name,
            datetime.fromisoformat(at),
            created,
            updated,
            datetime.fromisoformat(undone) if undone else None,
        )
        for batch_id, name, at, created, updated, undone in rows
    ]


def undo(database: Database, batch_id: int, *, now: datetime) -> tuple[int, int, int]:
    """Undoes a batch in one transaction: (removed, restored, kept because changed since)."""
    removed = restored = kept = 0
    with database.transaction() as conn:
        changes = conn.execute(
            "SELECT ch.customer_id, ch.before, ch.stamp, c.updated_at FROM import_changes ch"
            " LEFT JOIN customers c ON c.id = ch.customer_id WHERE ch.batch_id = ?",
            (batch_id,),
        ).fetchall()
        for customer_id, before, stamp, updated_at in changes:
            if updated_at is None:
                continue  # gone already (merged or erased)
            if updated_at != stamp:
                kept += 1
            elif before is None:
                if _has_history(conn, customer_id):
                    kept += 1
                else:
                    conn.execute("DELETE FROM customers WHERE id = ?", (customer_id,))
                    removed += 1
            else:
                customer_store.update(database, _from_json(customer_id, before), now=now)
                restored += 1
        conn.execute(
            "UPDATE import_batches SET undone_at = ? WHERE id = ?", (now.isoformat(timespec="seconds"), batch_id)
        )
    return removed, restored, kept


def _has_history(conn: sqlite3.Connection, customer_id: int) -> bool:
    """Whether she has anything of her own since (a purchase, a stamp, a letter, a to-do)."""
    for table in ("purchases", "stamp_events", "letters_sent", "todos"):
        if conn.execute(f"SELECT 1 FROM {table} WHERE customer_id = ? LIMIT 1", (customer_id,)).fetchone():
            return True
    return False


def _as_json(customer: Customer) -> str:
    preferences = {kind: list(getattr(customer.preferences, kind)) for kind in Preferences.kinds()}
    return json.dumps({"row": customer_store.row_values(customer), "preferences": preferences}, ensure_ascii=False)


def _from_json(customer_id: int, text: str) -> Customer:
    saved = json.loads(text)
    preferences = Preferences(**{kind: tuple(tags) for kind, tags in saved["preferences"].items()})
    return customer_store.from_row([customer_id, *saved["row"]], preferences)
