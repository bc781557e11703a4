"""The stylesheet and icons shipped with the package."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def icon(name: str) -> QIcon:
    return QIcon(str(RESOURCES / "icons" / f"{name}.svg"))


def stylesheet() -> str:
    """The stylesheet, with @ICONS@ pointing at the icon folder (Qt resolves url() from the working folder)."""
    icons = (RESOURCES / "icons").as_posix()
    return (RESOURCES / "style.qss").read_text(encoding="utf-8").replace("@ICONS@", icons)
