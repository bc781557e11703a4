"""The chosen customer at a glance: name, birthday, what she likes, notes and how to reach her."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from emma.domain.customer import AddressForm, Customer, Preferences, Salutation
from emma.i18n import _, ngettext
from emma.i18n.formats import country_name, format_date, format_day_month
from emma.ui.resources import icon
from emma.ui.widgets.flow_layout import FlowLayout


class CustomerDetail(QFrame):
    """Shows one customer; asks (by signal) for her to be edited or archived."""

    edit_requested = Signal(int)
    archive_requested = Signal(int, bool)

    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DetailPanel")
        self._locale = locale
        self._customer: Customer | None = None

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._content = QWidget()
        self._content.setObjectName("DetailContent")
        self._content.setStyleSheet("#DetailContent { background: transparent; }")
        self._body = QVBoxLayout(self._content)
        self._body.setContentsMargins(22, 18, 22, 18)
        self._body.setSpacing(4)
        scroll.setWidget(self._content)
        scroll.viewport().setStyleSheet("background: transparent;")

        self.edit_button = QPushButton(icon("edit"), _("Edit"))
        self.edit_button.setToolTip(_("Edit this customer (Enter)"))
        self.edit_button.clicked.connect(lambda: self._customer and self.edit_requested.emit(self._customer.id))
        self.archive_button = QPushButton(icon("archive"), _("Archive"))
        self.archive_button.clicked.connect(self._archive_clicked)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(22, 0, 22, 16)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.archive_button)
        buttons.addStretch()

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)
        self.show_customer(None, date.today())

    def customer_id(self) -> int | None:
        return self._customer.id if self._customer else None

    def show_customer(self, customer: Customer | None, today: date, *, empty_hint: str = "") -> None:
        """Shows `customer`, or with None the hint `empty_hint` (by default how to find someone)."""
        self._customer = customer
        _clear(self._body)
        self.edit_button.setEnabled(customer is not None)
        self.archive_button.setEnabled(customer is not None)
        if customer is None:
            hint = QLabel(empty_hint or _("Type a name in the search field – the customer appears here at a glance."))
            hint.setObjectName("EmptyHint")
            hint.setWordWrap(True)
            hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._body.addStretch()
            self._body.addWidget(hint)
            self._body.addStretch()
            return
        self.archive_button.setText(_("Restore") if customer.archived else _("Archive"))
        if customer.archived:
            self._add_label(_("Archived – this customer no longer appears in the lists."), "ArchivedBanner")
        self._add_label(customer.full_name, "CustomerName", selectable=True)
        self._add_label(self._subline(customer), "CustomerSubline")
        self._add_birthday(customer, today)
        self._add_preferences(customer.preferences)
        if customer.notes.strip():
            self._add_section(_("Notes"))
            self._add_label(customer.notes, selectable=True)
        self._add_contact(customer)
        self._body.addStretch()

    # --- pieces ---------------------------------------------------------------------------------

    def _subline(self, customer: Customer) -> str:
        parts = []
        if customer.salutation is not Salutation.NONE:
            parts.append(customer.salutation.label())
        parts.append(_("addressed as “Du”") if customer.address_form is AddressForm.DU else _("addressed as “Sie”"))
        if customer.customer_since:
            parts.append(
                _("customer since {date}").format(date=format_date(customer.customer_since, self._locale, "long"))
            )
        return " · ".join(parts)

    def _add_birthday(self, customer: Customer, today: date) -> None:
        birthday = customer.birthday
        self._add_section(_("Birthday"))
        if birthday is None:
            self._add_label(_("not known"), "CustomerSubline")
            return
        if birthday.year:
            when = format_date(date(birthday.year, birthday.month, birthday.day), self._locale, "long")
        else:
            when = format_day_month(birthday.day, birthday.month, self._locale)
        parts = [when]
        age = birthday.age_on(today)
        if age is not None:
            parts.append(ngettext("{n} year old", "{n} years old", age).format(n=age))
        days = birthday.days_until(today)
        if days == 0:
            parts.append(_("birthday today!"))
        elif days == 1:
            parts.append(_("birthday tomorrow"))
        else:
            parts.append(ngettext("in {n} day", "in {n} days", days).format(n=days))
        row = QHBoxLayout()
        cake = QLabel()
        cake.setPixmap(icon("cake").pixmap(18, 18))
        row.addWidget(cake)
        text = QLabel(" · ".join(parts))
        text.setObjectName("BirthdayToday" if days == 0 else "BirthdayLine")
        row.addWidget(text, 1)
        self._body.addLayout(row)

    def _add_preferences(self, preferences: Preferences) -> None:
        self._add_section(_("Preferences"))
        if preferences.is_empty():
            self._add_label(_("none noted yet"), "CustomerSubline")
            return
        for kind in Preferences.kinds():
            tags = getattr(preferences, kind)
            if not tags:
                continue
            label = QLabel(Preferences.kind_label(kind))
            label.setObjectName("CustomerSubline")
            self._body.addWidget(label)
            holder = QWidget()
            flow = FlowLayout(holder)
            for tag in tags:
                chip = QLabel(tag)
                chip.setObjectName("TagWarning" if kind in ("allergies", "dislikes") else "Tag")
                flow.addWidget(chip)
            self._body.addWidget(holder)

    def _add_contact(self, customer: Customer) -> None:
        self._add_section(_("Contact"))
        address = "\n".join(
            line
            for line in (
                customer.street,
                f"{customer.postal_code} {customer.city}".strip(),
                self._foreign_country(customer),
            )
            if line
        )
        for icon_name, text in (("home", address), ("phone", customer.phone), ("mail", customer.email)):
            if not text:
                continue
            row = QHBoxLayout()
            symbol = QLabel()
            symbol.setPixmap(icon(icon_name).pixmap(16, 16))
            symbol.setAlignment(Qt.AlignmentFlag.AlignTop)
            row.addWidget(symbol)
            value = QLabel(text)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row.addWidget(value, 1)
            self._body.addLayout(row)
        consent = [
            _("letters welcome") if customer.consent.postal_mail else _("no letters (objected)"),
            _("e-mail allowed") if customer.consent.email else _("no e-mail"),
        ]
        self._add_label(" · ".join(consent), "CustomerSubline")

    def _foreign_country(self, customer: Customer) -> str:
        """The country line of an address, left out for the shop's own country."""
        home = self._locale.split("_")[-1]
        return "" if customer.country == home else country_name(customer.country, self._locale)

    def _add_section(self, title: str) -> None:
        self._add_label(title.upper(), "SectionTitle")

    def _add_label(self, text: str, name: str = "", *, selectable: bool = False) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if name:
            label.setObjectName(name)
        if selectable:
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._body.addWidget(label)
        return label

    def _archive_clicked(self) -> None:
        if self._customer is not None:
            self.archive_requested.emit(self._customer.id, not self._customer.archived)


def _clear(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().hide()  # deleted later, but it must not be seen meanwhile
            item.widget().deleteLater()
        elif item.layout() is not None:
            _clear(item.layout())
            item.layout().deleteLater()
