"""Einstellungen → Briefkopf: the shop's name, address and contact line and who signs, as the letters print them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

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
        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(120, 44)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_button = QPushButton(_("Choose …"))
        self.logo_button.setToolTip(_("A PNG, JPEG or SVG picture, printed at the top right of every letter"))
        self.remove_logo_button = QPushButton(_("Remove"))
        row = QHBoxLayout()
        row.addWidget(self.logo_preview)
        row.addWidget(self.logo_button)
        row.addWidget(self.remove_logo_button)
        row.addStretch()
        form.addRow(_("Logo"), row)
        self.logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button.clicked.connect(lambda: self._set_logo(None))
        self._show_logo()

    def choose_logo(self) -> None:
        data = ask_for_logo(self)
        if data is not None:
            self._set_logo(data)

    def _set_logo(self, data: bytes | None) -> None:
        try:
            shop_settings.save_logo(self._shop, data)
        except UserError as error:
            QMessageBox.warning(self, _("Logo"), error.message)
            return
        self._show_logo()
        self.changed.emit()

    def _show_logo(self) -> None:
        data = shop_settings.shop_logo(self._shop)
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.logo_preview.setPixmap(pixmap.scaled(self.logo_preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation))  # fmt: skip
        else:
            self.logo_preview.setText(_("no logo"))
        self.remove_logo_button.setEnabled(bool(data))

    def _save(self, key: str) -> None:
        try:
            shop_settings.save_letterhead(self._shop, {key: self.fields[key].text()})
        except UserError:
            return
        self.changed.emit()


def ask_for_logo(parent: QWidget) -> bytes | None:
    """Asks for a picture and gives it as the letters keep it; None when none was chosen or it cannot be read."""
    path, _filter = QFileDialog.getOpenFileName(
        parent, _("Choose the logo"), str(Path.home()), _("Pictures (*.png *.jpg *.jpeg *.svg)")
    )
    if not path:
        return None
    try:
        return logo_bytes(Path(path))
    except UserError as error:
        QMessageBox.warning(parent, _("Logo"), error.message)
        return None


def logo_bytes(path: Path) -> bytes:
    """The picture at `path` as the letters keep it: PNG and JPEG as they are, an SVG drawn into a PNG."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserError(_("{path} cannot be read: {reason}").format(path=path, reason=error.strerror)) from None
    if path.suffix.lower() != ".svg":
        return data
    from PySide6.QtSvg import QSvgRenderer  # loaded for an SVG logo only

    renderer = QSvgRenderer(QByteArray(data))
    if not renderer.isValid():
        raise UserError(_("The logo must be a PNG, JPEG or SVG picture."))
    size = renderer.defaultSize()
    if size.isEmpty():
        size = QSize(600, 200)
    size = size.scaled(QSize(1200, 440), Qt.AspectRatioMode.KeepAspectRatio)
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())
