"""A file read for an import: its column headings and its rows of text cells."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Row(NamedTuple):  # a named tuple: a list of 100,000 rows is made in a fraction of a dataclass's time
    number: int  # where the owner finds it: the CSV line the record starts on (header = 1), the Excel row, n-th vCard
    cells: tuple[str, ...]  # stripped text of each column ("" when empty); as long as the table's columns


@dataclass
class Table:
    columns: list[str]  # header texts as in the file (vCards: the field names of columns.FIELDS)
    rows: list[Row]  # data rows; entirely empty rows left out
    encoding: str = ""  # "utf-8-sig", "utf-8", "utf-16" or "cp1252" for CSV, "" otherwise
    delimiter: str = ""  # ";", "," or "\t" for CSV
