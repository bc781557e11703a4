"""Data protection in the file: objections kept apart from the customer, erasure, the erasure log (in the
file and beside it), everything stored about one customer, and the purge of anonymised purchases.

An erased customer keeps her row as the anonymous holder of her purchases (`erased_on` set, every personal
field emptied): the purchases keep their amounts and dates with no person behind them, and her id is never
handed out again (new ids follow the largest), so the erasure log cannot hit someone else.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from emma.domain.customer import Customer, sort_key_of
from emma.domain.data_protection import InactiveRow, mentions, without_name
from emma.store.database import Database

SALT_KEY = "suppression_salt"


@dataclass(frozen=True)
class Erasure:
    """One line of the erasure log: no personal data, only which row and when."""

    customer_id: int
    created_at: str
    erased_on: date


# --- objections -----------------------------------------------------------------------------------------


def salt(database: Database, *, create: bool) -> str | None:
    """The shop's salt for suppression keys; made (inside the caller's transaction) when `create`."""
    conn = database.connection
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (SALT_KEY,)).fetchone()
    if row is not None or not create:
        return row[0] if row else None
    value = secrets.token_hex(16)
    conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (SALT_KEY, value))
    return value


def add_suppression(conn: sqlite3.Connection, key: str, objected_on: date) -> None:
    """Keeps the first objection's date when she objects again."""
    conn.execute(
        "INSERT INTO suppressions (key, objected_on) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
        (key, objected_on.isoformat()),
    )


def remove_suppression(conn: sqlite3.Connection, key: str) -> None:
    conn.execute("DELETE FROM suppressions WHERE key = ?", (key,))


def suppressed_on(database: Database, key: str) -> date | None:
    row = database.connection.execute("SELECT objected_on FROM suppressions WHERE key = ?", (key,)).fetchone()
    return date.fromisoformat(row[0]) if row else None


def all_suppressions(database: Database) -> dict[str, date]:
    rows = database.connection.execute("SELECT key, objected_on FROM suppressions")
    return {key: date.fromisoformat(day) for key, day in rows}


# --- erasure --------------------------------------------------------------------------------------------

# Her prefix rows by their whole key, as customer_search finds them (the table has no index by customer).
_HER_PREFIX_ROWS = (
    "archived = (SELECT archived FROM customer_terms WHERE customer_id = :id LIMIT 1)"
    " AND prefix IN (SELECT substr(term, 1, 2) FROM customer_terms WHERE customer_id = :id)"
    " AND sort_key = (SELECT sort_key FROM customer_terms WHERE customer_id = :id LIMIT 1)"
    " AND customer_id = :id"
)
# Her rows that go with her: what she likes, her stamp ledger, her letters, reminders and import copies.
_HER_ROWS = ("customer_preferences", "stamp_events", "stamp_cards", "letters_sent", "todos", "reminder_states",
             "import_changes")  # fmt: skip


def erase(conn: sqlite3.Connection, customer: Customer, *, placeholder: str, now: datetime) -> Erasure:
    """Empties her row of everything personal, deletes what is hers alone, keeps her purchases anonymised
    (their notes emptied, item lines and reversal reasons that name her replaced by `placeholder`) and logs
    the erasure. Inside the caller's transaction; the freed pages still hold her name until `compact`."""
    customer_id = customer.id
    (created_at,) = conn.execute("SELECT created_at FROM customers WHERE id = ?", (customer_id,)).fetchone()
    conn.execute(f"DELETE FROM customer_prefixes WHERE {_HER_PREFIX_ROWS}", {"id": customer_id})
    conn.execute("DELETE FROM customer_terms WHERE customer_id = ?", (customer_id,))
    for table in _HER_ROWS:
        conn.execute(f"DELETE FROM {table} WHERE customer_id = ?", (customer_id,))
    conn.execute("UPDATE purchases SET note = '' WHERE customer_id = ? AND note <> ''", (customer_id,))
    items = conn.execute(
        "SELECT i.purchase_id, i.position, i.text FROM purchase_items i JOIN purchases p ON p.id = i.purchase_id"
        " WHERE p.customer_id = ?",
        (customer_id,),
    ).fetchall()
    conn.executemany(
        "UPDATE purchase_items SET text = ? WHERE purchase_id = ? AND position = ?",
        [(placeholder, purchase_id, position) for purchase_id, position, text in items if mentions(text, customer)],
    )
    reasons = conn.execute(
        "SELECT id, reversal_reason FROM purchases WHERE customer_id = ? AND reversal_reason <> ''", (customer_id,)
    ).fetchall()
    conn.executemany(
        "UPDATE purchases SET reversal_reason = ? WHERE id = ?",
        [(placeholder, purchase_id) for purchase_id, reason in reasons if mentions(reason, customer)],
    )
    for key, value in conn.execute("SELECT key, value FROM settings").fetchall():
        cleaned = without_name(value, customer, placeholder)
        if cleaned != value:
            conn.execute("UPDATE settings SET value = ? WHERE key = ?", (cleaned, key))
    today = now.date()
    conn.execute(
        "UPDATE customers SET salutation = 'none', title = '', first_name = '', last_name = ?, street = '',"
        " postal_code = '', city = '', phone = '', email = '', birth_day = NULL, birth_month = NULL,"
        " birth_year = NULL, customer_since = NULL, address_form = 'sie', notes = '', postal_mail_allowed = 0,"
        " postal_objected_on = NULL, email_allowed = 0, consent_signed_on = NULL, archived = 1, sort_key = ?,"
        " updated_at = ?, erased_on = ? WHERE id = ?",
        (placeholder, sort_key_of("", placeholder), now.isoformat(timespec="seconds"), today.isoformat(),
         customer_id),
    )  # fmt: skip
    erasure = Erasure(customer_id, created_at, today)
    add_to_log(conn, [erasure])
    return erasure


