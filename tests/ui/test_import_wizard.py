"""The import wizard as the owner uses it: columns guessed and changed, the check, the import, the undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMessageBox

from emma.services import importing
from emma.services.customers import find_customers
from emma.ui.views.import_history import ImportHistory
from emma.ui.views.import_wizard import ImportWizard


@pytest.fixture
def wizard(qtbot, shop, tmp_path: Path, monkeypatch):
    source = tmp_path / "kunden.csv"
    source.write_text("Vorname;Name;Wohnort;Geb.-Datum;Irgendwas\nLea;Lang;Berlin;01.02.1990;x\n"
                      "Tom;Kaya;Köln;31.02.1980;y\nIda;Imm;;;z\n", encoding="utf-8")  # fmt: skip
    monkeypatch.setattr(QMessageBox, "information", lambda *args: QMessageBox.StandardButton.Ok)
    pool = QThreadPool()
    view = ImportWizard(shop, source, importing.read_file(source), pool)
    qtbot.addWidget(view)
    view.show()
    yield view
    pool.waitForDone()


def test_the_columns_are_guessed_and_can_be_changed(wizard: ImportWizard) -> None:
    assert wizard.mapping() == {0: "first_name", 1: "last_name", 2: "city", 3: "birthday"}
    assert wizard.check_button.isEnabled()
    wizard.choosers[2].setCurrentIndex(wizard.choosers[2].findData("last_name"))  # twice: refused
    assert "zwei Spalten" in wizard.mapping_problem.text().lower() or not wizard.check_button.isEnabled()
    wizard.choosers[2].setCurrentIndex(wizard.choosers[2].findData("city"))
    assert wizard.check_button.isEnabled()


def test_the_check_shows_what_happens_and_the_import_does_it(qtbot, wizard: ImportWizard, shop) -> None:
    wizard.check_button.click()
    assert wizard.pages.currentIndex() == ImportWizard.CHECK
    assert "2" in wizard.summary.text() and "Zeile 3" in wizard.problems.toPlainText()
    assert find_customers(shop, "", limit=10) == []  # only checked
    imported = []
    wizard.imported.connect(lambda: imported.append(True))
    wizard.import_button.click()
    assert imported and wizard.result.imported == 2
    assert sorted(c.last_name for c in find_customers(shop, "", limit=10)) == ["Imm", "Lang"]


def test_an_import_is_undone_from_the_list(qtbot, wizard: ImportWizard, shop, monkeypatch) -> None:
    wizard.check_button.click()
    wizard.import_button.click()
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    history = ImportHistory(shop)
    qtbot.addWidget(history)
    assert history.table.rowCount() == 1 and history.undo_button.isEnabled()
    history.undo_button.click()
    assert find_customers(shop, "", limit=10) == []
    assert not history.undo_button.isEnabled()  # undone: once
