"""Heute as the owner uses it: the day's list, one click to deal with a reminder, paper, new arrivals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QMenu, QMessageBox

from emma.domain.birthdays import Birthday
from emma.domain.customer import Customer, Preferences, Salutation
from emma.services.customers import save_customer
from emma.services.reminders import reminders_for
from emma.ui.models.reminder_list import ReminderListModel
from emma.ui.views.arrival_dialog import ArrivalDialog
from emma.ui.views.today_view import ActionsDelegate, TodayView
from emma.ui.views.todo_dialog import TodoDialog
from tests.conftest import NOW, TODAY
from tests.ui.conftest import settled, type_text, visible_texts, when_modal


@pytest.fixture
def opened_files(monkeypatch) -> list[str]:
    """What the view hands to the desktop to open (a PDF viewer), instead of opening it."""
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    return opened


@pytest.fixture
def day():
    """The view's today, changeable by a test: [date]."""
    return [TODAY]


@pytest.fixture
def today_view(qtbot, shop, day):
    save_customer(shop, Customer(first_name="Anna", last_name="Müller", salutation=Salutation.FRAU,
                                 phone="0170 1234567", birthday=Birthday(11, 23, 1966)), now=NOW)  # fmt: skip
    save_customer(shop, Customer(first_name="Jürgen", last_name="Weiß", birthday=Birthday(11, 26)), now=NOW)
    pool = QThreadPool()
    view = TodayView(shop, lambda: day[0], "de_DE", pool)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    qtbot.waitExposed(view)
    view.reload()
    view.wait_for_reload()
    yield view
    view.wait_for_reload()
    pool.waitForDone()


def _rows(view: TodayView) -> list[tuple[str, str]]:
    """(group, "name: reason") as the tree shows them."""
    model = view.model
    rows = []
    for group_row in range(model.rowCount()):
        group = model.index(group_row, 0)
        for row in range(model.rowCount(group)):
            name = model.index(row, ReminderListModel.CUSTOMER, group).data()
            reason = model.index(row, ReminderListModel.REASON, group).data()
            rows.append((group.data(), f"{name}: {reason}"))
    return rows


def _click_action(qtbot, view: TodayView, name: str, key: str) -> None:
    """Clicks the icon `key` in the row of `name`, as the mouse does."""
    model = view.model
    for group_row in range(model.rowCount()):
        group = model.index(group_row, 0)
        for row in range(model.rowCount(group)):
            if model.index(row, ReminderListModel.CUSTOMER, group).data() == name:
                index = model.index(row, ReminderListModel.ACTIONS, group)
                rect = dict(ActionsDelegate.rects(view.tree.visualRect(index)))[key]
                QTest.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
                return
    raise AssertionError(f"no row for {name}")


def test_the_day_lists_today_and_this_week_with_the_count(today_view: TodayView) -> None:
    counts = []
    today_view.count_changed.connect(counts.append)
    today_view.reload()
    today_view.wait_for_reload()
    assert _rows(today_view) == [
        ("Heute (1)", "Anna Müller: Runder Geburtstag heute – wird 60"),
        ("Diese Woche (1)", "Jürgen Weiß: Geburtstag am Donnerstag, 26. November"),
    ]
    assert counts == [1]
    assert today_view.day_label.text() == "Montag, 23. November 2026"


