"""Data protection in the Kunden area, clicked like the owner clicks: objection, signed consent, Auskunft,
erasure from the panel, and the review list of quiet customers."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from emma.domain.customer import Customer
from emma.domain.letters import SkipReason, skip_reason
from emma.services.customers import find_customers, get_customer, save_customer
from emma.ui.views.consent_dialog import ConsentDialog
from tests.conftest import TODAY
from tests.ui.conftest import settled, type_text, visible_texts, when_modal


@pytest.fixture
def opened(monkeypatch):
    """Files the panel would open in the PDF viewer, kept here instead."""
    shown: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: shown.append(url.toLocalFile()) or True)
    return shown


def _show(qtbot, view, text: str) -> None:
    type_text(view.search_field, text)
    settled(qtbot, view)


def _menu_action(view, text: str):
    return next(action for action in view.detail.privacy_button.menu().actions() if action.text() == text)


def test_objection_is_one_click_and_shows_at_once(qtbot, customers_view, shop, people):
    _show(qtbot, customers_view, "weiss")
    qtbot.mouseClick(customers_view.detail.objection_button, Qt.MouseButton.LeftButton)
    weiss = get_customer(shop, people[0].id)
    assert skip_reason(weiss) is SkipReason.OBJECTED
    assert weiss.consent.postal_objected_on is not None
    assert any(text.startswith("Werbewiderspruch seit") for text in visible_texts(customers_view.detail))
    assert customers_view.detail.objection_button is None  # nothing more to object to
    assert _menu_action(customers_view, "Widerspruch aufheben …")


def test_signed_consent_is_recorded_from_the_panel(qtbot, customers_view, shop, people):
    _show(qtbot, customers_view, "weiss")

    def fill(dialog: ConsentDialog) -> None:
        dialog.email.setChecked(True)
        dialog.accept()

    seen = when_modal(ConsentDialog, fill)
    _menu_action(customers_view, "Einwilligung unterschrieben am …").trigger()
    seen.check()
    consent = get_customer(shop, people[0].id).consent
    assert consent.signed_on == TODAY and consent.email and consent.postal_mail
    assert "Einwilligung unterschrieben am 23.11.2026" in visible_texts(customers_view.detail)


def test_consent_form_and_information_are_saved_and_opened(qtbot, customers_view, monkeypatch, tmp_path, opened):
    _show(qtbot, customers_view, "weiss")
    targets = iter([tmp_path / "form.pdf", tmp_path / "auskunft.pdf"])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(next(targets)), "PDF (*.pdf)"))
    _menu_action(customers_view, "Einwilligungserklärung drucken …").trigger()
    _menu_action(customers_view, "Auskunft (Art. 15) …").trigger()
    assert opened == [str(tmp_path / "form.pdf"), str(tmp_path / "auskunft.pdf")]
    assert (tmp_path / "auskunft.json").read_text(encoding="utf-8").count("Weiß") >= 1


def test_erasure_asks_first_and_then_she_is_gone(qtbot, customers_view, shop, people, monkeypatch):
    _show(qtbot, customers_view, "weiss")
    asked: list[str] = []

    def answer(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Cancel if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    erase = _menu_action(customers_view, "Löschen (Art. 17) …")
    erase.trigger()  # cancelled: nothing happens
    assert get_customer(shop, people[0].id).last_name == "Weiß"
    erase.trigger()
    assert "Jürgen Weiß" in asked[0]
    assert find_customers(shop, "weiss") == []
    assert "Weiß, Jürgen" not in [customers_view.model.index(row, 0).data()
                                  for row in range(customers_view.model.rowCount())]  # fmt: skip


def test_review_lists_quiet_customers_and_archives_or_erases_them(qtbot, customers_view, shop, monkeypatch):
    from emma.ui.views.review_dialog import ReviewDialog

    quiet = [save_customer(shop, Customer(first_name=name, last_name="Stillmann"), now=datetime(2020, 1, 5, 9, 0))
             for name in ("Alma", "Berta", "Carla")]  # fmt: skip
    questions: list[str] = []

    def answer(parent, title, text, *args):
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)

    def review(dialog: ReviewDialog) -> None:
        qtbot.addWidget(dialog)
        assert dialog.model.rowCount() == 3
        assert not dialog.erase_button.isEnabled()
        dialog.table.selectRow(0)
        qtbot.mouseClick(dialog.archive_button, Qt.MouseButton.LeftButton)
        assert get_customer(shop, quiet[0].id).archived
        assert dialog.model.rowCount() == 2  # archiving is a change: she leaves the list for now
        qtbot.mouseClick(dialog.select_all, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
        assert dialog.model.rowCount() == 0
        dialog.accept()

    seen = when_modal(ReviewDialog, review)
    qtbot.mouseClick(customers_view.review_button, Qt.MouseButton.LeftButton)
    seen.check()
    assert questions == ["Die persönlichen Daten von 2 Kundinnen löschen? Einkäufe bleiben ohne Namen in den "
                         "Büchern. Das lässt sich nicht rückgängig machen; vorher wird eine Sicherheitskopie "
                         "angelegt."]  # fmt: skip
    assert find_customers(shop, "stillmann") == []
    assert get_customer(shop, quiet[0].id).last_name == "Stillmann"  # archived, not erased


def test_review_model_passes_the_model_tester(qtmodeltester, shop):
    from emma.domain.data_protection import InactiveRow
    from emma.ui.models.inactive_customers import InactiveCustomersModel

    model = InactiveCustomersModel("de_DE")
    model.show_rows([InactiveRow(1, "Stillmann, Alma", None, TODAY, False),
                     InactiveRow(2, "Stillmann, Berta", TODAY, TODAY, True)])  # fmt: skip
    qtmodeltester.check(model)
    assert model.index(0, model.LAST_PURCHASE).data() == "nie"
    assert model.index(1, model.ARCHIVED).data() == "archiviert"
