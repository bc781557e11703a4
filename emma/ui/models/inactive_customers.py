"""The review list of quiet customers: name, last purchase, last change, archived."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from emma.domain.data_protection import InactiveRow
from emma.i18n import _
from emma.i18n.formats import format_date

CustomerIdRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class InactiveCustomersModel(QAbstractTableModel):
    """Holds the rows the review found (a few thousand at most: each is small)."""

    NAME, LAST_PURCHASE, CHANGED, ARCHIVED = range(4)

    def __init__(self, locale: str, parent=None) -> None:
        super().__init__(parent)
        self._locale = locale
        self._rows: list[InactiveRow] = []

    def show_rows(self, rows: list[InactiveRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> InactiveRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Name"), _("Last purchase"), _("Last change"), _("Archived"))[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == CustomerIdRole:
            return row.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == self.NAME:
            return row.name
        if column == self.LAST_PURCHASE:
            return format_date(row.last_purchase, self._locale) if row.last_purchase else _("never")
        if column == self.CHANGED:
            return format_date(row.changed_on, self._locale)
        return _("archived") if row.archived else ""
