"""The figures the segments are computed from: per customer, revenue and purchases in a period, summed in SQL
over the covering index on purchases (customer_id, at, amount_cents) with the few reversed ones taken off
(their own partial index), and her visits from the `customer_visits` summary."""

from __future__ import annotations

from datetime import date, datetime, time

from emma.store.database import Database

_SUMS = (
    "SELECT customer_id, sum(amount_cents), count(*), max(at) FROM purchases {where} at BETWEEN ? AND ?"
    " GROUP BY customer_id"
)


def figures(database: Database, start: date, end: date) -> list[tuple]:
    """For every customer not archived and a customer already on `end` (by her „customer since“ or a purchase):
    id, revenue in cents and purchases from `start` to `end` (inclusive), the day of her last purchase in it,
    her first and last visit, days bought and usual days overall."""
    conn = database.connection
    period = (datetime.combine(start, time.min).isoformat(timespec="seconds"),
              datetime.combine(end, time.max).isoformat(timespec="seconds"))  # fmt: skip
    sums = {row[0]: list(row[1:]) for row in conn.execute(_SUMS.format(where="WHERE"), period)}
    for customer_id, revenue, purchases, _last in conn.execute(
        _SUMS.format(where="WHERE reversed_at IS NOT NULL AND"), period
    ):
        sums[customer_id][0] -= revenue
        sums[customer_id][1] -= purchases
    found = []
    for customer_id, first_visit, last_visit, visits, usual_days in conn.execute(
        "SELECT c.id, v.first_visit, v.last_visit, coalesce(v.visits, 0), v.usual_days"
        " FROM customers c LEFT JOIN customer_visits v ON v.customer_id = c.id"
        " WHERE c.archived = 0 AND (c.customer_since IS NULL OR c.customer_since <= ? OR v.first_visit <= ?)",
        (end.isoformat(), end.isoformat()),
    ):
        revenue, purchases, last_at = sums.get(customer_id, (0, 0, None))
        last = last_at[:10] if purchases > 0 and last_at else None
        found.append((customer_id, revenue, purchases, last, first_visit, last_visit, visits, usual_days))
    return found


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
