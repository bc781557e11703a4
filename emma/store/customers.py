"""The customer file: saving and reading customers (finding them: customer_search)."""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from emma.domain.birthdays import Birthday
from emma.domain.customer import (
    AddressForm,
    Consent,
    Customer,
    Preferences,
    Salutation,
)
from emma.domain.folding import fold
from emma.store import customer_search
from emma.store.bulk_insert import insert_rows
from emma.store.database import Database

_COLUMNS = (
    "salutation", "title", "first_name", "last_name", "street", "postal_code", "city", "country", "phone",
    "email", "birth_day", "birth_month", "birth_year", "customer_since", "address_form", "notes",
    "postal_mail_allowed", "postal_objected_on", "email_allowed", "consent_signed_on", "archived", "sort_key",
)  # fmt: skip


# The text each choice is stored as (its value; a dictionary, as reading an enum's value costs ten times more).
_STORED = {member: member.value for choices in (Salutation, AddressForm) for member in choices}


def _values(customer: Customer, sort_key: str) -> list[object]:
    birthday = customer.birthday
    since = customer.customer_since
    consent = customer.consent
    objected_on, signed_on = consent.postal_objected_on, consent.signed_on
    return [
        _STORED[customer.salutation],
        customer.title.strip(),
        customer.first_name.strip(),
        customer.last_name.strip(),
        customer.street.strip(),
        customer.postal_code.strip(),
        customer.city.strip(),
        customer.country,
        customer.phone.strip(),
        customer.email.strip(),
        *((birthday.day, birthday.month, birthday.year) if birthday else (None, None, None)),
        since.isoformat() if since else None,
        _STORED[customer.address_form],
        customer.notes,
        int(consent.postal_mail),
        objected_on.isoformat() if objected_on else None,
        int(consent.email),
        signed_on.isoformat() if signed_on else None,
        int(customer.archived),
        sort_key,
    ]


# The tables a bulk of new customers goes into, whose secondary indexes `adding_many` builds afterwards.
_BULK_TABLES = ("customers", "customer_terms", "customer_preferences")

Adder = Callable[[Sequence[Customer]], list[int]]


@dataclass
class NewRows:
    """New customers' rows of every customer table, made apart from writing them (an import makes the next
    chunk's rows while a second thread writes the last one)."""

    stamp: str  # when they were made (created_at and updated_at)
    customers: list[list[object]] = field(default_factory=list)
    terms: list[tuple[str, int]] = field(default_factory=list)
    preferences: list[tuple[int, str, int, str, str]] = field(default_factory=list)


def next_id(database: Database) -> int:
    """The id the next new customer gets (ask inside the transaction that adds her)."""
    (last,) = database.connection.execute("SELECT coalesce(max(id), 0) FROM customers").fetchone()
    return last + 1


def new_rows(customers: Iterable[Customer], first_id: int, *, now: datetime) -> NewRows:
    """The rows of `customers`, numbered from `first_id` on."""
    rows = NewRows(stamp=now.isoformat(timespec="seconds"))
    for customer_id, customer in enumerate(customers, start=first_id):
        sort_key = customer.sort_key()
        rows.customers.append([customer_id, *_values(customer, sort_key)])
        rows.terms += customer_search.term_rows(customer_id, customer)
        rows.preferences += _preference_rows(customer_id, customer.preferences)
    return rows


def insert_new(database: Database, rows: NewRows, *, insert_search_rows=customer_search.insert_rows) -> None:
    """Writes `rows` inside the caller's transaction (from one thread at a time)."""
    conn = database.connection
    stamps = {"created_at": rows.stamp, "updated_at": rows.stamp}
    insert_rows(conn, "customers", ("id", *_COLUMNS), rows.customers, constants=stamps)
    insert_search_rows(conn, rows.terms)
    insert_rows(conn, "customer_preferences", ("customer_id", "kind", "position", "tag", "tag_key"), rows.preferences)


@contextlib.contextmanager
def adding_many(database: Database, *, now: datetime) -> Iterator[Adder]:
    """For adding tens of thousands of customers in one transaction: yields `add(customers)`, which saves them
    and returns their ids. The secondary indexes of the customer tables are dropped first and built again at
    the end, in one sorted pass each, instead of growing row by row, and the search rows go in at the end in
    key order (a demo shop of 100,000 is written in less than half the time). All or nothing, like every
    change."""
    with indexes_built_after(database) as conn, customer_search.staged(conn) as stage:

        def add(customers: Sequence[Customer]) -> list[int]:
            first = next_id(database)
            insert_new(database, new_rows(customers, first, now=now), insert_search_rows=stage)
            return list(range(first, first + len(customers)))

        yield add