def test_done_is_one_click_and_ctrl_z_takes_it_back(qtbot, today_view: TodayView, shop) -> None:
    messages = []
    today_view.status_message.connect(messages.append)
    _click_action(qtbot, today_view, "Anna Müller", "done")
    today_view.wait_for_reload()
    assert [text for _group, text in _rows(today_view)] == ["Jürgen Weiß: Geburtstag am Donnerstag, 26. November"]
    assert messages[-1] == "Erledigt: Anna Müller. Strg+Z nimmt es zurück."
    assert len(reminders_for(shop, TODAY)) == 1  # kept in the file
    QTest.keyClick(today_view.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    today_view.wait_for_reload()
    assert len(_rows(today_view)) == 2


def test_later_tomorrow_moves_it_to_tomorrow(qtbot, today_view: TodayView, day, monkeypatch) -> None:
    offered = []

    def choose_first(menu: QMenu, _position) -> None:  # the owner picks "Morgen" in the menu that opens
        offered.append([action.text() for action in menu.actions()])
        menu.actions()[0].trigger()

    monkeypatch.setattr(QMenu, "popup", choose_first)
    _click_action(qtbot, today_view, "Anna Müller", "snooze")
    today_view.wait_for_reload()
    assert offered == [["Morgen", "In einer Woche", "An einem Tag …"]]
    assert _rows(today_view)[0] == ("Diese Woche (2)", "Anna Müller: Runder Geburtstag morgen – wird 60")
    day[0] = TODAY + timedelta(days=1)
    today_view._check_day()  # what the clock does each minute: the day has turned
    today_view.wait_for_reload()
    assert _rows(today_view)[0] == ("Heute (1)", "Anna Müller: Runder Geburtstag heute – wird 60")


def test_call_shows_her_number_and_copies_it(qtbot, today_view: TodayView, monkeypatch) -> None:
    shown = []

    def fake_exec(box):
        shown.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    _click_action(qtbot, today_view, "Anna Müller", "call")
    assert shown and "0170 1234567" in shown[0]
    # Jürgen has no phone: his call icon does nothing
    _click_action(qtbot, today_view, "Jürgen Weiß", "call")
    assert len(shown) == 1


def test_enter_asks_to_open_the_customer(qtbot, today_view: TodayView) -> None:
    with qtbot.waitSignal(today_view.open_customer) as opened:
        today_view.tree.setFocus()
        QTest.keyClick(today_view.tree, Qt.Key.Key_Return)
    assert opened.args == [today_view.current_reminder().customer_id]


def test_a_birthday_letter_in_one_click_and_the_reminder_is_done(qtbot, today_view: TodayView, shop,
                                                                 opened_files) -> None:  # fmt: skip
    customer = save_customer(shop, Customer(first_name="Clara", last_name="Klein", salutation=Salutation.FRAU,
                                            street="Am Markt 1", postal_code="10115", city="Berlin",
                                            birthday=Birthday(11, 23, 1976)), now=NOW)  # fmt: skip
    today_view.reload()
    today_view.wait_for_reload()
    _click_action(qtbot, today_view, "Clara Klein", "letter")
    today_view.wait_for_reload()
    (path,) = opened_files
    text = PdfReader(path).pages[0].extract_text()
    assert "Sehr geehrte Frau Klein," in text and "runden Geburtstag" in text and "50 Jahre" in text
    assert customer.id not in [r.customer_id for r in reminders_for(shop, TODAY)]


def test_her_letters_show_in_her_panel(qtbot, customers_view, shop, tmp_path) -> None:
    from emma.domain.letters import Occasion
    from emma.services.letters import write_letters

    clara = save_customer(shop, Customer(first_name="Clara", last_name="Klein", street="Am Markt 1",
                                         postal_code="10115", city="Berlin"), now=NOW)  # fmt: skip
    write_letters(shop, Occasion.SEASON, [clara.id], tmp_path / "gruss.pdf", language="de", today=TODAY, now=NOW)
    customers_view.reload()
    type_text(customers_view.search_field, "clara")
    settled(qtbot, customers_view)
    assert "23.11.2026 – Grüße zum Jahresende" in visible_texts(customers_view.detail)


def test_no_letter_without_an_address_says_why(qtbot, today_view: TodayView, monkeypatch) -> None:
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: said.append(text))
    _click_action(qtbot, today_view, "Anna Müller", "letter")  # she has no postal address
    assert said == ["Kein Brief für Anna Müller: keine vollständige Postanschrift."]


def test_the_day_sheet_is_one_a4_page_with_the_day(today_view: TodayView, opened_files) -> None:
    today_view.print_button.click()
    (path,) = opened_files
    pdf = PdfReader(path)
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "Tageszettel" in text and "Montag, 23. November 2026" in text
    assert "Anna Müller" in text and "Runder Geburtstag heute – wird 60" in text and "0170 1234567" in text


def test_a_personal_reminder_from_the_customer_appears_on_its_day(qtbot, customers_view, shop) -> None:
    anna = next(p for p in reminders_for(shop, TODAY, days=365) if "Anna" in p.person.name).customer_id
    customers_view.show_customer(anna)

    def fill(dialog: TodoDialog):
        type_text(dialog.text, "Fragen, ob der Riesling geschmeckt hat")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    saved = when_modal(TodoDialog, fill)
    with qtbot.waitSignal(customers_view.reminders_changed):
        customers_view.detail.todo_button.click()
    saved.check()
    found = [r for r in reminders_for(shop, TODAY + timedelta(days=1), days=0) if r.kind.value == "todo"]
    assert [(r.customer_id, r.note) for r in found] == [(anna, "Fragen, ob der Riesling geschmeckt hat")]