def compact(database: Database) -> None:
    """Rewrites the file without its free pages and empties the write-ahead log, so that what was deleted is
    gone from the bytes on disk too (not only from the tables)."""
    conn = database.connection
    conn.execute("VACUUM")
    for _attempt in range(3):
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if not busy:
            return


def is_erased(database: Database, customer_id: int) -> bool:
    row = database.connection.execute("SELECT erased_on FROM customers WHERE id = ?", (customer_id,)).fetchone()
    return bool(row and row[0])


def others_mentioning(database: Database, customer: Customer) -> list[int]:
    """Other customers whose notes or to-dos name her in full ("Anna Müller", "Müller, Anna"): their free text
    is theirs, so it is shown to the owner, not changed behind her back."""
    last = customer.last_name.strip()
    if not last or not customer.first_name.strip():
        return []
    rows = database.connection.execute(
        "SELECT id, notes FROM customers WHERE id <> :id AND notes LIKE :like"
        " UNION ALL SELECT customer_id, text FROM todos WHERE customer_id <> :id AND text LIKE :like",
        {"id": customer.id, "like": f"%{last}%"},
    ).fetchall()
    return sorted({other for other, text in rows if without_name(text, customer, "\x00") != text})


# --- the erasure log --------------------------------------------------------------------------------------


def add_to_log(conn: sqlite3.Connection, erasures: Iterable[Erasure]) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO erasures (customer_id, created_at, erased_on) VALUES (?, ?, ?)",
        [(e.customer_id, e.created_at, e.erased_on.isoformat()) for e in erasures],
    )


def log(database: Database) -> list[Erasure]:
    rows = database.connection.execute("SELECT customer_id, created_at, erased_on FROM erasures ORDER BY 1, 2")
    return [Erasure(customer_id, created, date.fromisoformat(day)) for customer_id, created, day in rows]


def still_personal(database: Database, erasures: Iterable[Erasure]) -> list[int]:
    """The logged customers whose row (the same row: same id, made at the same moment) has her data again."""
    pairs = json.dumps([[e.customer_id, e.created_at] for e in erasures])
    rows = database.connection.execute(
        "SELECT c.id FROM json_each(?) AS e JOIN customers c"
        " ON c.id = json_extract(e.value, '$[0]') AND c.created_at = json_extract(e.value, '$[1]')"
        " WHERE c.erased_on IS NULL ORDER BY c.id",
        (pairs,),
    )
    return [customer_id for (customer_id,) in rows]


def sidecar_of(path: Path) -> Path:
    """The copy of the erasure log beside the file: a restored older backup has an older log inside, and this
    one (which the restore leaves alone) tells which of its customers were erased since."""
    return path.with_name(path.name + ".erasures")


def read_sidecar(path: Path) -> list[Erasure]:
    try:
        text = sidecar_of(path).read_text(encoding="utf-8", errors="replace")
    except OSError:  # none yet, or unreadable: the log in the file still holds what happened to this file
        return []
    erasures = []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) != 3:
            continue  # a line half-written by a crash: the log in the file has it too
        try:
            erasures.append(Erasure(int(parts[0]), parts[1], date.fromisoformat(parts[2])))
        except ValueError:
            continue
    return erasures


def append_to_sidecar(path: Path, erasures: Iterable[Erasure]) -> None:
    lines = "".join(f"{e.customer_id}\t{e.created_at}\t{e.erased_on.isoformat()}\n" for e in erasures)
    if lines:
        with sidecar_of(path).open("a", encoding="utf-8") as file:
            file.write(lines)


