"""The window's side of backups: a damaged file at start, restoring a copy, the daily copy at closing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMessageBox, QWidget

from emma.domain.errors import UserError
from emma.i18n import _
from emma.services import backups, bug_report
from emma.services.shop import Shop, open_shop
from emma.ui.widgets.progress_dialog import run_with_progress


def open_or_recover(db_path: Path, pool: QThreadPool) -> Shop | None:
    """Opens the customer file for the window; a damaged one is offered its newest good backup instead.

    None when the file stays closed (refused, or she chose not to restore); the reason was shown.
    """
    try:
        return open_shop(db_path, exclusive=True)
    except UserError as error:
        refused = error.message
    problem = backups.quick_check_file(db_path) if db_path.exists() else None
    if problem is None:  # in use, newer, another program's: nothing a backup mends
        QMessageBox.critical(None, _("Frau Emma"), refused)
        return None
    if not offer_newest_backup(None, db_path, problem, pool):
        return None
    try:
        return open_shop(db_path, exclusive=True)
    except UserError as error:
        QMessageBox.critical(None, _("Frau Emma"), error.message)
        return None


def offer_newest_backup(parent: QWidget | None, db_path: Path, problem: str, pool: QThreadPool) -> bool:
    """Says that the file is damaged and offers the newest backup that passes the check; True once restored.

    The file must be closed (the caller closed it, or it never opened).
    """
    good = backups.newest_good_backup(db_path)
    if good is None:
        QMessageBox.critical(parent, _("Frau Emma"), _(
            "The customer file {path} is damaged ({problem}) and there is no sound backup of it in {folder}. "
            "Please do not change the file; keep a copy of it and ask for help.").format(
            path=db_path, problem=problem, folder=backups.folder_of_file(db_path)))  # fmt: skip
        return False
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Frau Emma"))
    box.setText(_("The customer file is damaged."))
    box.setInformativeText(_(
        "{problem}\n\nThe newest sound backup is from {when}. Restore it? What was entered after it is lost; "
        "the damaged file is kept beside the backups.").format(
        problem=problem, when=good.made_at.strftime("%d.%m.%Y %H:%M")))  # fmt: skip
    restore = box.addButton(_("Restore the backup"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    return restore_with_progress(parent, db_path, good.path, pool) is not None


def restore_with_progress(
    parent: QWidget | None, db_path: Path, backup: Path, pool: QThreadPool
) -> backups.RestoreResult | None:
    """Restores `backup` over the (closed) file in a worker, then says what was kept; None when it failed."""

    def job(progress, cancelled):
        return backups.restore(db_path, backup, progress=progress, cancelled=cancelled)

    ok, result = run_with_progress(parent, _("Restoring the backup …"), job, pool)
    if not ok:
        _report(parent, result)
        return None
    kept = _("The file as it was is kept in {copy}.").format(copy=result.safety_copy) if result.safety_copy else ""
    QMessageBox.information(parent, _("Frau Emma"),
                            " ".join((_("The backup was restored."), kept)).strip())  # fmt: skip
    return result


def backup_on_close(shop: Shop, now: datetime) -> None:
    """The daily copy when the window has closed; a failure is said (the stick may be missing), never fatal."""
    try:
        backups.backup_if_due(shop, now)
    except Exception as error:
        _report(None, error)


def _report(parent: QWidget | None, error: object) -> None:
    if isinstance(error, UserError):
        QMessageBox.warning(parent, _("Backups"), error.message)
        return
    log = bug_report.write(error) if isinstance(error, BaseException) else None
    QMessageBox.warning(parent, _("Backups"), _("The backup failed. The details are written to {log}.").format(log=log))
