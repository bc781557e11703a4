"""Finding, reading and keeping customers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from emma.domain.customer import Customer, CustomerSummary
from emma.domain.errors import UserError, ValidationError
from emma.domain.validation import problems_of
from emma.i18n import _
from emma.services.gdpr import apply_suppression
from emma.services.shop import Shop
from emma.store import customer_search
from emma.store import customers as customer_store

PAGE_SIZE = 200


def find_customers(
    shop: Shop,
    text: str,
    *,
    limit: int = PAGE_SIZE,
    after: CustomerSummary | None = None,
    archived: bool = False,
    segment: tuple[str, str] | None = None,
) -> list[CustomerSummary]:
    """A page of customers matching `text`, in name order.

    Every typed word must start one of her names, her phone number, postal code or e-mail address. `segment`
    (see `segments.segment_filters`) keeps only the customers of one segment of the last Auswertung.
    """
    position = (after.sort_key, after.id) if after else None
    return customer_search.search(shop.database, text, limit=limit, after=position, archived=archived,
                                  segment=segment)  # fmt: skip


def find_all_customers(shop: Shop, text: str, *, limit: int) -> list[CustomerSummary]:
    """Every customer matching `text` (not archived) in name order, at most `limit`."""
    found: list[CustomerSummary] = []
    while len(found) < limit:
        page = find_customers(shop, text, limit=min(PAGE_SIZE, limit - len(found)), after=found[-1] if found else None)
        found += page
        if len(page) < PAGE_SIZE:
            break
    return found


def get_customer(shop: Shop, customer_id: int) -> Customer:
    customer = customer_store.get(shop.database, customer_id)
    if customer is None:
        raise UserError(_("There is no customer number {id}.").format(id=customer_id))
    return customer


def save_customer(shop: Shop, customer: Customer, *, now: datetime | None = None) -> Customer:
    """Saves a new or changed customer after checking every field; returns her as saved."""
    problems = problems_of(customer)
    if problems:
        raise ValidationError(problems)
    moment = now or datetime.now()
    if customer.id is None:
        if customer.customer_since is None:
            customer = replace(customer, customer_since=moment.date())
        customer = apply_suppression(shop, customer)  # she objected before (and was erased, or is back)
        customer_id = customer_store.add(shop.database, customer, now=moment)
        return get_customer(shop, customer_id)
    try:
        customer_store.update(shop.database, customer, now=moment)
    except LookupError:
        raise UserError(_("There is no customer number {id}.").format(id=customer.id)) from None
    return get_customer(shop, customer.id)


def archive_customer(shop: Shop, customer_id: int, *, archived: bool = True, now: datetime | None = None) -> None:
    """Archived customers leave the lists but keep their history; nothing is deleted."""
    try:
        customer_store.set_archived(shop.database, customer_id, archived, now=now or datetime.now())
    except LookupError:
        raise UserError(_("There is no customer number {id}.").format(id=customer_id)) from None


def count_customers(shop: Shop) -> int:
    return customer_store.count(shop.database)


def customer_lines(shop: Shop, ids: Sequence[int]) -> list[tuple[int, str]]:
    """(id, „Müller, Anna – 90402 Nürnberg“) of the customers `ids`, in name order (for lists of many)."""
    lines = []
    for customer_id, first, last, postal_code, city in customer_store.names(shop.database, ids):
        name = f"{last}, {first}" if last and first else last or first
        place = " ".join(part for part in (postal_code, city) if part)
        lines.append((customer_id, f"{name} – {place}" if place else name))
    return lines
