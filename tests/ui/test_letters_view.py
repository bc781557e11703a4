"""Briefe as the owner uses it: a month's birthdays, the template checked as she types, the preview, writing."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, QThreadPool
from PySide6.QtWidgets import QMessageBox

from emma.domain.birthdays import Birthday
from emma.domain.customer import Customer, Salutation
from emma.domain.letters import Occasion
from emma.services.customers import save_customer
from emma.services.letters import occasion_template
from emma.ui.views.letters_view import LettersView
from tests.conftest import NOW, TODAY


@pytest.fixture
def letters_view(qtbot, shop, monkeypatch, tmp_path):
    for first, last, day in (("Anna", "Zander", 3), ("Bea", "Adler", 24)):
        save_customer(shop, Customer(first_name=first, last_name=last, salutation=Salutation.FRAU,
                                     street="Am Markt 1", postal_code="10115", city="Berlin",
                                     birthday=Birthday(12, day, 1966)), now=NOW)  # fmt: skip
    pool = QThreadPool()
    view = LettersView(shop, lambda: TODAY, pool)
    qtbot.addWidget(view)
    view.resize(1200, 760)
    view.show()
    qtbot.waitExposed(view)
    yield view
    pool.waitForDone()


def test_next_months_birthdays_with_a_preview_of_the_first_letter(letters_view: LettersView) -> None:
    assert letters_view.period() == (date(2026, 12, 1), date(2026, 12, 31))
    assert letters_view.count_label.text() == "2 Kundinnen haben in diesem Zeitraum Geburtstag."
    assert letters_view.preview_document.pageCount() == 1
    assert letters_view.write_button.isEnabled()


def test_a_template_error_is_shown_as_she_types_and_blocks_writing(qtbot, letters_view: LettersView) -> None:
    letters_view.editor.setPlainText("Hallo {{ vornahme }}")
    qtbot.waitUntil(lambda: letters_view.problem.isVisible())
    assert letters_view.problem.text() == "Die Vorlage verwendet den unbekannten Platzhalter „vornahme“."
    assert not letters_view.write_button.isEnabled()
    letters_view.editor.setPlainText("Betreff: Hallo\n{{ anrede }}\n\nSchön, dass es Sie gibt.")
    qtbot.waitUntil(lambda: not letters_view.problem.isVisible())
    assert letters_view.write_button.isEnabled()


def test_a_saved_template_is_used_for_the_occasion(qtbot, letters_view: LettersView, shop) -> None:
    letters_view.editor.setPlainText("Betreff: Alles Gute\n{{ anrede }}\n\nFeiern Sie schön!")
    letters_view.save_button.click()
    assert "Feiern Sie schön!" in occasion_template(shop, Occasion.BIRTHDAY, "de")
    letters_view.reset_button.click()
    assert "Feiern Sie schön!" not in letters_view.editor.toPlainText()


def test_writing_the_letters_reports_and_opens_nothing_unasked(qtbot, letters_view: LettersView, monkeypatch) -> None:
    reports = []

    def report(box):
        reports.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", report)
    letters_view.labels.setChecked(True)
    letters_view.end.setDate(QDate(2026, 12, 10))
    letters_view.write_button.click()
    qtbot.waitUntil(lambda: bool(reports), timeout=10_000)
    first_line = reports[0].splitlines()[0]
    assert first_line.startswith("Briefe: 1, Seiten: 1 – ")
    path = first_line.split(" – ", 1)[1]
    assert "Anna Zander" in PdfReader(path).pages[0].extract_text()


def test_a_second_letter_this_year_is_asked_about_first(qtbot, letters_view: LettersView, monkeypatch) -> None:
    asked, reports = [], []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: reports.append(box.text()) or 0)
    letters_view.end.setDate(QDate(2026, 12, 10))
    letters_view.write_button.click()
    qtbot.waitUntil(lambda: bool(reports), timeout=10_000)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.No)
    letters_view.write_button.click()
    assert asked == ["1 von ihnen hat in diesem Jahr schon einen Brief zu diesem Anlass bekommen. Trotzdem schreiben?"]
    assert len(reports) == 1  # nothing written the second time


def test_personal_lines_are_suggested_edited_and_printed(qtbot, letters_view: LettersView, shop, monkeypatch) -> None:
    from emma.domain.customer import Preferences
    from emma.services.customers import get_customer
    from emma.ui.views.personal_lines_dialog import PersonalLinesDialog
    from tests.ui.conftest import when_modal

    anna = next(r for r in letters_view.recipients() if get_customer(shop, r).first_name == "Anna")
    customer = get_customer(shop, anna)
    save_customer(shop, Customer(**{**customer.__dict__, "preferences": Preferences(likes=("Riesling",))}), now=NOW)

    def edit(dialog: PersonalLinesDialog):
        row = next(n for n in range(dialog.table.rowCount()) if "Anna" in dialog.table.item(n, 0).text())
        assert dialog.table.item(row, PersonalLinesDialog.LINE).text() == "Wieder für Sie da: Riesling."
        dialog.table.item(row, PersonalLinesDialog.LINE).setText("Der neue Jahrgang ist da!")
        dialog.accept()

    seen = when_modal(PersonalLinesDialog, edit)
    letters_view.lines_button.click()
    seen.check()
    assert letters_view.lines_button.text() == "Persönliche Sätze (1) …"
    reports = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: reports.append(box.text()) or 0)
    letters_view.end.setDate(QDate(2026, 12, 10))
    letters_view.write_button.click()
    qtbot.waitUntil(lambda: bool(reports), timeout=10_000)
    path = reports[0].splitlines()[0].split(" – ", 1)[1]
    assert "Der neue Jahrgang ist da!" in PdfReader(path).pages[0].extract_text()


def test_the_letters_are_saved_where_she_chooses(letters_view: LettersView, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    written = tmp_path / "briefe.pdf"
    written.write_bytes(b"%PDF-1.4 test")
    chosen = tmp_path / "stick" / "dezember.pdf"
    chosen.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(chosen), ""))
    letters_view.save_as(written)
    assert chosen.read_bytes() == b"%PDF-1.4 test"
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "fehlt" / "x.pdf"), ""))
    letters_view.save_as(written)
    assert said and said[0].startswith("Die Briefe konnten nicht unter")


def test_hand_picked_recipients_found_by_the_search(qtbot, letters_view: LettersView) -> None:
    from PySide6.QtCore import Qt

    from emma.ui.views.recipient_picker import RecipientPicker
    from tests.ui.conftest import when_modal

    letters_view.occasion.setCurrentIndex(letters_view.occasion.findData(Occasion.FREE.value))
    assert [letters_view.source.itemData(n) for n in range(letters_view.source.count())] == ["everyone", "chosen"]
    letters_view.choose_source("chosen")
    assert letters_view.choose_button.isVisible() and not letters_view.period_row.isVisible()
    assert letters_view.recipients() == []
    qtbot.waitUntil(lambda: not letters_view.write_button.isEnabled())

    def pick(picker: RecipientPicker):
        qtbot.keyClicks(picker.search, "zan")
        qtbot.waitUntil(lambda: picker.found.count() == 1)
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)  # the first found is added
        assert picker.chosen_label.text() == "1 Kundin ausgewählt"
        picker.search.setText("10115")
        picker.refresh()
        picker.add_all_button.click()  # Anna is there once only
        assert [picker.chosen.item(n).text() for n in range(picker.chosen.count())] == [
            "Adler, Bea – 10115 Berlin", "Zander, Anna – 10115 Berlin"]  # fmt: skip
        picker.chosen.setCurrentRow(0)
        qtbot.keyClick(picker.chosen, Qt.Key.Key_Delete)
        picker.accept()

    seen = when_modal(RecipientPicker, pick)
    letters_view.choose_button.click()
    seen.check()
    assert len(letters_view.recipients()) == 1
    qtbot.waitUntil(lambda: letters_view.count_label.text() == "1 Kundin ausgewählt.")
    qtbot.waitUntil(lambda: letters_view.preview_document.pageCount() == 1)
    assert letters_view.write_button.isEnabled()


def test_the_open_birthday_reminders_of_heute_as_one_batch(qtbot, shop, monkeypatch) -> None:
    from emma.services import reminders as reminder_service

    for first, day in (("Carla", 24), ("Dirk", 25)):  # Heute's birthdays: TODAY is 23 November
        save_customer(shop, Customer(first_name=first, last_name="Kaya", street="Weg 2", postal_code="20095",
                                     city="Hamburg", birthday=Birthday(11, day, 1976)), now=NOW)  # fmt: skip
    pool = QThreadPool()
    view = LettersView(shop, lambda: TODAY, pool)
    qtbot.addWidget(view)
    view.show()
    done = []
    view.reminders_done.connect(lambda: done.append(True))
    view.write_for_reminders(Occasion.BIRTHDAY)
    assert view.source_chosen() == "reminders" and len(view.recipients()) == 2
    assert view.birthday_window() == (date(2026, 11, 24), date(2026, 11, 25))
    reports = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: reports.append(box.text()) or 0)
    view.households.setChecked(True)
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: reports.append(args[2]))
    qtbot.waitUntil(view.write_button.isEnabled)  # once the preview shows the first letter
    view.write_button.click()
    qtbot.waitUntil(lambda: bool(reports), timeout=10_000)
    pool.waitForDone()
    path = reports[0].splitlines()[0].split(" – ", 1)[1]
    assert path.endswith("2026-11-23-birthday-reminders.pdf")
    text = PdfReader(path).pages[0].extract_text()
    assert "Familie Kaya" in text and "50" in text  # she turns 50 on the 24th
    assert done and view.recipients() == []  # both reminders done: Heute shows them no more
    assert [r for r in reminder_service.reminders_for(shop, TODAY) if r.kind.value == "birthday"] == []


def test_postcards_are_previewed_on_a6(qtbot, letters_view: LettersView) -> None:
    assert round(letters_view.preview_document.pagePointSize(0).width()) == 595  # A4
    letters_view.paper.setCurrentIndex(letters_view.paper.findData(True))
    qtbot.waitUntil(lambda: round(letters_view.preview_document.pagePointSize(0).width()) == 420)  # A6 across
