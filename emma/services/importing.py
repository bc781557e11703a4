"""Importing the customer list the owner already has: CSV, Excel or vCard, in one transaction, as a batch.

Each row becomes a customer, updates the one she already is (same e-mail, or same name and birthday), or is
rejected with its row number and the reason. A dry run does all of it and rolls it back, so that the owner
sees exactly what an import will do. Cancelled or failed means nothing imported.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from emma.domain.birthdays import Birthday
from emma.domain.customer import Customer, Preferences, parse_tags
from emma.domain.errors import UserError
from emma.domain.importing import KnownCustomers, consent_of, updated
from emma.domain.validation import POSTAL_CODES, problems_of
from emma.exchange import columns as exchange_columns
from emma.exchange import values
from emma.exchange.reading import read_table
from emma.exchange.tables import Row, Table
from emma.i18n import _
from emma.services.many_objects import no_cycle_collection
from emma.services.shop import Shop
from emma.store import customers as customer_store
from emma.store import imports as import_store

MAX_ROWS = 500_000
_CHUNK = 2_000  # new customers written together
_MANY = 5_000  # from this many new customers on, the indexes are built once at the end


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
    # Reading the rows is the first half of the progress bar, writing the new customers the second.
    total = 2 * rows
    with no_cycle_collection(), database.transaction() as conn:
        batch_id = import_store.begin(conn, path.name, now=now)
        # New customers wait here under negative numbers until all rows are read: a later row that is her again
        # is taken into her before she is written.
        new: dict[int, Customer] = {}
        before: dict[int, Customer] = {}  # the customers of the file as they were before the import changed them
        for done, row in enumerate(table.rows, start=1):
            if cancelled is not None and done % 500 == 0 and cancelled():
                raise UserError(_("The import was cancelled; nothing was imported."))
            if progress is not None and done % 1000 == 0:
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
                number = -1 - len(new)
                new[number] = customer
                known.add(number, customer.first_name, customer.last_name, customer.birthday, customer.email)
                result.imported += 1
            elif match < 0:
                new[match] = updated(new[match], customer, filled)
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
        created = _write_new(database, list(new.values()), bool(identities), now, rows, progress, cancelled)
        import_store.remember(conn, batch_id, created, list(before.values()), now=now)
        import_store.finish(conn, batch_id, result.imported, result.updated)
        result.batch_id = batch_id
        if progress is not None:
            progress(total, total)
        if result.dry_run:
            raise _DryRunDone


def _write_new(database, customers: list[Customer], file_had_customers: bool, now: datetime, rows: int,
               progress, cancelled) -> list[int]:  # fmt: skip
    """Saves the import's new customers a chunk at a time (for the progress bar); returns their ids."""
    # Into an empty file (the first import) the indexes are built once at the end; with customers there,
    # their updates need them.
    if file_had_customers or len(customers) < _MANY:
        adding = contextlib.nullcontext(functools.partial(customer_store.add_many, database, now=now))
    else:
        adding = customer_store.adding_many(database, now=now)
    ids: list[int] = []
    with adding as add:
        for start in range(0, len(customers), _CHUNK):
            if cancelled is not None and cancelled():
                raise UserError(_("The import was cancelled; nothing was imported."))
            ids += add(customers[start : start + _CHUNK])
            if progress is not None:
                progress(rows + rows * len(ids) // len(customers), 2 * rows)
    return ids


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
    for name, text in cells.items():
        if "  " in text and name != "notes":
            cells[name] = " ".join(text.split())
    warning = ""
    street = " ".join(part for part in (cells.get("street", ""), cells.get("house_number", "")) if part)
    phone, mobile = cells.get("phone", ""), cells.get("mobile", "")
    notes = cells.get("notes", "")
    if phone and mobile and mobile != phone:
        notes = f"{notes}\n{_('Mobile')}: {mobile}".strip()
    country = _country(cells.get("country", ""), default_country)
    postal_code = cells.get("postal_code", "")
    if postal_code and not has_country and not _fits(postal_code, country):
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
    filled = set(cells)
    if "street" in filled or "house_number" in filled:
        filled.add("street")
    if "mobile" in filled:
        filled.add("phone")
    if "postal_code" in filled and warning:
        filled.add("country")
    return customer, frozenset(filled), warning


# A list repeats its values (countries, salutations, the same birthday): each is read once. A value that is
# wrong raises each time (errors are not cached).
_country = functools.lru_cache(maxsize=256)(values.parse_country)
_salutation = functools.lru_cache(maxsize=256)(values.parse_salutation)
_address_form = functools.lru_cache(maxsize=64)(values.parse_address_form)
_yes_no = functools.lru_cache(maxsize=64)(values.parse_yes_no)
_birthday = functools.lru_cache(maxsize=50_000)(values.parse_birthday)
_date = functools.lru_cache(maxsize=50_000)(values.parse_date)
_consent = functools.lru_cache(maxsize=16)(consent_of)


@functools.lru_cache(maxsize=4096)  # customers of a shop share their tags
def _preferences(likes: str, favourites: str) -> Preferences:
    return Preferences(likes=parse_tags(likes), favourites=parse_tags(favourites))


def _fits(postal_code: str, country: str) -> bool:
    rule = POSTAL_CODES.get(country)
    return rule is None or bool(rule[0].match(postal_code.strip().upper()))


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
