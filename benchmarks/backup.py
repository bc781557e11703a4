"""Figure: a checked backup of the demo shop (`write_backup`: copy, quick and reference check, fsync, rename).

The backup runs in a thread, as the window runs it; meanwhile the main thread wakes every 5 ms, and the
longest it waited shows whether the window would stay responsive (SQLite releases the GIL while copying).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from emma.domain.backups import BackupKind
from emma.services.backups import write_backup

TICK_S = 0.005


def time_backup(db_path: Path, folder: Path) -> tuple[float, float, int]:
    """Seconds for one backup, the main thread's longest stall in ms meanwhile, and the copy's size in bytes."""
    folder.mkdir(exist_ok=True)
    outcome: list[object] = []

    def run() -> None:
        started = time.perf_counter()
        try:
            written = write_backup(db_path, folder, BackupKind.MANUAL)
        except BaseException as error:  # reported by the caller
            outcome.append(error)
        else:
            outcome.append((time.perf_counter() - started, written))

    worker = threading.Thread(target=run)
    worker.start()
    stall = 0.0
    while worker.is_alive():
        before = time.perf_counter()
        time.sleep(TICK_S)
        stall = max(stall, time.perf_counter() - before - TICK_S)
    worker.join()
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    seconds, written = outcome[0]
    return seconds, stall * 1000, written.stat().st_size


if __name__ == "__main__":
    import sys

    seconds, stall_ms, size = time_backup(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"backup {seconds:.2f} s, longest main-thread stall {stall_ms:.1f} ms, {size / 1024 / 1024:.0f} MiB")
