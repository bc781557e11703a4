"""Einkauf buchen: the amount is focused, Enter books – one dialog, no mouse needed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDateTime, QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from emma.domain.customer import parse_tags
from emma.domain.errors import UserError
from emma.domain.money import parse_amount
from emma.domain.stamps import CardState
from emma.i18n import _
from emma.i18n.formats import format_money
from emma.ui.widgets.flow_layout import FlowLayout

# (amount_cents, items, note, at) -> what the booking did
BookFunction = Callable[[int, tuple[str, ...], str, datetime], object]


class BookingDialog(QDialog):
    def __init__(
        self,
        customer_name: str,
        categories: list[str],
        cards: Callable[[], list[CardState]],
        book: BookFunction,
        redeem: Callable[[int], CardState],
        now: datetime,
        locale: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._book = book
        self._redeem = redeem
        self._cards = cards
        self._locale = locale
        self.result_of_booking: object | None = None
        self.redeemed = False  # a reward given in this dialog changes the cards even if nothing is booked
        self.setWindowTitle(_("Book a purchase – {name}").format(name=customer_name))
        self.setMinimumWidth(520)

        heading = QLabel(customer_name)
        heading.setObjectName("CustomerName")
        self.amount = QLineEdit()
        self.amount.setObjectName("AmountField")
        self.amount.setPlaceholderText(_("Amount, e.g. 12,50"))
        font = QFont(self.amount.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.amount.setFont(font)
        self.amount_hint = QLabel()
        self.amount_hint.setObjectName("FieldHint")
        self.category_buttons: list[QPushButton] = []
        category_box = QWidget()
        flow = FlowLayout(category_box)
        for number, name in enumerate(categories, start=1):
            label = f"{number}  {name}" if number <= 9 else name
            button = QPushButton(label)
            button.setCheckable(True)
            button.setObjectName("CategoryButton")
            button.setProperty("category", name)
            if number <= 9:
                button.setToolTip(_("Alt+{n}").format(n=number))
            flow.addWidget(button)
            self.category_buttons.append(button)
        self.items = QLineEdit()
        self.items.setPlaceholderText(_("more items, separated by commas"))
        self.note = QLineEdit()
        self.note.setMaxLength(500)
        self.when = QDateTimeEdit(QDateTime(now.date(), now.time().replace(second=0, microsecond=0)))
        self.when.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.when.setCalendarPopup(True)
        self.when.setMaximumDateTime(QDateTime(now.date(), now.time().replace(hour=23, minute=59)))

        form = QFormLayout()
        form.addRow(_("Amount"), self.amount)
        form.addRow("", self.amount_hint)
        if categories:
            form.addRow(_("Categories"), category_box)
        form.addRow(_("Items"), self.items)
        form.addRow(_("Note"), self.note)
        form.addRow(_("When"), self.when)

        self.cards_box = QVBoxLayout()
        self._show_cards(cards())

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.book_button = self.buttons.addButton(_("Book"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._book_it)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addLayout(self.cards_box)
        layout.addWidget(self.buttons)
        self.book_button.setDefault(True)  # only once the button is inside the dialog does this stick
        self.amount.textChanged.connect(self._check_amount)
        for field in (self.amount, self.items, self.note):
            field.returnPressed.connect(self._book_it)  # Enter books from every line, as the owner expects
            field.installEventFilter(self)  # Alt+1 … Alt+9 tick a category, wherever the cursor is
        self._check_amount()
        self.amount.setFocus()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.modifiers() == Qt.KeyboardModifier.AltModifier:
            number = event.key() - Qt.Key.Key_0
            if 1 <= number <= min(9, len(self.category_buttons)):
                self.category_buttons[number - 1].toggle()
                return True
        return super().eventFilter(watched, event)

    def _show_cards(self, cards: list[CardState]) -> None:
        while self.cards_box.count():
            item = self.cards_box.takeAt(0)
            if item.widget():
                item.widget().hide()
                item.widget().deleteLater()
            elif item.layout():
                while item.layout().count():
                    inner = item.layout().takeAt(0)
                    if inner.widget():
                        inner.widget().hide()
                        inner.widget().deleteLater()
        for card in cards:
            if card.reward_ready:
                row = QHBoxLayout()
                text = QLabel(_("Card full – redeem: {reward}").format(reward=card.program.reward))
                text.setObjectName("CardFull")
                redeem = QPushButton(_("Redeem {program}").format(program=card.program.name))
                redeem.setAutoDefault(False)
                redeem.clicked.connect(lambda _checked=False, program_id=card.program.id: self._redeem_card(program_id))
                row.addWidget(text, 1)
                row.addWidget(redeem)
                self.cards_box.addLayout(row)
            else:
                line = QLabel(
                    _("{program}: {stamps} of {required} stamps").format(
                        program=card.program.name, stamps=card.stamps, required=card.required
                    )
                )
                line.setObjectName("CustomerSubline")
                self.cards_box.addWidget(line)

    def _check_amount(self) -> bool:
        text = self.amount.text()
        try:
            cents = parse_amount(text)
        except UserError as error:
            self.amount_hint.setText(error.message if text.strip() else "")
            self.amount_hint.setObjectName("FieldError" if text.strip() else "FieldHint")
            self.book_button.setEnabled(False)
            ok = False
        else:
            self.amount_hint.setText("= " + format_money(cents, self._locale))
            self.amount_hint.setObjectName("FieldHint")
            self.book_button.setEnabled(True)
            ok = True
        self.amount_hint.style().unpolish(self.amount_hint)
        self.amount_hint.style().polish(self.amount_hint)
        return ok

    def chosen_items(self) -> tuple[str, ...]:
        chosen = [button.property("category") for button in self.category_buttons if button.isChecked()]
        return tuple(dict.fromkeys([*chosen, *parse_tags(self.items.text())]))

    def _book_it(self) -> None:
        if not self._check_amount():
            self.amount.setFocus()
            return
        moment = self.when.dateTime().toPython()
        try:
            self.result_of_booking = self._book(
                parse_amount(self.amount.text()), self.chosen_items(), self.note.text(), moment
            )
        except UserError as error:
            QMessageBox.warning(self, _("Not booked"), error.message)
            return
        self.accept()

    def _redeem_card(self, program_id: int) -> None:
        try:
            self._redeem(program_id)
        except UserError as error:
            QMessageBox.warning(self, _("Not redeemed"), error.message)
            return
        self.redeemed = True
        self._show_cards(self._cards())
        self.amount.setFocus()
