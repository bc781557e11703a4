"""A reminder of the owner's own on a customer: what to remember, and on which day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from emma.domain.errors import UserError
from emma.i18n import _
from emma.services.reminders import TODO_MAX_LENGTH


class TodoDialog(QDialog):
    """Calls `save(day, text)`; a refused text keeps the dialog open with the reason beneath."""

    def __init__(self, name: str, today: date, save: Callable[[date, str], object], parent: QWidget | None = None):
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(_("Remind me"))
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(_("e.g. Ask whether she liked the Riesling"))
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(90)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd.MM.yyyy")
        tomorrow = today + timedelta(days=1)
        self.day.setMinimumDate(QDate(today.year, today.month, today.day))
        self.day.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        self.problem = QLabel()
        self.problem.setObjectName("FieldError")
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        who = QLabel(name)
        who.setTextFormat(Qt.TextFormat.PlainText)
        who.setObjectName("CustomerSubline")
        form.addRow(_("About"), who)
        form.addRow(_("Remember"), self.text)
        form.addRow(_("On"), self.day)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        self.text.setFocus()

    def accept(self) -> None:
        chosen = self.day.date()
        text = self.text.toPlainText()
        if len(text) > TODO_MAX_LENGTH * 2:  # far too long: do not even hand it on
            text = text[: TODO_MAX_LENGTH * 2]
        try:
            self._save(date(chosen.year(), chosen.month(), chosen.day()), text)
        except UserError as error:
            self.problem.setText(error.message)
            self.problem.show()
            return
        super().accept()
