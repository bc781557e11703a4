"""Opening the shop's SQLite file safely: refuse what is not ours or too new, back up, migrate.

The connection runs in the driver's autocommit mode; every change goes through `transaction()`,
which takes the write lock up front (`BEGIN IMMEDIATE`) so a change never fails half-way on a lock.
"""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from emma.domain.errors import UserError
from emma.i18n import _
from emma.store import schema

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def _null(value: None) -> None:
    return value


# Without an adapter of its own, binding None makes sqlite3 search for one and fail, which costs six times
# what binding a number does (1 µs against 0.15 µs); with this one a NULL is a dictionary lookup and a call.
# An import of 100,000 customers binds a quarter of a million of them.
sqlite3.register_adapter(type(None), _null)


class Database:
    """One open shop file. Build it with `open_database`; close it when done."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None) -> None:
        self.connection = connection
        self.path = path
        self.closed = False
        self._db = None

    @property
    def db(self):
        """sqlite-utils over the same connection, made when first used (it costs 0.1 s to import)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.connection, execute_plugins=False)
        return self._db

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: commits when the block ends, rolls back when it raises. Nests as savepoints."""
        conn = self.connection
        if conn.in_transaction:
            conn.execute("SAVEPOINT nested")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK TO SAVEPOINT nested")
                    conn.execute("RELEASE SAVEPOINT nested")
                raise
            conn.execute("RELEASE SAVEPOINT nested")
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            mapped = storage_error(error, self.path)
            if mapped is not None:
                raise mapped from error
            raise
        try:
            yield conn
        except BaseException as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            mapped = storage_error(error, self.path)
            if mapped is not None:
                raise mapped from error
            raise
        try:
            conn.execute("COMMIT")
        except BaseException as error:
            if conn.in_transaction:  # a failed COMMIT (disk full) must not leave the transaction open
                conn.execute("ROLLBACK")
            mapped = storage_error(error, self.path)
            if mapped is not None:
                raise mapped from error
            raise

    @contextlib.contextmanager
    def second_reader(self) -> Iterator[Database]:
        """The same file on a read-only connection of its own, for queries run in a second thread beside this
        connection's (SQLite works without Python's lock, so the two share the machine's cores). It sees what
        is committed: inside a transaction of this connection, and for a database in memory (which has no second
        connection), this database itself is given."""
        if self.path is None or self.connection.in_transaction:
            yield self
            return
        connection = _connect(str(self.path), read_only=True)
        try:
            connection.execute("PRAGMA cache_size = -32768")
            yield Database(connection, self.path)
        finally:
            connection.close()

    def close(self) -> None:
        self.connection.close()
        self.closed = True


def open_database(path: Path | None, *, backup_dir: Path | None = None) -> Database:
    """Opens (and creates or upgrades) the shop at `path`; None opens a fresh one in memory.

    A file that is not an SQLite database, is damaged, or was written by a newer Frau Emma is
    refused with a `UserError` and left untouched. Before a migration the file is copied beside
    itself (or into `backup_dir`).
    """
    if path is None:
        connection = _connect(":memory:")
        schema.migrate(connection)
        return Database(connection, None)
    path = Path(path)
    if path.is_dir():
        raise UserError(_("{path} is a folder, not a Frau Emma file.").format(path=path))
    if path.exists() and path.stat().st_size > 0:
        version = _inspect_existing(path)
        if version < schema.LATEST_VERSION:
            _backup_before_migration(path, version, backup_dir or path.parent)
    elif not path.parent.exists():
        raise UserError(_("The folder {folder} does not exist.").format(folder=path.parent))
    try:
        connection = _connect(str(path))
    except sqlite3.DatabaseError as error:
        raise _damaged(path, error) from error
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        schema.migrate(connection)
    except BaseException as error:
        connection.close()  # a refused file must not stay open (and locked) behind the error
        if isinstance(error, sqlite3.DatabaseError):
            raise _damaged(path, error) from error
        raise
    return Database(connection, path)


def _connect(target: str, *, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        uri = Path(target).resolve().as_uri() + "?mode=ro"
        connection = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        connection = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not read_only:
        connection.execute("PRAGMA foreign_keys = ON")
        # FULL: a change the owner saw confirmed survives a power cut, WAL or not.
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA cache_size = -32768")  # 32 MB: index pages of a big shop stay in memory
    return connection


def _inspect_existing(path: Path) -> int:
    """The schema version of an existing file, read without writing a byte of it."""
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise UserError(_("{path} cannot be read: {reason}").format(path=path, reason=error.strerror)) from None
    if header != SQLITE_HEADER:
        raise UserError(_("{path} is not a Frau Emma file (not an SQLite database).").format(path=path))
    try:
        connection = _connect(str(path), read_only=True)
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise _damaged(path, error) from error
    if version > schema.LATEST_VERSION:
        raise UserError(
            _("{path} was written by a newer Frau Emma (data version {version}). Please update Frau Emma.").format(
                path=path, version=version
            )
        )
    if version == 0 and tables:
        raise UserError(_("{path} is an SQLite database of another program.").format(path=path))
    return version


def _backup_before_migration(path: Path, version: int, folder: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}.before-v{schema.LATEST_VERSION}-from-v{version}-{stamp}.db"
    source = _connect(str(path), read_only=True)
    try:
        copy = sqlite3.connect(str(target))
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    return target


def _damaged(path: Path, error: sqlite3.DatabaseError) -> UserError:
    if "locked" in str(error):
        return UserError(_("{path} is in use by another program. Please try again.").format(path=path))
    return UserError(_("{path} is damaged and cannot be opened.").format(path=path))


_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 3, 8, 10, 13, 14


def storage_error(error: BaseException, path: Path | None) -> UserError | None:
    """A full disk, a read-only file or folder, a failing disk as one sentence for the owner; None for others.

    Whatever raised it was rolled back or removed, so the sentence can promise that nothing was changed.
    """
    where = path if path is not None else _("the customer file")
    if isinstance(error, sqlite3.Error):
        code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
        full, read_only = code == _SQLITE_FULL, code in (_SQLITE_READONLY, _SQLITE_PERM)
        failed = code in (_SQLITE_IOERR, _SQLITE_CANTOPEN)
    elif isinstance(error, OSError):
        full = error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
        read_only = error.errno in (errno.EROFS, errno.EACCES, errno.EPERM)
        failed = error.errno == errno.EIO
    else:
        return None
    if full:
        return UserError(
            _("The disk is full: {path} was not changed. Please free some space and try again.").format(path=where)
        )
    if read_only:
        return UserError(
            _("{path} cannot be written (read-only or no permission): nothing was changed.").format(path=where)
        )
    if failed:
        return UserError(
            _("{path} could not be written (disk or network error): nothing was changed.").format(path=where)
        )
    return None
