"""The imports so far, newest first, each one undone as a whole with one click (and a question first)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from emma.domain.errors import UserError
from emma.i18n import _
from emma.services import importing
from emma.services.shop import Shop


class ImportHistory(QDialog):
    undone = Signal()  # customers changed: the list and Heute reload

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Imports"))
        self.resize(760, 420)
        self._shop = shop
        hint = QLabel(_("Undoing an import removes the customers it created and puts back those it changed – "
                        "unless they were changed or bought something since; those stay."))  # fmt: skip
        hint.setWordWrap(True)
        hint.setObjectName("FieldHint")
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("When"), _("File"), _("New"), _("Updated")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.undo_button = QPushButton(_("Undo this import …"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.undo_button.clicked.connect(self.undo_selected)
        self.table.itemSelectionChanged.connect(self._follow)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        self._batches = importing.import_batches(self._shop)
        self.table.setRowCount(len(self._batches))
        for row, batch in enumerate(self._batches):
            when = batch.imported_at.strftime("%d.%m.%Y %H:%M")
            if batch.undone_at:
                when += " – " + _("undone")
            for column, text in enumerate((when, batch.file_name, str(batch.created), str(batch.updated))):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        if self._batches:
            self.table.selectRow(0)
        self._follow()

    def _selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self._batches[rows[0].row()] if rows else None

    def _follow(self) -> None:
        batch = self._selected()
        self.undo_button.setEnabled(batch is not None and batch.undone_at is None)

    def undo_selected(self) -> None:
        batch = self._selected()
        if batch is None or batch.undone_at is not None:
            return
        answer = QMessageBox.question(self, _("Undo this import …"), _(
            "Undo the import of {name}? {created} customers it created are removed, {updated} put back as they were."
        ).format(name=batch.file_name, created=batch.created, updated=batch.updated))  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            done = importing.undo_import(self._shop, batch.id)
        except UserError as error:
            QMessageBox.warning(self, _("Imports"), error.message)
            return
        self.undone.emit()
        QMessageBox.information(self, _("Imports"), _(
            "Undone: {removed} removed, {restored} put back, {kept} kept because they changed since."
        ).format(removed=done.removed, restored=done.restored, kept=done.kept))  # fmt: skip
        self.load()
