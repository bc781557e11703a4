"""One running Frau Emma per shop file: a lock beside the file, released by the system on exit."""

from __future__ import annotations

import os
from pathlib import Path

from emma.domain.errors import UserError
from emma.i18n import _

if os.name == "nt":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


class InstanceLock:
    """Held while the window is open. The operating system drops it if the program dies."""

    def __init__(self, database_path: Path) -> None:
        self.path = database_path.with_name(database_path.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise UserError(
                _("The lock file {path} cannot be created: {reason}").format(path=self.path, reason=error.strerror)
            ) from None
        if not _try_lock(fd):
            os.close(fd)
            raise UserError(_("Frau Emma is already open with this customer file. Please use that window."))
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
