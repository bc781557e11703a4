"""Purchases and their item lines. Nothing here deletes: a reversal marks the purchase."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from emma.domain.purchases import Purchase
from emma.store.bulk_insert import insert_rows
from emma.store.database import Database

_COLUMNS = "id, customer_id, at, amount_cents, note, reversed_at, reversal_reason"


def _stamp(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat(timespec="seconds")


def add(database: Database, purchase: Purchase, *, now: datetime) -> int:
    with database.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO purchases (customer_id, at, amount_cents, note, created_at) VALUES (?, ?, ?, ?, ?)",
            (purchase.customer_id, _stamp(purchase.at), purchase.amount_cents, purchase.note, _stamp(now)),
        )
        purchase_id = cursor.lastrowid
        conn.executemany(
            "INSERT INTO purchase_items (purchase_id, position, text) VALUES (?, ?, ?)",
            [(purchase_id, position, text) for position, text in enumerate(purchase.items)],
        )
        refresh_visits(conn, [purchase.customer_id])
    return purchase_id


def add_many(database: Database, purchases: Iterable[Purchase], *, now: datetime) -> list[int]:
    """Books several purchases in one transaction; returns their ids in order."""
    rows, items, ids = [], [], []
    with database.transaction():
        purchase_id = next_id(database)
        for purchase in purchases:
            rows.append((purchase_id, purchase.customer_id, _stamp(purchase.at), purchase.amount_cents, purchase.note))
            items.extend((purchase_id, position, text) for position, text in enumerate(purchase.items))
            ids.append(purchase_id)
            purchase_id += 1
        _insert(database, rows, items, now=now, with_note=True)
    return ids


def next_id(database: Database) -> int:
    """The id the next purchase gets (inside a transaction: the ids from here on are the caller's to hand out)."""
    (purchase_id,) = database.connection.execute("SELECT coalesce(max(id), 0) + 1 FROM purchases").fetchone()
    return purchase_id


def add_rows(
    database: Database,
    purchases: Iterable[tuple[int, int, str, int]],
    items: Iterable[tuple[int, int, str]],
    *,
    now: datetime,
) -> None:
    """Bulk booking for the demo shop, from plain rows: purchases as (id, customer_id, at, amount_cents)
    with `at` an ISO timestamp to the second (ids from `next_id` on), items as (purchase_id, position, text)."""
    with database.transaction():
        _insert(database, purchases, items, now=now, with_note=False)


def _insert(
    database: Database, purchases: Iterable[tuple], items: Iterable[tuple], *, now: datetime, with_note: bool
) -> None:
    conn = database.connection
    purchases = list(purchases)
    columns = ("id", "customer_id", "at", "amount_cents", *(("note",) if with_note else ()))
    insert_rows(conn, "purchases", columns, purchases, constants={"created_at": _stamp(now)})
    insert_rows(conn, "purchase_items", ("purchase_id", "position", "text"), items)
    refresh_visits(conn, {row[1] for row in purchases})


def refresh_visits(conn: sqlite3.Connection, customer_ids: Iterable[int] | None) -> None:
    """Brings the visit summaries (`customer_visits`, and the usual days on her `stamp_cards`) in line
    with the purchases: these customers', or all.

    Her usual interval rounds halves up, as domain/reminders `usual_interval` does."""
    sql = (
        "INSERT INTO customer_visits (customer_id, first_visit, last_visit, visits, usual_days)"
        " SELECT customer_id, first, last, days, CASE WHEN days >= 3 THEN"
        "  max(1, CAST(round((julianday(last) - julianday(first)) / (days - 1)) AS INTEGER)) END"
        " FROM (SELECT customer_id, min(substr(at, 1, 10)) AS first, max(substr(at, 1, 10)) AS last,"
        "  count(DISTINCT substr(at, 1, 10)) AS days FROM purchases WHERE reversed_at IS NULL {which}"
        "  GROUP BY customer_id)"
    )
    cards = (
        "UPDATE stamp_cards SET usual_days = (SELECT usual_days FROM customer_visits v"
        " WHERE v.customer_id = stamp_cards.customer_id) {which}"
    )
    if customer_ids is None:
        conn.execute("DELETE FROM customer_visits")
        conn.execute(sql.format(which=""))
        conn.execute(cards.format(which=""))
        return
    ids = (json.dumps(sorted(set(customer_ids))),)
    conn.execute("DELETE FROM customer_visits WHERE customer_id IN (SELECT value FROM json_each(?))", ids)
    conn.execute(sql.format(which="AND customer_id IN (SELECT value FROM json_each(?))"), ids)
    conn.execute(cards.format(which="WHERE customer_id IN (SELECT value FROM json_each(?))"), ids)


def mark_reversed(database: Database, purchase_id: int, *, at: datetime, reason: str) -> None:
    with database.transaction() as conn:
        cursor = conn.execute(
            "UPDATE purchases SET reversed_at = ?, reversal_reason = ? WHERE id = ? AND reversed_at IS NULL",
            (_stamp(at), reason, purchase_id),
        )
        if cursor.rowcount != 1:
            raise LookupError(purchase_id)
        (customer_id,) = conn.execute("SELECT customer_id FROM purchases WHERE id = ?", (purchase_id,)).fetchone()
        refresh_visits(conn, [customer_id])


def get(database: Database, purchase_id: int) -> Purchase | None:
    row = database.connection.execute(f"SELECT {_COLUMNS} FROM purchases WHERE id = ?", (purchase_id,)).fetchone()
    return _with_items(database, [row])[0] if row else None


def page(database: Database, customer_id: int, *, limit: int, before: tuple[str, int] | None = None) -> list[Purchase]:
    """Her purchases, newest first, `limit` at a time; `before` is (at, id) of the last one shown."""
    where, params = "customer_id = ?", [customer_id]
    if before is not None:
        where += " AND (at, id) < (?, ?)"
        params.extend(before)
    rows = database.connection.execute(
        f"SELECT {_COLUMNS} FROM purchases WHERE {where} ORDER BY at DESC, id DESC LIMIT ?", [*params, limit]
    ).fetchall()
    return _with_items(database, rows)


def _with_items(database: Database, rows: Sequence[Sequence]) -> list[Purchase]:
    if not rows:
        return []
    ids = [row[0] for row in rows]
    items: dict[int, list[str]] = {purchase_id: [] for purchase_id in ids}
    marks = ", ".join("?" for _ in ids)
    for purchase_id, text in database.connection.execute(
        f"SELECT purchase_id, text FROM purchase_items WHERE purchase_id IN ({marks}) ORDER BY purchase_id, position",
        ids,
    ):
        items[purchase_id].append(text)
    return [
        Purchase(
            id=purchase_id,
            customer_id=customer_id,
            at=datetime.fromisoformat(at),
            amount_cents=amount,
            items=tuple(items[purchase_id]),
            note=note,
            reversed_at=datetime.fromisoformat(reversed_at) if reversed_at else None,
            reversal_reason=reason,
        )
        for purchase_id, customer_id, at, amount, note, reversed_at, reason in rows
    ]


def totals(database: Database, customer_id: int) -> tuple[int, int, date | None, date | None]:
    """(total cents, visits, first day, last day) of her purchases that stand (not reversed)."""
    total, visits, first, last = database.connection.execute(
        "SELECT coalesce(sum(amount_cents), 0), count(*), min(at), max(at) FROM purchases "
        "WHERE customer_id = ? AND reversed_at IS NULL",
        (customer_id,),
    ).fetchone()
    return (
        total,
        visits,
        date.fromisoformat(first[:10]) if first else None,
        date.fromisoformat(last[:10]) if last else None,
    )


def item_lists(database: Database, customer_id: int) -> list[list[str]]:
    """The item lines of each of her purchases that stand."""
    lists: dict[int, list[str]] = {}
    for purchase_id, text in database.connection.execute(
        "SELECT i.purchase_id, i.text FROM purchases p JOIN purchase_items i ON i.purchase_id = p.id "
        "WHERE p.customer_id = ? AND p.reversed_at IS NULL",
        (customer_id,),
    ):
        lists.setdefault(purchase_id, []).append(text)
    return list(lists.values())


def count(database: Database) -> int:
    return database.connection.execute("SELECT count(*) FROM purchases").fetchone()[0]