@contextlib.contextmanager
def indexes_built_after(database: Database) -> Iterator[sqlite3.Connection]:
    """A transaction in which the secondary indexes of the customer tables are dropped, and built again at the
    end in one sorted pass each, instead of growing row by row while tens of thousands of customers are added."""
    with database.transaction() as conn:
        marks = ", ".join("?" * len(_BULK_TABLES))
        indexes = conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
            _BULK_TABLES,
        ).fetchall()
        for name, _sql in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        yield conn
        for _name, sql in indexes:
            conn.execute(sql)


def add(database: Database, customer: Customer, *, now: datetime) -> int:
    return add_many(database, [customer], now=now)[0]


def add_many(database: Database, customers: Iterable[Customer], *, now: datetime) -> list[int]:
    """Saves new customers in one transaction; returns their ids in order."""
    customers = list(customers)
    with database.transaction():
        first = next_id(database)
        insert_new(database, new_rows(customers, first, now=now))
    return list(range(first, first + len(customers)))


def update(database: Database, customer: Customer, *, now: datetime) -> None:
    if customer.id is None:
        raise ValueError("update needs a saved customer")
    assignments = ", ".join(f"{column} = ?" for column in _COLUMNS)
    with database.transaction() as conn:
        cursor = conn.execute(
            f"UPDATE customers SET {assignments}, updated_at = ? WHERE id = ?",
            [*_values(customer, customer.sort_key()), now.isoformat(timespec="seconds"), customer.id],
        )
        if cursor.rowcount != 1:
            raise LookupError(f"no customer {customer.id}")
        customer_search.replace_rows(conn, customer.id, customer)
        conn.execute("DELETE FROM customer_preferences WHERE customer_id = ?", (customer.id,))
        conn.executemany(
            "INSERT INTO customer_preferences (customer_id, kind, position, tag, tag_key) VALUES (?, ?, ?, ?, ?)",
            _preference_rows(customer.id, customer.preferences),
        )


def set_archived(database: Database, customer_id: int, archived: bool, *, now: datetime) -> None:
    with database.transaction() as conn:
        cursor = conn.execute(
            "UPDATE customers SET archived = ?, updated_at = ? WHERE id = ?",
            (int(archived), now.isoformat(timespec="seconds"), customer_id),
        )
        if cursor.rowcount != 1:
            raise LookupError(f"no customer {customer_id}")
        customer_search.set_archived(conn, customer_id, archived)


def get(database: Database, customer_id: int) -> Customer | None:
    conn = database.connection
    row = conn.execute(f"SELECT id, {', '.join(_COLUMNS)} FROM customers WHERE id = ?", (customer_id,)).fetchone()
    if row is None:
        return None
    tags: dict[str, list[str]] = {kind: [] for kind in Preferences.kinds()}
    for kind, tag in conn.execute(
        "SELECT kind, tag FROM customer_preferences WHERE customer_id = ? ORDER BY kind, position",
        (customer_id,),
    ):
        tags[kind].append(tag)
    return _customer(row, Preferences(**{kind: tuple(values) for kind, values in tags.items()}))


def _customer(row: Sequence, preferences: Preferences) -> Customer:
    (customer_id, salutation, title, first, last, street, postal_code, city, country, phone, email,
     day, month, year, since, address_form, notes, mail, objected, email_ok, signed, archived, _sort) = row  # fmt: skip
    return Customer(
        id=customer_id,
        salutation=Salutation(salutation),
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
        address_form=AddressForm(address_form),
        preferences=preferences,
        notes=notes,
        consent=Consent(
            postal_mail=bool(mail),
            postal_objected_on=date.fromisoformat(objected) if objected else None,
            email=bool(email_ok),
            signed_on=date.fromisoformat(signed) if signed else None,
        ),
        archived=bool(archived),
    )


def _preference_rows(customer_id: int, preferences: Preferences) -> list[tuple[int, str, int, str, str]]:
    return [(customer_id, kind, position, tag, key) for kind, position, tag, key in _tag_rows(preferences)]


@functools.lru_cache(maxsize=16_384)  # an import or the demo gives many customers the same tags
def _tag_rows(preferences: Preferences) -> tuple[tuple[str, int, str, str], ...]:
    return tuple(
        (kind, position, tag, fold(tag))
        for kind in Preferences.kinds()
        for position, tag in enumerate(getattr(preferences, kind))
    )


