"""Einstellungen → Briefkopf: the shop's name, address and contact line and who signs, as the letters print them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QWidget

from emma.domain.errors import UserError
from emma.i18n import _
from emma.services import settings as shop_settings
from emma.services.shop import Shop


class LetterheadBox(QGroupBox):
    changed = Signal()

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        super().__init__(_("Letterhead"), parent)
        self._shop = shop
        self.fields = {
            shop_settings.SHOP_NAME: QLineEdit(shop_settings.shop_name(shop)),
            shop_settings.SHOP_ADDRESS: QLineEdit(shop_settings.shop_address(shop)),
            shop_settings.SHOP_CONTACT: QLineEdit(shop_settings.shop_contact(shop)),
            shop_settings.OWNER_NAME: QLineEdit(shop_settings.owner_name(shop)),
        }
        placeholders = {
            shop_settings.SHOP_NAME: _("e.g. Feinkost Öztürk"),
            shop_settings.SHOP_ADDRESS: _("e.g. Hauptstraße 5 · 90402 Nürnberg"),
            shop_settings.SHOP_CONTACT: _("e.g. 0911 123456 · laden@example.de"),
            shop_settings.OWNER_NAME: _("e.g. Ayşe Öztürk"),
        }
        labels = {
            shop_settings.SHOP_NAME: _("Shop"),
            shop_settings.SHOP_ADDRESS: _("Address"),
            shop_settings.SHOP_CONTACT: _("Phone, e-mail"),
            shop_settings.OWNER_NAME: _("Signed by"),
        }
        form = QFormLayout(self)
        for key, field in self.fields.items():
            field.setPlaceholderText(placeholders[key])
            field.setMaxLength(200)
            field.editingFinished.connect(lambda key=key: self._save(key))
            form.addRow(labels[key], field)

    def _save(self, key: str) -> None:
        try:
            shop_settings.save_letterhead(self._shop, {key: self.fields[key].text()})
        except UserError:
            return
        self.changed.emit()
