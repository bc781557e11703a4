"""What reminders are made of: customers by birthday and anniversary, visit summaries, to-dos, and
which reminders the owner has done or put off. The rules themselves are in domain/reminders."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

from emma.domain.reminders import ReminderState
from emma.store.database import Database

# Who a reminder is about: id, first and last name, title, phone, salutation (see `person_columns`).
_PERSON = "c.id, c.first_name, c.last_name, c.title, c.phone, c.salutation"


def _day_ranges(start: date, end: date) -> list[tuple[tuple[int, ...], str, str]]:
    """The (years, MM-DD, MM-DD) ranges the days from `start` to `end` cover, split at the turn of the year.

    29 February is in a range that holds 28 February of a year without it: it is celebrated then.
    """
    if (end - start).days >= 365:
        return [((start.year, end.year), "01-01", "12-31")]
    first, last = start.strftime("%m-%d"), end.strftime("%m-%d")
    if last == "02-28":
        last = "02-29"
    if start.year == end.year:
        return [((start.year,), first, last)]
    return [((start.year,), first, "12-31"), ((end.year,), "01-01", last)]


def birthdays_between(database: Database, start: date, end: date) -> list[tuple]:
    """Customers (not archived) whose birthday falls from `start` to `end`: person columns, then
    birth_day, birth_month, birth_year."""
    rows: list[tuple] = []
    for _years, first, last in _day_ranges(start, end):
        rows += database.connection.execute(
            f"SELECT {_PERSON}, c.birth_day, c.birth_month, c.birth_year FROM customers c"
            " WHERE c.birth_month IS NOT NULL AND (c.birth_month, c.birth_day) BETWEEN (?, ?) AND (?, ?)"
            " AND +c.archived = 0",  # "+": by birthday, not by the name index that also holds `archived`
            (int(first[:2]), int(first[3:]), int(last[:2]), int(last[3:])),
        ).fetchall()
    return rows


def anniversaries_between(database: Database, start: date, end: date, years: Iterable[int]) -> list[tuple]:
    """Customers (not archived) who became customers on a day from `start` to `end`, as many of `years`
    before: person columns, then customer_since."""
    years = tuple(years)
    rows: list[tuple] = []
    for in_years, first, last in _day_ranges(start, end):
        since_years = json.dumps(sorted({f"{year - n:04d}" for year in in_years for n in years}))
        rows += database.connection.execute(
            f"SELECT {_PERSON}, c.customer_since FROM customers c"
            " WHERE c.customer_since IS NOT NULL AND substr(c.customer_since, 6) BETWEEN ? AND ?"
            " AND +c.archived = 0 AND substr(c.customer_since, 1, 4) IN (SELECT value FROM json_each(?))",
            (first, last, since_years),
        ).fetchall()
    return rows


def first_visits_between(database: Database, start: date, end: date) -> list[tuple]:
    """Customers who bought on one day only, that day from `start` to `end`: person columns, first_visit."""
    return database.connection.execute(
        f"SELECT {_PERSON}, v.first_visit FROM customer_visits v JOIN customers c ON c.id = v.customer_id"
        " WHERE v.visits = 1 AND v.last_visit BETWEEN ? AND ? AND +c.archived = 0",
        (start.isoformat(), end.isoformat()),
    ).fetchall()


def lapsing_regulars(database: Database, *, earliest: date, latest: date, gap: Callable[[int], int]) -> list[tuple]:
    """Customers with a rhythm whose absence becomes unusual from `earliest` to `latest`: `gap(usual_days)`
    days after the last visit. Person columns, then first_visit, last_visit, visits.

    One index range of last visits per usual interval, so that no date is computed row by row."""
    # "IS NOT NULL" lets SQLite read the longest from the end of the rhythm index (a partial one) instead of
    # scanning every customer's summary.
    (longest,) = database.connection.execute(
        "SELECT max(usual_days) FROM customer_visits WHERE usual_days IS NOT NULL"
    ).fetchone()
    windows = [
        (usual, (earliest - timedelta(days=gap(usual))).isoformat(), (latest - timedelta(days=gap(usual))).isoformat())
        for usual in range(1, (longest or 0) + 1)
    ]
    return database.connection.execute(
        f"SELECT {_PERSON}, v.first_visit, v.last_visit, v.visits FROM json_each(?) w"
        " CROSS JOIN customer_visits v"  # CROSS: the windows first, each one an index range
        " ON v.usual_days = w.value ->> 0 AND v.last_visit BETWEEN w.value ->> 1 AND w.value ->> 2"
        " CROSS JOIN customers c ON c.id = v.customer_id WHERE c.archived = 0",
        (json.dumps(windows),),
    ).fetchall()


def cards_waiting(database: Database, first: date, last: date, *, wait_days: int, factor: int) -> list[tuple]:
    """Stamp cards of active programs, of customers not archived, full or one stamp short, that have waited
    long enough from `first` to `last`: unchanged for `factor` times her usual days between visits, and at
    least `wait_days` (domain/reminders `stamp_wait`, the same rule in SQL). Person columns, then
    program_id, balance, started_on, last_event_id, changed_on, usual_days."""
    return database.connection.execute(
        f"SELECT {_PERSON}, s.program_id, s.balance, s.started_on, s.last_event_id, s.changed_on, s.usual_days"
        # CROSS: program by program, only the cards with stamps enough, and customers only for those that waited.
        " FROM stamp_programs p CROSS JOIN stamp_cards s ON s.program_id = p.id AND s.balance >= p.required - 1"
        " CROSS JOIN customers c ON c.id = s.customer_id"
        " WHERE p.active = 1 AND s.changed_on <= :latest_change AND +c.archived = 0"
        " AND julianday(s.changed_on) + max(:wait, :factor * coalesce(s.usual_days, 0))"
        " BETWEEN julianday(:first) AND julianday(:last)",
        {
            "latest_change": (last - timedelta(days=wait_days)).isoformat(),
            "wait": wait_days,
            "factor": factor,
            "first": first.isoformat(),
            "last": last.isoformat(),
        },
    ).fetchall()


# --- to-dos ------------------------------------------------------------------------------------------


def add_todo(database: Database, customer_id: int, due: date, text: str, *, now: datetime) -> int:
    with database.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO todos (customer_id, due, text, created_at) VALUES (?, ?, ?, ?)",
            (customer_id, due.isoformat(), text, now.isoformat(timespec="seconds")),
        )
    return cursor.lastrowid


def todos_until(database: Database, end: date) -> list[tuple]:
    """Open and done to-dos due on or before `end`, of customers not archived: person columns, then
    todo id, due, text."""
    return database.connection.execute(
        f"SELECT {_PERSON}, t.id, t.due, t.text FROM todos t JOIN customers c ON c.id = t.customer_id"
        " WHERE t.due <= ? AND +c.archived = 0",
        (end.isoformat(),),
    ).fetchall()


# --- done and put off ------------------------------------------------------------------------------


def states(database: Database) -> dict[tuple[str, int, str], ReminderState]:
    """Every reminder the owner dealt with, by (kind, customer_id, occasion)."""
    rows = database.connection.execute("SELECT kind, customer_id, occasion, due, snoozed_until FROM reminder_states")
    return {
        (kind, customer_id, occasion): ReminderState(
            date.fromisoformat(due), date.fromisoformat(until) if until else None
        )
        for kind, customer_id, occasion, due, until in rows
    }


def set_state(database: Database, key: tuple[str, int, str], state: ReminderState, *, now: datetime) -> None:
    kind, customer_id, occasion = key
    with database.transaction() as conn:
        conn.execute(
            "INSERT INTO reminder_states (kind, customer_id, occasion, due, snoozed_until, at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, customer_id, occasion) DO UPDATE"
            " SET snoozed_until = excluded.snoozed_until, at = excluded.at",
            (
                kind,
                customer_id,
                occasion,
                state.due.isoformat(),
                state.until.isoformat() if state.until else None,
                now.isoformat(timespec="seconds"),
            ),
        )


def clear_state(database: Database, key: tuple[str, int, str]) -> None:
    """Undoes done or put off."""
    with database.transaction() as conn:
        conn.execute("DELETE FROM reminder_states WHERE kind = ? AND customer_id = ? AND occasion = ?", key)
