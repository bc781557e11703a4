"""Choosing a day from a calendar, for "remind me again on …" and a to-do's day."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QCalendarWidget, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class DayPicker(QDialog):
    def __init__(self, parent: QWidget | None, title: str, day: date, *, minimum: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.calendar = QCalendarWidget()
        self.calendar.setLocale(QLocale())
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        if minimum is not None:
            self.calendar.setMinimumDate(QDate(minimum.year, minimum.month, minimum.day))
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.calendar.activated.connect(lambda _day: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(title))
        layout.addWidget(self.calendar)
        layout.addWidget(buttons)

    def day(self) -> date:
        chosen = self.calendar.selectedDate()
        return date(chosen.year(), chosen.month(), chosen.day())


def pick_day(parent: QWidget | None, title: str, day: date, *, minimum: date | None = None) -> date | None:
    """The day chosen, or None when the owner cancels."""
    picker = DayPicker(parent, title, day, minimum=minimum)
    return picker.day() if picker.exec() == QDialog.DialogCode.Accepted else None
