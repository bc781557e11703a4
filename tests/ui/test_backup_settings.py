"""Einstellungen → Sicherungen and the window's side of backups, clicked like the owner clicks."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QFileDialog, QMessageBox

from emma.services import backups
from emma.services.customers import count_customers
from emma.services.shop import open_shop
from emma.ui import app as app_module
from emma.ui.app import EmmaApp
from emma.ui.views.backup_settings import BackupSettingsBox
from emma.ui.views.recovery import open_or_recover
from tests.ui.conftest import when_modal


def damage_end(path: Path, pages: int = 3) -> None:
    """Garbage inside a long note's overflow pages: the file opens and works, but a check finds the damage."""
    conn = sqlite3.connect(path)
    conn.execute("UPDATE customers SET notes = ? WHERE last_name = 'Şahin'", ("x" * 200_000,))
    conn.commit()
    conn.close()
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.seek(size - 4096 * 25)  # inside the chain of overflow pages, away from the tree's own pages
        file.write(bytes((n * 37 + 11) % 256 for n in range(4096 * pages)))


@pytest.fixture
def said(monkeypatch) -> list[str]:
    """What information boxes said (the real ones would wait for a click)."""
    texts: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: texts.append(text))
    return texts


@pytest.fixture
def box(qtbot, shop, people):
    backups.backup_now(shop, "auto", now=datetime(2026, 11, 22, 18, 0))
    backups.safety_backup(shop, "import")
    widget = BackupSettingsBox(shop, "de_DE")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _rows(box: BackupSettingsBox) -> list[str]:
    return [box.list.topLevelItem(row).text(2) for row in range(box.list.topLevelItemCount())]


def test_the_backups_are_listed_newest_first_with_their_folder(box, shop) -> None:
    assert box.title() == "Sicherungen"
    assert _rows(box) == ["vor einem Import", "automatisch"]
    assert box.list.topLevelItem(1).text(0) == "22.11.2026 18:00"
    assert box.folder_label.text() == str(shop.path.parent / "Sicherungen")
    assert not box.warning.isVisibleTo(box)
    assert not box.restore_button.isEnabled()  # nothing chosen yet


def test_back_up_now_runs_behind_a_progress_bar_and_lists_the_copy(qtbot, box) -> None:
    with qtbot.waitSignal(box.status_message) as status:
        box.backup_button.click()
    assert status.args[0].startswith("Sicherung geschrieben nach ")
    assert _rows(box) == ["von Hand", "vor einem Import", "automatisch"]


def test_another_folder_is_chosen_and_used(qtbot, box, shop, tmp_path, monkeypatch) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(stick))
    box.choose_button.click()
    assert box.folder_label.text() == str(stick)
    assert _rows(box) == []
    with qtbot.waitSignal(box.status_message):
        box.backup_button.click()
    assert len(list(stick.glob("shop-*-manual.db"))) == 1


def test_a_folder_that_is_not_there_is_refused_with_one_sentence(box, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(tmp_path / "weg" / "Emma"))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    box.choose_button.click()
    assert warned == [f"Den Ordner {tmp_path / 'weg'} gibt es nicht."]


def test_restore_asks_first_and_then_hands_the_backup_on(qtbot, box) -> None:
    box.list.setCurrentItem(box.list.topLevelItem(1))
    assert box.restore_button.isEnabled()
    texts = []

    def answer_yes(message: QMessageBox) -> None:
        texts.append(message.text())
        message.button(QMessageBox.StandardButton.Yes).click()

    asked = when_modal(QMessageBox, answer_yes)
    with qtbot.waitSignal(box.restore_wanted) as wanted:
        box.restore_button.click()
    asked.check()
    assert "Sicherung vom 22.11.2026 18:00" in texts[0]
    assert wanted.args[0].name == "shop-20261122-180000-auto.db"


def test_restore_cancelled_hands_nothing_on(qtbot, box) -> None:
    box.list.setCurrentItem(box.list.topLevelItem(0))
    wanted = []
    box.restore_wanted.connect(wanted.append)
    asked = when_modal(QMessageBox, lambda message: message.button(QMessageBox.StandardButton.Cancel).click())
    box.restore_button.click()
    asked.check()
    assert wanted == []


