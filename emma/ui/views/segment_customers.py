"""The customers of one segment: a double click opens one, „Briefe schreiben …“ takes them all to Briefe."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from emma.i18n import _, ngettext
from emma.services.customers import customer_lines
from emma.services.shop import Shop

IdRole = Qt.ItemDataRole.UserRole


class SegmentCustomers(QDialog):
    open_customer = Signal(int)
    letters_wanted = Signal(object)  # {customer id: line}

    def __init__(self, shop: Shop, title: str, ids: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(520, 560)
        self._lines = customer_lines(shop, ids)
        count = QLabel(ngettext("{count} customer", "{count} customers", len(ids)).format(count=len(ids)))
        count.setObjectName("AreaSubtitle")
        self.list = QListWidget()
        self.list.setUniformItemSizes(True)
        for customer_id, line in self._lines:
            item = QListWidgetItem(line)
            item.setData(IdRole, customer_id)
            self.list.addItem(item)
        self.letters_button = QPushButton(_("Write letters …"))
        self.letters_button.setToolTip(_("All of them as the recipients in Briefe"))
        self.letters_button.setEnabled(bool(ids))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.letters_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.letters_button.clicked.connect(self._letters)
        self.list.itemActivated.connect(self._open)
        layout = QVBoxLayout(self)
        layout.addWidget(count)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def _open(self, item: QListWidgetItem) -> None:
        self.open_customer.emit(item.data(IdRole))
        self.accept()

    def _letters(self) -> None:
        self.letters_wanted.emit(dict(self._lines))
        self.accept()
