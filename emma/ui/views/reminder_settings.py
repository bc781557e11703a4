"""Einstellungen → Erinnerungen: which reminders Heute shows, and when. Every change is saved at once."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from emma.domain.errors import UserError
from emma.domain.reminders import MAX_DAYS, ReminderSettings
from emma.i18n import _
from emma.services import reminders as reminder_service
from emma.services.shop import Shop


def _spin(minimum: int, maximum: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(minimum, maximum)
    spin.setSuffix(suffix)
    spin.setFixedWidth(110)
    return spin


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch()
    return row


class ReminderSettingsBox(QGroupBox):
    changed = Signal()

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        super().__init__(_("Reminders"), parent)
        self._shop = shop
        self.birthdays = QCheckBox(_("Birthdays"))
        self.anniversaries = QCheckBox(_("Customer anniversaries (1, 3, 5, 10 … years)"))
        self.first_purchase = QCheckBox(_("Thank-you after the first purchase, after"))
        self.win_back = QCheckBox(_("Win back a regular who stays away longer than"))
        self.stamp_cards = QCheckBox(_("Stamp cards: reward waiting or one stamp missing"))
        self.todos = QCheckBox(_("Your own reminders"))
        self.days_ahead = _spin(0, MAX_DAYS, _(" days"))
        self.first_purchase_after_days = _spin(1, 60, _(" days"))
        self.win_back_factor = _spin(2, 10, " ×")
        self.win_back_min_days = _spin(7, 365, _(" days"))

        rows = QVBoxLayout(self)
        rows.addLayout(_row(QLabel(_("Heute looks ahead")), self.days_ahead))
        rows.addLayout(_row(self.birthdays))
        rows.addLayout(_row(self.anniversaries))
        rows.addLayout(_row(self.first_purchase, self.first_purchase_after_days))
        rows.addLayout(_row(self.win_back))
        rhythm = _row(self.win_back_factor, QLabel(_("her usual days between visits, and at least")),
                      self.win_back_min_days)  # fmt: skip
        rhythm.setContentsMargins(24, 0, 0, 0)
        rows.addLayout(rhythm)
        rows.addLayout(_row(self.stamp_cards))
        rows.addLayout(_row(self.todos))

        self.reload()
        for box in self._checks().values():
            box.toggled.connect(self._save)
        for spin in self._spins().values():
            spin.valueChanged.connect(self._save)

    def _checks(self) -> dict[str, QCheckBox]:
        names = ("birthdays", "anniversaries", "first_purchase", "win_back", "stamp_cards", "todos")
        return {name: getattr(self, name) for name in names}

    def _spins(self) -> dict[str, QSpinBox]:
        names = ("days_ahead", "first_purchase_after_days", "win_back_factor", "win_back_min_days")
        return {name: getattr(self, name) for name in names}

    def reload(self) -> None:
        settings = reminder_service.reminder_settings(self._shop)
        for name, box in self._checks().items():
            box.blockSignals(True)
            box.setChecked(getattr(settings, name))
            box.blockSignals(False)
        for name, spin in self._spins().items():
            spin.blockSignals(True)
            spin.setValue(getattr(settings, name))
            spin.blockSignals(False)
        self._follow()

    def _follow(self) -> None:
        self.first_purchase_after_days.setEnabled(self.first_purchase.isChecked())
        self.win_back_factor.setEnabled(self.win_back.isChecked())
        self.win_back_min_days.setEnabled(self.win_back.isChecked())

    def _save(self) -> None:
        values = {name: box.isChecked() for name, box in self._checks().items()}
        values |= {name: spin.value() for name, spin in self._spins().items()}
        try:
            reminder_service.save_reminder_settings(self._shop, replace(ReminderSettings(), **values))
        except UserError:
            self.reload()  # the boxes only offer what is allowed; should one slip through, show what is kept
            return
        self._follow()
        self.changed.emit()