def has_log(database: Database) -> bool:
    return database.connection.execute("SELECT 1 FROM erasures LIMIT 1").fetchone() is not None


# --- retention of anonymised purchases --------------------------------------------------------------------


def anonymised_before(database: Database, before: date) -> int:
    (found,) = database.connection.execute(_ANONYMISED_BEFORE.format(what="count(*)"), (before.isoformat(),)).fetchone()
    return found


_ANONYMISED_BEFORE = (
    "SELECT {what} FROM purchases WHERE at < ?"
    " AND customer_id IN (SELECT id FROM customers WHERE erased_on IS NOT NULL)"
)


def drop_anonymised_before(conn: sqlite3.Connection, before: date) -> int:
    """Deletes the anonymised purchases made before `before`, with their item lines and stamp events (if any
    are left), and the visit summaries of their holders are brought in line."""
    ids = json.dumps([row[0] for row in conn.execute(_ANONYMISED_BEFORE.format(what="id"), (before.isoformat(),))])
    which = "IN (SELECT value FROM json_each(?))"
    holders = [row[0] for row in conn.execute(f"SELECT DISTINCT customer_id FROM purchases WHERE id {which}", (ids,))]
    conn.execute(f"DELETE FROM purchase_items WHERE purchase_id {which}", (ids,))
    conn.execute(f"DELETE FROM stamp_events WHERE purchase_id {which}", (ids,))
    dropped = conn.execute(f"DELETE FROM purchases WHERE id {which}", (ids,)).rowcount
    from emma.store import purchases  # the visit summaries are made as with every booking

    purchases.refresh_visits(conn, holders)
    return dropped


# --- customers to review ------------------------------------------------------------------------------------


def inactive_since(database: Database, since: date) -> list[InactiveRow]:
    """Customers (not erased) with no purchase on or after `since` and no change since then, in name order."""
    rows = database.connection.execute(
        "SELECT c.id, c.first_name, c.last_name, (SELECT max(p.at) FROM purchases p"
        " WHERE p.customer_id = c.id), c.updated_at, c.archived FROM customers c"
        " WHERE c.erased_on IS NULL AND c.updated_at < :since AND NOT EXISTS"
        " (SELECT 1 FROM purchases p WHERE p.customer_id = c.id AND p.at >= :since)"
        " ORDER BY c.archived, c.sort_key, c.id",
        {"since": since.isoformat()},
    ).fetchall()
    return [
        InactiveRow(
            id=customer_id,
            name=f"{last}, {first}" if last and first else last or first,
            last_purchase=date.fromisoformat(last_at[:10]) if last_at else None,
            changed_on=date.fromisoformat(updated[:10]),
            archived=bool(archived),
        )
        for customer_id, first, last, last_at, updated, archived in rows
    ]


# --- everything about one customer (Art. 15) ---------------------------------------------------------------


def disclosure_rows(database: Database, customer_id: int) -> dict[str, list[dict]]:
    """Every row that belongs to her, table by table, as plain dicts (the customer row with every column)."""
    conn = database.connection

    def rows(sql: str) -> list[dict]:
        cursor = conn.execute(sql, (customer_id,))
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    return {
        "customer": rows("SELECT * FROM customers WHERE id = ?"),
        "preferences": rows("SELECT kind, tag FROM customer_preferences WHERE customer_id = ? ORDER BY kind, position"),
        "purchases": rows(
            "SELECT p.id, p.at, p.amount_cents, p.note, p.reversed_at, p.reversal_reason,"
            " (SELECT json_group_array(text) FROM (SELECT text FROM purchase_items i WHERE i.purchase_id = p.id"
            " ORDER BY position)) AS items FROM purchases p WHERE p.customer_id = ? ORDER BY p.at, p.id"
        ),
        "stamps": rows(
            "SELECT s.at, sp.name AS program, s.kind, s.stamps, s.purchase_id, s.reason FROM stamp_events s"
            " JOIN stamp_programs sp ON sp.id = s.program_id WHERE s.customer_id = ? ORDER BY s.id"
        ),
        "letters": rows("SELECT sent_on, occasion, template FROM letters_sent WHERE customer_id = ? ORDER BY id"),
        "todos": rows("SELECT due, text, created_at FROM todos WHERE customer_id = ? ORDER BY due, id"),
        "reminders": rows(
            "SELECT kind, occasion, due, snoozed_until, at FROM reminder_states WHERE customer_id = ? ORDER BY at"
        ),
        "imports": rows(
            "SELECT b.file_name, b.imported_at, c.before IS NULL AS created FROM import_changes c"
            " JOIN import_batches b ON b.id = c.batch_id WHERE c.customer_id = ? ORDER BY b.id"
        ),
    }
