"""Backups of the customer file: made daily and before big changes, rotated, listed, checked, restored.

The copies live in a backup folder (a setting of the shop, so a backup carries it; by default `Sicherungen`
beside the file). Their names say whose file, when and why (`emma-20261124-183005-auto.db`); the rules for
names and rotation are in `emma/domain/backups.py`, the careful writing in `emma/store/backup.py`.
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from emma.domain.backups import BackupKind, BackupName, is_due, parse_name, reason_slug, to_keep, unsafe_place
from emma.domain.errors import UserError
from emma.i18n import _
from emma.services.shop import Shop
from emma.store import backup as backup_store
from emma.store import settings as settings_store
from emma.store.database import storage_error
from emma.store.instance_lock import InstanceLock

BACKUP_FOLDER = "backup_folder"
DEFAULT_FOLDER_NAME = "Sicherungen"
Progress = backup_store.Progress
Cancelled = backup_store.Cancelled


@dataclass(frozen=True)
class BackupInfo:
    """One backup in the folder, as the list shows it."""

    path: Path
    made_at: datetime
    size: int
    kind: BackupKind
    reason: str  # said for the owner: „automatisch“, „vor einem Import“


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    safety_copy: Path | None  # where the file as it was before the restore was kept


def default_backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / DEFAULT_FOLDER_NAME


def backup_folder(shop: Shop) -> Path:
    """Where the shop's copies go: the chosen folder, else `Sicherungen` beside the file."""
    chosen = settings_store.get(shop.database, BACKUP_FOLDER, "") or ""
    if chosen:
        return Path(chosen)
    if shop.path is None:
        raise UserError(_("A customer file that lives only in memory has no backups."))
    return default_backup_folder(shop.path)


def set_backup_folder(shop: Shop, folder: Path | None) -> Path:
    """Chooses the backup folder (None: back to the default); refused unless a file can be written there."""
    if folder is None:
        settings_store.put(shop.database, BACKUP_FOLDER, "")
        return backup_folder(shop)
    folder = Path(folder).expanduser().absolute()
    _ensure_writable(folder)
    settings_store.put(shop.database, BACKUP_FOLDER, str(folder))
    return folder


