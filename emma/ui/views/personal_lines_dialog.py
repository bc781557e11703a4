"""Before a batch is printed: one personal sentence per customer, suggested from what she likes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from emma.i18n import _
from emma.services.letters import Recipient

MAX_LINE = 300


class PersonalLinesDialog(QDialog):
    NAME, LIKES, LINE = range(3)

    def __init__(self, recipients: list[Recipient], lines: dict[int, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Personal lines"))
        self.resize(900, 560)
        self._recipients = recipients
        hint = QLabel(_("One sentence of your own for each customer, printed in her letter (“{{ persoenlich }}”). "
                        "Suggested from what she likes; change it or clear it."))  # fmt: skip
        hint.setWordWrap(True)
        hint.setObjectName("FieldHint")
        self.table = QTableWidget(len(recipients), 3)
        self.table.setHorizontalHeaderLabels([_("Customer"), _("Likes"), _("Personal line")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.LINE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(self.NAME, 220)
        header.resizeSection(self.LIKES, 200)
        for row, recipient in enumerate(recipients):
            name = QTableWidgetItem(recipient.name + (f" ({recipient.left_out})" if recipient.left_out else ""))
            likes = QTableWidgetItem(recipient.likes)
            line = QTableWidgetItem(lines.get(recipient.customer_id, recipient.suggestion))
            for item in (name, likes):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if recipient.left_out:
                line.setFlags(line.flags() & ~Qt.ItemFlag.ItemIsEditable & ~Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, self.NAME, name)
            self.table.setItem(row, self.LIKES, likes)
            self.table.setItem(row, self.LINE, line)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def lines(self) -> dict[int, str]:
        """Her sentence by customer id (empty ones left out), each at most a few hundred characters."""
        found = {}
        for row, recipient in enumerate(self._recipients):
            text = " ".join(self.table.item(row, self.LINE).text().split())[:MAX_LINE]
            if text and not recipient.left_out:
                found[recipient.customer_id] = text
        return found
