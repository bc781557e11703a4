"""Writing an export: a CSV file that German Excel opens right, an Excel workbook, or vCards.

Each file is written whole: into a temporary file beside the target, then moved over it, so a
failure halfway (a full disk, an error while the rows are gathered) leaves the old file or none,
never half a file.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import IO

from emma.domain.customer import Customer
from emma.domain.errors import UserError
from emma.i18n import _, current_language

# A cell a spreadsheet would take for a formula ("=HYPERLINK(…)", "+49 170 …", "-5", "@SUM"), also
# behind apostrophes that are text already: one more apostrophe, which reading takes off again.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_LINE_BREAKS = re.compile(r"\r\n?")
# Characters XML 1.0 cannot carry, which openpyxl refuses.
_ILLEGAL_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EXCEL_CELL_LIMIT = 32_767
_WIDTH_SAMPLE = 200  # rows looked at for the column widths of a workbook


def neutralise(cell: str) -> str:
    """`cell` as a spreadsheet shows it literally: formula characters at its start behind an apostrophe."""
    return "'" + cell if _FORMULA.match(cell) else cell


def _clean(cell: str) -> str:
    text = "" if cell is None else str(cell)
    if "\r" in text:
        text = _LINE_BREAKS.sub("\n", text)
    return neutralise(text)


def write_table(path: Path, columns: list[str], rows: Iterable[Sequence[str]]) -> int:
    """Writes the header and rows to `path` (.csv or .xlsx) and returns how many rows it wrote."""
    kind = path.suffix.lower()
    if kind == ".csv":
        return _write_whole(path, "w", lambda file: _write_csv(file, columns, rows), newline="", encoding="utf-8-sig")
    if kind == ".xlsx":
        return _write_whole(path, "wb", lambda file: _write_xlsx(file, columns, rows))
    raise UserError(_("{name}: an export can be written as .csv, .xlsx or .vcf only.").format(name=path.name))


def _write_csv(file: IO[str], columns: list[str], rows: Iterable[Sequence[str]]) -> int:
    writer = csv.writer(file, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    width = len(columns)
    writer.writerow([_clean(column) for column in columns])
    count = 0
    for row in rows:
        cells = [_clean(cell) for cell in row[:width]]
        cells.extend([""] * (width - len(cells)))
        writer.writerow(cells)
        count += 1
    return count


def _excel_text(cell: str) -> str:
    text = _clean(cell)
    if _ILLEGAL_IN_XML.search(text):
        text = _ILLEGAL_IN_XML.sub("", text)
    return text[:_EXCEL_CELL_LIMIT]


def _write_xlsx(file: IO[bytes], columns: list[str], rows: Iterable[Sequence[str]]) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    width = len(columns)
    header = [_excel_text(column) for column in columns]
    rows_iter = iter(rows)
    sample = [_xlsx_row(row, width) for row in islice(rows_iter, _WIDTH_SAMPLE)]

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Customers")[:31])
    sheet.freeze_panes = "A2"
    for index, title in enumerate(header):
        longest = max([len(title) * 1.2, *(len(_first_line(cells[index])) for cells in sample)], default=8)
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(longest + 2, 8), 50)
    bold = Font(bold=True)
    header_cells = []
    for title in header:
        cell = WriteOnlyCell(sheet, value=title)
        cell.data_type = "s"
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    try:
        for cells in _chain(sample, (_xlsx_row(row, width) for row in rows_iter)):
            sheet.append(cells)
            count += 1
    except BaseException:
        _discard(sheet)
        raise
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook.save(file)
    return count


def _discard(sheet) -> None:
    """Closes a write-only sheet that will not be saved and removes openpyxl's temporary file of it."""
    with contextlib.suppress(Exception):
        sheet.close()
    with contextlib.suppress(Exception):
        sheet._writer.cleanup()


def _xlsx_row(row: Sequence[str], width: int) -> list[str]:
    # Only text, and none starting with "=": openpyxl writes every cell as a string, never as a formula.
    cells = [_excel_text(cell) for cell in row[:width]]
    cells.extend([""] * (width - len(cells)))
    return cells


