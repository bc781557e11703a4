"""Figure 9: personal letters into one PDF (`write_letters`, the default birthday template), per second.

1,000 letters for customers of the demo shop who may get one, timed from the template to the PDF in place;
then 10,000 in a child process, whose peak memory shows that the letters are drawn page by page (it must not
grow with the count).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

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
    """Peak RSS in MiB of a child that writes `count` letters."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.letters", str(db_path), str(folder / f"many-{count}.pdf"), str(count)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(done.stdout.strip().splitlines()[-1])


def _child(db_path: str, target: str, count: str) -> None:
    shop = open_shop(Path(db_path))
    try:
        write_letters(shop, Occasion.BIRTHDAY, _recipients(shop, int(count)), Path(target), language="de",
                      today=date.today())  # fmt: skip
    finally:
        shop.close()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


if __name__ == "__main__":
    _child(*sys.argv[1:4])
