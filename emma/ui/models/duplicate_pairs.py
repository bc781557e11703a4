"""The Dubletten list as a Qt table model: each row a pair of customers side by side, with why they look alike."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from emma.domain.customer import Customer, customer_code
from emma.domain.duplicates import DuplicatePair
from emma.i18n import _
from emma.i18n.formats import format_date, format_day_month

PairRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


def describe(customer: Customer, locale: str) -> str:
    """Two lines: name, customer code and birthday; then where she lives and how to reach her."""
    birthday = customer.birthday
    if birthday is None:
        born = ""
    elif birthday.year is None:
        born = format_day_month(birthday.day, birthday.month, locale)
    else:
        born = format_date(date(birthday.year, birthday.month, birthday.day), locale)
    name = customer.list_name if not customer.title else f"{customer.list_name} ({customer.title})"
    first = " · ".join(part for part in (name, customer_code(customer.id or 0), born) if part)
    town = f"{customer.postal_code} {customer.city}".strip()
    second = " · ".join(part for part in (town, customer.phone.strip(), customer.email.strip()) if part)
    return f"{first}\n{second}" if second else first


class DuplicatePairsModel(QAbstractTableModel):
    LIKELIHOOD, FIRST, SECOND, REASONS = range(4)

    def __init__(self, locale: str, parent=None) -> None:
        super().__init__(parent)
        self._locale = locale
        self._pairs: list[DuplicatePair] = []
        self._shown: list[tuple[str, str, str, str]] = []  # display texts, made once rather than on every paint

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._pairs)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("How likely"), _("Customer"), _("Possible duplicate"), _("Why"))[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._pairs):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._shown[index.row()][index.column()]
        if role == PairRole:
            return self._pairs[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def set_pairs(self, pairs: list[DuplicatePair]) -> None:
        self.beginResetModel()
        self._pairs = list(pairs)
        self._shown = [
            (pair.likelihood(), describe(pair.first, self._locale), describe(pair.second, self._locale),
             pair.reason_text())
            for pair in self._pairs
        ]  # fmt: skip
        self.endResetModel()

    def pair_at(self, row: int) -> DuplicatePair | None:
        return self._pairs[row] if 0 <= row < len(self._pairs) else None

    def remove_pair(self, row: int) -> None:
        if not 0 <= row < len(self._pairs):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._pairs[row]
        del self._shown[row]
        self.endRemoveRows()
