"""Bulk inserts: a few hundred rows in each INSERT statement instead of one statement per row.

A row-by-row `executemany` pays for every row what a statement costs once: stepping and resetting
it, opening its cursors, and for a `CHECK (column IN (…))` building the list's lookup table anew.
With many rows per statement the demo shop's tables fill in about half the time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain

ROWS_PER_STATEMENT = 250


def insert_rows(
    conn: sqlite3.Connection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    constants: Mapping[str, object] | None = None,
) -> int:
    """Inserts `rows` (values in the order of `columns`) into `table`; `constants` are columns with
    the same value in every row, bound once per statement. Returns the number of rows."""
    fixed = list((constants or {}).values())
    width = len(columns)
    limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per_statement = max(1, min(ROWS_PER_STATEMENT, (limit - len(fixed)) // width))
    values = list(chain.from_iterable(rows))
    if len(values) % width:
        raise ValueError(f"rows for {table} must have {width} values each")
    selected = ", ".join([f"column{index}" for index in range(1, width + 1)] + ["?"] * len(fixed))
    head = f"INSERT INTO {table} ({', '.join([*columns, *(constants or {})])}) SELECT {selected} FROM (VALUES "
    row = "(" + ", ".join("?" * width) + ")"
    step = per_statement * width
    whole = len(values) - len(values) % step
    if whole:
        sql = head + ", ".join([row] * per_statement) + ")"
        conn.executemany(sql, (fixed + values[start : start + step] for start in range(0, whole, step)))
    if whole < len(values):
        sql = head + ", ".join([row] * ((len(values) - whole) // width)) + ")"
        conn.execute(sql, fixed + values[whole:])
    return len(values) // width
