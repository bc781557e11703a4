"""The Kunden area, driven like the owner drives it: keyboard first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from emma.services.customers import get_customer
from emma.ui.models.customer_list import CustomerIdRole
from emma.ui.views.customer_form import CustomerForm
from tests.ui.conftest import settled, type_text, when_modal


def _names(view):
    model = view.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _detail_texts(view):
    return [label.text() for label in view.detail.findChildren(QLabel)]


def test_typing_narrows_the_list_on_each_keystroke(qtbot, customers_view):
    assert len(_names(customers_view)) == 5
    type_text(customers_view.search_field, "mue")
    settled(qtbot, customers_view)
    assert _names(customers_view) == ["Müller, Anna"]
    customers_view.search_field.clear()
    type_text(customers_view.search_field, "sahin")
    settled(qtbot, customers_view)
    assert _names(customers_view) == ["Şahin, Seda"]


def test_the_first_match_shows_at_a_glance(qtbot, customers_view):
    type_text(customers_view.search_field, "weiss")
    settled(qtbot, customers_view)
    texts = _detail_texts(customers_view)
    assert "Jürgen Weiß" in texts
    assert any("3. Juli 1965" in text and "61 Jahre alt" in text for text in texts)
    assert "Riesling" in texts and "Nüsse" in texts
    assert "Mag trockene Weine." in texts


def test_birthday_today_is_announced(qtbot, customers_view):
    type_text(customers_view.search_field, "obrien")
    settled(qtbot, customers_view)
    assert any("hat heute Geburtstag!" in text for text in _detail_texts(customers_view))


def test_no_match_shows_a_hint(qtbot, customers_view):
    type_text(customers_view.search_field, "zzzz")
    settled(qtbot, customers_view)
    assert _names(customers_view) == []
    assert not customers_view.detail.edit_button.isEnabled()


def test_arrow_down_moves_into_the_list_and_escape_back(qtbot, customers_view):
    qtbot.keyClick(customers_view.search_field, Qt.Key.Key_Down)
    assert customers_view.table.hasFocus() or QApplication.focusWidget() is customers_view.table
    assert customers_view.table.currentIndex().row() == 1
    qtbot.keyClick(customers_view.table, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is customers_view.search_field


def test_enter_opens_the_customer_and_saving_changes_her(qtbot, customers_view, shop, people):
    type_text(customers_view.search_field, "weiss")
    settled(qtbot, customers_view)

    def edit(form: CustomerForm):
        assert form.first_name.text() == "Jürgen"
        form.city.clear()
        type_text(form.city, "Fürth")
        form.preference_fields["likes"].clear()
        type_text(form.preference_fields["likes"], "Riesling, Grauburgunder")
        qtbot.keyClick(form.save_button, Qt.Key.Key_Space)

    opened = when_modal(CustomerForm, edit)
    qtbot.keyClick(customers_view.search_field, Qt.Key.Key_Return)
    opened.check()
    saved = get_customer(shop, people[0].id)
    assert saved.city == "Fürth"
    assert saved.preferences.likes == ("Riesling", "Grauburgunder")
    assert "Grauburgunder" in _detail_texts(customers_view)


def test_new_customer_with_ctrl_n(qtbot, customers_view, shop):
    def fill(form: CustomerForm):
        type_text(form.first_name, "Ðorđe")
        type_text(form.last_name, "Ðorđević")
        type_text(form.birthday, "3.7.65")
        qtbot.keyClick(form.save_button, Qt.Key.Key_Space)

    opened = when_modal(CustomerForm, fill)
    qtbot.keyClick(customers_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    opened.check()
    customers_view.search_field.clear()
    type_text(customers_view.search_field, "dord")
    settled(qtbot, customers_view)
    assert _names(customers_view) == ["Ðorđević, Ðorđe"]
    customer_id = customers_view.model.index(0, 0).data(CustomerIdRole)
    assert get_customer(shop, customer_id).birthday.iso() == "1965-07-03"


def test_archiving_removes_her_from_the_list(qtbot, customers_view, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    type_text(customers_view.search_field, "wojcik")
    settled(qtbot, customers_view)
    assert _names(customers_view) == ["Wójcik, Łukasz"]
    with qtbot.waitSignal(customers_view.customers_changed):
        qtbot.mouseClick(customers_view.detail.archive_button, Qt.MouseButton.LeftButton)
    assert _names(customers_view) == []


def test_the_list_narrows_to_a_segment_of_the_auswertung(qtbot, customers_view, shop):
    from datetime import datetime

    from emma.services.counter import book_purchase
    from emma.services.insights import insights
    from tests.conftest import TODAY

    everyone = customers_view.model.rowCount()
    first_id = customers_view.model.index(0, 0).data(CustomerIdRole)
    book_purchase(shop, first_id, 5000, at=datetime(2026, 11, 20, 10, 0), now=datetime(2026, 11, 20, 10, 0))
    insights(shop, TODAY)  # the Auswertung keeps everyone's segments
    customers_view.choose_segment(("abc", "A"))
    assert customers_view.segment_filter.currentText() == "A-Kundinnen"
    assert customers_view.model.rowCount() == 1
    customers_view.segment_filter.setCurrentIndex(0)  # all customers again
    assert customers_view.model.rowCount() == everyone
