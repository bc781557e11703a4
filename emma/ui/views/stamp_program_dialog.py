"""One stamp program: name, fields, reward, how stamps are earned, for which categories, how long valid."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from emma.domain.errors import UserError, ValidationError
from emma.domain.money import parse_amount
from emma.domain.stamps import MAX_REQUIRED, EarnRule, StampProgram
from emma.i18n import _


class StampProgramDialog(QDialog):
    def __init__(
        self,
        program: StampProgram | None,
        categories: list[str],
        save: Callable[[StampProgram], StampProgram],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._original = program
        self._save = save
        self.saved: StampProgram | None = None
        self.setWindowTitle(_("New stamp card") if program is None else _("Edit stamp card"))
        self.setMinimumWidth(520)
        program = program or StampProgram("", 10, "")

        self.name = QLineEdit(program.name)
        self.name.setPlaceholderText(_("e.g. Coffee card"))
        self.required = QSpinBox()
        self.required.setRange(1, MAX_REQUIRED)
        self.required.setValue(program.required)
        self.reward = QLineEdit(program.reward)
        self.reward.setPlaceholderText(_("e.g. 1 coffee free, 5 € off"))

        self.per_visit = QRadioButton(_("One stamp per visit, from"))
        self.per_amount = QRadioButton(_("One stamp per full"))
        group = QButtonGroup(self)
        group.addButton(self.per_visit)
        group.addButton(self.per_amount)
        (self.per_amount if program.rule is EarnRule.PER_AMOUNT else self.per_visit).setChecked(True)
        self.min_amount = QLineEdit(_cents_text(program.min_amount_cents))
        self.step = QLineEdit(_cents_text(program.step_cents or 1000))
        self.cap = QSpinBox()
        self.cap.setRange(0, 100)
        self.cap.setSpecialValueText(_("no cap"))
        self.cap.setValue(program.cap_per_purchase or 0)
        rule = QGroupBox(_("How stamps are earned"))
        grid = QGridLayout(rule)
        grid.addWidget(self.per_visit, 0, 0)
        grid.addWidget(self.min_amount, 0, 1)
        grid.addWidget(QLabel(_("€ purchase")), 0, 2)
        grid.addWidget(self.per_amount, 1, 0)
        grid.addWidget(self.step, 1, 1)
        grid.addWidget(QLabel(_("€ spent")), 1, 2)
        grid.addWidget(QLabel(_("at most per purchase")), 2, 0, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.cap, 2, 1)

        self.categories = QListWidget()
        self.categories.setMaximumHeight(110)
        for name in categories:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in program.categories else Qt.CheckState.Unchecked)
            self.categories.addItem(item)
        self.limited = QCheckBox(_("Valid for"))
        self.limited.setChecked(program.validity_months is not None)
        self.months = QSpinBox()
        self.months.setRange(1, 120)
        self.months.setSuffix(_(" months after the first stamp"))
        self.months.setValue(program.validity_months or 12)
        self.active = QCheckBox(_("Active (paused cards earn no stamps)"))
        self.active.setChecked(program.active)
        self.error = QLabel()
        self.error.setObjectName("FieldError")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(_("Name"), self.name)
        form.addRow(_("Stamps for a full card"), self.required)
        form.addRow(_("Reward"), self.reward)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save_it)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(rule)
        if categories:
            layout.addWidget(QLabel(_("Only for these categories (none ticked: every purchase counts)")))
            layout.addWidget(self.categories)
        validity = QGridLayout()
        validity.addWidget(self.limited, 0, 0)
        validity.addWidget(self.months, 0, 1)
        layout.addLayout(validity)
        layout.addWidget(self.active)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.name.setFocus()

    def program(self) -> StampProgram:
        """The program as the dialog shows it; amounts that cannot be read raise a UserError."""
        chosen = [
            self.categories.item(row).text()
            for row in range(self.categories.count())
            if self.categories.item(row).checkState() == Qt.CheckState.Checked
        ]
        per_amount = self.per_amount.isChecked()
        return StampProgram(
            id=self._original.id if self._original else None,
            name=self.name.text().strip(),
            required=self.required.value(),
            reward=self.reward.text().strip(),
            rule=EarnRule.PER_AMOUNT if per_amount else EarnRule.PER_VISIT,
            min_amount_cents=0 if per_amount else _cents_or_zero(self.min_amount.text()),
            step_cents=parse_amount(self.step.text()) if per_amount else 0,
            cap_per_purchase=(self.cap.value() or None) if per_amount else None,
            categories=tuple(chosen),
            validity_months=self.months.value() if self.limited.isChecked() else None,
            active=self.active.isChecked(),
        )

    def _save_it(self) -> None:
        try:
            self.saved = self._save(self.program())
        except ValidationError as error:
            self.error.setText("\n".join(error.problems.values()))
            return
        except UserError as error:
            QMessageBox.warning(self, _("Not saved"), error.message)
            return
        self.accept()


def _cents_text(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d}"


def _cents_or_zero(text: str) -> int:
    return parse_amount(text) if text.strip() else 0
