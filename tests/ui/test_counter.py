"""At the counter, as the owner works: F2, the amount, Enter – and the stamp card fills."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QPushButton

from emma.domain.stamps import EarnRule, StampProgram
from emma.services.categories import set_categories
from emma.services.counter import book_purchase, purchase_history
from emma.services.stamp_cards import cards_for, list_programs, save_program
from emma.ui.models.purchase_history import PurchaseHistoryModel
from emma.ui.views.booking_dialog import BookingDialog
from tests.conftest import NOW, TODAY
from tests.ui.conftest import click, settled, type_text, visible_button, visible_texts, when_modal


@pytest.fixture
def coffee_card(shop):
    set_categories(shop, ["Kaffee", "Kuchen", "Wein"])
    return save_program(shop, StampProgram("Kaffeekarte", 3, "1 Kaffee gratis", categories=("Kaffee",)), now=NOW)


@pytest.fixture
def counter_view(customers_view, coffee_card):
    customers_view.counter._now = lambda: NOW
    return customers_view


def test_f2_amount_enter_books_and_stamps(qtbot, counter_view, shop, people):
    type_text(counter_view.search_field, "weiss")
    settled(qtbot, counter_view)

    def book(dialog: BookingDialog):
        dialog.activateWindow()
        qtbot.waitActive(dialog)
        assert dialog.focusWidget() is dialog.amount
        type_text(dialog.amount, "12,50")
        assert dialog.amount_hint.text() == "= 12,50\xa0€"
        qtbot.keyClick(dialog.amount, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # Alt+1: Kaffee
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)

    seen = when_modal(BookingDialog, book)
    with qtbot.waitSignal(counter_view.status_message) as message:
        qtbot.keyClick(counter_view.search_field, Qt.Key.Key_F2)
    seen.check()
    assert "Einkauf gebucht." in message.args[0] and "1 Stempel dazu." in message.args[0]
    (purchase,) = purchase_history(shop, people[0].id)
    assert (purchase.amount_cents, purchase.items) == (1250, ("Kaffee",))
    assert [card.stamps for card in cards_for(shop, people[0].id, TODAY)] == [1]
    assert any("1 von 3" in text for text in visible_texts(counter_view.detail))
    assert counter_view.detail.tabs.tabText(1) == "Einkäufe (1)"


def test_a_malformed_amount_cannot_be_booked(qtbot, counter_view, shop, people):
    type_text(counter_view.search_field, "weiss")
    settled(qtbot, counter_view)

    def try_it(dialog: BookingDialog):
        type_text(dialog.amount, "zwölf")
        assert not dialog.book_button.isEnabled()
        assert "kein Betrag" in dialog.amount_hint.text()
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
        assert dialog.isVisible()
        dialog.reject()

    seen = when_modal(BookingDialog, try_it)
    counter_view.book_for_current()
    seen.check()
    assert purchase_history(shop, people[0].id) == []


def test_a_full_card_says_so_and_redeems_with_one_click(qtbot, counter_view, shop, people):
    for _ in range(4):
        book_purchase(shop, people[0].id, 300, items=("Kaffee",), now=NOW, at=datetime(2026, 11, 20, 9))
    type_text(counter_view.search_field, "weiss")
    settled(qtbot, counter_view)
    texts = visible_texts(counter_view.detail)
    assert "Karte voll – 1 Kaffee gratis einlösen" in texts
    with qtbot.waitSignal(counter_view.status_message) as message:
        click(qtbot, visible_button(counter_view.detail, "Einlösen"))
    assert message.args[0] == "Eingelöst: 1 Kaffee gratis. 1 Stempel übertragen."
    assert [card.stamps for card in cards_for(shop, people[0].id, TODAY)] == [1]


def test_the_booking_dialog_offers_to_redeem_a_full_card(qtbot, counter_view, shop, people):
    for _ in range(3):
        book_purchase(shop, people[0].id, 300, items=("Kaffee",), now=NOW)
    type_text(counter_view.search_field, "weiss")
    settled(qtbot, counter_view)

    def redeem_then_cancel(dialog: BookingDialog):
        assert "Karte voll – 1 Kaffee gratis einlösen" in visible_texts(dialog)
        click(qtbot, visible_button(dialog, "Kaffeekarte einlösen"))
        assert "Kaffeekarte: 0 von 3 Stempeln" in visible_texts(dialog)
        dialog.reject()

    seen = when_modal(BookingDialog, redeem_then_cancel)
    with qtbot.waitSignal(counter_view.status_message):
        counter_view.book_for_current()
    seen.check()
    assert [card.stamps for card in cards_for(shop, people[0].id, TODAY)] == [0]


def test_reversing_a_purchase_keeps_it_marked_in_the_history(qtbot, counter_view, shop, people, monkeypatch):
    book_purchase(shop, people[0].id, 1999, items=("Kaffee",), now=NOW)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("falsch getippt", True))
    type_text(counter_view.search_field, "weiss")
    settled(qtbot, counter_view)
    counter_view.detail.tabs.setCurrentIndex(1)
    table = counter_view.detail.history_table
    table.selectRow(0)
    with qtbot.waitSignal(counter_view.status_message) as message:
        qtbot.mouseClick(counter_view.detail.reverse_button, Qt.MouseButton.LeftButton)
    assert message.args[0] == "Einkauf über 19,99\xa0€ storniert."
    model = counter_view.detail.history
    assert model.index(0, PurchaseHistoryModel.NOTE).data() == "Storniert: falsch getippt"
    assert model.index(0, PurchaseHistoryModel.AMOUNT).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert [card.stamps for card in cards_for(shop, people[0].id, TODAY)] == [0]


def test_a_suggestion_is_taken_into_her_likes_with_one_click(qtbot, counter_view, shop, people):
    for _ in range(3):
        book_purchase(shop, people[1].id, 800, items=("Wein",), now=NOW)
    type_text(counter_view.search_field, "mueller")
    settled(qtbot, counter_view)
    with qtbot.waitSignal(counter_view.status_message):
        click(qtbot, visible_button(counter_view.detail, "kauft oft: Wein"))
    from emma.services.customers import get_customer

    assert "Wein" in get_customer(shop, people[1].id).preferences.likes
    QApplication.processEvents()
    assert not [
        b
        for b in counter_view.detail.findChildren(QPushButton)
        if "kauft oft: Wein" in b.text() and b.isVisibleTo(counter_view.detail)
    ]


def test_history_model_pages_and_passes_the_model_tester(qtmodeltester, shop, people):
    for day in range(1, 26):
        book_purchase(shop, people[0].id, 100 * day, now=NOW, at=datetime(2026, 10, day, 10))
    model = PurchaseHistoryModel("de_DE", page_size=10)
    model.show_history(lambda after, limit: purchase_history(shop, people[0].id, after=after, limit=limit))
    assert model.rowCount() == 10
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 25
    assert model.index(0, PurchaseHistoryModel.DATE).data() == "25.10.2026 10:00"
    qtmodeltester.check(model)


def test_settings_create_a_stamp_program(qtbot, shop):
    from emma.ui.views.settings_view import SettingsView
    from emma.ui.views.stamp_program_dialog import StampProgramDialog

    set_categories(shop, ["Brot", "Kaffee"])
    view = SettingsView(shop, "de", "de_DE")
    qtbot.addWidget(view)

    def fill(dialog: StampProgramDialog):
        type_text(dialog.name, "Brotkarte")
        dialog.required.setValue(8)
        type_text(dialog.reward, "1 Brot gratis")
        dialog.per_amount.setChecked(True)
        dialog.step.setText("5,00")
        dialog.cap.setValue(2)
        dialog.categories.item(0).setCheckState(Qt.CheckState.Checked)
        dialog.limited.setChecked(True)
        dialog.months.setValue(6)
        dialog._save_it()

    seen = when_modal(StampProgramDialog, fill)
    view.edit_program(new=True)
    seen.check()
    (program,) = list_programs(shop)
    assert program == StampProgram(
        "Brotkarte", 8, "1 Brot gratis", EarnRule.PER_AMOUNT, 0, 500, 2, ("Brot",), 6, True, id=program.id
    )
    assert view.programs.item(0).text().startswith("Brotkarte: 8 Stempel → 1 Brot gratis")


def test_settings_edit_the_categories(qtbot, shop):
    from emma.services.categories import list_categories
    from emma.ui.views.settings_view import SettingsView

    set_categories(shop, ["Brot", "Kaffee"])
    view = SettingsView(shop, "de", "de_DE")
    qtbot.addWidget(view)
    view.categories.item(1).setText("Espresso")
    assert list_categories(shop) == ["Brot", "Espresso"]
    view.categories.setCurrentRow(0)
    view.remove_category_button.click()
    assert list_categories(shop) == ["Espresso"]


def test_printing_her_card_saves_a_pdf_and_opens_it(
    qtbot, counter_view, shop, people, coffee_card, tmp_path, monkeypatch
):
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "karte.pdf"
    opened = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PDF (*.pdf)"))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    with qtbot.waitSignal(counter_view.status_message) as message:
        counter_view.counter.print_card(people[0].id, coffee_card.id)
    assert target.read_bytes().startswith(b"%PDF")
    assert opened == [str(target)]
    assert message.args[0] == f"Stempelkarte gespeichert unter {target}."
