"""The signed consent form, recorded: the day she signed and what she ticked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from emma.domain.customer import Customer
from emma.domain.errors import UserError
from emma.i18n import _


class ConsentDialog(QDialog):
    """Calls `save(signed_on, letters, email)`; a refusal keeps the dialog open with the reason beneath."""

    def __init__(
        self,
        customer: Customer,
        today: date,
        save: Callable[[date, bool, bool], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(_("Consent signed on …"))
        signed = customer.consent.signed_on or today
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd.MM.yyyy")
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.day.setDate(QDate(signed.year, signed.month, signed.day))
        self.letters = QCheckBox(_("Letters: birthday greetings and offers by post"))
        self.letters.setChecked(customer.consent.postal_mail and customer.consent.postal_objected_on is None)
        self.email = QCheckBox(_("E-mail: news and offers"))
        self.email.setChecked(customer.consent.email)
        self.problem = QLabel()
        self.problem.setObjectName("FieldError")
        self.problem.hide()
        hint = QLabel(_("Tick what she ticked on the form. Nothing ticked counts as an objection to advertising."))
        hint.setWordWrap(True)
        hint.setObjectName("CustomerSubline")
        who = QLabel(customer.full_name)
        who.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow(_("Customer"), who)
        form.addRow(_("Signed on"), self.day)
        form.addRow("", self.letters)
        form.addRow("", self.email)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def accept(self) -> None:
        chosen = self.day.date()
        try:
            self._save(date(chosen.year(), chosen.month(), chosen.day()), self.letters.isChecked(),
                       self.email.isChecked())  # fmt: skip
        except UserError as error:
            self.problem.setText(error.message)
            self.problem.show()
            return
        super().accept()