def _first_line(text: str) -> str:
    return text.partition("\n")[0]


def _chain(first: list[list[str]], rest: Iterator[list[str]]) -> Iterator[list[str]]:
    yield from first
    yield from rest


def _write_whole(path: Path, mode: str, write: Callable[[IO], int], **open_args) -> int:
    """Runs `write` on a temporary file beside `path`, then puts it in place; on any failure removes it."""
    if path.is_dir():
        raise UserError(_("{name} is a folder; please choose a file name.").format(name=path.name))
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError:
        raise UserError(
            _("Cannot write into the folder {folder}; please choose another one.").format(folder=path.parent)
        ) from None
    try:
        with open(descriptor, mode, **open_args) as file:
            count = write(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise UserError(
                _("{name} could not be written ({reason}).").format(name=path.name, reason=error.strerror or error)
            ) from error
        raise
    return count


# --- vCards -----------------------------------------------------------------------------------


def write_vcards(path: Path, customers: Iterable[Customer]) -> int:
    """Writes the customers as vCards 3.0 (one file, UTF-8) and returns how many."""
    if path.suffix.lower() != ".vcf":
        raise UserError(_("{name}: vCards are written to a .vcf file.").format(name=path.name))
    countries = _country_names()

    def write(file: IO[str]) -> int:
        count = 0
        for customer in customers:
            file.write(_vcard(customer, countries))
            count += 1
        return count

    return _write_whole(path, "w", write, encoding="utf-8", newline="")


def _country_names() -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(current_language()).territories)


def _escape(text: str) -> str:
    text = _LINE_BREAKS.sub("\n", text)
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def _fold_line(line: str) -> str:
    """RFC 6350 folding: lines of at most 75 octets, continued after a space, never inside a character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line + "\r\n"
    parts: list[str] = []
    current: list[str] = []
    size = 0
    limit = 75
    for char in line:
        length = len(char.encode("utf-8"))
        if size + length > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines start with a space
        current.append(char)
        size += length
    parts.append("".join(current))
    return "\r\n ".join(parts) + "\r\n"


def _vcard(customer: Customer, countries: dict[str, str]) -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0"]
    name = ";".join(_escape(part) for part in (customer.last_name, customer.first_name, "", customer.title, ""))
    lines.append(f"N:{name}")
    lines.append(f"FN:{_escape(customer.full_name or customer.list_name)}")
    if customer.street or customer.postal_code or customer.city:
        country = countries.get(customer.country, customer.country) if customer.country else ""
        address = ";".join(
            _escape(part) for part in ("", "", customer.street, customer.city, "", customer.postal_code, country)
        )
        lines.append(f"ADR;TYPE=HOME:{address}")
    if customer.phone:
        lines.append(f"TEL;TYPE=VOICE:{_escape(customer.phone)}")
    if customer.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{_escape(customer.email)}")
    if customer.birthday:
        lines.append(f"BDAY:{customer.birthday.iso()}")
    if customer.notes:
        lines.append(f"NOTE:{_escape(customer.notes)}")
    # What other address books have no place for, for an import into Frau Emma.
    if customer.salutation.value != "none":
        lines.append(f"X-EMMA-SALUTATION:{customer.salutation.value}")
    if customer.address_form.value != "sie":
        lines.append(f"X-EMMA-ADDRESS-FORM:{customer.address_form.value}")
    if customer.customer_since:
        lines.append(f"X-EMMA-CUSTOMER-SINCE:{customer.customer_since.isoformat()}")
    for kind, tags in (("LIKES", customer.preferences.likes), ("FAVOURITES", customer.preferences.favourites)):
        if tags:
            lines.append(f"X-EMMA-{kind}:{_escape(', '.join(tags))}")
    lines.append(f"X-EMMA-POSTAL-MAIL:{'yes' if customer.consent.postal_mail else 'no'}")
    lines.append(f"X-EMMA-EMAIL-ALLOWED:{'yes' if customer.consent.email else 'no'}")
    lines.append("END:VCARD")
    return "".join(_fold_line(line) for line in lines)
