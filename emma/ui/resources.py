"""The stylesheet and icons shipped with the package."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def icon(name: str) -> QIcon:
    return QIcon(str(RESOURCES / "icons" / f"{name}.svg"))


def stylesheet() -> str:
    return (RESOURCES / "style.qss").read_text(encoding="utf-8")