def _start(qapp, shop):
    qapp.setOrganizationName("FrauEmmaTests")
    emma = EmmaApp(qapp, shop, "de")
    emma.start()
    return emma


def test_the_window_restores_a_backup_and_reopens_the_file(qtbot, qapp, shop, people, db_path, said) -> None:
    backup = backups.backup_now(shop, "auto", now=datetime(2026, 11, 22, 18, 0))
    emma = _start(qapp, shop)
    emma.customers.model.rowCount()
    emma.pool.waitForDone()
    from emma.domain.customer import Customer
    from emma.services.customers import save_customer

    save_customer(emma.shop, Customer(first_name="Neu", last_name="Seit der Sicherung"))
    assert count_customers(emma.shop) == 6
    emma.settings_view.backups.restore_wanted.emit(backup)
    qtbot.addWidget(emma.window)
    assert emma.shop is not shop
    assert count_customers(emma.shop) == 5
    assert emma.window.isVisible()
    assert said and said[0].startswith("Die Sicherung wurde wiederhergestellt. Die Datei, wie sie vorher war,")
    kept = next((db_path.parent / "Sicherungen").glob("shop-*-safety-restore.db"))
    assert kept.name in said[0]
    emma.pool.waitForDone()
    emma.close()


def test_closing_the_window_makes_the_days_backup_once(qtbot, qapp, shop, people, db_path) -> None:
    emma = _start(qapp, shop)
    qtbot.addWidget(emma.window)
    emma.close()
    made = list((db_path.parent / "Sicherungen").glob("shop-*-auto.db"))
    assert len(made) == 1
    again = open_shop(db_path)
    assert backups.backup_if_due(again, datetime.now()) is None
    again.close()


def test_a_damaged_file_at_start_is_offered_its_newest_good_backup(qtbot, shop, people, db_path, said) -> None:
    good = backups.backup_now(shop, "auto", now=datetime(2026, 11, 22, 18, 0))
    shop.close()
    db_path.write_bytes(b"SQLite format 3\x00" + b"\x07" * 20000)
    texts = []

    def restore(message: QMessageBox) -> None:
        texts.append((message.text(), message.informativeText()))
        message.buttons()[0].click()

    offered = when_modal(QMessageBox, restore)
    opened = open_or_recover(db_path, QThreadPool())
    offered.check()
    assert texts[0][0] == "Die Kundendatei ist beschädigt."
    assert "22.11.2026 18:00" in texts[0][1]
    assert opened is not None
    try:
        assert count_customers(opened) == 5
    finally:
        opened.close()
    assert said and said[0].startswith("Die Sicherung wurde wiederhergestellt.")
    assert list((db_path.parent / "Sicherungen").glob("shop-*-damaged.db"))
    assert good.exists()


def test_a_damaged_file_without_a_backup_is_said_and_left_alone(qtbot, db_path, monkeypatch) -> None:
    db_path.write_bytes(b"SQLite format 3\x00" + b"\x07" * 20000)
    before = db_path.read_bytes()
    told = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: told.append(text))
    assert open_or_recover(db_path, QThreadPool()) is None
    assert "keine intakte Sicherung" in told[0]
    assert db_path.read_bytes() == before


def test_damage_found_after_the_start_offers_the_backup_too(qtbot, qapp, shop, people, db_path, said) -> None:
    backups.backup_now(shop, "auto", now=datetime(2026, 11, 22, 18, 0))
    shop.close()
    damage_end(db_path)
    damaged = open_shop(db_path)
    assert backups.quick_check_file(db_path) is not None
    offered = when_modal(QMessageBox, lambda message: message.buttons()[0].click())
    emma = _start(qapp, damaged)
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    offered.check()
    qtbot.addWidget(emma.window)
    assert emma.shop is not damaged
    assert backups.check_file(db_path) == []
    assert count_customers(emma.shop) == 5
    emma.pool.waitForDone()


def test_run_gui_still_refuses_a_second_window(qapp, db_path, monkeypatch) -> None:
    first = open_shop(db_path, exclusive=True)
    told = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: told.append(text))
    try:
        assert app_module.run_gui(db_path, "de") == 2
    finally:
        first.close()
    assert told == ["Frau Emma ist mit dieser Kundendatei schon geöffnet. Bitte das offene Fenster benutzen."]
