"""Hilfe → Über Frau Emma: the version, where the customer file is, the libraries and fonts with their licences."""

from __future__ import annotations

from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from emma import __version__
from emma.i18n import _
from emma.services import about
from emma.ui.resources import icon


class AboutDialog(QDialog):
    def __init__(self, shop_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About Frau Emma"))
        self.setMinimumSize(640, 560)
        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(64, 64))
        title = QLabel(_("Frau Emma"))
        title.setObjectName("WelcomeTitle")
        self.version_label = QLabel(_("Version {version}").format(version=__version__))
        self.version_label.setObjectName("WelcomeText")
        tagline = QLabel(_("The customer file for owner-run shops."))
        tagline.setObjectName("CustomerSubline")
        self.path_label = QLabel(
            _("Customer file: {path}").format(path=shop_path) if shop_path else _("Customer file: in memory only")
        )
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        words = QVBoxLayout()
        words.setSpacing(2)
        for label in (title, self.version_label, tagline):
            words.addWidget(label)
        head = QHBoxLayout()
        head.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        head.addSpacing(8)
        head.addLayout(words, 1)

        self.libraries = QTreeWidget()
        self.libraries.setHeaderLabels([_("Library"), _("Version"), _("Licence")])
        self.libraries.setRootIsDecorated(False)
        self.libraries.setAlternatingRowColors(True)
        rows = [about.python_component(), about.Component("Qt", qVersion(), "LGPL-3.0-only")]
        for component in rows + about.libraries():
            self.libraries.addTopLevelItem(QTreeWidgetItem([component.name, component.version, component.licence]))
        for column in range(2):
            self.libraries.resizeColumnToContents(column)
        libraries_page = QWidget()
        libraries_layout = QVBoxLayout(libraries_page)
        libraries_layout.addWidget(
            _hint(_("Frau Emma is built on free software. Qt for Python {version} is used under the LGPL 3; the "
                    "licence of each library is read from the library itself.").format(version=pyside_version))
        )  # fmt: skip
        libraries_layout.addWidget(self.libraries, 1)

        self.font_licence = QPlainTextEdit(about.font_licence_text())
        self.font_licence.setReadOnly(True)
        self.font_licence.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.font_licence.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        fonts_page = QWidget()
        fonts_layout = QVBoxLayout(fonts_page)
        fonts_layout.addWidget(
            _hint(_("Letters, cards and reports are set in {fonts}, under the licence of the Bitstream Vera and "
                    "DejaVu fonts:").format(fonts=", ".join(about.fonts())))
        )  # fmt: skip
        fonts_layout.addWidget(self.font_licence, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(libraries_page, _("Libraries"))
        self.tabs.addTab(fonts_page, _("Fonts"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 14)
        layout.addLayout(head)
        layout.addWidget(self.path_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def licences(self) -> dict[str, str]:
        """The licence shown per library, by name."""
        return {
            self.libraries.topLevelItem(row).text(0): self.libraries.topLevelItem(row).text(2)
            for row in range(self.libraries.topLevelItemCount())
        }


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("CustomerSubline")
    label.setWordWrap(True)
    return label
