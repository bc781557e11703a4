"""The customer list as a Qt table model: a page at a time, fetched as the owner scrolls."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from emma.domain.customer import CustomerSummary
from emma.i18n import _
from emma.i18n.formats import format_date, format_day_month

CustomerIdRole = Qt.ItemDataRole.UserRole + 1
# Finds a page of customers: (text, after, limit) -> summaries. The services' find_customers, bound to a shop.
PageFinder = Callable[[str, CustomerSummary | None, int], list[CustomerSummary]]
_Index = QModelIndex | QPersistentModelIndex


class CustomerListModel(QAbstractTableModel):
    NAME, POSTAL_CODE, CITY, BIRTHDAY, PHONE = range(5)

    def __init__(self, find_page: PageFinder, locale: str, page_size: int = 200, parent=None) -> None:
        super().__init__(parent)
        self._find_page = find_page
        self._locale = locale
        self._page_size = page_size
        self._text = ""
        self._rows: list[CustomerSummary] = []
        self._shown: list[tuple[str, ...]] = []  # display texts, made once per page rather than on every paint
        self._complete = False

    # --- what the view asks -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Name"), _("Postal code"), _("City"), _("Birthday"), _("Phone"))[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown[index.row()][index.column()]
        if role == CustomerIdRole:
            return self._rows[index.row()].id
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.NAME:
            customer = self._rows[index.row()]
            return " ".join(part for part in (customer.title, customer.first_name, customer.last_name) if part)
        return None

    def _display(self, customer: CustomerSummary) -> tuple[str, ...]:
        birthday = customer.birthday
        if birthday is None:
            born = ""
        elif birthday.year is None:
            born = format_day_month(birthday.day, birthday.month, self._locale)
        else:
            born = format_date(date(birthday.year, birthday.month, birthday.day), self._locale)
        return (customer.list_name, customer.postal_code, customer.city, born, customer.phone)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._complete:
            return
        page = self._find_page(self._text, self._rows[-1] if self._rows else None, self._page_size)
        self._complete = len(page) < self._page_size
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self._shown.extend(self._display(customer) for customer in page)
            self.endInsertRows()

    # --- what the screen asks -------------------------------------------------------------------

    def search(self, text: str) -> None:
        """Shows the first page of customers matching `text`; later pages come as the view scrolls."""
        self.beginResetModel()
        self._text = text
        self._rows = []
        self._shown = []
        self._complete = False
        self.endResetModel()
        self.fetchMore()

    def refresh(self) -> None:
        self.search(self._text)

    def customer_at(self, row: int) -> CustomerSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, customer_id: int) -> int | None:
        for row, customer in enumerate(self._rows):
            if customer.id == customer_id:
                return row
        return None

    def is_complete(self) -> bool:
        return self._complete
