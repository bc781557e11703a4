"""The customer file: saving, reading and finding customers."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from emma.domain.birthdays import Birthday
from emma.domain.customer import (
    AddressForm,
    Consent,
    Customer,
    CustomerSummary,
    Preferences,
    Salutation,
    query_words,
)
from emma.domain.folding import fold, prefix_upper_bound
from emma.store.database import Database

_COLUMNS = (
    "salutation", "title", "first_name", "last_name", "street", "postal_code", "city", "country", "phone",
    "email", "birth_day", "birth_month", "birth_year", "customer_since", "address_form", "notes",
    "postal_mail_allowed", "postal_objected_on", "email_allowed", "archived", "sort_key",
)  # fmt: skip
# Below this many matches of the rarest word, sorting the matches beats walking the name index.
_SMALL_MATCH = 3000


def _values(customer: Customer) -> list[object]:
    birthday = customer.birthday
    return [
        customer.salutation.value,
        customer.title.strip(),
        customer.first_name.strip(),
        customer.last_name.strip(),
        customer.street.strip(),
        customer.postal_code.strip(),
        customer.city.strip(),
        customer.country,
        customer.phone.strip(),
        customer.email.strip(),
        birthday.day if birthday else None,
        birthday.month if birthday else None,
        birthday.year if birthday else None,
        customer.customer_since.isoformat() if customer.customer_since else None,
        customer.address_form.value,
        customer.notes,
        int(customer.consent.postal_mail),
        customer.consent.postal_objected_on.isoformat() if customer.consent.postal_objected_on else None,
        int(customer.consent.email),
        int(customer.archived),
        customer.sort_key(),
    ]


def add(database: Database, customer: Customer, *, now: datetime) -> int:
    return add_many(database, [customer], now=now)[0]


def add_many(database: Database, customers: Iterable[Customer], *, now: datetime) -> list[int]:
    """Saves new customers in one transaction; returns their ids in order."""
    stamp = now.isoformat(timespec="seconds")
    placeholders = ", ".join("?" for _ in range(len(_COLUMNS) + 3))
    sql = f"INSERT INTO customers (id, {', '.join(_COLUMNS)}, created_at, updated_at) VALUES ({placeholders})"
    ids: list[int] = []
    rows: list[list[object]] = []
    terms: list[tuple[str, int]] = []
    preferences: list[tuple[int, str, int, str, str]] = []
    with database.transaction() as conn:
        # Ids are handed out here (inside the write lock), so that all rows go in with executemany.
        (customer_id,) = conn.execute("SELECT coalesce(max(id), 0) FROM customers").fetchone()
        for customer in customers:
            customer_id += 1
            ids.append(customer_id)
            rows.append([customer_id, *_values(customer), stamp, stamp])
            terms.extend((term, customer_id) for term in customer.search_terms())
            preferences.extend(_preference_rows(customer_id, customer.preferences))
        conn.executemany(sql, rows)
        terms.sort()  # in index order: the B-tree grows at its end instead of everywhere
        conn.executemany("INSERT INTO customer_terms (term, customer_id) VALUES (?, ?)", terms)
        conn.executemany(
            "INSERT INTO customer_preferences (customer_id, kind, position, tag, tag_key) VALUES (?, ?, ?, ?, ?)",
            preferences,
        )
    return ids


def update(database: Database, customer: Customer, *, now: datetime) -> None:
    if customer.id is None:
        raise ValueError("update needs a saved customer")
    assignments = ", ".join(f"{column} = ?" for column in _COLUMNS)
    with database.transaction() as conn:
        cursor = conn.execute(
            f"UPDATE customers SET {assignments}, updated_at = ? WHERE id = ?",
            [*_values(customer), now.isoformat(timespec="seconds"), customer.id],
        )
        if cursor.rowcount != 1:
            raise LookupError(f"no customer {customer.id}")
        conn.execute("DELETE FROM customer_terms WHERE customer_id = ?", (customer.id,))
        conn.executemany(
            "INSERT INTO customer_terms (term, customer_id) VALUES (?, ?)",
            [(term, customer.id) for term in customer.search_terms()],
        )
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
     day, month, year, since, address_form, notes, mail, objected, email_ok, archived, _sort) = row  # fmt: skip
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
        ),
        archived=bool(archived),
    )


def _preference_rows(customer_id: int, preferences: Preferences) -> list[tuple[int, str, int, str, str]]:
    rows = []
    for kind in Preferences.kinds():
        for position, tag in enumerate(getattr(preferences, kind)):
            rows.append((customer_id, kind, position, tag, fold(tag)))
    return rows


_ROW_COLUMNS = "c.id, c.first_name, c.last_name, c.title, c.postal_code, c.city, c.birth_day, c.birth_month, \
c.birth_year, c.phone, c.sort_key"


def _row(values: Sequence) -> CustomerSummary:
    customer_id, first, last, title, postal_code, city, day, month, year, phone, sort_key = values
    birthday = Birthday(month=month, day=day, year=year) if day else None
    return CustomerSummary(customer_id, first, last, title, postal_code, city, birthday, phone, sort_key)


def search(
    database: Database,
    text: str,
    *,
    limit: int,
    after: tuple[str, int] | None = None,
    archived: bool = False,
) -> list[CustomerSummary]:
    """Customers whose words start with every word of `text`, in name order, `limit` at a time.

    `after` is the (sort_key, id) of the last row already shown: the next page starts behind it.
    """
    words = sorted(set(query_words(text)), key=len, reverse=True)
    where = ["c.archived = ?"]
    params: list[object] = [int(archived)]
    if after is not None:
        where.append("(c.sort_key, c.id) > (?, ?)")
        params.extend(after)
    for word in words:
        where.append("c.id IN (SELECT customer_id FROM customer_terms WHERE term >= ? AND term < ?)")
        params.extend((word, prefix_upper_bound(word)))
    # Walking the name index is quick when matches are many (the page fills early); when they are
    # few, the walk would cross the whole file, so the matches are sorted instead. Unary + keeps
    # SQLite from using the name index for the sort.
    order = "c.sort_key, c.id"
    if words and _fewest_matches(database.connection, words) < _SMALL_MATCH:
        order = "+c.sort_key, c.id"
    sql = f"SELECT {_ROW_COLUMNS} FROM customers c WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?"
    params.append(limit)
    return [_row(values) for values in database.connection.execute(sql, params)]


def _fewest_matches(conn: sqlite3.Connection, words: list[str]) -> int:
    counts = []
    for word in words:
        (count,) = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM customer_terms WHERE term >= ? AND term < ? LIMIT ?)",
            (word, prefix_upper_bound(word), _SMALL_MATCH),
        ).fetchone()
        counts.append(count)
    return min(counts)


def count(database: Database, *, archived: bool = False) -> int:
    (total,) = database.connection.execute(
        "SELECT count(*) FROM customers WHERE archived = ?", (int(archived),)
    ).fetchone()
    return total
