"""Opening and closing the shop's customer file."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from emma.store import customers as customer_store
from emma.store.database import Database, open_database
from emma.store.instance_lock import InstanceLock

APP_NAME = "FrauEmma"


@dataclass
class Shop:
    """An open customer file. Built by the front door, handed to every use case, closed at the end."""

    database: Database
    lock: InstanceLock | None = field(default=None)

    @property
    def path(self) -> Path | None:
        return self.database.path

    @property
    def closed(self) -> bool:
        return self.database.closed

    @contextlib.contextmanager
    def reader(self) -> Iterator[Shop]:
        """The same file on a read-only connection of its own, for reading in a worker thread without opening
        the shop anew (a shop in memory gives itself)."""
        with self.database.second_reader() as database:
            yield Shop(database)

    def close(self) -> None:
        self.database.close()
        if self.lock is not None:
            self.lock.release()


def data_folder() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    """EMMA_DB if set, else `emma.db` in the user's data folder."""
    chosen = os.environ.get("EMMA_DB")
    return Path(chosen).expanduser() if chosen else data_folder() / "emma.db"


def open_shop(path: Path | None, *, exclusive: bool = False) -> Shop:
    """Opens (creating or upgrading) the file at `path`; None opens an empty shop in memory.

    `exclusive` holds a lock so that a second window on the same file is refused (the GUI asks for it).
    """
    lock = None
    if exclusive and path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = InstanceLock(path)
        lock.acquire()
    try:
        database = open_database(path)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    shop = Shop(database, lock)
    from emma.services.gdpr import reapply_erasures  # imported here: it builds on this module

    reapply_erasures(shop)  # an older backup put back by hand must not bring erased customers back
    return shop


def is_empty(shop: Shop) -> bool:
    """True for a file with no customers at all (archived ones count): the time to offer the demo."""
    return customer_store.count(shop.database) + customer_store.count(shop.database, archived=True) == 0


def file_name_part(text: str, fallback: str) -> str:
    """`text` as part of a file name: letters and digits kept, the rest a hyphen, at most 40 characters."""
    return "".join(ch if ch.isalnum() else "-" for ch in text.strip())[:40] or fallback
