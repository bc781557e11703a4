"""The shop's own settings (language, locale, name), kept in its file so a backup carries them."""

from __future__ import annotations

from emma.i18n import DEFAULT_LANGUAGE, LANGUAGES
from emma.i18n.formats import SHOP_LOCALES
from emma.services.shop import Shop
from emma.store import settings as settings_store

LANGUAGE = "language"
LOCALE = "locale"
SHOP_NAME = "shop_name"


def language(shop: Shop) -> str:
    chosen = settings_store.get(shop.database, LANGUAGE)
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def set_language(shop: Shop, language_code: str) -> None:
    if language_code not in LANGUAGES:
        raise ValueError(language_code)
    settings_store.put(shop.database, LANGUAGE, language_code)


def shop_locale(shop: Shop, language_code: str) -> str:
    """The locale for dates and money: the shop's own, else the usual one for the language."""
    chosen = settings_store.get(shop.database, LOCALE)
    if chosen in SHOP_LOCALES:
        return chosen
    return "de_DE" if language_code == "de" else "en_GB"


def shop_name(shop: Shop) -> str:
    return settings_store.get(shop.database, SHOP_NAME, "") or ""
