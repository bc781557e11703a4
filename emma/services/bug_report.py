"""What happens to a bug: its traceback goes to a log file in the data folder, never to the owner."""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

from emma.services.shop import data_folder


def log_path() -> Path:
    return data_folder() / "emma-errors.log"


def details(error: BaseException) -> str:
    return "".join(traceback.format_exception(error))


def write(error: BaseException) -> Path:
    """Appends the error's details to the log; returns where they are."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n{details(error)}\n")
    except OSError:
        pass  # a log that cannot be written must not hide the original error
    return path
