"""Review of quiet customers (data minimisation): who has not bought and not been changed for years, to archive
or to erase."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from emma.domain.data_protection import DEFAULT_INACTIVE_YEARS
from emma.domain.errors import UserError
from emma.i18n import _, ngettext
from emma.services import gdpr_review
from emma.services.shop import Shop
from emma.ui.models.inactive_customers import CustomerIdRole, InactiveCustomersModel


class ReviewDialog(QDialog):
    """The list with select-all, "Archive" and "Erase …". `changed(message)` after customers were archived or
    erased; `erase(ids)` runs the erasure (the caller's, with its wait cursor and messages) and says if it did."""

    changed = Signal(str)

    def __init__(
        self,
        shop: Shop,
        today: Callable[[], date],
        locale: str,
        erase: Callable[[list[int]], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._shop = shop
        self._today = today
        self._erase = erase
        self.setWindowTitle(_("Review inactive customers"))
        self.resize(720, 520)
        self.years = QSpinBox()
        self.years.setRange(1, 30)
        self.years.setValue(DEFAULT_INACTIVE_YEARS)
        self.years.setSuffix(_(" years"))
        self.years.valueChanged.connect(self.reload)
        self.model = InactiveCustomersModel(locale, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(InactiveCustomersModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.count = QLabel()
        self.count.setObjectName("CustomerSubline")
        self.select_all = QPushButton(_("Select all"))
        self.select_all.clicked.connect(self.table.selectAll)
        self.archive_button = QPushButton(_("Archive"))
        self.archive_button.clicked.connect(self.archive_selected)
        self.erase_button = QPushButton(_("Erase …"))
        self.erase_button.clicked.connect(self.erase_selected)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        for button in (self.select_all, self.archive_button, self.erase_button):
            button.setAutoDefault(False)  # Enter closes the list; nothing is archived or erased by a stray key
        close.setDefault(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        top = QHBoxLayout()
        top.addWidget(QLabel(_("No purchase and no change for more than")))
        top.addWidget(self.years)
        top.addStretch()
        top.addWidget(self.count)
        buttons = QHBoxLayout()
        buttons.addWidget(self.select_all)
        buttons.addStretch()
        buttons.addWidget(self.archive_button)
        buttons.addWidget(self.erase_button)
        buttons.addWidget(close)
        hint = QLabel(_("Keep only what you need: archive customers who no longer come, erase those you no longer "
                        "need at all. Purchases stay in the books without a name."))  # fmt: skip
        hint.setWordWrap(True)
        hint.setObjectName("CustomerSubline")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        try:
            rows = gdpr_review.inactive_customers(self._shop, years=self.years.value(), today=self._today())
        except UserError as error:
            QMessageBox.warning(self, _("Data protection"), error.message)
            rows = []
        self.model.show_rows(rows)
        self.count.setText(ngettext("{n} customer", "{n} customers", len(rows)).format(n=len(rows)))
        self._selection_changed()

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.index(row, 0).data(CustomerIdRole) for row in rows]

    def _selection_changed(self, *_args) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.archive_button.setEnabled(chosen)
        self.erase_button.setEnabled(chosen)

    def archive_selected(self) -> None:
        ids = self.selected_ids()
        archived = gdpr_review.archive_customers(self._shop, ids)
        self.reload()
        self.changed.emit(ngettext("{n} customer archived.", "{n} customers archived.", archived).format(n=archived))

    def erase_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        answer = QMessageBox.question(
            self,
            _("Erase customers"),
            ngettext(
                "Erase the personal data of {n} customer? Purchases stay in the books without a name. This cannot "
                "be undone; a safety backup is made first.",
                "Erase the personal data of {n} customers? Purchases stay in the books without a name. This cannot "
                "be undone; a safety backup is made first.",
                len(ids),
            ).format(n=len(ids)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self._erase(ids):
            self.reload()
            self.changed.emit("")
