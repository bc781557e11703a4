"""The first start's answers kept in the shop's file: kind, locale, categories, stamp card, backup folder."""

from __future__ import annotations

import pytest

from emma.domain.errors import UserError
from emma.domain.shop_setup import ShopKind, StampPreset, country_of, kind_defaults, locale_for, preset_program
from emma.domain.stamps import EarnRule
from emma.i18n import use_language
from emma.i18n.formats import currency_of
from emma.services import backups, stamp_cards
from emma.services import settings as shop_settings
from emma.services.categories import list_categories
from emma.services.customers import save_customer
from emma.services.setup import ShopSetup, apply_setup, current_setup, needs_setup
from emma.store import settings as settings_store
from tests.conftest import NOW
from tests.ui.conftest import PEOPLE


def test_a_bakery_in_austria_is_set_up_in_one_step(shop, tmp_path):
    folder = tmp_path / "stick"
    folder.mkdir()
    setup = ShopSetup(
        name="  Bäckerei   Huber ",
        kind=ShopKind.BAKERY,
        address="Hauptplatz 3 · 8010 Graz",
        contact="0316 123456",
        owner="Maria Huber",
        country="AT",
        language="de",
        categories=("Brot", "Gebäck"),
        stamp_preset=StampPreset.BAKERY_CARD,
        backup_folder=folder,
    )
    assert needs_setup(shop)
    apply_setup(shop, setup, now=NOW)
    assert shop_settings.shop_name(shop) == "Bäckerei Huber"
    assert shop_settings.owner_name(shop) == "Maria Huber"
    assert shop_settings.shop_kind(shop) is ShopKind.BAKERY
    assert shop_settings.shop_locale(shop, "de") == "de_AT"
    assert shop_settings.shop_country(shop) == "AT"
    assert list_categories(shop) == ["Brot", "Gebäck"]
    [program] = stamp_cards.list_programs(shop)
    assert (program.name, program.required, program.rule, program.step_cents) == (
        "Bäckerkarte",
        10,
        EarnRule.PER_AMOUNT,
        500,
    )
    assert backups.backup_folder(shop) == folder
    assert not needs_setup(shop)


def test_switzerland_takes_francs_in_both_languages(shop):
    apply_setup(shop, ShopSetup(name="Blumen Keller", kind=ShopKind.FLORIST, country="CH", language="en"), now=NOW)
    assert shop_settings.language(shop) == "en"
    assert currency_of(shop_settings.shop_locale(shop, "en")) == "CHF"
    assert shop_settings.shop_country(shop) == "CH"
    shop_settings.set_language(shop, "de")  # the locale follows the language and keeps the country
    assert shop_settings.shop_locale(shop, "de") == "de_CH"


def test_without_categories_the_kind_brings_its_own_and_no_card_adds_none(shop):
    apply_setup(shop, ShopSetup(name="Laden", kind=ShopKind.WINE_SHOP), now=NOW)
    assert list_categories(shop) == list(kind_defaults(ShopKind.WINE_SHOP).categories)
    assert "Rotwein" in list_categories(shop)
    assert stamp_cards.list_programs(shop) == []
    assert backups.backup_folder(shop) == backups.default_backup_folder(shop.path)


def test_a_refused_answer_leaves_the_file_as_it_was(shop, tmp_path):
    not_there = tmp_path / "missing" / "deeper"
    setup = ShopSetup(name="Café Lotte", kind=ShopKind.CAFE, stamp_preset=StampPreset.COFFEE_CARD)
    with pytest.raises(UserError, match="gibt es nicht"):
        apply_setup(shop, ShopSetup(**{**setup.__dict__, "backup_folder": not_there}), now=NOW)
    assert shop_settings.shop_name(shop) == ""
    assert stamp_cards.list_programs(shop) == []
    assert needs_setup(shop)
    with pytest.raises(UserError, match="Namen"):
        apply_setup(shop, ShopSetup(name="  "), now=NOW)


def test_setting_up_twice_adds_the_card_once(shop):
    setup = ShopSetup(name="Café Lotte", kind=ShopKind.CAFE, stamp_preset=StampPreset.COFFEE_CARD)
    apply_setup(shop, setup, now=NOW)
    apply_setup(shop, setup, now=NOW)
    assert [program.name for program in stamp_cards.list_programs(shop)] == ["Kaffeekarte"]


def test_the_assistant_starts_from_what_the_file_holds(shop):
    settings_store.put(shop.database, shop_settings.SHOP_NAME, "Feinkost Öztürk")
    settings_store.put(shop.database, shop_settings.LOCALE, "de_CH")
    found = current_setup(shop)
    assert (found.name, found.country, found.language, found.kind) == ("Feinkost Öztürk", "CH", "de", ShopKind.OTHER)
    save_customer(shop, PEOPLE[0], now=NOW)
    assert not needs_setup(shop)  # a file with customers is set up already


def test_presets_and_locales():
    assert preset_program(StampPreset.NONE) is None
    assert preset_program(StampPreset.COFFEE_CARD).reward == "1 Kaffee gratis"
    assert preset_program(StampPreset.TEN_PERCENT).problems() == {}
    use_language("en")
    assert preset_program(StampPreset.COFFEE_CARD).name == "Coffee card"
    for kind in ShopKind:
        defaults = kind_defaults(kind)
        assert defaults.categories and len(set(defaults.categories)) == len(defaults.categories)
    assert [locale_for(country, "de") for country in ("DE", "AT", "CH")] == ["de_DE", "de_AT", "de_CH"]
    assert [locale_for(country, "en") for country in ("DE", "AT", "CH")] == ["en_GB", "en_AT", "en_CH"]
    assert [country_of(locale) for locale in ("de_AT", "en_CH", "en_GB")] == ["AT", "CH", "DE"]
