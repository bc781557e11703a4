"""Importing a customer list, step by step: which column holds what (guessed, changeable), a dry run that
shows what will be created, updated and rejected, then the import itself; each off the GUI thread with a
progress bar and Cancel. Cancelled or failed means nothing imported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from emma.domain.errors import UserError
from emma.i18n import _
from emma.services import importing
from emma.services.settings import shop_country
from emma.services.shop import Shop
from emma.ui.widgets.progress_dialog import run_with_progress

PREVIEW_ROWS = 30
SHOWN_PROBLEMS = 200


class ImportWizard(QDialog):
    """`imported()` is emitted once customers were imported (the list and Heute show them)."""

    imported = Signal()
    MAPPING, CHECK = range(2)

    def __init__(self, shop: Shop, path: Path, table, pool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import customers – {name}").format(name=path.name))
        self.resize(1000, 620)
        self._shop = shop
        self._path = path
        self._table = table
        self._pool = pool
        self.result: importing.ImportResult | None = None

        # Step 1: the columns.
        hint = QLabel(_("Frau Emma has guessed which column holds what. Check it above each column and change "
                        "what is wrong; “—” leaves a column out."))  # fmt: skip
        hint.setWordWrap(True)
        about = QLabel(self._describe_file())
        about.setObjectName("FieldHint")
        self.preview = QTableWidget(min(len(table.rows), PREVIEW_ROWS) + 1, len(table.columns))
        self.preview.setHorizontalHeaderLabels(table.columns)
        self.preview.setVerticalHeaderLabels(["", *(str(row.number) for row in table.rows[:PREVIEW_ROWS])])
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        guessed = importing.guess_columns(table)
        self.choosers: list[QComboBox] = []
        for column in range(len(table.columns)):
            chooser = QComboBox()
            chooser.addItem("—", "")
            for name, label in importing.fields():
                chooser.addItem(label, name)
            chooser.setCurrentIndex(max(0, chooser.findData(guessed.get(column, ""))))
            chooser.currentIndexChanged.connect(self._mapping_changed)
            self.preview.setCellWidget(0, column, chooser)
            self.choosers.append(chooser)
            for line, row in enumerate(table.rows[:PREVIEW_ROWS], start=1):
                text = row.cells[column] if column < len(row.cells) else ""
                self.preview.setItem(line, column, QTableWidgetItem(text.replace("\n", " ⏎ ")))
        self.preview.resizeColumnsToContents()
        for column in range(len(table.columns)):
            self.preview.setColumnWidth(column, min(max(self.preview.columnWidth(column), 150), 260))
        self.mapping_problem = QLabel()
        self.mapping_problem.setObjectName("FieldError")
        self.check_button = QPushButton(_("Check the import …"))
        self.check_button.setObjectName("Primary")
        self.check_button.setDefault(True)
        mapping_page = QWidget()
        mapping_layout = QVBoxLayout(mapping_page)
        mapping_layout.addWidget(hint)
        mapping_layout.addWidget(about)
        mapping_layout.addWidget(self.preview, 1)
        mapping_layout.addWidget(self.mapping_problem)

        # Step 2: what the dry run found.
        self.summary = QLabel()
        self.summary.setObjectName("AreaSubtitle")
        self.summary.setWordWrap(True)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.back_button = QPushButton(_("← Columns"))
        self.back_button.setAutoDefault(False)
        self.import_button = QPushButton(_("Import now"))
        self.import_button.setObjectName("Primary")
        check_page = QWidget()
        check_layout = QVBoxLayout(check_page)
        check_layout.addWidget(self.summary)
        check_layout.addWidget(QLabel(_("Rows rejected or worth a look:")))
        check_layout.addWidget(self.problems, 1)

        self.pages = QStackedWidget()
        self.pages.addWidget(mapping_page)
        self.pages.addWidget(check_page)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        self.check_button.clicked.connect(self.check)
        self.back_button.clicked.connect(lambda: self._show(self.MAPPING))
        self.import_button.clicked.connect(self.run_import)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch()
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)
        self._show(self.MAPPING)
        self._mapping_changed()

    def _describe_file(self) -> str:
        table = self._table
        parts = [_("{count} rows").format(count=f"{len(table.rows):,}".replace(",", "."))]
        if table.encoding:
            names = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "cp1252": _("Windows (Excel)"), "utf-16": "UTF-16"}
            parts.append(_("encoding {encoding}").format(encoding=names.get(table.encoding, table.encoding)))
        if table.delimiter:
            shown = {"\t": _("tab"), ";": ";", ",": ","}.get(table.delimiter, table.delimiter)
            parts.append(_("separated by {delimiter}").format(delimiter=shown))
        return " · ".join(parts)

    def _show(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.check_button.setVisible(page == self.MAPPING)
        self.back_button.setVisible(page == self.CHECK)
        self.import_button.setVisible(page == self.CHECK)
        (self.check_button if page == self.MAPPING else self.import_button).setDefault(True)

    def mapping(self) -> dict[int, str]:
        return {column: chooser.currentData() for column, chooser in enumerate(self.choosers) if chooser.currentData()}

    def _mapping_changed(self) -> None:
        chosen = list(self.mapping().values())
        twice = sorted({name for name in chosen if chosen.count(name) > 1})
        if twice:
            labels = dict(importing.fields())
            problem = _("Two columns hold {field}; please choose one.").format(field=labels[twice[0]])
        elif not {"first_name", "last_name"} & set(chosen):
            problem = _("Please choose the column with the first or the last name.")
        else:
            problem = ""
        self.mapping_problem.setText(problem)
        self.check_button.setEnabled(not problem)

    # --- the dry run and the import ---------------------------------------------------------------------

    def check(self) -> None:
        """The dry run: what the import will do, nothing changed."""
        outcome = self._run(dry_run=True, label=_("Checking the rows …"))
        if outcome is None:
            return
        text = _("New customers: {imported} · updated: {updated} · unchanged: {unchanged} · rejected: {skipped}")
        self.summary.setText(text.format(imported=outcome.imported, updated=outcome.updated,
                                         unchanged=outcome.unchanged, skipped=outcome.skipped))  # fmt: skip
        lines = [_("Row {row}: {message}").format(row=p.row, message=p.message) for p in outcome.errors]
        lines += [_("Row {row} (imported): {message}").format(row=p.row, message=p.message) for p in outcome.warnings]
        if len(lines) > SHOWN_PROBLEMS:
            lines = [*lines[:SHOWN_PROBLEMS], _("… and {count} more").format(count=len(lines) - SHOWN_PROBLEMS)]
        self.problems.setPlainText("\n".join(lines) or _("None – every row can be imported."))
        self.import_button.setEnabled(bool(outcome.imported or outcome.updated))
        self._show(self.CHECK)

    def run_import(self) -> None:
        outcome = self._run(dry_run=False, label=_("Importing the customers …"))
        if outcome is None:
            return
        self.result = outcome
        self.imported.emit()
        QMessageBox.information(
            self, _("Import customers"),
            _("{imported} new customers, {updated} updated. If something is wrong, File → Imports … undoes the "
              "whole import.").format(imported=outcome.imported, updated=outcome.updated),
        )  # fmt: skip
        self.accept()

    def _run(self, *, dry_run: bool, label: str) -> importing.ImportResult | None:
        shop_path, path, table, mapping = self._shop.path, self._path, self._table, self.mapping()
        country = shop_country(self._shop)

        def job(progress, cancelled):
            from emma.services.shop import open_shop

            shop = open_shop(shop_path) if shop_path is not None else self._shop
            try:
                return importing.import_file(
                    shop,
                    path,
                    mapping=mapping,
                    table=table,
                    dry_run=dry_run,
                    default_country=country,
                    progress=progress,
                    cancelled=cancelled,
                )
            finally:
                if shop_path is not None:
                    shop.close()

        ok, outcome = run_with_progress(self, label, job, self._pool)
        if not ok:
            message = outcome.message if isinstance(outcome, UserError) else str(outcome)
            QMessageBox.warning(self, _("Import customers"), message)
            return None
        return outcome


def choose_and_import(parent: QWidget, shop: Shop, pool, on_imported) -> None:
    """Asks for the file, reads it and opens the wizard."""
    from PySide6.QtWidgets import QFileDialog

    chosen, _filter = QFileDialog.getOpenFileName(
        parent, _("Import customers"), str(Path.home()),
        _("Customer lists (*.csv *.txt *.tsv *.xlsx *.vcf);;All files (*)"),
    )  # fmt: skip
    if not chosen:
        return
    try:
        table = importing.read_file(Path(chosen))
    except UserError as error:
        QMessageBox.warning(parent, _("Import customers"), error.message)
        return
    wizard = ImportWizard(shop, Path(chosen), table, pool, parent)
    wizard.imported.connect(on_imported)
    wizard.exec()
