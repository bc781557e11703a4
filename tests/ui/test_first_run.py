"""The first-run assistant driven like the owner would: step by step to a configured shop."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from emma.domain.shop_setup import ShopKind
from emma.domain.stamps import EarnRule
from emma.services import backups, stamp_cards
from emma.services import settings as shop_settings
from emma.services.categories import list_categories
from emma.services.setup import needs_setup
from emma.ui.views.first_run import FirstRunAssistant
from tests.ui.conftest import type_text


@pytest.fixture(autouse=True)
def closing_is_confirmed(monkeypatch):
    """Closing the assistant halfway asks first; a test that ends there (or fails) closes it without a wait."""
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)


def _assistant(qtbot, shop, language="de"):
    assistant = FirstRunAssistant(shop, language)
    qtbot.addWidget(assistant)
    assistant.show()
    qtbot.waitExposed(assistant)
    return assistant


def _choose(group, key):
    button = next(button for button in group.buttons() if button.property("key") == key)
    button.click()


def test_a_cafe_in_switzerland_is_set_up_step_by_step(qtbot, shop, tmp_path, monkeypatch):
    logo = tmp_path / "logo.png"
    image = QImage(80, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#2f5d50"))
    image.save(str(logo))
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(logo), ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(stick))

    assistant = _assistant(qtbot, shop)
    assert assistant.setup_button.isDefault()
    QTest.keyClick(assistant, Qt.Key.Key_Return)  # Enter: set up my shop
    assert assistant.stack.currentIndex() == 1
    assert assistant.focusWidget() is assistant.shop_page.name
    type_text(assistant.shop_page.name, "Café Lotte")
    _choose(assistant.shop_page.kinds, ShopKind.CAFE.value)
    assert assistant.shop_page.categories.text().startswith("Kaffee, Tee, Kuchen")
    QTest.keyClick(assistant.shop_page.name, Qt.Key.Key_Return)  # Enter goes on

    page = assistant.letterhead_page
    assert assistant.current_page() is page
    type_text(page.address, "Marktgasse 4 · 3011 Bern")
    type_text(page.contact, "031 123 45 67")
    type_text(page.owner, "Lotte Brunner")
    page.logo_button.click()
    assert page.logo is not None and page.remove_logo_button.isEnabled()
    assistant.next_button.click()

    _choose(assistant.country_page.countries, "CH")
    assert "CHF" in assistant.country_page.example.text()
    assistant.next_button.click()

    stamp_choice = assistant.stamp_page.presets.checkedButton()
    assert stamp_choice.text() == "Kaffeekarte"  # the café's card, suggested by its kind
    assistant.next_button.click()

    assistant.backup_page.choose_button.click()
    assert assistant.backup_page.folder == stick
    assistant.next_button.click()

    assert "Café Lotte · Café" in assistant.summary.text()
    assert "Schweiz · Beträge in CHF" in assistant.summary.text()
    assert assistant.empty_button.isDefault()
    assistant.empty_button.click()
    assert assistant.result() == FirstRunAssistant.EMPTY

    assert shop_settings.shop_name(shop) == "Café Lotte"
    assert shop_settings.shop_kind(shop) is ShopKind.CAFE
    assert shop_settings.shop_address(shop) == "Marktgasse 4 · 3011 Bern"
    assert shop_settings.owner_name(shop) == "Lotte Brunner"
    assert shop_settings.shop_logo(shop) == logo.read_bytes()
    assert shop_settings.shop_locale(shop, "de") == "de_CH"
    assert list_categories(shop)[:3] == ["Kaffee", "Tee", "Kuchen"]
    [program] = stamp_cards.list_programs(shop)
    assert (program.name, program.rule, program.required) == ("Kaffeekarte", EarnRule.PER_VISIT, 10)
    assert backups.backup_folder(shop) == stick
    assert not needs_setup(shop)


def test_the_name_is_needed_before_going_on(qtbot, shop):
    assistant = _assistant(qtbot, shop)
    assistant.setup_button.click()
    assistant.next_button.click()
    assert assistant.stack.currentIndex() == 1
    assert assistant.error.text() == "Bitte geben Sie den Namen Ihres Ladens ein."
    type_text(assistant.shop_page.name, "Blumen Keller")
    assistant.next_button.click()
    assert assistant.stack.currentIndex() == 2
    assert assistant.error.text() == ""


def test_categories_typed_by_hand_stay_when_the_kind_changes(qtbot, shop):
    assistant = _assistant(qtbot, shop)
    assistant.setup_button.click()
    page = assistant.shop_page
    _choose(page.kinds, ShopKind.BAKERY.value)
    assert "Brötchen" in page.categories.text()
    _choose(page.kinds, ShopKind.FLORIST.value)
    assert page.categories.text().startswith("Schnittblumen")
    page.categories.clear()
    type_text(page.categories, "Rosen, Tulpen")
    _choose(page.kinds, ShopKind.WINE_SHOP.value)
    assert page.categories.text() == "Rosen, Tulpen"
    assert assistant.stamp_page.presets.checkedButton().text() == "Treuekarte"


def test_english_switches_the_assistant_at_once_and_keeps_the_answers(qtbot, shop):
    assistant = _assistant(qtbot, shop)
    assistant.setup_button.click()
    type_text(assistant.shop_page.name, "Wine & Dine")
    _choose(assistant.shop_page.kinds, ShopKind.WINE_SHOP.value)
    assistant.next_button.click()
    assistant.next_button.click()
    _choose(assistant.country_page.languages, "en")
    assert assistant.next_button.text() == "&Next"
    assert assistant.stack.currentIndex() == 3
    assert assistant.shop_page.name.text() == "Wine & Dine"
    assert assistant.shop_page.categories.text().startswith("Red wine")  # the kind's own, in English now
    _choose(assistant.country_page.countries, "AT")
    for _step in range(3):
        assistant.next_button.click()
    assistant.empty_button.click()
    assert shop_settings.language(shop) == "en"
    assert shop_settings.shop_locale(shop, "en") == "en_AT"
    assert stamp_cards.list_programs(shop)[0].name == "Loyalty card"


def test_the_demo_straight_away_keeps_only_the_language(qtbot, shop):
    assistant = _assistant(qtbot, shop)
    assistant.language_buttons["en"].click()
    assert assistant.demo_button.accessibleName() == "Try it with a demo shop"
    assistant.demo_button.click()
    assert assistant.result() == FirstRunAssistant.DEMO
    assert shop_settings.language(shop) == "en"
    assert shop_settings.shop_name(shop) == ""
    assert needs_setup(shop)  # still empty: the demo fills it


def test_closing_halfway_asks_and_keeps_nothing(qtbot, shop, monkeypatch):
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or answers.pop(0))
    assistant = _assistant(qtbot, shop)
    assistant.setup_button.click()
    type_text(assistant.shop_page.name, "Halb fertig")
    QTest.keyClick(assistant, Qt.Key.Key_Escape)
    assert assistant.isVisible()  # „No“: stays
    QTest.keyClick(assistant, Qt.Key.Key_Escape)
    assert not assistant.isVisible()
    assert assistant.result() == FirstRunAssistant.DialogCode.Rejected
    assert asked[0].startswith("Einrichtung abbrechen?")
    assert shop_settings.shop_name(shop) == ""


def test_a_backup_folder_that_cannot_be_written_is_said_and_nothing_kept(qtbot, shop, tmp_path, monkeypatch):
    gone = tmp_path / "gone" / "deeper"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(gone))
    assistant = _assistant(qtbot, shop)
    assistant.setup_button.click()
    type_text(assistant.shop_page.name, "Salon Haarmonie")
    while assistant.current_page() is not assistant.backup_page:
        assistant.next_button.click()
    assistant.backup_page.choose_button.click()
    assistant.next_button.click()
    assistant.import_button.click()
    assert assistant.isVisible()
    assert "gibt es nicht" in assistant.error.text()
    assert shop_settings.shop_name(shop) == ""
