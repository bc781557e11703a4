"""The whole window as the owner meets it: first start, demo shop, status bar, language, second start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from emma.services.customers import count_customers
from emma.services.settings import language, shop_name
from emma.services.shop import open_shop
from emma.ui import app as app_module
from emma.ui.app import EmmaApp
from emma.ui.views.first_run import FirstRunAssistant
from tests.ui.conftest import when_modal


def _start(qapp, shop, lang="de"):
    qapp.setOrganizationName("FrauEmmaTests")
    emma = EmmaApp(qapp, shop, lang)
    emma.start()
    return emma


def _set_up(assistant, name="Weinhandlung Roth", finish="empty_button"):
    """Through the assistant as the owner: the welcome, her shop's name, Next to the end, then how to begin."""
    assistant.setup_button.click()
    assistant.shop_page.name.setText(name)
    while assistant.current_page() is not None:
        assistant.next_button.click()
    getattr(assistant, finish).click()


def test_an_empty_file_offers_the_demo_shop_and_fills_it(qtbot, qapp, shop, monkeypatch):
    monkeypatch.setattr(app_module, "DEMO_CUSTOMERS", 40)
    offered = when_modal(FirstRunAssistant, lambda assistant: assistant.demo_button.click())
    emma = _start(qapp, shop)
    qtbot.addWidget(emma.window)
    offered.check()
    assert offered[0].demo_button.accessibleName() == "Mit Beispiel-Laden ausprobieren"
    assert count_customers(shop) == 40
    assert emma.customers.model.rowCount() == 40
    assert emma.window.count_label.text() == "40 Kunden"
    emma.pool.waitForDone()


def test_a_shop_set_up_then_the_demo_customers(qtbot, qapp, shop, monkeypatch):
    monkeypatch.setattr(app_module, "DEMO_CUSTOMERS", 20)
    offered = when_modal(FirstRunAssistant, lambda assistant: _set_up(assistant, finish="finish_demo_button"))
    emma = _start(qapp, shop)
    qtbot.addWidget(emma.window)
    offered.check()
    assert shop_name(shop) == "Weinhandlung Roth"
    assert emma.window.windowTitle() == "Frau Emma – Weinhandlung Roth"
    assert count_customers(shop) == 20
    emma.pool.waitForDone()


def test_a_shop_set_up_then_a_list_imported(qtbot, qapp, shop, monkeypatch):
    from emma.ui.views import import_wizard

    opened = []
    monkeypatch.setattr(import_wizard, "choose_and_import", lambda *args: opened.append(args))
    offered = when_modal(FirstRunAssistant, lambda assistant: _set_up(assistant, finish="import_button"))
    emma = _start(qapp, shop)
    qtbot.addWidget(emma.window)
    offered.check()
    assert len(opened) == 1 and opened[0][0] is emma.window  # the import wizard's file chooser, over the window
    assert shop_name(shop) == "Weinhandlung Roth"


def test_an_empty_start_stays_empty_and_is_not_asked_again(qtbot, qapp, shop):
    offered = when_modal(FirstRunAssistant, _set_up)
    emma = _start(qapp, shop)
    qtbot.addWidget(emma.window)
    offered.check()
    assert count_customers(shop) == 0
    assert emma.window.count_label.text() == "0 Kunden"
    assert [emma.window.navigation.item(row).text() for row in range(5)] == [
        "Heute",
        "Kunden",
        "Briefe",
        "Auswertung",
        "Einstellungen",
    ]
    qtbot.waitUntil(lambda: bool(emma.today.day_label.text()))  # the list is filled once the window has painted
    assert emma.today.empty_label.isVisibleTo(emma.today)
    emma.window.close()
    again = _start(qapp, shop)  # set up once: no assistant on the still empty file
    qtbot.addWidget(again.window)
    assert again.window.isVisible()
    again.today.wait_for_reload()


def test_an_english_setup_opens_an_english_window(qtbot, qapp, shop):
    def in_english(assistant):
        assistant.language_buttons["en"].click()
        _set_up(assistant, name="Corner Café")

    offered = when_modal(FirstRunAssistant, in_english)
    emma = _start(qapp, shop)
    qtbot.addWidget(emma.window)
    offered.check()
    assert language(shop) == "en"
    assert emma.window.navigation.item(1).text() == "Customers"
    emma.today.wait_for_reload()


def test_the_window_keeps_its_size_and_opens_on_heute(qtbot, qapp, shop, people):
    emma = _start(qapp, shop)
    emma.window.show_area("customers")
    emma.window.resize(800, 560)  # the offscreen screen is 800 × 600; the default would be 800 × 540
    emma.today.wait_for_reload()
    emma.window.close()
    again = _start(qapp, shop)
    qtbot.addWidget(again.window)
    assert again.window.size().height() == 560
    assert again.window.current_area() == "today"
    again.today.wait_for_reload()


def test_the_auswertung_is_built_when_first_shown(qtbot, qapp, shop, people):
    from emma.ui.views.insights_view import InsightsView

    emma = _start(qapp, shop)
    qtbot.addWidget(emma.window)
    emma.window.show()
    assert emma.insights.content is None  # the window starts without it (and without Qt Charts)
    emma.window.show_area("insights")
    assert isinstance(emma.insights.content, InsightsView)
    qtbot.waitUntil(lambda: emma.insights.content.data is not None, timeout=20_000)
    emma.today.wait_for_reload()
    emma.pool.waitForDone()


def test_switching_to_english_rebuilds_the_window_and_is_kept(qtbot, qapp, shop, people):
    emma = _start(qapp, shop)
    emma.switch_language("en")
    qtbot.addWidget(emma.window)
    assert emma.window.navigation.item(1).text() == "Customers"
    assert emma.window.count_label.text() == "5 customers"
    assert emma.customers.model.headerData(3, Qt.Orientation.Horizontal) == "Birthday"
    assert language(shop) == "en"


def test_a_second_window_on_the_same_file_is_refused(qtbot, qapp, db_path, monkeypatch):
    first = open_shop(db_path, exclusive=True)
    said = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: said.append(text))
    try:
        assert app_module.run_gui(db_path, "de") == 2
    finally:
        first.close()
    assert said == ["Frau Emma ist mit dieser Kundendatei schon geöffnet. Bitte das offene Fenster benutzen."]


def test_a_bug_is_apologised_for_and_logged(qtbot, qapp, shop, people, monkeypatch):
    emma = _start(qapp, shop)
    qtbot.addWidget(emma.window)
    shown = when_modal(QMessageBox, lambda box: box.done(0))
    emma.report(RuntimeError("kaputt"))
    assert shown and "Ihre Daten sind sicher" in shown[0].text()
    from emma.services.bug_report import log_path

    assert "RuntimeError: kaputt" in log_path().read_text(encoding="utf-8")


def test_qt_own_buttons_speak_german(qtbot, qapp, shop, people):
    from PySide6.QtWidgets import QDialogButtonBox

    emma = _start(qapp, shop)
    qtbot.addWidget(emma.window)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Save).text() == "Speichern"
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
