"""Copies of the shop file that can be trusted: written aside, checked, synced, then renamed into place.

A backup is written with SQLite's online backup API into a hidden `.part` file in the target folder; only a
copy that passed the check is fsync'd and renamed to its backup name, so a killed backup leaves at most a
`.part` file, never a half-written file under a backup's name. Restore works the same way beside the live
file, with the live file's write-ahead log folded in (or, for a damaged file, removed) before the rename.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from emma.domain.errors import UserError
from emma.i18n import _
from emma.store import schema
from emma.store.database import BUSY_TIMEOUT_MS, SQLITE_HEADER, storage_error

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

PART_SUFFIX = ".part"
STEP_PAGES = 16384  # 64 MiB a step at 4 KiB pages: a few progress reports for a big shop, no slowdown
CHECK_CACHE_KIB = 65536  # the check reads every page once; a larger cache than the default halves its time
CHECK_MMAP_BYTES = 1024 * 1024 * 1024  # address space only: the pages stay in the system's file cache
STALE_PART_SECONDS = 600
SIDE_FILES = ("-wal", "-shm", "-journal")


class BackupCancelled(UserError):
    """The owner stopped a backup or a restore; nothing was kept or changed."""

    def __init__(self) -> None:
        super().__init__(_("Cancelled: nothing was changed."))


def write_copy(
    source: Path,
    target: Path,
    *,
    full_check: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> None:
    """Copies the shop file `source` to `target` through a checked temporary file; `target` appears whole or not.

    The copy is checked with `quick_check` (every page and b-tree) and `foreign_key_check`; `full_check`
    adds the index cross-check of `integrity_check` (three times as long on a big shop).
    """
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise UserError(_("The customer file {path} does not exist.").format(path=source))
    if not target.parent.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=target.parent))
    with _through_part(target) as part:
        _copy_pages(source, part, progress, cancelled)
        problems = _check_and_sync(part, full_check)
        if problems:
            raise UserError(
                _("The copy of {path} failed its check, so it was not kept: {problem}").format(
                    path=source, problem=problems[0]
                )
            )
        os.replace(part, target)
        _fsync_folder(target.parent)


def check(path: Path, *, full: bool = True, references: bool = True, damage_only: bool = False) -> list[str]:
    """What is wrong with the shop file at `path` (empty: nothing). Read-only: never migrates or writes it.

    `full` runs `integrity_check` (indexes against their tables too), else `quick_check`; both with
    `foreign_key_check` (unless not `references`). A missing file is a `UserError`; a file that is no
    Frau Emma file is a problem, unless `damage_only` (a newer file or another program's database is
    refused as such when opened, not replaced by a backup).
    """
    path = Path(path)
    if not path.is_file():
        raise UserError(_("The file {path} does not exist.").format(path=path))
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise UserError(_("{path} cannot be read: {reason}").format(path=path, reason=error.strerror)) from None
    if header != SQLITE_HEADER:
        return [_("The file is not a Frau Emma file (not an SQLite database).")]
    try:
        connection = _reader(path)
    except sqlite3.Error as error:
        return [_("The file cannot be opened: {reason}").format(reason=error)]
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if damage_only and (version > schema.LATEST_VERSION or version == 0):
            return []
        if version > schema.LATEST_VERSION:
            return [_("The file was written by a newer Frau Emma (data version {version}).").format(version=version)]
        if version == 0:
            return [_("The file is not a Frau Emma file (an SQLite database of another program).")]
        pragma = "integrity_check" if full else "quick_check"
        # The two checks are independent and SQLite lets go of the GIL: on two cores they take the time of one.
        with ThreadPoolExecutor(max_workers=1) as pool:
            references_checked = pool.submit(_reference_problems, path) if references else None
            problems = [row[0] for row in connection.execute(f"PRAGMA {pragma}(20)") if row[0] != "ok"]
            if problems or references_checked is None:
                return problems
            return references_checked.result()
    except sqlite3.Error as error:
        if "locked" in str(error) or "busy" in str(error):
            raise UserError(_("{path} is in use by another program. Please try again.").format(path=path)) from None
        return [_("The file is damaged: {reason}").format(reason=error)]
    finally:
        connection.close()


def _reader(path: Path) -> sqlite3.Connection:
    """A read-only connection for reading every page once: a larger cache and memory-mapped reads halve that."""
    connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
    connection.execute(f"PRAGMA cache_size = -{CHECK_CACHE_KIB}")
    connection.execute(f"PRAGMA mmap_size = {CHECK_MMAP_BYTES}")
    return connection


def _reference_problems(path: Path) -> list[str]:
    connection = _reader(path)
    try:
        orphans = connection.execute("PRAGMA foreign_key_check").fetchmany(20)
    finally:
        connection.close()
    return [
        _("An entry in table {table} points to a missing entry in {parent}.").format(table=table, parent=parent)
        for table, _row, parent, _fk in orphans
    ]


def read_setting(path: Path, key: str) -> str | None:
    """One setting of a shop file read without changing it; None when the file cannot tell (damaged, missing)."""
    try:
        connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
        try:
            row = connection.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        finally:
            connection.close()
    except (sqlite3.Error, OSError):
        return None
    return row[0] if row else None


def replace_live(backup: Path, live: Path, *, progress: Progress | None = None, cancelled: Cancelled | None = None):
    """Puts a copy of `backup` in place of the shop file `live`, atomically. Nobody may have `live` open.

    The copy is made beside `live` (same file system, so the rename is atomic), checked in full, synced;
    then the live file's log is folded into it and removed — a stale `-wal` beside the restored file would
    be replayed onto it — and the copy is renamed over it.
    """
    backup, live = Path(backup), Path(live)
    with _through_part(live) as part:
        _copy_pages(backup, part, progress, cancelled)
        problems = _check_and_sync(part, True)
        if problems:
            message = _("The backup failed its check and was not restored: {problem}")
            raise UserError(message.format(problem=problems[0]))
        if cancelled is not None and cancelled():
            raise BackupCancelled()
        _retire_log(live)
        os.replace(part, live)
        _fsync_folder(live.parent)


def copy_raw(live: Path, target: Path) -> None:
    """Keeps the bytes of a file that cannot be copied page by page (a damaged one), its log beside it."""
    with _through_part(target) as part:
        shutil.copyfile(live, part)
        _fsync_file(part)
        wal = live.with_name(live.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, target.with_name(target.name + "-wal"))
            _fsync_file(target.with_name(target.name + "-wal"))
        os.replace(part, target)
        _fsync_folder(target.parent)


@contextlib.contextmanager
def _through_part(target: Path) -> Iterator[Path]:
    """A hidden name beside `target` to write to and rename: on any failure it is removed, and a full disk or a
    read-only folder is said in one sentence."""
    part = _part_name(target)
    try:
        yield part
    except BaseException as error:
        _remove_part(part)
        mapped = storage_error(error, target)
        if mapped is not None:
            raise mapped from error
        raise


def remove_stale_parts(folder: Path) -> None:
    """Deletes what killed backups left behind (`.part` files older than ten minutes, their journals)."""
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if entry.name.startswith(".") and PART_SUFFIX in entry.name:
                with contextlib.suppress(OSError):
                    if now - entry.stat().st_mtime > STALE_PART_SECONDS:
                        entry.unlink()


def _check_and_sync(part: Path, full: bool) -> list[str]:
    """Checks the fresh copy while the system writes it to the disk: reading and syncing do not wait on each other."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        synced = pool.submit(_fsync_file, part)
        problems = check(part, full=full)
        synced.result()
    return problems


