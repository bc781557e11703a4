"""New or changed customer: a form that checks each field as the owner types."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from emma.domain.birthdays import Birthday, parse_birthday
from emma.domain.customer import AddressForm, Consent, Customer, Preferences, Salutation, parse_tags
from emma.domain.errors import UserError, ValidationError
from emma.domain.validation import COUNTRIES, MAX_LENGTHS, check_email, check_phone, check_postal_code
from emma.i18n import _, ngettext
from emma.i18n.formats import country_name, format_date, format_day_month


class CustomerForm(QDialog):
    """Edits a `Customer` value; `customer()` gives the edited one once the dialog is accepted."""

    def __init__(
        self,
        customer: Customer | None,
        save: Callable[[Customer], Customer],
        today: date,
        locale: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._original = customer or Customer()
        self._save_customer = save
        self.saved: Customer | None = None
        self._today = today
        self._locale = locale
        self.setWindowTitle(_("New customer") if customer is None else _("Edit customer"))
        self.setMinimumSize(720, 560)

        self.salutation = QComboBox()
        for salutation in Salutation:
            self.salutation.addItem(salutation.label(), salutation)
        self.title = QLineEdit()
        self.title.setPlaceholderText(_("e.g. Dr."))
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.street = QLineEdit()
        self.postal_code = QLineEdit()
        self.postal_code.setMaximumWidth(110)
        self.city = QLineEdit()
        self.country = QComboBox()
        for code in COUNTRIES:
            self.country.addItem(country_name(code, locale), code)
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.birthday = QLineEdit()
        self.birthday.setPlaceholderText(_("e.g. 03.07.1965 or 03.07."))
        self.birthday_hint = _hint_label()
        self.customer_since = QDateEdit()
        self.customer_since.setCalendarPopup(True)
        self.customer_since.setDisplayFormat("dd.MM.yyyy")
        self.form_sie = QRadioButton(AddressForm.SIE.label())
        self.form_du = QRadioButton(AddressForm.DU.label())
        self._address_form = QButtonGroup(self)
        self._address_form.addButton(self.form_sie)
        self._address_form.addButton(self.form_du)
        self.preference_fields: dict[str, QLineEdit] = {}
        for kind in Preferences.kinds():
            field = QLineEdit()
            field.setPlaceholderText(_("several, separated by commas"))
            self.preference_fields[kind] = field
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(70)
        self.postal_mail = QCheckBox(_("Letters by post allowed"))
        self.email_allowed = QCheckBox(_("E-mail allowed"))

        for name in ("title", "first_name", "last_name", "street", "city", "phone", "email"):
            getattr(self, name).setMaxLength(MAX_LENGTHS[name])
        self.errors: dict[str, QLabel] = {
            name: _error_label() for name in ("last_name", "postal_code", "email", "phone", "birthday")
        }

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

        self._lay_out()
        self.save_button.setDefault(True)  # only once the button is inside the dialog does this stick
        self._fill(self._original)
        for field in (
            self.first_name,
            self.last_name,
            self.postal_code,
            self.email,
            self.phone,
            self.birthday,
        ):
            field.textChanged.connect(self._validate)
        self.country.currentIndexChanged.connect(self._validate)
        # A new, untouched form does not shout "name missing" before the owner typed anything.
        self._name_touched = customer is not None
        for field in (self.first_name, self.last_name):
            field.textEdited.connect(self._touch_name)
        self._validate()
        self.first_name.setFocus()

    # --- layout ---------------------------------------------------------------------------------

    def _lay_out(self) -> None:
        person = QGroupBox(_("Person"))
        grid = QGridLayout(person)
        grid.addWidget(QLabel(_("Salutation")), 0, 0)
        grid.addWidget(self.salutation, 0, 1)
        grid.addWidget(QLabel(_("Title")), 0, 2)
        grid.addWidget(self.title, 0, 3)
        grid.addWidget(_buddy(_("First name"), self.first_name), 1, 0)
        grid.addWidget(self.first_name, 1, 1)
        grid.addWidget(_buddy(_("Last name"), self.last_name), 1, 2)
        grid.addWidget(self.last_name, 1, 3)
        grid.addWidget(self.errors["last_name"], 2, 1, 1, 3)
        grid.addWidget(_buddy(_("Birthday"), self.birthday), 3, 0)
        grid.addWidget(self.birthday, 3, 1)
        grid.addWidget(self.birthday_hint, 3, 2, 1, 2)
        grid.addWidget(self.errors["birthday"], 4, 1, 1, 3)
        grid.addWidget(QLabel(_("Form of address")), 5, 0)
        forms = QHBoxLayout()
        forms.addWidget(self.form_sie)
        forms.addWidget(self.form_du)
        forms.addStretch()
        grid.addLayout(forms, 5, 1, 1, 2)
        grid.addWidget(QLabel(_("Customer since")), 6, 0)
        grid.addWidget(self.customer_since, 6, 1)

        contact = QGroupBox(_("Address and contact"))
        form = QGridLayout(contact)
        form.addWidget(_buddy(_("Street"), self.street), 0, 0)
        form.addWidget(self.street, 0, 1, 1, 3)
        form.addWidget(_buddy(_("Postal code / city"), self.postal_code), 1, 0)
        place = QHBoxLayout()
        place.addWidget(self.postal_code)
        place.addWidget(self.city, 1)
        place.addWidget(self.country)
        form.addLayout(place, 1, 1, 1, 3)
        form.addWidget(self.errors["postal_code"], 2, 1, 1, 3)
        form.addWidget(_buddy(_("Phone"), self.phone), 3, 0)
        form.addWidget(self.phone, 3, 1)
        form.addWidget(_buddy(_("E-mail"), self.email), 3, 2)
        form.addWidget(self.email, 3, 3)
        form.addWidget(self.errors["phone"], 4, 1)
        form.addWidget(self.errors["email"], 4, 3)
        consent = QHBoxLayout()
        consent.addWidget(self.postal_mail)
        consent.addWidget(self.email_allowed)
        consent.addStretch()
        form.addLayout(consent, 5, 1, 1, 3)

        likes = QGroupBox(_("Preferences and notes"))
        tags = QFormLayout(likes)
        for kind, field in self.preference_fields.items():
            tags.addRow(_buddy(Preferences.kind_label(kind), field), field)
        tags.addRow(_buddy(_("Notes"), self.notes), self.notes)

        content = QWidget()
        column = QVBoxLayout(content)
        for box in (person, contact, likes):
            column.addWidget(box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.buttons)
        self.setTabOrder(self.first_name, self.last_name)

    # --- values ---------------------------------------------------------------------------------

    def _fill(self, customer: Customer) -> None:
        self.salutation.setCurrentIndex(self.salutation.findData(customer.salutation))
        self.title.setText(customer.title)
        self.first_name.setText(customer.first_name)
        self.last_name.setText(customer.last_name)
        self.street.setText(customer.street)
        self.postal_code.setText(customer.postal_code)
        self.city.setText(customer.city)
        index = self.country.findData(customer.country)
        if index < 0:
            self.country.addItem(country_name(customer.country, self._locale), customer.country)
            index = self.country.count() - 1
        self.country.setCurrentIndex(index)
        self.phone.setText(customer.phone)
        self.email.setText(customer.email)
        self.birthday.setText(_birthday_text(customer.birthday))
        since = customer.customer_since or self._today
        self.customer_since.setDate(QDate(since.year, since.month, since.day))
        (self.form_du if customer.address_form is AddressForm.DU else self.form_sie).setChecked(True)
        for kind, field in self.preference_fields.items():
            field.setText(", ".join(getattr(customer.preferences, kind)))
        self.notes.setPlainText(customer.notes)
        self.postal_mail.setChecked(customer.consent.postal_mail)
        self.email_allowed.setChecked(customer.consent.email)

    def customer(self) -> Customer:
        """The customer as the form shows her now (the birthday must be valid)."""
        since = self.customer_since.date()
        postal_mail = self.postal_mail.isChecked()
        objected = self._original.consent.postal_objected_on
        if not postal_mail and (objected is None or self._original.consent.postal_mail):
            objected = self._today
        return replace(
            self._original,
            salutation=Salutation(self.salutation.currentData()),
            title=self.title.text().strip(),
            first_name=self.first_name.text().strip(),
            last_name=self.last_name.text().strip(),
            street=self.street.text().strip(),
            postal_code=self.postal_code.text().strip(),
            city=self.city.text().strip(),
            country=self.country.currentData(),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            birthday=parse_birthday(self.birthday.text(), self._today),
            customer_since=date(since.year(), since.month(), since.day()),
            address_form=AddressForm.DU if self.form_du.isChecked() else AddressForm.SIE,
            preferences=Preferences(
                **{kind: parse_tags(field.text()) for kind, field in self.preference_fields.items()}
            ),
            notes=self.notes.toPlainText().strip(),
            consent=Consent(
                postal_mail=postal_mail,
                postal_objected_on=None if postal_mail else objected,
                email=self.email_allowed.isChecked(),
            ),
        )

    # --- checking -------------------------------------------------------------------------------

    def _touch_name(self) -> None:
        if not self._name_touched:
            self._name_touched = True
            self._validate()

    def _validate(self) -> bool:
        country = self.country.currentData()
        has_name = bool(self.first_name.text().strip() or self.last_name.text().strip())
        problems = {
            "last_name": None if has_name else _("Please enter at least a first or a last name."),
            "postal_code": check_postal_code(self.postal_code.text().strip(), country),
            "email": check_email(self.email.text().strip()),
            "phone": check_phone(self.phone.text().strip()),
            "birthday": self._check_birthday(),
        }
        fields = {"last_name": self.last_name, "postal_code": self.postal_code, "email": self.email,
                  "phone": self.phone, "birthday": self.birthday}  # fmt: skip
        shown = dict(problems)
        if not self._name_touched:
            shown["last_name"] = None
        for name, problem in shown.items():
            self.errors[name].setText(problem or "")
            self.errors[name].setVisible(bool(problem))
            field = fields[name]
            field.setProperty("invalid", bool(problem))
            field.style().unpolish(field)
            field.style().polish(field)
        valid = not any(problems.values())
        self.save_button.setEnabled(valid)
        return valid

    def _check_birthday(self) -> str | None:
        try:
            birthday = parse_birthday(self.birthday.text(), self._today)
        except UserError as error:
            self.birthday_hint.setText("")
            return error.message
        self.birthday_hint.setText(self._describe(birthday))
        return None

    def _describe(self, birthday: Birthday | None) -> str:
        if birthday is None:
            return ""
        if birthday.year is None:
            return "= " + format_day_month(birthday.day, birthday.month, self._locale) + " " + _("(year unknown)")
        age = birthday.age_on(self._today) or 0
        when = format_date(date(birthday.year, birthday.month, birthday.day), self._locale, "long")
        return "= " + when + " · " + ngettext("{n} year old", "{n} years old", age).format(n=age)

    def _save(self) -> None:
        if not self._validate():
            return
        try:
            self.saved = self._save_customer(self.customer())
        except ValidationError as error:
            self._show_problems(error.problems)
            return
        except UserError as error:
            QMessageBox.warning(self, _("Not saved"), error.message)
            return
        self.accept()

    def _show_problems(self, problems: dict[str, str]) -> None:
        """Problems the services found when saving are shown at their fields."""
        for name, problem in problems.items():
            label = self.errors.get(name, self.errors["last_name"])
            label.setText(problem)
            label.setVisible(True)


def _birthday_text(birthday: Birthday | None) -> str:
    if birthday is None:
        return ""
    if birthday.year is None:
        return f"{birthday.day:02d}.{birthday.month:02d}."
    return f"{birthday.day:02d}.{birthday.month:02d}.{birthday.year}"


def _buddy(text: str, field: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(field)
    return label


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("FieldError")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def _hint_label() -> QLabel:
    label = QLabel()
    label.setObjectName("FieldHint")
    return label
