"""The stylesheet and icons shipped with the package."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QIcon, QPixmap

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def icon(name: str) -> QIcon:
    return QIcon(str(RESOURCES / "icons" / f"{name}.svg"))


def navigation_icon(name: str) -> QIcon:
    """Light on the dark sidebar, dark on the light row of the area in use."""
    return _coloured(name, ((QIcon.Mode.Normal, "#e8efe9"), (QIcon.Mode.Selected, "#2f5d50")))


def light_icon(name: str) -> QIcon:
    """Light, for a dark button (the primary one)."""
    return _coloured(name, ((QIcon.Mode.Normal, "#ffffff"), (QIcon.Mode.Disabled, "#c9d3cf")))


def _coloured(name: str, colours: tuple[tuple[QIcon.Mode, str], ...]) -> QIcon:
    svg = (RESOURCES / "icons" / f"{name}.svg").read_text(encoding="utf-8")
    result = QIcon()
    for mode, colour in colours:
        pixmap = QPixmap()
        pixmap.loadFromData(QByteArray(svg.replace("#3b4a5a", colour).encode()), "SVG")
        result.addPixmap(pixmap, mode)
    return result


def stylesheet() -> str:
    """The stylesheet, with @ICONS@ pointing at the icon folder (Qt resolves url() from the working folder)."""
    icons = (RESOURCES / "icons").as_posix()
    return (RESOURCES / "style.qss").read_text(encoding="utf-8").replace("@ICONS@", icons)
