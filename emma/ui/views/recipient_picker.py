"""Hand-picked recipients of a letter: found by the customer search, added one by one or all at once."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from emma.domain.customer import CustomerSummary
from emma.i18n import _, ngettext
from emma.services import customers as customer_service
from emma.services.letters import MAX_LETTERS
from emma.services.shop import Shop

IdRole = Qt.ItemDataRole.UserRole


class RecipientPicker(QDialog):
    """Left what the search finds, right who is chosen; Enter or a double-click moves a customer across."""

    def __init__(self, shop: Shop, chosen: dict[int, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Choose recipients"))
        self.resize(820, 560)
        self._shop = shop
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search: name, postal code, phone …"))
        self.search.setClearButtonEnabled(True)
        self.found = QListWidget()
        self.found.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.found_label = QLabel()
        self.found_label.setObjectName("FieldHint")
        self.add_button = QPushButton(_("Add →"))
        self.add_all_button = QPushButton(_("Add all found"))
        self.chosen = QListWidget()
        self.chosen.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.chosen.setSortingEnabled(True)
        self.chosen_label = QLabel()
        self.remove_button = QPushButton(_("← Remove"))
        self.clear_button = QPushButton(_("Remove all"))
        self._ids: set[int] = set()
        self._add_chosen(chosen.items())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QGridLayout(self)
        layout.addWidget(self.search, 0, 0)
        layout.addWidget(self.chosen_label, 0, 1)
        layout.addWidget(self.found, 1, 0)
        layout.addWidget(self.chosen, 1, 1)
        layout.addWidget(self.found_label, 2, 0)
        found_row, chosen_row = QGridLayout(), QGridLayout()
        found_row.addWidget(self.add_button, 0, 0)
        found_row.addWidget(self.add_all_button, 0, 1)
        chosen_row.addWidget(self.remove_button, 0, 0)
        chosen_row.addWidget(self.clear_button, 0, 1)
        layout.addLayout(found_row, 3, 0)
        layout.addLayout(chosen_row, 3, 1)
        layout.addWidget(buttons, 4, 0, 1, 2)

        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(150)
        self._pending.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._pending.start)
        self.search.returnPressed.connect(self._add_first)
        self.found.itemActivated.connect(lambda _item: self.add_selected())
        self.chosen.itemActivated.connect(lambda _item: self.remove_selected())
        self.add_button.clicked.connect(self.add_selected)
        self.add_all_button.clicked.connect(self.add_all)
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button.clicked.connect(self.clear)
        self.chosen.installEventFilter(self)  # Delete removes who is selected there
        self.refresh()
        self.search.setFocus()

    def eventFilter(self, watched, event) -> bool:
        if (watched is self.chosen and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)):  # fmt: skip
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)

    def refresh(self) -> None:
        self._pending.stop()
        self.found.clear()
        text = self.search.text().strip()
        found = customer_service.find_customers(self._shop, text, limit=customer_service.PAGE_SIZE) if text else []
        for customer in found:
            item = QListWidgetItem(_line(customer))
            item.setData(IdRole, customer.id)
            self.found.addItem(item)
        if found:
            self.found.setCurrentRow(0)
        more = len(found) == customer_service.PAGE_SIZE
        self.found_label.setText(
            "" if not text
            else _("The first {count} found; “Add all found” takes every one.").format(count=len(found)) if more
            else ngettext("{count} customer found.", "{count} customers found.", len(found)).format(count=len(found))
        )  # fmt: skip
        self.add_all_button.setEnabled(bool(found))

    def _add_first(self) -> None:
        if self.found.count() and not self.found.selectedItems():
            self.found.setCurrentRow(0)
        self.add_selected()

    def add_selected(self) -> None:
        self._add_chosen((item.data(IdRole), item.text()) for item in self.found.selectedItems())
        self.search.selectAll()
        self.search.setFocus()

    def add_all(self) -> None:
        found = customer_service.find_all_customers(self._shop, self.search.text().strip(), limit=MAX_LETTERS)
        self._add_chosen((customer.id, _line(customer)) for customer in found)

    def remove_selected(self) -> None:
        for item in self.chosen.selectedItems():
            self._ids.discard(item.data(IdRole))
            self.chosen.takeItem(self.chosen.row(item))
        self._count_changed()

    def clear(self) -> None:
        self.chosen.clear()
        self._ids.clear()
        self._count_changed()

    def _add_chosen(self, customers: Iterable[tuple[int, str]]) -> None:
        self.chosen.setSortingEnabled(False)  # sorted once, not at every one of thousands
        for customer_id, text in customers:
            if customer_id in self._ids or len(self._ids) >= MAX_LETTERS:
                continue
            self._ids.add(customer_id)
            item = QListWidgetItem(text)
            item.setData(IdRole, customer_id)
            self.chosen.addItem(item)
        self.chosen.setSortingEnabled(True)
        self.chosen.sortItems()
        self._count_changed()

    def _count_changed(self) -> None:
        count = self.chosen.count()
        self.chosen_label.setText(ngettext("{count} customer chosen", "{count} customers chosen", count)
                                  .format(count=count))  # fmt: skip
        self.remove_button.setEnabled(bool(count))
        self.clear_button.setEnabled(bool(count))

    def chosen_ids(self) -> list[int]:
        return [self.chosen.item(row).data(IdRole) for row in range(self.chosen.count())]

    def chosen_customers(self) -> dict[int, str]:
        """id → the line shown for her, in the list's (name) order."""
        return {self.chosen.item(row).data(IdRole): self.chosen.item(row).text() for row in range(self.chosen.count())}


def _line(customer: CustomerSummary) -> str:
    place = " ".join(part for part in (customer.postal_code, customer.city) if part)
    return f"{customer.list_name} – {place}" if place else customer.list_name
