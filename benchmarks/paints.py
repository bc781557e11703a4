"""Counting the paints of a widget, for the timings of the offscreen windows (imported in their child processes,
where Qt is loaded, only)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


class PaintCounter(QObject):
    """An event filter that counts the paint events of the widget it is installed on."""

    paints = 0

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False
