"""Figure: the demo shop's 100,000 customers exported to CSV, and that CSV imported into an empty file.

The import's target is 10 s for 100,000 rows (issue 6): reading, checking, matching and writing them in one
transaction, with the search index built. Each import runs in a process of its own
(`python -m benchmarks.exchange CSV DB`), as the app or `emma import` would, and not in the benchmark's
process, which by then holds a whole demo shop and the leftovers of every figure before (it took up to a
second longer there). The figure is the median of IMPORTS runs, each into a new empty file.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from benchmarks import child

IMPORTS = 3


def time_export(db_path: Path, exported: Path) -> float:
    from emma.services.exporting import export_customers
    from emma.services.shop import open_shop

    shop = open_shop(db_path)
    try:
        started = time.perf_counter()
        export_customers(shop, exported)
        return time.perf_counter() - started
    finally:
        shop.close()


def time_imports(exported: Path, folder: Path) -> tuple[list[float], str]:
    """The seconds of each import, each run in a child process into a new empty file, and how many customers
    it made."""
    seconds, imported = [], 0
    for _run in range(IMPORTS):
        with tempfile.TemporaryDirectory(dir=folder) as empty:
            target = Path(empty) / "imported.db"
            argv = [sys.executable, "-m", "benchmarks.exchange", str(exported), str(target)]
            done = child.run(argv, dict(os.environ))
        if done.returncode != 0 or not done.output:
            raise RuntimeError(f"the import failed ({done.returncode}):\n{done.stderr}")
        figures = json.loads(done.output[-1])
        seconds.append(figures["seconds"])
        imported = figures["imported"]
    return seconds, f"{imported:,} customers; "


def _import_once(exported: Path, target: Path) -> None:
    from emma.services.importing import import_file
    from emma.services.shop import open_shop

    shop = open_shop(target)
    try:
        started = time.perf_counter()
        result = import_file(shop, exported, today=date.today(), now=datetime.now())
        seconds = time.perf_counter() - started
    finally:
        shop.close()
    print(json.dumps({"seconds": seconds, "imported": result.imported}))


if __name__ == "__main__":
    _import_once(Path(sys.argv[1]), Path(sys.argv[2]))
