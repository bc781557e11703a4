"""Printing a PDF on a printer, here one that writes a PDF: every page, in order, and a stop when asked."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from emma.letters.letter_pdf import Letterhead, LetterPage, render_letters
from emma.ui.printing import print_pdf


def _letters(tmp_path: Path, count: int) -> Path:
    path = tmp_path / "briefe.pdf"
    letters = [LetterPage(["Frau", f"Kundin {n}", "Am Markt 1", "10115 Berlin"], "24. November 2026", "Hallo",
                          ["Liebe Kundin,", "Danke!"], "Herzliche Grüße") for n in range(count)]  # fmt: skip
    render_letters(path, Letterhead("Laden"), letters, locale="de_DE", title="Test")
    return path


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setFullPage(True)
    return printer


def test_every_page_goes_to_the_printer(qapp, tmp_path: Path) -> None:
    printed = tmp_path / "gedruckt.pdf"
    assert print_pdf(_letters(tmp_path, 3), _pdf_printer(printed)) == 3
    assert len(PdfReader(printed).pages) == 3


def test_printing_stops_when_cancelled(qapp, tmp_path: Path) -> None:
    printed = tmp_path / "gedruckt.pdf"
    assert print_pdf(_letters(tmp_path, 5), _pdf_printer(printed), page_done=lambda done, _total: done < 2) == 2


def test_a_file_that_is_no_pdf_prints_nothing(qapp, tmp_path: Path) -> None:
    broken = tmp_path / "kaputt.pdf"
    broken.write_text("kein PDF", encoding="utf-8")
    assert print_pdf(broken, _pdf_printer(tmp_path / "gedruckt.pdf")) == 0
