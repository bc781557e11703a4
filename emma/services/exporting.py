"""Exporting the customers as CSV (for German Excel), Excel workbook or vCards, chosen by the file's extension.

A CSV or workbook export has the columns an import recognises, so that it re-imports to the same customers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from emma.domain.customer import Customer
from emma.domain.errors import UserError
from emma.exchange.columns import field_label
from emma.exchange.writing import write_table, write_vcards
from emma.i18n import _, current_language
from emma.services.shop import Shop
from emma.store import customers as customer_store

EXTENSIONS = (".csv", ".xlsx", ".vcf")
# The columns of an export, in order: what an import maps back to the same fields.
COLUMNS = ("customer_number", "salutation", "title", "first_name", "last_name", "street", "postal_code", "city",
           "country", "phone", "email", "birthday", "customer_since", "address_form", "likes", "favourites", "notes",
           "postal_mail", "email_allowed")  # fmt: skip


def export_customers(
    shop: Shop,
    path: Path,
    *,
    archived: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Writes every customer (not archived, or the archived ones) to `path`; returns how many."""
    extension = path.suffix.lower()
    if extension not in EXTENSIONS:
        raise UserError(_("Customers are exported to a .csv, .xlsx or .vcf file."))
    total = customer_store.count(shop.database, archived=archived)
    customers = _watched(customer_store.every(shop.database, archived=archived), total, progress, cancelled)
    if extension == ".vcf":
        return write_vcards(path, customers)
    return write_table(path, [field_label(name) for name in COLUMNS], (_cells(customer) for customer in customers))


def _watched(customers: Iterator[Customer], total: int, progress, cancelled) -> Iterator[Customer]:
    for done, customer in enumerate(customers, start=1):
        if cancelled is not None and done % 500 == 0 and cancelled():
            raise UserError(_("The export was cancelled; no file was written."))
        if progress is not None and done % 1000 == 0:
            progress(done, total)
        yield customer


def _cells(customer: Customer) -> list[str]:
    german = current_language() == "de"
    yes, no = (_("yes"), _("no"))
    birthday = customer.birthday
    if birthday is None:
        born = ""
    elif german:
        born = f"{birthday.day:02d}.{birthday.month:02d}." + (f"{birthday.year:04d}" if birthday.year else "")
    else:
        born = birthday.iso()
    since = customer.customer_since
    return [
        str(customer.id),
        {"frau": "Frau", "herr": "Herr", "divers": "divers"}.get(customer.salutation.value, ""),
        customer.title,
        customer.first_name,
        customer.last_name,
        customer.street,
        customer.postal_code,
        customer.city,
        customer.country,
        customer.phone,
        customer.email,
        born,
        (since.strftime("%d.%m.%Y") if german else since.isoformat()) if since else "",
        "du" if customer.address_form.value == "du" else "",
        ", ".join(customer.preferences.likes),
        ", ".join(customer.preferences.favourites),
        customer.notes,
        yes if customer.consent.postal_mail else no,
        yes if customer.consent.email else no,
    ]
