"""Finding customers as the owner types: every word a prefix, the list in name order, a page at a time.

Two tables keep the search fast at 100,000 customers (both maintained with every save):
- `customer_terms` holds each folded search term with the customer's sort key, so the matches of a
  longer word come out of one index range, ready to sort by name;
- `customer_prefixes` holds the first two letters of every term that does not start with a digit,
  already in name order, because two typed letters match thousands of customers and only the first
  page of them is wanted. A single letter merges the rows of its two-letter prefixes ("m" = "ma" ∪
  "me" ∪ …), which SQLite does in name order without sorting.

Both tables take her archived flag and sort key from her row in `customers`, and SQLite makes the
prefix rows from the terms: a save binds only her terms.

Single letters and numbers have no rows of their own: they would double the rows of every save
(and the time the demo shop takes to write). A number that many share ("0", "0170") walks the
whole list in name order and checks each customer, which fills a page after a few hundred steps;
one that few share has few enough terms to sort.
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence

from emma.domain.birthdays import Birthday
from emma.domain.customer import Customer, CustomerSummary, query_words
from emma.domain.folding import prefix_upper_bound
from emma.store import bulk_insert
from emma.store.database import Database

PREFIX_LENGTH = 2
# From this many matches on, sorting all matches of a word costs more than walking its prefix rows
# in name order – or, for a number, walking everyone (each step a lookup, so it takes more).
_MANY = 1500
_MANY_FOR_NUMBERS = 6000
_ROW_COLUMNS = (
    "id, first_name, last_name, title, postal_code, city, birth_day, birth_month, birth_year, phone, sort_key"
)


# Which terms have a prefix row: those that do not start with a digit (numbers are found by their terms).
_HAS_PREFIX_ROW = "substr(term, 1, 1) NOT BETWEEN '0' AND '9'"
# A save binds only (term, customer id), see above: an import of 100,000 customers binds 1.6 million
# fewer values, and holds Python's lock that much less.
_INSERT_TERMS = (
    "INSERT INTO customer_terms (archived, term, sort_key, customer_id)"
    " SELECT c.archived, t.column1, c.sort_key, c.id FROM ({values}) AS t JOIN customers c ON c.id = t.column2"
)
_INSERT_PREFIXES = (
    "INSERT OR IGNORE INTO customer_prefixes (archived, prefix, sort_key, customer_id)"
    " SELECT archived, substr(term, 1, 2), sort_key, customer_id FROM customer_terms"
    f" WHERE customer_id BETWEEN ? AND ? AND {_HAS_PREFIX_ROW}"
)


def term_rows(customer_id: int, customer: Customer) -> list[tuple[str, int]]:
    """Her rows for `insert_rows`: (term, customer id) for each term that does not begin another one of hers
    ("anna" finds nothing that "anna.berg@web.de" does not)."""
    ordered = sorted(customer.search_terms())  # a term that begins others comes right before them
    rows = [(term, customer_id) for term, following in itertools.pairwise(ordered) if not following.startswith(term)]
    if ordered:
        rows.append((ordered[-1], customer_id))
    return rows


def insert_rows(conn: sqlite3.Connection, terms: list[tuple[str, int]]) -> None:
    """Writes the search rows of customers whose rows in `customers` are written already; `terms` are their
    `term_rows`, in the order of their ids."""
    if terms:
        bulk_insert.insert_values(conn, _INSERT_TERMS, 2, terms)
        conn.execute(_INSERT_PREFIXES, (terms[0][1], terms[-1][1]))


@contextlib.contextmanager
def staged(conn: sqlite3.Connection) -> Iterator[Callable[[sqlite3.Connection, list[tuple[str, int]]], None]]:
    """For tens of thousands of new customers: yields an `insert_rows` whose rows wait in a scratch table and go
    into both search tables at the end, sorted by their key. Both tables are kept in key order, and take rows in
    that order in two thirds of the time rows in customer order take (measured at 100,000 customers)."""
    conn.execute("CREATE TEMP TABLE staged_terms (term, customer_id)")

    def stage(conn: sqlite3.Connection, terms: list[tuple[str, int]]) -> None:
        bulk_insert.insert_rows(conn, "temp.staged_terms", ("term", "customer_id"), terms)

    try:
        yield stage
        conn.execute(
            _INSERT_TERMS.format(values="SELECT term AS column1, customer_id AS column2 FROM temp.staged_terms")
            + " ORDER BY 1, 2, 3, 4"
        )
        first, last = conn.execute("SELECT min(customer_id), max(customer_id) FROM temp.staged_terms").fetchone()
        conn.execute(_INSERT_PREFIXES + " ORDER BY 1, 2, 3, 4", (first, last))
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.staged_terms")


# A customer's prefix rows, found by their whole key from her terms (the table has no index by
# customer: one less row to write with every term). The schema's delete trigger says the same.
_HER_PREFIX_ROWS = (
    "archived = (SELECT archived FROM customer_terms WHERE customer_id = :id LIMIT 1)"
    " AND prefix IN (SELECT substr(term, 1, 2) FROM customer_terms WHERE customer_id = :id)"
    " AND sort_key = (SELECT sort_key FROM customer_terms WHERE customer_id = :id LIMIT 1)"
    " AND customer_id = :id"
)


def replace_rows(conn: sqlite3.Connection, customer_id: int, customer: Customer) -> None:
    conn.execute(f"DELETE FROM customer_prefixes WHERE {_HER_PREFIX_ROWS}", {"id": customer_id})
    conn.execute("DELETE FROM customer_terms WHERE customer_id = ?", (customer_id,))
    insert_rows(conn, term_rows(customer_id, customer))


def set_archived(conn: sqlite3.Connection, customer_id: int, archived: bool) -> None:
    conn.execute(
        f"UPDATE customer_prefixes SET archived = :archived WHERE {_HER_PREFIX_ROWS}",
        {"archived": int(archived), "id": customer_id},
    )
    conn.execute("UPDATE customer_terms SET archived = ? WHERE customer_id = ?", (int(archived), customer_id))


def rebuild(conn: sqlite3.Connection, customers: Iterable[tuple[int, Customer]]) -> None:
    """Fills both tables anew (used by the migration that introduced them)."""
    conn.execute("DELETE FROM customer_terms")
    conn.execute("DELETE FROM customer_prefixes")
    terms: list[tuple[str, int]] = []
    for customer_id, customer in sorted(customers, key=lambda pair: pair[0]):
        terms += term_rows(customer_id, customer)
    insert_rows(conn, terms)


def drop_prefixes_not_kept(conn: sqlite3.Connection) -> None:
    """Deletes the prefix rows of numbers, which no save makes any more."""
    conn.execute(f"DELETE FROM customer_prefixes WHERE NOT ({_HAS_PREFIX_ROW.replace('term', 'prefix')})")


SEGMENT_COLUMNS = ("abc", "phase", "rfm", "quadrant")  # what the Auswertung keeps per customer (customer_segments)


def search(
    database: Database,
    text: str,
    *,
    limit: int,
    after: tuple[str, int] | None = None,
    archived: bool = False,
    segment: tuple[str, str] | None = None,
) -> list[CustomerSummary]:
    """Customers whose search terms start with every word of `text`, in name order, `limit` at a time.

    `after` is the (sort_key, id) of the last row already shown: the next page starts behind it. `segment`
    (a column of `customer_segments` – abc, phase, rfm or quadrant – and its value) keeps only that segment's customers.
    """
    conn = database.connection
    words = sorted(set(query_words(text)), key=len, reverse=True)
    if not words:
        return _everyone(conn, limit=limit, after=after, archived=archived, segment=segment)
    driver, others = words[0], words[1:]
    by_letters = driver[:1].isalpha()
    distinct, key = "", "customer_id"
    if by_letters and len(driver) <= PREFIX_LENGTH:
        arms = [("FROM customer_prefixes d WHERE archived = ? AND prefix = ?", [prefix])
                for prefix in _prefix_rows(conn, driver, archived)]  # fmt: skip
    elif _matches_at_least(conn, driver, archived, _MANY if by_letters else _MANY_FOR_NUMBERS):
        # A word that many share ("0170", "schmi"): walk in name order – through its first two
        # letters where it has them – and check the whole word on the way; the page fills long
        # before the walk ends.
        others = words
        if by_letters:
            arms = [("FROM customer_prefixes d WHERE archived = ? AND prefix = ?", [driver[:PREFIX_LENGTH]])]
        else:
            arms, key = [("FROM customers d WHERE archived = ?", [])], "id"
    else:
        distinct = "DISTINCT "
        arms = [("FROM customer_terms d WHERE archived = ? AND term >= ? AND term < ?",
                 [driver, prefix_upper_bound(driver)])]  # fmt: skip
    filters, filter_params = "", []
    if after is not None:
        filters += f" AND (d.sort_key, d.{key}) > (?, ?)"
        filter_params.extend(after)
    if segment is not None:
        filters += _segment_filter(segment, f"d.{key}")
        filter_params.append(segment[1])
    for word in others:
        filters += (
            f" AND EXISTS (SELECT 1 FROM customer_terms t WHERE t.customer_id = d.{key} AND t.term >= ? AND t.term < ?)"
        )
        filter_params.extend((word, prefix_upper_bound(word)))
    params: list[object] = []
    for _sql, arm_params in arms:
        params.extend([int(archived), *arm_params, *filter_params])
    # UNION of arms each in name order: SQLite merges them, dropping who is in two of them.
    sql = " UNION ".join(f"SELECT {distinct}d.sort_key, d.{key} AS customer_id {arm}{filters}" for arm, _ in arms)
    sql += " ORDER BY 1, 2 LIMIT ?"
    params.append(limit)
    columns = ", ".join(f"c.{column.strip()}" for column in _ROW_COLUMNS.split(","))
    page = f"SELECT {columns} FROM ({sql}) AS page JOIN customers c ON c.id = page.customer_id"
    return [_summary(row) for row in conn.execute(page + " ORDER BY page.sort_key, c.id", params)]


def _prefix_rows(conn: sqlite3.Connection, word: str, archived: bool) -> list[str]:
    """The prefix rows a word of one or two letters finds: itself, or every two-letter prefix it begins.

    A one-letter term ("A." of a name) has a prefix row of that one letter, found here too.
    """
    if len(word) == PREFIX_LENGTH:
        return [word]
    found, upper = [word], prefix_upper_bound(word)
    while True:  # one index seek per prefix: a letter starts a few dozen of them
        row = conn.execute(
            "SELECT prefix FROM customer_prefixes WHERE archived = ? AND prefix > ? AND prefix < ?"
            " ORDER BY prefix LIMIT 1",
            (int(archived), found[-1], upper),
        ).fetchone()
        if row is None:
            return found
        found.append(row[0])


def _matches_at_least(conn: sqlite3.Connection, word: str, archived: bool, count: int) -> bool:
    (found,) = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM customer_terms WHERE archived = ? AND term >= ? AND term < ? LIMIT ?)",
        (int(archived), word, prefix_upper_bound(word), count),
    ).fetchone()
    return found >= count


def _segment_filter(segment: tuple[str, str], customer_id: str) -> str:
    if segment[0] not in SEGMENT_COLUMNS:
        raise ValueError(f"no segment column {segment[0]}")
    return (f" AND EXISTS (SELECT 1 FROM customer_segments s WHERE s.customer_id = {customer_id}"
            f" AND s.{segment[0]} = ?)")  # fmt: skip


def _everyone(conn: sqlite3.Connection, *, limit: int, after: tuple[str, int] | None, archived: bool,
              segment: tuple[str, str] | None = None):  # fmt: skip
    # An erased customer's empty row (kept for her anonymised purchases) is no one to list.
    sql = f"SELECT {_ROW_COLUMNS} FROM customers WHERE archived = ? AND erased_on IS NULL"
    params: list[object] = [int(archived)]
    if segment is not None:
        sql += _segment_filter(segment, "customers.id")
        params.append(segment[1])
    if after is not None:
        sql += " AND (sort_key, id) > (?, ?)"
        params.extend(after)
    sql += " ORDER BY sort_key, id LIMIT ?"
    return [_summary(row) for row in conn.execute(sql, [*params, limit])]


def _summary(values: Sequence) -> CustomerSummary:
    customer_id, first, last, title, postal_code, city, day, month, year, phone, sort_key = values
    birthday = Birthday(month=month, day=day, year=year) if day else None
    return CustomerSummary(customer_id, first, last, title, postal_code, city, birthday, phone, sort_key)
