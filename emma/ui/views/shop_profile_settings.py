"""Einstellungen → Laden: what kind of shop, in which country (dates, amounts, currency) and the language."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from emma.domain.shop_setup import COUNTRIES, ShopKind, kind_name
from emma.i18n import _
from emma.i18n.formats import country_name, currency_of
from emma.services import settings as shop_settings
from emma.services.shop import Shop

LANGUAGES = (("de", "Deutsch"), ("en", "English"))


class ShopProfileBox(QGroupBox):
    """A new country or language is kept at once; the app then rebuilds the window in it."""

    language_chosen = Signal(str)
    country_chosen = Signal(str)

    def __init__(self, shop: Shop, language: str, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(_("Shop"), parent)
        self._shop = shop
        self.kind = QComboBox()
        self.kind.addItem(_("(not chosen)"), "")
        for kind in ShopKind:
            self.kind.addItem(kind_name(kind), kind.value)
        chosen = shop_settings.shop_kind(shop)
        self.kind.setCurrentIndex(max(self.kind.findData(chosen.value if chosen else ""), 0))
        self.kind.currentIndexChanged.connect(self._kind_chosen)

        names_in = "de_DE" if language == "de" else "en_GB"
        self.country = QComboBox()
        for code in COUNTRIES:
            self.country.addItem(country_name(code, names_in), code)
        self.country.setCurrentIndex(max(self.country.findData(shop_settings.shop_country(shop)), 0))
        self.country.currentIndexChanged.connect(lambda _index: self.set_country(self.country.currentData()))
        self.currency = QLabel(_("Amounts in {currency}").format(currency=currency_of(locale)))
        self.currency.setObjectName("CustomerSubline")

        self.language_buttons = QButtonGroup(self)
        languages = QHBoxLayout()
        for code, name in LANGUAGES:
            button = QRadioButton(name)
            button.setChecked(code == language)
            button.toggled.connect(lambda checked, code=code: checked and self.language_chosen.emit(code))
            self.language_buttons.addButton(button)
            languages.addWidget(button)
        languages.addStretch()

        form = QFormLayout(self)
        form.addRow(_("Kind of shop"), self.kind)
        form.addRow(_("Country"), self.country)
        form.addRow("", self.currency)
        form.addRow(_("Language"), languages)

    def _kind_chosen(self) -> None:
        value = self.kind.currentData()
        if value:
            shop_settings.set_shop_kind(self._shop, ShopKind(value))

    def set_country(self, country: str) -> None:
        shop_settings.set_country(self._shop, country)
        self.country_chosen.emit(country)
