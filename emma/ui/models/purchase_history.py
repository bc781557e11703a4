"""A customer's purchases as a table, newest first, fetched a page at a time."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from emma.domain.purchases import Purchase
from emma.i18n import _
from emma.i18n.formats import format_date, format_money

PurchaseIdRole = Qt.ItemDataRole.UserRole + 1
# (after, limit) -> the next page of her purchases, newest first.
HistoryPage = Callable[[Purchase | None, int], list[Purchase]]
_Index = QModelIndex | QPersistentModelIndex


class PurchaseHistoryModel(QAbstractTableModel):
    DATE, AMOUNT, ITEMS, NOTE = range(4)

    def __init__(self, locale: str, page_size: int = 100, parent=None) -> None:
        super().__init__(parent)
        self._locale = locale
        self._page_size = page_size
        self._find_page: HistoryPage | None = None
        self._rows: list[Purchase] = []
        self._complete = True

    def show_history(self, find_page: HistoryPage | None) -> None:
        """Shows the purchases `find_page` gives (None: nobody's)."""
        self.beginResetModel()
        self._find_page = find_page
        self._rows = []
        self._complete = find_page is None
        self.endResetModel()
        self.fetchMore()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Date"), _("Amount"), _("Items"), _("Note"))[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        purchase = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(purchase, column)
        if role == PurchaseIdRole:
            return purchase.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if purchase.reversed:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor("#9aa5af")
            if role == Qt.ItemDataRole.FontRole and column == self.AMOUNT:
                font = QFont()
                font.setStrikeOut(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("Reversed on {date}: {reason}").format(
                    date=format_date(purchase.reversed_at.date(), self._locale), reason=purchase.reversal_reason
                )
        return None

    def _display(self, purchase: Purchase, column: int) -> str:
        if column == self.DATE:
            return f"{format_date(purchase.at.date(), self._locale)} {purchase.at:%H:%M}"
        if column == self.AMOUNT:
            return format_money(purchase.amount_cents, self._locale)
        if column == self.ITEMS:
            return ", ".join(purchase.items)
        if purchase.reversed:
            return _("Reversed: {reason}").format(reason=purchase.reversal_reason)
        return purchase.note

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._complete or self._find_page is None:
            return
        page = self._find_page(self._rows[-1] if self._rows else None, self._page_size)
        self._complete = len(page) < self._page_size
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def purchase_at(self, row: int) -> Purchase | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None
