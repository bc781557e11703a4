"""Finding customers as the owner types: every word a prefix, the list in name order, a page at a time.

Two tables keep the search fast at 100,000 customers (both maintained with every save):
- `customer_terms` holds each folded search term with the customer's sort key, so the matches of a
  longer word come out of one index range, ready to sort by name;
- `customer_prefixes` holds the first one and two letters of every term, already in name
  order, because one or two typed letters match tens of thousands of customers and only the first
  page of them is wanted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from emma.domain.birthdays import Birthday
from emma.domain.customer import Customer, CustomerSummary, query_words
from emma.domain.folding import prefix_upper_bound
from emma.store.database import Database

PREFIX_LENGTH = 2
# From this many matches on, sorting all matches of a longer word costs more than walking in name order.
_MANY = 1500
_ROW_COLUMNS = (
    "id, first_name, last_name, title, postal_code, city, birth_day, birth_month, birth_year, phone, sort_key"
)


def search_rows(customer_id: int, customer: Customer) -> tuple[list[tuple], list[tuple]]:
    """The rows of both search tables for one customer: (terms, prefixes)."""
    archived, sort_key = int(customer.archived), customer.sort_key()
    terms = customer.search_terms()
    prefixes = {term[:length] for term in terms for length in range(1, PREFIX_LENGTH + 1)}
    return (
        [(archived, term, sort_key, customer_id) for term in terms],
        [(archived, prefix, sort_key, customer_id) for prefix in prefixes],
    )


def insert_rows(conn: sqlite3.Connection, terms: list[tuple], prefixes: list[tuple]) -> None:
    conn.executemany("INSERT INTO customer_terms (archived, term, sort_key, customer_id) VALUES (?, ?, ?, ?)", terms)
    conn.executemany(
        "INSERT INTO customer_prefixes (archived, prefix, sort_key, customer_id) VALUES (?, ?, ?, ?)", prefixes
    )


def replace_rows(conn: sqlite3.Connection, customer_id: int, customer: Customer) -> None:
    conn.execute("DELETE FROM customer_terms WHERE customer_id = ?", (customer_id,))
    conn.execute("DELETE FROM customer_prefixes WHERE customer_id = ?", (customer_id,))
    insert_rows(conn, *search_rows(customer_id, customer))


def set_archived(conn: sqlite3.Connection, customer_id: int, archived: bool) -> None:
    for table in ("customer_terms", "customer_prefixes"):
        conn.execute(f"UPDATE {table} SET archived = ? WHERE customer_id = ?", (int(archived), customer_id))


def rebuild(conn: sqlite3.Connection, customers: Iterable[tuple[int, Customer]]) -> None:
    """Fills both tables anew (used by the migration that introduced them)."""
    conn.execute("DELETE FROM customer_terms")
    conn.execute("DELETE FROM customer_prefixes")
    terms: list[tuple] = []
    prefixes: list[tuple] = []
    for customer_id, customer in customers:
        more_terms, more_prefixes = search_rows(customer_id, customer)
        terms.extend(more_terms)
        prefixes.extend(more_prefixes)
    insert_rows(conn, terms, prefixes)


def search(
    database: Database,
    text: str,
    *,
    limit: int,
    after: tuple[str, int] | None = None,
    archived: bool = False,
) -> list[CustomerSummary]:
    """Customers whose search terms start with every word of `text`, in name order, `limit` at a time.

    `after` is the (sort_key, id) of the last row already shown: the next page starts behind it.
    """
    conn = database.connection
    words = sorted(set(query_words(text)), key=len, reverse=True)
    if not words:
        return _everyone(conn, limit=limit, after=after, archived=archived)
    driver, others = words[0], words[1:]
    if len(driver) > PREFIX_LENGTH and _matches_at_least(conn, driver, archived, _MANY):
        # A long word that many share ("0170", "schmi"): walk its first letters in name order and
        # check the whole word on the way – the page fills long before the walk ends.
        driver, others = driver[:PREFIX_LENGTH], words
    params: list[object] = [int(archived)]
    if len(driver) <= PREFIX_LENGTH:
        sql = "SELECT sort_key, customer_id FROM customer_prefixes d WHERE archived = ? AND prefix = ?"
        params.append(driver)
    else:
        sql = (
            "SELECT DISTINCT sort_key, customer_id FROM customer_terms d WHERE archived = ? AND term >= ? AND term < ?"
        )
        params.extend((driver, prefix_upper_bound(driver)))
    if after is not None:
        sql += " AND (sort_key, customer_id) > (?, ?)"
        params.extend(after)
    for word in others:
        sql += (
            " AND EXISTS (SELECT 1 FROM customer_terms t"
            " WHERE t.customer_id = d.customer_id AND t.term >= ? AND t.term < ?)"
        )
        params.extend((word, prefix_upper_bound(word)))
    sql += " ORDER BY sort_key, customer_id LIMIT ?"
    params.append(limit)
    columns = ", ".join(f"c.{column.strip()}" for column in _ROW_COLUMNS.split(","))
    page = f"SELECT {columns} FROM ({sql}) AS page JOIN customers c ON c.id = page.customer_id"
    return [_summary(row) for row in conn.execute(page + " ORDER BY page.sort_key, c.id", params)]


def _matches_at_least(conn: sqlite3.Connection, word: str, archived: bool, count: int) -> bool:
    (found,) = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM customer_terms WHERE archived = ? AND term >= ? AND term < ? LIMIT ?)",
        (int(archived), word, prefix_upper_bound(word), count),
    ).fetchone()
    return found >= count


def _everyone(conn: sqlite3.Connection, *, limit: int, after: tuple[str, int] | None, archived: bool):
    sql = f"SELECT {_ROW_COLUMNS} FROM customers WHERE archived = ?"
    params: list[object] = [int(archived)]
    if after is not None:
        sql += " AND (sort_key, id) > (?, ?)"
        params.extend(after)
    sql += " ORDER BY sort_key, id LIMIT ?"
    return [_summary(row) for row in conn.execute(sql, [*params, limit])]


def _summary(values: Sequence) -> CustomerSummary:
    customer_id, first, last, title, postal_code, city, day, month, year, phone, sort_key = values
    birthday = Birthday(month=month, day=day, year=year) if day else None
    return CustomerSummary(customer_id, first, last, title, postal_code, city, birthday, phone, sort_key)
