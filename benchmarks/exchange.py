"""Figure: the demo shop's 100,000 customers exported to CSV, and that CSV imported into an empty file.

The import's target is 10 s for 100,000 rows (issue 6): reading, checking, matching and writing them in one
transaction, with the search index built.
"""

from __future__ import annotations

import time
from datetime import date, datetime
from pathlib import Path

from emma.services.exporting import export_customers
from emma.services.importing import import_file
from emma.services.shop import open_shop


def time_export_and_import(db_path: Path, folder: Path) -> tuple[float, float, int]:
    """(export seconds, import seconds, customers imported)."""
    exported = folder / "kunden.csv"
    shop = open_shop(db_path)
    try:
        started = time.perf_counter()
        export_customers(shop, exported)
        export_seconds = time.perf_counter() - started
    finally:
        shop.close()
    empty = open_shop(folder / "imported.db")
    try:
        started = time.perf_counter()
        result = import_file(empty, exported, today=date.today(), now=datetime.now())
        import_seconds = time.perf_counter() - started
    finally:
        empty.close()
    return export_seconds, import_seconds, result.imported