def count(database: Database, *, archived: bool = False) -> int:
    (total,) = database.connection.execute(
        "SELECT count(*) FROM customers WHERE archived = ?", (int(archived),)
    ).fetchone()
    return total


def preference_matches(database: Database, key: str, upper: str, kinds: Sequence[str]) -> list[tuple]:
    """Customers (not archived) with a tag of `kinds` whose folded key lies from `key` to below `upper`, in
    name order: id, first_name, last_name, title, phone, salutation, tag."""
    marks = ", ".join("?" * len(kinds))
    return database.connection.execute(
        "SELECT c.id, c.first_name, c.last_name, c.title, c.phone, c.salutation, p.tag"
        " FROM customer_preferences p JOIN customers c ON c.id = p.customer_id"
        f" WHERE p.tag_key >= ? AND p.tag_key < ? AND p.kind IN ({marks}) AND c.archived = 0"
        " ORDER BY c.sort_key, c.id, p.kind, p.position",
        (key, upper, *kinds),
    ).fetchall()


def tags(database: Database, kinds: Sequence[str]) -> list[str]:
    """The different tags of `kinds` in the file, most used first."""
    marks = ", ".join("?" * len(kinds))
    rows = database.connection.execute(
        f"SELECT min(tag) FROM customer_preferences WHERE kind IN ({marks}) GROUP BY tag_key ORDER BY count(*) DESC",
        tuple(kinds),
    )
    return [tag for (tag,) in rows]


def active_ids(database: Database) -> list[int]:
    """The ids of the customers not archived, in name order."""
    rows = database.connection.execute("SELECT id FROM customers WHERE archived = 0 ORDER BY sort_key, id")
    return [customer_id for (customer_id,) in rows]


def every(database: Database, *, archived: bool = False, chunk: int = 2000) -> Iterator[Customer]:
    """Every customer (archived or not) in name order, with her preferences, read a chunk at a time."""
    conn = database.connection
    after: tuple[str, int] = ("", 0)
    while True:
        rows = conn.execute(
            f"SELECT id, {', '.join(_COLUMNS)} FROM customers WHERE archived = ? AND (sort_key, id) > (?, ?)"
            " ORDER BY sort_key, id LIMIT ?",
            (int(archived), *after, chunk),
        ).fetchall()
        if not rows:
            return
        tags: dict[int, dict[str, list[str]]] = {row[0]: {kind: [] for kind in Preferences.kinds()} for row in rows}
        marks = ", ".join("?" * len(rows))
        for customer_id, kind, tag in conn.execute(
            f"SELECT customer_id, kind, tag FROM customer_preferences WHERE customer_id IN ({marks})"
            " ORDER BY customer_id, kind, position",
            list(tags),
        ):
            tags[customer_id][kind].append(tag)
        for row in rows:
            preferences = Preferences(**{kind: tuple(values) for kind, values in tags[row[0]].items()})
            yield _customer(row, preferences)
        after = (rows[-1][-1], rows[-1][0])


def identities(database: Database) -> list[tuple[int, str, str, int | None, int | None, int | None, str]]:
    """What tells one customer from another on an import: id, first and last name, birthday (day, month, year)
    and e-mail of every customer, archived ones too."""
    return database.connection.execute(
        "SELECT id, first_name, last_name, birth_day, birth_month, birth_year, email FROM customers"
    ).fetchall()


def row_values(customer: Customer) -> list[object]:
    """Her values in the order of the customer table's columns (for a copy kept elsewhere, like an import's)."""
    return _values(customer, customer.sort_key())


def from_row(row: Sequence, preferences: Preferences) -> Customer:
    """A customer from her id followed by `row_values`."""
    return _customer(row, preferences)


def names(database: Database, ids: Sequence[int]) -> list[tuple[int, str, str, str, str]]:
    """(id, first name, last name, postal code, city) of the customers `ids`, in name order."""
    found: list[tuple] = []
    for start in range(0, len(ids), 900):  # SQLite's limit of parameters per statement
        chunk = list(ids[start : start + 900])
        marks = ", ".join("?" * len(chunk))
        found += database.connection.execute(
            f"SELECT id, first_name, last_name, postal_code, city, sort_key FROM customers WHERE id IN ({marks})",
            chunk,
        ).fetchall()
    return [row[:5] for row in sorted(found, key=lambda row: (row[5], row[0]))]
