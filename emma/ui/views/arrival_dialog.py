"""New arrival: the owner types what just came in and sees whose preferences it meets, to call or to write."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from emma.domain.errors import UserError
from emma.domain.letters import Occasion
from emma.i18n import _, current_language, ngettext
from emma.services import letters as letter_service
from emma.services import reminders as reminder_service
from emma.services.reminders import ArrivalMatch
from emma.services.shop import Shop, data_folder, file_name_part
from emma.ui.resources import icon

_Index = QModelIndex | QPersistentModelIndex


class ArrivalMatchModel(QAbstractTableModel):
    NAME, TAGS, PHONE = range(3)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.matches: list[ArrivalMatch] = []

    def show_matches(self, matches: list[ArrivalMatch]) -> None:
        self.beginResetModel()
        self.matches = matches
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.matches)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Customer"), _("Her preferences"), _("Phone"))[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        match = self.matches[index.row()]
        return (match.name, ", ".join(match.tags), match.phone)[index.column()]


class ArrivalDialog(QDialog):
    def __init__(self, shop: Shop, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shop = shop
        self._locale = locale
        self.setWindowTitle(_("New arrival"))
        self.resize(720, 520)
        intro = QLabel(
            _("What just came in? Frau Emma finds the customers who like it: as a favourite, brand or size.")
        )
        intro.setObjectName("FieldHint")
        intro.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setPlaceholderText(_("e.g. Riesling, glutenfrei, Größe 38"))
        self.field.setClearButtonEnabled(True)
        completer = QCompleter(reminder_service.known_tags(shop), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.field.setCompleter(completer)
        self.count_label = QLabel()
        self.model = ArrivalMatchModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(ArrivalMatchModel.TAGS, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.horizontalHeader().resizeSection(ArrivalMatchModel.NAME, 220)
        self.table.horizontalHeader().resizeSection(ArrivalMatchModel.PHONE, 140)
        self.print_button = QPushButton(icon("print"), _("Print call list"))
        self.letters_button = QPushButton(icon("mail"), _("Write letters"))
        self.letters_button.setToolTip(_("A letter to each of them about what came in (without those who want none)"))
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.letters_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.field)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(150)
        self._pending.timeout.connect(self.find)
        self.field.textChanged.connect(lambda _text: self._pending.start())
        self.print_button.clicked.connect(self.print_call_list)
        self.letters_button.clicked.connect(self.write_letters)
        self.find()

    def find(self) -> None:
        text = self.field.text()
        matches = reminder_service.customers_for_arrival(self._shop, text)
        self.model.show_matches(matches)
        self.print_button.setEnabled(bool(matches))
        self.letters_button.setEnabled(bool(matches))
        if not text.strip():
            self.count_label.setText(_("Type what came in."))
        else:
            self.count_label.setText(
                ngettext("{count} customer likes “{text}”.", "{count} customers like “{text}”.", len(matches)).format(
                    count=len(matches), text=text.strip()
                )
            )

    def print_call_list(self) -> None:
        self._pending.stop()
        self.find()
        today = date.today()
        text = self.field.text().strip()
        name = file_name_part(text, "Liste")
        target = data_folder() / "Anruflisten" / f"{today.isoformat()}-{name}.pdf"
        try:
            path = reminder_service.print_call_list(self._shop, self.model.matches, text, today, self._locale, target)
        except UserError as error:
            QMessageBox.warning(self, _("Print call list"), error.message)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def write_letters(self) -> None:
        """The new-arrival letter to each of them, as one PDF, opened to print; who was left out is said."""
        self._pending.stop()
        self.find()
        today = date.today()
        text = self.field.text().strip()
        name = file_name_part(text, "neu")
        target = data_folder() / _("Letters") / f"{today.isoformat()}-arrival-{name}.pdf"
        ids = [match.customer_id for match in self.model.matches]
        try:
            result = letter_service.write_letters(
                self._shop, Occasion.ARRIVAL, ids, target, language=current_language(), today=today, arrival=text
            )
        except UserError as error:
            QMessageBox.warning(self, _("Write letters"), error.message)
            return
        if result.letters:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        left_out = len(result.skipped)
        self.count_label.setText(
            _("Letters: {letters}, left out: {left_out} (no letters wanted or no address).").format(
                letters=result.letters, left_out=left_out
            )
        )