def backup_now(
    shop: Shop,
    reason: str = "manual",
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """A backup into the backup folder now (`reason` "auto" or "manual"), then the rotation; returns its path."""
    kind = BackupKind.AUTO if reason == "auto" else BackupKind.MANUAL
    return write_backup(_live_path(shop), backup_folder(shop), kind, now=now, progress=progress, cancelled=cancelled)


def backup_if_due(shop: Shop, now: datetime) -> Path | None:
    """The automatic backup, at most once a day: made (and the old ones rotated) if none was made today."""
    if shop.path is None:
        return None
    folder = backup_folder(shop)
    if not is_due([info_name for info_name, _path in _named_files(folder, shop.path.stem)], now):
        return None
    return write_backup(shop.path, folder, BackupKind.AUTO, now=now)


def safety_backup(shop: Shop, reason: str) -> Path:
    """A copy forced before a change of many rows (import, restore, erasure); `reason` says which.

    Checked like every backup; a failure raises a `UserError`, so the caller can refuse to go on.
    """
    return write_backup(_live_path(shop), backup_folder(shop), BackupKind.SAFETY, reason=reason)


def write_backup(
    db_path: Path,
    folder: Path,
    kind: BackupKind,
    *,
    reason: str = "",
    now: datetime | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """The backup itself, on paths only (a worker thread calls it without the GUI's connection).

    Old copies are dropped by the rotation only after the new one has passed its check.
    """
    db_path, folder = Path(db_path).absolute(), Path(folder).absolute()
    _ensure_writable(folder)
    backup_store.remove_stale_parts(folder)
    made_at = (now or datetime.now()).replace(microsecond=0)
    slug = reason_slug(reason) if kind is BackupKind.SAFETY else ""
    newest = max((name.made_at for name, _path in _named_files(folder, db_path.stem)), default=None)
    if newest is not None and newest.date() == made_at.date() and newest >= made_at:
        made_at = newest + timedelta(seconds=1)  # two copies in one second: the later one after, so the order holds
    target = folder / BackupName(db_path.stem, made_at, kind, slug).file_name()
    backup_store.write_copy(db_path, target, progress=progress, cancelled=cancelled)
    _rotate(folder, db_path.stem)
    return target


def backup_to_file(db_path: Path, target: Path) -> Path:
    """A checked copy of the customer file at `target` (`emma backup FILE`), outside the rotation."""
    target = Path(target).expanduser().absolute()
    if target.is_dir():
        raise UserError(_("{path} is a folder; please name the backup file.").format(path=target))
    if target.exists() and target.resolve() == Path(db_path).resolve():
        # Named after the customer file itself: the file is rewritten from a checked copy of itself, under the
        # lock and with its log folded in, as a restore does, so that FILE is a checked backup either way.
        lock = InstanceLock(target)
        lock.acquire()
        try:
            backup_store.replace_live(target, target)
        finally:
            lock.release()
        return target
    backup_store.write_copy(Path(db_path), target)
    return target


def list_backups(shop: Shop) -> list[BackupInfo]:
    """The shop's backups in its backup folder, newest first."""
    return list_backups_in(backup_folder(shop), _live_path(shop).stem)


def list_backups_in(folder: Path, stem: str) -> list[BackupInfo]:
    found = []
    for name, path in _named_files(folder, stem):
        with contextlib.suppress(OSError):  # deleted meanwhile
            found.append(BackupInfo(path, name.made_at, path.stat().st_size, name.kind, name.describe()))
    return sorted(found, key=lambda info: info.made_at, reverse=True)


def check_file(path: Path, *, full: bool = True) -> list[str]:
    """What is wrong with the file at `path` (integrity and foreign keys); empty when it is sound."""
    return backup_store.check(Path(path), full=full)


def quick_check_file(path: Path) -> str | None:
    """The first problem of the quick check at start (pages and b-trees, no references), or None.

    Opens a connection of its own, read-only, so a worker thread can run it while the window is in use.
    A file written by a newer Frau Emma or another program's database is no damage: None.
    """
    try:
        problems = backup_store.check(Path(path), full=False, references=False, damage_only=True)
    except UserError:
        return None  # missing or in use: nothing a backup would mend
    return problems[0] if problems else None


def newest_good_backup(db_path: Path, folder: Path | None = None) -> BackupInfo | None:
    """The newest backup of the file at `db_path` that passes the check (for a damaged file at start)."""
    db_path = Path(db_path)
    for info in list_backups_in(folder or folder_of_file(db_path), db_path.stem):
        if info.kind is BackupKind.DAMAGED:
            continue
        with contextlib.suppress(UserError):
            if not check_file(info.path, full=False):
                return info
    return None


def folder_of_file(db_path: Path) -> Path:
    """The backup folder of a file that may be too damaged to open: its setting if readable, else the default.

    Read without opening the shop, which would upgrade (write) an older file.
    """
    chosen = backup_store.read_setting(Path(db_path), BACKUP_FOLDER)
    return Path(chosen) if chosen else default_backup_folder(db_path)


def restore(
    db_path: Path, backup: Path, *, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> RestoreResult:
    """Puts the backup in place of the customer file, which must not be open (the window closes it first).

    The backup is checked in full and refused when it fails; the current file is kept as a safety copy
    (a damaged one byte for byte); then the backup replaces it in one rename.
    """
    db_path, backup = Path(db_path).absolute(), Path(backup).absolute()
    if not backup.is_file():
        raise UserError(_("The backup {path} does not exist.").format(path=backup))
    if backup.resolve() == (db_path.resolve() if db_path.exists() else db_path):
        raise UserError(_("The backup is the customer file itself."))
    problems = check_file(backup)
    if problems:
        raise UserError(_("The backup {path} failed its check and was not restored: {problem}").format(
            path=backup, problem=problems[0]))  # fmt: skip
    if not db_path.parent.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=db_path.parent))
    lock = InstanceLock(db_path)
    lock.acquire()  # refused while the window (or another restore) has the file open
    try:
        safety = _keep_current(db_path) if db_path.exists() else None
        backup_store.replace_live(backup, db_path, progress=progress, cancelled=cancelled)
    finally:
        lock.release()
    return RestoreResult(backup, safety)


def place_warning(db_path: Path | None) -> str | None:
    """A warning when the customer file lies in a cloud-sync folder or on a network drive, else None."""
    if db_path is None:
        return None
    path = str(Path(db_path).absolute())
    mounts = ""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    reason = unsafe_place(path, mounts=mounts, windows=os.name == "nt")
    if reason is None:
        return None
    return " ".join((reason, _("SQLite is not safe there: changes can be lost or the file damaged when two computers "
                              "or the sync touch it. Please keep the customer file on this computer's own disk and "
                              "choose the cloud or network folder as the backup folder instead.")))  # fmt: skip


def _keep_current(db_path: Path) -> Path:
    """The file as it is, into its backup folder, before a restore replaces it."""
    folder = folder_of_file(db_path)
    if not check_file(db_path, full=False):
        return write_backup(db_path, folder, BackupKind.SAFETY, reason="restore")
    _ensure_writable(folder)
    name = BackupName(db_path.stem, datetime.now().replace(microsecond=0), BackupKind.DAMAGED)
    target = folder / name.file_name()
    backup_store.copy_raw(db_path, target)
    return target


def _live_path(shop: Shop) -> Path:
    if shop.path is None:
        raise UserError(_("A customer file that lives only in memory has no backups."))
    return shop.path


def _named_files(folder: Path, stem: str) -> list[tuple[BackupName, Path]]:
    named = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for entry in folder.iterdir():
            name = parse_name(entry.name)
            if name is not None and name.stem == stem and entry.is_file():
                named.append((name, entry))
    return named


def _rotate(folder: Path, stem: str) -> None:
    named = _named_files(folder, stem)
    keep = to_keep([name for name, _path in named])
    for name, path in named:
        if name not in keep:
            with contextlib.suppress(OSError):  # a copy that cannot be removed now goes next time
                path.unlink()
                path.with_name(path.name + "-wal").unlink(missing_ok=True)


def _ensure_writable(folder: Path) -> None:
    """Creates the folder if its parent is there; refuses one where no file can be written (a full stick)."""
    folder = Path(folder)
    if not folder.exists():
        if not folder.parent.is_dir():
            raise UserError(_("The folder {folder} does not exist.").format(folder=folder.parent))
        try:
            folder.mkdir()
        except OSError as error:
            raise storage_error(error, folder) or UserError(
                _("The folder {folder} cannot be created: {reason}").format(folder=folder, reason=error.strerror)
            ) from None
    if not folder.is_dir():
        raise UserError(_("{path} is not a folder.").format(path=folder))
    probe = folder / f".emma-probe-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise storage_error(error, folder) or UserError(
            _("Nothing can be written into {folder}: {reason}").format(folder=folder, reason=error.strerror)
        ) from None
