"""The letters log: every letter printed, per customer (her contact history)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime

from emma.store.database import Database


def record(database: Database, customer_ids: Iterable[int], occasion: str, template: str, *, now: datetime) -> None:
    rows = [(customer_id, occasion, template, now.date().isoformat(), now.isoformat(timespec="seconds"))
            for customer_id in customer_ids]  # fmt: skip
    with database.transaction() as conn:
        conn.executemany(
            "INSERT INTO letters_sent (customer_id, occasion, template, sent_on, at) VALUES (?, ?, ?, ?, ?)", rows
        )


def sent_since(database: Database, customer_ids: Iterable[int], occasion: str, since: date) -> set[int]:
    """Which of these customers got a letter of `occasion` on or after `since`."""
    rows = database.connection.execute(
        "SELECT DISTINCT customer_id FROM letters_sent WHERE customer_id IN (SELECT value FROM json_each(?))"
        " AND occasion = ? AND sent_on >= ?",
        (json.dumps(sorted(set(customer_ids))), occasion, since.isoformat()),
    )
    return {customer_id for (customer_id,) in rows}


def history(database: Database, customer_id: int) -> list[tuple[str, str, str]]:
    """Her letters, newest first: (sent_on, occasion, template)."""
    return database.connection.execute(
        "SELECT sent_on, occasion, template FROM letters_sent WHERE customer_id = ? ORDER BY sent_on DESC, id DESC",
        (customer_id,),
    ).fetchall()
