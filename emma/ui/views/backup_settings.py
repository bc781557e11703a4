"""Einstellungen → Sicherungen: where the copies go, a backup now, the list of copies, restoring one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from emma.domain.backups import BackupKind
from emma.domain.errors import UserError
from emma.i18n import _
from emma.i18n.formats import format_date, format_number
from emma.services import backups
from emma.services.shop import Shop
from emma.ui.widgets.progress_dialog import run_with_progress

PathRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2


class BackupSettingsBox(QGroupBox):
    """Asks before a restore, then emits `restore_wanted`: the app closes the file, restores and reopens it."""

    restore_wanted = Signal(object)  # the backup's Path
    status_message = Signal(str)

    def __init__(self, shop: Shop, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(_("Backups"), parent)
        self._shop = shop
        self._locale = locale
        self._pool = QThreadPool(self)
        self.warning = QLabel()
        self.warning.setObjectName("BackupWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #a23b00;")
        self.folder_label = QLabel()
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        self.choose_button = QPushButton(_("Change folder …"))
        self.choose_button.setToolTip(_("e.g. a USB stick; the copies should not stay on the same disk only"))
        self.choose_button.clicked.connect(self.choose_folder)
        self.backup_button = QPushButton(_("Back up now"))
        self.backup_button.setObjectName("Primary")
        self.backup_button.clicked.connect(self.back_up_now)
        self.list = QTreeWidget()
        self.list.setHeaderLabels([_("Made on"), _("Size"), _("Why")])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMinimumHeight(150)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda _item, _column: self.ask_restore())
        self.restore_button = QPushButton(_("Restore …"))
        self.restore_button.clicked.connect(self.ask_restore)

        hint = QLabel(_("A copy is made when Frau Emma closes, once a day, and before every import, restore and "
                        "erasure. Kept: the last 7 days, 4 weeks and 12 months."))  # fmt: skip
        hint.setObjectName("CustomerSubline")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(hint)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Folder:")))
        row.addWidget(self.folder_label, 1)
        row.addWidget(self.choose_button)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch()
        layout.addLayout(buttons)
        warning = backups.place_warning(shop.path)
        self.warning.setText(warning or "")
        self.warning.setVisible(bool(warning))
        self.reload()

    def reload(self) -> None:
        try:
            folder = backups.backup_folder(self._shop)
            found = backups.list_backups(self._shop)
        except UserError as error:
            self.folder_label.setText(error.message)
            self.backup_button.setEnabled(False)
            found = []
        else:
            self.folder_label.setText(str(folder))
        self.list.clear()
        for info in found:
            when = "{date} {time}".format(date=format_date(info.made_at.date(), self._locale),
                                          time=info.made_at.strftime("%H:%M"))  # fmt: skip
            size = _("{size} MB").format(size=format_number(round(info.size / 1_000_000, 1), self._locale))
            item = QTreeWidgetItem([when, size, info.reason])
            item.setData(0, PathRole, str(info.path))
            item.setData(0, KindRole, info.kind.value)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if info.kind is BackupKind.DAMAGED:
                item.setForeground(2, Qt.GlobalColor.darkRed)
            self.list.addTopLevelItem(item)
        for column in range(2):
            self.list.resizeColumnToContents(column)
        self._update_buttons()

    def chosen_backup(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(0, PathRole)) if item is not None and item.isSelected() else None

    def choose_folder(self) -> None:
        start = self.folder_label.text()
        chosen = QFileDialog.getExistingDirectory(self, _("Folder for the backups"), start)
        if chosen:
            self.set_folder(Path(chosen))

    def set_folder(self, folder: Path) -> None:
        try:
            backups.set_backup_folder(self._shop, folder)
        except UserError as error:
            QMessageBox.warning(self, _("Backups"), error.message)
            return
        self.reload()

    def back_up_now(self) -> None:
        path, folder = self._shop.path, backups.backup_folder(self._shop)

        def job(progress, cancelled):
            # Paths only: the worker copies through a connection of its own.
            return backups.write_backup(path, folder, BackupKind.MANUAL, progress=progress, cancelled=cancelled)

        ok, result = run_with_progress(self, _("Backing up the customer file …"), job, self._pool)
        self.reload()
        if not ok:
            message = result.message if isinstance(result, UserError) else str(result)
            QMessageBox.warning(self, _("Backups"), message)
            return
        self.status_message.emit(_("Backup written to {path}.").format(path=result))

    def ask_restore(self) -> None:
        backup = self.chosen_backup()
        if backup is None:
            return
        item = self.list.currentItem()
        question = _(
            "Replace the customer file by the backup of {when}? Everything entered since is replaced too; "
            "the file as it is now is kept as a backup first."
        ).format(when=item.text(0))
        answer = QMessageBox.question(
            self,
            _("Restore backup"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_wanted.emit(backup)

    def _update_buttons(self) -> None:
        chosen = self.chosen_backup()
        damaged = chosen is not None and self.list.currentItem().data(0, KindRole) == BackupKind.DAMAGED.value
        self.restore_button.setEnabled(chosen is not None and not damaged)
