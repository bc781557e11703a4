"""Dubletten: customers written down twice, side by side; merged into one or marked "no duplicate"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from emma.domain.customer import Customer, customer_code
from emma.domain.duplicates import DuplicatePair
from emma.domain.errors import UserError
from emma.i18n import _, ngettext
from emma.services import duplicates as duplicate_service
from emma.services.shop import Shop, open_shop
from emma.ui.models.duplicate_pairs import DuplicatePairsModel, describe
from emma.ui.workers import Worker


class DuplicatesDialog(QDialog):
    """Finds the pairs in a worker (with progress) when shown. Emits `merged(kept_id)` after each merge."""

    merged = Signal(int)

    def __init__(self, shop: Shop, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shop = shop
        self._locale = locale
        self._pool = QThreadPool(self)
        self._worker: Worker | None = None
        self.setWindowTitle(_("Duplicates"))
        self.resize(1100, 640)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.model = DuplicatePairsModel(locale, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(48)  # two lines per customer
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.resizeSection(DuplicatePairsModel.LIKELIHOOD, 130)
        header.setSectionResizeMode(DuplicatePairsModel.FIRST, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DuplicatePairsModel.SECOND, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(DuplicatePairsModel.REASONS, 300)

        self.merge_button = QPushButton(_("Merge …"))
        self.merge_button.setObjectName("Primary")
        self.merge_button.setDefault(True)  # Enter on a pair merges it (after the confirming dialog)
        self.merge_button.setToolTip(_("Make one customer of the two, keeping all purchases, stamps and notes"))
        self.dismiss_button = QPushButton(_("Not a duplicate"))
        self.dismiss_button.setToolTip(_("Two different people: the pair is not shown again"))
        close_button = QPushButton(_("Close"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.merge_button.clicked.connect(self.merge_current)
        self.dismiss_button.clicked.connect(self.dismiss_current)
        close_button.clicked.connect(self.reject)
        self.table.doubleClicked.connect(lambda _index: self.merge_current())
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._update_buttons())
        self._update_buttons()

    # --- finding ----------------------------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not event.spontaneous() and self._worker is None and self.model.rowCount() == 0:
            self.search()

    def search(self) -> None:
        """Finds the pairs off the GUI thread; the list fills when it is done."""
        if self._worker is not None:
            return
        path = self._shop.path

        def job(progress, cancelled):
            # The worker has a connection of its own: SQLite connections do not cross threads.
            shop = open_shop(path) if path is not None else self._shop
            try:
                return duplicate_service.find_duplicates(shop, progress=progress, cancelled=cancelled)
            finally:
                if shop is not self._shop:
                    shop.close()

        self.status.setText(_("Looking for customers who are in the file twice …"))
        self.progress.setRange(0, 0)
        self.progress.show()
        self.table.setEnabled(False)
        self._update_buttons()
        worker = Worker(job)
        worker.signals.progress.connect(self._progress)
        worker.signals.finished.connect(self._found)
        worker.signals.failed.connect(self._failed)
        self._worker = worker
        self._pool.start(worker)

    def is_searching(self) -> bool:
        return self._worker is not None

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _found(self, pairs: list[DuplicatePair]) -> None:
        self._end_search()
        self.model.set_pairs(pairs)
        self._say_count()
        if pairs:
            self.table.selectRow(0)
            self.table.setFocus()
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        self._end_search()
        if isinstance(error, duplicate_service.Cancelled):
            self.status.setText(_("The search was stopped."))
            return
        if not isinstance(error, UserError):
            raise error  # a bug: the application's handler apologises and logs it
        self.status.setText(error.message)

    def _end_search(self) -> None:
        self._pool.waitForDone()  # the worker's run() is still returning in its thread
        self._worker = None
        self.progress.hide()
        self.table.setEnabled(True)

    def _say_count(self) -> None:
        count = self.model.rowCount()
        if count == 0:
            self.status.setText(_("No duplicates found: every customer is in the file once."))
        else:
            self.status.setText(
                ngettext(
                    "{n} pair of customers may be one person. Merge them, or mark them as two different people.",
                    "{n} pairs of customers may be one person. Merge them, or mark them as two different people.",
                    count,
                ).format(n=count)
            )

    def done(self, result: int) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self._pool.waitForDone()
            self._worker = None
        super().done(result)

    # --- deciding ---------------------------------------------------------------------------------------------

    def current_pair(self) -> DuplicatePair | None:
        index = self.table.currentIndex()
        return self.model.pair_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        chosen = self.current_pair() is not None and self._worker is None
        self.merge_button.setEnabled(chosen)
        self.dismiss_button.setEnabled(chosen)

    def dismiss_current(self) -> None:
        pair, row = self.current_pair(), self.table.currentIndex().row()
        if pair is None:
            return
        try:
            duplicate_service.dismiss(self._shop, *pair.ids)
        except UserError as error:
            QMessageBox.warning(self, _("Duplicates"), error.message)
            return
        self.model.remove_pair(row)
        self._say_count()
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))
        self._update_buttons()

    def merge_current(self) -> None:
        pair = self.current_pair()
        if pair is None:
            return
        dialog = MergeDialog(
            pair,
            lambda keep, other: duplicate_service.preview_merge(self._shop, keep, other),
            self._locale,
            self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        keep, other = dialog.chosen()
        try:
            result = duplicate_service.merge(self._shop, keep, other, now=datetime.now())
        except UserError as error:
            QMessageBox.warning(self, _("Duplicates"), error.message)
            return
        self.merged.emit(result.kept.id)
        self.model.set_pairs([])
        self.search()  # her other pairs now stand under the customer who stayed


class MergeDialog(QDialog):
    """Which of the two stays, and what she will be after the merge; confirmed with "Merge"."""

    def __init__(
        self,
        pair: DuplicatePair,
        preview: Callable[[int, int], duplicate_service.MergePreview],
        locale: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._pair = pair
        self._preview = preview
        self._locale = locale
        self.setWindowTitle(_("Merge customers"))
        self.setMinimumWidth(620)
        self.keep_first = QRadioButton(describe(pair.first, locale).replace("\n", " · "))
        self.keep_second = QRadioButton(describe(pair.second, locale).replace("\n", " · "))
        self.keep_first.setChecked(True)
        self.result_form = QFormLayout()
        self.moving = QLabel()
        self.moving.setWordWrap(True)
        warning = QLabel(
            _("The other record is deleted afterwards; her name stays in the notes. This cannot be undone.")
        )
        warning.setWordWrap(True)
        warning.setObjectName("CustomerSubline")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.addButton(_("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("Primary")
        self.merge_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Who stays?")))
        layout.addWidget(self.keep_first)
        layout.addWidget(self.keep_second)
        heading = QLabel(_("After the merge"))
        heading.setObjectName("SectionTitle")
        layout.addWidget(heading)
        layout.addLayout(self.result_form)
        layout.addWidget(self.moving)
        layout.addWidget(warning)
        layout.addWidget(buttons)
        self.keep_first.toggled.connect(lambda _checked: self._show_preview())
        self._show_preview()

    def chosen(self) -> tuple[int, int]:
        """(keep_id, other_id)."""
        first, second = self._pair.ids
        return (first, second) if self.keep_first.isChecked() else (second, first)

    def _show_preview(self) -> None:
        try:
            preview = self._preview(*self.chosen())
        except UserError as error:
            self.moving.setText(error.message)
            self.merge_button.setEnabled(False)
            return
        self.merge_button.setEnabled(True)
        while self.result_form.rowCount():
            self.result_form.removeRow(0)
        filled = set(preview.filled_from_other())
        for label, fields, text in _result_rows(preview.merged, self._locale):
            value = QLabel(text)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            if filled & set(fields):
                value.setText(_("{value}   (from the other record)").format(value=text))
            self.result_form.addRow(label, value)
        self.moving.setText(_moving_text(preview.moving))


def _result_rows(customer: Customer, locale: str) -> list[tuple[str, tuple[str, ...], str]]:
    """(label, the fields it shows, text) of what the merged customer will be."""
    summary = describe(customer, locale).split("\n")[0]
    town = f"{customer.postal_code} {customer.city}".strip()
    address = ", ".join(part for part in (customer.street.strip(), town) if part)
    notes = customer.notes.strip()
    return [
        (_("Name"), ("title", "first_name", "last_name", "birthday"), summary or customer_code(customer.id or 0)),
        (_("Address"), ("street", "postal_code", "city"), address or "–"),
        (_("Phone"), ("phone",), customer.phone or "–"),
        (_("E-mail"), ("email",), customer.email or "–"),
        (_("Notes"), (), notes if len(notes) <= 300 else notes[:300] + " …"),
    ]


def _moving_text(moving: dict[str, int]) -> str:
    parts = [
        ngettext("{n} purchase", "{n} purchases", moving.get("purchases", 0)),
        ngettext("{n} stamp entry", "{n} stamp entries", moving.get("stamp_events", 0)),
        ngettext("{n} letter", "{n} letters", moving.get("letters_sent", 0)),
        ngettext("{n} reminder", "{n} reminders", moving.get("todos", 0)),
    ]
    counts = (moving.get(key, 0) for key in ("purchases", "stamp_events", "letters_sent", "todos"))
    text = ", ".join(part.format(n=count) for part, count in zip(parts, counts, strict=True))
    return _("Moves over to her: {what}.").format(what=text)
