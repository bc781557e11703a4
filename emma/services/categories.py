"""The shop's product categories (Brot, Kuchen, Wein …)."""

from __future__ import annotations

from emma.domain.customer import parse_tags
from emma.domain.errors import UserError
from emma.i18n import _
from emma.services.shop import Shop
from emma.store import categories as category_store

MAX_CATEGORIES = 200


def list_categories(shop: Shop) -> list[str]:
    return category_store.all_names(shop.database)


def set_categories(shop: Shop, names: list[str]) -> list[str]:
    """Keeps `names` (trimmed, without repeats) as the shop's categories, in this order."""
    cleaned = list(parse_tags(",".join(name.replace(",", " ") for name in names)))
    if len(cleaned) > MAX_CATEGORIES:
        raise UserError(_("At most {n} categories, please.").format(n=MAX_CATEGORIES))
    category_store.replace_all(shop.database, cleaned)
    return cleaned
