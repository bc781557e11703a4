"""Briefe: letters to the birthdays of a period, to the open reminders of Heute, to everyone or to customers
she picks; the template edited with a live preview, written into one PDF with address labels, off the GUI
thread with a progress bar and a cancel button."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from emma.domain.errors import UserError
from emma.domain.letters import OCCASION_OF_REMINDER, Occasion
from emma.domain.reminders import Reminder
from emma.i18n import _, current_language, ngettext
from emma.services import letters as letter_service
from emma.services import reminders as reminder_service
from emma.services.shop import Shop, data_folder
from emma.ui.resources import light_icon
from emma.ui.widgets.progress_dialog import run_with_progress

PlaceholderRole = Qt.ItemDataRole.UserRole + 1
MAILED_TO_EVERYONE = (Occasion.SEASON, Occasion.ARRIVAL, Occasion.FREE)
# Who gets the letters: (key, label), offered as the occasion allows.
SOURCES = (
    ("period", lambda: _("Birthdays in a period")),
    ("reminders", lambda: _("The open reminders in Heute")),
    ("everyone", lambda: _("Everyone")),
    ("chosen", lambda: _("Customers I choose")),
)


def sources_for(occasion: Occasion) -> list[str]:
    offered = ["period"] if occasion is Occasion.BIRTHDAY else []
    if occasion in OCCASION_OF_REMINDER.values():
        offered.append("reminders")
    if occasion in MAILED_TO_EVERYONE:
        offered.append("everyone")
    return [*offered, "chosen"]


def _in_a_row(*widgets_and_stretches) -> QWidget:
    """Widgets side by side in one form row, each with its stretch factor: (widget, stretch, widget, …)."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget, stretch in zip(widgets_and_stretches[::2], widgets_and_stretches[1::2], strict=True):
        layout.addWidget(widget, stretch)
    return row


def _first_of_next_month(today: date) -> date:
    return (today.replace(day=1) + timedelta(days=32)).replace(day=1)


