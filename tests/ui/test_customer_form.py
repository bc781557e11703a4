"""The customer form checks as the owner types and saves only what is valid."""

from __future__ import annotations

from PySide6.QtCore import Qt

from emma.domain.customer import Customer
from emma.domain.errors import ValidationError
from emma.ui.views.customer_form import CustomerForm
from tests.conftest import TODAY
from tests.ui.conftest import type_text


def _form(qtbot, customer=None, save=None):
    saved = []

    def remember(changed):
        saved.append(changed)
        return changed

    form = CustomerForm(customer, save or remember, TODAY, "de_DE")
    qtbot.addWidget(form)
    form.show()
    return form, saved


def test_empty_form_cannot_be_saved(qtbot):
    form, _saved = _form(qtbot)
    assert not form.save_button.isEnabled()
    assert not form.errors["last_name"].isVisibleTo(form), "no reproach before the owner typed anything"
    type_text(form.last_name, "H")
    assert form.save_button.isEnabled()
    qtbot.keyClick(form.last_name, Qt.Key.Key_Backspace)
    assert not form.save_button.isEnabled()
    assert form.errors["last_name"].isVisibleTo(form)
    type_text(form.last_name, "Huber")
    assert form.save_button.isEnabled()
    assert not form.errors["last_name"].isVisibleTo(form)


def test_german_dates_are_read_and_explained(qtbot):
    form, _saved = _form(qtbot, Customer(last_name="Huber"))
    type_text(form.birthday, "3.7.65")
    assert form.birthday_hint.text() == "= 3. Juli 1965 · 61 Jahre alt"
    form.birthday.clear()
    type_text(form.birthday, "03.07.")
    assert "3. Juli" in form.birthday_hint.text() and "Jahr unbekannt" in form.birthday_hint.text()
    form.birthday.clear()
    type_text(form.birthday, "31.02.1970")
    assert not form.save_button.isEnabled()
    assert form.errors["birthday"].text() == "Diesen Tag gibt es im Kalender nicht."


def test_postal_code_follows_the_country(qtbot):
    form, _saved = _form(qtbot, Customer(last_name="Huber"))
    type_text(form.postal_code, "1010")
    assert not form.save_button.isEnabled()
    assert "12345" in form.errors["postal_code"].text()
    form.country.setCurrentIndex(form.country.findData("AT"))
    assert form.save_button.isEnabled()


def test_email_is_checked(qtbot):
    form, _saved = _form(qtbot, Customer(last_name="Huber"))
    type_text(form.email, "huber@")
    assert not form.save_button.isEnabled()
    type_text(form.email, "example.de")
    assert form.save_button.isEnabled()


def test_save_hands_over_every_field(qtbot):
    form, saved = _form(qtbot)
    type_text(form.first_name, "Anne-Marie")
    type_text(form.last_name, "O'Brien")
    type_text(form.preference_fields["sizes"], "38, M")
    type_text(form.notes, "Tom & Jerry <b>")
    form.form_du.setChecked(True)
    form.postal_mail.setChecked(False)
    qtbot.keyClick(form.save_button, Qt.Key.Key_Space)
    (customer,) = saved
    assert (customer.first_name, customer.last_name) == ("Anne-Marie", "O'Brien")
    assert customer.preferences.sizes == ("38", "M")
    assert customer.notes == "Tom & Jerry <b>"
    assert customer.address_form.value == "du"
    assert customer.consent.postal_objected_on == TODAY


def test_problems_found_when_saving_are_shown_and_the_form_stays(qtbot):
    def refuse(_customer):
        raise ValidationError({"email": "Diese Adresse gibt es schon."})

    form, _saved = _form(qtbot, Customer(last_name="Huber"), refuse)
    qtbot.keyClick(form.save_button, Qt.Key.Key_Space)
    assert form.isVisible()
    assert form.errors["email"].text() == "Diese Adresse gibt es schon."
