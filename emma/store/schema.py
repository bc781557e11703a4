"""The schema, as numbered migrations. Version N is reached by running migrations 1..N in order.

Each migration runs in its own transaction together with `PRAGMA user_version = N`, so a file is
always at exactly one version. Never edit a migration that has shipped: add the next one.

Write a CHECK of allowed values as comparisons (`kind = 'a' OR kind = 'b'`), not as an IN list, which SQLite
pays for with every row written (see `_v14_checks_without_in_lists`).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

from emma.domain.customer import Customer


def _v1_customers(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE customers (
            id INTEGER PRIMARY KEY,
            salutation TEXT NOT NULL DEFAULT 'none'
                CHECK (salutation IN ('frau', 'herr', 'divers', 'none')),
            title TEXT NOT NULL DEFAULT '',
            first_name TEXT NOT NULL DEFAULT '',
            last_name TEXT NOT NULL DEFAULT '',
            street TEXT NOT NULL DEFAULT '',
            postal_code TEXT NOT NULL DEFAULT '',
            city TEXT NOT NULL DEFAULT '',
            country TEXT NOT NULL DEFAULT 'DE' CHECK (length(country) = 2),
            phone TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            birth_day INTEGER CHECK (birth_day BETWEEN 1 AND 31),
            birth_month INTEGER CHECK (birth_month BETWEEN 1 AND 12),
            birth_year INTEGER CHECK (birth_year BETWEEN 1850 AND 2200),
            customer_since TEXT CHECK (customer_since IS date(customer_since)),
            address_form TEXT NOT NULL DEFAULT 'sie' CHECK (address_form IN ('sie', 'du')),
            notes TEXT NOT NULL DEFAULT '',
            postal_mail_allowed INTEGER NOT NULL DEFAULT 1 CHECK (postal_mail_allowed IN (0, 1)),
            postal_objected_on TEXT CHECK (postal_objected_on IS date(postal_objected_on)),
            email_allowed INTEGER NOT NULL DEFAULT 0 CHECK (email_allowed IN (0, 1)),
            archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
            sort_key TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (first_name <> '' OR last_name <> ''),
            CHECK ((birth_day IS NULL) = (birth_month IS NULL)),
            CHECK (birth_year IS NULL OR birth_day IS NOT NULL)
        );
        CREATE INDEX customers_by_name ON customers (archived, sort_key, id);
        CREATE INDEX customers_by_birthday ON customers (birth_month, birth_day);

        -- What a customer is found by: folded words of her names, e-mail, phone, postal code.
        CREATE TABLE customer_terms (
            term TEXT NOT NULL,
            customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
            PRIMARY KEY (term, customer_id)
        ) WITHOUT ROWID;
        CREATE INDEX customer_terms_by_customer ON customer_terms (customer_id);

        -- Preferences as tags, so "who likes Riesling?" is an indexed question.
        CREATE TABLE customer_preferences (
            customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
            kind TEXT NOT NULL
                CHECK (kind IN ('likes', 'dislikes', 'allergies', 'sizes', 'favourites', 'brands')),
            position INTEGER NOT NULL,
            tag TEXT NOT NULL CHECK (tag <> ''),
            tag_key TEXT NOT NULL,
            PRIMARY KEY (customer_id, kind, position)
        ) WITHOUT ROWID;
        CREATE INDEX customer_preferences_by_tag ON customer_preferences (tag_key);

        -- The shop's own settings travel with its file (and so with every backup).
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """
    )


