"""The first window on an empty customer file: try the demo shop, or start empty."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from emma.i18n import _
from emma.ui.resources import icon


class WelcomeDialog(QDialog):
    DEMO = 2
    EMPTY = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Welcome to Frau Emma"))
        self.setMinimumWidth(560)
        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(72, 72))
        title = QLabel(_("Welcome to Frau Emma"))
        title.setObjectName("WelcomeTitle")
        text = QLabel(
            _(
                "Your customer file is still empty. Would you like to look around in a demo shop with "
                "sample customers first, or start right away with your own customers?"
            )
        )
        text.setObjectName("WelcomeText")
        text.setWordWrap(True)
        self.demo_button = QPushButton(_("Try it with a demo shop"))
        self.demo_button.setObjectName("Primary")
        self.empty_button = QPushButton(_("Start empty"))
        self.demo_button.clicked.connect(lambda: self.done(self.DEMO))
        self.empty_button.clicked.connect(lambda: self.done(self.EMPTY))

        head = QHBoxLayout()
        head.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.addWidget(title)
        words.addWidget(text)
        head.addLayout(words, 1)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.empty_button)
        buttons.addWidget(self.demo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 20)
        layout.setSpacing(18)
        layout.addLayout(head)
        layout.addLayout(buttons)
        self.demo_button.setDefault(True)  # only once the button is inside the dialog does this stick
        self.demo_button.setFocus()
