"""Importing the customer list the owner already has: CSV, Excel or vCard, in one transaction, as a batch.

Each row becomes a customer, updates the one she already is (same e-mail, or same name and birthday), or is
rejected with its row number and the reason. A dry run does all of it and rolls it back, so that the owner
sees exactly what an import will do. Cancelled or failed means nothing imported.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from emma.domain.birthdays import Birthday
from emma.domain.customer import Customer, Preferences, parse_tags
from emma.domain.errors import UserError
from emma.domain.importing import KnownCustomers, consent_of, updated
from emma.domain.validation import postal_code_fits, problems_of
from emma.exchange import columns as exchange_columns
from emma.exchange import values
from emma.exchange.reading import read_table
from emma.exchange.tables import Row, Table
from emma.i18n import _
from emma.services.many_objects import no_cycle_collection
from emma.services.shop import Shop
from emma.store import customers as customer_store
from emma.store import imports as import_store
from emma.store.database import Database

MAX_ROWS = 500_000
_CHUNK = 2_000  # new customers written together
_MANY = 5_000  # from this many rows on, a first import writes in a second thread (see _NewCustomers)


@dataclass(frozen=True)
class Problem:
    row: int
    message: str


@dataclass
class ImportResult:
    imported: int = 0  # new customers
    updated: int = 0
    unchanged: int = 0  # rows that are customers the shop has, exactly so
    skipped: int = 0  # rows rejected (see errors)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # imported, but worth a look
    batch_id: int | None = None
    dry_run: bool = False

    def as_json(self) -> dict:
        return {
            "imported": self.imported, "updated": self.updated, "unchanged": self.unchanged, "skipped": self.skipped,
            "errors": [{"row": p.row, "message": p.message} for p in self.errors],
            "warnings": [{"row": p.row, "message": p.message} for p in self.warnings],
            "batch": self.batch_id, "dry_run": self.dry_run,
        }  # fmt: skip


class _DryRunDone(Exception):
    """Rolls the dry run's transaction back."""


def read_file(path: Path) -> Table:
    """The file's table, for the wizard's preview (a UserError if it cannot be read)."""
    return read_table(path)


def guess_columns(table: Table) -> dict[int, str]:
    return exchange_columns.guess_columns(table.columns)


def fields() -> list[tuple[str, str]]:
    """(field, label) of everything a column can hold, for the wizard's choices."""
    return [(name, exchange_columns.field_label(name)) for name in exchange_columns.FIELDS]


