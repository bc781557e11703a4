"""A day's reminders as a tree: the groups (today, this week, later) with their reminders beneath."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from emma.domain.reminders import Group, Reminder, ReminderKind, group_of
from emma.i18n import _
from emma.i18n.formats import format_weekday_short
from emma.services.reminders import describe
from emma.ui.resources import icon

ReminderRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_GROUP = 0  # internal id of a group row; a reminder's is its group's row + 1

KIND_ICONS = {
    ReminderKind.BIRTHDAY: "cake",
    ReminderKind.ANNIVERSARY: "star",
    ReminderKind.FIRST_PURCHASE: "heart",
    ReminderKind.WIN_BACK: "bell",
    ReminderKind.STAMP_REWARD: "gift",
    ReminderKind.STAMP_ALMOST: "gift",
    ReminderKind.TODO: "note",
}


class ReminderListModel(QAbstractItemModel):
    WHEN, CUSTOMER, REASON, PHONE, ACTIONS = range(5)

    def __init__(self, locale: str, parent=None) -> None:
        super().__init__(parent)
        self._locale = locale
        self._today = date.today()
        self._groups: list[tuple[Group, list[Reminder]]] = []
        self._texts: dict[int, str] = {}  # id(reminder) -> its sentence, written once
        self._icons = {kind: icon(name) for kind, name in KIND_ICONS.items()}

    def show_reminders(self, reminders: list[Reminder], today: date) -> None:
        self.beginResetModel()
        self._today = today
        groups: dict[Group, list[Reminder]] = {}
        for reminder in reminders:
            groups.setdefault(group_of(reminder.due, today), []).append(reminder)
        self._groups = [(group, groups[group]) for group in Group if group in groups]
        self._texts = {}
        self.endResetModel()

    def reminders(self) -> list[Reminder]:
        return [reminder for _group, reminders in self._groups for reminder in reminders]

    def index_of(self, key: tuple[str, int, str]) -> QModelIndex:
        for group_row, (_group, reminders) in enumerate(self._groups):
            for row, reminder in enumerate(reminders):
                if reminder.key == key:
                    return self.index(row, self.CUSTOMER, self.index(group_row, 0))
        return QModelIndex()

    # --- the tree --------------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not child.isValid() or child.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("When"), _("Customer"), _("Reason"), _("Phone"), "")[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _GROUP:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            return self._group_data(index, role)
        reminder = self._groups[index.internalId() - 1][1][index.row()]
        column = index.column()
        if role == ReminderRole:
            return reminder
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.WHEN:
                return self._when(reminder)
            if column == self.CUSTOMER:
                return reminder.person.name
            if column == self.REASON:
                return self.text_of(reminder)
            if column == self.PHONE:
                return reminder.person.phone
        if role == Qt.ItemDataRole.DecorationRole and column == self.CUSTOMER:
            return self._icons[reminder.kind]
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.CUSTOMER, self.REASON):
            return f"{reminder.kind.label()}: {self.text_of(reminder)}"
        if role == Qt.ItemDataRole.ForegroundRole and column == self.WHEN and reminder.due < self._today:
            return QColor("#b5562e")
        if role == Qt.ItemDataRole.FontRole and column == self.REASON and reminder.round:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _group_data(self, index: _Index, role: int):
        group, reminders = self._groups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            return f"{group.label()} ({len(reminders)})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def text_of(self, reminder: Reminder) -> str:
        text = self._texts.get(id(reminder))
        if text is None:
            text = self._texts[id(reminder)] = describe(reminder, self._today, self._locale)
        return text

    def _when(self, reminder: Reminder) -> str:
        days = (reminder.due - self._today).days
        if days == 0:
            return _("today")
        if days == 1:
            return _("tomorrow")
        if days < 0:
            return _("overdue")
        return format_weekday_short(reminder.due, self._locale)
