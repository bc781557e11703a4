"""Keeping no more than needed: customers quiet for years to archive or erase, and anonymised purchases that
have outlived the books' retention period."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from emma.domain.data_protection import RETENTION_YEARS, InactiveRow, inactive_cutoff, retention_cutoff, retention_years
from emma.domain.errors import UserError
from emma.i18n import _, current_language
from emma.services import settings as shop_settings
from emma.services.shop import Shop
from emma.store import customers as customer_store
from emma.store import gdpr as gdpr_store
from emma.store import settings as settings_store

RETENTION_KEY = "retention_years"  # JSON {"DE": 8, "AT": 7, "CH": 10}: the shop may set its own

# --- retention of anonymised purchases --------------------------------------------------------------------


def retention_table(shop: Shop) -> dict[str, int]:
    """Years the books keep a purchase, per country: the law's figures unless the shop set its own."""
    try:
        configured = json.loads(settings_store.get(shop.database, RETENTION_KEY) or "{}")
    except ValueError:
        configured = {}
    table = dict(RETENTION_YEARS)
    table.update({country: years for country, years in configured.items()
                  if isinstance(years, int) and 1 <= years <= 30})  # fmt: skip
    return table


def set_retention_years(shop: Shop, country: str, years: int) -> None:
    if not 1 <= years <= 30:
        raise UserError(_("A retention period is from 1 to 30 years."))
    table = retention_table(shop)
    table[country.upper()] = years
    settings_store.put(shop.database, RETENTION_KEY, json.dumps(table, sort_keys=True))


def shop_country(shop: Shop) -> str:
    """The shop's country, from its locale (de_AT → AT); an English locale names none."""
    return shop_settings.shop_locale(shop, current_language()).split("_")[-1]


@dataclass(frozen=True)
class Purge:
    country: str
    years: int
    before: date  # purchases made before this day are past their retention
    count: int  # how many anonymised purchases that is (dropped, or that would be)


def purge_anonymised_purchases(shop: Shop, *, today: date | None = None, dry_run: bool = False) -> Purge:
    """Drops the anonymised purchases (of erased customers) past the retention period of the shop's country;
    purchases of customers who are still there stay whatever their age. `dry_run` only counts them."""
    country = shop_country(shop)
    years = retention_years(country, retention_table(shop))
    before = retention_cutoff(today or date.today(), years)
    if dry_run:
        return Purge(country, years, before, gdpr_store.anonymised_before(shop.database, before))
    with shop.database.transaction() as conn:
        dropped = gdpr_store.drop_anonymised_before(conn, before)
    if dropped:
        gdpr_store.compact(shop.database)
    return Purge(country, years, before, dropped)


# --- customers to review ------------------------------------------------------------------------------------


def inactive_customers(shop: Shop, *, years: int, today: date | None = None) -> list[InactiveRow]:
    """Customers with no purchase and no change for more than `years` years (archived ones after the others),
    for the owner to archive or erase."""
    if years < 1:
        raise UserError(_("At least one year, please."))
    return gdpr_store.inactive_since(shop.database, inactive_cutoff(today or date.today(), years))


def archive_customers(shop: Shop, customer_ids: Sequence[int], *, now: datetime | None = None) -> int:
    """Archives these customers in one go; returns how many were not archived before."""
    moment = now or datetime.now()
    changed = 0
    with shop.database.transaction():
        for customer_id in customer_ids:
            customer = customer_store.get(shop.database, customer_id)
            if customer is None or customer.archived:
                continue
            customer_store.set_archived(shop.database, customer_id, True, now=moment)
            changed += 1
    return changed