def import_file(
    shop: Shop,
    path: Path,
    *,
    mapping: dict[int, str] | None = None,
    table: Table | None = None,
    dry_run: bool = False,
    default_country: str = "DE",
    today: date | None = None,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Imports the customers of `path` (columns as `mapping` says, else guessed from the header)."""
    table = table if table is not None else read_table(path)
    mapping = mapping if mapping is not None else exchange_columns.guess_columns(table.columns)
    if len(table.rows) > MAX_ROWS:
        raise UserError(_("The file has more than {max} rows.").format(max=f"{MAX_ROWS:,}"))
    if not {"first_name", "last_name"} & set(mapping.values()):
        raise UserError(_("No column holds the first or last name; please choose the columns."))
    today = today or date.today()
    now = now or datetime.now().replace(microsecond=0)
    if not dry_run:
        _safety_backup(shop, path)
    result = ImportResult(dry_run=dry_run)
    with contextlib.suppress(_DryRunDone):
        _run(shop, path, table, mapping, default_country, today, now, result, progress, cancelled)
    return result


def _run(shop: Shop, path: Path, table: Table, mapping: dict[int, str], default_country: str, today: date,
         now: datetime, result: ImportResult, progress, cancelled) -> None:  # fmt: skip
    database = shop.database
    known = KnownCustomers()
    identities = customer_store.identities(database)
    for customer_id, first, last, day, month, year, email in identities:
        known.add(customer_id, first, last, _birthday_or_none(day, month, year), email)
    has_country = "country" in mapping.values()
    objected = _suppression_check(shop)
    rows = len(table.rows)
    total = rows + 1  # the last step is making the new customers findable and ending the transaction
    with no_cycle_collection(), database.transaction() as conn:
        batch_id = import_store.begin(conn, path.name, now=now)
        before: dict[int, Customer] = {}  # the customers of the file as they were before the import changed them
        with _NewCustomers(database, now, in_background=not identities and rows >= _MANY) as new:
            for done, row in enumerate(table.rows, start=1):
                if done % 500 == 0:
                    if cancelled is not None and cancelled():
                        raise UserError(_("The import was cancelled; nothing was imported."))
                    if progress is not None:
                        progress(done, total)
                try:
                    customer, filled, warning = _customer_of(row, mapping, default_country, has_country, today)
                except ValueError as error:
                    result.errors.append(Problem(row.number, str(error)))
                    result.skipped += 1
                    continue
                if warning:
                    result.warnings.append(Problem(row.number, warning))
                customer = objected(customer)
                match = known.find(customer)
                if match is None:
                    number = new.add(customer)
                    known.add(number, customer.first_name, customer.last_name, customer.birthday, customer.email)
                    result.imported += 1
                elif match < 0:
                    new.merge(match, customer, filled)
                    result.warnings.append(Problem(row.number, _same_as_earlier()))
                    result.unchanged += 1
                else:
                    existing = customer_store.get(database, match)
                    changed = updated(existing, customer, filled)
                    if match in before:
                        result.warnings.append(Problem(row.number, _same_as_earlier()))
                        result.unchanged += 1
                    elif changed == existing:
                        result.unchanged += 1
                        continue
                    else:
                        before[match] = existing
                        result.updated += 1
                    customer_store.update(database, changed, now=now)
            created = new.write_rest()
        new.update_merged()
        import_store.remember(conn, batch_id, created, list(before.values()), now=now)
        import_store.finish(conn, batch_id, result.imported, result.updated)
        result.batch_id = batch_id
        if progress is not None:
            progress(total, total)
        if result.dry_run:
            raise _DryRunDone


class _NewCustomers:
    """The import's new customers, numbered -1, -2, … in the order the rows bring them, and written a chunk at
    a time while the rows are read. A later row that is one of them again is merged into her in memory; one
    already written is updated at the end (`update_merged`), read back from the file: the customers written are
    not kept, so that a big import holds no more than a few chunks of them.

    Into an empty file the chunks are written by a second thread: SQLite writes without holding Python's
    lock, so it writes one chunk while the rows of the next are read (a first import of 100,000 rows takes
    a fifth less time). The connection is then that thread's alone until `write_rest` returns, which is why
    a file with customers (whose updates need the connection) is written in turn.
    """

    def __init__(self, database: Database, now: datetime, *, in_background: bool) -> None:
        self._database = database
        self._now = now
        self._in_background = in_background
        self._waiting: dict[int, Customer] = {}  # not yet written
        self._written = 0
        self._merges: list[tuple[int, Customer, frozenset[str]]] = []  # rows that are a written customer again
        self._count = 0
        self._first_id = 0
        self._writing: list[concurrent.futures.Future] = []
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> _NewCustomers:
        self._first_id = customer_store.next_id(self._database)
        if self._in_background:
            self._writer = self._stack.enter_context(concurrent.futures.ThreadPoolExecutor(1, "import-writer"))
            self._stack.callback(self._stop_writing)
            self._stack.enter_context(_short_thread_switches())
        return self

    def __exit__(self, *exc_info) -> bool | None:
        return self._stack.__exit__(*exc_info)

    def add(self, customer: Customer) -> int:
        self._count += 1
        number = -self._count
        self._waiting[number] = customer
        if len(self._waiting) >= _CHUNK:
            self._write_waiting()
        return number

    def merge(self, number: int, customer: Customer, filled: frozenset[str]) -> None:
        if number in self._waiting:
            self._waiting[number] = updated(self._waiting[number], customer, filled)
        else:
            self._merges.append((number, customer, filled))

    def write_rest(self) -> list[int]:
        """Writes the customers still waiting; returns the ids of all, in the order of their numbers."""
        self._write_waiting()
        while self._writing:
            self._writing.pop(0).result()  # raises what the writer raised
        return list(range(self._first_id, self._first_id + self._count))

    def update_merged(self) -> None:
        merged: dict[int, Customer] = {}
        for number, customer, filled in self._merges:
            written = merged.get(number) or customer_store.get(self._database, self._id_of(number))
            merged[number] = updated(written, customer, filled)
        for customer in merged.values():
            customer_store.update(self._database, customer, now=self._now)

    def _id_of(self, number: int) -> int:
        return self._first_id - number - 1

    def _write_waiting(self) -> None:
        if not self._waiting:
            return
        first_id = self._first_id + self._written
        rows = customer_store.new_rows(self._waiting.values(), first_id, now=self._now)
        self._written += len(self._waiting)
        self._waiting.clear()
        if not self._in_background:
            customer_store.insert_new(self._database, rows)
            return
        self._writing.append(self._writer.submit(customer_store.insert_new, self._database, rows))
        while len(self._writing) > 2:  # rows are read at most two chunks ahead of the writer
            self._writing.pop(0).result()

    def _stop_writing(self) -> None:
        """Before the transaction ends (committed or rolled back), the writer must be done with the connection."""
        for future in self._writing:
            future.cancel()
        concurrent.futures.wait(self._writing)


@contextlib.contextmanager
def _short_thread_switches() -> Iterator[None]:
    """The writer needs Python's lock for a moment after each statement; by default the reading thread keeps
    it for 5 ms, longer than most statements take (at 0.1 ms a first import takes a fifth less time)."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0001)
    try:
        yield
    finally:
        sys.setswitchinterval(interval)


def _same_as_earlier() -> str:
    return _("The same customer as an earlier row; taken together.")


def _birthday_or_none(day: int | None, month: int | None, year: int | None) -> Birthday | None:
    """Her birthday as the file keeps it (a stored one the calendar refuses matches no one)."""
    try:
        return Birthday(month=month, day=day, year=year) if day and month else None
    except UserError:
        return None


def _customer_of(row: Row, mapping: dict[int, str], default_country: str, has_country: bool,
                 today: date) -> tuple[Customer, frozenset[str], str]:  # fmt: skip
    """The customer a row describes, the fields it fills, and a warning (or ""); ValueError with the reason
    when the row cannot be a customer."""
    texts = row.cells
    width = len(texts)
    # Cells come stripped; runs of spaces inside a name or an address are made one.
    cells = {name: texts[index] for index, name in mapping.items() if index < width and texts[index]}
    if "  " in "\n".join(texts):  # most rows have no run of spaces
        for name, text in cells.items():
            if "  " in text and name != "notes":
                cells[name] = " ".join(text.split())
    warning = ""
    street, house_number = cells.get("street", ""), cells.get("house_number", "")
    street = f"{street} {house_number}" if street and house_number else street or house_number
    phone, mobile = cells.get("phone", ""), cells.get("mobile", "")
    notes = cells.get("notes", "")
    if phone and mobile and mobile != phone:
        notes = f"{notes}\n{_('Mobile')}: {mobile}".strip()
    country = _country(cells.get("country", ""), default_country)
    postal_code = cells.get("postal_code", "")
    if postal_code and not has_country and not postal_code_fits(postal_code, country):
        guessed = _country_by_postal_code(postal_code, country)
        if guessed:
            warning = _("Postal code {code} is not one of {country}; the country was taken as {guessed}.").format(
                code=postal_code, country=country, guessed=guessed)  # fmt: skip
            country = guessed
    customer = Customer(
        salutation=_salutation(cells.get("salutation", "")),
        title=cells.get("title", ""),
        first_name=cells.get("first_name", ""),
        last_name=cells.get("last_name", ""),
        street=street,
        postal_code=postal_code,
        city=cells.get("city", ""),
        country=country,
        phone=phone or mobile,
        email=cells.get("email", ""),
        birthday=_birthday(cells.get("birthday", ""), today),
        customer_since=_date(cells.get("customer_since", "")),
        address_form=_address_form(cells.get("address_form", "")),
        preferences=_preferences(cells.get("likes", ""), cells.get("favourites", "")),
        notes=notes,
        consent=_consent(_yes_no(cells.get("postal_mail", "")), _yes_no(cells.get("email_allowed", ""))),
    )
    problems = problems_of(customer)
    if problems:
        name, problem = next(iter(problems.items()))
        raise ValueError(f"{exchange_columns.field_label(name)}: {problem}")
    filled = frozenset(cells)
    if "house_number" in filled or "mobile" in filled or warning:
        also = {field for field, because in _ALSO_FILLED if because in filled}
        if warning and "postal_code" in filled:
            also.add("country")
        filled |= also
    return customer, filled, warning


# A cell fills another field too: the house number the street, the mobile number the phone. A postal code the
# country was guessed from fills the country (see `_customer_of`).
_ALSO_FILLED = (("street", "house_number"), ("phone", "mobile"))


# A list repeats its values (countries, salutations, the same birthday): each is read once. A value that is
# wrong raises each time (errors are not cached).
_country = functools.lru_cache(maxsize=256)(values.parse_country)
_salutation = functools.lru_cache(maxsize=256)(values.parse_salutation)
_address_form = functools.lru_cache(maxsize=64)(values.parse_address_form)
_yes_no = functools.lru_cache(maxsize=64)(values.parse_yes_no)
_birthday = functools.lru_cache(maxsize=50_000)(values.parse_birthday)
_date = functools.lru_cache(maxsize=50_000)(values.parse_date)
_consent = functools.lru_cache(maxsize=16)(consent_of)


@functools.lru_cache(maxsize=16_384)  # customers of a shop share their tags (a list of 100,000: 10,000 kinds)
def _preferences(likes: str, favourites: str) -> Preferences:
    return Preferences(likes=parse_tags(likes), favourites=parse_tags(favourites))


def _country_by_postal_code(postal_code: str, country: str) -> str | None:
    """The neighbour a postal code that does not fit the shop's country most likely belongs to: four digits
    are Austrian in a German shop, Swiss in a Swiss one; five are German elsewhere."""
    code = postal_code.strip()
    if code.isdigit() and len(code) == 4:
        return "CH" if country == "CH" else "AT" if country != "AT" else None
    if code.isdigit() and len(code) == 5 and country != "DE":
        return "DE"
    return None


def _suppression_check(shop: Shop) -> Callable[[Customer], Customer]:
    """Someone who objected to advertising stays objected, however the file spells her (data protection)."""
    from emma.services.gdpr import suppression_check

    return suppression_check(shop)


def _safety_backup(shop: Shop, path: Path) -> None:
    if shop.path is None:
        return
    try:
        from emma.services.backups import safety_backup
    except ImportError:  # pragma: no cover - until backups are built
        return
    safety_backup(shop, _("before importing {name}").format(name=path.name))


@dataclass(frozen=True)
class UndoResult:
    removed: int
    restored: int
    kept: int


def import_batches(shop: Shop) -> list[import_store.Batch]:
    return import_store.batches(shop.database)


def undo_import(shop: Shop, batch_id: int, *, now: datetime | None = None) -> UndoResult:
    """Undoes an import: customers it created and untouched since are removed, those it updated put back."""
    if not any(batch.id == batch_id and batch.undone_at is None for batch in import_store.batches(shop.database)):
        raise UserError(_("There is no import {id} to undo.").format(id=batch_id))
    removed, restored, kept = import_store.undo(shop.database, batch_id, now=now or datetime.now())
    return UndoResult(removed, restored, kept)
