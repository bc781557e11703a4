"""Printing a PDF through the system's printers: the pages drawn one by one onto the printer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QWidget

from emma.i18n import _

PRINT_DPI = 300


def print_pdf(path: Path, printer: QPrinter, *, page_done: Callable[[int, int], bool] | None = None) -> int:
    """Prints every page of `path` on `printer` at 300 dpi, each page filling the printer's page; returns the
    pages printed (0 when the PDF cannot be read). `page_done(done, total)` returning False stops it."""
    document = QPdfDocument()
    document.load(str(path))
    if document.status() != QPdfDocument.Status.Ready:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for number in range(document.pageCount()):
            if number:
                printer.newPage()
            points = document.pagePointSize(number)
            size = QSize(round(points.width() / 72 * PRINT_DPI), round(points.height() / 72 * PRINT_DPI))
            image = document.render(number, size)
            target = painter.viewport()
            scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.topLeft(), scaled), image)
            if page_done is not None and not page_done(number + 1, document.pageCount()):
                return number + 1
    finally:
        painter.end()
    return document.pageCount()


def ask_and_print(parent: QWidget, path: Path) -> int:
    """The system's print dialog, then the PDF on the chosen printer; 0 pages when she cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return 0
    progress = QProgressDialog(_("Printing …"), _("Cancel"), 0, 1, parent)
    progress.setWindowTitle(_("Print"))
    progress.setMinimumDuration(300)

    def page_done(done: int, total: int) -> bool:
        progress.setMaximum(total)
        progress.setValue(done)
        QApplication.processEvents()  # one page at a time: the window stays responsive, Cancel works
        return not progress.wasCanceled()

    try:
        return print_pdf(path, printer, page_done=page_done)
    finally:
        progress.close()
