"""The figures the segments are computed from: per customer, revenue and purchases in a period (summed in SQL
over the index on purchases (customer_id, at, amount_cents)) and her visits from the `customer_visits`
summary."""

from __future__ import annotations

from datetime import date, datetime, time

from emma.store.database import Database


def figures(database: Database, start: date, end: date) -> list[tuple]:
    """For every customer not archived: id, revenue in cents and purchases from `start` to `end` (inclusive),
    the day of her last purchase in it, her first and last visit, days bought and usual days overall."""
    since = datetime.combine(start, time.min).isoformat(timespec="seconds")
    until = datetime.combine(end, time.max).isoformat(timespec="seconds")
    return database.connection.execute(
        "SELECT c.id, coalesce(p.revenue, 0), coalesce(p.purchases, 0), substr(p.last_at, 1, 10),"
        " v.first_visit, v.last_visit, coalesce(v.visits, 0), v.usual_days"
        " FROM customers c"
        " LEFT JOIN (SELECT customer_id, sum(amount_cents) AS revenue, count(*) AS purchases, max(at) AS last_at"
        "   FROM purchases WHERE reversed_at IS NULL AND at BETWEEN ? AND ? GROUP BY customer_id) p"
        "   ON p.customer_id = c.id"
        " LEFT JOIN customer_visits v ON v.customer_id = c.id"
        " WHERE c.archived = 0",
        (since, until),
    ).fetchall()
