"""Rules about backup copies: their names, which of them to keep, and places where a shop file is not safe.

Pure: the caller passes the file names, the dates and the mount table; nothing here touches a disk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from emma.i18n import _

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12
KEEP_SAFETY = 10  # copies made before a big change: the newest ten, whatever their dates

SUFFIX = ".db"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<kind>auto|manual|safety|damaged)(?:-(?P<reason>[\w-]{1,60}))?\.db$"
)


class BackupKind(Enum):
    AUTO = "auto"  # the daily copy made when the window closes
    MANUAL = "manual"  # "Jetzt sichern" or `emma backup`
    SAFETY = "safety"  # forced before an import, a restore, an erasure
    DAMAGED = "damaged"  # the bytes of a damaged file, kept before a restore replaced it

    @property
    def rotated(self) -> bool:
        """Daily, weekly and monthly copies come from the regular backups; the others follow their own rule."""
        return self in (BackupKind.AUTO, BackupKind.MANUAL)


@dataclass(frozen=True)
class BackupName:
    """What a backup's file name says: whose file, when, why."""

    stem: str
    made_at: datetime
    kind: BackupKind
    reason: str = ""

    def file_name(self) -> str:
        reason = f"-{self.reason}" if self.reason else ""
        return f"{self.stem}-{self.made_at.strftime(STAMP_FORMAT)}-{self.kind.value}{reason}{SUFFIX}"

    def describe(self) -> str:
        """Why the copy was made, as the list of backups says it."""
        if self.kind is BackupKind.AUTO:
            return _("automatic")
        if self.kind is BackupKind.MANUAL:
            return _("by hand")
        if self.kind is BackupKind.DAMAGED:
            return _("damaged file, kept before a restore")
        known = {
            "import": _("before an import"),
            "restore": _("before a restore"),
            "erasure": _("before an erasure"),
            "migration": _("before an update"),
            "merge": _("before merging customers"),
        }
        return known.get(self.reason) or _("before: {reason}").format(reason=self.reason.replace("-", " "))


def reason_slug(reason: str) -> str:
    """A caller's reason ("import", "vor dem Import von kunden.csv") as a file-name part: letters, digits, hyphens."""
    slug = re.sub(r"[^\w]+", "-", reason.strip()).replace("_", "-").strip("-")
    return slug[:60].strip("-") or "change"


def parse_name(file_name: str) -> BackupName | None:
    """The backup named `file_name`, or None for any other file (temporary files, other programs' files)."""
    match = _NAME.match(file_name)
    if match is None:
        return None
    try:
        made_at = datetime.strptime(match["stamp"], STAMP_FORMAT)
    except ValueError:
        return None
    return BackupName(match["stem"], made_at, BackupKind(match["kind"]), match["reason"] or "")


def to_keep(backups: list[BackupName]) -> set[BackupName]:
    """Which backups the rotation keeps: the rest may be deleted.

    Regular copies: the newest of each of the last 7 days, 4 ISO weeks and 12 months that have a copy at all
    (so a holiday does not eat the copies from before it). Safety copies: the newest 10. Copies of damaged
    files are never dropped by rotation.
    """
    regular = sorted((b for b in backups if b.kind.rotated), key=lambda b: b.made_at, reverse=True)
    keep: set[BackupName] = set()
    for period, count in (
        (lambda b: b.made_at.date(), KEEP_DAILY),
        (lambda b: b.made_at.isocalendar()[:2], KEEP_WEEKLY),
        (lambda b: (b.made_at.year, b.made_at.month), KEEP_MONTHLY),
    ):
        seen: set = set()
        for backup in regular:  # newest first: the first of each period is its newest
            key = period(backup)
            if key not in seen and len(seen) < count:
                seen.add(key)
                keep.add(backup)
    safety = sorted((b for b in backups if b.kind is BackupKind.SAFETY), key=lambda b: b.made_at, reverse=True)
    keep.update(safety[:KEEP_SAFETY])
    keep.update(b for b in backups if b.kind is BackupKind.DAMAGED)
    return keep


def is_due(backups: list[BackupName], now: datetime) -> bool:
    """True when no automatic copy was made today: it runs at most once a day (copies by hand do not count,
    so the day's last changes still reach the copy made when the window closes)."""
    return not any(b.kind is BackupKind.AUTO and b.made_at.date() == now.date() for b in backups)


CLOUD_FOLDERS = {
    "dropbox": "Dropbox",
    "onedrive": "OneDrive",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud": "iCloud",
    "icloud drive": "iCloud",
    "icloud~com~apple~clouddocs": "iCloud",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
}
NETWORK_FILESYSTEMS = ("nfs", "nfs4", "cifs", "smbfs", "smb3", "fuse.sshfs", "9p", "afs", "ncpfs")


def unsafe_place(path: str, *, mounts: str = "", windows: bool = False) -> str | None:
    """Why the file at `path` (absolute) lies where SQLite is not safe, or None.

    `mounts` is the text of /proc/mounts (empty where there is none); `windows` says how to read the path.
    """
    lowered = path.lower().replace("\\", "/")
    parts = [part for part in lowered.split("/") if part]
    for folder, name in CLOUD_FOLDERS.items():
        if any(part == folder or part.startswith((folder + " ", folder + "-")) for part in parts):
            return _("The customer file lies in a cloud-sync folder ({name}).").format(name=name)
    if windows and (path.startswith("\\\\") or path.startswith("//")):
        return _("The customer file lies in a network share.")
    filesystem = _mount_type(path, mounts)
    if filesystem is not None and (filesystem in NETWORK_FILESYSTEMS or filesystem.startswith("smb")):
        return _("The customer file lies on a network drive ({kind}).").format(kind=filesystem)
    return None


def _mount_type(path: str, mounts: str) -> str | None:
    """The file-system type of the longest mount point that holds `path`."""
    best, kind = "", None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, kind = point, fields[2]
    return kind
