"""The main window: a navigation of the shop's areas beside the area in use, a status bar below."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from emma.i18n import _
from emma.ui.resources import icon

BadgeRole = Qt.ItemDataRole.UserRole + 1


@dataclass
class Area:
    """One entry of the navigation: Heute, Kunden, Einstellungen (Briefe and Auswertung to come)."""

    key: str
    title: str
    icon: QIcon
    widget: QWidget


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings, shop_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._areas: list[Area] = []
        self.setWindowTitle(_("Frau Emma – {shop}").format(shop=shop_name) if shop_name else _("Frau Emma"))
        self.setWindowIcon(icon("app"))
        self.setMinimumSize(QSize(1000, 560))  # the list beside a readable customer panel

        self.navigation = QListWidget()
        self.navigation.setObjectName("Navigation")
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.navigation.setFixedWidth(200)
        self.stack = QStackedWidget()

        sidebar = QWidget()
        sidebar.setObjectName("Sidebar")
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        title = QLabel(_("Frau Emma"))
        title.setObjectName("AppTitle")
        subtitle = QLabel(shop_name or _("your customer file"))
        subtitle.setObjectName("AppSubtitle")
        subtitle.setWordWrap(True)
        side.addWidget(title)
        side.addWidget(subtitle)
        side.addWidget(self.navigation, 1)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)

    def add_area(self, area: Area) -> None:
        self._areas.append(area)
        number = len(self._areas)
        item = QListWidgetItem(area.icon, area.title)
        item.setToolTip(_("{area} (Ctrl+{n})").format(area=area.title, n=number))
        QShortcut(QKeySequence(f"Ctrl+{number}"), self, lambda: self.navigation.setCurrentRow(number - 1))
        item.setData(Qt.ItemDataRole.UserRole, area.key)
        self.navigation.addItem(item)
        self.stack.addWidget(area.widget)

    def show_area(self, key: str) -> None:
        for row, area in enumerate(self._areas):
            if area.key == key:
                self.navigation.setCurrentRow(row)
                return
        if self._areas:
            self.navigation.setCurrentRow(0)

    def current_area(self) -> str | None:
        row = self.navigation.currentRow()
        return self._areas[row].key if 0 <= row < len(self._areas) else None

    def set_customer_count(self, text: str) -> None:
        self.count_label.setText(text)

    def set_badge(self, key: str, count: int) -> None:
        """A number beside an area's name in the navigation (none for 0): what is waiting there."""
        for row, area in enumerate(self._areas):
            if area.key == key:
                item = self.navigation.item(row)
                item.setText(f"{area.title}  ({count})" if count else area.title)
                item.setData(BadgeRole, count)

    def restore_state(self, start_area: str) -> None:
        """The window's size and place as she left it; it opens on `start_area` (Heute)."""
        geometry = self._settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            screen = self.screen().availableGeometry()
            self.resize(min(1280, screen.width() - 40), min(800, screen.height() - 60))
        self.show_area(start_area)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.sync()
        super().closeEvent(event)