class LettersView(QWidget):
    status_message = Signal(str)
    reminders_done = Signal()  # Heute shows fewer

    def __init__(self, shop: Shop, today: Callable[[], date], pool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shop = shop
        self._today = today
        self._pool = pool

        title = QLabel(_("Letters"))
        title.setObjectName("AreaTitle")
        self.occasion = QComboBox()
        for occasion in Occasion:
            self.occasion.addItem(occasion.label(), occasion.value)
        self.language = QComboBox()
        self.language.addItem("Deutsch", "de")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if current_language() == "de" else 1)
        start = _first_of_next_month(today())
        self.start = self._date_edit(start)
        self.end = self._date_edit((start + timedelta(days=32)).replace(day=1) - timedelta(days=1))
        self.source = QComboBox()
        self.choose_button = QPushButton(_("Choose customers …"))
        self._chosen: dict[int, str] = {}
        self._reminders: list[Reminder] | None = None  # of the occasion, while the Heute batch is chosen
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)

        recipients = QGroupBox(_("Recipients"))
        form = QFormLayout(recipients)
        form.addRow(_("Occasion"), _in_a_row(self.occasion, 3, self.language, 1))
        form.addRow(_("Who"), self.source)
        self.period_row = _in_a_row(self.start, 1, QLabel(_("to")), 0, self.end, 1)
        form.addRow(_("Birthdays from"), self.period_row)
        form.addRow("", self.choose_button)
        form.addRow(self.count_label)
        self._form = form

        self.editor = QPlainTextEdit()
        self.editor.setObjectName("TemplateEditor")
        self.problem = QLabel()
        self.problem.setObjectName("FieldError")
        self.problem.setWordWrap(True)
        self.placeholders = QListWidget()
        self.placeholders.setToolTip(_("Double-click inserts the placeholder where the cursor is"))
        self.save_button = QPushButton(_("Save template"))
        self.reset_button = QPushButton(_("Shipped template"))
        template_box = QGroupBox(_("Template"))
        template_layout = QVBoxLayout(template_box)
        template_layout.addWidget(self.editor, 3)
        template_layout.addWidget(self.problem)
        template_layout.addWidget(QLabel(_("Placeholders")))
        template_layout.addWidget(self.placeholders, 2)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.reset_button)
        row.addStretch()
        template_layout.addLayout(row)

        # The preview (Qt's PDF module) is made when the area is first shown: the window starts without it.
        self.preview_document = None
        self.preview = None
        self.preview_label = QLabel()
        self.preview_label.setObjectName("FieldHint")
        preview_box = QGroupBox(_("Preview"))
        self._preview_layout = QVBoxLayout(preview_box)
        self._preview_layout.addStretch(1)
        self._preview_layout.addWidget(self.preview_label)

        self.paper = QComboBox()
        self.paper.addItem(_("A4 letters"), False)
        self.paper.addItem(_("A6 postcards"), True)
        self.paper.setToolTip(_("Letters for window envelopes, or postcards that go out as they are"))
        self.order = QComboBox()
        self.order.addItem(_("in postal-code order"), "postal_code")
        self.order.addItem(_("in name order"), "name")
        self.households = QCheckBox(_("One letter per household"))
        self.households.setToolTip(_("Customers at the same address get one letter together („Liebe Familie Kaya,“)"))
        self.labels = QCheckBox(_("Address labels"))
        self.label_sheet = QComboBox()
        self.label_sheet.addItem("3 × 7 (70 × 42,3 mm)", "3x7")
        self.label_sheet.addItem("3 × 8 (70 × 36 mm)", "3x8")
        self.label_start = QSpinBox()
        self.label_start.setRange(1, 24)
        self.label_start.setPrefix(_("from label "))
        self.lines_button = QPushButton(_("Personal lines …"))
        self.lines_button.setToolTip(_("One sentence of your own per customer, before the letters are written"))
        self._personal: dict[int, str] = {}
        self.write_button = QPushButton(light_icon("print"), _("Write letters …"))
        self.write_button.setObjectName("Primary")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(recipients)
        left_layout.addWidget(template_box, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(preview_box)
        splitter.setSizes([560, 480])
        splitter.setChildrenCollapsible(False)
        options = QHBoxLayout()
        options.addWidget(self.paper)
        options.addWidget(self.order)
        options.addWidget(self.households)
        options.addStretch()
        bottom = QHBoxLayout()
        bottom.addWidget(self.labels)
        bottom.addWidget(self.label_sheet)
        bottom.addWidget(self.label_start)
        bottom.addStretch()
        bottom.addWidget(self.lines_button)
        bottom.addWidget(self.write_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(title)
        layout.addWidget(splitter, 1)
        layout.addLayout(options)
        layout.addLayout(bottom)

        self._pending_preview = QTimer(self)
        self._pending_preview.setSingleShot(True)
        self._pending_preview.setInterval(400)
        self._pending_preview.timeout.connect(self.update_preview)
        self.occasion.currentIndexChanged.connect(self._occasion_changed)
        self.language.currentIndexChanged.connect(self.load_template)
        self.source.currentIndexChanged.connect(self._source_changed)
        self.choose_button.clicked.connect(self.choose_customers)
        self.start.dateChanged.connect(self._recipients_changed)
        self.end.dateChanged.connect(self._recipients_changed)
        self.editor.textChanged.connect(self._pending_preview.start)
        self.placeholders.itemDoubleClicked.connect(self._insert_placeholder)
        self.save_button.clicked.connect(self.save_template)
        self.reset_button.clicked.connect(self.reset_template)
        self.write_button.clicked.connect(self.write_letters)
        self.lines_button.clicked.connect(self.edit_personal_lines)
        self.labels.toggled.connect(self._follow)
        self.paper.currentIndexChanged.connect(self._recipients_changed)
        self._follow()
        self._offer_sources()
        self._loaded = False  # the templates (Jinja2, reportlab) are loaded when the area is first shown

    def hideEvent(self, event) -> None:
        self._pending_preview.stop()  # nothing may reach for the shop after the window has gone
        super().hideEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            from PySide6.QtPdf import QPdfDocument
            from PySide6.QtPdfWidgets import QPdfView

            self.preview_document = QPdfDocument(self)
            self.preview = QPdfView()
            self.preview.setDocument(self.preview_document)
            self.preview.setZoomMode(QPdfView.ZoomMode.FitInView)
            self._preview_layout.takeAt(0)  # the stretch that held its place
            self._preview_layout.insertWidget(0, self.preview, 1)
            for name, meaning in letter_service.placeholders():
                item = QListWidgetItem(f"{{{{ {name} }}}} – {meaning}")
                item.setData(PlaceholderRole, name)
                self.placeholders.addItem(item)
            self.load_template()

    @staticmethod
    def _date_edit(day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd.MM.yyyy")
        return edit

    def _follow(self) -> None:
        self.label_sheet.setEnabled(self.labels.isChecked())
        self.label_start.setEnabled(self.labels.isChecked())

    # --- what is chosen -------------------------------------------------------------------------------

    def occasion_chosen(self) -> Occasion:
        return Occasion(self.occasion.currentData())

    def language_chosen(self) -> str:
        return self.language.currentData()

    def period(self) -> tuple[date, date]:
        start, end = self.start.date(), self.end.date()
        return date(start.year(), start.month(), start.day()), date(end.year(), end.month(), end.day())

    def source_chosen(self) -> str:
        return self.source.currentData()

    def choose_source(self, source: str) -> None:
        """Who gets the letters: one of `SOURCES` that the occasion offers."""
        index = self.source.findData(source)
        if index >= 0:
            self.source.setCurrentIndex(index)

    def write_for_reminders(self, occasion: Occasion) -> None:
        """Heute's batch: the occasion's letters to everyone with its reminder open."""
        self.occasion.setCurrentIndex(self.occasion.findData(occasion.value))
        self.choose_source("reminders")
        self._source_changed()  # the reminders anew, if occasion and source were chosen already

    def write_to(self, customers: dict[int, str]) -> None:
        """Letters to these customers (a segment of the Auswertung): chosen by hand, the occasion kept."""
        self._chosen = dict(customers)
        self.choose_source("chosen")
        self._recipients_changed()

    def recipients(self) -> list[int]:
        """The customers the letters are meant for (who may get one is decided when they are written)."""
        source = self.source_chosen()
        if source == "period":
            start, end = self.period()
            return letter_service.birthday_customers(self._shop, start, end)
        if source == "reminders":
            return list(dict.fromkeys(reminder.customer_id for reminder in self._open_reminders()))
        if source == "everyone":
            return letter_service.everyone(self._shop)
        return list(self._chosen)

    def birthday_window(self) -> tuple[date, date]:
        """The days the birthdays fall on (the age printed is the one she turns then)."""
        if self.source_chosen() == "period":
            return self.period()
        if self.source_chosen() == "reminders" and self._open_reminders():
            days = [reminder.due for reminder in self._open_reminders()]
            return min(days), max(days)
        return self._today(), self._today()

    def _open_reminders(self) -> list[Reminder]:
        if self._reminders is None:
            self._reminders = reminder_service.answered_by(self._shop, self.occasion_chosen(), self._today())
        return self._reminders

    def _offer_sources(self) -> None:
        chosen = self.source_chosen()
        offered = sources_for(self.occasion_chosen())
        self.source.blockSignals(True)
        self.source.clear()
        for key, label in SOURCES:
            if key in offered:
                self.source.addItem(label(), key)
        self.source.setCurrentIndex(max(0, self.source.findData(chosen)))
        self.source.blockSignals(False)
        self._source_changed()

    def _source_changed(self) -> None:
        source = self.source_chosen()
        self._reminders = None
        self._form.setRowVisible(self.period_row, source == "period")
        self._form.setRowVisible(self.choose_button, source == "chosen")
        self._recipients_changed()

    def choose_customers(self) -> None:
        from emma.ui.views.recipient_picker import RecipientPicker

        picker = RecipientPicker(self._shop, self._chosen, self)
        if picker.exec() == RecipientPicker.DialogCode.Accepted:
            self._chosen = picker.chosen_customers()
            self._recipients_changed()

    def _recipients_changed(self) -> None:
        self._pending_preview.start()

    def edit_personal_lines(self) -> None:
        from emma.ui.views.personal_lines_dialog import PersonalLinesDialog  # loaded when first opened

        try:
            ids = self.recipients()
        except UserError as error:
            QMessageBox.warning(self, _("Personal lines"), error.message)
            return
        dialog = PersonalLinesDialog(letter_service.recipients(self._shop, ids, self.language_chosen()),
                                     self._personal, self)  # fmt: skip
        if dialog.exec() == PersonalLinesDialog.DialogCode.Accepted:
            self._personal = dialog.lines()
            self.lines_button.setText(_("Personal lines ({count}) …").format(count=len(self._personal)))
            self.update_preview()

    def _occasion_changed(self) -> None:
        self._offer_sources()
        self.load_template()

    # --- the template ----------------------------------------------------------------------------------

    def load_template(self) -> None:
        text = letter_service.occasion_template(self._shop, self.occasion_chosen(), self.language_chosen())
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self.update_preview()

    def _insert_placeholder(self, item: QListWidgetItem) -> None:
        self.editor.insertPlainText(f"{{{{ {item.data(PlaceholderRole)} }}}}")
        self.editor.setFocus()

    def save_template(self) -> None:
        try:
            letter_service.save_template(self._shop, self.occasion_chosen(), self.language_chosen(),
                                         self.editor.toPlainText())  # fmt: skip
        except UserError as error:
            QMessageBox.warning(self, _("Save template"), error.message)
            return
        self.status_message.emit(_("Template saved: letters for this occasion use it from now on."))

    def reset_template(self) -> None:
        letter_service.reset_template(self._shop, self.occasion_chosen(), self.language_chosen())
        self.load_template()

    def update_preview(self) -> None:
        """Checks the template and shows the first recipient's letter (nothing is logged)."""
        self._pending_preview.stop()
        if self.preview_document is None:
            return
        text = self.editor.toPlainText()
        problem = letter_service.template_problem(text)
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))
        self.write_button.setEnabled(not problem)
        try:
            ids = self.recipients()
        except UserError as error:
            self.count_label.setText(error.message)
            self.write_button.setEnabled(False)
            return
        source = self.source_chosen()
        if source == "period":
            count = ngettext("{count} customer has a birthday in this period.",
                             "{count} customers have a birthday in this period.", len(ids))  # fmt: skip
        elif source == "reminders":
            count = ngettext("{count} customer has this reminder open in Heute; it is done once her letter is "
                             "written.", "{count} customers have this reminder open in Heute; each is done once "
                             "her letter is written.", len(ids))  # fmt: skip
        elif source == "everyone":
            count = ngettext("To {count} customer (those who want no letters are left out).",
                             "To {count} customers (those who want no letters are left out).", len(ids))  # fmt: skip
        else:
            count = ngettext("{count} customer chosen.", "{count} customers chosen.", len(ids))
        self.count_label.setText(count.format(count=len(ids)))
        self.write_button.setEnabled(not problem and bool(ids))
        if problem or not ids:
            self.preview_document.close()
            self.preview_label.setText(_("The preview shows the first letter once the template is right."))
            return
        target = data_folder() / "preview" / "letter.pdf"  # overwritten with every preview
        self.preview_document.close()
        for customer_id in ids[:20]:  # the first who may get a letter
            try:
                result = letter_service.write_letters(
                    self._shop, self.occasion_chosen(), [customer_id], target, language=self.language_chosen(),
                    today=self._today(), template_text=text, birthday_window=self.birthday_window(), log=False,
                    personal=self._personal, postcards=self.paper.currentData(),
                )  # fmt: skip
            except UserError as error:
                self.preview_label.setText(error.message)
                return
            if result.letters:
                self.preview_document.load(str(target))
                self.preview_label.setText(_("The first letter, as it will be printed."))
                return
        self.preview_label.setText(_("None of the first customers may get a letter (see the report when writing)."))

    # --- writing ---------------------------------------------------------------------------------------

    def write_letters(self) -> None:
        try:
            ids = self.recipients()
        except UserError as error:
            QMessageBox.warning(self, _("Write letters"), error.message)
            return
        if not ids:
            return
        already = letter_service.sent_this_year(self._shop, ids, self.occasion_chosen(), self._today())
        if already:
            answer = QMessageBox.question(
                self,
                _("Write letters"),
                ngettext("{count} of them already got a letter for this occasion this year. Write anyway?",
                         "{count} of them already got a letter for this occasion this year. Write anyway?",
                         len(already)).format(count=len(already)),
            )  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return
        start, end = self.birthday_window()
        folder = data_folder() / _("Letters")
        source = self.source_chosen()
        span = f"{start.isoformat()}-{end.isoformat()}" if source == "period" else self._today().isoformat()
        name = f"{span}-{self.occasion_chosen().value}" + ("" if source == "period" else f"-{source}")
        name += f"-{_('postcards')}" if self.paper.currentData() else ""
        target = folder / f"{name}.pdf"
        labels_name = _("labels")
        labels = folder / f"{name}-{labels_name}.pdf" if self.labels.isChecked() else None
        shop_path = self._shop.path
        occasion, language, text = self.occasion_chosen(), self.language_chosen(), self.editor.toPlainText()
        order, sheet, first = self.order.currentData(), self.label_sheet.currentData(), self.label_start.value()
        personal = dict(self._personal)
        together = self.households.isChecked()
        postcards = self.paper.currentData()
        today = self._today()

        def job(progress, cancelled):
            from emma.services.shop import open_shop

            shop = open_shop(shop_path) if shop_path is not None else self._shop
            try:
                return letter_service.write_letters(
                    shop, occasion, ids, target, language=language, today=today, template_text=text,
                    birthday_window=(start, end), order=order, labels=labels, label_sheet=sheet, label_start=first,
                    cancelled=cancelled, progress=progress, personal=personal, households=together,
                    postcards=postcards,
                )  # fmt: skip
            finally:
                if shop_path is not None:
                    shop.close()

        ok, result = run_with_progress(self, _("Writing the letters …"), job, self._pool)
        if not ok:
            message = result.message if isinstance(result, UserError) else str(result)
            QMessageBox.warning(self, _("Write letters"), message)
            return
        if source == "reminders":
            self._reminders_answered(result)
        self._report(result, target, labels)

    def _reminders_answered(self, result) -> None:
        """The reminders of those who got their letter are done (those left out stay open in Heute)."""
        left_out = {skipped.customer_id for skipped in result.skipped}
        for reminder in self._open_reminders():
            if reminder.customer_id not in left_out:
                reminder_service.mark_done(self._shop, reminder)
        self._reminders = None
        self.reminders_done.emit()
        self._recipients_changed()

    def _report(self, result, target: Path, labels: Path | None) -> None:
        lines = [_("Letters: {letters}, pages: {pages} – {path}").format(letters=result.letters, pages=result.pages,
                                                                          path=target)]  # fmt: skip
        if labels is not None:
            lines.append(_("Address labels: {path}").format(path=labels))
        if len(result.regions) > 1:
            regions = ", ".join(f"{region}: {count}" for region, count in result.regions.items())
            lines.append(_("Per postal region: {regions}").format(regions=regions))
        if result.skipped:
            lines.append(_("Left out:"))
            lines += [f"  {skipped.name} – {skipped.reason.label()}" for skipped in result.skipped[:30]]
            if len(result.skipped) > 30:
                lines.append(_("  … and {count} more").format(count=len(result.skipped) - 30))
        if result.already_this_year:
            lines.append(_("{count} of them already had a letter for this occasion this year.").format(
                count=len(result.already_this_year)))  # fmt: skip
        self.status_message.emit(lines[0])
        box = QMessageBox(self)
        box.setWindowTitle(_("Letters written"))
        box.setText("\n".join(lines))
        print_button = box.addButton(_("Print …"), QMessageBox.ButtonRole.AcceptRole)
        open_button = box.addButton(_("Open the PDF"), QMessageBox.ButtonRole.ActionRole)
        save_button = box.addButton(_("Save as …"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        elif box.clickedButton() is print_button:
            from emma.ui.printing import ask_and_print  # Qt's print support: loaded to print

            ask_and_print(self, target)
        elif box.clickedButton() is save_button:
            self.save_as(target)

    def save_as(self, written: Path) -> None:
        """A copy of the letters where she wants it (a USB stick for the copy shop)."""
        chosen, _filter = QFileDialog.getSaveFileName(self, _("Save the letters"), str(Path.home() / written.name),
                                                      _("PDF (*.pdf)"))  # fmt: skip
        if not chosen:
            return
        try:
            shutil.copyfile(written, chosen)
        except OSError as error:
            QMessageBox.warning(self, _("Save the letters"), _("The letters could not be saved to {path}: {reason}")
                                .format(path=chosen, reason=error.strerror))  # fmt: skip
            return
        self.status_message.emit(_("Saved to {path}.").format(path=chosen))