def _v2_purchases_and_stamps(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        -- The shop's product categories (Brot, Kuchen, Wein …), offered when a purchase is booked.
        CREATE TABLE categories (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (name <> ''),
            name_key TEXT NOT NULL UNIQUE,
            position INTEGER NOT NULL DEFAULT 0
        );

        -- A purchase is never deleted: a wrong booking is reversed (Storno) with a reason.
        CREATE TABLE purchases (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers (id),
            at TEXT NOT NULL CHECK (at IS strftime('%Y-%m-%dT%H:%M:%S', at)),
            amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
            note TEXT NOT NULL DEFAULT '',
            reversed_at TEXT,
            reversal_reason TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            CHECK (reversed_at IS NULL OR reversal_reason <> '')
        );
        CREATE INDEX purchases_by_customer ON purchases (customer_id, at, amount_cents);

        CREATE TABLE purchase_items (
            purchase_id INTEGER NOT NULL REFERENCES purchases (id),
            position INTEGER NOT NULL,
            text TEXT NOT NULL CHECK (text <> ''),
            PRIMARY KEY (purchase_id, position)
        ) WITHOUT ROWID;

        CREATE TABLE stamp_programs (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (name <> ''),
            required INTEGER NOT NULL CHECK (required BETWEEN 1 AND 100),
            reward TEXT NOT NULL,
            rule TEXT NOT NULL CHECK (rule IN ('per_visit', 'per_amount')),
            min_amount_cents INTEGER NOT NULL DEFAULT 0 CHECK (min_amount_cents >= 0),
            step_cents INTEGER NOT NULL DEFAULT 0 CHECK (step_cents >= 0),
            cap_per_purchase INTEGER CHECK (cap_per_purchase >= 1),
            categories TEXT NOT NULL DEFAULT '[]',
            validity_months INTEGER CHECK (validity_months BETWEEN 1 AND 120),
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at TEXT NOT NULL
        );

        -- The ledger of every stamp: the card's state is the sum of its events.
        CREATE TABLE stamp_events (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers (id),
            program_id INTEGER NOT NULL REFERENCES stamp_programs (id),
            kind TEXT NOT NULL
                CHECK (kind IN ('earned', 'reversed', 'corrected', 'redeemed', 'transferred', 'expired')),
            stamps INTEGER NOT NULL,
            at TEXT NOT NULL,
            purchase_id INTEGER REFERENCES purchases (id),
            reason TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE INDEX stamp_events_by_card ON stamp_events (customer_id, program_id, id);
        CREATE INDEX stamp_events_by_purchase ON stamp_events (purchase_id) WHERE purchase_id IS NOT NULL;
        """
    )


def _v3_search_in_name_order(conn: sqlite3.Connection) -> None:
    """Search terms carry the name order, and short prefixes get a table of their own (customer_search)."""
    conn.executescript(
        """
        DROP TABLE customer_terms;
        CREATE TABLE customer_terms (
            archived INTEGER NOT NULL,
            term TEXT NOT NULL,
            sort_key TEXT NOT NULL,
            customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
            PRIMARY KEY (archived, term, sort_key, customer_id)
        ) WITHOUT ROWID;
        CREATE INDEX customer_terms_by_customer ON customer_terms (customer_id, term);

        CREATE TABLE customer_prefixes (
            archived INTEGER NOT NULL,
            prefix TEXT NOT NULL,
            sort_key TEXT NOT NULL,
            customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
            PRIMARY KEY (archived, prefix, sort_key, customer_id)
        ) WITHOUT ROWID;
        CREATE INDEX customer_prefixes_by_customer ON customer_prefixes (customer_id);
        """
    )
    from emma.store import customer_search  # the search rows are built by the same code as for every save

    rows = conn.execute(
        "SELECT id, title, first_name, last_name, email, phone, postal_code, archived FROM customers"
    ).fetchall()
    customer_search.rebuild(
        conn,
        (
            (row[0], Customer(title=row[1], first_name=row[2], last_name=row[3], email=row[4], phone=row[5],
                              postal_code=row[6], archived=bool(row[7])))
            for row in rows
        ),
    )  # fmt: skip


def _v4_fewer_search_rows(conn: sqlite3.Connection) -> None:
    """Fewer prefix rows to write with every save (customer_search): only the first two letters of a
    word, without a foreign key or a second order by customer; a trigger takes a deleted customer's
    rows along, found from her terms."""
    conn.executescript(
        """
        DROP TABLE customer_prefixes;
        CREATE TABLE customer_prefixes (
            archived INTEGER NOT NULL,
            prefix TEXT NOT NULL,
            sort_key TEXT NOT NULL,
            customer_id INTEGER NOT NULL,
            PRIMARY KEY (archived, prefix, sort_key, customer_id)
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO customer_prefixes (archived, prefix, sort_key, customer_id)
            SELECT archived, substr(term, 1, 2), sort_key, customer_id FROM customer_terms;
        CREATE TRIGGER customers_take_prefixes_along BEFORE DELETE ON customers BEGIN
            DELETE FROM customer_prefixes
            WHERE archived = (SELECT archived FROM customer_terms WHERE customer_id = old.id LIMIT 1)
                AND prefix IN (SELECT substr(term, 1, 2) FROM customer_terms WHERE customer_id = old.id)
                AND sort_key = (SELECT sort_key FROM customer_terms WHERE customer_id = old.id LIMIT 1)
                AND customer_id = old.id;
        END;
        """
    )
    from emma.store import customer_search

    customer_search.drop_prefixes_not_kept(conn)


def _v5_reminders(conn: sqlite3.Connection) -> None:
    """Reminders (store/reminders): what the owner wrote herself, what she marked done or put off, and two
    summaries kept with every booking so that a day's reminders need no pass over all purchases."""
    conn.executescript(
        """
        -- Per customer: her first and last day of purchase, on how many days she bought (not reversed),
        -- and from three days on her usual days between them (domain/reminders `usual_interval`).
        CREATE TABLE customer_visits (
            customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
            first_visit TEXT NOT NULL CHECK (first_visit IS date(first_visit)),
            last_visit TEXT NOT NULL CHECK (last_visit IS date(last_visit)),
            visits INTEGER NOT NULL CHECK (visits >= 1),
            usual_days INTEGER CHECK ((usual_days IS NULL) = (visits < 3))
        );
        CREATE INDEX customer_visits_by_last ON customer_visits (visits, last_visit);
        CREATE INDEX customer_visits_by_rhythm ON customer_visits (usual_days, last_visit) WHERE usual_days IS NOT NULL;

        -- Per stamp card: where its ledger stands (the ledger stays the truth), and her usual days
        -- between visits (as in customer_visits) for how long a full card may wait.
        CREATE TABLE stamp_cards (
            customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
            program_id INTEGER NOT NULL REFERENCES stamp_programs (id),
            balance INTEGER NOT NULL,
            started_on TEXT CHECK (started_on IS date(started_on)),
            last_event_id INTEGER NOT NULL,
            changed_on TEXT NOT NULL CHECK (changed_on IS date(changed_on)),
            usual_days INTEGER,
            PRIMARY KEY (customer_id, program_id)
        ) WITHOUT ROWID;
        CREATE INDEX stamp_cards_by_balance
            ON stamp_cards (program_id, balance, changed_on, usual_days, started_on, last_event_id);

        -- Birthdays and customer anniversaries by day of the year, with what the list shows of her
        -- (store/reminders `_PERSON`): a day's reminders read these indexes only, not the customers.
        DROP INDEX customers_by_birthday;
        CREATE INDEX customers_by_birthday ON customers (
            birth_month, birth_day, archived, birth_year, first_name, last_name, title, phone, salutation
        ) WHERE birth_month IS NOT NULL;
        CREATE INDEX customers_by_anniversary ON customers (
            substr(customer_since, 6), archived, customer_since, first_name, last_name, title, phone, salutation
        ) WHERE customer_since IS NOT NULL;

        -- The owner's own reminders on a customer.
        CREATE TABLE todos (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
            due TEXT NOT NULL CHECK (due IS date(due)),
            text TEXT NOT NULL CHECK (text <> '' AND length(text) <= 500),
            created_at TEXT NOT NULL
        );
        CREATE INDEX todos_by_due ON todos (due);
        CREATE INDEX todos_by_customer ON todos (customer_id);

        -- Reminders dealt with: done for their occasion, or put off to a day.
        CREATE TABLE reminder_states (
            kind TEXT NOT NULL CHECK (kind IN ('birthday', 'anniversary', 'first_purchase', 'win_back',
                                               'stamp_reward', 'stamp_almost', 'todo')),
            customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
            occasion TEXT NOT NULL,
            due TEXT NOT NULL CHECK (due IS date(due)),
            snoozed_until TEXT CHECK (snoozed_until IS date(snoozed_until)),
            at TEXT NOT NULL,
            PRIMARY KEY (kind, customer_id, occasion)
        ) WITHOUT ROWID;
        CREATE INDEX reminder_states_by_customer ON reminder_states (customer_id);
        """
    )
    from emma.store import purchases, stamps  # the summaries are made as with every booking

    purchases.refresh_visits(conn, None)
    stamps.refresh_cards(conn, None)


def _v6_letters_sent(conn: sqlite3.Connection) -> None:
    """Every letter printed, in the customer's contact history (store/letters)."""
    conn.executescript(
        """
        CREATE TABLE letters_sent (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
            occasion TEXT NOT NULL,
            template TEXT NOT NULL,
            sent_on TEXT NOT NULL CHECK (sent_on IS date(sent_on)),
            at TEXT NOT NULL
        );
        CREATE INDEX letters_sent_by_customer ON letters_sent (customer_id, occasion, sent_on);
        """
    )


def _v7_import_batches(conn: sqlite3.Connection) -> None:
    """Every import as a batch that can be undone as a whole (store/imports): whom it created, and how those it
    updated were before."""
    conn.executescript(
        """
        CREATE TABLE import_batches (
            id INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            created INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            undone_at TEXT
        );
        CREATE TABLE import_changes (
            batch_id INTEGER NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
            customer_id INTEGER NOT NULL,
            before TEXT,  -- her fields as JSON before the import changed them; NULL when it created her
            stamp TEXT NOT NULL,  -- her updated_at right after the import: she is untouched while it is the same
            PRIMARY KEY (batch_id, customer_id)
        ) WITHOUT ROWID;
        """
    )


def _v8_data_protection(conn: sqlite3.Connection) -> None:
    """Data protection (store/gdpr): the day she signed the consent form, erased customers, objections that
    outlive her record, and a log of erasures without personal data."""
    conn.executescript(
        """
        ALTER TABLE customers ADD COLUMN consent_signed_on TEXT
            CHECK (consent_signed_on IS date(consent_signed_on));
        -- An erased customer keeps her row, emptied of everything personal, as the holder of her anonymised
        -- purchases: purchases.customer_id stays NOT NULL and her id is never handed out again.
        ALTER TABLE customers ADD COLUMN erased_on TEXT CHECK (erased_on IS date(erased_on));

        -- Objections to advertising, as a salted hash of the folded name and address (domain/data_protection),
        -- so that an objection stops letters to her after an erasure and a re-import under another spelling.
        CREATE TABLE suppressions (
            key TEXT PRIMARY KEY,
            objected_on TEXT NOT NULL CHECK (objected_on IS date(objected_on))
        ) WITHOUT ROWID;

        -- Erasures, without personal data: her id and when her row was made (so that a new customer who got a
        -- reused id is never taken for her), for erasing her again when an older backup comes back.
        CREATE TABLE erasures (
            customer_id INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            erased_on TEXT NOT NULL CHECK (erased_on IS date(erased_on)),
            PRIMARY KEY (customer_id, created_at)
        ) WITHOUT ROWID;
        """
    )


def _v9_reversed_purchases(conn: sqlite3.Connection) -> None:
    """The few reversed purchases found without a pass over all (store/segments: revenue is summed over the
    covering index of all purchases, and the reversed ones are taken off)."""
    conn.execute(
        "CREATE INDEX purchases_reversed ON purchases (customer_id, at, amount_cents) WHERE reversed_at IS NOT NULL"
    )


def _v10_stamp_months(conn: sqlite3.Connection) -> None:
    """The Auswertung's stamp cards per month (store/insights): a card's first stamp and the rewards redeemed
    are read from this covering index instead of a pass over every stamp event."""
    conn.execute("CREATE INDEX stamp_events_by_kind ON stamp_events (kind, customer_id, program_id, at)")


def _v11_customer_segments(conn: sqlite3.Connection) -> None:
    """Each customer's segments as the Auswertung last computed them (store/segments), for her panel: ABC and
    RFM compare her with everyone, too much to compute when she is opened."""
    conn.executescript(
        """
        CREATE TABLE customer_segments (
            customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
            abc TEXT NOT NULL,
            rfm TEXT NOT NULL,
            quadrant TEXT,
            computed_on TEXT NOT NULL CHECK (computed_on IS date(computed_on))
        ) WITHOUT ROWID;
        """
    )


def _v12_segment_phase(conn: sqlite3.Connection) -> None:
    """The phase beside the classes in `customer_segments`, so that the customer list can be filtered by it."""
    conn.execute("ALTER TABLE customer_segments ADD COLUMN phase TEXT")


# A purchase counted into her month's row (`new`), and taken off it (`old`): the statements of the triggers.
_MONTH_ADD = """
    INSERT INTO purchase_months VALUES (substr(new.at, 1, 7), new.customer_id,
        iif(new.reversed_at IS NULL, new.amount_cents, 0), new.reversed_at IS NULL, 1)
    ON CONFLICT (month, customer_id) DO UPDATE SET revenue_cents = revenue_cents + excluded.revenue_cents,
        purchases = purchases + excluded.purchases, bought = bought + 1;
"""
# Her last purchase of the month goes with her row; otherwise it is taken off (in this order).
_MONTH_TAKE = """
    DELETE FROM purchase_months
    WHERE month = substr(old.at, 1, 7) AND customer_id = old.customer_id AND bought = 1;
    UPDATE purchase_months
    SET revenue_cents = revenue_cents - iif(old.reversed_at IS NULL, old.amount_cents, 0),
        purchases = purchases - (old.reversed_at IS NULL), bought = bought - 1
    WHERE month = substr(old.at, 1, 7) AND customer_id = old.customer_id AND bought > 1;
"""


def _v13_month_summaries(conn: sqlite3.Connection) -> None:
    """Two summaries for the Auswertung's months (store/insights), kept by triggers with every change of a
    purchase or a stamp, whatever makes it (counter, merge, erasure, import, demo):
    - `purchase_months`: per month and customer, the revenue and purchases that stand and how often she came
      (reversed ones too), so that a month's figures are a range of a few ten thousand rows, not a pass over a
      million purchases;
    - `card_starts`: the day of each stamp card's first stamp."""
    conn.executescript(
        f"""
        CREATE TABLE purchase_months (
            month TEXT NOT NULL,
            customer_id INTEGER NOT NULL,
            revenue_cents INTEGER NOT NULL,
            purchases INTEGER NOT NULL,
            bought INTEGER NOT NULL CHECK (bought > 0),
            PRIMARY KEY (month, customer_id)
        ) WITHOUT ROWID;
        INSERT INTO purchase_months
            SELECT substr(at, 1, 7), customer_id, sum(iif(reversed_at IS NULL, amount_cents, 0)),
                   sum(reversed_at IS NULL), count(*)
            FROM purchases GROUP BY 1, 2;
        CREATE TRIGGER purchase_months_add AFTER INSERT ON purchases BEGIN
            {_MONTH_ADD}
        END;
        CREATE TRIGGER purchase_months_take AFTER DELETE ON purchases BEGIN
            {_MONTH_TAKE}
        END;
        CREATE TRIGGER purchase_months_change AFTER UPDATE OF customer_id, at, amount_cents, reversed_at ON purchases
        BEGIN
            {_MONTH_TAKE}
            {_MONTH_ADD}
        END;
        CREATE TABLE card_starts (
            customer_id INTEGER NOT NULL,
            program_id INTEGER NOT NULL,
            first_stamp_at TEXT NOT NULL,
            PRIMARY KEY (customer_id, program_id)
        ) WITHOUT ROWID;
        INSERT INTO card_starts
            SELECT customer_id, program_id, min(at) FROM stamp_events WHERE kind = 'earned' GROUP BY 1, 2;
        CREATE INDEX card_starts_by_day ON card_starts (first_stamp_at);
        CREATE TRIGGER card_starts_add AFTER INSERT ON stamp_events WHEN new.kind = 'earned' BEGIN
            INSERT INTO card_starts VALUES (new.customer_id, new.program_id, new.at)
            ON CONFLICT (customer_id, program_id) DO UPDATE
                SET first_stamp_at = min(first_stamp_at, excluded.first_stamp_at);
        END;
        CREATE TRIGGER card_starts_take AFTER DELETE ON stamp_events WHEN old.kind = 'earned' BEGIN
            DELETE FROM card_starts WHERE customer_id = old.customer_id AND program_id = old.program_id;
            INSERT INTO card_starts SELECT customer_id, program_id, min(at) FROM stamp_events
                WHERE kind = 'earned' AND customer_id = old.customer_id AND program_id = old.program_id
                GROUP BY 1, 2;
        END;
        CREATE TRIGGER card_starts_change AFTER UPDATE OF customer_id, program_id, kind, at ON stamp_events BEGIN
            DELETE FROM card_starts WHERE (customer_id, program_id) IN
                (VALUES (old.customer_id, old.program_id), (new.customer_id, new.program_id));
            INSERT INTO card_starts SELECT customer_id, program_id, min(at) FROM stamp_events
                WHERE kind = 'earned' AND ((customer_id = old.customer_id AND program_id = old.program_id)
                                           OR (customer_id = new.customer_id AND program_id = new.program_id))
                GROUP BY 1, 2;
        END;
        """
    )


_CHECK_IN_LIST = re.compile(r"CHECK \((\w+) IN \(([^()]*)\)\)")
_LITERAL = r"'(?:[^']|'')*'|-?\d+"
_LITERALS = re.compile(rf"\s*(?:{_LITERAL})(?:\s*,\s*(?:{_LITERAL}))*\s*")


def _v14_checks_without_in_lists(conn: sqlite3.Connection) -> None:
    """`CHECK (kind IN ('likes', …))` costs SQLite a lookup table built anew for every row written, two
    microseconds each (a fifth of writing a preference row); `CHECK (kind = 'likes' OR …)` means the same and
    costs next to nothing. The rows already meet the constraints, so each table's definition is rewritten in
    place, as SQLite's documentation describes for changing constraints ("Making Other Kinds Of Table Schema
    Changes"). A build of SQLite that forbids writing the schema keeps the old, slower constraints."""
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%CHECK (% IN (%'"
    ).fetchall()
    (version,) = conn.execute("PRAGMA schema_version").fetchone()
    conn.execute("SAVEPOINT checks")
    try:
        conn.execute("PRAGMA writable_schema = ON")
        for name, sql in tables:
            conn.execute(
                "UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?",
                (_CHECK_IN_LIST.sub(_as_comparisons, sql), name),
            )
        conn.execute(f"PRAGMA schema_version = {version + 1:d}")
    except sqlite3.DatabaseError:
        conn.execute("ROLLBACK TO checks")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")
        conn.execute("RELEASE checks")


def _as_comparisons(check: re.Match) -> str:
    """The CHECK as comparisons with each value of its list (left as it is unless the list is plain literals)."""
    column, values = check[1], check[2]
    if not _LITERALS.fullmatch(values):
        return check[0]
    return "CHECK (" + " OR ".join(f"{column} = {value}" for value in re.findall(_LITERAL, values)) + ")"


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _v1_customers,
    _v2_purchases_and_stamps,
    _v3_search_in_name_order,
    _v4_fewer_search_rows,
    _v5_reminders,
    _v6_letters_sent,
    _v7_import_batches,
    _v8_data_protection,
    _v9_reversed_purchases,
    _v10_stamp_months,
    _v11_customer_segments,
    _v12_segment_phase,
    _v13_month_summaries,
    _v14_checks_without_in_lists,
)
LATEST_VERSION = len(MIGRATIONS)


def version_of(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, *, up_to: int = LATEST_VERSION) -> None:
    """Runs the migrations the file has not had yet, each in its own transaction."""
    for version in range(version_of(conn) + 1, up_to + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # executescript would commit first; run the script's statements inside our transaction.
            _run_in_transaction(conn, MIGRATIONS[version - 1])
            conn.execute(f"PRAGMA user_version = {version:d}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def _run_in_transaction(conn: sqlite3.Connection, migration: Callable[[sqlite3.Connection], None]) -> None:
    migration(_ScriptInTransaction(conn))  # type: ignore[arg-type]


class _ScriptInTransaction:
    """A connection whose `executescript` runs statement by statement, inside the open transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def executescript(self, script: str) -> None:
        statement = ""
        for line in script.splitlines(keepends=True):
            if line.strip().startswith("--"):
                continue
            statement += line
            if sqlite3.complete_statement(statement):
                self._conn.execute(statement)
                statement = ""
        if statement.strip():
            raise ValueError(f"incomplete statement in migration: {statement[:80]}")

    def __getattr__(self, name: str):
        return getattr(self._conn, name)
