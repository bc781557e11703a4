"""The figures the segments are computed from: per customer, revenue and purchases in a period, summed in SQL
over the covering index on purchases (customer_id, at, amount_cents) with the few reversed ones taken off
(their own partial index), and her visits from the `customer_visits` summary; and the segments kept."""

from __future__ import annotations

import concurrent.futures
import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, time

from emma.store.database import Database


@contextlib.contextmanager
def summing(database: Database, start: date, end: date) -> Iterator[Callable[[], dict[int, tuple[int, int]]]]:
    """Sums every customer's purchases from `start` to `end` (inclusive) in a second thread, while this one does
    other work; yields a function that waits for the sums: {customer id: (revenue in cents, purchases)}, without
    reversed purchases."""
    period = _period(start, end)
    with database.second_reader() as reader:
        if reader is database:
            yield lambda: _sums(reader.connection, period)
            return
        with concurrent.futures.ThreadPoolExecutor(1, "sums") as pool:
            summed = pool.submit(_sums, reader.connection, period)
            yield summed.result


def _period(start: date, end: date) -> tuple[str, str]:
    return (datetime.combine(start, time.min).isoformat(timespec="seconds"),
            datetime.combine(end, time.max).isoformat(timespec="seconds"))  # fmt: skip


def _sums(conn: sqlite3.Connection, period: tuple[str, str]) -> dict[int, tuple[int, int]]:
    # All rows as one JSON text: the thread then needs Python's lock once, not for each of 65,000 rows. (Her
    # last purchase comes from her visits: max(at) here would take a third longer.)
    (text,) = conn.execute(
        "SELECT json_group_array(json_array(customer_id, revenue, purchases)) FROM ("
        " SELECT customer_id, sum(amount_cents) AS revenue, count(*) AS purchases"
        " FROM purchases WHERE at BETWEEN ? AND ? GROUP BY customer_id)",
        period,
    ).fetchone()
    sums = {customer_id: (revenue, purchases) for customer_id, revenue, purchases in json.loads(text)}
    for customer_id, revenue, purchases in conn.execute(
        "SELECT customer_id, sum(amount_cents), count(*) FROM purchases"
        " WHERE reversed_at IS NOT NULL AND at BETWEEN ? AND ? GROUP BY customer_id",
        period,
    ):
        total, count = sums[customer_id]
        sums[customer_id] = (total - revenue, count - purchases)
    return sums


def last_purchases(database: Database, customer_ids: Sequence[int], start: date, end: date) -> dict[int, str]:
    """The day of each one's last purchase that stands from `start` to `end` (for those who have bought since:
    for everyone else it is the last day of her visits)."""
    rows = database.connection.execute(
        "SELECT customer_id, max(at) FROM purchases WHERE customer_id IN (SELECT value FROM json_each(?))"
        " AND at BETWEEN ? AND ? AND reversed_at IS NULL GROUP BY customer_id",
        (json.dumps(list(customer_ids)), *_period(start, end)),
    )
    return {customer_id: last_at[:10] for customer_id, last_at in rows}


def customers_on(database: Database, end: date) -> list[tuple[int, str | None, str | None, int, int | None]]:
    """Every customer not archived and a customer already on `end` (by her „customer since“ or a purchase), in
    the order of the ids: id, her first and last visit, days bought and usual days (from her summary)."""
    return database.connection.execute(
        "SELECT c.id, v.first_visit, v.last_visit, coalesce(v.visits, 0), v.usual_days"
        " FROM customers c LEFT JOIN customer_visits v ON v.customer_id = c.id"
        # +archived: the table in one pass, not a lookup per customer through the index of names
        " WHERE +c.archived = 0 AND (c.customer_since IS NULL OR c.customer_since <= ? OR v.first_visit <= ?)",
        (end.isoformat(), end.isoformat()),
    ).fetchall()


def remember(database: Database, on: date, rows: list[tuple[int, str, str, str | None, str]]) -> None:
    """Keeps (customer id, ABC class, RFM group, portfolio quadrant, phase) of everyone as computed on `on`."""
    with database.transaction() as conn:
        conn.execute("DELETE FROM customer_segments")
        conn.executemany(
            "INSERT INTO customer_segments (customer_id, abc, rfm, quadrant, phase, computed_on)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(*row, on.isoformat()) for row in rows],
        )


def remembered(database: Database, customer_id: int) -> tuple[str, str, str | None, str] | None:
    """Her (ABC class, RFM group, quadrant, day computed) as last remembered, or None."""
    return database.connection.execute(
        "SELECT abc, rfm, quadrant, computed_on FROM customer_segments WHERE customer_id = ?", (customer_id,)
    ).fetchone()


def visits(database: Database, customer_id: int) -> tuple[str, str, int, int | None] | None:
    """Her (first visit, last visit, days bought, usual days) from the summary, or None without purchases."""
    return database.connection.execute(
        "SELECT first_visit, last_visit, visits, usual_days FROM customer_visits WHERE customer_id = ?",
        (customer_id,),
    ).fetchone()


def last_computed(database: Database) -> str | None:
    row = database.connection.execute("SELECT max(computed_on) FROM customer_segments").fetchone()
    return row[0] if row else None
