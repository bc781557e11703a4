"""Einstellungen, all in one place: the shop (letterhead, logo, kind, country, language), its stamp cards and
product categories, the reminders, the backups – each section a module of its own."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from emma.domain.errors import UserError
from emma.domain.stamps import EarnRule, StampProgram
from emma.i18n import _
from emma.i18n.formats import format_money
from emma.services import stamp_cards
from emma.services.categories import list_categories, set_categories
from emma.services.shop import Shop
from emma.ui.views.backup_settings import BackupSettingsBox
from emma.ui.views.letterhead_settings import LetterheadBox
from emma.ui.views.reminder_settings import ReminderSettingsBox
from emma.ui.views.shop_profile_settings import ShopProfileBox
from emma.ui.views.stamp_program_dialog import StampProgramDialog

ProgramIdRole = Qt.ItemDataRole.UserRole + 1


class SettingsView(QWidget):
    language_chosen = Signal(str)
    country_chosen = Signal(str)
    programs_changed = Signal()
    reminders_changed = Signal()

    def __init__(self, shop: Shop, language: str, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shop = shop
        self._locale = locale

        self.programs = QListWidget()
        self.programs.itemDoubleClicked.connect(lambda _item: self.edit_program())
        self.new_program_button = QPushButton(_("New stamp card …"))
        self.new_program_button.clicked.connect(lambda: self.edit_program(new=True))
        self.edit_program_button = QPushButton(_("Edit …"))
        self.edit_program_button.clicked.connect(lambda: self.edit_program())
        programs_box = QGroupBox(_("Stamp cards"))
        programs_layout = QVBoxLayout(programs_box)
        programs_layout.addWidget(
            _hint(_("Several cards can run at once. A paused card keeps its stamps but earns no new ones."))
        )
        programs_layout.addWidget(self.programs, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_program_button)
        row.addWidget(self.edit_program_button)
        row.addStretch()
        programs_layout.addLayout(row)

        self.categories = QListWidget()
        self.categories.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.categories.itemChanged.connect(lambda _item: self._save_categories())
        self.categories.model().rowsMoved.connect(lambda *_args: self._save_categories())
        self.add_category_button = QPushButton(_("Add"))
        self.add_category_button.clicked.connect(self._add_category)
        self.remove_category_button = QPushButton(_("Remove"))
        self.remove_category_button.clicked.connect(self._remove_category)
        categories_box = QGroupBox(_("Product categories"))
        categories_layout = QVBoxLayout(categories_box)
        categories_layout.addWidget(
            _hint(_("Offered when booking a purchase (Alt+1 … Alt+9). Double-click to rename, drag to reorder."))
        )
        categories_layout.addWidget(self.categories, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_category_button)
        row.addWidget(self.remove_category_button)
        row.addStretch()
        categories_layout.addLayout(row)

        self.profile = ShopProfileBox(shop, language, locale)
        self.profile.language_chosen.connect(self.language_chosen)
        self.profile.country_chosen.connect(self.country_chosen)

        self.reminders = ReminderSettingsBox(shop)
        self.reminders.changed.connect(self.reminders_changed)
        self.letterhead = LetterheadBox(shop)
        self.backups = BackupSettingsBox(shop, locale)

        # Sections, in the order a shop is set up: the shop and its letters, its cards and categories, the
        # reminders, the backups.
        shop_row = QHBoxLayout()
        shop_row.addWidget(self.letterhead, 3)
        shop_row.addWidget(self.profile, 2)
        cards_row = QHBoxLayout()
        cards_row.addWidget(programs_box, 3)
        cards_row.addWidget(categories_box, 2)
        content = QWidget()
        content.setObjectName("SettingsContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addLayout(shop_row)
        layout.addLayout(cards_row, 1)
        layout.addWidget(self.reminders)
        layout.addWidget(self.backups)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.reload()

    def reload(self) -> None:
        self.programs.clear()
        for program in stamp_cards.list_programs(self._shop):
            item = QListWidgetItem(self._describe(program))
            item.setData(ProgramIdRole, program.id)
            if not program.active:
                item.setForeground(Qt.GlobalColor.gray)
            self.programs.addItem(item)
        self.categories.blockSignals(True)
        self.categories.clear()
        for name in list_categories(self._shop):
            self.categories.addItem(self._category_item(name))
        self.categories.blockSignals(False)

    def _describe(self, program: StampProgram) -> str:
        if program.rule is EarnRule.PER_VISIT:
            rule = _("1 stamp per visit")
            if program.min_amount_cents:
                rule += " " + _("from {amount}").format(amount=format_money(program.min_amount_cents, self._locale))
        else:
            rule = _("1 stamp per {amount}").format(amount=format_money(program.step_cents, self._locale))
        state = "" if program.active else " · " + _("paused")
        return _("{name}: {required} stamps → {reward} ({rule}){state}").format(
            name=program.name, required=program.required, reward=program.reward, rule=rule, state=state
        )

    def edit_program(self, *, new: bool = False) -> None:
        program = None
        if not new:
            item = self.programs.currentItem()
            if item is None:
                return
            program_id = item.data(ProgramIdRole)
            program = next((p for p in stamp_cards.list_programs(self._shop) if p.id == program_id), None)
        dialog = StampProgramDialog(
            program, list_categories(self._shop), lambda changed: stamp_cards.save_program(self._shop, changed), self
        )
        if dialog.exec() == StampProgramDialog.DialogCode.Accepted:
            self.reload()
            self.programs_changed.emit()

    def _category_item(self, name: str) -> QListWidgetItem:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        return item

    def _add_category(self) -> None:
        item = self._category_item(_("New category"))
        self.categories.addItem(item)
        self.categories.setCurrentItem(item)
        self.categories.editItem(item)

    def _remove_category(self) -> None:
        row = self.categories.currentRow()
        if row >= 0:
            self.categories.takeItem(row)
            self._save_categories()

    def _save_categories(self) -> None:
        names = [self.categories.item(row).text() for row in range(self.categories.count())]
        try:
            set_categories(self._shop, names)
        except UserError as error:
            QMessageBox.warning(self, _("Not saved"), error.message)


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("CustomerSubline")
    label.setWordWrap(True)
    return label
