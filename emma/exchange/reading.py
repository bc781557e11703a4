"""Reading the file of an import into a `Table`: CSV as real programs write it, Excel workbooks, vCards.

Whatever is wrong with the file – missing, a folder, empty, a PDF renamed .xlsx, damaged – becomes a
UserError with one sentence naming it; no exception of csv, openpyxl, vobject or zipfile gets out.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from datetime import date, datetime, time, timedelta
from pathlib import Path

from emma.domain.errors import UserError
from emma.exchange.columns import FIELDS, guess_columns
from emma.exchange.tables import Row, Table
from emma.i18n import _

MAX_BYTES = 200 * 1024 * 1024
CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
_DELIMITERS = (";", "\t", ",")
_SAMPLE_CHARS = 64 * 1024
_SAMPLE_RECORDS = 50
# A quoted field running over more lines than this is a quotation mark that was never closed.
_MAX_RECORD_LINES = 200
# An apostrophe our export (or the owner) put before a formula character so Excel shows it as text.
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")
_NEUTRALISED_ANYWHERE = re.compile(r"'[=+\-@\t\r]")
_LINE_BREAKS = re.compile(r"\r\n?")
_SEPARATOR_HINT = re.compile(r"\"?sep=([;,\t])\"?[ \t]*(?:\r\n|\r|\n)", re.IGNORECASE)


def _unneutralise(cell: str) -> str:
    """The cell as it was before an export put an apostrophe before its "=", "+", "-" or "@"."""
    return cell[1:].strip() if _NEUTRALISED.match(cell) else cell


def read_table(path: Path) -> Table:
    """The columns and rows of the CSV (.csv .txt .tsv), Excel (.xlsx) or vCard (.vcf) file at `path`."""
    kind = path.suffix.lower()
    if kind not in CSV_SUFFIXES and kind not in {".xlsx", ".xlsm", ".vcf", ".vcard"}:
        raise _unsupported(path)
    data = _read_bytes(path)
    if kind in CSV_SUFFIXES:
        return _read_csv(path, data)
    if kind in {".xlsx", ".xlsm"}:
        return _read_xlsx(path, data)
    return _read_vcards(path, data)


def _unsupported(path: Path) -> UserError:
    kind = path.suffix.lower()
    if kind in {".xls", ".ods", ".numbers", ".xlsb"}:
        return UserError(
            _("{name} cannot be read as it is; please save it as an Excel workbook (.xlsx) or as CSV.").format(
                name=path.name
            )
        )
    return UserError(
        _("{name} is not a file to import: please choose a CSV, Excel (.xlsx) or vCard (.vcf) file.").format(
            name=path.name
        )
    )


def _read_bytes(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise UserError(_("{name} is a folder, not a file.").format(name=path.name))
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UserError(
                _("{name} is larger than 200 MB; that is more than a customer file can be.").format(name=path.name)
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(_("There is no file {path}.").format(path=path)) from None
    except PermissionError:
        raise UserError(_("{name} cannot be read: no permission to open it.").format(name=path.name)) from None
    except OSError as error:
        raise UserError(
            _("{name} cannot be read ({reason}).").format(name=path.name, reason=error.strerror or error)
        ) from None
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise UserError(_("{name} is empty.").format(name=path.name))
    return data


def _other_format(data: bytes) -> str | None:
    """What a file is when its first bytes say it plainly: "PDF", "ZIP", "OLE" (old Office or encrypted)."""
    if data.startswith(b"%PDF"):
        return "PDF"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "ZIP"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "OLE"
    for magic in (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf"):
        if data.startswith(magic):
            return "binary"
    return None


def _not_text(path: Path, data: bytes) -> UserError:
    found = _other_format(data)
    if found == "PDF":
        return UserError(_("{name} is a PDF document, not a table; it cannot be imported.").format(name=path.name))
    if found in {"ZIP", "OLE"}:
        return UserError(
            _("{name} is not a text file but probably an Excel workbook; please give it the ending .xlsx.").format(
                name=path.name
            )
        )
    return UserError(_("{name} is not a text file; a CSV file holds text.").format(name=path.name))


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): a byte-order mark decides, then valid UTF-8, else Windows-1252 as German Excel saves."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # the five bytes Windows-1252 leaves out: read them as Latin-1 does
        return data.decode("latin-1"), "cp1252"


# --- CSV --------------------------------------------------------------------------------------


def _read_csv(path: Path, data: bytes) -> Table:
    if _other_format(data) or (b"\x00" in data[:_SAMPLE_CHARS] and not data.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise _not_text(path, data)
    text, encoding = decode(data)
    if _looks_binary(text):
        raise _not_text(path, data)
    delimiter = _detect_delimiter(text, prefer_tab=path.suffix.lower() == ".tsv")
    skip_lines = 0
    if hint := _SEPARATOR_HINT.match(text):  # "sep=;" that Excel writes and reads as the first line
        delimiter = hint[1]
        skip_lines = 1
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True, strict=False
    )
    columns: list[str] | None = None
    header_line = 0
    width = 0
    rows: list[Row] = []
    append = rows.append
    strip = str.strip
    # Only a file with an apostrophe before a formula character needs each cell looked at for it.
    neutralised = _NEUTRALISED_ANYWHERE.search(text) is not None
    line = 0
    try:
        for record in reader:
            start = line + 1
            line = reader.line_num
            cells = list(map(strip, record))
            if not any(cells) or start <= skip_lines:
                continue
            if line != start:
                if line - start >= _MAX_RECORD_LINES:
                    raise _unclosed_quote(path, start)
                # A quoted field with line breaks: "\n" whatever the file used.
                cells = [_LINE_BREAKS.sub("\n", cell) if "\r" in cell else cell for cell in cells]
            if columns is None:
                columns = _header(cells, _csv_column_name)
                header_line, width = start, len(columns)
                continue
            if neutralised and "\x1f'" in "\x1f" + "\x1f".join(cells):  # a cell of the row begins with one
                cells = [_unneutralise(cell) if cell[:1] == "'" else cell for cell in cells]
            if len(cells) != width:
                cells = cells[:width] if len(cells) > width else cells + [""] * (width - len(cells))
                if not any(cells):
                    continue
            append(Row(start, tuple(cells)))
    except csv.Error as error:
        raise UserError(
            _("{name} cannot be read as CSV near line {line}: the quotation marks do not pair up.").format(
                name=path.name, line=line + 1
            )
        ) from error
    if columns is None:
        raise UserError(_("{name} is empty.").format(name=path.name))
    if rows and rows[-1].number > header_line and line - rows[-1].number >= 1 and text.count('"') % 2:
        # The last record ran to the end of the file inside quotation marks.
        raise _unclosed_quote(path, rows[-1].number)
    _check_header(path, columns, rows)
    return Table(columns=columns, rows=rows, encoding=encoding, delimiter=delimiter)


def _unclosed_quote(path: Path, line: int) -> UserError:
    return UserError(
        _("In {name}, the quotation mark in line {line} is never closed; please check that line.").format(
            name=path.name, line=line
        )
    )


def _looks_binary(text: str) -> bool:
    sample = text[:_SAMPLE_CHARS]
    controls = sum(1 for char in sample if char < " " and char not in "\t\r\n")
    return controls > max(8, len(sample) // 100)


def _detect_delimiter(text: str, *, prefer_tab: bool) -> str:
    """The delimiter that splits the first records into the most equal, widest rows (quotes respected)."""
    sample = text[:_SAMPLE_CHARS]
    truncated = len(text) > len(sample)
    candidates = ("\t", ";", ",") if prefer_tab else _DELIMITERS
    best, best_score = candidates[0] if prefer_tab else ";", (0.0, 0)
    for delimiter in candidates:
        try:
            records = [
                record
                for record in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, strict=False)
                if any(cell.strip() for cell in record)
            ]
        except csv.Error:
            continue
        if truncated and len(records) > 1:
            records.pop()  # cut off in the middle
        records = records[:_SAMPLE_RECORDS]
        if not records:
            continue
        width = len(records[0])
        if width < 2:
            continue
        same = sum(1 for record in records if len(record) == width) / len(records)
        score = (round(same, 2), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_column_name(index: int) -> str:
    return _("Column {number}").format(number=index + 1)


def _excel_column_name(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return _("Column {number}").format(number=get_column_letter(index + 1))


def _header(cells: list[str], name_of) -> list[str]:
    """The header row without empty columns at its end; an empty heading in between gets a name."""
    cells = [_unneutralise(cell.lstrip("\ufeff").strip()) for cell in cells]
    while cells and not cells[-1]:
        cells.pop()
    return [cell or name_of(index) for index, cell in enumerate(cells)]


_LOOKS_LIKE_DATA = re.compile(r"[^@\s]+@[^@\s]+\.\w+|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2}|\+?\d[\d /-]{3,}")


def _check_header(path: Path, columns: list[str], rows: list[Row]) -> None:
    """A first row that is a customer rather than headings: the owner must add a row naming the columns."""
    if not rows:
        raise UserError(_("{name} has a row of headings but no customers below it.").format(name=path.name))
    if guess_columns(columns):
        return
    if any(_LOOKS_LIKE_DATA.fullmatch(column) for column in columns):
        raise UserError(
            _(
                "The first row of {name} is a customer, not the headings of the columns; "
                "please add a row that names them (e.g. Vorname, Nachname, PLZ)."
            ).format(name=path.name)
        )


# --- Excel ------------------------------------------------------------------------------------


def _read_xlsx(path: Path, data: bytes) -> Table:
    found = _other_format(data)
    if found == "OLE":
        raise UserError(
            _(
                "{name} is an old Excel file (.xls) or protected by a password; "
                "please save it in Excel as a workbook (.xlsx) without a password."
            ).format(name=path.name)
        )
    if found != "ZIP":
        raise UserError(_("{name} is not an Excel workbook (.xlsx).").format(name=path.name))
    from openpyxl import load_workbook

    columns: list[str] | None = None
    rows: list[Row] = []
    try:
        with warnings.catch_warnings():
            # openpyxl warns of what it drops (data validation, conditional formats): none of it matters here.
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheet = workbook.worksheets[0] if workbook.worksheets else None
                if sheet is None:
                    raise UserError(_("{name} has no sheet to read.").format(name=path.name))
                if hasattr(sheet, "reset_dimensions"):
                    sheet.reset_dimensions()  # some programs write a wrong size; read every row there is
                width = 0
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                    cells = [_excel_cell(value) for value in values]
                    if not any(cells):
                        continue
                    if columns is None:
                        columns = _header(cells, _excel_column_name)
                        width = len(columns)
                        continue
                    cells = [_unneutralise(cell) if cell[:1] == "'" else cell for cell in cells]
                    if len(cells) != width:
                        cells = cells[:width] if len(cells) > width else cells + [""] * (width - len(cells))
                        if not any(cells):
                            continue
                    rows.append(Row(number, tuple(cells)))
            finally:
                workbook.close()
    except UserError:
        raise
    except Exception as error:  # openpyxl, zipfile and the XML parser raise all kinds on a damaged file
        raise UserError(
            _("{name} is not an Excel workbook or it is damaged; please open it in Excel and save it again.").format(
                name=path.name
            )
        ) from error
    if columns is None:
        raise UserError(_("{name} is empty.").format(name=path.name))
    _check_header(path, columns, rows)
    return Table(columns=columns, rows=rows)


def _excel_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, time):
        return value.strftime("%H:%M") if not value.second else value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value).strip()


# --- vCards -----------------------------------------------------------------------------------

_BEGIN = re.compile(r"^[ \t]*BEGIN[ \t]*:[ \t]*VCARD[ \t]*$", re.IGNORECASE)
_END = re.compile(r"^[ \t]*END[ \t]*:[ \t]*VCARD[ \t]*$", re.IGNORECASE)
_LINE_END = re.compile(r"\r\n|\r|\n")


def _read_vcards(path: Path, data: bytes) -> Table:
    if _other_format(data) or (b"\x00" in data[:_SAMPLE_CHARS] and not data.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise _not_vcard(path)
    text, _encoding = decode(data)
    from emma.exchange import vcards

    cards = _split_cards(text)
    if not cards:
        raise _not_vcard(path)
    rows: list[Row] = []
    for number, card in enumerate(cards, start=1):
        try:
            fields = vcards.fields_of(card)
        except Exception as error:  # vobject's ParseError, and whatever a strange card makes it raise
            raise UserError(
                _("Contact {number} in {name} is damaged and cannot be read.").format(number=number, name=path.name)
            ) from error
        cells = tuple(fields.get(field, "") for field in FIELDS)
        if any(cells):
            rows.append(Row(number, cells))
    return Table(columns=list(FIELDS), rows=rows)


def _not_vcard(path: Path) -> UserError:
    return UserError(_("{name} holds no contacts (vCards).").format(name=path.name))


def _split_cards(text: str) -> list[str]:
    """The text of each BEGIN:VCARD … END:VCARD, in order (an unfinished last one included)."""
    cards: list[str] = []
    current: list[str] | None = None
    depth = 0
    for line in _LINE_END.split(text):
        if _BEGIN.match(line):
            if current is None:
                current, depth = [], 0
            depth += 1
        if current is not None:
            current.append(line)
            if _END.match(line):
                depth -= 1
                if depth == 0:
                    cards.append("\r\n".join(current) + "\r\n")
                    current = None
    if current is not None:
        cards.append("\r\n".join(current) + "\r\n")
    return cards