def _part_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}-{time.monotonic_ns()}{PART_SUFFIX}")


def _copy_pages(source: Path, part: Path, progress: Progress | None, cancelled: Cancelled | None) -> None:
    def step(_status: int, remaining: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise BackupCancelled()
        if progress is not None:
            progress(total - remaining, total)

    try:
        # Read-write, though it only reads: a read-only connection could not remove the -wal and -shm it makes.
        reader = sqlite3.connect(source, isolation_level=None)
        reader.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.Error as error:
        raise UserError(_("{path} cannot be opened: {reason}").format(path=source, reason=error)) from error
    try:
        writer = sqlite3.connect(part, isolation_level=None)
        try:
            writer.execute("PRAGMA synchronous = OFF")  # synced once, whole, before the rename
            try:
                reader.backup(writer, pages=STEP_PAGES, progress=step)
            except sqlite3.DatabaseError as error:
                if storage_error(error, part) is not None:
                    raise
                raise UserError(_("{path} is damaged and cannot be copied.").format(path=source)) from error
            # A copy of a WAL file says WAL in its header: as a single file, rollback mode suits it.
            writer.execute("PRAGMA journal_mode = DELETE")
        finally:
            writer.close()
    finally:
        reader.close()


def _retire_log(live: Path) -> None:
    """Folds the live file's write-ahead log into it and removes it, so nothing stale is replayed later."""
    if not live.exists():
        return
    try:
        connection = sqlite3.connect(live, isolation_level=None)
        try:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA journal_mode = DELETE")  # checkpoints and deletes -wal and -shm
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise UserError(_("{path} is in use by another program. Please try again.").format(path=live)) from None
        _remove_side_files(live)
    except sqlite3.DatabaseError:
        _remove_side_files(live)  # damaged: its bytes were kept by the caller before; its log must not survive


def _remove_side_files(live: Path) -> None:
    for suffix in SIDE_FILES:
        with contextlib.suppress(FileNotFoundError):
            live.with_name(live.name + suffix).unlink()


def _remove_part(part: Path) -> None:
    for suffix in ("", "-journal"):
        with contextlib.suppress(OSError):
            part.with_name(part.name + suffix).unlink()


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Makes the rename itself durable (POSIX); Windows cannot open a folder for syncing and needs not."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
