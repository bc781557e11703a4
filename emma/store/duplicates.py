"""Duplicates in the customer file: candidates grouped by key in SQL, pairs marked "no duplicate", and the
merge of two customers into one (the rules of both: domain/duplicates).

Candidates come from GROUP BY over one pass of the customers per key (her folded name words, e-mail, phone),
computed by the domain's own key functions registered with SQLite, so that the store and the rules agree on
what "the same" is. No pair of customers is ever compared unless a key brought them together.

Pairs marked "no duplicate" are kept as JSON in the settings table rather than in a table of their own: they
are few (dozens, typed by hand), need no query of their own, and a migration of ours would have raced a
colleague's for the next schema number. A merge removes the pairs of the customer who went.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from itertools import groupby
from operator import itemgetter

from emma.domain.birthdays import Birthday
from emma.domain.customer import Customer
from emma.domain.duplicates import name_key_of_sort_key
from emma.store import customer_search, purchases, stamps
from emma.store import customers as customer_store
from emma.store.database import Database

DISMISSED_KEY = "duplicates_dismissed"
# A phone number or e-mail address shared by more customers than this is a placeholder (the shop's own number,
# "keine@mail.de"), not one person written down many times: its pairs would only bury the real ones.
MAX_CONTACT_GROUP = 25
# Names repeat more (Thomas Müller); their pairs are cut down by the birthday before they are scored.
MAX_NAME_GROUP = 200

# The search's own rows (customer_search) already hold every customer's e-mail address and phone number in
# the folded form the rules compare (domain/duplicates `email_key`, `phone_key`), in index order: grouping
# them reads an index range and no customer row. A phone number counts from six digits on (postal codes have
# fewer); the rules check each pair again on the customers' own fields.
_CONTACT_TERMS = (
    "(term >= '' AND instr(term, '@') > 0)"
    " OR (term >= '0' AND term < ':' AND length(term) >= 6 AND term NOT GLOB '*[^0-9]*')"
)

# Tables whose rows of hers are not moved on a merge but made anew: the search rows (update and the delete
# trigger), preferences (united by the domain), the two summaries (rebuilt from purchases and ledger), and an
# import's record of her (the undo of an import must not touch the customer she was merged into), and the log
# of erasures (an erased customer is archived and never merged; her entry must never name another). Her segments
# (store/segments) are the Auswertung's last results: the other's go with her, the kept one's until the next run.
# The month summaries (schema v13) follow her purchases and stamps through their triggers.
_NOT_MOVED = frozenset(
    {"customers", "customer_terms", "customer_prefixes", "customer_preferences", "customer_visits", "stamp_cards",
     "import_changes", "erasures", "customer_segments", "purchase_months", "card_starts"}
)  # fmt: skip
_HISTORY = ("purchases", "stamp_events", "letters_sent", "todos", "reminder_states")
_SIDE_COLUMNS = (
    "id, title, first_name, last_name, street, postal_code, city, country, phone, email, birth_day, birth_month,"
    " birth_year, customer_since"
)


# A birthday as the name groups carry it: (month, day, year or None), cheaper than 50,000 checked Birthdays.
BirthdayParts = tuple[int, int, int | None]


def name_groups(database: Database, *, max_group: int = MAX_NAME_GROUP) -> list[list[tuple[int, BirthdayParts | None]]]:
    """Customers (not archived) whose names have the same folded words in any order (domain `name_key`), one list
    per name, in id order, with their birthdays."""
    conn = database.connection
    # The domain's own key function, so that the store and the rules agree on what "the same name" is.
    # Keyed from the sort key in the name index (no customer row read); one call of Python per customer.
    conn.create_function("emma_name_key", 1, name_key_of_sort_key, deterministic=True)
    rows = conn.execute(
        "WITH keyed AS MATERIALIZED (SELECT emma_name_key(sort_key) AS key, id FROM customers WHERE archived = 0)"
        " SELECT k.key, c.id, c.birth_month, c.birth_day, c.birth_year FROM keyed k JOIN customers c ON c.id = k.id"
        " WHERE k.key IN (SELECT key FROM keyed WHERE key IS NOT NULL GROUP BY key HAVING count(*) BETWEEN 2 AND ?)"
        " ORDER BY k.key, c.id",
        (max_group,),
    )
    return [
        [(row[1], (row[2], row[3], row[4]) if row[2] else None) for row in members]
        for _key, members in groupby(rows, itemgetter(0))
    ]


def contact_groups(database: Database, *, max_group: int = MAX_CONTACT_GROUP) -> list[list[int]]:
    """Customers (not archived) sharing an e-mail address or a phone number, one list per address or number:
    one pass over the search index."""
    rows = database.connection.execute(
        f"SELECT json_group_array(customer_id) FROM customer_terms WHERE archived = 0 AND ({_CONTACT_TERMS})"
        " GROUP BY term HAVING count(*) BETWEEN 2 AND ?",
        (max_group,),
    )
    return [json.loads(ids) for (ids,) in rows]


def sides(database: Database, ids: Iterable[int]) -> dict[int, Customer]:
    """What the rules and the list need of these customers (no preferences, notes or consent)."""
    rows = database.connection.execute(
        f"SELECT {_SIDE_COLUMNS} FROM customers WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(set(ids))),),
    )
    return {row[0]: _side(row) for row in rows}


def _side(row: Sequence) -> Customer:
    (customer_id, title, first, last, street, postal_code, city, country, phone, email,
     day, month, year, since) = row  # fmt: skip
    return Customer(
        id=customer_id,
        title=title,
        first_name=first,
        last_name=last,
        street=street,
        postal_code=postal_code,
        city=city,
        country=country,
        phone=phone,
        email=email,
        birthday=Birthday(month=month, day=day, year=year) if day else None,
        customer_since=date.fromisoformat(since) if since else None,
    )


# --- pairs marked "no duplicate" ----------------------------------------------------------------------------


def dismissed(database: Database) -> set[tuple[int, int]]:
    return _read_dismissed(database.connection)


def _read_dismissed(conn: sqlite3.Connection) -> set[tuple[int, int]]:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (DISMISSED_KEY,)).fetchone()
    try:
        pairs = json.loads(row[0]) if row else []
        return {(min(a, b), max(a, b)) for a, b in pairs}
    except (ValueError, TypeError):
        return set()  # a value edited by hand into nonsense: every pair shows again, nothing breaks


def _write_dismissed(conn: sqlite3.Connection, pairs: set[tuple[int, int]]) -> None:
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (DISMISSED_KEY, json.dumps(sorted(pairs))),
    )


def dismiss(database: Database, first_id: int, second_id: int) -> None:
    with database.transaction() as conn:
        pairs = _read_dismissed(conn)
        pairs.add((min(first_id, second_id), max(first_id, second_id)))
        _write_dismissed(conn, pairs)


# --- merging ------------------------------------------------------------------------------------------------


def history_counts(database: Database, customer_id: int) -> dict[str, int]:
    """How many rows of her history each table holds (purchases, stamp events, letters, to-dos, reminders)."""
    conn = database.connection
    return {
        table: conn.execute(f"SELECT count(*) FROM {table} WHERE customer_id = ?", (customer_id,)).fetchone()[0]
        for table in _HISTORY
    }


def stamp_balances(database: Database, customer_id: int) -> dict[int, int]:
    """Her stamps per program: the sum of the ledger."""
    return dict(
        database.connection.execute(
            "SELECT program_id, sum(stamps) FROM stamp_events WHERE customer_id = ? GROUP BY program_id",
            (customer_id,),
        )
    )


def merge(database: Database, merged: Customer, other_id: int, *, now: datetime) -> bool:
    """Makes `merged` (the customer who stays, as she is to be saved) the owner of everything of `other_id`,
    then deletes the other – or archives her if a table holds on to her. All in one transaction; True when
    she was deleted."""
    keep_id = merged.id
    if keep_id is None or keep_id == other_id:
        raise ValueError("a merge needs two saved customers")
    with database.transaction() as conn:
        customer_store.update(database, merged, now=now)
        for table in _tables_of_customers(conn):
            # OR IGNORE: a row she has already (a reminder done for the same occasion) stays hers; the other's
            # copy goes with the other.
            conn.execute(f'UPDATE OR IGNORE "{table}" SET customer_id = ? WHERE customer_id = ?', (keep_id, other_id))
        conn.execute("DELETE FROM import_changes WHERE customer_id = ?", (other_id,))
        purchases.refresh_visits(conn, [keep_id, other_id])
        stamps.refresh_cards(conn, [keep_id, other_id])
        pairs = _read_dismissed(conn)
        if any(other_id in pair for pair in pairs):
            _write_dismissed(conn, {pair for pair in pairs if other_id not in pair})
        try:
            with database.transaction():
                conn.execute("DELETE FROM customers WHERE id = ?", (other_id,))
        except sqlite3.IntegrityError:
            # A table added later keeps a row of hers that cannot move: she stays, archived and empty-handed.
            conn.execute(
                "UPDATE customers SET archived = 1, updated_at = ? WHERE id = ?",
                (now.isoformat(timespec="seconds"), other_id),
            )
            customer_search.set_archived(conn, other_id, True)
            return False
    return True


def _tables_of_customers(conn: sqlite3.Connection) -> list[str]:
    """Every table with a customer_id column except those a merge rebuilds: found from the schema, so that a
    table added by a later migration moves along too."""
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return [
        table
        for table in tables
        if table not in _NOT_MOVED
        and any(column[1] == "customer_id" for column in conn.execute(f'PRAGMA table_info("{table}")'))
    ]
