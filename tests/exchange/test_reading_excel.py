"""Reading Excel workbooks: the first sheet, dates and numbers as text, broken and disguised files."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook

from emma.domain.errors import UserError
from emma.exchange.reading import read_table
from emma.exchange.tables import Row


def workbook(path: Path, rows: list[list[object]], *, at: str = "A1", second_sheet: bool = False) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Kunden"
    first = sheet[at]
    for offset, row in enumerate(rows):
        for column, value in enumerate(row):
            if value is not None:
                sheet.cell(row=first.row + offset, column=first.column + column, value=value)
    if second_sheet:
        book.create_sheet("Andere")["A1"] = "nicht lesen"
    book.save(path)
    return path


def test_dates_numbers_and_empty_cells(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "kunden.xlsx",
        [
            ["Kundennummer", "Vorname", "Nachname", "PLZ", "Geburtstag", "Kunde seit", "Umsatz", "Telefon", "Aktiv"],
            [1001, "Anna", "Müller", 1067, datetime(1965, 7, 3), date(2015, 2, 1), 123.45, 491701234567, True],
            [1002.0, "Bernd", None, "01067", datetime(1970, 1, 1, 12, 30), None, 7.0, "+49 30 1234", False],
            [None, None, None, None, None, None, None, None, None],
            [None, "Carla", None, None, None, None, None, None, None],
        ],
    )
    table = read_table(path)
    assert table.columns[:3] == ["Kundennummer", "Vorname", "Nachname"]
    assert table.rows == [
        Row(2, ("1001", "Anna", "Müller", "1067", "1965-07-03", "2015-02-01", "123.45", "491701234567", "1")),
        Row(3, ("1002", "Bernd", "", "01067", "1970-01-01", "", "7", "+49 30 1234", "0")),
        Row(5, ("", "Carla", "", "", "", "", "", "", "")),
    ]
    assert (table.encoding, table.delimiter) == ("", "")


def test_a_time_cell(tmp_path: Path) -> None:
    path = workbook(tmp_path / "k.xlsx", [["Name", "Uhrzeit"], ["Anna", time(9, 30)]])
    assert read_table(path).rows[0].cells == ("Anna", "09:30")


def test_header_is_the_first_non_empty_row_and_row_numbers_are_excels(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "k.xlsx", [["Vorname", "Nachname"], [" Anna ", "Müller"], [], ["Bernd", "Bauer"]], at="B3"
    )
    table = read_table(path)
    # The empty first column is left out: no heading names it.
    assert table.columns == ["Column A", "Vorname", "Nachname"]
    assert table.rows == [Row(4, ("", "Anna", "Müller")), Row(6, ("", "Bernd", "Bauer"))]


def test_only_the_first_sheet(tmp_path: Path) -> None:
    path = workbook(tmp_path / "k.xlsx", [["Vorname"], ["Anna"]], second_sheet=True)
    assert read_table(path).rows == [Row(2, ("Anna",))]


def test_formulas_give_their_cached_value_or_nothing(tmp_path: Path) -> None:
    path = workbook(tmp_path / "k.xlsx", [["Vorname", "Summe"], ["Anna", "=1+2"]])
    # openpyxl saves no cached value; Excel would. Either way the formula itself is not read as text.
    assert read_table(path).rows == [Row(2, ("Anna", ""))]


def test_ragged_rows_and_data_right_of_the_header(tmp_path: Path) -> None:
    path = workbook(tmp_path / "k.xlsx", [["Vorname", "Nachname"], ["Anna", "Müller", "extra", "mehr"], ["Bernd"]])
    assert [row.cells for row in read_table(path).rows] == [("Anna", "Müller"), ("Bernd", "")]


def test_a_wrong_size_in_the_file_does_not_cut_rows(tmp_path: Path) -> None:
    path = workbook(tmp_path / "k.xlsx", [["Vorname"], ["Anna"], ["Bernd"], ["Carla"]])
    # Some programs write <dimension ref="A1"/> whatever the sheet holds; read-only openpyxl trusts it.
    rewritten = tmp_path / "falsch.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rewritten, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:A4" />', b'<dimension ref="A1" />')
                assert b'<dimension ref="A1" />' in data
            target.writestr(item, data)
    assert [row.cells for row in read_table(rewritten).rows] == [("Anna",), ("Bernd",), ("Carla",)]


def test_defusedxml_guards_openpyxl() -> None:
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML


def message(path: Path) -> str:
    with pytest.raises(UserError) as raised:
        read_table(path)
    assert path.name in raised.value.message
    return raised.value.message


def test_a_pdf_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "rechnung.xlsx"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n")
    assert "not an Excel workbook" in message(path)


def test_a_csv_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "kunden.xlsx"
    path.write_text("Vorname;Nachname\nAnna;Müller\n", encoding="utf-8")
    assert "not an Excel workbook" in message(path)


def test_a_zip_that_is_no_workbook(tmp_path: Path) -> None:
    path = tmp_path / "fotos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("bild.txt", "kein Excel")
    assert "damaged" in message(path)


def test_a_truncated_workbook(tmp_path: Path) -> None:
    path = workbook(tmp_path / "k.xlsx", [["Vorname"], ["Anna"]])
    path.write_bytes(path.read_bytes()[:600])
    assert "damaged" in message(path)


def test_a_workbook_with_broken_xml(tmp_path: Path) -> None:
    path = workbook(tmp_path / "k.xlsx", [["Vorname"], ["Anna"]])
    broken = tmp_path / "kaputt.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    assert "damaged" in message(broken)


def test_an_old_xls_or_encrypted_file_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "alt.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert ".xls" in message(path)


def test_an_empty_workbook(tmp_path: Path) -> None:
    path = tmp_path / "leer.xlsx"
    Workbook().save(path)
    assert "empty" in message(path)


def test_a_workbook_with_only_headings(tmp_path: Path) -> None:
    path = workbook(tmp_path / "kopf.xlsx", [["Vorname", "Nachname"]])
    assert "no customers" in message(path)


def test_an_empty_file_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "leer.xlsx"
    path.write_bytes(b"")
    assert "empty" in message(path)
