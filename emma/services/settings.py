"""The shop's own settings (language, locale, name), kept in its file so a backup carries them."""

from __future__ import annotations

import base64

from emma.domain.errors import UserError
from emma.domain.shop_setup import COUNTRIES, ShopKind, country_of, locale_for
from emma.i18n import DEFAULT_LANGUAGE, LANGUAGES, _
from emma.i18n.formats import SHOP_LOCALES
from emma.services.shop import Shop
from emma.store import settings as settings_store

LANGUAGE = "language"
LOCALE = "locale"
SHOP_NAME = "shop_name"
SHOP_ADDRESS = "shop_address"
SHOP_CONTACT = "shop_contact"
OWNER_NAME = "owner_name"
SHOP_KIND = "shop_kind"
SHOP_LOGO = "shop_logo"  # PNG or JPEG, base64 (in the file, so a backup carries it)
MAX_LOGO_BYTES = 2_000_000
LETTERHEAD = (SHOP_NAME, SHOP_ADDRESS, SHOP_CONTACT, OWNER_NAME)


def language(shop: Shop) -> str:
    chosen = settings_store.get(shop.database, LANGUAGE)
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def set_language(shop: Shop, language_code: str) -> None:
    """Chooses the program's language; a chosen locale follows it and keeps the shop's country."""
    if language_code not in LANGUAGES:
        raise ValueError(language_code)
    with shop.database.transaction():
        if settings_store.get(shop.database, LOCALE) in SHOP_LOCALES:
            settings_store.put(shop.database, LOCALE, locale_for(shop_country(shop), language_code))
        settings_store.put(shop.database, LANGUAGE, language_code)


def set_country(shop: Shop, country: str) -> str:
    """Where the shop is ("DE", "AT", "CH"): sets its locale (dates, money, currency) for the language in use;
    returns the locale."""
    if country not in COUNTRIES:
        raise ValueError(country)
    chosen = locale_for(country, language(shop))
    settings_store.put(shop.database, LOCALE, chosen)
    return chosen


def shop_locale(shop: Shop, language_code: str) -> str:
    """The locale for dates and money: the shop's own, else the usual one for the language."""
    chosen = settings_store.get(shop.database, LOCALE)
    if chosen in SHOP_LOCALES:
        return chosen
    return "de_DE" if language_code == "de" else "en_GB"


def shop_country(shop: Shop) -> str:
    """The shop's country ("DE", "AT", "CH"), from its locale: the country an address without one is in (an
    English-speaking shop is taken to be in Germany, like the English locale's euro)."""
    return country_of(shop_locale(shop, language(shop)))


def shop_kind(shop: Shop) -> ShopKind | None:
    """The kind of shop chosen at the first start (bakery, boutique …), or None."""
    stored = settings_store.get(shop.database, SHOP_KIND, "") or ""
    return ShopKind(stored) if stored in {kind.value for kind in ShopKind} else None


def set_shop_kind(shop: Shop, kind: ShopKind) -> None:
    settings_store.put(shop.database, SHOP_KIND, ShopKind(kind).value)


def shop_name(shop: Shop) -> str:
    return settings_store.get(shop.database, SHOP_NAME, "") or ""


def shop_address(shop: Shop) -> str:
    """One line for the letterhead: „Hauptstraße 5 · 90402 Nürnberg“."""
    return settings_store.get(shop.database, SHOP_ADDRESS, "") or ""


def shop_contact(shop: Shop) -> str:
    """One line for the letters' footer: phone, e-mail."""
    return settings_store.get(shop.database, SHOP_CONTACT, "") or ""


def owner_name(shop: Shop) -> str:
    """Who signs the letters."""
    return settings_store.get(shop.database, OWNER_NAME, "") or ""


def save_letterhead(shop: Shop, values: dict[str, str]) -> None:
    """The shop's name, address line, contact line and the owner's name, as the letters print them."""
    for key, value in values.items():
        if key not in LETTERHEAD:
            raise ValueError(key)
        text = " ".join(value.split())
        if len(text) > 200:
            raise UserError(_("At most 200 characters, please."))
        settings_store.put(shop.database, key, text)


def shop_logo(shop: Shop) -> bytes | None:
    """The logo for the letterhead (PNG or JPEG bytes), or None."""
    stored = settings_store.get(shop.database, SHOP_LOGO, "") or ""
    try:
        data = base64.b64decode(stored, validate=True) if stored else b""
    except ValueError:
        return None
    return data if _image_kind(data) else None


def save_logo(shop: Shop, data: bytes | None) -> None:
    """Keeps a PNG or JPEG as the letterhead's logo (None removes it)."""
    if data is None:
        settings_store.put(shop.database, SHOP_LOGO, "")
        return
    if len(data) > MAX_LOGO_BYTES:
        raise UserError(_("The logo is too large (at most 2 MB)."))
    if not _image_kind(data):
        raise UserError(_("The logo must be a PNG, JPEG or SVG picture."))
    settings_store.put(shop.database, SHOP_LOGO, base64.b64encode(data).decode("ascii"))


def _image_kind(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    return None
