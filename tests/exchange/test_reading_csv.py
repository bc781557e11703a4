"""Reading CSV files as real programs write them: encodings, delimiters, quotes, ragged and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from emma.domain.errors import UserError
from emma.exchange.reading import read_table
from emma.exchange.tables import Row

HEADER = ["Vorname", "Nachname", "Straße", "PLZ", "Ort", "Notizen"]
ROWS = [
    ["Jürgen", "Müller", "Hauptstraße 5", "01067", "Dresden", "zahlt 5 € bar"],
    ["Anna-Lena", "Groß", "Äußere Weg 1", "80331", "München", "mag Rosé"],
    ["Zoë", "Öztürk", "", "", "Köln", ""],
]


def write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def lines(rows: list[list[str]], delimiter: str) -> str:
    return "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"


@pytest.mark.parametrize(
    ("encoding", "expected"), [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252")]
)
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_every_encoding_and_delimiter(tmp_path: Path, encoding: str, expected: str, delimiter: str) -> None:
    path = write(tmp_path / "kunden.csv", lines([HEADER, *ROWS], delimiter), encoding)

    table = read_table(path)

    assert table.columns == HEADER
    assert [list(row.cells) for row in table.rows] == ROWS
    assert [row.number for row in table.rows] == [2, 3, 4]
    assert (table.encoding, table.delimiter) == (expected, delimiter)


def test_excel_german_windows_csv_with_sharp_s_and_euro(tmp_path: Path) -> None:
    text = "Vorname;Nachname;Bemerkung\r\nGünther;Weiß;Gutschein über 20 €\r\n"
    table = read_table(write(tmp_path / "export.csv", text, "cp1252"))
    assert table.rows[0].cells == ("Günther", "Weiß", "Gutschein über 20 €")
    assert table.encoding == "cp1252"


def test_utf16_unicode_text_from_excel(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes(lines([HEADER, *ROWS], "\t").encode("utf-16"))
    table = read_table(path)
    assert [list(row.cells) for row in table.rows] == ROWS
    assert table.delimiter == "\t"


def test_quoted_fields_with_line_breaks_and_delimiters_inside(tmp_path: Path) -> None:
    text = (
        "Vorname;Nachname;Notizen;Ort\r\n"
        'Anna;"Müller; geb. Schmidt";"erste Zeile\r\nzweite Zeile\r\ndritte ""Zitat"" Zeile";Berlin\r\n'
        'Bernd;Bauer;"a, b; c";Hamburg\r\n'
    )
    table = read_table(write(tmp_path / "k.csv", text, "utf-8"))
    assert table.rows == [
        Row(2, ("Anna", "Müller; geb. Schmidt", 'erste Zeile\nzweite Zeile\ndritte "Zitat" Zeile', "Berlin")),
        Row(5, ("Bernd", "Bauer", "a, b; c", "Hamburg")),
    ]


def test_comma_file_with_semicolons_in_quotes_is_read_as_comma(tmp_path: Path) -> None:
    text = 'First Name,Last Name,Notes\n"Anna","Müller","likes: wine; cheese"\n"Bernd","Bauer","a;b;c;d"\n'
    table = read_table(write(tmp_path / "google.csv", text, "utf-8"))
    assert table.delimiter == ","
    assert table.rows[1].cells == ("Bernd", "Bauer", "a;b;c;d")


def test_empty_rows_are_left_out_and_numbers_stay_those_of_the_file(tmp_path: Path) -> None:
    text = "\r\n\r\nVorname;Nachname\r\n\r\nAnna;Müller\r\n;\r\n  ;  \r\n\r\nBernd;Bauer\r\n\r\n"
    table = read_table(write(tmp_path / "k.csv", text, "utf-8"))
    assert table.columns == ["Vorname", "Nachname"]
    assert table.rows == [Row(5, ("Anna", "Müller")), Row(9, ("Bernd", "Bauer"))]


def test_ragged_rows_are_padded_or_cut(tmp_path: Path) -> None:
    text = "Vorname;Nachname;Ort\nAnna\nBernd;Bauer;Kiel;überzählig;noch mehr\nCarla;Cordes\n;;;nur hinten\n"
    table = read_table(write(tmp_path / "k.csv", text, "utf-8"))
    assert [row.cells for row in table.rows] == [
        ("Anna", "", ""),
        ("Bernd", "Bauer", "Kiel"),
        ("Carla", "Cordes", ""),
    ]
    assert all(len(row.cells) == 3 for row in table.rows)


def test_cells_and_headers_are_stripped_and_trailing_empty_headers_dropped(tmp_path: Path) -> None:
    text = "\ufeff Vorname ; Nachname ;;;\n  Anna  ;  Müller ;;;\n"
    table = read_table(write(tmp_path / "k.csv", text, "utf-8"))
    assert table.columns == ["Vorname", "Nachname"]
    assert table.rows[0].cells == ("Anna", "Müller")


def test_an_empty_heading_between_others_gets_a_name(tmp_path: Path) -> None:
    table = read_table(write(tmp_path / "k.csv", "Vorname;;Ort\nAnna;x;Kiel\n", "utf-8"))
    assert table.columns == ["Vorname", "Column 2", "Ort"]


def test_single_column_file(tmp_path: Path) -> None:
    table = read_table(write(tmp_path / "namen.csv", "Nachname\nMüller\nSchmidt, Anna\n", "utf-8"))
    assert table.columns == ["Nachname"]
    assert [row.cells for row in table.rows] == [("Müller",), ("Schmidt, Anna",)]


def test_tsv_and_txt_endings_and_upper_case(tmp_path: Path) -> None:
    assert read_table(write(tmp_path / "k.TSV", "Vorname\tNachname\nA\tB\n", "utf-8")).delimiter == "\t"
    assert read_table(write(tmp_path / "k.Txt", "Vorname;Nachname\nA;B\n", "utf-8")).delimiter == ";"
    assert read_table(write(tmp_path / "K.CSV", "Vorname,Nachname\nA,B\n", "utf-8")).delimiter == ","


def test_mac_line_ends(tmp_path: Path) -> None:
    table = read_table(write(tmp_path / "k.csv", "Vorname;Nachname\rAnna;Müller\rBernd;Bauer\r", "utf-8"))
    assert table.rows == [Row(2, ("Anna", "Müller")), Row(3, ("Bernd", "Bauer"))]


def test_an_apostrophe_before_a_formula_character_is_taken_off(tmp_path: Path) -> None:
    text = "A;B;C;D;E\n'=HYPERLINK(\"x\");'+49 170 1;'-5;'@home;O'Brien\n''=x;'text;'';';x'=y\n"
    table = read_table(write(tmp_path / "k.csv", text, "utf-8"))
    assert table.rows[0].cells == ('=HYPERLINK("x")', "+49 170 1", "-5", "@home", "O'Brien")
    assert table.rows[1].cells == ("'=x", "'text", "''", "'", "x'=y")


def test_a_10_mb_file(tmp_path: Path) -> None:
    row = 'Anna;Müller;Hauptstraße 1;10115;Berlin;anna@example.de;"mag Tee; kommt montags"\r\n'
    count = 10 * 1024 * 1024 // len(row.encode()) + 1
    path = write(tmp_path / "gross.csv", "Vorname;Nachname;Straße;PLZ;Ort;E-Mail;Notizen\r\n" + row * count, "utf-8")
    assert path.stat().st_size > 10 * 1024 * 1024
    table = read_table(path)
    assert len(table.rows) == count
    assert table.rows[-1].number == count + 1
    assert table.rows[-1].cells[-1] == "mag Tee; kommt montags"


# --- what is wrong with a file --------------------------------------------------------------


def message(path: Path) -> str:
    with pytest.raises(UserError) as raised:
        read_table(path)
    assert path.name in raised.value.message or str(path) in raised.value.message
    return raised.value.message


def test_missing_file(tmp_path: Path) -> None:
    assert "There is no file" in message(tmp_path / "fehlt.csv")


def test_a_folder(tmp_path: Path) -> None:
    (tmp_path / "ordner.csv").mkdir()
    assert "folder" in message(tmp_path / "ordner.csv")


@pytest.mark.parametrize("content", [b"", b"\r\n\r\n  \r\n", b"\xef\xbb\xbf", b";;;\r\n;;\r\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "leer.csv"
    path.write_bytes(content)
    assert "empty" in message(path)


def test_header_only(tmp_path: Path) -> None:
    assert "no customers" in message(write(tmp_path / "kopf.csv", "Vorname;Nachname;PLZ\r\n", "utf-8"))


def test_no_header_but_a_customer_in_the_first_row(tmp_path: Path) -> None:
    text = "Anna;Müller;anna@example.de;03.07.1965\nBernd;Bauer;bernd@example.de;01.01.1970\n"
    assert "headings" in message(write(tmp_path / "ohne.csv", text, "utf-8"))


def test_binary_garbage(tmp_path: Path) -> None:
    path = tmp_path / "müll.csv"
    path.write_bytes(bytes(range(256)) * 100)
    assert "not a text file" in message(path)


def test_binary_garbage_without_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "müll.csv"
    path.write_bytes(bytes(range(1, 32)) * 500)
    assert "not a text file" in message(path)


def test_a_pdf_named_csv(tmp_path: Path) -> None:
    path = tmp_path / "rechnung.csv"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    assert "PDF" in message(path)


def test_a_workbook_named_csv(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "kunden.csv"
    Workbook().save(path)
    assert ".xlsx" in message(path)


def test_an_unclosed_quotation_mark(tmp_path: Path) -> None:
    text = 'Vorname;Nachname;Notizen\nAnna;Müller;"fängt an\n' + "Bernd;Bauer;x\n" * 300
    assert "line 2 " in message(write(tmp_path / "k.csv", text, "utf-8"))


def test_an_unclosed_quotation_mark_in_the_last_row(tmp_path: Path) -> None:
    text = 'Vorname;Nachname;Notizen\nAnna;Müller;x\nBernd;Bauer;"offen\nund weiter\n'
    assert "line 3 " in message(write(tmp_path / "k.csv", text, "utf-8"))


@pytest.mark.parametrize("name", ["kunden.xls", "kunden.ods", "kunden.numbers"])
def test_other_spreadsheets_ask_to_save_as_xlsx_or_csv(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"whatever")
    assert ".xlsx" in message(path)


@pytest.mark.parametrize("name", ["kunden.pdf", "kunden.docx", "kunden"])
def test_unsupported_endings(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"whatever")
    assert "CSV" in message(path)


def test_over_200_mb(tmp_path: Path) -> None:
    path = tmp_path / "riesig.csv"
    with path.open("wb") as file:
        file.truncate(200 * 1024 * 1024 + 1)  # sparse: no disk space needed
    assert "200 MB" in message(path)


def test_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # File permissions do not stop root (the test machine's user): the refusal is what the disk says.
    path = write(tmp_path / "geheim.csv", "Vorname\nAnna\n", "utf-8")

    def refused(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refused)
    assert "cannot be read" in message(path)


def test_the_message_is_one_sentence_naming_the_file(tmp_path: Path) -> None:
    assert message(tmp_path / "missing.csv") == f"There is no file {tmp_path / 'missing.csv'}."


def test_excel_separator_hint_in_the_first_line(tmp_path: Path) -> None:
    table = read_table(write(tmp_path / "k.csv", "sep=,\r\nVorname,Nachname\r\nAnna,Müller; Meier\r\n", "utf-8"))
    assert table.delimiter == ","
    assert table.columns == ["Vorname", "Nachname"]
    assert table.rows == [Row(3, ("Anna", "Müller; Meier"))]