def test_an_empty_to_do_is_refused_in_the_dialog(qtbot, customers_view, shop) -> None:
    customers_view.show_customer(reminders_for(shop, TODAY, days=365)[0].customer_id)

    def save_empty(dialog: TodoDialog):
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
        assert dialog.isVisible() and dialog.problem.text() == "Bitte schreiben Sie, woran Frau Emma erinnern soll."
        dialog.reject()

    seen = when_modal(TodoDialog, save_empty)
    customers_view.detail.todo_button.click()
    seen.check()


def test_a_new_arrival_finds_who_likes_it_and_prints_a_call_list(qtbot, shop, opened_files) -> None:
    save_customer(shop, Customer(first_name="Clara", last_name="Klein", phone="030 555",
                                 preferences=Preferences(likes=("Riesling",))), now=NOW)  # fmt: skip
    save_customer(shop, Customer(first_name="Dora", last_name="Dorn", preferences=Preferences(dislikes=("Riesling",))),
                  now=NOW)  # fmt: skip
    dialog = ArrivalDialog(shop, "de_DE")
    qtbot.addWidget(dialog)
    completer = dialog.field.completer()
    assert completer.model().data(completer.model().index(0, 0)) == "Riesling"  # offered as she types
    dialog.field.setCompleter(None)  # its popup cannot open offscreen
    type_text(dialog.field, "Ries")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert dialog.count_label.text() == "1 Kundin mag „Ries“."
    assert dialog.letters_button.isEnabled()
    dialog.print_button.click()
    (path,) = opened_files
    text = PdfReader(path).pages[0].extract_text()
    assert "Clara Klein" in text and "030 555" in text and "Dora" not in text


def test_visible_texts_of_an_empty_day(qtbot, shop) -> None:
    pool = QThreadPool()
    view = TodayView(shop, lambda: date(2026, 1, 5), "de_DE", pool)
    qtbot.addWidget(view)
    view.show()
    view.reload()
    view.wait_for_reload()
    assert "Heute gibt es nichts zu erinnern. Einen schönen Tag!" in visible_texts(view)
    pool.waitForDone()


def test_a_new_arrival_writes_letters_to_who_likes_it(qtbot, shop, opened_files) -> None:
    save_customer(shop, Customer(first_name="Clara", last_name="Klein", salutation=Salutation.FRAU,
                                 street="Am Markt 1", postal_code="10115", city="Berlin",
                                 preferences=Preferences(likes=("Riesling",))), now=NOW)  # fmt: skip
    save_customer(shop, Customer(first_name="Otto", last_name="Ohne", preferences=Preferences(likes=("Riesling",))),
                  now=NOW)  # fmt: skip
    dialog = ArrivalDialog(shop, "de_DE")
    qtbot.addWidget(dialog)
    dialog.field.setCompleter(None)
    dialog.field.setText("Riesling")
    qtbot.waitUntil(dialog.letters_button.isEnabled)  # the list follows the typing after a short pause
    dialog.letters_button.click()
    (path,) = opened_files
    text = PdfReader(path).pages[0].extract_text()
    assert "Neu bei uns: Riesling" in text and "Sehr geehrte Frau Klein," in text
    expected = "Briefe: 1, ausgelassen: 1 (keine Briefe gewünscht oder keine Adresse)."
    assert dialog.count_label.text() == expected


def test_all_letters_of_an_occasion_are_offered_with_their_count(qtbot, today_view: TodayView) -> None:
    wanted = []
    today_view.letters_wanted.connect(wanted.append)
    menu = today_view.letters_button.menu()
    menu.aboutToShow.emit()
    actions = [action for action in menu.actions() if action.isEnabled()]
    assert [action.text() for action in actions] == ["Geburtstag: 2 Briefe …"]
    actions[0].trigger()
    assert wanted == ["birthday"]


def test_once_its_shop_is_closed_a_reload_asked_for_before_leaves_the_file_alone(qtbot, shop, files_opened) -> None:
    """The window closes its file to restore a backup; an answer still on its way must not open it again."""
    pool = QThreadPool()
    view = TodayView(shop, lambda: TODAY, "de_DE", pool)
    qtbot.addWidget(view)
    view.reload()
    view.reload()  # asked while the first is computed: run after it
    pool.waitForDone()
    shop.close()
    view.wait_for_reload()  # the first answer arrives
    pool.waitForDone()
    assert len(files_opened) == 1
