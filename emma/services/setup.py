"""The first start: what the assistant asks (the shop, its country and language, a stamp card, the backup folder),
kept in the shop's file in one step, so that a backup carries it and nothing is half set up."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from emma.domain.errors import UserError
from emma.domain.shop_setup import COUNTRIES, ShopKind, StampPreset, country_of, kind_defaults, preset_program
from emma.i18n import LANGUAGES, _
from emma.services import backups, stamp_cards
from emma.services import settings as shop_settings
from emma.services.categories import list_categories, set_categories
from emma.services.shop import Shop, is_empty
from emma.store import settings as settings_store

SETUP_DONE = "setup_done"  # the day the assistant was finished


@dataclass(frozen=True)
class ShopSetup:
    """Everything the assistant asks, as the owner answered it."""

    name: str
    kind: ShopKind = ShopKind.OTHER
    address: str = ""
    contact: str = ""
    owner: str = ""
    logo: bytes | None = None
    country: str = "DE"
    language: str = "de"
    categories: tuple[str, ...] = field(default=())
    stamp_preset: StampPreset = StampPreset.NONE
    backup_folder: Path | None = None  # None: the default, `Sicherungen` beside the file


def needs_setup(shop: Shop) -> bool:
    """True for an empty file whose assistant was never finished: the time to offer it."""
    return is_empty(shop) and not settings_store.get(shop.database, SETUP_DONE, "")


def current_setup(shop: Shop) -> ShopSetup:
    """What the file holds already, as the assistant's starting point (an older file may have a letterhead)."""
    kind = shop_settings.shop_kind(shop) or ShopKind.OTHER
    language = shop_settings.language(shop)
    return ShopSetup(
        name=shop_settings.shop_name(shop),
        kind=kind,
        address=shop_settings.shop_address(shop),
        contact=shop_settings.shop_contact(shop),
        owner=shop_settings.owner_name(shop),
        logo=shop_settings.shop_logo(shop),
        country=country_of(shop_settings.shop_locale(shop, language)),
        language=language,
        categories=tuple(list_categories(shop)) or kind_defaults(kind).categories,
        stamp_preset=kind_defaults(kind).preset,
    )


def apply_setup(shop: Shop, setup: ShopSetup, *, now: datetime | None = None) -> None:
    """Keeps the answers: letterhead and logo, kind, language and locale, categories, the stamp card, the backup
    folder. All or nothing: a refused answer (a folder nothing can be written to) leaves the file as it was."""
    now = now or datetime.now()
    if not setup.name.strip():
        raise UserError(_("Please enter the name of your shop."))
    if setup.country not in COUNTRIES or setup.language not in LANGUAGES:
        raise ValueError((setup.country, setup.language))
    with shop.database.transaction():
        shop_settings.save_letterhead(
            shop,
            {
                shop_settings.SHOP_NAME: setup.name,
                shop_settings.SHOP_ADDRESS: setup.address,
                shop_settings.SHOP_CONTACT: setup.contact,
                shop_settings.OWNER_NAME: setup.owner,
            },
        )
        shop_settings.save_logo(shop, setup.logo)
        shop_settings.set_shop_kind(shop, setup.kind)
        shop_settings.set_language(shop, setup.language)
        shop_settings.set_country(shop, setup.country)
        set_categories(shop, list(setup.categories) or list(kind_defaults(setup.kind).categories))
        program = preset_program(setup.stamp_preset)
        if program is not None and program.name not in {known.name for known in stamp_cards.list_programs(shop)}:
            stamp_cards.save_program(shop, program, now=now)
        if setup.backup_folder is not None and shop.path is not None:
            chosen = Path(setup.backup_folder).expanduser().absolute()
            if chosen != backups.default_backup_folder(shop.path).absolute():
                backups.set_backup_folder(shop, chosen)
        mark_setup_done(shop, now.date())


def mark_setup_done(shop: Shop, today: date) -> None:
    """The assistant is not offered again (also when the owner went straight to the demo shop)."""
    settings_store.put(shop.database, SETUP_DONE, today.isoformat())
