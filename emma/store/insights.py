"""Monthly figures for the Auswertung's charts, summed in SQL: revenue and visits, new and returning
customers, stamp cards started and redeemed, letters sent and who came back within 30 days. Whole months come
from two summaries that triggers keep (schema v13)."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from emma.store.database import Database


def _bounds(start: date, end: date) -> tuple[str, str]:
    return start.isoformat(), end.isoformat() + "T23:59:59"


def purchases_by_month(database: Database, start: date, end: date) -> dict[str, list[int]]:
    """ "YYYY-MM" → [revenue in cents, purchases, new customers (their first day of buying in that month),
    returning customers (the others who bought in it)]. Months wholly from `start` to `end` come from the
    `purchase_months` summary; a month cut short at either end is summed from its purchases (a customer whose
    only purchase of a month was reversed still counts as having come)."""
    conn = database.connection
    months: dict[str, list[int]] = {}
    first_whole = start if start.day == 1 else _next_month(start)
    after_whole = _next_month(end) if _next_month(end) - timedelta(days=1) == end else end.replace(day=1)
    if first_whole < after_whole:
        for month, revenue, count, buyers in conn.execute(
            "SELECT month, sum(revenue_cents), sum(purchases), count(*) FROM purchase_months"
            " WHERE month >= ? AND month < ? GROUP BY month",
            (first_whole.isoformat()[:7], after_whole.isoformat()[:7]),
        ):
            months[month] = [revenue, count, 0, buyers]
        cut_short = [(start, first_whole - timedelta(days=1)), (after_whole, end)]
    else:  # at most two months, both cut short
        cut_short = [(start, min(end, _next_month(start) - timedelta(days=1))), (max(start, end.replace(day=1)), end)]
    for first, last in dict.fromkeys(cut_short):
        if first <= last:
            months.update(_summed_from_purchases(conn, first, last))
    for month, new in conn.execute(
        "SELECT substr(first_visit, 1, 7), count(*) FROM customer_visits WHERE first_visit BETWEEN ? AND ? GROUP BY 1",
        (start.isoformat(), end.isoformat()),
    ):
        if month in months:
            months[month][2] = new
            months[month][3] = max(0, months[month][3] - new)
    return months


def _summed_from_purchases(conn: sqlite3.Connection, start: date, end: date) -> dict[str, list[int]]:
    """`purchases_by_month` of days within one month, without new customers, from the purchases themselves: those
    of the customers the summary has in that month, each found through the covering index by customer and
    time; the few reversed ones taken off through their own index."""
    months: dict[str, list[int]] = {}
    for month, revenue, count, buyers in conn.execute(
        "SELECT substr(p.at, 1, 7), sum(p.amount_cents), count(*), count(DISTINCT p.customer_id)"
        " FROM purchase_months m JOIN purchases p ON p.customer_id = m.customer_id AND p.at BETWEEN ?1 AND ?2"
        " WHERE m.month = substr(?1, 1, 7) GROUP BY 1",
        _bounds(start, end),
    ):
        months[month] = [revenue, count, 0, buyers]
    for month, revenue, count in conn.execute(
        "SELECT substr(at, 1, 7), sum(amount_cents), count(*) FROM purchases"
        " WHERE reversed_at IS NOT NULL AND at BETWEEN ? AND ? GROUP BY 1",
        _bounds(start, end),
    ):
        months[month][0] -= revenue
        months[month][1] -= count
    return months


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def stamps_by_month(database: Database, start: date, end: date) -> dict[str, tuple[int, int]]:
    """ "YYYY-MM" → (cards started: a card's first stamp, from the `card_starts` summary; rewards redeemed)."""
    conn = database.connection
    started = dict(conn.execute(
        "SELECT substr(first_stamp_at, 1, 7), count(*) FROM card_starts WHERE first_stamp_at BETWEEN ? AND ?"
        " GROUP BY 1",
        _bounds(start, end),
    ))  # fmt: skip
    redeemed = dict(conn.execute(
        "SELECT substr(at, 1, 7), count(*) FROM stamp_events WHERE kind = 'redeemed' AND at BETWEEN ? AND ?"
        " GROUP BY 1",
        _bounds(start, end),
    ))  # fmt: skip
    return {month: (started.get(month, 0), redeemed.get(month, 0)) for month in started.keys() | redeemed.keys()}


def letters_by_month(database: Database, start: date, end: date) -> dict[str, tuple[int, int]]:
    """ "YYYY-MM" → (letters sent, of them: the recipient bought something within 30 days after)."""
    rows = database.connection.execute(
        "SELECT substr(l.sent_on, 1, 7), count(*), sum(EXISTS (SELECT 1 FROM purchases p"
        "   WHERE p.customer_id = l.customer_id AND p.reversed_at IS NULL"
        "   AND p.at > l.sent_on AND p.at <= date(l.sent_on, '+30 days') || 'T23:59:59'))"
        " FROM letters_sent l WHERE l.sent_on BETWEEN ? AND ? GROUP BY 1",
        (start.isoformat(), end.isoformat()),
    )
    return {month: (sent, back) for month, sent, back in rows}
