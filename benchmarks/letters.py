"""Figure 9: personal letters into one PDF (`write_letters`, the default birthday template), per second.

1,000 letters for customers of the demo shop who may get one, timed from the template to the PDF in place;
then 1,000 and 10,000 in programs of their own, whose peak memory shows whether it grows with the count.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

from benchmarks import child
from emma.domain.letters import Occasion
from emma.services.letters import write_letters
from emma.services.shop import Shop, open_shop

LETTERS = 1_000
MANY = 10_000


def _recipients(shop: Shop, count: int) -> list[int]:
    rows = shop.database.connection.execute(
        "SELECT id FROM customers WHERE archived = 0 AND postal_mail_allowed = 1 AND postal_objected_on IS NULL"
        " AND street <> '' AND postal_code <> '' AND city <> '' ORDER BY id LIMIT ?",
        (count,),
    )
    return [customer_id for (customer_id,) in rows]


def time_letters(shop: Shop, folder: Path) -> tuple[float, int]:
    """Letters per second for `LETTERS` letters, and the pages written."""
    ids = _recipients(shop, LETTERS)
    started = time.perf_counter()
    result = write_letters(shop, Occasion.BIRTHDAY, ids, folder / "letters.pdf", language="de", today=date.today())
    seconds = time.perf_counter() - started
    return result.letters / seconds, result.pages


def peak_memory(db_path: Path, folder: Path, count: int) -> float:
    """Peak RSS in MiB of a program that writes `count` letters (through the launcher: its own figure alone)."""
    argv = [sys.executable, "-m", "benchmarks.letters", str(db_path), str(folder / f"many-{count}.pdf"), str(count)]
    done = child.run(argv, child.gui_env(folder))
    if done.returncode != 0:
        raise RuntimeError(f"writing {count} letters failed:\n{done.stderr}")
    return done.peak_rss_mb


def _write(db_path: str, target: str, count: str) -> None:
    shop = open_shop(Path(db_path))
    try:
        write_letters(shop, Occasion.BIRTHDAY, _recipients(shop, int(count)), Path(target), language="de",
                      today=date.today())  # fmt: skip
    finally:
        shop.close()


if __name__ == "__main__":
    _write(*sys.argv[1:4])
