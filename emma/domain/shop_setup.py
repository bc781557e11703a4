"""What the first-run assistant offers: kinds of shop with their usual categories and stamp card, the stamp card
presets, and the shop's locale from its country and language. Pure data and rules; the words through `_()` at
the moment they are asked for, so they come in the language of the moment."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from emma.domain.stamps import EarnRule, StampProgram
from emma.i18n import _

COUNTRIES = ("DE", "AT", "CH")


class ShopKind(StrEnum):
    BAKERY = "bakery"
    BOUTIQUE = "boutique"
    FLORIST = "florist"
    WINE_SHOP = "wine_shop"
    HAIRDRESSER = "hairdresser"
    CAFE = "cafe"
    OTHER = "other"


class StampPreset(StrEnum):
    COFFEE_CARD = "coffee_card"
    BAKERY_CARD = "bakery_card"
    TEN_PERCENT = "ten_percent"
    NONE = "none"


@dataclass(frozen=True)
class KindDefaults:
    categories: tuple[str, ...]
    preset: StampPreset


def kind_name(kind: ShopKind) -> str:
    return {
        ShopKind.BAKERY: _("Bakery"),
        ShopKind.BOUTIQUE: _("Boutique"),
        ShopKind.FLORIST: _("Florist"),
        ShopKind.WINE_SHOP: _("Wine shop"),
        ShopKind.HAIRDRESSER: _("Hairdresser"),
        ShopKind.CAFE: _("Café"),
        ShopKind.OTHER: _("Other shop"),
    }[kind]


def kind_defaults(kind: ShopKind) -> KindDefaults:
    """The product categories a shop of this kind usually books, and the stamp card that suits it."""
    if kind is ShopKind.BAKERY:
        names = (_("Bread"), _("Rolls"), _("Cakes"), _("Tarts"), _("Coffee"), _("Snacks"))
        return KindDefaults(names, StampPreset.BAKERY_CARD)
    if kind is ShopKind.BOUTIQUE:
        names = (_("Dresses"), _("Trousers"), _("Blouses"), _("Knitwear"), _("Accessories"), _("Shoes"))
        return KindDefaults(names, StampPreset.TEN_PERCENT)
    if kind is ShopKind.FLORIST:
        names = (_("Cut flowers"), _("Bouquets"), _("Pot plants"), _("Arrangements"), _("Weddings"), _("Funerals"))
        return KindDefaults(names, StampPreset.TEN_PERCENT)
    if kind is ShopKind.WINE_SHOP:
        names = (_("Red wine"), _("White wine"), _("Rosé"), _("Sparkling wine"), _("Spirits"), _("Delicacies"))
        return KindDefaults(names, StampPreset.TEN_PERCENT)
    if kind is ShopKind.HAIRDRESSER:
        names = (_("Cut"), _("Colour"), _("Blow-dry"), _("Perm"), _("Hair care products"))
        return KindDefaults(names, StampPreset.TEN_PERCENT)
    if kind is ShopKind.CAFE:
        names = (_("Coffee"), _("Tea"), _("Cakes"), _("Breakfast"), _("Lunch"), _("Cold drinks"))
        return KindDefaults(names, StampPreset.COFFEE_CARD)
    return KindDefaults((_("Goods"), _("Services"), _("Vouchers")), StampPreset.NONE)


def preset_program(preset: StampPreset) -> StampProgram | None:
    """The stamp program of a preset (None for no stamp card)."""
    if preset is StampPreset.COFFEE_CARD:
        return StampProgram(_("Coffee card"), 10, _("1 coffee free"), EarnRule.PER_VISIT)
    if preset is StampPreset.BAKERY_CARD:
        return StampProgram(
            _("Bakery card"), 10, _("1 piece of cake free"), EarnRule.PER_AMOUNT, step_cents=500, cap_per_purchase=4
        )
    if preset is StampPreset.TEN_PERCENT:
        return StampProgram(_("Loyalty card"), 10, _("10 percent off the next purchase"), EarnRule.PER_VISIT)
    return None


def locale_for(country: str, language: str) -> str:
    """The shop's locale for dates and money: German in its country (de_AT, de_CH), English as in Britain for a
    shop in Germany and as in its country for Austria and Switzerland (so that a Swiss shop keeps its francs)."""
    if country not in COUNTRIES:
        raise ValueError(country)
    if language == "de":
        return f"de_{country}"
    return "en_GB" if country == "DE" else f"en_{country}"


def country_of(locale: str) -> str:
    """The shop's country from its locale; an English locale of no shop country means Germany."""
    country = locale.rpartition("_")[2]
    return country if country in COUNTRIES else "DE"
